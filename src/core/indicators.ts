/**
 * «Показатели Y» (SPEC §4; issue 14): the indicators of seeds 000, 002 and 003 — ONE data file, ./data/indicators.json
 * (groups, indicators, unit, direction, how Факт is computed, the seed's start and final targets). Факт and Исходное
 * (Y−1) are computed from the registers where they allow (over the programme's schools: ШНОР and ШССУ of the list Y,
 * ШССУ alone for the indicators of their social passport); the rest are rows whose Факт people type, marked «вносится
 * вручную». «Достигнуто» is a formula of Факт against Цель with the indicator's direction, so it follows what people
 * type. Pure.
 */
import { z } from "zod";
import raw from "./data/indicators.json";
import { columnLetter } from "./a1";
import { formatAcademicYear, formatDate, formatPercent } from "./format";
import type { AnnualList, SchoolAssessment } from "./list.types";
import { dynamicsVerdict, pairedUnits } from "./rules";
import type { Settings } from "./settings";
import { safeSheetName, shownValue, type CellStyle, type PlanCell, type SheetPlan } from "./sheetPlan";
import type {
  AttestatRecord,
  CellValue,
  ContextRecord,
  Measure,
  ResultRecord,
  StaffRecord,
  SupportRecord,
  Unit,
} from "./types";
import { schoolUnits, UnitKeys } from "./units";
import { SERVICE_HEADER, serviceCell, WORK_HEADER_STYLE, type WorkColumn, type WorkRow } from "./workSheet";

// ---- the data file -------------------------------------------------------------------------------------------------

export const INDICATOR_COMPUTES = [
  "vprFail",
  "ogeFail",
  "egeFail",
  "noAttestat",
  "positiveDynamics",
  "vprSuccessQuality",
  "giaFailDown",
  "staffDiagnosed",
  "staffBelowBase",
  "staffTrained",
  "staffContests",
  "staffing",
  "supportMethodical",
  "supportLeader",
  "supportTargeted",
  "sscuRegistered",
  "sscuDisabled",
  "sscuTroubled",
  "partnerNetwork",
] as const;
export type IndicatorCompute = (typeof INDICATOR_COMPUTES)[number];

/** more — the more the better; less — the less the better; yesno — да/нет; none — monitored, no target. */
export type IndicatorDirection = "more" | "less" | "yesno" | "none";

const TargetSchema = z.union([z.number(), z.string()]).nullable().optional();

export const IndicatorSchema = z.object({
  id: z.string().regex(/^\d{1,2}(\.\d{1,2})?$/),
  group: z.string().min(1),
  name: z.string().min(1),
  unit: z.string().min(1),
  direction: z.enum(["more", "less", "yesno", "none"]),
  compute: z.enum(INDICATOR_COMPUTES).nullable(),
  /** The seed's baseline when it is words («по плану работы школы», «фактические»). */
  baseline: z.string().optional(),
  start: TargetSchema,
  final: TargetSchema,
  source: z.string().min(1),
});
export type Indicator = z.infer<typeof IndicatorSchema>;

export const IndicatorListSchema = z
  .object({
    version: z.literal(1),
    about: z.string().optional(),
    groups: z.array(z.object({ id: z.string().min(1), title: z.string().min(1) })).min(1),
    indicators: z.array(IndicatorSchema).min(1),
  })
  .superRefine((l, ctx) => {
    const ids = new Set<string>();
    const groups = new Set(l.groups.map((g) => g.id));
    l.indicators.forEach((x, i) => {
      if (ids.has(x.id))
        ctx.addIssue({ code: "custom", path: ["indicators", i, "id"], message: `№ ${x.id} повторяется` });
      ids.add(x.id);
      if (!groups.has(x.group))
        ctx.addIssue({ code: "custom", path: ["indicators", i, "group"], message: `нет группы ${x.group}` });
    });
  });
export type IndicatorList = z.infer<typeof IndicatorListSchema>;

/** The shipped indicator list (./data/indicators.json), validated once. */
export const SHIPPED_INDICATORS: IndicatorList = IndicatorListSchema.parse(raw);

// ---- «Достигнуто» ------------------------------------------------------------------------------------------------

export type TargetVerdict = "достигнуто" | "не достигнуто" | "нет данных";

