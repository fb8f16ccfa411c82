/**
 * The whole status of a school (issue 13): R-SOC (ИСБ, ШССУ), R-RES, R-OBJ, R-RISK, curator and partner, applied to
 * the assessed schools of a list. Pure. Per-school facts are gathered while assessSchools builds each school's units
 * (`statusFacts`); `applyStatus` then works over all schools (groups, medians, pools need every school).
 */
import { formatAcademicYear, formatPercent } from "./format";
import type { SchoolAssessment, SocialGroupReport } from "./list.types";
import { objectivitySigns, schoolObjectivityFacts, type ObjectivityFacts } from "./objectivity";
import type { Settings } from "./settings";
import { municipalityGroup, resilience, socialIndex, socialValues, staffDeficit, type SocialInput } from "./social";
import {
  RISK_DIRECTIONS,
  STATUS_FLAGS,
  type CuratorChoice,
  type PartnerChoice,
  type RiskEntry,
  type SchoolStatusFlag,
} from "./status.types";
import type {
  ContextRecord,
  JournalRecord,
  ProtocolUnit,
  ResultRecord,
  RiskDirection,
  RiskLevel,
  RiskRecord,
  StaffRecord,
  SupportRecord,
  Unit,
} from "./types";

export { schoolObjectivityFacts };

/** What the status step keeps of one school once its units are built. */
export interface StatusFacts {
  objectivity: ObjectivityFacts;
  /** Pooled ВПР failure share of Y (0–1), null without ВПР in Y (R-RES, R-RISK 8). */
  vprShare: number | null;
  vprParticipants: number;
  /** Pooled failure share of all counted units of Y and Y−1 (partners), null without results in either. */
  pooledShare: number | null;
}

/** Pooled shares from a school's units (R-RES, R-RISK 8, partners). */
export function pooledShares(units: readonly Unit[], year: number): Omit<StatusFacts, "objectivity"> {
  let vf = 0;
  let vp = 0;
  let af = 0;
  let ap = 0;
  for (const u of units) {
    if (u.year === year && u.procedure === "ВПР") {
      vf += u.failed;
      vp += u.participants;
    }
    if (u.year === year || u.year === year - 1) {
      af += u.failed;
      ap += u.participants;
    }
  }
  return { vprShare: vp > 0 ? vf / vp : null, vprParticipants: vp, pooledShare: ap > 0 ? af / ap : null };
}

/** The registers the status step reads (each optional: an absent register is «нет данных»). */
export interface StatusRegisters {
  context?: readonly ContextRecord[];
  staff?: readonly StaffRecord[];
  support?: readonly SupportRecord[];
  risks?: readonly RiskRecord[];
  journal?: readonly JournalRecord[];
  protocol?: readonly ProtocolUnit[];
  results?: readonly ResultRecord[];
}

/** Records of one school: the one of year Y, else the latest earlier one. */
function latestUpTo<T extends { year: number }>(rows: readonly T[] | undefined, year: number): T | null {
  let best: T | null = null;
  for (const r of rows ?? []) if (r.year <= year && (best === null || r.year > best.year)) best = r;
  return best;
}

function groupBySchool<T extends { schoolKey: string }>(rows: readonly T[] | undefined): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows ?? []) {
    const l = m.get(r.schoolKey);
    if (l) l.push(r);
    else m.set(r.schoolKey, [r]);
  }
  return m;
}

/** The year of the social passport used for list year Y: Y when the register has it, else the latest earlier. */
export function passportYear(context: readonly ContextRecord[] | undefined, year: number): number | null {
  let best: number | null = null;
  for (const c of context ?? []) {
    if (c.year === year) return year;
    if (c.year < year && (best === null || c.year > best)) best = c.year;
  }
  return best;
}

const LEVEL_RANK: Record<RiskLevel, number> = { высокий: 0, средний: 1, низкий: 2 };

function levelBy(value: number, high: number, medium: number): RiskLevel {
  return value >= high - 1e-9 ? "высокий" : value >= medium - 1e-9 ? "средний" : "низкий";
}

/**
 * R-RISK of one school: entered levels of Y (else the latest earlier row); where no level is entered, suggested
 * levels «оценка по данным» for 2 (staffing), 3 (teachers below the base level) and 8 (ВПР failure share of Y).
 */
