/** Host-independent use-cases (CLI, task pane). */
export { buildAnnualList, resolveSettings, resultYears, ShnorInputError } from "./buildList";
export type { BuildListOptions, BuildListResult } from "./buildList";
export {
  aggregatesWarning,
  allProblems,
  formatListSummary,
  formatProblem,
  formatRegistersAccount,
  formatSheetAccount,
  skippedAggregates,
} from "./summary";
export type { SummaryOptions } from "./summary";
export { isGeneratedListSheet, withoutGeneratedSheets } from "./generatedSheets";
export type { SkippedGeneratedSheet } from "./generatedSheets";
export { scanRegisters } from "./scan";
export type { ScanOptions, ScanResult } from "./scan";
export { HostError, OFFICE_TRAITS } from "./workbookHost";
export type {
  GeneratedSheetRecord,
  HostTraits,
  SheetStatus,
  WorkbookHost,
  WriteOptions,
  WriteProgress,
  WriteResult,
} from "./workbookHost";
export { buildAll, catalogueOf, SHEET_CHOICES, SHEET_TITLES } from "./buildAll";
export type { BuildAllOptions, BuildAllResult, BuiltSheet, SheetChoice } from "./buildAll";
export { buildProfiles, findSchool, schoolChoices } from "./profile";
export type { BuildProfileOptions, BuildProfileResult, SchoolChoice } from "./profile";
export { formatProfileText } from "./profileText";