function blank(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === "string" && v.trim() === "");
}

/** «да»/«нет» (also true/false, 1/0) as a boolean; null otherwise. */
export function yesNo(v: unknown): boolean | null {
  if (typeof v === "boolean") return v;
  if (typeof v === "number") return v === 1 ? true : v === 0 ? false : null;
  if (typeof v !== "string") return null;
  const t = v.trim().toLowerCase().replace(/ё/g, "е");
  if (["да", "есть", "+", "истина", "true"].includes(t)) return true;
  if (["нет", "-", "ложь", "false"].includes(t)) return false;
  return null;
}

/** A number typed as text («30,5 %» → 0.305 when `percent`, «4» → 4); null when not a number. */
export function numberOf(v: unknown): number | null {
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (typeof v !== "string") return null;
  const t = v.replace(/[\s\u00a0]/g, "").replace(",", ".");
  const m = /^(-?\d+(?:\.\d+)?)(%?)$/.exec(t);
  if (!m) return null;
  return m[2] ? Number(m[1]) / 100 : Number(m[1]);
}

/**
 * Факт against Цель by direction (SHNOR.TARGET and the «Достигнуто» column): more — fact ≥ target; less — fact ≤
 * target; да/нет — the same answer; «нет данных» when either is missing or not comparable.
 */
export function targetVerdict(fact: unknown, target: unknown, direction: IndicatorDirection): TargetVerdict {
  if (blank(fact) || blank(target) || direction === "none") return "нет данных";
  if (direction === "yesno") {
    const f = yesNo(fact);
    const t = yesNo(target);
    if (f === null || t === null) return "нет данных";
    return f === t ? "достигнуто" : "не достигнуто";
  }
  const f = numberOf(fact);
  const t = numberOf(target);
  if (f === null || t === null) return "нет данных";
  const ok = direction === "more" ? f >= t - 1e-12 : f <= t + 1e-12;
  return ok ? "достигнуто" : "не достигнуто";
}

/** Russian and English spellings of a direction (SHNOR.TARGET's third argument); null when unknown. */
export function parseDirection(v: unknown): IndicatorDirection | null {
  if (blank(v)) return "more";
  const t = String(v).trim().toLowerCase().replace(/ё/g, "е");
  if (["more", "больше", "рост", "увеличение", "выше", ">", ">=", "≥"].includes(t)) return "more";
  if (["less", "меньше", "снижение", "уменьшение", "ниже", "<", "<=", "≤"].includes(t)) return "less";
  if (["yesno", "да/нет", "данет", "да-нет", "да нет"].includes(t)) return "yesno";
  return null;
}

// ---- columns -----------------------------------------------------------------------------------------------------

const PERCENT = "0.0%";

export function indicatorColumns(year: number): WorkColumn[] {
  return [
    { key: "no", sid: "n", header: "№", width: 6, horizontal: "center", isKey: true, category: "text" },
    { key: "name", sid: "p", header: "Показатель", width: 52, wrap: true, category: "text" },
    { key: "unit", sid: "u", header: "Ед. изм.", width: 12, horizontal: "center", wrap: true, category: "text" },
    {
      key: "baseline",
      sid: "b",
      header: `Исходное (${year - 1})`,
      width: 13,
      horizontal: "center",
      wrap: true,
      category: "fact",
    },
    {
      key: "start",
      sid: "s",
      header: "Цель (старт)",
      width: 12,
      horizontal: "center",
      wrap: true,
      category: "target",
      userOwned: true,
    },
    {
      key: "final",
      sid: "f",
      header: "Цель (итог)",
      width: 12,
      horizontal: "center",
      wrap: true,
      category: "target",
      userOwned: true,
    },
    { key: "fact", sid: "a", header: `Факт (${year})`, width: 12, horizontal: "center", wrap: true, category: "fact" },
    {
      key: "achieved",
      sid: "v",
      header: "Достигнуто",
      width: 14,
      horizontal: "center",
      formula: true,
      category: "text",
    },
    { key: "source", sid: "i", header: "Источник", width: 44, wrap: true, category: "text" },
    { key: "service", sid: "z", header: SERVICE_HEADER, width: 12, hidden: true, service: true, category: "text" },
  ];
}

