/**
 * Caches of the custom functions: a small LRU map, a streaming content hash of a range and an exact equality check.
 * 2,000 formulas over the same register parse it once (issue 3).
 */
import type { Grid } from "../core/types";

/** Least-recently-used map with a fixed capacity. */
export class LruCache<K, V> {
  private readonly map = new Map<K, V>();
  constructor(readonly capacity: number) {
    if (!(capacity >= 1)) throw new Error("LRU capacity must be ≥ 1");
  }
  get size(): number {
    return this.map.size;
  }
  get(key: K): V | undefined {
    const v = this.map.get(key);
    if (v === undefined) return undefined;
    this.map.delete(key);
    this.map.set(key, v);
    return v;
  }
  set(key: K, value: V): void {
    if (this.map.has(key)) this.map.delete(key);
    this.map.set(key, value);
    while (this.map.size > this.capacity) {
      const oldest = this.map.keys().next().value as K;
      this.map.delete(oldest);
    }
  }
  clear(): void {
    this.map.clear();
  }
}

// Bound once: a global lookup per multiplication is far slower in sandboxed runtimes (and under jest's vm).
const imul = Math.imul;
// Scratch buffers for hashing numbers without allocating: a float64 read back as two 32-bit words.
const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);

/** Type tags mixed into the hash so that null, "", 0, "0", false and a date never hash alike by accident. */
const TAG_NULL = 1;
const TAG_STRING = 2;
const TAG_NUMBER = 3;
const TAG_TRUE = 4;
const TAG_FALSE = 5;
const TAG_DATE = 6;
const TAG_ROW = 7;

/**
 * Two 32-bit hash lanes streamed over a grid: lane A is FNV-1a, lane B an FNV-1a-like lane with another offset and an
 * odd multiplier. Together ~64 bits. Cell by cell, type tag then value (strings by UTF-16 code units, numbers by their
 * IEEE-754 bits), rows delimited by their length; no string of the range is ever built.
 */
export function hashGrid(values: Grid): { a: number; b: number } {
  // Written out by hand (no helper closure): this loop runs over every cell of the range on every call.
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  let x = 0;
  for (let r = 0; r < values.length; r++) {
    const row = values[r];
    const n = row.length;
    a = imul(a ^ TAG_ROW, 0x01000193);
    b = imul(b ^ TAG_ROW, 0x5bd1e995);
    a = imul(a ^ n, 0x01000193);
    b = imul(b ^ n, 0x5bd1e995);
    for (let c = 0; c < n; c++) {
      const v = row[c];
      if (typeof v === "string") {
        const len = v.length;
        a = imul(a ^ TAG_STRING, 0x01000193);
        b = imul(b ^ (TAG_STRING + (len << 3)), 0x5bd1e995);
        for (let i = 0; i < len; i++) {
          x = v.charCodeAt(i);
          a = imul(a ^ x, 0x01000193);
          b = imul(b ^ x, 0x5bd1e995);
          b ^= b >>> 15;
        }
        continue;
      }
      if (typeof v === "number") {
        f64[0] = v;
        a = imul(a ^ TAG_NUMBER, 0x01000193);
        a = imul(a ^ u32[0], 0x01000193);
        a = imul(a ^ u32[1], 0x01000193);
        b = imul(b ^ TAG_NUMBER, 0x5bd1e995);
        b = imul(b ^ u32[0], 0x5bd1e995);
        b ^= b >>> 15;
        b = imul(b ^ u32[1], 0x5bd1e995);
      } else if (v === null || v === undefined) {
        x = TAG_NULL;
        a = imul(a ^ x, 0x01000193);
        b = imul(b ^ x, 0x5bd1e995);
      } else if (typeof v === "boolean") {
        x = v ? TAG_TRUE : TAG_FALSE;
        a = imul(a ^ x, 0x01000193);
        b = imul(b ^ x, 0x5bd1e995);
      } else {
        f64[0] = v.getTime();
        a = imul(a ^ TAG_DATE, 0x01000193);
        a = imul(a ^ u32[0], 0x01000193);
        a = imul(a ^ u32[1], 0x01000193);
        b = imul(b ^ TAG_DATE, 0x5bd1e995);
        b = imul(b ^ u32[0], 0x5bd1e995);
        b ^= b >>> 15;
        b = imul(b ^ u32[1], 0x5bd1e995);
      }
      b ^= b >>> 15;
    }
  }
  return { a: a >>> 0, b: b >>> 0 };
}

/**
 * The content key of a range: its shape plus the two hash lanes of hashGrid — a short string whatever the range's
 * size. A key match is only a candidate: the cache confirms it with gridEquals, so a collision never gives a wrong
 * answer. null, "", 0, "0" and false hash differently (type tags), and so do shapes.
 */
export function gridKey(values: Grid): string {
  const { a, b } = hashGrid(values);
  const width = values.length > 0 ? values[0].length : 0;
  return `${values.length}x${width}:${a.toString(36)}:${b.toString(36)}`;
}

function sameCell(x: Grid[number][number], y: Grid[number][number]): boolean {
  if (x === y) return true;
  if (x instanceof Date && y instanceof Date) return x.getTime() === y.getTime();
  // NaN never reaches a Grid from Excel (toCellValue maps it to null), but equal NaNs are the same content.
  return typeof x === "number" && typeof y === "number" && Number.isNaN(x) && Number.isNaN(y);
}

/** Exact, allocation-free equality of two grids: same shape, same cell types and values (null ≠ "" ≠ 0 ≠ "0"). */
export function gridEquals(x: Grid, y: Grid): boolean {
  if (x === y) return true;
  if (x.length !== y.length) return false;
  for (let r = 0; r < x.length; r++) {
    const rx = x[r];
    const ry = y[r];
    if (!Array.isArray(ry) || rx.length !== ry.length) return false;
    for (let c = 0; c < rx.length; c++) {
      const a = rx[c];
      const b = ry[c];
      if (a !== b && !sameCell(a, b)) return false;
    }
  }
  return true;
}

/** A copy of a grid (rows copied; cells are immutable values), so later changes to the caller's arrays never reach the cache. */
export function copyGrid(values: Grid): Grid {
  return values.map((row) => row.slice());
}
