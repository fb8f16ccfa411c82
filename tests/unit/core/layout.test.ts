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
    expect(wrappedLines("x".repeat(20), 11, 1)).toBe(2); // 10 usable characters a line
    expect(wrappedLines("x".repeat(22), 11)).toBe(2); // body text: 11 characters a line
    expect(wrappedLines("x".repeat(22), 11, 0.85)).toBe(3); // bold header text: 8 characters a line
    expect(wrappedLines("", 10)).toBe(1);
    // wrapping is by words: in a bold header 12 characters wide «Признаки» takes a line and «необъективности»
    // (15 letters) does not fit one, so it breaks over two more
    expect(wrappedLines("Признаки необъективности", 16, 0.85)).toBe(3);
    expect(wrappedLines("Признаки необъективности", 30, 0.85)).toBe(1);
    expect(wrappedLines("aa bb cc", 6, 1)).toBe(2); // «aa bb» (5) + «cc»
  });

  test("a row is as tall as its tallest wrapped cell; one-line rows keep the default", () => {
    const reasons = "2025 · ВПР · 5 кл. · математика — 34,0 % (17 из 50)\n2025 · ВПР · 6 кл."; // 51 chars / 22 a line
    expect(rowHeight([1, reasons], cols)).toBe(4 * LINE_HEIGHT_POINTS);
    expect(rowHeight([1, "—"], cols)).toBeNull();
    // Only wrapped columns count (a long value in a non-wrapped column overflows to the right instead).
    expect(rowHeight(["x".repeat(100), "—"], cols)).toBeNull();
    expect(rowHeight(["x".repeat(100), "—"], cols, { wrapAll: true })).toBe(25 * LINE_HEIGHT_POINTS);
  });
});
