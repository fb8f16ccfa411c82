/**
 * `--out` of the `shnor` command (issue 12): the file side of the grafting writer (src/xlsx/graft.ts works on bytes
 * only). The copy is written chunk by chunk into a temporary file next to the output, then renamed over it, so a
 * failed write never leaves half a workbook; the input file is never written; an existing output that this program
 * did not make (no generated-sheet mark inside) is not replaced without `--force`.
 */
import fs from "node:fs";
import path from "node:path";
import type { SheetPlan } from "../core/sheetPlan";
import { graftPlans, isShnorWorkbook, workbookKind, XlsxFileError, type GraftResult } from "../xlsx/graft";

export { XlsxFileError };

export interface WriteResult extends GraftResult {
  outPath: string;
}

function samePath(a: string, b: string): boolean {
  const ra = path.resolve(a);
  const rb = path.resolve(b);
  if (ra === rb) return true;
  try {
    return fs.existsSync(rb) && fs.existsSync(ra) && fs.realpathSync(ra) === fs.realpathSync(rb);
  } catch {
    return false;
  }
}

/**
 * Check `outPath` before any work: it ends in .xlsx, is none of the inputs, and — unless `force` — is either absent
 * or a workbook this program wrote earlier. Throws XlsxFileError (one Russian line, exit 2).
 */
export function checkOutPath(outPath: string, inputs: string[], force = false): void {
  if (!/\.xls[xm]$/i.test(outPath)) {
    throw new XlsxFileError(`Файл результата должен иметь расширение .xlsx: «${outPath}»`);
  }
  // A copy keeps the input's kind, and Excel opens a workbook with macros only as .xlsm (and an ordinary one only
  // as .xlsx); a new workbook (several inputs) is an ordinary one.
  const kind = inputs.length === 1 ? inputKind(inputs[0]) : "xlsx";
  if (kind === "xlsm" && !/\.xlsm$/i.test(outPath)) {
    throw new XlsxFileError(
      `Книга «${path.basename(inputs[0])}» содержит макросы: копия с ними открывается в Excel только как .xlsm — ` +
        `укажите --out с расширением .xlsm.`,
    );
  }
  if (kind !== "xlsm" && /\.xlsm$/i.test(outPath)) {
    throw new XlsxFileError(`Файл результата должен иметь расширение .xlsx: «${outPath}» (в книге нет макросов).`);
  }
  for (const input of inputs) {
    if (samePath(input, outPath)) {
      throw new XlsxFileError(
        `Файл результата совпадает с исходным «${input}»: исходный файл не перезаписывается, укажите другой --out.`,
      );
    }
  }
  let stat: fs.Stats;
  try {
    stat = fs.statSync(outPath);
  } catch {
    return;
  }
  if (stat.isDirectory()) throw new XlsxFileError(`«${outPath}» — папка, а нужен путь к файлу .xlsx для --out.`);
  if (force) return;
  let ours = false;
  try {
    ours = isShnorWorkbook(fs.readFileSync(outPath));
  } catch {
    ours = false;
  }
  if (!ours) {
    throw new XlsxFileError(
      `Файл «${outPath}» уже существует и создан не этой программой: он не заменён. ` +
        `Укажите другой --out или добавьте --force, чтобы заменить его.`,
    );
  }
}

/** Whether `file` exists and is a workbook this program wrote (it holds generated-sheet marks). */
export function isShnorFile(file: string): boolean {
  try {
    if (!fs.statSync(file).isFile()) return false;
    return isShnorWorkbook(fs.readFileSync(file));
  } catch {
    return false;
  }
}

/** The kind of the input workbook; anything unreadable counts as .xlsx (the reader reports what is wrong with it). */
function inputKind(inputPath: string): ReturnType<typeof workbookKind> {
  try {
    return workbookKind(fs.readFileSync(inputPath));
  } catch {
    return "xlsx";
  }
}

function readInput(inputPath: string): Uint8Array {
  try {
    return fs.readFileSync(inputPath);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new XlsxFileError(
      `Не удалось прочитать файл «${inputPath}»: ${code === "ENOENT" ? "файл не найден" : "нет доступа к файлу"}.`,
    );
  }
}

/** Graft into a temporary file beside `outPath`, then rename it over `outPath`. */
function writeAtomically(outPath: string, write: (sink: (chunk: Uint8Array) => void) => GraftResult): GraftResult {
  const dir = path.dirname(path.resolve(outPath));
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new XlsxFileError(`Не удалось создать папку «${dir}»: ${(e as Error).message}`);
  }
  const tmp = path.join(dir, `.${path.basename(outPath)}.${process.pid}.tmp`);
  let fd: number | null = null;
  try {
    fd = fs.openSync(tmp, "w");
    const handle = fd;
    const result = write((chunk) => {
      let at = 0;
      while (at < chunk.length) at += fs.writeSync(handle, chunk, at, chunk.length - at);
    });
    fs.closeSync(fd);
    fd = null;
    fs.renameSync(tmp, outPath);
    return result;
  } catch (e) {
    if (fd !== null) {
      try {
        fs.closeSync(fd);
      } catch {
        /* already closed */
      }
    }
    try {
      fs.rmSync(tmp, { force: true });
    } catch {
      /* nothing to clean */
    }
    if (e instanceof XlsxFileError) throw e;
    throw new XlsxFileError(`Не удалось записать файл «${outPath}»: ${(e as Error).message}`);
  }
}

/**
 * A copy of the workbook at `inputPath` with the plans' sheets grafted on, written to `outPath`: every part of the
 * user's package is carried byte for byte (see src/xlsx/graft.ts); the input file is never written.
 */
export function writeWorkbookCopyWithPlans(inputPath: string, plans: SheetPlan[], outPath: string): WriteResult {
  const bytes = readInput(inputPath);
  const result = writeAtomically(outPath, (sink) => {
    try {
      return graftPlans(bytes, plans, sink);
    } catch (e) {
      if (e instanceof XlsxFileError) {
        throw new XlsxFileError(
          `Не удалось прочитать файл «${inputPath}» как книгу Excel (.xlsx): ${e.message.replace(/\.$/, "")}.`,
        );
      }
      throw e;
    }
  });
  return { outPath, ...result };
}

/** A new workbook holding only the plans' sheets (several input files). */
export function writeNewWorkbookWithPlans(plans: SheetPlan[], outPath: string, now: Date = new Date()): WriteResult {
  const result = writeAtomically(outPath, (sink) => graftPlans(null, plans, sink, { now }));
  return { outPath, ...result };
}
