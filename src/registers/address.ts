/** A1 helpers (pure). Rows and columns are 0-based unless said otherwise. */

/** 0-based column index → letters: 0 → "A", 27 → "AB". */
export function colLetter(col: number): string {
  let n = col + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** 0-based row and column → "H30". */
export function a1(row: number, col: number): string {
  return `${colLetter(col)}${row + 1}`;
}

/** "AB12" → { row: 11, col: 27 } (0-based); null when not an A1 address. Sheet prefixes and `$` are ignored. */
export function parseA1(address: string): { row: number; col: number } | null {
  const m = /^(?:.*!)?\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(address.trim());
  if (!m) return null;
  let col = 0;
  for (const ch of m[1].toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]) - 1, col: col - 1 };
}

/** "A1:D2" → 0-based inclusive box; a single address gives a one-cell box. */
export function parseRange(range: string): { top: number; left: number; bottom: number; right: number } | null {
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