const C = { no: 0, name: 1, unit: 2, baseline: 3, start: 4, final: 5, fact: 6, achieved: 7, source: 8, service: 9 };
const SPAN = C.service;

export function indicatorsSheetName(year: number): string {
  return safeSheetName(`Показатели ${year}`);
}

// ---- computing Факт ------------------------------------------------------------------------------------------------

export interface IndicatorsInput {
  list: AnnualList;
  results: readonly ResultRecord[];
  staff?: readonly StaffRecord[];
  support?: readonly SupportRecord[];
  context?: readonly ContextRecord[];
  attestats?: readonly AttestatRecord[];
}

/** A computed value with the words «Источник» says about it. */
interface Computed {
  value: number | string | null;
  /** How many schools the value rests on, «по 5 из 7 школ». */
  basis: string;
}

interface Env {
  settings: Settings;
  year: number;
  programme: SchoolAssessment[];
  shnor: SchoolAssessment[];
  sscu: SchoolAssessment[];
  units: Map<string, Unit[]>;
  staff: Map<string, StaffRecord[]>;
  support: Map<string, SupportRecord[]>;
  context: Map<string, ContextRecord[]>;
  attestats: Map<string, AttestatRecord[]>;
}

function group<T extends { schoolKey: string }>(rows: readonly T[] | undefined, keys: Set<string>): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows ?? []) {
    if (!keys.has(r.schoolKey)) continue;
    const l = m.get(r.schoolKey);
    if (l) l.push(r);
    else m.set(r.schoolKey, [r]);
  }
  return m;
}

/** «школ с данными: 2 из 4» (no declension after a number to get wrong). */
function ofSchools(n: number, total: number): string {
  return `школ с данными: ${n} из ${total}`;
}

function pooledFail(env: Env, schools: SchoolAssessment[], year: number, procedure: string): Computed {
  let p = 0;
  let f = 0;
  let n = 0;
  for (const s of schools) {
    let has = false;
    for (const u of env.units.get(s.schoolKey) ?? []) {
      if (u.year !== year || u.procedure !== procedure) continue;
      p += u.participants;
      f += u.failed;
      has = true;
    }
    if (has) n++;
  }
  return { value: p > 0 ? f / p : null, basis: `${ofSchools(n, schools.length)}, участников ${p}` };
}

function countOf(m: Measure | null | undefined, total: number): number | null {
  if (!m) return null;
  return m.count ?? Math.round(m.share * total);
}

function staffShare(env: Env, year: number, pick: (s: StaffRecord) => { num: number; den: number } | null): Computed {
  let num = 0;
  let den = 0;
  let n = 0;
  for (const s of env.programme) {
    const rec = (env.staff.get(s.schoolKey) ?? []).find((r) => r.year === year);
    if (!rec) continue;
    const x = pick(rec);
    if (!x || x.den <= 0) continue;
    num += x.num;
    den += x.den;
    n++;
  }
  return { value: den > 0 ? num / den : null, basis: `«Кадры», ${ofSchools(n, env.programme.length)}` };
}

function supportShare(env: Env, year: number, pick: (s: SupportRecord) => boolean | null): Computed {
  let yes = 0;
  let n = 0;
  for (const s of env.programme) {
    const rec = (env.support.get(s.schoolKey) ?? []).find((r) => r.year === year);
    const v = rec ? pick(rec) : null;
    if (v === null) continue;
    n++;
    if (v) yes++;
  }
  return {
    value: n > 0 ? yes / n : null,
    basis: `«Поддержка»: да — ${yes} из ${n} (${ofSchools(n, env.programme.length)})`,
  };
}

function contextShare(env: Env, year: number, pick: (c: ContextRecord) => number | null): Computed {
  let num = 0;
  let den = 0;
  let n = 0;
  for (const s of env.sscu) {
    const rec = (env.context.get(s.schoolKey) ?? []).find((r) => r.year === year);
    if (!rec || rec.students <= 0) continue;
    const x = pick(rec);
    if (x === null) continue;
    num += x;
    den += rec.students;
    n++;
  }
  return { value: den > 0 ? num / den : null, basis: `социальный паспорт, ${ofSchools(n, env.sscu.length)}` };
}

