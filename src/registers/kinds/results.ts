/**
 * The «Результаты» register kind (SPEC §2, issues 8 and 16): one row per school × assessment (long tables, ФИС ОКО
 * «Статистика по отметкам», municipal mark tables, ОГЭ/ЕГЭ tables of the regional centre) → ResultRecord. Every
 * unreadable value is a problem with its A1 cell and the row is left out; summary and aggregate rows are named skips.
 */
import type { CellValue, Problem, ResultRecord } from "../../core/types";
import { a1 } from "../address";
import { rowSubject, type SheetContext } from "../context";
import type { GridReader, HeaderMatch } from "../headers";
import {
  defineKind,
  pushAll,
  type Item,
  type RowBase,
  type RowsOutcome,
  type SegmentContext,
  type TableSegment,
} from "../kind";
import { normalizeHeader, normalizeProcedure, schoolKeyOf } from "../normalize";
import {
  fieldCells,
  leadText,
  nonBlankRows,
  rowHasLogin,
  SchoolRowClassifier,
  schoolOfRow,
  type SchoolCell,
} from "../rows";
import { cellText, isBlank, parseGradeCell, parseNumberCell, parseYearCell } from "../values";
import { readCounts, type CountsContext } from "./counts";
import * as F from "./fields";
import { detectWide, readWideRows } from "./wide";

export type ResultRow = RowBase<ResultRecord>;

/**
 * A row of a long result table: the A1 address of its school cell is made only when a message needs it (a national
 * register has millions of rows and almost none is ever named by a problem).
 */
class LongTableRow implements ResultRow {
  constructor(
    readonly record: ResultRecord,
    /** 0-based sheet row and column of the school cell. */
    private readonly cellRow: number,
    private readonly cellCol: number,
  ) {}

  get schoolCell(): string {
    return a1(this.cellRow, this.cellCol);
  }
}

