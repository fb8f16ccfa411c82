/** Sheet plan of «Список ШНОР Y» (SPEC §4): title, table, summary, print setup — data for any renderer. */
import { columnLetter } from "./a1";
import {
  formatAcademicYear,
  formatDate,
  formatDeltaPp,
  formatNumber,
  formatPercent,
  ordinalYear,
  schoolLabel,
} from "./format";
import type { AnnualList, DynamicsValue, SchoolAssessment } from "./list.types";
import type { Settings } from "./settings";
import { SOCIAL_INDICATORS, type SchoolStatusFlag } from "./status.types";
import { safeSheetName, type CellStyle, type ColumnPlan, type SheetPlan } from "./sheetPlan";
import type { CellValue } from "./types";
import { watchPlanBlocks } from "./watchPlan";

/** Columns of SPEC §4 in order (keys are stable for tests and renderers). */
export const ANNUAL_LIST_COLUMNS: ColumnPlan[] = [
  { key: "no", header: "№", width: 5, numberFormat: "0", horizontal: "center" },
  { key: "school", header: "Школа", width: 30, wrap: true },
  { key: "code", header: "Код ОО", width: 10, numberFormat: "@" },
  { key: "status", header: "Статус", width: 14, horizontal: "center", wrap: true },
  { key: "rule", header: "Правило", width: 9, horizontal: "center" },
  { key: "reasons", header: "Низкие результаты", width: 48, wrap: true },
  { key: "markers", header: "Маркеры", width: 10, wrap: true },
  { key: "objectivity", header: "Признаки необъективности", width: 30, wrap: true },
  { key: "isb", header: "ИСБ", width: 28, wrap: true },
  { key: "vprDynamics", header: "Динамика доли «2» ВПР", width: 17, wrap: true },
  { key: "ogeDynamics", header: "Динамика ОГЭ", width: 17, wrap: true },
  { key: "change", header: "Изменение", width: 14, wrap: true },
  { key: "curator", header: "Куратор", width: 16, wrap: true },
  { key: "partner", header: "Школа-партнёр", width: 22, wrap: true },
];

/** Not computable for lack of data: said, never faked. */
export const NO_DATA = "нет данных";

/** «ШНОР», «ШНОР и ШССУ», «ШССУ, резильентная», «ШНОР, с признаками необъективности» or «—» (SPEC §4). */
export function formatStatus(flags: readonly SchoolStatusFlag[]): string {
  if (flags.length === 0) return "—";
  const rest = flags.filter((f) => f !== "ШНОР" && f !== "ШССУ");
  const head =
    flags.includes("ШНОР") && flags.includes("ШССУ")
      ? ["ШНОР и ШССУ"]
      : flags.filter((f) => f === "ШНОР" || f === "ШССУ");
  return [...head, ...rest].join(", ");
}

/** R-OBJ signs of Y and Y−1, one per line (at most `max`, the rest counted); «—» when checked, «нет данных» otherwise. */
export function formatObjectivity(s: SchoolAssessment, max = 8): string {
  if (s.objectivity.length === 0) return s.objectivityNotes.length > 0 ? NO_DATA : "—";
  const lines = s.objectivity.slice(0, max).map((o) => o.text);
  if (s.objectivity.length > max) lines.push(`… и ещё ${s.objectivity.length - max}`);
  return lines.join("\n");
}

/** ИСБ: the value, then the indicators with their z, the missing ones; «нет данных» without a social passport. */
export function formatSbi(s: SchoolAssessment): string {
  const e = s.sbi;
  if (!e) return s.sbiNote ? `${NO_DATA}: ни одного показателя` : NO_DATA;
  const lines = [formatNumber(e.value, 2)];
  const short = (id: string) => SOCIAL_INDICATORS.find((i) => i.id === id)?.short ?? id;
  // The explanation as one paragraph under the value: a line per indicator made every row of the list ~16 lines tall.
  const parts: string[] = [];
  for (const i of e.indicators) {
    const v = i.id === "rural" ? (i.value === 1 ? "да" : "нет") : formatPercent(i.value);
    parts.push(`${short(i.id)} ${v} (z ${formatNumber(i.z, 2)})`);
  }
  if (parts.length) lines.push(parts.join("; "));
  if (e.missing.length) {
    const names = SOCIAL_INDICATORS.filter((i) => e.missing.includes(i.name)).map((i) => i.short);
    lines.push(`нет данных: ${names.join(", ")}`);
  }
  return lines.join("\n");
}

