// node scripts/short-names.mjs dist/NAME.js...: gives each module's wasm imports and exports
// short names, in the wasm and in its JS glue.
//
// wasm-bindgen names every JS function the wasm calls after the function and a hash
// (`__wbg_addEventListener_f2d27251d333a631`): about 120 of them in the calculator's first
// module, each written once in the wasm and once in the glue. Random hex compresses badly, so
// they cost about 3 KB after brotli. binaryen's wasm-opt renames them
// (--minify-imports-and-exports-and-modules) and prints what it renamed; this script then
// renames the same in the glue: the keys of its import object, its module's name, and every
// `wasm.export`. It stops the build if the glue then uses a name the wasm does not have, in
// either direction. The same wasm-opt run drops the two custom sections only tools read, what
// built the wasm (producers) and its target features: 0.2 KB of the page's first download. It
// is the modules' last wasm-opt run, since wasm-opt reads the features from that section.
import { execFileSync } from "node:child_process";
import fs from "node:fs";

const imports = (bytes) => WebAssembly.Module.imports(new WebAssembly.Module(bytes));
const exports = (bytes) => WebAssembly.Module.exports(new WebAssembly.Module(bytes)).map((e) => e.name);
const escape = (s) => s.replace(/[$]/g, "\\$&");

for (const js of process.argv.slice(2)) {
  const wasm = js.replace(/\.js$/, "_bg.wasm");
  const passes = ["--minify-imports-and-exports-and-modules", "--strip-producers", "--strip-target-features"];
  const printed = execFileSync("wasm-opt", [wasm, ...passes, "-o", wasm], {
    encoding: "utf8",
    maxBuffer: 1 << 26,
  });
  const renamed = JSON.parse(printed.slice(printed.indexOf("{")));
  const bytes = fs.readFileSync(wasm);
  const after = imports(bytes);
  let glue = fs.readFileSync(js, "utf8");

  // The module each renamed import now comes from.
  const modules = new Map(renamed.imports.map(([from, , to]) => [from, after.find((imp) => imp.name === to).module]));
  for (const [from, to] of modules) glue = glue.split(`${JSON.stringify(from)}:`).join(`${JSON.stringify(to)}:`);
  for (const [, from, to] of renamed.imports) {
    glue = glue.replace(new RegExp(`(?<=[\\s{,])${escape(from)}(?=:)`, "g"), to);
  }
  for (const [from, to] of renamed.exports) {
    glue = glue.replace(new RegExp(`\\bwasm\\.${escape(from)}\\b`, "g"), `wasm.${to}`);
  }

  const has = new Set(exports(bytes));
  const used = [...glue.matchAll(/\bwasm\.([\w$]+)/g)].map((m) => m[1]);
  const missing = [...new Set(used.filter((name) => !has.has(name)))];
  const unmet = after.filter((imp) => !new RegExp(`(?<=[\\s{,])${escape(imp.name)}(?=:)`).test(glue));
  if (missing.length || unmet.length) {
    throw new Error(`${js}: after renaming, the glue uses ${missing} and lacks ${unmet.map((i) => i.name)}`);
  }
  fs.writeFileSync(js, glue);
  console.log(`${js}: ${renamed.imports.length} imports and ${renamed.exports.length} exports renamed`);
}
