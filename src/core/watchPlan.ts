/**
 * The blocks issue 15 adds under the annual list's summary: «На контроле» (schools that are not ШНОР and have an
 * early warning for the list of Y+1, with the units and numbers) and the list at other thresholds (sensitivity).
 * Pure sheet-plan data; row heights are planned here because merged wrapped text is autofitted by no host.
 */
import { formatAcademicYear, formatNumber, schoolLabel } from "./format";
import { LINE_HEIGHT_POINTS, wrappedLines } from "./layout";
import type { AnnualList, SchoolAssessment } from "./list.types";
import type { BlockPlan, CellStyle, ColumnPlan } from "./sheetPlan";
import type { CellValue } from "./types";
import { isWatched } from "./annualList";
import type { WarningKind } from "./watch";

/** Russian names of the kinds of warning (sheet, pane, CLI). */
export const WARNING_LABELS: Record<WarningKind, string> = {
  "one-low": "одна низкая работа",
  "near-threshold": "на грани порога",
  rising: "растёт доля «2»",
};

const TITLE: CellStyle = { bold: true, fontSize: 12 };
const HEAD: CellStyle = {
  bold: true,
  fill: "#1F4E79",
  fontColor: "#FFFFFF",
  wrap: true,
  horizontal: "center",
  vertical: "middle",
  border: "thin",
};
const BODY: CellStyle = { wrap: true, vertical: "top", border: "thin" };
const BODY_CENTER: CellStyle = { ...BODY, horizontal: "center" };
const BASE_ROW: CellStyle = { ...BODY, bold: true, fill: "#F2F2F2" };

/** Height in points of a row whose cells are `texts` in merged spans `widths` wide (one line at least). */
export function linesHeight(cells: { text: string; width: number }[]): number {
  let lines = 1;
  for (const c of cells) lines = Math.max(lines, wrappedLines(c.text, c.width));
  return lines * LINE_HEIGHT_POINTS;
}

function percent(t: number): string {
  return `${formatNumber(t, Number.isInteger(t) ? 0 : 1)} %`;
}

interface Span {
  col: number;
  span: number;
}

/** Column spans of the blocks, over the list's columns (keys of ANNUAL_LIST_COLUMNS). */
function spans(cols: ColumnPlan[]): {
  no: Span;
  school: Span;
  code: Span;
  kinds: Span;
  text: Span;
  width: (s: Span) => number;
} {
  const at = (key: string, fallback: number): number => {
    const i = cols.findIndex((c) => c.key === key);
    return i === -1 ? fallback : i;
  };
  const school = at("school", 1);
  const code = at("code", 2);
  const status = at("status", 3);
  const reasons = at("reasons", 5);
  const last = cols.length - 1;
  const textEnd = Math.max(reasons, Math.min(last, reasons + 6));
  return {
    no: { col: 0, span: 1 },
    school: { col: school, span: 1 },
    code: { col: code, span: 1 },
    kinds: { col: status, span: Math.max(1, reasons - status) },
    text: { col: reasons, span: textEnd - reasons + 1 },
    width: (s) => {
      let w = 0;
      for (let k = 0; k < s.span; k++) w += cols[s.col + k]?.width ?? 8.43;
      return w;
    },
  };
}

function cell(row: number, sp: Span, value: CellValue, style: CellStyle): BlockPlan {
  const b: BlockPlan = { at: { row, col: sp.col }, values: [[value]], style };
  if (sp.span > 1) b.mergeAcross = sp.span;
  return b;
}

/** The school's warnings as the «На контроле» row shows them. */
export function watchRowTexts(s: SchoolAssessment): { kinds: string; text: string } {
  return {
    kinds: s.warnings.map((w) => WARNING_LABELS[w.kind]).join("\n"),
    text: s.warnings.map((w) => w.text).join("\n"),
  };
}

/**
 * «На контроле» and «Чувствительность к порогу» blocks starting at 0-based row `top`, laid out over the list's
 * columns `cols`. Returns the blocks, their row heights and the first row below them.
 */
