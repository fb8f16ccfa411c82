/**
 * A small, linear XML tag scanner for editing package parts as text (issue 12): it reports every start, end and
 * empty-element tag with its offsets, skipping comments, CDATA, processing instructions and the doctype, and keeps
 * the namespace declarations in scope, so that an edit can find `<x:sheets>` or `<sheets>` alike (Strict OOXML and
 * prefixed parts exist) and splice new text in while every other byte stays as it was. No regex runs over a whole
 * part; the cost is one pass over the text.
 */
/* eslint-disable no-control-regex -- the characters XML 1.0 forbids must be found to be escaped or dropped */

export interface XmlTag {
  kind: "start" | "end" | "empty";
  /** Qualified name as written («x:sheet», «sheet»). */
  qname: string;
  prefix: string;
  local: string;
  /** Namespace URI of the element («» when none is declared). */
  ns: string;
  /** Offset of «<» and the offset just after «>». */
  start: number;
  end: number;
  /** Depth of the element: 0 for the root. */
  depth: number;
  /** Attributes as written (qualified names), values decoded. */
  attrs: Map<string, string>;
  /** Namespace prefix → URI in scope at this element (own declarations included; «» is the default namespace). */
  scope: Map<string, string>;
}

/** Decode the five predefined entities and character references. */
export function decodeXml(s: string): string {
  if (!s.includes("&")) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|quot|apos);/g, (_, e: string) => {
    if (e === "lt") return "<";
    if (e === "gt") return ">";
    if (e === "amp") return "&";
    if (e === "quot") return '"';
    if (e === "apos") return "'";
    const code = e[1] === "x" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return Number.isFinite(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : "";
  });
}

