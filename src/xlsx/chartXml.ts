/**
 * Native charts of a sheet plan (issue 12, for the «Динамика» sheet of issue 14): a DrawingML drawing part anchoring
 * each chart to cells, and one chart part per ChartPlan — a clustered column or a line chart whose series come from
 * the plan's rows or columns. Every series refers to the sheet's cells (so the chart follows edits) and carries a
 * cache of the plan's values (so a reader that does not recalculate still draws it). Elements follow the schema's
 * sequence order (CT_ChartSpace, CT_LineChart, CT_BarChart, CT_CatAx, CT_ValAx), which Excel enforces.
 */
import { columnLetter, parseRange } from "../core/a1";
import type { ChartPlan } from "../core/sheetPlan";
import type { CellValue } from "../core/types";
import type { Namespaces } from "./ns";
import { escapeXml } from "./xml";
import { quoteSheet } from "./workbookPart";

/** Excel's default series colours (Office theme accents), so every reader draws the same chart. */
const PALETTE = ["4472C4", "ED7D31", "A5A5A5", "FFC000", "5B9BD5", "70AD47", "264478", "9E480E", "636363", "997300"];

/** EMU per pixel at 96 dpi; used only for the frame's nominal size (the anchor decides). */
const EMU = 9_525;

export interface ChartAnchor {
  chart: ChartPlan;
  relId: string;
  /** 1-based id of the shape in the drawing. */
  id: number;
}

