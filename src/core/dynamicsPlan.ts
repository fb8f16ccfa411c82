/**
 * «Динамика» (SPEC §4; issue 14): per ШНОР school, failure shares by year — ВПР pooled (доля «2»), ОГЭ and ЕГЭ (не
 * преодолели минимальный порог) — as a small table and a real line chart beside it (a native chart part in files,
 * an Office.js chart in the pane), with the pooled ВПР share of all schools as a comparison line. Computed from the
 * registers on every build (the sheet has nothing to type into). Pure.
 */
import { formatAcademicYear, formatDate, schoolLabel } from "./format";
import type { AnnualList, SchoolAssessment } from "./list.types";
import { cellA1 } from "./a1";
import { LINE_HEIGHT_POINTS, wrappedLines } from "./layout";
import { safeSheetName, type BlockPlan, type ChartPlan, type SheetPlan } from "./sheetPlan";
import type { ResultRecord, Unit } from "./types";
import { schoolUnits, UnitKeys } from "./units";

export const DYNAMICS_SHEET = "Динамика";
/** The first cell of every school table's header (the sheet's signature, src/core/generatedSignature.ts). */
export const DYNAMICS_HEADER = "Доля не справившихся";
/** At most this many years are shown (the latest ones up to Y). */
export const DYNAMICS_YEARS = 6;

export function dynamicsSheetName(): string {
  return safeSheetName(DYNAMICS_SHEET);
}

export interface DynamicsInput {
  list: AnnualList;
  results: readonly ResultRecord[];
  generatedAt: Date;
}

const SERIES: { procedure: string; label: string }[] = [
  { procedure: "ВПР", label: "ВПР: доля «2»" },
  { procedure: "ОГЭ", label: "ОГЭ: не преодолели порог" },
  { procedure: "ЕГЭ", label: "ЕГЭ: не преодолели порог" },
];
const ALL_LABEL = "ВПР: доля «2», все школы";

function pooled(units: readonly Unit[], year: number, procedure: string): number | null {
  let p = 0;
  let f = 0;
  for (const u of units) {
    if (u.year !== year || u.procedure !== procedure) continue;
    p += u.participants;
    f += u.failed;
  }
  return p > 0 ? f / p : null;
}

/** Per school: its table rows (label + shares by year) and whether it has any data. */
export interface SchoolDynamicsTable {
  school: SchoolAssessment;
  years: number[];
  rows: { label: string; values: (number | null)[] }[];
}

/** The tables of «Динамика» (pure, for tests and the plan). */
export function dynamicsTables(input: Omit<DynamicsInput, "generatedAt">): SchoolDynamicsTable[] {
  const { list, results } = input;
  const settings = list.settings;
  const allYears = [...new Set(results.map((r) => r.year))].filter((y) => y <= list.year).sort((a, b) => a - b);
  const years = allYears.slice(-DYNAMICS_YEARS);
  const schools = list.schools.filter((s) => s.shnor);
  const keys = new Set(schools.map((s) => s.schoolKey));
  const bySchool = new Map<string, ResultRecord[]>();
  const allBySchool = new Map<string, ResultRecord[]>();
  for (const r of results) {
    const target = keys.has(r.schoolKey) ? bySchool : null;
    if (target) target.set(r.schoolKey, [...(target.get(r.schoolKey) ?? []), r]);
    if (r.procedure === "ВПР") {
      const l = allBySchool.get(r.schoolKey);
      if (l) l.push(r);
      else allBySchool.set(r.schoolKey, [r]);
    }
  }
  const unitKeys = new UnitKeys();
  const allUnits: Unit[] = [];
  for (const rows of allBySchool.values())
    for (const u of schoolUnits(rows, settings, unitKeys).units) allUnits.push(u);
  const all = years.map((y) => pooled(allUnits, y, "ВПР"));
  return schools.map((s) => {
    const units = schoolUnits(bySchool.get(s.schoolKey) ?? [], settings, unitKeys).units;
    const rows = SERIES.map((x) => ({
      label: x.label,
      values: years.map((y) => pooled(units, y, x.procedure)),
    })).filter((r) => r.values.some((v) => v !== null));
    if (rows.some((r) => r.label.startsWith("ВПР")) && all.some((v) => v !== null))
      rows.push({ label: ALL_LABEL, values: all });
    return { school: s, years, rows };
  });
}

