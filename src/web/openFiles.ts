/**
 * The files the user opens on the web page, read into grids by the project's reader (src/xlsx/readXlsx: bytes in,
 * pure JS inflate) — in the browser, nothing sent anywhere. A file that cannot be read is reported in one Russian
 * line with its name, never dropped silently; the other files are read.
 */
import { markGeneratedGrids } from "../xlsx/graft";
import { readXlsx } from "../xlsx/readXlsx";
import { XlsxPackageError } from "../xlsx/xlsxPackage";
import type { OpenedFile } from "./webHost";

/**
 * Largest file read (bytes). A browser tab holds the file, its grids and the copy being built at once; past this size
 * a tab may run out of memory, so the page says to use the command `shnor` instead.
 */
export const MAX_FILE_BYTES = 300 * 2 ** 20;

/** What the page needs of a File (a Blob with a name). */
export interface FileLike {
  name: string;
  size: number;
  arrayBuffer?: () => Promise<ArrayBuffer>;
}

export interface FileProblem {
  name: string;
  message: string;
}

function megabytes(n: number): string {
  return `${Math.round(n / 2 ** 20)} МБ`;
}

/** The bytes of a File (Blob.arrayBuffer, or FileReader where a browser lacks it). */
async function bytesOf(file: FileLike): Promise<Uint8Array> {
  if (typeof file.arrayBuffer === "function") return new Uint8Array(await file.arrayBuffer());
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error ?? new Error("файл не прочитан"));
    reader.readAsArrayBuffer(file as unknown as Blob);
  });
}

/** Read one file; a Russian problem line instead when it is not a readable workbook. */
export async function openFile(file: FileLike): Promise<OpenedFile | FileProblem> {
  if (file.size > MAX_FILE_BYTES) {
    return {
      name: file.name,
      message:
        `«${file.name}»: файл ${megabytes(file.size)} — больше ${megabytes(MAX_FILE_BYTES)}, которые страница читает ` +
        "в браузере. Для такого файла используйте команду shnor.",
    };
  }
  try {
    const bytes = await bytesOf(file);
    const grids = await readXlsx(bytes, { fileName: file.name });
    // Sheets a previous build wrote are marked: never registers, and a rebuild carries their edits over.
    markGeneratedGrids(grids, bytes);
    return { name: file.name, bytes, grids };
  } catch (e) {
    if (e instanceof XlsxPackageError) return { name: file.name, message: e.message };
    const detail = e instanceof Error ? e.message : String(e);
    return { name: file.name, message: `«${file.name}»: файл не прочитан (${detail}).` };
  }
}

export function isOpened(r: OpenedFile | FileProblem): r is OpenedFile {
  return "bytes" in r;
}

/**
 * The files open after adding `added` to `current`: a file of the same name replaces the one open before (opening a
 * newer version of a register), the order of first opening is kept.
 */
export function withFiles(current: OpenedFile[], added: OpenedFile[]): OpenedFile[] {
  const out = current.map((f) => added.find((a) => a.name === f.name) ?? f);
  for (const a of added) if (!current.some((f) => f.name === a.name)) out.push(a);
  return out;
}
