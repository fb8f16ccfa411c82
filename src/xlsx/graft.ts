/**
 * The grafting writer (issue 12): a copy of the user's workbook is the input package with the generated sheets
 * added — bytes in, chunks out, no node I/O (it runs in the browser as in the CLI).
 *
 * - Every part other than `[Content_Types].xml`, the workbook part and its relationships, the styles part and
 *   `docProps/app.xml` is copied as its raw compressed bytes (byte for byte, never inflated — the user's sheets are
 *   never even read). Those five are edited as text, namespace-prefix aware, keeping every other byte:
 *   the workbook gains only the new `<sheet>` entries and the generated sheets' defined names (marks, print titles);
 *   styles only gain entries (every existing index keeps its meaning); content types and relationships gain the new
 *   parts; app.xml gains the new sheet names where Excel listed the sheets.
 * - New sheets are appended after the user's, so sheet-scoped names (localSheetId = position) stay valid.
 * - A generated sheet is recognised by a workbook-scoped defined name `SHNOR_GENERATED_<n>` whose value is
 *   `'<sheet>'!$A$1` (the mark of every earlier version; Excel updates it when the sheet is renamed and shows it in
 *   the Name Manager). A plan whose sheet name is taken by a marked sheet replaces that sheet: same position, same
 *   `<sheet>` entry, same part name; exactly its own parts go (the parts reachable from its relationships that no
 *   other part refers to: table, drawing, charts, comments, printer settings…), and new ones are written. A sheet
 *   of that name without the mark is the user's and is never touched: the plan goes to «<name> (2)».
 *   When the replaced sheet's id occurs in the calculation chain (the user added formulas to it), the chain —
 *   a cache Excel rebuilds on opening — is dropped, since it would point at formulas that no longer exist.
 * - Without an input, the same graft runs on an empty package generated here (a new workbook).
 * - The generated sheet XML is streamed (ZipWriter.addStream): memory stays bounded whatever the plan's size.
 */
import { safeSheetName, type SheetPlan } from "../core/sheetPlan";
import type { WorkbookGrids } from "../core/types";
import { addSheetsToAppProps } from "./appProps";
import { chartSeries, chartXml, drawingXml } from "./chartXml";
import { CT, isRelKind, TRANSITIONAL, type Namespaces } from "./ns";
import {
  contentTypeOf,
  decodePart,
  encodePart,
  folderOf,
  Package,
  parseContentTypes,
  parseRels,
  PKG_REL_NS,
  relativeTarget,
  relsPartOf,
  resolveTarget,
  sourceOfRels,
  type PartText,
  type RelsInfo,
} from "./opc";
import { planCellLookup, tableColumnNames, tableXml, writeSheetXml } from "./sheetXml";
import { defaultStylesXml, StyleBook } from "./styles";
import { parseWorkbook, quoteSheet, sheetOfReference, type WorkbookInfo, type WorkbookSheet } from "./workbookPart";
import { applySplices, escapeAttr, escapeXml, qn, scanXml, XmlError, type Splice } from "./xml";
import { inflateEntry, streamEntry, ZipError, ZipWriter, type ZipSink } from "./zip";

/** Prefix of the workbook-scoped defined names that mark generated sheets. */
export const GENERATED_NAME_PREFIX = "SHNOR_GENERATED_";
const MARK_COMMENT = "Метка листа, созданного надстройкой ШНОР: лист заменяется при следующем построении";

/** A workbook that cannot be read or written; the message is one Russian line. */
export class XlsxFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "XlsxFileError";
  }
}

export interface GraftResult {
  /** Names of the sheets written, in plan order. */
  sheets: string[];
  /** Generated sheets that were replaced. */
  replaced: string[];
  /** Russian warnings (a plan renamed because the user has a sheet of that name, long texts cut…). */
  warnings: string[];
}

export interface GraftLimits {
  /** Most bytes one edited part (workbook, styles, content types, relationships, app.xml, a table) may inflate to. */
  maxPartBytes: number;
  /** Most bytes the calculation chain is scanned over (streamed, not held). */
  maxCalcChainBytes: number;
}

export const DEFAULT_GRAFT_LIMITS: GraftLimits = { maxPartBytes: 64 * 2 ** 20, maxCalcChainBytes: 2 ** 31 };

export interface GraftOptions {
  /** Creation time of a new workbook (docProps/core.xml). */
  now?: Date;
  limits?: Partial<GraftLimits>;
}

const lower = (s: string): string => s.toLowerCase();

// ---- the empty package a new workbook is grafted onto ---------------------------------------------------------

function w3cdtf(d: Date): string {
  return `${d.toISOString().slice(0, 19)}Z`;
}

