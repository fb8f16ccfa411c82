/** R-LOW, R-SHNOR, R-MARK, R-DYN, R-LIST over units (pure). */
import { formatAcademicYear } from "./format";
import type { DynamicsValue, DynamicsVerdict, ListChange, SchoolDynamics } from "./list.types";
import type { Settings } from "./settings";
import type { Unit } from "./types";
import { workNumbers } from "./units";

/** Largest power of ten (≤ 1e9) that makes the threshold a whole number, or null when none does. */
function thresholdScale(threshold: number): number | null {
  for (let scale = 1; scale <= 1e9; scale *= 10) {
    const scaled = threshold * scale;
    if (Math.abs(scaled - Math.round(scaled)) < 1e-9 * Math.max(1, scaled)) return scale;
  }
  return null;
}

/**
 * failed ≥ threshold % × participants, compared exactly: failed·100·s ≥ round(threshold·s)·participants where s makes
 * the threshold whole (30 → 1, 33.3 → 10). BigInt when the products leave the safe integer range.
 */
export function reachesThreshold(failed: number, participants: number, threshold: number): boolean {
  const scale = thresholdScale(threshold);
  if (scale === null || !Number.isInteger(failed) || !Number.isInteger(participants)) {
    return failed * 100 >= threshold * participants - 1e-9 * Math.max(1, participants);
  }
  const t = Math.round(threshold * scale);
  const left = failed * 100 * scale;
  const right = t * participants;
  if (Number.isSafeInteger(left) && Number.isSafeInteger(right)) return left >= right;
  return BigInt(failed) * 100n * BigInt(scale) >= BigInt(t) * BigInt(participants);
}

/** R-LOW: participants ≥ minParticipants (and > 0) and failed ≥ threshold % of participants («не менее» — 30 % is low). */
export function isLowUnit(unit: Pick<Unit, "participants" | "failed">, settings: Settings): boolean {
  if (!(unit.participants > 0) || unit.participants < settings.minParticipants) return false;
  return reachesThreshold(unit.failed, unit.participants, settings.threshold);
}

export interface ShnorRulesResult {
  /** Rules met, ascending. */
  rules: (1 | 2)[];
  /** Low units of Y. */
  lowCurrent: Unit[];
  /** Low units of Y−1. */
  lowPrevious: Unit[];
  /** Whether any unit of Y−1 exists (missing Y−1 data is said, not taken as «no low results»). */
  hasPrevious: boolean;
  hasCurrent: boolean;
}

/**
 * R-SHNOR for one school: rule 1 — at least two low units in Y; rule 2 — at least one low unit in Y and at least one
 * in Y−1 (with rule2SameProcedure: of the same procedure in both years).
 */
export function shnorRules(units: Unit[], year: number, settings: Settings): ShnorRulesResult {
  const current = units.filter((u) => u.year === year);
  const previous = units.filter((u) => u.year === year - 1);
  const lowCurrent = current.filter((u) => isLowUnit(u, settings));
  const lowPrevious = previous.filter((u) => isLowUnit(u, settings));
  const rules: (1 | 2)[] = [];
  if (lowCurrent.length >= 2) rules.push(1);
  const rule2 = settings.rule2SameProcedure
    ? lowCurrent.some((c) => lowPrevious.some((p) => p.procedure === c.procedure))
    : lowCurrent.length >= 1 && lowPrevious.length >= 1;
  if (rule2) rules.push(2);
  return { rules, lowCurrent, lowPrevious, hasPrevious: previous.length > 0, hasCurrent: current.length > 0 };
}

const collator = new Intl.Collator("ru", { numeric: true, sensitivity: "base" });

/** R-MARK: class labels (sorted, unique) whose own per-class units of Y are low. */
export function markers(classUnitsOfSchool: Unit[], year: number, settings: Settings): string[] {
  const labels = new Set<string>();
  for (const u of classUnitsOfSchool) {
    if (u.year === year && isLowUnit(u, settings)) u.classes.forEach((c) => labels.add(c));
  }
  return [...labels].sort(collator.compare);
}

