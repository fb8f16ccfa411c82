/**
 * «Сравнение отметок с отметками по журналу» (ФИС ОКО, issue 8 layout 3) → JournalRecord. A group row names the
 * school (or an aggregate), then rows «Понизили…», «Подтвердили…», «Повысили…», «Всего» give count and %.
 * Never read as results; it feeds R-OBJ-1.
 */
import type { CellValue, JournalRecord, Problem } from "../../core/types";
import { a1 } from "../address";
import type { SheetContext } from "../context";
import type { GridReader, HeaderMatch } from "../headers";
import { defineKind, pushAll, type FieldDef, type RowBase, type RowsOutcome } from "../kind";
import { basicText, schoolKeyOf } from "../normalize";
import {
  aggregateRowReason,
  areaAggregateReason,
  fieldCells,
  nonBlankRows,
  rowHasLogin,
  SchoolRowClassifier,
  schoolOfRow,
  summaryRowReason,
} from "../rows";
import { cellText, isBlank, parseNumberCell } from "../values";
import * as F from "./fields";

type Part = "lower" | "confirmed" | "higher" | "total";

function partOf(label: string): Part | null {
  const t = basicText(label);
  if (t.startsWith("понизили")) return "lower";
  if (t.startsWith("подтвердили")) return "confirmed";
  if (t.startsWith("повысили")) return "higher";
  if (t === "всего" || t.startsWith("всего ")) return "total";
  return null;
}

export type JournalRow = RowBase<JournalRecord>;

interface Group {
  row: number;
  name: string;
  nameCell: CellValue;
  codeCell: CellValue;
  parts: Partial<Record<Part, { row: number; count: number | null; percent: number | null }>>;
  problems: Problem[];
  memberRows: number[];
}

export function readJournalRows(
  g: GridReader,
  match: HeaderMatch,
  ctx: SheetContext,
  file?: string,
): RowsOutcome<JournalRow> {
  const out: RowsOutcome<JournalRow> = { rows: [], skipped: [], problems: [] };
  const { col, cell } = fieldCells(g, match);
  const sheet = g.sheet.name;
  const groups: Group[] = [];
  let current: Group | null = null;
  for (let r = match.dataStart; r < g.rows; r++) {
    const sheetRow = r + g.oy + 1;
    if (g.isBlankRow(r)) continue;
    const label = cellText(cell(r, "school"));
    const part = partOf(label);
    if (part === null) {
      current = {
        row: sheetRow,
        name: label,
        nameCell: cell(r, "school"),
        codeCell: cell(r, "code"),
        parts: {},
        problems: [],
        memberRows: [],
      };
      groups.push(current);
      continue;
    }
    if (!current) {
      out.skipped.push({ row: sheetRow, reason: "строка вне группы (нет школы выше)" });
      continue;
    }
    current.memberRows.push(sheetRow);
    const read = (f: string): number | null => {
      if (col(f) === undefined) return null;
      const p = parseNumberCell(cell(r, f));
      if (!p.ok) {
        current!.problems.push({
          sheet,
          cell: a1(r + g.oy, col(f)! + g.ox),
          message: `${label}: ${p.message}`,
          ...(file ? { file } : {}),
        });
        return null;
      }
      return p.value;
    };
    current.parts[part] = { row: sheetRow, count: read("count"), percent: read("percent") };
  }

  for (const gr of groups) {
    // Aggregates by what they are (issue 16): a school without a login among schools with logins stays a school.
    const reason =
      summaryRowReason(gr.name) ??
      aggregateRowReason(gr.name) ??
      (rowHasLogin(gr.nameCell, gr.codeCell) ? null : areaAggregateReason(gr.name));
    if (reason) {
      const aggregate = gr.memberRows.length > 0 ? { aggregate: true } : {};
      out.skipped.push({ row: gr.row, reason, ...aggregate });
      for (const m of gr.memberRows) out.skipped.push({ row: m, reason: `${reason}, строка группы`, ...aggregate });
      continue;
    }
    const schoolCell = a1(gr.row - 1, (col("school") ?? 0) + g.ox);
    /** A group not read: its rows without a problem of their own are named (nothing vanishes). */
    const leaveOut = (why: string) => {
      const withProblem = new Set(gr.problems.map((p) => p.cell.replace(/^[A-Z]+/, "")));
      for (const m of gr.memberRows) {
        if (!withProblem.has(String(m))) out.skipped.push({ row: m, reason: `не учтена: ${why}` });
      }
    };
    if (gr.problems.length) {
      pushAll(out.problems, gr.problems);
      out.skipped.push({ row: gr.row, reason: `не учтена: в группе «${gr.name}» есть непрочитанные значения` });
      leaveOut(`в группе «${gr.name}» есть непрочитанные значения`);
      continue;
    }
    const { lower, confirmed, higher, total } = gr.parts;
    if (!lower || !confirmed || !higher) {
      leaveOut(`группа «${gr.name}» без строк «Понизили», «Подтвердили» и «Повысили»`);
      out.problems.push({
        sheet,
        cell: schoolCell,
        message: `«${gr.name}»: нет строк «Понизили», «Подтвердили» и «Повысили» — сравнение с журналом не прочитано`,
        ...(file ? { file } : {}),
      });
      continue;
    }
    const counts =
      lower.count !== null && confirmed.count !== null && higher.count !== null
        ? {
            lower: lower.count,
            confirmed: confirmed.count,
            higher: higher.count,
            total: total?.count ?? lower.count + confirmed.count + higher.count,
          }
        : null;
    let shares: JournalRecord["shares"] | null = null;
    if (lower.percent !== null && confirmed.percent !== null && higher.percent !== null) {
      shares = { lower: lower.percent, confirmed: confirmed.percent, higher: higher.percent };
      const sum = shares.lower + shares.confirmed + shares.higher;
      if (sum <= 1.01 && sum > 0)
        shares = { lower: shares.lower * 100, confirmed: shares.confirmed * 100, higher: shares.higher * 100 };
    } else if (counts && counts.total > 0) {
      shares = {
        lower: (counts.lower * 100) / counts.total,
        confirmed: (counts.confirmed * 100) / counts.total,
        higher: (counts.higher * 100) / counts.total,
      };
    }
    if (!shares) {
      leaveOut(`группа «${gr.name}» без процентов и количеств`);
      out.problems.push({
        sheet,
        cell: schoolCell,
        message: `«${gr.name}»: нет ни процентов, ни количеств сравнения с журналом`,
        ...(file ? { file } : {}),
      });
      continue;
    }
    const school = schoolOfRow(gr.nameCell, gr.codeCell);
    out.rows.push({
      schoolCell,
      rows: [gr.row, ...gr.memberRows],
      record: {
        schoolKey: schoolKeyOf(school.name, school.code),
        school: school.name || (school.code ?? ""),
        code: school.code,
        year: ctx.values.year ? Number(ctx.values.year.value) : null,
        // The journal comparison is a report of ВПР (ФИС ОКО).
        procedure: ctx.values.procedure ? String(ctx.values.procedure.value) : "ВПР",
        grade: ctx.values.grade ? Number(ctx.values.grade.value) : null,
        subject: ctx.values.subject ? String(ctx.values.subject.value) : null,
        shares,
        counts,
        source: { sheet, row: gr.row, ...(file ? { file } : {}) },
      },
    });
  }
  return out;
}

