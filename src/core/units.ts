/**
 * R-UNIT: results of one (school, year, procedure, grade, subject, variant) summed into a unit.
 * Filters by the subjects and procedures of the settings (SPEC §8).
 */
import { memoizeString } from "./memo";
import type { Settings } from "./settings";
import type { MarkCounts, Procedure, ResultRecord, Unit } from "./types";

/** Federal procedures, always counted (SPEC §1). */
export const FEDERAL_PROCEDURES: readonly string[] = ["ВПР", "ОГЭ", "ЕГЭ"];

/** Lower case, ё→е, spaces collapsed — for comparing subjects and procedures. */
function normalizeTextUncached(s: string): string {
  return s.toLowerCase().replace(/ё/g, "е").replace(/\s+/g, " ").trim();
}

/** «ВПР», «ОГЭ», «ЕГЭ» whatever the case/spaces; other names unchanged (trimmed). */
function normalizeProcedureUncached(p: Procedure): Procedure {
  const up = p.trim().toUpperCase();
  return FEDERAL_PROCEDURES.includes(up) ? up : p.trim();
}

export function isFederalProcedure(p: Procedure): boolean {
  // normalizeProcedure gives the upper-case federal name exactly when the trimmed, upper-cased name is federal.
  return FEDERAL_PROCEDURES.includes(normalizeProcedure(p));
}

/**
 * Whether a subject counts under settings.subjects: equal after normalisation, or a counted subject followed by a
 * level («математика (базовая)», «математика профильная» count as mathematics).
 */
export function subjectCounts(subject: string, settings: Pick<Settings, "subjects">): boolean {
  // Asked once per row: answered from a small cache per subjects list (register subjects repeat).
  let cache = subjectCache.get(settings.subjects);
  if (!cache) {
    cache = new Map<string, boolean>();
    subjectCache.set(settings.subjects, cache);
  }
  const hit = cache.get(subject);
  if (hit !== undefined) return hit;
  const s = normalizeText(subject);
  const yes = settings.subjects.some((wanted) => {
    const w = normalizeText(wanted);
    return s === w || s.startsWith(`${w} `) || s.startsWith(`${w}(`);
  });
  if (cache.size < 10_000) cache.set(subject, yes);
  return yes;
}

/** subjectCounts answers by subjects list (the settings' array is not changed once parsed). */
const subjectCache = new WeakMap<readonly string[], Map<string, boolean>>();

/** Whether a procedure counts: ВПР/ОГЭ/ЕГЭ always, others only with includeRegional. */
export function procedureCounts(procedure: Procedure, settings: Pick<Settings, "includeRegional">): boolean {
  return isFederalProcedure(procedure) || (settings.includeRegional && procedure.trim() !== "");
}

/** A record R-UNIT can sum: finite whole counts ≥ 0, failed ≤ participants. Others are left out (and reported). */
export function isUsableResult(r: ResultRecord): boolean {
  // Asked for every row of a national register: no closure or array per call.
  if (!isCount(r.participants) || !isCount(r.failed) || r.failed > r.participants) return false;
  if (!Number.isFinite(r.year)) return false;
  const m = r.marks;
  if (m && !(isCount(m.m2) && isCount(m.m3) && isCount(m.m4) && isCount(m.m5))) return false;
  return true;
}

/** A finite number ≥ 0. */
function isCount(n: number): boolean {
  return Number.isFinite(n) && n >= 0;
}

/** Whether a record counts under the settings (subject, procedure, usable values). */
export function isRelevantResult(r: ResultRecord, settings: Settings): boolean {
  return isUsableResult(r) && subjectCounts(r.subject, settings) && procedureCounts(r.procedure, settings);
}

/** Records that count under the settings (subject, procedure, usable values). */
export function relevantResults(results: ResultRecord[], settings: Settings): ResultRecord[] {
  return results.filter((r) => isRelevantResult(r, settings));
}

function procedureRank(p: Procedure): number {
  const i = FEDERAL_PROCEDURES.indexOf(p);
  return i === -1 ? FEDERAL_PROCEDURES.length : i;
}

const collator = new Intl.Collator("ru", { numeric: true, sensitivity: "base" });