/** «МБОУ СОШ № 3 (предложено)» for a suggestion, the typed name otherwise, "" when none. */
export function formatPartner(s: SchoolAssessment): string {
  if (!s.partner) return "";
  return s.partner.suggested ? `${s.partner.school} (предложено)` : s.partner.school;
}

const TITLE_ROWS = 4;
/** 0-based row of the table header (one blank row under the title block). */
export const ANNUAL_LIST_HEADER_ROW = TITLE_ROWS + 1;

export const SHNOR_ROW_STYLE: CellStyle = { fill: "#FCE4E4" };
export const HEADER_STYLE: CellStyle = {
  bold: true,
  fill: "#1F4E79",
  fontColor: "#FFFFFF",
  wrap: true,
  horizontal: "center",
  vertical: "middle",
  border: "thin",
};

/** «Список ШНОР 2025» — the sheet name the pane and the CLI use. */
export function annualListSheetName(year: number): string {
  return safeSheetName(`Список ШНОР ${year}`);
}

export function annualListTableName(year: number): string {
  return `ShnorList${year}`;
}

/** «положительная (−3,2 п.п.)»; «нет данных» alone. */
export function formatDynamics(d: DynamicsValue): string {
  return d.delta === null ? d.verdict : `${d.verdict} (${formatDeltaPp(d.delta)})`;
}

/** «включена», «исключена», «остаётся 2-й год», «нет данных» (with a note) or «—». */
export function formatChange(s: SchoolAssessment): string {
  if (s.change === "остаётся") return s.yearsOnList ? `остаётся ${ordinalYear(s.yearsOnList)} год` : "остаётся";
  if (s.change) return s.change;
  return s.changeNote ? NO_DATA : "—";
}

/** «1», «2», «1, 2» or «—». */
export function formatRules(rules: (1 | 2)[]): string {
  return rules.length ? rules.join(", ") : "—";
}

/** The R-SHNOR reasons of a school, one per line, plus what data is missing (said, not taken as «no low results»). */
export function formatReasons(s: SchoolAssessment, year: number): string {
  const lines = [...s.reasons];
  if (!s.hasCurrentYear) lines.push(`нет результатов за ${formatAcademicYear(year)} учебный год`);
  if (!s.hasPreviousYear) lines.push(`нет результатов за ${formatAcademicYear(year - 1)} учебный год`);
  return lines.length ? lines.join("\n") : "—";
}

/** One line describing the settings used (threshold, minimum, subjects, procedures, rule 2 reading, tolerance). */
export function describeSettings(settings: Settings): string {
  const procedures = settings.includeRegional ? "ВПР, ОГЭ, ЕГЭ и региональные" : "ВПР, ОГЭ, ЕГЭ";
  return [
    `Критерии: доля не справившихся не менее ${formatNumber(settings.threshold, settings.threshold % 1 === 0 ? 0 : 1)} %`,
    `участников не менее ${settings.minParticipants}`,
    `предметы: ${settings.subjects.join(", ")}`,
    `процедуры: ${procedures}`,
    settings.rule2SameProcedure ? "правило 2 — по одной и той же процедуре" : "правило 2 — по любым процедурам",
    `порог динамики ${formatNumber(settings.tolerance, settings.tolerance % 1 === 0 ? 0 : 1)} п.п.`,
  ].join("; ");
}

/** How ШССУ were told (only when the list has a social passport): «; ШССУ — 25 % школ с наименьшим ИСБ …». */
export function describeStatusSettings(list: AnnualList): string {
  if (list.social.length === 0) return "";
  const st = list.settings;
  const how =
    st.sssuCutoff !== null
      ? `ИСБ не выше ${formatNumber(st.sssuCutoff, 2)}`
      : `${formatNumber(st.sssuShare, st.sssuShare % 1 === 0 ? 0 : 1)} % школ с наименьшим ИСБ`;
  const where = list.social.some((g) => g.municipality !== null) ? " муниципалитета" : " реестра";
  return `; ШССУ — ${how}${st.sssuCutoff !== null ? "" : where} (социальный паспорт ${formatAcademicYear(list.social[0].year)})`;
}

function row(s: SchoolAssessment, index: number, year: number): CellValue[] {
  return [
    index + 1,
    schoolLabel(s),
    s.code ?? "",
    formatStatus(s.status),
    formatRules(s.rules),
    formatReasons(s, year),
    s.markers.length ? s.markers.join(", ") : "—",
    formatObjectivity(s),
    formatSbi(s),
    formatDynamics(s.dynamics.vprFail),
    formatDynamics(s.dynamics.ogeFail),
    formatChange(s),
    s.curator?.name ?? "",
    formatPartner(s),
  ];
}

