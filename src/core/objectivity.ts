/**
 * R-OBJ — signs of non-objective results (SPEC §3, §5; seed 002; issue 13). Pure: per-school facts gathered while the
 * school's units are built, then the signs over all schools (the municipal and regional pools need every school).
 *  - R-OBJ-1: ВПР against journal marks — «Подтвердили» below, «Понизили» at or above a setting (journal register,
 *    the results' own columns, or the pairs of per-pupil protocols); with protocols also Spearman's rho of the two
 *    marks (ties by mid-ranks) below a setting (ФИОКО: a negative correlation).
 *  - R-OBJ-2: a unit with no failures whose quality share exceeds the municipal one by a setting.
 *  - R-OBJ-3: ВПР grade 4 in Y−1 against grade 5 in Y, same school and subject: quality falls by a setting.
 *  - R-OBJ-4: a school mean whose 95 % interval lies wholly above the region's (ЕГЭ «средний балл» with an assumed
 *    pupil sd — a setting; per-pupil primary scores with their own sd).
 */
import { formatNumber, formatSubject, gradeLabel } from "./format";
import type { ObjectivitySign, ObjectivityTest, ObjectivityUnit } from "./status.types";
import type { Settings } from "./settings";
import type { JournalRecord, MarkPairs, ProtocolUnit, ResultRecord, Unit } from "./types";

/** z of the two-sided 95 % interval. */
export const Z95 = 1.959963984540054;

/** A unit's numbers kept for R-OBJ-2/3 and R-RES (units of Y and Y−1 only). */
export interface UnitFacts {
  year: number;
  procedure: string;
  grade: number | null;
  subject: string;
  variant: string | null;
  participants: number;
  failed: number;
  /** Pupils with «4» or «5» (null kept for callers that build facts without marks). */
  good: number | null;
  /** Pupils with a mark (m2+…+m5). */
  marked: number | null;
}

/** Journal agreement of one unit (or class) from one source. */
export interface JournalFacts {
  unit: ObjectivityUnit;
  year: number;
  /** Percent 0–100. */
  lower: number;
  confirmed: number;
  higher: number;
  /** Pupils compared, when known. */
  n: number | null;
  /** Spearman's rho of ВПР and journal marks (protocol pairs), null when not computable. */
  rho: number | null;
  from: "protocol" | "journal" | "results";
}

/** A unit mean for R-OBJ-4: n pupils, mean, sd (null: assumed by the setting). */
export interface MeanFacts {
  unit: ObjectivityUnit;
  year: number;
  n: number;
  mean: number;
  sd: number | null;
  /** Σ of squared deviations (n − 1)·sd², for pooling; null with an assumed sd. */
  ss: number | null;
  scale: "ЕГЭ" | "primary";
}

/** Everything R-OBJ needs of one school. */
export interface ObjectivityFacts {
  units: UnitFacts[];
  journal: JournalFacts[];
  means: MeanFacts[];
}

const clean = (x: number): number => Math.round(x * 1e9) / 1e9;

function unitOf(
  procedure: string,
  grade: number | null,
  subject: string,
  variant: string | null,
  classLabel: string | null = null,
): ObjectivityUnit {
  return { procedure, grade, subject, variant, classLabel };
}

function unitKeyOf(year: number, u: ObjectivityUnit, withClass: boolean): string {
  return [year, u.procedure, u.grade ?? "", u.subject, u.variant ?? "", withClass ? (u.classLabel ?? "") : ""].join(
    "\u0001",
  );
}

/** «2025 · ВПР · 5 кл. · математика (5А)». */
export function objectivityUnitLabel(year: number, u: ObjectivityUnit): string {
  const parts = [String(year), u.procedure];
  if (u.grade !== null) parts.push(gradeLabel(u.grade));
  parts.push(formatSubject(u.subject, u.variant));
  return `${parts.join(" · ")}${u.classLabel ? ` (${u.classLabel})` : ""}`;
}

/**
 * Spearman's rho of ВПР marks against journal marks from the 4×4 pair matrix, ties by mid-ranks (the Pearson
 * correlation of the mid-ranks). Null with fewer than two pupils or when either mark does not vary.
 */
