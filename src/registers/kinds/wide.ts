/**
 * Wide results tables (issue 16 item 4): regional ЕГЭ/ОГЭ tables with one row per school and one column group per
 * subject — `Муниципальное образование | Образовательная организация (школа) | … | Русский язык | Математика
 * профильная | …` over `приняло участие | не преодолен min порог | высокобалльники | получили 100 баллов | средний
 * балл`, in two or three header rows (the subject merged over its group or repeated in each cell, sometimes an «из
 * них» row between). Each school × subject group is a results record (participants, failed, mean kept).
 */
import type { Problem, ResultRecord } from "../../core/types";
import { a1 } from "../address";
import type { SheetContext } from "../context";
import {
  GridReader,
  mapColumns,
  type ColumnGroup,
  type ColumnHeader,
  type HeaderMatch,
  type MappedColumn,
} from "../headers";
import { pushAll, type AnyKind, type RowBase, type RowsOutcome } from "../kind";
import { findSubjectInText, normalizeHeader, schoolKeyOf } from "../normalize";
import { fieldCells, leadText, nonBlankRows, rowHasLogin, SchoolRowClassifier, schoolOfRow } from "../rows";
import { cellText, isBlank, parseNumberCell } from "../values";
import { readCounts, type CountsContext } from "./counts";
import { NO_PROCEDURE_HINT } from "./fields";

export type WideGroup = ColumnGroup;

/** How many header rows above the metric row may carry the subject («Русский язык» / «из них» / metrics). */
const SUBJECT_ROWS_ABOVE = 3;

/** The metric a header cell of a subject group names, or null (высокобалльники, 100 баллов …). */
function metricOf(text: string, numeric: number | null): string | null {
  if (numeric !== null && numeric >= 2 && numeric <= 5) return `m${numeric}`;
  const t = normalizeHeader(text);
  if (t === "") return null;
  const m = /^(?:отметка |оценка |кол во |количество )?([2-5])$/.exec(t);
  if (m) return `m${m[1]}`;
  const share = t.includes("%") || /(^| )(доля|процент)/.test(t);
  if (/не преодол|не набрал|не сдал|ниже минимальн|получили 2|получивших 2|неудовлетвор/.test(t)) {
    return share ? "failedShare" : "failed";
  }
  if (share) return null;
  if (/(^| )средн/.test(t) && /балл|отметк/.test(t)) return "average";
  if (/приняло участие|приняли участие|участвовал|участник|сдавал|писал|(^| )чел( |$)/.test(t)) return "participants";
  return null;
}

function isOfThem(text: string): boolean {
  const t = normalizeHeader(text);
  return t === "из них" || t === "в том числе" || t === "из них чел";
}

interface SubjectCell {
  subject: string;
  variant: string | null;
  label: string;
  row: number;
  left: number;
  right: number;
}

/** The subject over a column: the nearest header cell (or merged area) above the metric row that names one. */
function subjectAbove(g: GridReader, r: number, c: number): SubjectCell | null {
  for (let up = r - 1; up >= Math.max(0, r - SUBJECT_ROWS_ABOVE); up--) {
    const text = g.coverText(up, c);
    if (text === "" || isOfThem(text)) continue;
    const s = findSubjectInText(text);
    if (!s) return null;
    const area = g.areaAt(up, c);
    const left = area ? area.left - g.ox : c;
    const right = area ? area.right - g.ox : c;
    return { subject: s.subject, variant: s.variant, label: text.replace(/\s+/g, " "), row: up, left, right };
  }
  return null;
}

/**
 * Finds a wide header whose metric row is grid row `r`: at least one subject group with participants and failures
 * (count, share or the mark «2»), and a school (or login) column outside the groups.
 */