/** Stable order: year, procedure (ВПР, ОГЭ, ЕГЭ, others), grade, subject, variant, school. */
export function compareUnits(a: Unit, b: Unit): number {
  return (
    a.year - b.year ||
    procedureRank(a.procedure) - procedureRank(b.procedure) ||
    compareText(a.procedure, b.procedure) ||
    (a.grade ?? 99) - (b.grade ?? 99) ||
    compareText(a.subject, b.subject) ||
    compareText(a.variant ?? "", b.variant ?? "") ||
    compareText(a.schoolKey, b.schoolKey) ||
    compareText(a.classes.join(","), b.classes.join(","))
  );
}

/** Russian collation, with the (very common) equal strings answered without the collator. */
function compareText(a: string, b: string): number {
  return a === b ? 0 : collator.compare(a, b);
}

/**
 * The Russian collation of a set of strings, done once: each string gets a rank (strings the collator finds equal
 * share one), so that units are then sorted by numbers — the order of compareUnits without a collator call per
 * comparison. A string not seen before is ranked on first use (the table is rebuilt, rarely).
 */
export class TextRanks {
  private readonly ranks = new Map<string, number>();
  private readonly pending = new Set<string>();

  /** Add strings to rank (before sorting, so that the table is built once). */
  add(s: string): void {
    if (!this.ranks.has(s)) this.pending.add(s);
  }

  rank(s: string): number {
    let r = this.ranks.get(s);
    if (r === undefined) {
      this.pending.add(s);
      this.build();
      r = this.ranks.get(s)!;
    }
    return r;
  }

  /** Rank everything added so far. */
  build(): void {
    if (this.pending.size === 0) return;
    const all = [...this.ranks.keys()];
    for (const s of this.pending) all.push(s);
    this.pending.clear();
    all.sort(collator.compare);
    this.ranks.clear();
    let r = 0;
    for (let i = 0; i < all.length; i++) {
      if (i > 0 && collator.compare(all[i - 1], all[i]) !== 0) r++;
      this.ranks.set(all[i], r);
    }
  }
}

/** The texts of a record that its unit is ordered by (collated once, before sorting). */
export function addRecordTexts(r: ResultRecord, ranks: TextRanks): void {
  ranks.add(normalizeProcedure(r.procedure));
  ranks.add(r.subject);
  ranks.add(r.variant ?? "");
}

/**
 * Sort units in the order of compareUnits using ranks (the collator ran once per distinct text; texts not added
 * before are ranked on first use). `withSchool` false when all units are of one school (the school key then never
 * decides). The class labels decide only between units equal in everything else: compared directly.
 */
export function sortUnits(units: Unit[], ranks: TextRanks, withSchool = true): Unit[] {
  if (units.length < 2) return units;
  for (const u of units) {
    ranks.add(u.procedure);
    ranks.add(u.subject);
    ranks.add(u.variant ?? "");
    if (withSchool) ranks.add(u.schoolKey);
  }
  ranks.build();
  const n = units.length;
  // The 7 sort keys of unit i at keys[7 i … 7 i + 6]: one flat array, not an array per unit.
  const keys = new Float64Array(n * 7);
  const order: number[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const u = units[i];
    const at = i * 7;
    keys[at] = u.year;
    keys[at + 1] = procedureRank(u.procedure);
    keys[at + 2] = ranks.rank(u.procedure);
    keys[at + 3] = u.grade ?? 99;
    keys[at + 4] = ranks.rank(u.subject);
    keys[at + 5] = ranks.rank(u.variant ?? "");
    keys[at + 6] = withSchool ? ranks.rank(u.schoolKey) : 0;
    order[i] = i;
  }
  order.sort((x, y) => {
    const a = x * 7;
    const b = y * 7;
    for (let k = 0; k < 7; k++) if (keys[a + k] !== keys[b + k]) return keys[a + k] - keys[b + k];
    return compareText(units[x].classes.join(","), units[y].classes.join(",")) || x - y;
  });
  const sorted = order.map((i) => units[i]);
  for (let i = 0; i < n; i++) units[i] = sorted[i];
  return units;
}

