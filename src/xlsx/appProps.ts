/**
 * docProps/app.xml of a grafted package: Excel lists the worksheet names there (HeadingPairs «Листы»/«Worksheets» =
 * N, TitlesOfParts = the names). New sheets are added to that list when it can be identified for certain — the
 * heading pair whose titles are exactly the workbook's worksheets, in order, whatever language its label is in;
 * otherwise (LibreOffice writes no list, a hand-made file may hold anything) the part is left as it was: it is
 * metadata, and no reader checks it against the workbook.
 */
import { applySplices, decodeXml, qn, scanXml, type Splice } from "./xml";
import { escapeXml } from "./xml";

interface Pair {
  label: string;
  count: number;
  /** Offsets of the count's text (inside <vt:i4>). */
  countStart: number;
  countEnd: number;
}

export function addSheetsToAppProps(xml: string, worksheetNames: string[], newNames: string[]): string {
  if (newNames.length === 0) return xml;
  const pairs: Pair[] = [];
  const titles: { text: string; end: number }[] = [];
  let section: "pairs" | "titles" | null = null;
  let titlesVector: { start: number; end: number; tag: string; prefix: string } | null = null;
  let open: { local: string; end: number } | null = null;
  let variantLabel: string | null = null;
  try {
    scanXml(xml, (tag) => {
      if (tag.depth === 1 && tag.kind !== "end") {
        section = tag.local === "HeadingPairs" ? "pairs" : tag.local === "TitlesOfParts" ? "titles" : null;
        return;
      }
      if (tag.depth === 1 && tag.kind === "end") {
        section = null;
        return;
      }
      if (!section) return;
      if (section === "titles" && tag.depth === 2 && tag.local === "vector" && tag.kind === "start") {
        titlesVector = { start: tag.start, end: tag.end, tag: xml.slice(tag.start, tag.end), prefix: tag.prefix };
      }
      if (tag.kind === "start" && (tag.local === "lpstr" || tag.local === "i4" || tag.local === "bstr")) {
        open = { local: tag.local, end: tag.end };
        return;
      }
      if (tag.kind === "end" && open && tag.local === open.local) {
        const text = decodeXml(xml.slice(open.end, tag.start));
        if (section === "titles" && tag.local !== "i4") titles.push({ text, end: tag.end });
        if (section === "pairs") {
          if (tag.local === "i4" && variantLabel !== null) {
            pairs.push({ label: variantLabel, count: Number(text), countStart: open.end, countEnd: tag.start });
            variantLabel = null;
          } else if (tag.local !== "i4") variantLabel = text;
        }
        open = null;
      }
    });
  } catch {
    return xml;
  }
  const vector = titlesVector as { start: number; end: number; tag: string; prefix: string } | null;
  if (!vector) return xml;
  let offset = 0;
  for (const pair of pairs) {
    if (!Number.isInteger(pair.count) || pair.count < 0) return xml;
    const slice = titles.slice(offset, offset + pair.count).map((t) => t.text);
    if (slice.length === worksheetNames.length && slice.every((s, i) => s === worksheetNames[i])) {
      const insertAt = pair.count > 0 ? titles[offset + pair.count - 1].end : (titles[offset - 1]?.end ?? vector.end);
      const lp = qn(vector.prefix, "lpstr");
      const splices: Splice[] = [
        { start: pair.countStart, end: pair.countEnd, text: String(pair.count + newNames.length) },
        { start: insertAt, end: insertAt, text: newNames.map((n) => `<${lp}>${escapeXml(n)}</${lp}>`).join("") },
      ];
      const sized = vector.tag.replace(/(\ssize\s*=\s*)(["'])\d*\2/, `$1"${titles.length + newNames.length}"`);
      if (sized !== vector.tag) splices.push({ start: vector.start, end: vector.end, text: sized });
      return applySplices(xml, splices);
    }
    offset += pair.count;
  }
  return xml;
}
