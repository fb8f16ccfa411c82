/**
 * Benchmark child: a national-size register (default 40,000 schools × 3 years, 1.56 M rows) held in memory as grids,
 * through the whole pure pipeline — recognition (src/registers) → R-UNIT … R-LIST (src/core) → the sheet plan.
 * Prints the pipeline's time (grid generation excluded) as JSON.
 */
import { buildAnnualList } from "../../src/app/buildList";
import type { CellValue, WorkbookGrids } from "../../src/core/types";
import { prng } from "../../scripts/prng";

const SCHOOLS = Number(process.argv[2] ?? 40000);
const YEARS = [2023, 2024, 2025];

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

const wb = makeRegister();
const t1 = performance.now();
const { list, plan, registers } = buildAnnualList([wb], { year: 2025, generatedAt: new Date(2025, 8, 1) });
const seconds = (performance.now() - t1) / 1000;
process.stdout.write(
  JSON.stringify({
    seconds,
    rows: wb.sheets[0].values.length,
    records: registers.results.length,
    problems: registers.problems.length,
    shnor: list.summary.shnor,
    schools: list.summary.total,
    planRows: plan.table?.rows.length ?? 0,
  }),
);
