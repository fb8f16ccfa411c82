/**
 * A streaming XML tokenizer over UTF-8 bytes, for the big parts of an .xlsx (sheets, shared strings): the bytes are
 * scanned as they inflate and never decoded as a whole — a handler decodes only the values it keeps, so every kept
 * string is its own small string (never a slice pinning a large chunk in memory).
 *
 * Markup is ASCII in UTF-8 (a multi-byte character never holds `<`, `>` or a quote byte), so tags can be found on
 * bytes. Names are handed over as byte ranges of their local name (`x:c` → `c`). Comments, processing instructions
 * and a DOCTYPE are skipped (no entity is ever declared or expanded).
 *
 * Bounded: text is handed to the handler as it comes; only an incomplete tag (or a short text run before it) is
 * carried into the next chunk, and a tag longer than `maxTagBytes` is damage, never a growing buffer.
 */
import { XmlError } from "./xmlTokenizer";

/**
 * The attributes of a start tag, read in the same pass that finds the tag's end: `count` attributes, each five
 * numbers in `spans` — local name from, to; 1 when the name has a prefix; value from, to (raw bytes, undecoded).
 */
export interface ByteAttributes {
  spans: Int32Array;
  count: number;
}

export interface ByteXmlHandler {
  /** Start tag: local name `b[nameFrom, nameTo)`; its attributes (valid during the call only). */
  open(b: Uint8Array, nameFrom: number, nameTo: number, attrs: ByteAttributes, selfClosing: boolean): void;
  /** End tag (also called right after `open` for an empty-element tag). */
  close(b: Uint8Array, nameFrom: number, nameTo: number): void;
  /** Raw text `b[from, to)`, entities undecoded. May come in several pieces. */
  text(b: Uint8Array, from: number, to: number): void;
  /** CDATA content `b[from, to)`, literal. */
  cdata(b: Uint8Array, from: number, to: number): void;
}

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const BANG = 0x21;
const QMARK = 0x3f;
const COLON = 0x3a;
const DQ = 0x22;
const SQ = 0x27;
const EQ = 0x3d;
const DASH = 0x2d;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;
}

/** Text runs shorter than this are carried into the next chunk whole rather than handed over in pieces. */
const CARRY_TEXT = 4096;

export class ByteXmlTokenizer {
  private rest: Uint8Array | null = null;
  /** Position in `rest` from which to look for `<` again (the carried text has none before it). */
  private resumeAt = 0;
  /** Inside a comment or DOCTYPE that spans chunks: the bytes that end it. */
  private skipping: "comment" | "doctype" | null = null;

  private readonly attrs: ByteAttributes = { spans: new Int32Array(5 * 32), count: 0 };
  /** The start tag read last by startTag (fields, not an object per tag). */
  private tagNameFrom = 0;
  private tagNameTo = 0;
  private tagSelf = false;

  constructor(
    private readonly h: ByteXmlHandler,
    private readonly maxTagBytes = 1_000_000,
  ) {}

  /**
   * One pass over a start tag at `lt`: its name (tagNameFrom/To), its attributes (into this.attrs), whether it is an
   * empty-element tag (tagSelf). Returns the index of its `>`, or -1 when the chunk ends inside the tag.
   */
  private startTag(b: Uint8Array, lt: number, n: number): number {
    let i = lt + 1;
    let colon = -1;
    for (; i < n; i++) {
      const c = b[i];
      if (c <= 0x20 || c === SLASH || c === GT) break;
      if (c === COLON) colon = i;
    }
    this.tagNameFrom = colon >= 0 ? colon + 1 : lt + 1;
    this.tagNameTo = i;
    const at = this.attrs;
    at.count = 0;
    for (;;) {
      while (i < n && b[i] <= 0x20) i++;
      if (i >= n) return -1;
      let c = b[i];
      if (c === GT) {
        this.tagSelf = false;
        return i;
      }
      if (c === SLASH) {
        if (i + 1 >= n) return -1;
        if (b[i + 1] !== GT) throw new XmlError("stray / in a tag");
        this.tagSelf = true;
        return i + 1;
      }
      const an = i;
      let acolon = -1;
      for (; i < n; i++) {
        c = b[i];
        if (c === EQ || c <= 0x20 || c === GT || c === SLASH) break;
        if (c === COLON) acolon = i;
      }
      const anTo = i;
      while (i < n && b[i] <= 0x20) i++;
      if (i >= n) return -1;
      if (b[i] !== EQ) throw new XmlError("attribute without a value");
      i++;
      while (i < n && b[i] <= 0x20) i++;
      if (i >= n) return -1;
      const q = b[i];
      if (q !== DQ && q !== SQ) throw new XmlError("attribute value without quotes");
      const vFrom = ++i;
      while (i < n && b[i] !== q) i++;
      if (i >= n) return -1;
      let k = at.count * 5;
      if (k + 5 > at.spans.length) {
        const more = new Int32Array(at.spans.length * 2);
        more.set(at.spans);
        at.spans = more;
      }
      const sp = at.spans;
      sp[k++] = acolon >= 0 ? acolon + 1 : an;
      sp[k++] = anTo;
      sp[k++] = acolon >= 0 ? 1 : 0;
      sp[k++] = vFrom;
      sp[k] = i;
      at.count++;
      i++;
    }
  }

