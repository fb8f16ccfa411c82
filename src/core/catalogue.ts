/**
 * The measure catalogue of the roadmaps (SPEC §7, issue 14): ONE data file, ./data/measures.json — sections, measures,
 * what triggers each measure (municipal, every school of the roadmap, a low area, a risk direction, partnership,
 * curator), its default deadline relative to the year Y, responsible, expected result and where the measure comes
 * from. A department overrides or extends it with a «Мероприятия» sheet (src/registers/kinds/measures.ts), so nobody
 * edits code to change a measure. Pure: zod-validated data, deadline parsing, templates, overrides.
 */
import { z } from "zod";
import raw from "./data/measures.json";
import { STATUS_FLAGS, type SchoolStatusFlag } from "./status.types";
import type { SourceRef } from "./types";

// ---- schema ----------------------------------------------------------------------------------------------------

const StatusFlagSchema = z.enum(STATUS_FLAGS as [SchoolStatusFlag, ...SchoolStatusFlag[]]);

export const MeasureTriggerSchema = z.discriminatedUnion("kind", [
  /** The municipal block (seed 001). */
  z.object({ kind: z.literal("municipal") }),
  /** Every school of the roadmap (ШНОР, ШССУ), or only schools with one of these status flags. */
  z.object({ kind: z.literal("school"), status: z.array(StatusFlagSchema).min(1).optional() }),
  /** Each low area (procedure · grade · subject) of the school, for its marked classes; limited to procedures. */
  z.object({
    kind: z.literal("low"),
    procedures: z.array(z.string().min(1)).min(1).optional(),
    subjects: z.array(z.string().min(1)).min(1).optional(),
  }),
  /** A high or medium risk of R-RISK. */
  z.object({ kind: z.literal("risk"), direction: z.number().int().min(1).max(10) }),
  /** The school has a partner school (typed or suggested) — or has none. */
  z.object({ kind: z.literal("partner"), has: z.boolean() }),
  /** The school has a curator — or has none. */
  z.object({ kind: z.literal("curator"), has: z.boolean() }),
]);
export type MeasureTrigger = z.infer<typeof MeasureTriggerSchema>;

const MEASURE_ID = /^[\p{L}\p{N}][\p{L}\p{N}.\-_]{0,23}$/u;

export const CatalogueMeasureSchema = z.object({
  /** Stable id («М1.1», «Н3», «Р8.1»): the roadmap's «Код» is built from it. */
  id: z.string().regex(MEASURE_ID, "код мероприятия: буквы, цифры, «.», «-», до 24 знаков"),
  section: z.string().min(1),
  trigger: MeasureTriggerSchema,
  text: z.string().min(1),
  /** Deadline relative to Y («до 20.08», «сентябрь», «ежегодно», «один раз в четверть», «постоянно» …). */
  deadline: z.string().min(1),
  responsible: z.string(),
  result: z.string(),
  /** The document the measure comes from (Russian). */
  source: z.string(),
});
export type CatalogueMeasure = z.infer<typeof CatalogueMeasureSchema>;

export const CatalogueSectionSchema = z.object({
  id: z.string().min(1),
  level: z.enum(["municipal", "school"]),
  title: z.string().min(1),
});
export type CatalogueSection = z.infer<typeof CatalogueSectionSchema>;

export const CatalogueSchema = z
  .object({
    version: z.literal(1),
    about: z.string().optional(),
    sections: z.array(CatalogueSectionSchema).min(1),
    measures: z.array(CatalogueMeasureSchema),
  })
  .superRefine((c, ctx) => {
    const ids = new Set<string>();
    const sections = new Map(c.sections.map((s) => [s.id, s]));
    c.measures.forEach((m, i) => {
      if (ids.has(m.id))
        ctx.addIssue({ code: "custom", path: ["measures", i, "id"], message: `код ${m.id} повторяется` });
      ids.add(m.id);
      const s = sections.get(m.section);
      if (!s) ctx.addIssue({ code: "custom", path: ["measures", i, "section"], message: `нет раздела ${m.section}` });
      else if ((s.level === "municipal") !== (m.trigger.kind === "municipal"))
        ctx.addIssue({ code: "custom", path: ["measures", i, "section"], message: "раздел другого уровня" });
      if (parseDeadline(m.deadline) === null)
        ctx.addIssue({
          code: "custom",
          path: ["measures", i, "deadline"],
          message: `срок «${m.deadline}» не распознан`,
        });
    });
  });
