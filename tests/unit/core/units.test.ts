import { buildUnits, classUnits, subjectCounts, procedureCounts } from "../../../src/core/units";
import { result, settings } from "./records";

describe("R-UNIT aggregation", () => {
  test("R-UNIT: classes 5А and 5Б of one school/year/procedure/grade/subject are summed into one unit", () => {
    const units = buildUnits(
      [
        result({ classLabel: "5А", participants: 25, failed: 10 }),
        result({ classLabel: "5Б", participants: 25, failed: 2 }),
      ],
      settings(),
    );
    expect(units).toHaveLength(1);
    expect(units[0]).toMatchObject({ participants: 50, failed: 12, share: 0.24, classes: ["5А", "5Б"] });
    expect(units[0].sources).toHaveLength(2);
  });

  test("R-UNIT: different grade, year, procedure or subject make different units", () => {
    const units = buildUnits(
      [
        result(),
        result({ grade: 6 }),
        result({ year: 2024 }),
        result({ procedure: "ОГЭ", grade: 9 }),
        result({ subject: "русский язык" }),
        result({ school: "СОШ № 2" }),
      ],
      settings(),
    );
    expect(units).toHaveLength(6);
  });

  test("R-UNIT: ЕГЭ mathematics базовая and профильная are separate units", () => {
    const units = buildUnits(
      [
        result({ procedure: "ЕГЭ", grade: 11, variant: "базовая", participants: 10, failed: 1 }),
        result({ procedure: "ЕГЭ", grade: 11, variant: "профильная", participants: 8, failed: 4 }),
      ],
      settings(),
    );
    expect(units.map((u) => [u.variant, u.participants, u.failed])).toEqual([
      ["базовая", 10, 1],
      ["профильная", 8, 4],
    ]);
  });

  test("R-UNIT: a subject outside the default set (физика) is ignored; a custom set counts it", () => {
    const rows = [result({ subject: "физика", failed: 40 }), result({ subject: "русский язык" })];
    expect(buildUnits(rows, settings()).map((u) => u.subject)).toEqual(["русский язык"]);
    expect(buildUnits(rows, settings({ subjects: ["физика"] })).map((u) => u.subject)).toEqual(["физика"]);
  });

  test("R-UNIT: «математика (базовая)» and «Математика профильная» written in the subject count as mathematics", () => {
    expect(subjectCounts("математика (базовая)", settings())).toBe(true);
    expect(subjectCounts("Математика профильная", settings())).toBe(true);
    expect(subjectCounts("Русский  язык", settings())).toBe(true);
    expect(subjectCounts("математическая грамотность", settings())).toBe(false);
  });

  test("R-UNIT: a regional procedure is ignored unless includeRegional", () => {
    const rows = [result({ procedure: "РДР", failed: 40 }), result()];
    expect(buildUnits(rows, settings()).map((u) => u.procedure)).toEqual(["ВПР"]);
    expect(buildUnits(rows, settings({ includeRegional: true })).map((u) => u.procedure)).toEqual(["ВПР", "РДР"]);
    expect(procedureCounts("впр", settings())).toBe(true);
    expect(procedureCounts("РДР", settings())).toBe(false);
  });

  test("R-UNIT: zero participants give share null", () => {
    const [u] = buildUnits([result({ participants: 0, failed: 0 })], settings());
    expect(u.share).toBeNull();
  });

  test("R-UNIT: marks are summed only when every row has them", () => {
    const marks = { m2: 1, m3: 2, m4: 3, m5: 4 };
    const both = buildUnits(
      [
        result({ classLabel: "5А", marks, participants: 10, failed: 1 }),
        result({ classLabel: "5Б", marks, participants: 10, failed: 1 }),
      ],
      settings(),
    );
    expect(both[0].marks).toEqual({ m2: 2, m3: 4, m4: 6, m5: 8 });
    const one = buildUnits(
      [
        result({ classLabel: "5А", marks, participants: 10, failed: 1 }),
        result({ classLabel: "5Б", participants: 10, failed: 1 }),
      ],
      settings(),
    );
    expect(one[0].marks).toBeNull();
  });

  test("R-UNIT: rows with failed > participants or negative counts are left out, not summed", () => {
    const units = buildUnits(
      [
        result({ participants: 10, failed: 11 }),
        result({ participants: -1, failed: 0 }),
        result({ participants: 20, failed: 3 }),
      ],
      settings(),
    );
    expect(units).toHaveLength(1);
    expect(units[0]).toMatchObject({ participants: 20, failed: 3 });
  });

  test("R-MARK input: classUnits keeps one unit per class and drops rows without a class", () => {
    const units = classUnits(
      [
        result({ classLabel: "5А", participants: 25, failed: 10 }),
        result({ classLabel: "5Б", participants: 25, failed: 2 }),
        result({ classLabel: null, grade: 6 }),
      ],
      settings(),
    );
    expect(units.map((u) => [u.classes, u.failed])).toEqual([
      [["5А"], 10],
      [["5Б"], 2],
    ]);
  });
});
