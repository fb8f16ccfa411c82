/**
 * The reader shared by the school-year registers of issue 13 — «Контекст», «Кадры», «Поддержка», «Аттестаты», «Риски»
 * (SPEC §2): one row per school × academic year (the year from its column, else from titles, the sheet or file
 * name), the same recognition, aggregate and «nothing vanishes» rules as results. A kind file gives its fields and
 * how its value cells become the record; this file gives the row loop, identity, year, counts or shares, yes/no
 * cells, and the cross-sheet duplicate step.
 */
import type { CellValue, Measure, Problem, SourceRef } from "../../core/types";
import { a1 } from "../address";
import type { GridReader } from "../headers";
import { pushAll, type Item, type ReaderInput, type RowBase, type RowsOutcome } from "../kind";
import { basicText, schoolKeyOf } from "../normalize";
import { fieldCells, nonBlankRows, SchoolRowClassifier, schoolOfRow } from "../rows";
import { cellText, isBlank, parseNumberCell, parseYearCell } from "../values";
import { columnIsPercent } from "./results";

/** The school part every school-year record carries. */
export interface SchoolYearBase {
  schoolKey: string;
  school: string;
  code: string | null;
  municipality?: string | null;
  year: number;
  source: SourceRef;
}

/** How a measured column is written: whole counts, percent 0–100 or fractions 0–1. */
export type ColumnScale = "count" | "percent" | "fraction";

/**
 * A column of counts or shares (issue 13: «counts or shares»): a share column when its header says «%», «доля» or
 * «процент», or any cell carries «%» (then percent or fraction by the SPEC §2 rule); a column of whole numbers is
 * counts; a column with fractional values is a share column by the same rule.
 */
export function columnScale(
  g: GridReader,
  col: number,
  from: number,
  header: string,
  percentHint: boolean,
): ColumnScale {
  const h = basicText(header);
  if (percentHint || /процент/.test(h)) return "percent";
  const shareWord = /(^|[^\p{L}])(доля|удельный вес)/u.test(h);
  let fractional = false;
  for (let r = from; r < g.rows; r++) {
    const p = parseNumberCell(g.raw(r, col));
    if (!p.ok || p.value === null) continue;
    if (p.percent) return "percent";
    if (!Number.isInteger(p.value)) fractional = true;
  }
  if (!shareWord && !fractional) return "count";
  return columnIsPercent(g, col, from, false) ? "percent" : "fraction";
}

/** What a kind's value reader gets for one data row. */
export interface RowEnv {
  r: number;
  sheetRow: number;
  col(f: string): number | undefined;
  cell(f: string): CellValue;
  /** A problem at the field's cell (the row is then left out). */
  problem(f: string, message: string): void;
  /** A whole count ≥ 0 (not above `max` when given); null when blank; a problem when unreadable. */
  count(f: string, label: string, max?: number | null): number | null;
  /**
   * A count or share column as a Measure of `total` (counts: share = count ÷ total; shares: count null). Null when
   * blank or no column; a problem when unreadable, out of range or above the total.
   */
  measure(f: string, label: string, total: number | null): Measure | null;
  /** A share column read as 0–1 whatever its scale (a count column is a problem: a share is expected). */
  share(f: string, label: string): number | null;
  /** да/нет (+/−, 1/0, есть/нет, ИСТИНА/ЛОЖЬ); null when blank; a problem otherwise. */
  flag(f: string, label: string): boolean | null;
  /** Trimmed text, null when blank or no column. */
  text(f: string): string | null;
  /** Whether every one of the fields is blank (or unmapped) on this row. */
  allBlank(fields: readonly string[]): boolean;
}

const YES = new Set(["да", "+", "1", "есть", "истина", "true", "yes", "охвачена", "оказана", "имеется", "v", "✓"]);
const NO = new Set(["нет", "-", "−", "0", "ложь", "false", "no", "не охвачена", "не оказана", "отсутствует"]);

/** A yes/no cell: true, false, null (blank) or "bad". */
export function parseFlag(v: CellValue): boolean | null | "bad" {
  if (isBlank(v)) return null;
  if (typeof v === "boolean") return v;
  if (typeof v === "number") return v === 1 ? true : v === 0 ? false : "bad";
  if (typeof v !== "string" || v.length > 40) return "bad";
  const t = basicText(v).replace(/[.!]+$/, "");
  if (YES.has(t)) return true;
  if (NO.has(t)) return false;
  return "bad";
}

export interface SchoolYearSpec<Extra> {
  /** Numeric value fields: a row with all of them blank (and no text field) is a named skip. */
  valueFields: readonly string[];
  /** Text value fields (curator, partner …). */
  textFields?: readonly string[];
  /** Builds the kind's part of a record; null (with problems through env) leaves the row out. */
  values(env: RowEnv): Extra | Extra[] | null;
}

