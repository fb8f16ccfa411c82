import {
  formatAcademicYear,
  formatDate,
  formatDeltaPp,
  formatPercent,
  formatSubject,
  formatUnitReason,
  gradeLabel,
} from "../../../src/core/format";
import { buildUnits } from "../../../src/core/units";
import { result, settings } from "./records";

describe("format (SPEC §1 years, Russian numbers)", () => {
  test("academic year by its end year: 2025 → 2024/2025", () => {
    expect(formatAcademicYear(2025)).toBe("2024/2025");
    expect(formatAcademicYear(2000)).toBe("1999/2000");
  });

  test("dates as dd.mm.yyyy", () => {
    expect(formatDate(new Date(2025, 8, 1))).toBe("01.09.2025");
    expect(formatDate(new Date(2024, 11, 31))).toBe("31.12.2024");
  });

  test("percent with a decimal comma and a space before %", () => {
    expect(formatPercent(0.34)).toBe("34,0 %");
    expect(formatPercent(1 / 3)).toBe("33,3 %");
    expect(formatPercent(0.29995, 2)).toBe("30,00 %");
    expect(formatPercent(0)).toBe("0,0 %");
    expect(formatPercent(1, 0)).toBe("100 %");
  });

  test("deltas in p.p. carry a sign; the minus is U+2212", () => {
    expect(formatDeltaPp(-3.2)).toBe("\u22123,2 п.п.");
    expect(formatDeltaPp(0.4)).toBe("+0,4 п.п.");
    expect(formatDeltaPp(0)).toBe("0,0 п.п.");
    expect(formatDeltaPp(-0.01)).toBe("0,0 п.п.");
  });

  test("grade label and subject variant", () => {
    expect(gradeLabel(5)).toBe("5 кл.");
    expect(formatSubject("математика", "базовая")).toBe("математика (базовая)");
    expect(formatSubject("русский язык", null)).toBe("русский язык");
  });

  test("R-SHNOR reason line of a unit", () => {
    const [u] = buildUnits([result({ participants: 50, failed: 17 })], settings());
    expect(formatUnitReason(u)).toBe("2025 · ВПР · 5 кл. · математика — 34,0 % (17 из 50)");
  });

  test("R-SHNOR reason without grade and with a variant (ЕГЭ)", () => {
    const [u] = buildUnits(
      [result({ procedure: "ЕГЭ", grade: null, variant: "базовая", participants: 20, failed: 7 })],
      settings(),
    );
    expect(formatUnitReason(u)).toBe("2025 · ЕГЭ · математика (базовая) — 35,0 % (7 из 20)");
  });
});