function pooledMarks(units: Unit[], pick: "success" | "quality"): number | null {
  let total = 0;
  let good = 0;
  for (const u of units) {
    if (!u.marks) continue;
    const { m2, m3, m4, m5 } = u.marks;
    total += m2 + m3 + m4 + m5;
    good += pick === "success" ? m3 + m4 + m5 : m4 + m5;
  }
  return total === 0 ? null : (100 * good) / total;
}

function pooledFailPercent(units: Unit[]): number | null {
  const p = units.reduce((s, u) => s + u.participants, 0);
  return p === 0 ? null : (100 * units.reduce((s, u) => s + u.failed, 0)) / p;
}

/** Paired units (present in Y and Y−1) of the ШНОР, by subject prefix. */
function pairedOf(env: Env, subject: string, procedures: string[]): { current: Unit[]; previous: Unit[] } {
  const current: Unit[] = [];
  const previous: Unit[] = [];
  for (const s of env.shnor) {
    const p = pairedUnits(env.units.get(s.schoolKey) ?? [], env.year);
    const ok = (u: Unit) => procedures.includes(u.procedure) && u.subject.startsWith(subject);
    for (const u of p.current) if (ok(u)) current.push(u);
    for (const u of p.previous) if (ok(u)) previous.push(u);
  }
  return { current, previous };
}

