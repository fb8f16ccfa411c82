/**
 * The zip layer of .xlsx packages, bytes in and bytes out (no node I/O, runs in the browser too):
 * - `readZipDirectory` lists the entries from the central directory without inflating anything, bounded (entry
 *   count, name length, offsets checked against the file), ZIP64 included;
 * - `inflateEntry` / `streamEntry` inflate one entry with a hard limit on the bytes it inflates to (a zip bomb
 *   stops at the limit, whatever the sizes the directory claims) and check its CRC-32;
 * - `ZipWriter` writes a package to a sink chunk by chunk: entries of another package copied as their raw
 *   compressed bytes (never inflated, so the parts stay byte for byte), new entries deflated whole or streamed.
 * Inflate and deflate are fflate's (pure JS, small, well kept); a host may inject a faster inflater.
 */
import { Deflate, Inflate, deflateSync } from "fflate";

/** A package that cannot be read as a zip, or one past the limits. The message is Russian (one line). */
export class ZipError extends Error {
  constructor(
    readonly code: "not-zip" | "damaged" | "unsupported" | "too-large",
    message: string,
  ) {
    super(message);
    this.name = "ZipError";
  }
}

export interface ZipEntry {
  /** Part name as stored («xl/worksheets/sheet1.xml»). */
  name: string;
  /** 0 stored, 8 deflate. */
  method: number;
  flags: number;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  /** Offset of the local file header. */
  localHeaderOffset: number;
  /** Offset of the entry's compressed data. */
  dataOffset: number;
  /** DOS time and date of the entry (kept by raw copies). */
  time: number;
  date: number;
  externalAttributes: number;
}

export interface ZipLimits {
  /** Most entries a package may list. */
  maxEntries: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxEntries: 100_000 };

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_EOCD = 0x06054b50;
const SIG_ZIP64_EOCD = 0x06064b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const SIG_DESCRIPTOR = 0x08074b50;

const damaged = (why: string): ZipError => new ZipError("damaged", `архив повреждён или записан не полностью (${why})`);

function u16(b: Uint8Array, o: number): number {
  return b[o] | (b[o + 1] << 8);
}
function u32(b: Uint8Array, o: number): number {
  return (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16)) + b[o + 3] * 0x1000000;
}
function u64(b: Uint8Array, o: number): number {
  const v = u32(b, o) + u32(b, o + 4) * 0x100000000;
  if (!Number.isSafeInteger(v)) throw damaged("размер больше допустимого");
  return v;
}

const utf8 = new TextDecoder("utf-8");
/** Names without the UTF-8 flag: bytes < 0x80 are ASCII everywhere; others are read as code page 437's Latin-1 neighbour. */
function decodeName(bytes: Uint8Array, isUtf8: boolean): string {
  if (isUtf8 || bytes.every((x) => x < 0x80)) return utf8.decode(bytes);
  let s = "";
  for (const x of bytes) s += String.fromCharCode(x);
  return s;
}

/** The end-of-central-directory record: searched backwards over at most the 64 KiB a comment can take. */
function findEocd(b: Uint8Array): number {
  const min = Math.max(0, b.length - 22 - 0xffff);
  for (let i = b.length - 22; i >= min; i--) {
    if (b[i] === 0x50 && b[i + 1] === 0x4b && b[i + 2] === 0x05 && b[i + 3] === 0x06) return i;
  }
  return -1;
}

/** Whether the bytes start like a zip (a local header or an empty archive). */
export function looksLikeZip(b: Uint8Array): boolean {
  return b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && (b[2] === 3 || b[2] === 5) && (b[3] === 4 || b[3] === 6);
}

