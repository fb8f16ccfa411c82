/**
 * Russian formatting of years, dates, percentages and units (pure). One convention everywhere:
 * decimal comma, a plain space before «%», the minus sign U+2212 for negative deltas.
 */
import type { SchoolAssessment } from "./list.types";
import type { Unit } from "./types";

/** The school as lists show it: with its municipality where another school has the same name (issue 16). */
export function schoolLabel(s: Pick<SchoolAssessment, "school" | "municipality" | "sharedName">): string {
  return s.sharedName && s.municipality ? `${s.school} (${s.municipality})` : s.school;
}

/** The minus sign used in deltas («−3,2 п.п.»). */
export const MINUS = "\u2212";

/** Academic year by its end year: 2025 → «2024/2025» (SPEC §1). */
export function formatAcademicYear(endYear: number): string {
  return `${endYear - 1}/${endYear}`;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** dd.mm.yyyy from the date's local calendar fields. */
export function formatDate(d: Date): string {
  return `${pad2(d.getDate())}.${pad2(d.getMonth() + 1)}.${d.getFullYear()}`;
}

/** A number with a decimal comma and a fixed number of digits: 34 → «34,0»; negatives use «−». */
export function formatNumber(value: number, digits = 1): string {
  const fixed = Math.abs(value).toFixed(digits).replace(".", ",");
  const isZero = Number(Math.abs(value).toFixed(digits)) === 0;
  return value < 0 && !isZero ? `${MINUS}${fixed}` : fixed;
}

/** A share 0–1 as Russian percent: 0.34 → «34,0 %». */
export function formatPercent(share: number, digits = 1): string {
  return `${formatNumber(share * 100, digits)} %`;
}

/** A delta in percentage points with its sign: −3.2 → «−3,2 п.п.», 0.4 → «+0,4 п.п.», 0 → «0,0 п.п.». */
export function formatDeltaPp(delta: number, digits = 1): string {
  const text = formatNumber(delta, digits);
  const positive = delta > 0 && Number(delta.toFixed(digits)) !== 0;
  return `${positive ? "+" : ""}${text} п.п.`;
}

/** 5 → «5 кл.». */
export function gradeLabel(grade: number): string {
  return `${grade} кл.`;
}

/** Subject with its variant: («математика», «базовая») → «математика (базовая)». */
export function formatSubject(subject: string, variant: string | null | undefined): string {
  return variant ? `${subject} (${variant})` : subject;
}

/** «2025 · ВПР · 5 кл. · математика — 34,0 % (17 из 50)»; no grade part when grade is null. */
export function formatUnitReason(unit: Unit): string {
  const parts = [String(unit.year), unit.procedure];
  if (unit.grade !== null) parts.push(gradeLabel(unit.grade));
  parts.push(formatSubject(unit.subject, unit.variant));
  const share = unit.share === null ? "нет участников" : formatPercent(unit.share);
  return `${parts.join(" · ")} — ${share} (${unit.failed} из ${unit.participants})`;
}

/** Ordinal for «остаётся N-й год»: 2 → «2-й». */
export function ordinalYear(n: number): string {
  return `${n}-й`;
}
