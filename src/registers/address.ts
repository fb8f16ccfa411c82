/** A1 helpers (pure), re-exported from core under the names the registers use. Rows and columns are 0-based. */
export { columnLetter as colLetter, cellA1 as a1, parseA1, parseRange } from "../core/a1";
