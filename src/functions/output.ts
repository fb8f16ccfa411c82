/**
 * Output matrices of the custom functions: the spilled CLASSIFY table, its per-cell errors for rows that could not
 * be read, and the cap on spilled rows (large spills stall Excel — notes §4.3). Text only; no domain rules.
 */
import { formatAcademicYear } from "../core/format";
import type { SchoolAssessment } from "../core/list.types";
import type { Problem } from "../core/types";
import { invalidValue } from "./errors";

/** At most this many body rows are spilled (schools + unread rows); a note row says what was left out. */
export const MAX_SPILL_ROWS = 5000;

export const CLASSIFY_HEADER = ["Школа", "ШНОР", "Правило", "Низкие результаты"] as const;

export type OutCell = string | number | boolean | CustomFunctions.Error;

/** «ШНОР (правило 1)» / «ШНОР (правила 1, 2)» / «не ШНОР». */
export function statusText(s: Pick<SchoolAssessment, "shnor" | "rules">): string {
  if (!s.shnor || s.rules.length === 0) return "не ШНОР";
  return s.rules.length === 1 ? `ШНОР (правило ${s.rules[0]})` : `ШНОР (правила ${s.rules.join(", ")})`;
}

/** What is missing for the year's verdict, said in words (SPEC R-SHNOR: missing Y−1 data is said). */
export function missingDataNote(s: SchoolAssessment, year: number): string | null {
  if (!s.hasCurrentYear) return `нет результатов за ${formatAcademicYear(year)} учебный год`;
  if (!s.shnor && !s.hasPreviousYear && s.lowUnits.some((u) => u.year === year)) {
    return `нет данных за ${formatAcademicYear(year - 1)} учебный год — правило 2 не проверено`;
  }
  return null;
}

/** The low units behind the verdict as one Russian line, with what is missing. */
export function reasonsLine(s: SchoolAssessment, year: number): string {
  const parts: string[] = [];
  if (s.reasons.length > 0) parts.push(s.reasons.join("; "));
  const note = missingDataNote(s, year);
  if (note) parts.push(note);
  if (parts.length === 0) return "низких результатов нет";
  return parts.join("; ");
}

/** A sheet name as Excel writes it in a reference: quoted when it has anything but letters, digits, «_» and «.». */
export function sheetRef(sheet: string): string {
  return /^[\p{L}_][\p{L}\p{N}_.]*$/u.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`;
}

/** One problem as a readable line: «Лист1!H30: «абв» — не число», «'Лист 1'!H30: …». */
export function problemText(p: Problem): string {
  return `${p.file ? `[${p.file}] ` : ""}${sheetRef(p.sheet)}!${p.cell}: ${p.message}`;
}

/**
 * CLASSIFY without a school: header, one row per school (ШНОР first, as the engine orders them), then one row per
 * value that could not be read — an error cell (#VALUE! with the message) and the message as text, so a bad row
 * never spoils the others. Capped at MAX_SPILL_ROWS body rows with a note row.
 */
export function classifyTable(schools: SchoolAssessment[], problems: Problem[], year: number): OutCell[][] {
  const body: OutCell[][] = schools.map((s) => [
    s.school,
    s.shnor ? "да" : "нет",
    s.rules.length > 0 ? s.rules.join(", ") : "—",
    reasonsLine(s, year),
  ]);
  for (const p of problems) {
    const text = problemText(p);
    body.push([invalidValue(text), "ошибка", "—", `Не прочитано: ${text}`]);
  }
  const rows: OutCell[][] = [[...CLASSIFY_HEADER]];
  if (body.length > MAX_SPILL_ROWS) {
    rows.push(...body.slice(0, MAX_SPILL_ROWS));
    rows.push([
      `Показаны первые ${MAX_SPILL_ROWS} строк из ${body.length}. Полный список — кнопка «Построить ежегодный список» в области задач ШНОР.`,
      "",
      "",
      "",
    ]);
  } else {
    rows.push(...body);
  }
  if (schools.length === 0 && problems.length === 0) rows.push(["В реестре нет строк с данными", "", "", ""]);
  return rows;
}
