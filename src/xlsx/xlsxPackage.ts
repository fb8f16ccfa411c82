/**
 * Looks inside an .xlsx package (a zip of XML parts) before ExcelJS reads it:
 * - whether it is an Excel workbook at all (a zip without xl/workbook.xml is not);
 * - which sheets are chart sheets (ExcelJS does not see them, so no reader reports them);
 * - what ExcelJS cannot carry into a copy (charts, pivot tables, images, VBA, slicers, external links…),
 *   so that a copy that would silently lose the user's content is never written.
 */
import JSZip from "jszip";

/** A file that is not a readable Excel workbook; the message is one Russian line. */
export class XlsxPackageError extends Error {
  /** The reason alone, without the file name («файл повреждён или записан не полностью»). */
  readonly reason: string;
  constructor(message: string, reason: string) {
    super(message);
    this.name = "XlsxPackageError";
    this.reason = reason;
  }
}

export interface PackageSheet {
  name: string;
  kind: "worksheet" | "chartsheet" | "dialogsheet" | "macrosheet" | "other";
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

/** Worksheet XML features (in extension lists) ExcelJS drops. */
const LOSSY_SHEET_XML: { marker: string; what: string }[] = [
  { marker: "<x14:sparklineGroups", what: "спарклайны" },
  { marker: "<x14:dataValidations", what: "проверки данных со ссылками на другие листы" },
];

const REL_TYPE_KIND: Record<string, PackageSheet["kind"]> = {
  worksheet: "worksheet",
  chartsheet: "chartsheet",
  dialogsheet: "dialogsheet",
  xlMacrosheet: "macrosheet",
  xlIntlMacrosheet: "macrosheet",
};

function decodeXml(s: string): string {
  return s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&amp;/g, "&");
}

function attr(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}\\s*=\\s*("([^"]*)"|'([^']*)')`).exec(tag);
  if (!m) return undefined;
  return decodeXml(m[2] ?? m[3] ?? "");
}

/** Relationship id → { type (last path segment), target }. */
function parseRels(xml: string): Map<string, { type: string; target: string }> {
  const out = new Map<string, { type: string; target: string }>();
  for (const m of xml.matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)) {
    const id = attr(m[0], "Id");
    const type = attr(m[0], "Type") ?? "";
    const target = attr(m[0], "Target") ?? "";
    if (id) out.set(id, { type: type.slice(type.lastIndexOf("/") + 1), target });
  }
  return out;
}

/** Resolve a relationship target against the folder of the part that holds the relationship. */
function resolveTarget(baseDir: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const parts = baseDir ? baseDir.split("/") : [];
  for (const seg of target.split("/")) {
    if (seg === "..") parts.pop();
    else if (seg !== "." && seg !== "") parts.push(seg);
  }
  return parts.join("/");
}

function findPart(zip: JSZip, name: string): JSZip.JSZipObject | null {
  const exact = zip.file(name);
  if (exact) return exact;
  const lower = name.toLowerCase();
  return Object.values(zip.files).find((f) => !f.dir && f.name.toLowerCase() === lower) ?? null;
}

/**
 * Inspect an .xlsx held in memory. `label` names the file in messages («реестр.xlsx»).
 * Throws XlsxPackageError (one Russian line) when the bytes are not a zip, the zip is damaged or truncated,
 * or the zip holds no Excel workbook.
 */
export async function inspectXlsxPackage(bytes: Uint8Array, label: string): Promise<XlsxPackageInfo> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch {
    throw new XlsxPackageError(
      `Файл «${label}» повреждён или записан не полностью: его не удаётся открыть как книгу Excel .xlsx.`,
      "файл повреждён или записан не полностью",
    );
  }
  // The workbook part is named by the package's root relationships; xl/workbook.xml by convention.
  let workbookPath = "xl/workbook.xml";
  const rootRels = findPart(zip, "_rels/.rels");
  if (rootRels) {
    const rels = parseRels(await rootRels.async("string"));
    const doc = [...rels.values()].find((r) => r.type === "officeDocument");
    if (doc) workbookPath = resolveTarget("", doc.target);
  }
  if (/\.bin$/i.test(workbookPath) && findPart(zip, workbookPath)) {
    throw new XlsxPackageError(
      `Файл «${label}» — двоичная книга Excel .xlsb, а не .xlsx: сохраните её в Excel как .xlsx.`,
      "это двоичная книга .xlsb",
    );
  }
  const workbookPart = findPart(zip, workbookPath);
  if (!workbookPart) {
    throw new XlsxPackageError(
      `Файл «${label}» не является книгой Excel .xlsx: это архив zip без части xl/workbook.xml.`,
      "это архив zip без части xl/workbook.xml",
    );
  }
  const workbookXml = await workbookPart.async("string");
  const wbDir = workbookPath.includes("/") ? workbookPath.slice(0, workbookPath.lastIndexOf("/")) : "";
  const wbRelsPart = findPart(
    zip,
    `${wbDir ? `${wbDir}/` : ""}_rels/${workbookPath.slice(wbDir.length ? wbDir.length + 1 : 0)}.rels`,
  );
  const wbRels = wbRelsPart
    ? parseRels(await wbRelsPart.async("string"))
    : new Map<string, { type: string; target: string }>();

  const sheets: PackageSheet[] = [];
  const worksheetParts: string[] = [];
  for (const m of workbookXml.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
    const name = attr(m[0], "name") ?? "";
    const rid = attr(m[0], "[\\w]+:id");
    const rel = rid ? wbRels.get(rid) : undefined;
    const kind: PackageSheet["kind"] = rel ? (REL_TYPE_KIND[rel.type] ?? "other") : "other";
    if (rel && kind === "worksheet") worksheetParts.push(resolveTarget(wbDir, rel.target));
    sheets.push({ name, kind });
  }
  const chartSheets = sheets.filter((s) => s.kind === "chartsheet").map((s) => s.name);

  const lossy: string[] = [];
  if (chartSheets.length) {
    lossy.push(`${chartSheets.length === 1 ? "лист-диаграмма" : "листы-диаграммы"} «${chartSheets.join("», «")}»`);
  }
  const others = sheets.filter((s) => s.kind === "dialogsheet" || s.kind === "macrosheet").map((s) => s.name);
  if (others.length) lossy.push(`листы макросов или диалогов «${others.join("», «")}»`);
  const names = Object.values(zip.files)
    .filter((f) => !f.dir)
    .map((f) => f.name.toLowerCase());
  for (const p of LOSSY_PARTS) {
    if (names.some(p.test) && !lossy.includes(p.what)) lossy.push(p.what);
  }
  // Drawings hold charts (listed above by xl/charts/) but also pictures and shapes.
  for (const f of Object.values(zip.files)) {
    if (f.dir || !/^xl\/drawings\/[^/]+\.xml$/i.test(f.name)) continue;
    const xml = await f.async("string");
    if (/<(?:\w+:)?(?:pic|sp|grpSp|cxnSp)\b/.test(xml) && !lossy.includes("рисунки и фигуры")) {
      lossy.push("рисунки и фигуры");
      break;
    }
  }
  for (const part of worksheetParts) {
    const f = findPart(zip, part);
    if (!f) continue;
    const xml = await f.async("string");
    for (const x of LOSSY_SHEET_XML) {
      if (xml.includes(x.marker) && !lossy.includes(x.what)) lossy.push(x.what);
    }
  }
  return { sheets, chartSheets, lossy };
}
