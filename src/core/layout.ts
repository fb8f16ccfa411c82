/**
 * Row-height estimates for wrapped text, shared by the renderers of sheet plans. ExcelJS writes no row heights and
 * LibreOffice / Р7 do not grow rows on opening, so multi-line cells (the reasons of a ШНОР, long names) would overlap;
 * Office.js autofits instead where it can (ExcelApi 1.2) and falls back to these estimates.
 */
import { shownValue, type ColumnPlan, type PlanCell, type TablePlan } from "./sheetPlan";
import type { CellValue } from "./types";

/** Points per line of 11-pt Calibri, Excel's default row height. */
export const LINE_HEIGHT_POINTS = 15;

/**
 * Characters of body text that fit a column `width` wide: Excel measures widths in digit «0» widths, and ordinary
 * (Cyrillic lower-case) text runs slightly narrower than digits; bold header text runs wider.
 */
export const BODY_CHARS_PER_WIDTH = 1.1;
export const BOLD_CHARS_PER_WIDTH = 0.85;

/** Lines a text takes in a wrapped column `width` wide (explicit line breaks count). */
export function wrappedLines(text: string, width: number, charsPerWidth = BODY_CHARS_PER_WIDTH): number {
  const usable = Math.max(1, Math.floor((width - 1) * charsPerWidth));
  return text.split(/\r?\n/).reduce((n, line) => n + greedyLines(line, usable), 0);
}

/** Lines of one paragraph wrapped at word boundaries, as Excel does; a word longer than a line is broken. */
function greedyLines(paragraph: string, usable: number): number {
  let lines = 1;
  let used = 0;
  for (const word of paragraph.split(/\s+/).filter(Boolean)) {
    const need = used === 0 ? word.length : used + 1 + word.length;
    if (need <= usable) {
      used = need;
      continue;
    }
    if (used > 0) lines++;
    lines += Math.ceil(word.length / usable) - 1;
    used = word.length % usable || usable;
  }
  return lines;
}

/** Height in points of a row of a table with these columns, or null when every cell fits on one line. */
export function rowHeight(
  values: readonly CellValue[],
  columns: readonly ColumnPlan[],
  opts: { wrapAll?: boolean; bold?: boolean } = {},
): number | null {
  let lines = 1;
  columns.forEach((c, i) => {
    const v = values[i];
    if ((!c.wrap && !opts.wrapAll) || typeof v !== "string") return;
    lines = Math.max(lines, wrappedLines(v, c.width, opts.bold ? BOLD_CHARS_PER_WIDTH : BODY_CHARS_PER_WIDTH));
  });
  return lines > 1 ? lines * LINE_HEIGHT_POINTS : null;
}

/**
 * Height of a body row: wrapped columns as usual (src/core/layout), a merged cell's text over the width of the columns
 * it covers (its other cells are empty).
 */
export function bodyRowHeight(
  values: readonly PlanCell[],
  table: TablePlan,
  merged: { col: number; span: number }[] | undefined,
): number | null {
  const shown = values.map((v) => shownValue(v));
  if (!merged || merged.length === 0) return rowHeight(shown, table.columns);
  const covered = new Set<number>();
  let lines = 1;
  for (const m of merged) {
    let width = 0;
    for (let k = m.col; k < m.col + m.span; k++) {
      covered.add(k);
      width += table.columns[k].hidden ? 0 : table.columns[k].width;
    }
    const v = shown[m.col];
    if (typeof v === "string") lines = Math.max(lines, wrappedLines(v, width));
  }
  const rest = rowHeight(
    shown.map((v, i) => (covered.has(i) ? null : v)),
    table.columns,
  );
  const h = Math.max(lines > 1 ? lines * LINE_HEIGHT_POINTS : 0, rest ?? 0);
  return h > 0 ? h : null;
}