  push(chunk: Uint8Array): void {
    let b: Uint8Array;
    let pos = 0;
    let searchFrom = 0;
    if (this.rest !== null) {
      b = new Uint8Array(this.rest.length + chunk.length);
      b.set(this.rest, 0);
      b.set(chunk, this.rest.length);
      searchFrom = this.resumeAt;
      this.rest = null;
      this.resumeAt = 0;
    } else {
      b = chunk;
    }
    const n = b.length;
    if (this.skipping !== null) {
      const end = this.skipping === "comment" ? findSeq3(b, 0, DASH, DASH, GT) : findSeq2(b, 0, RBRACKET, GT);
      if (end < 0) {
        // Keep the last bytes: they may begin the terminator.
        this.rest = b.subarray(Math.max(0, n - 2)).slice();
        return;
      }
      pos = end + (this.skipping === "comment" ? 3 : 2);
      searchFrom = pos;
      this.skipping = null;
    }
    const h = this.h;
    while (pos < n) {
      // A byte loop, not indexOf: between the tags of a sheet there are only a few bytes of text.
      let lt = searchFrom > pos ? searchFrom : pos;
      while (lt < n && b[lt] !== LT) lt++;
      if (lt === n) {
        if (n - pos < CARRY_TEXT) {
          this.carry(b, pos, n - pos);
        } else {
          h.text(b, pos, n);
        }
        return;
      }
      const textFrom = pos;
      if (lt + 1 >= n) {
        this.carry(b, textFrom, lt - textFrom);
        return;
      }
      const c1 = b[lt + 1];
      if (c1 === BANG) {
        if (lt > textFrom) h.text(b, textFrom, lt);
        const done = this.special(b, lt);
        if (done < 0) return;
        pos = done;
        continue;
      }
      if (c1 !== SLASH && c1 !== QMARK) {
        const gt = this.startTag(b, lt, n);
        if (gt < 0) {
          this.carry(b, textFrom, lt - textFrom);
          return;
        }
        if (lt > textFrom) h.text(b, textFrom, lt);
        pos = gt + 1;
        const nf = this.tagNameFrom;
        const nt = this.tagNameTo;
        const self = this.tagSelf;
        h.open(b, nf, nt, this.attrs, self);
        if (self) h.close(b, nf, nt);
        continue;
      }
      let gt = lt + 2;
      for (; gt < n; gt++) {
        const c = b[gt];
        if (c === GT) break;
        if (c === DQ || c === SQ) {
          gt++;
          while (gt < n && b[gt] !== c) gt++;
        }
      }
      if (gt >= n) {
        this.carry(b, textFrom, lt - textFrom);
        return;
      }
      if (lt > textFrom) h.text(b, textFrom, lt);
      pos = gt + 1;
      if (c1 === QMARK) continue;
      let ne = gt;
      while (ne > lt + 2 && isSpace(b[ne - 1])) ne--;
      h.close(b, localFrom(b, lt + 2, ne), ne);
    }
  }

  /**
   * Keep `b[from …)` for the next chunk: a short text run (whose `<` search resumes after it) and the incomplete tag
   * that follows it. A long text run was already handed over.
   */
  private carry(b: Uint8Array, from: number, textLen: number): void {
    if (b.length - from - textLen > this.maxTagBytes) throw new XmlError("tag too long");
    if (textLen >= CARRY_TEXT) {
      this.h.text(b, from, from + textLen);
      from += textLen;
      textLen = 0;
    }
    this.rest = b.slice(from);
    this.resumeAt = textLen;
  }

