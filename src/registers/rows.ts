/** Row helpers shared by the row readers: mapped cells, blank rows, summary rows, aggregates, school identity cells. */
import { memoizeString } from "../core/memo";
import type { CellValue } from "../core/types";
import type { GridReader, HeaderMatch } from "./headers";
import { AREA_LOGIN_RE, basicText, findLogin, normalizeCode, splitLoginFromName } from "./normalize";
import type { SkippedRow } from "./types";
import { cellText, isBlank } from "./values";

/** «Итого», «Всего», «По муниципалитету» (and alike) rows: the reason of the skip, or null. */
const SUMMARY_START = /^[\s«"]*(итог|всего|по\s|сред|в\s)/i;

export function summaryRowReason(schoolText: string): string | null {
  if (!SUMMARY_START.test(schoolText)) return null;
  const t = basicText(schoolText);
  const m =
    /^(итого|всего|по муниципалитету|по муниципальному|по району|по округу|по региону|по области|по краю|среднее|в среднем)/.exec(
      t,
    );
  if (!m) return null;
  const word = schoolText.trim().split(/[\s:,]+/)[0];
  return m[1].startsWith("по ") || m[1].startsWith("в ") ? `строка «${schoolText.trim()}»` : `строка «${word}»`;
}

/**
 * Aggregate levels of ФИС ОКО reports (issues 8 and 16): «Вся выборка», the country, and any name carrying a region
 * or municipality login — `город Дербент(reg05_m045)`, `(reg050000)` — whatever its words.
 */
export function aggregateRowReason(schoolText: string): string | null {
  if (schoolText.length >= 9 && schoolText.includes("reg") && AREA_LOGIN_RE.test(schoolText)) {
    return `агрегат: ${schoolText.replace(/\s+/g, " ").trim()}`;
  }
  if (!/^[\s«"]*(вся|росси|рф)/i.test(schoolText)) return null;
  const t = basicText(schoolText);
  if (/^вся выборка/.test(t)) return "агрегат: Вся выборка";
  if (/^(российская федерация|рф)$/.test(t)) return `агрегат: ${schoolText.trim()}`;
  return null;
}

/** Words that make a row a school, never an area aggregate (issue 8). */
const SCHOOL_WORDS =
  /(^|[^\p{L}])(школ\p{L}*|сош|оош|нош|лице\p{L}*|гимнази\p{L}*|[мгк]?[бак]?оу|моу|мбоу|маоу|мкоу|гбоу|гоу|чоу|оо|центр\p{L}* образования|кадетск\p{L}*|интернат\p{L}*|учреждени\p{L}*|организаци\p{L}*|колледж\p{L}*|техникум\p{L}*)(?![\p{L}])/u;

/** Region and municipality names: «Тверская область», «Кимрский муниципальный округ», «городской округ …». */
const AREA_WORDS =
  /(^|[^\p{L}])(област\p{L}*|обл|кра[йяю]|республик\p{L}*|муниципальн\p{L}* (округ|район|образовани)\p{L}*|городск\p{L}* округ\p{L}*|г\.? ?о|район\p{L}*|округ\p{L}*|муниципалитет\p{L}*|регион\p{L}*|субъект\p{L}*|мо)(?![\p{L}])/u;

function areaAggregateUncached(schoolText: string): string | null {
  const t = basicText(schoolText);
  if (t === "" || !AREA_WORDS.test(t) || SCHOOL_WORDS.test(t)) return null;
  return `агрегат: ${schoolText.replace(/\s+/g, " ").trim()}`;
}

/**
 * Area aggregates in name-only tables (issue 8): a region or municipality row («Тверская область», «Кимрский
 * муниципальный округ», «Муниципалитет», «Регион», «Республика …», «… край») — unless the name carries a school word
 * (МБОУ «СОШ № 1 городского округа …», «Школа … района» stay schools).
 */
export const areaAggregateReason = memoizeString(areaAggregateUncached);

export interface SchoolCell {
  name: string;
  code: string | null;
}

/** School identity of a row: login/code from its own column or from the name cell `(sch700001) МОУ …`. */
export function schoolOfRow(nameCell: CellValue, codeCell: CellValue): SchoolCell {
  const { login, name } = splitLoginFromName(cellText(nameCell));
  let code: string | null = null;
  if (!isBlank(codeCell)) code = normalizeCode(typeof codeCell === "number" ? codeCell : cellText(codeCell));
  else if (login) code = login;
  return { name, code };
}

export function rowHasLogin(nameCell: CellValue, codeCell: CellValue): boolean {
  return findLogin(cellText(nameCell)) !== null || findLogin(cellText(codeCell)) !== null;
}

/** «Итого» written in another column than the school's: the summary reason of the row's leftmost text, or null. */
export function leadSummary(g: GridReader, r: number): string | null {
  const row = g.sheet.values[r];
  if (!row) return null;
  for (let c = 0; c < row.length; c++) {
    const v = row[c];
    if (isBlank(v)) continue;
    // The cheap test on the raw text first; the text is normalised only for a candidate.
    if (typeof v !== "string" || !SUMMARY_START.test(v)) return null;
    return summaryRowReason(v.replace(/\s+/g, " ").trim());
  }
  return null;
}

/** The leftmost text of a row (an «Итого» written in another column than the school's). */
export function leadText(g: GridReader, r: number): string {
  for (let c = 0; c < g.cols; c++) {
    const v = g.raw(r, c);
    if (isBlank(v)) continue;
    return typeof v === "string" ? v.replace(/\s+/g, " ").trim() : "";
  }
  return "";
}

/**
 * Fields whose vertically merged cell gives its value to every row it covers (SPEC §2, issue 16 item 7): the school,
 * its code, the municipality, the context columns, class labels. Numbers are never spread over rows.
 */
const SPREAD_DOWN = new Set([
  "school",
  "code",
  "login",
  "municipality",
  "year",
  "procedure",
  "subject",
  "grade",
  "className",
  "type",
  "locality",
  "curator",
  "partner",
]);

/**
 * Column (grid index) and value of a mapped field; an unmapped field has no column and a null value. Text fields take
 * the value of a vertically merged cell over them.
 */
export function fieldCells(g: GridReader, match: HeaderMatch) {
  // Called for every mapped cell of every row: the field → column lookup is a plain object built once, and the
  // merged-cell spread is asked only where the sheet has vertical merges at all.
  const cols: Record<string, number> = Object.create(null);
  const spread: Record<string, boolean> = Object.create(null);
  const anyVertical = g.hasVerticalMerges();
  for (const m of match.columns.values()) {
    cols[m.field] = m.col;
    spread[m.field] = anyVertical && SPREAD_DOWN.has(m.field);
  }
  const values = g.sheet.values;
  const col = (f: string): number | undefined => cols[f];
  const cell = (r: number, f: string): CellValue => {
    const c = cols[f];
    if (c === undefined) return null;
    if (spread[f]) return g.coverDown(r, c);
    const v = values[r]?.[c];
    return v === undefined ? null : v;
  };
  return { col, cell };
}

/**
 * A row of column numbers under a header (`1 2 3 … 9`, sometimes restarting: `… 9 5 6 7 8 9 …`): only small whole
 * numbers, at least three, mostly each one more than the one before, and no text. Skipped by name (issue 16).
 */
export function isColumnNumbersRow(g: GridReader, r: number): boolean {
  const row = g.sheet.values[r];
  if (!row) return false;
  let n = 0;
  let steps = 0;
  let prev: number | null = null;
  for (let c = 0; c < row.length; c++) {
    const v = row[c];
    if (isBlank(v)) continue;
    if (typeof v !== "number" || !Number.isInteger(v) || v < 1 || v > 999) return false;
    if (prev !== null && v === prev + 1) steps++;
    prev = v;
    n++;
  }
  return n >= 3 && steps * 10 >= (n - 1) * 6;
}

/**
 * The non-blank rows from grid row `from` on, with their 1-based sheet row. Blank rows become «пустая строка» skips
 * once a non-blank row follows them (trailing blank rows are not reported).
 */
export function* nonBlankRows(
  g: GridReader,
  from: number,
  skipped: SkippedRow[],
): Generator<{ r: number; sheetRow: number }> {
  // A run of blank rows is one skip (a far cell below a table leaves a million blank rows: one entry, not a million).
  // One object is yielded again and again (consumers read it at once): no allocation per row.
  const at = { r: 0, sheetRow: 0 };
  let first = -1;
  let last = -1;
  for (let r = from; r < g.rows; r++) {
    const sheetRow = r + g.oy + 1;
    if (g.isBlankRow(r)) {
      if (first < 0) first = sheetRow;
      last = sheetRow;
      continue;
    }
    if (first >= 0) {
      skipped.push(
        first === last ? { row: first, reason: "пустая строка" } : { row: first, toRow: last, reason: "пустые строки" },
      );
      first = -1;
    }
    at.r = r;
    at.sheetRow = sheetRow;
    yield at;
  }
}

/** Why a row of a school-per-row table is not a school row; `aggregate` when it is a total of schools. */
export interface RowSkip {
  reason: string;
  /** A summary or aggregate row (Итого, a region, a municipality): counted in `shnor list`'s warning when it has numbers. */
  aggregate: boolean;
}

/**
 * Classifies the rows of a table with one school per row (SPEC §2, issue 16): column-number rows, «Итого/Всего»
 * rows, aggregates recognised by what they are (`Вся выборка`, a region or municipality login `(reg05_m045)`, a
 * region or municipality name, «Кол-во ОО» above 1, a municipality row — municipality cell filled, school cell
 * empty). A row without a login among rows with logins is a school. The municipality of a municipality row (or of a
 * school row that has one) fills down to the school rows under it whose municipality cell is empty.
 */
export class SchoolRowClassifier {
  /** The municipality filled down from the last municipality row (or school row naming one). */
  private current: string | null = null;
  /** What the school and code cells alone say, for the last pair of cells (a school's rows repeat them). */
  private lastCells: {
    name: CellValue;
    code: CellValue;
    text: string;
    summary: string | null;
    aggregate: string | null;
  } | null = null;
  constructor(
    private readonly g: GridReader,
    private readonly cell: (r: number, f: string) => CellValue,
    private readonly hasColumn: (f: string) => boolean,
  ) {}

  /** Null for a school row; else the named skip. */
  classify(r: number): RowSkip | null {
    const g = this.g;
    if (isColumnNumbersRow(g, r)) return { reason: "строка номеров столбцов", aggregate: false };
    const nameCell = this.cell(r, "school");
    const codeCell = this.cell(r, "code");
    let own = this.lastCells;
    if (own === null || own.name !== nameCell || own.code !== codeCell) {
      const text = cellText(nameCell);
      own = this.lastCells = {
        name: nameCell,
        code: codeCell,
        text,
        summary: summaryRowReason(text),
        aggregate: aggregateRowReason(text) ?? (rowHasLogin(nameCell, codeCell) ? null : areaAggregateReason(text)),
      };
    }
    const nameText = own.text;
    const summary = own.summary ?? leadSummary(g, r);
    if (summary) return { reason: summary, aggregate: true };
    if (own.aggregate) return { reason: own.aggregate, aggregate: true };
    if (this.hasColumn("schoolsCount")) {
      const n = this.cell(r, "schoolsCount");
      if (typeof n === "number" && Number.isInteger(n) && n > 1) {
        return { reason: `агрегат: ${nameText || leadText(g, r)} (ОО: ${n})`, aggregate: true };
      }
    }
    const municipality = this.hasColumn("municipality") ? cellText(this.cell(r, "municipality")) : "";
    if (nameText === "" && isBlank(codeCell) && municipality !== "") {
      this.current = municipality;
      return { reason: `агрегат по муниципалитету: «${municipality}»`, aggregate: true };
    }
    if (municipality !== "") this.current = municipality;
    return null;
  }

  /** The municipality of a school row: its own cell, else the one filled down from above. */
  municipalityOf(r: number): string | null {
    const own = this.hasColumn("municipality") ? cellText(this.cell(r, "municipality")) : "";
    return own !== "" ? own : this.current;
  }
}
