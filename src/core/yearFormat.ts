/**
 * Dates formatted to show only a year (SPEC §2, issue 16 item 10): a cell holding 31.12.2024 with the number format
 * `yyyy` shows «2024», and a host reader delivers it as the number 2024 — the year the user sees (the date itself
 * would be the academic year 2025). Shared by the .xlsx reader and the Office.js reader. Pure.
 */

/**
 * Whether an Excel number format code shows a date as its year only: `yyyy`, `yy`, with literal text (`yyyy" г."`,
 * `"Год "yyyy`, `yyyy\г`), locale or colour codes (`[$-419]yyyy`). Days, months, hours, minutes, seconds, eras or
 * digit placeholders make it something else. Only the first section (positive numbers) counts.
 */
export function isYearOnlyFormat(format: string | null | undefined): boolean {
  if (!format || format.length > 200) return false;
  let codes = "";
  let inQuotes = false;
  let inBrackets = false;
  for (let i = 0; i < format.length; i++) {
    const ch = format[i];
    if (inQuotes) {
      if (ch === '"') inQuotes = false;
      continue;
    }
    if (inBrackets) {
      if (ch === "]") inBrackets = false;
      continue;
    }
    if (ch === '"') inQuotes = true;
    else if (ch === "[") inBrackets = true;
    else if (ch === "\\")
      i++; // an escaped literal character
    else if (ch === "_" || ch === "*")
      i++; // padding with the next character
    else if (ch === ";")
      break; // only the section for positive numbers
    else codes += ch.toLowerCase();
  }
  if (!codes.includes("y")) return false;
  // Anything that shows more than the year — days, months or minutes, hours, seconds, AM/PM, eras (any Latin code
  // letter), digit placeholders, text — makes it another format; separators and spaces are harmless.
  return !/[a-z0#?@%]/.test(codes.replace(/y/g, ""));
}

/** Excel serial date (1900 date system; `date1904` for the Mac 1904 system) → its calendar year (UTC). */
export function yearOfSerial(serial: number, date1904 = false): number {
  const days = serial + (date1904 ? 1462 : 0);
  return new Date(Math.round((days - 25569) * 86400000)).getUTCFullYear();
}
