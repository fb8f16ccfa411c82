/**
 * Rows of the «Результаты» register (SPEC §2, issue 8) → ResultRecord. Every unreadable value is a problem with
 * its A1 cell and the row is left out; summary and aggregate rows are named skips.
 */
import type { MarkCounts, Problem, ResultRecord } from "../core/types";
import type { SkippedRow } from "./types";
import { a1 } from "./address";
import type { SheetContext } from "./context";
import type { GridReader, HeaderMatch } from "./headers";
import { canonicalSubject, normalizeHeader, normalizeProcedure, schoolKeyOf } from "./normalize";
import {
  aggregateRowReason,
  areaAggregateReason,
  fieldCells,
  leadText,
  nonBlankRows,
  rowHasLogin,
  schoolOfRow,
  summaryRowReason,
} from "./rows";
import { cellText, isBlank, parseGradeCell, parseNumberCell, parseYearCell } from "./values";

export interface ResultRow {
  record: ResultRecord;
  /** A1 cell of the school (for duplicate and unknown-school problems). */
  schoolCell: string;
}

export interface RowsOutcome<T> {
  rows: T[];
  skipped: SkippedRow[];
  problems: Problem[];
}

/** A later table of the same sheet: its repeated header (grid row) and the context read from its own titles. */
export interface TableSegment {
  headerRow: number;
  /** First grid row of its title lines, null when the header follows the previous table directly. */
  titleRow: number | null;
  ctx: SheetContext;
  /** Title lines without a repeated header: `headerRow` is then the segment's first data row. */
  noHeader?: boolean;
}

/** A title line that carries context: «Предмет: …», «Класс: …», or a line naming a procedure (ВПР, ОГЭ, ЕГЭ, ГИА). */
const TITLE_SHAPE =
  /^[\s«"]*((учебный )?(предмет|класс|параллель|год|процедура)\s*:|.*(впр|огэ|егэ|гиа|проверочн\p{L}* работ|государственн\p{L}* экзамен))/iu;

/** Reads the context of a later table segment: title lines from `from` up to the header at `headerTop`. */
export type SegmentContext = (from: number, headerTop: number, previous: SheetContext) => SheetContext;

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
    blankCell: "Не указана оценочная процедура (ячейка пуста, в заголовке и названиях её нет)",
    noColumn: "Не указана оценочная процедура (нет ни столбца, ни названия в заголовке, листе или файле)",
  },
  subject: {
    conflict: "Предмет не определён: источники противоречат друг другу",
    blankCell: "Не указан предмет (ячейка пуста, в заголовке и названиях его нет)",
    noColumn: "Не указан предмет (нет ни столбца, ни предмета в заголовке, листе или файле)",
  },
};

