/**
 * Differential test of the grafting writer against a real office suite (issue 12): Debian's LibreOffice Calc
 * (headless) opens the input and the copy, converts both to .csv (every sheet) and .xlsx, and the user's sheets come
 * out exactly as from the input, the generated sheet as planned — its text not re-read as formulas (LibreOffice
 * evaluates whatever formula it finds). A plan with a native chart and page breaks is printed to PDF (poppler's
 * pdftoppm/pdftotext check the chart is drawn and each page starts where asked).
 *
 * Needs `soffice` and poppler-utils (.ci/run installs them and sets SHNOR_REQUIRE_LIBREOFFICE); without them the suite
 * is skipped on a developer machine, and fails in CI.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { realisticWorkbook } from "../../scripts/make-fixtures";
import type { SheetPlan } from "../../src/core/sheetPlan";
import { graftPlansToBytes } from "../../src/xlsx/graft";
import { chartPlan, listPlan } from "../unit/xlsx/plans";
import { INJECTION_TEXTS } from "./injectionCases";
import { buildProfiles } from "../../src/app";
import { readInputs } from "../../src/cli/inputs";

jest.setTimeout(300_000);

function has(cmd: string): boolean {
  try {
    execFileSync("sh", ["-c", `command -v ${cmd}`], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

const available = has("soffice") && has("pdftoppm") && has("pdftotext");
if (!available && (process.env.CI || process.env.SHNOR_REQUIRE_LIBREOFFICE)) {
  throw new Error("LibreOffice (soffice) and poppler-utils are required here (.ci/run installs them)");
}
if (!available) console.warn("LibreOffice or poppler-utils missing: the LibreOffice differential tests are skipped");
const suite = available ? describe : describe.skip;

const work = fs.mkdtempSync(path.join(os.tmpdir(), "shnor-lo-"));
const profile = `file://${path.join(work, "profile")}`;

/** Convert files with one soffice run; returns the output folder. */
function convert(files: string[], filter: string, outName: string): string {
  const out = path.join(work, outName);
  fs.mkdirSync(out, { recursive: true });
  execFileSync(
    "soffice",
    [`-env:UserInstallation=${profile}`, "--headless", "--convert-to", filter, "--outdir", out, ...files],
    {
      stdio: "pipe",
      timeout: 240_000,
    },
  );
  return out;
}

const CSV_ALL_SHEETS = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1";

/** Minimal CSV reader (LibreOffice quotes fields holding commas, quotes or line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else if (ch !== "\r") field += ch;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}

/** Non-white pixels of a page rendered grey at 40 dpi (PGM from pdftoppm). */
function inkOf(pdf: string, page: number): number {
  const pgm = execFileSync("pdftoppm", ["-gray", "-r", "40", "-f", String(page), "-l", String(page), pdf]);
  let offset = 0;
  let fields = 0;
  while (fields < 4) {
    while (pgm[offset] === 0x20 || pgm[offset] === 0x0a) offset++;
    while (pgm[offset] !== 0x20 && pgm[offset] !== 0x0a) offset++;
    fields++;
  }
  offset++;
  let ink = 0;
  for (let i = offset; i < pgm.length; i++) if (pgm[i] < 200) ink++;
  return ink;
}

function pages(pdf: string): number {
  const info = execFileSync("pdfinfo", [pdf], { encoding: "utf8" });
  return Number(/Pages:\s+(\d+)/.exec(info)![1]);
}

