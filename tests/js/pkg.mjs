// What the JS API tests share: the core's package (dist/pkg, built by scripts/build.sh) loaded
// as a Node user loads it, and the check that its TypeScript types name what the calls return.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const PKG = fileURLToPath(new URL("../../dist/pkg/", import.meta.url));

/** The package's API, initialised, and its .d.ts text. */
export async function loadPkg() {
  const wasm = path.join(PKG, "retention_core_bg.wasm");
  assert.ok(fs.existsSync(wasm), `${wasm} is missing: run scripts/build.sh first`);
  const api = await import(pathToFileURL(path.join(PKG, "retention_core.js")));
  await api.default({ module_or_path: fs.readFileSync(wasm) });
  const dts = fs.readFileSync(path.join(PKG, "retention_core.d.ts"), "utf8");
  return { api, dts };
}

/**
 * Asserts that `dts` names every key of every object in `results`, and every value of the
 * keys in `named` (names from a closed set, which the .d.ts must list).
 */
export function assertTypesName(dts, results, named) {
  const missing = new Set();
  const walk = (value, key) => {
    if (Array.isArray(value)) return value.forEach((v) => walk(v, key));
    if (value && typeof value === "object") {
      for (const [k, v] of Object.entries(value)) {
        if (!new RegExp(`\\b${k}\\??: `).test(dts)) missing.add(`key ${k}`);
        walk(v, k);
      }
    } else if (typeof value === "string" && named.includes(key) && !dts.includes(`"${value}"`)) {
      missing.add(`${key} "${value}"`);
    }
  };
  results.forEach((r) => walk(r, ""));
  assert.deepEqual([...missing], []);
}
