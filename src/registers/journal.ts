/**
 * «Сравнение отметок с отметками по журналу» (ФИС ОКО, issue 8 layout 3) → JournalRecord. A group row names the
 * school (or an aggregate), then rows «Понизили…», «Подтвердили…», «Повысили…», «Всего» give count and %.
 * Never read as results; it feeds R-OBJ-1.
 */
import type { CellValue, JournalRecord, Problem } from "../core/types";
import { a1 } from "./address";
import type { SheetContext } from "./context";
import type { GridReader, HeaderMatch } from "./headers";
import { basicText, schoolKeyOf } from "./normalize";
import type { RowsOutcome } from "./results";
import { aggregateRowReason, fieldCells, rowHasLogin, schoolOfRow, summaryRowReason } from "./rows";
import { cellText, parseNumberCell } from "./values";

type Part = "lower" | "confirmed" | "higher" | "total";

function partOf(label: string): Part | null {
  const t = basicText(label);
  if (t.startsWith("понизили")) return "lower";
  if (t.startsWith("подтвердили")) return "confirmed";
  if (t.startsWith("повысили")) return "higher";
  if (t === "всего" || t.startsWith("всего ")) return "total";
  return null;
}

export interface JournalRow {
  record: JournalRecord;
  schoolCell: string;
}

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

  const reportLayout = groups.some((gr) => rowHasLogin(gr.nameCell, gr.codeCell));
  for (const gr of groups) {
    const reason =
      summaryRowReason(gr.name) ??
      aggregateRowReason(gr.name) ??
      (reportLayout && !rowHasLogin(gr.nameCell, gr.codeCell) ? `агрегат: ${gr.name} (нет логина ОО)` : null);
    if (reason) {
      out.skipped.push({ row: gr.row, reason });
      for (const m of gr.memberRows) out.skipped.push({ row: m, reason: `${reason}, строка группы` });
      continue;
    }
    const schoolCell = a1(gr.row - 1, (col("school") ?? 0) + g.ox);
    if (gr.problems.length) {
      for (const x of gr.problems) out.problems.push(x);
      continue;
    }
    const { lower, confirmed, higher, total } = gr.parts;
    if (!lower || !confirmed || !higher) {
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
