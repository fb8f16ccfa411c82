import {
  dynamicsVerdict,
  isLowUnit,
  listChange,
  markers,
  reachesThreshold,
  schoolDynamics,
  shnorRules,
  shnorStatus,
} from "../../../src/core/rules";
import { buildUnits, classUnits } from "../../../src/core/units";
import type { ResultRecord } from "../../../src/core/types";
import { low, ok, result, settings } from "./records";

const S = settings();
const unit = (participants: number, failed: number) => ({ participants, failed });
const rulesOf = (rows: ResultRecord[], year = 2025, s = S) => shnorRules(buildUnits(rows, s), year, s);

describe("R-LOW", () => {
  test("R-LOW: exactly 30 % is low (15 of 50), 29.9 % is not (299 of 1000)", () => {
    expect(isLowUnit(unit(50, 15), S)).toBe(true);
    expect(isLowUnit(unit(1000, 300), S)).toBe(true);
    expect(isLowUnit(unit(1000, 299), S)).toBe(false);
    expect(isLowUnit(unit(50, 14), S)).toBe(false);
  });

  test("R-LOW: 30,00 % of 30 is low, 29,41 % of 34 is not (counts compared exactly)", () => {
    expect(isLowUnit(unit(30, 9), S)).toBe(true);
    expect(isLowUnit(unit(34, 10), S)).toBe(false);
  });

  test("R-LOW: non-integer thresholds are compared exactly (33.3 %, 12.5 %, 0.1 %)", () => {
    const s333 = settings({ threshold: 33.3 });
    expect(isLowUnit(unit(1000, 333), s333)).toBe(true);
    expect(isLowUnit(unit(1000, 332), s333)).toBe(false);
    expect(isLowUnit(unit(3, 1), s333)).toBe(true);
    const s125 = settings({ threshold: 12.5 });
    expect(isLowUnit(unit(8, 1), s125)).toBe(true);
    expect(isLowUnit(unit(9, 1), s125)).toBe(false);
    expect(reachesThreshold(1, 1000, 0.1)).toBe(true);
    expect(reachesThreshold(0, 1000, 0.1)).toBe(false);
  });

  test("R-LOW: huge counts still compare exactly (BigInt path)", () => {
    expect(reachesThreshold(3_000_000_000_000, 10_000_000_000_000, 30.000001)).toBe(false);
    expect(reachesThreshold(3_000_000_100_000, 10_000_000_000_000, 30.000001)).toBe(true);
  });

  test("R-LOW: minParticipants — fewer participants are never low", () => {
    const s = settings({ minParticipants: 5 });
    expect(isLowUnit(unit(4, 4), s)).toBe(false);
    expect(isLowUnit(unit(5, 2), s)).toBe(true);
  });

  test("R-LOW: zero participants are never low, even with minParticipants 0 and threshold 0", () => {
    expect(isLowUnit(unit(0, 0), settings({ minParticipants: 0, threshold: 0 }))).toBe(false);
    expect(isLowUnit(unit(0, 0), S)).toBe(false);
  });
});

describe("R-SHNOR", () => {
  test("R-SHNOR rule 1: two low units in Y", () => {
    const r = rulesOf([low(), low({ subject: "русский язык" })]);
    expect(r.rules).toEqual([1]);
    expect(r.lowCurrent).toHaveLength(2);
    expect(r.hasPrevious).toBe(false);
  });

  test("R-SHNOR rule 2: one low unit in each of Y and Y−1", () => {
    const r = rulesOf([low(), low({ year: 2024, procedure: "ОГЭ", grade: 9 }), ok({ subject: "русский язык" })]);
    expect(r.rules).toEqual([2]);
    expect(r.lowPrevious).toHaveLength(1);
    expect(r.hasPrevious).toBe(true);
  });

  test("R-SHNOR: two low units only in Y−1 → not ШНОР in Y", () => {
    const r = rulesOf([low({ year: 2024 }), low({ year: 2024, subject: "русский язык" }), ok()]);
    expect(r.rules).toEqual([]);
    expect(r.lowPrevious).toHaveLength(2);
  });

  test("R-SHNOR: both rules", () => {
    expect(rulesOf([low(), low({ subject: "русский язык" }), low({ year: 2024 })]).rules).toEqual([1, 2]);
  });

  test("R-SHNOR: one low unit in Y and none in Y−1 → not ШНОР; units of Y−2 do not count", () => {
    expect(rulesOf([low(), ok({ year: 2024 }), low({ year: 2023 })]).rules).toEqual([]);
  });

  test("R-SHNOR: a low unit of a subject outside the set does not count", () => {
    expect(rulesOf([low(), low({ subject: "физика" })]).rules).toEqual([]);
  });

  test("R-SHNOR rule2SameProcedure: off — ВПР in Y and ОГЭ in Y−1 meet rule 2; on — they do not", () => {
    const rows = [low(), low({ year: 2024, procedure: "ОГЭ", grade: 9 })];
    expect(rulesOf(rows).rules).toEqual([2]);
    const same = settings({ rule2SameProcedure: true });
    expect(rulesOf(rows, 2025, same).rules).toEqual([]);
    expect(rulesOf([low(), low({ year: 2024, grade: 4 })], 2025, same).rules).toEqual([2]);
  });
});