export type SchoolYearRow<Rec> = RowBase<Rec>;

/** Reads the rows of a school-year register. */
export function readSchoolYearRows<Extra>(
  input: ReaderInput,
  spec: SchoolYearSpec<Extra>,
): RowsOutcome<SchoolYearRow<SchoolYearBase & Extra>> {
  const { g, match, ctx, file } = input;
  const out: RowsOutcome<SchoolYearRow<SchoolYearBase & Extra>> = { rows: [], skipped: [], problems: [] };
  const { col, cell } = fieldCells(g, match);
  const sheet = g.sheet.name;
  const schoolField = col("school") !== undefined ? "school" : "code";
  const addr = (r: number, f: string) => a1(r + g.oy, (col(f) ?? col(schoolField) ?? 0) + g.ox);
  const rowClass = new SchoolRowClassifier(g, cell, (f) => col(f) !== undefined);
  const scales = new Map<string, ColumnScale>();
  const scaleOf = (f: string): ColumnScale => {
    let s = scales.get(f);
    if (s === undefined) {
      const m = match.columns.get(f)!;
      s = columnScale(g, m.col, match.dataStart, m.header, m.percentHint);
      scales.set(f, s);
    }
    return s;
  };
  const textFields = spec.textFields ?? [];

  for (const { r, sheetRow } of nonBlankRows(g, match.dataStart, out.skipped)) {
    const valuesBlank = [...spec.valueFields, ...textFields].every((f) => col(f) === undefined || isBlank(cell(r, f)));
    const skip = rowClass.classify(r);
    if (skip) {
      out.skipped.push({
        row: sheetRow,
        reason: skip.reason,
        ...(skip.aggregate && !valuesBlank ? { aggregate: true } : {}),
      });
      continue;
    }
    const nameCell = cell(r, "school");
    const codeCell = cell(r, "code");
    const school = schoolOfRow(nameCell, codeCell);
    if (valuesBlank) {
      const who = school.name || cellText(codeCell);
      out.skipped.push({ row: sheetRow, reason: `строка без данных${who ? `: «${who}»` : ""}` });
      continue;
    }
    const problems: Problem[] = [];
    const problem = (f: string, message: string) =>
      problems.push({ sheet, cell: addr(r, f), message, ...(file ? { file } : {}) });
    if (school.name === "" && school.code === null) problem(schoolField, "Не указана школа");

    let year: number | null = null;
    let yearDone = false;
    if (col("year") !== undefined) {
      const p = parseYearCell(cell(r, "year"));
      if (!p.ok) {
        problem("year", `Учебный год: ${p.message}`);
        yearDone = true;
      } else if (p.value !== null) {
        year = p.value;
        yearDone = true;
      }
    }
    if (!yearDone) {
      const c = ctx.values.year;
      if (c) year = Number(c.value);
      else if (ctx.conflicts.includes("year"))
        problem(schoolField, "Учебный год не определён: источники противоречат друг другу");
      else
        problem(
          col("year") !== undefined ? "year" : schoolField,
          col("year") !== undefined
            ? "Не указан учебный год (ячейка пуста, в заголовке и названиях года нет)"
            : "Не указан учебный год (нет ни столбца, ни года в заголовке, названии листа или файла)",
        );
    }

    const env: RowEnv = {
      r,
      sheetRow,
      col,
      cell: (f) => cell(r, f),
      problem,
      count(f, label, max) {
        if (col(f) === undefined) return null;
        const p = parseNumberCell(cell(r, f));
        if (!p.ok) return (problem(f, `${label}: ${p.message}`), null);
        if (p.value === null) return null;
        if (p.percent || !Number.isInteger(p.value) || p.value < 0)
          return (problem(f, `${label}: «${cellText(cell(r, f))}» — не целое число ≥ 0`), null);
        if (max !== undefined && max !== null && p.value > max)
          return (problem(f, `${label} (${p.value}) больше, чем всего (${max})`), null);
        return p.value;
      },
      measure(f, label, total) {
        if (col(f) === undefined) return null;
        const p = parseNumberCell(cell(r, f));
        if (!p.ok) return (problem(f, `${label}: ${p.message}`), null);
        if (p.value === null) return null;
        const scale = scaleOf(f);
        if (scale === "count") {
          if (!Number.isInteger(p.value) || p.value < 0)
            return (problem(f, `${label}: «${cellText(cell(r, f))}» — не целое число ≥ 0`), null);
          if (total === null) return null;
          if (p.value > total) return (problem(f, `${label} (${p.value}) больше, чем всего (${total})`), null);
          return { share: total > 0 ? p.value / total : 0, count: p.value };
        }
        const max = scale === "percent" ? 100 : 1;
        if (p.value < 0 || p.value > max)
          return (problem(f, `${label}: «${cellText(cell(r, f))}» вне 0–${max === 100 ? "100 %" : "1"}`), null);
        return { share: p.value / max, count: null };
      },
      share(f, label) {
        if (col(f) === undefined) return null;
        const p = parseNumberCell(cell(r, f));
        if (!p.ok) return (problem(f, `${label}: ${p.message}`), null);
        if (p.value === null) return null;
        const scale = scaleOf(f);
        const max = scale === "fraction" ? 1 : 100;
        if (p.value < 0 || p.value > max)
          return (problem(f, `${label}: «${cellText(cell(r, f))}» вне 0–${max === 100 ? "100 %" : "1"}`), null);
        return p.value / max;
      },
      flag(f, label) {
        if (col(f) === undefined) return null;
        const v = parseFlag(cell(r, f));
        if (v === "bad") return (problem(f, `${label}: «${cellText(cell(r, f))}» — ожидается «да» или «нет»`), null);
        return v;
      },
      text(f) {
        if (col(f) === undefined) return null;
        const t = cellText(cell(r, f));
        return t === "" ? null : t;
      },
      allBlank: (fields) => fields.every((f) => col(f) === undefined || isBlank(cell(r, f))),
    };
    const extra = spec.values(env);
    if (problems.length > 0 || year === null || extra === null) {
      pushAll(out.problems, problems);
      if (problems.length === 0) out.skipped.push({ row: sheetRow, reason: "строка без данных" });
      continue;
    }
    const municipality = rowClass.municipalityOf(r);
    const base: SchoolYearBase = {
      schoolKey: schoolKeyOf(school.name, school.code),
      school: school.name || (school.code ?? ""),
      code: school.code,
      ...(municipality !== null ? { municipality } : {}),
      year,
      source: { sheet, row: sheetRow, ...(file ? { file } : {}) },
    };
    for (const e of Array.isArray(extra) ? extra : [extra]) {
      out.rows.push({ schoolCell: addr(r, schoolField), record: { ...base, ...e } });
    }
  }
  return out;
}

