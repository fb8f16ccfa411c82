/**
 * «Профиль ОО» use-case (issue 15), shared by the CLI and the task pane: the annual list, then the profiles of the
 * schools asked for (by name, code or login) and their sheet plan. Pure: no I/O.
 */
import { assessSchools, isWatched, latestYear, profilePlan, schoolLabel, schoolProfiles } from "../core";
import type { Settings } from "../core/settings";
import type { SchoolAssessment } from "../core/list.types";
import type { ProfileOptions, SchoolProfile } from "../core/profile";
import type { SheetPlan } from "../core/sheetPlan";
import type { WorkbookGrids } from "../core/types";
import { findLogin, loginDigits, normalizeCode, normalizeSchoolName } from "../registers/normalize";
import type { Registers } from "../registers/types";
import { programmeFromWorkbooks } from "./buildAll";
import { buildAnnualList, ShnorInputError, type BuildListOptions, type BuildListResult } from "./buildList";

export interface BuildProfileOptions extends BuildListOptions {
  /** Schools asked for: a name (any spelling the registers use), «name (municipality)», Код ОО or login. None = all. */
  schools?: string[];
  /** Schools by identity (the pane's choice); wins over `schools`. */
  schoolKeys?: string[];
  /** Roadmap progress per school key, when the programme sheets exist (issue 14); absent ⇒ no such section. */
  programme?: ProfileOptions["programme"];
}

export interface BuildProfileResult extends BuildListResult {
  profiles: SchoolProfile[];
  /** The «Профиль ОО Y» sheet plan (`plan` stays the list's). */
  profilePlan: SheetPlan;
}

/** How a school may be asked for: its names (list, every spelling of its rows), label with municipality, code. */
function schoolIndex(list: SchoolAssessment[], registers: Registers): Map<string, Set<string>> {
  const names = new Map<string, Set<string>>();
  const add = (key: string, name: string | null | undefined): void => {
    if (!name) return;
    const n = normalizeSchoolName(name);
    if (!n) return;
    let set = names.get(n);
    if (!set) names.set(n, (set = new Set()));
    set.add(key);
  };
  for (const s of list) {
    add(s.schoolKey, s.school);
    add(s.schoolKey, schoolLabel({ ...s, sharedName: true }));
  }
  for (const r of registers.results) add(r.schoolKey, r.school);
  for (const r of registers.schools) add(r.schoolKey, r.name);
  return names;
}

const WORD = /[\p{L}\p{N}]/u;

/** `part` inside `name` not cut out of a longer word or number («СОШ № 1» is in «МБОУ «СОШ № 1»», not in «СОШ № 12»). */
function containsWhole(name: string, part: string): boolean {
  if (!part) return false;
  for (let at = name.indexOf(part); at !== -1; at = name.indexOf(part, at + 1)) {
    const before = at > 0 ? name[at - 1] : "";
    const after = name[at + part.length] ?? "";
    const cutBefore = before !== "" && WORD.test(before) && WORD.test(part[0]);
    const cutAfter = after !== "" && WORD.test(after) && WORD.test(part[part.length - 1]);
    if (!cutBefore && !cutAfter) return true;
  }
  return false;
}

function candidates(list: SchoolAssessment[], keys: Iterable<string>): string {
  const byKey = new Map(list.map((s) => [s.schoolKey, s]));
  const shown = [...keys].slice(0, 5).map((k) => {
    const s = byKey.get(k);
    return s ? `«${schoolLabel({ ...s, sharedName: true })}»${s.code ? ` (${s.code})` : ""}` : k;
  });
  return shown.join(", ");
}

/**
 * The school a query names, or a Russian ShnorInputError: by login (its 6 digits) or Код ОО, then by the normalised
 * name (or «name (municipality)»), then by a part of the name when exactly one school has it.
 */
