/** Real .xlsx registers written with ExcelJS into os.tmpdir() for the pipeline and CLI tests. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { buildAnnualList, type BuildListOptions, type BuildListResult } from "../../../src/app";
import type { SchoolAssessment } from "../../../src/core/list.types";
import { readXlsxFile } from "../../../src/xlsx/readWorkbook";

export type Row = (string | number | null)[];
export interface SheetSpec {
  name: string;
  rows: Row[];
}

export const RESULTS_HEADER: Row = [
  "Школа",
  "Учебный год",
  "Процедура",
  "Класс",
  "Предмет",
  "Участники",
  "Не справились",
];

export function tmpDir(prefix = "shnor-test-"): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Write a workbook with the given sheets (rows from A1) and return its path. */
export async function writeXlsx(sheets: SheetSpec[], fileName = "реестр.xlsx", dir = tmpDir()): Promise<string> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    s.rows.forEach((r) => ws.addRow(r));
  }
  const file = path.join(dir, fileName);
  await wb.xlsx.writeFile(file);
  return file;
}

/** A «ВПР» sheet: a title row, then the header, then rows. */
export function resultsSheet(rows: Row[], name = "ВПР"): SheetSpec {
  return { name, rows: [["Результаты оценочных процедур по школам района"], RESULTS_HEADER, ...rows] };
}

/** One ВПР row. */
export function vpr(
  school: string,
  year: string | number,
  grade: string,
  subject: string,
  n: number | string,
  failed: number | string,
): Row {
  return [school, year, "ВПР", grade, subject, n, failed];
}

/** Real file → readXlsxFile → buildAnnualList. */
export async function listFromSheets(sheets: SheetSpec[], options: BuildListOptions = {}): Promise<BuildListResult> {
  const file = await writeXlsx(sheets);
  const grids = await readXlsxFile(file);
  return buildAnnualList([grids], options);
}

export function school(result: BuildListResult, name: string): SchoolAssessment {
  const found = result.list.schools.filter((s) => s.school === name);
  if (found.length !== 1) {
    throw new Error(
      `expected one school «${name}», got ${found.length}: ${result.list.schools.map((s) => s.school).join(" | ")}`,
    );
  }
  return found[0];
}
