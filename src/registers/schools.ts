/** Rows of the «Школы» register (SPEC §2) → SchoolRecord. */
import type { Problem, SchoolRecord } from "../core/types";
import { a1 } from "./address";
import type { GridReader, HeaderMatch } from "./headers";
import { normalizeCode, schoolKeyOf } from "./normalize";
import type { RowsOutcome } from "./results";
import { aggregateRowReason, fieldCells, leadText, nonBlankRows, schoolOfRow, summaryRowReason } from "./rows";
import { cellText, isBlank } from "./values";

export interface SchoolRow {
  record: SchoolRecord;
  schoolCell: string;
  /** Other codes of the same school (a «Логин ОО» next to «Код ОО»), normalised. */
  aliases: string[];
}

export function readSchoolRows(g: GridReader, match: HeaderMatch, file?: string): RowsOutcome<SchoolRow> {
  const out: RowsOutcome<SchoolRow> = { rows: [], skipped: [], problems: [] };
  const { col, cell } = fieldCells(g, match);
  const text = (r: number, f: string): string | null => {
    const t = cellText(cell(r, f));
    return t === "" ? null : t;
  };
  const seen = new Map<string, number>();
  for (const { r, sheetRow } of nonBlankRows(g, match.dataStart, out.skipped)) {
    const nameText = cellText(cell(r, "school"));
    const reason = summaryRowReason(nameText) ?? summaryRowReason(leadText(g, r)) ?? aggregateRowReason(nameText);
    if (reason) {
      out.skipped.push({ row: sheetRow, reason });
      continue;
    }
    // «Код ОО» is the school's code; a «Логин ОО» column alone stands for it, next to it is an alias.
    const codeCell = col("code") !== undefined && !isBlank(cell(r, "code")) ? cell(r, "code") : cell(r, "login");
    const school = schoolOfRow(cell(r, "school"), codeCell);
    const loginCell = cell(r, "login");
    const aliases: string[] = [];
    if (school.code !== null && !isBlank(loginCell)) {
      const other = normalizeCode(typeof loginCell === "number" ? loginCell : cellText(loginCell));
      if (other !== school.code) aliases.push(other);
    }
    const schoolCell = a1(r + g.oy, (col("school") ?? 0) + g.ox);
    if (school.name === "") {
      const p: Problem = { sheet: g.sheet.name, cell: schoolCell, message: "Не указано название школы" };
      if (file) p.file = file;
      out.problems.push(p);
      continue;
    }
    const key = schoolKeyOf(school.name, school.code);
    const first = seen.get(key);
    if (first !== undefined) {
      out.skipped.push({ row: sheetRow, reason: `дубликат строки ${first}` });
      continue;
    }
    seen.set(key, sheetRow);
    out.rows.push({
      schoolCell,
      aliases,
      record: {
        schoolKey: key,
        name: school.name,
        code: school.code,
        type: text(r, "type"),
        locality: text(r, "locality"),
        curator: text(r, "curator"),
        partner: text(r, "partner"),
        source: { sheet: g.sheet.name, row: sheetRow, ...(file ? { file } : {}) },
      },
    });
  }
  return out;
}
