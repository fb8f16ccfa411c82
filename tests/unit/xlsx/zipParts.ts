/** Test helpers over .xlsx bytes: parts inflated by fflate (an oracle independent of src/xlsx/zip), raw entries, edits. */
import { strFromU8, unzipSync } from "fflate";
import { readZipDirectory, ZipWriter, type ZipEntry } from "../../../src/xlsx/zip";

/** Every part (directories left out), inflated by fflate. */
export function unzipParts(bytes: Uint8Array): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  for (const [name, data] of Object.entries(unzipSync(bytes))) if (!name.endsWith("/")) out.set(name, data);
  return out;
}

export function partText(bytes: Uint8Array, name: string): string {
  const p = unzipParts(bytes).get(name);
  if (!p) throw new Error(`no part ${name}`);
  return strFromU8(p);
}

/** The raw (compressed) data and CRC of every entry, as stored. */
export function rawEntries(bytes: Uint8Array): Map<string, { entry: ZipEntry; data: Uint8Array }> {
  const out = new Map<string, { entry: ZipEntry; data: Uint8Array }>();
  for (const e of readZipDirectory(bytes)) {
    out.set(e.name, { entry: e, data: bytes.subarray(e.dataOffset, e.dataOffset + e.compressedSize) });
  }
  return out;
}

/** A package with some parts replaced, added or removed; the others copied as raw bytes. */
export function editPackage(
  bytes: Uint8Array,
  set: Record<string, string | Uint8Array>,
  remove: string[] = [],
): Uint8Array {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const w = new ZipWriter((c) => {
    chunks.push(c.slice());
    total += c.length;
  });
  const done = new Set<string>();
  for (const e of readZipDirectory(bytes)) {
    if (remove.includes(e.name)) continue;
    if (e.name in set) {
      w.addFile(e.name, set[e.name]);
      done.add(e.name);
    } else w.copyRaw(bytes, e);
  }
  for (const [name, content] of Object.entries(set)) if (!done.has(name)) w.addFile(name, content);
  w.finish();
  const out = new Uint8Array(total);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

/** Defined names of a workbook part in document order (prefix-agnostic), attributes and text decoded. */
export function definedNames(
  workbookXml: string,
): { name: string; localSheetId?: string; hidden?: string; text: string }[] {
  const out: { name: string; localSheetId?: string; hidden?: string; text: string }[] = [];
  const decode = (s: string): string =>
    s
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&amp;/g, "&");
  for (const m of workbookXml.matchAll(/<(?:\w+:)?definedName\b([^>]*)>([^<]*)<\/(?:\w+:)?definedName>/g)) {
    const attrs = Object.fromEntries([...m[1].matchAll(/(\w+)="([^"]*)"/g)].map((a) => [a[1], decode(a[2])]));
    out.push({
      name: attrs.name,
      ...(attrs.localSheetId !== undefined ? { localSheetId: attrs.localSheetId } : {}),
      ...(attrs.hidden !== undefined ? { hidden: attrs.hidden } : {}),
      text: decode(m[2]),
    });
  }
  return out;
}
