/**
 * Rebuilding a working sheet keeps what people typed (issue 14) — a pure step: the previous sheet's grid (read back
 * from the workbook by any host) + the rows just generated → the rows to write + what was kept.
 *
 * Rules:
 * - Rows are matched by their key (the service cell; without it, the visible «Код» / №). A school block whose key
 *   changed (a code appeared in the registers) is found again by its name tag and its rows' keys follow it.
 * - In a matched row, each cell keeps its previous value exactly when a person changed it since the last build: its
 *   value no longer has the fingerprint of what the add-in wrote. Untouched cells take the new value. Without a
 *   fingerprint (the service column was deleted), the columns people own (Статус, Отметка, quarters, Цель, a manual
 *   Факт) keep a non-empty previous value, the others take the new one. Formulas and keys are always regenerated.
 * - A generated item that is not generated any more (the school left the list, the low result or risk is gone, the
 *   measure was removed from the catalogue) is kept with everything in it, marked «[не актуально]»; a block whose
 *   school is gone is kept whole (heading, notes, items), without its summary.
 * - Rows without a service cell inside the table (rows people added) are kept as they are.
 * - Kept rows stay where they were: after the row that preceded them in the previous sheet (or at the top).
 * - Cells of columns people added to the right of the table are carried with their rows.
 */
import { shownValue, type CellStyle, type PlanCell } from "./sheetPlan";
import type { CellValue, SheetGrid } from "./types";
import {
  cellHash,
  normalizeCell,
  NO_KEPT,
  OBSOLETE_MARK,
  isEndCell,
  parseServiceCell,
  rowHashes,
  SERVICE_HEADER,
  type KeptCounts,
  type ServiceInfo,
  type WorkColumn,
  type WorkRow,
} from "./workSheet";

/** One row of the previous sheet. */
export interface PreviousRow {
  info: ServiceInfo | null;
  /** Raw values by our column index (as the host gave them). */
  raw: CellValue[];
  /** The same as plan values (dates as local-midnight Dates). */
  values: PlanCell[];
  extra: Record<string, CellValue>;
  /** 1-based sheet row. */
  sheetRow: number;
}

export interface PreviousSheet {
  name: string;
  rows: PreviousRow[];
  /** Headers of columns people added to the right (in sheet order). */
  extraHeaders: string[];
  /** Whether the service column was found. */
  hasService: boolean;
}

function norm(v: CellValue | undefined): string {
  return v === null || v === undefined ? "" : String(v).toLowerCase().replace(/ё/g, "е").replace(/\s+/g, " ").trim();
}

const HEADER_SCAN = 60;
/** Days between the 1900 and the 1904 date systems' serials of the same date. */
const DATE1904_OFFSET = 1462;

