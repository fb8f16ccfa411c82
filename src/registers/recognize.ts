/**
 * Register recognition over whole workbooks (SPEC §2, issues 8 and 16): every sheet of every workbook is tried
 * against every register kind of the registry (./kinds/index.ts); records of several sheets and files are combined;
 * school identity is resolved across registers (login/Код ОО ↔ name); duplicates and unknown schools are reported.
 */
import type { Grid, Problem, ResultRecord, SheetGrid, WorkbookGrids } from "../core/types";
import type { ColumnMapping, ContextValue, ReadOptions, Registers, SheetAccount } from "./types";
import { colLetter } from "./address";
import { readContext, type ContextExtra, type SheetContext } from "./context";
import { findHeader, GridReader, HEADER_SCAN_ROWS, manualHeader, type HeaderMatch } from "./headers";
import { pushAll, type AnyKind, type CombineEnv, type ContextField, type Item, type RowBase } from "./kind";
import { KINDS, RESULTS_KIND, kindById, missingRequired, type RecordsByKind, type RegisterKindId } from "./kinds";
import { combineResults, type ResultRow } from "./kinds/results";
import { codeKey, municipalityKey, normalizeProcedure, normalizeSchoolName } from "./normalize";
import { a1 } from "./address";
import { isBlank } from "./values";

export interface SheetRecognition {
  account: SheetAccount;
  /** The kind recognised, null when the sheet holds no register. */
  kind: AnyKind | null;
  /** Rows read by the kind's reader. */
  rows: RowBase<unknown>[];
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
  kinds: readonly AnyKind[] = KINDS,
  manual?: {
    kind: AnyKind;
    headerRow: number;
    columns: Record<string, number>;
    constants?: Partial<Record<ContextField, string | number>>;
  },
  options: ReadOptions = {},
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
  const rec: SheetRecognition = { account, kind: null, rows: [] };
  const g = new GridReader(sheet);
  let match: HeaderMatch | null;
  if (manual) {
    match = manualHeader(sheet, manual.kind, manual.headerRow, manual.columns);
    account.manual = true;
  } else {
    match = findHeader(sheet, kinds);
  }
  if (!match) {
    if (isApplicationsTable(g, HEADER_SCAN_ROWS - 1)) {
      account.note = "таблица заявлений на участие в экзамене, а не результаты — не читается";
    }
    return rec;
  }
  const m0 = match;
  const kind = m0.kind;
  // A table of applications to sit an exam («подавших заявление на участие») is not results (issue 16 item 4).
  if (!manual && kind.id === "results" && isApplicationsTable(g, m0.headerRow)) {
    account.note = "таблица заявлений на участие в экзамене, а не результаты — не читается";
    return rec;
  }
  rec.kind = kind;
  account.kind = kind.id as RegisterKindId;
  account.headerRow = m0.headerRow + g.oy + 1;
  if (m0.layout.label) account.layout = m0.layout.label;
  const mapped = [...m0.columns.values()];
  for (const gr of m0.groups ?? []) for (const m of gr.cols.values()) mapped.push(m);
  account.mapping = mapped
    .sort((a, b) => a.col - b.col)
    .map((m): ColumnMapping => ({
      field: m.field,
      col: m.col + g.ox,
      letter: colLetter(m.col + g.ox),
      header: m.header,
    }));

  const ctxFields = kind.contextFields ?? [];
  const columnFields = ctxFields.filter((f) => m0.columns.has(f));
  const extra: ContextExtra = {
    manual: canonicalContext(manual?.constants),
    option: canonicalContext(options.defaults),
    headerCells: headerCells(g, m0),
  };
  const ctx = readContext(g, m0.headerTop, file, ctxFields, columnFields, undefined, extra);
  const contextOf = (c: SheetContext): ContextValue[] => {
    const context: ContextValue[] = [];
    for (const f of ctxFields) {
      const m = m0.columns.get(f);
      if (m) context.push({ field: f, value: colLetter(m.col + g.ox), from: "column", text: m.header });
      else if (c.values[f]) context.push(c.values[f]!);
    }
    return context;
  };
  account.context = contextOf(ctx);
  pushAll(account.problems, ctx.problems);

