/**
 * Looks inside an .xlsx package (a zip of XML parts) from its zip directory and its small parts only — the
 * workbook part, relationships, drawings — never inflating sheet data:
 * - whether it is an Excel workbook at all (a zip without xl/workbook.xml is not; an .xlsb is said);
 * - its sheets in workbook order: name, kind (worksheet, chart sheet…), visibility and part;
 * - the date system (1900 or 1904);
 * - what a copy through ExcelJS would lose (charts, pivot tables, images, VBA, slicers, external links…).
 * Bytes in, no node I/O: runs in the browser as in the CLI.
 */
import { XmlAttributes, XmlError, XmlTokenizer, partDecoder, type XmlHandler } from "./xmlTokenizer";
import {
  findEntry,
  formatBytes,
  inflateEntry,
  readZipDirectory,
  ZipError,
  type RawInflater,
  type ZipEntry,
} from "./zip";

export type XlsxPackageErrorCode = "not-xlsx" | "damaged" | "xlsb" | "encrypted" | "too-large";

/** A file that is not a readable Excel workbook, or one past the reader's limits; the message is one Russian line. */
export class XlsxPackageError extends Error {
  /** The reason alone, without the file name («файл повреждён или записан не полностью»). */
  readonly reason: string;
  readonly code: XlsxPackageErrorCode;
  constructor(message: string, reason: string, code: XlsxPackageErrorCode = "damaged") {
    super(message);
    this.name = "XlsxPackageError";
    this.reason = reason;
    this.code = code;
  }
}

export interface PackageSheet {
  name: string;
  kind: "worksheet" | "chartsheet" | "dialogsheet" | "macrosheet" | "other";
}

/** A sheet as the workbook part lists it, with what the reader needs. */
export interface PackageSheetPart extends PackageSheet {
  state: "visible" | "hidden" | "veryHidden";
  /** Part name of the sheet («xl/worksheets/sheet1.xml»), null when its relationship is missing. */
  part: string | null;
}

export interface XlsxPackageInfo {
  /** Sheets in workbook order, as listed in the workbook part. */
  sheets: PackageSheet[];
  /** Names of the chart sheets («Диаграмма1»). */
  chartSheets: string[];
  /**
   * Russian descriptions of the content ExcelJS would drop when copying the workbook
   * («листы-диаграммы «Диаграмма1»», «диаграммы», «сводные таблицы», …); empty when a copy is lossless.
   */
  lossy: string[];
}

/** An opened package: its zip directory and what the workbook part says. */
export interface OpenedPackage {
  entries: ZipEntry[];
  workbookPath: string;
  sheets: PackageSheetPart[];
  date1904: boolean;
  /** Relationships of the workbook part (styles, shared strings…): type (last path segment) → part names. */
  workbookRels: { type: string; target: string }[];
}

/** Limits on the small parts read whole (workbook, relationships, drawings). */
export const MAX_SMALL_PART_BYTES = 100_000_000;

/** Folder prefixes (or exact parts) ExcelJS cannot carry over, with their Russian description. */
const LOSSY_PARTS: { test: (name: string) => boolean; what: string }[] = [
  { test: (n) => n.startsWith("xl/charts/"), what: "диаграммы" },
  { test: (n) => n.startsWith("xl/pivottables/") || n.startsWith("xl/pivotcache/"), what: "сводные таблицы" },
  { test: (n) => n.startsWith("xl/media/"), what: "рисунки и фигуры" },
  { test: (n) => n === "xl/vbaproject.bin", what: "макросы VBA" },
  { test: (n) => n.startsWith("xl/slicers/") || n.startsWith("xl/slicercaches/"), what: "срезы" },
  { test: (n) => n.startsWith("xl/timelines/") || n.startsWith("xl/timelinecaches/"), what: "временные шкалы" },
  { test: (n) => n.startsWith("xl/externallinks/"), what: "связи с другими книгами" },
  { test: (n) => n.startsWith("xl/embeddings/") || n.startsWith("xl/activex/"), what: "внедрённые объекты" },
  { test: (n) => n.startsWith("xl/ctrlprops/"), what: "элементы управления" },
  { test: (n) => n.startsWith("xl/querytables/") || n === "xl/connections.xml", what: "подключения к данным" },
  { test: (n) => n.startsWith("xl/model/"), what: "модель данных" },
  { test: (n) => n.startsWith("xl/threadedcomments/"), what: "примечания-обсуждения" },
];

