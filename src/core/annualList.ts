/** The annual list of ШНОР (SPEC §4) as data, and its CLI JSON form (issue 2). */
import { formatSubject, formatUnitReason } from "./format";
import type { AnnualList, DynamicsValue, ListChange, SchoolAssessment, SchoolDynamics } from "./list.types";
import type { ObjectivitySign, RiskEntry, SchoolStatusFlag, StatusSummary } from "./status.types";
import { listChange, markers, schoolDynamics, shnorRules } from "./rules";
import type { Settings } from "./settings";
import { listSensitivity, schoolWatch, type ExitConditions, type SchoolWarning, type WatchUnit } from "./watch";
import type {
  AttestatRecord,
  ContextRecord,
  JournalRecord,
  Problem,
  ProtocolUnit,
  ResultRecord,
  RiskRecord,
  SchoolRecord,
  StaffRecord,
  SupportRecord,
  Unit,
} from "./types";
import { applyStatus, pooledShares, schoolObjectivityFacts, type StatusFacts } from "./status";
import {
  addRecordTexts,
  isRelevantResult,
  isUsableResult,
  procedureCounts,
  schoolUnits,
  sortUnits,
  subjectCounts,
  TextRanks,
  UnitKeys,
} from "./units";

export interface AssessInput {
  results: ResultRecord[];
  schools: SchoolRecord[];
  problems?: Problem[];
  /** Issue 13 registers (each optional; absent = no such register): R-SOC, R-RISK, curator and partner. */
  context?: ContextRecord[];
  staff?: StaffRecord[];
  support?: SupportRecord[];
  attestats?: AttestatRecord[];
  risks?: RiskRecord[];
  /** R-OBJ-1 inputs besides the results' own Понизили/Подтвердили/Повысили columns. */
  journal?: JournalRecord[];
  protocol?: ProtocolUnit[];
}

function groupByKey<T extends { schoolKey: string }>(rows: readonly T[] | undefined): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows ?? []) {
    const l = m.get(r.schoolKey);
    if (l) l.push(r);
    else m.set(r.schoolKey, [r]);
  }
  return m;
}

/** The latest academic year present in the results (end year), or null when there are none. */
export function latestYear(results: ResultRecord[]): number | null {
  let y: number | null = null;
  for (const r of results) if (Number.isFinite(r.year) && (y === null || r.year > y)) y = r.year;
  return y;
}

const collator = new Intl.Collator("ru", { numeric: true, sensitivity: "base" });

function mostFrequent(values: string[]): string | null {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: string | null = null;
  let bestN = 0;
  for (const [v, n] of counts) {
    // Ties: the first spelling met wins (Map keeps insertion order), so the result does not depend on collation.
    if (n > bestN) {
      best = v;
      bestN = n;
    }
  }
  return best;
}

/** The municipality as written in the school's latest year (municipal bodies are renamed: the current name). */
function latestMunicipality(rows: ResultRecord[]): string | null {
  let best: ResultRecord | null = null;
  for (const r of rows) if (r.municipality && (best === null || r.year > best.year)) best = r;
  return best?.municipality ?? null;
}

function unusableProblem(r: ResultRecord): Problem {
  const p: Problem = {
    sheet: r.source.sheet,
    cell: `A${r.source.row}`,
    message: `Строка ${r.source.row} (${r.school}) не учтена: число участников и не справившихся должно быть целым ≥ 0, не справившихся — не больше участников`,
  };
  if (r.source.file) p.file = r.source.file;
  return p;
}

/** A cheap key that orders names nearly as the Russian collator does (case, ё, numbers), for a first sort. */
function roughNameKey(s: string): string {
  return s
    .toLowerCase()
    .replace(/ё/g, "е")
    .replace(/\d+/g, (d) => d.replace(/^0+(?=\d)/, "").padStart(12, "0"));
}

/**
 * Schools in the list's order: ШНОР first, then by name and key in Russian collation, ties in input order. The
 * collator decides (this is display order), but it is applied to a list already sorted by a cheap key: the merge sort
 * then finds long runs and compares each school with about one neighbour instead of log₂(n) of them. The final
 * comparison is a total order (input position last), so the result is the same whatever the first sort did.
 */