  const o = kind.read({
    g,
    match: m0,
    ctx,
    file,
    options,
    segmentContext: (from, headerTop, previous) =>
      readContext(
        g,
        headerTop,
        file,
        ctxFields,
        columnFields,
        { from, inherit: previous },
        { ...extra, headerCells: [] },
      ),
  });
  rec.rows = o.rows;
  pushAll(account.skipped, o.skipped);
  pushAll(account.problems, o.problems);
  if (o.segments && o.segments.length > 0) {
    account.segments = [
      { headerRow: m0.headerRow + g.oy + 1, titleRow: firstTitleRow(g, m0.headerTop), context: account.context },
      ...o.segments.map((sg) => ({
        headerRow: sg.headerRow + g.oy + 1,
        titleRow: sg.titleRow === null ? null : sg.titleRow + g.oy + 1,
        context: contextOf(sg.ctx),
        ...(sg.noHeader ? { noHeader: true } : {}),
      })),
    ];
  }
  account.rowsRead = rec.rows.length;
  return rec;
}

/** Procedure names of hand constants and command-line defaults in their canonical form («впр» → «ВПР»). */
function canonicalContext(
  values: Partial<Record<ContextField, string | number>> | undefined,
): Partial<Record<ContextField, string | number>> | undefined {
  if (!values) return undefined;
  const out: Partial<Record<ContextField, string | number>> = { ...values };
  if (typeof out.procedure === "string") out.procedure = normalizeProcedure(out.procedure) ?? undefined;
  return out;
}

/** Text cells of the header rows (a year inside a column header is a context source of its own). */
function headerCells(g: GridReader, m: HeaderMatch): { text: string; cell: string }[] {
  const out: { text: string; cell: string }[] = [];
  for (let r = m.headerTop; r <= m.headerRow; r++) {
    for (let c = 0; c < g.cols; c++) {
      const v = g.raw(r, c);
      if (typeof v !== "string" || isBlank(v) || v.length > 200) continue;
      out.push({ text: v.replace(/\s+/g, " ").trim(), cell: a1(r + g.oy, c + g.ox) });
    }
  }
  return out;
}

/** Title lines or header cells speaking of applications (заявления на участие), not of results. */
function isApplicationsTable(g: GridReader, lastRow: number): boolean {
  for (let r = 0; r <= lastRow && r < g.rows; r++) {
    const row = g.sheet.values[r] ?? [];
    for (const v of row) if (typeof v === "string" && v.length < 400 && /заявлени/i.test(v)) return true;
  }
  return false;
}

/** The school part of a record of any kind with identity. */
type KeyedRecord = {
  schoolKey: string;
  school?: string;
  name?: string;
  code: string | null;
  year?: number | null;
  municipality?: string | null;
};
type KeyedItem = Item<RowBase<KeyedRecord>>;

const nameOfRecord = (r: KeyedRecord): string => r.school ?? r.name ?? "";

/**
 * The normalised name a record is identified by: the name, or municipality + name where the name is shared. It
 * depends on the record's name and municipality only (records equal in both are skipped as repeats).
 */
export type IdentityName = (r: KeyedRecord) => string;

const plainName: IdentityName = (r) => normalizeSchoolName(nameOfRecord(r));

/**
 * Names shared by different schools (SPEC §2, issue 16): a normalised name that one year has under two or more
 * municipalities (a region table with three «МБОУ СОШ №2»). Name → the municipalities as written.
 */
export function sharedNames<T>(items: readonly T[], recordOf: (item: T) => KeyedRecord): Map<string, string[]> {
  const perYear = new Map<string, { name: string; munis: Map<string, string> }>();
  for (let i = 0; i < items.length; i++) {
    const r = recordOf(items[i]);
    if (r.year === undefined || r.year === null || !r.municipality) continue;
    const name = plainName(r);
    if (!name) continue;
    const k = `${r.year}\u0000${name}`;
    let e = perYear.get(k);
    if (!e) perYear.set(k, (e = { name, munis: new Map() }));
    const mk = municipalityKey(r.municipality);
    if (!e.munis.has(mk)) e.munis.set(mk, r.municipality);
  }
  // Name → municipality key → the first spelling seen (a renamed municipal body is listed once).
  const byKey = new Map<string, Map<string, string>>();
  for (const e of perYear.values()) {
    if (e.munis.size < 2) continue;
    let m = byKey.get(e.name);
    if (!m) byKey.set(e.name, (m = new Map()));
    for (const [k, v] of e.munis) if (!m.has(k)) m.set(k, v);
  }
  const shared = new Map<string, string[]>();
  for (const [name, m] of byKey) shared.set(name, [...m.values()]);
  return shared;
}

