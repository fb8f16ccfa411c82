/**
 * Context of a register (issue 8): procedure, year, grade and subject not given by columns come from the title
 * lines above the header, then from the sheet name, then from the file name. A column always wins (per row, in
 * results.ts). Two non-column sources that disagree give a problem naming both — the value is not chosen.
 */
import type { CellValue, Problem } from "../core/types";
import type { ContextSource, ContextValue } from "./types";
import { a1 } from "./address";
import { GridReader } from "./headers";
import { canonicalSubject, findProcedureInText, findSubjectInText, type CanonicalSubject } from "./normalize";
import { cellText, findGradeInText, findYearInText, isBlank } from "./values";

export type ContextField = ContextValue["field"];
const FIELDS: ContextField[] = ["procedure", "year", "grade", "subject"];

const FIELD_LABEL: Record<ContextField, string> = {
  procedure: "процедура",
  year: "учебный год",
  grade: "класс",
  subject: "предмет",
};

const SOURCE_LABEL: Record<Exclude<ContextSource, "column">, string> = {
  manual: "задано вручную",
  title: "в заголовке",
  sheet: "в названии листа",
  file: "в имени файла",
  header: "в заголовке столбца",
  option: "в параметре команды",
};

/** Context given from outside the sheet: a constant of a hand mapping (pane), a default of the command line. */
export interface ContextExtra {
  /** Per-sheet constants of a hand mapping (the pane's mapping editor): they win over titles and names. */
  manual?: Partial<Record<ContextField, string | number>>;
  /** Defaults for sheets that give the field nowhere (`shnor list --procedure ВПР`). */
  option?: Partial<Record<ContextField, string | number>>;
  /** Header cells of the table (a year inside a column header is the weakest source, SPEC §2). */
  headerCells?: { text: string; cell: string }[];
}

export interface SheetContext {
  /** Title-line candidates by field (a later table segment of the sheet inherits those its own titles lack). */
  titles?: Partial<Record<ContextField, Candidate[]>>;
  /** Values chosen for the sheet (from titles/names), by field. */
  values: Partial<Record<ContextField, ContextValue>>;
  /** Subject level (ЕГЭ mathematics) found with the subject. */
  variant: string | null;
  /** Fields whose sources disagree: no value, a problem was raised. */
  conflicts: ContextField[];
  problems: Problem[];
}

export interface Candidate {
  value: string | number;
  variant?: string | null;
  from: Exclude<ContextSource, "column">;
  text: string;
  cell?: string;
}

function extract(
  text: string,
  bareGrade: boolean,
): Partial<Record<ContextField, { value: string | number; variant?: string | null }>> {
  const out: Partial<Record<ContextField, { value: string | number; variant?: string | null }>> = {};
  const procedure = findProcedureInText(text);
  if (procedure) out.procedure = { value: procedure };
  const year = findYearInText(text).year;
  if (year !== null) out.year = { value: year };
  const subject = findSubjectInText(text);
  if (subject) out.subject = { value: subject.subject, variant: subject.variant };
  const grade = findGradeInText(text, bareGrade && (procedure !== null || subject !== null));
  if (grade !== null) out.grade = { value: grade };
  return out;
}

/** Title lines: every non-blank row above the header (from `from` on), as text, with the A1 cell of its first value. */
export function titleLines(sheet: {
  grid: GridReader;
  headerTop: number;
  from?: number;
}): { text: string; cell: string }[] {
  const g = sheet.grid;
  const lines: { text: string; cell: string }[] = [];
  for (let r = sheet.from ?? 0; r < sheet.headerTop; r++) {
    const parts: string[] = [];
    let cell = "";
    for (let c = 0; c < g.cols; c++) {
      const v = g.raw(r, c);
      if (isBlank(v) || typeof v !== "string") continue;
      if (!cell) cell = a1(r + g.oy, c + g.ox);
      parts.push(v.replace(/\s+/g, " ").trim());
    }
    if (parts.length) lines.push({ text: parts.join(" "), cell });
  }
  return lines;
}

