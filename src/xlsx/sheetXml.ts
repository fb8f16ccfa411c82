/**
 * Our own worksheet XML from a SheetPlan (issue 12), written row by row into a sink so that a sheet of any size is
 * streamed: values (text as inline strings, so nothing in the user's shared strings changes), styles and number
 * formats (appended to the workbook's styles), merges, column widths, row heights (src/core/layout), frozen panes,
 * a real table part, conditional formats (dxf), data validations, print setup (A4, orientation, fit to width,
 * manual row breaks) and the drawing that holds native charts.
 *
 * Text that Excel would re-read as a formula, number or date (src/core/textGuard) is an inline string anyway, and
 * its cell also gets the quote prefix, so editing the cell in Excel keeps it text.
 */
import { cellA1, parseRange, stripSheet } from "../core/a1";
import { bodyRowHeight, rowHeight, wrappedLines, LINE_HEIGHT_POINTS } from "../core/layout";
import {
  isFormulaCell,
  shownValue,
  type BlockPlan,
  type CellStyle,
  type ConditionalFormatPlan,
  type PlanCell,
  type SheetPlan,
  type TablePlan,
} from "../core/sheetPlan";
import { excelWouldConvert } from "../core/textGuard";
import type { CellValue } from "../core/types";
import type { Namespaces } from "./ns";
import type { CellFormat, StyleBook } from "./styles";
import { escapeAttr, escapeXml, escapeXstring, xstringAttr } from "./xml";

/** Excel's limits (specifications and limits): characters in a cell, manual page breaks, list-validation source. */
export const MAX_CELL_CHARS = 32_767;
export const MAX_PAGE_BREAKS = 1_026;
const MAX_LIST_SOURCE = 255;
const DEFAULT_COL_WIDTH = 8.43;
const DEFAULT_DATE_FORMAT = "dd.mm.yyyy";

export interface SheetWriteContext {
  ns: Namespaces;
  styles: StyleBook;
  /** Final name of the sheet in the workbook. */
  sheetName: string;
  date1904: boolean;
  /** The table of the plan: its relationship id and unique column names (header cells are written with them). */
  table?: { relId: string; columnNames: string[] };
  drawingRelId?: string;
}

/** Date → Excel serial (local calendar date and time, as the user typed it), 1900 or 1904 date system. */
export function dateSerial(d: Date, date1904 = false): number {
  const utc = Date.UTC(d.getFullYear(), d.getMonth(), d.getDate(), d.getHours(), d.getMinutes(), d.getSeconds());
  return utc / 86_400_000 + 25_569 - (date1904 ? 1_462 : 0);
}

function formatOf(style: CellStyle | undefined): CellFormat {
  if (!style) return {};
  const f: CellFormat = {};
  if (style.bold !== undefined) f.bold = style.bold;
  if (style.italic !== undefined) f.italic = style.italic;
  if (style.fontSize !== undefined) f.fontSize = style.fontSize;
  if (style.fontColor) f.fontColor = style.fontColor;
  if (style.fill) f.fill = style.fill;
  if (style.border) f.border = style.border;
  if (style.wrap !== undefined) f.wrap = style.wrap;
  if (style.horizontal) f.horizontal = style.horizontal;
  if (style.vertical) f.vertical = style.vertical;
  if (style.numberFormat) f.numberFormat = style.numberFormat;
  return f;
}

/** Value kinds that change a cell's format: dates need a date format, guarded text the quote prefix. */
type Kind = "plain" | "date" | "guard";

function kindOf(v: PlanCell): Kind {
  if (isFormulaCell(v)) return "plain";
  if (v instanceof Date) return "date";
  if (typeof v === "string" && excelWouldConvert(v)) return "guard";
  return "plain";
}

function withKind(f: CellFormat, kind: Kind): CellFormat {
  if (kind === "date") return f.numberFormat ? f : { ...f, numberFormat: DEFAULT_DATE_FORMAT };
  if (kind === "guard") return { ...f, quotePrefix: true };
  return f;
}

