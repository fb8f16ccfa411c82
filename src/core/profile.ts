/**
 * «Профиль ОО» data (issue 15): one school's three years of units as a table (Y−2, Y−1, Y), the pooled failure share
 * per procedure and year (the page's small chart), its assessment (low units, markers, dynamics, warnings or exit
 * conditions, status flags, curator, partner, risks) and — only when the programme sheets exist — its roadmap
 * progress, supplied by the caller. Pure; the sheet is planned in ./profilePlan.ts.
 */
import { z } from "zod";
import { exitJson, warningsJson, type AssessInput, type ExitJson, type WarningJson } from "./annualList";
import { formatSubject } from "./format";
import type { AnnualList, SchoolAssessment } from "./list.types";
import { isLowUnit } from "./rules";
import type { ResultRecord, Unit } from "./types";
import { isRelevantResult, schoolUnits, sortUnits, TextRanks, UnitKeys, FEDERAL_PROCEDURES } from "./units";
import { unitTitle } from "./watch";

/** Years a profile shows: Y−2, Y−1, Y. */
export const PROFILE_YEARS = 3;

/**
 * Roadmap progress of a school (the programme sheets of issue 14: «Дорожная карта Y», «Показатели Y»), given to the
 * profile by whoever read those sheets. Absent ⇒ the profile has no such section (never a made-up figure).
 */
export const ProgrammeProgressSchema = z.object({
  /** Where the figures come from, e.g. «Дорожная карта 2025». */
  source: z.string().min(1).max(200),
  /** Measures of the school's roadmap: all, done, in progress, overdue. */
  measures: z
    .object({
      total: z.number().int().min(0),
      done: z.number().int().min(0),
      inProgress: z.number().int().min(0).optional(),
      overdue: z.number().int().min(0).optional(),
    })
    .refine((m) => m.done <= m.total, { message: "выполнено больше, чем мероприятий" }),
  /** Programme indicators of the school reached («Показатели Y»), when that sheet exists. */
  indicators: z
    .object({ total: z.number().int().min(0), reached: z.number().int().min(0) })
    .refine((i) => i.reached <= i.total, { message: "достигнуто больше, чем показателей" })
    .optional(),
  /** The date the figures are as of. */
  asOf: z.date().optional(),
});

export type ProgrammeProgress = z.infer<typeof ProgrammeProgressSchema>;

/** One unit of the table in one year. */
export interface ProfileCell {
  participants: number;
  failed: number;
  /** 0–1; null with no participants. */
  share: number | null;
  /** R-LOW at the list's settings. */
  low: boolean;
}

/** One row of the three-year table: a work (procedure · grade · subject) and its numbers by year. */
export interface ProfileRow {
  procedure: string;
  grade: number | null;
  subject: string;
  variant: string | null;
  /** «ВПР 5 кл. математика». */
  title: string;
  /** By PROFILE_YEARS years, oldest first; null when the school has no such unit that year. */
  cells: (ProfileCell | null)[];
  /** Share of Y minus share of Y−1 in percentage points, when both exist. */
  delta: number | null;
}

/** The chart's series: a procedure's pooled failure share (percent) by year, null without results. */
export interface ProfileSeries {
  procedure: string;
  percents: (number | null)[];
}

export interface SchoolProfile {
  school: SchoolAssessment;
  /** The list year Y. */
  year: number;
  /** Y−2, Y−1, Y. */
  years: number[];
  rows: ProfileRow[];
  series: ProfileSeries[];
  /** Roadmap progress when the programme sheets exist; null ⇒ the section is left out. */
  programme: ProgrammeProgress | null;
}

export interface ProfileOptions {
  /** Schools to profile (keys of list.schools), in the order given; default every school in the list's order. */
  schoolKeys?: string[];
  /** Roadmap progress per school, when the programme sheets exist (issue 14). */
  programme?: (schoolKey: string) => ProgrammeProgress | null | undefined;
}

function round9(x: number): number {
  return Math.round(x * 1e9) / 1e9;
}

function rowKey(u: Unit): string {
  return `${u.procedure}\u0001${u.grade ?? ""}\u0001${u.subject}\u0001${u.variant ?? ""}`;
}

/** The table rows and chart series of one school's units (already sorted by compareUnits). */
export function profileRows(
  units: Unit[],
  years: number[],
  settings: AnnualList["settings"],
): { rows: ProfileRow[]; series: ProfileSeries[] } {
  const index = new Map<number, number>(years.map((y, i) => [y, i]));
  const rows: ProfileRow[] = [];
  const byKey = new Map<string, ProfileRow>();
  // Units come in year order: the first sight of a work fixes its position; rows are then ordered as works.
  const order: { key: string; unit: Unit }[] = [];
  for (const u of units) {
    const i = index.get(u.year);
    if (i === undefined) continue;
    const key = rowKey(u);
    let row = byKey.get(key);
    if (!row) {
      row = {
        procedure: u.procedure,
        grade: u.grade,
        subject: u.subject,
        variant: u.variant,
        title: unitTitle(u),
        cells: years.map(() => null),
        delta: null,
      };
      byKey.set(key, row);
      order.push({ key, unit: u });
    }
    row.cells[i] = { participants: u.participants, failed: u.failed, share: u.share, low: isLowUnit(u, settings) };
  }
  const rank = (p: string): number => {
    const r = FEDERAL_PROCEDURES.indexOf(p);
    return r === -1 ? FEDERAL_PROCEDURES.length : r;
  };
  const collator = new Intl.Collator("ru", { numeric: true, sensitivity: "base" });
  order.sort(
    (a, b) =>
      rank(a.unit.procedure) - rank(b.unit.procedure) ||
      collator.compare(a.unit.procedure, b.unit.procedure) ||
      (a.unit.grade ?? 99) - (b.unit.grade ?? 99) ||
      collator.compare(a.unit.subject, b.unit.subject) ||
      collator.compare(a.unit.variant ?? "", b.unit.variant ?? ""),
  );
  for (const { key } of order) {
    const row = byKey.get(key)!;
    const last = row.cells[years.length - 1];
    const before = row.cells[years.length - 2];
    if (last?.share != null && before?.share != null) row.delta = round9(100 * (last.share - before.share));
    rows.push(row);
  }
  // Pooled failure share per procedure and year (all units of the procedure that year).
  const procedures: string[] = [];
  for (const r of rows) if (!procedures.includes(r.procedure)) procedures.push(r.procedure);
  const series: ProfileSeries[] = procedures.map((procedure) => ({
    procedure,
    percents: years.map((y) => {
      let p = 0;
      let f = 0;
      for (const u of units) {
        if (u.year !== y || u.procedure !== procedure) continue;
        p += u.participants;
        f += u.failed;
      }
      return p === 0 ? null : round9((100 * f) / p);
    }),
  }));
  return { rows, series };
}

