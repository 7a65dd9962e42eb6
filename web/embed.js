// The calculator's loader. A page includes it once:
//   <script type="module" src="embed.js"></script>
// It loads the wasm next to it, which mounts a calculator on every element with a
// data-retention-calculator attribute. Calculators added later: RetentionCalculator.mount(el).
import init, { mount, mountAll } from "./retention-calculator.js";

// Where this file lives: the calculator starts its import worker (import-worker.js) from
// here, wherever the page itself is.
globalThis.retentionCalculatorBase = new URL(".", import.meta.url).href;

await init();

window.RetentionCalculator = { mount, mountAll };

// When our own page runs inside an iframe, tell the parent how tall it is, so that the parent's
// frame.js can size the iframe to fit. The height is not secret, so any parent may read it;
// frame.js on the parent checks that the message really comes from its calculator iframe.
if (window.parent !== window && document.documentElement.hasAttribute("data-report-height")) {
  const report = () =>
    window.parent.postMessage(
      {
        type: "retention-calculator:height",
        height: Math.ceil(document.documentElement.getBoundingClientRect().height),
      },
      "*",
    );
  new ResizeObserver(report).observe(document.documentElement);
}

export { mount, mountAll };
