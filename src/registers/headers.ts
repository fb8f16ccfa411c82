/**
 * Header row detection (SPEC §2, issue 8): the header is found among the first 20 rows of a sheet by header
 * synonyms, also as two rows (a merged group header such as «Распределение групп баллов в %» above «2»…«5»),
 * with blank spacer columns ignored. Positions are never fixed: every kind of kinds.ts is tried on every row.
 */
import type { CellValue, MergedArea, SheetGrid } from "../core/types";
import type { AnyKind, FieldDef, LayoutDef } from "./kind";
import { basicText, findLogin, headerWithoutParentheses, normalizeHeader } from "./normalize";
import { isBlank } from "./values";

/** How far down a header may stand (SPEC §2). */
export const HEADER_SCAN_ROWS = 20;

export interface MappedColumn {
  field: string;
  /** 0-based column in the grid. */
  col: number;
  /** Header text as found (the lower row of a two-row header, with its group above when any). */
  header: string;
  /** The header or the merged group header above it carries «%» (or «процент»). */
  percentHint: boolean;
}

/** A column group of a wide table: one subject's columns (issue 16 item 4). */
export interface ColumnGroup {
  subject: string;
  variant: string | null;
  /** The subject as its header cell writes it («Математика профильная»). */
  label: string;
  /** Field id → column: participants, failed, failedShare, average, m2…m5. */
  cols: Map<string, MappedColumn>;
}

export interface HeaderMatch {
  kind: AnyKind;
  /** The layout the header was recognised in (the kind's first layout for a hand mapping). */
  layout: LayoutDef;
  /** 0-based grid row of the (lower) header row. */
  headerRow: number;
  /** 0-based grid row of the first header row (same as headerRow for a one-row header). */
  headerTop: number;
  /** First data row (grid index). */
  dataStart: number;
  columns: Map<string, MappedColumn>;
  /** Column groups of a wide table (one per subject), when the layout has them. */
  groups?: ColumnGroup[];
  score: number;
}

/**
 * Merged areas of a sheet indexed by grid column: per column, the areas covering it sorted by top row (areas never
 * overlap, so one binary search finds the area over a cell). Built once per sheet (O(areas × width), bounded by the
 * grid width), so a cell lookup never scans every merged area.
 */
interface MergeIndex {
  /** Per grid column: tops, bottoms and the areas, sorted by top (grid rows). */
  cols: { tops: number[]; bottoms: number[]; areas: MergedArea[] }[];
  /** Whether any area spans several rows (a vertically merged data cell). */
  vertical: boolean;
}

const mergeIndexes = new WeakMap<SheetGrid, MergeIndex>();

function mergeIndexOf(sheet: SheetGrid, cols: number, oy: number, ox: number): MergeIndex {
  let idx = mergeIndexes.get(sheet);
  if (idx) return idx;
  const merges = sheet.merges ?? [];
  const per: { area: MergedArea; top: number; bottom: number }[][] = Array.from({ length: cols }, () => []);
  let vertical = false;
  for (const m of merges) {
    if (m.bottom > m.top) vertical = true;
    const from = Math.max(0, m.left - ox);
    const to = Math.min(cols - 1, m.right - ox);
    for (let c = from; c <= to; c++) per[c].push({ area: m, top: m.top - oy, bottom: m.bottom - oy });
  }
  idx = {
    vertical,
    cols: per.map((list) => {
      list.sort((a, b) => a.top - b.top);
      return { tops: list.map((x) => x.top), bottoms: list.map((x) => x.bottom), areas: list.map((x) => x.area) };
    }),
  };
  mergeIndexes.set(sheet, idx);
  return idx;
}