export function spearmanFromPairs(pairs: MarkPairs): number | null {
  const rowN = [0, 0, 0, 0];
  const colN = [0, 0, 0, 0];
  let n = 0;
  for (let v = 0; v < 4; v++) {
    for (let j = 0; j < 4; j++) {
      const c = pairs[v][j];
      rowN[v] += c;
      colN[j] += c;
      n += c;
    }
  }
  if (n < 2) return null;
  const midRanks = (counts: number[]): number[] => {
    const out = [0, 0, 0, 0];
    let below = 0;
    for (let k = 0; k < 4; k++) {
      out[k] = below + (counts[k] + 1) / 2;
      below += counts[k];
    }
    return out;
  };
  const rx = midRanks(rowN);
  const ry = midRanks(colN);
  const mean = (n + 1) / 2;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let k = 0; k < 4; k++) {
    sxx += rowN[k] * (rx[k] - mean) ** 2;
    syy += colN[k] * (ry[k] - mean) ** 2;
  }
  for (let v = 0; v < 4; v++) for (let j = 0; j < 4; j++) sxy += pairs[v][j] * (rx[v] - mean) * (ry[j] - mean);
  if (sxx <= 0 || syy <= 0) return null;
  return clean(sxy / Math.sqrt(sxx * syy));
}

/** Lower / equal / higher shares (percent) of a pair matrix: ВПР mark below, equal to, above the journal mark. */
export function pairShares(pairs: MarkPairs): { lower: number; confirmed: number; higher: number; n: number } {
  let lower = 0;
  let same = 0;
  let higher = 0;
  for (let v = 0; v < 4; v++) {
    for (let j = 0; j < 4; j++) {
      if (v < j) lower += pairs[v][j];
      else if (v === j) same += pairs[v][j];
      else higher += pairs[v][j];
    }
  }
  const n = lower + same + higher;
  const pct = (x: number) => (n > 0 ? clean((x / n) * 100) : 0);
  return { lower: pct(lower), confirmed: pct(same), higher: pct(higher), n };
}

/** Unit facts of Y and Y−1 with marks (R-OBJ-2, R-OBJ-3 need the quality share; others are not kept). */
export function unitFacts(units: readonly Unit[], year: number): UnitFacts[] {
  const out: UnitFacts[] = [];
  for (const u of units) {
    if (u.year !== year && u.year !== year - 1) continue;
    const m = u.marks;
    if (!m) continue;
    out.push({
      year: u.year,
      procedure: u.procedure,
      grade: u.grade,
      subject: u.subject,
      variant: u.variant,
      participants: u.participants,
      failed: u.failed,
      good: m.m4 + m.m5,
      marked: m.m2 + m.m3 + m.m4 + m.m5,
    });
  }
  return out;
}

type Counted = (r: { subject: string; procedure: string }) => boolean;

/**
 * Journal facts and means of one school: protocol pairs (summed over the classes of a unit) win over the journal
 * register, which wins over the results' own Понизили/Подтвердили/Повысили columns, per unit of Y and Y−1.
 */