/** A new, empty workbook package (no sheets yet): the base of «several inputs → new workbook». */
export function emptyPackage(now: Date = new Date()): Uint8Array {
  const ns = TRANSITIONAL;
  const w = new ZipWriterToBytes();
  w.writer.addFile(
    "[Content_Types].xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      `<Default Extension="rels" ContentType="${CT.relationships}"/><Default Extension="xml" ContentType="application/xml"/>` +
      `<Override PartName="/xl/workbook.xml" ContentType="${CT.workbook}"/>` +
      `<Override PartName="/xl/styles.xml" ContentType="${CT.styles}"/>` +
      `<Override PartName="/docProps/core.xml" ContentType="${CT.coreProperties}"/>` +
      `<Override PartName="/docProps/app.xml" ContentType="${CT.extendedProperties}"/></Types>`,
  );
  w.writer.addFile(
    "_rels/.rels",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PKG_REL_NS}">` +
      `<Relationship Id="rId1" Type="${ns.relType}/officeDocument" Target="xl/workbook.xml"/>` +
      `<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
      `<Relationship Id="rId3" Type="${ns.relType}/extended-properties" Target="docProps/app.xml"/></Relationships>`,
  );
  w.writer.addFile(
    "docProps/core.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
      `xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" ` +
      `xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>ШНОР</dc:creator>` +
      `<dcterms:created xsi:type="dcterms:W3CDTF">${w3cdtf(now)}</dcterms:created>` +
      `<dcterms:modified xsi:type="dcterms:W3CDTF">${w3cdtf(now)}</dcterms:modified></cp:coreProperties>`,
  );
  w.writer.addFile(
    "docProps/app.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="${ns.extended}" xmlns:vt="${ns.vt}">` +
      `<Application>ШНОР</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>` +
      `<HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>Листы</vt:lpstr></vt:variant>` +
      `<vt:variant><vt:i4>0</vt:i4></vt:variant></vt:vector></HeadingPairs>` +
      `<TitlesOfParts><vt:vector size="0" baseType="lpstr"></vt:vector></TitlesOfParts></Properties>`,
  );
  w.writer.addFile(
    "xl/workbook.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="${ns.main}" xmlns:r="${ns.rel}">` +
      `<workbookPr/><bookViews><workbookView xWindow="0" yWindow="0" windowWidth="28800" windowHeight="12300"/></bookViews>` +
      `<sheets></sheets><calcPr calcId="191029"/></workbook>`,
  );
  w.writer.addFile(
    "xl/_rels/workbook.xml.rels",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PKG_REL_NS}">` +
      `<Relationship Id="rId1" Type="${ns.relType}/styles" Target="styles.xml"/></Relationships>`,
  );
  w.writer.addFile("xl/styles.xml", defaultStylesXml(ns.main));
  return w.finish();
}

/** A ZipWriter collecting into one array (small packages, tests, the browser's download). */
export class ZipWriterToBytes {
  private readonly chunks: Uint8Array[] = [];
  private total = 0;
  readonly writer = new ZipWriter((c) => {
    this.chunks.push(c.slice());
    this.total += c.length;
  });
  finish(): Uint8Array {
    this.writer.finish();
    const out = new Uint8Array(this.total);
    let o = 0;
    for (const c of this.chunks) {
      out.set(c, o);
      o += c.length;
    }
    return out;
  }
}

// ---- reading the package ---------------------------------------------------------------------------------------

interface OpenedWorkbook {
  pkg: Package;
  wbPart: string;
  wbText: PartText;
  wb: WorkbookInfo;
  wbRelsPart: string;
  wbRelsText: PartText | null;
  wbRels: RelsInfo;
  /** rId → part name, for the workbook's relationships. */
  relTarget: Map<string, { part: string; type: string }>;
  limits: GraftLimits;
}

function wrap<T>(what: () => T): T {
  try {
    return what();
  } catch (e) {
    if (e instanceof ZipError) throw new XlsxFileError(e.message);
    if (e instanceof XmlError) throw new XlsxFileError(`книга повреждена: ${e.message}`);
    throw e;
  }
}

