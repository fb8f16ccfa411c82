/**
 * Open Packaging Conventions over the zip layer (bytes only, no node I/O): part lookup, text of a part under a hard
 * size limit (the encoding kept so an edited part is written back the same way), relationships and content types.
 */
import { findEntry, inflateEntry, readZipDirectory, type ZipEntry } from "./zip";
import { scanXml, attrNs } from "./xml";

export const PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships";
export const CONTENT_TYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types";

export interface PartText {
  text: string;
  encoding: "utf-8" | "utf-16le" | "utf-16be";
}

export class Package {
  readonly entries: ZipEntry[];
  private readonly byName = new Map<string, ZipEntry>();

  constructor(readonly bytes: Uint8Array) {
    this.entries = readZipDirectory(bytes);
    for (const e of this.entries) {
      const key = e.name.toLowerCase();
      if (!this.byName.has(key)) this.byName.set(key, e);
    }
  }

  /** The entry of a part name (case-insensitive, as OPC requires), or undefined. */
  entry(part: string): ZipEntry | undefined {
    return this.byName.get(part.toLowerCase()) ?? findEntry(this.entries, part);
  }

  has(part: string): boolean {
    return this.entry(part) !== undefined;
  }

  /** Text of a part, inflated under `maxBytes`; null when the part is absent. Throws ZipError past the limit. */
  text(part: string, maxBytes: number): PartText | null {
    const e = this.entry(part);
    if (!e) return null;
    return decodePart(inflateEntry(this.bytes, e, { maxBytes }));
  }
}

/** Decode a part, keeping a BOM as a character so that the text encodes back to the same bytes. */
export function decodePart(b: Uint8Array): PartText {
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) {
    return { text: new TextDecoder("utf-16le", { ignoreBOM: true }).decode(b), encoding: "utf-16le" };
  }
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) {
    return { text: new TextDecoder("utf-16be", { ignoreBOM: true }).decode(b), encoding: "utf-16be" };
  }
  return { text: new TextDecoder("utf-8", { ignoreBOM: true }).decode(b), encoding: "utf-8" };
}

export function encodePart(text: string, encoding: PartText["encoding"]): Uint8Array {
  if (encoding === "utf-8") return new TextEncoder().encode(text);
  const out = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (encoding === "utf-16le") {
      out[2 * i] = c & 0xff;
      out[2 * i + 1] = c >> 8;
    } else {
      out[2 * i] = c >> 8;
      out[2 * i + 1] = c & 0xff;
    }
  }
  return out;
}

/** «xl/worksheets/sheet1.xml» → «xl/worksheets/_rels/sheet1.xml.rels»; «» (the package) → «_rels/.rels». */
export function relsPartOf(part: string): string {
  const slash = part.lastIndexOf("/");
  const dir = slash >= 0 ? part.slice(0, slash + 1) : "";
  return `${dir}_rels/${part.slice(slash + 1)}.rels`;
}

/** The source part of a relationships part («xl/_rels/workbook.xml.rels» → «xl/workbook.xml»), or null. */
export function sourceOfRels(relsPart: string): string | null {
  const m = /^(.*?)_rels\/([^/]*)\.rels$/i.exec(relsPart);
  if (!m) return null;
  return `${m[1]}${m[2]}`;
}

export function folderOf(part: string): string {
  const slash = part.lastIndexOf("/");
  return slash >= 0 ? part.slice(0, slash) : "";
}

/** Resolve a relationship target (a relative or absolute URI) against the part holding the relationship. */
export function resolveTarget(sourcePart: string, target: string): string {
  let t = target;
  try {
    t = decodeURIComponent(target);
  } catch {
    /* not percent-encoded */
  }
  t = t.replace(/\\/g, "/").split("#")[0];
  const parts = t.startsWith("/") ? [] : folderOf(sourcePart).split("/").filter(Boolean);
  for (const seg of t.split("/")) {
    if (seg === "..") parts.pop();
    else if (seg !== "." && seg !== "") parts.push(seg);
  }
  return parts.join("/");
}

