/**
 * The styles part of a grafted package (issue 12): the user's `styles.xml` only gains entries. New fonts, fills,
 * borders, number formats, cell formats (cellXfs) and differential formats (dxfs, for conditional formatting) are
 * appended at the end of their collections, so every existing index keeps its meaning; the collections' `count`
 * attributes are updated; every other byte of the part stays as it was. Named cell styles, table styles, colours and
 * extensions are never touched.
 */
import type { CellStyle } from "../core/sheetPlan";
import { applySplices, escapeAttr, qn, scanXml, XmlError, type Splice } from "./xml";

/** A cell's format as the sheet writer resolves it (plan style + column format + value kind). */
export interface CellFormat {
  bold?: boolean;
  italic?: boolean;
  fontSize?: number;
  fontColor?: string;
  fill?: string;
  border?: "thin" | "none";
  numberFormat?: string;
  horizontal?: "left" | "center" | "right";
  vertical?: "top" | "middle" | "bottom";
  wrap?: boolean;
  /** The text prefix (Excel's apostrophe): the cell's text is never re-read as a formula, number or date. */
  quotePrefix?: boolean;
}

/** Built-in number formats (ECMA-376 §18.8.30) that need no numFmt entry. */
const BUILTIN_FORMATS: Record<string, number> = {
  General: 0,
  "0": 1,
  "0.00": 2,
  "#,##0": 3,
  "#,##0.00": 4,
  "0%": 9,
  "0.00%": 10,
  "0.00E+00": 11,
  "# ?/?": 12,
  "# ??/??": 13,
  "@": 49,
};

/** Children of styleSheet in schema order (CT_Stylesheet). */
const ORDER = [
  "numFmts",
  "fonts",
  "fills",
  "borders",
  "cellStyleXfs",
  "cellXfs",
  "cellStyles",
  "dxfs",
  "tableStyles",
  "colors",
  "extLst",
] as const;
type CollectionName = (typeof ORDER)[number];

interface Collection {
  /** Start tag offsets (the empty-element tag when `empty`). */
  start: number;
  startEnd: number;
  /** Offset of the end tag (where appended children go). */
  closeAt: number;
  empty: boolean;
  /** Number of child elements actually present (the index the next one gets). */
  children: number;
  startTag: string;
}

/** «#RRGGBB» → «FFRRGGBB». */
export function argb(color: string): string {
  const hex = color.replace(/^#/, "").toUpperCase();
  return hex.length === 6 ? `FF${hex}` : hex.padStart(8, "F");
}

/** The default styles part of a new workbook (Calibri 11, the two fills Excel requires, one empty border). */
export function defaultStylesXml(mainNs: string): string {
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<styleSheet xmlns="${mainNs}">` +
    `<fonts count="1"><font><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><charset val="204"/><scheme val="minor"/></font></fonts>` +
    `<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
    `<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
    `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
    `<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>` +
    `<cellStyles count="1"><cellStyle name="Обычный" xfId="0" builtinId="0"/></cellStyles>` +
    `<dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>` +
    `</styleSheet>`
  );
}

export class StyleBook {
  private readonly collections = new Map<CollectionName, Collection>();
  private readonly added: Record<"numFmts" | "fonts" | "fills" | "borders" | "cellXfs" | "dxfs", string[]> = {
    numFmts: [],
    fonts: [],
    fills: [],
    borders: [],
    cellXfs: [],
    dxfs: [],
  };
  private readonly keys = new Map<string, number>();
  private readonly numFmtIds = new Map<string, number>();
  private nextNumFmtId = 164;
  private prefix = "";
  private rootClose = -1;
  /** The workbook's default font (fonts[0]) children, reused so new fonts match the workbook. */
  private baseFont = { name: "Calibri", size: 11, family: "", scheme: "", charset: "", color: "" };
  private hasCellStyleXfs = false;