/** Identity names given the shared names: municipality + name for a shared name with a municipality. */
export function identityNames(shared: Map<string, string[]>): IdentityName {
  if (shared.size === 0) return plainName;
  return (r) => {
    const n = plainName(r);
    return shared.has(n) && r.municipality ? `${municipalityKey(r.municipality)}|${n}` : n;
  };
}

/**
 * A shared name's records take municipality + name as their identity (municipal bodies are renamed between years,
 * so the municipality's distinctive words are compared, never the municipality alone). A record of a shared name
 * without a municipality cannot be told apart: one problem per sheet and name, its rows counted on their own.
 */
function rekeySharedNames(items: KeyedItem[], shared: Map<string, string[]>, nameOf: IdentityName): Problem[] {
  const problems: Problem[] = [];
  if (shared.size === 0) return problems;
  const reported = new Set<string>();
  for (const it of items) {
    const r = it.row.record;
    if (!r.schoolKey.startsWith("name:")) continue;
    const n = plainName(r);
    const munis = shared.get(n);
    if (!munis) continue;
    if (r.municipality) {
      r.schoolKey = `name:${nameOf(r)}`;
      continue;
    }
    const k = `${it.account.file ?? ""}\u0000${it.account.sheet}\u0000${n}`;
    if (reported.has(k)) continue;
    reported.add(k);
    const p: Problem = {
      sheet: it.account.sheet,
      cell: it.row.schoolCell,
      message:
        `Школа «${nameOfRecord(r)}» с таким названием есть в нескольких муниципалитетах (${munis.join("; ")}), ` +
        `а здесь муниципалитет не указан: её строки учтены отдельно — добавьте столбец «Муниципалитет» или код ОО`,
    };
    if (it.account.file) p.file = it.account.file;
    problems.push(p);
    it.account.problems.push(p);
  }
  return problems;
}

/**
 * One identity per school across registers: a name seen with exactly one login/Код ОО takes that code
 * («Школы» with codes + results with names only, or the reverse). Shared names are compared with their municipality.
 */
export function resolveIdentities(groups: RowBase<KeyedRecord>[][], nameOf: IdentityName = plainName): void {
  resolveIdentitiesOf(groups, (row) => row.record, nameOf);
}

/** resolveIdentities over lists of anything that holds a record (the items of every sheet: no list of rows made). */
function resolveIdentitiesOf<T>(
  groups: readonly (readonly T[])[],
  recordOf: (item: T) => KeyedRecord,
  nameOf: IdentityName,
): void {
  const codesByName = new Map<string, Set<string>>();
  for (const list of groups) {
    // A record like the one before it (the same school's next row) adds nothing.
    let prevCode: string | null = null;
    let prevName = "";
    let prevMunicipality: unknown = undefined;
    for (let i = 0; i < list.length; i++) {
      const record = recordOf(list[i]);
      const name = nameOfRecord(record);
      if (!record.code || !name) continue;
      if (record.code === prevCode && name === prevName && record.municipality === prevMunicipality) continue;
      prevCode = record.code;
      prevName = name;
      prevMunicipality = record.municipality;
      const n = nameOf(record);
      if (!n) continue;
      let set = codesByName.get(n);
      if (!set) codesByName.set(n, (set = new Set()));
      set.add(record.code);
    }
  }
  for (const list of groups) {
    for (let i = 0; i < list.length; i++) {
      const record = recordOf(list[i]);
      if (record.code) continue;
      const codes = codesByName.get(nameOf(record));
      if (codes && codes.size === 1) {
        const code = [...codes][0];
        record.code = code;
        record.schoolKey = codeKey(code);
      }
    }
  }
}

/** Rows listing a school with both codes (Код ОО and Логин ОО): alias → the school's code. */
function codeAliases(rows: RowBase<KeyedRecord>[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const s of rows) {
    if (!s.record.code) continue;
    for (const a of s.aliases ?? []) if (!map.has(a)) map.set(a, s.record.code);
  }
  return map;
}

function applyAliases(records: KeyedRecord[], aliases: Map<string, string>): void {
  if (aliases.size === 0) return;
  for (const r of records) {
    const to = r.code ? aliases.get(r.code) : undefined;
    if (to === undefined) continue;
    r.code = to;
    r.schoolKey = codeKey(to);
  }
}