/** «Список ШНОР Y»: title block, the SPEC §4 table (ШНОР first, as in the list), the summary block below. */
export function annualListPlan(list: AnnualList, generatedAt: Date): SheetPlan {
  const y = list.year;
  const cols = ANNUAL_LIST_COLUMNS;
  const rows = list.schools.map((s, i) => row(s, i, y));
  const headerRow = ANNUAL_LIST_HEADER_ROW;
  const firstBody = headerRow + 1;
  const lastBody = headerRow + Math.max(rows.length, 1);
  const summaryRow = lastBody + 2;
  const changeCol = columnLetter(cols.findIndex((c) => c.key === "change"));
  const statusCol = columnLetter(cols.findIndex((c) => c.key === "status"));
  const s = list.summary;
  const summaryValues: CellValue[][] = [
    ["Всего школ", s.total],
    ["ШНОР", s.shnor],
    ["ШССУ", s.status.sscu],
    ["ШНОР и ШССУ", s.status.shnorAndSscu],
    ["Резильентные", s.status.resilient],
    ["С признаками необъективности", s.status.objectivity],
    ["С высоким риском (профиль «500+»)", s.status.highRisk],
    ["ШНОР с предложенной школой-партнёром", s.status.partnerSuggested],
    ["Включены в список", s.included],
    ["Исключены из списка", s.excluded],
    ["Остаются в списке", s.remaining],
    [`Без результатов за ${formatAcademicYear(y)} учебный год`, s.noDataCurrent],
    ["Проблем в данных", list.problems.length],
    [`На контроле: могут войти в список на ${y + 1} год`, s.watch.schools],
    ["  из них одна низкая работа", s.watch.oneLow],
    ["  из них на грани порога", s.watch.nearThreshold],
    ["  из них растёт доля «2»", s.watch.rising],
  ];
  // «На контроле» and the threshold sensitivity under the summary (issue 15).
  const watch = watchPlanBlocks(list, cols, summaryRow + 1 + summaryValues.length + 1);

  return {
    name: annualListSheetName(y),
    kind: "annual-list",
    year: y,
    blocks: [
      {
        at: { row: 0, col: 0 },
        values: [[`Ежегодный список школ с низкими образовательными результатами (ШНОР) на ${y} год`]],
        style: { bold: true, fontSize: 14 },
        mergeAcross: cols.length,
      },
      {
        at: { row: 1, col: 0 },
        values: [
          [`по результатам ${formatAcademicYear(y - 1)} и ${formatAcademicYear(y)} учебных годов`],
          [describeSettings(list.settings) + describeStatusSettings(list)],
          [`Сформировано: ${formatDate(generatedAt)}`],
        ],
        style: { italic: true },
        mergeAcross: cols.length,
      },
      {
        at: { row: summaryRow, col: 1 },
        values: [["Итого", null]],
        style: { bold: true },
      },
      {
        at: { row: summaryRow + 1, col: 1 },
        values: summaryValues,
        numberFormat: "0",
      },
      ...watch.blocks,
    ],
    table: {
      name: annualListTableName(y),
      at: { row: headerRow, col: 0 },
      columns: cols,
      rows,
      style: "TableStyleLight1",
      headerStyle: HEADER_STYLE,
      rowStyles: list.schools.flatMap((sc, i) => (sc.shnor ? [{ row: i, style: SHNOR_ROW_STYLE }] : [])),
    },
    conditionalFormats: [
      {
        ref: `${statusCol}${firstBody + 1}:${statusCol}${lastBody + 1}`,
        rule: { kind: "containsText", text: "ШНОР" },
        style: { bold: true, fontColor: "#9C0006" },
      },
      {
        ref: `${statusCol}${firstBody + 1}:${statusCol}${lastBody + 1}`,
        rule: { kind: "containsText", text: "резильентная" },
        style: { fontColor: "#006100" },
      },
      {
        ref: `${changeCol}${firstBody + 1}:${changeCol}${lastBody + 1}`,
        rule: { kind: "containsText", text: "включена" },
        style: { fill: "#FFEB9C" },
      },
    ],
    validations: [],
    charts: [],
    freeze: { rows: headerRow + 1, cols: 2 },
    print: { orientation: "landscape", paper: "A4", fitToWidth: true, repeatRows: [headerRow + 1, headerRow + 1] },
    rowHeights: watch.rowHeights,
  };
}