type Side = "lower" | "confirmed" | "higher";
const SIDES: Side[] = ["lower", "confirmed", "higher"];
const SIDE_WORD: Record<Side, string> = { lower: "понизили", confirmed: "подтвердили", higher: "повысили" };
const SIDE_LABEL: Record<Side, string> = { lower: "Понизили", confirmed: "Подтвердили", higher: "Повысили" };

/** 2024+ layout columns: «Понизили (Отметка < Отметка по журналу) %» and «… Кол-во участников», in one or two rows. */
function sideFields(side: Side): FieldDef[] {
  const word = SIDE_WORD[side];
  const names = (t: string, group: string) => t.includes(word) || group.includes(word);
  return [
    {
      id: `${side}Pct`,
      label: `${SIDE_LABEL[side]}, %`,
      synonyms: [],
      test: (t, group) => names(t, group) && /%|процент|(^| )доля/.test(t),
    },
    {
      id: `${side}Count`,
      label: `${SIDE_LABEL[side]}, кол-во участников`,
      synonyms: [],
      test: (t, group) => names(t, group) && !t.includes("%") && /кол во|количество|(^| )чел( |$)|участник/.test(t),
    },
  ];
}

/**
 * «Сравнение отметок с отметками по журналу», 2024+ layout (issue 16 item 6): one row per group, columns
 * `Группы участников | Кол-во участников(всего) | Понизили … % | Понизили … Кол-во участников | Подтвердили … | …`.
 */
