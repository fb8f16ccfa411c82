/**
 * Register recognition over whole workbooks (SPEC §2, issue 8): every sheet of every workbook is tried against
 * every register kind; results of several sheets and files are combined; school identity is resolved across
 * registers (login/Код ОО ↔ name); duplicates and unknown schools are reported.
 */
import type { Grid, Problem, ResultRecord, SheetGrid, WorkbookGrids } from "../core/types";
import type { ColumnMapping, ContextValue, ReadOptions, Registers, SheetAccount } from "./types";
import { colLetter } from "./address";
import { readContext, type SheetContext } from "./context";
import { findHeader, GridReader, manualHeader, type HeaderMatch } from "./headers";
import { readJournalRows, type JournalRow } from "./journal";
import { KINDS, RESULTS_KIND, kindById, type KindDef } from "./kinds";
import { normalizeSchoolName } from "./normalize";
import { readResultRows, type ResultRow } from "./results";
import { readSchoolRows, type SchoolRow } from "./schools";

export interface SheetRecognition {
  account: SheetAccount;
  results: ResultRow[];
  schools: SchoolRow[];
  journal: JournalRow[];
}

function baseName(file: string | undefined): string | undefined {
  return file === undefined ? undefined : file.replace(/^.*[\\/]/, "");
}

/** 1-based row of the first title line above a header (grid row `headerTop`), null when none. */
function firstTitleRow(g: GridReader, headerTop: number): number | null {
  for (let r = 0; r < headerTop; r++) if (!g.isBlankRow(r)) return r + g.oy + 1;
  return null;
}

/** Recognises one sheet. `kinds` limits the kinds tried; `manual` replaces header detection. */
export function recognizeSheet(
  sheet: SheetGrid,
  fileName?: string,
  kinds: KindDef[] = KINDS,
  manual?: { kind: KindDef; headerRow: number; columns: Record<string, number> },
): SheetRecognition {
  const file = baseName(sheet.file ?? fileName);
  const account: SheetAccount = {
    sheet: sheet.name,
    ...(file ? { file } : {}),
    kind: null,
    headerRow: null,
    mapping: [],
    context: [],
    rowsRead: 0,
    skipped: [],
    problems: [],
  };
  const rec: SheetRecognition = { account, results: [], schools: [], journal: [] };
  const g = new GridReader(sheet);
  let match: HeaderMatch | null;
  if (manual) {
    match = manualHeader(sheet, manual.kind, manual.headerRow, manual.columns);
    account.manual = true;
  } else {
    match = findHeader(sheet, kinds);
  }
  if (!match) return rec;
  account.kind = match.kind.id;
  account.headerRow = match.headerRow + g.oy + 1;
  account.mapping = [...match.columns.values()]
    .sort((a, b) => a.col - b.col)
    .map((m): ColumnMapping => ({
      field: m.field,
      col: m.col + g.ox,
      letter: colLetter(m.col + g.ox),
      header: m.header,
    }));

  const ctxFields = match.kind.contextFields ?? [];
  const columnFields = ctxFields.filter((f) => match!.columns.has(f));
  const ctx = readContext(g, match.headerTop, file, ctxFields, columnFields);
  const contextOf = (c: SheetContext): ContextValue[] => {
    const context: ContextValue[] = [];
    for (const f of ctxFields) {
      const m = match!.columns.get(f);
      if (m) context.push({ field: f, value: colLetter(m.col + g.ox), from: "column", text: m.header });
      else if (c.values[f]) context.push(c.values[f]!);
    }
    return context;
  };
  account.context = contextOf(ctx);
  for (const x of ctx.problems) account.problems.push(x);

  if (match.kind.id === "results") {
    const o = readResultRows(g, match, ctx, file, (from, headerTop, previous) =>
      readContext(g, headerTop, file, ctxFields, columnFields, { from, inherit: previous }),
    );
    rec.results = o.rows;
    for (const x of o.skipped) account.skipped.push(x);
    for (const x of o.problems) account.problems.push(x);
    if (o.segments.length > 0) {
      account.segments = [
        {
          headerRow: match.headerRow + g.oy + 1,
          titleRow: firstTitleRow(g, match.headerTop),
          context: account.context,
        },
        ...o.segments.map((sg) => ({
          headerRow: sg.headerRow + g.oy + 1,
          titleRow: sg.titleRow === null ? null : sg.titleRow + g.oy + 1,
          context: contextOf(sg.ctx),
          ...(sg.noHeader ? { noHeader: true } : {}),
        })),
      ];
    }
  } else if (match.kind.id === "schools") {
    const o = readSchoolRows(g, match, file);
    rec.schools = o.rows;
    for (const x of o.skipped) account.skipped.push(x);
    for (const x of o.problems) account.problems.push(x);
  } else if (match.kind.id === "journal") {
    const o = readJournalRows(g, match, ctx, file);
    rec.journal = o.rows;
    for (const x of o.skipped) account.skipped.push(x);
    for (const x of o.problems) account.problems.push(x);
  }
  account.rowsRead = rec.results.length + rec.schools.length + rec.journal.length;
  return rec;
}