/** Reads cell text with merged areas resolved to their top-left value (grid indexes). */
export class GridReader {
  readonly rows: number;
  readonly cols: number;
  readonly oy: number;
  readonly ox: number;
  private merges: MergeIndex | null = null;
  private blankRows: Uint8Array | null = null;
  constructor(readonly sheet: SheetGrid) {
    this.rows = sheet.values.length;
    let cols = 0;
    // Rows may be holes (the reader keeps sheets sparse): `forEach` visits only the rows that exist.
    sheet.values.forEach((row) => {
      if (row && row.length > cols) cols = row.length;
    });
    this.cols = cols;
    this.oy = sheet.origin?.row ?? 0;
    this.ox = sheet.origin?.col ?? 0;
  }
  raw(r: number, c: number): CellValue {
    const v = this.sheet.values[r]?.[c];
    return v === undefined ? null : v;
  }
  private index(): MergeIndex {
    return (this.merges ??= mergeIndexOf(this.sheet, this.cols, this.oy, this.ox));
  }
  /** The merged area covering a grid cell, or null. */
  areaAt(r: number, c: number): MergedArea | null {
    if (!this.sheet.merges || this.sheet.merges.length === 0 || c < 0 || c >= this.cols) return null;
    const col = this.index().cols[c];
    const tops = col.tops;
    let lo = 0;
    let hi = tops.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (tops[mid] <= r) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found >= 0 && col.bottoms[found] >= r ? col.areas[found] : null;
  }
  /** Whether the sheet has a merged area spanning several rows. */
  hasVerticalMerges(): boolean {
    return !!this.sheet.merges && this.sheet.merges.length > 0 && this.index().vertical;
  }
  /** Value of a cell, or of the merged area covering it. */
  cover(r: number, c: number): CellValue {
    const v = this.raw(r, c);
    if (!isBlank(v)) return v;
    const m = this.areaAt(r, c);
    return m ? this.raw(m.top - this.oy, m.left - this.ox) : v;
  }
  /**
   * Value of a data cell with a vertically merged area resolved (SPEC §2: a vertically merged cell gives its value to
   * every row it covers); areas one row high (a title over several columns) are not spread into other cells.
   */
  coverDown(r: number, c: number): CellValue {
    const v = this.raw(r, c);
    if (!isBlank(v) || !this.hasVerticalMerges()) return v;
    const m = this.areaAt(r, c);
    return m && m.bottom > m.top && m.left - this.ox === c ? this.raw(m.top - this.oy, c) : v;
  }
  coverText(r: number, c: number): string {
    if (r < 0) return "";
    const v = this.cover(r, c);
    if (v === null || v === undefined) return "";
    if (v instanceof Date) return "";
    return String(v)
      .replace(/\u00a0/g, " ")
      .trim();
  }
  /** Text of a merged area spanning several columns over (r, c) — a group header; "" otherwise. */
  groupText(r: number, c: number): string {
    if (r < 0) return "";
    const m = this.areaAt(r, c);
    if (!m || m.right <= m.left) return "";
    const v = this.raw(m.top - this.oy, m.left - this.ox);
    return typeof v === "string" ? v.replace(/\u00a0/g, " ").trim() : "";
  }
  isBlankRow(r: number): boolean {
    if (r < 0 || r >= this.rows) return true;
    const cache = (this.blankRows ??= new Uint8Array(this.rows));
    const k = cache[r];
    if (k !== 0) return k === 1;
    const row = this.sheet.values[r] ?? [];
    let blank = true;
    for (let i = 0; i < row.length; i++) {
      if (!isBlank(row[i])) {
        blank = false;
        break;
      }
    }
    cache[r] = blank ? 1 : 2;
    return blank;
  }
}

const normCache = new Map<string, string>();
function norm(s: string): string {
  let v = normCache.get(s);
  if (v === undefined) {
    v = normalizeHeader(s);
    normCache.set(s, v);
  }
  return v;
}

function hasPercent(text: string): boolean {
  return text.includes("%") || /процент/.test(basicText(text));
}

export interface ColumnHeader {
  col: number;
  text: string;
  group: string;
  numeric: number | null;
}

export function columnHeaders(g: GridReader, r: number, twoRow: boolean): ColumnHeader[] {
  const out: ColumnHeader[] = [];
  for (let c = 0; c < g.cols; c++) {
    let text: string;
    let group: string;
    let numericCell: CellValue;
    if (twoRow) {
      const lower = g.coverText(r + 1, c);
      const upper = g.coverText(r, c);
      if (lower !== "" && lower !== upper) {
        text = lower;
        group = upper;
        numericCell = g.raw(r + 1, c);
      } else {
        text = upper;
        group = g.groupText(r - 1, c);
        numericCell = g.raw(r, c);
      }
    } else {
      text = g.coverText(r, c);
      group = g.groupText(r - 1, c);
      numericCell = g.raw(r, c);
    }
    const numeric = typeof numericCell === "number" && Number.isInteger(numericCell) ? numericCell : null;
    if (text === "" && numeric === null) continue;
    out.push({ col: c, text: text === "" && numeric !== null ? String(numeric) : text, group, numeric });
  }
  return out;
}

function matchesTest(f: FieldDef, h: ColumnHeader): boolean {
  return f.test !== undefined && f.test(norm(h.text), norm(h.group));
}

function matchesExact(f: FieldDef, h: ColumnHeader): boolean {
  if (f.numeric !== undefined && h.numeric === f.numeric) return true;
  const t = norm(h.text);
  // «Образовательная организация (школа)» also matches without its parenthesised part (issue 16).
  const bare = headerWithoutParentheses(h.text);
  return f.synonyms.some((s) => norm(s) === t || (bare !== "" && norm(s) === bare));
}