export type Catalogue = z.infer<typeof CatalogueSchema>;

// ---- deadlines ---------------------------------------------------------------------------------------------------

/** A deadline relative to the year Y, as the catalogue and «Мероприятия» sheets write it. */
export type DeadlineSpec =
  | { kind: "date"; day: number; month: number }
  | { kind: "month"; month: number }
  | { kind: "quarter"; quarter: 1 | 2 | 3 | 4 }
  | { kind: "quarterly" }
  | { kind: "annual" }
  | { kind: "continuous" };

const MONTHS: [RegExp, number][] = [
  [/^январ/, 1],
  [/^феврал/, 2],
  [/^март/, 3],
  [/^апрел/, 4],
  [/^ма[йяе]/, 5],
  [/^июн/, 6],
  [/^июл/, 7],
  [/^август/, 8],
  [/^сентябр/, 9],
  [/^октябр/, 10],
  [/^ноябр/, 11],
  [/^декабр/, 12],
];

function monthOf(word: string): number | null {
  for (const [re, m] of MONTHS) if (re.test(word)) return m;
  return null;
}

const ROMAN: Record<string, 1 | 2 | 3 | 4> = { i: 1, ii: 2, iii: 3, iv: 4, "1": 1, "2": 2, "3": 3, "4": 4 };

function daysIn(month: number): number {
  return [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

/**
 * A deadline cell as a DeadlineSpec, or null when it cannot be read. Texts: «до 20.08» (also «20.08», «до 20.08.2020» —
 * the year of the template is not kept: deadlines are relative to Y), a month («сентябрь», «Сентябрь 2020 года»,
 * «в сентябре»), months («сентябрь–октябрь», «Ежегодно сентябрь-октябрь» — the last month counts), a quarter
 * («IV квартал», «2 квартал»), «один раз в четверть» / «ежеквартально» / «ежемесячно» (every quarter), «ежегодно»,
 * «постоянно» / «в течение года» / «в течение 2020 г. и последующий период». A date cell (Date, or an Excel serial
 * number from Office.js) gives its day and month.
 */
export function parseDeadline(v: unknown): DeadlineSpec | null {
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return null;
    return { kind: "date", day: v.getUTCDate(), month: v.getUTCMonth() + 1 };
  }
  if (typeof v === "number") {
    if (!Number.isFinite(v) || v < 1 || v > 2_958_465) return null;
    const d = new Date(Math.round((v - 25_569) * 86_400_000));
    return { kind: "date", day: d.getUTCDate(), month: d.getUTCMonth() + 1 };
  }
  if (typeof v !== "string" || v.length > 200) return null;
  const t = v.toLowerCase().replace(/ё/g, "е").replace(/\s+/g, " ").trim();
  if (t === "") return null;
  const date = /(?:^|[^\d])(\d{1,2})\.(\d{1,2})(?:\.(\d{2}|\d{4}))?(?!\d)/.exec(t);
  if (date) {
    const day = Number(date[1]);
    const month = Number(date[2]);
    if (month >= 1 && month <= 12 && day >= 1 && day <= daysIn(month)) return { kind: "date", day, month };
    return null;
  }
  if (/(четверт|ежекварт|ежемесяч|раз в квартал|раз в месяц)/.test(t)) return { kind: "quarterly" };
  const quarter = /(?:^|\s)(iv|iii|ii|i|[1-4])\s*(?:-?й\s*)?квартал/.exec(t);
  if (quarter) return { kind: "quarter", quarter: ROMAN[quarter[1]] };
  let month: number | null = null;
  for (const word of t.split(/[^\p{L}]+/u)) {
    const m = monthOf(word);
    if (m !== null) month = m;
  }
  if (month !== null) return { kind: "month", month };
  if (/ежегодно|ежегодн/.test(t)) return { kind: "annual" };
  if (/(постоянно|в течение|весь период|регулярно|систематически)/.test(t)) return { kind: "continuous" };
  return null;
}

/** A deadline of year Y: the date (local midnight) and the quarters planned («план» in I–IV). */
export interface ResolvedDeadline {
  date: Date;
  quarters: (1 | 2 | 3 | 4)[];
}

/** The quarter of the roadmap's period (I–IV) a month falls in; the period starts with `startMonth` of Y. */
export function quarterOf(month: number, startMonth = 1): 1 | 2 | 3 | 4 {
  return (Math.floor(((((month - startMonth) % 12) + 12) % 12) / 3) + 1) as 1 | 2 | 3 | 4;
}

/** The last day of quarter `q` of the period of year Y that starts with `startMonth` (local midnight). */
export function quarterEnd(year: number, q: 1 | 2 | 3 | 4, startMonth = 1): Date {
  return new Date(year, startMonth - 1 + 3 * q, 0);
}

/**
 * The deadline in the roadmap's period of year Y — by default the calendar year Y (`startMonth` 1); with `startMonth`
 * 9 the period is 01.09.Y–31.08.Y+1 and a month before September falls in Y+1. A day and month as they are (29.02
 * of a non-leap year becomes 28.02); a month → its last day; a quarter → its last day; every quarter → the end of the
 * period with all four quarters planned; «ежегодно», «постоянно» → the end of the period (IV quarter).
 */
export function resolveDeadline(spec: DeadlineSpec, year: number, startMonth = 1): ResolvedDeadline {
  const yearOf = (m: number) => (m >= startMonth ? year : year + 1);
  const lastDay = (y: number, m: number) => new Date(y, m, 0).getDate();
  switch (spec.kind) {
    case "date": {
      const y = yearOf(spec.month);
      const day = Math.min(spec.day, lastDay(y, spec.month));
      return { date: new Date(y, spec.month - 1, day), quarters: [quarterOf(spec.month, startMonth)] };
    }
    case "month": {
      const y = yearOf(spec.month);
      return {
        date: new Date(y, spec.month - 1, lastDay(y, spec.month)),
        quarters: [quarterOf(spec.month, startMonth)],
      };
    }
    case "quarter":
      return { date: quarterEnd(year, spec.quarter, startMonth), quarters: [spec.quarter] };
    case "quarterly":
      return { date: quarterEnd(year, 4, startMonth), quarters: [1, 2, 3, 4] };
    case "annual":
    case "continuous":
      return { date: quarterEnd(year, 4, startMonth), quarters: [4] };
  }
}

// ---- templates ---------------------------------------------------------------------------------------------------

/**
 * Fill `{name}` placeholders. Unknown names stay as written (a department's typo shows up on the sheet rather than
 * vanishing); a placeholder whose value is empty is removed with the parentheses or separator around it when the
 * text would otherwise read «( )».
 */
export function fillTemplate(text: string, vars: Record<string, string | null | undefined>): string {
  const out = text.replace(/\{([\p{L}\p{N} ]{1,30})\}/gu, (whole, name: string) => {
    const key = name.trim().toLowerCase();
    const hit = Object.keys(vars).find((k) => k.toLowerCase() === key);
    if (hit === undefined) return whole;
    return vars[hit] ?? "";
  });
  return out
    .replace(/\(\s*[,;]?\s*\)/g, "")
    .replace(/\(\s*[,;]\s*/g, "(")
    .replace(/\s*[,;]\s*\)/g, ")")
    .replace(/«\s*»/g, "")
    .replace(/\s{2,}/g, " ")
    .replace(/\s+([,.;:)])/g, "$1")
    .trim();
}

