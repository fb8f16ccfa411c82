/** The annual list of ШНОР (SPEC §4) as data, and its CLI JSON form (issue 2). */
import { formatSubject, formatUnitReason } from "./format";
import type { AnnualList, DynamicsValue, ListChange, SchoolAssessment, SchoolDynamics } from "./list.types";
import { listChange, markers, schoolDynamics, shnorRules } from "./rules";
import type { Settings } from "./settings";
import type { Problem, ResultRecord, SchoolRecord, Unit } from "./types";
import { buildUnits, classUnits, compareUnits, isUsableResult } from "./units";

export interface AssessInput {
  results: ResultRecord[];
  schools: SchoolRecord[];
  problems?: Problem[];
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

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it);
    const list = m.get(k);
    if (list) list.push(it);
    else m.set(k, [it]);
  }
  return m;
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

/**
 * R-SHNOR, R-MARK, R-DYN, R-LIST for every school of both registers (identity = schoolKey), ШНОР first, then by name.
 */
export function assessSchools(input: AssessInput, year: number, settings: Settings): AnnualList {
  const units = buildUnits(input.results, settings);
  const perClass = classUnits(input.results, settings);
  const unitsBySchool = groupBy(units, (u) => u.schoolKey);
  const classBySchool = groupBy(perClass, (u) => u.schoolKey);
  const resultsBySchool = groupBy(input.results, (r) => r.schoolKey);
  const infoBySchool = new Map<string, SchoolRecord>();
  for (const s of input.schools) if (!infoBySchool.has(s.schoolKey)) infoBySchool.set(s.schoolKey, s);

  const keys: string[] = [];
  const seen = new Set<string>();
  for (const k of [...input.schools.map((s) => s.schoolKey), ...input.results.map((r) => r.schoolKey)]) {
    if (!seen.has(k)) {
      seen.add(k);
      keys.push(k);
    }
  }

  const schools: SchoolAssessment[] = keys.map((key) => {
    const info = infoBySchool.get(key) ?? null;
    const rows = resultsBySchool.get(key) ?? [];
    const su = unitsBySchool.get(key) ?? [];
    const r = shnorRules(su, year, settings);
    const lowUnits = [...r.lowPrevious, ...r.lowCurrent].sort(compareUnits);
    const ch = listChange(su, year, settings);
    const name = info?.name ?? mostFrequent(rows.map((x) => x.school)) ?? key;
    const code = info?.code ?? mostFrequent(rows.map((x) => x.code).filter((c): c is string => !!c));
    const municipality = info?.municipality ?? latestMunicipality(rows);
    return {
      schoolKey: key,
      school: name,
      code,
      municipality,
      sharedName: false,
      shnor: r.rules.length > 0,
      rules: r.rules,
      lowUnits,
      markers: markers(classBySchool.get(key) ?? [], year, settings),
      dynamics: schoolDynamics(su, year, settings),
      change: ch.change,
      yearsOnList: ch.yearsOnList,
      changeNote: ch.note,
      hasPreviousYear: r.hasPrevious,
      hasCurrentYear: r.hasCurrent,
      reasons: lowUnits.map(formatUnitReason),
      info,
    };
  });

  // Schools of one name (different municipalities, issue 16): shown with their municipality.
  const nameCount = new Map<string, number>();
  const nameKey = (s: SchoolAssessment) => s.school.toLowerCase().replace(/ё/g, "е").replace(/\s+/g, " ").trim();
  for (const s of schools) nameCount.set(nameKey(s), (nameCount.get(nameKey(s)) ?? 0) + 1);
  for (const s of schools) s.sharedName = (nameCount.get(nameKey(s)) ?? 0) > 1;

  schools.sort(
    (a, b) =>
      Number(b.shnor) - Number(a.shnor) ||
      collator.compare(a.school, b.school) ||
      collator.compare(a.municipality ?? "", b.municipality ?? "") ||
      collator.compare(a.schoolKey, b.schoolKey),
  );

  const problems = [...(input.problems ?? []), ...input.results.filter((x) => !isUsableResult(x)).map(unusableProblem)];
  return {
    year,
    settings,
    schools,
    problems,
    summary: {
      total: schools.length,
      shnor: schools.filter((s) => s.shnor).length,
      included: schools.filter((s) => s.change === "включена").length,
      excluded: schools.filter((s) => s.change === "исключена").length,
      remaining: schools.filter((s) => s.change === "остаётся").length,
      noDataCurrent: schools.filter((s) => !s.hasCurrentYear).length,
    },
  };
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

/** The CLI `--json` object of issue 2 (extra keys per school: yearsOnList, changeNote, has*Year, reasons). */
export function annualListJson(list: AnnualList): AnnualListJson {
  return {
    year: list.year,
    schools: list.schools.map((s) => ({
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
    })),
    problems: list.problems.map((p) =>
      p.file
        ? { sheet: p.sheet, cell: p.cell, message: p.message, file: p.file }
        : { sheet: p.sheet, cell: p.cell, message: p.message },
    ),
  };
}
