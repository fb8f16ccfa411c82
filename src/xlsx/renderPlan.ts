/**
 * Render a core SheetPlan into an ExcelJS workbook (CLI output, Office 2016/2019, LibreOffice, Р7-Офис).
 * The only ExcelJS-touching renderer; the Office.js twin lives in src/excel.
 *
 * Charts: ExcelJS cannot write charts — they are skipped and returned as warnings (never faked).
 */
import ExcelJS from "exceljs";
import type { CellStyle, ColumnPlan, ConditionalFormatPlan, SheetPlan, TablePlan } from "../core/sheetPlan";
import { cellA1, parseRange } from "../core/a1";
import { rowHeight } from "../core/layout";
import type { CellValue } from "../core/types";

export { columnLetter } from "../core/a1";

export interface RenderResult {
  worksheet: ExcelJS.Worksheet;
  /** Russian warnings for what the renderer could not draw (charts). */
  warnings: string[];
}

/** "#RRGGBB" → ExcelJS ARGB "FFRRGGBB". */
export function toArgb(color: string): string {
  const hex = color.replace(/^#/, "").toUpperCase();
  return hex.length === 6 ? `FF${hex}` : hex.padStart(8, "F");
}

function fontOf(style: CellStyle): Partial<ExcelJS.Font> | undefined {
  const font: Partial<ExcelJS.Font> = {};
  if (style.bold !== undefined) font.bold = style.bold;
  if (style.italic !== undefined) font.italic = style.italic;
  if (style.fontSize !== undefined) font.size = style.fontSize;
  if (style.fontColor) font.color = { argb: toArgb(style.fontColor) };
  return Object.keys(font).length ? font : undefined;
}

function alignmentOf(style: CellStyle): Partial<ExcelJS.Alignment> | undefined {
  const al: Partial<ExcelJS.Alignment> = {};
  if (style.wrap !== undefined) al.wrapText = style.wrap;
  if (style.horizontal) al.horizontal = style.horizontal;
  if (style.vertical) al.vertical = style.vertical;
  return Object.keys(al).length ? al : undefined;
}

/** Apply a CellStyle on top of what the cell already has. */
export function applyStyle(cell: ExcelJS.Cell, style: CellStyle | undefined): void {
  if (!style) return;
  const font = fontOf(style);
  if (font) cell.font = { ...(cell.font ?? {}), ...font };
  const al = alignmentOf(style);
  if (al) cell.alignment = { ...(cell.alignment ?? {}), ...al };
  if (style.fill) cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: toArgb(style.fill) } };
  if (style.border === "thin") {
    const side: Partial<ExcelJS.Border> = { style: "thin", color: { argb: "FFBFBFBF" } };
    cell.border = { top: side, left: side, bottom: side, right: side };
  } else if (style.border === "none") {
    cell.border = {};
  }
}

function toCell(value: CellValue): ExcelJS.CellValue {
  return value === undefined ? null : value;
}

/** A table name free in the whole workbook (Excel table names are workbook-wide). */
function freeTableName(wb: ExcelJS.Workbook, wanted: string): string {
  const used = new Set<string>();
  for (const ws of wb.worksheets) {
    for (const t of ws.getTables()) {
      const table = t as unknown as { name?: string; table?: { name?: string } };
      const name = table.table?.name ?? table.name;
      if (name) used.add(name.toLowerCase());
    }
  }
  const base = wanted.replace(/[^\p{L}\p{N}_]/gu, "_").replace(/^([^\p{L}_])/u, "_$1") || "Таблица";
  if (!used.has(base.toLowerCase())) return base;
  for (let i = 2; ; i++) if (!used.has(`${base}_${i}`.toLowerCase())) return `${base}_${i}`;
}

function renderTable(wb: ExcelJS.Workbook, ws: ExcelJS.Worksheet, table: TablePlan): void {
  const { row: r0, col: c0 } = table.at;
  // Excel tables need at least one body row.
  const rows = table.rows.length ? table.rows : [table.columns.map(() => null)];
  ws.addTable({
    name: freeTableName(wb, table.name),
    ref: cellA1(r0, c0),
    headerRow: true,
    totalsRow: false,
    style: {
      theme: (table.style ?? "TableStyleMedium2") as ExcelJS.TableStyleProperties["theme"],
      showRowStripes: true,
    },
    columns: table.columns.map((c) => ({ name: c.header, filterButton: true })),
    rows: rows.map((r) => table.columns.map((_, i) => toCell(r[i] ?? null))),
  });
  table.columns.forEach((col: ColumnPlan, i) => {
    const c = c0 + i + 1;
    ws.getColumn(c).width = col.width;
    applyStyle(ws.getCell(r0 + 1, c), table.headerStyle);
    for (let r = 0; r < rows.length; r++) {
      const cell = ws.getCell(r0 + 2 + r, c);
      if (col.numberFormat) cell.numFmt = col.numberFormat;
      // Every body cell is top-aligned, so a one-line value sits level with the first line of a tall row.
      cell.alignment = {
        // eslint-disable-next-line office-addins/call-sync-before-read -- an ExcelJS cell, not Office.js
        ...(cell.alignment ?? {}),
        ...(col.wrap ? { wrapText: true } : {}),
        ...(col.horizontal ? { horizontal: col.horizontal } : {}),
        vertical: "top",
      };
    }
  });
  // Row heights for wrapped text (LibreOffice / Р7 do not grow rows on opening).
  const headerHeight = rowHeight(
    table.columns.map((c) => c.header),
    table.columns,
    { wrapAll: table.headerStyle?.wrap === true, bold: table.headerStyle?.bold === true },
  );
  if (headerHeight) ws.getRow(r0 + 1).height = headerHeight;
  table.rows.forEach((values, r) => {
    const h = rowHeight(values, table.columns);
    if (h) ws.getRow(r0 + 2 + r).height = h;
  });
  for (const rs of table.rowStyles ?? []) {
    if (rs.row < 0 || rs.row >= rows.length) continue;
    for (let i = 0; i < table.columns.length; i++) applyStyle(ws.getCell(r0 + 2 + rs.row, c0 + i + 1), rs.style);
  }
}

