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

// The wasm is fetched at once and compiled as it streams in, while the JS glue loads rather
// than after it (measured: README, Benchmarks). Served as another type than application/wasm,
// which streaming refuses before reading it, it is read whole and then compiled; a file that
// does not compile (damaged, cut short) is not read twice. Its failure is told below, once the
// glue awaits it; until then it is marked as handled. The page's preload of the wasm
// (index.html, and the README's snippet: as="fetch" crossorigin) matches this fetch (CORS
// mode, same-origin credentials), so the file is fetched once, with the page; the comment
// that says so lives here, not in index.html, where it would be sent to every visitor.
const WASM = "retention-calculator_bg.wasm";
const wasm = fetch(new URL(WASM, import.meta.url)).then((response) =>
  WebAssembly.compileStreaming(response).catch((error) =>
    error instanceof WebAssembly.CompileError ? Promise.reject(error) : response.arrayBuffer().then((bytes) => WebAssembly.compile(bytes)),
  ),
);
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

// The calculator draws dark text on the page's own background. Where that background is too
// dark for it (contrast under 4.5 : 1, WCAG AA), the calculator brings a light surface of its
// own: data-surface="paper" (styles/calculator.css). Not where the page sets the attribute
// itself or themes the calculator with --rc-bg or --rc-text, nor where it cannot tell (an
// image behind it, a colour it cannot read).
const TEXT = [0x1f, 0x29, 0x37]; // calculator.css: --_text
const surface = (el) => {
  const style = getComputedStyle(el);
  if (el.hasAttribute("data-surface") || style.getPropertyValue("--rc-bg") || style.getPropertyValue("--rc-text")) return;
  const back = behind(el);
  if (back && contrast(TEXT, back) < 4.5) el.setAttribute("data-surface", "paper");
};
/** The colour behind `el`: its own and its ancestors' backgrounds over the canvas; null when unknown. */
const behind = (el) => {
  const layers = [];
  for (let e = el; e; e = e.parentElement) {
    const style = getComputedStyle(e);
    if (style.backgroundImage !== "none") return null;
    const m = style.backgroundColor.match(/^rgba?\(([\d.]+), ([\d.]+), ([\d.]+)(?:, ([\d.]+))?\)$/);
    if (!m) return null;
    const c = [m[1], m[2], m[3], m[4] ?? 1].map(Number);
    if (c[3] > 0) layers.push(c);
    if (c[3] === 1) break;
  }
  // The canvas is dark where the page asks for a dark colour scheme (and the reader has one).
  const scheme = getComputedStyle(document.documentElement).colorScheme;
  const dark = /dark/.test(scheme) && (!/light/.test(scheme) || matchMedia("(prefers-color-scheme: dark)").matches);
  const canvas = dark ? [18, 18, 18] : [255, 255, 255];
  return layers.reduceRight((under, [r, g, b, a]) => [r, g, b].map((v, i) => v * a + under[i] * (1 - a)), canvas);
};
const luminance = (rgb) =>
  rgb.reduce((sum, v, i) => {
    const s = v / 255;
    return sum + (s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4) * [0.2126, 0.7152, 0.0722][i];
  }, 0);
const contrast = (a, b) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
};
// The calculator's sizes are in rem, the page's root font size. A page that shrinks that below
// the reader's own size (Bootstrap 3's 10px, `html { font-size: 62.5% }`) would shrink its text
// to 8–10 px: it is drawn at the reader's size instead (CSS zoom). A larger root is followed.
const scale = (el) => {
  const probe = document.createElement("span");
  probe.style.fontSize = "medium";
  document.documentElement.append(probe);
  const reader = parseFloat(getComputedStyle(probe).fontSize);
  probe.remove();
  const root = parseFloat(getComputedStyle(document.documentElement).fontSize);
  if (root > 0 && reader > root) el.style.zoom = String(reader / root);
};
/** What a calculator needs from the page around it, before its first paint. */
const fit = (el) => {
  surface(el);
  scale(el);
};
const marked = () => document.querySelectorAll("[data-retention-calculator]");

let glue;
try {
  glue = await import("./retention-calculator.js");
  await glue.default({ module_or_path: wasm });
  // The wasm has mounted the calculators by now, before their first paint: fitted here,
  // where the page's styles are computed anyway, rather than before the wasm starts
  // compiling, which they would hold up (measured: about 15 ms to the first figure).
  marked().forEach(fit);
} catch (error) {
  // The violation event is queued as a task of its own: let it arrive.
  await new Promise((resolve) => setTimeout(resolve, 50));
  failed(error);
  throw error;
} finally {
  document.removeEventListener("securitypolicyviolation", watch);
}
// Calculators added later are fitted too.
export const mount = (el) => {
  fit(el);
  return glue.mount(el);
};
export const mountAll = () => {
  marked().forEach(fit);
  return glue.mountAll();
};
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
      : globalThis.WebAssembly && error instanceof WebAssembly.CompileError
        ? nl
          ? `De calculator kan niet starten: zijn bestand ${WASM} op ${host} is beschadigd of onvolledig. Zet het opnieuw op de server (met FTP: binair).`
          : `The calculator cannot start: its file ${WASM} on ${host} is damaged or incomplete. Upload it again (by FTP: in binary mode).`
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
