/** Read the CLI's input files into grids, turning every file-level failure into one Russian line (exit 2). */
import fs from "node:fs";
import path from "node:path";
import type { WorkbookGrids } from "../core/types";
import { readXlsxBuffer } from "../xlsx/readWorkbook";
import { inspectXlsxPackage, XlsxPackageError, type XlsxPackageInfo } from "../xlsx/xlsxPackage";
import { CliError } from "./args";

/** Check that `file` exists and looks like an .xlsx package; a CliError otherwise. */
export function checkInputFile(file: string): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new CliError(`Файл не найден: «${file}».`);
  }
  if (stat.isDirectory()) throw new CliError(`«${file}» — папка, а нужен файл .xlsx.`);
  const ext = path.extname(file).toLowerCase();
  if (ext === ".xls") {
    throw new CliError(`Файл «${file}» в старом формате .xls: сохраните его в Excel или LibreOffice как .xlsx.`);
  }
  if (ext !== ".xlsx" && ext !== ".xlsm") {
    throw new CliError(`Файл «${file}» не является книгой .xlsx (расширение «${ext || "нет"}»).`);
  }
  let head: Buffer;
  try {
    const fd = fs.openSync(file, "r");
    head = Buffer.alloc(8);
    fs.readSync(fd, head, 0, 8, 0);
    fs.closeSync(fd);
  } catch (e) {
    throw new CliError(
      `Не удалось открыть файл «${file}»: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}.`,
    );
  }
  if (head.readUInt32BE(0) === 0xd0cf11e0) {
    throw new CliError(
      `Файл «${file}» защищён паролем или сохранён в старом формате .xls: снимите пароль и сохраните как .xlsx.`,
    );
  }
  if (head[0] !== 0x50 || head[1] !== 0x4b) {
    throw new CliError(`Файл «${file}» не является книгой Excel .xlsx (повреждён или переименован).`);
  }
}

/** A sheet that holds no cells to read (a chart sheet), named in the `registers` account. */
export interface SkippedChartSheet {
  file: string;
  sheet: string;
}

export interface InputFiles {
  workbooks: WorkbookGrids[];
  /** Chart sheets of every file (ExcelJS does not read them; they are named, not silently dropped). */
  chartSheets: SkippedChartSheet[];
  /** Per file (same order): what a copy through ExcelJS would lose (Russian, empty when nothing). */
  lossy: string[][];
}

/**
 * Read every file (in order): the package is inspected first (not a zip, a damaged zip, a zip that is not an
 * Excel workbook → one Russian line), then the sheets are read into grids. Errors become CliError.
 */
export async function readInputFiles(files: string[]): Promise<InputFiles> {
  const out: InputFiles = { workbooks: [], chartSheets: [], lossy: [] };
  for (const file of files) {
    checkInputFile(file);
    const label = path.basename(file);
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(file);
    } catch (e) {
      throw new CliError(
        `Не удалось открыть файл «${file}»: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}.`,
      );
    }
    let info: XlsxPackageInfo;
    try {
      info = await inspectXlsxPackage(bytes, label);
    } catch (e) {
      if (e instanceof XlsxPackageError) throw new CliError(e.message);
      throw e;
    }
    try {
      out.workbooks.push(await readXlsxBuffer(bytes, file));
    } catch (e) {
      // readXlsxBuffer's messages are one Russian line naming the file.
      throw new CliError(((e as Error).message ?? String(e)).split("\n")[0]);
    }
    out.chartSheets.push(...info.chartSheets.map((sheet) => ({ file: label, sheet })));
    out.lossy.push(info.lossy);
  }
  return out;
}

/** Read every file (in order) into grids; errors become CliError. */
export async function readInputs(files: string[]): Promise<WorkbookGrids[]> {
  return (await readInputFiles(files)).workbooks;
}
