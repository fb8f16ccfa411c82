/**
 * Arguments as Excel passes them to the custom functions, turned into checked values.
 *
 * Blanks (see README): Excel passes `null` for an omitted optional argument and — in current builds — for an empty
 * cell; some older builds pass `0` for an empty cell, and `""` arrives from formulas that return empty text.
 * `null`, `undefined` and `""` (or only spaces) are «blank» = missing, never zero. A `0` cannot be told apart from
 * a typed zero, so it is taken as the number 0, except where 0 makes no sense and is read as «not given»
 * (the R-LOW threshold, the kind of DYNAMICS, the school name).
 */
import type { CellValue, Grid } from "../core/types";
import { parseNumberCell, parseYearCell } from "../registers/values";
import { invalidValue, notAvailable } from "./errors";

/** What Excel may hand over in one cell of an `any` argument. */
export type ExcelScalar = string | number | boolean | null | undefined;

/** One cell of an `any` argument as a CellValue (entity values by their basic value). */
export function toCellValue(v: unknown): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (typeof v === "string" || typeof v === "boolean") return v;
  if (v instanceof Date) return v;
  if (typeof v === "object" && v !== null && "basicValue" in v) {
    const b = (v as { basicValue: unknown }).basicValue;
    if (typeof b === "string" || typeof b === "number" || typeof b === "boolean") return b;
  }
  return String(v);
}

/** A range argument as a rectangular Grid (ragged rows padded with blanks). */
export function toGrid(values: unknown): Grid {
  if (!Array.isArray(values)) return [[toCellValue(values)]];
  // The usual case — a rectangle of plain values, as Excel passes a range — is used as it is: no copy of a big range.
  if (isCleanGrid(values)) return values as Grid;
  const rows = values.map((row) => (Array.isArray(row) ? row.map(toCellValue) : [toCellValue(row)]));
  const width = rows.reduce((m, r) => Math.max(m, r.length), 0);
  for (const r of rows) while (r.length < width) r.push(null);
  return rows;
}

// Bound once: this check runs over every cell of a range on every call.
const isArray = Array.isArray;
const isFiniteNumber = Number.isFinite;

/** Whether every row is an array of the same width holding only values toCellValue keeps as they are. */
function isCleanGrid(values: unknown[]): boolean {
  if (values.length === 0) return true;
  const first: unknown = values[0];
  if (!isArray(first)) return false;
  const width = first.length;
  for (let r = 0; r < values.length; r++) {
    const row: unknown = values[r];
    if (!isArray(row) || row.length !== width) return false;
    for (let c = 0; c < width; c++) {
      const v: unknown = row[c];
      if (v === null || typeof v === "string" || typeof v === "boolean") continue;
      if (typeof v === "number" && isFiniteNumber(v)) continue;
      return false;
    }
  }
  return true;
}

/** Blank: null, undefined, "" or only spaces. */
export function isBlankArg(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === "string" && v.replace(/\u00a0/g, " ").trim() === "");
}

/** A whole count ≥ 0 («участники», «не справились»): numbers or text numbers; blank → #N/A (missing, not zero). */
export function countArg(v: unknown, label: string): number {
  if (Array.isArray(v)) throw invalidValue(`${label}: ожидается одна ячейка, а не диапазон`);
  const cell = toCellValue(v);
  const p = parseNumberCell(cell);
  if (!p.ok) throw invalidValue(`${label}: ${p.message}`);
  if (p.value === null) throw notAvailable(`${label}: пустая ячейка — нет данных`);
  if (p.percent) throw invalidValue(`${label}: ожидается количество человек, а не процент («${String(v).trim()}»)`);
  if (!Number.isInteger(p.value) || p.value < 0) {
    throw invalidValue(`${label}: ожидается целое число ≥ 0, получено «${String(v).trim()}»`);
  }
  return p.value;
}

/**
 * The R-LOW threshold in percent. Blank (null, "") or 0 → null (use the workbook's settings): a 0 % threshold would make
 * every result low, and older Excel builds pass 0 for an empty cell. «30», 30, «30 %», «30,5» → percent; a number in
 * (0; 1] without «%» is a fraction (a cell formatted as 30 % holds 0,3) → ×100.
 */
