/**
 * Benchmark child: `=SHNOR.CLASSIFY(range; 2025; school)` over one results range (default 84,000 rows), called as
 * Excel calls it: each call receives a fresh copy of the range (through JSON, as the custom-functions runtime passes
 * values) and the same content. Prints the first call's time and the median and mean time of the calls after it.
 */
import { classify } from "../../src/functions/functions";
import { cacheStats, resetCaches } from "../../src/functions/registerRange";
import { prng } from "../../scripts/prng";

const ROWS = Number(process.argv[2] ?? 84000);
const CALLS = Number(process.argv[3] ?? 300);

// The custom-functions runtime's error type (the functions throw it for #VALUE! / #N/A).
class FunctionError extends Error {
  constructor(
    readonly code: string,
    message?: string,
  ) {
    super(message);
  }
}
(globalThis as unknown as { CustomFunctions: unknown }).CustomFunctions = {
  Error: FunctionError,
  ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A", divisionByZero: "#DIV/0!", invalidNumber: "#NUM!" },
};

const header = ["Школа", "Учебный год", "Процедура", "Класс", "Предмет", "Участники", "Не справились"];
const units: [string, number, string][] = [];
for (const g of [4, 5, 6, 7, 8]) for (const s of ["Русский язык", "Математика"]) units.push(["ВПР", g, s]);
units.push(["ОГЭ", 9, "Русский язык"], ["ОГЭ", 9, "Математика"], ["ЕГЭ", 11, "Русский язык"]);
const rand = prng(3);
const rows: unknown[][] = [header];
let schools = 0;
while (rows.length <= ROWS) {
  schools++;
  for (const y of [2023, 2024, 2025]) {
    for (const [p, g, s] of units) {
      const n = 10 + Math.floor(rand() * 50);
      rows.push([`СОШ № ${schools}`, `${y - 1}/${y}`, p, g, s, n, Math.floor(n * rand() * 0.45)]);
    }
  }
}
rows.length = ROWS + 1;
const json = JSON.stringify(rows);
const copies = Array.from({ length: 4 }, () => JSON.parse(json) as unknown[][]);
const invocation = { parameterAddresses: [`Лист1!A1:G${ROWS + 1}`, "Лист1!K1", "Лист1!L1"] } as never;

resetCaches();
let t = performance.now();
const first = classify(copies[0], 2025, "СОШ № 1", invocation);
const firstMs = performance.now() - t;
const times: number[] = [];
for (let k = 0; k < CALLS; k++) {
  const range = copies[k % copies.length];
  t = performance.now();
  classify(range, 2025, `СОШ № ${(k % schools) + 1}`, invocation);
  times.push(performance.now() - t);
}
times.sort((a, b) => a - b);
process.stdout.write(
  JSON.stringify({
    firstMs,
    medianMs: times[Math.floor(times.length / 2)],
    meanMs: times.reduce((s, x) => s + x, 0) / times.length,
    calls: CALLS,
    rows: ROWS,
    schools,
    parses: cacheStats.parses,
    first: first[0][0],
  }),
);
