/** Sheet plans for the write-path tests (issue 12): every feature the sheet writer renders. */
import type { SheetPlan } from "../../../src/core/sheetPlan";
import type { CellValue } from "../../../src/core/types";

/** A list-like plan: title block, summary, a table of `rows` schools, formats, a validation, print setup. */
export function listPlan(
  opts: { name?: string; marker?: string; rows?: number; extraRows?: CellValue[][] } = {},
): SheetPlan {
  const n = opts.rows ?? 3;
  const rows: CellValue[][] = [];
  for (let i = 0; i < n; i++) {
    rows.push([
      i + 1,
      `МБОУ «СОШ № ${i + 1}»`,
      String(700100 + i),
      i % 2 ? "—" : "ШНОР",
      0.1 + (i % 5) / 10,
      new Date(2025, 8, 1 + (i % 28)),
    ]);
  }
  for (const r of opts.extraRows ?? []) rows.push(r);
  return {
    name: opts.name ?? "Список ШНОР 2025",
    kind: "annual-list",
    year: 2025,
    blocks: [
      {
        at: { row: 0, col: 0 },
        values: [[`Ежегодный список ШНОР 2025 (${opts.marker ?? "первый"})`]],
        style: { bold: true, fontSize: 14 },
        mergeAcross: 6,
      },
      { at: { row: 1, col: 0 }, values: [["Всего школ", n]], numberFormat: "0" },
      {
        at: { row: 2, col: 0 },
        values: [
          [
            "Длинное пояснение к списку, которое не помещается в одну строку листа и потому переносится на следующие строки",
          ],
        ],
        style: { wrap: true, italic: true },
        mergeAcross: 3,
      },
    ],
    table: {
      name: "ShnorList2025",
      at: { row: 4, col: 0 },
      columns: [
        { key: "no", header: "№", width: 5, numberFormat: "0", horizontal: "center" },
        { key: "school", header: "Школа", width: 30, wrap: true },
        { key: "code", header: "Код ОО", width: 10, numberFormat: "@" },
        { key: "status", header: "Статус", width: 9, horizontal: "center" },
        { key: "share", header: "Доля «2»", width: 10, numberFormat: "0.0%" },
        { key: "date", header: "Дата", width: 12, numberFormat: "dd.mm.yyyy" },
      ],
      rows,
      style: "TableStyleMedium2",
      headerStyle: { bold: true, fill: "#1F4E79", fontColor: "#FFFFFF", wrap: true, border: "thin" },
      rowStyles: rows.flatMap((r, i) => (r[3] === "ШНОР" ? [{ row: i, style: { fill: "#FCE4E4" } }] : [])),
    },
    conditionalFormats: [
      {
        ref: `E6:E${5 + rows.length}`,
        rule: { kind: "cellValue", operator: "greaterThan", values: [0.3] },
        style: { fill: "#F8CBAD" },
      },
      { ref: `D6:D${5 + rows.length}`, rule: { kind: "containsText", text: "ШНОР" }, style: { bold: true } },
      {
        ref: `A6:F${5 + rows.length}`,
        rule: { kind: "expression", formula: '=$D6="ШНОР"' },
        style: { fontColor: "#9C0006" },
      },
    ],
    validations: [{ ref: `D6:D${5 + rows.length}`, list: ["ШНОР", "—"], prompt: "Статус школы" }],
    charts: [],
    freeze: { rows: 5, cols: 2 },
    print: { orientation: "landscape", paper: "A4", fitToWidth: true, repeatRows: [5, 5] },
    widths: { 7: 20 },
  };
}

/** A dynamics-like plan: a small table of failure shares by year and a native chart over it. */
export function chartPlan(kind: "line" | "column" = "column", seriesBy: "rows" | "columns" = "rows"): SheetPlan {
  return {
    name: "Динамика",
    kind: "dynamics",
    year: 2025,
    blocks: [{ at: { row: 0, col: 0 }, values: [["Доля «2» по годам"]], style: { bold: true, fontSize: 14 } }],
    table: {
      name: "ShnorDynamics",
      at: { row: 2, col: 0 },
      columns: [
        { key: "school", header: "Школа", width: 30 },
        { key: "y2023", header: "2023", width: 10, numberFormat: "0%" },
        { key: "y2024", header: "2024", width: 10, numberFormat: "0%" },
        { key: "y2025", header: "2025", width: 10, numberFormat: "0%" },
      ],
      rows: [
        ["МБОУ «СОШ № 8»", 0.42, 0.35, 0.31],
        ["МБОУ «Каменская СОШ»", 0.18, 0.33, 0.36],
        ["МБОУ «СОШ № 3»", 0.3, 0.25, 0.12],
      ],
    },
    conditionalFormats: [],
    validations: [],
    charts: [
      {
        kind,
        title: "Доля не справившихся, %",
        dataRef: "A3:D6",
        seriesBy,
        at: { row: 8, col: 0 },
        size: { rows: 18, cols: 8 },
      },
    ],
    print: { orientation: "landscape", paper: "A4", fitToWidth: true },
  };
}