/** Same procedure, grade, subject and variant (a missing variant and an empty one are the same work). */
function sameWork(a: Unit, b: Unit): boolean {
  return (
    a.procedure === b.procedure &&
    (a.grade === b.grade || Object.is(a.grade, b.grade)) &&
    a.subject === b.subject &&
    (a.variant ?? "") === (b.variant ?? "")
  );
}

/**
 * Small numbers for the works (procedure, grade, subject, variant) of one school's units, to compare units across
 * years: `numbers[i]` is the number of `units[i]`, equal exactly when the work is the same, numbered 0, 1, 2… in the
 * order works first appear. No key string per unit (a national register has millions of units); units are looked up
 * by subject, the few works of one subject compared directly.
 */
export function workNumbers(units: readonly Unit[]): number[] {
  const numbers: number[] = new Array(units.length);
  const bySubject = new Map<string, number[]>();
  let next = 0;
  for (let i = 0; i < units.length; i++) {
    const u = units[i];
    let same = bySubject.get(u.subject);
    if (!same) bySubject.set(u.subject, (same = []));
    let n = -1;
    for (const j of same) {
      if (sameWork(units[j], u)) {
        n = numbers[j];
        break;
      }
    }
    if (n < 0) {
      n = next++;
      same.push(i);
    }
    numbers[i] = n;
  }
  return numbers;
}

/** Key of the unit a record belongs to (R-UNIT), optionally per class (R-MARK). */
export function unitKey(r: ResultRecord, perClass = false): string {
  return `${r.schoolKey}\u0001${schoolUnitKey(r, perClass)}`;
}

/** unitKey without the school: the key of a unit among the units of one school. */
function schoolUnitKey(r: ResultRecord, perClass: boolean): string {
  const key = `${r.year}\u0001${normalizeProcedure(r.procedure)}\u0001${r.grade ?? ""}\u0001${normalizeText(
    r.subject,
  )}\u0001${normalizeText(r.variant ?? "")}`;
  return perClass ? `${key}\u0001${normalizeText(r.classLabel ?? "")}` : key;
}

interface Acc {
  unit: Unit;
  allMarks: boolean;
  marks: MarkCounts;
}

/** Sum records into units (unsorted), keyed by `key`; groups keep the order records first appear in. */
function sumUnits(records: Iterable<ResultRecord>, key: (r: ResultRecord) => string | number): Unit[] {
  const groups = new Map<string | number, Acc>();
  for (const r of records) {
    const k = key(r);
    let acc = groups.get(k);
    if (!acc) {
      acc = {
        unit: {
          schoolKey: r.schoolKey,
          year: r.year,
          procedure: normalizeProcedure(r.procedure),
          grade: r.grade,
          subject: r.subject,
          variant: r.variant,
          participants: 0,
          failed: 0,
          share: null,
          marks: null,
          classes: [],
          sources: [],
        },
        allMarks: true,
        marks: { m2: 0, m3: 0, m4: 0, m5: 0 },
      };
      groups.set(k, acc);
    }
    const u = acc.unit;
    u.participants += r.participants;
    u.failed += r.failed;
    if (r.marks) {
      acc.marks.m2 += r.marks.m2;
      acc.marks.m3 += r.marks.m3;
      acc.marks.m4 += r.marks.m4;
      acc.marks.m5 += r.marks.m5;
    } else {
      acc.allMarks = false;
    }
    if (r.classLabel && !u.classes.includes(r.classLabel)) u.classes.push(r.classLabel);
    u.sources.push(r.source);
  }
  const units: Unit[] = [];
  for (const acc of groups.values()) {
    const u = acc.unit;
    u.share = u.participants > 0 ? u.failed / u.participants : null;
    u.marks = acc.allMarks ? acc.marks : null;
    if (u.classes.length > 1) u.classes.sort(collator.compare);
    units.push(u);
  }
  return units;
}

function hasClassLabel(r: ResultRecord): boolean {
  return r.classLabel !== null && r.classLabel.trim() !== "";
}

/** R-UNIT: relevant results grouped by (school, year, procedure, grade, subject, variant) and summed. */
export function buildUnits(results: ResultRecord[], settings: Settings, ranks = new TextRanks()): Unit[] {
  return sortUnits(
    sumUnits(relevantResults(results, settings), (r) => unitKey(r, false)),
    ranks,
  );
}

