#!/usr/bin/env node
// Writes one classic script that holds the whole calculator, wasm included (base64), so a
// page opened from file:// works: browsers refuse ES modules and fetch() there.
//
//   node scripts/standalone.mjs GLUE.js APP_bg.wasm OUT.js
//
// GLUE.js is wasm-bindgen's `--target no-modules` output, which defines `wasm_bindgen`.
import fs from "node:fs";

const [glue, wasm, out] = process.argv.slice(2);
if (!out) {
  console.error("usage: node scripts/standalone.mjs GLUE.js APP_bg.wasm OUT.js");
  process.exit(2);
}
const base64 = fs.readFileSync(wasm).toString("base64");
const script = `// Retention calculator, stand-alone build: one classic script, no other files needed.
// <script src="retention-calculator.standalone.js"></script> mounts a calculator on every
// element with a data-retention-calculator attribute, also from file://.
(function () {
${fs.readFileSync(glue, "utf8")}
function start() {
  var bytes = Uint8Array.from(atob("${base64}"), function (c) { return c.charCodeAt(0); });
  wasm_bindgen({ module_or_path: bytes }).then(function () {
    window.RetentionCalculator = { mount: wasm_bindgen.mount, mountAll: wasm_bindgen.mountAll };
  });
}
// A classic script in <head> runs before the body exists; the calculator mounts on elements
// of the body, so start once the document is parsed.
if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", start);
} else {
  start();
}
})();
`;
fs.writeFileSync(out, script);
console.log(`wrote ${out} (${script.length} bytes)`);
