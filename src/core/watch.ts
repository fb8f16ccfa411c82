/**
 * The school's view of the next list (issue 15), pure: early warnings for list year Y+1 («одна низкая», «на грани»,
 * «растёт доля «2»»), exit conditions of each ШНОР (what leaving the list in Y+1 takes at today's participants),
 * and the list at other thresholds (sensitivity). Every count is exact: the same integer comparison as R-LOW.
 */
import { formatAcademicYear, formatNumber, formatPercent, formatSubject, gradeLabel, schoolLabel } from "./format";
import { dynamicsVerdict, isLowUnit, reachesThreshold, shnorRules, type ShnorRulesResult } from "./rules";
import type { Settings } from "./settings";
import type { Unit } from "./types";
import { FEDERAL_PROCEDURES, workNumbers } from "./units";

export type WarningKind = "one-low" | "near-threshold" | "rising";

/** A unit named by a warning: its numbers in year `year`. */
export interface WatchUnit {
  year: number;
  procedure: string;
  grade: number | null;
  subject: string;
  variant: string | null;
  participants: number;
  failed: number;
  /** failed / participants, 0–1. */
  share: number;
  /** «На грани»: the largest count of «2» that is not low at these participants (exact, R-LOW). */
  maxFailed?: number;
  /** «На грани»: how many more «2» make the unit low (maxFailed + 1 − failed, ≥ 1). */
  more?: number;
  /** «Растёт доля «2»»: the same unit's failure share in Y−1, 0–1. */
  previousShare?: number;
}

export interface SchoolWarning {
  kind: WarningKind;
  units: WatchUnit[];
  /** One Russian sentence naming the units and numbers. */
  text: string;
  /** «Растёт доля «2»»: the procedure and its two R-DYN steps (Y−2 → Y−1, Y−1 → Y), pooled shares in percent. */
  procedure?: string;
  steps?: RisingStep[];
}

/** One R-DYN step of a pooled failure share: units present in both years, percent and percentage points. */
export interface RisingStep {
  from: number;
  to: number;
  previous: number;
  current: number;
  delta: number;
}

/** A low unit of Y and what it must reach in Y+1 at today's participants. */
export interface ExitUnit {
  year: number;
  procedure: string;
  grade: number | null;
  subject: string;
  variant: string | null;
  participants: number;
  failed: number;
  /** The largest count of «2» that is not low at these participants; null when none is (threshold 0 %). */
  maxFailed: number | null;
  /** failed − maxFailed: how many fewer «2» are needed; null with maxFailed null. */
  cut: number | null;
}

export interface ExitConditions {
  units: ExitUnit[];
  /** «Список покидает, если …» — one sentence, naming every unit with its numbers. */
  text: string;
  /** The same sentence without the units: «Список покидает, если в 2025/2026 учебном году ни одна работа …». */
  condition: string;
}

/** R-SHNOR of one school at another threshold (sensitivity). */
export interface ThresholdVerdict {
  threshold: number;
  shnor: boolean;
  rules: (1 | 2)[];
}

/** What the list looks like at one threshold against the list itself (settings.threshold). */
export interface SensitivityColumn {
  threshold: number;
  /** The list's own threshold. */
  base: boolean;
  /** ШНОР at this threshold. */
  shnor: number;
  /** Keys of schools that are ШНОР at this threshold and not on the list (enter). */
  entered: string[];
  /** Keys of schools on the list that are not ШНОР at this threshold (leave). */
  left: string[];
}

export interface Sensitivity {
  /** Ascending, the list's own threshold included. */
  thresholds: number[];
  base: number;
  columns: SensitivityColumn[];
}

/** The thresholds of the sensitivity table: the setting's values and the list's own threshold, ascending, unique. */
export function sensitivityThresholds(settings: Settings): number[] {
  const all = [...settings.sensitivityThresholds, settings.threshold];
  return [...new Set(all)].sort((a, b) => a - b);
}

/**
 * The largest count of «2» that is NOT low at `participants` (R-LOW with its exact integer comparison): with fewer
 * participants than minParticipants (or none) no count is low, so it is `participants`; null when every count is
 * low (threshold 0 %).
 */
