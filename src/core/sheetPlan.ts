/**
 * A sheet plan: an output sheet described as plain data, rendered by src/excel (Office.js) or src/xlsx
 * (our own SpreadsheetML writer). Positions are 0-based (row, col); `ref` strings are A1 ranges on the planned sheet.
 */
import type { CellValue } from "./types";

/** Which generator made a sheet; the adapters record it so that only generated sheets are ever replaced. */
export type GeneratedKind = "annual-list" | "roadmap" | "indicators" | "dynamics" | "profile";

export interface CellStyle {
  bold?: boolean;
  italic?: boolean;
  fontSize?: number;
  /** "#RRGGBB" */
  fontColor?: string;
  /** "#RRGGBB" background */
  fill?: string;
  wrap?: boolean;
  horizontal?: "left" | "center" | "right";
  vertical?: "top" | "middle" | "bottom";
  border?: "thin" | "none";
  /** Number format of the styled cells (table row styles, blocks); not used by conditional formats. */
  numberFormat?: string;
}

/**
 * A formula written into a plan cell (issue 14: the roadmap's summaries count statuses as people tick them,
 * «Достигнуто» follows a typed target). English function names and «,» separators, as the file format and Office.js
 * `formulas` take them. `value` is the result cached with it (shown by readers that do not recalculate).
 */
export interface FormulaCell {
  formula: string;
  value?: string | number | boolean | null;
}

/** What a plan cell holds: a value, or a formula. */
export type PlanCell = CellValue | FormulaCell;

export function isFormulaCell(v: unknown): v is FormulaCell {
  return typeof v === "object" && v !== null && !(v instanceof Date) && typeof (v as FormulaCell).formula === "string";
}

/** The value a plan cell shows: the value itself, or a formula's cached result. */
export function shownValue(v: PlanCell | undefined): CellValue {
  if (v === undefined) return null;
  if (isFormulaCell(v)) return v.value ?? null;
  return v;
}

export interface ColumnPlan {
  /** Stable key used by tests and by generators ("school", "status", …). */
  key: string;
  /** Header text (Russian). */
  header: string;
  /** Width in characters (Excel's column width unit). */
  width: number;
  /** Excel number format for body cells ("0", "0.0%", "@", "dd.mm.yyyy"); General when absent. */
  numberFormat?: string;
  wrap?: boolean;
  horizontal?: "left" | "center" | "right";
  /** Hidden column (the service column of rebuildable sheets, issue 14). */
  hidden?: boolean;
}

/** The main table of a sheet: a header row plus body rows, rendered as a real Excel table where the host can. */
export interface TablePlan {
  /** Excel table name (letters, digits, underscore). */
  name: string;
  /** Top-left cell of the header row. */
  at: { row: number; col: number };
  columns: ColumnPlan[];
  rows: PlanCell[][];
  /**
   * Rendered as formatted cells, not as an Excel table (issue 14): sheets grouped in blocks with headings, merged
   * rows and formulas (a roadmap) cannot be a table, whose rows Excel lets the user sort and filter apart.
   */
  plain?: boolean;
  /** Style of every body cell (borders of a plain table). */
  bodyStyle?: CellStyle;
  /** Body cells merged across columns, plain tables only: body row, first column (0-based in the table), span. */
  merges?: { row: number; col: number; span: number }[];
  /** Table style, e.g. "TableStyleMedium2". */
  style?: string;
  headerStyle?: CellStyle;
  /** Body rows to emphasise (0-based body row index → style), e.g. ШНОР rows. */
  rowStyles?: { row: number; style: CellStyle }[];
}

/** Free text or numbers placed outside the table: titles, summary blocks, notes. */
export interface BlockPlan {
  at: { row: number; col: number };
  values: PlanCell[][];
  style?: CellStyle;
  numberFormat?: string;
  /** Merge each row of the block across this many columns (titles). */
  mergeAcross?: number;
}

export type ConditionalRule =
  | { kind: "expression"; formula: string }
  | { kind: "containsText"; text: string }
  | {
      kind: "cellValue";
      operator: "lessThan" | "greaterThan" | "equal" | "between";
      values: [number] | [number, number];
    };

export interface ConditionalFormatPlan {
  ref: string;
  rule: ConditionalRule;
  style: CellStyle;
}

export interface ValidationPlan {
  ref: string;
  list: string[];
  prompt?: string;
}

export interface ChartPlan {
  kind: "line" | "column";
  title: string;
  /** Source data range including headers. */
  dataRef: string;
  seriesBy: "rows" | "columns";
  /** Anchor cell and size in cells. */
  at: { row: number; col: number };
  size: { rows: number; cols: number };
}

export interface PrintPlan {
  orientation: "portrait" | "landscape";
  paper: "A4";
  fitToWidth: boolean;
  /** 1-based sheet rows repeated at the top of every printed page, e.g. [5, 5]. */
  repeatRows?: [number, number];
  /**
   * Manual page breaks: 0-based sheet rows that start a new printed page (each school's roadmap block, issue 14).
   * Excel keeps at most 1,026 manual breaks per sheet; renderers warn past that.
   */
  breaksBefore?: number[];
  /**
   * Print scale in percent (10–400) when `fitToWidth` is false: a plan that lays out pages itself (one school per
   * page, issue 15) chooses the scale at which its tallest page still fits.
   */
  scale?: number;
}

export interface SheetPlan {
  /** Sheet name, ≤ 31 characters, no []:*?/\ . */
  name: string;
  kind: GeneratedKind;
  /** Academic year the sheet is for (end year). */
  year: number;
  blocks: BlockPlan[];
  table?: TablePlan;
  conditionalFormats: ConditionalFormatPlan[];
  validations: ValidationPlan[];
  charts: ChartPlan[];
  freeze?: { rows: number; cols: number };
  print?: PrintPlan;
  /** Extra column widths outside the table, by 0-based column. */
  widths?: Record<number, number>;
  /**
   * Row heights in points by 0-based row, where the plan decides them (merged wrapped text, which no host autofits;
   * pages laid out to fit). They win over the renderers' own estimates; a row with a height and no cell is written.
   */
  rowHeights?: Record<number, number>;
}

/** Characters Excel does not allow in sheet names. */
const BAD_SHEET_CHARS = /[[\]:*?/\\]/g;

/** Make a valid Excel sheet name (≤ 31 chars, no forbidden characters). */
export function safeSheetName(name: string): string {
  const cleaned = name.replace(BAD_SHEET_CHARS, " ").replace(/\s+/g, " ").trim();
  return (cleaned || "Лист").slice(0, 31);
}
