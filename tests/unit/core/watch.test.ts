/**
 * Issue 15 in the engine: early warnings for Y+1 (one low, near the threshold, rising failure share), exit conditions
 * of a ШНОР with maxFailed computed by the same exact comparison as R-LOW, and the list at other thresholds.
 */
import fc from "fast-check";
import { assessSchools } from "../../../src/core/annualList";
import { isLowUnit, reachesThreshold } from "../../../src/core/rules";
import type { ResultRecord } from "../../../src/core/types";
import { maxFailedNotLow, sensitivityThresholds } from "../../../src/core/watch";
import { low, ok, result, settings } from "./records";

const S = settings();
const assess = (rows: ResultRecord[], s = S, year = 2025) => assessSchools({ results: rows, schools: [] }, year, s);
const one = (rows: ResultRecord[], s = S, year = 2025) => assess(rows, s, year).schools[0];

describe("maxFailed: the largest count of «2» that is not low at today's participants (R-LOW, exact)", () => {
  test("R-LOW: 29 % of 24 at 30 % — 7 of 24 is not low, 8 is: maxFailed 7", () => {
    expect(maxFailedNotLow(24, S)).toBe(7);
    expect(isLowUnit({ participants: 24, failed: 7 }, S)).toBe(false);
    expect(isLowUnit({ participants: 24, failed: 8 }, S)).toBe(true);
  });

  test("R-LOW: exactly 30 % is low — 15 of 50 is low, so maxFailed is 14; 9 of 30 low, maxFailed 8", () => {
    expect(maxFailedNotLow(50, S)).toBe(14);
    expect(maxFailedNotLow(30, S)).toBe(8);
    expect(maxFailedNotLow(10, S)).toBe(2);
  });

  test("R-LOW: non-integer thresholds and huge counts use the exact comparison (33,3 %, BigInt range)", () => {
    const s = settings({ threshold: 33.3 });
    expect(maxFailedNotLow(1000, s)).toBe(332);
    expect(maxFailedNotLow(3, s)).toBe(0);
    const big = 10_000_000_000_000;
    const f = maxFailedNotLow(big, settings({ threshold: 30.000001 }))!;
    expect(reachesThreshold(f, big, 30.000001)).toBe(false);
    expect(reachesThreshold(f + 1, big, 30.000001)).toBe(true);
  });

  test("R-LOW: participants below minParticipants are never low — every count is allowed; threshold 0 allows none", () => {
    expect(maxFailedNotLow(4, settings({ minParticipants: 5 }))).toBe(4);
    expect(maxFailedNotLow(0, S)).toBe(0);
    expect(maxFailedNotLow(20, settings({ threshold: 0 }))).toBeNull();
  });

  test("R-LOW property: maxFailed is not low and one more «2» is (any participants, any threshold)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 1, max: 1000 }).map((t) => t / 10),
        (p, t) => {
          const s = settings({ threshold: t });
          const m = maxFailedNotLow(p, s)!;
          expect(isLowUnit({ participants: p, failed: m }, s)).toBe(false);
          if (m < p) expect(isLowUnit({ participants: p, failed: m + 1 }, s)).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe("early warnings for the list of Y+1", () => {
  test("near-threshold: 29 % of 24 (7 «2») — «ещё 1 из 24», with maxFailed 7 and more 1", () => {
    const s = one([ok({ year: 2024 }), result({ participants: 24, failed: 7 })]);
    expect(s.shnor).toBe(false);
    expect(s.warnings).toHaveLength(1);
    const w = s.warnings[0];
    expect(w.kind).toBe("near-threshold");
    expect(w.units).toEqual([expect.objectContaining({ participants: 24, failed: 7, maxFailed: 7, more: 1 })]);
    expect(w.text).toBe(
      "На грани порога 30 % в 2024/2025 учебном году (до 5 п.п. ниже): ВПР 5 кл. математика — 29,2 % (7 из 24), ещё 1 из 24.",
    );
  });

  test("near-threshold band: 25 % is inside the default 5 p.p., 24,9 % is not; exactly 30 % is low, not near", () => {
    const rows = [
      ok({ year: 2024 }),
      result({ participants: 100, failed: 25 }),
      result({ subject: "русский язык", participants: 1000, failed: 249 }),
    ];
    const s = one(rows);
    expect(s.warnings.map((w) => w.kind)).toEqual(["near-threshold"]);
    expect(s.warnings[0].units.map((u) => [u.subject, u.failed, u.more])).toEqual([["математика", 25, 5]]);
    const exact = one([ok({ year: 2024 }), result({ participants: 50, failed: 15 })]);
    expect(exact.warnings.map((w) => w.kind)).toEqual(["one-low"]);
    // The band is a setting: 0 turns the warning off, 10 p.p. takes 20 %.
    expect(one(rows, settings({ watchBand: 0 })).warnings).toEqual([]);
    const wide = one([ok({ year: 2024 }), result({ participants: 50, failed: 10 })], settings({ watchBand: 10 }));
    expect(wide.warnings[0].units[0]).toMatchObject({ failed: 10, maxFailed: 14, more: 5 });
  });

  test("R-LOW minParticipants: a unit below the minimum is neither low nor near, whatever its share", () => {
    const s5 = settings({ minParticipants: 5 });
    const s = one(
      [ok({ year: 2024 }), result({ participants: 4, failed: 4 }), result({ grade: 6, participants: 4, failed: 1 })],
      s5,
    );
    expect(s.lowUnits).toEqual([]);
    expect(s.warnings).toEqual([]);
  });

  test("one-low: not ШНОР, exactly one low unit in Y — any low unit in Y+1 puts it on the list (rule 2)", () => {
    const s = one([ok({ year: 2024 }), low(), ok({ subject: "русский язык" })]);
    expect(s.shnor).toBe(false);
    expect(s.warnings).toEqual([
      {
        kind: "one-low",
        units: [expect.objectContaining({ year: 2025, participants: 50, failed: 20, share: 0.4 })],
        text:
          "Одна низкая работа в 2024/2025 учебном году: ВПР 5 кл. математика — 40,0 % (20 из 50); " +
          "любая низкая работа в 2025/2026 учебном году включит школу в список (правило 2).",
      },
    ]);
    const same = one([ok({ year: 2024 }), low()], settings({ rule2SameProcedure: true }));
    expect(same.warnings[0].text).toContain(
      "любая низкая работа ВПР в 2025/2026 учебном году включит школу в список (правило 2), две любые — по правилу 1",
    );
  });

  test("R-SHNOR: a school with no Y−1 data and one low unit is warned (no rising warning without the years)", () => {
    const s = one([low(), ok({ subject: "русский язык" })]);
    expect(s.hasPreviousYear).toBe(false);
    expect(s.warnings.map((w) => w.kind)).toEqual(["one-low"]);
    expect(s.exit).toBeNull();
  });

  test("rising: R-DYN negative from Y−2 to Y−1 and from Y−1 to Y; one negative step is not enough", () => {
    const rising = [
      result({ year: 2023, participants: 50, failed: 2 }),
      result({ year: 2024, participants: 50, failed: 5 }),
      result({ year: 2025, participants: 50, failed: 9 }),
    ];
    const s = one(rising);
    expect(s.warnings.map((w) => w.kind)).toEqual(["rising"]);
    const w = s.warnings[0];
    expect(w.procedure).toBe("ВПР");
    expect(w.steps).toEqual([
      { from: 2023, to: 2024, previous: 4, current: 10, delta: 6 },
      { from: 2024, to: 2025, previous: 10, current: 18, delta: 8 },
    ]);
    expect(w.units).toEqual([expect.objectContaining({ year: 2025, failed: 9, share: 0.18, previousShare: 0.1 })]);
    expect(w.text).toBe(
      "Доля «2» ВПР растёт два года подряд: 4,0 % (2022/2023) → 10,0 % (2023/2024) → 18,0 % (2024/2025); " +
        "выросла: ВПР 5 кл. математика 10,0 % → 18,0 %.",
    );
    // Down then up: no warning. Up by less than the tolerance in a step: no warning.
    expect(one([rising[1], { ...rising[0], failed: 6 }, rising[2]]).warnings).toEqual([]);
    expect(one(rising, settings({ tolerance: 7 })).warnings).toEqual([]);
  });

  test("ШНОР: no «одна низкая» warning; near and rising warnings still said", () => {
    const s = one([low({ year: 2024 }), low(), result({ subject: "русский язык", participants: 24, failed: 7 })]);
    expect(s.shnor).toBe(true);
    expect(s.warnings.map((w) => w.kind)).toEqual(["near-threshold"]);
  });
});

describe("exit conditions of a ШНОР", () => {
  test("R-SHNOR both rules: per low unit of Y (not Y−1), maxFailed and cut = failed − maxFailed, one sentence", () => {
    const rows = [
      low({ year: 2024, procedure: "ОГЭ", grade: 9 }),
      result({ participants: 50, failed: 18 }),
      result({ subject: "русский язык", grade: 6, participants: 24, failed: 8 }),
      ok({ grade: 7 }),
    ];
    const s = one(rows);
    expect(s.rules).toEqual([1, 2]);
    expect(s.exit!.units).toEqual([
      expect.objectContaining({ year: 2025, grade: 5, participants: 50, failed: 18, maxFailed: 14, cut: 4 }),
      expect.objectContaining({ year: 2025, grade: 6, participants: 24, failed: 8, maxFailed: 7, cut: 1 }),
    ]);
    expect(s.exit!.text).toBe(
      "Список покидает, если в 2025/2026 учебном году ни одна работа не будет низкой (не менее 30 % не справившихся): " +
        "при нынешнем числе участников ВПР 5 кл. математика — не более 14 «2» из 50 (сейчас 18, на 4 меньше), " +
        "ВПР 6 кл. русский язык — не более 7 «2» из 24 (сейчас 8, на 1 меньше).",
    );
    expect(s.exit!.condition).toBe(
      "Список покидает, если в 2025/2026 учебном году ни одна работа не будет низкой (не менее 30 % не справившихся).",
    );
  });

  test("exactly 30 %: 15 of 50 is low and needs one «2» fewer (maxFailed 14, cut 1); ЕГЭ counts «не преодолевших порог»", () => {
    const s = one([
      low({ year: 2024 }),
      result({ participants: 50, failed: 15 }),
      result({ procedure: "ЕГЭ", grade: 11, variant: "базовая", participants: 12, failed: 4 }),
    ]);
    expect(s.exit!.units.map((u) => [u.procedure, u.maxFailed, u.cut])).toEqual([
      ["ВПР", 14, 1],
      ["ЕГЭ", 3, 1],
    ]);
    expect(s.exit!.text).toContain(
      "ЕГЭ 11 кл. математика (базовая) — не более 3 не преодолевших порог из 12 (сейчас 4, на 1 меньше)",
    );
  });

  test("rule2SameProcedure: leaving needs no low unit of the procedures low in Y and at most one of the others", () => {
    const s = one(
      [low({ year: 2024 }), low(), low({ subject: "русский язык" })],
      settings({ rule2SameProcedure: true }),
    );
    expect(s.exit!.condition).toBe(
      "Список покидает, если в 2025/2026 учебном году не будет ни одной низкой работы (не менее 30 % не справившихся) " +
        "по процедуре ВПР и не более одной — по остальным.",
    );
  });

  test("a school that is not ШНОР has no exit conditions", () => {
    expect(one([ok({ year: 2024 }), ok()]).exit).toBeNull();
  });
});

describe("threshold sensitivity", () => {
  const rows = [
    // A: 26 % and 27 % in Y → ШНОР at 25 only.
    result({ school: "А", participants: 100, failed: 26 }),
    result({ school: "А", subject: "русский язык", participants: 100, failed: 27 }),
    // Б: 32 % twice → ШНОР at 25 and 30, not at 35.
    result({ school: "Б", participants: 100, failed: 32 }),
    result({ school: "Б", subject: "русский язык", participants: 100, failed: 32 }),
    // В: 40 % twice → ШНОР at every threshold.
    result({ school: "В", participants: 100, failed: 40 }),
    result({ school: "В", subject: "русский язык", participants: 100, failed: 40 }),
    ok({ school: "Г" }),
  ];

  test("the list at 25 / 30 / 35 %: who enters and who leaves against the list's own threshold", () => {
    const list = assess(rows);
    expect(list.sensitivity.thresholds).toEqual([25, 30, 35]);
    expect(list.sensitivity.columns).toEqual([
      { threshold: 25, base: false, shnor: 3, entered: ["name:а"], left: [] },
      { threshold: 30, base: true, shnor: 2, entered: [], left: [] },
      { threshold: 35, base: false, shnor: 1, entered: [], left: ["name:б"] },
    ]);
    const b = list.schools.find((s) => s.school === "Б")!;
    expect(b.sensitivity.map((v) => [v.threshold, v.shnor, v.rules])).toEqual([
      [25, true, [1]],
      [30, true, [1]],
      [35, false, []],
    ]);
  });

  test("the thresholds are a setting; the list's own threshold is always a column", () => {
    expect(sensitivityThresholds(settings({ threshold: 33, sensitivityThresholds: [35, 25] }))).toEqual([25, 33, 35]);
    const list = assess(rows, settings({ sensitivityThresholds: [20] }));
    expect(list.sensitivity.columns.map((c) => [c.threshold, c.shnor, c.base])).toEqual([
      [20, 3, false],
      [30, 2, true],
    ]);
  });
});
