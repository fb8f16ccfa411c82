/**
 * A small streaming XML tokenizer for the parts of an .xlsx package (bytes in, no node I/O, runs in the browser).
 * It knows what OOXML parts need and nothing more: start/end/empty tags with attributes, text, CDATA, comments,
 * processing instructions and a DOCTYPE (skipped; entities are never declared, only the five predefined ones and
 * character references are decoded). Element and attribute names are given by their local name (`x:c` → `c`,
 * `r:id` → `id`), so the transitional, Strict and prefixed (`x:`) spellings of a part read alike.
 *
 * Bounded: text is handed to the handler as it comes (the handler decides what to keep), and only an incomplete tag
 * is carried from one chunk to the next — a tag longer than `maxTagChars` is a damaged part, never a growing buffer.
 */

/** Receives the tokens of a part. `name` is the local name; attributes are read with `attrs`. */
export interface XmlHandler {
  open(name: string, attrs: XmlAttributes, selfClosing: boolean): void;
  close(name: string): void;
  /** Raw text between tags (entities not decoded yet; CR LF not normalised yet): `s.slice(start, end)`. */
  text(s: string, start: number, end: number): void;
  /** CDATA content (taken literally). */
  cdata(text: string): void;
}

/** Thrown for malformed XML (one class for the reader and the write path); the reader turns it into a one-line
 * Russian message about the part. */
import { XmlError } from "./xml";
export { XmlError };

const GT = 0x3e;
const SLASH = 0x2f;
const BANG = 0x21;
const QMARK = 0x3f;
const COLON = 0x3a;
const EQ = 0x3d;
const DQ = 0x22;
const SQ = 0x27;

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;
}

/**
 * The attributes of the current start tag, parsed once into reusable arrays (no object per tag). Values are raw
 * substrings; `get` decodes entities and normalises whitespace as XML attribute-value normalisation does.
 */
export class XmlAttributes {
  private names: string[] = [];
  private prefixed: boolean[] = [];
  private values: string[] = [];
  count = 0;

  /** Parse `s[from, to)` (what follows the element name up to `>` or `/>`). */
  parse(s: string, from: number, to: number): void {
    this.count = 0;
    let i = from;
    while (i < to) {
      let c = s.charCodeAt(i);
      if (isSpace(c)) {
        i++;
        continue;
      }
      const nameStart = i;
      let colon = -1;
      while (i < to) {
        c = s.charCodeAt(i);
        if (c === EQ || isSpace(c)) break;
        if (c === COLON) colon = i;
        i++;
      }
      const nameEnd = i;
      while (i < to && isSpace(s.charCodeAt(i))) i++;
      if (i >= to || s.charCodeAt(i) !== EQ) throw new XmlError("attribute without a value");
      i++;
      while (i < to && isSpace(s.charCodeAt(i))) i++;
      const q = s.charCodeAt(i);
      if (q !== DQ && q !== SQ) throw new XmlError("attribute value without quotes");
      const close = s.indexOf(q === DQ ? '"' : "'", i + 1);
      if (close < 0 || close >= to) throw new XmlError("unterminated attribute value");
      const k = this.count++;
      this.names[k] = s.slice(colon >= 0 ? colon + 1 : nameStart, nameEnd);
      this.prefixed[k] = colon >= 0;
      this.values[k] = s.slice(i + 1, close);
      i = close + 1;
    }
  }

  /** Raw (undecoded) value of the attribute with this local name; `prefixed` limits to `p:name` / plain `name`. */
  raw(name: string, prefixed?: boolean): string | undefined {
    for (let k = 0; k < this.count; k++) {
      if (this.names[k] === name && (prefixed === undefined || this.prefixed[k] === prefixed)) return this.values[k];
    }
    return undefined;
  }

  /** Decoded value of the attribute with this local name. */
  get(name: string, prefixed?: boolean): string | undefined {
    const v = this.raw(name, prefixed);
    return v === undefined ? undefined : decodeAttribute(v);
  }
}

