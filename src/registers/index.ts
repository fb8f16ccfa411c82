/** Register recognition (SPEC §2, issue 8): public API. */
export * from "./types";
export {
  readRegisters,
  parseResultsRange,
  recordsYears,
  recognizeSheet,
  dedupeResults,
  resolveIdentities,
  dropParallelTotals,
  codeConflicts,
} from "./recognize";
export type { SheetRecognition } from "./recognize";
export {
  basicText,
  normalizeHeader,
  normalizeSchoolName,
  normalizeCode,
  schoolKeyOf,
  findLogin,
  splitLoginFromName,
  canonicalSubject,
  findSubjectInText,
  normalizeProcedure,
  findProcedureInText,
  LOGIN_RE,
} from "./normalize";
export type { CanonicalSubject } from "./normalize";
export {
  parseNumberCell,
  parseYearCell,
  parseGradeCell,
  findYearInText,
  findGradeInText,
  academicYearOfDate,
  excelSerialToDate,
  isBlank,
  cellText,
  formatDate,
} from "./values";
export type { NumberCell, Parsed, GradeValue } from "./values";
export { a1, colLetter, parseA1, parseRange } from "./address";
export { KINDS, RESULTS_KIND, SCHOOLS_KIND, JOURNAL_KIND, kindById } from "./kinds";
export type { FieldDef, KindDef } from "./kinds";
export { findHeader, HEADER_SCAN_ROWS } from "./headers";
export { readContext } from "./context";