  constructor(private readonly xml: string) {
    let current: CollectionName | null = null;
    let inFirstFont = false;
    let childStart = -1;
    scanXml(xml, (tag) => {
      if (tag.depth === 0) {
        if (tag.local !== "styleSheet") throw new XmlError("часть стилей без styleSheet");
        this.prefix = tag.prefix;
        if (tag.kind === "end") this.rootClose = tag.start;
        return;
      }
      if (tag.depth === 1) {
        const name = (ORDER as readonly string[]).includes(tag.local) ? (tag.local as CollectionName) : null;
        if (tag.kind === "end") {
          if (name && this.collections.has(name)) this.collections.get(name)!.closeAt = tag.start;
          current = null;
          return;
        }
        if (!name) return;
        this.collections.set(name, {
          start: tag.start,
          startEnd: tag.end,
          closeAt: tag.kind === "empty" ? tag.start : -1,
          empty: tag.kind === "empty",
          children: 0,
          startTag: xml.slice(tag.start, tag.end),
        });
        current = tag.kind === "start" ? name : null;
        return;
      }
      if (!current) return;
      const coll = this.collections.get(current)!;
      if (tag.depth === 2 && tag.kind !== "end") {
        coll.children++;
        childStart = tag.start;
        if (tag.kind === "empty") this.remember(current, xml.slice(tag.start, tag.end), coll.children - 1);
        if (current === "fonts" && coll.children === 1) inFirstFont = tag.kind === "start";
        if (current === "numFmts") {
          const id = Number(tag.attrs.get("numFmtId"));
          const code = tag.attrs.get("formatCode") ?? "";
          if (Number.isFinite(id)) this.nextNumFmtId = Math.max(this.nextNumFmtId, id + 1);
          if (!this.numFmtIds.has(code) && Number.isFinite(id)) this.numFmtIds.set(code, id);
        }
        if (current === "cellStyleXfs") this.hasCellStyleXfs = true;
        return;
      }
      if (tag.depth === 2 && tag.kind === "end") {
        if (current === "fonts") inFirstFont = false;
        if (childStart >= 0) this.remember(current, xml.slice(childStart, tag.end), coll.children - 1);
        childStart = -1;
      }
      if (tag.depth === 3 && current === "fonts" && inFirstFont && tag.kind !== "end") {
        const val = tag.attrs.get("val");
        if (tag.local === "name" && val) this.baseFont.name = val;
        else if (tag.local === "sz" && val && Number.isFinite(Number(val))) this.baseFont.size = Number(val);
        else if (tag.local === "family" && val) this.baseFont.family = val;
        else if (tag.local === "scheme" && val) this.baseFont.scheme = val;
        else if (tag.local === "charset" && val) this.baseFont.charset = val;
        else if (tag.local === "color") {
          this.baseFont.color = [...tag.attrs]
            .filter(([k]) => ["rgb", "theme", "indexed", "tint", "auto"].includes(k))
            .map(([k, v]) => ` ${k}="${escapeAttr(v)}"`)
            .join("");
        }
      }
    });
    if (this.rootClose < 0) throw new XmlError("часть стилей не закрыта");
  }

  /**
   * An existing entry written exactly as we would write it (our own, from an earlier build) is reused, so that
   * rebuilding a generated sheet does not grow the part; anything else keeps its index and is never changed.
   */
  private remember(name: CollectionName, raw: string, index: number): void {
    if (name !== "fonts" && name !== "fills" && name !== "borders" && name !== "cellXfs" && name !== "dxfs") return;
    const key = `${name}${raw}`;
    if (!this.existing.has(key)) this.existing.set(key, index);
  }
  private readonly existing = new Map<string, number>();

