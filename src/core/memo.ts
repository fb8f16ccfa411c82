/**
 * Memoisation of pure string → value functions. Register values repeat a lot (the same school, subject and procedure
 * names on thousands of rows), so text normalisation is cached; the cache is bounded and simply cleared when full.
 */
export function memoizeString<T>(fn: (s: string) => T, max = 100_000): (s: string) => T {
  const cache = new Map<string, T>();
  // Consecutive rows mostly ask for the same text (a school's rows are together): the last answer is kept aside,
  // so a repeat costs one comparison instead of a hash lookup.
  let lastKey: string | undefined;
  let lastValue: T;
  return (s: string): T => {
    if (s === lastKey) return lastValue;
    const hit = cache.get(s);
    if (hit !== undefined || cache.has(s)) {
      lastKey = s;
      return (lastValue = hit as T);
    }
    if (cache.size >= max) cache.clear();
    const v = fn(s);
    cache.set(s, v);
    lastKey = s;
    return (lastValue = v);
  };
}
