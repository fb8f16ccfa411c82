/**
 * «Показатели 2021» from the programme fixture (issue 14; SPEC §4; seeds 000, 002, 003): the rows the registers allow
 * are computed — each value checked here against the fixture's own numbers (scripts/fixtures/programme.ts) —, the
 * survey-based rows of seed 002 are «вносится вручную» with their targets, and «Достигнуто» is a formula comparing
 * Факт with the target by the indicator's direction (less / more / да-нет), cached for the build.
 */
import { buildAll, type BuildAllResult } from "../../../src/app";
import { indicatorColumns, MANUAL } from "../../../src/core/indicators";
import { isFormulaCell, shownValue, type PlanCell } from "../../../src/core/sheetPlan";
import { readXlsxFile } from "../../../src/xlsx/readWorkbook";
import { programmeWorkbook } from "../../../scripts/make-fixtures";
import { tmpDir } from "./helpers";

let built: BuildAllResult;
let rows: PlanCell[][];
const cols = indicatorColumns(2021);
const at = (key: string) => cols.findIndex((c) => c.key === key);
const row = (id: string) => rows.find((r) => r[0] === id)!;
const val = (id: string, key: string) => shownValue(row(id)[at(key)]);

beforeAll(async () => {
  built = buildAll([await readXlsxFile(await programmeWorkbook(tmpDir("shnor-ind-")))], {
    generatedAt: new Date(2026, 0, 15),
  });
  rows = built.sheets.find((s) => s.choice === "indicators")!.plan.table!.rows;
});

describe("«Показатели 2021»: computed from the registers", () => {
  test("the columns of SPEC §4: №, Показатель, Ед. изм., Исходное (Y−1), Цели, Факт (Y), Достигнуто, Источник", () => {
    expect(cols.filter((c) => !c.hidden).map((c) => c.header)).toEqual([
      "№",
      "Показатель",
      "Ед. изм.",
      "Исходное (2020)",
      "Цель (старт)",
      "Цель (итог)",
      "Факт (2021)",
      "Достигнуто",
      "Источник",
    ]);
  });

  test("доля «2» ВПР and доля ОГЭ below the threshold, pooled over the programme's schools (ШНОР A, B, E and ШССУ D)", () => {
    // ВПР 2021: A 8+6+7+6, B 7, D 4, E 6+6 of 80 + 20 + 20 + 40; 2020: A 3+2, B 2, D 3, E 2 of 40 + 20 + 20 + 20.
    expect(val("1.1", "fact")).toBeCloseTo(50 / 160, 12);
    expect(val("1.1", "baseline")).toBeCloseTo(12 / 100, 12);
    // ОГЭ 2021: A 2 of 30, B 3 of 20; 2020: A 3 of 30, B 7 of 20.
    expect(val("1.2", "fact")).toBeCloseTo(5 / 50, 12);
    expect(val("1.2", "baseline")).toBeCloseTo(10 / 50, 12);
    expect(val("1.3", "fact")).toBeNull();
    // «Аттестаты» 2021: 1 of 30 and 1 of 20.
    expect(val("1.4", "fact")).toBeCloseTo(2 / 50, 12);
  });

  test("teachers («Кадры»), support («Поддержка») and the ШССУ's social passport", () => {
    expect(val("2.1", "fact")).toBeCloseTo(20 / 40, 12);
    expect(val("2.1", "baseline")).toBeCloseTo(10 / 40, 12);
    // Below the base level, of those who took part in the assessment (diagnosed): (2 + 3) / (10 + 10).
    expect(val("2.2", "fact")).toBeCloseTo(5 / 20, 12);
    expect(val("2.3", "fact")).toBeCloseTo(30 / 40, 12);
    expect(val("2.4", "fact")).toBeCloseTo(4 / 40, 12);
    expect(val("2.5", "fact")).toBeCloseTo(40 / 42, 12);
    expect(val("3.1", "fact")).toBe(1);
    expect(val("3.2", "fact")).toBe(0.5);
    expect(val("3.3", "fact")).toBe(0.5);
    // D's passport: 12 of 100 on the register, 10 of 100 from families in a socially dangerous position.
    expect(val("4.1", "fact")).toBeCloseTo(0.12, 12);
    expect(val("4.3", "fact")).toBeCloseTo(0.1, 12);
  });

  test("every computed row names its source and how many schools had data", () => {
    expect(String(val("1.2", "source"))).toContain("школ с данными: 2 из 4");
    expect(String(val("2.1", "source"))).toContain("«Кадры», школ с данными: 2 из 4");
    expect(String(val("4.1", "source"))).toContain("социальный паспорт, школ с данными: 1 из 1");
  });
});

describe("«Показатели 2021»: rows typed by hand, and «Достигнуто»", () => {
  test("the survey rows of seed 002 are «вносится вручную», with no Факт and with the document's targets", () => {
    const manual = rows.filter((r) => String(shownValue(r[at("source")]) ?? "").startsWith(MANUAL));
    expect(manual.map((r) => r[0])).toEqual(
      expect.arrayContaining(["5.1", "5.2", "5.3", "5.4", "6.2", "7.1", "7.8", "8.2", "8.3"]),
    );
    for (const r of manual) expect(shownValue(r[at("fact")])).toBeNull();
    expect(val("5.1", "start")).toBe(0.5);
    expect(val("5.1", "final")).toBe(0.7);
  });

  test("«Достигнуто» is a formula by direction: ≤ for «less», ≥ for «more», the same answer for да/нет", () => {
    const f = (id: string) => {
      const c = row(id)[at("achieved")];
      expect(isFormulaCell(c)).toBe(true);
      return c as { formula: string; value: unknown };
    };
    expect(f("1.1").formula).toMatch(/IF\(\$G\d+<=IF\(/);
    expect(f("2.1").formula).toMatch(/IF\(\$G\d+>=IF\(/);
    expect(f("1.6").formula).toContain("LOWER(TRIM(");
    // Cached values: no target yet ⇒ «нет данных»; ВПР dynamics «нет» against «да» ⇒ «не достигнуто».
    expect(f("1.1").value).toBe("нет данных");
    expect(val("1.6", "fact")).toBe("нет");
    expect(f("1.6").value).toBe("не достигнуто");
    expect(f("1.7").value).toBe(val("1.7", "fact") === "да" ? "достигнуто" : "не достигнуто");
  });
});
