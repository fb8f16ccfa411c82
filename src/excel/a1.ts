/** A1-notation helpers for the Office.js adapter (pure; no Office.js here so tests can use them directly). */
import type { MergedArea } from "../core/types";

/** 0-based column index → letters ("A", "Z", "AA"). */
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

/** 0-based (row, col) → "B3". */
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

const CELL = /^\$?([A-Za-z]{1,3})\$?(\d+)$/;

/** Parse "A1" or "A1:C3" (sheet prefix and $ allowed) into 0-based inclusive bounds; null when unreadable. */
export function parseRange(address: string): MergedArea | null {
  const [from, to = from] = stripSheet(address.trim()).split(":");
  const a = CELL.exec(from ?? "");
  const b = CELL.exec(to ?? "");
  if (!a || !b) return null;
  const r1 = Number(a[2]) - 1;
  const r2 = Number(b[2]) - 1;
  const c1 = columnIndex(a[1]);
  const c2 = columnIndex(b[1]);
  return { top: Math.min(r1, r2), left: Math.min(c1, c2), bottom: Math.max(r1, r2), right: Math.max(c1, c2) };
}

/** Parse a RangeAreas address ("Лист!A1:B1, Лист!C3:D4") into merged areas; unreadable parts are dropped. */
export function parseAreas(address: string): MergedArea[] {
  if (!address) return [];
  // Sheet names may contain commas only inside quotes; split on commas outside quotes.
  const parts: string[] = [];
  let cur = "";
  let quoted = false;
  for (const ch of address) {
    if (ch === "'") quoted = !quoted;
    if (ch === "," && !quoted) {
      parts.push(cur);
      cur = "";
    } else cur += ch;
  }
  if (cur) parts.push(cur);
  return parts.map((p) => parseRange(p)).filter((a): a is MergedArea => a !== null);
}
