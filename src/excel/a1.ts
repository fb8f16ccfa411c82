/** A1-notation helpers for the Office.js adapter (pure; no Office.js here so tests can use them directly); the basics live in core/a1. */
import { parseRange } from "../core/a1";
import type { MergedArea } from "../core/types";

export { cellA1, columnIndex, columnLetter, parseRange, rangeA1, stripSheet } from "../core/a1";

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
