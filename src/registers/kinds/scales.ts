/**
 * The «Шкалы» register kind (SPEC §2, issue 16 item 5): the department copies the official grading scale — year,
 * grade, subject and the lowest primary score of «3», «4», «5» (procedure ВПР unless said) — so that protocols with
 * primary scores only (ФИС ОКО 2020–2022) become results.
 */
import type { Problem, ScaleRecord } from "../../core/types";
import { a1 } from "../address";
import { rowSubject, type SheetContext } from "../context";
import type { GridReader, HeaderMatch } from "../headers";
import { defineKind, pushAll, type FieldDef, type Item, type RowBase, type RowsOutcome } from "../kind";
import { normalizeProcedure } from "../normalize";
import { fieldCells, leadText, nonBlankRows, summaryRowReason } from "../rows";
import { cellText, isBlank, parseGradeCell, parseYearCell } from "../values";
import * as F from "./fields";

export type ScaleRow = RowBase<ScaleRecord>;

/** «Отметка «3» от», «Мин. балл на «3»», «3»: a header naming one of the marks 3…5 and no other number. */
function minScoreField(n: 3 | 4 | 5): FieldDef {
  return {
    id: `min${n}`,
    label: `Наименьший балл на «${n}»`,
    synonyms: [],
    numeric: n,
    test: (t) => {
      if (/класс|год|участник/.test(t)) return false;
      const tokens = t.split(" ");
      return tokens.includes(String(n)) && !tokens.some((x) => /^\d+$/.test(x) && x !== String(n));
    },
  };
}

/** The lowest score of a scale cell: a number, or the first number of a range («7–11», «от 7», «7 и более»). */
function lowestScore(v: unknown): number | null | "bad" {
  if (v === null || v === undefined || (typeof v === "string" && v.trim() === "")) return null;
  if (typeof v === "number") return Number.isInteger(v) && v >= 0 ? v : "bad";
  if (typeof v !== "string" || v.length > 40) return "bad";
  const m = /(\d{1,3})/.exec(v);
  return m ? Number(m[1]) : "bad";
}

export function readScaleRows(
  g: GridReader,
  match: HeaderMatch,
  ctx: SheetContext,
  file?: string,
): RowsOutcome<ScaleRow> {
  const out: RowsOutcome<ScaleRow> = { rows: [], skipped: [], problems: [] };
  const { col, cell } = fieldCells(g, match);
  const sheet = g.sheet.name;
  const at = (r: number, f: string) => a1(r + g.oy, (col(f) ?? col("min3") ?? 0) + g.ox);
  for (const { r, sheetRow } of nonBlankRows(g, match.dataStart, out.skipped)) {
    const summary = summaryRowReason(leadText(g, r));
    if (summary) {
      out.skipped.push({ row: sheetRow, reason: summary });
      continue;
    }
    const problems: Problem[] = [];
    const prob = (f: string, message: string) =>
      problems.push({ sheet, cell: at(r, f), message, ...(file ? { file } : {}) });
    let year: number | null = null;
    if (col("year") !== undefined && !isBlank(cell(r, "year"))) {
      const p = parseYearCell(cell(r, "year"));
      if (p.ok) year = p.value;
      else prob("year", `Учебный год: ${p.message}`);
    } else if (ctx.values.year) year = Number(ctx.values.year.value);
    else prob("year", "Шкала: не указан учебный год");
    let grade: number | null = null;
    if (col("grade") !== undefined && !isBlank(cell(r, "grade"))) {
      const p = parseGradeCell(cell(r, "grade"));
      if (p.ok && p.value) grade = p.value.grade;
      else prob("grade", `Класс: ${p.ok ? "не указан" : p.message}`);
    } else if (ctx.values.grade) grade = Number(ctx.values.grade.value);
    else prob("grade", "Шкала: не указан класс");
    const subjectOfRow = rowSubject(cell(r, "subject"), col("subject") !== undefined, ctx);
    const subject = subjectOfRow?.subject ?? null;
    const variant = subjectOfRow?.variant ?? null;
    if (subject === null) prob("subject", "Шкала: не указан предмет");
    const procedure =
      col("procedure") !== undefined && !isBlank(cell(r, "procedure"))
        ? normalizeProcedure(cellText(cell(r, "procedure")))
        : ctx.values.procedure
          ? String(ctx.values.procedure.value)
          : "ВПР";
    const mins: number[] = [];
    for (const n of [3, 4, 5] as const) {
      const v = lowestScore(cell(r, `min${n}`));
      if (v === null) prob(`min${n}`, `Шкала: не указан наименьший первичный балл на «${n}»`);
      else if (v === "bad") prob(`min${n}`, `Шкала: «${cellText(cell(r, `min${n}`))}» — не первичный балл на «${n}»`);
      else mins.push(v);
    }
    if (mins.length === 3 && !(mins[0] <= mins[1] && mins[1] <= mins[2])) {
      prob("min3", `Шкала: баллы на «3», «4», «5» (${mins.join(", ")}) должны не убывать`);
    }
    if (problems.length || year === null || grade === null || subject === null || !procedure) {
      pushAll(out.problems, problems);
      continue;
    }
    out.rows.push({
      schoolCell: at(r, "subject"),
      record: {
        year,
        procedure,
        grade,
        subject,
        variant,
        min3: mins[0],
        min4: mins[1],
        min5: mins[2],
        source: { sheet, row: sheetRow, ...(file ? { file } : {}) },
      },
    });
  }
  return out;
}