function sortForDisplay(schools: SchoolAssessment[]): void {
  const rough = new Map<SchoolAssessment, string>();
  const position = new Map<SchoolAssessment, number>();
  schools.forEach((s, i) => {
    rough.set(s, roughNameKey(s.school));
    position.set(s, i);
  });
  schools.sort((a, b) => {
    const d = Number(b.shnor) - Number(a.shnor);
    if (d !== 0) return d;
    const ka = rough.get(a)!;
    const kb = rough.get(b)!;
    if (ka !== kb) return ka < kb ? -1 : 1;
    return position.get(a)! - position.get(b)!;
  });
  schools.sort(
    (a, b) =>
      Number(b.shnor) - Number(a.shnor) ||
      (a.school === b.school ? 0 : collator.compare(a.school, b.school)) ||
      (a.municipality === b.municipality ? 0 : collator.compare(a.municipality ?? "", b.municipality ?? "")) ||
      (a.schoolKey === b.schoolKey ? 0 : collator.compare(a.schoolKey, b.schoolKey)) ||
      position.get(a)! - position.get(b)!,
  );
}

/**
 * R-SHNOR, R-MARK, R-DYN, R-LIST for every school of both registers (identity = schoolKey), ШНОР first, then by name.
 * Units are built school by school (R-UNIT keys never carry the school); the collator runs once per distinct text.
 */
