/** A1-notation helpers (pure) for registers, the Office.js adapter and the ExcelJS renderer. 0-based rows/columns. */
import type { MergedArea } from "./types";

/** 0-based column index → letters: 0 → "A", 25 → "Z", 27 → "AB". */
export function columnLetter(col: number): string {
  let n = col + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** Column letters → 0-based index ("A" → 0, "AA" → 26). */
export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** 0-based (row, col) → "H30". */
export function cellA1(row: number, col: number): string {
  return `${columnLetter(col)}${row + 1}`;
}

/** A rectangle by 0-based top-left and size → "A1:C10" (a single cell gives "A1"). */
export function rangeA1(row: number, col: number, rows: number, cols: number): string {
  const a = cellA1(row, col);
  if (rows <= 1 && cols <= 1) return a;
  return `${a}:${cellA1(row + Math.max(rows, 1) - 1, col + Math.max(cols, 1) - 1)}`;
}

/** Strip a sheet prefix: "'Лист 1'!A1:B2" → "A1:B2". */
export function stripSheet(address: string): string {
  const i = address.lastIndexOf("!");
  return i >= 0 ? address.slice(i + 1) : address;
}

const CELL = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/;

/** "AB12" → { row: 11, col: 27 }; null when not an A1 address. Sheet prefixes and `$` are ignored. */
export function parseA1(address: string): { row: number; col: number } | null {
  const m = CELL.exec(stripSheet(address.trim()));
  if (!m) return null;
  return { row: Number(m[2]) - 1, col: columnIndex(m[1]) };
}

/** "A1:D2" (sheet prefix, `$` allowed) → 0-based inclusive box; one address gives a one-cell box; null if unreadable. */
export function parseRange(range: string): MergedArea | null {
  // Sheet names cannot contain ":", so splitting first is safe even for "'Лист 1'!A1:B2".
  const [a, b] = range.split(":");
  const p = parseA1(a);
  const q = b === undefined ? p : parseA1(b);
  if (!p || !q) return null;
  return {
    top: Math.min(p.row, q.row),
    left: Math.min(p.col, q.col),
    bottom: Math.max(p.row, q.row),
    right: Math.max(p.col, q.col),
  };
}