/**
 * The same normalised school name under different codes on different sheets or files (a ФИС ОКО login in one, a
 * regional Код ОО in another): a problem naming both codes and where each was seen. Nothing is merged by guess.
 */
export function codeConflicts(items: KeyedItem[], nameOf: IdentityName = plainName): Problem[] {
  type Seen = { code: string; name: string; cell: string; account: SheetAccount };
  const seen = new Map<
    string,
    { codes: Map<string, Seen>; sharedInTable: boolean; perAccount: Map<SheetAccount, string> }
  >();
  // An item like the one before it (the same school's next row on the same sheet) changes nothing below.
  let prev: { code: string | null; name: string; municipality: unknown; account: SheetAccount } | null = null;
  for (const it of items) {
    const r = it.row.record;
    const name = nameOfRecord(r);
    if (!r.code || !name) continue;
    if (
      prev !== null &&
      prev.code === r.code &&
      prev.name === name &&
      prev.municipality === r.municipality &&
      prev.account === it.account
    ) {
      continue;
    }
    prev = { code: r.code, name, municipality: r.municipality, account: it.account };
    const n = nameOf(r);
    if (!n) continue;
    let e = seen.get(n);
    if (!e) seen.set(n, (e = { codes: new Map(), sharedInTable: false, perAccount: new Map() }));
    // Compared by identity: sch224052 and edu224052 are one school (the login's digits).
    const key = codeKey(r.code);
    // Several codes under one name within one table (a regional list): different schools of one name.
    const before = e.perAccount.get(it.account);
    if (before !== undefined && before !== key) e.sharedInTable = true;
    else e.perAccount.set(it.account, key);
    if (!e.codes.has(key)) e.codes.set(key, { code: r.code, name, cell: it.row.schoolCell, account: it.account });
  }
  const problems: Problem[] = [];
  for (const { codes, sharedInTable } of seen.values()) {
    if (codes.size < 2 || sharedInTable) continue;
    const list = [...codes.values()];
    const w1 = list[0];
    const c1 = w1.code;
    for (const w2 of list.slice(1)) {
      const c2 = w2.code;
      if (w1.account === w2.account) continue;
      // Cross-file: both places name their file.
      const twoFiles = w1.account.file !== w2.account.file;
      const at = (w: typeof w1) =>
        `«${w.account.sheet}»!${w.cell}${twoFiles && w.account.file ? `, ${w.account.file}` : ""}`;
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

/**
 * Cross-sheet steps over the rows of every sheet: aliases and school identity over the kinds with identity, then
 * each kind's own step in registry order (duplicates, totals, derived records), then the «Школы» check.
 */
function combineAll(recs: SheetRecognition[]): {
  byKind: Map<string, Item<RowBase<unknown>>[]>;
  problems: Problem[];
  /** Rows a kind's step made for another kind (protocol pupils → results): not rows of any sheet. */
  derived: Set<RowBase<unknown>>;
} {
  // Each kind's list is made at its final length (a national register's items, without the copies of a growing list).
  const counts = new Map<string, number>();
  for (const r of recs) if (r.kind) counts.set(r.kind.id, (counts.get(r.kind.id) ?? 0) + r.rows.length);
  const byKind = new Map<string, Item<RowBase<unknown>>[]>();
  for (const k of KINDS) byKind.set(k.id, new Array<Item<RowBase<unknown>>>(counts.get(k.id) ?? 0));
  const filled = new Map<string, number>();
  for (const r of recs) {
    if (!r.kind) continue;
    const list = byKind.get(r.kind.id)!;
    let n = filled.get(r.kind.id) ?? 0;
    for (const row of r.rows) list[n++] = { row, account: r.account };
    filled.set(r.kind.id, n);
  }
  // The items of every kind with identity; the list of the one kind that has items is used as it is (no copy of a
  // national register's items).
  const identityLists = KINDS.filter((k) => k.identity).map((k) => byKind.get(k.id)! as KeyedItem[]);
  const nonEmpty = identityLists.filter((l) => l.length > 0);
  const identityItems: KeyedItem[] = nonEmpty.length === 1 ? nonEmpty[0] : [];
  if (nonEmpty.length > 1) for (const l of nonEmpty) pushAll(identityItems, l);
  const aliasRows: RowBase<KeyedRecord>[] = [];
  for (const k of KINDS) {
    if (!k.identity || !k.givesAliases) continue;
    for (const it of byKind.get(k.id)! as KeyedItem[]) aliasRows.push(it.row);
  }
  const aliases = codeAliases(aliasRows);
  const aliasSet = new Set(aliasRows);
  if (aliases.size > 0) {
    applyAliases(
      identityItems.filter((it) => !aliasSet.has(it.row)).map((it) => it.row.record),
      aliases,
    );
  }
  const recordOf = (it: KeyedItem) => it.row.record;
  const shared = sharedNames(identityItems, recordOf);
  const nameOf = identityNames(shared);
  const problems: Problem[] = codeConflicts(identityItems, nameOf);
  resolveIdentitiesOf(identityLists, recordOf, nameOf);
  pushAll(problems, rekeySharedNames(identityItems, shared, nameOf));

  const combined = new Set<string>();
  const derived = new Set<RowBase<unknown>>();
  const env: CombineEnv = { items: (id) => byKind.get(id) ?? [] };
  for (const k of KINDS) {
    if (!k.combine) {
      combined.add(k.id);
      continue;
    }
    const o = k.combine(byKind.get(k.id)!, env);
    byKind.set(k.id, o.kept);
    pushAll(problems, o.problems);
    for (const [to, items] of Object.entries(o.derived ?? {})) {
      if (combined.has(to)) throw new Error(`Вид реестра «${k.id}» даёт записи виду «${to}», уже объединённому`);
      pushAll(byKind.get(to)!, items);
      for (const it of items) derived.add(it.row);
    }
    combined.add(k.id);
  }
  return { byKind, problems, derived };
}

/** Reads every register of every workbook (SPEC §2, issues 8 and 16). Never throws on bad cells. */
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
          manual
            ? {
                kind: kindById(manual.kind),
                headerRow: manual.headerRow,
                columns: manual.columns,
                ...(manual.constants ? { constants: manual.constants } : {}),
              }
            : undefined,
          options,
        ),
      );
    }
  }
  const { byKind, problems: crossProblems, derived } = combineAll(recs);

  // A name not found in the «Школы» register (when there is one) is a problem (SPEC §2).
  const schoolKeys = new Set<string>();
  for (const k of KINDS) {
    if (!k.givesAliases) continue;
    for (const it of byKind.get(k.id)! as KeyedItem[]) schoolKeys.add(it.row.record.schoolKey);
  }
  if (schoolKeys.size > 0) {
    const reported = new Set<string>();
    for (const k of KINDS) {
      if (!k.checkedAgainstSchools) continue;
      for (const it of byKind.get(k.id)! as KeyedItem[]) {
        const r = it.row.record;
        if (schoolKeys.has(r.schoolKey) || reported.has(r.schoolKey)) continue;
        reported.add(r.schoolKey);
        const p: Problem = {
          sheet: it.account.sheet,
          cell: it.row.schoolCell,
          message:
            `Школа «${r.school ?? r.name ?? ""}»${r.code ? ` (${r.code})` : ""} не найдена в реестре «Школы»; ` +
            `её строки учтены — добавьте её в реестр «Школы» или исправьте название`,
        };
        if (it.account.file) p.file = it.account.file;
        crossProblems.push(p);
        it.account.problems.push(p);
      }
    }
  }

  // rowsRead counts the records each sheet finally contributes (counted from the kept items, sheet by sheet: no set
  // of every row).
  const kept = new Map<SheetAccount, { n: number; used: RowRangeSet }>();
  let lastAccount: SheetAccount | null = null;
  let last: { n: number; used: RowRangeSet } | null = null;
  for (const items of byKind.values()) {
    for (const it of items) {
      if (derived.size > 0 && derived.has(it.row)) continue;
      if (it.account !== lastAccount) {
        lastAccount = it.account;
        last = kept.get(it.account) ?? null;
        if (!last) kept.set(it.account, (last = { n: 0, used: new RowRangeSet() }));
      }
      last!.n++;
      const row = it.row;
      if (row.rows) for (const x of row.rows) last!.used.add(x);
      else last!.used.add((row.record as { source: { row: number } }).source.row);
    }
  }
  for (const r of recs) {
    const k = kept.get(r.account);
    r.account.rowsRead = k?.n ?? 0;
    if (r.kind) r.account.read = k ? k.used.ranges() : [];
    r.account.skipped.sort((a, b) => a.row - b.row);
  }
  const cross = new Set(crossProblems);
  const problems: Problem[] = [];
  for (const r of recs) for (const p of r.account.problems) if (!cross.has(p)) problems.push(p);
  pushAll(problems, crossProblems);
  const records = {} as Record<string, unknown[]>;
  for (const k of KINDS) records[k.id] = byKind.get(k.id)!.map((it) => it.row.record);
  return { ...(records as RecordsByKind), sheets: recs.map((r) => r.account), problems };
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
  const rows = rec.rows as ResultRow[];
  resolveIdentities([rows]);
  const { kept } = combineResults(rows.map((row) => ({ row, account: rec.account })));
  rec.account.rowsRead = kept.length;
  rec.account.skipped.sort((a, b) => a.row - b.row);
  return { results: kept.map((k) => k.row.record), problems: rec.account.problems, account: rec.account };
}

