// The calculator's loader. A page includes it once, from this host or any other:
//   <script type="module" src="https://your.host/calculator/embed.js"></script>
// It loads the wasm next to it, which mounts a calculator on every element with a
// data-retention-calculator attribute. Calculators added later: RetentionCalculator.mount(el).
// From another origin, the host must send Access-Control-Allow-Origin (README: "Embed on your
// site"); if the calculator cannot start, each element says why instead of staying blank.

// Where this file lives: the calculator starts its import worker (import-worker.js) from
// here, wherever the page itself is.
const base = new URL(".", import.meta.url);
globalThis.retentionCalculatorBase = base.href;

// The first rule of the page's Content-Security-Policy that refuses our files or our wasm.
let refused = null;
const watch = (e) => {
  if (e.blockedURI === "wasm-eval" || e.blockedURI.startsWith(base.origin)) refused ??= e;
};
document.addEventListener("securitypolicyviolation", watch);

// The wasm is fetched at once, alongside its JS glue rather than after it, and compiled as
// it streams in (served as application/wasm). Its failure is told below, once the glue
// awaits it; until then it is marked as handled.
const wasm = fetch(new URL("retention-calculator_bg.wasm", import.meta.url));
wasm.catch(() => {});

// The parts that load later (src/parts.rs): "details" (every other figure, charts, what-if,
// periods, share) and "tools" (import, members, NPS). A calculator asks for a part once its
// first screen is drawn and the part is wanted; each loads once for all calculators.
const parts = new Map();
globalThis.retentionCalculatorPart ??= (name) => {
  if (name !== "details" && name !== "tools") return Promise.reject(new Error(`no part ${name}`));
  if (!parts.has(name)) {
    parts.set(
      name,
      import(`./retention-${name}.js`).then(async (module) => {
        await module.default({ module_or_path: fetch(new URL(`retention-${name}_bg.wasm`, import.meta.url)) });
        return module;
      }),
    );
  }
  return parts.get(name);
};

let glue;
try {
  glue = await import("./retention-calculator.js");
  await glue.default({ module_or_path: wasm });
} catch (error) {
  // The violation event is queued as a task of its own: let it arrive.
  await new Promise((resolve) => setTimeout(resolve, 50));
  failed(error);
  throw error;
} finally {
  document.removeEventListener("securitypolicyviolation", watch);
}
export const { mount, mountAll } = glue;
window.RetentionCalculator = { mount, mountAll };

/** Puts on every calculator element, in its language, why the calculator could not start. */
function failed(error) {
  const rule = refused?.blockedURI === "wasm-eval" ? "script-src 'wasm-unsafe-eval'" : refused?.effectiveDirective;
  const host = base.origin;
  for (const el of document.querySelectorAll("[data-retention-calculator]")) {
    const lang = el.getAttribute("data-locale") || document.documentElement.lang || navigator.language || "";
    const nl = /^nl\b/i.test(lang);
    const text = rule
      ? nl
        ? `De calculator kan niet starten: het beveiligingsbeleid van deze pagina (Content-Security-Policy) blokkeert hem met de regel ${rule}. De beheerder van de site kan hem toestaan, zoals de handleiding van de calculator beschrijft.`
        : `The calculator cannot start: this page's security policy (Content-Security-Policy) blocks it with the rule ${rule}. The site's owner can allow it, as the calculator's manual describes.`
      : error instanceof TypeError
        ? nl
          ? `De calculator kan niet starten: zijn bestanden op ${host} konden niet worden geladen. Die server is onbereikbaar, of staat deze site niet toe (hij stuurt geen CORS-header Access-Control-Allow-Origin).`
          : `The calculator cannot start: its files on ${host} could not be loaded. That server is unreachable, or does not allow this site (it sends no CORS header Access-Control-Allow-Origin).`
        : nl
          ? "De calculator kan niet starten in deze browser: hij heeft WebAssembly nodig."
          : "The calculator cannot start in this browser: it needs WebAssembly.";
    const p = document.createElement("p");
    p.setAttribute("role", "alert");
    p.setAttribute("data-retention-calculator-failed", "");
    p.textContent = text;
    (el.shadowRoot ?? el.attachShadow({ mode: "open" })).replaceChildren(p);
  }
}

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