export function assessSchools(input: AssessInput, year: number, settings: Settings): AnnualList {
  // One pass over the records: grouped by school, and the texts units are ordered by collated once for all.
  const resultsBySchool = new Map<string, ResultRecord[]>();
  const ranks = new TextRanks();
  for (const r of input.results) {
    const list = resultsBySchool.get(r.schoolKey);
    if (list) list.push(r);
    else resultsBySchool.set(r.schoolKey, [r]);
    if (isRelevantResult(r, settings)) addRecordTexts(r, ranks);
  }
  ranks.build();
  const infoBySchool = new Map<string, SchoolRecord>();
  for (const s of input.schools) if (!infoBySchool.has(s.schoolKey)) infoBySchool.set(s.schoolKey, s);

  // Issue 13 inputs per school: journal register rows and per-pupil protocol units (R-OBJ).
  const journalBySchool = groupByKey(input.journal);
  const protocolBySchool = groupByKey(input.protocol);
  const counted = (r: { subject: string; procedure: string }) =>
    subjectCounts(r.subject, settings) && procedureCounts(r.procedure, settings);
  const facts = new Map<string, StatusFacts>();

  // Schools of the «Школы» register first, then those only in the results, each once.
  const keys: string[] = [];
  const seen = new Set<string>();
  for (const s of input.schools) {
    if (!seen.has(s.schoolKey)) {
      seen.add(s.schoolKey);
      keys.push(s.schoolKey);
    }
  }
  for (const k of resultsBySchool.keys()) {
    if (!seen.has(k)) {
      seen.add(k);
      keys.push(k);
    }
  }

  // School by school: R-UNIT, then the rules; a school's units are garbage once it is assessed.
  const unitKeys = new UnitKeys();
  const schools: SchoolAssessment[] = new Array(keys.length);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    const info = infoBySchool.get(key) ?? null;
    const rows = resultsBySchool.get(key) ?? [];
    const built = schoolUnits(rows, settings, unitKeys);
    const su = sortUnits(built.units, ranks, false);
    const cu = sortUnits(built.classUnits, ranks, false);
    const r = shnorRules(su, year, settings);
    const lowUnits = sortUnits([...r.lowPrevious, ...r.lowCurrent], ranks, false);
    const ch = listChange(su, year, settings);
    facts.set(key, {
      ...pooledShares(su, year),
      objectivity: schoolObjectivityFacts(
        su,
        rows,
        journalBySchool.get(key) ?? [],
        protocolBySchool.get(key) ?? [],
        year,
        counted,
      ),
    });
    const name = info?.name ?? mostFrequent(rows.map((x) => x.school)) ?? key;
    const code = info?.code ?? mostFrequent(rows.map((x) => x.code).filter((c): c is string => !!c));
    const municipality = info?.municipality ?? latestMunicipality(rows);
    const watch = schoolWatch(su, year, settings, r);
    schools[i] = {
      schoolKey: key,
      school: name,
      code,
      municipality,
      sharedName: false,
      shnor: r.rules.length > 0,
      rules: r.rules,
      lowUnits,
      markers: markers(cu, year, settings),
      dynamics: schoolDynamics(su, year, settings),
      change: ch.change,
      yearsOnList: ch.yearsOnList,
      changeNote: ch.note,
      hasPreviousYear: r.hasPrevious,
      hasCurrentYear: r.hasCurrent,
      reasons: lowUnits.map(formatUnitReason),
      info,
      warnings: watch.warnings,
      exit: watch.exit,
      sensitivity: watch.sensitivity,
      // Issue 13: filled by the status step (R-SOC, R-RES, R-OBJ, R-RISK, curator, partner); «no data» until then.
      status: r.rules.length > 0 ? ["ШНОР"] : [],
      sbi: null,
      sscu: false,
      resilient: false,
      resilienceNote: null,
      objectivity: [],
      objectivityNotes: [],
      risks: [],
      curator: info?.curator ? { name: info.curator, from: "Школы", year: null } : null,
      partner: info?.partner
        ? { school: info.partner, schoolKey: null, suggested: false, reason: "указана в реестре «Школы»" }
        : null,
    };
  }

  // Schools of one name (different municipalities, issue 16): shown with their municipality.
  const nameCount = new Map<string, number>();
  const nameKey = (s: SchoolAssessment) => s.school.toLowerCase().replace(/ё/g, "е").replace(/\s+/g, " ").trim();
  for (const s of schools) nameCount.set(nameKey(s), (nameCount.get(nameKey(s)) ?? 0) + 1);
  for (const s of schools) s.sharedName = (nameCount.get(nameKey(s)) ?? 0) > 1;

  // R-SOC, R-RES, R-OBJ, R-RISK, curator and partner (issue 13) over all schools.
  const social = applyStatus(schools, facts, input, year, settings);

  sortForDisplay(schools);

  const problems: Problem[] = [];
  for (const p of input.problems ?? []) problems.push(p);
  for (const x of input.results) if (!isUsableResult(x)) problems.push(unusableProblem(x));
  const watch = { schools: 0, oneLow: 0, nearThreshold: 0, rising: 0 };
  const summary: AnnualList["summary"] = {
    total: schools.length,
    shnor: 0,
    included: 0,
    excluded: 0,
    remaining: 0,
    noDataCurrent: 0,
    watch,
    status: statusSummary(schools),
  };
  for (const s of schools) {
    if (s.shnor) summary.shnor++;
    if (s.change === "включена") summary.included++;
    else if (s.change === "исключена") summary.excluded++;
    else if (s.change === "остаётся") summary.remaining++;
    if (!s.hasCurrentYear) summary.noDataCurrent++;
    if (isWatched(s)) {
      watch.schools++;
      if (s.warnings.some((w) => w.kind === "one-low")) watch.oneLow++;
      if (s.warnings.some((w) => w.kind === "near-threshold")) watch.nearThreshold++;
      if (s.warnings.some((w) => w.kind === "rising")) watch.rising++;
    }
  }
  return {
    year,
    settings,
    schools,
    problems,
    summary,
    social,
    sensitivity: listSensitivity(schools, settings),
  };
}

/** «На контроле» (issue 15): a school that is not ШНОР and has at least one early warning for the list of Y+1. */
export function isWatched(s: Pick<SchoolAssessment, "shnor" | "warnings">): boolean {
  return !s.shnor && s.warnings.length > 0;
}

