/** Public types of register recognition (SPEC §2). Implementation: ./recognize.ts and the kinds of ./kinds/. */
import type { Problem, SheetGrid } from "../core/types";
import type { RecordOf, RecordsByKind, RegisterKindId } from "./kinds";

/** Register kinds: the ids of the registry ./kinds/index.ts (one file per kind). */
export type { RecordOf, RecordsByKind, RegisterKindId };

/** Where a context value (procedure, year, grade, subject) came from, in order of precedence. */
/**
 * Where a context value came from: a column always wins per row; then a constant set by hand for the sheet, title
 * lines, the sheet name, the file name, a column header, a default of the command line (`--procedure`).
 */
export type ContextSource = "column" | "manual" | "title" | "sheet" | "file" | "header" | "option";

export interface ContextValue {
  field: "procedure" | "year" | "grade" | "subject";
  value: string | number;
  from: ContextSource;
  /** The text it was read from (title line, sheet name, file name). */
  text: string;
}

export interface ColumnMapping {
  /** Field id ("school", "year", "participants", "failed", "failedShare", "m2", …). */
  field: string;
  /** 0-based sheet column. */
  col: number;
  /** Column letter ("C"). */
  letter: string;
  /** Header text as found. */
  header: string;
}

export interface SkippedRow {
  /** 1-based sheet row. */
  row: number;
  /** Last row of a run of rows skipped for the same reason (blank rows), when the skip covers more than one. */
  toRow?: number;
  /** Russian reason: «строка «Итого»», «агрегат: Вся выборка», «пустая строка», «дубликат строки 12». */
  reason: string;
  /** A row WITH numbers skipped as a summary or aggregate (Итого, a region, a municipality): worth checking. */
  aggregate?: boolean;
}

/** What recognition made of one sheet — the account shown by `shnor registers` and the pane. */
export interface SheetAccount {
  sheet: string;
  file?: string;
  kind: RegisterKindId | null;
  /** How the register is laid out when not the usual way («широкая таблица: группа столбцов на каждый предмет»). */
  layout?: string;
  /** Why a sheet that looks like a register is not read (a table of applications, not results). */
  note?: string;
  /** 1-based header row, null when no register was found. */
  headerRow: number | null;
  mapping: ColumnMapping[];
  context: ContextValue[];
  /** Records this sheet contributes (after duplicates and totals across sheets). */
  rowsRead: number;
  /**
   * The sheet rows those records were read from, as 1-based inclusive ranges ([[9, 120], [122, 130]]): with `skipped`
   * and `problems`, every non-blank data row of the sheet is accounted for (issue 16 «nothing vanishes»). A wide
   * table gives several records per row; a protocol one record per class from many pupil rows.
   */
  read?: [number, number][];
  skipped: SkippedRow[];
  problems: Problem[];
  /** True when the user pointed this register by hand (pane). */
  manual?: boolean;
  /**
   * Several tables stacked on one sheet (issue 8): each repeated header below a table starts a segment with its own
   * context (from the title lines between the tables). Present only when the sheet has more than one table; the
   * first segment is the sheet's own header and `context` above.
   */
  segments?: TableSegmentAccount[];
}

/** One table of a sheet holding several (a repeated header with its own title lines). */
export interface TableSegmentAccount {
  /** 1-based row of the segment's header. */
  headerRow: number;
  /** 1-based row of its first title line, null when none. */
  titleRow: number | null;
  context: ContextValue[];
  /** True when the segment starts at title lines without a repeated header (`headerRow` is its first data row). */
  noHeader?: boolean;
}

/** A register pointed at by hand in the task pane (remembered in the workbook). */
export interface ManualMapping {
  sheet: string;
  file?: string;
  kind: RegisterKindId;
  /** 1-based header row. */
  headerRow: number;
  /** field → 0-based sheet column. */
  columns: Record<string, number>;
  /**
   * Values for the whole sheet that no column gives (issue 16 item 9: a department table without a procedure —
   * «Процедура для всего листа» in the pane's mapping editor). They win over titles and names, never over a column.
   */
  constants?: { procedure?: string };
}

/**
 * Everything read from the workbooks: the records of every kind keyed by kind id (`registers.results`,
 * `registers.schools`, `registers[kind]` …), the account of every sheet and all problems.
 */
export type Registers = RecordsByKind & {
  sheets: SheetAccount[];
  /** All problems of all sheets, plus cross-sheet ones (unknown school names, conflicting duplicates). */
  problems: Problem[];
};

export interface ReadOptions {
  mappings?: ManualMapping[];
  /**
   * Defaults for sheets that give a context field nowhere — no column, title, sheet or file name (issue 16 item 9:
   * `shnor list --procedure ВПР`). Never override what a sheet says.
   */
  defaults?: { procedure?: string };
}

export type { SheetGrid };
