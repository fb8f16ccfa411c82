/**
 * Issue 11 engine: units are sorted by collation ranks computed once (no collator call per comparison) and the list
 * by a cheap key before the collator confirms it. Both must give exactly the orders of the plain collator-based
 * comparisons they replace — checked here on seeded random registers full of what the Russian collator treats
 * specially (case, ё, numbers inside names, punctuation, Latin, variants, classes). Rules: R-UNIT, R-SHNOR (R-LIST
 * order of the annual list).
 */
import { assessSchools } from "../../../src/core/annualList";
import { compareUnits, sortUnits, TextRanks } from "../../../src/core/units";
import type { ResultRecord, Unit } from "../../../src/core/types";
import { prng } from "../../../scripts/prng";
import { result, settings } from "./records";

const collator = new Intl.Collator("ru", { numeric: true, sensitivity: "base" });
const pick = <T>(rand: () => number, xs: T[]): T => xs[Math.floor(rand() * xs.length)];

const SUBJECTS = ["математика", "Математика", "русский язык", "Русский язык", "физика", "математика (базовая)"];
const PROCEDURES = ["ВПР", "ОГЭ", "ЕГЭ", "РДР", "рдр", "Региональная диагностика", "Ёлочная"];
const NAMES = [
  "СОШ № 2",
  "СОШ № 10",
  "сош № 2",
  "«Лицей» № 1",
  "Ёлкинская школа",
  "Елкинская школа",
  "Lyceum 5",
  "Школа-интернат",
];

function randomUnits(seed: number, n: number): Unit[] {
  const rand = prng(seed);
  const units: Unit[] = [];
  for (let i = 0; i < n; i++) {
    const classes = rand() < 0.3 ? [pick(rand, ["5А", "5Б", "10А", "5а"])] : rand() < 0.1 ? ["5А", "5Б"] : [];
    units.push({
      schoolKey: `name:${pick(rand, NAMES).toLowerCase()}`,
      year: 2023 + Math.floor(rand() * 3),
      procedure: pick(rand, PROCEDURES),
      grade: rand() < 0.2 ? null : 4 + Math.floor(rand() * 8),
      subject: pick(rand, SUBJECTS),
      variant: rand() < 0.3 ? pick(rand, ["базовая", "профильная", "Базовая"]) : null,
      participants: 10,
      failed: 1,
      share: 0.1,
      marks: null,
      classes,
      sources: [],
    });
  }
  return units;
}

describe("collation ranks give the orders of the collator (issue 11 engine)", () => {
  test.each([1, 2, 3, 4, 5])("R-UNIT: sortUnits orders like compareUnits (seed %i, 2,000 units)", (seed) => {
    const units = randomUnits(seed, 2000);
    const expected = [...units].sort(compareUnits);
    expect(sortUnits([...units], new TextRanks())).toEqual(expected);
    // Within one school the school key never decides.
    const one = units.filter((u) => u.schoolKey === units[0].schoolKey);
    expect(sortUnits([...one], new TextRanks(), false)).toEqual([...one].sort(compareUnits));
  });

  test("TextRanks: strings the collator finds equal share a rank; the order is the collator's", () => {
    const ranks = new TextRanks();
    for (const s of ["б", "А", "а", "ё", "е", "10", "9", "Б"]) ranks.add(s);
    ranks.build();
    expect(ranks.rank("а")).toBe(ranks.rank("А"));
    expect(ranks.rank("е")).toBe(ranks.rank("ё"));
    expect(ranks.rank("9")).toBeLessThan(ranks.rank("10"));
    expect(ranks.rank("а")).toBeLessThan(ranks.rank("б"));
    // A string never added is ranked on first use, consistently with the others.
    expect(ranks.rank("в")).toBeGreaterThan(ranks.rank("Б"));
  });

  test.each([11, 12, 13])(
    "R-SHNOR: the annual list is in collator order — ШНОР first, name, key, input (seed %i)",
    (seed) => {
      const rand = prng(seed);
      const rows: ResultRecord[] = [];
      for (let i = 0; i < 600; i++) {
        const name = `${pick(rand, ["МБОУ «СОШ № ", "МОУ СОШ №", "школа ", "Школа ", "Ёлкинская ООШ ", "Lyceum "])}${Math.floor(rand() * 120)}${pick(rand, ["", "»", " (филиал)"])}`;
        const key = rand() < 0.5 ? `name:${name.toLowerCase()}` : `code:sch${100000 + Math.floor(rand() * 300)}`;
        rows.push(
          result({
            school: name,
            schoolKey: key,
            year: 2024 + Math.floor(rand() * 2),
            participants: 20,
            failed: Math.floor(rand() * 12),
          }),
        );
      }
      const list = assessSchools({ results: rows, schools: [] }, 2025, settings());
      // The order the list had before: a stable sort of the schools in first-appearance order by the collator.
      const firstSeen = [...new Set(rows.map((r) => r.schoolKey))];
      const byKey = new Map(list.schools.map((s) => [s.schoolKey, s]));
      const expected = firstSeen
        .map((k) => byKey.get(k)!)
        .sort(
          (a, b) =>
            Number(b.shnor) - Number(a.shnor) ||
            collator.compare(a.school, b.school) ||
            collator.compare(a.schoolKey, b.schoolKey),
        );
      expect(list.schools.map((s) => s.schoolKey)).toEqual(expected.map((s) => s.schoolKey));
      expect(list.schools.some((s) => s.shnor)).toBe(true);
    },
  );
});