function baseName(file: string): string {
  return file
    .replace(/^.*[\\/]/, "")
    .replace(/\.(xlsx|xlsm|xls|csv)$/i, "")
    .trim();
}

/** A date in a file name («Выгрузка ФИС ОКО 20.09.2025») is a download date, never the academic year (issue 8). */
function withoutDates(text: string): string {
  return text.replace(/(^|\D)\d{1,2}[.\-_]\d{1,2}[.\-_](?:\d{4}|\d{2})(?!\d)/g, "$1 ");
}

function show(field: ContextField, c: Candidate): string {
  const v = field === "grade" ? `${c.value} класс` : String(c.value);
  const where = `${SOURCE_LABEL[c.from]} «${c.text}»${c.cell ? ` (${c.cell})` : ""}`;
  return `${v} ${where}`;
}

/**
 * Reads the context of one sheet. `columnFields` have their own column (a blank cell falls back to the context,
 * a conflict among titles/names is then reported per row, not for the sheet). `headerTop` is the 0-based grid row of the header (title lines stand above it).
 * `fileName` may be a path; only its base name is used.
 */
export function readContext(
  grid: GridReader,
  headerTop: number,
  fileName: string | undefined,
  fieldsWanted: ContextField[] = FIELDS,
  columnFields: ContextField[] = [],
  segment?: { from: number; inherit: SheetContext },
  extra: ContextExtra = {},
): SheetContext {
  const cands: Record<ContextField, Candidate[]> = { procedure: [], year: [], grade: [], subject: [] };
  const push = (found: ReturnType<typeof extract>, from: Candidate["from"], text: string, cell?: string) => {
    for (const f of FIELDS) {
      const x = found[f];
      if (!x) continue;
      const list = cands[f];
      // Several title lines naming the same value are one source.
      if (list.some((c) => c.from === from && c.value === x.value)) continue;
      list.push({ value: x.value, variant: x.variant ?? null, from, text, cell });
    }
  };
  const lines = titleLines({ grid, headerTop, from: segment?.from });
  // Explicit years in titles win over dates («Дата: 16.04.2025») within the titles.
  const titleYears = lines.map((l) => ({ l, y: findYearInText(l.text.replace(/\b\d{1,2}\.\d{1,2}\.\d{4}\b/g, " ")) }));
  const hasExplicitYear = titleYears.some((t) => t.y.year !== null);
  for (const line of lines) {
    const found = extract(line.text, false);
    if (hasExplicitYear && found.year !== undefined) {
      const explicit = findYearInText(line.text.replace(/\b\d{1,2}\.\d{1,2}\.\d{4}\b/g, " ")).year;
      if (explicit === null) delete found.year;
    }
    push(found, "title", line.text, line.cell);
  }
  // A later table segment keeps the titles of the one above for the fields its own titles do not name.
  const inherited = segment?.inherit.titles;
  if (inherited) {
    for (const f of FIELDS) if (cands[f].length === 0 && inherited[f]) for (const c of inherited[f]!) cands[f].push(c);
  }
  const titles: Partial<Record<ContextField, Candidate[]>> = {};
  for (const f of FIELDS) if (cands[f].length) titles[f] = [...cands[f]];
  const sheetName = grid.sheet.name;
  if (sheetName) push(extract(sheetName, true), "sheet", sheetName);
  // The file name is consulted only for fields the titles and the sheet name do not give (issue 8).
  const file = fileName ?? grid.sheet.file;
  if (file) {
    const name = baseName(file);
    const found = extract(withoutDates(name), true);
    for (const f of FIELDS) if (cands[f].length > 0) delete found[f];
    push(found, "file", name);
  }

  const ctx: SheetContext = { titles, values: {}, variant: null, conflicts: [], problems: [] };
  const headerCell = a1(headerTop + grid.oy, grid.ox);
  const fileLabel = file ? { file: file.replace(/^.*[\\/]/, "") } : {};
  for (const f of fieldsWanted) {
    // A constant the user set for this sheet wins over titles and names (no conflict to report).
    const manual = extra.manual?.[f];
    if (manual !== undefined && manual !== "") {
      ctx.values[f] = { field: f, value: manual, from: "manual", text: String(manual) };
      continue;
    }
    const list = cands[f];
    if (list.length === 0) continue;
    const first = list[0];
    const other = list.find((c) => c.value !== first.value);
    if (other) {
      ctx.conflicts.push(f);
      // A column wins: the disagreement matters only for rows whose cell is blank (reported per row).
      if (columnFields.includes(f)) continue;
      ctx.problems.push({
        sheet: sheetName,
        cell: first.cell ?? other.cell ?? headerCell,
        message:
          `Противоречие: ${FIELD_LABEL[f]} — ${show(f, first)} и ${show(f, other)}. ` +
          `Значение не выбрано: добавьте столбец или исправьте заголовок/название.`,
        ...fileLabel,
      });
      continue;
    }
    ctx.values[f] = { field: f, value: first.value, from: first.from, text: first.text };
    if (f === "subject") ctx.variant = list.find((c) => c.variant)?.variant ?? null;
  }
  // A year inside a column header («Всего выпускников в 2023 году»): the sheet name and the titles win over it and
  // the disagreement is said; alone, it gives the year.
  if (fieldsWanted.includes("year") && !columnFields.includes("year") && extra.headerCells) {
    const found: { year: number; text: string; cell: string }[] = [];
    for (const h of extra.headerCells) {
      const y = findYearInText(h.text).year;
      if (y !== null && !found.some((x) => x.year === y)) found.push({ year: y, text: h.text, cell: h.cell });
    }
    const chosen = ctx.values.year;
    if (chosen) {
      for (const h of found) {
        if (h.year === chosen.value) continue;
        ctx.problems.push({
          sheet: sheetName,
          cell: h.cell,
          message:
            `В заголовке столбца «${h.text}» указан ${h.year} год, а учебный год таблицы — ${chosen.value} ` +
            `(${SOURCE_LABEL[chosen.from as Exclude<ContextSource, "column">]} «${chosen.text}»): строки прочитаны ` +
            `как ${chosen.value}; проверьте заголовок`,
          ...fileLabel,
        });
      }
    } else if (found.length === 1 && !ctx.conflicts.includes("year")) {
      ctx.values.year = { field: "year", value: found[0].year, from: "header", text: found[0].text };
    }
  }
  // Defaults of the command line fill only what the sheet gives nowhere.
  for (const f of fieldsWanted) {
    const v = extra.option?.[f];
    if (v === undefined || v === "" || ctx.values[f] || ctx.conflicts.includes(f)) continue;
    ctx.values[f] = { field: f, value: v, from: "option", text: String(v) };
  }
  return ctx;
}

/** The sheet context's subject as a CanonicalSubject, made once per context (rows ask it millions of times). */
const contextSubjects = new WeakMap<SheetContext, CanonicalSubject | null>();

/**
 * A row's subject (SPEC §2): its own «Предмет» cell — canonical, with the level of ЕГЭ mathematics; null when the
 * text names no subject — or, when the row has no such cell or it is blank, the sheet context's; null when neither.
 */
export function rowSubject(
  cell: CellValue | undefined,
  hasColumn: boolean,
  ctx: SheetContext,
): CanonicalSubject | null {
  if (hasColumn && !isBlank(cell)) return canonicalSubject(cellText(cell));
  let s = contextSubjects.get(ctx);
  if (s === undefined) {
    s = ctx.values.subject ? { subject: String(ctx.values.subject.value), variant: ctx.variant } : null;
    contextSubjects.set(ctx, s);
  }
  return s;
}