/** Unique, non-empty table column names (Excel refuses duplicates): «Школа», «Школа2». */
export function tableColumnNames(table: TablePlan): string[] {
  const used = new Set<string>();
  return table.columns.map((c, i) => {
    const base = c.header.trim() === "" ? `Столбец${i + 1}` : c.header;
    // Excel compares column names case-insensitively and ignoring surrounding spaces.
    const key = (n: string): string => n.trim().toLowerCase();
    let name = base;
    for (let k = 2; used.has(key(name)); k++) name = `${base.trim()}${k}`;
    used.add(key(name));
    return name;
  });
}

/** The body rows a table really has (Excel tables need at least one). */
export function tableBodyRows(table: TablePlan): number {
  return Math.max(1, table.rows.length);
}

/** Bounds of everything the plan writes (0-based, inclusive), or null for an empty plan. */
export function planBounds(plan: SheetPlan): { top: number; left: number; bottom: number; right: number } | null {
  let top = Infinity;
  let left = Infinity;
  let bottom = -1;
  let right = -1;
  const take = (r: number, c: number): void => {
    top = Math.min(top, r);
    left = Math.min(left, c);
    bottom = Math.max(bottom, r);
    right = Math.max(right, c);
  };
  for (const b of plan.blocks) {
    b.values.forEach((row, dr) => {
      const width = Math.max(row.length, b.mergeAcross ?? 0);
      if (width > 0) {
        take(b.at.row + dr, b.at.col);
        take(b.at.row + dr, b.at.col + width - 1);
      }
    });
  }
  if (plan.table) {
    const t = plan.table;
    take(t.at.row, t.at.col);
    take(t.at.row + tableBodyRows(t), t.at.col + Math.max(1, t.columns.length) - 1);
  }
  return bottom < 0 ? null : { top, left, bottom, right };
}

/** Columns the plan hides (0-based sheet columns). */
export function planHiddenColumns(plan: SheetPlan): Set<number> {
  const hidden = new Set<number>();
  plan.table?.columns.forEach((c, i) => {
    if (c.hidden) hidden.add(plan.table!.at.col + i);
  });
  return hidden;
}

/** Column widths in characters: table columns, then the plan's extra widths. */
export function planWidths(plan: SheetPlan): Map<number, number> {
  const widths = new Map<number, number>();
  if (plan.table) plan.table.columns.forEach((c, i) => widths.set(plan.table!.at.col + i, c.width));
  for (const [col, w] of Object.entries(plan.widths ?? {})) widths.set(Number(col), w);
  return widths;
}

/** A plan cell's value by 0-based position (for chart caches): table first, then blocks. */
export function planCellLookup(plan: SheetPlan, columnNames?: string[]): (row: number, col: number) => CellValue {
  return (row, col) => {
    const t = plan.table;
    if (t && col >= t.at.col && col < t.at.col + t.columns.length) {
      const i = col - t.at.col;
      if (row === t.at.row) return columnNames?.[i] ?? t.columns[i].header;
      if (row > t.at.row && row <= t.at.row + tableBodyRows(t)) return shownValue(t.rows[row - t.at.row - 1]?.[i]);
    }
    for (let k = plan.blocks.length - 1; k >= 0; k--) {
      const b = plan.blocks[k];
      const v = b.values[row - b.at.row]?.[col - b.at.col];
      if (v !== undefined && row >= b.at.row && col >= b.at.col) return shownValue(v);
    }
    return null;
  };
}

/** Buffered string sink: pieces of ~64 K characters reach the deflater. */
class Chunker {
  private parts: string[] = [];
  private size = 0;
  constructor(private readonly out: (s: string) => void) {}
  add(s: string): void {
    this.parts.push(s);
    this.size += s.length;
    if (this.size >= 65_536) this.flush();
  }
  flush(): void {
    if (this.parts.length === 0) return;
    this.out(this.parts.join(""));
    this.parts = [];
    this.size = 0;
  }
}

