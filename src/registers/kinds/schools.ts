/** The «Школы» register kind (SPEC §2): one row per school → SchoolRecord; several sheets give one record per school. */
import type { Problem, SchoolRecord } from "../../core/types";
import { a1 } from "../address";
import type { GridReader, HeaderMatch } from "../headers";
import { defineKind, type Item, type RowBase, type RowsOutcome } from "../kind";
import { basicText, findSubjectInText, normalizeCode, schoolKeyOf } from "../normalize";
import { aggregateRowReason, fieldCells, leadText, nonBlankRows, schoolOfRow, summaryRowReason } from "../rows";
import { cellText, isBlank } from "../values";
import * as F from "./fields";

export type SchoolRow = RowBase<SchoolRecord>;

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
    const locality = text(r, "locality");
    const rural = locality === null ? null : ruralOf(locality);
    if (rural === "bad") {
      out.problems.push({
        sheet: g.sheet.name,
        cell: a1(r + g.oy, col("locality")! + g.ox),
        message: `Местность «${locality}»: ожидается «город» или «село» (строка учтена, местность не учтена в ИСБ)`,
        ...(file ? { file } : {}),
      });
    }
    out.rows.push({
      schoolCell,
      aliases,
      record: {
        schoolKey: key,
        name: school.name,
        code: school.code,
        type: text(r, "type"),
        locality,
        ...(col("locality") !== undefined ? { rural: rural === "bad" ? null : rural } : {}),
        curator: text(r, "curator"),
        partner: text(r, "partner"),
        ...(col("municipality") !== undefined ? { municipality: text(r, "municipality") } : {}),
        source: { sheet: g.sheet.name, row: sheetRow, ...(file ? { file } : {}) },
      },
    });
  }
  return out;
}

/** Urban words first: «посёлок городского типа» is a town. */
const URBAN =
  /^(г|гор|город\S*|пгт|рп|пос[её]лок городского типа|рабочий пос[её]лок|городск\S*( местность| поселение| округ)?|урбан\S*)$/;
const RURAL =
  /^(с|д|п|пос|ст|х|аул|село|сельск\S*( местность| поселение)?|деревня|станица|хутор|пос[её]лок|сельская местность)$/;

/** Местность as rural (true), urban (false), or "bad" when neither (SPEC §3 R-SOC «rural location (0/1)»). */
export function ruralOf(text: string): boolean | "bad" {
  const t = basicText(text)
    .replace(/[.,;:]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  if (URBAN.test(t) || /^город /.test(t)) return false;
  if (RURAL.test(t) || /^(село|деревня|станица|хутор|аул) /.test(t)) return true;
  return "bad";
}

/** Several «Школы» sheets: one record per school, later rows are named skips. */
function combineSchools(items: Item<SchoolRow>[]): { kept: Item<SchoolRow>[]; problems: Problem[] } {
  const byKey = new Map<string, SchoolRow>();
  const kept: Item<SchoolRow>[] = [];
  for (const it of items) {
    const prev = byKey.get(it.row.record.schoolKey);
    if (prev) {
      it.account.skipped.push({
        row: it.row.record.source.row,
        reason: `дубликат школы (лист «${prev.record.source.sheet}», строка ${prev.record.source.row})`,
      });
      continue;
    }
    byKey.set(it.row.record.schoolKey, it.row);
    kept.push(it);
  }
  return { kept, problems: [] };
}

/** «Логин ОО» next to «Код ОО» in «Школы»: both codes of one school (issue 8, school identity). */
const loginField = {
  id: "login",
  label: "Логин ОО",
  synonyms: ["логин", "логин оо", "логин оу", "логин фис око", "login", "логин в фис око"],
};

export const schoolsKind = defineKind({
  id: "schools",
  labels: { title: "Школы", account: "реестр школ", count: "школ в реестре школ" },
  fields: [
    F.schoolField,
    loginField,
    F.codeField,
    { id: "type", label: "Тип", synonyms: ["тип", "тип оо", "вид оо", "тип школы", "тип учреждения"] },
    {
      id: "locality",
      label: "Местность",
      synonyms: ["местность", "город село", "тип местности", "территория", "городская сельская", "расположение"],
    },
    { id: "curator", label: "Куратор", synonyms: ["куратор", "куратор школы"] },
    { id: "partner", label: "Школа-партнёр", synonyms: ["школа партнер", "партнер", "школа наставник", "наставник"] },
    F.municipalityField,
  ],
  layouts: [{ id: "list", label: null, requires: [["school"]] }],
  excludes: [
    F.participantsField,
    F.yearField,
    F.failedField,
    F.failedShareField,
    F.subjectField,
    // Tables of results, protocols and applications name subjects, marks, pupils and classes; a list of schools does not.
    {
      id: "subjectColumn",
      label: "Предмет",
      synonyms: [],
      test: (t, group) => findSubjectInText(t) !== null || (group !== "" && findSubjectInText(group) !== null),
    },
    {
      id: "pupil",
      label: "Ученик",
      synonyms: [
        "код участника",
        "код ученика",
        "вариант",
        "отметка",
        "первичный балл",
        "наименование класса",
        "класс",
      ],
      contains: ["отметка", "первичный балл", "заявлен", "участник", "выпускник"],
    },
    // Registers of issue 13 that also list schools with a curator: support flags and risk directions.
    {
      id: "supportFlags",
      label: "Поддержка",
      synonyms: [],
      test: (t) => /(методическ|адресн|взаимодейств)/.test(t),
    },
    {
      id: "riskColumn",
      label: "Риск",
      synonyms: [],
      test: (t) => /^(риск|рисков)/.test(t),
    },
    {
      id: "total",
      label: "Всего",
      synonyms: ["всего обучающихся", "всего педагогов", "выпускники", "численность обучающихся"],
      contains: ["всего обучающихся", "всего педагогов", "выпускник", "численность"],
    },
  ],
  identity: true,
  givesAliases: true,
  read: ({ g, match, file }) => readSchoolRows(g, match, file),
  combine: (items) => combineSchools(items),
});