/** Characters XML 1.0 does not allow at all (C0 controls other than tab, LF, CR; lone surrogates; U+FFFE/U+FFFF). */
const INVALID_XML =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Escape text for element content or a double-quoted attribute; characters XML cannot hold are dropped. */
export function escapeXml(s: string): string {
  return s
    .replace(INVALID_XML, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

/** Escape for an attribute value: also line breaks and tabs, which attribute normalisation would turn into spaces. */
export function escapeAttr(s: string): string {
  return escapeXml(s).replace(/\r/g, "&#13;").replace(/\n/g, "&#10;").replace(/\t/g, "&#9;");
}

/**
 * SpreadsheetML string content (ST_Xstring): a literal «_x0041_» would be read back as «A», and control characters
 * cannot be written at all, so both become `_xHHHH_` escapes (the underscore of a literal one as `_x005F_`).
 */
export function escapeXstring(s: string): string {
  const escaped = s
    .replace(/_(?=x[0-9a-fA-F]{4}_)/g, "_x005F_")
    .replace(
      /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g,
      (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`,
    );
  return escapeXml(escaped);
}

function isNameChar(c: number): boolean {
  // Anything but whitespace, «/», «>», «=» ends a name in well-formed parts.
  return !(c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x2f || c === 0x3e || c === 0x3d);
}

function parseAttrs(xml: string, from: number, to: number, tagName: string): Map<string, string> {
  const attrs = new Map<string, string>();
  let i = from;
  while (i < to) {
    const c = xml.charCodeAt(i);
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x2f) {
      i++;
      continue;
    }
    const nameStart = i;
    while (i < to && isNameChar(xml.charCodeAt(i))) i++;
    const name = xml.slice(nameStart, i);
    while (i < to && xml.charCodeAt(i) !== 0x3d) i++;
    i++; // «=»
    while (i < to && xml.charCodeAt(i) !== 0x22 && xml.charCodeAt(i) !== 0x27) i++;
    const quote = xml[i];
    const valueStart = i + 1;
    const valueEnd = xml.indexOf(quote, valueStart);
    if (!name || valueEnd < 0 || valueEnd > to) throw new XmlError(`неверный атрибут в <${tagName}>`);
    attrs.set(name, decodeXml(xml.slice(valueStart, valueEnd)));
    i = valueEnd + 1;
  }
  return attrs;
}

/** A part that is not well-formed enough to edit. */
export class XmlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "XmlError";
  }
}

/**
 * Every tag of `xml` in document order. Stops early when `visit` returns false. Text between tags is not reported
 * (read it with `xml.slice(tag.end, next.start)`).
 */
export function scanXml(xml: string, visit: (tag: XmlTag) => boolean | void): void {
  const scopes: Map<string, string>[] = [new Map([["xml", "http://www.w3.org/XML/1998/namespace"]])];
  let i = 0;
  const n = xml.length;
  while (i < n) {
    const lt = xml.indexOf("<", i);
    if (lt < 0) break;
    const next = xml.charCodeAt(lt + 1);
    if (next === 0x21 /* ! */) {
      if (xml.startsWith("<!--", lt)) {
        const e = xml.indexOf("-->", lt + 4);
        if (e < 0) throw new XmlError("незакрытый комментарий");
        i = e + 3;
      } else if (xml.startsWith("<![CDATA[", lt)) {
        const e = xml.indexOf("]]>", lt + 9);
        if (e < 0) throw new XmlError("незакрытый блок CDATA");
        i = e + 3;
      } else {
        // <!DOCTYPE …> (an internal subset in brackets is skipped whole).
        const bracket = xml.indexOf("[", lt);
        const gt = xml.indexOf(">", lt);
        if (gt < 0) throw new XmlError("незакрытое объявление");
        if (bracket >= 0 && bracket < gt) {
          const close = xml.indexOf("]>", bracket);
          if (close < 0) throw new XmlError("незакрытое объявление");
          i = close + 2;
        } else i = gt + 1;
      }
      continue;
    }
    if (next === 0x3f /* ? */) {
      const e = xml.indexOf("?>", lt + 2);
      if (e < 0) throw new XmlError("незакрытая инструкция");
      i = e + 2;
      continue;
    }
    // Find the end of the tag, skipping quoted attribute values (which may hold «>»).
    let j = lt + 1;
    let quote = 0;
    for (; j < n; j++) {
      const c = xml.charCodeAt(j);
      if (quote) {
        if (c === quote) quote = 0;
      } else if (c === 0x22 || c === 0x27) quote = c;
      else if (c === 0x3e) break;
    }
    if (j >= n) throw new XmlError("незакрытый тег");
    const end = j + 1;
    if (next === 0x2f /* / */) {
      let k = lt + 2;
      while (k < j && isNameChar(xml.charCodeAt(k))) k++;
      const qname = xml.slice(lt + 2, k);
      const scope = scopes[scopes.length - 1];
      if (scopes.length > 1) scopes.pop();
      const colon = qname.indexOf(":");
      const prefix = colon >= 0 ? qname.slice(0, colon) : "";
      const tag: XmlTag = {
        kind: "end",
        qname,
        prefix,
        local: colon >= 0 ? qname.slice(colon + 1) : qname,
        ns: scope.get(prefix) ?? "",
        start: lt,
        end,
        depth: scopes.length - 1,
        attrs: new Map(),
        scope,
      };
      if (visit(tag) === false) return;
      i = end;
      continue;
    }
    let k = lt + 1;
    while (k < j && isNameChar(xml.charCodeAt(k))) k++;
    const qname = xml.slice(lt + 1, k);
    const empty = xml.charCodeAt(j - 1) === 0x2f;
    const attrs = parseAttrs(xml, k, empty ? j - 1 : j, qname);
    const parent = scopes[scopes.length - 1];
    let scope = parent;
    for (const [name, value] of attrs) {
      if (name === "xmlns" || name.startsWith("xmlns:")) {
        if (scope === parent) scope = new Map(parent);
        scope.set(name === "xmlns" ? "" : name.slice(6), value);
      }
    }
    const colon = qname.indexOf(":");
    const prefix = colon >= 0 ? qname.slice(0, colon) : "";
    const tag: XmlTag = {
      kind: empty ? "empty" : "start",
      qname,
      prefix,
      local: colon >= 0 ? qname.slice(colon + 1) : qname,
      ns: scope.get(prefix) ?? "",
      start: lt,
      end,
      depth: scopes.length - 1,
      attrs,
      scope,
    };
    if (!empty) scopes.push(scope);
    if (visit(tag) === false) return;
    i = end;
  }
}

/** The value of the attribute `local` in namespace `ns` (any prefix), or of the unprefixed one when `ns` is «». */
export function attrNs(tag: XmlTag, ns: string, local: string): string | undefined {
  for (const [name, value] of tag.attrs) {
    const colon = name.indexOf(":");
    if (ns === "") {
      if (colon < 0 && name === local) return value;
      continue;
    }
    if (colon < 0 || name.slice(colon + 1) !== local) continue;
    if (tag.scope.get(name.slice(0, colon)) === ns) return value;
  }
  return undefined;
}

/** The prefix bound to `ns` in this scope («» for the default namespace), or null when none is. */
export function prefixOf(scope: Map<string, string>, ns: string): string | null {
  if (scope.get("") === ns) return "";
  for (const [p, u] of scope) if (u === ns && p !== "") return p;
  return null;
}

/** A qualified name with `prefix` («x:sheet» or «sheet»). */
export function qn(prefix: string, local: string): string {
  return prefix ? `${prefix}:${local}` : local;
}

/** One splice of a text edit: replace [start, end) by `text` (start === end inserts). */
export interface Splice {
  start: number;
  end: number;
  text: string;
}

/** Apply non-overlapping splices; insertions at the same offset keep their order. */
export function applySplices(text: string, splices: Splice[]): string {
  const sorted = splices.map((s, i) => ({ ...s, i })).sort((a, b) => a.start - b.start || a.end - b.end || a.i - b.i);
  let out = "";
  let at = 0;
  for (const s of sorted) {
    if (s.start < at) throw new Error("applySplices: overlapping edits");
    out += text.slice(at, s.start) + s.text;
    at = s.end;
  }
  return out + text.slice(at);
}

/** ST_Xstring escapes for an attribute (line breaks in a table column name become `_x000a_`, as Excel writes them). */
export function xstringAttr(s: string): string {
  return s
    .replace(/_(?=x[0-9a-fA-F]{4}_)/g, "_x005F_")
    .replace(/[\u0000-\u001f]/g, (c) => `_x${c.charCodeAt(0).toString(16).padStart(4, "0")}_`);
}