export function schoolObjectivityFacts(
  units: readonly Unit[],
  results: readonly ResultRecord[],
  journal: readonly JournalRecord[],
  protocol: readonly ProtocolUnit[],
  year: number,
  counted: Counted,
): ObjectivityFacts {
  const inWindow = (y: number | null): y is number => y === year || y === year - 1;
  const journalOut: JournalFacts[] = [];
  const covered = new Set<string>();

  // Protocols: pairs per school unit (classes summed), primary scores per unit.
  const pairsByUnit = new Map<string, { unit: ObjectivityUnit; year: number; pairs: MarkPairs }>();
  const primaryByUnit = new Map<string, { unit: ObjectivityUnit; year: number; n: number; sum: number; ss: number }>();
  for (const p of protocol) {
    if (!inWindow(p.year) || !counted(p)) continue;
    const unit = unitOf(p.procedure, p.grade, p.subject, p.variant);
    const k = unitKeyOf(p.year, unit, false);
    if (p.pairs) {
      let e = pairsByUnit.get(k);
      if (!e)
        pairsByUnit.set(
          k,
          (e = {
            unit,
            year: p.year,
            pairs: [
              [0, 0, 0, 0],
              [0, 0, 0, 0],
              [0, 0, 0, 0],
              [0, 0, 0, 0],
            ],
          }),
        );
      for (let v = 0; v < 4; v++) for (let j = 0; j < 4; j++) e.pairs[v][j] += p.pairs[v][j];
    }
    const n = p.primaryCount ?? 0;
    if (p.meanPrimary !== null && n >= 2 && p.sdPrimary !== null && p.sdPrimary !== undefined) {
      let e = primaryByUnit.get(k);
      if (!e) primaryByUnit.set(k, (e = { unit, year: p.year, n: 0, sum: 0, ss: 0 }));
      // Pooling groups exactly: Σx = n·mean, Σ(x − x̄)² = (n − 1)·sd² + n·mean² adjusted at the end.
      e.ss += (n - 1) * p.sdPrimary ** 2 + n * p.meanPrimary ** 2;
      e.sum += n * p.meanPrimary;
      e.n += n;
    }
  }
  for (const [k, e] of pairsByUnit) {
    const s = pairShares(e.pairs);
    if (s.n === 0) continue;
    covered.add(k);
    journalOut.push({ unit: e.unit, year: e.year, ...s, rho: spearmanFromPairs(e.pairs), from: "protocol" });
  }

  // The journal register (ФИС ОКО «Сравнение отметок с отметками по журналу»).
  for (const j of journal) {
    if (!inWindow(j.year) || j.procedure.toUpperCase() !== "ВПР") continue;
    if (j.subject !== null && !counted({ subject: j.subject, procedure: j.procedure })) continue;
    const unit = unitOf(j.procedure, j.grade, j.subject ?? "все предметы", null);
    const k = unitKeyOf(j.year, unit, false);
    if (covered.has(k)) continue;
    covered.add(k);
    journalOut.push({
      unit,
      year: j.year,
      lower: j.shares.lower,
      confirmed: j.shares.confirmed,
      higher: j.shares.higher,
      n: j.counts?.total ?? null,
      rho: null,
      from: "journal",
    });
  }

  // The results' own columns: per unit, weighted by participants.
  const fromResults = new Map<
    string,
    { unit: ObjectivityUnit; year: number; w: number; lower: number; confirmed: number; higher: number }
  >();
  for (const r of results) {
    if (!r.journal || !inWindow(r.year) || r.procedure !== "ВПР" || !counted(r) || r.participants <= 0) continue;
    const unit = unitOf(r.procedure, r.grade, r.subject, r.variant);
    const k = unitKeyOf(r.year, unit, false);
    if (covered.has(k)) continue;
    let e = fromResults.get(k);
    if (!e) fromResults.set(k, (e = { unit, year: r.year, w: 0, lower: 0, confirmed: 0, higher: 0 }));
    e.w += r.participants;
    e.lower += r.journal.lower * r.participants;
    e.confirmed += r.journal.confirmed * r.participants;
    e.higher += r.journal.higher * r.participants;
  }
  for (const e of fromResults.values()) {
    journalOut.push({
      unit: e.unit,
      year: e.year,
      lower: clean(e.lower / e.w),
      confirmed: clean(e.confirmed / e.w),
      higher: clean(e.higher / e.w),
      n: e.w,
      rho: null,
      from: "results",
    });
  }

  // Means: per-pupil primary scores (own sd), ЕГЭ «средний балл» (assumed sd).
  const means: MeanFacts[] = [];
  for (const e of primaryByUnit.values()) {
    const mean = e.sum / e.n;
    const ss = Math.max(0, e.ss - e.n * mean * mean);
    means.push({
      unit: e.unit,
      year: e.year,
      n: e.n,
      mean: clean(mean),
      sd: Math.sqrt(ss / (e.n - 1)),
      ss,
      scale: "primary",
    });
  }
  const ege = new Map<string, { unit: ObjectivityUnit; year: number; n: number; sum: number }>();
  for (const r of results) {
    if (r.procedure !== "ЕГЭ" || !inWindow(r.year) || !counted(r)) continue;
    if (r.average === null || r.average === undefined || !Number.isFinite(r.average) || r.participants <= 0) continue;
    const unit = unitOf(r.procedure, r.grade, r.subject, r.variant);
    const k = unitKeyOf(r.year, unit, false);
    let e = ege.get(k);
    if (!e) ege.set(k, (e = { unit, year: r.year, n: 0, sum: 0 }));
    e.n += r.participants;
    e.sum += r.average * r.participants;
  }
  for (const e of ege.values())
    means.push({ unit: e.unit, year: e.year, n: e.n, mean: clean(e.sum / e.n), sd: null, ss: null, scale: "ЕГЭ" });

  return { units: unitFacts(units, year), journal: journalOut, means };
}

/** One school as R-OBJ sees it: its facts and its group (municipality key, null for the whole register). */
export interface ObjectivitySchool {
  key: string;
  group: string | null;
  facts: ObjectivityFacts;
}

const pp = (x: number) => `${formatNumber(x, 1)} п.п.`;
const pct = (x: number) => `${formatNumber(x, 1)} %`;
const num = (x: number, d = 1) => formatNumber(x, d);

