import { LINE_HEIGHT_POINTS, rowHeight, wrappedLines } from "../../../src/core/layout";
import type { ColumnPlan } from "../../../src/core/sheetPlan";

const cols: ColumnPlan[] = [
  { key: "no", header: "№", width: 5 },
  { key: "reasons", header: "Низкие результаты", width: 21, wrap: true },
];

describe("row heights for wrapped text (sheet plans in LibreOffice / Р7)", () => {
  test("explicit line breaks and long lines both add lines", () => {
    expect(wrappedLines("a", 10)).toBe(1);
    expect(wrappedLines("a\nb\nc", 10)).toBe(3);
    expect(wrappedLines("x".repeat(20), 11)).toBe(2); // 10 usable characters a line
    expect(wrappedLines("", 10)).toBe(1);
  });

  test("a row is as tall as its tallest wrapped cell; one-line rows keep the default", () => {
    const reasons = "2025 · ВПР · 5 кл. · математика — 34,0 % (17 из 50)\n2025 · ВПР · 6 кл.";
    expect(rowHeight([1, reasons], cols)).toBe(4 * LINE_HEIGHT_POINTS);
    expect(rowHeight([1, "—"], cols)).toBeNull();
    // Only wrapped columns count (a long value in a non-wrapped column overflows to the right instead).
    expect(rowHeight(["x".repeat(100), "—"], cols)).toBeNull();
    expect(rowHeight(["x".repeat(100), "—"], cols, true)).toBe(25 * LINE_HEIGHT_POINTS);
  });
});
