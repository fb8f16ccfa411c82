/** Row helpers shared by the row readers: mapped cells, blank rows, summary rows, aggregates, school identity cells. */
import { memoizeString } from "../core/memo";
import type { CellValue } from "../core/types";
import type { GridReader, HeaderMatch } from "./headers";
import { basicText, findLogin, normalizeCode, splitLoginFromName } from "./normalize";
import type { SkippedRow } from "./types";
import { cellText, isBlank } from "./values";

/** «Итого», «Всего», «По муниципалитету» (and alike) rows: the reason of the skip, or null. */
export function summaryRowReason(schoolText: string): string | null {
  if (!/^[\s«"]*(итог|всего|по\s|сред|в\s)/i.test(schoolText)) return null;
  const t = basicText(schoolText);
  const m =
    /^(итого|всего|по муниципалитету|по муниципальному|по району|по округу|по региону|по области|по краю|среднее|в среднем)/.exec(
      t,
    );
  if (!m) return null;
  const word = schoolText.trim().split(/[\s:,]+/)[0];
  return m[1].startsWith("по ") || m[1].startsWith("в ") ? `строка «${schoolText.trim()}»` : `строка «${word}»`;
}

/** Aggregate levels of ФИС ОКО reports (issue 8): «Вся выборка», a region, a municipality. */
export function aggregateRowReason(schoolText: string): string | null {
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

/** The leftmost text of a row (an «Итого» written in another column than the school's). */
export function leadText(g: GridReader, r: number): string {
  for (let c = 0; c < g.cols; c++) {
    const v = g.raw(r, c);
    if (isBlank(v)) continue;
    return typeof v === "string" ? v.replace(/\s+/g, " ").trim() : "";
  }
  return "";
}

/** Column (grid index) and raw value of a mapped field; an unmapped field has no column and a null value. */
export function fieldCells(g: GridReader, match: HeaderMatch) {
  const col = (f: string): number | undefined => match.columns.get(f)?.col;
  const cell = (r: number, f: string): CellValue => {
    const c = col(f);
    return c === undefined ? null : g.raw(r, c);
  };
  return { col, cell };
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
  let blanks: number[] = [];
  for (let r = from; r < g.rows; r++) {
    const sheetRow = r + g.oy + 1;
    if (g.isBlankRow(r)) {
      blanks.push(sheetRow);
      continue;
    }
    for (const b of blanks) skipped.push({ row: b, reason: "пустая строка" });
    blanks = [];
    yield { r, sheetRow };
  }
}