  /** Index of a new dxf (differential format, for conditional formatting) for this plan style. */
  dxf(style: CellStyle): number {
    const p = this.prefix;
    let font = "";
    if (style.bold) font += `<${qn(p, "b")}/>`;
    if (style.italic) font += `<${qn(p, "i")}/>`;
    if (style.fontColor) font += `<${qn(p, "color")} rgb="${argb(style.fontColor)}"/>`;
    let xml = font ? `<${qn(p, "font")}>${font}</${qn(p, "font")}>` : "";
    if (style.fill) {
      xml += `<${qn(p, "fill")}><${qn(p, "patternFill")}><${qn(p, "bgColor")} rgb="${argb(style.fill)}"/></${qn(p, "patternFill")}></${qn(p, "fill")}>`;
    }
    return this.dedupe("dxfs", `<${qn(p, "dxf")}>${xml}</${qn(p, "dxf")}>`);
  }

  /** Index in cellXfs of a cell format (deduplicated). */
  cellXf(f: CellFormat): number {
    const key = JSON.stringify([
      f.bold,
      f.italic,
      f.fontSize,
      f.fontColor,
      f.fill,
      f.border,
      f.numberFormat,
      f.horizontal,
      f.vertical,
      f.wrap,
      f.quotePrefix,
    ]);
    const known = this.keys.get(`xf${key}`);
    if (known !== undefined) return known;
    const p = this.prefix;
    const fontId = this.font(f);
    const fillId = f.fill ? this.fill(f.fill) : 0;
    const borderId = f.border === "thin" ? this.border() : 0;
    const numFmtId = f.numberFormat ? this.numFmt(f.numberFormat) : 0;
    let attrs = `numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="${borderId}"`;
    if (this.hasCellStyleXfs) attrs += ` xfId="0"`;
    if (numFmtId) attrs += ` applyNumberFormat="1"`;
    if (fontId) attrs += ` applyFont="1"`;
    if (fillId) attrs += ` applyFill="1"`;
    if (borderId) attrs += ` applyBorder="1"`;
    if (f.quotePrefix) attrs += ` quotePrefix="1"`;
    const V = { top: "top", middle: "center", bottom: "bottom" } as const;
    let al = "";
    if (f.horizontal) al += ` horizontal="${f.horizontal}"`;
    if (f.vertical) al += ` vertical="${V[f.vertical]}"`;
    if (f.wrap) al += ` wrapText="1"`;
    const xml = al
      ? `<${qn(p, "xf")} ${attrs} applyAlignment="1"><${qn(p, "alignment")}${al}/></${qn(p, "xf")}>`
      : `<${qn(p, "xf")} ${attrs}/>`;
    const index = this.add("cellXfs", xml);
    this.keys.set(`xf${key}`, index);
    return index;
  }

  private font(f: CellFormat): number {
    if (!f.bold && !f.italic && f.fontSize === undefined && !f.fontColor) return 0;
    const p = this.prefix;
    const b = this.baseFont;
    let xml = "";
    if (f.bold) xml += `<${qn(p, "b")}/>`;
    if (f.italic) xml += `<${qn(p, "i")}/>`;
    xml += `<${qn(p, "sz")} val="${f.fontSize ?? b.size}"/>`;
    if (f.fontColor) xml += `<${qn(p, "color")} rgb="${argb(f.fontColor)}"/>`;
    else if (b.color) xml += `<${qn(p, "color")}${b.color}/>`;
    xml += `<${qn(p, "name")} val="${escapeAttr(b.name)}"/>`;
    if (b.family) xml += `<${qn(p, "family")} val="${escapeAttr(b.family)}"/>`;
    if (b.charset) xml += `<${qn(p, "charset")} val="${escapeAttr(b.charset)}"/>`;
    // A font of another size than the theme's is still the theme font: keep the scheme only with the base size.
    if (b.scheme && f.fontSize === undefined) xml += `<${qn(p, "scheme")} val="${escapeAttr(b.scheme)}"/>`;
    return this.dedupe("fonts", `<${qn(p, "font")}>${xml}</${qn(p, "font")}>`);
  }

  private fill(color: string): number {
    const p = this.prefix;
    return this.dedupe(
      "fills",
      `<${qn(p, "fill")}><${qn(p, "patternFill")} patternType="solid"><${qn(p, "fgColor")} rgb="${argb(color)}"/>` +
        `<${qn(p, "bgColor")} indexed="64"/></${qn(p, "patternFill")}></${qn(p, "fill")}>`,
    );
  }