export function drawingXml(ns: Namespaces, anchors: ChartAnchor[]): string {
  const frames = anchors
    .map(({ chart, relId, id }) => {
      const from = chart.at;
      const to = { row: chart.at.row + Math.max(1, chart.size.rows), col: chart.at.col + Math.max(1, chart.size.cols) };
      return (
        `<xdr:twoCellAnchor editAs="oneCell">` +
        `<xdr:from><xdr:col>${from.col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${from.row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>` +
        `<xdr:to><xdr:col>${to.col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${to.row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>` +
        `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${id + 1}" name="${escapeXml(`Диаграмма ${id}`)}" descr="${escapeXml(chart.title)}"/>` +
        `<xdr:cNvGraphicFramePr><a:graphicFrameLocks noGrp="1"/></xdr:cNvGraphicFramePr></xdr:nvGraphicFramePr>` +
        `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="${chart.size.cols * 64 * EMU}" cy="${chart.size.rows * 20 * EMU}"/></xdr:xfrm>` +
        `<a:graphic><a:graphicData uri="${ns.chartUri}"><c:chart xmlns:c="${ns.chart}" r:id="${relId}"/></a:graphicData></a:graphic>` +
        `</xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`
      );
    })
    .join("");
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<xdr:wsDr xmlns:xdr="${ns.drawing}" xmlns:a="${ns.a}" xmlns:r="${ns.rel}">${frames}</xdr:wsDr>`
  );
}

interface SeriesData {
  nameRef: string;
  name: string;
  catRef: string;
  cats: CellValue[];
  valRef: string;
  vals: CellValue[];
  format: string;
}

function absRange(sheet: string, r0: number, c0: number, r1: number, c1: number): string {
  const a = `$${columnLetter(c0)}$${r0 + 1}`;
  const b = `$${columnLetter(c1)}$${r1 + 1}`;
  return `${quoteSheet(sheet)}!${a}${r0 === r1 && c0 === c1 ? "" : `:${b}`}`;
}

/** The series of a chart plan: from its rows or columns, the first row/column giving names and categories. */
export function chartSeries(
  chart: ChartPlan,
  sheet: string,
  cellAt: (row: number, col: number) => CellValue,
  formatAt: (row: number, col: number) => string | undefined,
): SeriesData[] {
  const box = parseRange(chart.dataRef);
  if (!box) return [];
  const out: SeriesData[] = [];
  if (chart.seriesBy === "columns") {
    const cats: CellValue[] = [];
    for (let r = box.top + 1; r <= box.bottom; r++) cats.push(cellAt(r, box.left));
    for (let c = box.left + 1; c <= box.right; c++) {
      const vals: CellValue[] = [];
      for (let r = box.top + 1; r <= box.bottom; r++) vals.push(cellAt(r, c));
      out.push({
        nameRef: absRange(sheet, box.top, c, box.top, c),
        name: text(cellAt(box.top, c)),
        catRef: absRange(sheet, box.top + 1, box.left, box.bottom, box.left),
        cats,
        valRef: absRange(sheet, box.top + 1, c, box.bottom, c),
        vals,
        format: formatAt(box.top + 1, c) ?? "General",
      });
    }
  } else {
    const cats: CellValue[] = [];
    for (let c = box.left + 1; c <= box.right; c++) cats.push(cellAt(box.top, c));
    for (let r = box.top + 1; r <= box.bottom; r++) {
      const vals: CellValue[] = [];
      for (let c = box.left + 1; c <= box.right; c++) vals.push(cellAt(r, c));
      out.push({
        nameRef: absRange(sheet, r, box.left, r, box.left),
        name: text(cellAt(r, box.left)),
        catRef: absRange(sheet, box.top, box.left + 1, box.top, box.right),
        cats,
        valRef: absRange(sheet, r, box.left + 1, r, box.right),
        vals,
        format: formatAt(r, box.left + 1) ?? "General",
      });
    }
  }
  return out;
}

function text(v: CellValue): string {
  if (v === null || v === undefined) return "";
  if (v instanceof Date)
    return `${String(v.getDate()).padStart(2, "0")}.${String(v.getMonth() + 1).padStart(2, "0")}.${v.getFullYear()}`;
  return String(v);
}

function strRef(ref: string, values: string[]): string {
  const pts = values.map((v, i) => `<c:pt idx="${i}"><c:v>${escapeXml(v)}</c:v></c:pt>`).join("");
  return `<c:strRef><c:f>${escapeXml(ref)}</c:f><c:strCache><c:ptCount val="${values.length}"/>${pts}</c:strCache></c:strRef>`;
}

function numRef(ref: string, values: CellValue[], format: string): string {
  const pts = values
    .map((v, i) => (typeof v === "number" && Number.isFinite(v) ? `<c:pt idx="${i}"><c:v>${v}</c:v></c:pt>` : ""))
    .join("");
  return (
    `<c:numRef><c:f>${escapeXml(ref)}</c:f><c:numCache><c:formatCode>${escapeXml(format)}</c:formatCode>` +
    `<c:ptCount val="${values.length}"/>${pts}</c:numCache></c:numRef>`
  );
}

function richText(s: string, size: number, bold: boolean): string {
  return (
    `<c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="${size}" b="${bold ? 1 : 0}"/></a:pPr>` +
    `<a:r><a:rPr lang="ru-RU" sz="${size}" b="${bold ? 1 : 0}"/><a:t>${escapeXml(s)}</a:t></a:r></a:p></c:rich>`
  );
}

export function chartXml(chart: ChartPlan, ns: Namespaces, series: SeriesData[]): string {
  const catAxId = 500_000_001;
  const valAxId = 500_000_002;
  const ser = series
    .map((s, i) => {
      const cats = s.cats.every((v) => typeof v === "number")
        ? `<c:cat>${numRef(s.catRef, s.cats, "General")}</c:cat>`
        : `<c:cat>${strRef(s.catRef, s.cats.map(text))}</c:cat>`;
      const head = `<c:idx val="${i}"/><c:order val="${i}"/><c:tx>${strRef(s.nameRef, [s.name])}</c:tx>`;
      const val = `<c:val>${numRef(s.valRef, s.vals, s.format)}</c:val>`;
      // Explicit colours: without them some readers (LibreOffice) draw bars without fill and lines without stroke.
      const color = `<a:solidFill><a:srgbClr val="${PALETTE[i % PALETTE.length]}"/></a:solidFill>`;
      return chart.kind === "line"
        ? `<c:ser>${head}<c:spPr><a:ln w="28575" cap="rnd">${color}<a:round/></a:ln></c:spPr>` +
            `<c:marker><c:symbol val="circle"/><c:size val="6"/><c:spPr>${color}<a:ln w="9525">${color}</a:ln></c:spPr></c:marker>` +
            `${cats}${val}<c:smooth val="0"/></c:ser>`
        : `<c:ser>${head}<c:spPr>${color}</c:spPr><c:invertIfNegative val="0"/>${cats}${val}</c:ser>`;
    })
    .join("");
  const axes = `<c:axId val="${catAxId}"/><c:axId val="${valAxId}"/>`;
  const plot =
    chart.kind === "line"
      ? `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>${ser}<c:marker val="1"/>${axes}</c:lineChart>`
      : `<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/>${ser}<c:gapWidth val="150"/>${axes}</c:barChart>`;
  const valFormat = series[0]?.format ?? "General";
  const catAx =
    `<c:catAx><c:axId val="${catAxId}"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/>` +
    `<c:axPos val="b"/><c:numFmt formatCode="General" sourceLinked="1"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/>` +
    `<c:tickLblPos val="nextTo"/><c:crossAx val="${valAxId}"/><c:crosses val="autoZero"/><c:auto val="1"/>` +
    `<c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>`;
  const valAx =
    `<c:valAx><c:axId val="${valAxId}"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/>` +
    `<c:axPos val="l"/><c:majorGridlines/><c:numFmt formatCode="${escapeXml(valFormat)}" sourceLinked="1"/>` +
    `<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>` +
    `<c:crossAx val="${catAxId}"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>`;
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<c:chartSpace xmlns:c="${ns.chart}" xmlns:a="${ns.a}" xmlns:r="${ns.rel}">` +
    `<c:lang val="ru-RU"/><c:roundedCorners val="0"/>` +
    `<c:chart><c:title><c:tx>${richText(chart.title, 1400, true)}</c:tx><c:overlay val="0"/></c:title>` +
    `<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>${plot}${catAx}${valAx}</c:plotArea>` +
    `<c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>` +
    `<c:printSettings><c:headerFooter/><c:pageMargins b="0.75" l="0.7" r="0.7" t="0.75" header="0.3" footer="0.3"/><c:pageSetup/></c:printSettings>` +
    `</c:chartSpace>`
  );
}