/** The entries of a zip held in memory, in central-directory order. Throws ZipError. */
export function readZipDirectory(b: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS): ZipEntry[] {
  if (!looksLikeZip(b)) throw new ZipError("not-zip", "это не архив zip");
  const eocd = findEocd(b);
  if (eocd < 0) throw damaged("нет каталога архива");
  let count = u16(b, eocd + 10);
  let dirSize = u32(b, eocd + 12);
  let dirOffset = u32(b, eocd + 16);
  if (count === 0xffff || dirSize === 0xffffffff || dirOffset === 0xffffffff) {
    const loc = eocd - 20;
    if (loc < 0 || u32(b, loc) !== SIG_ZIP64_LOCATOR) throw damaged("нет записи ZIP64");
    const z = u64(b, loc + 8);
    if (z + 56 > b.length || u32(b, z) !== SIG_ZIP64_EOCD) throw damaged("нет записи ZIP64");
    count = u64(b, z + 32);
    dirSize = u64(b, z + 40);
    dirOffset = u64(b, z + 48);
  }
  if (count > limits.maxEntries) {
    throw new ZipError("too-large", `в архиве ${count} частей — больше допустимых ${limits.maxEntries}`);
  }
  if (dirOffset + dirSize > b.length) throw damaged("каталог за концом файла");
  const entries: ZipEntry[] = [];
  let p = dirOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > b.length || u32(b, p) !== SIG_CENTRAL) throw damaged("запись каталога не найдена");
    const flags = u16(b, p + 8);
    const method = u16(b, p + 10);
    const time = u16(b, p + 12);
    const date = u16(b, p + 14);
    const crc32 = u32(b, p + 16) >>> 0;
    let compressedSize = u32(b, p + 20);
    let uncompressedSize = u32(b, p + 24);
    const nameLen = u16(b, p + 28);
    const extraLen = u16(b, p + 30);
    const commentLen = u16(b, p + 32);
    const externalAttributes = u32(b, p + 38);
    let localHeaderOffset = u32(b, p + 42);
    const end = p + 46 + nameLen + extraLen + commentLen;
    if (end > b.length) throw damaged("запись каталога за концом файла");
    const name = decodeName(b.subarray(p + 46, p + 46 + nameLen), (flags & 0x800) !== 0);
    // ZIP64 extra field: the 64-bit values stand for the 32-bit ones set to 0xFFFFFFFF, in this order.
    for (let e = p + 46 + nameLen; e + 4 <= p + 46 + nameLen + extraLen;) {
      const id = u16(b, e);
      const len = u16(b, e + 2);
      if (id === 0x0001) {
        let q = e + 4;
        if (uncompressedSize === 0xffffffff) {
          uncompressedSize = u64(b, q);
          q += 8;
        }
        if (compressedSize === 0xffffffff) {
          compressedSize = u64(b, q);
          q += 8;
        }
        if (localHeaderOffset === 0xffffffff) localHeaderOffset = u64(b, q);
      }
      e += 4 + len;
    }
    if (flags & 0x1) throw new ZipError("unsupported", "части архива зашифрованы (книга защищена паролем)");
    if (localHeaderOffset + 30 > b.length || u32(b, localHeaderOffset) !== SIG_LOCAL) {
      throw damaged(`нет заголовка части «${name}»`);
    }
    const dataOffset = localHeaderOffset + 30 + u16(b, localHeaderOffset + 26) + u16(b, localHeaderOffset + 28);
    if (dataOffset + compressedSize > b.length) throw damaged(`часть «${name}» обрезана`);
    entries.push({
      name,
      method,
      flags,
      crc32,
      compressedSize,
      uncompressedSize,
      localHeaderOffset,
      dataOffset,
      time,
      date,
      externalAttributes,
    });
    p = end;
  }
  return entries;
}

/** CRC-32 (IEEE), incrementally: `crc32(b2, crc32(b1))`. Slicing by 8: eight table lookups per 8 bytes. */
const CRC_TABLES = (() => {
  const t = new Int32Array(256 * 8);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  for (let n = 0; n < 256; n++) {
    for (let k = 1; k < 8; k++) t[k * 256 + n] = (t[(k - 1) * 256 + n] >>> 8) ^ t[t[(k - 1) * 256 + n] & 0xff];
  }
  return t;
})();

