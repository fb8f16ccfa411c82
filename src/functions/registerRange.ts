/**
 * The «Результаты» register given to a custom function as a range (with its header row): parsed by the registers
 * module (the same code as the task pane and the CLI — no second parser), cached by the range's content, and
 * assessed by the engine (R-SHNOR, R-MARK, R-DYN, R-LIST), also cached. No domain rules here.
 */
import { assessSchools, buildUnits, shnorStatus } from "../core";
import type { AnnualList, SchoolAssessment } from "../core/list.types";
import type { Settings } from "../core/settings";
import type { ContextRecord, Grid, Problem, ResultRecord, Unit } from "../core/types";
import { parseResultsRange } from "../registers";
import { a1, parseA1 } from "../registers/address";
import { findLogin, normalizeCode, normalizeSchoolName } from "../registers/normalize";
import { parseRangeAddress, type RangePlace } from "./address";
import { toGrid } from "./args";
import { copyGrid, gridEquals, gridKey, LruCache } from "./cache";
import { invalidValue, notAvailable } from "./errors";
import { unreadSchoolMessage } from "./output";

interface ParsedRange {
  /** A copy of the parsed content: a key (hash) hit is confirmed against it, so a collision is never an answer. */
  values: Grid;
  results: ResultRecord[];
  /** Problems with cells relative to the range (A1 = its top-left cell). */
  problems: Problem[];
  headerFound: boolean;
  /** 0-based range rows of the data (below the header) and the 0-based columns naming the school. */
  dataFrom: number;
  schoolCols: number[];
  /** Assessments of this register by `${year}|${settings JSON}`. */
  lists: LruCache<string, AssessedRange>;
}

interface AssessedRange {
  list: AnnualList;
  /** normalised name → indexes into list.schools; code → index. */
  byName: Map<string, number[]>;
  byCode: Map<string, number>;
  /** Problems by school key (see problemsBySchool), built on first need. */
  unread?: Map<string, Problem[]>;
  /** R-SHNOR status per school (index into list.schools), by core's shnorStatus: true / false / null (cannot tell). */
  status: (boolean | null)[];
  /** School assessment → its index in list.schools. */
  positions: Map<SchoolAssessment, number>;
}

/** Registers kept parsed (distinct range contents). */
export const REGISTER_CAPACITY = 8;
/** Assessments kept per register (year × settings). */
export const LISTS_PER_REGISTER = 8;

const parsedCache = new LruCache<string, ParsedRange>(REGISTER_CAPACITY);
/**
 * The range parsed last on each sheet. 2,000 formulas over one range pass the same content each time: it is compared
 * with this one first — one pass, no hash, no copy — and only a changed range is hashed and looked up.
 */
const lastBySheet = new LruCache<string, ParsedRange>(REGISTER_CAPACITY);

/** Counters for tests and diagnostics: how often the register was really parsed / assessed. */
export const cacheStats = { parses: 0, assessments: 0, hits: 0, collisions: 0 };

export function resetCaches(): void {
  parsedCache.clear();
  lastBySheet.clear();
  cacheStats.parses = 0;
  cacheStats.assessments = 0;
  cacheStats.hits = 0;
  cacheStats.collisions = 0;
}

/**
 * Parse a range under its sheet's name (the sheet name is a context source for procedure/year/grade/subject, SPEC §2),
 * cached by sheet name + content: the key is a streaming hash of the cells (no string of the range is built) and a hit
 * is confirmed by an exact comparison with the cached content. Cells in records and problems are relative to the
 * range (A1 = its top-left cell).
 */
function parse(values: Grid, sheet: string): ParsedRange {
  const key = `${sheet}\u0000${gridKey(values)}`;
  const found = parsedCache.get(key);
  if (found) {
    if (gridEquals(found.values, values)) {
      cacheStats.hits++;
      return found;
    }
    cacheStats.collisions++;
  }
  cacheStats.parses++;
  const r = parseResultsRange(values, sheet);
  const parsed: ParsedRange = {
    values: copyGrid(values),
    results: r.results,
    problems: r.problems,
    headerFound: r.account.headerRow !== null,
    dataFrom: r.account.headerRow ?? values.length,
    schoolCols: r.account.mapping.filter((m) => m.field === "school" || m.field === "code").map((m) => m.col),
    lists: new LruCache<string, AssessedRange>(LISTS_PER_REGISTER),
  };
  parsedCache.set(key, parsed);
  return parsed;
}