interface BlockCell {
  col: number;
  value: PlanCell;
  format: CellFormat;
}

function sqrefOf(ref: string): string {
  return ref
    .split(/[\s,;]+/)
    .filter(Boolean)
    .map((r) => stripSheet(r).replace(/\$/g, "").toUpperCase())
    .join(" ");
}

function topLeftOf(ref: string): string {
  const first = sqrefOf(ref).split(" ")[0] ?? "A1";
  const box = parseRange(first);
  return box ? cellA1(box.top, box.left) : "A1";
}

function formulaText(formula: string): string {
  return escapeXml(formula.startsWith("=") ? formula.slice(1) : formula);
}

function clip(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

/**
 * Write the worksheet XML of `plan` into `out` (called with pieces), returning Russian warnings (long texts cut,
 * lists that cannot be a validation). The table, drawing and relationship parts are written by the caller.
 */
export function writeSheetXml(plan: SheetPlan, ctx: SheetWriteContext, out: (s: string) => void): string[] {
  const warnings: string[] = [];
  const w = new Chunker(out);
  const { styles } = ctx;
  const xfCache = new Map<string, number>();
  const xf = (key: string, make: () => CellFormat): number => {
    let s = xfCache.get(key);
    if (s === undefined) {
      s = styles.cellXf(make());
      xfCache.set(key, s);
    }
    return s;
  };
  let truncated = 0;

  // ---- blocks: small, grouped by row ----
  const blockRows = new Map<number, BlockCell[]>();
  const merges: string[] = [];
  const blockHeights = new Map<number, number>();
  const widths = planWidths(plan);
  const widthOf = (c: number): number => widths.get(c) ?? DEFAULT_COL_WIDTH;
  plan.blocks.forEach((b: BlockPlan) => {
    const base = formatOf(b.style);
    if (b.numberFormat) base.numberFormat = b.numberFormat;
    b.values.forEach((row, dr) => {
      const r = b.at.row + dr;
      let cells = blockRows.get(r);
      if (!cells) blockRows.set(r, (cells = []));
      row.forEach((v, dc) => cells!.push({ col: b.at.col + dc, value: v, format: base }));
      const span = b.mergeAcross && b.mergeAcross > 1 ? b.mergeAcross : 1;
      if (span > 1) {
        merges.push(`${cellA1(r, b.at.col)}:${cellA1(r, b.at.col + span - 1)}`);
        // Cells under a merge keep the block's style (borders and fills span the merged area).
        for (let dc = row.length; dc < span; dc++) cells.push({ col: b.at.col + dc, value: null, format: base });
      }
      const first = shownValue(row[0]);
      if (b.style?.wrap && typeof first === "string") {
        let width = 0;
        for (let k = 0; k < span; k++) width += widthOf(b.at.col + k);
        const lines = wrappedLines(first, width);
        if (lines > 1) blockHeights.set(r, Math.max(blockHeights.get(r) ?? 0, lines * LINE_HEIGHT_POINTS));
      }
    });
  });
  // Rows with a planned height and no cell are written too (a laid-out page keeps its spacing).
  for (const key of Object.keys(plan.rowHeights ?? {})) {
    const r = Number(key);
    if (Number.isInteger(r) && r >= 0 && r < 1_048_576 && !blockRows.has(r)) blockRows.set(r, []);
  }
  const blockRowIndexes = [...blockRows.keys()].sort((a, b) => a - b);
  for (const r of blockRowIndexes) blockRows.get(r)!.sort((a, b) => a.col - b.col);

  // ---- the table ----
  const t = plan.table;
  const names = ctx.table?.columnNames ?? t?.columns.map((c) => c.header) ?? [];
  const rowStyleOf = new Map<number, number>();
  (t?.rowStyles ?? []).forEach((rs, k) => rowStyleOf.set(rs.row, k));
  const headerFormat = formatOf(t?.headerStyle);
  const bodyBase = formatOf(t?.bodyStyle);
  // Merged body cells of a plain table: the first cell of each merge by body row, and the cells it covers.
  const mergeAt = new Map<number, { col: number; span: number }[]>();
  if (t?.plain) {
    for (const m of t.merges ?? []) {
      if (m.span < 2 || m.col < 0 || m.col >= t.columns.length) continue;
      const span = Math.min(m.span, t.columns.length - m.col);
      const list = mergeAt.get(m.row) ?? [];
      list.push({ col: m.col, span });
      mergeAt.set(m.row, list);
      const r = t.at.row + 1 + m.row;
      merges.push(`${cellA1(r, t.at.col + m.col)}:${cellA1(r, t.at.col + m.col + span - 1)}`);
    }
  }
  const columnFormat = (i: number, rowStyle: number | undefined): CellFormat => {
    const c = t!.columns[i];
    const f: CellFormat = { ...bodyBase, vertical: "top" };
    if (c.numberFormat) f.numberFormat = c.numberFormat;
    if (c.wrap) f.wrap = true;
    if (c.horizontal) f.horizontal = c.horizontal;
    return rowStyle === undefined ? f : { ...f, ...formatOf(t!.rowStyles![rowStyle].style) };
  };
  const headerRow = t ? t.at.row : -1;
  const lastTableRow = t ? t.at.row + tableBodyRows(t) : -2;

  // ---- worksheet head ----
  const bounds = planBounds(plan);
  const { ns } = ctx;
  w.add(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n`);
  w.add(`<worksheet xmlns="${ns.main}" xmlns:r="${ns.rel}">`);
  if (plan.print?.fitToWidth) w.add(`<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>`);
  w.add(
    `<dimension ref="${bounds ? `${cellA1(bounds.top, bounds.left)}${bounds.bottom > bounds.top || bounds.right > bounds.left ? `:${cellA1(bounds.bottom, bounds.right)}` : ""}` : "A1"}"/>`,
  );
  w.add(sheetViewsXml(plan));
  w.add(`<sheetFormatPr defaultRowHeight="${LINE_HEIGHT_POINTS}"/>`);
  const hidden = planHiddenColumns(plan);
  if (widths.size || hidden.size) {
    w.add("<cols>");
    const all = new Set([...widths.keys(), ...hidden]);
    for (const c of [...all].sort((a, b) => a - b)) {
      const width = widths.get(c) ?? DEFAULT_COL_WIDTH;
      w.add(
        `<col min="${c + 1}" max="${c + 1}" width="${width}" customWidth="1"${hidden.has(c) ? ` hidden="1"` : ""}/>`,
      );
    }
    w.add("</cols>");
  }

  // ---- sheetData, row by row ----
  w.add("<sheetData>");
  const cellXml = (row: number, col: number, v: PlanCell, s: number): string => {
    const ref = cellA1(row, col);
    const sa = s ? ` s="${s}"` : "";
    if (isFormulaCell(v)) return formulaXml(ref, sa, v.formula, v.value ?? null);
    if (v === null || v === undefined) return s ? `<c r="${ref}"${sa}/>` : "";
    if (typeof v === "number") {
      return Number.isFinite(v) ? `<c r="${ref}"${sa}><v>${v}</v></c>` : `<c r="${ref}"${sa} t="e"><v>#NUM!</v></c>`;
    }
    if (typeof v === "boolean") return `<c r="${ref}"${sa} t="b"><v>${v ? 1 : 0}</v></c>`;
    if (v instanceof Date) {
      const serial = dateSerial(v, ctx.date1904);
      return Number.isFinite(serial)
        ? `<c r="${ref}"${sa}><v>${serial}</v></c>`
        : `<c r="${ref}"${sa} t="e"><v>#VALUE!</v></c>`;
    }
    let text = String(v);
    if (text.length > MAX_CELL_CHARS) {
      text = clip(text, MAX_CELL_CHARS);
      truncated++;
    }
    const space = /^\s|\s$|\n/.test(text) ? ` xml:space="preserve"` : "";
    return `<c r="${ref}"${sa} t="inlineStr"><is><t${space}>${escapeXstring(text)}</t></is></c>`;
  };
  const blockXf = (cell: BlockCell): number => {
    const kind = kindOf(cell.value);
    const f = withKind(cell.format, kind);
    return Object.keys(f).length === 0 ? 0 : styles.cellXf(f);
  };
  const writeRow = (r: number): void => {
    const blockCells = blockRows.get(r) ?? [];
    const inTable = t !== undefined && r >= headerRow && r <= lastTableRow;
    let height: number | null = blockHeights.get(r) ?? null;
    let cells = "";
    if (!inTable) {
      for (const c of blockCells) cells += cellXml(r, c.col, c.value, blockXf(c));
    } else {
      const tt = t!;
      const c0 = tt.at.col;
      const c1 = c0 + tt.columns.length - 1;
      let k = 0;
      while (k < blockCells.length && blockCells[k].col < c0) {
        cells += cellXml(r, blockCells[k].col, blockCells[k].value, blockXf(blockCells[k]));
        k++;
      }
      if (r === headerRow) {
        names.forEach((name, i) => {
          const kind = kindOf(name);
          cells += cellXml(
            r,
            c0 + i,
            name,
            xf(`h|${kind}`, () => withKind(headerFormat, kind)),
          );
        });
        const h = rowHeight(names, tt.columns, {
          wrapAll: tt.headerStyle?.wrap === true,
          bold: tt.headerStyle?.bold === true,
        });
        if (h) height = Math.max(height ?? 0, h);
      } else {
        const bodyIndex = r - headerRow - 1;
        const values = tt.rows[bodyIndex] ?? [];
        const rs = rowStyleOf.get(bodyIndex);
        for (let i = 0; i < tt.columns.length; i++) {
          const v = values[i] ?? null;
          const kind = kindOf(v);
          cells += cellXml(
            r,
            c0 + i,
            v,
            xf(`b|${i}|${rs ?? ""}|${kind}`, () => withKind(columnFormat(i, rs), kind)),
          );
        }
        const h = bodyRowHeight(values, tt, mergeAt.get(bodyIndex));
        if (h) height = Math.max(height ?? 0, h);
      }
      while (k < blockCells.length && blockCells[k].col <= c1) k++;
      for (; k < blockCells.length; k++) {
        cells += cellXml(r, blockCells[k].col, blockCells[k].value, blockXf(blockCells[k]));
      }
    }
    const planned = plan.rowHeights?.[r];
    if (planned !== undefined && Number.isFinite(planned) && planned > 0) height = Math.min(409, planned);
    if (!cells && height === null) return;
    const ht = height ? ` ht="${height}" customHeight="1"` : "";
    w.add(`<row r="${r + 1}"${ht}>${cells}</row>`);
  };
  let bi = 0;
  let tr = t ? headerRow : Infinity;
  while (bi < blockRowIndexes.length || tr <= lastTableRow) {
    const nextBlock = bi < blockRowIndexes.length ? blockRowIndexes[bi] : Infinity;
    const r = Math.min(nextBlock, tr);
    writeRow(r);
    if (nextBlock === r) bi++;
    if (tr === r) tr++;
    if (tr > lastTableRow) tr = Infinity;
  }
  w.add("</sheetData>");

  // ---- after the data, in schema order ----
  if (merges.length) {
    w.add(`<mergeCells count="${merges.length}">`);
    for (const m of merges) w.add(`<mergeCell ref="${m}"/>`);
    w.add("</mergeCells>");
  }
  let priority = 1;
  for (const cf of plan.conditionalFormats) {
    w.add(conditionalXml(cf, styles.dxf(cf.style), priority++));
  }
  const validations = validationsXml(plan, warnings);
  if (validations) w.add(validations);
  const m = { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 };
  w.add(
    plan.print
      ? `<pageMargins left="${m.left}" right="${m.right}" top="${m.top}" bottom="${m.bottom}" header="${m.header}" footer="${m.footer}"/>`
      : `<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>`,
  );
  if (plan.print) {
    const fit = plan.print.fitToWidth ? ` fitToWidth="1" fitToHeight="0"` : "";
    const scale =
      !plan.print.fitToWidth && plan.print.scale !== undefined && Number.isFinite(plan.print.scale)
        ? ` scale="${Math.min(400, Math.max(10, Math.round(plan.print.scale)))}"`
        : "";
    w.add(`<pageSetup paperSize="9"${scale} orientation="${plan.print.orientation}"${fit}/>`);
    const breaks = [...new Set(plan.print.breaksBefore ?? [])].filter((r) => r > 0).sort((a, b) => a - b);
    if (breaks.length > MAX_PAGE_BREAKS) {
      warnings.push(
        `На листе «${ctx.sheetName}» нужно ${breaks.length} разрывов страниц, а Excel допускает ${MAX_PAGE_BREAKS}: ` +
          `после ${MAX_PAGE_BREAKS}-го разрыва страницы разбиваются автоматически.`,
      );
      breaks.length = MAX_PAGE_BREAKS;
    }
    if (breaks.length) {
      w.add(`<rowBreaks count="${breaks.length}" manualBreakCount="${breaks.length}">`);
      for (const r of breaks) w.add(`<brk id="${r}" max="16383" man="1"/>`);
      w.add("</rowBreaks>");
    }
  }
  if (ctx.drawingRelId) w.add(`<drawing r:id="${ctx.drawingRelId}"/>`);
  if (ctx.table) w.add(`<tableParts count="1"><tablePart r:id="${ctx.table.relId}"/></tableParts>`);
  w.add("</worksheet>");
  w.flush();
  if (truncated) {
    warnings.push(
      `На листе «${ctx.sheetName}» ${truncated === 1 ? "текст одной ячейки обрезан" : `тексты ${truncated} ячеек обрезаны`} ` +
        `до ${MAX_CELL_CHARS} знаков — больше Excel в ячейке не хранит.`,
    );
  }
  return warnings;
}