/** A title line that carries context: «Предмет: …», «Класс: …», or a line naming a procedure (ВПР, ОГЭ, ЕГЭ, ГИА). */
const TITLE_SHAPE =
  /^[\s«"]*((учебный )?(предмет|класс|параллель|год|процедура)\s*:|.*(впр|огэ|егэ|гиа|проверочн\p{L}* работ|государственн\p{L}* экзамен))/iu;

const NUMERIC_FIELDS = [
  "participants",
  "failed",
  "failedShare",
  "m2",
  "m3",
  "m4",
  "m5",
  "lower",
  "confirmed",
  "higher",
];

/** Messages for a context field (year, procedure, subject) that neither its column nor titles/names give. */
const MISSING_CONTEXT: Record<
  "year" | "procedure" | "subject",
  { conflict: string; blankCell: string; noColumn: string }
> = {
  year: {
    conflict: "Учебный год не определён: источники противоречат друг другу",
    blankCell: "Не указан учебный год (ячейка пуста, в заголовке и названиях года нет)",
    noColumn: "Не указан учебный год (нет ни столбца, ни года в заголовке, названии листа или файла)",
  },
  procedure: {
    conflict: "Процедура не определена: источники противоречат друг другу",
    blankCell: `Не указана оценочная процедура (ячейка пуста, в заголовке и названиях её нет): ${F.NO_PROCEDURE_HINT}`,
    noColumn: `Не указана оценочная процедура (нет ни столбца, ни названия в заголовке, листе или файле): ${F.NO_PROCEDURE_HINT}`,
  },
  subject: {
    conflict: "Предмет не определён: источники противоречат друг другу",
    blankCell: "Не указан предмет (ячейка пуста, в заголовке и названиях его нет)",
    noColumn: "Не указан предмет (нет ни столбца, ни предмета в заголовке, листе или файле)",
  },
};

/**
 * SPEC §2 share columns: percent when the header (or a merged header above it) or any cell carries «%», or when at
 * least half of its numeric values exceed 1; otherwise a fraction column. Zeros are the same in both scales and are
 * not counted. A value out of range is then a problem at its cell — one typo never rescales the whole column.
 */
export function columnIsPercent(g: GridReader, col: number, from: number, hint: boolean): boolean {
  if (hint) return true;
  let numbers = 0;
  let above1 = 0;
  for (let r = from; r < g.rows; r++) {
    const p = parseNumberCell(g.raw(r, col));
    if (!p.ok || p.value === null) continue;
    if (p.percent) return true;
    if (p.value === 0) continue;
    numbers++;
    if (p.value > 1) above1++;
  }
  return numbers > 0 && above1 * 2 >= numbers;
}

export function readResultRows(
  g: GridReader,
  match: HeaderMatch,
  firstCtx: SheetContext,
  file?: string,
  segmentContext?: SegmentContext,
): RowsOutcome<ResultRow> & { segments: TableSegment[] } {
  const out: RowsOutcome<ResultRow> & { segments: TableSegment[] } = {
    rows: [],
    skipped: [],
    problems: [],
    segments: [],
  };
  let ctx = firstCtx;
  const { col, cell } = fieldCells(g, match);
  const addr = (r: number, f: string) => a1(r + g.oy, (col(f) ?? 0) + g.ox);
  const sheet = g.sheet.name;
  const prob = (r: number, f: string, message: string): Problem => ({
    sheet,
    cell: addr(r, f),
    message,
    ...(file ? { file } : {}),
  });
  const schoolField = col("school") !== undefined ? "school" : "code";
  const schoolCol = (col(schoolField) ?? 0) + g.ox;
  /** The problem of a missing context field: at its column when mapped, else at the school cell. */
  const missingContext = (r: number, f: keyof typeof MISSING_CONTEXT): Problem => {
    const m = MISSING_CONTEXT[f];
    const hasColumn = col(f) !== undefined;
    return prob(
      r,
      hasColumn ? f : schoolField,
      ctx.conflicts.includes(f) ? m.conflict : hasColumn ? m.blankCell : m.noColumn,
    );
  };

  // Aggregates are recognised by what they are (issue 16), never by a missing login; municipalities fill down.
  const rowClass = new SchoolRowClassifier(g, cell, (f) => col(f) !== undefined);

  const sharePercent =
    col("failedShare") !== undefined &&
    columnIsPercent(g, col("failedShare")!, match.dataStart, match.columns.get("failedShare")!.percentHint);
  const marksHint = ["m2", "m3", "m4", "m5"].some((f) => match.columns.get(f)?.percentHint);
  const journalPercent = ["lower", "confirmed", "higher"].some(
    (f) => col(f) !== undefined && columnIsPercent(g, col(f)!, match.dataStart, match.columns.get(f)!.percentHint),
  );
  const counts: CountsContext = {
    col,
    cell,
    prob,
    header: (f) => match.columns.get(f)?.header ?? f,
    sharePercent,
    marksHint,
    journalPercent,
  };
  const headerNorm = new Map<number, string>();
  for (const m of match.columns.values()) headerNorm.set(m.col, normalizeHeader(g.coverText(match.headerRow, m.col)));

  const hasAverage = col("average") !== undefined;
  const mapped = [...match.columns.values()];
  const numericCols = NUMERIC_FIELDS.map((f) => col(f)).filter((c): c is number => c !== undefined);
  const mappedHeaders = mapped.map((m) => headerNorm.get(m.col) ?? "");
  // Per mapped column, the last text compared and whether it equalled the header (a column repeats its texts row after
  // row: the school, the year, the procedure).
  const lastText: (string | undefined)[] = mapped.map(() => undefined);
  const lastEqual: boolean[] = mapped.map(() => false);
  /** The header repeated: at least two mapped text cells equal to their header (a report pasted or stacked). */
  const isRepeatedHeader = (r: number): boolean => {
    let n = 0;
    for (let i = 0; i < mapped.length; i++) {
      const v = g.raw(r, mapped[i].col);
      // Only text counts: a mark 2 under the header «2» is data, not a repeated header.
      if (typeof v !== "string") continue;
      let equal: boolean;
      if (v === lastText[i]) equal = lastEqual[i];
      else {
        const h = mappedHeaders[i];
        const t = isBlank(v) ? null : cellText(v);
        equal = t !== null && Math.abs(t.length - h.length) <= 8 && normalizeHeader(t) === h;
        lastText[i] = v;
        lastEqual[i] = equal;
      }
      if (equal && ++n >= 2) return true;
    }
    return false;
  };
  /** A title-like row: no number in any numeric column and no login (titles, «Предмет: …», a group header). */
  const isTitleLike = (r: number): boolean => {
    if (g.isBlankRow(r)) return true;
    for (const c of numericCols) {
      const p = parseNumberCell(g.raw(r, c));
      if (p.ok && p.value !== null) return false;
    }
    return !rowHasLogin(cell(r, "school"), cell(r, "code")) && isBlank(cell(r, "code"));
  };
  // Whether the row's leftmost text (leadText) has a title's shape; a repeat of the last leftmost cell (a school's rows
  // start with the same code) is answered without the text and the pattern again.
  let lastLead: CellValue | undefined;
  let lastLeadShaped = false;
  const leadIsTitleShaped = (r: number): boolean => {
    let v: CellValue = null;
    for (let c = 0; c < g.cols && isBlank(v); c++) v = g.raw(r, c);
    if (v !== lastLead) {
      lastLead = v;
      lastLeadShaped = TITLE_SHAPE.test(leadText(g, r));
    }
    return lastLeadShaped;
  };
  // Table segments (issue 8): a repeated header below a table starts a new table whose context comes from the title
  // lines between the previous table and that header (two different reports stacked on one sheet).
  const segmentAt = new Map<number, TableSegment>();
  const titleRowOf = new Map<number, number>();
  {
    let boundary = match.dataStart;
    for (let r = match.dataStart; r < g.rows; r++) {
      const row = g.sheet.values[r];
      if (!row || row.length === 0) continue;
      if (!isRepeatedHeader(r)) {
        // Title lines carrying context below a table, its rows following without a header of their own.
        if (typeof row[0] !== "string" && typeof row[Math.max(0, col(schoolField) ?? 0)] !== "string") continue;
        if (!leadIsTitleShaped(r) || !isTitleLike(r)) continue;
        let hasTableAbove = false;
        for (let t = r - 1; t >= boundary && !hasTableAbove; t--) hasTableAbove = !isTitleLike(t);
        if (!hasTableAbove) continue;
        let e = r;
        while (e + 1 < g.rows && isTitleLike(e + 1) && !isRepeatedHeader(e + 1)) e++;
        const next = e + 1;
        // A header below these titles is handled when the scan reaches it; the end of the sheet makes no table.
        if (next >= g.rows || isRepeatedHeader(next)) {
          r = e;
          continue;
        }
        segmentAt.set(next, { headerRow: next, titleRow: r, ctx, noHeader: true });
        for (let t = r; t < next; t++) titleRowOf.set(t, next);
        boundary = next;
        r = next - 1;
        continue;
      }
      let z = r;
      while (z - 1 >= boundary && isTitleLike(z - 1)) z--;
      while (z < r && g.isBlankRow(z)) z++;
      const seg: TableSegment = { headerRow: r, titleRow: z < r ? z : null, ctx };
      segmentAt.set(r, seg);
      for (let t = z; t < r; t++) titleRowOf.set(t, r);
      boundary = r + 1;
    }
  }
  let prevSegmentCtx = firstCtx;
  // The school of the previous row: a school's rows usually follow one another with the very same cells.
  let lastNameCell: CellValue = null;
  let lastCodeCell: CellValue = null;
  let lastSchool: SchoolCell | null = null;
  let lastSchoolKey = "";
  /** No number in any numeric column of the row. */
  const noNumber = (row: CellValue[] | undefined): boolean =>
    numericCols.every((c) => {
      const p = parseNumberCell(row?.[c]);
      return !p.ok || p.value === null;
    });
  // One list of the row's problems, emptied for every row (copied out when the row has any).
  const problems: Problem[] = [];

  for (const { r, sheetRow } of nonBlankRows(g, match.dataStart, out.skipped)) {
    const nameCell = cell(r, "school");
    const codeCell = cell(r, "code");
    const nameText = cellText(nameCell);

    if (segmentAt.size > 0) {
      const seg = segmentAt.get(r);
      if (seg) {
        seg.ctx = segmentContext ? segmentContext(seg.titleRow ?? r, r, prevSegmentCtx) : prevSegmentCtx;
        prevSegmentCtx = seg.ctx;
        ctx = seg.ctx;
        pushAll(out.problems, seg.ctx.problems);
        out.segments.push(seg);
        if (!seg.noHeader) {
          out.skipped.push({ row: sheetRow, reason: "повтор строки заголовка" });
          continue;
        }
      }
      if (titleRowOf.has(r)) {
        const lead = leadText(g, r) || nameText;
        out.skipped.push({ row: sheetRow, reason: `строка заголовка таблицы${lead ? `: «${lead}»` : ""}` });
        continue;
      }
    }
    // Numbers are never spread over merged rows: the numeric columns are read raw.
    const row = g.sheet.values[r];
    let numbersBlank = true;
    for (let i = 0; i < numericCols.length && numbersBlank; i++) numbersBlank = isBlank(row?.[numericCols[i]]);
    const skip = rowClass.classify(r);
    if (skip) {
      out.skipped.push({
        row: sheetRow,
        reason: skip.reason,
        ...(skip.aggregate && !numbersBlank ? { aggregate: true } : {}),
      });
      continue;
    }
    if (numbersBlank && isBlank(codeCell) && !rowHasLogin(nameCell, codeCell)) {
      out.skipped.push({ row: sheetRow, reason: `строка без чисел${nameText ? `: «${nameText}»` : ""}` });
      continue;
    }
    if (nameText === "" && isBlank(codeCell) && noNumber(row)) {
      const lead = leadText(g, r);
      out.skipped.push({ row: sheetRow, reason: `строка без школы и чисел${lead ? `: «${lead}»` : ""}` });
      continue;
    }
    problems.length = 0;
    if (lastSchool === null || nameCell !== lastNameCell || codeCell !== lastCodeCell) {
      lastNameCell = nameCell;
      lastCodeCell = codeCell;
      lastSchool = schoolOfRow(nameCell, codeCell);
      lastSchoolKey = schoolKeyOf(lastSchool.name, lastSchool.code);
    }
    const school = lastSchool;
    if (school.name === "" && school.code === null) {
      problems.push(prob(r, schoolField, "Не указана школа"));
    }

    // Context fields: a column always wins; a blank column cell falls back to titles/names.
    let year: number | null = null;
    let yearDone = false;
    if (col("year") !== undefined) {
      const p = parseYearCell(cell(r, "year"));
      if (!p.ok) {
        problems.push(prob(r, "year", `Учебный год: ${p.message}`));
        yearDone = true;
      } else if (p.value !== null) {
        year = p.value;
        yearDone = true;
      }
    }
    if (!yearDone) {
      const c = ctx.values.year;
      if (c) year = Number(c.value);
      else problems.push(missingContext(r, "year"));
    }

    let procedure: string | null = null;
    if (col("procedure") !== undefined && !isBlank(cell(r, "procedure"))) {
      procedure = normalizeProcedure(cellText(cell(r, "procedure")));
    } else if (ctx.values.procedure) procedure = String(ctx.values.procedure.value);
    if (!procedure) {
      problems.push(missingContext(r, "procedure"));
    }

    const subjectOfRow = rowSubject(cell(r, "subject"), col("subject") !== undefined, ctx);
    const subject = subjectOfRow?.subject ?? null;
    const variant = subjectOfRow?.variant ?? null;
    if (!subject) {
      problems.push(missingContext(r, "subject"));
    }

    let grade: number | null = null;
    let classLabel: string | null = null;
    if (col("grade") !== undefined && !isBlank(cell(r, "grade"))) {
      const p = parseGradeCell(cell(r, "grade"));
      if (!p.ok) problems.push(prob(r, "grade", `Класс: ${p.message}`));
      else if (p.value) {
        grade = p.value.grade;
        classLabel = p.value.classLabel;
      }
    } else if (ctx.values.grade) grade = Number(ctx.values.grade.value);
    else if (ctx.conflicts.includes("grade")) {
      problems.push(prob(r, schoolField, "Класс не определён: источники противоречат друг другу"));
    }
    // SPEC §2: ОГЭ is ГИА-9, ЕГЭ is ГИА-11 — the grade is implied when no column or title gives it.
    if (grade === null && !ctx.conflicts.includes("grade")) {
      if (procedure === "ОГЭ") grade = 9;
      else if (procedure === "ЕГЭ") grade = 11;
    }

    const { participants, failed, marks, journal } = readCounts(counts, r, problems);

    if (problems.length > 0 || year === null || !procedure || !subject || participants === null || failed === null) {
      pushAll(out.problems, problems);
      continue;
    }
    // The mean score is kept when readable; an unreadable one is said, the row still counts (it is optional).
    let average: number | null = null;
    if (hasAverage) {
      const p = parseNumberCell(cell(r, "average"));
      if (p.ok) average = p.value;
      else out.problems.push(prob(r, "average", `Средний балл: ${p.message} (строка учтена без среднего балла)`));
    }
    const municipality = rowClass.municipalityOf(r);
    // Built field by field (no object spread per row: a national register has millions of rows).
    const record: ResultRecord = {
      schoolKey: lastSchoolKey,
      school: school.name || (school.code ?? ""),
      code: school.code,
      year,
      procedure,
      grade,
      classLabel,
      subject,
      variant,
      participants,
      failed,
      marks,
      journal,
      source: file ? { sheet, row: sheetRow, file } : { sheet, row: sheetRow },
    };
    if (hasAverage) record.average = average;
    if (municipality !== null) record.municipality = municipality;
    out.rows.push(new LongTableRow(record, r + g.oy, schoolCol));
  }
  return out;
}

/**
 * Keys of the unit a result row belongs to (school, year, procedure, grade, subject, variant[, class]), for maps over
 * every row of every sheet: the texts are numbered as they come and packed into one safe integer (53 bits: school
 * 20, year 8, grade 4, procedure 5, subject 7, variant 2, class 7), so a national register does not build a string
 * per row. A value past its width (a millionth school, a 33rd procedure…) gives the exact string key instead.
 */
export function unitKeyer(withClass: boolean): (r: ResultRecord) => number | string {
  const numbering = (): ((text: string) => number) => {
    const ids = new Map<string, number>();
    // Rows of one school follow one another: a repeat of the last text is answered without a lookup.
    let lastText: string | undefined;
    let lastId = 0;
    return (text) => {
      if (text === lastText) return lastId;
      let v = ids.get(text);
      if (v === undefined) ids.set(text, (v = ids.size + 1));
      lastText = text;
      return (lastId = v);
    };
  };
  const schoolId = numbering();
  const procId = numbering();
  const subjectId = numbering();
  const variantId = numbering();
  const classId = numbering();
  return (r) => {
    const school = schoolId(r.schoolKey);
    const year = r.year - 1900;
    const grade = r.grade ?? 0;
    const proc = procId(r.procedure);
    const subject = subjectId(r.subject);
    const variant = r.variant ? variantId(r.variant) : 0;
    const cls = withClass && r.classLabel ? classId(r.classLabel) : 0;
    if (
      school < 1 << 20 &&
      Number.isInteger(year) &&
      year >= 0 &&
      year < 256 &&
      Number.isInteger(grade) &&
      grade >= 0 &&
      grade < 16 &&
      proc < 32 &&
      subject < 128 &&
      variant < 4 &&
      cls < 128
    ) {
      return (((((school * 256 + year) * 16 + grade) * 32 + proc) * 128 + subject) * 4 + variant) * 128 + cls;
    }
    return [
      r.schoolKey,
      r.year,
      r.procedure,
      r.grade ?? "",
      r.subject,
      r.variant ?? "",
      withClass ? (r.classLabel ?? "") : "",
    ].join("|");
  };
}

function valuesKey(r: ResultRecord): string {
  return JSON.stringify([r.participants, r.failed, r.marks, r.journal]);
}

/**
 * Duplicates (issue 8): rows of one unit with the same class (or none) — a report pasted twice. Identical rows
 * are kept once (later ones are named skips «дубликат строки N»); differing rows are a problem naming both cells
 * and every row of that unit is left out.
 */
export function dedupeResults(items: Item<ResultRow>[]): { kept: Item<ResultRow>[]; problems: Problem[] } {
  // Most units have one row. The packed keys of all rows are sorted once (a typed array, no map of every row) to find
  // the few keys that occur twice; only rows of those keys (and rows with a string key) go through the maps below.
  const unitKey = unitKeyer(true);
  const keys = new Float64Array(items.length);
  const textKeys = new Map<number, string>();
  for (let i = 0; i < items.length; i++) {
    const k = unitKey(items[i].row.record);
    if (typeof k === "number") keys[i] = k;
    else {
      keys[i] = NaN;
      textKeys.set(i, k);
    }
  }
  const sorted = keys.slice().sort();
  const repeated = new Set<number>();
  for (let j = 1; j < sorted.length; j++) if (sorted[j] === sorted[j - 1]) repeated.add(sorted[j]);
  const firstOf = new Map<number | string, Item<ResultRow>>();
  const byKey = new Map<number | string, Item<ResultRow>[]>();
  for (let i = 0; i < items.length; i++) {
    const it = items[i];
    const n = keys[i];
    const numeric = !Number.isNaN(n);
    if (numeric && !repeated.has(n)) continue; // a number key seen once: the only row of its unit
    const k = numeric ? n : textKeys.get(i)!;
    const first = firstOf.get(k);
    if (first === undefined) {
      firstOf.set(k, it);
      continue;
    }
    const list = byKey.get(k);
    if (list) list.push(it);
    else byKey.set(k, [first, it]);
  }
  const dropped = new Set<ResultRow>();
  const problems: Problem[] = [];
  const where = (a: Item<ResultRow>, b: Item<ResultRow>) => {
    const sameSheet = a.account.sheet === b.account.sheet && a.account.file === b.account.file;
    if (sameSheet) return `строки ${a.row.record.source.row}`;
    return `строки ${a.row.record.source.row} листа «${a.account.sheet}»${a.account.file && a.account.file !== b.account.file ? ` (${a.account.file})` : ""}`;
  };
  for (const list of byKey.values()) {
    if (list.length < 2) continue;
    const first = list[0];
    const conflicting = list.some((it) => valuesKey(it.row.record) !== valuesKey(first.row.record));
    if (!conflicting) {
      for (const it of list.slice(1)) {
        dropped.add(it.row);
        it.account.skipped.push({ row: it.row.record.source.row, reason: `дубликат ${where(first, it)}` });
      }
      continue;
    }
    for (const it of list) dropped.add(it.row);
    // The first row is left out too: it is named (the problem stands at the later row).
    const firstOther = list.find((x) => valuesKey(x.row.record) !== valuesKey(first.row.record)) ?? list[1];
    first.account.skipped.push({
      row: first.row.record.source.row,
      reason: `не учтена: повтор с другими значениями (${firstOther.account === first.account ? firstOther.row.schoolCell : `«${firstOther.account.sheet}»!${firstOther.row.schoolCell}`})`,
    });
    for (const it of list.slice(1)) {
      const other = list.find((x) => valuesKey(x.row.record) !== valuesKey(it.row.record)) ?? first;
      const r = it.row.record;
      // Cross-file duplicates name both files (issue 16 item 10); another sheet of one file names that sheet.
      const twoFiles = other.account.file !== it.account.file;
      const place = (x: Item<ResultRow>) =>
        twoFiles
          ? `${x.row.schoolCell} (лист «${x.account.sheet}»${x.account.file ? `, ${x.account.file}` : ""})`
          : x.row.schoolCell;
      const otherSheet =
        !twoFiles && other.account.sheet !== it.account.sheet ? ` (лист «${other.account.sheet}»)` : "";
      const byName = r.schoolKey.startsWith("name:")
        ? " (если это разные школы одного названия — добавьте столбец «Муниципалитет» или код ОО)"
        : "";
      const p: Problem = {
        sheet: it.account.sheet,
        cell: it.row.schoolCell,
        message:
          `Повтор с другими значениями: ${place(it)} и ${place(other)}${otherSheet} — ` +
          `одна и та же единица (${r.school}, ${r.year}, ${r.procedure}, ${r.grade ?? "—"} кл., ${r.subject}` +
          `${r.classLabel ? `, ${r.classLabel}` : ""}); обе строки не учтены${byName}`,
      };
      if (it.account.file) p.file = it.account.file;
      problems.push(p);
      it.account.problems.push(p);
    }
  }
  return { kept: dropped.size === 0 ? items : items.filter((it) => !dropped.has(it.row)), problems };
}

/**
 * Class rows and a parallel total row of one unit (5А, 5Б and 5 / «5 (всего)», R-UNIT): a total equal to the sum of
 * the class rows is a named skip «итог по параллели»; a total that differs is a problem naming the cells, and every
 * row of that unit is left out (no double counting, no guess).
 */
export function dropParallelTotals(items: Item<ResultRow>[]): { kept: Item<ResultRow>[]; problems: Problem[] } {
  if (!items.some((it) => it.row.record.classLabel !== null)) return { kept: items, problems: [] };
  const groups = new Map<number | string, Item<ResultRow>[]>();
  const unitKey = unitKeyer(false);
  for (const it of items) {
    const r = it.row.record;
    if (r.grade === null) continue;
    const k = unitKey(r);
    const list = groups.get(k);
    if (list) list.push(it);
    else groups.set(k, [it]);
  }
  const dropped = new Set<ResultRow>();
  const problems: Problem[] = [];
  const cellOf = (it: Item<ResultRow>, other: Item<ResultRow>) =>
    it.account === other.account ? it.row.schoolCell : `«${it.account.sheet}»!${it.row.schoolCell}`;
  for (const list of groups.values()) {
    if (list.length < 2) continue;
    const classes = list.filter((it) => it.row.record.classLabel !== null);
    const totals = list.filter((it) => it.row.record.classLabel === null);
    if (classes.length === 0 || totals.length === 0) continue;
    const sumP = classes.reduce((s, it) => s + it.row.record.participants, 0);
    const sumF = classes.reduce((s, it) => s + it.row.record.failed, 0);
    const allMarks = classes.every((it) => it.row.record.marks !== null);
    const sumM = (k: "m2" | "m3" | "m4" | "m5") => classes.reduce((s, it) => s + (it.row.record.marks?.[k] ?? 0), 0);
    for (const t of totals) {
      const r = t.row.record;
      const marksOk =
        !allMarks || r.marks === null || (["m2", "m3", "m4", "m5"] as const).every((k) => r.marks![k] === sumM(k));
      const classCells = classes.map((c) => cellOf(c, t)).join(", ");
      if (r.participants === sumP && r.failed === sumF && marksOk) {
        dropped.add(t.row);
        t.account.skipped.push({
          row: r.source.row,
          reason: `итог по параллели (сумма строк классов ${classes.map((c) => c.row.record.classLabel).join(", ")})`,
        });
        continue;
      }
      for (const it of list) {
        if (dropped.has(it.row)) continue;
        dropped.add(it.row);
        // Every row of the unit is left out; the rows other than this total are named (the problem is at the total).
        if (it !== t) {
          it.account.skipped.push({
            row: it.row.record.source.row,
            reason: `не учтена: итог по параллели ${cellOf(t, it)} не равен сумме строк классов`,
          });
        }
      }
      const p: Problem = {
        sheet: t.account.sheet,
        cell: t.row.schoolCell,
        message:
          `Итог по параллели ${t.row.schoolCell} не равен сумме строк классов (${classCells}): ` +
          `участников ${r.participants} против ${sumP}, не справились ${r.failed} против ${sumF} — ` +
          `${r.school}, ${r.procedure}, ${r.grade} кл., ${r.subject}; строки этой единицы не учтены`,
      };
      if (t.account.file) p.file = t.account.file;
      problems.push(p);
      t.account.problems.push(p);
    }
  }
  if (dropped.size === 0) return { kept: items, problems };
  return { kept: items.filter((it) => !dropped.has(it.row)), problems };
}

/** Duplicates, then parallel totals, over the result rows of every sheet and file. */
export function combineResults(items: Item<ResultRow>[]): { kept: Item<ResultRow>[]; problems: Problem[] } {
  const deduped = dedupeResults(items);
  const totals = dropParallelTotals(deduped.kept);
  const problems = deduped.problems;
  pushAll(problems, totals.problems);
  return { kept: totals.kept, problems };
}

export const resultsKind = defineKind({
  id: "results",
  labels: { title: "Результаты", account: "реестр результатов", count: "строк результатов" },
  fields: [
    F.schoolField,
    F.codeField,
    F.yearField,
    F.procedureField,
    F.subjectField,
    F.gradeField,
    F.participantsField,
    F.markField(2),
    F.markField(3),
    F.markField(4),
    F.markField(5),
    F.failedShareField,
    F.failedField,
    { id: "lower", label: "Понизили", synonyms: ["понизили"], contains: ["понизили"] },
    { id: "confirmed", label: "Подтвердили", synonyms: ["подтвердили"], contains: ["подтвердили"] },
    { id: "higher", label: "Повысили", synonyms: ["повысили"], contains: ["повысили"] },
    F.averageField,
    F.municipalityField,
    { id: "schoolsCount", label: "Кол-во ОО", synonyms: ["кол во оо", "количество оо"] },
  ],
  layouts: [
    { id: "long", label: null, requires: [["school", "code"], ["participants"], ["failed", "failedShare", "m2"]] },
    { id: "wide", label: "широкая таблица: группа столбцов на каждый предмет", requires: [], detect: detectWide },
  ],
  contextFields: F.ASSESSMENT_CONTEXT,
  identity: true,
  givesResults: true,
  checkedAgainstSchools: true,
  read: ({ g, match, ctx, file, segmentContext }) =>
    match.layout.id === "wide"
      ? readWideRows(g, match, ctx, file)
      : readResultRows(g, match, ctx, file, segmentContext),
  combine: (items) => combineResults(items),
});
