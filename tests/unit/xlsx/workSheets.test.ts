/**
 * The working sheets of issue 14 as the file writer (src/xlsx/graft.ts) writes them, read back from the package XML:
 * «Дорожная карта Y» keeps Excel alive — the Статус list (data validation), the overdue rule as a conditional format
 * against TODAY() (never a static fill), the per-school summaries as formulas with cached values, A4 landscape with
 * the header repeated and a manual page break before each school's block —; «Динамика» has a native line chart per
 * school whose series point at its table. Built from the programme fixture (scripts/fixtures/programme.ts).
 */
import { buildAll, type BuildAllResult } from "../../../src/app";
import { graftPlansToBytes } from "../../../src/xlsx/graft";
import { readXlsxFile } from "../../../src/xlsx/readWorkbook";
import { ROADMAP_STATUSES } from "../../../src/core/roadmap";
import { programmeWorkbook } from "../../../scripts/make-fixtures";
import { tmpDir } from "../pipeline/helpers";
import { unzipParts } from "./zipParts";

let built: BuildAllResult;
let parts: Map<string, Uint8Array>;
const text = (name: string) => new TextDecoder().decode(parts.get(name)!);
/** Part of a sheet by its name (workbook.xml → its relationships). */
function sheetPart(sheet: string): string {
  const wb = text("xl/workbook.xml");
  const m = new RegExp(`<sheet [^>]*name="${sheet}"[^>]*r:id="([^"]+)"`).exec(wb)!;
  const rel = new RegExp(`Id="${m[1]}"[^>]*Target="([^"]+)"`).exec(text("xl/_rels/workbook.xml.rels"))!;
  return rel[1].startsWith("/") ? rel[1].slice(1) : `xl/${rel[1]}`;
}
const unescape = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

beforeAll(async () => {
  const file = await programmeWorkbook(tmpDir("shnor-work-xml-"));
  built = buildAll([await readXlsxFile(file)], { generatedAt: new Date(2026, 0, 15) });
  const out = graftPlansToBytes(
    null,
    built.sheets.map((s) => s.plan),
  );
  parts = unzipParts(out.bytes);
});

