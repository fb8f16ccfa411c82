/**
 * Sheet plan of «Профиль ОО Y» (issue 15): one printable A4 page per school — three years of units as a table with
 * the low ones marked, a small native chart of the failure share by procedure, dynamics and markers, the status line
 * (flags, rules, list change), curator and partner, ИСБ, signs of non-objective results and risks when the registers
 * have them, the exit conditions of a ШНОР or the early warnings, and the roadmap progress when the programme sheets
 * exist. The plan lays each page out itself: every row has a planned height, each school starts on a new page and the
 * print scale is chosen so that the tallest page still fits one A4 sheet.
 */
import { describeSettings, formatDynamics } from "./annualListPlan";
import {
  formatAcademicYear,
  formatDate,
  formatDeltaPp,
  formatNumber,
  formatPercent,
  ordinalYear,
  schoolLabel,
} from "./format";
import { wrappedLines } from "./layout";
import type { DynamicsValue, SchoolAssessment } from "./list.types";
import type { ProfileCell, ProgrammeProgress, SchoolProfile } from "./profile";
import type { Settings } from "./settings";
import { safeSheetName, type BlockPlan, type CellStyle, type ChartPlan, type SheetPlan } from "./sheetPlan";
import type { CellValue } from "./types";
import { exitUnitText } from "./watch";
import { WARNING_LABELS } from "./watchPlan";

/** First and last header of the three-year table: the profile sheet's signature (never read back as a register). */
export const PROFILE_TABLE_FIRST_HEADER = "Работа (процедура, класс, предмет)";
export const PROFILE_TABLE_LAST_HEADER = "Изменение, п.п.";

/** Column widths (characters): work, three years, change. Sum 86 ≈ 470 pt in Calibri — inside A4 portrait's 523 pt. */
export const PROFILE_WIDTHS = [27, 16, 16, 16, 11] as const;
const COLS = PROFILE_WIDTHS.length;

/**
 * Printable height of an A4 portrait page in points at scale 100 % (841.9 pt less the plan's 0.6″ margins), less a
 * reserve for the difference between our line estimate and a renderer's. The print scale brings the tallest school's
 * page under it.
 */
export const PAGE_HEIGHT_POINTS = 841.9 - 2 * 0.6 * 72;
export const PAGE_BUDGET_POINTS = PAGE_HEIGHT_POINTS - 25;
/** Printable width of an A4 portrait page in points (595.3 pt less the plan's 0.5″ margins). */
export const PAGE_WIDTH_POINTS = 595.3 - 2 * 0.5 * 72;
/**
 * How much wider than Calibri the page may print where Calibri is missing (LibreOffice falls back to DejaVu Sans,
 * whose digits — the unit of column widths — are about 1.25 times as wide): the scale leaves room for it.
 */
export const FONT_FALLBACK_FACTOR = 1.3;

/** Line heights in points for the fonts of the page. */
const LINE_10 = 13;
const LINE_11 = 15;
/**
 * Characters of 10-pt text per unit of column width: about 1.15 in Calibri, about 1.05 in the DejaVu Sans LibreOffice
 * falls back to (its letters are wider against its digits); the smaller keeps wrapped text inside its planned rows.
 */
const CHARS_10 = 1.0;
/** Table cells are mostly digits, the unit of column widths itself: a digit is one unit in any font. */
const CHARS_CELL = 1.15;
/** Rows the chart spans (and its data block's neighbours). */
const CHART_ROWS = 9;

const TITLE: CellStyle = { bold: true, fontSize: 14, vertical: "middle" };
const SUB: CellStyle = { italic: true, fontSize: 10, wrap: true, vertical: "top" };
const STATUS: CellStyle = { bold: true, fontSize: 11, wrap: true, vertical: "top" };
const SECTION: CellStyle = { bold: true, fontSize: 11, fontColor: "#1F4E79", vertical: "bottom" };
const TEXT: CellStyle = { fontSize: 10, wrap: true, vertical: "top" };
const HEAD: CellStyle = {
  bold: true,
  fontSize: 10,
  fill: "#1F4E79",
  fontColor: "#FFFFFF",
  wrap: true,
  horizontal: "center",
  vertical: "middle",
  border: "thin",
};
const CELL: CellStyle = { fontSize: 10, border: "thin", vertical: "top", horizontal: "center" };
const CELL_LEFT: CellStyle = { ...CELL, horizontal: "left", wrap: true };
const LOW: CellStyle = { ...CELL, bold: true, fill: "#FCE4E4", fontColor: "#9C0006" };