function sign(
  id: ObjectivitySign["sign"],
  test: ObjectivityTest,
  year: number,
  unit: ObjectivityUnit,
  values: Record<string, number>,
  text: string,
): ObjectivitySign {
  return { sign: id, test, year, unit, values, text };
}

/** R-OBJ-1 of one journal fact. */
function journalSigns(j: JournalFacts, settings: Settings): ObjectivitySign[] {
  const o = settings.obj;
  const out: ObjectivitySign[] = [];
  if (j.n !== null && j.n < o.minPupils) return out;
  const label = objectivityUnitLabel(j.year, j.unit);
  const of = j.n !== null ? `, сравнено ${j.n} уч.` : "";
  const values = { lower: j.lower, confirmed: j.confirmed, higher: j.higher, ...(j.n !== null ? { pupils: j.n } : {}) };
  const what = j.from === "protocol" ? "отметка ВПР совпала с отметкой по журналу" : "подтвердили отметку по журналу";
  if (j.confirmed < o.confirmedBelow) {
    out.push(
      sign(
        "R-OBJ-1",
        "confirmed",
        j.year,
        j.unit,
        values,
        `${label}: ${what} у ${pct(j.confirmed)} (меньше ${pct(o.confirmedBelow)}${of})`,
      ),
    );
  }
  if (j.lower >= o.lowerAtLeast) {
    out.push(
      sign(
        "R-OBJ-1",
        "lower",
        j.year,
        j.unit,
        values,
        `${label}: понизили отметку по журналу ${pct(j.lower)} (не меньше ${pct(o.lowerAtLeast)}) — отметки по журналу завышены${of}`,
      ),
    );
  }
  if (j.rho !== null && j.rho < o.rhoBelow && (j.n ?? 0) >= o.minPupils) {
    out.push(
      sign(
        "R-OBJ-1",
        "rho",
        j.year,
        j.unit,
        { ...values, rho: j.rho },
        `${label}: отметки ВПР не согласуются с отметками по журналу — коэффициент Спирмена ${num(j.rho, 2)} ` +
          `(меньше ${num(o.rhoBelow, 2)}), совпали ${pct(j.confirmed)}${of}`,
      ),
    );
  }
  return out;
}

const groupUnitKey = (group: string | null, u: UnitFacts) =>
  [group ?? "", u.year, u.procedure, u.grade ?? "", u.subject, u.variant ?? ""].join("\u0001");

/**
 * R-OBJ signs of Y and Y−1 for every school (key → signs) and what each school lacked data for (key → notes).
 * `schools` carries each school's group (its municipality) and facts.
 */
