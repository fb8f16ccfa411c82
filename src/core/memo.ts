/**
 * Memoisation of pure string → value functions. Register values repeat a lot (the same school, subject and procedure
 * names on thousands of rows), so text normalisation is cached; the cache is bounded and simply cleared when full.
 */
export function memoizeString<T>(fn: (s: string) => T, max = 100_000): (s: string) => T {
  const cache = new Map<string, T>();
  return (s: string): T => {
    const hit = cache.get(s);
    if (hit !== undefined || cache.has(s)) return hit as T;
    if (cache.size >= max) cache.clear();
    const v = fn(s);
    cache.set(s, v);
    return v;
  };
}
