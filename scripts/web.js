#!/usr/bin/env node
/**
 * `npm run web`: the web page (dist/web.html) on a local static server bound to the loopback interface only
 * (http://127.0.0.1:8080/ by default; SHNOR_WEB_PORT or --port N for another port, 0 for any free one). Builds dist/
 * first when it has no web page yet. Serves only the files of dist/, with the page's Content-Security-Policy as a
 * header too; it receives nothing — the page reads the user's files in the browser.
 */
"use strict";

const fs = require("fs");
const http = require("http");
const path = require("path");
const { spawnSync } = require("child_process");

const ROOT = path.resolve(__dirname, "..");
const DIST = path.join(ROOT, "dist");
/**
 * The page's own Content-Security-Policy (its meta tag), sent as a header too, with what only a header can say (no
 * framing). Read from the built page, so the two never differ.
 */
function pageCsp(dist = DIST) {
  const html = fs.readFileSync(path.join(dist, "web.html"), "utf8");
  const m = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html);
  if (!m) throw new Error("в dist/web.html нет Content-Security-Policy");
  return `${m[1]}; frame-ancestors 'none'`;
}

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".css": "text/css; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
};

/** The file of dist/ a request path names, or null (outside dist/, missing, a folder). */
function fileFor(dist, urlPath) {
  let rel;
  try {
    rel = decodeURIComponent(urlPath.split(/[?#]/)[0]);
  } catch {
    return null;
  }
  if (rel === "/" || rel === "") rel = "/web.html";
  if (rel.includes("\0")) return null;
  const file = path.resolve(dist, `.${path.posix.normalize(rel)}`);
  if (file !== dist && !file.startsWith(dist + path.sep)) return null;
  try {
    return fs.statSync(file).isFile() ? file : null;
  } catch {
    return null;
  }
}

/** A server for `dist` (not listening yet). */
function createServer(dist = DIST) {
  const csp = pageCsp(dist);
  return http.createServer((req, res) => {
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { Allow: "GET, HEAD" }).end();
      return;
    }
    const file = fileFor(dist, req.url || "/");
    if (!file) {
      res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" }).end("Не найдено");
      return;
    }
    const headers = {
      "Content-Type": TYPES[path.extname(file).toLowerCase()] || "application/octet-stream",
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "no-referrer",
      "Cache-Control": "no-cache",
    };
    // The web page's policy for the web page (the add-in's pages in dist/ load Office.js and have their own rules).
    if (path.basename(file) === "web.html") headers["Content-Security-Policy"] = csp;
    res.writeHead(200, headers);
    if (req.method === "HEAD") res.end();
    else fs.createReadStream(file).pipe(res);
  });
}

function portFrom(argv, env) {
  const i = argv.indexOf("--port");
  const raw = i >= 0 ? argv[i + 1] : env.SHNOR_WEB_PORT;
  if (raw === undefined || raw === "") return 8080;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`неверный порт: «${raw}»`);
  return n;
}

function main(argv = process.argv.slice(2), env = process.env) {
  let port;
  try {
    port = portFrom(argv, env);
  } catch (e) {
    console.error(`ШНОР: ${e.message}`);
    process.exit(2);
  }
  if (!fs.existsSync(path.join(DIST, "web.html"))) {
    console.log("ШНОР: собираю страницу (npm run build)…");
    const r = spawnSync(
      process.execPath,
      [path.join(ROOT, "node_modules/webpack/bin/webpack.js"), "--mode", "production"],
      {
        cwd: ROOT,
        stdio: "inherit",
      },
    );
    if (r.status !== 0) process.exit(r.status || 1);
  }
  const server = createServer();
  server.on("error", (e) => {
    console.error(
      e && e.code === "EADDRINUSE"
        ? `ШНОР: порт ${port} занят — укажите другой: npm run web -- --port 8081`
        : `ШНОР: сервер не запущен: ${e.message}`,
    );
    process.exit(2);
  });
  server.listen(port, "127.0.0.1", () => {
    const url = `http://127.0.0.1:${server.address().port}/`;
    console.log(`ШНОР: страница открыта по адресу ${url}`);
    console.log("Откройте его в браузере (файлы читаются в браузере и никуда не отправляются). Остановить: Ctrl+C.");
  });
}

if (require.main === module) main();

module.exports = { createServer, fileFor, portFrom, pageCsp };