/**
 * Cross-sheet duplicates of a school-year register: rows of one key with the same values are kept once (later ones
 * are named skips), rows with different values are a problem naming both cells and all of them are left out.
 */
export function dedupeSchoolYear<Rec extends SchoolYearBase>(
  items: Item<RowBase<Rec>>[],
  keyOf: (r: Rec) => string,
  what: string,
): { kept: Item<RowBase<Rec>>[]; problems: Problem[] } {
  const byKey = new Map<string, Item<RowBase<Rec>>[]>();
  for (const it of items) {
    const k = `${it.row.record.schoolKey}|${keyOf(it.row.record)}`;
    const list = byKey.get(k);
    if (list) list.push(it);
    else byKey.set(k, [it]);
  }
  const valuesKey = (r: Rec) => {
    // The values without identity and position.
    const { source: _s, schoolKey: _k, school: _n, code: _c, municipality: _m, ...rest } = r;
    void _s;
    void _k;
    void _n;
    void _c;
    void _m;
    return JSON.stringify(rest);
  };
  const dropped = new Set<RowBase<Rec>>();
  const problems: Problem[] = [];
  for (const list of byKey.values()) {
    if (list.length < 2) continue;
    const first = list[0];
    const at = (x: Item<RowBase<Rec>>) =>
      `«${x.account.sheet}»!${x.row.schoolCell}${x.account.file && x.account.file !== first.account.file ? ` (${x.account.file})` : ""}`;
    const conflicting = list.some((it) => valuesKey(it.row.record) !== valuesKey(first.row.record));
    if (!conflicting) {
      for (const it of list.slice(1)) {
        dropped.add(it.row);
        it.account.skipped.push({ row: it.row.record.source.row, reason: `дубликат строки ${at(first)}` });
      }
      continue;
    }
    const r = first.row.record;
    for (const it of list) dropped.add(it.row);
    for (const it of list.slice(1)) {
      const p: Problem = {
        sheet: it.account.sheet,
        cell: it.row.schoolCell,
        message:
          `Повтор с другими значениями: ${at(it)} и ${at(first)} — ${what} школы «${r.school}» за ${r.year - 1}/${r.year}; ` +
          `обе строки не учтены`,
      };
      if (it.account.file) p.file = it.account.file;
      problems.push(p);
      it.account.problems.push(p);
    }
    first.account.skipped.push({
      row: first.row.record.source.row,
      reason: `не учтена: повтор с другими значениями (${at(list[1])})`,
    });
  }
  return { kept: dropped.size === 0 ? items : items.filter((it) => !dropped.has(it.row)), problems };
}

/** A header test over the normalised header: every pattern of `all` found, none of `none`. */
export function headerTest(all: RegExp[], none: RegExp[] = []): (text: string, group: string) => boolean {
  return (text) => all.every((re) => re.test(text)) && !none.some((re) => re.test(text));
}