type Keyed = { record: { schoolKey: string; school?: string; name?: string; code: string | null } };

/**
 * One identity per school across registers: a name seen with exactly one login/Код ОО takes that code
 * («Школы» with codes + results with names only, or the reverse). Returns the number of records re-keyed.
 */
export function resolveIdentities(groups: Keyed[][]): void {
  const codesByName = new Map<string, Set<string>>();
  for (const list of groups) {
    for (const { record } of list) {
      const name = record.school ?? record.name ?? "";
      if (!record.code || !name) continue;
      const n = normalizeSchoolName(name);
      if (!n) continue;
      if (!codesByName.has(n)) codesByName.set(n, new Set());
      codesByName.get(n)!.add(record.code);
    }
  }
  for (const list of groups) {
    for (const { record } of list) {
      if (record.code) continue;
      const codes = codesByName.get(normalizeSchoolName(record.school ?? record.name ?? ""));
      if (codes && codes.size === 1) {
        const code = [...codes][0];
        record.code = code;
        record.schoolKey = `code:${code}`;
      }
    }
  }
}

function unitKey(r: ResultRecord): string {
  return [r.schoolKey, r.year, r.procedure, r.grade ?? "", r.subject, r.variant ?? "", r.classLabel ?? ""].join("|");
}

function valuesKey(r: ResultRecord): string {
  return JSON.stringify([r.participants, r.failed, r.marks, r.journal]);
}

/**
 * Duplicates (issue 8): rows of one unit with the same class (or none) — a report pasted twice. Identical rows
 * are kept once (later ones are named skips «дубликат строки N»); differing rows are a problem naming both cells
 * and every row of that unit is left out.
 */