function matchesContains(f: FieldDef, h: ColumnHeader): boolean {
  if (!f.contains) return false;
  const t = ` ${norm(h.text)} `;
  return f.contains.some((s) => t.includes(` ${norm(s)} `));
}

/** Maps header cells to fields of a kind: whole-header synonyms first, then synonyms inside longer headers. */
export function mapColumns(kind: AnyKind, headers: ColumnHeader[]): Map<string, MappedColumn> {
  const columns = new Map<string, MappedColumn>();
  const used = new Set<number>();
  const add = (f: FieldDef, h: ColumnHeader) => {
    columns.set(f.id, {
      field: f.id,
      col: h.col,
      header: h.group && h.group !== h.text ? `${h.group} / ${h.text}` : h.text,
      percentHint: hasPercent(h.text) || hasPercent(h.group),
    });
    used.add(h.col);
  };
  for (const pass of [matchesTest, matchesExact, matchesContains]) {
    for (const f of kind.fields) {
      if (columns.has(f.id)) continue;
      const h = headers.find((x) => !used.has(x.col) && pass(f, x));
      if (h) add(f, h);
    }
  }
  // A «не справились» column written in percent is a share column.
  const failed = columns.get("failed");
  if (failed && !columns.has("failedShare") && hasPercent(failed.header)) {
    columns.delete("failed");
    columns.set("failedShare", { ...failed, field: "failedShare" });
  }
  // «2» alone (no «3»…«5»): a failure count or share column, read by the same rules.
  const m2 = columns.get("m2");
  if (m2 && !columns.has("m3") && !columns.has("m4") && !columns.has("m5")) {
    columns.delete("m2");
    const share = m2.percentHint || /доля|процент/.test(basicText(m2.header));
    const id = share ? "failedShare" : "failed";
    if (!columns.has(id)) columns.set(id, { ...m2, field: id });
  }
  return columns;
}

export function satisfies(
  kind: AnyKind,
  layout: LayoutDef,
  columns: Map<string, MappedColumn>,
  headers: ColumnHeader[] = [],
): boolean {
  if (!layout.requires.every((group) => group.some((id) => columns.has(id)))) return false;
  const excludes = kind.excludes ?? [];
  if (excludes.length === 0) return true;
  const used = new Set([...columns.values()].map((m) => m.col));
  const rest = headers.filter((h) => !used.has(h.col));
  return !excludes.some((f) => rest.some((h) => matchesTest(f, h) || matchesExact(f, h) || matchesContains(f, h)));
}

/**
 * For each row label of a layout, the last grid row where it stands in column `col` (the group/school column of the
 * journal comparison; the whole row when the column is unknown).
 */
function lastMarkerRows(g: GridReader, layout: LayoutDef, col: number | undefined): Map<string, number> {
  const last = new Map<string, number>();
  const markers = layout.rowMarkers ?? [];
  // A column repeats its texts row after row: the labels a text starts with are found once per run of that text.
  const lastText: unknown[] = [];
  const lastFound: (string[] | null)[] = [];
  const test = (v: unknown, c: number, r: number) => {
    if (typeof v !== "string" || v.length > 300) return;
    let found: string[] | null;
    if (lastText[c] === v) found = lastFound[c];
    else {
      const t = basicText(v);
      found = null;
      for (const m of markers) if (t.startsWith(m)) (found ??= []).push(m);
      lastText[c] = v;
      lastFound[c] = found;
    }
    if (found) for (const m of found) last.set(m, r);
  };
  for (let r = 0; r < g.rows; r++) {
    const row = g.sheet.values[r];
    if (!row) continue;
    if (col !== undefined) test(row[col], col, r);
    else for (let c = 0; c < row.length; c++) test(row[c], c, r);
  }
  return last;
}

/** Whether the rows from `from` on carry every row label of the layout (Понизили / Подтвердили / Повысили). */
function hasRowMarkers(
  g: GridReader,
  layout: LayoutDef,
  from: number,
  col: number | undefined,
  cache: Map<string, Map<string, number>>,
): boolean {
  if (!layout.rowMarkers) return true;
  const key = `${layout.id}|${col ?? ""}`;
  let last = cache.get(key);
  if (!last) {
    last = lastMarkerRows(g, layout, col);
    cache.set(key, last);
  }
  return layout.rowMarkers.every((m) => (last!.get(m) ?? -1) >= from);
}

