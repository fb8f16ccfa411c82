/**
 * Output matrices of the custom functions: the spilled CLASSIFY table, its per-cell errors for rows that could not
 * be read, and the cap on spilled rows (large spills stall Excel — notes §4.3). Text only; no domain rules.
 */
import { formatAcademicYear, schoolLabel } from "../core/format";
import type { SchoolAssessment } from "../core/list.types";
import type { Problem } from "../core/types";
import { invalidValue } from "./errors";

/** At most this many body rows are spilled (schools + unread rows); a note row says what was left out. */
export const MAX_SPILL_ROWS = 5000;

export const CLASSIFY_HEADER = ["Школа", "ШНОР", "Правило", "Низкие результаты"] as const;

export type OutCell = string | number | boolean | CustomFunctions.Error;

/** R-SHNOR status as core's shnorStatus gives it: true (ШНОР), false (not ШНОР), null (the data cannot tell). */
export type ShnorStatus = boolean | null;

/** Why the status cannot be told: no data for Y at all, or (one low unit in Y) no data for Y−1 (R-SHNOR). */
function undecidedNote(s: Pick<SchoolAssessment, "hasCurrentYear">, year: number): string {
  return `нет данных за ${formatAcademicYear(s.hasCurrentYear ? year - 1 : year)} учебный год`;
}

/** «ШНОР (правило 1)» / «ШНОР (правила 1, 2)» / «не ШНОР» / «не определено: нет данных за 2023/2024 учебный год». */
export function statusText(
  s: Pick<SchoolAssessment, "rules" | "hasCurrentYear">,
  status: ShnorStatus,
  year: number,
): string {
  if (status === null) return `не определено: ${undecidedNote(s, year)}`;
  if (!status || s.rules.length === 0) return "не ШНОР";
  return s.rules.length === 1 ? `ШНОР (правило ${s.rules[0]})` : `ШНОР (правила ${s.rules.join(", ")})`;
}

/** The status column of the CLASSIFY table: «да» / «нет» / «не определено». */
export function statusCell(status: ShnorStatus): string {
  if (status === null) return "не определено";
  return status ? "да" : "нет";
}

/** What is missing for the year's verdict, said in words (SPEC R-SHNOR: missing data is said, not taken as «no»). */
export function missingDataNote(s: SchoolAssessment, year: number, status: ShnorStatus): string | null {
  if (status !== null) return null;
  if (!s.hasCurrentYear) return `нет результатов за ${formatAcademicYear(year)} учебный год`;
  return `нет данных за ${formatAcademicYear(year - 1)} учебный год — правило 2 не проверено`;
}

/** The low units behind the verdict as one Russian line, with what is missing. */
export function reasonsLine(s: SchoolAssessment, year: number, status: ShnorStatus): string {
  const parts: string[] = [];
  if (s.reasons.length > 0) parts.push(s.reasons.join("; "));
  const note = missingDataNote(s, year, status);
  if (note) parts.push(note);
  if (parts.length === 0) return "низких результатов нет";
  return parts.join("; ");
}

/** REASONS: the line prefixed by the verdict when the school is not ШНОР or cannot be judged. */
export function reasonsText(s: SchoolAssessment, year: number, status: ShnorStatus): string {
  const line = reasonsLine(s, year, status);
  if (status === true) return line;
  return status === null ? `не определено: ${line}` : `не ШНОР: ${line}`;
}

/** At most this many unread cells are named in one message (Excel shows error messages in a small menu). */
export const MAX_NAMED_PROBLEMS = 3;

/** Cells of a school's unread rows, as one line: «'Реестр ВПР'!G14: Участники: «абв» — не число; … и ещё 2». */
export function problemsLine(problems: Problem[]): string {
  const shown = problems.slice(0, MAX_NAMED_PROBLEMS).map(problemText).join("; ");
  const more = problems.length - MAX_NAMED_PROBLEMS;
  return more > 0 ? `${shown}; и ещё ${more}` : shown;
}

/** A school named in the register whose rows could all not be read (never «не найдена»). */
export function unreadSchoolMessage(school: string, problems: Problem[]): string {
  return `школа «${school}»: ни одна её строка в реестре не прочитана — ${problemsLine(problems)}`;
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
 * CLASSIFY without a school: header, one row per school (ШНОР first, as the engine orders them; status «да», «нет» or
 * «не определено» when the data cannot tell), then one row per
 * value that could not be read — an error cell (#VALUE! with the message) and the message as text, so a bad row
 * never spoils the others. Capped at MAX_SPILL_ROWS body rows with a note row.
 */
export function classifyTable(
  schools: SchoolAssessment[],
  problems: Problem[],
  year: number,
  statusOf: (s: SchoolAssessment) => ShnorStatus,
): OutCell[][] {
  const body: OutCell[][] = schools.map((s) => {
    const status = statusOf(s);
    return [
      schoolLabel(s),
      statusCell(status),
      s.rules.length > 0 ? s.rules.join(", ") : "—",
      reasonsLine(s, year, status),
    ];
  });
  for (const p of problems) {
    const text = problemText(p);
    body.push([invalidValue(text), "ошибка", "—", `Не прочитано: ${text}`]);
  }
  const rows: OutCell[][] = [[...CLASSIFY_HEADER]];
  if (body.length > MAX_SPILL_ROWS) {
    for (let i = 0; i < MAX_SPILL_ROWS; i++) rows.push(body[i]);
    rows.push([
      `Показаны первые ${MAX_SPILL_ROWS} строк из ${body.length}. Полный список — кнопка «Построить ежегодный список» в области задач ШНОР.`,
      "",
      "",
      "",
    ]);
  } else {
    for (const r of body) rows.push(r);
  }
  if (schools.length === 0 && problems.length === 0) rows.push(["В реестре нет строк с данными", "", "", ""]);
  return rows;
}

/** WATCH: the school's early warnings for the next list, or that there are none (a ШНОР is said to be one). */
export function watchText(s: Pick<SchoolAssessment, "shnor" | "warnings">): string {
  const prefix = s.shnor ? "в списке ШНОР (условия выхода — SHNOR.EXIT); " : "";
  if (s.warnings.length === 0) return `${prefix}предупреждений нет`;
  return `${prefix}${s.warnings.map((w) => w.text).join(" ")}`;
}