// ---- overrides («Мероприятия» sheets) -------------------------------------------------------------------------------

/**
 * One row of a «Мероприятия» sheet (src/registers/kinds/measures.ts): a shipped measure overridden (by its Код),
 * removed («Исключить: да»), or a new measure. Empty fields of an override keep the shipped value.
 */
export interface MeasureOverride {
  /** Код as typed; null when the row has none (a new measure gets «Д» + a hash of its text). */
  code: string | null;
  text: string | null;
  /** Section id or title as typed (null: the shipped measure's, or from the trigger). */
  section: string | null;
  trigger: MeasureTrigger | null;
  /** The deadline cell as typed (text, or a date's dd.mm). */
  deadline: string | null;
  responsible: string | null;
  result: string | null;
  /** «Исключить» = да: the shipped measure with this Код is not used. */
  exclude: boolean;
  source: SourceRef;
}

/** What applying the overrides did, for the summaries (Russian is built by the callers). */
export interface OverrideOutcome {
  catalogue: Catalogue;
  overridden: string[];
  added: string[];
  excluded: string[];
  /** Rows that could not be applied, with a Russian reason (their sheet row is in `source`). */
  rejected: { source: SourceRef; reason: string }[];
}

/** FNV-1a of a string, base 36 (stable codes for rows without one, fingerprints). */
export function hash36(s: string, length = 6): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36).padStart(length, "0").slice(-length);
}