export function detectWide(g: GridReader, r: number, kind: AnyKind): HeaderMatch | null {
  if (r < 1) return null;
  const metricCols: { col: number; metric: string; text: string }[] = [];
  for (let c = 0; c < g.cols; c++) {
    const v = g.raw(r, c);
    const text = g.coverText(r, c);
    const numeric = typeof v === "number" && Number.isInteger(v) ? v : null;
    const metric = metricOf(text, numeric);
    if (metric) metricCols.push({ col: c, metric, text: text || String(numeric) });
  }
  if (!metricCols.some((m) => m.metric === "participants")) return null;

  const subjects = new Map<number, SubjectCell>();
  for (const m of metricCols) {
    const s = subjectAbove(g, r, m.col);
    if (s) subjects.set(m.col, s);
  }
  if (subjects.size === 0) return null;

  // Base columns (outside the groups): their header is the nearest text at or above the metric row.
  let headerTop = r;
  const base: ColumnHeader[] = [];
  for (let c = 0; c < g.cols; c++) {
    if (subjects.has(c)) continue;
    for (let up = r; up >= Math.max(0, r - SUBJECT_ROWS_ABOVE); up--) {
      const text = g.coverText(up, c);
      if (text === "") continue;
      const area = g.areaAt(up, c);
      // A title over the whole table is not a column header.
      if (area && area.right - area.left >= 2 && up < r) break;
      base.push({ col: c, text, group: "", numeric: null });
      headerTop = Math.min(headerTop, area ? area.top - g.oy : up);
      break;
    }
  }
  const baseColumns = mapColumns(kind, base);
  for (const f of [...baseColumns.keys()]) {
    if (!["school", "code", "municipality", "year", "procedure", "grade", "schoolsCount"].includes(f)) {
      baseColumns.delete(f);
    }
  }
  const school = baseColumns.get("school") ?? baseColumns.get("code");
  if (!school) return null;

  // Groups: consecutive metric columns under one subject (a subject cell spanning the school column is a title).
  const groups: WideGroup[] = [];
  let current: WideGroup | null = null;
  let currentKey = "";
  for (const m of metricCols) {
    const s = subjects.get(m.col);
    if (!s || (s.left <= school.col && s.right >= school.col)) {
      current = null;
      continue;
    }
    headerTop = Math.min(headerTop, s.row);
    // A merged subject cell is its group; a subject repeated in each cell groups its consecutive columns.
    const key = `${s.subject}|${s.variant ?? ""}${s.left === s.right ? "" : `@${s.row}:${s.left}`}`;
    if (!current || key !== currentKey || current.cols.has(m.metric)) {
      current = { subject: s.subject, variant: s.variant, label: s.label.replace(/,\s*чел\.?$/i, ""), cols: new Map() };
      currentKey = key;
      groups.push(current);
    }
    const header = `${current.label} / ${m.text}`;
    current.cols.set(m.metric, { field: m.metric, col: m.col, header, percentHint: m.text.includes("%") });
  }
  const usable = groups.filter(
    (gr) => gr.cols.has("participants") && (gr.cols.has("failed") || gr.cols.has("failedShare") || gr.cols.has("m2")),
  );
  if (usable.length === 0) return null;
  const layout = kind.layouts.find((l) => l.id === "wide")!;
  return {
    kind,
    layout,
    headerRow: r,
    headerTop,
    dataStart: r + 1,
    columns: baseColumns,
    groups: usable,
    // A table of subject groups beats any long reading of the same rows.
    score: 10 + 10 * usable.length + baseColumns.size,
  };
}

export type WideRow = RowBase<ResultRecord>;

/** SPEC §2 share rule per group column: percent with «%» or when at least half of the non-zero values exceed 1. */
function percentColumn(g: GridReader, col: number, from: number, hint: boolean): boolean {
  if (hint) return true;
  let n = 0;
  let above = 0;
  for (let r = from; r < g.rows; r++) {
    const p = parseNumberCell(g.raw(r, col));
    if (!p.ok || p.value === null) continue;
    if (p.percent) return true;
    if (p.value === 0) continue;
    n++;
    if (p.value > 1) above++;
  }
  return n > 0 && above * 2 >= n;
}

/** A group's cells are all blank or dashes: the school did not take that subject (no record, nothing lost). */
function groupEmpty(g: GridReader, r: number, gr: WideGroup): boolean {
  for (const m of gr.cols.values()) {
    const v = g.raw(r, m.col);
    if (isBlank(v)) continue;
    if (typeof v === "string" && v.length < 8 && /^[\s\-–—]+$/.test(v)) continue;
    return false;
  }
  return true;
}