const REL_TYPE_KIND: Record<string, PackageSheet["kind"]> = {
  worksheet: "worksheet",
  chartsheet: "chartsheet",
  dialogsheet: "dialogsheet",
  xlMacrosheet: "macrosheet",
  xlIntlMacrosheet: "macrosheet",
};

/** «Файл «x.xlsx» …» or «Файл …» when the bytes have no name. */
export function fileLabel(label: string): string {
  return label ? `Файл «${label}»` : "Файл";
}

export function damagedError(label: string, detail?: string): XlsxPackageError {
  return new XlsxPackageError(
    `${fileLabel(label)} повреждён или записан не полностью: его не удаётся открыть как книгу Excel .xlsx${detail ? ` (${detail})` : ""}.`,
    "файл повреждён или записан не полностью",
    "damaged",
  );
}

/** A zip-layer error as the one Russian line about this file. */
export function zipErrorToPackage(e: ZipError, label: string): XlsxPackageError {
  if (e.code === "too-large") {
    return new XlsxPackageError(`${fileLabel(label)}: ${e.message}; такой файл не читается.`, e.message, "too-large");
  }
  if (e.code === "unsupported" && /зашифрованы/.test(e.message)) {
    return new XlsxPackageError(
      `${fileLabel(label)} защищён паролем (части книги зашифрованы): снимите пароль и сохраните книгу как .xlsx.`,
      "книга защищена паролем",
      "encrypted",
    );
  }
  return damagedError(label);
}

/** Inflate a small part whole and decode it to text, under MAX_SMALL_PART_BYTES. */
export function readSmallPart(bytes: Uint8Array, entry: ZipEntry, label: string, inflater?: RawInflater): string {
  if (entry.uncompressedSize > MAX_SMALL_PART_BYTES) throw partTooLarge(label, entry, MAX_SMALL_PART_BYTES);
  try {
    const data = inflateEntry(bytes, entry, { maxBytes: MAX_SMALL_PART_BYTES, ...(inflater ? { inflater } : {}) });
    return partDecoder(data).decode(data);
  } catch (e) {
    if (e instanceof ZipError) {
      if (e.code === "too-large") throw partTooLarge(label, entry, MAX_SMALL_PART_BYTES);
      throw zipErrorToPackage(e, label);
    }
    throw e;
  }
}

/** «Файл «x» распаковывается в 1,2 ГБ — больше допустимого (1 ГБ на часть книги): …» */
export function partTooLarge(label: string, entry: ZipEntry, limit: number): XlsxPackageError {
  const claimed = entry.uncompressedSize > limit;
  const size = claimed ? `в ${formatBytes(entry.uncompressedSize)}` : `больше чем в ${formatBytes(limit)}`;
  const reason = `часть «${entry.name}» распаковывается ${size} — больше допустимого (${formatBytes(limit)} на часть книги)`;
  return new XlsxPackageError(
    `${fileLabel(label)} распаковывается ${size} — больше допустимого (${formatBytes(limit)} на часть «${entry.name}»); такой файл не читается.`,
    reason,
    "too-large",
  );
}

/** Collects the start tags of a small part with a given local name. */
class TagCollector implements XmlHandler {
  readonly found: { name: string; attrs: Map<string, string> }[] = [];
  constructor(private readonly wanted: Set<string>) {}
  open(name: string, attrs: XmlAttributes): void {
    if (!this.wanted.has(name)) return;
    const m = new Map<string, string>();
    for (const key of ["name", "sheetId", "state", "id", "Id", "Type", "Target", "TargetMode", "date1904"]) {
      // `r:id` is the relationship id of a sheet; plain `id` does not occur on these tags.
      const v = key === "id" ? attrs.get("id", true) : attrs.get(key, false);
      if (v !== undefined) m.set(key, v);
    }
    this.found.push({ name, attrs: m });
  }
  close(): void {}
  text(): void {}
  cdata(): void {}
}

