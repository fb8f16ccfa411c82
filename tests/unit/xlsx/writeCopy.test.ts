/**
 * Copies of the user's workbook with generated sheets (SPEC §4: generated sheets are new or replace only sheets
 * the add-in generated; user sheets are never changed; the input file is never overwritten).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import type { SheetPlan } from "../../../src/core/sheetPlan";
import {
  GENERATED_NAME_PREFIX,
  generatedSheetNames,
  writeNewWorkbookWithPlans,
  writeWorkbookCopyWithPlans,
  XlsxFileError,
} from "../../../src/xlsx/writeCopy";
import { addChartOnFirstSheet, addChartSheet, partNames } from "./packageParts";

const tmp = (): string => fs.mkdtempSync(path.join(os.tmpdir(), "shnor-copy-"));

function plan(name = "Список ШНОР 2025", marker = "первый"): SheetPlan {
  return {
    name,
    kind: "annual-list",
    year: 2025,
    blocks: [{ at: { row: 0, col: 0 }, values: [[`Список (${marker})`]] }],
    table: {
      name: "ШНОР_2025",
      at: { row: 2, col: 0 },
      columns: [
        { key: "n", header: "№", width: 5 },
        { key: "school", header: "Школа", width: 30 },
      ],
      rows: [[1, "МБОУ «СОШ № 1»"]],
    },
    conditionalFormats: [],
    validations: [],
    charts: [],
  };
}

/** A user workbook with values, formulas, a merge, a style and (optionally) a user sheet named like the plan. */
async function userWorkbook(dir: string, withClash = false): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const a = wb.addWorksheet("ВПР");
  a.getCell("A1").value = "Результаты ВПР";
  a.mergeCells("A1:C1");
  a.getCell("A3").value = "Школа";
  a.getCell("B3").value = 25;
  a.getCell("C3").value = 7;
  a.getCell("D3").value = { formula: "C3/B3", result: 0.28 };
  a.getCell("D3").numFmt = "0.0%";
  a.getCell("A4").value = new Date(Date.UTC(2025, 3, 16));
  const b = wb.addWorksheet("Школы");
  b.getCell("A1").value = "МБОУ «СОШ № 1»";
  b.getCell("B1").value = { formula: "LEN(A1)", result: 14 };
  if (withClash) wb.addWorksheet("Список ШНОР 2025").getCell("A1").value = "мой собственный лист";
  const file = path.join(dir, "реестр.xlsx");
  await wb.xlsx.writeFile(file);
  return file;
}

async function open(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

/** Every cell's value (formulas included) of every sheet, by sheet name. */
function snapshot(wb: ExcelJS.Workbook, only?: string[]): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const ws of wb.worksheets) {
    if (only && !only.includes(ws.name)) continue;
    const cells: Record<string, unknown> = {};
    ws.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: false }, (c) => {
        cells[c.address] = { value: c.value, formula: c.formula ?? null, numFmt: c.numFmt ?? null, merged: c.isMerged };
      }),
    );
    out[ws.name] = cells;
  }
  return out;
}