  private special(b: Uint8Array, lt: number): number {
    const n = b.length;
    if (n - lt < 9) {
      // Too short to tell a comment, CDATA or DOCTYPE apart yet.
      if (!(n - lt >= 4 && b[lt + 2] === DASH && b[lt + 3] === DASH)) {
        this.carry(b, lt, 0);
        return -1;
      }
    }
    if (b[lt + 2] === DASH && b[lt + 3] === DASH) {
      const end = findSeq3(b, lt + 4, DASH, DASH, GT);
      if (end < 0) {
        this.skipping = "comment";
        this.rest = b.subarray(Math.max(lt + 4, n - 2)).slice();
        return -1;
      }
      return end + 3;
    }
    if (b[lt + 2] === LBRACKET && b[lt + 3] === 0x43 /* C */) {
      const end = findSeq3(b, lt + 9, RBRACKET, RBRACKET, GT);
      if (end < 0) {
        this.carry(b, lt, 0);
        return -1;
      }
      this.h.cdata(b, lt + 9, end);
      return end + 3;
    }
    // <!DOCTYPE …> with an optional internal subset [ … ].
    const gt = b.indexOf(GT, lt);
    const open = b.indexOf(LBRACKET, lt);
    if (open >= 0 && (gt < 0 || open < gt)) {
      const end = findSeq2(b, open, RBRACKET, GT);
      if (end < 0) {
        this.skipping = "doctype";
        return -1;
      }
      return end + 2;
    }
    if (gt < 0) {
      this.carry(b, lt, 0);
      return -1;
    }
    return gt + 1;
  }

  /** The part has ended: an incomplete tag left over is damage (trailing whitespace is not). */
  end(): void {
    const rest = this.rest;
    this.rest = null;
    if (rest === null) return;
    for (let i = 0; i < rest.length; i++) {
      if (rest[i] === LT) throw new XmlError("part ends inside a tag");
    }
    if (rest.length > 0) this.h.text(rest, 0, rest.length);
  }
}

function findSeq3(b: Uint8Array, from: number, x: number, y: number, z: number): number {
  for (let i = b.indexOf(x, from); i >= 0 && i + 2 < b.length; i = b.indexOf(x, i + 1)) {
    if (b[i + 1] === y && b[i + 2] === z) return i;
  }
  return -1;
}

function findSeq2(b: Uint8Array, from: number, x: number, y: number): number {
  for (let i = b.indexOf(x, from); i >= 0 && i + 1 < b.length; i = b.indexOf(x, i + 1)) {
    if (b[i + 1] === y) return i;
  }
  return -1;
}

function localFrom(b: Uint8Array, from: number, to: number): number {
  for (let i = to - 1; i >= from; i--) if (b[i] === COLON) return i + 1;
  return from;
}

/** Whether `b[from, to)` spells the ASCII `name`. */
export function bytesAre(b: Uint8Array, from: number, to: number, name: string): boolean {
  if (to - from !== name.length) return false;
  for (let i = 0; i < name.length; i++) if (b[from + i] !== name.charCodeAt(i)) return false;
  return true;
}

/** A growable byte buffer for text values, with a hard cap (past it, bytes are counted but not kept). */
export class TextBuffer {
  bytes = new Uint8Array(256);
  length = 0;
  /** Bytes offered past the cap. */
  overflow = 0;
  constructor(readonly cap: number) {}

  reset(): void {
    this.length = 0;
    this.overflow = 0;
  }

  append(b: Uint8Array, from: number, to: number): void {
    let len = to - from;
    if (this.length + len > this.cap) {
      this.overflow += this.length + len - this.cap;
      len = this.cap - this.length;
      if (len <= 0) return;
    }
    if (this.length + len > this.bytes.length) {
      let size = this.bytes.length * 2;
      while (size < this.length + len) size *= 2;
      const next = new Uint8Array(Math.min(size, this.cap));
      next.set(this.bytes.subarray(0, this.length));
      this.bytes = next;
    }
    if (len <= 16) {
      const bytes = this.bytes;
      let o = this.length;
      for (let i = from; i < from + len; i++) bytes[o++] = b[i];
    } else {
      this.bytes.set(b.subarray(from, from + len), this.length);
    }
    this.length += len;
  }

  /** CDATA is literal: `&` is kept as the entity it would be in text, so decoding the whole gives it back. */
  appendLiteral(b: Uint8Array, from: number, to: number): void {
    let start = from;
    for (let i = from; i < to; i++) {
      if (b[i] === 0x26) {
        this.append(b, start, i);
        this.append(AMP_ENTITY, 0, AMP_ENTITY.length);
        start = i + 1;
      }
    }
    this.append(b, start, to);
  }

  /** Shrink back after a very long value, so one long cell does not keep a large buffer. */
  trim(): void {
    if (this.bytes.length > 65536) this.bytes = new Uint8Array(256);
  }
}

const AMP_ENTITY = new Uint8Array([0x26, 0x61, 0x6d, 0x70, 0x3b]);
