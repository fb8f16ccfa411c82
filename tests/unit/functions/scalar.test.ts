/**
 * SHNOR.FAILSHARE, SHNOR.LOWRESULT (R-LOW) and SHNOR.DYNAMICS (R-DYN) called as Excel calls them: numbers, text
 * numbers with a decimal comma and «%», blanks as null / "" / 0, omitted optionals as null, bad input.
 */
import { dynamics, failShare, lowResult } from "../../../src/functions/functions";
import { thrown, withSavedSettings } from "./excel";

describe("FAILSHARE", () => {
  test("failure share 0–1 from counts, numbers or text", () => {
    expect(failShare(50, 17)).toBeCloseTo(0.34, 12);
    expect(failShare("50", " 17 ")).toBeCloseTo(0.34, 12);
    expect(failShare("1 200", "300")).toBeCloseTo(0.25, 12);
    expect(failShare(40, 0)).toBe(0);
  });

  test('blank (null or "") is missing → #N/A with a Russian message, never zero', () => {
    const e = thrown(() => failShare(null, 3));
    expect(e.code).toBe("#N/A");
    expect(e.message).toBe("участники: пустая ячейка — нет данных");
    expect(thrown(() => failShare(50, "")).message).toBe("не справились: пустая ячейка — нет данных");
  });

  test("0 participants (also a blank from older Excel builds) → #N/A «доля не определена»", () => {
    const e = thrown(() => failShare(0, 0));
    expect(e.code).toBe("#N/A");
    expect(e.message).toMatch(/доля не определена/);
  });

  test("bad input → #VALUE! naming the argument and the value", () => {
    expect(thrown(() => failShare("абв", 3))).toMatchObject({
      code: "#VALUE!",
      message: "участники: «абв» — не число",
    });
    expect(thrown(() => failShare("30,5", 3)).message).toBe("участники: ожидается целое число ≥ 0, получено «30,5»");
    expect(thrown(() => failShare(-5, 0)).code).toBe("#VALUE!");
    expect(thrown(() => failShare(10, 12)).message).toBe("не справились (12) больше, чем участников (10)");
    expect(thrown(() => failShare("50 %", 3)).message).toMatch(/не процент/);
    expect(thrown(() => failShare(true, 3)).code).toBe("#VALUE!");
  });
});

describe("LOWRESULT (R-LOW)", () => {
  test("R-LOW: exactly 30 % is low («не менее»), 29.9 % is not — default threshold", () => {
    expect(lowResult(50, 15, null)).toBe(true);
    expect(lowResult(1000, 299, null)).toBe(false);
    expect(lowResult(1000, 300, null)).toBe(true);
    expect(lowResult("50", "15", undefined)).toBe(true);
  });

  test("R-LOW: threshold as 25, «25 %», 0,25 and «30,5» (decimal comma)", () => {
    expect(lowResult(100, 25, 25)).toBe(true);
    expect(lowResult(100, 24, 25)).toBe(false);
    expect(lowResult(100, 25, "25 %")).toBe(true);
    expect(lowResult(100, 25, 0.25)).toBe(true);
    expect(lowResult(200, 61, "30,5")).toBe(true);
    expect(lowResult(200, 60, "30,5")).toBe(false);
  });

  test("R-LOW: blank threshold (null, \"\") and 0 (older builds' blank) use the workbook's threshold", () => {
    expect(lowResult(100, 20, "")).toBe(false);
    expect(lowResult(100, 20, 0)).toBe(false);
    withSavedSettings({ threshold: 20 }, () => {
      expect(lowResult(100, 20, null)).toBe(true);
      expect(lowResult(100, 20, 0)).toBe(true);
      expect(lowResult(100, 20, 25)).toBe(false);
    });
  });

  test("R-LOW: minParticipants from the workbook's settings; zero participants is never low", () => {
    expect(lowResult(0, 0, null)).toBe(false);
    expect(lowResult(5, 5, null)).toBe(true);
    withSavedSettings({ minParticipants: 10 }, () => expect(lowResult(5, 5, null)).toBe(false));
  });

  test("R-LOW: bad threshold or counts → #VALUE! with a Russian message; blank counts → #N/A", () => {
    expect(thrown(() => lowResult(100, 20, 150))).toMatchObject({
      code: "#VALUE!",
      message: expect.stringMatching(/порог/),
    });
    expect(thrown(() => lowResult(100, 20, "много")).message).toBe("порог: «много» — не число");
    expect(thrown(() => lowResult(100, 20, -3)).code).toBe("#VALUE!");
    expect(thrown(() => lowResult(100, null, null)).code).toBe("#N/A");
    expect(thrown(() => lowResult(10, 11, null)).code).toBe("#VALUE!");
  });
});

