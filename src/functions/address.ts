/**
 * Where a range argument sits in the workbook, from `invocation.parameterAddresses` (e.g. "'Лист 1'!B5:H40"),
 * so that problems name real cells ("Лист 1", "H30") rather than positions inside the range.
 */
import { parseA1 } from "../registers/address";

export interface RangePlace {
  /** Sheet name as the user sees it; "диапазон" when Excel did not give the address (older builds). */
  sheet: string;
  /** 0-based sheet position of the range's top-left cell. */
  origin: { row: number; col: number };
  /** Whether the place came from a real address. */
  known: boolean;
}

export const UNKNOWN_SHEET = "диапазон";

/** Parse "Sheet1!A1:B2", "'Лист 1'!$B$5:$H$40", "[Книга1.xlsx]Лист1!B5"; an unusable address gives an unknown place. */
export function parseRangeAddress(address: string | null | undefined): RangePlace {
  const unknown: RangePlace = { sheet: UNKNOWN_SHEET, origin: { row: 0, col: 0 }, known: false };
  if (!address) return unknown;
  const bang = address.lastIndexOf("!");
  let sheet = bang >= 0 ? address.slice(0, bang) : "";
  const ref = bang >= 0 ? address.slice(bang + 1) : address;
  if (sheet.startsWith("'") && sheet.endsWith("'") && sheet.length >= 2) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  sheet = sheet.replace(/^\[[^\]]*\]/, "");
  const topLeft = parseA1(ref.split(":")[0] ?? "");
  if (!topLeft) return { ...unknown, sheet: sheet || UNKNOWN_SHEET };
  return { sheet: sheet || UNKNOWN_SHEET, origin: topLeft, known: true };
}

/** The address of the n-th parameter, when Excel gave it. */
export function parameterAddress(
  invocation: CustomFunctions.Invocation | null | undefined,
  index: number,
): string | null {
  const list = invocation?.parameterAddresses;
  return Array.isArray(list) && typeof list[index] === "string" ? list[index] : null;
}
