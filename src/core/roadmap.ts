/**
 * «Дорожная карта Y» (SPEC §4, §7; issue 14): the municipal block (the six sections of seed 001 and their measures)
 * and one block per ШНОР (and ШССУ) school — measures for each low area (procedure · grade · subject, for the marked
 * classes), each high/medium risk of R-RISK, partnership with the partner school, curator visits — from the measure
 * catalogue (./catalogue.ts). Columns of SPEC §4 plus a stable «Код» per row and the hidden service column
 * (./workSheet.ts); a summary per block that counts as people tick statuses; overdue rows highlighted by a
 * conditional format against TODAY(). Pure: rows are generated here, merged with the previous sheet by ./rebuild.ts,
 * then laid out as a SheetPlan.
 */
import { columnLetter } from "./a1";
import {
  fillTemplate,
  hash36,
  parseDeadline,
  quarterEnd,
  resolveDeadline,
  type Catalogue,
  type CatalogueMeasure,
  type CatalogueSection,
} from "./catalogue";
import {
  formatAcademicYear,
  formatDate,
  formatNumber,
  formatPercent,
  formatSubject,
  formatUnitReason,
  schoolLabel,
} from "./format";
import type { AnnualList, SchoolAssessment } from "./list.types";
import { formatStatus } from "./annualListPlan";
import { LINE_HEIGHT_POINTS, rowHeight, wrappedLines } from "./layout";
import { isLowUnit } from "./rules";
import type { Settings } from "./settings";
import {
  safeSheetName,
  shownValue,
  type BlockPlan,
  type CellStyle,
  type ConditionalFormatPlan,
  type PlanCell,
  type SheetPlan,
} from "./sheetPlan";
import type { RiskEntry } from "./status.types";
import type { ResultRecord, Unit } from "./types";
import { classUnits } from "./units";
import {
  END_CELL,
  OBSOLETE_MARK,
  SERVICE_HEADER,
  serviceCell,
  type ServiceInfo,
  type WorkColumn,
  type WorkRow,
  WORK_HEADER_STYLE,
} from "./workSheet";
import type { ProgrammeProgress } from "./profile";

/** Statuses of a measure (SPEC §4; the list validation of «Статус»). */
export const ROADMAP_STATUSES = ["не начато", "в работе", "выполнено", "перенесено", "отменено"] as const;
export const DEFAULT_STATUS = "не начато";
/** The quarter mark of a planned quarter. */
export const PLANNED = "план";

const DATE_FORMAT = "dd.mm.yyyy";

/** Columns of SPEC §4 plus «Код» and the hidden service column. Keys and sids are stable. */
export const ROADMAP_COLUMNS: WorkColumn[] = [
  { key: "no", sid: "n", header: "№ п/п", width: 7, horizontal: "center", category: "text" },
  { key: "measure", sid: "m", header: "Мероприятие", width: 50, wrap: true, category: "text" },
  {
    key: "deadline",
    sid: "d",
    header: "Срок",
    width: 11,
    horizontal: "center",
    numberFormat: DATE_FORMAT,
    date: true,
    category: "text",
  },
  { key: "responsible", sid: "r", header: "Ответственный", width: 24, wrap: true, category: "text" },
  { key: "result", sid: "e", header: "Ожидаемый результат (индикатор)", width: 34, wrap: true, category: "text" },
  { key: "status", sid: "s", header: "Статус", width: 13, horizontal: "center", category: "mark", userOwned: true },
  {
    key: "mark",
    sid: "o",
    header: "Отметка о выполнении",
    width: 18,
    wrap: true,
    numberFormat: DATE_FORMAT,
    category: "mark",
    userOwned: true,
  },
  ...(["I", "II", "III", "IV"] as const).map((q, i): WorkColumn => ({
    key: `q${i + 1}`,
    sid: String(i + 1),
    header: `${q} квартал`,
    width: 9,
    horizontal: "center",
    wrap: true,
    numberFormat: DATE_FORMAT,
    category: "mark",
    userOwned: true,
  })),
  { key: "code", sid: "k", header: "Код", width: 21, isKey: true, category: "text" },
  { key: "service", sid: "z", header: SERVICE_HEADER, width: 12, hidden: true, service: true, category: "text" },
];

const COL = Object.fromEntries(ROADMAP_COLUMNS.map((c, i) => [c.key, i])) as Record<string, number>;
/** Columns a heading spans (all visible ones, «Код» included). */
const SPAN = COL.code + 1;

export function roadmapSheetName(year: number): string {
  return safeSheetName(`Дорожная карта ${year}`);
}

/** The block id of the municipal block. */
export const MUNICIPAL_BLOCK = "М";

export interface RoadmapInput {
  list: AnnualList;
  /** All results (R-MARK classes of each low area are taken from their per-class rows). */
  results: readonly ResultRecord[];
  catalogue: Catalogue;
}