/**
 * A range of any register kind for custom functions (the social passport for SHNOR.SOCIALINDEX, the risk profile for
 * SHNOR.RISKS): only that kind is tried; identity and the kind's own cross-row step as for a sheet. Cells of problems
 * are A1-relative to the range. No header → null records and one problem at A1 naming the columns expected.
 */
export function parseKindRange<K extends RegisterKindId>(
  values: Grid,
  kind: K,
  sheetName = "диапазон",
): { records: RecordsByKind[K]; problems: Problem[]; account: SheetAccount } {
  const def = kindById(kind);
  const sheet: SheetGrid = { name: sheetName, values, origin: { row: 0, col: 0 } };
  const rec = recognizeSheet(sheet, undefined, [def]);
  if (rec.account.kind === null) {
    const wanted = missingRequired(kind, [])
      .map((x) => `«${x}»`)
      .join(", ");
    const p: Problem = {
      sheet: sheetName,
      cell: "A1",
      message: `В диапазоне не найдена строка заголовка реестра «${def.labels.title}»: нужны столбцы ${wanted}`,
    };
    rec.account.problems.push(p);
    return { records: [] as unknown as RecordsByKind[K], problems: [p], account: rec.account };
  }
  resolveIdentities([rec.rows as RowBase<KeyedRecord>[]]);
  let items: Item<RowBase<unknown>>[] = rec.rows.map((row) => ({ row, account: rec.account }));
  if (def.combine) items = def.combine(items, { items: () => [] }).kept;
  rec.account.rowsRead = items.length;
  rec.account.skipped.sort((a, b) => a.row - b.row);
  return {
    records: items.map((i) => i.row.record) as RecordsByKind[K],
    problems: rec.account.problems,
    account: rec.account,
  };
}

