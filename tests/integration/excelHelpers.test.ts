/** Pure helpers of the Office.js adapter: A1 addresses, read/write block planning, value conversion (issue 4). */
import { cellA1, columnIndex, columnLetter, parseAreas, parseRange, rangeA1 } from "../../src/excel/a1";
import { planReads } from "../../src/excel/readWorkbook";
import { charsToPoints, estimateCellBytes, planWriteBlocks, toOfficeValue } from "../../src/excel/renderPlan";
import { INJECTION_TEXTS, PLAIN_TEXTS, PLAIN_VALUES } from "./injectionCases";
import type { CellValue } from "../../src/core/types";

describe("A1 helpers", () => {
  test("column letters round-trip at the alphabet boundaries", () => {
    for (const [i, l] of [
      [0, "A"],
      [25, "Z"],
      [26, "AA"],
      [701, "ZZ"],
      [702, "AAA"],
      [16383, "XFD"],
    ] as const) {
      expect(columnLetter(i)).toBe(l);
      expect(columnIndex(l)).toBe(i);
    }
    expect(cellA1(29, 7)).toBe("H30");
    expect(rangeA1(4, 0, 1, 1)).toBe("A5");
    expect(rangeA1(4, 0, 31, 14)).toBe("A5:N35");
  });

  test("RangeAreas addresses with quoted sheet names (commas inside quotes) become merged areas", () => {
    expect(parseRange("'Лист, 1'!$B$2:$D$3")).toEqual({ top: 1, left: 1, bottom: 2, right: 3 });
    expect(parseAreas("'Лист, 1'!A1:C1, 'Лист, 1'!E5")).toEqual([
      { top: 0, left: 0, bottom: 0, right: 2 },
      { top: 4, left: 4, bottom: 4, right: 4 },
    ]);
    expect(parseAreas("")).toEqual([]);
    expect(parseRange("не адрес")).toBeNull();
  });
});

describe("block planning (5 MB / 5M-cell limits of Excel on the web)", () => {
  test("reads: small sheets share one sync, a large sheet is split in row blocks under the cell budget", () => {
    const batches = planReads(
      [
        { rowIndex: 0, columnIndex: 0, rowCount: 10, columnCount: 5 },
        { rowIndex: 2, columnIndex: 1, rowCount: 100, columnCount: 10 },
        { rowIndex: 0, columnIndex: 0, rowCount: 5, columnCount: 2 },
      ],
      400,
    );
    const pieces = batches.flat();
    expect(batches.every((b) => b.reduce((s, p) => s + p.rows * p.cols, 0) <= 400)).toBe(true);
    const big = pieces.filter((p) => p.sheet === 1);
    expect(big.map((p) => p.rows)).toEqual([40, 40, 20]);
    expect(big.map((p) => p.row)).toEqual([2, 42, 82]);
    expect(pieces.filter((p) => p.sheet !== 1)).toHaveLength(2);
  });

  test("writes: ≤ 5,000 rows a block; byte budget splits long Cyrillic text earlier; rows are never lost", () => {
    const rows: CellValue[][] = Array.from({ length: 12_001 }, (_, i) => [i, "школа"]);
    const blocks = planWriteBlocks(rows);
    expect(blocks.map((b) => b.count)).toEqual([5000, 5000, 2001]);
    const heavy: CellValue[][] = Array.from({ length: 10 }, () => ["ж".repeat(100)]);
    const small = planWriteBlocks(heavy, 5000, 3 * estimateCellBytes("ж".repeat(100)) + 6);
    expect(small.map((b) => b.count)).toEqual([3, 3, 3, 1]);
    expect(planWriteBlocks([])).toEqual([]);
  });

  test("values: null → empty, Date → Excel serial (01.09.2025 = 45901), text Excel would parse gets the «'» prefix", () => {
    expect(toOfficeValue(null)).toBe("");
    expect(toOfficeValue(new Date(2025, 8, 1))).toBe(45901);
    for (const t of INJECTION_TEXTS) expect(toOfficeValue(t)).toBe(`'${t}`);
    for (const t of PLAIN_TEXTS) expect(toOfficeValue(t)).toBe(t);
    for (const v of PLAIN_VALUES) expect(toOfficeValue(v)).toBe(v);
    expect(charsToPoints(10)).toBeCloseTo(56.25);
  });
});
