/**
 * The «Мероприятия» register kind (SPEC §2, issue 14): a department's own measures that override or extend the
 * shipped catalogue (src/core/data/measures.json) — Мероприятие, Раздел or «Для чего» (for which low area / risk /
 * school), optional Код (a shipped measure's code overrides it), Срок, Ответственный, Ожидаемый результат, Исключить.
 * Also read in the layout of a pasted municipal roadmap (seed 001: «№ п/п | Действие/основное направление
 * деятельности | Срок исполнения | Ответственный исполнитель | Ожидаемый результат»): a row holding only a section
 * title («1. Совершенствование …») sets the section of the rows below it; the row of column numbers is skipped.
 */
import { parseDeadline, parseTrigger, type MeasureOverride } from "../../core/catalogue";
import { RISK_DIRECTIONS } from "../../core/status.types";
import type { CellValue, Problem } from "../../core/types";
import { a1 } from "../address";
import type { GridReader, HeaderMatch } from "../headers";
import { defineKind, type FieldDef, type RowBase, type RowsOutcome } from "../kind";
import { fieldCells, nonBlankRows } from "../rows";
import { cellText, isBlank } from "../values";
import * as F from "./fields";
import { parseFlag } from "./schoolYear";

export type MeasureRow = RowBase<MeasureOverride>;

const FIELDS: FieldDef[] = [
  { id: "number", label: "№ п/п", synonyms: ["№ п п", "№", "n п п", "номер", "п п", "№ пп"] },
  { id: "measureCode", label: "Код", synonyms: ["код", "код мероприятия", "шифр", "код строки"] },
  {
    id: "text",
    label: "Мероприятие",
    synonyms: [
      "мероприятие",
      "мероприятия",
      "наименование мероприятия",
      "содержание мероприятия",
      "действие",
      "действие основное направление деятельности",
      "основное направление деятельности",
      "мероприятие действие",
    ],
  },
  {
    id: "section",
    label: "Раздел",
    synonyms: ["раздел", "раздел дорожной карты", "направление", "направление деятельности"],
  },
  {
    id: "trigger",
    label: "Для чего",
    synonyms: [
      "для чего",
      "основание",
      "для какой школы",
      "для каких школ",
      "условие",
      "применяется",
      "для какого низкого результата или риска",
      "низкий результат или риск",
    ],
  },
  {
    id: "deadline",
    label: "Срок",
    synonyms: ["срок", "сроки", "срок исполнения", "срок реализации", "сроки исполнения", "дата"],
  },
  {
    id: "responsible",
    label: "Ответственный",
    synonyms: [
      "ответственный",
      "ответственные",
      "ответственный исполнитель",
      "ответственные исполнители",
      "исполнитель",
    ],
  },
  {
    id: "result",
    label: "Ожидаемый результат",
    synonyms: [
      "ожидаемый результат",
      "ожидаемые результаты",
      "результат",
      "индикатор",
      "ожидаемый результат приводится по необходимости целевой индикатор",
    ],
  },
  { id: "exclude", label: "Исключить", synonyms: ["исключить", "не применять", "исключено", "не использовать"] },
];

/** dd.mm of a date cell (the template is relative to Y: the year is not kept). */
function deadlineText(v: CellValue): string | null {
  if (isBlank(v)) return null;
  if (v instanceof Date || typeof v === "number") {
    const s = parseDeadline(v);
    if (s && s.kind === "date") return `до ${String(s.day).padStart(2, "0")}.${String(s.month).padStart(2, "0")}`;
    return null;
  }
  return cellText(v);
}

/** A row holding only a section title (or only column numbers). */
function lonelyText(g: GridReader, r: number): string | null {
  let found: string | null = null;
  for (let c = 0; c < g.cols; c++) {
    const v = g.raw(r, c);
    if (isBlank(v)) continue;
    if (found !== null) return null;
    found = typeof v === "string" ? v.replace(/\s+/g, " ").trim() : String(v);
  }
  return found;
}

function isColumnNumbers(g: GridReader, r: number): boolean {
  let n = 0;
  for (let c = 0; c < g.cols; c++) {
    const v = g.raw(r, c);
    if (isBlank(v)) continue;
    const t = typeof v === "number" ? v : Number(String(v).trim());
    if (!Number.isInteger(t) || t < 1 || t > 30) return false;
    n++;
  }
  return n >= 2;
}

