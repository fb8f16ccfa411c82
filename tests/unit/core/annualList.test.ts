import { annualListJson, assessSchools, latestYear } from "../../../src/core";
import type { ResultRecord } from "../../../src/core/types";
import { low, ok, result, schoolRec, settings } from "./records";

const S = settings();

/** A district: «Гимназия» ШНОР by rule 1 (since 2024), «СОШ № 2» by rule 2, «СОШ № 3» clean, «ООШ» only in «Школы». */
function district(): ResultRecord[] {
  const g = "Гимназия";
  return [
    low({ school: g, year: 2024 }),
    low({ school: g, year: 2024, subject: "русский язык" }),
    low({ school: g, classLabel: "5А", participants: 25, failed: 15 }),
    ok({ school: g, classLabel: "5Б", participants: 25, failed: 1 }),
    low({ school: g, subject: "русский язык" }),
    ok({ school: g, year: 2023 }),
    low({ school: "СОШ № 2", year: 2023 }),
    ok({ school: "СОШ № 2", year: 2023, subject: "русский язык" }),
    low({ school: "СОШ № 2", year: 2024, procedure: "ОГЭ", grade: 9 }),
    low({ school: "СОШ № 2", procedure: "ЕГЭ", grade: null, variant: "профильная", participants: 10, failed: 3 }),
    ok({ school: "СОШ № 3" }),
    ok({ school: "СОШ № 3", year: 2024 }),
  ];
}

describe("annual list (R-SHNOR, R-MARK, R-LIST per school)", () => {
  const schools = [
    schoolRec("ООШ с. Каменка", { code: "700009", curator: "Иванова И. И." }),
    schoolRec("СОШ № 3", { code: "700003" }),
  ];
  const list = assessSchools({ results: district(), schools, problems: [] }, 2025, S);

  test("every school of both registers appears exactly once; ШНОР first, then by name", () => {
    expect(list.schools.map((s) => [s.school, s.shnor])).toEqual([
      ["Гимназия", true],
      ["СОШ № 2", true],
      ["ООШ с. Каменка", false],
      ["СОШ № 3", false],
    ]);
  });

  test("R-SHNOR rules, low units of Y and Y−1 and their reasons", () => {
    const g = list.schools[0];
    expect(g.rules).toEqual([1, 2]);
    expect(g.lowUnits.map((u) => [u.year, u.subject])).toEqual([
      [2024, "математика"],
      [2024, "русский язык"],
      [2025, "математика"],
      [2025, "русский язык"],
    ]);
    expect(g.reasons[2]).toBe("2025 · ВПР · 5 кл. · математика — 32,0 % (16 из 50)");
    const s2 = list.schools[1];
    expect(s2.rules).toEqual([2]);
    expect(s2.reasons).toEqual([
      "2024 · ОГЭ · 9 кл. · математика — 40,0 % (20 из 50)",
      "2025 · ЕГЭ · математика (профильная) — 30,0 % (3 из 10)",
    ]);
  });

  test("R-MARK and R-LIST per school", () => {
    const [g, s2, ooh, s3] = list.schools;
    expect(g.markers).toEqual(["5А"]);
    expect(g.change).toBe("остаётся");
    expect(g.yearsOnList).toBe(2);
    // СОШ № 2 in 2024: one low (ОГЭ) in 2024 and one in 2023 → rule 2 → «остаётся».
    expect(s2.change).toBe("остаётся");
    expect(ooh.change).toBeNull();
    expect(ooh.hasCurrentYear).toBe(false);
    expect(s3.change).toBeNull();
  });

  test("school info from «Школы»: code, curator; code null when no register has it", () => {
    const ooh = list.schools.find((s) => s.school === "ООШ с. Каменка")!;
    expect(ooh.code).toBe("700009");
    expect(ooh.info?.curator).toBe("Иванова И. И.");
    expect(list.schools[0].code).toBeNull();
  });

  test("summary counts", () => {
    // Nothing to watch: «СОШ № 3» has 10 % in Y, the ШНОР are not «на контроле» (issue 15).
    expect(list.summary.watch).toEqual({ schools: 0, oneLow: 0, nearThreshold: 0, rising: 0 });
    expect(list.summary).toMatchObject({
      total: 4,
      shnor: 2,
      included: 0,
      excluded: 0,
      remaining: 2,
      noDataCurrent: 1,
      status: {
        shnor: 2,
        sscu: 0,
        shnorAndSscu: 0,
        resilient: 0,
        objectivity: 0,
        withSbi: 0,
        // R-RISK 8 suggested from the ВПР failure share (Гимназия: 40 %); both ШНОР get «СОШ № 3» suggested.
        highRisk: 1,
        partnerSuggested: 2,
      },
    });
  });

  test("name shown is the most frequent spelling in the results when «Школы» lacks the school", () => {
    const key = "code:sch700001";
    const rows = [
      result({ schoolKey: key, school: "МОУ СОШ № 1", code: "sch700001" }),
      result({ schoolKey: key, school: "МОУ «СОШ № 1»", code: "sch700001", subject: "русский язык" }),
      result({ schoolKey: key, school: "МОУ «СОШ № 1»", code: "sch700001", grade: 6 }),
    ];
    const l = assessSchools({ results: rows, schools: [] }, 2025, S);
    expect(l.schools).toHaveLength(1);
    expect(l.schools[0]).toMatchObject({ school: "МОУ «СОШ № 1»", code: "sch700001" });
  });

  test("«Школы» name wins over the spellings in results (same schoolKey)", () => {
    const rows = [result({ schoolKey: "code:700001", school: "сош 1" })];
    const l = assessSchools(
      { results: rows, schools: [schoolRec("МОУ «СОШ № 1»", { schoolKey: "code:700001", code: "700001" })] },
      2025,
      S,
    );
    expect(l.schools.map((s) => s.school)).toEqual(["МОУ «СОШ № 1»"]);
  });

  test("problems are passed through; unusable records become problems, never summed", () => {
    const bad = result({ participants: 10, failed: 12, source: { sheet: "ВПР", row: 30 } });
    const l = assessSchools(
      { results: [bad, ok()], schools: [], problems: [{ sheet: "ВПР", cell: "H7", message: "не число" }] },
      2025,
      S,
    );
    expect(l.problems).toHaveLength(2);
    expect(l.problems[0]).toEqual({ sheet: "ВПР", cell: "H7", message: "не число" });
    expect(l.problems[1]).toMatchObject({ sheet: "ВПР", cell: "A30" });
    expect(l.problems[1].message).toMatch(/не учтена/);
  });

  test("latestYear", () => {
    expect(latestYear(district())).toBe(2025);
    expect(latestYear([])).toBeNull();
  });
});