export function findSchool(list: SchoolAssessment[], registers: Registers, query: string): SchoolAssessment {
  const q = query.trim();
  if (!q) throw new ShnorInputError("Школа не указана: задайте название, код ОО или логин.");
  const byKey = new Map(list.map((s) => [s.schoolKey, s]));
  const login = findLogin(q);
  if (login) {
    const hit = byKey.get(`login:${loginDigits(login)}`) ?? list.find((s) => s.code && findLogin(s.code) === login);
    if (hit) return hit;
  }
  const code = normalizeCode(q);
  const byCode = list.filter((s) => s.code && normalizeCode(s.code) === code);
  if (byCode.length === 1) return byCode[0];
  const index = schoolIndex(list, registers);
  const exact = index.get(normalizeSchoolName(q));
  if (exact && exact.size === 1) return byKey.get([...exact][0])!;
  if (exact && exact.size > 1) {
    throw new ShnorInputError(
      `Школ с названием «${q}» несколько: ${candidates(list, exact)} — укажите код ОО или название с муниципалитетом.`,
    );
  }
  const part = normalizeSchoolName(q);
  const found = new Set<string>();
  for (const [name, keys] of index) if (containsWhole(name, part)) for (const k of keys) found.add(k);
  if (found.size === 1) return byKey.get([...found][0])!;
  if (found.size > 1) {
    throw new ShnorInputError(
      `Название «${q}» подходит к ${found.size} школам: ${candidates(list, found)}${found.size > 5 ? " …" : ""} — уточните название или укажите код ОО.`,
    );
  }
  throw new ShnorInputError(`Школа «${q}» не найдена в реестрах.`);
}

/** The list of year Y, then the profiles of the schools asked for (all when none) and the «Профиль ОО Y» plan. */
export function buildProfiles(workbooks: WorkbookGrids[], options: BuildProfileOptions = {}): BuildProfileResult {
  const built = buildAnnualList(workbooks, options);
  const { list, registers } = built;
  let keys: string[];
  if (options.schoolKeys?.length) {
    const known = new Set(list.schools.map((s) => s.schoolKey));
    const missing = options.schoolKeys.find((k) => !known.has(k));
    if (missing !== undefined) throw new ShnorInputError("Выбранной школы нет в реестрах книги: обновите список школ.");
    keys = options.schoolKeys;
  } else if (options.schools?.length) {
    keys = options.schools.map((q) => findSchool(list.schools, registers, q).schoolKey);
  } else {
    keys = list.schools.map((s) => s.schoolKey);
  }
  // Roadmap progress: given, else from the workbooks' own «Дорожная карта Y» when they have one (issue 14).
  const programme =
    options.programme ?? programmeFromWorkbooks(workbooks, list, options.generatedAt ?? new Date()) ?? undefined;
  const profiles = schoolProfiles({ results: registers.results, schools: registers.schools }, list, {
    schoolKeys: keys,
    ...(programme ? { programme } : {}),
  });
  const plan = profilePlan(profiles, {
    generatedAt: options.generatedAt ?? new Date(),
    settings: list.settings,
    year: list.year,
  });
  return { ...built, profiles, profilePlan: plan };
}

/** A school the pane offers for a profile. */
export interface SchoolChoice {
  key: string;
  /** As the list shows it (with the municipality where names repeat) and its code. */
  label: string;
  code: string | null;
  shnor: boolean;
  /** «На контроле»: not ШНОР, with an early warning. */
  watched: boolean;
}

/** The schools of the registers in the list's order (ШНОР first), for year `year` (default: the latest). */
export function schoolChoices(registers: Registers, year: number | null, settings: Settings): SchoolChoice[] {
  const y = year ?? latestYear(registers.results);
  if (y === null || registers.results.length === 0) return [];
  const list = assessSchools({ results: registers.results, schools: registers.schools, problems: [] }, y, settings);
  return list.schools.map((s) => ({
    key: s.schoolKey,
    label: schoolLabel(s),
    code: s.code,
    shnor: s.shnor,
    watched: isWatched(s),
  }));
}