export interface ProfilePlanOptions {
  generatedAt: Date;
  /** The list's settings (threshold and minimum in the legend, the criteria line). */
  settings: Settings;
  /** The list year, for a plan without profiles. */
  year: number;
}

/** «Профиль ОО 2025». */
export function profileSheetName(year: number): string {
  return safeSheetName(`Профиль ОО ${year}`);
}

/** «34,0 % (17 из 50)», «нет участников», «—» for no result. */
export function profileCellText(c: ProfileCell | null): string {
  if (!c) return "—";
  if (c.share === null) return "нет участников";
  return `${formatPercent(c.share)} (${c.failed} из ${c.participants})`;
}

function listChangeText(s: SchoolAssessment, year: number): string {
  if (s.change === "включена") return "включена в список впервые";
  if (s.change === "исключена") return `исключена из списка (была в списке на ${year - 1} год)`;
  if (s.change === "остаётся")
    return s.yearsOnList ? `остаётся в списке ${ordinalYear(s.yearsOnList)} год` : "остаётся в списке";
  return s.changeNote ?? "";
}

/** The status line: flags, rules, change. */
export function profileStatusLine(s: SchoolAssessment, year: number): string {
  const flags = s.status?.length ? s.status.join(", ") : s.shnor ? "ШНОР" : "не ШНОР";
  const parts = [`Статус на ${year} год: ${flags}`];
  if (s.shnor) parts.push(s.rules.length > 1 ? `правила ${s.rules.join(" и ")}` : `правило ${s.rules[0]}`);
  const change = listChangeText(s, year);
  if (change) parts.push(change);
  if (!s.shnor && s.warnings.length)
    parts.push(`на контроле: ${s.warnings.map((w) => WARNING_LABELS[w.kind]).join(", ")}`);
  return parts.join(" · ");
}

function dynamicsLine(label: string, d: DynamicsValue): string {
  return `${label}: ${formatDynamics(d)}`;
}