/** The generated rows and what the sheet covers. */
export interface RoadmapRows {
  year: number;
  rows: WorkRow[];
  /** Schools with a block, in list order. */
  schools: SchoolAssessment[];
}

const OVERVIEW_HEADER = ["Блок", "Всего", "Выполнено", "Просрочено", "Выполнено в срок, %"];
const OVERVIEW_NOTE =
  "Выполнено в срок — выполнено, и дата в «Отметке о выполнении» (если указана) не позже срока; процент — от " +
  "мероприятий, срок которых наступил, и выполненных. Считается формулами: меняется, когда отмечают статусы.";
// ---- helpers ---------------------------------------------------------------------------------------------------

/** The school's tag in codes: its Код ОО or login digits, else «ОО» + a hash of its identity. */
export function schoolTag(s: Pick<SchoolAssessment, "schoolKey">): string {
  const m = /^(code|login):(.+)$/.exec(s.schoolKey);
  if (m) {
    const clean = m[2].replace(/[^\p{L}\p{N}]/gu, "").slice(0, 14);
    if (clean) return clean;
  }
  return `ОО${hash36(s.schoolKey, 5)}`;
}

/** A name tag that finds a school block again when its key changes (a code added to the registers). */
function nameTagOf(s: SchoolAssessment): string {
  const name = s.school
    .toLowerCase()
    .replace(/ё/g, "е")
    .replace(/[«»"'“”„]/g, "")
    .replace(/\s+/g, " ")
    .trim();
  return hash36(`${s.municipality ?? ""}|${name}`, 6);
}

const PROCEDURE_ORDER = ["ВПР", "ОГЭ", "ЕГЭ"];

function subjectTag(subject: string, variant: string | null): string {
  const base = subject
    .replace(/[^\p{L}]/gu, "")
    .slice(0, 3)
    .toUpperCase();
  return variant ? `${base}-${variant.slice(0, 1).toUpperCase()}` : base;
}

/** A low area of a school: procedure · grade · subject (variant), with its low units of Y and Y−1. */
export interface LowArea {
  key: string;
  procedure: string;
  grade: number | null;
  subject: string;
  variant: string | null;
  units: Unit[];
  /** R-MARK classes of the area (per-class rows that are low themselves). */
  classes: string[];
}

function areaKey(u: Pick<Unit, "procedure" | "grade" | "subject" | "variant">): string {
  return `${u.procedure}|${u.grade ?? ""}|${u.subject}|${u.variant ?? ""}`;
}

/** The low areas of a school (years of the setting), ordered ВПР, ОГЭ, ЕГЭ, then grade and subject. */
export function lowAreas(
  s: SchoolAssessment,
  year: number,
  settings: Settings,
  schoolResults: readonly ResultRecord[],
): LowArea[] {
  const years = settings.roadmap.lowYears === "current" ? [year] : [year - 1, year];
  const byArea = new Map<string, LowArea>();
  for (const u of s.lowUnits) {
    if (!years.includes(u.year)) continue;
    const k = areaKey(u);
    let a = byArea.get(k);
    if (!a) {
      a = {
        key: k,
        procedure: u.procedure,
        grade: u.grade,
        subject: u.subject,
        variant: u.variant,
        units: [],
        classes: [],
      };
      byArea.set(k, a);
    }
    a.units.push(u);
  }
  if (byArea.size && schoolResults.some((r) => r.classLabel)) {
    for (const cu of classUnits([...schoolResults], settings)) {
      if (!years.includes(cu.year) || !isLowUnit(cu, settings)) continue;
      const a = byArea.get(areaKey(cu));
      if (!a) continue;
      for (const c of cu.classes) if (!a.classes.includes(c)) a.classes.push(c);
    }
  }
  const rank = (p: string) => {
    const i = PROCEDURE_ORDER.indexOf(p);
    return i < 0 ? PROCEDURE_ORDER.length : i;
  };
  return [...byArea.values()]
    .map((a) => ({ ...a, classes: a.classes.sort((x, y) => x.localeCompare(y, "ru", { numeric: true })) }))
    .sort(
      (a, b) =>
        rank(a.procedure) - rank(b.procedure) ||
        (a.grade ?? 99) - (b.grade ?? 99) ||
        a.subject.localeCompare(b.subject, "ru") ||
        (a.variant ?? "").localeCompare(b.variant ?? "", "ru"),
    );
}

function areaVars(a: LowArea): Record<string, string> {
  const subject = formatSubject(a.subject, a.variant);
  const grade = a.grade !== null ? `${a.grade} класс` : "";
  const shares = a.units
    .slice()
    .sort((x, y) => x.year - y.year)
    .map((u) => `${u.share === null ? "—" : formatPercent(u.share)} в ${formatAcademicYear(u.year)}`)
    .join(", ");
  return {
    процедура: a.procedure,
    предмет: subject,
    класс: grade,
    область: [a.procedure, subject, grade].filter(Boolean).join(", "),
    классы: a.classes.length ? `классы-маркеры: ${a.classes.join(", ")}` : "все обучающиеся параллели",
    доля: shares,
  };
}

function triggerApplies(m: CatalogueMeasure, area: LowArea): boolean {
  if (m.trigger.kind !== "low") return false;
  const t = m.trigger;
  if (t.procedures && !t.procedures.some((p) => p.toUpperCase() === area.procedure.toUpperCase())) return false;
  if (t.subjects && !t.subjects.some((x) => area.subject.toLowerCase().startsWith(x.toLowerCase()))) return false;
  return true;
}

function riskLevelText(r: RiskEntry): string {
  return r.source === "оценка по данным" ? `${r.level} (оценка по данным)` : r.level;
}

interface Line {
  measure: CatalogueMeasure;
  code: string;
  vars: Record<string, string>;
}

// ---- generation --------------------------------------------------------------------------------------------------

const BLOCK_STYLE: CellStyle = { bold: true, fontSize: 12, fill: "#D9E1F2", horizontal: "left", vertical: "middle" };
const NOTE_STYLE: CellStyle = { italic: true, horizontal: "left", wrap: true };
const SECTION_STYLE: CellStyle = { bold: true, fill: "#F2F2F2", horizontal: "left", wrap: true };
const SUMMARY_STYLE: CellStyle = { bold: true, italic: true, horizontal: "left", fill: "#FFF2CC" };
export const OBSOLETE_STYLE: CellStyle = { italic: true, fontColor: "#808080" };

function itemRow(block: string, no: string, line: Line, settings: Settings, year: number): WorkRow {
  const m = line.measure;
  const vars = {
    ...line.vars,
    УО: settings.roadmap.department,
    год: String(year),
    "учебный год": formatAcademicYear(year),
  };
  const spec = parseDeadline(m.deadline) ?? { kind: "annual" as const };
  const deadline = resolveDeadline(spec, year, settings.roadmap.startMonth);
  const values: PlanCell[] = new Array(ROADMAP_COLUMNS.length).fill(null);
  values[COL.no] = no;
  values[COL.measure] = fillTemplate(m.text, vars);
  values[COL.deadline] = deadline.date;
  values[COL.responsible] = fillTemplate(m.responsible, vars);
  values[COL.result] = fillTemplate(m.result, vars);
  values[COL.status] = DEFAULT_STATUS;
  for (const q of deadline.quarters) values[COL[`q${q}`]] = PLANNED;
  values[COL.code] = line.code;
  return { type: "item", key: line.code, block, values };
}

function heading(type: "block" | "section" | "note" | "summary", key: string, block: string, text: string): WorkRow {
  const values: PlanCell[] = new Array(ROADMAP_COLUMNS.length).fill(null);
  values[0] = text;
  return { type, key, block, values };
}

/** Rows of one block: its heading, note, then each section with lines, then the summary. */
function blockRows(
  block: string,
  title: string,
  note: string | null,
  sections: { section: CatalogueSection; lines: Line[] }[],
  settings: Settings,
  year: number,
  nameTag?: string,
): WorkRow[] {
  const rows: WorkRow[] = [];
  const head = heading("block", block, block, title);
  if (nameTag) head.nameTag = nameTag;
  rows.push(head);
  if (note) rows.push(heading("note", `${block}/note`, block, note));
  let sn = 0;
  for (const { section, lines } of sections) {
    if (lines.length === 0) continue;
    sn++;
    rows.push(heading("section", `${block}/s/${section.id}`, block, `${sn}. ${section.title}`));
    lines.forEach((line, i) => rows.push(itemRow(block, `${sn}.${i + 1}`, line, settings, year)));
  }
  rows.push(heading("summary", `${block}/t`, block, ""));
  return rows;
}

/** Unique codes within the sheet (a second «X» becomes «X~2»). */
class Codes {
  private seen = new Set<string>();
  take(code: string): string {
    let c = code;
    for (let i = 2; this.seen.has(c.toLowerCase()); i++) c = `${code}~${i}`;
    this.seen.add(c.toLowerCase());
    return c;
  }
}

/** The schools that get a block: ШНОР, and ШССУ when the setting says so, in list order. */
export function roadmapSchools(list: AnnualList): SchoolAssessment[] {
  const sscu = list.settings.roadmap.includeSscu;
  return list.schools.filter((s) => s.shnor || (sscu && s.sscu));
}

function schoolTitle(s: SchoolAssessment): string {
  const parts = [schoolLabel(s)];
  if (s.code) parts[0] += ` (${s.code})`;
  const status = formatStatus(s.status);
  const change =
    s.change === "остаётся" && s.yearsOnList
      ? `${s.yearsOnList}-й год в списке`
      : s.change === "включена"
        ? "включена в список впервые"
        : null;
  return `${parts[0]} — ${status}${change ? `, ${change}` : ""}`;
}

function schoolNote(s: SchoolAssessment, areas: LowArea[], risks: RiskEntry[]): string {
  const lines: string[] = [];
  if (s.lowUnits.length) lines.push(`Низкие результаты: ${s.lowUnits.map(formatUnitReason).join("; ")}`);
  if (s.markers.length) lines.push(`Маркеры ШНОР (классы): ${s.markers.join(", ")}`);
  if (s.sscu && s.sbi) lines.push(`ШССУ: ИСБ ${formatNumber(s.sbi.value, 2)}`);
  if (risks.length)
    lines.push(
      `Риски «500+»: ${risks.map((r) => `${r.direction} «${r.name}» — ${riskLevelText(r)}${r.basis ? ` (${r.basis})` : ""}`).join("; ")}`,
    );
  lines.push(`Куратор: ${s.curator?.name ?? "не назначен"}`);
  lines.push(
    `Школа-партнёр: ${s.partner ? (s.partner.suggested ? `${s.partner.school} (${s.partner.reason})` : s.partner.school) : "не определена"}`,
  );
  void areas;
  return lines.join("\n");
}

/** The rows of «Дорожная карта Y» before any previous sheet is merged. */
export function roadmapRows(input: RoadmapInput): RoadmapRows {
  const { list, catalogue } = input;
  const settings = list.settings;
  const year = list.year;
  const codes = new Codes();
  const rows: WorkRow[] = [];
  const sections = catalogue.sections;
  const bySection = (level: "municipal" | "school") => sections.filter((s) => s.level === level);

  // Municipal block.
  const municipal = bySection("municipal").map((section) => ({
    section,
    lines: catalogue.measures
      .filter((m) => m.section === section.id && m.trigger.kind === "municipal")
      .map((m): Line => ({ measure: m, code: codes.take(m.id), vars: {} })),
  }));
  const goal =
    "Стратегическая цель: повышение эффективности и качества образования в образовательных организациях, показывающих низкие результаты и работающих в сложных социальных условиях; преодоление разрыва в образовательных возможностях и достижениях детей, обусловленных социально-экономическими характеристиками их семей, территориальной отдалённостью общеобразовательной организации и сложностью социума.";
  for (const row of blockRows(
    MUNICIPAL_BLOCK,
    `Муниципальный уровень: ${settings.roadmap.department}`,
    goal,
    municipal,
    settings,
    year,
  ))
    rows.push(row);

  // School blocks.
  const schools = roadmapSchools(list);
  const resultsBySchool = new Map<string, ResultRecord[]>();
  const wanted = new Set(schools.map((s) => s.schoolKey));
  for (const r of input.results) {
    if (!wanted.has(r.schoolKey)) continue;
    const l = resultsBySchool.get(r.schoolKey);
    if (l) l.push(r);
    else resultsBySchool.set(r.schoolKey, [r]);
  }
  const levels = new Set(settings.roadmap.riskLevels);
  for (const s of schools) {
    const tag = codes.take(schoolTag(s));
    const areas = lowAreas(s, year, settings, resultsBySchool.get(s.schoolKey) ?? []);
    const risks = s.risks.filter((r) => levels.has(r.level));
    const base: Record<string, string> = {
      школа: schoolLabel(s),
      куратор: s.curator?.name ?? "",
      партнёр: s.partner ? (s.partner.suggested ? `${s.partner.school} (предложено)` : s.partner.school) : "",
    };
    const lines = new Map<string, Line[]>();
    const add = (section: string, line: Line) => lines.set(section, [...(lines.get(section) ?? []), line]);
    const code = (m: CatalogueMeasure, suffix = "") => codes.take(`${tag}-${m.id}${suffix}`);
    for (const m of catalogue.measures) {
      const t = m.trigger;
      if (t.kind === "school" && (!t.status || t.status.some((f) => s.status.includes(f)))) {
        add(m.section, { measure: m, code: code(m), vars: base });
      } else if (t.kind === "partner" && t.has === (s.partner !== null)) {
        add(m.section, { measure: m, code: code(m), vars: base });
      } else if (t.kind === "curator" && t.has === (s.curator !== null)) {
        add(m.section, { measure: m, code: code(m), vars: base });
      }
    }
    // Low areas and risks in their own order: area by area, risk by risk (the measures of each in catalogue order).
    for (const a of areas) {
      const suffix = `-${a.procedure}${a.grade ?? ""}-${subjectTag(a.subject, a.variant)}`;
      for (const m of catalogue.measures) {
        if (triggerApplies(m, a))
          add(m.section, { measure: m, code: code(m, suffix), vars: { ...base, ...areaVars(a) } });
      }
    }
    for (const r of risks) {
      for (const m of catalogue.measures) {
        if (m.trigger.kind === "risk" && m.trigger.direction === r.direction) {
          add(m.section, {
            measure: m,
            code: code(m),
            vars: { ...base, риск: r.name, уровень: riskLevelText(r) },
          });
        }
      }
    }
    const blockSections = bySection("school").map((section) => ({ section, lines: lines.get(section.id) ?? [] }));
    // A block per school: rows appended one by one (a district's blocks add up to thousands of rows).
    for (const row of blockRows(
      tag,
      schoolTitle(s),
      schoolNote(s, areas, risks),
      blockSections,
      settings,
      year,
      nameTagOf(s),
    ))
      rows.push(row);
  }
  return { year, rows, schools };
}

// ---- layout ------------------------------------------------------------------------------------------------------

export interface RoadmapPlanInput {
  year: number;
  rows: WorkRow[];
  settings: Settings;
  generatedAt: Date;
  /** Headers of columns people added to the right (carried with their rows). */
  extraHeaders?: string[];
  /** The list's description («по результатам 2023/2024 и 2024/2025 учебных годов; ШНОР: 5, ШССУ: 2»). */
  subtitle?: string;
}

const TITLE_ROWS = 5;
export const ROADMAP_HEADER_ROW = TITLE_ROWS + 1;

/** Measures of a block's rows as the summary counts them (JS mirror of the formulas, for the cached values). */
interface Counts {
  measures: number;
  done: number;
  overdue: number;
  due: number;
  onTime: number;
}

function dayNumber(d: Date): number {
  return Math.floor(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) / 86_400_000);
}

function countsOf(rows: WorkRow[], today: Date): Counts {
  const c: Counts = { measures: 0, done: 0, overdue: 0, due: 0, onTime: 0 };
  const t = dayNumber(today);
  for (const r of rows) {
    const text = r.values[COL.measure];
    if (typeof text !== "string" || text === "" || text.startsWith(OBSOLETE_MARK)) continue;
    c.measures++;
    const st = r.values[COL.status];
    const d = r.values[COL.deadline];
    const mark = r.values[COL.mark];
    const deadline = d instanceof Date ? dayNumber(d) : typeof d === "number" ? Math.floor(d) - 25_569 : null;
    const done = st === "выполнено";
    const passed = deadline !== null && deadline < t;
    if (done) c.done++;
    if (passed && !done && st !== "отменено") c.overdue++;
    if (passed || done) c.due++;
    const markDay =
      mark instanceof Date ? dayNumber(mark) : typeof mark === "number" ? Math.floor(mark) - 25_569 : null;
    if (done && !(markDay !== null && deadline !== null && markDay > deadline)) c.onTime++;
  }
  return c;
}

/** The formulas of a block's counts over sheet rows r1…r2 (1-based), English names, «,» separators. */
function countFormulas(r1: number, r2: number): Record<keyof Counts | "percent", string> {
  const col = (k: string) => `$${columnLetter(COL[k])}$${r1}:$${columnLetter(COL[k])}$${r2}`;
  const B = col("measure");
  const C = col("deadline");
  const F = col("status");
  const G = col("mark");
  const valid = `(LEN(${B})>0)*(LEFT(${B},${OBSOLETE_MARK.length})<>"${OBSOLETE_MARK}")`;
  const done = `(${F}="выполнено")`;
  const passed = `ISNUMBER(${C})*(${C}<TODAY())`;
  const measures = `SUMPRODUCT(${valid})`;
  const doneN = `SUMPRODUCT(${valid}*${done})`;
  const overdue = `SUMPRODUCT(${valid}*${passed}*(${F}<>"выполнено")*(${F}<>"отменено"))`;
  const due = `SUMPRODUCT(${valid}*((${passed}+${done})>0))`;
  const onTime = `SUMPRODUCT(${valid}*${done}*(1-ISNUMBER(${G})*ISNUMBER(${C})*(${G}>${C})))`;
  const percent = `IF(${due}=0,0,ROUND(100*${onTime}/${due},0))`;
  return { measures, done: doneN, overdue, due, onTime, percent };
}

function percentOf(c: Counts): number {
  return c.due === 0 ? 0 : Math.round((100 * c.onTime) / c.due);
}

function summaryFormula(r1: number, r2: number, c: Counts): PlanCell {
  if (r2 < r1) return "Мероприятий нет";
  const f = countFormulas(r1, r2);
  return {
    formula: `"Итого: мероприятий — "&${f.measures}&"; выполнено — "&${f.done}&"; просрочено — "&${f.overdue}&"; выполнено в срок — "&${f.percent}&" % (от мероприятий, срок которых наступил)"`,
    value: `Итого: мероприятий — ${c.measures}; выполнено — ${c.done}; просрочено — ${c.overdue}; выполнено в срок — ${percentOf(c)} % (от мероприятий, срок которых наступил)`,
  };
}

function blockTitleText(r: WorkRow): string {
  const v = r.values[0];
  return typeof v === "string" ? v.split("\n")[0] : "";
}

/** «Дорожная карта Y» as a sheet plan, from merged rows. */
export function roadmapPlan(input: RoadmapPlanInput): SheetPlan {
  const { year, rows, settings, generatedAt } = input;
  const extra = input.extraHeaders ?? [];
  const columns = [
    ...ROADMAP_COLUMNS,
    ...extra.map((h, i) => ({ key: `extra${i}`, header: h, width: 16, wrap: true })),
  ];
  const headerRow = ROADMAP_HEADER_ROW;
  const first = headerRow + 1; // 0-based sheet row of the first body row
  const body: PlanCell[][] = [];
  const rowStyles: { row: number; style: CellStyle }[] = [];
  const merges: { row: number; col: number; span: number }[] = [];
  const breaks: number[] = [];
  const blocks: { title: string; r1: number; r2: number; counts: Counts; obsolete: boolean }[] = [];

  // Block ranges (for the summaries): from the row after the heading to the row before the summary.
  let blockStart = -1;
  let blockRowsAcc: WorkRow[] = [];
  let blockTitle = "";
  let blockObsolete = false;
  rows.forEach((r, i) => {
    const values = columns.map((_, c) =>
      c < ROADMAP_COLUMNS.length ? (r.values[c] ?? null) : (r.extra?.[extra[c - ROADMAP_COLUMNS.length]] ?? null),
    );
    values[COL.service] = serviceCell(r);
    const sheetRow = first + i;
    if (r.type === "block") {
      if (i > 0) breaks.push(sheetRow);
      blockStart = i + 1;
      blockRowsAcc = [];
      blockTitle = blockTitleText(r);
      blockObsolete = r.obsolete === true;
    } else if (r.type === "item" || r.type === "user") {
      blockRowsAcc.push(r);
    }
    if (r.type === "summary") {
      const counts = countsOf(blockRowsAcc, generatedAt);
      const r1 = first + blockStart + 1;
      const r2 = sheetRow; // 1-based row before the summary = sheetRow (0-based summary) → 1-based sheetRow
      values[0] = summaryFormula(r1, r2, counts);
      blocks.push({ title: blockTitle, r1, r2, counts, obsolete: blockObsolete });
    }
    if (r.type !== "item" && r.type !== "user") merges.push({ row: i, col: 0, span: SPAN });
    const style =
      r.obsolete && r.type !== "block"
        ? OBSOLETE_STYLE
        : r.type === "block"
          ? r.obsolete
            ? { ...BLOCK_STYLE, fontColor: "#808080" }
            : BLOCK_STYLE
          : r.type === "section"
            ? SECTION_STYLE
            : r.type === "note"
              ? NOTE_STYLE
              : r.type === "summary"
                ? SUMMARY_STYLE
                : r.style;
    if (style) rowStyles.push({ row: i, style });
    body.push(values);
  });

  const lastBody = first + Math.max(rows.length, 1) - 1; // 0-based
  const f1 = first + 1; // 1-based first body row
  const l1 = lastBody + 1;
  const letter = (k: string) => columnLetter(COL[k]);
  const B = letter("measure");
  const C = letter("deadline");
  const F = letter("status");
  const lastCol = columnLetter(SPAN - 1);
  const conditionalFormats: ConditionalFormatPlan[] = [
    {
      ref: `A${f1}:${lastCol}${l1}`,
      rule: {
        kind: "expression",
        formula: `AND(LEN($${B}${f1})>0,ISNUMBER($${C}${f1}),$${C}${f1}<TODAY(),$${F}${f1}<>"выполнено",$${F}${f1}<>"отменено",LEFT($${B}${f1},${OBSOLETE_MARK.length})<>"${OBSOLETE_MARK}")`,
      },
      style: { fill: "#FFC7CE", fontColor: "#9C0006" },
    },
    ...([1, 2, 3, 4] as const).map((q): ConditionalFormatPlan => {
      const end = quarterEnd(year, q, settings.roadmap.startMonth);
      const L = letter(`q${q}`);
      return {
        ref: `${L}${f1}:${L}${l1}`,
        rule: {
          kind: "expression",
          formula: `AND(${L}${f1}="${PLANNED}",TODAY()>DATE(${end.getFullYear()},${end.getMonth() + 1},${end.getDate()}))`,
        },
        style: { fill: "#FFEB9C", fontColor: "#9C5700" },
      };
    }),
    {
      ref: `${F}${f1}:${F}${l1}`,
      rule: { kind: "containsText", text: "выполнено" },
      style: { fill: "#C6EFCE", fontColor: "#006100" },
    },
    {
      ref: `${F}${f1}:${F}${l1}`,
      rule: { kind: "containsText", text: "в работе" },
      style: { fill: "#DDEBF7" },
    },
  ];

  // The overview: a row per block with the same counts, on its own page after the blocks.
  const overviewTop = lastBody + 3;
  const overviewBlocks: BlockPlan[] = [];
  // Free blocks are not autofitted by every host: the note (merged over six columns) and the wrapped header of the
  // overview get planned heights, else «Мероприятий» shows as «ий» in a one-line row.
  const rowHeights: Record<number, number> = {};
  const active = blocks.filter((b) => !b.obsolete);
  if (active.length) {
    breaks.push(overviewTop);
    const rowsOut: PlanCell[][] = active.map((b) => {
      if (b.r2 < b.r1) return [b.title, 0, 0, 0, 0];
      const f = countFormulas(b.r1, b.r2);
      return [
        b.title,
        { formula: f.measures, value: b.counts.measures },
        { formula: f.done, value: b.counts.done },
        { formula: f.overdue, value: b.counts.overdue },
        { formula: f.percent, value: percentOf(b.counts) },
      ];
    });
    const top1 = overviewTop + 3; // 1-based first data row of the overview
    const bot1 = top1 + active.length - 1;
    const sum = (c: string) => `SUM(${c}${top1}:${c}${bot1})`;
    const totals = active.reduce(
      (a, b) => ({ m: a.m + b.counts.measures, d: a.d + b.counts.done, o: a.o + b.counts.overdue }),
      { m: 0, d: 0, o: 0 },
    );
    const dueAll = active.reduce((a, b) => a + b.counts.due, 0);
    const onTimeAll = active.reduce((a, b) => a + b.counts.onTime, 0);
    const allRanges = active.filter((b) => b.r2 >= b.r1).map((b) => countFormulas(b.r1, b.r2));
    const pct = allRanges.length
      ? `IF((${allRanges.map((f) => f.due).join("+")})=0,0,ROUND(100*(${allRanges.map((f) => f.onTime).join("+")})/(${allRanges.map((f) => f.due).join("+")}),0))`
      : "0";
    overviewBlocks.push(
      // The end of the working table for a rebuild (src/core/rebuild.ts): the overview is regenerated.
      { at: { row: overviewTop, col: COL.service }, values: [[END_CELL]] },
      {
        at: { row: overviewTop, col: 1 },
        values: [[`Сводка выполнения «дорожной карты» ${year} года`]],
        style: { bold: true, fontSize: 12 },
        mergeAcross: 5,
      },
      {
        at: { row: overviewTop + 1, col: 1 },
        values: [[OVERVIEW_NOTE]],
        style: { italic: true, wrap: true },
        mergeAcross: 5,
      },
      {
        at: { row: overviewTop + 2, col: 1 },
        values: [OVERVIEW_HEADER],
        style: { bold: true, fill: "#1F4E79", fontColor: "#FFFFFF", border: "thin", wrap: true, horizontal: "center" },
      },
      {
        at: { row: overviewTop + 3, col: 1 },
        values: rowsOut,
        style: { border: "thin", wrap: true, vertical: "top" },
        numberFormat: "0",
      },
      {
        at: { row: overviewTop + 3 + active.length, col: 1 },
        values: [
          [
            "Всего",
            { formula: sum(letter("deadline")), value: totals.m },
            { formula: sum(letter("responsible")), value: totals.d },
            { formula: sum(letter("result")), value: totals.o },
            { formula: pct, value: dueAll === 0 ? 0 : Math.round((100 * onTimeAll) / dueAll) },
          ],
        ],
        style: { bold: true, border: "thin" },
        numberFormat: "0",
      },
    );
    const noteWidth = columns.slice(1, 7).reduce((w, c) => w + ("hidden" in c && c.hidden ? 0 : c.width), 0);
    const noteLines = wrappedLines(OVERVIEW_NOTE, noteWidth);
    if (noteLines > 1) rowHeights[overviewTop + 1] = noteLines * LINE_HEIGHT_POINTS;
    const headerHeight = rowHeight(OVERVIEW_HEADER, columns.slice(1, 1 + OVERVIEW_HEADER.length), {
      wrapAll: true,
      bold: true,
    });
    if (headerHeight) rowHeights[overviewTop + 2] = headerHeight;
    for (let i = 0; i < rowsOut.length; i++) {
      const h = wrappedLines(String(shownValue(rowsOut[i][0]) ?? ""), columns[1].width);
      if (h > 1) rowHeights[overviewTop + 3 + i] = h * LINE_HEIGHT_POINTS;
    }
  }

  const schoolsCount = blocks.filter((b) => !b.obsolete).length - 1;
  return {
    name: roadmapSheetName(year),
    kind: "roadmap",
    year,
    blocks: [
      {
        at: { row: 0, col: 0 },
        values: [
          [
            `План мероприятий («дорожная карта») по повышению качества образования в школах с низкими образовательными результатами и школах, функционирующих в неблагоприятных социальных условиях, на ${settings.roadmap.startMonth === 1 ? `${year} год` : `период ${formatDate(new Date(year, settings.roadmap.startMonth - 1, 1))}–${formatDate(quarterEnd(year, 4, settings.roadmap.startMonth))}`}`,
          ],
        ],
        style: { bold: true, fontSize: 14, wrap: true },
        mergeAcross: SPAN,
      },
      {
        at: { row: 1, col: 0 },
        values: [
          [
            `${settings.roadmap.department}${input.subtitle ? `; ${input.subtitle}` : ""}; школ с планом мероприятий: ${Math.max(schoolsCount, 0)}. Сформировано: ${formatDate(generatedAt)}`,
          ],
          [
            `Статус выбирается из списка (${ROADMAP_STATUSES.join(", ")}); просроченные мероприятия (срок прошёл, статус не «выполнено» и не «отменено») выделяются цветом. I–IV квартал: «${PLANNED}» — квартал исполнения, отметьте выполнение в квартале.`,
          ],
          [
            `При перестроении листа отметки, цели, факты и добавленные строки сохраняются (по столбцу «Код»); мероприятие, которое больше не следует из данных, остаётся с пометкой «${OBSOLETE_MARK}».`,
          ],
        ],
        style: { italic: true, wrap: true },
        mergeAcross: SPAN,
      },
      ...overviewBlocks,
    ],
    table: {
      name: `ShnorRoadmap${year}`,
      at: { row: headerRow, col: 0 },
      columns,
      rows: body,
      plain: true,
      bodyStyle: { border: "thin" },
      headerStyle: WORK_HEADER_STYLE,
      rowStyles,
      merges,
    },
    conditionalFormats,
    validations: [
      {
        ref: `${F}${f1}:${F}${l1}`,
        list: [...ROADMAP_STATUSES],
        prompt: "Выберите статус мероприятия из списка",
      },
    ],
    charts: [],
    rowHeights,
    freeze: { rows: headerRow + 1, cols: 0 },
    print: {
      orientation: "landscape",
      paper: "A4",
      fitToWidth: true,
      repeatRows: [headerRow + 1, headerRow + 1],
      breaksBefore: breaks,
    },
  };
}

// ---- roadmap progress per school (for «Профиль ОО», issue 15) -------------------------------------------------

/** A roadmap row as read back from a sheet (src/core/rebuild.ts PreviousRow) or as just merged (WorkRow). */
export interface ProgressRow {
  type: WorkRow["type"] | null;
  block: string;
  nameTag?: string;
  obsolete?: boolean;
  values: PlanCell[];
}

/** Rows of a roadmap sheet read back (readPreviousSheet) as progress rows; rows people added count as their block's. */
export function progressRowsOf(rows: readonly { info: ServiceInfo | null; values: PlanCell[] }[]): ProgressRow[] {
  const out: ProgressRow[] = [];
  let block = "";
  for (const r of rows) {
    if (r.info) block = r.info.block;
    out.push({
      type: r.info ? r.info.type : "user",
      block: r.info ? r.info.block : block,
      ...(r.info?.nameTag ? { nameTag: r.info.nameTag } : {}),
      obsolete: r.info?.obsolete ?? false,
      values: r.values,
    });
  }
  return out;
}

/**
 * Roadmap progress of each school that has a block: measures (not «не актуально»), done, in progress, overdue as of
 * `today` — the same counts as the block's summary formula. A school's block is found by its name tag (stable when a
 * code is added), else by its tag (Код ОО). Rows people added inside a block count when they have a measure text.
 */
export function roadmapProgress(
  rows: readonly ProgressRow[],
  list: AnnualList,
  source: string,
  today: Date,
): (schoolKey: string) => ProgrammeProgress | null {
  const byBlock = new Map<string, WorkRow[]>();
  const blockOfTag = new Map<string, string>();
  for (const r of rows) {
    if (r.type === "block" && r.nameTag) blockOfTag.set(r.nameTag, r.block);
    if ((r.type === "item" || r.type === "user") && !r.obsolete && r.block) {
      const l = byBlock.get(r.block) ?? [];
      l.push({ type: "item", key: "", block: r.block, values: r.values });
      byBlock.set(r.block, l);
    }
  }
  const bySchool = new Map(list.schools.map((s) => [s.schoolKey, s]));
  return (schoolKey: string) => {
    const s = bySchool.get(schoolKey);
    if (!s) return null;
    const block = blockOfTag.get(nameTagOf(s)) ?? (byBlock.has(schoolTag(s)) ? schoolTag(s) : null);
    const items = block ? byBlock.get(block) : undefined;
    if (!items) return null;
    const c = countsOf(items, today);
    const inProgress = items.filter((r) => r.values[COL.status] === "в работе").length;
    return {
      source,
      measures: { total: c.measures, done: c.done, inProgress, overdue: c.overdue },
      asOf: new Date(today.getFullYear(), today.getMonth(), today.getDate()),
    };
  };
}