export function maxFailedNotLow(
  participants: number,
  settings: Pick<Settings, "threshold" | "minParticipants">,
): number | null {
  const p = participants;
  if (!(p > 0) || p < settings.minParticipants) return Math.max(0, p);
  const t = settings.threshold;
  // The float estimate is off by at most one either way; the exact comparison decides.
  let f = Math.min(p, Math.max(-1, Math.ceil((t * p) / 100) - 1));
  while (f < p && !reachesThreshold(f + 1, p, t)) f++;
  while (f >= 0 && reachesThreshold(f, p, t)) f--;
  return f < 0 ? null : f;
}

/** «ВПР 5 кл. математика», «ЕГЭ математика (базовая)». */
export function unitTitle(u: Pick<Unit, "procedure" | "grade" | "subject" | "variant">): string {
  const parts = [u.procedure];
  if (u.grade !== null) parts.push(gradeLabel(u.grade));
  parts.push(formatSubject(u.subject, u.variant));
  return parts.join(" ");
}

/** What «failed» is called for a procedure: a mark «2» (ВПР, ОГЭ), not reaching the minimum score (ЕГЭ). */
export function failedWord(procedure: string): string {
  return procedure === "ЕГЭ" ? "не преодолевших порог" : "«2»";
}

/** «Доля «2»» or «доля не преодолевших порог» of a procedure. */
function shareWord(procedure: string): string {
  return procedure === "ЕГЭ" ? "доля не преодолевших порог" : "доля «2»";
}

/** «34,0 % (17 из 50)». */
function unitNumbers(u: Pick<Unit, "failed" | "participants" | "share">): string {
  return `${formatPercent(u.share ?? 0)} (${u.failed} из ${u.participants})`;
}

function percentText(threshold: number): string {
  return `${formatNumber(threshold, Number.isInteger(threshold) ? 0 : 1)} %`;
}

function watchUnit(u: Unit): WatchUnit {
  return {
    year: u.year,
    procedure: u.procedure,
    grade: u.grade,
    subject: u.subject,
    variant: u.variant,
    participants: u.participants,
    failed: u.failed,
    share: u.share ?? 0,
  };
}

function procedureOrder(a: string, b: string): number {
  const ra = FEDERAL_PROCEDURES.indexOf(a);
  const rb = FEDERAL_PROCEDURES.indexOf(b);
  return (ra === -1 ? 99 : ra) - (rb === -1 ? 99 : rb) || (a < b ? -1 : a > b ? 1 : 0);
}

/** Units of Y (participants ≥ minParticipants) that are not low but within settings.watchBand p.p. of the threshold. */
export function nearThresholdUnits(units: Unit[], year: number, settings: Settings): WatchUnit[] {
  if (!(settings.watchBand > 0)) return [];
  const lower = settings.threshold - settings.watchBand;
  const out: WatchUnit[] = [];
  for (const u of units) {
    if (u.year !== year || !(u.participants > 0) || u.participants < settings.minParticipants) continue;
    if (isLowUnit(u, settings)) continue;
    if (lower > 0 && !reachesThreshold(u.failed, u.participants, lower)) continue;
    const maxFailed = maxFailedNotLow(u.participants, settings);
    if (maxFailed === null || maxFailed >= u.participants) continue;
    out.push({ ...watchUnit(u), maxFailed, more: maxFailed + 1 - u.failed });
  }
  return out;
}

/** Sums of one procedure over the units present in both years of an R-DYN step. */
interface StepSums {
  prevP: number;
  prevF: number;
  curP: number;
  curF: number;
}

function percentOf(f: number, p: number): number | null {
  return p === 0 ? null : Math.round(((100 * f) / p) * 1e9) / 1e9;
}

/**
 * «Растёт доля «2»»: procedures whose pooled failure share is R-DYN negative from Y−2 to Y−1 and from Y−1 to Y, each
 * step pooled over the units present in both of its years (as R-DYN pools). One pass over the school's units.
 */