function programmeLines(p: ProgrammeProgress): string[] {
  const m = p.measures;
  const share = m.total > 0 ? ` (${formatNumber((100 * m.done) / m.total, 0)} %)` : "";
  const parts = [`мероприятий ${m.total}, выполнено ${m.done}${share}`];
  if (m.inProgress !== undefined) parts.push(`в работе ${m.inProgress}`);
  if (m.overdue !== undefined) parts.push(`просрочено ${m.overdue}`);
  const lines = [`${capital(parts.join(", "))}${p.asOf ? ` — на ${formatDate(p.asOf)}` : ""}.`];
  if (p.indicators) lines.push(`Показатели программы: достигнуто ${p.indicators.reached} из ${p.indicators.total}.`);
  return lines;
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Rows, blocks and heights of one page, written top to bottom. */
class Page {
  readonly blocks: BlockPlan[] = [];
  readonly charts: ChartPlan[] = [];
  readonly heights: Record<number, number> = {};
  constructor(public row: number) {}

  private height(h: number): void {
    this.heights[this.row] = Math.max(this.heights[this.row] ?? 0, Math.round(h * 10) / 10);
  }

  /** Text merged across `span` columns from `col`, wrapped, its row as tall as its lines. */
  text(text: string, style: CellStyle, opts: { col?: number; span?: number; line?: number; min?: number } = {}): void {
    const col = opts.col ?? 0;
    const span = opts.span ?? COLS - col;
    let width = 0;
    for (let k = 0; k < span; k++) width += PROFILE_WIDTHS[col + k];
    const line = opts.line ?? (style.fontSize && style.fontSize >= 11 ? LINE_11 : LINE_10);
    const lines = style.wrap ? wrappedLines(text, width, style.fontSize && style.fontSize >= 11 ? 0.92 : CHARS_10) : 1;
    const block: BlockPlan = { at: { row: this.row, col }, values: [[text]], style };
    if (span > 1) block.mergeAcross = span;
    this.blocks.push(block);
    this.height(Math.max(opts.min ?? 0, lines * line + (lines > 1 ? 2 : 0)));
    this.row++;
  }

  /** One row of cells, each with its style (runs of one style become one block). */
  cells(values: CellValue[], styles: CellStyle[], height: number, numberFormat?: string): void {
    let start = 0;
    for (let i = 1; i <= values.length; i++) {
      if (i < values.length && styles[i] === styles[start]) continue;
      const block: BlockPlan = {
        at: { row: this.row, col: start },
        values: [values.slice(start, i)],
        style: styles[start],
      };
      if (numberFormat) block.numberFormat = numberFormat;
      this.blocks.push(block);
      start = i;
    }
    this.height(height);
    this.row++;
  }

  gap(h: number): void {
    this.height(h);
    this.row++;
  }
}

/** Height of a table row whose first cell wraps in its column. */
function tableRowHeight(values: string[]): number {
  let lines = 1;
  values.forEach((v, i) => {
    lines = Math.max(lines, wrappedLines(v, PROFILE_WIDTHS[i], CHARS_CELL));
  });
  return lines * LINE_10 + 3;
}

/** Lay out one school's page from row `top`; returns the page (its rows end at page.row). */
function schoolPage(p: SchoolProfile, top: number, generatedAt: Date, settingsLine: string, settings: Settings): Page {
  const s = p.school;
  const y = p.year;
  const page = new Page(top);

  // ---- who ----
  page.text(`Профиль ОО: ${schoolLabel(s)}`, { ...TITLE, wrap: true }, { line: 20 });
  const info = s.info;
  const identity = [
    s.code ? `Код ОО ${s.code}` : null,
    s.municipality ?? null,
    info?.type ?? null,
    info?.locality ?? null,
    `учебные годы ${formatAcademicYear(p.years[0])}–${formatAcademicYear(y)}`,
  ].filter((x): x is string => !!x);
  page.text(identity.join(" · "), SUB);
  page.text(profileStatusLine(s, y), STATUS);
  const people: string[] = [];
  const curator = s.curator?.name ?? info?.curator ?? null;
  if (curator) people.push(`Куратор: ${curator}`);
  const partner = s.partner ?? (info?.partner ? { school: info.partner, suggested: false, reason: "" } : null);
  if (partner) {
    people.push(`Школа-партнёр: ${partner.school}${partner.suggested ? ` (${partner.reason})` : ""}`);
  }
  if (people.length) page.text(people.join(" · "), TEXT);
  if (s.sbi) {
    const sscu = s.sscu ? " — ШССУ" : "";
    const res = s.resilienceNote ? `; ${s.resilienceNote}` : "";
    page.text(`ИСБ ${formatNumber(s.sbi.value, 2)}${sscu} (${formatAcademicYear(s.sbi.year)})${res}`, TEXT);
  }
  page.gap(6);

  // ---- three years of units ----
  page.text("Результаты по работам: доля не справившихся («2» или ниже порога) из участников", SECTION, { line: 18 });
  const header = [PROFILE_TABLE_FIRST_HEADER, ...p.years.map(formatAcademicYear), PROFILE_TABLE_LAST_HEADER];
  page.cells(
    header,
    header.map(() => HEAD),
    tableRowHeight(header),
  );
  if (p.rows.length === 0) {
    page.text(`Нет результатов за ${formatAcademicYear(p.years[0])}–${formatAcademicYear(y)} учебные годы`, {
      ...CELL_LEFT,
      italic: true,
    });
  }
  for (const r of p.rows) {
    const texts = [r.title, ...r.cells.map(profileCellText), r.delta === null ? "—" : signed(r.delta)];
    const styles = [CELL_LEFT, ...r.cells.map((c) => (c?.low ? LOW : CELL)), CELL];
    page.cells(texts, styles, tableRowHeight(texts));
  }
  page.text(
    `Выделены низкие результаты: не менее ${thresholdText(settings.threshold)} не справившихся при числе участников ` +
      `не меньше ${settings.minParticipants}; «—» — работы не было. Изменение — к ${formatAcademicYear(y - 1)}.`,
    SUB,
  );
  page.gap(6);

  // ---- chart data, then dynamics and markers beside the chart ----
  if (p.series.length) {
    const dataTop = page.row;
    const head = ["Доля не справившихся по процедуре, %", ...p.years.map(formatAcademicYear)];
    page.cells(head, [CELL_LEFT, CELL, CELL, CELL], tableRowHeight(head));
    for (const series of p.series) {
      page.cells(
        [series.procedure, ...series.percents.map((v) => (v === null ? null : Math.round(v * 10) / 10))],
        [CELL_LEFT, CELL, CELL, CELL],
        LINE_10 + 3,
        "0.0",
      );
    }
    const dataRef = `A${dataTop + 1}:D${page.row}`;
    page.gap(4);
    page.charts.push({
      kind: "column",
      title: "Доля не справившихся, %",
      dataRef,
      seriesBy: "rows",
      at: { row: page.row, col: 2 },
      size: { rows: CHART_ROWS, cols: 3 },
    });
  }
  const regionTop = page.row;
  const side: [string, CellStyle][] = [[`Динамика к ${formatAcademicYear(y - 1)} учебному году`, SECTION]];
  side.push([dynamicsLine("Доля «2» ВПР", s.dynamics.vprFail), TEXT]);
  side.push([dynamicsLine("Доля «2» ОГЭ", s.dynamics.ogeFail), TEXT]);
  side.push([dynamicsLine("Успеваемость", s.dynamics.success), TEXT]);
  side.push([dynamicsLine("Качество", s.dynamics.quality), TEXT]);
  side.push([`Маркеры ШНОР (классы с низкими результатами): ${s.markers.length ? s.markers.join(", ") : "нет"}`, TEXT]);
  const sideSpan = p.series.length ? 2 : COLS;
  for (const [text, style] of side) page.text(text, style, { span: sideSpan, line: style === SECTION ? 18 : LINE_10 });
  if (p.series.length) {
    // The chart spans CHART_ROWS rows, whatever the side column took.
    while (page.row < regionTop + CHART_ROWS) page.gap(LINE_11);
  }
  page.gap(6);

  // ---- low units ----
  page.text(`Низкие результаты ${formatAcademicYear(y - 1)} и ${formatAcademicYear(y)} учебных годов`, SECTION, {
    line: 18,
  });
  const low = [...s.reasons];
  if (!s.hasCurrentYear) low.push(`нет результатов за ${formatAcademicYear(y)} учебный год`);
  if (!s.hasPreviousYear)
    low.push(`нет результатов за ${formatAcademicYear(y - 1)} учебный год — правило 2 не проверено`);
  page.text(low.length ? low.join("; ") : "нет", TEXT);

  // ---- exit conditions (ШНОР) or warnings ----
  if (s.exit) {
    page.text(`Что нужно, чтобы покинуть список на ${y + 1} год`, SECTION, { line: 18 });
    for (const u of s.exit.units) page.text(`• ${exitUnitText(u)}`, TEXT);
    page.text(s.exit.condition, { ...TEXT, italic: true });
  }
  if (s.warnings.length || !s.shnor) {
    page.text(`Предупреждения на ${y + 1} год`, SECTION, { line: 18 });
    if (s.warnings.length === 0) {
      page.text("нет: ни одной низкой работы, ни одной на грани порога, доля «2» не растёт два года подряд", TEXT);
    }
    for (const w of s.warnings) page.text(`• ${w.text}`, TEXT);
  }

  // ---- issue 13: objectivity, risks (only when the registers give them) ----
  if (s.objectivity?.length) {
    page.text("Признаки необъективности результатов", SECTION, { line: 18 });
    for (const o of s.objectivity) page.text(`• ${o.text}`, TEXT);
  }
  const risks = (s.risks ?? []).filter((r) => r.level !== "низкий");
  if (risks.length) {
    page.text("Риски (направления «500+»)", SECTION, { line: 18 });
    const order = { высокий: 0, средний: 1, низкий: 2 } as const;
    risks.sort((a, b) => order[a.level] - order[b.level] || a.direction - b.direction);
    for (const r of risks) {
      const by = r.source === "оценка по данным" ? ` (оценка по данным${r.basis ? `: ${r.basis}` : ""})` : "";
      page.text(`• ${r.direction}. ${r.name} — ${r.level}${by}`, TEXT);
    }
  }

  // ---- roadmap progress, only when the programme sheets exist ----
  if (p.programme) {
    page.text(`Дорожная карта: ${p.programme.source}`, SECTION, { line: 18 });
    for (const line of programmeLines(p.programme)) page.text(line, TEXT);
  }

  page.gap(6);
  page.text(`${settingsLine.replace(/\.+$/, "")}. Сформировано: ${formatDate(generatedAt)}`, SUB);
  return page;
}

/** A change in p.p. without the unit (the column says it): «+3,2», «−1,0», «0,0». */
function signed(delta: number): string {
  return formatDeltaPp(delta).replace(/ п\.п\.$/, "");
}

function thresholdText(t: number): string {
  return `${formatNumber(t, Number.isInteger(t) ? 0 : 1)} %`;
}

/** Width of the page's columns in points, as Excel lays them out (7 px per character plus 5 px, at 96 dpi). */
export function profileWidthPoints(): number {
  return PROFILE_WIDTHS.reduce((sum, w) => sum + (7 * w + 5) * 0.75, 0);
}

/**
 * The print scale (percent) at which a page `height` points tall fits the page budget and the columns fit the page
 * width even in a wider fallback font; 100 at most, 10 at least.
 */
export function pageScale(height: number): number {
  const byWidth = (100 * PAGE_WIDTH_POINTS) / (profileWidthPoints() * FONT_FALLBACK_FACTOR);
  const byHeight = height > PAGE_BUDGET_POINTS ? (100 * PAGE_BUDGET_POINTS) / height : 100;
  return Math.max(10, Math.min(100, Math.floor(Math.min(byWidth, byHeight))));
}

/**
 * «Профиль ОО Y»: one page per school (profiles in the order given), a page break before each school but the first,
 * the print scale chosen so that the tallest page fits one A4 page.
 */
export function profilePlan(profiles: SchoolProfile[], options: ProfilePlanOptions): SheetPlan {
  const year = profiles[0]?.year ?? options.year;
  const settingsLine = describeSettings(options.settings);
  const blocks: BlockPlan[] = [];
  const charts: ChartPlan[] = [];
  const rowHeights: Record<number, number> = {};
  const breaks: number[] = [];
  let row = 0;
  let tallest = 0;
  for (const p of profiles) {
    if (row > 0) breaks.push(row);
    const page = schoolPage(p, row, options.generatedAt, settingsLine, options.settings);
    for (const b of page.blocks) blocks.push(b);
    for (const c of page.charts) charts.push(c);
    let height = 0;
    for (let r = row; r < page.row; r++) {
      const h = page.heights[r] ?? LINE_11;
      rowHeights[r] = h;
      height += h;
    }
    tallest = Math.max(tallest, height);
    row = page.row;
  }
  if (profiles.length === 0) {
    blocks.push({ at: { row: 0, col: 0 }, values: [["Нет школ для профиля"]], style: TITLE });
  }
  const widths: Record<number, number> = {};
  PROFILE_WIDTHS.forEach((w, i) => (widths[i] = w));
  return {
    name: profileSheetName(year),
    kind: "profile",
    year,
    blocks,
    conditionalFormats: [],
    validations: [],
    charts,
    print: { orientation: "portrait", paper: "A4", fitToWidth: false, scale: pageScale(tallest), breaksBefore: breaks },
    widths,
    rowHeights,
  };
}