function openWorkbook(bytes: Uint8Array, limits: GraftLimits): OpenedWorkbook {
  return wrap(() => {
    const pkg = new Package(bytes);
    const root = pkg.text("_rels/.rels", limits.maxPartBytes);
    let wbPart = "xl/workbook.xml";
    if (root) {
      const doc = parseRels(root.text).rels.find((r) => isRelKind(r.type, "officeDocument") && !r.external);
      if (doc) wbPart = resolveTarget("", doc.target);
    }
    const entry = pkg.entry(wbPart);
    if (/\.bin$/i.test(wbPart) && entry) throw new XlsxFileError("это двоичная книга Excel .xlsb, а не .xlsx");
    if (!entry) throw new XlsxFileError(`это архив zip без книги Excel (нет части ${wbPart})`);
    wbPart = entry.name;
    const wbText = pkg.text(wbPart, limits.maxPartBytes)!;
    const wb = parseWorkbook(wbText.text);
    const wbRelsPart = pkg.entry(relsPartOf(wbPart))?.name ?? relsPartOf(wbPart);
    const wbRelsText = pkg.text(wbRelsPart, limits.maxPartBytes);
    const wbRels = parseRels(
      wbRelsText?.text ??
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PKG_REL_NS}"></Relationships>`,
    );
    const relTarget = new Map<string, { part: string; type: string }>();
    for (const r of wbRels.rels) {
      if (!r.external) relTarget.set(r.id, { part: resolveTarget(wbPart, r.target), type: r.type });
    }
    return { pkg, wbPart, wbText, wb, wbRelsPart, wbRelsText, wbRels, relTarget, limits };
  });
}

interface Mark {
  sheet: WorkbookSheet | null;
  name: { start: number; end: number; text: string };
}

function marksOf(o: OpenedWorkbook): Mark[] {
  const marks: Mark[] = [];
  for (const n of o.wb.names) {
    if (n.localSheetId !== null || !n.name.toUpperCase().startsWith(GENERATED_NAME_PREFIX)) continue;
    const target = sheetOfReference(n.text);
    const sheet = target === null ? null : (o.wb.sheets.find((s) => s.name === target) ?? null);
    marks.push({ sheet, name: n });
  }
  return marks;
}

function isWorksheet(o: OpenedWorkbook, s: WorkbookSheet): boolean {
  const rel = o.relTarget.get(s.rId);
  return rel !== undefined && isRelKind(rel.type, "worksheet") && o.pkg.has(rel.part);
}

/** Names of the sheets of a workbook marked as generated by this program (in workbook order). */
export function generatedSheetNames(bytes: Uint8Array): string[] {
  const o = openWorkbook(bytes, DEFAULT_GRAFT_LIMITS);
  const marked = new Set(marksOf(o).flatMap((m) => (m.sheet && isWorksheet(o, m.sheet) ? [m.sheet.name] : [])));
  return o.wb.sheets.filter((s) => marked.has(s.name)).map((s) => s.name);
}

/**
 * Marks the grids of the sheets a workbook records as generated by this program (`SheetGrid.generated`): never read
 * as registers; a rebuild reads the roadmap and indicators back from them (issue 14). A package whose marks cannot
 * be read marks nothing (content recognition still applies).
 */
export function markGeneratedGrids(grids: WorkbookGrids, bytes: Uint8Array): void {
  let names: string[];
  try {
    names = generatedSheetNames(bytes);
  } catch {
    return;
  }
  if (names.length === 0) return;
  const marked = new Set(names.map((n) => n.toLowerCase()));
  for (const s of grids.sheets) if (marked.has(s.name.toLowerCase())) s.generated = {};
}

/**
 * The kind of workbook a package holds, by its main part's content type: an ordinary workbook (.xlsx), one with
 * macros (.xlsm) or a template. Excel opens a package only under the extension its kind has, so a copy keeps it.
 */
export function workbookKind(bytes: Uint8Array): "xlsx" | "xlsm" | "template" | "unknown" {
  try {
    const o = openWorkbook(bytes, DEFAULT_GRAFT_LIMITS);
    const ct = o.pkg.text("[Content_Types].xml", DEFAULT_GRAFT_LIMITS.maxPartBytes);
    const type = ct ? contentTypeOf(parseContentTypes(ct.text), o.wbPart) : undefined;
    if (!type) return "unknown";
    if (/macroEnabled/i.test(type)) return "xlsm";
    if (/template/i.test(type)) return "template";
    return type === CT.workbook ? "xlsx" : "unknown";
  } catch {
    return "unknown";
  }
}

/** Whether `bytes` is a workbook this program wrote (it holds a generated-sheet mark); false for anything else. */
export function isShnorWorkbook(bytes: Uint8Array): boolean {
  try {
    return generatedSheetNames(bytes).length > 0;
  } catch {
    return false;
  }
}

// ---- the relationship graph (only when a generated sheet is replaced) -----------------------------------------

class RelGraph {
  readonly targets = new Map<string, Set<string>>();
  readonly referrers = new Map<string, Set<string>>();