/** Removes float noise (34.00000000001 → 34) without rounding real digits away. */
function clean(x: number): number {
  return Math.round(x * 1e9) / 1e9;
}

/**
 * R-DYN: Δ = current − previous (p.p.). «bad» metrics: Δ ≤ −tolerance positive, Δ ≥ +tolerance negative; reversed for
 * «good». A zero Δ is always «без изменений». Either side missing ⇒ «нет данных».
 */
export function dynamicsVerdict(
  previous: number | null,
  current: number | null,
  metric: "bad" | "good",
  tolerance: number,
): DynamicsValue {
  if (previous === null || current === null || !Number.isFinite(previous) || !Number.isFinite(current)) {
    return { previous, current, delta: null, verdict: "нет данных" };
  }
  const delta = clean(current - previous);
  let verdict: DynamicsVerdict = "без изменений";
  if (delta !== 0 && delta <= -tolerance) verdict = metric === "bad" ? "положительная" : "отрицательная";
  else if (delta !== 0 && delta >= tolerance) verdict = metric === "bad" ? "отрицательная" : "положительная";
  return { previous, current, delta, verdict };
}

/** Units of Y and Y−1 (participants > 0) whose procedure+grade+subject+variant is present in both years. */
export function pairedUnits(units: Unit[], year: number): { current: Unit[]; previous: Unit[] } {
  const { current, previous } = paired(units, year);
  return { current, previous };
}

/** pairedUnits with each unit's work number (workNumbers), built once: `currentKeys[i]` is that of `current[i]`. */
function paired(
  units: Unit[],
  year: number,
): { current: Unit[]; previous: Unit[]; currentKeys: number[]; previousKeys: number[] } {
  const numbers = workNumbers(units);
  const curKeys = new Set<number>();
  const prevKeys = new Set<number>();
  for (let i = 0; i < units.length; i++) {
    const u = units[i];
    if (!(u.participants > 0)) continue;
    if (u.year === year) curKeys.add(numbers[i]);
    else if (u.year === year - 1) prevKeys.add(numbers[i]);
  }
  const current: Unit[] = [];
  const previous: Unit[] = [];
  const currentKeys: number[] = [];
  const previousKeys: number[] = [];
  for (let i = 0; i < units.length; i++) {
    const u = units[i];
    if (!(u.participants > 0)) continue;
    if (u.year === year && prevKeys.has(numbers[i])) {
      current.push(u);
      currentKeys.push(numbers[i]);
    } else if (u.year === year - 1 && curKeys.has(numbers[i])) {
      previous.push(u);
      previousKeys.push(numbers[i]);
    }
  }
  return { current, previous, currentKeys, previousKeys };
}

function pooledFailPercent(units: Unit[]): number | null {
  const p = units.reduce((s, u) => s + u.participants, 0);
  if (p === 0) return null;
  return clean((100 * units.reduce((s, u) => s + u.failed, 0)) / p);
}

function pooledMarksPercent(units: Unit[], pick: "success" | "quality"): number | null {
  let total = 0;
  let good = 0;
  for (const u of units) {
    if (!u.marks) continue;
    const { m2, m3, m4, m5 } = u.marks;
    total += m2 + m3 + m4 + m5;
    good += pick === "success" ? m3 + m4 + m5 : m4 + m5;
  }
  return total === 0 ? null : clean((100 * good) / total);
}

/**
 * R-DYN for one school between Y−1 and Y, pooled over the units present in both years: ВПР failure share, ОГЭ failure
 * share (bad metrics), успеваемость (3–5) and качество (4–5) over paired units that have marks in both years (good).
 */