/** A formula cell with its cached result (a string result is `t="str"`, as Excel writes it). */
function formulaXml(ref: string, sa: string, formula: string, value: string | number | boolean | null): string {
  const f = `<f>${formulaText(formula)}</f>`;
  if (typeof value === "number" && Number.isFinite(value)) return `<c r="${ref}"${sa}>${f}<v>${value}</v></c>`;
  if (typeof value === "boolean") return `<c r="${ref}"${sa} t="b">${f}<v>${value ? 1 : 0}</v></c>`;
  if (typeof value === "string")
    return `<c r="${ref}"${sa} t="str">${f}<v>${escapeXstring(clip(value, MAX_CELL_CHARS))}</v></c>`;
  return `<c r="${ref}"${sa}>${f}</c>`;
}

function sheetViewsXml(plan: SheetPlan): string {
  const rows = plan.freeze?.rows ?? 0;
  const cols = plan.freeze?.cols ?? 0;
  if (rows <= 0 && cols <= 0) return `<sheetViews><sheetView workbookViewId="0"/></sheetViews>`;
  const tl = cellA1(Math.max(rows, 0), Math.max(cols, 0));
  let pane: string;
  let selection: string;
  if (rows > 0 && cols > 0) {
    pane = `<pane xSplit="${cols}" ySplit="${rows}" topLeftCell="${tl}" activePane="bottomRight" state="frozen"/>`;
    selection =
      `<selection pane="topRight" activeCell="${cellA1(0, cols)}" sqref="${cellA1(0, cols)}"/>` +
      `<selection pane="bottomLeft" activeCell="${cellA1(rows, 0)}" sqref="${cellA1(rows, 0)}"/>` +
      `<selection pane="bottomRight" activeCell="${tl}" sqref="${tl}"/>`;
  } else if (rows > 0) {
    pane = `<pane ySplit="${rows}" topLeftCell="${tl}" activePane="bottomLeft" state="frozen"/>`;
    selection = `<selection pane="bottomLeft" activeCell="${tl}" sqref="${tl}"/>`;
  } else {
    pane = `<pane xSplit="${cols}" topLeftCell="${tl}" activePane="topRight" state="frozen"/>`;
    selection = `<selection pane="topRight" activeCell="${tl}" sqref="${tl}"/>`;
  }
  return `<sheetViews><sheetView workbookViewId="0">${pane}${selection}</sheetView></sheetViews>`;
}

