/**
 * A register range of another kind than results (the social passport for SHNOR.SOCIALINDEX and SHNOR.STATUS, the
 * risk profile for SHNOR.RISKS): parsed by src/registers (one kind tried, as on a sheet), cached by content, schools
 * found by name or code as in the results range. No domain rules here.
 */
import type { Grid, Problem } from "../core/types";
import { parseKindRange, type RecordsByKind, type RegisterKindId } from "../registers";
import { findLogin, normalizeCode, normalizeSchoolName } from "../registers/normalize";
import { parseRangeAddress, type RangePlace } from "./address";
import { toGrid } from "./args";
import { gridEquals, gridKey, LruCache } from "./cache";
import { invalidValue, notAvailable } from "./errors";
import { placeProblem } from "./registerRange";

export interface KindRange<K extends RegisterKindId> {
  records: RecordsByKind[K];
  /** Problems with the user's sheet and cells. */
  problems: Problem[];
  place: RangePlace;
  /** A key of the parsed content (for caches of assessments that depend on it). */
  key: string;
}

interface Parsed {
  values: Grid;
  records: unknown[];
  problems: Problem[];
  headerFound: boolean;
  message: string;
}

const cache = new LruCache<string, Parsed>(8);

/** Counters for tests: how often a kind range was really parsed. */
export const kindRangeStats = { parses: 0 };

export function resetKindRanges(): void {
  cache.clear();
  kindRangeStats.parses = 0;
}

/** The parsed range of kind `kind` (cached by sheet + content); a range without the kind's header → #VALUE!. */
export function kindRange<K extends RegisterKindId>(
  raw: unknown[][],
  address: string | null,
  kind: K,
  argName: string,
): KindRange<K> {
  if (!Array.isArray(raw) || raw.length < 2) {
    throw invalidValue(`${argName}: нужен диапазон с заголовками столбцов и хотя бы одной строкой данных`);
  }
  const place = parseRangeAddress(address);
  const values = toGrid(raw);
  const key = `${kind}\u0000${place.sheet}\u0000${gridKey(values)}`;
  let parsed = cache.get(key);
  if (!parsed || !gridEquals(parsed.values, values)) {
    kindRangeStats.parses++;
    const r = parseKindRange(values, kind, place.sheet);
    parsed = {
      values,
      records: r.records as unknown[],
      problems: r.problems,
      headerFound: r.account.headerRow !== null,
      message: r.problems[0]?.message ?? "",
    };
    cache.set(key, parsed);
  }
  if (!parsed.headerFound) throw invalidValue(`${argName}: ${parsed.message}. Выделите диапазон вместе с заголовками.`);
  return {
    records: parsed.records as RecordsByKind[K],
    problems: parsed.problems.map((p) => placeProblem(p, place)),
    place,
    key,
  };
}

/** The records of one school (by code or login first, else by normalised name); #N/A when none. */
export function recordsOfSchool<R extends { schoolKey: string; school: string; code: string | null }>(
  records: readonly R[],
  school: string,
  what: string,
): R[] {
  const login = findLogin(school);
  const code = normalizeCode(login ?? school);
  const byCode = records.filter((r) => r.code !== null && normalizeCode(r.code) === code);
  if (byCode.length > 0) return byCode;
  const name = normalizeSchoolName(school);
  const byName = records.filter((r) => normalizeSchoolName(r.school) === name);
  const keys = new Set(byName.map((r) => r.schoolKey));
  if (keys.size > 1)
    throw invalidValue(`школа «${school}»: несколько школ с таким названием в ${what} — укажите код ОО`);
  if (byName.length === 0) throw notAvailable(`школа «${school}» не найдена в ${what}`);
  return byName;
}
