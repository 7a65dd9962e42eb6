#!/usr/bin/env node
// Tiny static file server for dist/, with no dependencies so it runs before `npm ci`.
// Loopback only: it is for local viewing and tests, never for the network.
//
//   node scripts/static-server.mjs [--root DIR] [--port N] [--csp "<policy>"] [--no-cors]
//
// Every response carries `Access-Control-Allow-Origin: *` (unless --no-cors), so that a page on
// another origin can load the calculator: a module script, the wasm it fetches and the import
// worker's script are all fetched in CORS mode. The files are public and nothing is sent with
// credentials, so `*` is enough.
//
// --port 0 picks a free port. The first stdout line is `listening on http://127.0.0.1:PORT`,
// so a test can read the port. Node tests can call startServer() in-process instead.
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

const HOST = "127.0.0.1";
const DEFAULT_ROOT = fileURLToPath(new URL("../dist", import.meta.url));

// .d.ts falls under .ts, since path.extname("x.d.ts") is ".ts".
const MIME_TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".ts": "application/typescript; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
  ".md": "text/markdown; charset=utf-8",
  ".woff2": "font/woff2",
};

export function mimeType(file, types = {}) {
  const ext = path.extname(file).toLowerCase();
  return types[ext] ?? MIME_TYPES[ext] ?? "application/octet-stream";
}

function send(res, status, body, headers = {}) {
  res.writeHead(status, { "Content-Type": "text/plain; charset=utf-8", ...headers });
  res.end(body);
}

// `cors`: true, false, or a function of the path that says whether to allow other origins.
// `types`: extension → Content-Type, over the defaults (a test's misconfigured host).
function handler(root, csp, cors, types) {
  return (req, res) => {
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Cache-Control", "no-store");
    if (csp) res.setHeader("Content-Security-Policy", csp);
    const urlPath = req.url.split("?")[0];
    if (cors === true || (typeof cors === "function" && cors(urlPath))) {
      res.setHeader("Access-Control-Allow-Origin", "*");
    }
    if (req.method !== "GET" && req.method !== "HEAD") {
      return send(res, 405, "method not allowed\n", { Allow: "GET, HEAD" });
    }

    let rawPath, pathname;
    try {
      rawPath = new URL(req.url, `http://${HOST}`).pathname;
      pathname = decodeURIComponent(rawPath);
    } catch {
      return send(res, 400, "bad request\n");
    }
    // Decoding can turn %2f and %2e back into separators and dots: check the resolved path.
    const file = path.resolve(root, "." + pathname);
    if (pathname.includes("\0") || (file !== root && !file.startsWith(root + path.sep))) {
      return send(res, 403, "forbidden\n");
    }

    fs.stat(file, (err, stat) => {
      if (err) return send(res, 404, "not found\n");
      if (stat.isDirectory()) {
        // Without the trailing slash, relative URLs in index.html would resolve one level up.
        if (!pathname.endsWith("/")) {
          return send(res, 301, "moved\n", { Location: rawPath + "/" });
        }
        return serveFile(path.join(file, "index.html"), req, res, undefined, types);
      }
      serveFile(file, req, res, stat, types);
    });
  };
}

function serveFile(file, req, res, stat, types) {
  if (!stat) {
    return fs.stat(file, (err, s) =>
      err || !s.isFile() ? send(res, 404, "not found\n") : serveFile(file, req, res, s, types),
    );
  }
  if (!stat.isFile()) return send(res, 404, "not found\n");
  res.writeHead(200, { "Content-Type": mimeType(file, types), "Content-Length": stat.size });
  if (req.method === "HEAD") return res.end();
  fs.createReadStream(file)
    .on("error", () => res.destroy())
    .pipe(res);
}

/**
 * Starts the server. Resolves to { url, port, server, close } once it listens.
 * `cors` (default true) sends `Access-Control-Allow-Origin: *`; false leaves it out, and a
 * function of the request path decides per file (for tests of a half-configured host).
 * `types` maps a file extension to the Content-Type to send instead of the usual one.
 * @param {{root?: string, port?: number, csp?: string, cors?: boolean | ((path: string) => boolean), types?: Record<string, string>}} [options]
 */
export function startServer({ root = DEFAULT_ROOT, port = 0, csp, cors = true, types = {} } = {}) {
  const absRoot = fs.realpathSync(path.resolve(root));
  const server = http.createServer(handler(absRoot, csp, cors, types));
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, HOST, () => {
      const actual = server.address().port;
      resolve({
        url: `http://${HOST}:${actual}`,
        port: actual,
        server,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

async function main() {
  const { values } = parseArgs({
    options: {
      root: { type: "string", default: DEFAULT_ROOT },
      port: { type: "string", default: "8080" },
      csp: { type: "string" },
      "no-cors": { type: "boolean", default: false },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port must be 0..65535, got ${values.port}`);
  }
  if (!fs.existsSync(values.root)) throw new Error(`--root ${values.root} does not exist`);
  const { url } = await startServer({ root: values.root, port, csp: values.csp, cors: !values["no-cors"] });
  console.log(`listening on ${url}`);
  console.log(`serving ${path.resolve(values.root)}${values.csp ? ` with CSP: ${values.csp}` : ""}`);
}

const invokedDirectly =
  process.argv[1] && import.meta.url === pathToFileURL(fs.realpathSync(process.argv[1])).href;
if (invokedDirectly) {
  main().catch((err) => {
    console.error(`static-server: ${err.message}`);
    process.exit(1);
  });
}