export function riskProfile(
  risks: readonly RiskRecord[] | undefined,
  staff: readonly StaffRecord[] | undefined,
  facts: Pick<StatusFacts, "vprShare" | "vprParticipants">,
  year: number,
  settings: Settings,
): RiskEntry[] {
  const entered = latestUpTo(risks, year);
  const out: RiskEntry[] = [];
  const name = (d: RiskDirection) => RISK_DIRECTIONS.find((x) => x.direction === d)!.name;
  for (const { direction } of RISK_DIRECTIONS) {
    const level = entered?.levels[direction];
    if (level)
      out.push({ direction, name: name(direction), level, source: "entered", year: entered!.year, basis: null });
  }
  const has = (d: RiskDirection) => out.some((r) => r.direction === d);
  const rs = settings.risk;
  const st = latestUpTo(staff, year);
  if (!has(2) && st) {
    const d = staffDeficit(st);
    if (d !== null) {
      const basis =
        st.staffing !== null
          ? `укомплектованность ${formatPercent(st.staffing)} (дефицит ${formatPercent(d)})`
          : `вакансий ${st.vacancies} при ${st.teachers} педагогах (дефицит ${formatPercent(d)})`;
      out.push({
        direction: 2,
        name: name(2),
        level: levelBy(d * 100, rs.staffDeficitHigh, rs.staffDeficitMedium),
        source: "оценка по данным",
        year: st.year,
        basis: `${basis}, «Кадры» ${formatAcademicYear(st.year)}`,
      });
    }
  }
  if (!has(3) && st && st.belowBase) {
    const b = st.belowBase;
    const ofDiagnosed = b.count !== null && st.diagnosed?.count != null && st.diagnosed.count > 0;
    const share = ofDiagnosed ? b.count! / st.diagnosed!.count! : b.share;
    const basis = ofDiagnosed
      ? `не достигли базового уровня ${b.count} из ${st.diagnosed!.count} прошедших диагностику (${formatPercent(share)})`
      : `не достигли базового уровня ${formatPercent(share)} педагогов`;
    out.push({
      direction: 3,
      name: name(3),
      level: levelBy(share * 100, rs.belowBaseHigh, rs.belowBaseMedium),
      source: "оценка по данным",
      year: st.year,
      basis: `${basis}, «Кадры» ${formatAcademicYear(st.year)}`,
    });
  }
  if (!has(8) && facts.vprShare !== null) {
    out.push({
      direction: 8,
      name: name(8),
      level: levelBy(facts.vprShare * 100, rs.failHigh, rs.failMedium),
      source: "оценка по данным",
      year,
      basis: `доля «2» ВПР ${formatPercent(facts.vprShare)} (${facts.vprParticipants} участников) в ${formatAcademicYear(year)}`,
    });
  }
  out.sort((a, b) => LEVEL_RANK[a.level] - LEVEL_RANK[b.level] || a.direction - b.direction);
  return out;
}