/** A share column is percent when its header/group or any cell carries «%», or any value exceeds 1 (SPEC §2). */
function columnIsPercent(g: GridReader, col: number, from: number, hint: boolean): boolean {
  if (hint) return true;
  for (let r = from; r < g.rows; r++) {
    const p = parseNumberCell(g.raw(r, col));
    if (p.ok && (p.percent || (p.value !== null && p.value > 1))) return true;
  }
  return false;
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

  // Report layouts: when rows carry logins, a row without one is an aggregate (issue 8).
  let reportLayout = false;
  for (let r = match.dataStart; r < g.rows && !reportLayout; r++) {
    reportLayout = rowHasLogin(cell(r, "school"), cell(r, "code"));
  }

  const sharePercent =
    col("failedShare") !== undefined &&
    columnIsPercent(g, col("failedShare")!, match.dataStart, match.columns.get("failedShare")!.percentHint);
  const marksHint = ["m2", "m3", "m4", "m5"].some((f) => match.columns.get(f)?.percentHint);
  const journalPercent = ["lower", "confirmed", "higher"].some(
    (f) => col(f) !== undefined && columnIsPercent(g, col(f)!, match.dataStart, match.columns.get(f)!.percentHint),
  );
  const headerNorm = new Map<number, string>();
  for (const m of match.columns.values()) headerNorm.set(m.col, normalizeHeader(g.coverText(match.headerRow, m.col)));

  const mapped = [...match.columns.values()];
  const numericCols = NUMERIC_FIELDS.map((f) => col(f)).filter((c): c is number => c !== undefined);
  /** The header repeated: at least two mapped text cells equal to their header (a report pasted or stacked). */
  const isRepeatedHeader = (r: number): boolean => {
    let n = 0;
    for (const m of mapped) {
      const v = g.raw(r, m.col);
      // Only text counts: a mark 2 under the header «2» is data, not a repeated header.
      if (typeof v !== "string" || isBlank(v)) continue;
      const h = headerNorm.get(m.col) ?? "";
      const t = cellText(v);
      if (Math.abs(t.length - h.length) <= 8 && normalizeHeader(t) === h && ++n >= 2) return true;
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
        const lead = leadText(g, r);
        if (!TITLE_SHAPE.test(lead) || !isTitleLike(r)) continue;
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
        for (const x of seg.ctx.problems) out.problems.push(x);
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
    const summary = summaryRowReason(nameText) ?? summaryRowReason(leadText(g, r));
    if (summary) {
      out.skipped.push({ row: sheetRow, reason: summary });
      continue;
    }
    const aggregate = aggregateRowReason(nameText) ?? (reportLayout ? null : areaAggregateReason(nameText));
    if (aggregate) {
      out.skipped.push({ row: sheetRow, reason: aggregate });
      continue;
    }
    // Municipal layout: a blank ОО cell with a filled Муниципалитет cell is the municipality's total row.
    if (!reportLayout && nameText === "" && isBlank(codeCell) && !isBlank(cell(r, "municipality"))) {
      out.skipped.push({
        row: sheetRow,
        reason: `агрегат по муниципалитету: «${cellText(cell(r, "municipality"))}»`,
      });
      continue;
    }
    const numbersBlank = NUMERIC_FIELDS.every((f) => col(f) === undefined || isBlank(cell(r, f)));
    const noNumber = NUMERIC_FIELDS.every((f) => {
      if (col(f) === undefined) return true;
      const p = parseNumberCell(cell(r, f));
      return !p.ok || p.value === null;
    });
    const hasLogin = rowHasLogin(nameCell, codeCell);
    if (numbersBlank && !hasLogin && isBlank(codeCell)) {
      out.skipped.push({ row: sheetRow, reason: `строка без чисел${nameText ? `: «${nameText}»` : ""}` });
      continue;
    }
    if (nameText === "" && isBlank(codeCell) && noNumber) {
      const lead = leadText(g, r);
      out.skipped.push({ row: sheetRow, reason: `строка без школы и чисел${lead ? `: «${lead}»` : ""}` });
      continue;
    }
    if (reportLayout && !hasLogin) {
      const label = nameText || cellText(cell(r, "municipality")) || leadText(g, r) || "строка без школы";
      out.skipped.push({ row: sheetRow, reason: `агрегат: ${label} (нет логина ОО)` });
      continue;
    }
    const problems: Problem[] = [];
    const school = schoolOfRow(nameCell, codeCell);
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

    let subject: string | null = null;
    let variant: string | null = null;
    if (col("subject") !== undefined && !isBlank(cell(r, "subject"))) {
      const s = canonicalSubject(cellText(cell(r, "subject")));
      if (s) {
        subject = s.subject;
        variant = s.variant;
      }
    } else if (ctx.values.subject) {
      subject = String(ctx.values.subject.value);
      variant = ctx.variant;
    }
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

    // Participants.
    let participants: number | null = null;
    {
      const p = parseNumberCell(cell(r, "participants"));
      if (!p.ok) problems.push(prob(r, "participants", `Участники: ${p.message}`));
      else if (p.value === null) problems.push(prob(r, "participants", "Не указано количество участников"));
      else if (p.percent || !Number.isInteger(p.value) || p.value < 0)
        problems.push(
          prob(r, "participants", `Участники: «${cellText(cell(r, "participants"))}» — не целое число ≥ 0`),
        );
      else participants = p.value;
    }

    // Failures: a count column, else a share column, else the marks «2»–«5».
    let failed: number | null = null;
    let marks: MarkCounts | null = null;
    let failureKnown = false;
    const countOk = (f: string, v: number, label: string): boolean => {
      if (!Number.isInteger(v) || v < 0) {
        problems.push(prob(r, f, `${label}: «${cellText(cell(r, f))}» — не целое число ≥ 0`));
        return false;
      }
      if (participants !== null && v > participants) {
        problems.push(prob(r, f, `${label} (${v}) больше, чем участников (${participants})`));
        return false;
      }
      return true;
    };
    if (col("failed") !== undefined && !isBlank(cell(r, "failed"))) {
      failureKnown = true;
      const p = parseNumberCell(cell(r, "failed"));
      if (!p.ok) problems.push(prob(r, "failed", `Не справились: ${p.message}`));
      else if (p.percent) problems.push(prob(r, "failed", "Не справились: ожидается количество, а не процент"));
      else if (p.value !== null && countOk("failed", p.value, "Не справились")) failed = p.value;
    } else if (col("failedShare") !== undefined && !isBlank(cell(r, "failedShare"))) {
      failureKnown = true;
      const p = parseNumberCell(cell(r, "failedShare"));
      if (!p.ok) problems.push(prob(r, "failedShare", `Доля не справившихся: ${p.message}`));
      else if (p.value !== null) {
        const max = sharePercent ? 100 : 1;
        if (p.value < 0 || p.value > max)
          problems.push(
            prob(r, "failedShare", `Доля не справившихся «${cellText(cell(r, "failedShare"))}» вне 0–${max}`),
          );
        else if (participants !== null) failed = Math.round((p.value * participants) / max);
      }
    }
    if (col("m2") !== undefined) {
      const fields = ["m2", "m3", "m4", "m5"].filter((f) => col(f) !== undefined);
      const allBlank = fields.every((f) => isBlank(cell(r, f)));
      if (!allBlank) {
        const vals: Record<string, number> = {};
        let textPercent = false;
        let bad = false;
        for (const f of fields) {
          const p = parseNumberCell(cell(r, f));
          if (!p.ok) {
            problems.push(prob(r, f, `Отметка ${f.slice(1)}: ${p.message}`));
            bad = true;
          } else if (p.value === null) {
            problems.push(prob(r, f, `Не указано значение для отметки «${f.slice(1)}»`));
            bad = true;
          } else {
            vals[f] = p.value;
            textPercent ||= p.percent;
          }
        }
        const failedFromColumns = failureKnown;
        failureKnown = true;
        if (!bad && participants !== null) {
          const sum = fields.reduce((s, f) => s + vals[f], 0);
          const allInt = fields.every((f) => Number.isInteger(vals[f]));
          const full = fields.length === 4;
          let percent = marksHint || textPercent;
          if (!percent && full && !(allInt && sum === participants) && Math.abs(sum - 100) <= 1) percent = true;
          if (percent) {
            if (full && Math.abs(sum - 100) > 1 && !(participants === 0 && sum === 0)) {
              problems.push(prob(r, "m2", `Отметки в % дают в сумме ${String(sum).replace(".", ",")}, а не 100`));
            } else if (fields.some((f) => vals[f] < 0 || vals[f] > 100)) {
              problems.push(prob(r, "m2", "Отметки в % вне 0–100"));
            } else {
              const counts = Object.fromEntries(fields.map((f) => [f, Math.round((vals[f] * participants) / 100)]));
              if (full) marks = { m2: counts.m2, m3: counts.m3, m4: counts.m4, m5: counts.m5 };
              if (!failedFromColumns) failed = counts.m2;
            }
          } else {
            let ok = true;
            for (const f of fields) ok = countOk(f, vals[f], `Отметка «${f.slice(1)}»`) && ok;
            if (ok && full && sum > participants) {
              problems.push(prob(r, "m2", `Сумма отметок (${sum}) больше, чем участников (${participants})`));
              ok = false;
            }
            if (ok) {
              if (full) marks = { m2: vals.m2, m3: vals.m3, m4: vals.m4, m5: vals.m5 };
              if (!failedFromColumns) failed = vals.m2;
            }
          }
        }
      }
    }
    if (!failureKnown) {
      const f = col("failed") !== undefined ? "failed" : col("failedShare") !== undefined ? "failedShare" : "m2";
      problems.push(prob(r, f, "Не указано число не справившихся (ни количество, ни доля, ни отметки)"));
    }

    // ВПР vs journal marks (R-OBJ-1), percent.
    let journal: ResultRecord["journal"] = null;
    if (["lower", "confirmed", "higher"].every((f) => col(f) !== undefined)) {
      const vals: number[] = [];
      for (const f of ["lower", "confirmed", "higher"]) {
        const p = parseNumberCell(cell(r, f));
        if (!p.ok) problems.push(prob(r, f, `${match.columns.get(f)!.header}: ${p.message}`));
        else if (p.value !== null) vals.push(journalPercent ? p.value : p.value * 100);
      }
      if (vals.length === 3) {
        if (vals.some((v) => v < 0 || v > 100)) problems.push(prob(r, "lower", "Сравнение с журналом: % вне 0–100"));
        else journal = { lower: vals[0], confirmed: vals[1], higher: vals[2] };
      }
    }

    if (problems.length > 0 || year === null || !procedure || !subject || participants === null || failed === null) {
      for (const x of problems) out.problems.push(x);
      continue;
    }
    out.rows.push({
      schoolCell: addr(r, schoolField),
      record: {
        schoolKey: schoolKeyOf(school.name, school.code),
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
        source: { sheet, row: sheetRow, ...(file ? { file } : {}) },
      },
    });
  }
  return out;
}