/** R-MARK input: the same units but one per class label; rows without a class label are left out. */
export function classUnits(results: ResultRecord[], settings: Settings, ranks = new TextRanks()): Unit[] {
  return sortUnits(
    sumUnits(relevantResults(results, settings).filter(hasClassLabel), (r) => unitKey(r, true)),
    ranks,
  );
}

/** The units of one school (R-UNIT) and its per-class units (R-MARK input), each unsorted. */
export interface SchoolUnits {
  units: Unit[];
  classUnits: Unit[];
}

/**
 * R-UNIT for the rows of one school (all its records; the relevant ones are taken here): units and per-class units,
 * unsorted — sort them with sortUnits(…, ranks, false). Built school by school, keys never carry the school.
 */
export function schoolUnits(rows: ResultRecord[], settings: Settings, keys = new UnitKeys()): SchoolUnits {
  const relevant: ResultRecord[] = [];
  let withClass = 0;
  keys.startSchool();
  for (const r of rows) {
    if (!isRelevantResult(r, settings)) continue;
    relevant.push(r);
    if (hasClassLabel(r)) withClass++;
  }
  const units = sumUnits(relevant, (r) => keys.of(r, false));
  const perClass = withClass === 0 ? [] : sumUnits(relevant.filter(hasClassLabel), (r) => keys.of(r, true));
  return { units, classUnits: perClass };
}

/**
 * Unit keys within one school as numbers, for the millions of rows of a national register: the texts of a row
 * (procedure, subject, variant, class) are normalised once per distinct spelling and numbered, year and grade are
 * packed with that number — no key string per row. Equal keys exactly when schoolUnitKey's strings are equal
 * (rows with an unusual year or grade fall back to that string). One instance per assessment (its maps are bounded).
 */
export class UnitKeys {
  /** raw procedure → raw subject → raw variant → number of the normalised triple. */
  private readonly raw = new Map<string, Map<string, Map<string, number>>>();
  private readonly normalised = new Map<string, number>();
  private readonly rawClass = new Map<string, number>();
  private readonly normalisedClass = new Map<string, number>();

  private textId(r: ResultRecord): number {
    let bySubject = this.raw.get(r.procedure);
    if (!bySubject) {
      bySubject = new Map();
      this.raw.set(r.procedure, bySubject);
    }
    let byVariant = bySubject.get(r.subject);
    if (!byVariant) {
      byVariant = new Map();
      bySubject.set(r.subject, byVariant);
    }
    const v = r.variant ?? "";
    let id = byVariant.get(v);
    if (id === undefined) {
      const k = `${normalizeProcedure(r.procedure)}\u0001${normalizeText(r.subject)}\u0001${normalizeText(v)}`;
      id = this.normalised.get(k);
      if (id === undefined) {
        id = this.normalised.size;
        this.normalised.set(k, id);
      }
      byVariant.set(v, id);
    }
    return id;
  }

  private classId(label: string): number {
    let id = this.rawClass.get(label);
    if (id === undefined) {
      const k = normalizeText(label);
      id = this.normalisedClass.get(k);
      if (id === undefined) {
        id = this.normalisedClass.size;
        this.normalisedClass.set(k, id);
      }
      this.rawClass.set(label, id);
    }
    return id;
  }

  /** Called before each school: keys only need to agree within a school, so full maps are simply emptied here. */
  startSchool(): void {
    if (this.normalised.size > 250_000 || this.normalisedClass.size > 60_000) {
      this.raw.clear();
      this.normalised.clear();
      this.rawClass.clear();
      this.normalisedClass.clear();
    }
  }

  of(r: ResultRecord, perClass: boolean): string | number {
    const y = r.year;
    const g = r.grade;
    if (!(Number.isInteger(y) && y >= 0 && y < 4096) || !(g === null || (Number.isInteger(g) && g >= 0 && g < 127))) {
      return schoolUnitKey(r, perClass);
    }
    const base = (this.textId(r) * 4096 + y) * 128 + (g === null ? 127 : g);
    return perClass ? base * 65536 + this.classId(r.classLabel ?? "") : base;
  }
}
export const normalizeText = memoizeString(normalizeTextUncached);
export const normalizeProcedure = memoizeString(normalizeProcedureUncached);