/** The parsed register of a range as Excel passes it (raw values): the last one of its sheet when equal, else parse(). */
function parseRaw(raw: unknown[][], sheet: string): ParsedRange {
  const last = lastBySheet.get(sheet);
  // The cached content is clean (toGrid's output): a raw range equal to it cell for cell is that same content.
  if (last && gridEquals(last.values, raw as Grid)) {
    cacheStats.hits++;
    return last;
  }
  const parsed = parse(toGrid(raw), sheet);
  lastBySheet.set(sheet, parsed);
  return parsed;
}

/** A problem of the range moved to the cell the user sees (range-relative A1 + the range's origin). */
export function placeProblem(p: Problem, place: RangePlace): Problem {
  const at = parseA1(p.cell);
  const cell = at ? a1(at.row + place.origin.row, at.col + place.origin.col) : p.cell;
  return { ...p, cell };
}

function settingsKey(s: Settings): string {
  return JSON.stringify(s);
}

function index(list: AnnualList, results: ResultRecord[], settings: Settings): AssessedRange {
  const byName = new Map<string, number[]>();
  const byCode = new Map<string, number>();
  const pos = new Map<string, number>();
  list.schools.forEach((s, i) => pos.set(s.schoolKey, i));
  const addName = (name: string, i: number) => {
    const n = normalizeSchoolName(name);
    if (!n) return;
    const l = byName.get(n) ?? [];
    if (!l.includes(i)) l.push(i);
    byName.set(n, l);
  };
  list.schools.forEach((s, i) => {
    addName(s.school, i);
    if (s.code) byCode.set(normalizeCode(s.code), i);
  });
  for (const r of results) {
    const i = pos.get(r.schoolKey);
    if (i === undefined) continue;
    addName(r.school, i);
    if (r.code) byCode.set(normalizeCode(r.code), i);
  }
  const unitsBySchool = new Map<string, Unit[]>();
  for (const u of buildUnits(results, settings)) {
    const l = unitsBySchool.get(u.schoolKey);
    if (l) l.push(u);
    else unitsBySchool.set(u.schoolKey, [u]);
  }
  const status = list.schools.map((s) => shnorStatus(unitsBySchool.get(s.schoolKey) ?? [], list.year, settings));
  return { list, byName, byCode, status, positions: new Map(list.schools.map((s, i) => [s, i])) };
}

/** The keys a register cell (school name or code column) or a school asked for is known by: name, login, code. */
function schoolKeys(value: string): string[] {
  const keys: string[] = [];
  const login = findLogin(value);
  if (login) keys.push(`login:${login}`);
  const name = normalizeSchoolName(value);
  if (name) keys.push(`name:${name}`);
  const code = normalizeCode(value);
  if (code) keys.push(`code:${code}`);
  return keys;
}

/**
 * Problems (range-relative cells) by the school their row names, built once per assessment from the few rows that
 * have problems — never a scan of the range per call.
 */
function problemsBySchool(parsed: ParsedRange, problems: Problem[]): Map<string, Problem[]> {
  const bySchool = new Map<string, Problem[]>();
  for (const p of problems) {
    const at = parseA1(p.cell);
    if (at === null || at.row < parsed.dataFrom || at.row >= parsed.values.length) continue;
    const row = parsed.values[at.row];
    const keys = new Set<string>();
    for (const c of parsed.schoolCols) {
      const v = row[c];
      if (typeof v === "string" || typeof v === "number") for (const k of schoolKeys(String(v))) keys.add(k);
    }
    for (const k of keys) {
      const l = bySchool.get(k);
      if (l) l.push(p);
      else bySchool.set(k, [p]);
    }
  }
  return bySchool;
}

