/**
 * `npm run web` (issue 17): the local static server for dist/ — loopback only in the script, files of dist/ only,
 * the web page's CSP as a header on the web page.
 */
import fs from "fs";
import type http from "http";
import type { AddressInfo } from "net";
import os from "os";
import path from "path";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const web = require("../../../scripts/web.js") as {
  createServer(dist: string): http.Server;
  fileFor(dist: string, url: string): string | null;
  portFrom(argv: string[], env: Record<string, string | undefined>): number;
};

const CSP = "default-src 'self'; object-src 'none'";

describe("npm run web: the local server (issue 17)", () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "shnor-web-"));
  const dist = path.join(root, "dist");
  let server: http.Server;
  let base: string;
  beforeAll(async () => {
    fs.mkdirSync(dist);
    fs.writeFileSync(
      path.join(dist, "web.html"),
      `<meta http-equiv="Content-Security-Policy" content="${CSP}" /><p>страница</p>`,
    );
    fs.writeFileSync(path.join(dist, "web.js"), "1;");
    fs.writeFileSync(path.join(dist, "taskpane.html"), "<p>pane</p>");
    fs.writeFileSync(path.join(root, "secret.txt"), "no");
    server = web.createServer(dist);
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    fs.rmSync(root, { recursive: true, force: true });
  });

  test("/ is the web page, with the page's own CSP as a header (plus no framing); other pages without it", async () => {
    const r = await fetch(`${base}/`);
    expect(r.status).toBe(200);
    expect(await r.text()).toContain("страница");
    expect(r.headers.get("content-security-policy")).toBe(`${CSP}; frame-ancestors 'none'`);
    expect(r.headers.get("x-content-type-options")).toBe("nosniff");
    const js = await fetch(`${base}/web.js`);
    expect(js.headers.get("content-type")).toMatch(/^text\/javascript/);
    expect((await fetch(`${base}/taskpane.html`)).headers.get("content-security-policy")).toBeNull();
  });

  test("nothing outside dist/ is served; only GET and HEAD", async () => {
    expect((await fetch(`${base}/../secret.txt`)).status).toBe(404);
    expect((await fetch(`${base}/%2e%2e/secret.txt`)).status).toBe(404);
    expect((await fetch(`${base}/nope.js`)).status).toBe(404);
    expect((await fetch(`${base}/web.js`, { method: "POST", body: "x" })).status).toBe(405);
    expect(web.fileFor(dist, "/%E0%A4%A")).toBeNull();
    expect(web.fileFor(dist, "/web.js?v=1")).toBe(path.join(dist, "web.js"));
  });

  test("port: 8080 by default, SHNOR_WEB_PORT or --port; a bad one is refused", () => {
    expect(web.portFrom([], {})).toBe(8080);
    expect(web.portFrom([], { SHNOR_WEB_PORT: "9000" })).toBe(9000);
    expect(web.portFrom(["--port", "0"], { SHNOR_WEB_PORT: "9000" })).toBe(0);
    expect(() => web.portFrom(["--port", "http"], {})).toThrow(/неверный порт/);
  });

  test("the script binds to the loopback interface only", () => {
    const src = fs.readFileSync(path.resolve(__dirname, "../../../scripts/web.js"), "utf8");
    expect(src).toMatch(/server\.listen\(port, "127\.0\.0\.1"/);
  });
});