/** The key a scale is looked up by. */
export function scaleKey(s: {
  year: number;
  procedure: string;
  grade: number | null;
  subject: string;
  variant: string | null;
}): string {
  return `${s.year}|${s.procedure}|${s.grade ?? ""}|${s.subject}|${s.variant ?? ""}`;
}

/** One scale per key: identical repeats are skips, different scales for one key are a problem (both left out). */
function combineScales(items: Item<ScaleRow>[]): { kept: Item<ScaleRow>[]; problems: Problem[] } {
  const byKey = new Map<string, Item<ScaleRow>[]>();
  for (const it of items) {
    const k = scaleKey(it.row.record);
    const list = byKey.get(k);
    if (list) list.push(it);
    else byKey.set(k, [it]);
  }
  const kept: Item<ScaleRow>[] = [];
  const problems: Problem[] = [];
  for (const list of byKey.values()) {
    const first = list[0];
    const same = (x: ScaleRecord) =>
      x.min3 === first.row.record.min3 && x.min4 === first.row.record.min4 && x.min5 === first.row.record.min5;
    if (list.every((it) => same(it.row.record))) {
      kept.push(first);
      for (const it of list.slice(1)) {
        it.account.skipped.push({
          row: it.row.record.source.row,
          reason: `дубликат шкалы (строка ${first.row.record.source.row})`,
        });
      }
      continue;
    }
    first.account.skipped.push({
      row: first.row.record.source.row,
      reason: "не учтена: для этого года, класса и предмета есть другая шкала",
    });
    for (const it of list.slice(1)) {
      const r = it.row.record;
      const p: Problem = {
        sheet: it.account.sheet,
        cell: it.row.schoolCell,
        message:
          `Две разные шкалы для ${r.year} · ${r.procedure} · ${r.grade} кл. · ${r.subject}: ` +
          `строки ${first.row.record.source.row} и ${r.source.row} — обе не учтены`,
      };
      if (it.account.file) p.file = it.account.file;
      problems.push(p);
      it.account.problems.push(p);
    }
  }
  return { kept, problems };
}

export const scalesKind = defineKind({
  id: "scales",
  labels: { title: "Шкалы", account: "шкалы перевода первичных баллов в отметки", count: "шкал" },
  fields: [
    F.yearField,
    F.procedureField,
    F.gradeField,
    F.subjectField,
    minScoreField(3),
    minScoreField(4),
    minScoreField(5),
  ],
  layouts: [{ id: "scale", label: null, requires: [["min3"], ["min4"], ["min5"], ["grade", "subject"]] }],
  excludes: [F.schoolField, F.participantsField, F.codeField],
  contextFields: F.ASSESSMENT_CONTEXT,
  identity: false,
  read: ({ g, match, ctx, file }) => readScaleRows(g, match, ctx, file),
  combine: (items) => combineScales(items),
});
