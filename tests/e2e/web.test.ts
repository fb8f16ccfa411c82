/**
 * End-to-end (issue 17), in Debian's Chromium, on the BUILT pages served by the real `npm run web` server
 * (scripts/web.js):
 * - the web page: the sample register opened through the file input, the list built, the download read back with
 *   the project's reader and compared with the engine's plan (R-LOW, R-SHNOR, R-LIST); several files; no request but
 *   the page's own files, a Content-Security-Policy with no other origin and no violation, no Office.js; opened from
 *   disk (file://) too. Screenshots of each step go to tests/e2e/artifacts/ (the user guide's images, npm run
 *   docs:images);
 * - old Excel: the pages' loader parses as ES5, the bundles as ES2017 (what EdgeHTML 18 parses); where a feature
 *   check fails (no Proxy as in Internet Explorer 11, no regex lookbehind as in EdgeHTML) the plain-HTML fallback
 *   appears with the web page's address; missing built-ins bring the polyfills; the custom functions load only in
 *   the shared runtime.
 */
import { execSync } from "node:child_process";
import * as fs from "node:fs";
import type * as http from "node:http";
import type { AddressInfo } from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import * as acorn from "acorn";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { buildAnnualList } from "../../src/app";
import type { CellValue, WorkbookGrids } from "../../src/core/types";
import { readXlsx } from "../../src/xlsx/readXlsx";
import { programmeWorkbook } from "../../scripts/make-fixtures";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const webServer = require("../../scripts/web.js") as { createServer(dist?: string): http.Server };

const ROOT = path.resolve(__dirname, "../..");
const DIST = process.env.SHNOR_DIST ? path.resolve(process.env.SHNOR_DIST) : path.join(ROOT, "dist");
const ARTIFACTS = path.join(__dirname, "artifacts");
const SAMPLE = path.join(ROOT, "samples", "Реестр результатов района.xlsx");
const OFFICE_DIST = path.join(ROOT, "node_modules/@microsoft/office-js/dist");
const OFFICE_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/";

const CHROMIUM = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"]
  .filter((p): p is string => !!p)
  .find((p) => fs.existsSync(p));
if (!CHROMIUM && process.env.CI) throw new Error("Chromium не найден: e2e обязателен в CI.");
const e2e = CHROMIUM ? describe : describe.skip;

/** Rebuild when a source is newer than the built page (not when SHNOR_DIST is given). */
function distIsStale(): boolean {
  const built = path.join(DIST, "web.js");
  if (!fs.existsSync(built) || !fs.existsSync(path.join(DIST, "boot.js"))) return true;
  const since = fs.statSync(built).mtimeMs;
  const newer = (dir: string): boolean =>
    fs.readdirSync(dir, { withFileTypes: true }).some((e) => {
      const p = path.join(dir, e.name);
      return e.isDirectory() ? newer(p) : /\.(tsx?|html|js)$/.test(e.name) && fs.statSync(p).mtimeMs > since;
    });
  return newer(path.join(ROOT, "src"));
}

const cells = (rows: CellValue[][]): CellValue[][] => Array.from(rows, (r) => Array.from(r ?? [], (v) => v ?? null));

interface Watch {
  requests: string[];
  foreign: string[];
  errors: string[];
}

/** A page whose every request is logged; anything outside `base` is refused and counted. */
async function open(context: BrowserContext, base: string): Promise<{ page: Page; watch: Watch }> {
  const page = await context.newPage();
  const watch: Watch = { requests: [], foreign: [], errors: [] };
  page.on("pageerror", (e) => watch.errors.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error") watch.errors.push(m.text());
  });
  await page.route("**/*", async (route) => {
    const url = route.request().url();
    watch.requests.push(url);
    if (url.startsWith(base)) return route.continue();
    if (url.startsWith(OFFICE_CDN)) {
      const file = path.join(OFFICE_DIST, url.slice(OFFICE_CDN.length).split("?")[0]);
      if (file.startsWith(OFFICE_DIST) && fs.existsSync(file) && fs.statSync(file).isFile()) {
        return route.fulfill({ status: 200, contentType: "text/javascript", body: fs.readFileSync(file) });
      }
    }
    watch.foreign.push(url);
    return route.abort();
  });
  // CSP violations the page would report (the listener is installed before any page script runs).
  await page.addInitScript(() => {
    const w = window as unknown as { __violations: string[] };
    w.__violations = [];
    document.addEventListener("securitypolicyviolation", (e) =>
      w.__violations.push(`${e.violatedDirective}: ${e.blockedURI}`),
    );
  });
  return { page, watch };
}

