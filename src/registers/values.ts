/**
 * Cell value parsers (SPEC §1, §2): numbers with decimal comma / spaces / «%», academic years in every form,
 * grades and class labels. Every parser says «blank», «value» or «error with a Russian message» — never guesses.
 */
import { memoizeString } from "../core/memo";
import type { CellValue } from "../core/types";

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/** A number cell: value null = blank; `percent` when the text carried «%». */
export type NumberCell = { ok: true; value: number | null; percent: boolean } | { ok: false; message: string };

/** Blank: null, undefined, "" or only spaces (Office.js gives "" for an empty cell). */
export function isBlank(v: CellValue | undefined): boolean {
  if (v === null || v === undefined) return true;
  if (typeof v !== "string") return false;
  // Fast path: most text cells start with a visible character.
  if (v.length > 0 && v.charCodeAt(0) > 32 && v.charCodeAt(0) !== 0xa0) return false;
  return v.replace(/\u00a0/g, " ").trim() === "";
}

/** Text of a cell for display and messages. */
export function cellText(v: CellValue | undefined): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return v.includes("\u00a0") ? v.replace(/\u00a0/g, " ").trim() : v.trim();
  if (typeof v === "number") return String(v).replace(".", ",");
  if (typeof v === "boolean") return v ? "ИСТИНА" : "ЛОЖЬ";
  if (v instanceof Date) return formatDate(v);
  return String(v)
    .replace(/\u00a0/g, " ")
    .trim();
}

export function formatDate(d: Date): string {
  const dd = String(d.getUTCDate()).padStart(2, "0");
  const mm = String(d.getUTCMonth() + 1).padStart(2, "0");
  return `${dd}.${mm}.${d.getUTCFullYear()}`;
}

/** A cell's text for a message: at most 80 characters (a 32,767-character cell is not repeated in full). */
export function shortText(t: string): string {
  return t.length > 80 ? `${t.slice(0, 77)}…` : t;
}

/** «30,5 %», "1 234", 12, "12.5" → numbers. Text that is not a number is an error naming the text. */
export function parseNumberCell(v: CellValue | undefined): NumberCell {
  if (isBlank(v)) return { ok: true, value: null, percent: false };
  if (typeof v === "number") {
    return Number.isFinite(v) ? { ok: true, value: v, percent: false } : { ok: false, message: "не число" };
  }
  if (typeof v === "boolean") return { ok: false, message: `«${cellText(v)}» — логическое значение, а не число` };
  if (v instanceof Date) return { ok: false, message: `«${cellText(v)}» — дата, а не число` };
  const raw = String(v);
  let t = raw.replace(/[\u00a0\u202f\u2009\s]/g, "");
  let percent = false;
  if (t.endsWith("%")) {
    percent = true;
    t = t.slice(0, -1);
  }
  t = t.replace(/^[−–]/, "-").replace(",", ".");
  // A number cell is short; the pattern has no ambiguous repetition (linear on any text, SPEC bounded inputs).
  if (t.length > 40 || !/^[-+]?(?:\d+(?:\.\d*)?|\.\d+)$/.test(t)) {
    return { ok: false, message: `«${shortText(raw.trim())}» — не число` };
  }
  return { ok: true, value: Number(t), percent };
}

/** Academic year by its end year from a date: September onwards belongs to the next year (spring 2025 ⇒ 2025). */
export function academicYearOfDate(d: Date): number {
  return d.getUTCMonth() >= 8 ? d.getUTCFullYear() + 1 : d.getUTCFullYear();
}

/** Excel serial date → Date (UTC). */
export function excelSerialToDate(serial: number): Date {
  return new Date(Math.round((serial - 25569) * 86400000));
}

const MIN_YEAR = 2000;
const MAX_YEAR = 2100;

function yearFromPair(a: number, bRaw: string): number | null {
  const b = bRaw.length === 2 ? Math.floor(a / 100) * 100 + Number(bRaw) : Number(bRaw);
  return b === a + 1 ? b : null;
}

/**
 * Academic years in the forms of SPEC §1: `2024/2025`, `2024-2025`, `2024–2025`, `2024/25`, `2025`
 * (number or text), a Date (or an Excel serial date) → its academic year. Blank → value null.
 */
export function parseYearCell(v: CellValue | undefined): Parsed<number | null> {
  // Year texts repeat on every row («2024/2025»): parsed once.
  if (typeof v === "string") return v.length <= 40 ? parseYearTextMemo(v) : parseYearText(v);
  if (isBlank(v)) return { ok: true, value: null };
  if (v instanceof Date) return { ok: true, value: academicYearOfDate(v) };
  if (typeof v === "number") {
    if (Number.isInteger(v) && v >= MIN_YEAR && v <= MAX_YEAR) return { ok: true, value: v };
    if (v >= 36526 && v <= 73051) return { ok: true, value: academicYearOfDate(excelSerialToDate(v)) };
    return { ok: false, message: `«${cellText(v)}» — не учебный год` };
  }
  return { ok: false, message: `«${cellText(v)}» — не учебный год` };
}