function compute(id: IndicatorCompute, env: Env, year: number): Computed {
  const st = (f: (s: StaffRecord) => { num: number; den: number } | null) => staffShare(env, year, f);
  switch (id) {
    case "vprFail":
      return pooledFail(env, env.programme, year, "ВПР");
    case "ogeFail":
      return pooledFail(env, env.programme, year, "ОГЭ");
    case "egeFail":
      return pooledFail(env, env.programme, year, "ЕГЭ");
    case "noAttestat": {
      let g = 0;
      let no = 0;
      let n = 0;
      for (const s of env.programme) {
        const recs = (env.attestats.get(s.schoolKey) ?? []).filter((r) => r.year === year && r.noAttestat !== null);
        if (!recs.length) continue;
        n++;
        for (const r of recs) {
          g += r.graduates;
          no += r.noAttestat!;
        }
      }
      return {
        value: g > 0 ? no / g : null,
        basis: `«Аттестаты», ${ofSchools(n, env.programme.length)}, выпускников ${g}`,
      };
    }
    case "positiveDynamics": {
      if (year !== env.year) return { value: null, basis: "" };
      let pos = 0;
      let n = 0;
      for (const s of env.programme) {
        const v = [s.dynamics.vprFail.verdict, s.dynamics.ogeFail.verdict];
        if (v.every((x) => x === "нет данных")) continue;
        n++;
        if (v.includes("положительная") && !v.includes("отрицательная")) pos++;
      }
      return {
        value: n > 0 ? pos / n : null,
        basis: `положительная динамика доли «2» ВПР или доли ОГЭ и ни одной отрицательной (R-DYN): ${pos} из ${n} (школ с данными за оба года)`,
      };
    }
    case "vprSuccessQuality": {
      if (year !== env.year) return { value: null, basis: "" };
      const tol = env.settings.tolerance;
      const yes: string[] = [];
      let any = false;
      for (const subject of env.settings.subjects) {
        const p = pairedOf(env, subject, ["ВПР"]);
        const s = dynamicsVerdict(pooledMarks(p.previous, "success"), pooledMarks(p.current, "success"), "good", tol);
        const q = dynamicsVerdict(pooledMarks(p.previous, "quality"), pooledMarks(p.current, "quality"), "good", tol);
        if (s.verdict === "нет данных" || q.verdict === "нет данных") continue;
        any = true;
        if (s.verdict === "положительная" && q.verdict === "положительная") yes.push(subject);
      }
      return {
        value: any ? (yes.length ? "да" : "нет") : null,
        basis: any
          ? `успеваемость и качество ВПР ШНОР выросли${yes.length ? `: ${yes.join(", ")}` : " ни по одному предмету"}`
          : "нет отметок ВПР ШНОР за оба года",
      };
    }
    case "giaFailDown": {
      if (year !== env.year) return { value: null, basis: "" };
      const tol = env.settings.tolerance;
      const yes: string[] = [];
      let any = false;
      for (const subject of env.settings.subjects) {
        const p = pairedOf(env, subject, ["ОГЭ", "ЕГЭ"]);
        const d = dynamicsVerdict(pooledFailPercent(p.previous), pooledFailPercent(p.current), "bad", tol);
        if (d.verdict === "нет данных") continue;
        any = true;
        if (d.verdict === "положительная") yes.push(subject);
      }
      return {
        value: any ? (yes.length ? "да" : "нет") : null,
        basis: any
          ? `доля не преодолевших порог ОГЭ и ЕГЭ ШНОР снизилась${yes.length ? `: ${yes.join(", ")}` : " ни по одному предмету"}`
          : "нет результатов ГИА ШНОР за оба года",
      };
    }
    case "staffDiagnosed":
      return st((r) => {
        const c = countOf(r.diagnosed, r.teachers);
        return c === null ? null : { num: c, den: r.teachers };
      });
    case "staffBelowBase":
      return st((r) => {
        const c = countOf(r.belowBase, r.teachers);
        if (c === null) return null;
        const d = countOf(r.diagnosed, r.teachers);
        return { num: c, den: d && d > 0 ? d : r.teachers };
      });
    case "staffTrained":
      return st((r) => {
        const c = countOf(r.trainedOnTime, r.teachers);
        return c === null ? null : { num: c, den: r.teachers };
      });
    case "staffContests":
      return st((r) => {
        const c = countOf(r.contests, r.teachers);
        return c === null ? null : { num: c, den: r.teachers };
      });
    case "staffing":
      return st((r) => {
        if (r.vacancies !== null) return { num: r.teachers, den: r.teachers + r.vacancies };
        if (r.staffing !== null) return { num: r.staffing * r.teachers, den: r.teachers };
        return null;
      });
    case "supportMethodical":
      return supportShare(env, year, (r) => r.methodical);
    case "supportLeader":
      return supportShare(env, year, (r) => r.leaderPartnership);
    case "supportTargeted":
      return supportShare(env, year, (r) => r.targetedHelp);
    case "sscuRegistered":
      return contextShare(env, year, (c) => {
        const i = c.indicators;
        const one = countOf(i.registered, c.students);
        if (one !== null) return one;
        const a = countOf(i.registeredSchool, c.students);
        const b = countOf(i.registeredPolice, c.students);
        if (a === null && b === null) return null;
        return Math.min(c.students, (a ?? 0) + (b ?? 0));
      });
    case "sscuDisabled":
      return contextShare(env, year, (c) => countOf(c.indicators.disabled, c.students));
    case "sscuTroubled":
      return contextShare(env, year, (c) => countOf(c.indicators.troubled, c.students));
    case "partnerNetwork": {
      if (year !== env.year) return { value: null, basis: "" };
      const n = env.shnor.length;
      const typed = env.shnor.filter((s) => s.partner && !s.partner.suggested).length;
      return {
        value: n > 0 ? (typed === n ? "да" : "нет") : null,
        basis: n > 0 ? `школа-партнёр указана у ${typed} из ${n} ШНОР` : "ШНОР нет",
      };
    }
  }
}

// ---- rows --------------------------------------------------------------------------------------------------------

export interface IndicatorRows {
  year: number;
  rows: WorkRow[];
  /** Indicators computed from the registers / typed by people. */
  computed: number;
  manual: number;
}

/** Where the computed indicators come from: the programme's schools. */
function scopeText(id: IndicatorCompute, env: Env): string {
  if (id.startsWith("sscu")) return `ШССУ списка ${env.year}: ${env.sscu.length}`;
  if (id === "vprSuccessQuality" || id === "giaFailDown" || id === "partnerNetwork")
    return `ШНОР списка ${env.year}: ${env.shnor.length}`;
  return `ШНОР и ШССУ списка ${env.year}: ${env.programme.length}`;
}

export const MANUAL = "вносится вручную";

