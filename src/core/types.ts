/**
 * Core domain types shared by every layer. Pure data: no host (Office.js, ExcelJS, React) types here.
 * Rule ids (R-…) refer to ../shared/SPEC.md.
 */

/** One cell value as any host gives it. Dates may arrive as Date (ExcelJS) or as serial numbers (Office.js). */
export type CellValue = string | number | boolean | Date | null;

/** A rectangular block of cell values, row-major. */
export type Grid = CellValue[][];

/** A merged area of a sheet, 0-based inclusive indexes relative to the sheet (not the grid). */
export interface MergedArea {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/**
 * One sheet (or one range of it) read by a host adapter.
 * `origin` is the 0-based sheet position of `values[0][0]` so problems can name real A1 cells.
 */
export interface SheetGrid {
  /** Sheet name as the user sees it. */
  name: string;
  values: Grid;
  origin?: { row: number; col: number };
  merges?: MergedArea[];
  /** File the sheet comes from (CLI with several files); undefined inside Excel. */
  file?: string;
  /** Set when the sheet is hidden in its workbook (readers of files say it; Office.js hosts may leave it out). */
  state?: "hidden" | "veryHidden";
  /**
   * Cells the reader could not give as they are (a text longer than Excel's 32,767 characters is cut there, a
   * reference to a missing shared string…), with their sheet and cell; Russian messages.
   */
  problems?: Problem[];
}

/** Everything a host adapter reads from one workbook. */
export interface WorkbookGrids {
  /** File name (used as a context source for procedure/year/grade/subject, SPEC §2). */
  fileName?: string;
  sheets: SheetGrid[];
}

/** A value that could not be read. `cell` is A1 notation, e.g. "H30"; message in Russian. */
export interface Problem {
  sheet: string;
  cell: string;
  message: string;
  file?: string;
}

/** Where a record came from (for problems, duplicates and the pane's "select cell"). */
export interface SourceRef {
  sheet: string;
  /** 1-based sheet row number. */
  row: number;
  file?: string;
}

/** Procedures are normalised names (SPEC §2): "ВПР", "ОГЭ", "ЕГЭ"; regional procedures keep their own name. */
export type Procedure = string;

/** Mark distribution as whole counts (R-DYN успеваемость/качество, R-OBJ-2). */
export interface MarkCounts {
  m2: number;
  m3: number;
  m4: number;
  m5: number;
}

/** One row of the «Результаты» register, after parsing (before R-UNIT aggregation). */
export interface ResultRecord {
  /** Identity used for grouping: "code:<Код ОО|login>" or "name:<normalised name>". */
  schoolKey: string;
  /** The school's name as written in this row. */
  school: string;
  /** Код ОО or ФИС ОКО login (sch + 6 digits), when the register has it. */
  code: string | null;
  /** Academic year by its end year: 2024/2025 ⇒ 2025 (SPEC §1). */
  year: number;
  procedure: Procedure;
  /** Parallel (4…11) or null when the register has none (ЕГЭ often). */
  grade: number | null;
  /** Class label as written ("5А") when the row is per class; null otherwise (R-MARK). */
  classLabel: string | null;
  /** Canonical subject, lower case: "русский язык", "математика", "физика", … */
  subject: string;
  /** Level of a subject that is its own procedure: "базовая" / "профильная" (ЕГЭ mathematics), else null. */
  variant: string | null;
  participants: number;
  /** «2» for ВПР, below the minimum threshold for ОГЭ/ЕГЭ — a whole count (shares are converted, SPEC §2). */
  failed: number;
  /** Mark counts when the register has the «2»–«5» columns. */
  marks: MarkCounts | null;
  /** ВПР vs journal marks, percent 0–100 (R-OBJ-1), when present. */
  journal: JournalShares | null;
  /** Mean score of the unit («средний балл» of ОГЭ/ЕГЭ tables), when the register has it. */
  average?: number | null;
  /** Municipality of the school as written (its column, filled down, or a merged cell), when known. */
  municipality?: string | null;
  source: SourceRef;
}

export interface JournalShares {
  lower: number;
  confirmed: number;
  higher: number;
}

/** One row of the «Школы» register. */
export interface SchoolRecord {
  schoolKey: string;
  name: string;
  code: string | null;
  type: string | null;
  locality: string | null;
  curator: string | null;
  partner: string | null;
  municipality?: string | null;
  source: SourceRef;
}

/** One school-year of «Сравнение отметок с отметками по журналу» (R-OBJ-1 input; its own register kind). */
export interface JournalRecord {
  schoolKey: string;
  school: string;
  code: string | null;
  year: number | null;
  procedure: Procedure;
  grade: number | null;
  subject: string | null;
  /** Percent 0–100. */
  shares: JournalShares;
  /** Counts when given. */
  counts: { lower: number; confirmed: number; higher: number; total: number } | null;
  municipality?: string | null;
  source: SourceRef;
}

/**
 * ВПР marks against journal marks of one unit, as counts: `pairs[v - 2][j - 2]` is the number of pupils whose ВПР mark
 * is v and whose journal mark is j (2…5). Enough for the exact-match share and Spearman's rho of R-OBJ (ties by
 * mid-ranks) without keeping pupils.
 */
export type MarkPairs = [
  [number, number, number, number],
  [number, number, number, number],
  [number, number, number, number],
  [number, number, number, number],
];

/**
 * One unit of a per-pupil protocol (issue 16 item 5): the pupils of one school × year × procedure × grade × subject ×
 * class aggregated. Its own register kind («Протокол»); units with marks also become results (failed = mark 2).
 */
export interface ProtocolUnit {
  schoolKey: string;
  school: string;
  code: string | null;
  municipality?: string | null;
  year: number;
  procedure: Procedure;
  grade: number | null;
  /** Class label («4А») when the protocol names the class, else null. */
  classLabel: string | null;
  subject: string;
  variant: string | null;
  /** Pupil rows read into the unit. */
  pupils: number;
  /** Pupils with a ВПР mark (from the protocol, or from primary scores through the «Шкалы» register). */
  participants: number;
  /** Mark «2»; null while primary scores have no scale to become marks. */
  failed: number | null;
  marks: MarkCounts | null;
  /** ВПР mark × journal mark counts; null without marks. */
  pairs: MarkPairs | null;
  /** Pupils with a ВПР mark but no journal mark. */
  noJournal: number;
  /** Mean primary score when the protocol has primary scores. */
  meanPrimary: number | null;
  /** Where the marks come from: the protocol's «Отметка», the «Шкалы» register, or none yet. */
  marksFrom: "protocol" | "scale" | null;
  /** The first pupil row of the unit. */
  source: SourceRef;
}

/** One row of the «Шкалы» register: the lowest primary score of the marks «3», «4», «5» (issue 16 item 5). */
export interface ScaleRecord {
  year: number;
  procedure: Procedure;
  grade: number;
  subject: string;
  variant: string | null;
  min3: number;
  min4: number;
  min5: number;
  source: SourceRef;
}

/** R-UNIT: (school, year, procedure, grade, subject[, variant]) with rows summed. */
export interface Unit {
  schoolKey: string;
  year: number;
  procedure: Procedure;
  grade: number | null;
  subject: string;
  variant: string | null;
  participants: number;
  failed: number;
  /** failed / participants, 0–1; null when participants = 0. */
  share: number | null;
  marks: MarkCounts | null;
  /** Class labels summed into this unit (R-MARK). */
  classes: string[];
  sources: SourceRef[];
}
