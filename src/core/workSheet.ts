/**
 * Working sheets (issue 14): the generated sheets people work in all year — «Дорожная карта Y», «Показатели Y» — are
 * a list of rows (block headings, section headings, items, summaries) under one header, with a hidden service column.
 * The service cell of a generated row says what the row is (type, block, key) and holds a fingerprint of every value
 * the add-in wrote in it, so that a rebuild can tell, cell by cell, what a person has typed since (./rebuild.ts).
 * Pure: no host types.
 */
import { hash36 } from "./catalogue";
import { shownValue, type CellStyle, type ColumnPlan, type PlanCell } from "./sheetPlan";
import type { CellValue } from "./types";

/** What a person types into a column, for the summary of a rebuild («сохранено отметок: 42, целей: 12»). */
export type EditCategory = "mark" | "target" | "fact" | "text";

export interface WorkColumn extends ColumnPlan {
  /** One-letter id of the column inside fingerprints (stable across versions). */
  sid: string;
  category: EditCategory;
  /** Values are dates (a host may give them as serial numbers). */
  date?: boolean;
  /**
   * The user owns the column (Статус, Отметка, quarters, Цель, a manual Факт): without a fingerprint (the service
   * column lost) a non-empty previous value is kept.
   */
  userOwned?: boolean;
  /** Regenerated on every build (formulas: summaries, «Достигнуто»); never carried over. */
  formula?: boolean;
  /** The row's stable key («Код»): never compared, never carried over. */
  isKey?: boolean;
  /** The hidden service column. */
  service?: boolean;
}

export type WorkRowType = "block" | "section" | "note" | "item" | "summary" | "user";

export interface WorkRow {
  type: WorkRowType;
  /** Unique within the sheet for generated rows; "" for user rows. */
  key: string;
  /** The block the row belongs to («М» for the municipal block, a school's tag). */
  block: string;
  /** Values by column (the service column's value is written by the renderer). */
  values: PlanCell[];
  /**
   * Fingerprint of the generated values by column sid: the hash of what the add-in wrote. For generated rows it is
   * computed from `values`; rows carried over keep what their service cell had.
   */
  hashes?: Record<string, string>;
  /** A generated row that no longer follows from the data, kept with its history (marked «[не актуально]»). */
  obsolete?: boolean;
  /** Extra cells of columns the user added to the right, by header. */
  extra?: Record<string, CellValue>;
  /** Name tag of a block heading (a school block is found again when its key changes, e.g. a code was added). */
  nameTag?: string;
  style?: CellStyle;
}

/** The mark of rows kept because they no longer apply. */
export const OBSOLETE_MARK = "[не актуально]";

/** Header of the hidden service column. */
export const SERVICE_HEADER = "Служебный (не изменять)";
const SERVICE_PREFIX = "SHNOR1";