describe("R-MARK", () => {
  test("R-MARK: 5А+5Б summed into one low unit while 5А alone is the marker", () => {
    const rows = [
      result({ classLabel: "5А", participants: 20, failed: 10 }),
      result({ classLabel: "5Б", participants: 20, failed: 2 }),
    ];
    const units = buildUnits(rows, S);
    expect(units).toHaveLength(1);
    expect(isLowUnit(units[0], S)).toBe(true); // 12 of 40 = 30 %
    expect(markers(classUnits(rows, S), 2025, S)).toEqual(["5А"]);
  });

  test("R-MARK: markers are unique, sorted, and only of year Y", () => {
    const rows = [
      result({ classLabel: "6Б", grade: 6, participants: 10, failed: 5 }),
      result({ classLabel: "5В", participants: 10, failed: 5 }),
      result({ classLabel: "5В", subject: "русский язык", participants: 10, failed: 5 }),
      result({ classLabel: "5А", participants: 10, failed: 1 }),
      result({ classLabel: "7А", grade: 7, year: 2024, participants: 10, failed: 9 }),
    ];
    expect(markers(classUnits(rows, S), 2025, S)).toEqual(["5В", "6Б"]);
  });
});

describe("R-DYN", () => {
  test("R-DYN: bad metric — Δ = −1 p.p. is positive, Δ = −0.9 unchanged, Δ = +1 negative (tolerance 1)", () => {
    expect(dynamicsVerdict(31, 30, "bad", 1)).toEqual({
      previous: 31,
      current: 30,
      delta: -1,
      verdict: "положительная",
    });
    expect(dynamicsVerdict(30.9, 30, "bad", 1).verdict).toBe("без изменений");
    expect(dynamicsVerdict(30, 31, "bad", 1).verdict).toBe("отрицательная");
    expect(dynamicsVerdict(30, 30.9, "bad", 1).verdict).toBe("без изменений");
  });

  test("R-DYN: float noise does not move an edge (0.3 → 0.2 with tolerance 0.1)", () => {
    expect(dynamicsVerdict(0.3, 0.2, "bad", 0.1).verdict).toBe("положительная");
    expect(dynamicsVerdict(0.3, 0.2, "bad", 0.1).delta).toBe(-0.1);
  });

  test("R-DYN: good metric is reversed", () => {
    expect(dynamicsVerdict(60, 62, "good", 1).verdict).toBe("положительная");
    expect(dynamicsVerdict(60, 58, "good", 1).verdict).toBe("отрицательная");
    expect(dynamicsVerdict(60, 60.5, "good", 1).verdict).toBe("без изменений");
  });

  test("R-DYN: tolerance 0 — no change stays «без изменений»", () => {
    expect(dynamicsVerdict(10, 10, "bad", 0).verdict).toBe("без изменений");
    expect(dynamicsVerdict(10, 10.1, "bad", 0).verdict).toBe("отрицательная");
  });

  test("R-DYN: missing side ⇒ «нет данных»", () => {
    expect(dynamicsVerdict(null, 10, "bad", 1)).toEqual({
      previous: null,
      current: 10,
      delta: null,
      verdict: "нет данных",
    });
    expect(dynamicsVerdict(10, null, "good", 1).verdict).toBe("нет данных");
  });

  test("R-DYN: pooled over units present in both years only", () => {
    const rows = [
      // ВПР 5 math in both years: 10/50 → 5/50; ВПР 6 math only in Y (ignored); ОГЭ only in Y−1 (ignored).
      result({ year: 2024, participants: 50, failed: 10 }),
      result({ year: 2025, participants: 50, failed: 5 }),
      result({ year: 2025, grade: 6, participants: 50, failed: 50 }),
      result({ year: 2024, procedure: "ОГЭ", grade: 9, participants: 20, failed: 2 }),
      // ВПР 5 Russian in both years: 0/50 → 5/50.
      result({ year: 2024, subject: "русский язык", participants: 50, failed: 0 }),
      result({ year: 2025, subject: "русский язык", participants: 50, failed: 5 }),
    ];
    const d = schoolDynamics(buildUnits(rows, S), 2025, S);
    expect(d.vprFail).toEqual({ previous: 10, current: 10, delta: 0, verdict: "без изменений" });
    expect(d.ogeFail.verdict).toBe("нет данных");
    expect(d.success.verdict).toBe("нет данных");
  });

  test("R-DYN: успеваемость and качество over paired units with marks", () => {
    const rows = [
      result({ year: 2024, participants: 20, failed: 4, marks: { m2: 4, m3: 8, m4: 6, m5: 2 } }),
      result({ year: 2025, participants: 20, failed: 2, marks: { m2: 2, m3: 8, m4: 6, m5: 4 } }),
      result({ year: 2024, procedure: "ОГЭ", grade: 9, participants: 10, failed: 3 }),
      result({ year: 2025, procedure: "ОГЭ", grade: 9, participants: 10, failed: 1 }),
    ];
    const d = schoolDynamics(buildUnits(rows, S), 2025, S);
    expect(d.vprFail).toMatchObject({ previous: 20, current: 10, delta: -10, verdict: "положительная" });
    expect(d.ogeFail).toMatchObject({ previous: 30, current: 10, verdict: "положительная" });
    expect(d.success).toMatchObject({ previous: 80, current: 90, delta: 10, verdict: "положительная" });
    expect(d.quality).toMatchObject({ previous: 40, current: 50, delta: 10, verdict: "положительная" });
  });
});

