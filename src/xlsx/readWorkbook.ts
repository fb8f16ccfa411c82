/**
 * .xlsx → WorkbookGrids with ExcelJS (the only reader touching ExcelJS). Every worksheet, hidden ones included,
 * becomes a SheetGrid of plain values: formulas give their cached result, rich text and hyperlinks their text,
 * error cells their code («#DIV/0!»); merged areas keep their value in the top-left cell only (as Office.js does).
 */
import { readFile } from "node:fs/promises";
import * as path from "node:path";
import ExcelJS from "exceljs";
import type { CellValue, MergedArea, SheetGrid, WorkbookGrids } from "../core/types";
import { isYearOnlyFormat, yearOfSerial } from "../core/yearFormat";

/** Converts one ExcelJS cell value to a plain CellValue. */
export function plainValue(v: unknown): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  if (v instanceof Date) return v;
  if (typeof v === "object") {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return (o.richText as { text?: string }[]).map((t) => t.text ?? "").join("");
    if ("error" in o && typeof o.error === "string") return o.error;
    if ("formula" in o || "sharedFormula" in o) return "result" in o ? plainValue(o.result) : null;
    if ("hyperlink" in o || "text" in o) return plainValue(o.text ?? o.hyperlink);
  }
  return String(v);
}

/**
 * A date cell whose number format shows only its year (`yyyy`, `yy`, with literal text) is delivered as the number of
 * that year, as the user sees it (issue 16 item 10): 31.12.2024 shown as «2024» is 2024, not the academic year 2025.
 */
function yearShown(v: CellValue, numFmt: string | undefined): CellValue {
  if (!(v instanceof Date) && typeof v !== "number") return v;
  if (!isYearOnlyFormat(numFmt)) return v;
  return v instanceof Date ? v.getUTCFullYear() : yearOfSerial(v);
}

function parseMerge(ref: string): MergedArea | null {
  const m = /^\$?([A-Z]+)\$?(\d+):\$?([A-Z]+)\$?(\d+)$/i.exec(ref);
  if (!m) return null;
  const col = (s: string) => [...s.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  return {
    top: Number(m[2]) - 1,
    left: col(m[1]),
    bottom: Number(m[4]) - 1,
    right: col(m[3]),
  };
}

function sheetGrid(ws: ExcelJS.Worksheet, file: string | undefined): SheetGrid {
  const cells: { r: number; c: number; v: CellValue }[] = [];
  let minR = Infinity;
  let minC = Infinity;
  let maxR = -1;
  let maxC = -1;
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      if (cell.isMerged && cell.master !== cell) return;
      const raw = plainValue(cell.value);
      const v = raw instanceof Date || typeof raw === "number" ? yearShown(raw, cell.numFmt) : raw;
      if (v === null || (typeof v === "string" && v === "")) return;
      const r = rowNumber - 1;
      const c = colNumber - 1;
      cells.push({ r, c, v });
      minR = Math.min(minR, r);
      minC = Math.min(minC, c);
      maxR = Math.max(maxR, r);
      maxC = Math.max(maxC, c);
    });
  });
  const merges = ((ws.model as { merges?: string[] }).merges ?? [])
    .map(parseMerge)
    .filter((m): m is MergedArea => m !== null);
  for (const m of merges) {
    // Merged areas belong to the used area even where only their master holds a value.
    if (cells.length === 0) break;
    minR = Math.min(minR, m.top);
    minC = Math.min(minC, m.left);
    maxR = Math.max(maxR, m.bottom);
    maxC = Math.max(maxC, m.right);
  }
  const grid: SheetGrid = { name: ws.name, values: [], origin: { row: 0, col: 0 }, merges };
  if (file) grid.file = file;
  if (cells.length === 0) return grid;
  grid.origin = { row: minR, col: minC };
  grid.values = Array.from({ length: maxR - minR + 1 }, () => Array<CellValue>(maxC - minC + 1).fill(null));
  for (const { r, c, v } of cells) grid.values[r - minR][c - minC] = v;
  return grid;
}

/** Reads an .xlsx held in memory. Not an .xlsx → Error with a Russian message. */
export async function readXlsxBuffer(buf: Buffer | ArrayBuffer, fileName?: string): Promise<WorkbookGrids> {
  const file = fileName ? path.basename(fileName) : undefined;
  const bytes = Buffer.isBuffer(buf) ? buf : Buffer.from(new Uint8Array(buf));
  const label = file ? `«${file}»` : "";
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
    throw new Error(`Файл ${label} не является книгой Excel (.xlsx)`.replace("  ", " "));
  }
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    // ExcelJS/JSZip messages are English («Corrupted zip: …»): the user gets one Russian line instead.
    throw new Error(
      `Файл ${label} повреждён или записан не полностью: его не удаётся прочитать как книгу Excel (.xlsx)`.replace(
        "  ",
        " ",
      ),
    );
  }
  const sheets: SheetGrid[] = [];
  wb.eachSheet((ws) => {
    sheets.push(sheetGrid(ws, file));
  });
  return { ...(file ? { fileName: file } : {}), sheets };
}

/** Reads an .xlsx file from disk. Missing or unreadable file, or not an .xlsx → Error with a Russian message. */
export async function readXlsxFile(filePath: string): Promise<WorkbookGrids> {
  let buf: Buffer;
  try {
    buf = await readFile(filePath);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "файл не найден" : code === "EISDIR" ? "это папка, а не файл" : "нет доступа";
    throw new Error(`Не удалось открыть файл «${filePath}»: ${why}`);
  }
  return readXlsxBuffer(buf, filePath);
}
