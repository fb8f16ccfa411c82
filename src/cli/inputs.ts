/**
 * Read the CLI's input files into grids, turning every file-level failure into one Russian line (exit 2).
 * All file access of the reading side is here: src/xlsx works on bytes only.
 */
import fs from "node:fs";
import path from "node:path";
import type { WorkbookGrids } from "../core/types";
import { markGeneratedGrids } from "../xlsx/graft";
import { readXlsx, type XlsxReadLimits } from "../xlsx/readXlsx";
import { describePackage, openPackage, XlsxPackageError, type XlsxPackageInfo } from "../xlsx/xlsxPackage";
import { formatBytes } from "../xlsx/zip";
import { CliError } from "./args";
import { nodeReadOptions } from "./zlib";

/** Largest input file read (a zip held in memory; far beyond any register a department keeps). */
export const MAX_INPUT_BYTES = 1_000_000_000;

/** What a path that is not a regular file is, in the one Russian line that refuses it. */
function notAFile(stat: fs.Stats): string | null {
  if (stat.isDirectory()) return "папка";
  if (stat.isFIFO()) return "именованный канал (FIFO)";
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return "устройство";
  if (stat.isSocket()) return "сокет";
  if (!stat.isFile()) return "не обычный файл";
  return null;
}

/**
 * Check that `file` is a regular file with an .xlsx name, before anything opens it (opening a FIFO would wait for
 * a writer forever; a device could be read endlessly). A CliError otherwise.
 */
export function checkInputFile(file: string): fs.Stats {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new CliError(`Файл не найден: «${file}».`);
  }
  const what = notAFile(stat);
  if (what === "папка") throw new CliError(`«${file}» — папка, а нужен файл .xlsx.`);
  if (what) throw new CliError(`«${file}» — ${what}, а не файл: нужен файл .xlsx.`);
  const ext = path.extname(file).toLowerCase();
  if (ext === ".xls") {
    throw new CliError(`Файл «${file}» в старом формате .xls: сохраните его в Excel или LibreOffice как .xlsx.`);
  }
  if (ext !== ".xlsx" && ext !== ".xlsm") {
    throw new CliError(`Файл «${file}» не является книгой .xlsx (расширение «${ext || "нет"}»).`);
  }
  if (stat.size > MAX_INPUT_BYTES) {
    throw new CliError(
      `Файл «${file}» занимает ${formatBytes(stat.size)} — больше допустимого (${formatBytes(MAX_INPUT_BYTES)}); такой файл не читается.`,
    );
  }
  return stat;
}

/** The bytes of a checked input file (read through the descriptor that was checked, so it cannot change kind). */
function readInputBytes(file: string): Buffer {
  let fd: number;
  try {
    // O_NONBLOCK: should the path have become a FIFO since the check, opening it does not wait.
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (e) {
    throw new CliError(
      `Не удалось открыть файл «${file}»: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}.`,
    );
  }
  try {
    const stat = fs.fstatSync(fd);
    const what = notAFile(stat);
    if (what) throw new CliError(`«${file}» — ${what}, а не файл: нужен файл .xlsx.`);
    if (stat.size > MAX_INPUT_BYTES) {
      throw new CliError(
        `Файл «${file}» занимает ${formatBytes(stat.size)} — больше допустимого (${formatBytes(MAX_INPUT_BYTES)}); такой файл не читается.`,
      );
    }
    const buf = Buffer.allocUnsafe(stat.size);
    let off = 0;
    while (off < buf.length) {
      const n = fs.readSync(fd, buf, off, buf.length - off, off);
      if (n === 0) break;
      off += n;
    }
    return off === buf.length ? buf : buf.subarray(0, off);
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(
      `Не удалось прочитать файл «${file}»: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}.`,
    );
  } finally {
    fs.closeSync(fd);
  }
}

/** Old-format and encrypted workbooks (OLE2), and files that are no zip at all, told by their first bytes. */
function checkHead(file: string, head: Uint8Array): void {
  if (head.length >= 4 && head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) {
    throw new CliError(
      `Файл «${file}» защищён паролем или сохранён в старом формате .xls: снимите пароль и сохраните как .xlsx.`,
    );
  }
  if (head.length < 2 || head[0] !== 0x50 || head[1] !== 0x4b) {
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
  /** Chart sheets of every file (they hold no cells; they are named, not silently dropped). */
  chartSheets: SkippedChartSheet[];
  /** Per file (same order): what a copy through ExcelJS would lose (Russian, empty when nothing). */
  lossy: string[][];
}

export interface ReadInputOptions {
  /** Reader limits (tests use small ones). */
  limits?: Partial<XlsxReadLimits>;
}

/**
 * Read every file (in order): the path is checked first (a regular .xlsx file), the package is inspected from its
 * zip directory (not a zip, damaged, not an Excel workbook → one Russian line), then the sheets are streamed into
 * grids by the reader of src/xlsx. Errors become CliError.
 */
export async function readInputFiles(files: string[], options: ReadInputOptions = {}): Promise<InputFiles> {
  const out: InputFiles = { workbooks: [], chartSheets: [], lossy: [] };
  for (const file of files) {
    checkInputFile(file);
    const label = path.basename(file);
    const bytes = readInputBytes(file);
    checkHead(file, bytes);
    let info: XlsxPackageInfo;
    try {
      info = describePackage(bytes, openPackage(bytes, label), label);
      const grids = await readXlsx(bytes, {
        fileName: file,
        ...nodeReadOptions(),
        ...(options.limits ? { limits: options.limits } : {}),
      });
      markGeneratedGrids(grids, bytes);
      out.workbooks.push(grids);
    } catch (e) {
      if (e instanceof XlsxPackageError) throw new CliError(e.message);
      throw e;
    }
    for (const sheet of info.chartSheets) out.chartSheets.push({ file: label, sheet });
    out.lossy.push(info.lossy);
  }
  return out;
}

/** Read every file (in order) into grids; errors become CliError. */
export async function readInputs(files: string[]): Promise<WorkbookGrids[]> {
  return (await readInputFiles(files)).workbooks;
}