export function crc32(data: Uint8Array, previous = 0): number {
  const t = CRC_TABLES;
  let c = ~previous;
  let i = 0;
  const n = data.length;
  for (const end = n - 8; i <= end; i += 8) {
    const lo = c ^ (data[i] | (data[i + 1] << 8) | (data[i + 2] << 16) | (data[i + 3] << 24));
    c =
      t[1792 + (lo & 0xff)] ^
      t[1536 + ((lo >>> 8) & 0xff)] ^
      t[1280 + ((lo >>> 16) & 0xff)] ^
      t[1024 + (lo >>> 24)] ^
      t[768 + data[i + 4]] ^
      t[512 + data[i + 5]] ^
      t[256 + data[i + 6]] ^
      t[data[i + 7]];
  }
  for (; i < n; i++) c = t[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}

/** Raw-deflate inflater pushing inflated chunks to `onChunk`; throwing from `onChunk` stops it. */
export type RawInflater = (compressed: Uint8Array, onChunk: (chunk: Uint8Array) => void) => void;

/** fflate's streaming inflate, fed in slices so the inflated data arrives in bounded chunks. */
export const fflateInflater: RawInflater = (compressed, onChunk) => {
  const inf = new Inflate((chunk) => onChunk(chunk));
  // Small slices: deflate inflates at most ~1,032× its input, so one slice never yields more than ~4 MB at once.
  const SLICE = 1 << 12;
  if (compressed.length === 0) {
    inf.push(compressed, true);
    return;
  }
  for (let i = 0; i < compressed.length; i += SLICE) {
    inf.push(compressed.subarray(i, i + SLICE), i + SLICE >= compressed.length);
  }
};

export interface InflateOptions {
  /** Hard limit on the inflated bytes of this entry. */
  maxBytes: number;
  /** Inflater to use (default fflate's; a host may pass a faster one). */
  inflater?: RawInflater;
  /** Check the CRC-32 of the inflated data (default true). */
  verify?: boolean;
  /** CRC-32 to use (default the table-driven one above; a host may pass a native one). */
  crc?: (data: Uint8Array, previous: number) => number;
}

/**
 * An inflater that works asynchronously (a host's native zlib on a worker thread): pushes inflated chunks to
 * `onChunk` and resolves when the entry is inflated. When `onChunk` throws it must stop and reject with that error.
 */
export type AsyncRawInflater = (compressed: Uint8Array, onChunk: (chunk: Uint8Array) => void) => Promise<void>;

/** «1,2 ГБ», «350 МБ» — a size for messages. */
export function formatBytes(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(1).replace(/\.0$/, "").replace(".", ",")} ГБ`;
  if (n >= 1e6) return `${Math.round(n / 1e6)} МБ`;
  return `${Math.max(1, Math.round(n / 1e3))} КБ`;
}

export function tooLarge(entry: ZipEntry, maxBytes: number): ZipError {
  const claimed = entry.uncompressedSize > maxBytes ? ` (по каталогу — ${formatBytes(entry.uncompressedSize)})` : "";
  return new ZipError(
    "too-large",
    `часть «${entry.name}» распаковывается больше чем в ${formatBytes(maxBytes)}${claimed} — больше допустимого`,
  );
}

/** The limit and CRC bookkeeping shared by the sync and async streaming of one entry. */
function entrySink(
  entry: ZipEntry,
  onChunk: (chunk: Uint8Array) => void,
  options: InflateOptions,
): { push: (chunk: Uint8Array) => void; done: () => void } {
  const { maxBytes } = options;
  const verify = options.verify ?? true;
  const crcOf = options.crc ?? crc32;
  let total = 0;
  let crc = 0;
  return {
    push: (chunk) => {
      total += chunk.length;
      if (total > maxBytes) throw tooLarge(entry, maxBytes);
      if (verify) crc = crcOf(chunk, crc);
      onChunk(chunk);
    },
    done: () => {
      if (verify && (crc >>> 0 !== entry.crc32 || total !== entry.uncompressedSize)) {
        throw damaged(`контрольная сумма части «${entry.name}» не сходится`);
      }
    },
  };
}

/**
 * Inflate one entry chunk by chunk into `onChunk`, never past `maxBytes` (the limit is checked on what really
 * comes out, so a directory that under-states sizes changes nothing). Throws ZipError.
 */
export function streamEntry(
  b: Uint8Array,
  entry: ZipEntry,
  onChunk: (chunk: Uint8Array) => void,
  options: InflateOptions,
): void {
  const { maxBytes } = options;
  if (entry.method === 0 && entry.compressedSize > maxBytes) throw tooLarge(entry, maxBytes);
  const data = b.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize);
  const sink = entrySink(entry, onChunk, options);
  if (entry.method === 0) {
    sink.push(data);
  } else if (entry.method === 8) {
    try {
      (options.inflater ?? fflateInflater)(data, sink.push);
    } catch (e) {
      if (e instanceof ZipError) throw e;
      if (isForeign(e)) throw e;
      throw damaged(`часть «${entry.name}» не распаковывается`);
    }
  } else {
    throw new ZipError("unsupported", `часть «${entry.name}» сжата неизвестным способом (${entry.method})`);
  }
  sink.done();
}

/** Errors thrown by a chunk consumer pass through the inflater unchanged (marked by the consumer). */
const FOREIGN = Symbol("zip.foreignError");
function isForeign(e: unknown): boolean {
  return typeof e === "object" && e !== null && (e as Record<symbol, unknown>)[FOREIGN] === true;
}
/** Mark an error thrown from an `onChunk` consumer so that the zip layer passes it on instead of «повреждён». */
export function passThrough<E extends object>(e: E): E {
  (e as Record<symbol, unknown>)[FOREIGN] = true;
  return e;
}

/** `streamEntry` with an asynchronous inflater (or the default synchronous one when none is given). */
export async function streamEntryAsync(
  b: Uint8Array,
  entry: ZipEntry,
  onChunk: (chunk: Uint8Array) => void,
  options: InflateOptions & { asyncInflater?: AsyncRawInflater },
): Promise<void> {
  const inflate = options.asyncInflater;
  if (!inflate || entry.method !== 8) {
    streamEntry(b, entry, onChunk, options);
    return;
  }
  const data = b.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize);
  const sink = entrySink(entry, onChunk, options);
  try {
    await inflate(data, sink.push);
  } catch (e) {
    if (e instanceof ZipError) throw e;
    if (isForeign(e)) throw e;
    throw damaged(`часть «${entry.name}» не распаковывается`);
  }
  sink.done();
}

/** One entry inflated whole (small parts: workbook, styles, shared strings under their own limit). */
export function inflateEntry(b: Uint8Array, entry: ZipEntry, options: InflateOptions): Uint8Array {
  const chunks: Uint8Array[] = [];
  let total = 0;
  streamEntry(
    b,
    entry,
    (c) => {
      chunks.push(c);
      total += c.length;
    },
    options,
  );
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(total);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

/** Entry lookup by part name, case-insensitively as OPC requires. */
export function findEntry(entries: ZipEntry[], name: string): ZipEntry | undefined {
  const exact = entries.find((e) => e.name === name);
  if (exact) return exact;
  const lower = name.toLowerCase();
  return entries.find((e) => e.name.toLowerCase() === lower);
}

// ---- writing ------------------------------------------------------------------------------------------------

/** Where a written package goes: chunks in order (a file, or Blob parts in a browser). */
export type ZipSink = (chunk: Uint8Array) => void;

const utf8Encoder = new TextEncoder();
/** DOS date of 1980-01-01, time 00:00 — what Excel writes for every part. */
const DOS_DATE_1980 = 0x21;

interface CentralRecord {
  name: Uint8Array;
  flags: number;
  method: number;
  time: number;
  date: number;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  offset: number;
  externalAttributes: number;
}

function header(size: number): { bytes: Uint8Array; view: DataView } {
  const bytes = new Uint8Array(size);
  return { bytes, view: new DataView(bytes.buffer) };
}

/** Whole deflated part, for new parts of modest size (the workbook part, styles, a small sheet). */
export function deflateBytes(data: Uint8Array): Uint8Array {
  return deflateSync(data, { level: 6 });
}

/**
 * A zip written to a sink. Offsets are kept below 4 GiB and entries below 65,535 (no ZIP64 writing: .xlsx files
 * that large are refused before writing).
 */
export class ZipWriter {
  private offset = 0;
  private readonly central: CentralRecord[] = [];
  private readonly names = new Set<string>();
  private open = false;

  constructor(private readonly sink: ZipSink) {}

  /** Bytes written so far. */
  get size(): number {
    return this.offset;
  }

  private write(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    this.offset += chunk.length;
    if (this.offset > 0xfffffffe) throw new ZipError("too-large", "записываемая книга больше 4 ГБ");
    this.sink(chunk);
  }

  private claim(name: string): Uint8Array {
    if (this.open) throw new Error("ZipWriter: a streamed entry is still open");
    const key = name.toLowerCase();
    if (this.names.has(key)) throw new Error(`ZipWriter: duplicate part ${name}`);
    this.names.add(key);
    if (this.central.length >= 0xfffe) throw new ZipError("too-large", "в записываемой книге слишком много частей");
    return utf8Encoder.encode(name);
  }

  private localHeader(rec: Omit<CentralRecord, "offset" | "externalAttributes">): void {
    const { bytes, view } = header(30);
    view.setUint32(0, SIG_LOCAL, true);
    view.setUint16(4, 20, true);
    view.setUint16(6, rec.flags, true);
    view.setUint16(8, rec.method, true);
    view.setUint16(10, rec.time, true);
    view.setUint16(12, rec.date, true);
    view.setUint32(14, rec.crc32, true);
    view.setUint32(18, rec.compressedSize, true);
    view.setUint32(22, rec.uncompressedSize, true);
    view.setUint16(26, rec.name.length, true);
    view.setUint16(28, 0, true);
    this.write(bytes);
    this.write(rec.name);
  }

  /** Copy an entry of `source` as its raw compressed bytes: the part stays byte for byte, nothing is inflated. */
  copyRaw(source: Uint8Array, entry: ZipEntry, as: string = entry.name): void {
    const name = this.claim(as);
    if (entry.compressedSize > 0xfffffffe || entry.uncompressedSize > 0xfffffffe) {
      throw new ZipError("too-large", `часть «${entry.name}» больше 4 ГБ`);
    }
    // Sizes and CRC are known from the source directory: no data descriptor; keep only the UTF-8 name flag and the
    // deflate option bits.
    const flags = (entry.flags & 0x6) | (/[^\x20-\x7e]/.test(as) ? 0x800 : 0);
    const rec = {
      name,
      flags,
      method: entry.method,
      time: entry.time,
      date: entry.date,
      crc32: entry.crc32,
      compressedSize: entry.compressedSize,
      uncompressedSize: entry.uncompressedSize,
    };
    const offset = this.offset;
    this.localHeader(rec);
    this.write(source.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize));
    this.central.push({ ...rec, offset, externalAttributes: entry.externalAttributes });
  }

  /** Add a new part, deflated whole. */
  addFile(name: string, content: Uint8Array | string): void {
    const data = typeof content === "string" ? utf8Encoder.encode(content) : content;
    const nameBytes = this.claim(name);
    const compressed = deflateBytes(data);
    const rec = {
      name: nameBytes,
      flags: /[^\x20-\x7e]/.test(name) ? 0x800 : 0,
      method: 8,
      time: 0,
      date: DOS_DATE_1980,
      crc32: crc32(data),
      compressedSize: compressed.length,
      uncompressedSize: data.length,
    };
    const offset = this.offset;
    this.localHeader(rec);
    this.write(compressed);
    this.central.push({ ...rec, offset, externalAttributes: 0 });
  }

  /**
   * Add a new part streamed in pieces (a large generated sheet): deflated as it comes, sizes and CRC in a data
   * descriptor after the data. Call `push` with each piece, then `end`.
   */
  addStream(name: string): { push: (piece: Uint8Array | string) => void; end: () => void } {
    const nameBytes = this.claim(name);
    this.open = true;
    const offset = this.offset;
    const flags = 0x8 | (/[^\x20-\x7e]/.test(name) ? 0x800 : 0);
    this.localHeader({
      name: nameBytes,
      flags,
      method: 8,
      time: 0,
      date: DOS_DATE_1980,
      crc32: 0,
      compressedSize: 0,
      uncompressedSize: 0,
    });
    let crc = 0;
    let raw = 0;
    let compressed = 0;
    const deflate = new Deflate({ level: 6 }, (chunk) => {
      compressed += chunk.length;
      this.write(chunk);
    });
    let ended = false;
    return {
      push: (piece) => {
        if (ended) throw new Error("ZipWriter: stream already ended");
        const data = typeof piece === "string" ? utf8Encoder.encode(piece) : piece;
        if (data.length === 0) return;
        crc = crc32(data, crc);
        raw += data.length;
        if (raw > 0xfffffffe) throw new ZipError("too-large", `часть «${name}» больше 4 ГБ`);
        deflate.push(data, false);
      },
      end: () => {
        if (ended) return;
        ended = true;
        deflate.push(new Uint8Array(0), true);
        const { bytes, view } = header(16);
        view.setUint32(0, SIG_DESCRIPTOR, true);
        view.setUint32(4, crc, true);
        view.setUint32(8, compressed, true);
        view.setUint32(12, raw, true);
        this.write(bytes);
        this.open = false;
        this.central.push({
          name: nameBytes,
          flags,
          method: 8,
          time: 0,
          date: DOS_DATE_1980,
          crc32: crc,
          compressedSize: compressed,
          uncompressedSize: raw,
          offset,
          externalAttributes: 0,
        });
      },
    };
  }

  /** Write the central directory and the end record. */
  finish(): void {
    if (this.open) throw new Error("ZipWriter: a streamed entry is still open");
    const start = this.offset;
    for (const c of this.central) {
      const { bytes, view } = header(46);
      view.setUint32(0, SIG_CENTRAL, true);
      view.setUint16(4, 20, true);
      view.setUint16(6, 20, true);
      view.setUint16(8, c.flags, true);
      view.setUint16(10, c.method, true);
      view.setUint16(12, c.time, true);
      view.setUint16(14, c.date, true);
      view.setUint32(16, c.crc32, true);
      view.setUint32(20, c.compressedSize, true);
      view.setUint32(24, c.uncompressedSize, true);
      view.setUint16(28, c.name.length, true);
      view.setUint32(38, c.externalAttributes >>> 0, true);
      view.setUint32(42, c.offset, true);
      this.write(bytes);
      this.write(c.name);
    }
    const size = this.offset - start;
    const { bytes, view } = header(22);
    view.setUint32(0, SIG_EOCD, true);
    view.setUint16(8, this.central.length, true);
    view.setUint16(10, this.central.length, true);
    view.setUint32(12, size, true);
    view.setUint32(16, start, true);
    this.write(bytes);
  }
}

/** A whole zip in memory from a writer run (tests, small packages, the browser's download). */
export function zipToBytes(build: (w: ZipWriter) => void): Uint8Array {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const w = new ZipWriter((c) => {
    chunks.push(c.slice());
    total += c.length;
  });
  build(w);
  w.finish();
  const out = new Uint8Array(total);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}