/** A value read from a grid as a plan value: dates (a Date in UTC, or a serial number in a date column) → local Date. */
function toPlanValue(v: CellValue, date: boolean): PlanCell {
  if (v instanceof Date) return new Date(v.getUTCFullYear(), v.getUTCMonth(), v.getUTCDate());
  if (date && typeof v === "number" && v > 0 && v < 2_958_466) {
    const d = new Date(Math.round((v - 25_569) * 86_400_000));
    return new Date(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  }
  return v;
}

/**
 * Reads a working sheet written before (any version): its header row (found by our column headers among the first
 * rows), our columns by header text (wherever people moved them), columns they added, and the rows below. Null when
 * the grid holds no such header.
 */
export function readPreviousSheet(grid: SheetGrid, columns: readonly WorkColumn[]): PreviousSheet | null {
  const oy = grid.origin?.row ?? 0;
  const values = grid.values;
  let headerRow = -1;
  let map: number[] = [];
  let extras: { col: number; header: string }[] = [];
  for (let r = 0; r < Math.min(values.length, HEADER_SCAN); r++) {
    const row = values[r] ?? [];
    const at = new Map<string, number>();
    row.forEach((v, c) => {
      const t = norm(v);
      if (t && !at.has(t)) at.set(t, c);
    });
    const found = columns.map((c) => at.get(norm(c.service ? SERVICE_HEADER : c.header)) ?? -1);
    const keyFound = columns.some((c, i) => (c.isKey || c.service) && found[i] >= 0);
    const count = found.filter((x) => x >= 0).length;
    if (keyFound && count >= Math.min(4, columns.length)) {
      headerRow = r;
      map = found;
      const ours = new Set(found.filter((x) => x >= 0));
      const last = Math.max(...found);
      extras = [];
      row.forEach((v, c) => {
        if (c > last && !ours.has(c) && norm(v) !== "") extras.push({ col: c, header: String(v).trim() });
      });
      break;
    }
  }
  if (headerRow < 0) return null;
  const serviceIndex = columns.findIndex((c) => c.service);
  const keyIndex = columns.findIndex((c) => c.isKey);
  const hasService = serviceIndex >= 0 && map[serviceIndex] >= 0;
  const rows: PreviousRow[] = [];
  for (let r = headerRow + 1; r < values.length; r++) {
    const row = values[r] ?? [];
    const raw = columns.map((c, i) => {
      const v = map[i] >= 0 ? (row[map[i]] ?? null) : null;
      // Date serials of a 1904 workbook (Office.js) as 1900-system serials, which the fingerprints and dates use.
      return grid.date1904 && c.date === true && typeof v === "number" && v > 0 ? v + DATE1904_OFFSET : v;
    });
    // The end of the table: what follows (the roadmap's overview) is regenerated.
    if (hasService && isEndCell(raw[serviceIndex])) break;
    const extra: Record<string, CellValue> = {};
    for (const e of extras) {
      const v = row[e.col];
      if (v !== null && v !== undefined && v !== "") extra[e.header] = v;
    }
    const blank = raw.every((v) => v === null || v === "") && Object.keys(extra).length === 0;
    if (blank) continue;
    let info = hasService ? parseServiceCell(raw[serviceIndex]) : null;
    if (!hasService && keyIndex >= 0 && raw[keyIndex] !== null && String(raw[keyIndex]).trim() !== "") {
      // The service column is gone: the visible key still identifies a generated row (no fingerprint).
      info = { type: "item", block: "", key: String(raw[keyIndex]).trim(), hashes: {}, obsolete: false };
    }
    rows.push({
      info,
      raw,
      values: raw.map((v, i) => toPlanValue(v, columns[i].date === true)),
      extra,
      sheetRow: r + oy + 1,
    });
  }
  const extraHeaders = extras.map((e) => e.header);
  return { name: grid.name, rows, extraHeaders, hasService };
}

export interface MergeOptions {
  /** Index of the column that carries the «[не актуально]» mark of a row of this type. */
  markColumn(type: WorkRow["type"]): number;
  /** Style of rows kept as «[не актуально]». */
  obsoleteStyle: CellStyle;
  /** Style of kept rows without a service cell (people's rows): none by default. */
  userStyle?: CellStyle;
}

export interface MergeResult {
  rows: WorkRow[];
  kept: KeptCounts;
  /** Headers of columns people added, to be written to the right of ours. */
  extraHeaders: string[];
}

function isBlank(v: PlanCell | undefined): boolean {
  const x = shownValue(v);
  return x === null || x === undefined || (typeof x === "string" && x.trim() === "");
}

function withMark(v: PlanCell): PlanCell {
  const x = shownValue(v);
  const text = x === null || x === undefined ? "" : x instanceof Date ? "" : String(x);
  if (text.startsWith(OBSOLETE_MARK)) return text;
  return text ? `${OBSOLETE_MARK} ${text}` : OBSOLETE_MARK;
}

function withoutMark(v: PlanCell): PlanCell {
  if (typeof v === "string" && v.startsWith(OBSOLETE_MARK)) return v.slice(OBSOLETE_MARK.length).trimStart();
  return v;
}

/**
 * The rows to write: `next` (just generated, in order) with what people typed in `previous` carried over (see the
 * file comment for the rules). Without a previous sheet, `next` with fingerprints.
 */
export function mergeWork(
  previous: PreviousSheet | null,
  next: readonly WorkRow[],
  columns: readonly WorkColumn[],
  opts: MergeOptions,
): MergeResult {
  const kept: KeptCounts = { ...NO_KEPT };
  const generated = next.map((r) => ({
    ...r,
    values: [...r.values],
    hashes: r.hashes ?? rowHashes(r.values, columns),
  }));
  if (!previous) return { rows: generated, kept, extraHeaders: [] };

  const byKey = new Map<string, WorkRow>();
  for (const r of generated) if (r.type !== "user" && r.key) byKey.set(r.key, r);
  const nextBlocks = new Set(generated.map((r) => r.block));
  // Blocks found again by their name tag when their key changed.
  const alias = new Map<string, string>();
  const tagToBlock = new Map<string, string>();
  for (const r of generated) if (r.type === "block" && r.nameTag) tagToBlock.set(r.nameTag, r.block);
  for (const p of previous.rows) {
    const i = p.info;
    if (i && i.type === "block" && i.nameTag && !nextBlocks.has(i.block)) {
      const to = tagToBlock.get(i.nameTag);
      if (to) alias.set(i.block, to);
    }
  }
  const translate = (block: string, key: string): { block: string; key: string } => {
    const to = alias.get(block);
    if (!to) return { block, key };
    return { block: to, key: key.startsWith(block) ? to + key.slice(block.length) : key };
  };

  const userChanged = (p: PreviousRow, i: number): boolean => {
    const c = columns[i];
    const h = p.info?.hashes[c.sid];
    if (h !== undefined) return cellHash(p.raw[i], c.date === true, "grid") !== h;
    return c.userOwned === true && !isBlank(p.values[i]);
  };
  const count = (c: WorkColumn): void => {
    if (c.category === "mark") kept.marks++;
    else if (c.category === "target") kept.targets++;
    else if (c.category === "fact") kept.facts++;
    else kept.texts++;
  };

  const used = new Set<WorkRow>();
  const after = new Map<WorkRow | null, WorkRow[]>();
  const place = (anchor: WorkRow | null, row: WorkRow): void => {
    const list = after.get(anchor);
    if (list) list.push(row);
    else after.set(anchor, [row]);
  };
  let anchor: WorkRow | null = null;
  let currentBlock = "";

  for (const p of previous.rows) {
    const info = p.info;
    if (info) currentBlock = translate(info.block || currentBlock, info.key).block;
    const t = info ? translate(info.block || currentBlock, info.key) : null;
    const match = t ? byKey.get(t.key) : undefined;
    if (info && match && !used.has(match)) {
      used.add(match);
      // Summaries are formulas: always regenerated.
      if (match.type !== "summary")
        columns.forEach((c, i) => {
          if (c.formula || c.isKey || c.service) return;
          if (!userChanged(p, i)) return;
          const v = i === opts.markColumn(match.type) ? withoutMark(p.values[i]) : p.values[i];
          const generatedValue = match.values[i];
          match.values[i] = v;
          const date = c.date === true;
          if (!isBlank(v) && normalizeCell(v, date, "plan") !== normalizeCell(generatedValue, date, "plan")) count(c);
        });
      if (Object.keys(p.extra).length) match.extra = { ...p.extra };
      anchor = match;
      continue;
    }
    const activeBlock = nextBlocks.has(t?.block ?? currentBlock);
    if (info && info.type !== "item" && activeBlock) continue; // regenerated headings, notes, summaries
    if (info && info.type === "summary") continue; // the summary of a block that is gone
    if (!info) {
      // A row people added: kept as it is.
      const row: WorkRow = {
        type: "user",
        key: "",
        block: currentBlock,
        values: p.values,
        ...(Object.keys(p.extra).length ? { extra: { ...p.extra } } : {}),
        ...(opts.userStyle ? { style: opts.userStyle } : {}),
      };
      kept.userRows++;
      place(anchor, row);
      continue;
    }
    // A generated row that no longer applies: kept with its history, marked.
    const mark = opts.markColumn(info.type);
    const values = p.values.map((v, i) =>
      i === mark && (info.type === "item" || info.type === "block") ? withMark(v) : v,
    );
    const hashes: Record<string, string> = {};
    columns.forEach((c, i) => {
      if (c.formula || c.isKey || c.service) return;
      if (userChanged(p, i)) {
        hashes[c.sid] = info.hashes[c.sid] ?? "";
        if (info.type === "item" && !isBlank(p.values[i]) && i !== mark) count(c);
      } else hashes[c.sid] = cellHash(values[i], c.date === true, "plan");
    });
    const row: WorkRow = {
      type: info.type,
      key: t!.key,
      block: t!.block,
      values,
      hashes,
      obsolete: info.type === "item" || info.type === "block",
      ...(info.nameTag ? { nameTag: info.nameTag } : {}),
      ...(Object.keys(p.extra).length ? { extra: { ...p.extra } } : {}),
      style: opts.obsoleteStyle,
    };
    if (info.type === "item") kept.obsolete++;
    byKey.set(row.key, row);
    used.add(row);
    place(anchor, row);
  }

  const rows: WorkRow[] = [];
  const emit = (r: WorkRow): void => {
    rows.push(r);
    for (const c of after.get(r) ?? []) emit(c);
  };
  for (const c of after.get(null) ?? []) emit(c);
  for (const r of generated) emit(r);
  return { rows, kept, extraHeaders: previous.extraHeaders };
}