/** The rows of «Показатели Y» before any previous sheet is merged. */
export function indicatorRows(input: IndicatorsInput, list: IndicatorList = SHIPPED_INDICATORS): IndicatorRows {
  const { list: annual } = input;
  const settings = annual.settings;
  const year = annual.year;
  const programme = annual.schools.filter((s) => s.shnor || s.sscu);
  const keys = new Set(programme.map((s) => s.schoolKey));
  // R-UNIT of the programme's schools (all years).
  const bySchool = new Map<string, ResultRecord[]>();
  for (const r of input.results) {
    if (!keys.has(r.schoolKey)) continue;
    const l = bySchool.get(r.schoolKey);
    if (l) l.push(r);
    else bySchool.set(r.schoolKey, [r]);
  }
  const unitKeys = new UnitKeys();
  const units = new Map<string, Unit[]>();
  for (const [k, rows] of bySchool) units.set(k, schoolUnits(rows, settings, unitKeys).units);
  const env: Env = {
    settings,
    year,
    programme,
    shnor: programme.filter((s) => s.shnor),
    sscu: programme.filter((s) => s.sscu),
    units,
    staff: group(input.staff, keys),
    support: group(input.support, keys),
    context: group(input.context, keys),
    attestats: group(input.attestats, keys),
  };

  const rows: WorkRow[] = [];
  let computed = 0;
  let manual = 0;
  for (const g of list.groups) {
    const items = list.indicators.filter((x) => x.group === g.id);
    if (!items.length) continue;
    const head: PlanCell[] = new Array(indicatorColumns(year).length).fill(null);
    head[0] = `${g.id}. ${g.title}`;
    rows.push({ type: "section", key: `g/${g.id}`, block: "П", values: head });
    for (const x of items) {
      const values: PlanCell[] = new Array(indicatorColumns(year).length).fill(null);
      values[C.no] = x.id;
      values[C.name] = x.name;
      values[C.unit] = x.unit;
      values[C.start] = x.start ?? null;
      values[C.final] = x.final ?? null;
      if (x.compute) {
        computed++;
        const fact = compute(x.compute, env, year);
        const base = compute(x.compute, env, year - 1);
        values[C.fact] = fact.value;
        values[C.baseline] = base.value ?? x.baseline ?? null;
        const parts = [`Реестры, ${scopeText(x.compute, env)}`];
        if (fact.basis) parts.push(`${formatAcademicYear(year)}: ${fact.value === null ? "нет данных" : fact.basis}`);
        if (base.basis && base.value !== null) parts.push(`${formatAcademicYear(year - 1)}: ${base.basis}`);
        parts.push(x.source);
        values[C.source] = parts.join("; ");
      } else {
        manual++;
        values[C.baseline] = x.baseline ?? null;
        values[C.source] = `${MANUAL}; ${x.source}`;
      }
      rows.push({ type: "item", key: x.id, block: "П", values });
    }
  }
  return { year, rows, computed, manual };
}

// ---- layout --------------------------------------------------------------------------------------------------------

export interface IndicatorsPlanInput {
  year: number;
  rows: WorkRow[];
  settings: Settings;
  generatedAt: Date;
  extraHeaders?: string[];
  list?: IndicatorList;
}

const TITLE_ROWS = 3;
export const INDICATORS_HEADER_ROW = TITLE_ROWS + 1;

function isPercentUnit(unit: unknown): boolean {
  return typeof unit === "string" && unit.trim().startsWith("%");
}

function achievedFormula(r: number, direction: IndicatorDirection): string {
  const L = (c: number) => `$${columnLetter(c)}${r}`;
  const fact = L(C.fact);
  const target = `IF(${L(C.final)}<>"",${L(C.final)},${L(C.start)})`;
  if (direction === "yesno") {
    return `IF(OR(${fact}="",${target}=""),"нет данных",IF(LOWER(TRIM(${fact}))=LOWER(TRIM(${target})),"достигнуто","не достигнуто"))`;
  }
  const op = direction === "more" ? ">=" : "<=";
  return `IF(AND(ISNUMBER(${fact}),ISNUMBER(${target})),IF(${fact}${op}${target},"достигнуто","не достигнуто"),"нет данных")`;
}

