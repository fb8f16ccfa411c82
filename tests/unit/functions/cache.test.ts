/**
 * The register cache (issue 3): 2,000 formulas `=SHNOR.CLASSIFY(range; year; school)` over the same range content parse
 * it once; a changed range re-parses. Counted through the exported counters, never timed.
 */
import { gridEquals, gridKey, hashGrid, LruCache } from "../../../src/functions/cache";
import { classify, listChange, reasons } from "../../../src/functions/functions";
import { cacheStats, resetCaches } from "../../../src/functions/registerRange";
import { at, type Cell, register, withSavedSettings } from "./excel";

const SCHOOLS = 40;
function rows(): Cell[][] {
  const out: Cell[][] = [];
  for (let i = 1; i <= SCHOOLS; i++) {
    out.push([`СОШ № ${i}`, 2025, "ВПР", 5, "Математика", 30, i % 3 === 0 ? 12 : 3]);
    out.push([`СОШ № ${i}`, 2025, "ВПР", 6, "Русский язык", 30, i % 3 === 0 ? 10 : 2]);
    out.push([`СОШ № ${i}`, 2024, "ВПР", 5, "Математика", 30, 4]);
  }
  return out;
}

beforeEach(() => resetCaches());

describe("register cache keyed by the range's content", () => {
  test("R-SHNOR: 2,000 calls over the same content (fresh arrays each call, as Excel passes) parse once", () => {
    const base = rows();
    for (let k = 0; k < 2000; k++) {
      const i = (k % SCHOOLS) + 1;
      const out = classify(register(base), 2025, `СОШ № ${i}`, at("Лист1!A1:G122"));
      expect(out).toEqual([[i % 3 === 0 ? "ШНОР (правило 1)" : "не ШНОР"]]);
    }
    expect(cacheStats.parses).toBe(1);
    expect(cacheStats.assessments).toBe(1);
    expect(cacheStats.hits).toBe(1999);
    // REASONS and LISTCHANGE over the same range share the parsed register and the assessment.
    reasons(register(base), 2025, "СОШ № 3", at("Лист1!A1:G122"));
    listChange(register(base), 2025, "СОШ № 3", at("Лист1!A1:G122"));
    expect(cacheStats.parses).toBe(1);
    expect(cacheStats.assessments).toBe(1);
  });

  test("a changed cell re-parses; results follow the new content", () => {
    const base = rows();
    expect(classify(register(base), 2025, "СОШ № 1", at("Лист1!A1:G122"))).toEqual([["не ШНОР"]]);
    const changed = rows();
    changed[0][6] = 15; // СОШ № 1, 5 кл. математика: 15 из 30
    changed[1][6] = 10;
    expect(classify(register(changed), 2025, "СОШ № 1", at("Лист1!A1:G122"))).toEqual([["ШНОР (правило 1)"]]);
    expect(cacheStats.parses).toBe(2);
    // Back to the first content: still cached.
    expect(classify(register(base), 2025, "СОШ № 1", at("Лист1!A1:G122"))).toEqual([["не ШНОР"]]);
    expect(cacheStats.parses).toBe(2);
  });

  test('a blank turned into "" or 0 is a different content (never confused with the cached one)', () => {
    const base = rows();
    classify(register(base), 2025, null, at("Лист1!A1:G122"));
    const withEmpty = register(base);
    withEmpty[0][1] = "";
    classify(withEmpty, 2025, null, at("Лист1!A1:G122"));
    const withZero = register(base);
    withZero[0][1] = 0;
    classify(withZero, 2025, null, at("Лист1!A1:G122"));
    expect(cacheStats.parses).toBe(3);
  });

  test("another year or other saved settings re-assess without re-parsing", () => {
    const base = rows();
    classify(register(base), 2025, null, at("Лист1!A1:G122"));
    classify(register(base), 2024, null, at("Лист1!A1:G122"));
    withSavedSettings({ threshold: 10 }, () => {
      // 3 из 30 in 2025 and 4 из 30 in 2024 are low at 10 % → rule 2.
      expect(classify(register(base), 2025, "СОШ № 1", at("Лист1!A1:G122"))).toEqual([["ШНОР (правило 2)"]]);
    });
    expect(cacheStats.parses).toBe(1);
    expect(cacheStats.assessments).toBe(3);
  });

  test("the same content on another sheet is parsed under that sheet's name (context and messages)", () => {
    const base = rows();
    classify(register(base), 2025, null, at("Лист1!A1:G122"));
    classify(register(base), 2025, null, at("Лист2!A1:G122"));
    expect(cacheStats.parses).toBe(2);
  });
});

