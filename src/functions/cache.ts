/**
 * Caches of the custom functions: a small LRU map, and an exact content key for a range.
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

/**
 * The content key of a range: its values as JSON. Exact (null, "", 0, "0" and false all differ, and so do shapes), and
 * cheap — JSON.stringify and the Map's own string hashing are native, which matters when 2,000 formulas pass the same
 * range. Excel never passes Date objects to custom functions; were one given, it would read as its ISO text.
 */
export function gridKey(values: Grid): string {
  return JSON.stringify(values);
}