export function risingWarnings(units: Unit[], year: number, settings: Settings): SchoolWarning[] {
  // Work → its unit in Y−2, Y−1, Y (participants > 0), works in the order they first appear here.
  const numbers = workNumbers(units);
  const byNumber: ((Unit | undefined)[] | undefined)[] = [];
  const works: (Unit | undefined)[][] = [];
  for (let j = 0; j < units.length; j++) {
    const u = units[j];
    const i = u.year - (year - 2);
    if (i < 0 || i > 2 || !(u.participants > 0)) continue;
    let w = byNumber[numbers[j]];
    if (!w) works.push((byNumber[numbers[j]] = w = [undefined, undefined, undefined]));
    w[i] = u;
  }
  const first = new Map<string, StepSums>();
  const second = new Map<string, StepSums>();
  const add = (map: Map<string, StepSums>, prev: Unit, cur: Unit): void => {
    let s = map.get(cur.procedure);
    if (!s) map.set(cur.procedure, (s = { prevP: 0, prevF: 0, curP: 0, curF: 0 }));
    s.prevP += prev.participants;
    s.prevF += prev.failed;
    s.curP += cur.participants;
    s.curF += cur.failed;
  };
  for (const [u2, u1, u0] of works) {
    if (u2 && u1) add(first, u2, u1);
    if (u1 && u0) add(second, u1, u0);
  }
  const out: SchoolWarning[] = [];
  for (const proc of [...second.keys()].sort(procedureOrder)) {
    const a = first.get(proc);
    const b = second.get(proc)!;
    if (!a) continue;
    const p2 = percentOf(a.prevF, a.prevP);
    const p1b = percentOf(a.curF, a.curP);
    const p1a = percentOf(b.prevF, b.prevP);
    const p0 = percentOf(b.curF, b.curP);
    const firstStep = dynamicsVerdict(p2, p1b, "bad", settings.tolerance);
    if (firstStep.verdict !== "отрицательная") continue;
    const secondStep = dynamicsVerdict(p1a, p0, "bad", settings.tolerance);
    if (secondStep.verdict !== "отрицательная") continue;
    // The units of Y whose own share rose against Y−1, largest rise first.
    const rose: { unit: WatchUnit; delta: number }[] = [];
    for (const [, u1, u0] of works) {
      if (!u1 || !u0 || u0.procedure !== proc || u1.share === null || u0.share === null || !(u0.share > u1.share))
        continue;
      rose.push({ unit: { ...watchUnit(u0), previousShare: u1.share }, delta: u0.share - u1.share });
    }
    rose.sort((x, y) => y.delta - x.delta);
    const steps: RisingStep[] = [
      { from: year - 2, to: year - 1, previous: p2!, current: p1b!, delta: firstStep.delta! },
      { from: year - 1, to: year, previous: p1a!, current: p0!, delta: secondStep.delta! },
    ];
    const pct = (x: number): string => `${formatNumber(x)} %`;
    // R-DYN pools the units present in both years of a step, so Y−1 may read differently in the two steps.
    const stepsText =
      p1a === p1b
        ? `${pct(p2!)} (${formatAcademicYear(year - 2)}) → ${pct(p1a!)} (${formatAcademicYear(year - 1)}) → ${pct(p0!)} (${formatAcademicYear(year)})`
        : `${pct(p2!)} → ${pct(p1b!)} (${formatAcademicYear(year - 2)} → ${formatAcademicYear(year - 1)}), ` +
          `${pct(p1a!)} → ${pct(p0!)} (${formatAcademicYear(year - 1)} → ${formatAcademicYear(year)})`;
    const top = rose
      .slice(0, 3)
      .map((r) => `${unitTitle(r.unit)} ${formatPercent(r.unit.previousShare!)} → ${formatPercent(r.unit.share)}`);
    const more = rose.length > 3 ? ` и ещё ${rose.length - 3}` : "";
    const text =
      `${capitalise(shareWord(proc))} ${proc} растёт два года подряд: ${stepsText}` +
      (top.length ? `; выросла: ${top.join(", ")}${more}` : "") +
      ".";
    out.push({ kind: "rising", units: rose.map((r) => r.unit), text, procedure: proc, steps });
  }
  return out;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * Early warnings for the list of Y+1 (issue 15): «одна низкая» (not ШНОР, exactly one low unit in Y: any low unit in
 * Y+1 puts it on the list by rule 2), «на грани» (units within the band below the threshold, with how many more «2»
 * make them low) and «растёт доля «2»» (R-DYN negative two years running). For every school; «одна низкая» only for
 * a school that is not ШНОР.
 */
export function earlyWarnings(
  units: Unit[],
  year: number,
  settings: Settings,
  rules: ShnorRulesResult,
): SchoolWarning[] {
  const out: SchoolWarning[] = [];
  const next = formatAcademicYear(year + 1);
  if (rules.rules.length === 0 && rules.lowCurrent.length === 1) {
    const u = rules.lowCurrent[0];
    const any = settings.rule2SameProcedure
      ? `любая низкая работа ${u.procedure} в ${next} учебном году включит школу в список (правило 2), две любые — по правилу 1`
      : `любая низкая работа в ${next} учебном году включит школу в список (правило 2)`;
    out.push({
      kind: "one-low",
      units: [watchUnit(u)],
      text: `Одна низкая работа в ${formatAcademicYear(year)} учебном году: ${unitTitle(u)} — ${unitNumbers(u)}; ${any}.`,
    });
  }
  const near = nearThresholdUnits(units, year, settings);
  if (near.length) {
    const items = near.map((u) => `${unitTitle(u)} — ${unitNumbers(u)}, ещё ${u.more} из ${u.participants}`);
    out.push({
      kind: "near-threshold",
      units: near,
      text:
        `На грани порога ${percentText(settings.threshold)} в ${formatAcademicYear(year)} учебном году ` +
        `(до ${formatNumber(settings.watchBand, Number.isInteger(settings.watchBand) ? 0 : 1)} п.п. ниже): ${items.join("; ")}.`,
    });
  }
  for (const w of risingWarnings(units, year, settings)) out.push(w);
  return out;
}

/** «ВПР 5 кл. математика: не более 14 «2» из 50 (сейчас 18) — на 4 меньше». */
export function exitUnitText(u: ExitUnit): string {
  const word = failedWord(u.procedure);
  if (u.maxFailed === null || u.cut === null) {
    return `${unitTitle(u)}: при пороге 0 % низким будет любой результат (сейчас ${u.failed} ${word} из ${u.participants})`;
  }
  return `${unitTitle(u)}: не более ${u.maxFailed} ${word} из ${u.participants} (сейчас ${u.failed}) — на ${u.cut} меньше`;
}

/**
 * Exit conditions of a ШНОР of Y (issue 15). In Y+1 the school stays by rule 2 with any low unit (it has a low unit
 * in Y — both rules need one) and by rule 1 with two: leaving takes no low unit at all in Y+1. With
 * rule2SameProcedure: no low unit of a procedure that was low in Y, and at most one of the others. Stated per low unit
 * of Y with the count to reach at today's participants.
 */
export function exitConditions(lowCurrent: Unit[], year: number, settings: Settings): ExitConditions {
  const units: ExitUnit[] = lowCurrent.map((u) => {
    const maxFailed = maxFailedNotLow(u.participants, settings);
    return {
      year: u.year,
      procedure: u.procedure,
      grade: u.grade,
      subject: u.subject,
      variant: u.variant,
      participants: u.participants,
      failed: u.failed,
      maxFailed,
      cut: maxFailed === null ? null : u.failed - maxFailed,
    };
  });
  const next = formatAcademicYear(year + 1);
  const t = percentText(settings.threshold);
  let condition: string;
  if (settings.rule2SameProcedure) {
    const procs = [...new Set(units.map((u) => u.procedure))].sort(procedureOrder);
    condition =
      `в ${next} учебном году не будет ни одной низкой работы (не менее ${t} не справившихся) ` +
      `${procs.length === 1 ? "по процедуре" : "по процедурам"} ${procs.join(", ")} и не более одной — по остальным`;
  } else {
    condition = `в ${next} учебном году ни одна работа не будет низкой (не менее ${t} не справившихся)`;
  }
  const perUnit = units.map((u) =>
    u.maxFailed === null || u.cut === null
      ? `${unitTitle(u)} — при пороге 0 % это невозможно`
      : `${unitTitle(u)} — не более ${u.maxFailed} ${failedWord(u.procedure)} из ${u.participants} (сейчас ${u.failed}, на ${u.cut} меньше)`,
  );
  const text = `Список покидает, если ${condition}${perUnit.length ? `: при нынешнем числе участников ${perUnit.join(", ")}` : ""}.`;
  return { units, text, condition: `Список покидает, если ${condition}.` };
}

/** R-SHNOR of one school at each sensitivity threshold (the list's own threshold included). */
export function thresholdVerdicts(
  units: Unit[],
  year: number,
  settings: Settings,
  base?: ShnorRulesResult,
): ThresholdVerdict[] {
  return sensitivityThresholds(settings).map((threshold) => {
    if (threshold === settings.threshold) {
      const r = base ?? shnorRules(units, year, settings);
      return { threshold, shnor: r.rules.length > 0, rules: [...r.rules] };
    }
    const r = shnorRules(units, year, { ...settings, threshold });
    return { threshold, shnor: r.rules.length > 0, rules: r.rules };
  });
}

/** The sensitivity table of a list from each school's verdicts (same thresholds for every school). */
export function listSensitivity(
  schools: { schoolKey: string; shnor: boolean; sensitivity: ThresholdVerdict[] }[],
  settings: Settings,
): Sensitivity {
  const thresholds = sensitivityThresholds(settings);
  const columns: SensitivityColumn[] = thresholds.map((threshold) => ({
    threshold,
    base: threshold === settings.threshold,
    shnor: 0,
    entered: [],
    left: [],
  }));
  for (const s of schools) {
    s.sensitivity.forEach((v, i) => {
      const c = columns[i];
      if (!c || c.threshold !== v.threshold) return;
      if (v.shnor) c.shnor++;
      if (v.shnor && !s.shnor) c.entered.push(s.schoolKey);
      if (!v.shnor && s.shnor) c.left.push(s.schoolKey);
    });
  }
  return { thresholds, base: settings.threshold, columns };
}

/** Everything issue 15 adds to one school's assessment. */
export interface SchoolWatch {
  warnings: SchoolWarning[];
  exit: ExitConditions | null;
  sensitivity: ThresholdVerdict[];
}

/** Warnings, exit conditions (ШНОР only) and threshold verdicts of one school from its units and R-SHNOR result. */
export function schoolWatch(units: Unit[], year: number, settings: Settings, rules: ShnorRulesResult): SchoolWatch {
  return {
    warnings: earlyWarnings(units, year, settings, rules),
    exit: rules.rules.length > 0 ? exitConditions(rules.lowCurrent, year, settings) : null,
    sensitivity: thresholdVerdicts(units, year, settings, rules),
  };
}

/** The threshold sensitivity in the `shnor list --json` contract: schools named as the list names them. */
export interface SensitivityJson {
  base: number;
  thresholds: number[];
  columns: {
    threshold: number;
    base: boolean;
    shnor: number;
    entered: { school: string; code: string | null }[];
    left: { school: string; code: string | null }[];
  }[];
}

export function sensitivityJson(
  sensitivity: Sensitivity,
  schools: {
    schoolKey: string;
    school: string;
    code: string | null;
    municipality?: string | null;
    sharedName?: boolean;
  }[],
): SensitivityJson {
  const byKey = new Map(schools.map((s) => [s.schoolKey, s]));
  const named = (key: string) => {
    const s = byKey.get(key);
    return { school: s ? schoolLabel(s) : key, code: s?.code ?? null };
  };
  return {
    base: sensitivity.base,
    thresholds: [...sensitivity.thresholds],
    columns: sensitivity.columns.map((c) => ({
      threshold: c.threshold,
      base: c.base,
      shnor: c.shnor,
      entered: c.entered.map(named),
      left: c.left.map(named),
    })),
  };
}