describe("«Дорожная карта 2021» in the file", () => {
  let xml: string;
  let headerRow: number;
  beforeAll(() => {
    xml = text(sheetPart("Дорожная карта 2021"));
    const plan = built.sheets.find((s) => s.choice === "roadmap")!.plan;
    headerRow = plan.table!.at.row + 1;
  });

  test("Статус is a list validation with the five statuses over the Статус column of the body", () => {
    const dv =
      /<dataValidation [^>]*type="list"[^>]*sqref="([A-Z]+)(\d+):([A-Z]+)(\d+)"[^>]*>\s*<formula1>([^<]*)<\/formula1>/.exec(
        xml,
      )!;
    expect(dv).not.toBeNull();
    expect(dv[1]).toBe("F");
    expect(dv[3]).toBe("F");
    expect(Number(dv[2])).toBe(headerRow + 1);
    expect(unescape(dv[5])).toBe(`"${ROADMAP_STATUSES.join(",")}"`);
  });

  test("overdue rows: an expression rule against TODAY() (deadline in C, status in F), with a fill in its dxf", () => {
    const cf =
      /<conditionalFormatting sqref="A(\d+):[A-Z]+\d+"><cfRule type="expression" dxfId="(\d+)"[^>]*><formula>([^<]*)<\/formula>/.exec(
        xml,
      )!;
    expect(cf).not.toBeNull();
    const f = unescape(cf[3]);
    const r = Number(cf[1]);
    expect(r).toBe(headerRow + 1);
    expect(f).toContain(`$C${r}<TODAY()`);
    expect(f).toContain(`$F${r}<>"выполнено"`);
    expect(f).toContain(`$F${r}<>"отменено"`);
    const dxfs = /<dxfs [^>]*>(.*?)<\/dxfs>/s.exec(text("xl/styles.xml"))![1].match(/<dxf>.*?<\/dxf>/gs)!;
    expect(dxfs[Number(cf[2])]).toMatch(/<fill>.*bgColor rgb="FF[0-9A-F]{6}"/s);
  });

  test("no static fill marks overdue rows: every deadline in the past, yet the body's Статус cells share one style", () => {
    const statusStyles = new Set<string>();
    for (const m of xml.matchAll(/<c r="F(\d+)" s="(\d+)" t="inlineStr"><is><t>не начато<\/t>/g))
      statusStyles.add(m[2]);
    expect(statusStyles.size).toBe(1);
  });

  test("per-school summaries are formulas with their cached text (measures, done, overdue, % on time)", () => {
    const summaries = [...xml.matchAll(/<c r="A\d+"[^>]*t="str"[^>]*><f>([^<]*)<\/f><v>([^<]*)<\/v>/g)];
    const roadmap = built.sheets.find((s) => s.choice === "roadmap")!.plan;
    const blocks = roadmap.table!.rows.filter(
      (r) => typeof r[r.length - 1] === "string" && String(r[r.length - 1]).startsWith("SHNOR1|block|"),
    );
    expect(summaries).toHaveLength(blocks.length);
    for (const [, f, v] of summaries) {
      expect(unescape(f)).toMatch(/SUMPRODUCT\(.*TODAY\(\)/);
      expect(unescape(v)).toMatch(/^Итого: мероприятий — \d+; выполнено — 0; просрочено — \d+; выполнено в срок — 0 %/);
    }
  });

  test("A4 landscape, the header row repeated on every page, a page break before each school's block", () => {
    expect(xml).toMatch(/<pageSetup [^>]*paperSize="9"[^>]*orientation="landscape"/);
    const index = text("xl/workbook.xml")
      .match(/<sheet [^>]*>/g)!
      .findIndex((s) => s.includes("Дорожная карта 2021"));
    expect(text("xl/workbook.xml")).toContain(
      `<definedName name="_xlnm.Print_Titles" localSheetId="${index}">'Дорожная карта 2021'!$${headerRow}:$${headerRow}</definedName>`,
    );
    const breaks = [...xml.matchAll(/<brk id="(\d+)"/g)].map((m) => Number(m[1]));
    const headings = [...xml.matchAll(/<row r="(\d+)"[^>]*>(?:(?!<\/row>).)*?SHNOR1\|block\|/gs)].map((m) =>
      Number(m[1]),
    );
    expect(headings.length).toBe(5);
    // A break «id» is the last row of the page before: the school's heading starts the next one.
    for (const h of headings.slice(1)) expect(breaks).toContain(h - 1);
  });
});

describe("«Динамика» in the file", () => {
  test("a native line chart per ШНОР school, its series and categories pointing at the sheet's table", () => {
    const sheet = sheetPart("Динамика");
    const rels = text(sheet.replace("worksheets/", "worksheets/_rels/") + ".rels");
    const drawing = /Target="\.\.\/drawings\/([^"]+)"/.exec(rels)![1];
    const drels = text(`xl/drawings/_rels/${drawing}.rels`);
    const charts = [...drels.matchAll(/Target="\.\.\/charts\/([^"]+)"/g)].map((m) => text(`xl/charts/${m[1]}`));
    const shnor = built.list.schools.filter((s) => s.shnor);
    expect(charts).toHaveLength(shnor.length);
    for (const c of charts) {
      expect(c).toContain("<c:lineChart>");
      expect(c).toMatch(/<c:val><c:numRef><c:f>'Динамика'!\$[A-Z]+\$\d+:\$[A-Z]+\$\d+<\/c:f>/);
      expect(c).toMatch(/<c:cat><c:strRef><c:f>'Динамика'!\$B\$\d+:\$[A-Z]\$\d+<\/c:f>/);
    }
    for (const s of shnor) expect(charts.some((c) => c.includes(`${s.school}: доля не справившихся`))).toBe(true);
    expect(text("[Content_Types].xml")).toContain("application/vnd.openxmlformats-officedocument.drawingml.chart+xml");
  });
});