export function objectivitySigns(
  schools: readonly ObjectivitySchool[],
  year: number,
  settings: Settings,
): { signs: Map<string, ObjectivitySign[]>; checked: Map<string, boolean> } {
  const o = settings.obj;
  // Municipal quality per (group, year, procedure, grade, subject, variant) over units with marks (R-OBJ-2).
  const quality = new Map<string, { good: number; marked: number; schools: number }>();
  for (const s of schools) {
    for (const u of s.facts.units) {
      if (u.good === null || !u.marked) continue;
      const k = groupUnitKey(s.group, u);
      const e = quality.get(k) ?? { good: 0, marked: 0, schools: 0 };
      e.good += u.good;
      e.marked += u.marked;
      e.schools++;
      quality.set(k, e);
    }
  }
  // Regional pools of means per (year, unit, scale) (R-OBJ-4): the whole register.
  const region = new Map<string, { n: number; sum: number; ss: number }>();
  for (const s of schools) {
    for (const m of s.facts.means) {
      const k = [m.scale, unitKeyOf(m.year, m.unit, false)].join("\u0002");
      const e = region.get(k) ?? { n: 0, sum: 0, ss: 0 };
      e.n += m.n;
      e.sum += m.n * m.mean;
      if (m.ss !== null) e.ss += m.ss + m.n * m.mean * m.mean;
      region.set(k, e);
    }
  }

  const signs = new Map<string, ObjectivitySign[]>();
  const checked = new Map<string, boolean>();
  for (const s of schools) {
    const out: ObjectivitySign[] = [];
    let any = false;
    for (const j of s.facts.journal) {
      // A unit with fewer pupils than the setting is not judged (nor counted as checked).
      if (j.n !== null && j.n < o.minPupils) continue;
      any = true;
      for (const x of journalSigns(j, settings)) out.push(x);
    }
    // R-OBJ-2 (units of at least minPupils marked pupils).
    for (const u of s.facts.units) {
      if (u.good === null || !u.marked || u.marked < o.minPupils) continue;
      const e = quality.get(groupUnitKey(s.group, u));
      if (!e || e.schools < 2) continue;
      any = true;
      if (u.failed !== 0) continue;
      const q = (u.good / u.marked) * 100;
      const qm = (e.good / e.marked) * 100;
      const excess = clean(q - qm);
      if (excess >= o.qualityExcess) {
        const unit = unitOf(u.procedure, u.grade, u.subject, u.variant);
        out.push(
          sign(
            "R-OBJ-2",
            "high",
            u.year,
            unit,
            { quality: clean(q), municipalQuality: clean(qm), excess, failed: 0, participants: u.participants },
            `${objectivityUnitLabel(u.year, unit)}: нет «2», качество ${pct(q)} — выше муниципального ${pct(qm)} ` +
              `на ${pp(excess)} (не меньше ${pp(o.qualityExcess)})`,
          ),
        );
      }
    }
    // R-OBJ-3: grade 4 of Y−1 against grade 5 of Y.
    for (const g4 of s.facts.units) {
      if (g4.procedure !== "ВПР" || g4.grade !== 4 || g4.year !== year - 1 || g4.good === null) continue;
      if (!g4.marked || g4.marked < o.minPupils) continue;
      const g5 = s.facts.units.find(
        (u) =>
          u.procedure === "ВПР" &&
          u.grade === 5 &&
          u.year === year &&
          u.subject === g4.subject &&
          u.variant === g4.variant &&
          u.good !== null &&
          !!u.marked &&
          u.marked >= o.minPupils,
      );
      if (!g5) continue;
      any = true;
      const q4 = (g4.good / g4.marked) * 100;
      const q5 = (g5.good! / g5.marked!) * 100;
      const drop = clean(q4 - q5);
      if (drop >= o.cohortDrop) {
        const unit = unitOf("ВПР", 4, g4.subject, g4.variant);
        out.push(
          sign(
            "R-OBJ-3",
            "cohort",
            g4.year,
            unit,
            { quality4: clean(q4), quality5: clean(q5), drop },
            `ВПР · ${formatSubject(g4.subject, g4.variant)}: качество в 4 кл. (${g4.year}) ${pct(q4)}, ` +
              `у тех же детей в 5 кл. (${year}) ${pct(q5)} — падение на ${pp(drop)} (не меньше ${pp(o.cohortDrop)}); ` +
              `результат 4 класса под сомнением`,
          ),
        );
      }
    }
    // R-OBJ-4: the school mean's 95 % interval wholly above the region's.
    for (const m of s.facts.means) {
      const sd = m.scale === "ЕГЭ" ? o.egeScoreSd : m.sd;
      if (sd === null || !(sd > 0) || m.n < o.minPupils) continue;
      const r = region.get([m.scale, unitKeyOf(m.year, m.unit, false)].join("\u0002"));
      if (!r || r.n <= m.n) continue;
      any = true;
      const rMean = r.sum / r.n;
      const rSd = m.scale === "ЕГЭ" ? sd : Math.sqrt(Math.max(0, r.ss - r.n * rMean * rMean) / (r.n - 1));
      const low = m.mean - (Z95 * sd) / Math.sqrt(m.n);
      const high = m.mean + (Z95 * sd) / Math.sqrt(m.n);
      const rLow = rMean - (Z95 * rSd) / Math.sqrt(r.n);
      const rHigh = rMean + (Z95 * rSd) / Math.sqrt(r.n);
      if (low > rHigh) {
        const assumed = m.scale === "ЕГЭ" ? `; ст. отклонение баллов ${num(sd)} — допущение настройки` : "";
        const what = m.scale === "ЕГЭ" ? "средний балл" : "средний первичный балл";
        out.push(
          sign(
            "R-OBJ-4",
            "mean",
            m.year,
            m.unit,
            {
              mean: m.mean,
              low: clean(low),
              high: clean(high),
              regionMean: clean(rMean),
              regionLow: clean(rLow),
              regionHigh: clean(rHigh),
              sd: clean(sd),
              pupils: m.n,
            },
            `${objectivityUnitLabel(m.year, m.unit)}: ${what} ${num(m.mean)} (${m.n} уч.), 95 % интервал ` +
              `${num(low)}–${num(high)} целиком выше регионального ${num(rLow)}–${num(rHigh)} (среднее ${num(rMean)})${assumed}`,
          ),
        );
      }
    }
    out.sort((a, b) => b.year - a.year || a.sign.localeCompare(b.sign) || a.text.localeCompare(b.text, "ru"));
    signs.set(s.key, out);
    checked.set(s.key, any);
  }
  return { signs, checked };
}