export function thresholdArg(v: unknown): number | null {
  if (Array.isArray(v)) throw invalidValue("порог: ожидается одна ячейка, а не диапазон");
  if (isBlankArg(v) || v === 0) return null;
  const p = parseNumberCell(toCellValue(v));
  if (!p.ok) throw invalidValue(`порог: ${p.message}`);
  if (p.value === null || p.value === 0) return null;
  const percent = p.percent || p.value > 1 ? p.value : p.value * 100;
  if (!(percent > 0 && percent <= 100)) {
    throw invalidValue(`порог: ожидается доля от 0 до 100 %, получено «${String(v).trim()}»`);
  }
  return percent;
}

/** R-DYN tolerance in percentage points ≥ 0. Blank → null (use settings); 0 is a real tolerance («any change»). */
export function toleranceArg(v: unknown): number | null {
  if (Array.isArray(v)) throw invalidValue("допуск: ожидается одна ячейка, а не диапазон");
  if (isBlankArg(v)) return null;
  const p = parseNumberCell(toCellValue(v));
  if (!p.ok) throw invalidValue(`допуск: ${p.message}`);
  if (p.value === null) return null;
  if (p.value < 0 || p.value > 100) {
    throw invalidValue(`допуск: ожидается число процентных пунктов от 0 до 100, получено «${String(v).trim()}»`);
  }
  return p.value;
}

/** List year Y: 2025, «2024/2025», «2024-25» … (SPEC §1). Blank → #VALUE! (the year is required). */
export function yearArg(v: unknown): number {
  if (Array.isArray(v)) throw invalidValue("год: ожидается одна ячейка, а не диапазон");
  const p = parseYearCell(toCellValue(v));
  if (!p.ok) throw invalidValue(`год: ${p.message}`);
  if (p.value === null) throw invalidValue("год: не указан (например, 2025 или «2024/2025»)");
  return p.value;
}

/** Optional school name or code: blank or 0 → null. */
export function schoolArg(v: unknown): string | null {
  if (Array.isArray(v)) throw invalidValue("школа: ожидается одна ячейка, а не диапазон");
  if (isBlankArg(v) || v === 0) return null;
  const c = toCellValue(v);
  return String(c)
    .replace(/\u00a0/g, " ")
    .trim();
}

/** Required school: blank → #VALUE!. */
export function requiredSchoolArg(v: unknown): string {
  const s = schoolArg(v);
  if (s === null) throw invalidValue("школа: не указана (название или код ОО)");
  return s;
}

/**
 * A share for R-DYN, in percent. Blank → null («нет данных»). Text with «%» is percent; numbers are decided with the
 * other value of the pair (SPEC §2: percent when any value carries «%» or exceeds 1, else fractions 0–1).
 */
export interface ShareArg {
  value: number | null;
  percent: boolean;
  text: string;
}

export function shareArg(v: unknown, label: string): ShareArg {
  if (Array.isArray(v)) throw invalidValue(`${label}: ожидается одна ячейка, а не диапазон`);
  const text = isBlankArg(v) ? "" : String(v).trim();
  const p = parseNumberCell(toCellValue(v));
  if (!p.ok) throw invalidValue(`${label}: ${p.message}`);
  if (p.value !== null && p.value < 0) throw invalidValue(`${label}: доля не может быть отрицательной («${text}»)`);
  return { value: p.value, percent: p.percent, text };
}

/** Both shares of a pair in percent 0–100 (or null when blank). */
export function sharePairPercent(a: ShareArg, b: ShareArg): [number | null, number | null] {
  const asPercent = a.percent || b.percent || (a.value ?? 0) > 1 || (b.value ?? 0) > 1;
  const conv = (s: ShareArg, label: string): number | null => {
    if (s.value === null) return null;
    const pct = asPercent ? s.value : s.value * 100;
    if (pct > 100) throw invalidValue(`${label}: доля больше 100 % («${s.text}»)`);
    return pct;
  };
  return [conv(a, "было"), conv(b, "стало")];
}