/** Finds the best header among the first 20 rows for any of the kinds; null when the sheet holds no register. */
export function findHeader(sheet: SheetGrid, kinds: readonly AnyKind[]): HeaderMatch | null {
  const g = new GridReader(sheet);
  let best: HeaderMatch | null = null;
  const markerCache = new Map<string, Map<string, number>>();
  const limit = Math.min(g.rows, HEADER_SCAN_ROWS);
  for (let r = 0; r < limit; r++) {
    if (g.isBlankRow(r) && !(sheet.merges ?? []).length) continue;
    for (const kind of kinds) {
      for (const layout of kind.layouts) {
        if (!layout.detect) continue;
        const m = layout.detect(g, r, kind);
        if (m && (!best || m.score > best.score)) best = m;
      }
    }
    for (const twoRow of [false, true]) {
      if (twoRow && r + 1 >= limit) continue;
      const headers = columnHeaders(g, r, twoRow);
      if (headers.length === 0) continue;
      for (const kind of kinds) {
        let columns: Map<string, MappedColumn> | null = null;
        for (const layout of kind.layouts) {
          if (layout.detect) continue;
          columns ??= mapColumns(kind, headers);
          if (!satisfies(kind, layout, columns, headers)) continue;
          const dataStart = r + (twoRow ? 2 : 1);
          if (!hasRowMarkers(g, layout, dataStart, columns.get("school")?.col, markerCache)) continue;
          // Markers make a layout unambiguous (journal comparison): its bonus prefers it over any other reading.
          const score = columns.size + (layout.bonus ?? 0) - (twoRow ? 0.5 : 0);
          if (!best || score > best.score) {
            best = { kind, layout, headerRow: twoRow ? r + 1 : r, headerTop: r, dataStart, columns, score };
          }
        }
      }
    }
  }
  return best && !best.layout.detect ? refineLoginColumn(g, best) : best;
}

/** Whether most data cells of a column (the first 50 non-blank ones) are bare logins («edu053027»). */
function holdsLogins(g: GridReader, col: number, from: number): boolean {
  let seen = 0;
  let logins = 0;
  for (let r = from; r < g.rows && seen < 50; r++) {
    const v = g.raw(r, col);
    // Long texts (a group row «МБОУ «…»(edu…) Кол-во участников: 89») are not cells of the column's values.
    if (typeof v !== "string" || isBlank(v) || v.length > 20) continue;
    seen++;
    const t = v.trim();
    const m = t.length >= 8 && t.length <= 12 ? findLogin(t) : null;
    if (m !== null && m.length === t.length) logins++;
  }
  return seen > 0 && logins * 5 >= seen * 4;
}

/**
 * A column headed like the school («ОО») that holds logins (issue 16 item 1: ФИС ОКО protocols `ОО | Муниципалитет |
 * Название ОО`): it is the login column, and another header naming the school (if any) is the school column.
 */
function refineLoginColumn(g: GridReader, m: HeaderMatch): HeaderMatch {
  const school = m.columns.get("school");
  if (!school || m.columns.has("code") || !m.kind.fields.some((f) => f.id === "code")) return m;
  if (!holdsLogins(g, school.col, m.dataStart)) return m;
  const twoRow = m.headerRow !== m.headerTop;
  const headers = columnHeaders(g, m.headerTop, twoRow).filter((h) => h.col !== school.col);
  const columns = mapColumns(m.kind, headers);
  columns.set("code", { ...school, field: "code" });
  if (!satisfies(m.kind, m.layout, columns, headers))
    return {
      ...m,
      columns: new Map([...m.columns].map(([k, v]) => (k === "school" ? ["code", { ...v, field: "code" }] : [k, v]))),
    };
  return { ...m, columns };
}

/** Builds a header match from a mapping the user made by hand (pane): 0-based sheet columns. */
export function manualHeader(
  sheet: SheetGrid,
  kind: AnyKind,
  headerRow1: number,
  columns: Record<string, number>,
): HeaderMatch {
  const g = new GridReader(sheet);
  const r = headerRow1 - 1 - g.oy;
  const map = new Map<string, MappedColumn>();
  for (const [field, sheetCol] of Object.entries(columns)) {
    const c = sheetCol - g.ox;
    const text = g.coverText(r, c);
    const group = g.groupText(r - 1, c);
    map.set(field, { field, col: c, header: text, percentHint: hasPercent(text) || hasPercent(group) });
  }
  // A hand mapping names columns, not a layout: the layout whose requirements the columns meet (else the first).
  const layout =
    kind.layouts.find((l) => !l.detect && l.requires.every((grp) => grp.some((id) => map.has(id)))) ?? kind.layouts[0];
  return { kind, layout, headerRow: r, headerTop: r, dataStart: r + 1, columns: map, score: map.size };
}
