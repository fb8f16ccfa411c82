/**
 * R-SOC — the social well-being index (ИСБ) and ШССУ (SPEC §3; seeds 000, 003; issue 13), and R-RES — resilient
 * schools (seed 004). Pure.
 *  - Each indicator is standardised across the schools of the group (the municipality as the registers name it; the
 *    whole register when none) for the year of the social passport: z = (x − mean) / sd, population sd, sd = 0 ⇒ 0.
 *  - ИСБ = −(weighted mean of the available z); higher is better. Missing indicators are left out and named.
 *  - ШССУ: the lowest `sssuShare` % of the group by ИСБ (k = ⌊n × share⌋, at least one school), every school tied with
 *    the k-th included; or ИСБ ≤ `sssuCutoff` when that is set. A group whose ИСБ are all equal has no ШССУ by share.
 *  - R-RES: ШССУ, not ШНОР, pooled ВПР failure share of Y at or below the median of its group's schools.
 */
import { formatAcademicYear, formatNumber, formatPercent } from "./format";
import type { SocialGroupReport } from "./list.types";
import type { Settings } from "./settings";
import { SOCIAL_INDICATORS, type SocialIndex, type SocialIndicatorId, type SocialIndicatorValue } from "./status.types";
import type { ContextRecord, StaffRecord } from "./types";

