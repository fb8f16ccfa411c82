/**
 * Benchmark: a national-size results register (default 40,000 schools × 3 years) through the whole pure pipeline —
 * register recognition (src/registers) → R-UNIT … R-LIST (src/core) → the annual-list sheet plan.
 *
 *   npm run bench                       # 40,000 schools
 *   SHNOR_BENCH_SCHOOLS=5000 npm run bench
 *   SHNOR_BENCH_COPY=0 npm run bench      # without the write-path section (bench/copy.ts)
 *
 * Prints the time of each stage and checks it against the goal below (exit 1 when a goal is missed), so that a
 * performance regression shows up here rather than in timed unit tests.
 */
import { buildAnnualList } from "../src/app/buildList";
import type { CellValue, WorkbookGrids } from "../src/core/types";
import { prng } from "../scripts/prng";
import { benchCopy } from "./copy";

const SCHOOLS = Number(process.env.SHNOR_BENCH_SCHOOLS ?? 40000);
const YEARS = [2023, 2024, 2025];
/** Goal: the whole pipeline for 40,000 schools × 3 years within this many seconds on the 2-core CI machine. */
const GOAL_SECONDS = Number(process.env.SHNOR_BENCH_GOAL ?? 60) * (SCHOOLS / 40000);

function makeRegister(): WorkbookGrids {
  const rand = prng(42);
  const header: CellValue[] = [
    "Код ОО",
    "Школа",
    "Учебный год",
    "Процедура",
    "Класс",
    "Предмет",
    "Участники",
    "Не справились",
  ];
  const rows: CellValue[][] = [["Результаты оценочных процедур (синтетический реестр для замера)"], [], header];
  const units: [string, number | null, string][] = [];
  for (const g of [4, 5, 6, 7, 8]) for (const s of ["Русский язык", "Математика"]) units.push(["ВПР", g, s]);
  units.push(["ОГЭ", 9, "Русский язык"], ["ОГЭ", 9, "Математика"], ["ЕГЭ", 11, "Русский язык"]);
  for (let i = 0; i < SCHOOLS; i++) {
    const code = `sch${String(100000 + i).padStart(6, "0")}`;
    const name = `МБОУ «СОШ № ${i + 1}»`;
    const weak = rand() < 0.08;
    for (const y of YEARS) {
      const label = `${y - 1}/${y}`;
      for (const [proc, grade, subject] of units) {
        const participants = 10 + Math.floor(rand() * 60);
        const p = weak ? 0.2 + rand() * 0.25 : rand() * 0.25;
        rows.push([code, name, label, proc, grade, subject, participants, Math.round(participants * p)]);
      }
    }
  }
  return { fileName: "bench.xlsx", sheets: [{ name: "Результаты", values: rows }] };
}

function main(): void {
  const t0 = performance.now();
  const wb = makeRegister();
  const rowCount = wb.sheets[0].values.length;
  const t1 = performance.now();
  const { list, plan, registers } = buildAnnualList([wb], { year: 2025, generatedAt: new Date(2025, 8, 1) });
  const t2 = performance.now();
  const seconds = (t2 - t1) / 1000;
  const mem = process.memoryUsage().heapUsed / 2 ** 20;
  console.log(
    `Реестр: ${SCHOOLS} школ × ${YEARS.length} года = ${rowCount} строк (генерация ${((t1 - t0) / 1000).toFixed(1)} с)`,
  );
  console.log(`Прочитано записей: ${registers.results.length}, проблем: ${registers.problems.length}`);
  console.log(`ШНОР: ${list.summary.shnor} из ${list.summary.total}; строк в листе: ${plan.table?.rows.length ?? 0}`);
  console.log(
    `Конвейер (распознавание → правила → план листа): ${seconds.toFixed(2)} с, ${Math.round(rowCount / seconds)} строк/с, память ${mem.toFixed(0)} МБ`,
  );
  const ok = seconds <= GOAL_SECONDS;
  console.log(`Цель: ≤ ${GOAL_SECONDS.toFixed(1)} с — ${ok ? "выполнена" : "НЕ выполнена"}`);
  if (!ok) process.exitCode = 1;

  // Write path (issue 12): a million-row workbook copied with the list grafted on, peak memory of its own process.
  if (process.env.SHNOR_BENCH_COPY !== "0") {
    console.log("");
    const copy = benchCopy();
    for (const line of copy.lines) console.log(line);
    if (!copy.ok) process.exitCode = 1;
  }
}

main();