/** Name comparison for partners typed by name (case, ё, quotes, spaces ignored). */
function nameKey(s: string): string {
  return s
    .toLowerCase()
    .replace(/ё/g, "е")
    .replace(/[«»"'“”„]/g, "")
    .replace(/[\u2010-\u2015\u2212]/g, "-")
    .replace(/\s+/g, " ")
    .trim();
}

/** A candidate partner: resilient, or without low units in Y and Y−1 (results in both years). */
function isCandidate(s: SchoolAssessment): boolean {
  if (s.shnor) return false;
  if (s.resilient) return true;
  return s.hasCurrentYear && s.hasPreviousYear && s.lowUnits.length === 0;
}

function typeOf(s: SchoolAssessment): string | null {
  const t = s.info?.type;
  return t ? nameKey(t) : null;
}

function ruralOf(s: SchoolAssessment): boolean | null {
  const r = s.info?.rural;
  return r === true || r === false ? r : null;
}

interface Candidate {
  s: SchoolAssessment;
  share: number;
}

const byShareThenName = (a: Candidate, b: Candidate) => a.share - b.share || a.s.school.localeCompare(b.s.school, "ru");

/**
 * Suggested partners of ШНОР (issue 13): among resilient schools and schools with no low results in Y and Y−1 (with
 * results in both), same municipality first; of the same type and location, the lowest pooled failure share;
 * otherwise the one nearest in pooled share to the school's own. Indexed once: each suggestion is a lookup and a
 * binary search, not a scan of every school.
 */
export class PartnerIndex {
  private readonly byGroup = new Map<string, { all: Candidate[]; same: Map<string, Candidate[]> }>();
  private readonly all: { all: Candidate[]; same: Map<string, Candidate[]> };

  constructor(
    schools: readonly SchoolAssessment[],
    private readonly pooled: Map<string, number | null>,
    private readonly year: number,
  ) {
    const make = () => ({ all: [] as Candidate[], same: new Map<string, Candidate[]>() });
    this.all = make();
    for (const s of schools) {
      const share = pooled.get(s.schoolKey);
      if (!isCandidate(s) || share === null || share === undefined) continue;
      const c = { s, share };
      const g = municipalityGroup(s.municipality);
      const targets = [this.all];
      if (g !== null) {
        let e = this.byGroup.get(g);
        if (!e) this.byGroup.set(g, (e = make()));
        targets.push(e);
      }
      const tk = PartnerIndex.typeKey(s);
      for (const t of targets) {
        t.all.push(c);
        if (tk !== null) {
          const l = t.same.get(tk);
          if (l) l.push(c);
          else t.same.set(tk, [c]);
        }
      }
    }
    for (const t of [this.all, ...this.byGroup.values()]) {
      t.all.sort(byShareThenName);
      for (const l of t.same.values()) l.sort(byShareThenName);
    }
  }

  private static typeKey(s: SchoolAssessment): string | null {
    const type = typeOf(s);
    const rural = ruralOf(s);
    return type === null || rural === null ? null : `${type}\u0001${rural ? 1 : 0}`;
  }

  suggest(s: SchoolAssessment): PartnerChoice | null {
    const own = this.pooled.get(s.schoolKey) ?? null;
    const g = municipalityGroup(s.municipality);
    const local = g !== null ? this.byGroup.get(g) : undefined;
    const pool = local && local.all.some((c) => c.s !== s) ? local : this.all;
    const inMunicipality = pool === local;
    const others = (l: Candidate[]) => l.filter((c) => c.s !== s);
    const tk = PartnerIndex.typeKey(s);
    const same = tk !== null ? others((pool.same.get(tk) ?? []).slice(0, 2)) : [];
    let pick: Candidate | null = null;
    let how: string;
    if (same.length > 0) {
      pick = same[0];
      how = `того же типа (${s.info!.type}) и местности (${ruralOf(s) ? "село" : "город"}), с наименьшей долей не справившихся`;
    } else {
      pick = nearest(pool.all, own ?? 0, s);
      how =
        tk !== null
          ? "школ того же типа и местности среди подходящих нет — ближайшая по доле не справившихся"
          : "ближайшая по доле не справившихся (тип или местность школы не указаны)";
    }
    if (!pick) return null;
    const y = this.year;
    const kind = pick.s.resilient
      ? "резильентная школа"
      : `школа без низких результатов в ${formatAcademicYear(y - 1)} и ${formatAcademicYear(y)}`;
    const where = inMunicipality ? " того же муниципалитета" : "";
    const shares = `${formatPercent(pick.share)} против ${own === null ? "нет данных" : formatPercent(own)} у школы`;
    return {
      school: pick.s.school,
      schoolKey: pick.s.schoolKey,
      suggested: true,
      reason: `предложено: ${kind}${where}, ${how}; доля не справившихся за два года ${shares}`,
    };
  }
}

/** The candidate (sorted by share) nearest in share to `ref`, not the school itself; ties → lower share, then name. */
function nearest(sorted: Candidate[], ref: number, self: SchoolAssessment): Candidate | null {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid].share < ref) lo = mid + 1;
    else hi = mid;
  }
  let best: Candidate | null = null;
  let bestD = Infinity;
  // A few neighbours on each side cover the school itself and equal shares.
  for (let i = Math.max(0, lo - 3); i < Math.min(sorted.length, lo + 3); i++) {
    const c = sorted[i];
    if (c.s === self) continue;
    const d = Math.abs(c.share - ref);
    if (d < bestD - 1e-12 || (Math.abs(d - bestD) <= 1e-12 && best !== null && byShareThenName(c, best) < 0)) {
      best = c;
      bestD = d;
    }
  }
  return best;
}

/** Status flags in STATUS_FLAGS order. */
export function statusFlags(
  s: Pick<SchoolAssessment, "shnor" | "sscu" | "resilient" | "objectivity">,
): SchoolStatusFlag[] {
  const on: Record<SchoolStatusFlag, boolean> = {
    ШНОР: s.shnor,
    ШССУ: s.sscu,
    резильентная: s.resilient,
    "с признаками необъективности": s.objectivity.length > 0,
  };
  return STATUS_FLAGS.filter((f) => on[f]);
}

/**
 * R-SOC, R-RES, R-OBJ, R-RISK, curator and partner over the assessed schools (mutates them); returns the R-SOC groups.
 * `facts` holds what statusFacts kept of each school (by key).
 */
