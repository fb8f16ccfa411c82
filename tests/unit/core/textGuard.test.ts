/** Issue 12: which plan texts Excel would turn into something else (formula, number, date, boolean, error). */
import { excelWouldConvert } from "../../../src/core/textGuard";
import { INJECTION_TEXTS, PLAIN_TEXTS } from "../../integration/injectionCases";

describe("excelWouldConvert (issue 12: no formula injection)", () => {
  test("formulas, numbers stored as text, dates, times, booleans, errors, a leading apostrophe: guarded", () => {
    for (const t of INJECTION_TEXTS) expect({ t, guarded: excelWouldConvert(t) }).toEqual({ t, guarded: true });
    for (const t of [
      "1e5",
      "(5)",
      "$1,000",
      "12-30-13",
      "3/4",
      "May 1",
      "апрель 2025",
      "5 р.",
      " 42 ",
      "ЛОЖЬ",
      "#ДЕЛ/0!",
    ]) {
      expect({ t, guarded: excelWouldConvert(t) }).toEqual({ t, guarded: true });
    }
  });

  test("ordinary text is left alone", () => {
    for (const t of [
      ...PLAIN_TEXTS,
      "",
      "Школа № 5",
      "5А класс",
      "ООШ с. Ивановка",
      "#5 в рейтинге",
      "май — сентябрь",
    ]) {
      expect({ t, guarded: excelWouldConvert(t) }).toEqual({ t, guarded: false });
    }
  });

  test("a long cell costs one pass (no catastrophic backtracking) and is still judged", () => {
    const digits = "1".repeat(200_000);
    const t0 = Date.now();
    expect(excelWouldConvert(`${digits}x`)).toBe(false);
    expect(excelWouldConvert(digits)).toBe(true);
    expect(excelWouldConvert(`${"а".repeat(200_000)}`)).toBe(false);
    expect(Date.now() - t0).toBeLessThan(2000);
  });
});
