/** Read the CLI's input files into grids, turning every file-level failure into one Russian line (exit 2). */
import fs from "node:fs";
import path from "node:path";
import type { WorkbookGrids } from "../core/types";
import { readXlsxFile } from "../xlsx/readWorkbook";
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

/** Read every file (in order) with the registers engineer's reader; errors become CliError. */
export async function readInputs(files: string[]): Promise<WorkbookGrids[]> {
  const out: WorkbookGrids[] = [];
  for (const file of files) {
    checkInputFile(file);
    try {
      out.push(await readXlsxFile(file));
    } catch (e) {
      const reason = ((e as Error).message ?? String(e)).split("\n")[0];
      throw new CliError(`Не удалось прочитать файл «${file}» как книгу Excel .xlsx: ${reason}`);
    }
  }
  return out;
}