export function applyStatus(
  schools: SchoolAssessment[],
  facts: Map<string, StatusFacts>,
  registers: StatusRegisters,
  year: number,
  settings: Settings,
): SocialGroupReport[] {
  const contextBy = groupBySchool(registers.context);
  const staffBy = groupBySchool(registers.staff);
  const supportBy = groupBySchool(registers.support);
  const risksBy = groupBySchool(registers.risks);

  // R-SOC.
  const py = passportYear(registers.context, year);
  const socialInputs: SocialInput[] = [];
  if (py !== null) {
    for (const s of schools) {
      const ctx = (contextBy.get(s.schoolKey) ?? []).find((c) => c.year === py);
      if (!ctx) continue;
      const st = (staffBy.get(s.schoolKey) ?? []).find((x) => x.year === py) ?? null;
      socialInputs.push({
        key: s.schoolKey,
        municipality: s.municipality ?? ctx.municipality ?? null,
        values: socialValues(ctx, st, s.info?.rural),
      });
    }
  }
  const soc = socialIndex(socialInputs, py ?? year, settings);
  for (const s of schools) {
    s.sbi = soc.index.get(s.schoolKey) ?? null;
    s.sscu = soc.sscu.has(s.schoolKey);
    const note = soc.empty.get(s.schoolKey);
    if (note) s.sbiNote = note;
  }

  // R-RES.
  const res = resilience(
    schools.map((s) => ({
      key: s.schoolKey,
      group: municipalityGroup(s.municipality),
      shnor: s.shnor,
      sscu: s.sscu,
      vprShare: facts.get(s.schoolKey)?.vprShare ?? null,
    })),
    year,
  );
  for (const s of schools) {
    s.resilient = res.resilient.has(s.schoolKey);
    s.resilienceNote = res.notes.get(s.schoolKey) ?? null;
  }

  // R-OBJ.
  const obj = objectivitySigns(
    schools.map((s) => ({
      key: s.schoolKey,
      group: municipalityGroup(s.municipality),
      facts: facts.get(s.schoolKey)?.objectivity ?? { units: [], journal: [], means: [] },
    })),
    year,
    settings,
  );
  for (const s of schools) {
    s.objectivity = obj.signs.get(s.schoolKey) ?? [];
    s.objectivityNotes = obj.checked.get(s.schoolKey) ? [] : ["нет данных для проверки объективности"];
  }

  // R-RISK.
  for (const s of schools) {
    const f = facts.get(s.schoolKey) ?? { vprShare: null, vprParticipants: 0 };
    s.risks = riskProfile(risksBy.get(s.schoolKey), staffBy.get(s.schoolKey), f, year, settings);
  }

  // Curator and typed partner: «Поддержка» of Y (or the latest earlier row naming one) wins over «Школы».
  const byName = new Map<string, SchoolAssessment>();
  for (const x of schools) if (!byName.has(nameKey(x.school))) byName.set(nameKey(x.school), x);
  for (const s of schools) {
    const rows = (supportBy.get(s.schoolKey) ?? []).filter((r) => r.year <= year).sort((a, b) => b.year - a.year);
    const withCurator = rows.find((r) => r.curator);
    const withPartner = rows.find((r) => r.partner);
    let curator: CuratorChoice | null = null;
    if (withCurator) curator = { name: withCurator.curator!, from: "Поддержка", year: withCurator.year };
    else if (s.info?.curator) curator = { name: s.info.curator, from: "Школы", year: null };
    s.curator = curator;
    if (withPartner) {
      const p = withPartner.partner!;
      s.partner = {
        school: p,
        schoolKey: byName.get(nameKey(p))?.schoolKey ?? null,
        suggested: false,
        reason: `указана в реестре «Поддержка» (${formatAcademicYear(withPartner.year)})`,
      };
    } else if (s.info?.partner) {
      s.partner = {
        school: s.info.partner,
        schoolKey: byName.get(nameKey(s.info.partner))?.schoolKey ?? null,
        suggested: false,
        reason: "указана в реестре «Школы»",
      };
    } else s.partner = null;
  }

  // Partner suggestions for ШНОР without a typed partner.
  const pooled = new Map<string, number | null>();
  for (const s of schools) pooled.set(s.schoolKey, facts.get(s.schoolKey)?.pooledShare ?? null);
  const partners = new PartnerIndex(schools, pooled, year);
  for (const s of schools) {
    if (s.shnor && !s.partner) s.partner = partners.suggest(s);
  }

  for (const s of schools) s.status = statusFlags(s);
  return soc.groups;
}