export function readWideRows(
  g: GridReader,
  match: HeaderMatch,
  ctx: SheetContext,
  file?: string,
): RowsOutcome<WideRow> {
  const out: RowsOutcome<WideRow> = { rows: [], skipped: [], problems: [] };
  const groups = match.groups ?? [];
  const { col, cell } = fieldCells(g, match);
  const sheet = g.sheet.name;
  const schoolField = col("school") !== undefined ? "school" : "code";
  const at = (r: number, c: number) => a1(r + g.oy, c + g.ox);
  const rowClass = new SchoolRowClassifier(g, cell, (f) => col(f) !== undefined);
  const procedure = ctx.values.procedure ? String(ctx.values.procedure.value) : null;
  const year = ctx.values.year ? Number(ctx.values.year.value) : null;
  let grade = ctx.values.grade ? Number(ctx.values.grade.value) : null;
  if (grade === null && !ctx.conflicts.includes("grade")) {
    if (procedure === "ОГЭ") grade = 9;
    else if (procedure === "ЕГЭ") grade = 11;
  }
  const contexts = groups.map((gr): CountsContext => ({
    col: (f) => gr.cols.get(f)?.col,
    cell: (r, f) => {
      const c = gr.cols.get(f)?.col;
      return c === undefined ? null : g.raw(r, c);
    },
    prob: (r, f, message) => ({
      sheet,
      cell: at(r, gr.cols.get(f)?.col ?? gr.cols.get("participants")!.col),
      message: `${gr.label}: ${message}`,
      ...(file ? { file } : {}),
    }),
    header: (f) => gr.cols.get(f)?.header ?? f,
    sharePercent:
      gr.cols.has("failedShare") &&
      percentColumn(g, gr.cols.get("failedShare")!.col, match.dataStart, gr.cols.get("failedShare")!.percentHint),
    marksHint: ["m2", "m3", "m4", "m5"].some((f) => gr.cols.get(f)?.percentHint),
    journalPercent: true,
  }));

  for (const { r, sheetRow } of nonBlankRows(g, match.dataStart, out.skipped)) {
    const nameCell = cell(r, "school");
    const codeCell = cell(r, "code");
    const nameText = cellText(nameCell);
    const numbersBlank = groups.every((gr) => groupEmpty(g, r, gr));
    const skip = rowClass.classify(r);
    if (skip) {
      out.skipped.push({
        row: sheetRow,
        reason: skip.reason,
        ...(skip.aggregate && !numbersBlank ? { aggregate: true } : {}),
      });
      continue;
    }
    if (numbersBlank) {
      const lead = nameText || leadText(g, r);
      out.skipped.push({ row: sheetRow, reason: `строка без чисел${lead ? `: «${lead}»` : ""}` });
      continue;
    }
    const school = schoolOfRow(nameCell, codeCell);
    const rowProblems: Problem[] = [];
    const schoolCell = at(r, col(schoolField) ?? 0);
    const where = (message: string): Problem => ({ sheet, cell: schoolCell, message, ...(file ? { file } : {}) });
    if (school.name === "" && school.code === null && !rowHasLogin(nameCell, codeCell)) {
      rowProblems.push(where("Не указана школа"));
    }
    if (year === null) {
      rowProblems.push(
        where(
          ctx.conflicts.includes("year")
            ? "Учебный год не определён: источники противоречат друг другу"
            : "Не указан учебный год (нет ни столбца, ни года в заголовке, названии листа или файла)",
        ),
      );
    }
    if (procedure === null) {
      rowProblems.push(
        where(
          ctx.conflicts.includes("procedure")
            ? "Процедура не определена: источники противоречат друг другу"
            : `Не указана оценочная процедура (нет ни столбца, ни названия в заголовке, листе или файле): ${NO_PROCEDURE_HINT}`,
        ),
      );
    }
    if (rowProblems.length) {
      pushAll(out.problems, rowProblems);
      continue;
    }
    const municipality = rowClass.municipalityOf(r);
    let any = false;
    groups.forEach((gr, i) => {
      if (groupEmpty(g, r, gr)) return;
      any = true;
      const problems: Problem[] = [];
      const c = readCounts(contexts[i], r, problems);
      let average: number | null = null;
      const avgCol = gr.cols.get("average")?.col;
      if (avgCol !== undefined) {
        const p = parseNumberCell(g.raw(r, avgCol));
        if (p.ok) average = p.value;
        else
          out.problems.push(contexts[i].prob(r, "average", `средний балл: ${p.message} (учтено без среднего балла)`));
      }
      if (problems.length || c.participants === null || c.failed === null) {
        pushAll(out.problems, problems);
        return;
      }
      out.rows.push({
        schoolCell,
        record: {
          schoolKey: schoolKeyOf(school.name, school.code),
          school: school.name || (school.code ?? ""),
          code: school.code,
          year: year!,
          procedure: procedure!,
          grade,
          classLabel: null,
          subject: gr.subject,
          variant: gr.variant,
          participants: c.participants,
          failed: c.failed,
          marks: c.marks,
          journal: null,
          average,
          ...(municipality !== null ? { municipality } : {}),
          source: { sheet, row: sheetRow, ...(file ? { file } : {}) },
        },
      });
    });
    if (!any) out.skipped.push({ row: sheetRow, reason: "строка без чисел" });
  }
  return out;
}

/** Columns of a wide table for the account: the base columns, then every group's columns. */
export function wideMapping(match: HeaderMatch): MappedColumn[] {
  const list = [...match.columns.values()];
  for (const gr of match.groups ?? []) for (const m of gr.cols.values()) list.push(m);
  return list;
}