  private border(): number {
    const p = this.prefix;
    const side = (s: string): string => `<${qn(p, s)} style="thin"><${qn(p, "color")} rgb="FFBFBFBF"/></${qn(p, s)}>`;
    return this.dedupe(
      "borders",
      `<${qn(p, "border")}>${side("left")}${side("right")}${side("top")}${side("bottom")}<${qn(p, "diagonal")}/></${qn(p, "border")}>`,
    );
  }

  private numFmt(code: string): number {
    if (BUILTIN_FORMATS[code] !== undefined) return BUILTIN_FORMATS[code];
    const known = this.numFmtIds.get(code);
    if (known !== undefined) return known;
    const id = this.nextNumFmtId++;
    this.numFmtIds.set(code, id);
    this.added.numFmts.push(`<${qn(this.prefix, "numFmt")} numFmtId="${id}" formatCode="${escapeAttr(code)}"/>`);
    return id;
  }

  private dedupe(name: "fonts" | "fills" | "borders" | "dxfs", xml: string): number {
    const key = `${name}${xml}`;
    const known = this.keys.get(key);
    if (known !== undefined) return known;
    const index = this.add(name, xml);
    this.keys.set(key, index);
    return index;
  }

  private add(name: keyof StyleBook["added"], xml: string): number {
    const reused = this.existing.get(`${name}${xml}`);
    if (reused !== undefined) return reused;
    const existing = this.collections.get(name)?.children ?? 0;
    // Excel requires the two standard fills first; a part without fills gets them before ours.
    const base = name === "fills" && !this.collections.has("fills") ? 2 : 0;
    this.added[name].push(xml);
    return existing + base + this.added[name].length - 1;
  }

  /** Whether anything was added (the part is then copied as it was). */
  get changed(): boolean {
    return Object.values(this.added).some((a) => a.length > 0);
  }

  /** The styles part with the new entries appended. */
  render(): string {
    if (!this.changed) return this.xml;
    const p = this.prefix;
    const splices: Splice[] = [];
    for (const name of Object.keys(this.added) as (keyof StyleBook["added"])[]) {
      const items = this.added[name];
      if (items.length === 0) continue;
      const coll = this.collections.get(name);
      if (coll) {
        const total = coll.children + items.length;
        const startTag = coll.startTag.replace(/(\scount\s*=\s*)(["'])\d*\2/, `$1"${total}"`);
        if (coll.empty) {
          const open = startTag.replace(/\s*\/>$/, ">");
          splices.push({
            start: coll.start,
            end: coll.startEnd,
            text: `${open}${items.join("")}</${qn(p, name)}>`,
          });
        } else {
          if (startTag !== coll.startTag) splices.push({ start: coll.start, end: coll.startEnd, text: startTag });
          splices.push({ start: coll.closeAt, end: coll.closeAt, text: items.join("") });
        }
      } else {
        const before =
          name === "fills"
            ? `<${qn(p, "fill")}><${qn(p, "patternFill")} patternType="none"/></${qn(p, "fill")}><${qn(p, "fill")}><${qn(p, "patternFill")} patternType="gray125"/></${qn(p, "fill")}>`
            : "";
        const count = items.length + (name === "fills" ? 2 : 0);
        const text = `<${qn(p, name)} count="${count}">${before}${items.join("")}</${qn(p, name)}>`;
        splices.push({ start: this.insertionPoint(name), end: this.insertionPoint(name), text });
      }
    }
    return applySplices(this.xml, splices);
  }

  /** Where a missing collection goes: before the first present collection that follows it in schema order. */
  private insertionPoint(name: CollectionName): number {
    for (let i = ORDER.indexOf(name) + 1; i < ORDER.length; i++) {
      const c = this.collections.get(ORDER[i]);
      if (c) return c.start;
    }
    return this.rootClose;
  }
}