describe("CLI JSON contract (issue 2)", () => {
  const list = assessSchools(
    { results: district(), schools: [], problems: [{ sheet: "ВПР", cell: "H30", message: "Не удалось прочитать" }] },
    2025,
    S,
  );
  const json = annualListJson(list);

  test("top-level shape and problem shape", () => {
    expect(Object.keys(json).sort()).toEqual(["problems", "schools", "year"]);
    expect(json.year).toBe(2025);
    expect(json.problems).toEqual([{ sheet: "ВПР", cell: "H30", message: "Не удалось прочитать" }]);
  });

  test("every school carries the contract keys with the right types", () => {
    for (const s of json.schools) {
      expect(Object.keys(s)).toEqual(
        expect.arrayContaining(["school", "code", "shnor", "rules", "lowUnits", "markers", "dynamics", "change"]),
      );
      expect(typeof s.school).toBe("string");
      expect(s.code === null || typeof s.code === "string").toBe(true);
      expect(typeof s.shnor).toBe("boolean");
      expect(["включена", "исключена", "остаётся", null]).toContain(s.change);
      for (const u of s.lowUnits) {
        expect(Object.keys(u).sort()).toEqual(
          ["failed", "grade", "participants", "procedure", "share", "subject", "year"].sort(),
        );
      }
    }
  });

  test("lowUnits carry the variant in the subject and share as 0–1; round-trips through JSON text", () => {
    const parsed = JSON.parse(JSON.stringify(json)) as typeof json;
    const s2 = parsed.schools.find((s) => s.school === "СОШ № 2")!;
    expect(s2.rules).toEqual([2]);
    expect(s2.lowUnits).toContainEqual({
      year: 2025,
      procedure: "ЕГЭ",
      grade: null,
      subject: "математика (профильная)",
      participants: 10,
      failed: 3,
      share: 0.3,
    });
    const g = parsed.schools.find((s) => s.school === "Гимназия")!;
    expect(g.markers).toEqual(["5А"]);
    expect(g.dynamics.vprFail.verdict).toBe("положительная");
    expect(g.dynamics.vprFail).toEqual({ previous: 40, current: 36, delta: -4, verdict: "положительная" });
  });
});