/** Counts per status flag (issue 13 summary block). */
export function statusSummary(schools: readonly SchoolAssessment[]): StatusSummary {
  const out: StatusSummary = {
    shnor: 0,
    sscu: 0,
    shnorAndSscu: 0,
    resilient: 0,
    objectivity: 0,
    withSbi: 0,
    highRisk: 0,
    partnerSuggested: 0,
  };
  for (const s of schools) {
    if (s.shnor) out.shnor++;
    if (s.sscu) out.sscu++;
    if (s.shnor && s.sscu) out.shnorAndSscu++;
    if (s.resilient) out.resilient++;
    if (s.status.includes("с признаками необъективности")) out.objectivity++;
    if (s.sbi) out.withSbi++;
    if (s.risks.some((r) => r.level === "высокий")) out.highRisk++;
    if (s.partner?.suggested) out.partnerSuggested++;
  }
  return out;
}

/** Low units of the JSON contract: `subject` carries the variant in brackets. */
export interface LowUnitJson {
  year: number;
  procedure: string;
  grade: number | null;
  subject: string;
  participants: number;
  failed: number;
  share: number;
}

/** A unit named by a warning (issue 15): `subject` carries the variant in brackets, `share` is 0–1. */
export interface WatchUnitJson {
  year: number;
  procedure: string;
  grade: number | null;
  subject: string;
  participants: number;
  failed: number;
  share: number;
  maxFailed?: number;
  more?: number;
  previousShare?: number;
}

export interface WarningJson {
  kind: SchoolWarning["kind"];
  units: WatchUnitJson[];
  text: string;
}

export interface ExitJson {
  units: {
    procedure: string;
    grade: number | null;
    subject: string;
    participants: number;
    failed: number;
    maxFailed: number | null;
    cut: number | null;
  }[];
  text: string;
}

export interface SchoolJson {
  school: string;
  code: string | null;
  /** Present when the registers name the school's municipality (issue 16). */
  municipality?: string;
  shnor: boolean;
  rules: (1 | 2)[];
  lowUnits: LowUnitJson[];
  markers: string[];
  dynamics: SchoolDynamics;
  change: ListChange;
  yearsOnList: number | null;
  changeNote: string | null;
  hasPreviousYear: boolean;
  hasCurrentYear: boolean;
  reasons: string[];
  /** Early warnings for the list of Y+1 (issue 15). */
  warnings: WarningJson[];
  /** ШНОР only (null otherwise): what leaving the list in Y+1 takes (issue 15). */
  exit: ExitJson | null;
  /** Issue 13: status flags, e.g. ["ШНОР", "ШССУ"]; [] for none. */
  status: SchoolStatusFlag[];
  /** R-SOC of the list year, null without a social passport row. */
  sbi: SbiJson | null;
  sscu: boolean;
  resilient: boolean;
  objectivity: ObjectivityJson[];
  risks: RiskJson[];
  curator: string | null;
  partner: { school: string; suggested: boolean; reason: string } | null;
}

/** R-SOC in the JSON contract: value, the indicators used (value 0–1, z), the names of the missing ones. */
export interface SbiJson {
  value: number;
  year: number;
  indicators: { id: string; name: string; value: number; z: number; weight: number }[];
  missing: string[];
  text: string;
}

/** One R-OBJ sign in the JSON contract. */
export interface ObjectivityJson {
  sign: ObjectivitySign["sign"];
  test: ObjectivitySign["test"];
  year: number;
  unit: { procedure: string; grade: number | null; subject: string; class: string | null };
  values: Record<string, number>;
  text: string;
}

/** One R-RISK entry in the JSON contract. */
export interface RiskJson {
  direction: RiskEntry["direction"];
  name: string;
  level: RiskEntry["level"];
  source: RiskEntry["source"];
  year: number;
  basis: string | null;
}

export interface AnnualListJson {
  year: number;
  schools: SchoolJson[];
  problems: { sheet: string; cell: string; message: string; file?: string }[];
}

function lowUnitJson(u: Unit): LowUnitJson {
  return {
    year: u.year,
    procedure: u.procedure,
    grade: u.grade,
    subject: formatSubject(u.subject, u.variant),
    participants: u.participants,
    failed: u.failed,
    share: u.share ?? 0,
  };
}

function dyn(d: DynamicsValue): DynamicsValue {
  return { previous: d.previous, current: d.current, delta: d.delta, verdict: d.verdict };
}