function scanTags(xml: string, wanted: string[], label: string): TagCollector["found"] {
  const c = new TagCollector(new Set(wanted));
  try {
    const t = new XmlTokenizer(c);
    t.push(xml);
    t.end();
  } catch (e) {
    if (e instanceof XmlError) throw damagedError(label);
    throw e;
  }
  return c.found;
}

function parseRels(xml: string, label: string): Map<string, { type: string; target: string; external: boolean }> {
  const out = new Map<string, { type: string; target: string; external: boolean }>();
  for (const t of scanTags(xml, ["Relationship"], label)) {
    const id = t.attrs.get("Id");
    const type = t.attrs.get("Type") ?? "";
    const target = t.attrs.get("Target") ?? "";
    if (id) {
      out.set(id, {
        type: type.slice(type.lastIndexOf("/") + 1),
        target,
        external: t.attrs.get("TargetMode") === "External",
      });
    }
  }
  return out;
}

/** Resolve a relationship target against the folder of the part that holds the relationship. */
export function resolveTarget(baseDir: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const parts = baseDir ? baseDir.split("/") : [];
  for (const seg of target.split("/")) {
    if (seg === "..") parts.pop();
    else if (seg !== "." && seg !== "") parts.push(seg);
  }
  return parts.join("/");
}

/** The relationships part of a part: `xl/workbook.xml` → `xl/_rels/workbook.xml.rels`. */
export function relsPathOf(part: string): string {
  const slash = part.lastIndexOf("/");
  return `${slash >= 0 ? part.slice(0, slash + 1) : ""}_rels/${part.slice(slash + 1)}.rels`;
}

function isTrue(v: string | undefined): boolean {
  return v === "1" || v === "true" || v === "on";
}

/**
 * Open a package held in memory: the zip directory, the workbook part and its relationships. `label` names the file
 * in messages («реестр.xlsx»). Throws XlsxPackageError (one Russian line) when the bytes are not a zip, the zip is
 * damaged or truncated, the workbook is encrypted, an .xlsb, or no Excel workbook at all.
 */
export function openPackage(bytes: Uint8Array, label: string, inflater?: RawInflater): OpenedPackage {
  let entries: ZipEntry[];
  try {
    entries = readZipDirectory(bytes);
  } catch (e) {
    if (e instanceof ZipError) {
      if (e.code === "not-zip") {
        // An OLE2 container is what Excel writes for a password-protected (encrypted) workbook and for .xls.
        if (bytes.length >= 4 && bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
          throw new XlsxPackageError(
            `${fileLabel(label)} защищён паролем или сохранён в старом формате .xls: снимите пароль и сохраните как .xlsx.`,
            "книга защищена паролем или сохранена как .xls",
            "encrypted",
          );
        }
        throw new XlsxPackageError(
          `${fileLabel(label)} не является книгой Excel .xlsx (повреждён или переименован).`,
          "это не книга Excel",
          "not-xlsx",
        );
      }
      throw zipErrorToPackage(e, label);
    }
    throw e;
  }
  // The workbook part is named by the package's root relationships; xl/workbook.xml by convention.
  let workbookPath = "xl/workbook.xml";
  const rootRels = findEntry(entries, "_rels/.rels");
  if (rootRels) {
    const rels = parseRels(readSmallPart(bytes, rootRels, label, inflater), label);
    const doc = [...rels.values()].find((r) => r.type === "officeDocument" && !r.external);
    if (doc) workbookPath = resolveTarget("", doc.target);
  }
  if (/\.bin$/i.test(workbookPath) && findEntry(entries, workbookPath)) {
    throw new XlsxPackageError(
      `${fileLabel(label)} — двоичная книга Excel .xlsb, а не .xlsx: сохраните её в Excel как .xlsx.`,
      "это двоичная книга .xlsb",
      "xlsb",
    );
  }
  const workbookEntry = findEntry(entries, workbookPath);
  if (!workbookEntry) {
    throw new XlsxPackageError(
      `${fileLabel(label)} не является книгой Excel .xlsx: это архив zip без части xl/workbook.xml.`,
      "это архив zip без части xl/workbook.xml",
      "not-xlsx",
    );
  }
  const workbookXml = readSmallPart(bytes, workbookEntry, label, inflater);
  const wbDir = workbookPath.includes("/") ? workbookPath.slice(0, workbookPath.lastIndexOf("/")) : "";
  const wbRelsEntry = findEntry(entries, relsPathOf(workbookPath));
  const wbRels = wbRelsEntry
    ? parseRels(readSmallPart(bytes, wbRelsEntry, label, inflater), label)
    : new Map<string, { type: string; target: string; external: boolean }>();

  const sheets: PackageSheetPart[] = [];
  let date1904 = false;
  for (const t of scanTags(workbookXml, ["sheet", "workbookPr"], label)) {
    if (t.name === "workbookPr") {
      date1904 = isTrue(t.attrs.get("date1904"));
      continue;
    }
    const name = t.attrs.get("name") ?? "";
    const rid = t.attrs.get("id");
    const rel = rid ? wbRels.get(rid) : undefined;
    const kind: PackageSheet["kind"] = rel ? (REL_TYPE_KIND[rel.type] ?? "other") : "other";
    const st = t.attrs.get("state");
    sheets.push({
      name,
      kind,
      state: st === "hidden" ? "hidden" : st === "veryHidden" ? "veryHidden" : "visible",
      part: rel && !rel.external ? resolveTarget(wbDir, rel.target) : null,
    });
  }
  const workbookRels = [...wbRels.values()]
    .filter((r) => !r.external)
    .map((r) => ({ type: r.type, target: resolveTarget(wbDir, r.target) }));
  return { entries, workbookPath, sheets, date1904, workbookRels };
}

