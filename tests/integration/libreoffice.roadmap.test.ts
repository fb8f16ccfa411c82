/**
 * «Дорожная карта 2021» printed by a real office suite (issue 14): the file the writer makes (src/xlsx/graft.ts) from
 * the programme fixture, converted to PDF by Debian's LibreOffice (headless); poppler's pdfinfo/pdftotext check the
 * pages are A4 landscape, the header row is repeated on every page, and each school's block starts on a page of its
 * own (no measure of the block before it on that page).
 *
 * Needs `soffice` and poppler-utils (.ci/run installs them and sets SHNOR_REQUIRE_LIBREOFFICE); without them the suite
 * is skipped on a developer machine, and fails in CI.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildAll } from "../../src/app";
import { shownValue } from "../../src/core/sheetPlan";
import { ROADMAP_COLUMNS } from "../../src/core/roadmap";
import { parseServiceCell } from "../../src/core/workSheet";
import { graftPlansToBytes } from "../../src/xlsx/graft";
import { readXlsxFile } from "../../src/xlsx/readWorkbook";
import { programmeWorkbook } from "../../scripts/make-fixtures";

jest.setTimeout(300_000);

function has(cmd: string): boolean {
  try {
    execFileSync("sh", ["-c", `command -v ${cmd}`], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

const available = has("soffice") && has("pdfinfo") && has("pdftotext");
if (!available && (process.env.CI || process.env.SHNOR_REQUIRE_LIBREOFFICE)) {
  throw new Error("LibreOffice (soffice) and poppler-utils are required here (.ci/run installs them)");
}
if (!available) console.warn("LibreOffice or poppler-utils missing: the roadmap print test is skipped");
const suite = available ? describe : describe.skip;

suite("«Дорожная карта 2021» printed by LibreOffice (issue 14)", () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "shnor-lo-roadmap-"));
  let pdf = "";
  const blocks: { heading: string; codes: string[] }[] = [];
  const pageText = (n: number): string =>
    execFileSync("pdftotext", ["-layout", "-f", String(n), "-l", String(n), pdf, "-"], { encoding: "utf8" });
  const pages = (): number => Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [pdf], { encoding: "utf8" }))![1]);
  const flat = (s: string) => s.replace(/\s+/g, " ");

  beforeAll(async () => {
    const built = buildAll([await readXlsxFile(await programmeWorkbook(work))], {
      generatedAt: new Date(2026, 0, 15),
      sheets: ["roadmap"],
    });
    const plan = built.sheets[0].plan;
    const service = ROADMAP_COLUMNS.findIndex((c) => c.service);
    const code = ROADMAP_COLUMNS.findIndex((c) => c.key === "code");
    for (const r of plan.table!.rows) {
      const info = parseServiceCell(shownValue(r[service]));
      if (info?.type === "block") blocks.push({ heading: String(shownValue(r[0])).split(" — ")[0], codes: [] });
      else if (info?.type === "item") blocks[blocks.length - 1].codes.push(String(shownValue(r[code])));
    }
    const file = path.join(work, "roadmap.xlsx");
    fs.writeFileSync(file, graftPlansToBytes(null, [plan]).bytes);
    const out = path.join(work, "pdf");
    execFileSync(
      "soffice",
      [
        `-env:UserInstallation=file://${path.join(work, "profile")}`,
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        out,
        file,
      ],
      { stdio: "pipe", timeout: 240_000 },
    );
    pdf = path.join(out, "roadmap.pdf");
  });

  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  test("A4 landscape pages, the table header on every one", () => {
    const info = execFileSync("pdfinfo", [pdf], { encoding: "utf8" });
    expect(info).toMatch(/Page size:\s+841(\.\d+)? x 595(\.\d+)? pts \(A4\)/);
    expect(pages()).toBeGreaterThanOrEqual(blocks.length);
    for (let n = 1; n <= pages(); n++) {
      const t = flat(pageText(n));
      expect({ page: n, header: /Мероприятие/.test(t) && /Ожидаемый результат/.test(t) }).toEqual({
        page: n,
        header: true,
      });
    }
  });

  test("each school's block starts a page: its heading is on a page with no measure of the block before", () => {
    expect(blocks.length).toBe(5);
    const texts = Array.from({ length: pages() }, (_, i) => flat(pageText(i + 1)));
    let last = 0;
    blocks.slice(1).forEach((b, i) => {
      const page = texts.findIndex((t) => t.includes(b.heading));
      expect({ block: b.heading, found: page >= 0 }).toEqual({ block: b.heading, found: true });
      expect(page).toBeGreaterThan(last - 1);
      const before = blocks[i];
      const strays = before.codes.filter((c) => texts[page].includes(c));
      expect({ block: b.heading, strays }).toEqual({ block: b.heading, strays: [] });
      // The block's own first measure is on its page.
      expect(texts[page]).toContain(b.codes[0]);
      last = page + 1;
    });
  });
});
