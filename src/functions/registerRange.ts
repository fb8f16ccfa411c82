/**
 * The «Результаты» register given to a custom function as a range (with its header row): parsed by the registers
 * module (the same code as the task pane and the CLI — no second parser), cached by the range's content, and
 * assessed by the engine (R-SHNOR, R-MARK, R-DYN, R-LIST), also cached. No domain rules here.
 */
import { assessSchools } from "../core";
import type { AnnualList, SchoolAssessment } from "../core/list.types";
import type { Settings } from "../core/settings";
import type { Grid, Problem, ResultRecord } from "../core/types";
import { parseResultsRange } from "../registers";
import { a1, parseA1 } from "../registers/address";
import { findLogin, normalizeCode, normalizeSchoolName } from "../registers/normalize";
import { parseRangeAddress, type RangePlace } from "./address";
import { gridKey, LruCache } from "./cache";
import { invalidValue, notAvailable } from "./errors";

interface ParsedRange {
  results: ResultRecord[];
  /** Problems with cells relative to the range (A1 = its top-left cell). */
  problems: Problem[];
  headerFound: boolean;
  /** Assessments of this register by `${year}|${settings JSON}`. */
  lists: LruCache<string, AssessedRange>;
}

interface AssessedRange {
  list: AnnualList;
  /** normalised name → indexes into list.schools; code → index. */
  byName: Map<string, number[]>;
  byCode: Map<string, number>;
}

/** Registers kept parsed (distinct range contents). */
export const REGISTER_CAPACITY = 8;
/** Assessments kept per register (year × settings). */
export const LISTS_PER_REGISTER = 8;

const parsedCache = new LruCache<string, ParsedRange>(REGISTER_CAPACITY);

/** Counters for tests and diagnostics: how often the register was really parsed / assessed. */
export const cacheStats = { parses: 0, assessments: 0, hits: 0 };

export function resetCaches(): void {
  parsedCache.clear();
  cacheStats.parses = 0;
  cacheStats.assessments = 0;
  cacheStats.hits = 0;
}

/**
 * Parse a range under its sheet's name (the sheet name is a context source for procedure/year/grade/subject, SPEC §2),
 * cached by sheet name + content. Cells in records and problems are relative to the range (A1 = its top-left cell).
 */
function parse(values: Grid, sheet: string): ParsedRange {
  const key = `${sheet}\u0000${gridKey(values)}`;
  const found = parsedCache.get(key);
  if (found) {
    cacheStats.hits++;
    return found;
  }
  cacheStats.parses++;
  const r = parseResultsRange(values, sheet);
  const parsed: ParsedRange = {
    results: r.results,
    problems: r.problems,
    headerFound: r.account.headerRow !== null,
    lists: new LruCache<string, AssessedRange>(LISTS_PER_REGISTER),
  };
  parsedCache.set(key, parsed);
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

function index(list: AnnualList, results: ResultRecord[]): AssessedRange {
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
  return { list, byName, byCode };
}

export interface RangeList {
  list: AnnualList;
  place: RangePlace;
  /** Every problem of the range and of the list, naming the user's sheet and cells. */
  problems: Problem[];
  find(school: string): SchoolAssessment;
}

/**
 * Parse (cached) and assess (cached) a results register range for list year `year`.
 * A range without a recognisable header row → #VALUE! naming the columns expected.
 */
export function assessRange(values: Grid, address: string | null, year: number, settings: Settings): RangeList {
  if (values.length < 2) {
    throw invalidValue("реестр: нужен диапазон с заголовками столбцов и хотя бы одной строкой данных");
  }
  const place = parseRangeAddress(address);
  const parsed = parse(values, place.sheet);
  if (!parsed.headerFound) {
    throw invalidValue(
      "реестр: не найдена строка заголовков «Результатов» (нужны столбцы Школа, Учебный год, Процедура, Предмет, " +
        "Участники и Не справились или Доля не справившихся, или отметки «2»–«5»). Выделите диапазон вместе с заголовками.",
    );
  }
  const lkey = `${year}|${settingsKey(settings)}`;
  let assessed = parsed.lists.get(lkey);
  if (!assessed) {
    cacheStats.assessments++;
    const list = assessSchools({ results: parsed.results, schools: [], problems: parsed.problems }, year, settings);
    assessed = index(list, parsed.results);
    parsed.lists.set(lkey, assessed);
  }
  const { list, byName, byCode } = assessed;
  return {
    list,
    place,
    problems: list.problems.map((p) => placeProblem(p, place)),
    find(school: string): SchoolAssessment {
      const login = findLogin(school);
      const code = byCode.get(normalizeCode(login ?? school));
      if (code !== undefined) return list.schools[code];
      const hits = byName.get(normalizeSchoolName(school)) ?? [];
      if (hits.length === 1) return list.schools[hits[0]];
      if (hits.length > 1) {
        const codes = hits.map((i) => list.schools[i].code ?? "без кода").join(", ");
        throw invalidValue(`школа «${school}»: несколько школ с таким названием (${codes}) — укажите код ОО`);
      }
      throw notAvailable(`школа «${school}» не найдена в реестре`);
    },
  };
}
