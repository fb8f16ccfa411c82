/**
 * Row-height estimates for wrapped text, shared by the renderers of sheet plans. ExcelJS writes no row heights and
 * LibreOffice / Р7 do not grow rows on opening, so multi-line cells (the reasons of a ШНОР, long names) would overlap;
 * Office.js autofits instead where it can (ExcelApi 1.2) and falls back to these estimates.
 */
import type { ColumnPlan } from "./sheetPlan";
import type { CellValue } from "./types";

/** Points per line of 11-pt Calibri, Excel's default row height. */
export const LINE_HEIGHT_POINTS = 15;

/** Lines a text takes in a wrapped column `width` characters wide (explicit line breaks count). */
export function wrappedLines(text: string, width: number): number {
  const usable = Math.max(1, width - 1);
  return text.split(/\r?\n/).reduce((n, line) => n + Math.max(1, Math.ceil(line.length / usable)), 0);
}

/** Height in points of a row of a table with these columns, or null when every cell fits on one line. */
export function rowHeight(
  values: readonly CellValue[],
  columns: readonly ColumnPlan[],
  wrapAll = false,
): number | null {
  let lines = 1;
  columns.forEach((c, i) => {
    const v = values[i];
    if ((!c.wrap && !wrapAll) || typeof v !== "string") return;
    lines = Math.max(lines, wrappedLines(v, c.width));
  });
  return lines > 1 ? lines * LINE_HEIGHT_POINTS : null;
}