/** Where a tag that starts at `lt` ends (the index of its `>`), or -1 when the chunk ends first. */
function tagEnd(s: string, lt: number): number {
  const gt = s.indexOf(">", lt + 1);
  if (gt < 0) return -1;
  // A `>` inside a quoted attribute value does not end the tag (rare: Excel writes `&gt;`), so quotes are followed.
  let inQ = 0;
  for (let k = lt + 1; k < gt; k++) {
    const c = s.charCodeAt(k);
    if (inQ === 0) {
      if (c === DQ || c === SQ) inQ = c;
    } else if (c === inQ) inQ = 0;
  }
  if (inQ === 0) return gt;
  let k = gt;
  for (;;) {
    const close = s.indexOf(inQ === DQ ? '"' : "'", k + 1);
    if (close < 0) return -1;
    k = close + 1;
    inQ = 0;
    for (; k < s.length; k++) {
      const c = s.charCodeAt(k);
      if (c === GT) return k;
      if (c === DQ || c === SQ) {
        inQ = c;
        break;
      }
    }
    if (inQ === 0) return -1;
  }
}

/**
 * Push-based tokenizer: `push` decoded text as it inflates, then `end`. Handler calls happen synchronously; an
 * exception thrown by the handler stops the scan.
 */
export class XmlTokenizer {
  private rest = "";
  private readonly attrs = new XmlAttributes();
  /** Inside a DOCTYPE internal subset or comment that spans chunks: what ends it. */
  private skipUntil: string | null = null;

  constructor(
    private readonly handler: XmlHandler,
    private readonly maxTagChars: number = 1_000_000,
  ) {}

  push(chunk: string): void {
    let s = this.rest.length > 0 ? this.rest + chunk : chunk;
    this.rest = "";
    let pos = 0;
    if (this.skipUntil !== null) {
      const k = s.indexOf(this.skipUntil);
      if (k < 0) {
        // Keep only what could be the start of the terminator.
        this.rest = s.slice(Math.max(0, s.length - this.skipUntil.length + 1));
        return;
      }
      pos = k + this.skipUntil.length;
      this.skipUntil = null;
    }
    const h = this.handler;
    const n = s.length;
    while (pos < n) {
      const lt = s.indexOf("<", pos);
      if (lt < 0) {
        h.text(s, pos, n);
        return;
      }
      if (lt > pos) h.text(s, pos, lt);
      if (lt + 1 >= n) {
        this.keep(s, lt);
        return;
      }
      const c1 = s.charCodeAt(lt + 1);
      if (c1 === BANG) {
        const done = this.special(s, lt);
        if (done < 0) return;
        pos = done;
        continue;
      }
      const gt = tagEnd(s, lt);
      if (gt < 0) {
        this.keep(s, lt);
        return;
      }
      if (c1 === QMARK) {
        pos = gt + 1;
        continue;
      }
      if (c1 === SLASH) {
        let ne = gt;
        while (ne > lt + 2 && isSpace(s.charCodeAt(ne - 1))) ne--;
        h.close(localName(s, lt + 2, ne));
        pos = gt + 1;
        continue;
      }
      const selfClosing = s.charCodeAt(gt - 1) === SLASH;
      const inner = selfClosing ? gt - 1 : gt;
      let ne = lt + 1;
      while (ne < inner) {
        const c = s.charCodeAt(ne);
        if (isSpace(c)) break;
        ne++;
      }
      const name = localName(s, lt + 1, ne);
      if (ne < inner) this.attrs.parse(s, ne, inner);
      else this.attrs.count = 0;
      h.open(name, this.attrs, selfClosing);
      if (selfClosing) h.close(name);
      pos = gt + 1;
    }
    // Let go of the big string: nothing is kept from it.
    s = "";
  }