suite("LibreOffice opens the copies (issue 12 differential test)", () => {
  const files: Record<string, string> = {};
  let csvDir = "";
  let xlsxDir = "";
  const plans = (): SheetPlan[] => [
    listPlan({ extraRows: INJECTION_TEXTS.map((t, i) => [100 + i, t, t, "—", 0.25, null]) }),
    chartPlan(),
  ];
  beforeAll(async () => {
    for (const variant of ["transitional", "strict"] as const) {
      const input = await realisticWorkbook(path.join(work, `in-${variant}`), variant);
      files[`${variant}-input`] = path.join(work, `${variant}-input.xlsx`);
      fs.copyFileSync(input, files[`${variant}-input`]);
      files[`${variant}-copy`] = path.join(work, `${variant}-copy.xlsx`);
      fs.writeFileSync(
        files[`${variant}-copy`],
        graftPlansToBytes(new Uint8Array(fs.readFileSync(input)), plans()).bytes,
      );
    }
    files.fresh = path.join(work, "fresh.xlsx");
    fs.writeFileSync(files.fresh, graftPlansToBytes(null, plans()).bytes);
    csvDir = convert(Object.values(files), CSV_ALL_SHEETS, "csv");
    xlsxDir = convert([files["transitional-copy"], files.fresh], "xlsx", "xlsx");
  });
  const csv = (file: string, sheet: string): string =>
    fs.readFileSync(path.join(csvDir, `${path.basename(file, ".xlsx")}-${sheet}.csv`), "utf8");

  test.each(["transitional", "strict"])("%s: every user sheet reads exactly as from the input", (variant) => {
    for (const sheet of ["ВПР", "Итоги", "Скрытый", "Служебный", "Анкета"]) {
      const a = csv(files[`${variant}-input`], sheet);
      expect(a.length).toBeGreaterThan(10);
      expect({ sheet, csv: csv(files[`${variant}-copy`], sheet) }).toEqual({ sheet, csv: a });
    }
    expect(csv(files[`${variant}-input`], "ВПР")).toContain("Итого,,,,,216,,216");
  });

  test.each(["transitional-copy", "strict-copy", "fresh"])(
    "%s: the generated sheets as planned, no text read as a formula",
    (key) => {
      const rows = parseCsv(csv(files[key], "Список ШНОР 2025"));
      expect(rows[0][0]).toBe("Ежегодный список ШНОР 2025 (первый)");
      expect(rows[4]).toEqual(["№", "Школа", "Код ОО", "Статус", "Доля «2»", "Дата"]);
      expect(rows[5].slice(0, 4)).toEqual(["1", "МБОУ «СОШ № 1»", "700100", "ШНОР"]);
      expect(rows[5][5]).toBe("01.09.2025");
      INJECTION_TEXTS.forEach((t, i) => {
        expect({ t, school: rows[8 + i][1], code: rows[8 + i][2] }).toEqual({ t, school: t, code: t });
      });
      const dynamics = parseCsv(csv(files[key], "Динамика"));
      expect(dynamics[2]).toEqual(["Школа", "2023", "2024", "2025"]);
      expect(dynamics[3]).toEqual(["МБОУ «СОШ № 8»", "42%", "35%", "31%"]);
    },
  );

  test("saved again by LibreOffice as .xlsx: every sheet and the generated values are there", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(xlsxDir, "transitional-copy.xlsx"));
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      "ВПР",
      "Итоги",
      "Скрытый",
      "Служебный",
      "Анкета",
      "Список ШНОР 2025",
      "Динамика",
    ]);
    expect(wb.getWorksheet("Список ШНОР 2025")!.getCell("B6").value).toBe("МБОУ «СОШ № 1»");
    expect(wb.getWorksheet("ВПР")!.getCell("G6").formula).toBe("F6/E6");
    const fresh = new ExcelJS.Workbook();
    await fresh.xlsx.readFile(path.join(xlsxDir, "fresh.xlsx"));
    expect(fresh.worksheets.map((w) => w.name)).toEqual(["Список ШНОР 2025", "Динамика"]);
  });
});

suite("LibreOffice prints the generated sheets (native chart, page breaks, print titles)", () => {
  test("a column chart, a line chart and the same sheet without a chart: the chart pages carry the chart's ink", () => {
    const withColumn = path.join(work, "chart-column.xlsx");
    const withLine = path.join(work, "chart-line.xlsx");
    const without = path.join(work, "chart-none.xlsx");
    fs.writeFileSync(withColumn, graftPlansToBytes(null, [chartPlan("column", "rows")]).bytes);
    fs.writeFileSync(withLine, graftPlansToBytes(null, [chartPlan("line", "columns")]).bytes);
    fs.writeFileSync(without, graftPlansToBytes(null, [{ ...chartPlan(), charts: [] }]).bytes);
    const out = convert([withColumn, withLine, without], "pdf", "pdf-chart");
    const base = inkOf(path.join(out, "chart-none.pdf"), 1);
    const column = inkOf(path.join(out, "chart-column.pdf"), 1);
    const line = inkOf(path.join(out, "chart-line.pdf"), 1);
    expect(base).toBeGreaterThan(100);
    expect(column).toBeGreaterThan(base + 1500);
    expect(line).toBeGreaterThan(base + 300);
    const text = execFileSync("pdftotext", [path.join(out, "chart-column.pdf"), "-"], { encoding: "utf8" });
    expect(text).toContain("Доля не справившихся, %");
  });

  test("manual breaks start each block on a new page; the header row is repeated on every page", () => {
    const plan = listPlan({ rows: 60 });
    plan.print = { ...plan.print!, breaksBefore: [25, 45] };
    const file = path.join(work, "breaks.xlsx");
    fs.writeFileSync(file, graftPlansToBytes(null, [plan]).bytes);
    const out = convert([file], "pdf", "pdf-breaks");
    const pdf = path.join(out, "breaks.pdf");
    expect(pages(pdf)).toBe(3);
    const page = (n: number): string =>
      execFileSync("pdftotext", ["-f", String(n), "-l", String(n), pdf, "-"], { encoding: "utf8" });
    expect(page(1)).toContain("СОШ № 20»");
    expect(page(1)).not.toContain("СОШ № 21»");
    expect(page(2)).toContain("СОШ № 21»");
    expect(page(2)).toContain("Школа");
    expect(page(3)).toContain("СОШ № 41»");
    expect(page(3)).toContain("СОШ № 60»");
  });
});

