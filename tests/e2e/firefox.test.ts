/**
 * The web page (issue 17) in Firefox — Debian's firefox-esr driven over WebDriver BiDi by puppeteer-core (no browser
 * download; playwright's Firefox needs a patched build). The same flow a specialist follows in the Chromium test:
 * open the sample register through the file input, build the list, download the workbook; the downloaded bytes are
 * read back with the project's reader and must hold the user's sheets unchanged and the engine's list. Every request
 * the page makes is recorded: none may leave the page's own origin.
 */
import * as fs from "node:fs";
import type * as http from "node:http";
import type { AddressInfo } from "node:net";
import * as path from "node:path";
import puppeteer, { type Browser, type Page } from "puppeteer-core";
import { buildAnnualList } from "../../src/app";
import type { CellValue, WorkbookGrids } from "../../src/core/types";
import { readXlsx } from "../../src/xlsx/readXlsx";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const webServer = require("../../scripts/web.js") as { createServer(dist?: string): http.Server };

const ROOT = path.resolve(__dirname, "../..");
const DIST = process.env.SHNOR_DIST ? path.resolve(process.env.SHNOR_DIST) : path.join(ROOT, "dist");
const ARTIFACTS = path.join(__dirname, "artifacts");
const SAMPLE = path.join(ROOT, "samples", "Реестр результатов района.xlsx");
const FIREFOX = [process.env.FIREFOX_PATH, "/usr/bin/firefox-esr", "/usr/bin/firefox"].find(
  (p): p is string => !!p && fs.existsSync(p),
);
// CI installs firefox-esr (.ci/run); a developer machine without it skips, unless told it must not.
if (!FIREFOX && process.env.SHNOR_REQUIRE_FIREFOX === "1") throw new Error("firefox-esr is required (apt-get)");
const e2e = FIREFOX && fs.existsSync(path.join(DIST, "web.html")) ? describe : describe.skip;

const cells = (rows: CellValue[][]): CellValue[][] => Array.from(rows, (r) => Array.from(r ?? [], (v) => v ?? null));

const bodyText = (page: Page): Promise<string> => page.evaluate(() => document.body.innerText);

async function waitForText(page: Page, text: string, timeout = 30_000): Promise<void> {
  await page.waitForFunction((t: string) => document.body.innerText.includes(t), { timeout }, text);
}

e2e("web page in Firefox (issue 17)", () => {
  jest.retryTimes(1, { logErrorsBeforeRetry: true });
  let browser: Browser;
  let server: http.Server;
  let base: string;

  beforeAll(async () => {
    server = webServer.createServer(DIST);
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await puppeteer.launch({
      browser: "firefox",
      executablePath: FIREFOX!,
      headless: true,
      extraPrefsFirefox: { "intl.accept_languages": "ru-RU, ru" },
    });
    fs.mkdirSync(ARTIFACTS, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((r) => server?.close(r));
  });

  test("sample register through the file input: build, download; the workbook read back has the user's sheets and the engine's list; no request leaves the page", async () => {
    const page = await browser.newPage();
    await page.setViewport({ width: 760, height: 900 });
    const requests: string[] = [];
    const errors: string[] = [];
    page.on("request", (r) => requests.push(r.url()));
    page.on("pageerror", (e) => errors.push(String(e)));
    // The download is a Blob behind an object URL: keep the Blob the page hands to createObjectURL.
    await page.evaluateOnNewDocument(() => {
      const w = window as unknown as { __blobs: Blob[] };
      w.__blobs = [];
      const original = URL.createObjectURL.bind(URL);
      URL.createObjectURL = (o: Blob | MediaSource): string => {
        if (o instanceof Blob) w.__blobs.push(o);
        return original(o);
      };
    });
    await page.goto(`${base}/web.html`);
    await page.waitForFunction(() => (window as { __shnorMounted?: boolean }).__shnorMounted === true, {
      timeout: 30_000,
    });
    expect(await page.evaluate(() => navigator.userAgent)).toMatch(/Firefox\//);

    const input = await page.waitForSelector('input[type="file"]');
    await input!.uploadFile(SAMPLE);
    await waitForText(page, "Реестр результатов района.xlsx");
    await waitForText(page, "Результаты");
    await (await page.waitForSelector("::-p-text(Построить ежегодный список)"))!.click();
    await waitForText(page, "Лист «Список ШНОР 2025» построен");
    await page.screenshot({ path: path.join(ARTIFACTS, "web-firefox.png") });
    await (await page.waitForSelector("::-p-text(Скачать книгу)"))!.click();
    await page.waitForFunction(() => (window as unknown as { __blobs: Blob[] }).__blobs.length > 0, {
      timeout: 15_000,
    });
    const b64 = await page.evaluate(async () => {
      const blobs = (window as unknown as { __blobs: Blob[] }).__blobs;
      const bytes = new Uint8Array(await blobs[blobs.length - 1].arrayBuffer());
      let s = "";
      for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return btoa(s);
    });
    const bytes = new Uint8Array(Buffer.from(b64, "base64"));

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
    expect(header).toBeGreaterThanOrEqual(0);
    const body = list.slice(header + 1, header + 1 + t.rows.length).map((r) => r.slice(t.at.col, t.at.col + 4));
    expect(body).toEqual(t.rows.map((r) => r.slice(0, 4)));

    expect(requests.length).toBeGreaterThan(0);
    expect(requests.filter((u) => !u.startsWith(base) && !u.startsWith("blob:") && !u.startsWith("data:"))).toEqual([]);
    expect(errors).toEqual([]);
    expect(await bodyText(page)).not.toMatch(/[A-Za-z]{3,} error|undefined|NaN/);
    await page.close();
  }, 120_000);
});