const CHART_ROWS = 15;
const CHART_COLS = 7;
/** Excel's default column width (digit widths), for the columns the plan leaves as they are. */
const DEFAULT_WIDTH = 8.43;

/** «Динамика» as a sheet plan: a table and a line chart per ШНОР school, two schools per printed page. */
export function dynamicsPlan(input: DynamicsInput): SheetPlan {
  const tables = dynamicsTables(input);
  const y = input.list.year;
  const maxYears = Math.max(1, ...tables.map((t) => t.years.length));
  // The title and the note span the tables and the charts beside them (the printed page's width).
  const lastCol = maxYears + 1 + CHART_COLS;
  const spanWidth = 30 + 11 * maxYears + DEFAULT_WIDTH * (1 + CHART_COLS);
  const note = `Доля «2» ВПР и доля не преодолевших минимальный порог ОГЭ и ЕГЭ по учебным годам, по предметам настроек (${input.list.settings.subjects.join(", ")}), все классы вместе. Сформировано: ${formatDate(input.generatedAt)}`;
  const rowHeights: Record<number, number> = {};
  const noteLines = wrappedLines(note, spanWidth);
  if (noteLines > 1) rowHeights[1] = noteLines * LINE_HEIGHT_POINTS;
  const blocks: BlockPlan[] = [
    {
      at: { row: 0, col: 0 },
      values: [[`Динамика доли не справившихся (ВПР, ОГЭ, ЕГЭ) в школах списка ШНОР ${y} года`]],
      style: { bold: true, fontSize: 14 },
      mergeAcross: lastCol,
    },
    {
      at: { row: 1, col: 0 },
      values: [[note]],
      style: { italic: true, wrap: true, vertical: "top" },
      mergeAcross: lastCol,
    },
  ];
  const charts: ChartPlan[] = [];
  const breaks: number[] = [];
  let row = 3;
  if (tables.length === 0) {
    blocks.push({ at: { row, col: 0 }, values: [[`В списке ${y} года нет ШНОР.`]], style: { italic: true } });
  }
  tables.forEach((t, i) => {
    if (i > 0 && i % 2 === 0) breaks.push(row);
    const s = t.school;
    blocks.push({
      at: { row, col: 0 },
      values: [[`${schoolLabel(s)}${s.code ? ` (${s.code})` : ""}`]],
      style: { bold: true, fontSize: 12, fill: "#D9E1F2" },
      mergeAcross: t.years.length + 1,
    });
    const head = row + 1;
    blocks.push({
      at: { row: head, col: 0 },
      values: [[DYNAMICS_HEADER, ...t.years.map(formatAcademicYear)]],
      style: { bold: true, fill: "#1F4E79", fontColor: "#FFFFFF", border: "thin", horizontal: "center", wrap: true },
    });
    if (t.rows.length === 0) {
      blocks.push({
        at: { row: head + 1, col: 0 },
        values: [["нет результатов ВПР, ОГЭ, ЕГЭ по предметам настроек"]],
        style: { italic: true },
      });
    } else {
      blocks.push({
        at: { row: head + 1, col: 0 },
        values: t.rows.map((r) => [r.label, ...r.values]),
        style: { border: "thin" },
        numberFormat: "0.0%",
      });
      charts.push({
        kind: "line",
        title: `${schoolLabel(s)}: доля не справившихся`,
        dataRef: `${cellA1(head, 0)}:${cellA1(head + t.rows.length, t.years.length)}`,
        seriesBy: "rows",
        at: { row, col: t.years.length + 2 },
        size: { rows: CHART_ROWS, cols: CHART_COLS },
      });
    }
    row += Math.max(CHART_ROWS, t.rows.length + 2) + 2;
  });
  const widths: Record<number, number> = { 0: 30 };
  for (let c = 1; c <= maxYears; c++) widths[c] = 11;
  return {
    name: dynamicsSheetName(),
    kind: "dynamics",
    year: y,
    blocks,
    conditionalFormats: [],
    validations: [],
    charts,
    print: { orientation: "landscape", paper: "A4", fitToWidth: true, breaksBefore: breaks },
    widths,
    rowHeights,
  };
}