describe("R-LIST", () => {
  const change = (rows: ResultRecord[], year = 2025) => listChange(buildUnits(rows, S), year, S);

  test("R-LIST: «включена» — ШНОР in Y, judged not ШНОР in Y−1", () => {
    const r = change([low(), low({ subject: "русский язык" }), ok({ year: 2024 })]);
    expect(r).toEqual({ change: "включена", yearsOnList: null, note: null });
  });

  test("R-LIST: «исключена» — ШНОР in Y−1 (rule 1), not in Y", () => {
    const r = change([low({ year: 2024 }), low({ year: 2024, subject: "русский язык" }), ok()]);
    expect(r.change).toBe("исключена");
  });

  test("R-LIST: «остаётся» 3rd year — ШНОР in 2023, 2024 and 2025", () => {
    const rows = [2023, 2024, 2025].flatMap((year) => [low({ year }), low({ year, subject: "русский язык" })]);
    expect(change(rows)).toEqual({ change: "остаётся", yearsOnList: 3, note: null });
  });

  test("R-LIST: «остаётся» 2nd year when Y−2 was judged not ШНОР", () => {
    const rows = [ok({ year: 2023 }), low({ year: 2024 }), low({ year: 2024, subject: "русский язык" }), low()];
    // 2024: rule 1; 2025: rule 2 (one low in 2025 and low in 2024); 2023: no low units.
    expect(change(rows)).toEqual({ change: "остаётся", yearsOnList: 2, note: null });
  });

  test("R-LIST: unknown — ШНОР in Y by rule 2 but Y−1 cannot be judged without Y−2 data (said in a note)", () => {
    const r = change([low(), low({ year: 2024 })]);
    expect(r.change).toBeNull();
    expect(r.note).toContain("2023/2024");
  });

  test("R-LIST: no data for Y−1 at all → change unknown, said", () => {
    const r = change([low(), low({ subject: "русский язык" })]);
    expect(r.change).toBeNull();
    expect(r.note).toMatch(/нет данных/);
  });

  test("R-LIST: no data for Y itself → the note names Y, not Y−1", () => {
    const r = change([ok({ year: 2023 }), ok({ year: 2024 })], 2030);
    expect(r).toEqual({ change: null, yearsOnList: null, note: "нет данных за 2029/2030 учебный год" });
  });

  test("R-LIST: not ШНОР in Y nor in Y−1 → null without a note", () => {
    expect(change([ok(), ok({ year: 2024 })])).toEqual({ change: null, yearsOnList: null, note: null });
  });

  test("R-LIST: shnorStatus — true, false, or null when it cannot be told", () => {
    const s = (rows: ResultRecord[], year = 2025) => shnorStatus(buildUnits(rows, S), year, S);
    expect(s([low(), low({ subject: "русский язык" })])).toBe(true);
    expect(s([ok()])).toBe(false);
    expect(s([low(), ok({ year: 2024 })])).toBe(false);
    expect(s([low()])).toBeNull();
    expect(s([ok({ year: 2024 })])).toBeNull();
  });
});