export function schoolDynamics(units: Unit[], year: number, settings: Settings): SchoolDynamics {
  const { current, previous, currentKeys, previousKeys } = paired(units, year);
  const tol = settings.tolerance;
  const of = (list: Unit[], proc: string) => list.filter((u) => u.procedure === proc);
  const withMarksKeys = (list: Unit[], keys: number[]) => {
    const set = new Set<number>();
    for (let i = 0; i < list.length; i++) if (list[i].marks) set.add(keys[i]);
    return set;
  };
  const curMarks = withMarksKeys(current, currentKeys);
  const prevMarks = withMarksKeys(previous, previousKeys);
  const bothMarks = (k: number) => curMarks.has(k) && prevMarks.has(k);
  const curM = current.filter((_, i) => bothMarks(currentKeys[i]));
  const prevM = previous.filter((_, i) => bothMarks(previousKeys[i]));
  return {
    vprFail: dynamicsVerdict(pooledFailPercent(of(previous, "ВПР")), pooledFailPercent(of(current, "ВПР")), "bad", tol),
    ogeFail: dynamicsVerdict(pooledFailPercent(of(previous, "ОГЭ")), pooledFailPercent(of(current, "ОГЭ")), "bad", tol),
    success: dynamicsVerdict(pooledMarksPercent(prevM, "success"), pooledMarksPercent(curM, "success"), "good", tol),
    quality: dynamicsVerdict(pooledMarksPercent(prevM, "quality"), pooledMarksPercent(curM, "quality"), "good", tol),
  };
}

/**
 * Whether a school is ШНОР on the list of year Y, judged from the data that exist: true when a rule is met; false when
 * no rule can be met whatever the missing data; null when that cannot be told (no data for Y, or exactly one low unit
 * in Y and no data for Y−1).
 */
export function shnorStatus(units: Unit[], year: number, settings: Settings): boolean | null {
  const r = shnorRules(units, year, settings);
  if (r.rules.length > 0) return true;
  if (!r.hasCurrent) return null;
  if (r.lowCurrent.length === 0) return false;
  return r.hasPrevious ? false : null;
}

export interface ListChangeResult {
  change: ListChange;
  /** With «остаётся»: N consecutive years on the list including Y. */
  yearsOnList: number | null;
  /** Russian explanation when the change cannot be told («нет данных за …»), else null. */
  note: string | null;
}

/**
 * R-LIST: R-SHNOR applied to Y, Y−1, Y−2… where data exist. «включена»: ШНОР in Y, not in Y−1 (Y−1 judged);
 * «исключена»: ШНОР in Y−1, not in Y; «остаётся»: ШНОР in both, yearsOnList = consecutive years including Y.
 * null when not ШНОР in Y nor in Y−1, or when Y−1 cannot be judged (judging Y−1 needs Y−1 and, for rule 2, Y−2 data).
 */
export function listChange(units: Unit[], year: number, settings: Settings): ListChangeResult {
  const now = shnorStatus(units, year, settings);
  const before = shnorStatus(units, year - 1, settings);
  const unknownBefore = `нет данных, чтобы применить правила к ${formatAcademicYear(year - 1)} учебному году`;
  if (now === true) {
    if (before === false) return { change: "включена", yearsOnList: null, note: null };
    if (before === null) return { change: null, yearsOnList: null, note: unknownBefore };
    const earliest = units.reduce((m, u) => Math.min(m, u.year), year);
    let n = 1;
    for (let y = year - 1; y >= earliest && shnorStatus(units, y, settings) === true; y--) n++;
    return { change: "остаётся", yearsOnList: n, note: null };
  }
  if (before === true) {
    if (now === null) {
      return { change: null, yearsOnList: null, note: `нет данных за ${formatAcademicYear(year)} учебный год` };
    }
    return { change: "исключена", yearsOnList: null, note: null };
  }
  if (now === null && !units.some((u) => u.year === year)) {
    return { change: null, yearsOnList: null, note: `нет данных за ${formatAcademicYear(year)} учебный год` };
  }
  if (before === null) return { change: null, yearsOnList: null, note: unknownBefore };
  return { change: null, yearsOnList: null, note: null };
}