/**
 * Profiles of schools of an assessed list, from the same records (units are built again for these schools only, so
 * the list never has to keep every school's units). Unknown keys are skipped.
 */
export function schoolProfiles(input: AssessInput, list: AnnualList, options: ProfileOptions = {}): SchoolProfile[] {
  const settings = list.settings;
  const byKey = new Map(list.schools.map((s) => [s.schoolKey, s]));
  const keys = (options.schoolKeys ?? list.schools.map((s) => s.schoolKey)).filter((k) => byKey.has(k));
  const wanted = new Set(keys);
  const rowsBySchool = new Map<string, ResultRecord[]>();
  const ranks = new TextRanks();
  for (const r of input.results) {
    if (!wanted.has(r.schoolKey) || !isRelevantResult(r, settings)) continue;
    const l = rowsBySchool.get(r.schoolKey);
    if (l) l.push(r);
    else rowsBySchool.set(r.schoolKey, [r]);
  }
  const unitKeys = new UnitKeys();
  const years: number[] = [];
  for (let i = PROFILE_YEARS - 1; i >= 0; i--) years.push(list.year - i);
  const out: SchoolProfile[] = [];
  const seen = new Set<string>();
  for (const key of keys) {
    if (seen.has(key)) continue;
    seen.add(key);
    const units = sortUnits(schoolUnits(rowsBySchool.get(key) ?? [], settings, unitKeys).units, ranks, false);
    const { rows, series } = profileRows(units, years, settings);
    const programme = options.programme?.(key);
    out.push({
      school: byKey.get(key)!,
      year: list.year,
      years,
      rows,
      series,
      programme: programme ? ProgrammeProgressSchema.parse(programme) : null,
    });
  }
  return out;
}

/** «ВПР 5 кл. математика (базовая)» without the procedure: for a table grouped by procedure. */
export function workTitle(r: Pick<ProfileRow, "grade" | "subject" | "variant">): string {
  const subject = formatSubject(r.subject, r.variant);
  return r.grade === null ? subject : `${r.grade} кл. ${subject}`;
}

/** One school's profile in the `shnor profile --json` contract. */
export interface ProfileJson {
  school: string;
  code: string | null;
  municipality?: string;
  shnor: boolean;
  status: string[];
  rules: (1 | 2)[];
  change: string | null;
  years: number[];
  units: {
    procedure: string;
    grade: number | null;
    subject: string;
    /** By year (oldest first): the unit's numbers, or null when it was not written that year. */
    results: ({ year: number; participants: number; failed: number; share: number | null; low: boolean } | null)[];
    /** p.p., Y against Y−1. */
    delta: number | null;
  }[];
  /** Pooled failure share per procedure and year, percent (the page's chart). */
  series: { procedure: string; percents: (number | null)[] }[];
  markers: string[];
  reasons: string[];
  warnings: WarningJson[];
  exit: ExitJson | null;
  curator: string | null;
  partner: string | null;
  /** Only when the programme sheets exist. */
  programme?: ProgrammeProgress;
}

export function profileJson(p: SchoolProfile): ProfileJson {
  const s = p.school;
  const out: ProfileJson = {
    school: s.school,
    code: s.code,
    ...(s.municipality ? { municipality: s.municipality } : {}),
    shnor: s.shnor,
    status: [...s.status],
    rules: [...s.rules],
    change: s.change,
    years: [...p.years],
    units: p.rows.map((r) => ({
      procedure: r.procedure,
      grade: r.grade,
      subject: formatSubject(r.subject, r.variant),
      results: r.cells.map((c, i) =>
        c ? { year: p.years[i], participants: c.participants, failed: c.failed, share: c.share, low: c.low } : null,
      ),
      delta: r.delta,
    })),
    series: p.series.map((x) => ({ procedure: x.procedure, percents: [...x.percents] })),
    markers: [...s.markers],
    reasons: [...s.reasons],
    warnings: warningsJson(s.warnings),
    exit: exitJson(s.exit),
    curator: s.curator?.name ?? s.info?.curator ?? null,
    partner: s.partner?.school ?? s.info?.partner ?? null,
  };
  if (p.programme) out.programme = p.programme;
  return out;
}