/** A group key of a municipality as written: case, ё, quotes and spaces ignored; null = no municipality. */
export function municipalityGroup(m: string | null | undefined): string | null {
  if (!m) return null;
  const t = m
    .toLowerCase()
    .replace(/ё/g, "е")
    .replace(/[«»"'“”„]/g, "")
    .replace(/\s+/g, " ")
    .trim();
  return t === "" ? null : t;
}

/** The staffing deficit 0–1 of a «Кадры» row: 1 − укомплектованность, else vacancies ÷ (teachers + vacancies). */
export function staffDeficit(s: StaffRecord | null | undefined): number | null {
  if (!s) return null;
  if (s.staffing !== null) return Math.max(0, 1 - s.staffing);
  if (s.vacancies !== null && s.teachers + s.vacancies > 0) return s.vacancies / (s.teachers + s.vacancies);
  return null;
}

/** The R-SOC indicator values of one school (shares 0–1; rural 0/1). */
export function socialValues(
  context: ContextRecord,
  staff: StaffRecord | null,
  rural: boolean | null | undefined,
): Partial<Record<SocialIndicatorId, number>> {
  const i = context.indicators;
  const out: Partial<Record<SocialIndicatorId, number>> = {};
  // ВШУ and ОПДН in separate columns: the larger share (a pupil on the ОПДН register is put on the school one too).
  if (i.registered) out.registered = i.registered.share;
  else if (i.registeredSchool || i.registeredPolice)
    out.registered = Math.max(i.registeredSchool?.share ?? 0, i.registeredPolice?.share ?? 0);
  if (i.disabled) out.disabled = i.disabled.share;
  if (i.troubled) out.troubled = i.troubled.share;
  if (i.lowIncome) out.lowIncome = i.lowIncome.share;
  if (i.nonNative) out.nonNative = i.nonNative.share;
  const d = staffDeficit(staff);
  if (d !== null) out.staffDeficit = d;
  if (rural === true || rural === false) out.rural = rural ? 1 : 0;
  return out;
}

/** One school entering R-SOC. */
export interface SocialInput {
  key: string;
  /** The municipality as written (display), and its group key. */
  municipality: string | null;
  values: Partial<Record<SocialIndicatorId, number>>;
}

export interface SocialOutcome {
  /** ИСБ by school key (schools with at least one indicator). */
  index: Map<string, SocialIndex>;
  /** ШССУ school keys. */
  sscu: Set<string>;
  /** Schools with a passport row but no indicator at all: key → Russian note. */
  empty: Map<string, string>;
  groups: SocialGroupReport[];
}

const clean = (x: number): number => Math.round(x * 1e12) / 1e12;

function formatValue(id: SocialIndicatorId, v: number): string {
  return id === "rural" ? (v === 1 ? "да" : "нет") : formatPercent(v);
}

/** R-SOC over the schools that have a social passport row in `year`. */
export function socialIndex(inputs: readonly SocialInput[], year: number, settings: Settings): SocialOutcome {
  const weight = (id: SocialIndicatorId): number => {
    const w = settings.isbWeights[id];
    return w === undefined ? 1 : w;
  };
  const byGroup = new Map<string, { municipality: string | null; members: SocialInput[] }>();
  for (const s of inputs) {
    const g = municipalityGroup(s.municipality) ?? "";
    const e = byGroup.get(g);
    if (e) e.members.push(s);
    else byGroup.set(g, { municipality: g === "" ? null : s.municipality, members: [s] });
  }
  const index = new Map<string, SocialIndex>();
  const sscu = new Set<string>();
  const empty = new Map<string, string>();
  const groups: SocialGroupReport[] = [];
  for (const { municipality, members } of byGroup.values()) {
    // Mean and population sd per indicator over the members that have it.
    const stats = new Map<SocialIndicatorId, { n: number; mean: number; sd: number }>();
    for (const { id } of SOCIAL_INDICATORS) {
      const xs: number[] = [];
      for (const m of members) {
        const v = m.values[id];
        if (v !== undefined && Number.isFinite(v)) xs.push(v);
      }
      if (xs.length === 0) continue;
      const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
      const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length);
      stats.set(id, { n: xs.length, mean, sd: sd < 1e-12 ? 0 : sd });
    }
    const scored: { key: string; value: number }[] = [];
    for (const m of members) {
      const used: SocialIndicatorValue[] = [];
      const missing: string[] = [];
      let sw = 0;
      let swz = 0;
      for (const { id, name } of SOCIAL_INDICATORS) {
        const w = weight(id);
        if (w <= 0) continue;
        const v = m.values[id];
        const st = stats.get(id);
        if (v === undefined || !st) {
          missing.push(name);
          continue;
        }
        const z = st.sd === 0 ? 0 : clean((v - st.mean) / st.sd);
        used.push({ id, name, value: clean(v), z, weight: w });
        sw += w;
        swz += w * z;
      }
      if (used.length === 0) {
        empty.set(m.key, `ИСБ не вычислен: в социальном паспорте ${formatAcademicYear(year)} нет ни одного показателя`);
        continue;
      }
      const value = clean(-(swz / sw)) + 0;
      index.set(m.key, {
        year,
        value,
        indicators: used,
        missing,
        group: { municipality, schools: members.length },
        cut: null,
        text: "",
      });
      scored.push({ key: m.key, value });
    }
    // The cut.
    let cut: number | null = null;
    let cutBy: SocialGroupReport["cutBy"] = "share";
    if (settings.sssuCutoff !== null) {
      cut = settings.sssuCutoff;
      cutBy = "cutoff";
    } else if (scored.length > 0 && settings.sssuShare > 0) {
      const sorted = scored.map((s) => s.value).sort((a, b) => a - b);
      const varies = sorted[sorted.length - 1] - sorted[0] > 1e-9;
      if (varies) {
        const k = Math.max(1, Math.floor((sorted.length * settings.sssuShare) / 100 + 1e-9));
        cut = sorted[Math.min(k, sorted.length) - 1];
      }
    }
    for (const s of scored) {
      const e = index.get(s.key)!;
      e.cut = cut;
      if (cut !== null && s.value <= cut + 1e-9) sscu.add(s.key);
      e.text = socialText(e, settings, cutBy, sscu.has(s.key), scored.length);
    }
    groups.push({
      municipality,
      year,
      schools: members.length,
      indicators: [...stats].map(([id, st]) => ({
        id,
        name: SOCIAL_INDICATORS.find((x) => x.id === id)!.name,
        schools: st.n,
        mean: clean(st.mean),
        sd: clean(st.sd),
      })),
      cut,
      cutBy,
    });
  }
  return { index, sscu, empty, groups };
}

/** The Russian explanation of one ИСБ. */
function socialText(
  e: SocialIndex,
  settings: Settings,
  cutBy: SocialGroupReport["cutBy"],
  isSscu: boolean,
  scored: number,
): string {
  const parts = [`ИСБ ${formatNumber(e.value, 2)} (социальный паспорт ${formatAcademicYear(e.year)})`];
  parts.push(
    e.indicators
      .map(
        (i) =>
          `${i.name} ${formatValue(i.id, i.value)} (z ${formatNumber(i.z, 2)}${i.weight !== 1 ? `, вес ${formatNumber(i.weight, 1)}` : ""})`,
      )
      .join("; "),
  );
  if (e.missing.length) parts.push(`нет данных: ${e.missing.join(", ")}`);
  const group = e.group.municipality ? `среди школ «${e.group.municipality}»` : "среди всех школ реестра";
  let cut: string;
  if (e.cut === null) cut = "порог ШССУ не определён: ИСБ всех школ одинаков";
  else if (cutBy === "cutoff") cut = `ШССУ при ИСБ не выше ${formatNumber(e.cut, 2)} (порог из настроек)`;
  else
    cut = `ШССУ при ИСБ не выше ${formatNumber(e.cut, 2)} (${formatNumber(settings.sssuShare, settings.sssuShare % 1 === 0 ? 0 : 1)} % школ с наименьшим ИСБ из ${scored})`;
  parts.push(`z ${group} (школ с социальным паспортом: ${e.group.schools}); ${cut}${isSscu ? " — ШССУ" : ""}`);
  return parts.join(". ");
}

/** The median of numbers (mean of the two middle ones for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** One school entering R-RES. */
export interface ResilienceInput {
  key: string;
  group: string | null;
  shnor: boolean;
  sscu: boolean;
  /** Pooled ВПР failure share of Y (0–1), null without ВПР in Y. */
  vprShare: number | null;
}

/** R-RES: resilient school keys and, for every ШССУ, why it is or is not resilient. */
export function resilience(
  inputs: readonly ResilienceInput[],
  year: number,
): { resilient: Set<string>; notes: Map<string, string> } {
  const shares = new Map<string, number[]>();
  for (const s of inputs) {
    if (s.vprShare === null) continue;
    const g = s.group ?? "";
    const list = shares.get(g);
    if (list) list.push(s.vprShare);
    else shares.set(g, [s.vprShare]);
  }
  const resilient = new Set<string>();
  const notes = new Map<string, string>();
  const ay = formatAcademicYear(year);
  for (const s of inputs) {
    if (!s.sscu) continue;
    if (s.shnor) {
      notes.set(s.key, "ШССУ и ШНОР — не резильентная");
      continue;
    }
    if (s.vprShare === null) {
      notes.set(s.key, `нет результатов ВПР за ${ay} — резильентность не определена`);
      continue;
    }
    const med = median(shares.get(s.group ?? "") ?? []);
    // Equal at one decimal but not equal: two decimals show which side of the median the school is on.
    const digits = formatPercent(s.vprShare) === formatPercent(med ?? 0) && s.vprShare !== med ? 2 : 1;
    const text =
      `доля «2» ВПР ${formatPercent(s.vprShare, digits)}, ` +
      `медиана ${s.group ? "муниципалитета" : "реестра"} ${formatPercent(med ?? 0, digits)}`;
    if (med !== null && s.vprShare <= med + 1e-12) {
      resilient.add(s.key);
      notes.set(s.key, `резильентная: ${text} (не выше медианы)`);
    } else notes.set(s.key, `не резильентная: ${text} (выше медианы)`);
  }
  return { resilient, notes };
}