export function watchPlanBlocks(
  list: AnnualList,
  cols: ColumnPlan[],
  top: number,
): { blocks: BlockPlan[]; rowHeights: Record<number, number>; next: number } {
  const sp = spans(cols);
  const blocks: BlockPlan[] = [];
  const rowHeights: Record<number, number> = {};
  const y = list.year;
  let r = top;

  // ---- На контроле ----
  blocks.push({
    at: { row: r, col: 0 },
    values: [[`На контроле: школы, которые могут войти в список на ${y + 1} год (если ничего не изменится)`]],
    style: TITLE,
    mergeAcross: cols.length,
  });
  r++;
  const total = sp.width({ col: 0, span: cols.length });
  const note =
    `по результатам ${formatAcademicYear(y)} учебного года: одна низкая работа (любая низкая в ${formatAcademicYear(y + 1)} — правило 2), ` +
    `доля «2» на грани порога (до ${formatNumber(list.settings.watchBand, Number.isInteger(list.settings.watchBand) ? 0 : 1)} п.п. ниже), доля «2» растёт два года подряд`;
  rowHeights[r] = linesHeight([{ text: note, width: total }]);
  blocks.push({
    at: { row: r, col: 0 },
    values: [[note]],
    style: { italic: true, wrap: true },
    mergeAcross: cols.length,
  });
  r++;
  const headers: [Span, string][] = [
    [sp.no, "№"],
    [sp.school, "Школа"],
    [sp.code, "Код ОО"],
    [sp.kinds, "Предупреждение"],
    [sp.text, "Что именно (работы и числа)"],
  ];
  for (const [s, h] of headers) blocks.push(cell(r, s, h, HEAD));
  rowHeights[r] = linesHeight([{ text: "Предупреждение", width: sp.width(sp.kinds) }]);
  r++;
  const watched = list.schools.filter(isWatched);
  if (watched.length === 0) {
    blocks.push(cell(r, { col: 0, span: sp.text.col + sp.text.span }, "Школ на контроле нет", BODY));
    r++;
  } else {
    // One block per column (rows of one style): the block count does not grow with the list.
    const first = r;
    const columns = { no: [] as CellValue[][], school: [] as CellValue[][], code: [] as CellValue[][] };
    const kindsCol: CellValue[][] = [];
    const textCol: CellValue[][] = [];
    watched.forEach((s, i) => {
      const { kinds, text } = watchRowTexts(s);
      const label = schoolLabel(s);
      columns.no.push([i + 1]);
      columns.school.push([label]);
      columns.code.push([s.code ?? ""]);
      kindsCol.push([kinds]);
      textCol.push([text]);
      rowHeights[r] = linesHeight([
        { text: label, width: sp.width(sp.school) },
        { text: kinds, width: sp.width(sp.kinds) },
        { text, width: sp.width(sp.text) },
      ]);
      r++;
    });
    const column = (span: Span, values: CellValue[][], style: CellStyle, numberFormat?: string): BlockPlan => {
      const b: BlockPlan = { at: { row: first, col: span.col }, values, style };
      if (span.span > 1) b.mergeAcross = span.span;
      if (numberFormat) b.numberFormat = numberFormat;
      return b;
    };
    blocks.push(column(sp.no, columns.no, BODY_CENTER));
    blocks.push(column(sp.school, columns.school, BODY));
    blocks.push(column(sp.code, columns.code, BODY, "@"));
    blocks.push(column(sp.kinds, kindsCol, BODY));
    blocks.push(column(sp.text, textCol, BODY));
  }
  r++;

  // ---- Чувствительность к порогу ----
  const sens = list.sensitivity;
  const names = new Map(list.schools.map((s) => [s.schoolKey, schoolLabel(s)]));
  blocks.push({
    at: { row: r, col: 0 },
    values: [[`Чувствительность к порогу: список ШНОР на ${y} год при другом пороге низкого результата`]],
    style: TITLE,
    mergeAcross: cols.length,
  });
  r++;
  const enteredSpan: Span = { col: sp.text.col, span: Math.max(1, Math.ceil(sp.text.span / 2)) };
  const leftSpan: Span = {
    col: enteredSpan.col + enteredSpan.span,
    span: Math.max(1, sp.text.col + sp.text.span - (enteredSpan.col + enteredSpan.span)),
  };
  const thresholdSpan: Span = { col: 0, span: sp.school.col + 1 };
  const countSpan: Span = { col: sp.code.col, span: Math.max(1, sp.text.col - sp.code.col) };
  const sensHeaders: [Span, string][] = [
    [thresholdSpan, "Порог (не менее … не справившихся)"],
    [countSpan, "ШНОР"],
    [enteredSpan, "Войдут в список"],
    [leftSpan, "Выйдут из списка"],
  ];
  for (const [s, h] of sensHeaders) blocks.push(cell(r, s, h, HEAD));
  rowHeights[r] = linesHeight(sensHeaders.map(([s, h]) => ({ text: h, width: sp.width(s) })));
  r++;
  for (const c of sens.columns) {
    const style = c.base ? BASE_ROW : BODY;
    const label = c.base ? `${percent(c.threshold)} — порог списка` : percent(c.threshold);
    const entered = c.base ? "—" : c.entered.map((k) => names.get(k) ?? k).join("\n") || "никто";
    const left = c.base ? "—" : c.left.map((k) => names.get(k) ?? k).join("\n") || "никто";
    blocks.push(cell(r, thresholdSpan, label, style));
    blocks.push(cell(r, countSpan, c.shnor, { ...style, horizontal: "center" }));
    blocks.push(cell(r, enteredSpan, entered, style));
    blocks.push(cell(r, leftSpan, left, style));
    rowHeights[r] = linesHeight([
      { text: entered, width: sp.width(enteredSpan) },
      { text: left, width: sp.width(leftSpan) },
    ]);
    r++;
  }
  return { blocks, rowHeights, next: r };
}
