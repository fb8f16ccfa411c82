/** Register recognition (SPEC §2, issues 8, 13 and 16): public API. */
export * from "./types";
export {
  readRegisters,
  parseResultsRange,
  parseKindRange,
  recordsYears,
  recognizeSheet,
  resolveIdentities,
  codeConflicts,
} from "./recognize";
export type { SheetRecognition } from "./recognize";
export { dedupeResults, dropParallelTotals } from "./kinds/results";
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
export {
  REGISTRY,
  KINDS,
  KIND_IDS,
  RESULTS_KIND,
  SCHOOLS_KIND,
  JOURNAL_KIND,
  kindById,
  kindLabels,
  fieldLabel,
  isKindId,
  givesResults,
} from "./kinds";
export type { FieldDef, LayoutDef, KindDef, AnyKind, KindLabels, RowBase } from "./kind";
export { defineKind } from "./kind";
export { findHeader, HEADER_SCAN_ROWS } from "./headers";
export { readContext } from "./context";