/** A relative target from the folder of `fromPart` to `toPart` («worksheets/sheet3.xml», «../charts/chart1.xml»). */
export function relativeTarget(fromPart: string, toPart: string): string {
  const from = folderOf(fromPart).split("/").filter(Boolean);
  const to = toPart.split("/");
  let i = 0;
  while (i < from.length && i < to.length - 1 && from[i] === to[i]) i++;
  return [...Array<string>(from.length - i).fill(".."), ...to.slice(i)].join("/");
}

export interface Relationship {
  id: string;
  type: string;
  target: string;
  external: boolean;
  /** Offsets of the element in the rels text. */
  start: number;
  end: number;
}

export interface RelsInfo {
  rels: Relationship[];
  /** Offset of «</Relationships>» (where new relationships go), or of the self-closing root. */
  closeAt: number;
  /** The root was written `<Relationships/>`: an insertion must replace [closeAt, closeEnd). */
  selfClosing: boolean;
  closeEnd: number;
  /** Qualified name prefix of the relationships namespace («» when it is the default one). */
  prefix: string;
}

export function parseRels(xml: string): RelsInfo {
  const info: RelsInfo = { rels: [], closeAt: -1, selfClosing: false, closeEnd: -1, prefix: "" };
  scanXml(xml, (tag) => {
    if (tag.depth === 0 && tag.local === "Relationships") {
      info.prefix = tag.prefix;
      if (tag.kind === "end") {
        info.closeAt = tag.start;
        info.closeEnd = tag.start;
      } else if (tag.kind === "empty") {
        info.closeAt = tag.start;
        info.closeEnd = tag.end;
        info.selfClosing = true;
      }
      return;
    }
    if (tag.depth === 1 && tag.local === "Relationship" && tag.kind !== "end") {
      info.rels.push({
        id: attrNs(tag, "", "Id") ?? "",
        type: attrNs(tag, "", "Type") ?? "",
        target: attrNs(tag, "", "Target") ?? "",
        external: (attrNs(tag, "", "TargetMode") ?? "").toLowerCase() === "external",
        start: tag.start,
        end: tag.end,
      });
    }
  });
  return info;
}

/** The last path segment of a relationship type («…/relationships/worksheet» → «worksheet»). */
export function relKind(type: string): string {
  return type.slice(type.lastIndexOf("/") + 1);
}

export interface ContentTypesInfo {
  overrides: { part: string; type: string; start: number; end: number }[];
  defaults: Map<string, string>;
  closeAt: number;
  prefix: string;
}

export function parseContentTypes(xml: string): ContentTypesInfo {
  const info: ContentTypesInfo = { overrides: [], defaults: new Map(), closeAt: -1, prefix: "" };
  scanXml(xml, (tag) => {
    if (tag.depth === 0 && tag.local === "Types") {
      info.prefix = tag.prefix;
      if (tag.kind === "end") info.closeAt = tag.start;
      return;
    }
    if (tag.depth !== 1 || tag.kind === "end") return;
    if (tag.local === "Override") {
      const part = (attrNs(tag, "", "PartName") ?? "").replace(/^\//, "");
      info.overrides.push({ part, type: attrNs(tag, "", "ContentType") ?? "", start: tag.start, end: tag.end });
    } else if (tag.local === "Default") {
      info.defaults.set((attrNs(tag, "", "Extension") ?? "").toLowerCase(), attrNs(tag, "", "ContentType") ?? "");
    }
  });
  return info;
}

/** Content type of a part by its override or its extension's default. */
export function contentTypeOf(ct: ContentTypesInfo, part: string): string | undefined {
  const lower = part.toLowerCase();
  const o = ct.overrides.find((x) => x.part.toLowerCase() === lower);
  if (o) return o.type;
  const dot = part.lastIndexOf(".");
  return dot >= 0 ? ct.defaults.get(part.slice(dot + 1).toLowerCase()) : undefined;
}