describe("writeWorkbookCopyWithPlans (SPEC §4 user sheets never changed)", () => {
  test("adds the list sheet; every original sheet keeps its values and formulas; the input file is untouched", async () => {
    const dir = tmp();
    const input = await userWorkbook(dir);
    const before = fs.readFileSync(input);
    const original = snapshot(await open(input));
    const out = path.join(dir, "out", "копия.xlsx");
    const res = await writeWorkbookCopyWithPlans(input, [plan()], out);
    expect(res.sheets).toEqual(["Список ШНОР 2025"]);
    expect(res.replaced).toEqual([]);
    expect(fs.readFileSync(input).equals(before)).toBe(true);
    const copy = await open(out);
    expect(copy.worksheets.map((w) => w.name)).toEqual(["ВПР", "Школы", "Список ШНОР 2025"]);
    expect(snapshot(copy, ["ВПР", "Школы"])).toEqual(original);
    expect(copy.getWorksheet("ВПР")!.getCell("D3").formula).toBe("C3/B3");
    expect(generatedSheetNames(copy)).toEqual(["Список ШНОР 2025"]);
    const names = (copy.definedNames as unknown as { model: { name: string; ranges: string[] }[] }).model;
    expect(names).toEqual([{ name: `${GENERATED_NAME_PREFIX}1`, ranges: ["'Список ШНОР 2025'!$A$1"] }]);
  });

  test("re-running on its own output replaces the generated sheet instead of adding a second one", async () => {
    const dir = tmp();
    const input = await userWorkbook(dir);
    const first = path.join(dir, "1.xlsx");
    const second = path.join(dir, "2.xlsx");
    await writeWorkbookCopyWithPlans(input, [plan(undefined, "первый")], first);
    const res = await writeWorkbookCopyWithPlans(first, [plan(undefined, "второй")], second);
    expect(res.replaced).toEqual(["Список ШНОР 2025"]);
    const wb = await open(second);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["ВПР", "Школы", "Список ШНОР 2025"]);
    expect(wb.getWorksheet("Список ШНОР 2025")!.getCell("A1").value).toBe("Список (второй)");
    expect(generatedSheetNames(wb)).toEqual(["Список ШНОР 2025"]);
    expect(wb.getWorksheet("Список ШНОР 2025")!.getTables()).toHaveLength(1);
  });

  test("a user sheet with the same name is never replaced: the list goes to «Список ШНОР 2025 (2)»", async () => {
    const dir = tmp();
    const input = await userWorkbook(dir, true);
    const out = path.join(dir, "out.xlsx");
    const res = await writeWorkbookCopyWithPlans(input, [plan()], out);
    expect(res.sheets).toEqual(["Список ШНОР 2025 (2)"]);
    expect(res.warnings.join(" ")).toContain("создан не надстройкой");
    const wb = await open(out);
    expect(wb.getWorksheet("Список ШНОР 2025")!.getCell("A1").value).toBe("мой собственный лист");
    expect(wb.getWorksheet("Список ШНОР 2025 (2)")!.getCell("A1").value).toBe("Список (первый)");
  });

  test("the output path equal to the input (even spelt differently) is refused and nothing is written", async () => {
    const dir = tmp();
    const input = await userWorkbook(dir);
    const before = fs.readFileSync(input);
    const sameSpeltOtherwise = path.join(dir, ".", "sub", "..", "реестр.xlsx");
    await expect(writeWorkbookCopyWithPlans(input, [plan()], sameSpeltOtherwise)).rejects.toThrow(XlsxFileError);
    await expect(writeWorkbookCopyWithPlans(input, [plan()], input)).rejects.toThrow(/не перезаписывается/);
    expect(fs.readFileSync(input).equals(before)).toBe(true);
    await expect(writeWorkbookCopyWithPlans(input, [plan()], path.join(dir, "x.csv"))).rejects.toThrow(/\.xlsx/);
  });

  test("a file that is not a workbook gives a Russian XlsxFileError", async () => {
    const dir = tmp();
    const bad = path.join(dir, "bad.xlsx");
    fs.writeFileSync(bad, "это не книга");
    await expect(writeWorkbookCopyWithPlans(bad, [plan()], path.join(dir, "o.xlsx"))).rejects.toThrow(
      /Не удалось прочитать файл/,
    );
  });

  test("the demo register (styles, merges, frozen panes, filters) survives the copy cell for cell", async () => {
    const sample = path.resolve(__dirname, "..", "..", "..", "samples", "Реестр результатов района.xlsx");
    const original = await open(sample);
    const out = path.join(tmp(), "копия примера.xlsx");
    await writeWorkbookCopyWithPlans(sample, [plan()], out);
    const copy = await open(out);
    const names = original.worksheets.map((w) => w.name);
    expect(snapshot(copy, names)).toEqual(snapshot(original, names));
    for (const name of names) {
      const a = original.getWorksheet(name)!;
      const b = copy.getWorksheet(name)!;
      expect(b.views).toEqual(a.views);
      expect(b.autoFilter).toEqual(a.autoFilter);
      expect(b.columns.map((c) => c.width)).toEqual(a.columns.map((c) => c.width));
      expect(b.getRow(3).getCell(1).font).toEqual(a.getRow(3).getCell(1).font);
    }
  });

  test("a new workbook holding only the list (several input files)", async () => {
    const dir = tmp();
    const out = path.join(dir, "список.xlsx");
    const res = await writeNewWorkbookWithPlans([plan()], out);
    expect(res.sheets).toEqual(["Список ШНОР 2025"]);
    const wb = await open(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Список ШНОР 2025"]);
    expect(generatedSheetNames(wb)).toEqual(["Список ШНОР 2025"]);
  });
});

describe("writeWorkbookCopyWithPlans: no lossy copy (SPEC §4 never loses data)", () => {
  test("a workbook with a chart sheet: a new workbook with the list only, a Russian warning, the input untouched", async () => {
    const dir = tmp();
    const input = await userWorkbook(dir);
    await addChartSheet(input, "Диаграмма1", "'ВПР'!$B$3:$C$3");
    const before = fs.readFileSync(input);
    const out = path.join(dir, "со списком.xlsx");
    const res = await writeWorkbookCopyWithPlans(input, [plan()], out);
    expect(res.userSheetsCopied).toBe(false);
    expect(res.sheets).toEqual(["Список ШНОР 2025"]);
    expect(res.warnings[0]).toBe(
      "книга «реестр.xlsx» содержит то, что не переносится в копию без потерь (лист-диаграмма «Диаграмма1», " +
        "диаграммы), поэтому копия не сделана: записана новая книга только со сформированным листом " +
        "«Список ШНОР 2025»; ваш файл не изменён.",
    );
    const wb = await open(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Список ШНОР 2025"]);
    expect(wb.getWorksheet("Список ШНОР 2025")!.getCell("A1").value).toBe("Список (первый)");
    expect(generatedSheetNames(wb)).toEqual(["Список ШНОР 2025"]);
    expect(fs.readFileSync(input).equals(before)).toBe(true);
    expect((await partNames(input)).filter((p) => p.startsWith("xl/chartsheets/"))).toEqual([
      "xl/chartsheets/sheet1.xml",
      "xl/chartsheets/_rels/sheet1.xml.rels",
    ]);
  });

  test("a chart on a user worksheet: no copy either; a workbook without such content is still copied", async () => {
    const dir = tmp();
    const input = await userWorkbook(dir);
    const plainOut = path.join(dir, "копия.xlsx");
    const copied = await writeWorkbookCopyWithPlans(input, [plan()], plainOut);
    expect(copied.userSheetsCopied).toBe(true);
    expect((await open(plainOut)).worksheets.map((w) => w.name)).toEqual(["ВПР", "Школы", "Список ШНОР 2025"]);

    await addChartOnFirstSheet(input, "'ВПР'!$B$3:$C$3");
    const out = path.join(dir, "со списком.xlsx");
    const res = await writeWorkbookCopyWithPlans(input, [plan()], out);
    expect(res.userSheetsCopied).toBe(false);
    expect(res.warnings[0]).toContain("(диаграммы)");
    expect(res.warnings[0]).toContain("ваш файл не изменён");
    expect((await open(out)).worksheets.map((w) => w.name)).toEqual(["Список ШНОР 2025"]);
  });
});