/** «Показатели Y» as a sheet plan, from merged rows. */
export function indicatorsPlan(input: IndicatorsPlanInput): SheetPlan {
  const { year, rows, generatedAt, settings } = input;
  const list = input.list ?? SHIPPED_INDICATORS;
  const extra = input.extraHeaders ?? [];
  const base = indicatorColumns(year);
  const columns = [...base, ...extra.map((h, i) => ({ key: `extra${i}`, header: h, width: 16, wrap: true }))];
  const headerRow = INDICATORS_HEADER_ROW;
  const first = headerRow + 1;
  const body: PlanCell[][] = [];
  const rowStyles: { row: number; style: CellStyle }[] = [];
  const merges: { row: number; col: number; span: number }[] = [];
  const byId = new Map(list.indicators.map((x) => [x.id, x]));
  rows.forEach((r, i) => {
    const values = columns.map((_, c) =>
      c < base.length ? (r.values[c] ?? null) : (r.extra?.[extra[c - base.length]] ?? null),
    );
    values[C.service] = serviceCell(r);
    const sheetRow1 = first + i + 1;
    if (r.type === "section") {
      merges.push({ row: i, col: 0, span: SPAN });
      rowStyles.push({ row: i, style: { bold: true, fill: "#F2F2F2", horizontal: "left", wrap: true } });
    } else {
      const x = byId.get(r.key);
      const direction: IndicatorDirection = x?.direction ?? "more";
      if (r.type !== "user") {
        if (direction === "none") values[C.achieved] = "показатель мониторинга";
        else {
          const verdict = targetVerdict(
            shownValue(values[C.fact]),
            blank(shownValue(values[C.final])) ? shownValue(values[C.start]) : shownValue(values[C.final]),
            direction,
          );
          values[C.achieved] = { formula: achievedFormula(sheetRow1, direction), value: verdict };
        }
      }
      const percent = isPercentUnit(values[C.unit]);
      const style: CellStyle = r.obsolete ? { italic: true, fontColor: "#808080" } : {};
      if (percent) style.numberFormat = PERCENT;
      else if (x && (x.direction === "more" || x.direction === "less")) style.numberFormat = "0";
      if (Object.keys(style).length) rowStyles.push({ row: i, style });
    }
    body.push(values);
  });
  const f1 = first + 1;
  const l1 = first + Math.max(rows.length, 1);
  const H = columnLetter(C.achieved);
  return {
    name: indicatorsSheetName(year),
    kind: "indicators",
    year,
    blocks: [
      {
        at: { row: 0, col: 0 },
        values: [[`Показатели муниципальной программы повышения качества образования в ШНОР и ШССУ на ${year} год`]],
        style: { bold: true, fontSize: 14, wrap: true },
        mergeAcross: SPAN,
      },
      {
        at: { row: 1, col: 0 },
        values: [
          [
            `${settings.roadmap.department}; Факт (${year}) и Исходное (${year - 1}) рассчитаны по реестрам книги, где они это позволяют (см. «Источник»); остальное вносится вручную. Сформировано: ${formatDate(generatedAt)}`,
          ],
          [
            `Цели и факты, внесённые вручную, сохраняются при перестроении листа (по №). «Достигнуто» — формула: Факт сравнивается с целью (итог, иначе старт) по направлению показателя; доли — в процентах (${formatPercent(0.5, 0)} = 0,5).`,
          ],
        ],
        style: { italic: true, wrap: true },
        mergeAcross: SPAN,
      },
    ],
    table: {
      name: `ShnorIndicators${year}`,
      at: { row: headerRow, col: 0 },
      columns,
      rows: body,
      plain: true,
      bodyStyle: { border: "thin" },
      headerStyle: WORK_HEADER_STYLE,
      rowStyles,
      merges,
    },
    conditionalFormats: [
      {
        ref: `${H}${f1}:${H}${l1}`,
        rule: { kind: "containsText", text: "не достигнуто" },
        style: { fill: "#FFC7CE", fontColor: "#9C0006" },
      },
      {
        ref: `${H}${f1}:${H}${l1}`,
        rule: { kind: "expression", formula: `${H}${f1}="достигнуто"` },
        style: { fill: "#C6EFCE", fontColor: "#006100" },
      },
    ],
    validations: [],
    charts: [],
    freeze: { rows: headerRow + 1, cols: 0 },
    print: { orientation: "landscape", paper: "A4", fitToWidth: true, repeatRows: [headerRow + 1, headerRow + 1] },
  };
}

/** The cell values of an indicator row by column key (tests, summaries). */
export function indicatorValue(row: WorkRow, key: keyof typeof C): CellValue {
  return shownValue(row.values[C[key]]);
}