/** Whether a drawing part holds pictures or shapes (charts are told by their own parts). */
function drawingHasPictures(xml: string): boolean {
  let found = false;
  const h: XmlHandler = {
    open: (name) => {
      if (name === "pic" || name === "sp" || name === "grpSp" || name === "cxnSp") found = true;
    },
    close: () => {},
    text: () => {},
    cdata: () => {},
  };
  const t = new XmlTokenizer(h);
  t.push(xml);
  t.end();
  return found;
}

/**
 * Inspect an .xlsx held in memory. `label` names the file in messages («реестр.xlsx»).
 * Throws XlsxPackageError (one Russian line) when the bytes are not a zip, the zip is damaged or truncated,
 * or the zip holds no Excel workbook. Sheet data is never inflated.
 */
export async function inspectXlsxPackage(bytes: Uint8Array, label: string): Promise<XlsxPackageInfo> {
  const pkg = openPackage(bytes, label);
  return describePackage(bytes, pkg, label);
}

/** What `inspectXlsxPackage` says about an already opened package. */
export function describePackage(bytes: Uint8Array, pkg: OpenedPackage, label: string): XlsxPackageInfo {
  const sheets: PackageSheet[] = pkg.sheets.map((s) => ({ name: s.name, kind: s.kind }));
  const chartSheets = sheets.filter((s) => s.kind === "chartsheet").map((s) => s.name);

  const lossy: string[] = [];
  if (chartSheets.length) {
    lossy.push(`${chartSheets.length === 1 ? "лист-диаграмма" : "листы-диаграммы"} «${chartSheets.join("», «")}»`);
  }
  const others = sheets.filter((s) => s.kind === "dialogsheet" || s.kind === "macrosheet").map((s) => s.name);
  if (others.length) lossy.push(`листы макросов или диалогов «${others.join("», «")}»`);
  const files = pkg.entries.filter((e) => !e.name.endsWith("/"));
  const names = files.map((e) => e.name.toLowerCase());
  for (const p of LOSSY_PARTS) {
    if (names.some(p.test) && !lossy.includes(p.what)) lossy.push(p.what);
  }
  // Drawings hold charts (listed above by xl/charts/) but also pictures and shapes; drawings are small parts.
  if (!lossy.includes("рисунки и фигуры")) {
    for (const e of files) {
      if (!/^xl\/drawings\/[^/]+\.xml$/i.test(e.name)) continue;
      let has = false;
      try {
        has = drawingHasPictures(readSmallPart(bytes, e, label));
      } catch (err) {
        if (!(err instanceof XmlError)) throw err;
        has = true;
      }
      if (has) {
        lossy.push("рисунки и фигуры");
        break;
      }
    }
  }
  return { sheets, chartSheets, lossy };
}