suite("LibreOffice prints «Профиль ОО»: one A4 page per school (issue 15)", () => {
  const profileFile = (name: string, plan: SheetPlan): string => {
    const file = path.join(work, `${name}.xlsx`);
    fs.writeFileSync(file, graftPlansToBytes(null, [plan]).bytes);
    return file;
  };
  /** A page's text with every run of white space as one space (titles may wrap). */
  const pageText = (pdf: string, n: number): string =>
    execFileSync("pdftotext", ["-f", String(n), "-l", String(n), pdf, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");

  test("every school of the sample on its own page; one school alone is one page; a school of 35 works too", async () => {
    const [sample] = await readInputs([
      path.resolve(__dirname, "..", "..", "samples", "Реестр результатов района.xlsx"),
    ]);
    const all = buildProfiles([sample], { generatedAt: new Date(2025, 8, 1) });
    const one = buildProfiles([sample], { schools: ["СОШ № 8"], generatedAt: new Date(2025, 8, 1) });
    // A school with 7 subjects × 5 grades × 3 years (35 rows): the scale goes down, the page stays one.
    const subjects = ["математика", "русский язык", "физика", "химия", "биология", "история", "география"];
    const rows: (string | number)[][] = [
      ["Школа", "Учебный год", "Процедура", "Класс", "Предмет", "Участники", "Не справились"],
    ];
    for (const y of ["2022/2023", "2023/2024", "2024/2025"])
      for (const g of [4, 5, 6, 7, 8])
        for (const s of subjects) rows.push(["МБОУ «СОШ № 40»", y, "ВПР", g, s, 30, g === 5 ? 10 : 3]);
    const big = buildProfiles([{ sheets: [{ name: "ВПР", values: rows, origin: { row: 0, col: 0 } }] }], {
      settings: { subjects },
      generatedAt: new Date(2025, 8, 1),
    });
    expect(big.profiles[0].rows).toHaveLength(35);
    expect(big.profilePlan.print!.scale).toBeLessThan(all.profilePlan.print!.scale!);
    const files = [
      profileFile("profile-all", all.profilePlan),
      profileFile("profile-one", one.profilePlan),
      profileFile("profile-big", big.profilePlan),
    ];
    const out = convert(files, "pdf", "pdf-profile");
    const pdf = (name: string) => path.join(out, `${name}.pdf`);

    expect(pages(pdf("profile-all"))).toBe(all.profiles.length);
    expect(all.profiles).toHaveLength(30);
    all.profiles.forEach((p, i) => {
      const text = pageText(pdf("profile-all"), i + 1);
      expect({ page: i + 1, titles: (text.match(/Профиль ОО: /g) ?? []).length }).toEqual({ page: i + 1, titles: 1 });
      expect(text).toContain(`Профиль ОО: ${p.school.school}`);
      // The page is whole: its last line (criteria and date) is on it, not on a page of its own.
      expect(text).toMatch(/Сформировано:\s+01\.09\.2025/);
    });
    const info = execFileSync("pdfinfo", [pdf("profile-all")], { encoding: "utf8" });
    expect(info).toMatch(/Page size:\s+595(\.\d+)? x 841(\.\d+)? pts \(A4\)/);

    expect(pages(pdf("profile-one"))).toBe(1);
    const single = pageText(pdf("profile-one"), 1);
    expect(single).toContain("Профиль ОО: МБОУ «СОШ № 8»");
    expect(single).toContain("Что нужно, чтобы покинуть список на 2026 год");
    expect(single).toContain("Изменение");
    expect(single).toContain("Доля не справившихся, %");

    expect(pages(pdf("profile-big"))).toBe(1);
    const bigText = pageText(pdf("profile-big"), 1);
    expect(bigText).toContain("ВПР 8 кл. химия");
    expect(bigText).toMatch(/Сформировано:\s+01\.09\.2025/);
  });
});