  constructor(pkg: Package, limits: GraftLimits) {
    for (const e of pkg.entries) {
      const source = sourceOfRels(e.name);
      if (source === null || !/\.rels$/i.test(e.name)) continue;
      const text = decodePart(inflateEntry(pkg.bytes, e, { maxBytes: limits.maxPartBytes })).text;
      for (const r of parseRels(text).rels) {
        if (r.external) continue;
        const t = lower(resolveTarget(source, r.target));
        const s = lower(source);
        if (!this.targets.has(s)) this.targets.set(s, new Set());
        this.targets.get(s)!.add(t);
        if (!this.referrers.has(t)) this.referrers.set(t, new Set());
        this.referrers.get(t)!.add(s);
      }
    }
  }

  /** The parts owned by `part`: reachable from it and referred to by nothing outside that set (lower-cased). */
  owned(part: string): Set<string> {
    const owned = new Set([lower(part)]);
    let changed = true;
    while (changed) {
      changed = false;
      for (const src of [...owned]) {
        for (const t of this.targets.get(src) ?? []) {
          if (owned.has(t)) continue;
          if ([...(this.referrers.get(t) ?? [])].every((r) => owned.has(r))) {
            owned.add(t);
            changed = true;
          }
        }
      }
    }
    return owned;
  }
}

