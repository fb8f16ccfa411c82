/**
 * What a cell's number format says about its value: a plain number, a date (or time), or a date shown as its year
 * only. Excel stores dates as serial numbers; only the format tells them apart (SPEC §2: a date formatted «yyyy» is
 * the year the user sees).
 */

export type NumberFormatKind = "number" | "date" | "year";

/**
 * Built-in format ids that are dates or times (ECMA-376 §18.8.30): 14–22 and 45–47 everywhere, 27–36 and 50–58 in
 * East Asian locales. None of them shows the year alone.
 */
export function builtInFormatKind(id: number): NumberFormatKind {
  if ((id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58)) {
    return "date";
  }
  return "number";
}

/**
 * Kind of a custom format code, judged from its first section (the one positive numbers use, and the only one a
 * date format normally has). Quoted text, `\x` escapes, `_x` spaces, `*x` fills and bracketed colours, conditions and
 * locales (`[$-419]`, `[Red]`) are ignored; `[h]`, `[mm]`, `[ss]` (elapsed time) and AM/PM count as time. A format
 * whose date parts are all `y` (yyyy, yy, «"Год "yyyy», «yyyy" г."») shows only the year.
 */
export function customFormatKind(code: string): NumberFormatKind {
  let sawYear = false;
  let sawOther = false;
  const n = code.length;
  for (let i = 0; i < n; i++) {
    const ch = code[i];
    switch (ch) {
      case '"': {
        const close = code.indexOf('"', i + 1);
        i = close < 0 ? n : close;
        continue;
      }
      case "\\":
      case "_":
      case "*":
        i++;
        continue;
      case "[": {
        const close = code.indexOf("]", i + 1);
        const inner = code.slice(i + 1, close < 0 ? n : close);
        if (/^(h+|m+|s+)$/i.test(inner)) sawOther = true;
        i = close < 0 ? n : close;
        continue;
      }
      case ";":
        i = n;
        continue;
      default:
        break;
    }
    const c = ch.toLowerCase();
    if (c === "y") sawYear = true;
    else if (c === "m" || c === "d" || c === "h" || c === "s") sawOther = true;
    else if (c === "a" && /^(am\/pm|a\/p)/i.test(code.slice(i, i + 5))) {
      sawOther = true;
      i += code[i + 1] === "/" ? 2 : 4;
    } else if (c === "g" && /^general/i.test(code.slice(i, i + 7))) {
      i += 6;
    }
  }
  if (sawOther) return "date";
  return sawYear ? "year" : "number";
}

/** Days between 1899-12-30 (serial 0 of the 1900 system, as Excel counts past its 29.02.1900) and 1970-01-01. */
const EPOCH_1900 = 25569;
/** The 1904 system counts from 1904-01-01: 1462 days later. */
const OFFSET_1904 = 1462;
/** 31.12.9999, the last date Excel shows. */
const MAX_SERIAL = 2958465;

/**
 * A serial number as the Date Excel shows (UTC fields; midnight for whole days — what ExcelJS gives), or null when
 * Excel would show «####» (negative or past 9999).
 */
export function serialToDate(serial: number, date1904: boolean): Date | null {
  if (!(serial >= 0) || serial > MAX_SERIAL) return null;
  return new Date(Math.round((serial - EPOCH_1900 + (date1904 ? OFFSET_1904 : 0)) * 86_400_000));
}

/** The year a serial number shows in a year-only format (31.12.2024 → 2024), or null when Excel shows «####». */
export function serialToYear(serial: number, date1904: boolean): number | null {
  const d = serialToDate(serial, date1904);
  return d === null ? null : d.getUTCFullYear();
}