export function dedupeResults(items: { row: ResultRow; account: SheetAccount }[]): {
  kept: { row: ResultRow; account: SheetAccount }[];
  problems: Problem[];
} {
  // Most units have one row: keep the first item alone and build a list only on a second row (no array per unit).
  const firstOf = new Map<string, { row: ResultRow; account: SheetAccount }>();
  const byKey = new Map<string, { row: ResultRow; account: SheetAccount }[]>();
  for (const it of items) {
    const k = unitKey(it.row.record);
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
  const where = (a: { row: ResultRow; account: SheetAccount }, b: { row: ResultRow; account: SheetAccount }) => {
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
    for (const it of list.slice(1)) {
      const other = list.find((x) => valuesKey(x.row.record) !== valuesKey(it.row.record)) ?? first;
      const r = it.row.record;
      const p: Problem = {
        sheet: it.account.sheet,
        cell: it.row.schoolCell,
        message:
          `Повтор с другими значениями: ${it.row.schoolCell} и ${other.row.schoolCell}` +
          `${other.account.sheet !== it.account.sheet ? ` (лист «${other.account.sheet}»)` : ""} — ` +
          `одна и та же единица (${r.school}, ${r.year}, ${r.procedure}, ${r.grade ?? "—"} кл., ${r.subject}` +
          `${r.classLabel ? `, ${r.classLabel}` : ""}); обе строки не учтены`,
      };
      if (it.account.file) p.file = it.account.file;
      problems.push(p);
      it.account.problems.push(p);
    }
  }
  return { kept: dropped.size === 0 ? items : items.filter((it) => !dropped.has(it.row)), problems };
}

type Item<R> = { row: R; account: SheetAccount };

/**
 * Class rows and a parallel total row of one unit (5А, 5Б and 5 / «5 (всего)», R-UNIT): a total equal to the sum of
 * the class rows is a named skip «итог по параллели»; a total that differs is a problem naming the cells, and every
 * row of that unit is left out (no double counting, no guess).
 */
export function dropParallelTotals(items: Item<ResultRow>[]): { kept: Item<ResultRow>[]; problems: Problem[] } {
  if (!items.some((it) => it.row.record.classLabel !== null)) return { kept: items, problems: [] };
  const groups = new Map<string, Item<ResultRow>[]>();
  for (const it of items) {
    const r = it.row.record;
    if (r.grade === null) continue;
    const k = [r.schoolKey, r.year, r.procedure, r.grade, r.subject, r.variant ?? ""].join("|");
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
      for (const it of list) dropped.add(it.row);
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

/** «Школы» rows listing a school with both codes (Код ОО and Логин ОО): alias → the school's code. */
function codeAliases(schools: SchoolRow[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const s of schools) {
    if (!s.record.code) continue;
    for (const a of s.aliases) if (!map.has(a)) map.set(a, s.record.code);
  }
  return map;
}

function applyAliases(records: Keyed["record"][], aliases: Map<string, string>): void {
  if (aliases.size === 0) return;
  for (const r of records) {
    const to = r.code ? aliases.get(r.code) : undefined;
    if (to === undefined) continue;
    r.code = to;
    r.schoolKey = `code:${to}`;
  }
}

/**
 * The same normalised school name under different codes on different sheets or files (a ФИС ОКО login in one, a
 * regional Код ОО in another): a problem naming both codes and where each was seen. Nothing is merged by guess.
 */
export function codeConflicts(
  items: { record: Keyed["record"]; schoolCell: string; account: SheetAccount }[],
): Problem[] {
  const seen = new Map<string, Map<string, { name: string; cell: string; account: SheetAccount }>>();
  for (const it of items) {
    const r = it.record;
    const name = r.school ?? r.name ?? "";
    if (!r.code || !name) continue;
    const n = normalizeSchoolName(name);
    if (!n) continue;
    let codes = seen.get(n);
    if (!codes) seen.set(n, (codes = new Map()));
    if (!codes.has(r.code)) codes.set(r.code, { name, cell: it.schoolCell, account: it.account });
  }
  const problems: Problem[] = [];
  for (const codes of seen.values()) {
    if (codes.size < 2) continue;
    const list = [...codes.entries()];
    const [c1, w1] = list[0];
    for (const [c2, w2] of list.slice(1)) {
      // Several schools of one name within one table (a regional list) are different schools.
      if (w1.account === w2.account) continue;
      const at = (w: typeof w1) =>
        `«${w.account.sheet}»!${w.cell}${w.account.file && w.account.file !== w2.account.file ? `, ${w.account.file}` : ""}`;
      const p: Problem = {
        sheet: w2.account.sheet,
        cell: w2.cell,
        message:
          `${w1.name}: разные коды ${c1} (${at(w1)}) и ${c2} (${at(w2)}) — проверьте, одна ли это школа; ` +
          `укажите коды в реестре «Школы»`,
      };
      if (w2.account.file) p.file = w2.account.file;
      problems.push(p);
      w2.account.problems.push(p);
    }
  }
  return problems;
}

/** Reads every register of every workbook (SPEC §2, issue 8). Never throws on bad cells. */
export function readRegisters(workbooks: WorkbookGrids[], options?: ReadOptions): Registers {
  const recs: SheetRecognition[] = [];
  for (const wb of workbooks) {
    for (const sheet of wb.sheets) {
      const file = baseName(sheet.file ?? wb.fileName);
      const manual = options?.mappings?.find(
        (m) => m.sheet === sheet.name && (m.file === undefined || baseName(m.file) === file),
      );
      recs.push(
        recognizeSheet(
          sheet,
          wb.fileName,
          KINDS,
          manual ? { kind: kindById(manual.kind), headerRow: manual.headerRow, columns: manual.columns } : undefined,
        ),
      );
    }
  }
  const resultItems = recs.flatMap((r) => r.results.map((row) => ({ row, account: r.account })));
  const schoolItems = recs.flatMap((r) => r.schools.map((row) => ({ row, account: r.account })));
  const journalItems = recs.flatMap((r) => r.journal.map((row) => ({ row, account: r.account })));
  const aliases = codeAliases(schoolItems.map((i) => i.row));
  applyAliases(
    [...resultItems, ...journalItems].map((i) => i.row.record),
    aliases,
  );
  const identityProblems = codeConflicts(
    [...schoolItems, ...resultItems, ...journalItems].map((i) => ({
      record: i.row.record,
      schoolCell: i.row.schoolCell,
      account: i.account,
    })),
  );
  resolveIdentities([schoolItems.map((i) => i.row), resultItems.map((i) => i.row), journalItems.map((i) => i.row)]);

  // Several «Школы» sheets: one record per school.
  const schoolsByKey = new Map<string, SchoolRow>();
  for (const it of schoolItems) {
    const prev = schoolsByKey.get(it.row.record.schoolKey);
    if (prev) {
      it.account.skipped.push({
        row: it.row.record.source.row,
        reason: `дубликат школы (лист «${prev.record.source.sheet}», строка ${prev.record.source.row})`,
      });
      continue;
    }
    schoolsByKey.set(it.row.record.schoolKey, it.row);
  }

  const deduped = dedupeResults(resultItems);
  const { kept, problems: totalProblems } = dropParallelTotals(deduped.kept);
  const crossProblems: Problem[] = [...identityProblems, ...deduped.problems, ...totalProblems];

  // A name not found in the «Школы» register (when there is one) is a problem (SPEC §2).
  if (schoolsByKey.size > 0) {
    const reported = new Set<string>();
    for (const it of [...kept, ...journalItems]) {
      const r = it.row.record;
      if (schoolsByKey.has(r.schoolKey) || reported.has(r.schoolKey)) continue;
      reported.add(r.schoolKey);
      const p: Problem = {
        sheet: it.account.sheet,
        cell: it.row.schoolCell,
        message: `Школа «${r.school}»${r.code ? ` (${r.code})` : ""} не найдена в реестре «Школы»`,
      };
      if (it.account.file) p.file = it.account.file;
      crossProblems.push(p);
      it.account.problems.push(p);
    }
  }

  // rowsRead counts the records each sheet finally contributes.
  const keptRows = new Set(kept.map((k) => k.row));
  for (const r of recs) {
    r.account.rowsRead =
      r.results.filter((x) => keptRows.has(x)).length +
      r.schools.filter((x) => schoolsByKey.get(x.record.schoolKey) === x).length +
      r.journal.length;
    r.account.skipped.sort((a, b) => a.row - b.row);
  }
  const sheetProblems = recs.flatMap((r) => r.account.problems.filter((p) => !crossProblems.includes(p)));
  return {
    results: kept.map((k) => k.row.record),
    schools: [...schoolsByKey.values()].map((s) => s.record),
    journal: journalItems.map((j) => j.row.record),
    sheets: recs.map((r) => r.account),
    problems: [...sheetProblems, ...crossProblems],
  };
}

/**
 * A results range for custom functions: its first rows hold the header (titles optional). Cells of problems are
 * A1-relative to the range. No header → kind null and one problem at A1.
 */
export function parseResultsRange(
  values: Grid,
  sheetName = "диапазон",
): { results: ResultRecord[]; problems: Problem[]; account: SheetAccount } {
  const sheet: SheetGrid = { name: sheetName, values, origin: { row: 0, col: 0 } };
  const rec = recognizeSheet(sheet, undefined, [RESULTS_KIND]);
  if (rec.account.kind === null) {
    const p: Problem = {
      sheet: sheetName,
      cell: "A1",
      message:
        "В диапазоне не найдена строка заголовка реестра результатов: нужны столбцы «Школа», «Участники» и «Не справились» (или доля «2», или отметки «2»–«5»)",
    };
    rec.account.problems.push(p);
    return { results: [], problems: [p], account: rec.account };
  }
  const items = rec.results.map((row) => ({ row, account: rec.account }));
  resolveIdentities([items.map((i) => i.row)]);
  const { kept } = dropParallelTotals(dedupeResults(items).kept);
  rec.account.rowsRead = kept.length;
  rec.account.skipped.sort((a, b) => a.row - b.row);
  return { results: kept.map((k) => k.row.record), problems: rec.account.problems, account: rec.account };
}

/** Academic years present in the results, ascending. */
export function recordsYears(results: { year: number }[]): number[] {
  return [...new Set(results.map((r) => r.year))].sort((a, b) => a - b);
}