function watchUnitJson(u: WatchUnit): WatchUnitJson {
  const out: WatchUnitJson = {
    year: u.year,
    procedure: u.procedure,
    grade: u.grade,
    subject: formatSubject(u.subject, u.variant),
    participants: u.participants,
    failed: u.failed,
    share: u.share,
  };
  if (u.maxFailed !== undefined) out.maxFailed = u.maxFailed;
  if (u.more !== undefined) out.more = u.more;
  if (u.previousShare !== undefined) out.previousShare = u.previousShare;
  return out;
}

/** The `warnings` of a school in the JSON contract of issue 15: kind, units, text. */
export function warningsJson(warnings: SchoolWarning[]): WarningJson[] {
  return warnings.map((w) => ({ kind: w.kind, units: w.units.map(watchUnitJson), text: w.text }));
}

/** The `exit` of a ШНОР in the JSON contract of issue 15 (cut = failed − maxFailed). */
export function exitJson(exit: ExitConditions | null): ExitJson | null {
  if (!exit) return null;
  return {
    units: exit.units.map((u) => ({
      procedure: u.procedure,
      grade: u.grade,
      subject: formatSubject(u.subject, u.variant),
      participants: u.participants,
      failed: u.failed,
      maxFailed: u.maxFailed,
      cut: u.cut,
    })),
    text: exit.text,
  };
}

/** One school of the CLI `--json` object (written school by school, never as one big string). */
export function schoolJson(s: SchoolAssessment): SchoolJson {
  return {
    school: s.school,
    code: s.code,
    ...(s.municipality ? { municipality: s.municipality } : {}),
    shnor: s.shnor,
    rules: [...s.rules],
    lowUnits: s.lowUnits.map(lowUnitJson),
    markers: [...s.markers],
    dynamics: {
      vprFail: dyn(s.dynamics.vprFail),
      ogeFail: dyn(s.dynamics.ogeFail),
      success: dyn(s.dynamics.success),
      quality: dyn(s.dynamics.quality),
    },
    change: s.change,
    yearsOnList: s.yearsOnList,
    changeNote: s.changeNote ?? null,
    hasPreviousYear: s.hasPreviousYear,
    hasCurrentYear: s.hasCurrentYear,
    reasons: [...s.reasons],
    warnings: warningsJson(s.warnings),
    exit: exitJson(s.exit),
    status: [...s.status],
    sbi: s.sbi
      ? {
          value: s.sbi.value,
          year: s.sbi.year,
          indicators: s.sbi.indicators.map((i) => ({
            id: i.id,
            name: i.name,
            value: i.value,
            z: i.z,
            weight: i.weight,
          })),
          missing: [...s.sbi.missing],
          text: s.sbi.text,
        }
      : null,
    sscu: s.sscu,
    resilient: s.resilient,
    objectivity: s.objectivity.map((o) => ({
      sign: o.sign,
      test: o.test,
      year: o.year,
      unit: {
        procedure: o.unit.procedure,
        grade: o.unit.grade,
        subject: formatSubject(o.unit.subject, o.unit.variant),
        class: o.unit.classLabel,
      },
      values: { ...o.values },
      text: o.text,
    })),
    risks: s.risks.map((r) => ({
      direction: r.direction,
      name: r.name,
      level: r.level,
      source: r.source,
      year: r.year,
      basis: r.basis,
    })),
    curator: s.curator?.name ?? null,
    partner: s.partner ? { school: s.partner.school, suggested: s.partner.suggested, reason: s.partner.reason } : null,
  };
}

/** A problem of the JSON contract (only its public fields). */
export function problemJson(p: Problem): AnnualListJson["problems"][number] {
  return p.file
    ? { sheet: p.sheet, cell: p.cell, message: p.message, file: p.file }
    : { sheet: p.sheet, cell: p.cell, message: p.message };
}

/** The CLI `--json` object of issue 2 (extra keys per school: yearsOnList, changeNote, has*Year, reasons). */
export function annualListJson(list: AnnualList): AnnualListJson {
  return { year: list.year, schools: list.schools.map(schoolJson), problems: list.problems.map(problemJson) };
}