/** Whether the calculation chain names `sheetId` (streamed: the chain of a big workbook is never held whole). */
function calcChainMentions(pkg: Package, part: string, sheetId: number, maxBytes: number): boolean {
  const e = pkg.entry(part);
  if (!e) return false;
  const decoder = new TextDecoder("utf-8");
  let carry = "";
  let found = false;
  const wanted = String(sheetId);
  try {
    streamEntry(
      pkg.bytes,
      e,
      (chunk) => {
        const text = carry + decoder.decode(chunk, { stream: true });
        for (const m of text.matchAll(/\si\s*=\s*["'](\d+)["']/g)) {
          if (m[1] === wanted) {
            found = true;
            throw new Error("found");
          }
        }
        carry = text.slice(-24);
      },
      { maxBytes, verify: false },
    );
  } catch (err) {
    if (found) return true;
    // A chain that cannot be read is a cache: dropping it is safe, keeping a wrong one is not.
    if (err instanceof ZipError) return true;
    throw err;
  }
  return found;
}

// ---- names -----------------------------------------------------------------------------------------------------

function freeName(wanted: string, taken: (name: string) => boolean): string {
  if (!taken(wanted)) return wanted;
  for (let i = 2; ; i++) {
    const suffix = ` (${i})`;
    const candidate = wanted.slice(0, 31 - suffix.length) + suffix;
    if (!taken(candidate)) return candidate;
  }
}

/** A cell reference in A1 (up to XFD1048576) or R1C1 form cannot be a table name. */
function looksLikeReference(name: string): boolean {
  return /^[A-Za-z]{1,3}\d+$/.test(name) || /^[Rr]\d*[Cc]\d*$/.test(name) || /^[RrCc]$/.test(name);
}

function tableNameFor(wanted: string, taken: Set<string>): string {
  let base = wanted.replace(/[^\p{L}\p{N}_.]/gu, "_").replace(/^([^\p{L}_])/u, "_$1") || "Таблица";
  if (looksLikeReference(base)) base = `_${base}`;
  base = base.slice(0, 250);
  if (!taken.has(lower(base))) return base;
  for (let i = 2; ; i++) if (!taken.has(lower(`${base}_${i}`))) return `${base}_${i}`;
}

// ---- the graft -------------------------------------------------------------------------------------------------

interface PlannedSheet {
  plan: SheetPlan;
  name: string;
  part: string;
  /** The replaced generated sheet, or null for a new one. */
  replaces: WorkbookSheet | null;
  localSheetId: number;
  rId: string;
  sheetId: number;
  table?: { part: string; id: number; name: string; columnNames: string[] };
  drawing?: { part: string; charts: string[] };
}

/**
 * Write `input` (an .xlsx package; null for a new workbook) with the plans' sheets grafted on, into `sink` chunk by
 * chunk. Throws XlsxFileError (one Russian line) when the input is not a readable workbook.
 */
export function graftPlans(
  input: Uint8Array | null,
  plans: SheetPlan[],
  sink: ZipSink,
  options: GraftOptions = {},
): GraftResult {
  if (plans.length === 0) throw new Error("graftPlans: no sheet plans");
  const limits = { ...DEFAULT_GRAFT_LIMITS, ...options.limits };
  const o = openWorkbook(input ?? emptyPackage(options.now), limits);
  return wrap(() => graftOpened(o, plans, sink));
}

/** The same graft into one byte array (the browser's download, tests). */
export function graftPlansToBytes(
  input: Uint8Array | null,
  plans: SheetPlan[],
  options: GraftOptions = {},
): GraftResult & { bytes: Uint8Array } {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const result = graftPlans(
    input,
    plans,
    (c) => {
      chunks.push(c.slice());
      total += c.length;
    },
    options,
  );
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.length;
  }
  return { ...result, bytes };
}

function graftOpened(o: OpenedWorkbook, plans: SheetPlan[], sink: ZipSink): GraftResult {
  const { pkg, wb, limits } = o;
  const ns: Namespaces = wb.ns;
  const result: GraftResult = { sheets: [], replaced: [], warnings: [] };
  const wbDir = folderOf(o.wbPart);
  const inWb = (rel: string): string => (wbDir ? `${wbDir}/${rel}` : rel);

  const ctPart = pkg.entry("[Content_Types].xml")?.name;
  if (!ctPart) throw new XlsxFileError("книга повреждена: нет части [Content_Types].xml");
  const ctText = pkg.text(ctPart, limits.maxPartBytes)!;
  const ct = parseContentTypes(ctText.text);
  if (ct.closeAt < 0) throw new XlsxFileError("книга повреждена: часть [Content_Types].xml не закрыта");

  const marks = marksOf(o);
  const marked = new Set(marks.flatMap((m) => (m.sheet ? [m.sheet.index] : [])));
  const removedParts = new Set<string>();
  const nameSplices: Splice[] = [];
  // Marks whose sheet is gone (deleted by the user: «#ССЫЛКА!») are dropped.
  for (const m of marks) if (!m.sheet) nameSplices.push({ start: m.name.start, end: m.name.end, text: "" });

  let graph: RelGraph | null = null;
  const taken = new Set(pkg.entries.map((e) => lower(e.name)));
  const allocate = (folder: string, stem: string, ext: string): string => {
    for (let i = 1; ; i++) {
      const part = inWb(`${folder}/${stem}${i}.${ext}`);
      if (!taken.has(lower(part))) {
        taken.add(lower(part));
        return part;
      }
    }
  };
  const sheetNameTaken = (name: string, planned: PlannedSheet[]): boolean =>
    wb.sheets.some((s) => lower(s.name) === lower(name)) || planned.some((p) => lower(p.name) === lower(name));

  let nextSheetId = 1;
  for (const s of wb.sheets) if (Number.isFinite(s.sheetId) && s.sheetId >= nextSheetId) nextSheetId = s.sheetId + 1;
  const relIds = new Set(o.wbRels.rels.map((r) => r.id));
  let relCounter = 1;
  const newRelId = (): string => {
    while (relIds.has(`rId${relCounter}`)) relCounter++;
    relIds.add(`rId${relCounter}`);
    return `rId${relCounter}`;
  };

  let calcChainDrop: string | null = null;
  const planned: PlannedSheet[] = [];
  for (const plan of plans) {
    const wanted = safeSheetName(plan.name);
    const existing = wb.sheets.find((s) => lower(s.name) === lower(wanted));
    const alreadyReplaced = existing && planned.some((p) => p.replaces === existing);
    if (existing && !alreadyReplaced && marked.has(existing.index) && isWorksheet(o, existing)) {
      const part = o.relTarget.get(existing.rId)!.part;
      graph ??= new RelGraph(pkg, limits);
      for (const p of graph.owned(part)) {
        if (p !== lower(part)) removedParts.add(p);
        const rels = lower(relsPartOf(p));
        if (taken.has(rels)) removedParts.add(rels);
      }
      // Its own print settings and filters go with it; any other name scoped to it is the user's and stays.
      for (const n of wb.names) {
        if (n.localSheetId === existing.index && n.name.toLowerCase().startsWith("_xlnm.")) {
          nameSplices.push({ start: n.start, end: n.end, text: "" });
        }
      }
      const chain = o.wbRels.rels.find((r) => isRelKind(r.type, "calcChain") && !r.external);
      if (chain && calcChainDrop === null) {
        const chainPart = pkg.entry(resolveTarget(o.wbPart, chain.target))?.name;
        if (chainPart && calcChainMentions(pkg, chainPart, existing.sheetId, limits.maxCalcChainBytes)) {
          calcChainDrop = chainPart;
        }
      }
      planned.push({
        plan,
        name: existing.name,
        part: pkg.entry(part)!.name,
        replaces: existing,
        localSheetId: existing.index,
        rId: existing.rId,
        sheetId: existing.sheetId,
      });
      result.replaced.push(existing.name);
    } else {
      const name = freeName(wanted, (n) => sheetNameTaken(n, planned));
      if (existing) {
        result.warnings.push(
          `Лист «${existing.name}» создан не надстройкой и не изменён; новый лист записан под именем «${name}».`,
        );
      }
      planned.push({
        plan,
        name,
        part: allocate("worksheets", "sheet", "xml"),
        replaces: null,
        localSheetId: wb.sheets.length + planned.filter((p) => !p.replaces).length,
        rId: newRelId(),
        sheetId: nextSheetId++,
      });
    }
    result.sheets.push(planned[planned.length - 1].name);
  }
  for (const p of removedParts) taken.delete(p);

  // Tables: ids and names are workbook-wide (names also clash with defined names).
  let nextTableId = 1;
  const namesTaken = new Set(wb.names.map((n) => lower(n.name)));
  for (const ov of ct.overrides) {
    if (ov.type !== CT.table || removedParts.has(lower(ov.part)) || !pkg.has(ov.part)) continue;
    const text = pkg.text(ov.part, limits.maxPartBytes)!.text;
    scanXml(text, (tag) => {
      if (tag.depth !== 0) return false;
      const id = Number(tag.attrs.get("id"));
      if (Number.isFinite(id) && id >= nextTableId) nextTableId = id + 1;
      for (const k of ["name", "displayName"]) {
        const v = tag.attrs.get(k);
        if (v) namesTaken.add(lower(v));
      }
      return false;
    });
  }
  for (const p of planned) {
    if (p.plan.table && p.plan.table.columns.length > 0 && !p.plan.table.plain) {
      const name = tableNameFor(p.plan.table.name, namesTaken);
      namesTaken.add(lower(name));
      p.table = {
        part: allocate("tables", "table", "xml"),
        id: nextTableId++,
        name,
        columnNames: tableColumnNames(p.plan.table),
      };
    }
    if (p.plan.charts.length > 0) {
      p.drawing = {
        part: allocate("drawings", "drawing", "xml"),
        charts: p.plan.charts.map(() => allocate("charts", "chart", "xml")),
      };
    }
  }

  // Styles: the workbook's part, or a new one when it has none.
  const stylesRel = o.wbRels.rels.find((r) => isRelKind(r.type, "styles") && !r.external);
  let stylesPart = stylesRel ? (pkg.entry(resolveTarget(o.wbPart, stylesRel.target))?.name ?? null) : null;
  const stylesText = stylesPart ? pkg.text(stylesPart, limits.maxPartBytes)! : null;
  let stylesRelNew: string | null = null;
  if (!stylesPart) {
    stylesPart = taken.has(lower(inWb("styles.xml"))) ? allocate("styles", "styles", "xml") : inWb("styles.xml");
    taken.add(lower(stylesPart));
    stylesRelNew = newRelId();
  }
  const styles = new StyleBook(stylesText?.text ?? defaultStylesXml(ns.main));

  // ---- the edited parts ----
  const P = wb.prefix;
  const relAttr = wb.relPrefix !== null ? qn(wb.relPrefix, "id") : "r:id";
  const relDecl = wb.relPrefix !== null ? "" : ` xmlns:r="${ns.rel}"`;
  const wbSplices: Splice[] = [...nameSplices];
  const newSheetsXml = planned
    .filter((p) => !p.replaces)
    .map(
      (p) => `<${qn(P, "sheet")} name="${escapeAttr(p.name)}" sheetId="${p.sheetId}" ${relAttr}="${p.rId}"${relDecl}/>`,
    )
    .join("");
  if (newSheetsXml) {
    if (wb.sheetsEmpty) {
      wbSplices.push({
        start: wb.sheetsEmpty.start,
        end: wb.sheetsEmpty.end,
        text: `<${qn(P, "sheets")}>${newSheetsXml}</${qn(P, "sheets")}>`,
      });
    } else wbSplices.push({ start: wb.sheetsClose, end: wb.sheetsClose, text: newSheetsXml });
  }
  const dn = (attrs: string, text: string): string =>
    `<${qn(P, "definedName")} ${attrs}>${escapeXml(text)}</${qn(P, "definedName")}>`;
  const usedMarks = new Set(wb.names.map((n) => n.name.toUpperCase()));
  let markNo = 1;
  const newNames: string[] = [];
  for (const p of planned) {
    if (!p.replaces) {
      while (usedMarks.has(`${GENERATED_NAME_PREFIX}${markNo}`)) markNo++;
      usedMarks.add(`${GENERATED_NAME_PREFIX}${markNo}`);
      newNames.push(
        dn(
          `name="${GENERATED_NAME_PREFIX}${markNo}" comment="${escapeAttr(MARK_COMMENT)}"`,
          `${quoteSheet(p.name)}!$A$1`,
        ),
      );
    }
    const rr = p.plan.print?.repeatRows;
    if (rr) {
      newNames.push(
        dn(`name="_xlnm.Print_Titles" localSheetId="${p.localSheetId}"`, `${quoteSheet(p.name)}!$${rr[0]}:$${rr[1]}`),
      );
    }
  }
  if (newNames.length) {
    const items = newNames.join("");
    if (wb.namesEmpty) {
      wbSplices.push({
        start: wb.namesEmpty.start,
        end: wb.namesEmpty.end,
        text: `<${qn(P, "definedNames")}>${items}</${qn(P, "definedNames")}>`,
      });
    } else if (wb.namesClose !== null) {
      wbSplices.push({ start: wb.namesClose, end: wb.namesClose, text: items });
    } else {
      wbSplices.push({
        start: wb.namesInsertAt,
        end: wb.namesInsertAt,
        text: `<${qn(P, "definedNames")}>${items}</${qn(P, "definedNames")}>`,
      });
    }
  }
  const wbOut = applySplices(o.wbText.text, wbSplices);

  // Workbook relationships.
  const relsSplices: Splice[] = [];
  const RP = o.wbRels.prefix;
  const relEl = (id: string, kind: string, target: string): string =>
    `<${qn(RP, "Relationship")} Id="${id}" Type="${ns.relType}/${kind}" Target="${escapeAttr(target)}"/>`;
  let relsAdd = planned
    .filter((p) => !p.replaces)
    .map((p) => relEl(p.rId, "worksheet", relativeTarget(o.wbPart, p.part)))
    .join("");
  if (stylesRelNew) relsAdd += relEl(stylesRelNew, "styles", relativeTarget(o.wbPart, stylesPart));
  if (calcChainDrop) {
    for (const r of o.wbRels.rels) {
      if (isRelKind(r.type, "calcChain") && lower(resolveTarget(o.wbPart, r.target)) === lower(calcChainDrop)) {
        relsSplices.push({ start: r.start, end: r.end, text: "" });
      }
    }
    removedParts.add(lower(calcChainDrop));
  }
  if (relsAdd) {
    if (o.wbRels.selfClosing) {
      relsSplices.push({
        start: o.wbRels.closeAt,
        end: o.wbRels.closeEnd,
        text: `<${qn(RP, "Relationships")} xmlns${RP ? `:${RP}` : ""}="${PKG_REL_NS}">${relsAdd}</${qn(RP, "Relationships")}>`,
      });
    } else relsSplices.push({ start: o.wbRels.closeAt, end: o.wbRels.closeAt, text: relsAdd });
  }
  const wbRelsBase =
    o.wbRelsText?.text ??
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PKG_REL_NS}"></Relationships>`;
  const wbRelsOut = applySplices(wbRelsBase, relsSplices);

  // Content types.
  const ctSplices: Splice[] = [];
  for (const ov of ct.overrides) {
    if (removedParts.has(lower(ov.part))) ctSplices.push({ start: ov.start, end: ov.end, text: "" });
  }
  const CP = ct.prefix;
  const override = (part: string, type: string): string =>
    `<${qn(CP, "Override")} PartName="/${escapeAttr(part)}" ContentType="${type}"/>`;
  let ctAdd = "";
  for (const p of planned) {
    if (!p.replaces) ctAdd += override(p.part, CT.worksheet);
    if (p.table) ctAdd += override(p.table.part, CT.table);
    if (p.drawing) {
      ctAdd += override(p.drawing.part, CT.drawing);
      for (const c of p.drawing.charts) ctAdd += override(c, CT.chart);
    }
  }
  if (stylesRelNew) ctAdd += override(stylesPart, CT.styles);
  if (!ct.defaults.has("rels")) ctAdd += `<${qn(CP, "Default")} Extension="rels" ContentType="${CT.relationships}"/>`;
  ctSplices.push({ start: ct.closeAt, end: ct.closeAt, text: ctAdd });
  const ctOut = applySplices(ctText.text, ctSplices);

  // docProps/app.xml (where the package's root relationships say it is).
  let appPart: string | null = null;
  let appOut: string | null = null;
  let appText: PartText | null = null;
  const rootRels = pkg.text("_rels/.rels", limits.maxPartBytes);
  const appRel = rootRels
    ? parseRels(rootRels.text).rels.find(
        (r) => (isRelKind(r.type, "extended-properties") || isRelKind(r.type, "extendedProperties")) && !r.external,
      )
    : undefined;
  if (appRel) {
    appPart = pkg.entry(resolveTarget("", appRel.target))?.name ?? null;
    appText = appPart ? pkg.text(appPart, limits.maxPartBytes) : null;
    if (appText) {
      const worksheets = wb.sheets.filter((s) => isWorksheet(o, s)).map((s) => s.name);
      appOut = addSheetsToAppProps(
        appText.text,
        worksheets,
        planned.filter((p) => !p.replaces).map((p) => p.name),
      );
    }
  }

  // ---- writing ----
  const w = new ZipWriter(sink);
  const edited = new Map<string, { text: string; original: PartText }>();
  edited.set(lower(ctPart), { text: ctOut, original: ctText });
  edited.set(lower(o.wbPart), { text: wbOut, original: o.wbText });
  if (o.wbRelsText) edited.set(lower(o.wbRelsPart), { text: wbRelsOut, original: o.wbRelsText });
  if (appPart && appText && appOut !== null) edited.set(lower(appPart), { text: appOut, original: appText });
  const rewritten = new Set(planned.filter((p) => p.replaces).map((p) => lower(p.part)));
  const seen = new Set<string>();
  for (const e of pkg.entries) {
    const key = lower(e.name);
    if (seen.has(key)) throw new XlsxFileError(`книга повреждена: часть «${e.name}» записана в архиве дважды`);
    seen.add(key);
    if (removedParts.has(key) || rewritten.has(key) || key === lower(stylesPart)) continue;
    const ed = edited.get(key);
    if (ed && ed.text !== ed.original.text) w.addFile(e.name, encodePart(ed.text, ed.original.encoding));
    else w.copyRaw(pkg.bytes, e);
  }
  if (!o.wbRelsText) w.addFile(o.wbRelsPart, wbRelsOut);

  for (const p of planned) {
    const sheetRels: string[] = [];
    const tableRelId = p.table ? "rId1" : undefined;
    const drawingRelId = p.drawing ? (p.table ? "rId2" : "rId1") : undefined;
    if (p.table) sheetRels.push(relXml(tableRelId!, `${ns.relType}/table`, relativeTarget(p.part, p.table.part)));
    if (p.drawing) {
      sheetRels.push(relXml(drawingRelId!, `${ns.relType}/drawing`, relativeTarget(p.part, p.drawing.part)));
    }
    const stream = w.addStream(p.part);
    const warnings = writeSheetXml(
      p.plan,
      {
        ns,
        styles,
        sheetName: p.name,
        date1904: wb.date1904,
        ...(p.table ? { table: { relId: tableRelId!, columnNames: p.table.columnNames } } : {}),
        ...(drawingRelId ? { drawingRelId } : {}),
      },
      stream.push,
    );
    stream.end();
    for (const x of warnings) result.warnings.push(x);
    if (sheetRels.length) w.addFile(relsPartOf(p.part), relsXml(sheetRels));
    if (p.table && p.plan.table) {
      w.addFile(p.table.part, tableXml(p.plan.table, ns, p.table.id, p.table.name, p.table.columnNames));
    }
    if (p.drawing) {
      const cellAt = planCellLookup(p.plan, p.table?.columnNames);
      const formatAt = (row: number, col: number): string | undefined => {
        const t = p.plan.table;
        if (t && row > t.at.row && col >= t.at.col && col < t.at.col + t.columns.length) {
          return t.columns[col - t.at.col].numberFormat;
        }
        return p.plan.blocks.find(
          (b) =>
            row >= b.at.row &&
            row < b.at.row + b.values.length &&
            col >= b.at.col &&
            b.values[row - b.at.row]?.[col - b.at.col] !== undefined,
        )?.numberFormat;
      };
      const anchors = p.plan.charts.map((chart, i) => ({ chart, relId: `rId${i + 1}`, id: i + 1 }));
      w.addFile(p.drawing.part, drawingXml(ns, anchors));
      w.addFile(
        relsPartOf(p.drawing.part),
        relsXml(
          p.drawing.charts.map((c, i) =>
            relXml(`rId${i + 1}`, `${ns.relType}/chart`, relativeTarget(p.drawing!.part, c)),
          ),
        ),
      );
      p.plan.charts.forEach((chart, i) => {
        w.addFile(p.drawing!.charts[i], chartXml(chart, ns, chartSeries(chart, p.name, cellAt, formatAt)));
      });
    }
  }

  const stylesOut = styles.render();
  const stylesEntry = pkg.entry(stylesPart);
  if (stylesEntry && stylesText && stylesOut === stylesText.text) w.copyRaw(pkg.bytes, stylesEntry);
  else w.addFile(stylesEntry?.name ?? stylesPart, encodePart(stylesOut, stylesText?.encoding ?? "utf-8"));
  w.finish();
  return result;
}

function relXml(id: string, type: string, target: string): string {
  return `<Relationship Id="${id}" Type="${type}" Target="${escapeAttr(target)}"/>`;
}

function relsXml(items: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PKG_REL_NS}">${items.join("")}</Relationships>`;
}