export function readMeasureRows(g: GridReader, match: HeaderMatch, file?: string): RowsOutcome<MeasureRow> {
  const out: RowsOutcome<MeasureRow> = { rows: [], skipped: [], problems: [] };
  const { col, cell } = fieldCells(g, match);
  const sheet = g.sheet.name;
  const at = (r: number, f: string) => a1(r + g.oy, (col(f) ?? col("text") ?? 0) + g.ox);
  const text = (r: number, f: string): string | null => {
    if (col(f) === undefined) return null;
    const t = cellText(cell(r, f)).replace(/\s+/g, " ").trim();
    return t === "" ? null : t;
  };
  let section: string | null = null;
  for (const { r, sheetRow } of nonBlankRows(g, match.dataStart, out.skipped)) {
    if (isColumnNumbers(g, r)) {
      out.skipped.push({ row: sheetRow, reason: "строка номеров столбцов" });
      continue;
    }
    const measure = text(r, "text");
    const code = text(r, "measureCode");
    if (!measure && !code) {
      const lone = lonelyText(g, r);
      if (lone && /\p{L}/u.test(lone)) {
        section = lone.replace(/^раздел\s*/i, "").trim();
        out.skipped.push({ row: sheetRow, reason: `заголовок раздела «${section.slice(0, 60)}»` });
        continue;
      }
      out.skipped.push({ row: sheetRow, reason: "нет ни мероприятия, ни кода" });
      continue;
    }
    const problems: Problem[] = [];
    const prob = (f: string, message: string) =>
      problems.push({ sheet, cell: at(r, f), message, ...(file ? { file } : {}) });
    let trigger = null;
    const triggerText = text(r, "trigger");
    if (triggerText) {
      trigger = parseTrigger(triggerText, RISK_DIRECTIONS);
      if (!trigger)
        prob(
          "trigger",
          `«${triggerText.slice(0, 80)}»: не понятно, для каких школ мероприятие (пример: «муниципальный уровень», «все школы», «ШССУ», «низкий результат ВПР», «риск 8», «школа-партнёр», «нет куратора»)`,
        );
    }
    const deadline = col("deadline") !== undefined ? deadlineText(cell(r, "deadline")) : null;
    if (
      col("deadline") !== undefined &&
      !isBlank(cell(r, "deadline")) &&
      (deadline === null || parseDeadline(deadline) === null)
    ) {
      prob(
        "deadline",
        `Срок «${cellText(cell(r, "deadline")).slice(0, 60)}» не распознан (пример: «до 20.08», «сентябрь», «ежегодно», «один раз в четверть», «постоянно»)`,
      );
    }
    let exclude = false;
    if (col("exclude") !== undefined) {
      const f = parseFlag(cell(r, "exclude"));
      if (f === "bad")
        prob("exclude", `Исключить: «${cellText(cell(r, "exclude")).slice(0, 40)}» — ожидается «да» или «нет»`);
      else exclude = f === true;
    }
    if (problems.length) {
      for (const p of problems) out.problems.push(p);
      continue;
    }
    out.rows.push({
      schoolCell: at(r, "text"),
      record: {
        code,
        text: measure,
        section: text(r, "section") ?? section,
        trigger,
        deadline,
        responsible: text(r, "responsible"),
        result: text(r, "result"),
        exclude,
        source: { sheet, row: sheetRow, ...(file ? { file } : {}) },
      },
    });
  }
  return out;
}

export const measuresKind = defineKind({
  id: "measures",
  labels: { title: "Мероприятия", account: "мероприятия дорожной карты (каталог отдела)", count: "мероприятий" },
  fields: FIELDS,
  layouts: [
    {
      id: "catalogue",
      label: null,
      requires: [["text"], ["section", "trigger", "deadline", "responsible", "result", "measureCode", "exclude"]],
    },
  ],
  excludes: [F.schoolField, F.participantsField, F.failedField, F.failedShareField, F.subjectField],
  identity: false,
  read: ({ g, match, file }) => readMeasureRows(g, match, file),
});