export function readJournalColumns(
  g: GridReader,
  match: HeaderMatch,
  ctx: SheetContext,
  file?: string,
): RowsOutcome<JournalRow> {
  const out: RowsOutcome<JournalRow> = { rows: [], skipped: [], problems: [] };
  const { col, cell } = fieldCells(g, match);
  const sheet = g.sheet.name;
  const rowClass = new SchoolRowClassifier(g, cell, (f) => col(f) !== undefined);
  const numberFields = ["count", ...SIDES.flatMap((s) => [`${s}Pct`, `${s}Count`])].filter((f) => col(f) !== undefined);
  for (const { r, sheetRow } of nonBlankRows(g, match.dataStart, out.skipped)) {
    const numbersBlank = numberFields.every((f) => isBlank(cell(r, f)));
    const skip = rowClass.classify(r);
    if (skip) {
      out.skipped.push({
        row: sheetRow,
        reason: skip.reason,
        ...(skip.aggregate && !numbersBlank ? { aggregate: true } : {}),
      });
      continue;
    }
    const name = cellText(cell(r, "school"));
    if (numbersBlank) {
      out.skipped.push({ row: sheetRow, reason: `строка без чисел${name ? `: «${name}»` : ""}` });
      continue;
    }
    const schoolCell = a1(r + g.oy, (col("school") ?? 0) + g.ox);
    const problems: Problem[] = [];
    const read = (f: string): number | null => {
      if (col(f) === undefined) return null;
      const p = parseNumberCell(cell(r, f));
      if (!p.ok) {
        problems.push({
          sheet,
          cell: a1(r + g.oy, col(f)! + g.ox),
          message: `${match.columns.get(f)!.header}: ${p.message}`,
          ...(file ? { file } : {}),
        });
        return null;
      }
      return p.value;
    };
    const pct = SIDES.map((s) => read(`${s}Pct`));
    const cnt = SIDES.map((s) => read(`${s}Count`));
    const total = read("count");
    const school = schoolOfRow(cell(r, "school"), cell(r, "code"));
    if (school.name === "" && school.code === null) {
      problems.push({ sheet, cell: schoolCell, message: "Не указана школа", ...(file ? { file } : {}) });
    }
    if (problems.length) {
      pushAll(out.problems, problems);
      continue;
    }
    const counts =
      cnt[0] !== null && cnt[1] !== null && cnt[2] !== null
        ? { lower: cnt[0], confirmed: cnt[1], higher: cnt[2], total: total ?? cnt[0] + cnt[1] + cnt[2] }
        : null;
    let shares: JournalRecord["shares"] | null = null;
    if (pct[0] !== null && pct[1] !== null && pct[2] !== null) {
      const sum = pct[0] + pct[1] + pct[2];
      const k = sum <= 1.01 && sum > 0 ? 100 : 1;
      shares = { lower: pct[0] * k, confirmed: pct[1] * k, higher: pct[2] * k };
    } else if (counts && counts.total > 0) {
      shares = {
        lower: (counts.lower * 100) / counts.total,
        confirmed: (counts.confirmed * 100) / counts.total,
        higher: (counts.higher * 100) / counts.total,
      };
    }
    if (!shares || [shares.lower, shares.confirmed, shares.higher].some((v) => v < 0 || v > 100)) {
      out.problems.push({
        sheet,
        cell: schoolCell,
        message: shares
          ? `«${name}»: доли сравнения с журналом вне 0–100 %`
          : `«${name}»: нет ни процентов, ни количеств сравнения с журналом`,
        ...(file ? { file } : {}),
      });
      continue;
    }
    const municipality = rowClass.municipalityOf(r);
    out.rows.push({
      schoolCell,
      record: {
        schoolKey: schoolKeyOf(school.name, school.code),
        school: school.name || (school.code ?? ""),
        code: school.code,
        year: ctx.values.year ? Number(ctx.values.year.value) : null,
        procedure: ctx.values.procedure ? String(ctx.values.procedure.value) : "ВПР",
        grade: ctx.values.grade ? Number(ctx.values.grade.value) : null,
        subject: ctx.values.subject ? String(ctx.values.subject.value) : null,
        shares,
        counts,
        ...(municipality !== null ? { municipality } : {}),
        source: { sheet, row: sheetRow, ...(file ? { file } : {}) },
      },
    });
  }
  return out;
}

export const journalKind = defineKind({
  id: "journal",
  labels: {
    title: "Сравнение с отметками по журналу",
    account: "сравнение отметок с отметками по журналу",
    count: "строк сравнения с журналом",
  },
  fields: [
    F.schoolField,
    F.codeField,
    {
      id: "count",
      label: "Кол-во участников",
      synonyms: F.participantsField.synonyms,
      contains: F.participantsField.contains,
    },
    { id: "percent", label: "%", synonyms: ["%", "доля", "доля участников", "% участников", "процент"] },
    ...SIDES.flatMap(sideFields),
    F.municipalityField,
  ],
  layouts: [
    {
      id: "rows",
      label: null,
      requires: [["school"], ["count", "percent"]],
      rowMarkers: ["понизили", "подтвердили", "повысили"],
      bonus: 100,
    },
    {
      id: "columns",
      label: "по столбцам «Понизили / Подтвердили / Повысили» (ФИС ОКО с 2024 года)",
      requires: [
        ["school"],
        ["lowerPct", "lowerCount"],
        ["confirmedPct", "confirmedCount"],
        ["higherPct", "higherCount"],
      ],
      bonus: 50,
    },
  ],
  contextFields: F.ASSESSMENT_CONTEXT,
  identity: true,
  checkedAgainstSchools: true,
  read: ({ g, match, ctx, file }) =>
    match.layout.id === "columns" ? readJournalColumns(g, match, ctx, file) : readJournalRows(g, match, ctx, file),
});