describe("DYNAMICS (R-DYN)", () => {
  test("R-DYN: failure share («доля2», default) — down is positive, up is negative, within tolerance unchanged", () => {
    expect(dynamics(40, 30, null, null)).toBe("положительная");
    expect(dynamics(30, 40, null, null)).toBe("отрицательная");
    expect(dynamics(30, 30.5, null, null)).toBe("без изменений");
    expect(dynamics(30, 31, null, null)).toBe("отрицательная");
    expect(dynamics(30, 29, "доля2", null)).toBe("положительная");
    expect(dynamics(30, 29, "Доля «2»", null)).toBe("положительная");
  });

  test("R-DYN: text with decimal comma and «%», fractions 0–1 read as shares", () => {
    expect(dynamics("30,5 %", "28 %", null, null)).toBe("положительная");
    expect(dynamics("30,5", 30, null, null)).toBe("без изменений");
    expect(dynamics(0.4, 0.3, null, null)).toBe("положительная");
    expect(dynamics(0.4, 0.395, null, null)).toBe("без изменений");
    // SPEC §2: «%» on either side makes both values percent — 0,4 % → 45 %.
    expect(dynamics(0.4, "45 %", null, null)).toBe("отрицательная");
  });

  test('R-DYN: a blank side (null or "") is «нет данных», not zero; a typed 0 is a value', () => {
    expect(dynamics(null, 30, null, null)).toBe("нет данных");
    expect(dynamics(30, "", null, null)).toBe("нет данных");
    expect(dynamics("", "", null, null)).toBe("нет данных");
    expect(dynamics(0, 10, null, null)).toBe("отрицательная");
  });

  test("R-DYN: «качество» is a good metric (up is positive)", () => {
    expect(dynamics(60, 70, "качество", null)).toBe("положительная");
    expect(dynamics(70, 60, "Качество", null)).toBe("отрицательная");
    expect(dynamics(70, 70.5, "качество", null)).toBe("без изменений");
  });

  test("R-DYN: tolerance argument, blank → workbook settings, 0 counts any change", () => {
    expect(dynamics(30, 30.5, null, 0)).toBe("отрицательная");
    expect(dynamics(30, 33, null, "5")).toBe("без изменений");
    expect(dynamics(30, 33, null, "")).toBe("отрицательная");
    withSavedSettings({ tolerance: 5 }, () => {
      expect(dynamics(30, 33, null, null)).toBe("без изменений");
      expect(dynamics(30, 33, null, 1)).toBe("отрицательная");
    });
  });

  test("R-DYN: bad input → #VALUE! with a Russian message", () => {
    expect(thrown(() => dynamics(30, 20, "оценка", null)).message).toBe(
      "вид: «оценка» — ожидается «доля2» или «качество»",
    );
    expect(thrown(() => dynamics("тридцать", 20, null, null))).toMatchObject({
      code: "#VALUE!",
      message: "было: «тридцать» — не число",
    });
    expect(thrown(() => dynamics(30, 120, null, null)).message).toBe("стало: доля больше 100 % («120»)");
    expect(thrown(() => dynamics(-1, 20, null, null)).code).toBe("#VALUE!");
    expect(thrown(() => dynamics(30, 20, null, -1)).message).toMatch(/допуск/);
  });
});