/** Normalised form of a cell for fingerprints: dates as yyyy-mm-dd, numbers rounded, text trimmed. */
export function normalizeCell(v: PlanCell | undefined, date: boolean, from: "plan" | "grid"): string {
  const x = shownValue(v);
  if (x === null || x === undefined) return "";
  if (x instanceof Date) {
    const y = from === "plan" ? x.getFullYear() : x.getUTCFullYear();
    const m = from === "plan" ? x.getMonth() + 1 : x.getUTCMonth() + 1;
    const d = from === "plan" ? x.getDate() : x.getUTCDate();
    return `d${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
  }
  if (typeof x === "number") {
    if (date && x > 0 && x < 2_958_466) {
      const d = new Date(Math.round((x - 25_569) * 86_400_000));
      return normalizeCell(d, true, "grid");
    }
    return `n${Number(x.toPrecision(12))}`;
  }
  if (typeof x === "boolean") return x ? "b1" : "b0";
  const t = x
    .replace(/\r\n?/g, "\n")
    .replace(/[ \t\u00a0]+/g, " ")
    .trim();
  return t === "" ? "" : `s${t}`;
}

/** Hash of a normalised cell (5 base-36 characters). */
export function cellHash(v: PlanCell | undefined, date: boolean, from: "plan" | "grid"): string {
  return hash36(normalizeCell(v, date, from), 5);
}

/** Columns whose values are fingerprinted: everything but formulas, the key and the service column. */
export function fingerprinted(columns: readonly WorkColumn[]): WorkColumn[] {
  return columns.filter((c) => !c.formula && !c.isKey && !c.service);
}

/** The fingerprint of a generated row's values. */
export function rowHashes(values: readonly PlanCell[], columns: readonly WorkColumn[]): Record<string, string> {
  const out: Record<string, string> = {};
  columns.forEach((c, i) => {
    if (c.formula || c.isKey || c.service) return;
    out[c.sid] = cellHash(values[i], c.date === true, "plan");
  });
  return out;
}

/** The service cell of a row: «SHNOR1|type|block|key|sid:hash;…» (blank for user rows). */
export function serviceCell(row: WorkRow): string {
  if (row.type === "user") return "";
  const hashes = Object.entries(row.hashes ?? {})
    .map(([k, v]) => `${k}:${v}`)
    .join(";");
  const flags = `${row.obsolete ? "x" : ""}${row.nameTag ? `~${row.nameTag}` : ""}`;
  return [SERVICE_PREFIX, row.type, esc(row.block), esc(row.key), hashes, flags].join("|");
}

function esc(s: string): string {
  return s.replace(/[|%]/g, (ch) => (ch === "|" ? "%7C" : "%25"));
}
function unesc(s: string): string {
  return s.replace(/%7C/gi, "|").replace(/%25/g, "%");
}

export interface ServiceInfo {
  type: Exclude<WorkRowType, "user">;
  block: string;
  key: string;
  hashes: Record<string, string>;
  obsolete: boolean;
  nameTag?: string;
}

/** The service cell that ends a working table (what follows it is regenerated: the roadmap's overview). */
export const END_CELL = `${SERVICE_PREFIX}|end`;

export function isEndCell(v: CellValue | undefined): boolean {
  return typeof v === "string" && v.startsWith(END_CELL);
}

const TYPES = new Set(["block", "section", "note", "item", "summary"]);

/** Parses a service cell; null when it is not one. */
export function parseServiceCell(v: CellValue | undefined): ServiceInfo | null {
  if (typeof v !== "string" || !v.startsWith(`${SERVICE_PREFIX}|`) || v.length > 2000) return null;
  const parts = v.split("|");
  if (parts.length < 5 || !TYPES.has(parts[1])) return null;
  const hashes: Record<string, string> = {};
  for (const item of parts[4].split(";")) {
    const m = /^([A-Za-z0-9]{1,3}):([0-9a-z]{1,8})$/.exec(item);
    if (m) hashes[m[1]] = m[2];
  }
  const flags = parts[5] ?? "";
  const tag = /~(.+)$/.exec(flags);
  return {
    type: parts[1] as ServiceInfo["type"],
    block: unesc(parts[2]),
    key: unesc(parts[3]),
    hashes,
    obsolete: flags.startsWith("x"),
    ...(tag ? { nameTag: tag[1] } : {}),
  };
}

/** Counts of what a rebuild kept (src/core/rebuild.ts). */
export interface KeptCounts {
  /** Статус, Отметка о выполнении, quarter marks. */
  marks: number;
  /** Цель (старт), Цель (итог). */
  targets: number;
  /** Факт, Исходное typed by people. */
  facts: number;
  /** Other text typed into generated cells (Ответственный, Мероприятие …). */
  texts: number;
  /** Rows people added inside blocks. */
  userRows: number;
  /** Generated rows kept as «[не актуально]». */
  obsolete: number;
}

export const NO_KEPT: KeptCounts = { marks: 0, targets: 0, facts: 0, texts: 0, userRows: 0, obsolete: 0 };

export function addKept(a: KeptCounts, b: KeptCounts): KeptCounts {
  return {
    marks: a.marks + b.marks,
    targets: a.targets + b.targets,
    facts: a.facts + b.facts,
    texts: a.texts + b.texts,
    userRows: a.userRows + b.userRows,
    obsolete: a.obsolete + b.obsolete,
  };
}

/** «сохранено отметок: 42, целей: 12, …» — only what is not zero; «правок нет» when nothing was kept. */
export function formatKept(k: KeptCounts): string {
  const parts: string[] = [];
  if (k.marks) parts.push(`отметок: ${k.marks}`);
  if (k.targets) parts.push(`целей: ${k.targets}`);
  if (k.facts) parts.push(`фактов: ${k.facts}`);
  if (k.texts) parts.push(`других правок: ${k.texts}`);
  if (k.userRows) parts.push(`добавленных строк: ${k.userRows}`);
  const head = parts.length ? `сохранено ${parts.join(", ")}` : "ручных правок не было";
  return k.obsolete ? `${head}; не актуально (сохранено с отметками): ${k.obsolete}` : head;
}

/** The header row of the working sheets (roadmap, indicators): white bold on the programme's dark blue, wrapped. */
export const WORK_HEADER_STYLE: CellStyle = {
  bold: true,
  fill: "#1F4E79",
  fontColor: "#FFFFFF",
  wrap: true,
  horizontal: "center",
  vertical: "middle",
  border: "thin",
};
