/**
 * R-UNIT: results of one (school, year, procedure, grade, subject, variant) summed into a unit.
 * Filters by the subjects and procedures of the settings (SPEC §8).
 */
import { memoizeString } from "./memo";
import type { Settings } from "./settings";
import type { MarkCounts, Procedure, ResultRecord, Unit } from "./types";

/** Federal procedures, always counted (SPEC §1). */
export const FEDERAL_PROCEDURES: readonly string[] = ["ВПР", "ОГЭ", "ЕГЭ"];

/** Lower case, ё→е, spaces collapsed — for comparing subjects and procedures. */
function normalizeTextUncached(s: string): string {
  return s.toLowerCase().replace(/ё/g, "е").replace(/\s+/g, " ").trim();
}

/** «ВПР», «ОГЭ», «ЕГЭ» whatever the case/spaces; other names unchanged (trimmed). */
function normalizeProcedureUncached(p: Procedure): Procedure {
  const up = p.trim().toUpperCase();
  return FEDERAL_PROCEDURES.includes(up) ? up : p.trim();
}

export function isFederalProcedure(p: Procedure): boolean {
  return FEDERAL_PROCEDURES.includes(p.trim().toUpperCase());
}

/**
 * Whether a subject counts under settings.subjects: equal after normalisation, or a counted subject followed by a
 * level («математика (базовая)», «математика профильная» count as mathematics).
 */
export function subjectCounts(subject: string, settings: Pick<Settings, "subjects">): boolean {
  const s = normalizeText(subject);
  return settings.subjects.some((wanted) => {
    const w = normalizeText(wanted);
    return s === w || s.startsWith(`${w} `) || s.startsWith(`${w}(`);
  });
}

/** Whether a procedure counts: ВПР/ОГЭ/ЕГЭ always, others only with includeRegional. */
export function procedureCounts(procedure: Procedure, settings: Pick<Settings, "includeRegional">): boolean {
  return isFederalProcedure(procedure) || (settings.includeRegional && procedure.trim() !== "");
}

/** A record R-UNIT can sum: finite whole counts ≥ 0, failed ≤ participants. Others are left out (and reported). */
export function isUsableResult(r: ResultRecord): boolean {
  const ok = (n: number) => Number.isFinite(n) && n >= 0;
  if (!ok(r.participants) || !ok(r.failed) || r.failed > r.participants) return false;
  if (!Number.isFinite(r.year)) return false;
  if (r.marks) {
    const { m2, m3, m4, m5 } = r.marks;
    if (![m2, m3, m4, m5].every(ok)) return false;
  }
  return true;
}

/** Records that count under the settings (subject, procedure, usable values). */
export function relevantResults(results: ResultRecord[], settings: Settings): ResultRecord[] {
  return results.filter(
    (r) => isUsableResult(r) && subjectCounts(r.subject, settings) && procedureCounts(r.procedure, settings),
  );
}

function procedureRank(p: Procedure): number {
  const i = FEDERAL_PROCEDURES.indexOf(p);
  return i === -1 ? FEDERAL_PROCEDURES.length : i;
}

const collator = new Intl.Collator("ru", { numeric: true, sensitivity: "base" });

/** Stable order: year, procedure (ВПР, ОГЭ, ЕГЭ, others), grade, subject, variant, school. */
export function compareUnits(a: Unit, b: Unit): number {
  return (
    a.year - b.year ||
    procedureRank(a.procedure) - procedureRank(b.procedure) ||
    compareText(a.procedure, b.procedure) ||
    (a.grade ?? 99) - (b.grade ?? 99) ||
    compareText(a.subject, b.subject) ||
    compareText(a.variant ?? "", b.variant ?? "") ||
    compareText(a.schoolKey, b.schoolKey) ||
    compareText(a.classes.join(","), b.classes.join(","))
  );
}

/** Russian collation, with the (very common) equal strings answered without the collator. */
function compareText(a: string, b: string): number {
  return a === b ? 0 : collator.compare(a, b);
}

/** Key of the unit a record belongs to (R-UNIT), optionally per class (R-MARK). */
export function unitKey(r: ResultRecord, perClass = false): string {
  const key = `${r.schoolKey}\u0001${r.year}\u0001${normalizeProcedure(r.procedure)}\u0001${r.grade ?? ""}\u0001${normalizeText(
    r.subject,
  )}\u0001${normalizeText(r.variant ?? "")}`;
  return perClass ? `${key}\u0001${normalizeText(r.classLabel ?? "")}` : key;
}

interface Acc {
  unit: Unit;
  allMarks: boolean;
  marks: MarkCounts;
}

function aggregate(records: ResultRecord[], perClass: boolean): Unit[] {
  const groups = new Map<string, Acc>();
  for (const r of records) {
    const key = unitKey(r, perClass);
    let acc = groups.get(key);
    if (!acc) {
      acc = {
        unit: {
          schoolKey: r.schoolKey,
          year: r.year,
          procedure: normalizeProcedure(r.procedure),
          grade: r.grade,
          subject: r.subject,
          variant: r.variant,
          participants: 0,
          failed: 0,
          share: null,
          marks: null,
          classes: [],
          sources: [],
        },
        allMarks: true,
        marks: { m2: 0, m3: 0, m4: 0, m5: 0 },
      };
      groups.set(key, acc);
    }
    const u = acc.unit;
    u.participants += r.participants;
    u.failed += r.failed;
    if (r.marks) {
      acc.marks.m2 += r.marks.m2;
      acc.marks.m3 += r.marks.m3;
      acc.marks.m4 += r.marks.m4;
      acc.marks.m5 += r.marks.m5;
    } else {
      acc.allMarks = false;
    }
    if (r.classLabel && !u.classes.includes(r.classLabel)) u.classes.push(r.classLabel);
    u.sources.push(r.source);
  }
  const units: Unit[] = [];
  for (const acc of groups.values()) {
    const u = acc.unit;
    u.share = u.participants > 0 ? u.failed / u.participants : null;
    u.marks = acc.allMarks ? acc.marks : null;
    u.classes.sort(collator.compare);
    units.push(u);
  }
  return units.sort(compareUnits);
}

/** R-UNIT: relevant results grouped by (school, year, procedure, grade, subject, variant) and summed. */
export function buildUnits(results: ResultRecord[], settings: Settings): Unit[] {
  return aggregate(relevantResults(results, settings), false);
}

/** R-MARK input: the same units but one per class label; rows without a class label are left out. */
export function classUnits(results: ResultRecord[], settings: Settings): Unit[] {
  return aggregate(
    relevantResults(results, settings).filter((r) => r.classLabel !== null && r.classLabel.trim() !== ""),
    true,
  );
}
export const normalizeText = memoizeString(normalizeTextUncached);
export const normalizeProcedure = memoizeString(normalizeProcedureUncached);