function parseYearText(v: string): Parsed<number | null> {
  if (isBlank(v)) return { ok: true, value: null };
  if (v.length > 40) return { ok: false, message: `«${shortText(v.trim())}» — не учебный год` };
  const t = String(v)
    .replace(/\u00a0/g, " ")
    .trim()
    .replace(/\s*(уч\.?|учебный)?\s*(г\.?|год|гг\.?)$/i, "")
    .trim();
  let m = /^(\d{4})\s*[/\-–—]\s*(\d{4}|\d{2})$/.exec(t);
  if (m) {
    const y = yearFromPair(Number(m[1]), m[2]);
    if (y !== null && y >= MIN_YEAR && y <= MAX_YEAR) return { ok: true, value: y };
    return { ok: false, message: `«${String(v).trim()}» — годы учебного года не идут подряд` };
  }
  m = /^(\d{4})$/.exec(t);
  if (m && Number(m[1]) >= MIN_YEAR && Number(m[1]) <= MAX_YEAR) return { ok: true, value: Number(m[1]) };
  m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(t);
  if (m) {
    const d = new Date(Date.UTC(Number(m[3]), Number(m[2]) - 1, Number(m[1])));
    return { ok: true, value: academicYearOfDate(d) };
  }
  return { ok: false, message: `«${String(v).trim()}» — не учебный год` };
}

const parseYearTextMemo = memoizeString(parseYearText);

/**
 * A year named inside a text (title line, sheet or file name): an academic year `2024/2025`, `2024-25`, or a
 * single year `2025` (spring 2025 = 2024/2025 = 2025). Dates `16.04.2025` are used only when no year is written.
 * Several different years → null with `conflict`.
 */
export function findYearInText(text: string): { year: number | null; conflict: number[] } {
  const years = new Set<number>();
  const t = text.replace(/\u00a0/g, " ");
  const withoutDates = t.replace(/\b\d{1,2}\.\d{1,2}\.(\d{4})\b/g, " ");
  // No lookbehind (EdgeHTML lacks it): the character before a number is matched by `(^|…)` and left alone.
  const pairRe = /(^|\D)((?:19|20)\d{2})\s*[/\-–—]\s*((?:19|20)\d{2}|\d{2})(?!\d)/g;
  let rest = withoutDates;
  for (const m of withoutDates.matchAll(pairRe)) {
    const y = yearFromPair(Number(m[2]), m[3]);
    if (y !== null) {
      years.add(y);
      rest = rest.replace(m[0].slice(m[1].length), " ");
    }
  }
  for (const m of rest.matchAll(/(?:^|[^\d.,])(20\d{2})(?![\d.,]*\d)/g)) years.add(Number(m[1]));
  if (years.size === 0) {
    for (const m of t.matchAll(/\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b/g)) {
      years.add(academicYearOfDate(new Date(Date.UTC(Number(m[3]), Number(m[2]) - 1, Number(m[1])))));
    }
  }
  const list = [...years].filter((y) => y >= MIN_YEAR && y <= MAX_YEAR);
  if (list.length === 1) return { year: list[0], conflict: [] };
  return { year: null, conflict: list.length > 1 ? list.sort() : [] };
}

export interface GradeValue {
  grade: number;
  /** "5А" when the cell names a class, null for a bare parallel. */
  classLabel: string | null;
}

/** Grade / class: `5`, `5 класс`, `5 кл.`, `5А`, `5 "А"`, `5-а` → grade 5 (+ class label «5А»). Blank → null. */
export function parseGradeCell(v: CellValue | undefined): Parsed<GradeValue | null> {
  if (isBlank(v)) return { ok: true, value: null };
  if (typeof v === "number") {
    if (Number.isInteger(v) && v >= 1 && v <= 11) return { ok: true, value: { grade: v, classLabel: null } };
    return { ok: false, message: `«${cellText(v)}» — не класс (ожидается 1–11)` };
  }
  if (typeof v !== "string") return { ok: false, message: `«${cellText(v)}» — не класс` };
  if (v.length > 40) return { ok: false, message: `«${shortText(v.trim())}» — не класс` };
  const t = v
    .replace(/\u00a0/g, " ")
    .replace(/[«»"“”„'’]/g, "")
    .trim()
    // A parallel total «5 (всего)», «5 всего», «5 (итого)» names the bare parallel.
    .replace(/\s*[([]?\s*(?:всего|итого|вся параллель|все классы)\s*[)\]]?$/i, "")
    .trim();
  const m =
    /^(\d{1,2})\s*(?:-?\s*(?:й|х|ые|ый|е(?=\s*класс)))?\s*(?:класс[а-я]*|кл\.?|параллель)?\s*[-–]?\s*([А-ЯЁа-яёA-Za-z])?\s*(?:класс[а-я]*|кл\.?)?$/.exec(
      t,
    );
  if (!m) return { ok: false, message: `«${v.trim()}» — не класс` };
  const grade = Number(m[1]);
  if (grade < 1 || grade > 11) return { ok: false, message: `«${v.trim()}» — не класс (ожидается 1–11)` };
  const letter = m[2] ? m[2].toUpperCase().replace("Ё", "Е") : null;
  return { ok: true, value: { grade, classLabel: letter ? `${grade}${letter}` : null } };
}

/** A grade named inside a text: «5 класс», «5-х классов», «5 кл.»; with `bare`, also a lone number 1–11 (names). */
export function findGradeInText(text: string, bare = false): number | null {
  const t = text.replace(/\u00a0/g, " ").toLowerCase();
  const m = /(?:^|[^\d.,])(\d{1,2})\s*(?:-?\s*(?:й|х|ые|ый|го|м|е))?\s*(?:класс|кл\b|кл\.)/.exec(t);
  if (m && Number(m[1]) >= 1 && Number(m[1]) <= 11) return Number(m[1]);
  if (bare) {
    const cleaned = t.replace(/\b\d{1,2}\.\d{1,2}\.\d{2,4}\b/g, " ");
    for (const b of cleaned.matchAll(/(?:^|[^\p{L}\p{N}.,])(\d{1,2})(?![\p{N}.,]*\p{N})(?![\p{L}])/gu)) {
      const g = Number(b[1]);
      if (g >= 1 && g <= 11) return g;
    }
  }
  return null;
}
