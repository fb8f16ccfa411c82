/**
 * The register-kind contract (issue 13 «register-kind registry», SPEC §2). A kind is ONE definition — its fields with
 * header synonyms, the layouts it is recognised in, the context fields it takes from titles and names, its row reader,
 * its cross-sheet step and its Russian labels — in one file under ./kinds/, listed once in ./kinds/index.ts.
 * Everything else (recognition, the CLI account, the pane, stored mappings) derives from that registry.
 */
import type { Problem } from "../core/types";
import type { SheetContext } from "./context";
import type { GridReader, HeaderMatch } from "./headers";
import type { ContextValue, ReadOptions, SheetAccount, SkippedRow } from "./types";

export type ContextField = ContextValue["field"];

export interface FieldDef {
  id: string;
  /** Russian label for accounts, messages and the pane's mapping editor. */
  label: string;
  /** Whole-header synonyms (normalised on use; a header also matches with its parenthesised parts left out). */
  synonyms: string[];
  /** Synonyms that may also stand inside a longer header («Количество участников ВПР»). */
  contains?: string[];
  /** A numeric header like 2..5 (mark columns): the cell may be the number itself. */
  numeric?: number;
  /**
   * A test over the normalised header text and the normalised group header above it (two-row headers such as
   * «Понизили (…)» over «%» and «Кол-во участников»). Tried before synonyms.
   */
  test?: (text: string, group: string) => boolean;
}

/** One way a kind is laid out on a sheet (long table, row labels, columns per group, a wide table …). */
export interface LayoutDef {
  id: string;
  /** Russian description for the account («широкая таблица: группа столбцов на предмет»), null for the usual one. */
  label: string | null;
  /** Every listed group must be satisfied; a group is satisfied when any one of its field ids is mapped. */
  requires: string[][];
  /** Row labels in the first data column that identify the layout (journal comparison by rows). */
  rowMarkers?: string[];
  /** A layout found by its own detector (a header row r of the grid) rather than by `requires`. */
  detect?: (g: GridReader, r: number, kind: AnyKind) => HeaderMatch | null;
  /** Score bonus over other readings of the same header (markers make a layout unambiguous). */
  bonus?: number;
}

/** A row reader's output item: the record, the A1 cell naming its school, the sheet rows it was read from. */
export interface RowBase<Rec> {
  record: Rec;
  /** A1 cell of the school (for duplicate and unknown-school problems). */
  schoolCell: string;
  /**
   * 1-based sheet rows this record was read from when more than its own source row (a group of rows, the pupils of a
   * unit); absent for a record read from one row (`record.source.row`) — no array per row of a big sheet.
   */
  rows?: number[];
  /** Other codes of the same school (a «Логин ОО» next to «Код ОО» in «Школы»), normalised. */
  aliases?: string[];
}

/** A later table of the same sheet: its repeated header (grid row) and the context read from its own titles. */
export interface TableSegment {
  headerRow: number;
  /** First grid row of its title lines, null when the header follows the previous table directly. */
  titleRow: number | null;
  ctx: SheetContext;
  /** Title lines without a repeated header: `headerRow` is then the segment's first data row. */
  noHeader?: boolean;
}

/** Reads the context of a later table segment: title lines from `from` up to the header at `headerTop`. */
export type SegmentContext = (from: number, headerTop: number, previous: SheetContext) => SheetContext;

export interface ReaderInput {
  g: GridReader;
  match: HeaderMatch;
  ctx: SheetContext;
  file?: string;
  segmentContext: SegmentContext;
  options: ReadOptions;
}

export interface RowsOutcome<T> {
  rows: T[];
  skipped: SkippedRow[];
  problems: Problem[];
  segments?: TableSegment[];
}

export interface Item<Row> {
  row: Row;
  account: SheetAccount;
}

/** What a kind's cross-sheet step sees: the items of every kind (after school identity is resolved). */
export interface CombineEnv {
  items(kind: string): Item<RowBase<unknown>>[];
}

export interface CombineOutcome<Row> {
  kept: Item<Row>[];
  problems: Problem[];
  /** Items this kind contributes to another kind (per-pupil protocols → results), by kind id. */
  derived?: Record<string, Item<RowBase<unknown>>[]>;
}

export interface KindLabels {
  /** Title of the kind («Результаты»): the pane's badge and the mapping editor's choice. */
  title: string;
  /** How `shnor registers` names a sheet of this kind («реестр результатов»). */
  account: string;
  /** How the «Итого» line of `shnor registers` counts its records («строк результатов»). */
  count: string;
}

export interface KindDef<Id extends string = string, Row extends RowBase<unknown> = RowBase<unknown>> {
  id: Id;
  labels: KindLabels;
  fields: FieldDef[];
  layouts: LayoutDef[];
  /** Columns whose presence means the sheet is NOT of this kind (e.g. «Школы» has no year nor participants). */
  excludes?: FieldDef[];
  /** Fields that may come from titles, sheet and file names when there is no column (SPEC §2). */
  contextFields?: ContextField[];
  /** Whether records carry a school (schoolKey, name, code): identity is resolved across registers. */
  identity: boolean;
  /** Whether its school names are checked against the «Школы» register (SPEC §2). */
  checkedAgainstSchools?: boolean;
  /** Whether its rows give other codes of a school (aliases) to every register («Школы»). */
  givesAliases?: boolean;
  /** Whether a sheet of this kind gives results (the results kind itself; per-pupil protocols through their units). */
  givesResults?: boolean;
  /** Reads the data rows under a header. */
  read(input: ReaderInput): RowsOutcome<Row>;
  /** Cross-sheet step (duplicates, totals, derived records); runs in registry order. Default: keep everything. */
  combine?(items: Item<Row>[], env: CombineEnv): CombineOutcome<Row>;
}

// The registry holds kinds of different row types; `any` here is the existential of that heterogeneous list.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyKind = KindDef<string, any>;

/** Identity helper that keeps the literal kind id and the row type of a definition. */
export function defineKind<Id extends string, Row extends RowBase<unknown>>(def: KindDef<Id, Row>): KindDef<Id, Row> {
  return def;
}

/** Appends without spreading (a sheet of 130,000 rows must not overflow the call stack). */
export function pushAll<T>(target: T[], items: readonly T[]): void {
  for (let i = 0; i < items.length; i++) target.push(items[i]);
}