async function mounted(page: Page): Promise<void> {
  await page.waitForFunction(() => (window as { __shnorMounted?: boolean }).__shnorMounted === true, null, {
    timeout: 20_000,
  });
}

e2e("web page and old Excel (issue 17)", () => {
  jest.retryTimes(1, { logErrorsBeforeRetry: true });
  let browser: Browser;
  let context: BrowserContext;
  let server: http.Server;
  let base: string;

  beforeAll(async () => {
    if (!process.env.SHNOR_DIST && distIsStale()) {
      execSync("npx webpack --mode production", { cwd: ROOT, stdio: "inherit", timeout: 300_000 });
    }
    server = webServer.createServer(DIST);
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM!,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run"],
    });
    context = await browser.newContext({
      viewport: { width: 760, height: 900 },
      locale: "ru-RU",
      acceptDownloads: true,
    });
    fs.mkdirSync(ARTIFACTS, { recursive: true });
  }, 400_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((r) => server?.close(r));
  });

  test("the web page's CSP says default-src 'self' and names no other origin; the page loads only the loader and nothing of Office.js", () => {
    const html = fs.readFileSync(path.join(DIST, "web.html"), "utf8");
    const csp = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? "";
    const directives = new Map(
      csp
        .split(";")
        .map((d) => d.trim().split(/\s+/) as [string, ...string[]])
        .map(([k, ...v]) => [k, v]),
    );
    expect(directives.get("default-src")).toEqual(["'self'"]);
    for (const [, sources] of directives) {
      for (const s of sources) expect(s).toMatch(/^'(self|none|sha256-[A-Za-z0-9+/=]+)'$/);
    }
    expect(html.replace(/<!--[\s\S]*?-->/g, "")).not.toMatch(/office\.js|appsforoffice/i);
    expect(html).toContain('<meta name="shnor:office-js" content="none"');
    expect([...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0])).toEqual(['<script src="boot.js" data-page="web">']);
  });

  test("sample register through the file input: registers, build, download «… — список ШНОР 2025.xlsx» read back equals the engine's list; nothing leaves the page", async () => {
    const { page, watch } = await open(context, base);
    await page.goto(`${base}/`);
    await mounted(page);
    await page.getByRole("button", { name: "Открыть файлы…" }).waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, "web-1-open.png"), animations: "disabled" });

    await page.setInputFiles('input[type="file"]', SAMPLE);
    await page.getByText("Реестр результатов района.xlsx", { exact: true }).waitFor({ timeout: 20_000 });
    await page.getByText("Результаты", { exact: true }).first().waitFor({ timeout: 20_000 });
    // The guide's screenshots are the visible page (a full page of ten registers would be too big for the guide).
    await page.getByRole("button", { name: /Найденные реестры/ }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(ARTIFACTS, "web-2-registers.png"), animations: "disabled" });

    await page.getByRole("button", { name: "Построить ежегодный список" }).click();
    await page.getByText("Лист «Список ШНОР 2025» построен").waitFor({ timeout: 30_000 });
    await page.screenshot({ path: path.join(ARTIFACTS, "web-3-built.png"), animations: "disabled" });
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Скачать книгу" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("Реестр результатов района — список ШНОР 2025.xlsx");
    const bytes = new Uint8Array(fs.readFileSync((await download.path())!));

    // Read back with the project's reader: the user's sheets as they were, then the list the engine plans.
    const original = await readXlsx(new Uint8Array(fs.readFileSync(SAMPLE)));
    const copy = await readXlsx(bytes);
    expect(copy.sheets.map((s) => s.name)).toEqual([...original.sheets.map((s) => s.name), "Список ШНОР 2025"]);
    for (const s of original.sheets) {
      expect(cells(copy.sheets.find((c) => c.name === s.name)!.values)).toEqual(cells(s.values));
    }
    const expected = buildAnnualList([original as WorkbookGrids], { generatedAt: new Date() });
    const t = expected.plan.table!;
    const list = cells(copy.sheets.find((s) => s.name === "Список ШНОР 2025")!.values);
    const header = list.findIndex((r) => r[t.at.col] === "№" && r[t.at.col + 1] === "Школа");
    const body = list.slice(header + 1, header + 1 + t.rows.length).map((r) => r.slice(t.at.col, t.at.col + 4));
    expect(body).toEqual(t.rows.map((r) => r.slice(0, 4)));
    const status = list[header].indexOf("Статус");
    // «ШНОР», «ШНОР и ШССУ», «ШНОР, с признаками необъективности»… (the status flags of the list).
    const shnor = list
      .slice(header + 1, header + 1 + t.rows.length)
      .filter((r) => /^ШНОР(?![\p{L}])/u.test(String(r[status]))).length;
    expect(shnor).toBe(expected.list.summary.shnor);
    expect(shnor).toBeGreaterThan(0);

    // Settings (kept in the browser) and the problems (plain text: no cells to select here).
    await page.getByRole("button", { name: "Настройки" }).click();
    await page.getByRole("button", { name: "Сохранить настройки в этом браузере" }).waitFor();
    await page.getByRole("button", { name: /Проблемы в данных/ }).click();
    const problems = page.getByRole("list", { name: "Проблемы в данных" });
    await problems.getByRole("listitem").first().waitFor();
    expect(await problems.getByRole("button").count()).toBe(0); // no cells to select on the web page
    await page
      .getByRole("button", { name: "Настройки", exact: true })
      .evaluate((e) => e.scrollIntoView({ block: "start" }));
    await page.screenshot({ path: path.join(ARTIFACTS, "web-4-settings-problems.png"), animations: "disabled" });

    // Nothing but the page's own files was requested; no CSP violation; no Office.js.
    expect(watch.foreign).toEqual([]);
    const own = new Set(watch.requests.map((u) => new URL(u).pathname));
    for (const p of own) expect(["/", "/boot.js", "/web.js", "/assets/icon-32.png"]).toContain(p);
    expect(own.has("/web.js")).toBe(true);
    expect(await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations)).toEqual([]);
    expect(await page.evaluate(() => typeof (window as { Office?: unknown }).Office)).toBe("undefined");
    expect(watch.errors).toEqual([]);
    await page.close();
  }, 120_000);

  test("issue 14: «Построить всё» on the page — list, roadmap, indicators, dynamics in one download, with native charts", async () => {
    const { page, watch } = await open(context, base);
    await page.goto(`${base}/`);
    await mounted(page);
    const input = await programmeWorkbook(fs.mkdtempSync(path.join(os.tmpdir(), "shnor-e2e-all-")));
    await page.setInputFiles('input[type="file"]', input);
    await page.getByText("Результаты", { exact: true }).first().waitFor({ timeout: 20_000 });
    await page.getByRole("button", { name: "Построить всё" }).click();
    await page.getByText("Построены листы:").waitFor({ timeout: 60_000 });
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Скачать книгу" }).click(),
    ]);
    const bytes = new Uint8Array(fs.readFileSync((await download.path())!));
    const copy = await readXlsx(bytes);
    const names = copy.sheets.map((s) => s.name);
    expect(names.slice(-4)).toEqual(["Список ШНОР 2021", "Дорожная карта 2021", "Показатели 2021", "Динамика"]);
    const text = new TextDecoder().decode(bytes);
    // Zip entry names are stored uncompressed: three chart parts for the three ШНОР.
    expect(text.match(/xl\/charts\/chart\d+\.xml/g)?.length).toBeGreaterThanOrEqual(3);
    expect(watch.foreign).toEqual([]);
    expect(watch.errors).toEqual([]);
    await page.close();
  }, 120_000);

  test("several files: one new workbook with the list over all of them; a file that is not a workbook is named", async () => {
    const { page, watch } = await open(context, base);
    await page.goto(`${base}/web.html`);
    await mounted(page);
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "shnor-web-"));
    const notes = path.join(tmp, "заметки.xlsx");
    fs.writeFileSync(notes, "это не книга Excel");
    await page.setInputFiles('input[type="file"]', [SAMPLE, notes]);
    await page.getByRole("alert").filter({ hasText: "заметки.xlsx" }).waitFor({ timeout: 20_000 });
    // The second register file: the sample again under another name (a second district file).
    const second = path.join(tmp, "Реестр второго района.xlsx");
    fs.copyFileSync(SAMPLE, second);
    await page.setInputFiles('input[type="file"]', second);
    const openFiles = page.getByRole("list", { name: "Открытые файлы" });
    await openFiles.getByText("Реестр второго района.xlsx", { exact: true }).waitFor({ timeout: 20_000 });
    expect(await openFiles.getByRole("listitem").count()).toBe(2);
    // With several files, each sheet says its file.
    await page.getByRole("region", { name: "Лист ВПР (Реестр второго района.xlsx)" }).waitFor();
    await page.getByRole("button", { name: "Построить ежегодный список" }).click();
    await page.getByText("Лист «Список ШНОР 2025» построен").waitFor({ timeout: 30_000 });
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Скачать книгу" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("Реестр результатов района и ещё 1 — список ШНОР 2025.xlsx");
    const out = await readXlsx(new Uint8Array(fs.readFileSync((await download.path())!)));
    expect(out.sheets.map((s) => s.name)).toEqual(["Список ШНОР 2025"]);
    expect(watch.foreign).toEqual([]);
    fs.rmSync(tmp, { recursive: true, force: true });
    await page.close();
  }, 120_000);

  test("opened from disk (file://): the page runs without a server", async () => {
    const { page, watch } = await open(context, "file://");
    await page.goto(pathToFileURL(path.join(DIST, "web.html")).href);
    await mounted(page);
    await page.getByRole("button", { name: "Открыть файлы…" }).waitFor();
    expect(watch.foreign).toEqual([]);
    await page.close();
  }, 60_000);

  // ---- old Excel -------------------------------------------------------------------------------------------------

  test("the loader is the pages' only script of ours and parses as ES5; the bundles parse as ES2017 (EdgeHTML 18)", async () => {
    const pane = fs.readFileSync(path.join(DIST, "taskpane.html"), "utf8");
    const tags = [...pane.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1]);
    expect(tags).toEqual(["https://appsforoffice.microsoft.com/lib/1/hosted/office.js", "boot.js"]);
    // The first script of ours, as served.
    const boot = await (await fetch(`${base}/boot.js`)).text();
    expect(() => acorn.parse(boot, { ecmaVersion: 5, sourceType: "script" })).not.toThrow();
    expect(() => acorn.parse("const x = 1;", { ecmaVersion: 5 })).toThrow(); // the check can fail
    for (const bundle of ["taskpane.js", "functions.js", "polyfills.js", "taskpane.edge.js", "functions.edge.js"]) {
      const code = fs.readFileSync(path.join(DIST, bundle), "utf8");
      expect(() => acorn.parse(code, { ecmaVersion: 2017, sourceType: "script" })).not.toThrow();
    }
    expect(() => acorn.parse("const {a, ...r} = o; x?.y;", { ecmaVersion: 2017 })).toThrow();
  });

  test("Internet Explorer 11 (no Proxy): the plain-HTML fallback in Russian points to the web page; the pane bundle is never loaded", async () => {
    const { page, watch } = await open(context, base);
    await page.setViewportSize({ width: 320, height: 700 });
    await page.addInitScript(() => {
      delete (window as { Proxy?: unknown }).Proxy;
    });
    await page.goto(`${base}/taskpane.html?runtime=pane`);
    const box = page.locator("#shnor-fallback");
    await box.waitFor({ state: "visible", timeout: 20_000 });
    expect(await box.innerText()).toContain("Эта версия Excel не может показать область задач ШНОР");
    expect(await page.locator("#shnor-web-address").getAttribute("href")).toBe(`${base}/web.html`);
    expect(await page.locator("#shnor-web-address").innerText()).toBe(`${base}/web.html`);
    expect(await page.locator("#shnor-fallback-reason").innerText()).toMatch(/ES2015/);
    expect(watch.requests.some((u) => /taskpane\.js|functions\.js/.test(u))).toBe(false);
    await page.screenshot({ path: path.join(ARTIFACTS, "pane-fallback.png"), animations: "disabled" });
    await page.close();
  }, 60_000);

  test("EdgeHTML (neither regex lookbehind nor Unicode property escapes): the pane's .edge.js runs; the web page, which needs them, shows the fallback", async () => {
    const limit = () => {
      const Native = RegExp;
      const Limited = function (this: unknown, p: string | RegExp, f?: string) {
        const src = String(p instanceof Native ? p.source : p);
        if (src.includes("(?<=") || src.includes("(?<!")) throw new SyntaxError("Invalid group");
        if (/\\[pP]\{/.test(src)) throw new SyntaxError("Invalid escape");
        return new Native(p, f);
      } as unknown as RegExpConstructor;
      Object.defineProperty(Limited, "prototype", { value: Native.prototype });
      (window as { RegExp: RegExpConstructor }).RegExp = Limited;
    };
    // The pane: no register pattern needs lookbehind any more, so the lowered bundle is the one loaded.
    const pane = await open(context, base);
    await pane.page.addInitScript(limit);
    await pane.page.goto(`${base}/taskpane.html?runtime=pane`);
    await pane.page.getByText("Нужен Excel").waitFor({ timeout: 20_000 });
    const paths = pane.watch.requests.map((u) => new URL(u).pathname).filter((p) => /^\/[a-z.]+\.js$/.test(p));
    expect(paths).toEqual(["/boot.js", "/taskpane.edge.js"]);
    expect(await pane.page.locator("#shnor-fallback").isVisible()).toBe(false);
    expect(pane.watch.errors).toEqual([]);
    await pane.page.close();
    // The web page (for current browsers, not lowered) says why in Russian, never a blank page or a SyntaxError.
    const web = await open(context, base);
    await web.page.addInitScript(limit);
    await web.page.goto(`${base}/web.html`);
    await web.page.locator("#shnor-fallback").waitFor({ state: "visible", timeout: 20_000 });
    expect(await web.page.locator("#shnor-fallback-reason").innerText()).toMatch(/регулярные выражения/);
    expect(web.watch.requests.some((u) => u.endsWith("/web.js"))).toBe(false);
    await web.page.close();
  }, 60_000);

  test("an engine without Unicode property escapes (but with lookbehind): the .edge.js variants, regexes lowered, run", async () => {
    const { page, watch } = await open(context, base);
    await page.addInitScript(() => {
      const Native = RegExp;
      const Limited = function (this: unknown, p: string | RegExp, f?: string) {
        if (/\\[pP]\{/.test(String(p instanceof Native ? p.source : p))) throw new SyntaxError("Invalid escape");
        return new Native(p, f);
      } as unknown as RegExpConstructor;
      Object.defineProperty(Limited, "prototype", { value: Native.prototype });
      (window as { RegExp: RegExpConstructor }).RegExp = Limited;
    });
    await page.goto(`${base}/taskpane.html?runtime=pane`);
    await page.getByText("Нужен Excel").waitFor({ timeout: 20_000 });
    const paths = watch.requests.map((u) => new URL(u).pathname).filter((p) => /^\/[a-z.]+\.js$/.test(p));
    expect(paths).toEqual(["/boot.js", "/taskpane.edge.js"]);
    expect(watch.errors).toEqual([]);
    await page.close();
  }, 60_000);

  test("missing built-ins (as in EdgeHTML): polyfills.js is loaded first and the pane renders", async () => {
    const { page, watch } = await open(context, base);
    await page.addInitScript(() => {
      delete (Object as { fromEntries?: unknown }).fromEntries;
      delete (Array.prototype as { flat?: unknown }).flat;
    });
    await page.goto(`${base}/taskpane.html?runtime=pane`);
    await page.getByText("Нужен Excel").waitFor({ timeout: 20_000 });
    const paths = watch.requests.map((u) => new URL(u).pathname).filter((p) => p.endsWith(".js"));
    expect(paths.filter((p) => !p.includes("office") && !p.includes("/lib/"))).toEqual([
      "/boot.js",
      "/polyfills.js",
      "/taskpane.js",
    ]);
    expect(await page.evaluate(() => typeof Object.fromEntries)).toBe("function");
    expect(await page.locator("#shnor-fallback").isVisible()).toBe(false);
    await page.close();
  }, 60_000);

  test("the custom functions bundle loads only in the shared runtime (the manifest's ?runtime=)", async () => {
    const requested = async (query: string): Promise<string[]> => {
      const { page, watch } = await open(context, base);
      await page.goto(`${base}/taskpane.html${query}`);
      await page.waitForLoadState("load");
      await page.close();
      return watch.requests
        .map((u) => new URL(u).pathname)
        .filter((p) => /^\/(taskpane|functions|polyfills)\.js$/.test(p));
    };
    expect(await requested("?runtime=pane")).toEqual(["/taskpane.js"]);
    expect(await requested("?runtime=shared")).toEqual(["/functions.js", "/taskpane.js"]);
  }, 60_000);

  test("an old browser on the web page (no TextDecoder): the page says so in Russian instead of staying blank", async () => {
    const { page } = await open(context, base);
    await page.addInitScript(() => {
      delete (window as { TextDecoder?: unknown }).TextDecoder;
    });
    await page.goto(`${base}/web.html`);
    await page.locator("#shnor-fallback").waitFor({ state: "visible", timeout: 20_000 });
    expect(await page.locator("#shnor-fallback").innerText()).toContain("Этот браузер слишком стар");
    await page.close();
  }, 60_000);
});