  /** Comments, CDATA, DOCTYPE. Returns the position after the token, or -1 when the chunk ended inside it. */
  private special(s: string, lt: number): number {
    if (s.startsWith("<!--", lt)) {
      const k = s.indexOf("-->", lt + 4);
      if (k < 0) {
        this.skipUntil = "-->";
        this.rest = s.slice(Math.max(lt + 4, s.length - 2));
        return -1;
      }
      return k + 3;
    }
    if (s.startsWith("<![CDATA[", lt)) {
      const k = s.indexOf("]]>", lt + 9);
      if (k < 0) {
        this.keep(s, lt);
        return -1;
      }
      this.handler.cdata(s.slice(lt + 9, k));
      return k + 3;
    }
    if (s.length - lt < 9) {
      this.keep(s, lt);
      return -1;
    }
    if (s.startsWith("<!DOCTYPE", lt)) {
      // An internal subset [ … ] may hold `>`; entities declared there are never expanded.
      const open = s.indexOf("[", lt);
      const gt = s.indexOf(">", lt);
      if (gt < 0) {
        this.keep(s, lt);
        return -1;
      }
      if (open >= 0 && open < gt) {
        const k = s.indexOf("]>", open);
        if (k < 0) {
          this.skipUntil = "]>";
          return -1;
        }
        return k + 2;
      }
      return gt + 1;
    }
    throw new XmlError("unknown markup declaration");
  }

  private keep(s: string, from: number): void {
    if (s.length - from > this.maxTagChars) throw new XmlError("tag too long");
    this.rest = s.slice(from);
  }

  /** The part has ended: an incomplete tag left over is damage. */
  end(): void {
    if (this.rest.trim().length > 0 && this.skipUntil === null) throw new XmlError("part ends inside a tag");
    this.rest = "";
  }
}

/** Local name of `s[from, to)`: the part after the last `:`. */
function localName(s: string, from: number, to: number): string {
  for (let i = to - 1; i >= from; i--) if (s.charCodeAt(i) === COLON) return s.slice(i + 1, to);
  return s.slice(from, to);
}

const NAMED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

/** The five predefined entities and character references; anything else stays as written. */
export function decodeEntities(s: string): string {
  let amp = s.indexOf("&");
  if (amp < 0) return s;
  let out = "";
  let last = 0;
  while (amp >= 0) {
    const semi = s.indexOf(";", amp + 1);
    if (semi < 0 || semi - amp > 12) {
      amp = s.indexOf("&", amp + 1);
      continue;
    }
    const body = s.slice(amp + 1, semi);
    let rep: string | undefined;
    if (body.charCodeAt(0) === 0x23 /* # */) {
      const hex = body.charCodeAt(1) === 0x78 || body.charCodeAt(1) === 0x58;
      const digits = hex ? body.slice(2) : body.slice(1);
      if (digits.length > 0 && (hex ? /^[0-9a-fA-F]+$/ : /^[0-9]+$/).test(digits)) {
        const cp = parseInt(digits, hex ? 16 : 10);
        if (cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff)) rep = String.fromCodePoint(cp);
      }
    } else {
      rep = NAMED[body];
    }
    if (rep !== undefined) {
      out += s.slice(last, amp) + rep;
      last = semi + 1;
      amp = s.indexOf("&", last);
    } else {
      amp = s.indexOf("&", amp + 1);
    }
  }
  return out + s.slice(last);
}

/** Text content: line ends normalised (CR LF, CR → LF) before entities are decoded, as an XML parser does. */
export function decodeText(raw: string): string {
  const t = raw.indexOf("\r") >= 0 ? raw.replace(/\r\n?/g, "\n") : raw;
  return decodeEntities(t);
}

/** Attribute value: whitespace characters become spaces (attribute-value normalisation), then entities. */
export function decodeAttribute(raw: string): string {
  const t = /[\t\n\r]/.test(raw) ? raw.replace(/\r\n|[\t\n\r]/g, " ") : raw;
  return decodeEntities(t);
}

/**
 * OOXML's own escape of characters XML cannot hold: `_xHHHH_` is the UTF-16 code unit HHHH (`_x000D_` a carriage
 * return, `_x005F_` an underscore, so `_x005F_x0041_` stays «_x0041_»). One pass, left to right.
 */
export function decodeOoxmlEscapes(s: string): string {
  if (s.indexOf("_x") < 0) return s;
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/** A decoder for a part's bytes: UTF-8 unless the part starts with a UTF-16 byte-order mark. */
export function partDecoder(first: Uint8Array): TextDecoder {
  if (first.length >= 2 && first[0] === 0xff && first[1] === 0xfe) return new TextDecoder("utf-16le");
  if (first.length >= 2 && first[0] === 0xfe && first[1] === 0xff) return new TextDecoder("utf-16be");
  return new TextDecoder("utf-8");
}
