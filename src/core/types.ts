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
  /** Местность read as rural (село, деревня…) true / urban (город, пгт…) false; null or absent when not said (R-SOC). */
  rural?: boolean | null;
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
  /** Sample standard deviation of the primary scores (n − 1), when at least two pupils have one (R-OBJ-4). */
  sdPrimary?: number | null;
  /** Pupils with a primary score (the n of meanPrimary / sdPrimary). */
  primaryCount?: number;
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

/**
 * A share measured by a register column (issue 13: «counts or shares»): `share` 0–1 of the row's total (pupils,
 * teachers, graduates), `count` the whole number when the column gives counts (null when it gives shares).
 */
export interface Measure {
  share: number;
  count: number | null;
}

/**
 * Indicators of the social passport (SPEC §2 «Контекст», R-SOC). `registeredSchool` / `registeredPolice` are the
 * separate columns «на внутришкольном учёте» / «на учёте в ОПДН»; `registered` a column naming both.
 */
export type ContextIndicatorId =
  "registered" | "registeredSchool" | "registeredPolice" | "disabled" | "troubled" | "lowIncome" | "nonNative";

/** One school-year of the «Контекст» register (социальный паспорт, seeds 000, 003). */
export interface ContextRecord {
  schoolKey: string;
  school: string;
  code: string | null;
  municipality?: string | null;
  year: number;
  /** Всего обучающихся. */
  students: number;
  /** The indicators the row gives (a blank cell or a missing column: absent). */
  indicators: Partial<Record<ContextIndicatorId, Measure>>;
  source: SourceRef;
}

/** One school-year of the «Кадры» register (seed 003 §4.2; R-SOC staffing deficit, R-RISK 2 and 3). */
export interface StaffRecord {
  schoolKey: string;
  school: string;
  code: string | null;
  municipality?: string | null;
  year: number;
  /** Всего педагогов. */
  teachers: number;
  /** Прошли диагностику профессиональных дефицитов. */
  diagnosed: Measure | null;
  /** Не достигли базового уровня (share of all teachers; `count` when counts are given). */
  belowBase: Measure | null;
  /** Прошли повышение квалификации своевременно. */
  trainedOnTime: Measure | null;
  /** Участвовали в конкурсах профессионального мастерства. */
  contests: Measure | null;
  /** Вакансии (число ставок/должностей), when the register has the column. */
  vacancies: number | null;
  /** Укомплектованность 0–1, when the register has the column. */
  staffing: number | null;
  source: SourceRef;
}

/** One school-year of the «Поддержка» register (seed 003 §4.3; curators and partners of seed 002). */
export interface SupportRecord {
  schoolKey: string;
  school: string;
  code: string | null;
  municipality?: string | null;
  year: number;
  /** Охвачена методической работой (да/нет); null when blank or no column. */
  methodical: boolean | null;
  /** Взаимодействие со школой-лидером / наставником. */
  leaderPartnership: boolean | null;
  /** Оказана адресная помощь. */
  targetedHelp: boolean | null;
  curator: string | null;
  partner: string | null;
  source: SourceRef;
}

/** One school-year-grade of the «Аттестаты» register (seed 003 §4.1: не получили аттестат). */
export interface AttestatRecord {
  schoolKey: string;
  school: string;
  code: string | null;
  municipality?: string | null;
  year: number;
  /** 9 or 11; null when the register does not say. */
  grade: 9 | 11 | null;
  graduates: number;
  /** Не получили аттестат (whole count); null when the register has no such column. */
  noAttestat: number | null;
  source: SourceRef;
}

/** Risk directions of the federal project «500+» (SPEC §6), 1…10. */
export type RiskDirection = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10;

/** Levels as SPEC §6 reads them (высокий / средний / низкий; 1 / 0,5 / 0; да / нет ⇒ высокий / низкий). */
export type RiskLevel = "высокий" | "средний" | "низкий";

/** One school-year of the «Риски» register (risk profile, seed 004). */
export interface RiskRecord {
  schoolKey: string;
  school: string;
  code: string | null;
  municipality?: string | null;
  year: number;
  /** Entered levels; a direction without a column or with a blank cell is absent. */
  levels: Partial<Record<RiskDirection, RiskLevel>>;
  /** The directions the register has a column for (a blank cell in such a column is «not entered»). */
  columns: RiskDirection[];
  source: SourceRef;
}