const CF_OPERATORS = { lessThan: "lessThan", greaterThan: "greaterThan", equal: "equal", between: "between" } as const;

function conditionalXml(cf: ConditionalFormatPlan, dxfId: number, priority: number): string {
  const sqref = sqrefOf(cf.ref);
  const rule = cf.rule;
  let inner: string;
  switch (rule.kind) {
    case "expression":
      inner = `<cfRule type="expression" dxfId="${dxfId}" priority="${priority}"><formula>${formulaText(rule.formula)}</formula></cfRule>`;
      break;
    case "containsText": {
      const text = rule.text.replace(/"/g, '""');
      inner =
        `<cfRule type="containsText" dxfId="${dxfId}" priority="${priority}" operator="containsText" text="${escapeAttr(rule.text)}">` +
        `<formula>${escapeXml(`NOT(ISERROR(SEARCH("${text}",${topLeftOf(cf.ref)})))`)}</formula></cfRule>`;
      break;
    }
    case "cellValue":
      inner =
        `<cfRule type="cellIs" dxfId="${dxfId}" priority="${priority}" operator="${CF_OPERATORS[rule.operator]}">` +
        rule.values.map((v) => `<formula>${v}</formula>`).join("") +
        `</cfRule>`;
      break;
  }
  return `<conditionalFormatting sqref="${sqref}">${inner}</conditionalFormatting>`;
}

function validationsXml(plan: SheetPlan, warnings: string[]): string {
  const items: string[] = [];
  for (const v of plan.validations) {
    const source = `"${v.list.map((x) => x.replace(/"/g, '""')).join(",")}"`;
    if (v.list.some((x) => x.includes(",")) || source.length > MAX_LIST_SOURCE) {
      warnings.push(
        `Список значений для ${v.ref} не задан: Excel принимает список без запятых в значениях и не длиннее ` +
          `${MAX_LIST_SOURCE} знаков.`,
      );
      continue;
    }
    const error = clip(`Выберите значение из списка: ${v.list.join(", ")}`, 225);
    const prompt = v.prompt ? ` showInputMessage="1" prompt="${escapeAttr(clip(v.prompt, 255))}"` : "";
    items.push(
      `<dataValidation type="list" allowBlank="1" showErrorMessage="1" errorTitle="Недопустимое значение" ` +
        `error="${escapeAttr(error)}"${prompt} sqref="${sqrefOf(v.ref)}"><formula1>${escapeXml(source)}</formula1></dataValidation>`,
    );
  }
  return items.length ? `<dataValidations count="${items.length}">${items.join("")}</dataValidations>` : "";
}

/** The table part of a plan's table. */
export function tableXml(table: TablePlan, ns: Namespaces, id: number, name: string, columnNames: string[]): string {
  const ref = `${cellA1(table.at.row, table.at.col)}:${cellA1(table.at.row + tableBodyRows(table), table.at.col + table.columns.length - 1)}`;
  const columns = columnNames
    .map((n, i) => `<tableColumn id="${i + 1}" name="${escapeAttr(xstringAttr(n))}"/>`)
    .join("");
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<table xmlns="${ns.main}" id="${id}" name="${escapeAttr(name)}" displayName="${escapeAttr(name)}" ref="${ref}" totalsRowShown="0">` +
    `<autoFilter ref="${ref}"/><tableColumns count="${columnNames.length}">${columns}</tableColumns>` +
    `<tableStyleInfo name="${escapeAttr(table.style ?? "TableStyleMedium2")}" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/>` +
    `</table>`
  );
}