const SCHOOL_SECTION_OF: Record<MeasureTrigger["kind"], string> = {
  municipal: "",
  school: "О",
  low: "Н",
  risk: "Р",
  partner: "П",
  curator: "К",
};

function normSection(t: string): string {
  return t
    .toLowerCase()
    .replace(/ё/g, "е")
    .replace(/^\s*раздел\s*/, "")
    .replace(/[«»"“”.()]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** The section a typed «Раздел» names: by id («2», «2.»), by title, by «2. Title»; null when none. */
export function findSection(sections: readonly CatalogueSection[], typed: string): CatalogueSection | null {
  const t = normSection(typed);
  if (t === "") return null;
  const byId = sections.find((s) => normSection(s.id) === t);
  if (byId) return byId;
  const lead = /^(\d+|[а-яa-z])\s+(.*)$/.exec(t);
  if (lead) {
    const s = sections.find((x) => normSection(x.id) === lead[1]);
    if (s) return s;
  }
  return sections.find((s) => normSection(s.title) === t || normSection(s.title).startsWith(t)) ?? null;
}

/**
 * The catalogue with a department's «Мероприятия» rows applied, in sheet order: a row whose Код is a catalogue
 * measure's overrides its non-empty fields (or removes it with «Исключить»); any other row is a new measure (its Код,
 * or «Д» + a hash of its text) added at the end of its section. A new measure needs a text and a trigger or a section
 * (a municipal section without a trigger means a municipal measure); a section title that is not in the catalogue
 * becomes a new municipal section.
 */
export function applyOverrides(base: Catalogue, rows: readonly MeasureOverride[]): OverrideOutcome {
  const sections = base.sections.map((s) => ({ ...s }));
  const measures = base.measures.map((m) => ({ ...m, trigger: { ...m.trigger } as MeasureTrigger }));
  const out: OverrideOutcome = {
    catalogue: base,
    overridden: [],
    added: [],
    excluded: [],
    rejected: [],
  };
  const byId = (id: string) => measures.findIndex((m) => m.id.toLowerCase() === id.toLowerCase());
  for (const r of rows) {
    const at = r.code ? byId(r.code) : -1;
    if (at >= 0) {
      const m = measures[at];
      if (r.exclude) {
        measures.splice(at, 1);
        out.excluded.push(m.id);
        continue;
      }
      if (r.text) m.text = r.text;
      if (r.deadline) m.deadline = r.deadline;
      if (r.responsible !== null) m.responsible = r.responsible;
      if (r.result !== null) m.result = r.result;
      if (r.trigger) m.trigger = r.trigger;
      if (r.section) {
        const s = findSection(sections, r.section);
        if (s) m.section = s.id;
      }
      const s = sections.find((x) => x.id === m.section);
      if (s && (s.level === "municipal") !== (m.trigger.kind === "municipal")) {
        m.section =
          m.trigger.kind === "municipal"
            ? sections.find((x) => x.level === "municipal")!.id
            : SCHOOL_SECTION_OF[m.trigger.kind];
      }
      if (m.deadline && parseDeadline(m.deadline) === null) m.deadline = "ежегодно";
      m.source = `лист «${r.source.sheet}», строка ${r.source.row}`;
      out.overridden.push(m.id);
      continue;
    }
    if (r.exclude) {
      out.rejected.push({
        source: r.source,
        reason: r.code ? `нет мероприятия с кодом «${r.code}»` : "не указан код исключаемого мероприятия",
      });
      continue;
    }
    if (!r.text) {
      out.rejected.push({
        source: r.source,
        reason: r.code ? `нет мероприятия с кодом «${r.code}», а текста мероприятия нет` : "не указано мероприятие",
      });
      continue;
    }
    let section: CatalogueSection | null = r.section ? findSection(sections, r.section) : null;
    let trigger = r.trigger;
    if (!trigger) {
      if (section && section.level === "school") {
        out.rejected.push({
          source: r.source,
          reason: `для мероприятия раздела «${section.title}» не указано, для какой школы оно (основание)`,
        });
        continue;
      }
      trigger = { kind: "municipal" };
    }
    if (trigger.kind !== "municipal") section = sections.find((s) => s.id === SCHOOL_SECTION_OF[trigger!.kind]) ?? null;
    else if (!section || section.level !== "municipal") {
      if (r.section && !section) {
        const id = `${sections.filter((s) => s.level === "municipal").length + 1}`;
        section = { id, level: "municipal", title: r.section.trim().replace(/^\d+(\.\d+)*[.)]?\s+/, "") };
        const lastMunicipal = sections.map((s) => s.level).lastIndexOf("municipal");
        sections.splice(lastMunicipal + 1, 0, section);
      } else section = sections.find((s) => s.level === "municipal")!;
    }
    const id = r.code ?? `Д${hash36(`${section!.id}|${r.text.toLowerCase().replace(/\s+/g, " ").trim()}`, 5)}`;
    if (byId(id) >= 0 || !MEASURE_ID.test(id)) {
      out.rejected.push({
        source: r.source,
        reason: MEASURE_ID.test(id)
          ? `мероприятие с кодом «${id}» уже есть`
          : `код «${id}»: допустимы буквы, цифры, «.», «-», до 24 знаков`,
      });
      continue;
    }
    const deadline = r.deadline && parseDeadline(r.deadline) !== null ? r.deadline : "ежегодно";
    const measure: CatalogueMeasure = {
      id,
      section: section!.id,
      trigger,
      text: r.text,
      deadline,
      responsible: r.responsible ?? "",
      result: r.result ?? "",
      source: `лист «${r.source.sheet}», строка ${r.source.row}`,
    };
    // At the end of its section (sections keep the catalogue's order).
    let insertAt = measures.length;
    for (let i = measures.length - 1; i >= 0; i--) {
      if (measures[i].section === measure.section) {
        insertAt = i + 1;
        break;
      }
    }
    measures.splice(insertAt, 0, measure);
    out.added.push(id);
  }
  out.catalogue = { ...base, sections, measures };
  return out;
}

// ---- triggers typed in a «Мероприятия» sheet ----------------------------------------------------------------------

/**
 * «Для чего» / «Основание» of a «Мероприятия» row as a trigger: «муниципальный уровень», «все школы» / «ШНОР» /
 * «ШССУ» / «необъективные результаты», «низкий результат» (optionally «ВПР», «ОГЭ», «ЕГЭ», a subject), «риск 8»
 * or a risk's name, «школа-партнёр» / «нет школы-партнёра», «куратор» / «нет куратора». Null when unreadable.
 */
export function parseTrigger(
  text: string,
  riskNames: readonly { direction: number; name: string }[],
): MeasureTrigger | null {
  const t = text.toLowerCase().replace(/ё/g, "е").replace(/\s+/g, " ").trim();
  if (t === "") return null;
  const no = /(^|\s)(нет|без|отсутств)/.test(t);
  if (/муницип/.test(t)) return { kind: "municipal" };
  const risk = /риск\S*\s*(?:№\s*)?(10|[1-9])(?!\d)/.exec(t);
  if (risk) return { kind: "risk", direction: Number(risk[1]) };
  const named = riskNames.find((r) => t.includes(r.name.toLowerCase().replace(/ё/g, "е")));
  if (named) return { kind: "risk", direction: named.direction };
  if (/партн/.test(t)) return { kind: "partner", has: !no };
  if (/куратор/.test(t)) return { kind: "curator", has: !no };
  if (/(низк|не справ|неуспеш|порог)/.test(t)) {
    const procedures = ["ВПР", "ОГЭ", "ЕГЭ"].filter((p) => t.includes(p.toLowerCase()));
    if (/гиа/.test(t)) for (const p of ["ОГЭ", "ЕГЭ"]) if (!procedures.includes(p)) procedures.push(p);
    const subjects = ["русский язык", "математика"].filter((s) => t.includes(s.slice(0, 6)));
    return {
      kind: "low",
      ...(procedures.length ? { procedures } : {}),
      ...(subjects.length ? { subjects } : {}),
    };
  }
  if (/необъектив/.test(t)) return { kind: "school", status: ["с признаками необъективности"] };
  const hasShnor = /шнор/.test(t);
  const hasSscu = /шссу/.test(t);
  if (hasShnor && !hasSscu) return { kind: "school", status: ["ШНОР"] };
  if (hasSscu && !hasShnor) return { kind: "school", status: ["ШССУ"] };
  if (hasShnor || /(все|кажд|школ)/.test(t)) return { kind: "school" };
  return null;
}

// Last: the schema's checks use the deadline parser above.
/** The shipped catalogue (./data/measures.json), validated once. */
export const SHIPPED_CATALOGUE: Catalogue = CatalogueSchema.parse(raw);
