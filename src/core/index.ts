/** Public API of the pure engine (SPEC rules R-UNIT, R-LOW, R-SHNOR, R-MARK, R-DYN, R-LIST) and its contracts. */
export * from "./types";
export * from "./settings";
export * from "./sheetPlan";
export * from "./list.types";
export * from "./status.types";
export * from "./format";
export * from "./units";
export * from "./rules";
export * from "./annualList";
export * from "./annualListPlan";
export * from "./status";
export * from "./social";
export * from "./objectivity";
export * from "./schemas";
export * from "./layout";
export * from "./generatedSignature";