/** Sorted unique row numbers as inclusive ranges: [3, 4, 5, 9] → [[3, 5], [9, 9]]. */
/**
 * Sheet rows added one by one, as rowRanges gives them: rows that come in ascending order (the usual case) are merged
 * into ranges as they come — no list of every row of a big sheet; rows out of order are sorted at the end.
 */
class RowRangeSet {
  private readonly merged: [number, number][] = [];
  private late: number[] | null = null;

  add(row: number): void {
    if (this.late === null) {
      const last = this.merged[this.merged.length - 1];
      if (last === undefined || row > last[1] + 1) {
        this.merged.push([row, row]);
        return;
      }
      if (row === last[1] + 1) {
        last[1] = row;
        return;
      }
      if (row >= last[0]) return;
      this.late = [];
    }
    this.late.push(row);
  }

  ranges(): [number, number][] {
    if (this.late === null) return this.merged;
    const all: number[] = [];
    for (const [a, b] of this.merged) for (let v = a; v <= b; v++) all.push(v);
    pushAll(all, this.late);
    return rowRanges(all);
  }
}

export function rowRanges(rows: number[]): [number, number][] {
  const sorted = Uint32Array.from(rows).sort();
  const out: [number, number][] = [];
  for (let i = 0; i < sorted.length; i++) {
    const v = sorted[i];
    const last = out[out.length - 1];
    if (last && v <= last[1] + 1) last[1] = Math.max(last[1], v);
    else out.push([v, v]);
  }
  return out;
}

/** Academic years present in the results, ascending. */
export function recordsYears(results: { year: number }[]): number[] {
  return [...new Set(results.map((r) => r.year))].sort((a, b) => a - b);
}
