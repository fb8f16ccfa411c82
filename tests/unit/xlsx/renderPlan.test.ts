/** The ExcelJS renderer of sheet plans (SPEC §4: printable list, real Excel table) — written and read back as .xlsx. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import type { SheetPlan } from "../../../src/core/sheetPlan";
import { addPlanSheet, columnLetter, parseRef, toArgb } from "../../../src/xlsx/renderPlan";

function smallPlan(): SheetPlan {
  return {
    name: "Список ШНОР 2025",
    kind: "annual-list",
    year: 2025,
    blocks: [
      {
        at: { row: 0, col: 0 },
        values: [["Ежегодный список ШНОР 2025"]],
        style: { bold: true, fontSize: 14 },
        mergeAcross: 4,
      },
      { at: { row: 1, col: 0 }, values: [["ШНОР:", 1]], numberFormat: "0" },
    ],
    table: {
      name: "ШНОР_2025",
      at: { row: 3, col: 0 },
      columns: [
        { key: "n", header: "№", width: 5, numberFormat: "0" },
        { key: "school", header: "Школа", width: 40, wrap: true },
        { key: "share", header: "Доля «2»", width: 12, numberFormat: "0.0%", horizontal: "right" },
        { key: "status", header: "Статус", width: 10 },
        { key: "date", header: "Дата", width: 12, numberFormat: "dd.mm.yyyy" },
      ],
      rows: [
        [1, "МБОУ «СОШ № 8»", 0.353, "ШНОР", new Date(Date.UTC(2025, 9, 1))],
        [2, "МАОУ «Лицей № 1»", 0.02, "—", null],
      ],
      style: "TableStyleMedium2",
      headerStyle: { bold: true, wrap: true, fill: "#DDEBF7" },
      rowStyles: [{ row: 0, style: { fill: "#FCE4E4" } }],
    },
    conditionalFormats: [
      { ref: "C5:C6", rule: { kind: "cellValue", operator: "greaterThan", values: [0.3] }, style: { fill: "#F8CBAD" } },
      { ref: "D5:D6", rule: { kind: "containsText", text: "ШНОР" }, style: { bold: true } },
      { ref: "A5:E6", rule: { kind: "expression", formula: '=$D5="ШНОР"' }, style: { fontColor: "#9C0006" } },
    ],
    validations: [{ ref: "D5:D6", list: ["ШНОР", "—"], prompt: "Статус" }],
    charts: [
      {
        kind: "line",
        title: "Доля «2»",
        dataRef: "B4:C6",
        seriesBy: "rows",
        at: { row: 8, col: 0 },
        size: { rows: 10, cols: 6 },
      },
    ],
    freeze: { rows: 4, cols: 2 },
    print: { orientation: "landscape", paper: "A4", fitToWidth: true, repeatRows: [4, 4] },
    widths: { 6: 30 },
  };
}

async function roundTrip(plan: SheetPlan): Promise<{ ws: ExcelJS.Worksheet; warnings: string[] }> {
  const wb = new ExcelJS.Workbook();
  const { warnings } = addPlanSheet(wb, plan);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "shnor-render-")), "plan.xlsx");
  await wb.xlsx.writeFile(file);
  const back = new ExcelJS.Workbook();
  await back.xlsx.readFile(file);
  const ws = back.getWorksheet(plan.name);
  if (!ws) throw new Error("sheet missing after round trip");
  return { ws, warnings };
}

describe("renderPlan (SPEC §4 annual list sheet)", () => {
  test("helpers: colours, letters, ranges", () => {
    expect(toArgb("#fce4e4")).toBe("FFFCE4E4");
    expect(columnLetter(0)).toBe("A");
    expect(columnLetter(25)).toBe("Z");
    expect(columnLetter(26)).toBe("AA");
    expect(parseRef("B3:D10")).toEqual({ top: 3, left: 2, bottom: 10, right: 4 });
    expect(parseRef("$C$5")).toEqual({ top: 5, left: 3, bottom: 5, right: 3 });
  });

  test("blocks: values, styles and merged title", async () => {
    const { ws } = await roundTrip(smallPlan());
    expect(ws.getCell("A1").value).toBe("Ежегодный список ШНОР 2025");
    expect(ws.getCell("A1").font?.bold).toBe(true);
    expect(ws.getCell("A1").font?.size).toBe(14);
    // mergeAcross 4: A1:D1.
    expect(ws.getCell("D1").isMerged).toBe(true);
    expect(ws.getCell("E1").isMerged).toBe(false);
    expect(ws.getCell("B2").value).toBe(1);
  });

  test("the table is a real Excel table with header style, widths and number formats", async () => {
    const { ws } = await roundTrip(smallPlan());
    const tables = ws.getTables() as unknown as { table?: { name: string; tableRef?: string; ref?: string } }[];
    expect(tables).toHaveLength(1);
    const t = tables[0].table ?? (tables[0] as unknown as { name: string });
    expect(t.name).toBe("ШНОР_2025");
    expect(ws.getCell("A4").value).toBe("№");
    expect(ws.getCell("B4").value).toBe("Школа");
    expect(ws.getCell("B4").font?.bold).toBe(true);
    expect(ws.getCell("B4").fill).toMatchObject({ fgColor: { argb: "FFDDEBF7" } });
    expect(ws.getCell("B5").value).toBe("МБОУ «СОШ № 8»");
    expect(ws.getCell("C5").value).toBeCloseTo(0.353);
    expect(ws.getCell("C5").numFmt).toBe("0.0%");
    expect(ws.getCell("E5").numFmt).toBe("dd.mm.yyyy");
    expect(ws.getCell("B5").alignment?.wrapText).toBe(true);
    expect(ws.getColumn(2).width).toBe(40);
    expect(ws.getColumn(7).width).toBe(30);
    // rowStyles: the ШНОР row is filled, the other is not.
    expect(ws.getCell("B5").fill).toMatchObject({ fgColor: { argb: "FFFCE4E4" } });
    expect((ws.getCell("B6").fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb).not.toBe("FFFCE4E4");
  });

  test("rows with wrapped multi-line text get their height (LibreOffice and Р7 do not grow rows themselves)", async () => {
    const plan = smallPlan();
    const table = plan.table!;
    table.rows = [
      [1, "МБОУ «СОШ № 8»\nкорпус 2\nкорпус 3", 0.353, "ШНОР", null],
      [2, "МБОУ «СОШ № 9»", 0.1, "—", null],
    ];
    const { ws } = await roundTrip(plan);
    expect(ws.getRow(5).height).toBe(45); // three lines of 15 pt
    expect(ws.getRow(6).height).toBeUndefined(); // one line: Excel's default height
  });

  test("conditional formats, list validations, frozen panes and A4 landscape print setup", async () => {
    const { ws } = await roundTrip(smallPlan());
    const cfs = (ws as unknown as { conditionalFormattings: { ref: string; rules: { type: string }[] }[] })
      .conditionalFormattings;
    expect(cfs.map((c) => c.ref)).toEqual(["C5:C6", "D5:D6", "A5:E6"]);
    expect(cfs.map((c) => c.rules[0].type)).toEqual(["cellIs", "containsText", "expression"]);
    expect(ws.getCell("D5").dataValidation).toMatchObject({ type: "list", formulae: ['"ШНОР,—"'] });
    expect(ws.getCell("D6").dataValidation?.type).toBe("list");
    expect(ws.getCell("C5").dataValidation?.type).toBeUndefined();
    expect(ws.views[0]).toMatchObject({ state: "frozen", xSplit: 2, ySplit: 4 });
    expect(ws.pageSetup.orientation).toBe("landscape");
    expect(ws.pageSetup.paperSize).toBe(9);
    expect(ws.pageSetup.fitToPage).toBe(true);
    expect(ws.pageSetup.fitToWidth).toBe(1);
    expect(ws.pageSetup.printTitlesRow).toMatch(/^\$?4:\$?4$/);
  });

  test("charts are not faked: one Russian warning per chart", async () => {
    const { warnings } = await roundTrip(smallPlan());
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/Диаграмма «Доля «2»» не создана/);
    expect(warnings[0]).toContain("B4:C6");
  });

  test("an empty table still renders as a valid table with one blank body row", async () => {
    const plan = smallPlan();
    plan.table!.rows = [];
    plan.table!.rowStyles = [];
    const { ws } = await roundTrip(plan);
    expect(ws.getTables()).toHaveLength(1);
    expect(ws.getCell("B4").value).toBe("Школа");
    expect(ws.getCell("B5").value).toBeNull();
  });
});