describe("a big register: the key is a hash, not the range as text (audit)", () => {
  const BIG = 20000;
  function bigRows(): Cell[][] {
    const out: Cell[][] = [];
    for (let i = 0; i < BIG; i++) {
      const school = `СОШ № ${Math.floor(i / 4) + 1}`;
      out.push([school, 2025 - (i % 2), "ВПР", 5 + (i % 4), "Математика", 30, i % 8 === 0 ? 12 : 3]);
    }
    return out;
  }

  test("R-SHNOR: 2,000 calls over a 20,000-row range parse it once and assess it once", () => {
    const base = bigRows();
    const address = `Лист1!A1:G${BIG + 2}`;
    const first = classify(register(base), 2025, "СОШ № 1", at(address));
    for (let k = 1; k < 2000; k++) {
      const out = classify(register(base), 2025, `СОШ № ${(k % 5000) + 1}`, at(address));
      expect(out).toHaveLength(1);
    }
    expect(classify(register(base), 2025, "СОШ № 1", at(address))).toEqual(first);
    expect(cacheStats.parses).toBe(1);
    expect(cacheStats.assessments).toBe(1);
    expect(cacheStats.hits).toBe(2000);
    expect(cacheStats.collisions).toBe(0);
  }, 120000);

  test("the key stays short whatever the range's size", () => {
    expect(gridKey(register(bigRows())).length).toBeLessThan(40);
  });
});

describe("cache building blocks", () => {
  test("LRU evicts the least recently used entry", () => {
    const lru = new LruCache<string, number>(2);
    lru.set("a", 1);
    lru.set("b", 2);
    expect(lru.get("a")).toBe(1);
    lru.set("c", 3);
    expect(lru.get("b")).toBeUndefined();
    expect(lru.get("a")).toBe(1);
    expect(lru.get("c")).toBe(3);
    expect(lru.size).toBe(2);
  });

  test('the content key tells null, "", 0, "0" and false apart, and shapes apart', () => {
    const keys = [
      [[null]],
      [[""]],
      [[0]],
      [["0"]],
      [[false]],
      [[null, null]],
      [[null], [null]],
      [["a,b"]],
      [["a", "b"]],
    ].map(gridKey);
    expect(new Set(keys).size).toBe(keys.length);
    expect(gridKey([[1, "a"]])).toBe(gridKey([[1, "a"]]));
  });

  test("the hash lanes depend on every cell, on the cell order and on where rows break", () => {
    const h = (g: (string | number | boolean | null)[][]) => hashGrid(g);
    expect(h([["ab", "c"]])).not.toEqual(h([["a", "bc"]]));
    expect(h([[1, 2]])).not.toEqual(h([[2, 1]]));
    expect(h([[1, 2, 3, 4]])).not.toEqual(
      h([
        [1, 2],
        [3, 4],
      ]),
    );
    expect(h([[0]])).not.toEqual(h([[-0.0000001]]));
    expect(h([["Школа № 1"]])).toEqual(h([["Школа № 1"]]));
  });

  test("equality is exact: types, values and shapes; equal dates by time", () => {
    expect(gridEquals([[1, "a", null, true]], [[1, "a", null, true]])).toBe(true);
    expect(gridEquals([[null]], [[""]])).toBe(false);
    expect(gridEquals([[0]], [["0"]])).toBe(false);
    expect(gridEquals([[0]], [[false]])).toBe(false);
    expect(gridEquals([[1, 2]], [[1], [2]])).toBe(false);
    expect(gridEquals([[1]], [[1], [1]])).toBe(false);
    expect(gridEquals([[new Date(2025, 0, 1)]], [[new Date(2025, 0, 1)]])).toBe(true);
    expect(gridEquals([[new Date(2025, 0, 1)]], [[new Date(2025, 0, 2)]])).toBe(false);
  });
});