export interface RangeList {
  list: AnnualList;
  place: RangePlace;
  /** Every problem of the range and of the list, naming the user's sheet and cells. */
  problems: Problem[];
  find(school: string): SchoolAssessment;
  /** The school's assessment, its R-SHNOR status (core's shnorStatus) and the problems of its rows (user's cells). */
  lookup(school: string): SchoolLookup;
  /** R-SHNOR status of a school of `list`: true / false / null when the data cannot tell. */
  statusOf(s: SchoolAssessment): boolean | null;
}

export interface SchoolLookup {
  assessment: SchoolAssessment;
  status: boolean | null;
  /** Unreadable values in the rows naming this school, cells as the user sees them (looked up on demand). */
  unread(): Problem[];
}

/**
 * Parse (cached) and assess (cached) a results register range for list year `year`.
 * A range without a recognisable header row → #VALUE! naming the columns expected.
 */
export function assessRange(
  values: unknown[][],
  address: string | null,
  year: number,
  settings: Settings,
  /** Other registers the assessment also reads (SHNOR.STATUS: the social passport), with a key of their content. */
  extra?: { key: string; context?: ContextRecord[] },
): RangeList {
  if (!Array.isArray(values) || values.length < 2) {
    throw invalidValue("реестр: нужен диапазон с заголовками столбцов и хотя бы одной строкой данных");
  }
  const place = parseRangeAddress(address);
  const parsed = parseRaw(values, place.sheet);
  if (!parsed.headerFound) {
    throw invalidValue(
      "реестр: не найдена строка заголовков «Результатов» (нужны столбцы Школа, Учебный год, Процедура, Предмет, " +
        "Участники и Не справились или Доля не справившихся, или отметки «2»–«5»). Выделите диапазон вместе с заголовками.",
    );
  }
  const lkey = `${year}|${settingsKey(settings)}|${extra?.key ?? ""}`;
  let assessed = parsed.lists.get(lkey);
  if (!assessed) {
    cacheStats.assessments++;
    const list = assessSchools(
      {
        results: parsed.results,
        schools: [],
        problems: parsed.problems,
        ...(extra?.context ? { context: extra.context } : {}),
      },
      year,
      settings,
    );
    assessed = index(list, parsed.results, settings);
    parsed.lists.set(lkey, assessed);
  }
  const { list, byName, byCode, status, positions } = assessed;
  const schoolProblems = (school: string): Problem[] => {
    const index = (assessed.unread ??= problemsBySchool(parsed, list.problems));
    for (const k of schoolKeys(school)) {
      const found = index.get(k);
      if (found) return found.map((p) => placeProblem(p, place));
    }
    return [];
  };
  const findIndex = (school: string): number => {
    const login = findLogin(school);
    const code = byCode.get(normalizeCode(login ?? school));
    if (code !== undefined) return code;
    const hits = byName.get(normalizeSchoolName(school)) ?? [];
    if (hits.length === 1) return hits[0];
    if (hits.length > 1) {
      const codes = hits.map((i) => list.schools[i].code ?? "без кода").join(", ");
      throw invalidValue(`школа «${school}»: несколько школ с таким названием (${codes}) — укажите код ОО`);
    }
    const unread = schoolProblems(school);
    // Named in the register, but none of its rows could be read: say which cells, not «not found».
    if (unread.length > 0) throw invalidValue(unreadSchoolMessage(school, unread));
    throw notAvailable(`школа «${school}» не найдена в реестре`);
  };
  let placed: Problem[] | null = null;
  return {
    list,
    place,
    // Placed on first use: a call about one school never maps the problems of the whole range.
    get problems() {
      return (placed ??= list.problems.map((p) => placeProblem(p, place)));
    },
    find: (school) => list.schools[findIndex(school)],
    lookup(school: string): SchoolLookup {
      const i = findIndex(school);
      return { assessment: list.schools[i], status: status[i], unread: () => schoolProblems(school) };
    },
    statusOf: (s) => status[positions.get(s) ?? -1] ?? null,
  };
}