function dxfStyle(style: CellStyle): Partial<ExcelJS.Style> {
  const out: Partial<ExcelJS.Style> = {};
  const font = fontOf(style);
  if (font) out.font = font;
  if (style.fill) out.fill = { type: "pattern", pattern: "solid", bgColor: { argb: toArgb(style.fill) } };
  return out;
}

function stripEq(formula: string): string {
  return formula.startsWith("=") ? formula.slice(1) : formula;
}

function conditionalRule(cf: ConditionalFormatPlan): ExcelJS.ConditionalFormattingRule {
  const style = dxfStyle(cf.style);
  const rule = cf.rule;
  switch (rule.kind) {
    case "expression":
      return { type: "expression", priority: 1, formulae: [stripEq(rule.formula)], style };
    case "containsText":
      return { type: "containsText", operator: "containsText", priority: 1, text: rule.text, style };
    case "cellValue":
      return {
        type: "cellIs",
        priority: 1,
        operator: rule.operator,
        formulae: rule.values.map((v) => String(v)),
        style,
      } as ExcelJS.ConditionalFormattingRule;
  }
}

/** Parse "A1" / "A1:C10" into 1-based bounds. */
export function parseRef(ref: string): { top: number; left: number; bottom: number; right: number } {
  const b = parseRange(ref);
  if (!b) throw new Error(`Неверный диапазон «${ref}»`);
  return { top: b.top + 1, left: b.left + 1, bottom: b.bottom + 1, right: b.right + 1 };
}

/**
 * Add one worksheet drawn from `plan` to `wb` under `sheetName` (default: plan.name).
 * The caller guarantees the name is free.
 */
export function addPlanSheet(wb: ExcelJS.Workbook, plan: SheetPlan, sheetName: string = plan.name): RenderResult {
  const warnings: string[] = [];
  const ws = wb.addWorksheet(sheetName);

  for (const block of plan.blocks) {
    block.values.forEach((rowValues, dr) => {
      const r = block.at.row + dr + 1;
      rowValues.forEach((v, dc) => {
        const cell = ws.getCell(r, block.at.col + dc + 1);
        cell.value = toCell(v);
        if (block.numberFormat) cell.numFmt = block.numberFormat;
        applyStyle(cell, block.style);
      });
      if (block.mergeAcross && block.mergeAcross > 1) {
        ws.mergeCells(r, block.at.col + 1, r, block.at.col + block.mergeAcross);
      }
    });
  }

  if (plan.table) renderTable(wb, ws, plan.table);

  for (const [col, width] of Object.entries(plan.widths ?? {})) ws.getColumn(Number(col) + 1).width = width;

  for (const cf of plan.conditionalFormats) {
    ws.addConditionalFormatting({ ref: cf.ref, rules: [conditionalRule(cf)] });
  }

  for (const v of plan.validations) {
    const b = parseRef(v.ref);
    const list = `"${v.list.join(",")}"`;
    for (let r = b.top; r <= b.bottom; r++) {
      for (let c = b.left; c <= b.right; c++) {
        ws.getCell(r, c).dataValidation = {
          type: "list",
          allowBlank: true,
          formulae: [list],
          showErrorMessage: true,
          errorTitle: "Недопустимое значение",
          error: `Выберите значение из списка: ${v.list.join(", ")}`,
          ...(v.prompt ? { showInputMessage: true, prompt: v.prompt } : {}),
        };
      }
    }
  }

  if (plan.freeze && (plan.freeze.rows > 0 || plan.freeze.cols > 0)) {
    ws.views = [
      {
        state: "frozen",
        xSplit: plan.freeze.cols,
        ySplit: plan.freeze.rows,
        topLeftCell: cellA1(plan.freeze.rows, plan.freeze.cols),
      },
    ];
  }

  if (plan.print) {
    ws.pageSetup = {
      ...ws.pageSetup,
      paperSize: 9, // A4
      orientation: plan.print.orientation,
      fitToPage: plan.print.fitToWidth,
      fitToWidth: 1,
      fitToHeight: 0,
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
      ...(plan.print.repeatRows ? { printTitlesRow: `${plan.print.repeatRows[0]}:${plan.print.repeatRows[1]}` } : {}),
    };
  }

  for (const chart of plan.charts) {
    warnings.push(
      `Диаграмма «${chart.title}» не создана: файлы .xlsx, которые пишет командная строка, не поддерживают диаграммы ` +
        `(постройте её в Excel по диапазону ${chart.dataRef} листа «${sheetName}» или из области задач надстройки).`,
    );
  }

  return { worksheet: ws, warnings };
}
