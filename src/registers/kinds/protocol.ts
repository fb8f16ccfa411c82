/**
 * Per-pupil protocols (SPEC §2, issue 16 item 5) — their own register kind, never «Школы» (a pupil code is never a
 * school code):
 *  (a) ФИС ОКО «Индивидуальные результаты»: title lines (`ВПР 2026 Русский язык 4 класс`, `Предмет:`, `Дата:`), the
 *      header `ОО | Муниципалитет | Название ОО | Код участника | Класс | Вариант | 1 (2б) … | Первичный балл |
 *      Отметка | Отметка по журналу`, group rows `МБОУ «СОШ №1 г.Урус-Мартан»(edu203389) | Кол-во участников: 89`;
 *  (b) protocols of 2020–2022 with primary scores and no ВПР mark (`Пользователь | … | Школа | … | Код | Вариант |
 *      1 (1б) … | Наименование класса | Пол | Отметка за предыдущую четверть/триместр | Первичный балл`): their marks
 *      come from the «Шкалы» register; without a scale, one problem per sheet says what is missing.
 * Pupils aggregate to units per school × grade × subject × class (failed = mark 2) with the pairs (ВПР mark, journal
 * mark) kept as a 4×4 count matrix; units with marks also become results.
 */
import type { CellValue, MarkCounts, MarkPairs, Problem, ProtocolUnit, ResultRecord } from "../../core/types";
import { a1 } from "../address";
import { rowSubject, type SheetContext } from "../context";
import type { GridReader, HeaderMatch } from "../headers";
import { defineKind, pushAll, type CombineEnv, type Item, type RowBase, type RowsOutcome } from "../kind";
import { findLogin, normalizeProcedure, schoolKeyOf, splitLoginFromName } from "../normalize";
import { aggregateRowReason, fieldCells, leadText, nonBlankRows, schoolOfRow, summaryRowReason } from "../rows";
import { cellText, isBlank, parseGradeCell, parseNumberCell, parseYearCell } from "../values";
import type { ResultRow } from "./results";
import { scaleKey, type ScaleRow } from "./scales";
import * as F from "./fields";

/** A protocol unit with the primary scores of its pupils (score|journal mark → pupils) for a later scale. */
export interface ProtocolRow extends RowBase<ProtocolUnit> {
  rows: number[];
  /** `${primary score}|${journal mark or ""}` → pupils, for units whose marks come from a scale. */
  scores: Map<string, number>;
  /** The header cell of the primary score column (where a missing scale is reported). */
  primaryCell: string | null;
}

const emptyPairs = (): MarkPairs => [
  [0, 0, 0, 0],
  [0, 0, 0, 0],
  [0, 0, 0, 0],
  [0, 0, 0, 0],
];

/** A mark 2…5 of a cell («4», 4, «4»), null when blank, "bad" otherwise. */
function markOf(v: CellValue): number | null | "bad" {
  if (isBlank(v)) return null;
  if (typeof v === "number") return Number.isInteger(v) && v >= 2 && v <= 5 ? v : "bad";
  if (typeof v !== "string" || v.length > 12) return "bad";
  const t = v.replace(/[«»"'\s]/g, "");
  return /^[2-5]$/.test(t) ? Number(t) : "bad";
}

/** «Кол-во участников: 89» inside a group row; null when not there. */
function groupCount(text: string): number | null {
  if (text.length > 300) return null;
  const m = /(?:кол-?во|количество)\s+участников\s*:?\s*(\d{1,6})/i.exec(text);
  return m ? Number(m[1]) : null;
}

interface Group {
  name: string;
  code: string | null;
  row: number;
  expected: number | null;
  pupils: number;
}

interface Acc {
  unit: ProtocolUnit;
  row: ProtocolRow;
  primarySum: number;
  primaryCount: number;
  /** Σ of squared primary scores (the sd of R-OBJ-4). */
  primarySq: number;
}

export function readProtocolRows(
  g: GridReader,
  match: HeaderMatch,
  ctx: SheetContext,
  file?: string,
): RowsOutcome<ProtocolRow> {
  const out: RowsOutcome<ProtocolRow> = { rows: [], skipped: [], problems: [] };
  const { col, cell } = fieldCells(g, match);
  const sheet = g.sheet.name;
  const at = (r: number, f: string) => a1(r + g.oy, (col(f) ?? col("school") ?? col("code") ?? 0) + g.ox);
  const pupilFields = ["pupil", "mark", "primary", "journal", "variant"].filter((f) => col(f) !== undefined);
  const primaryCell = col("primary") !== undefined ? a1(match.headerRow + g.oy, col("primary")! + g.ox) : null;
  const units = new Map<string, Acc>();
  let group: Group | null = null;
  const closeGroup = () => {
    if (group && group.expected !== null && group.expected !== group.pupils) {
      out.problems.push({
        sheet,
        cell: a1(group.row - 1, g.ox),
        message:
          `«${group.name}»: в строке группы указано участников ${group.expected}, а строк учеников ${group.pupils} — ` +
          `проверьте, весь ли протокол скопирован (прочитанные строки учтены)`,
        ...(file ? { file } : {}),
      });
    }
  };

  const procedureOf = (r: number): string | null =>
    col("procedure") !== undefined && !isBlank(cell(r, "procedure"))
      ? normalizeProcedure(cellText(cell(r, "procedure")))
      : ctx.values.procedure
        ? String(ctx.values.procedure.value)
        : null;

  for (const { r, sheetRow } of nonBlankRows(g, match.dataStart, out.skipped)) {
    const isPupil = pupilFields.some((f) => !isBlank(g.raw(r, col(f)!)));
    if (!isPupil) {
      // A group row names the school of the pupils below it (a login, «Кол-во участников: N»), else a title/total.
      const lead = leadText(g, r);
      let text = "";
      for (let c = 0; c < g.cols; c++) {
        const v = g.raw(r, c);
        if (typeof v === "string" && !isBlank(v)) text += `${text ? " " : ""}${v.trim()}`;
      }
      const summary = summaryRowReason(lead) ?? aggregateRowReason(lead);
      if (summary) {
        out.skipped.push({ row: sheetRow, reason: summary });
        continue;
      }
      const count = groupCount(text);
      const login = findLogin(text);
      if (count !== null || login !== null) {
        closeGroup();
        const first = cellText(g.raw(r, col("school") ?? 0)) || lead;
        const split = splitLoginFromName(first.replace(/(?:кол-?во|количество)\s+участников.*$/i, ""));
        group = { name: split.name || first, code: login, row: sheetRow, expected: count, pupils: 0 };
        out.skipped.push({
          row: sheetRow,
          reason: `строка группы: ${group.name}${count !== null ? ` (участников: ${count})` : ""}`,
        });
        continue;
      }
      out.skipped.push({ row: sheetRow, reason: `строка без ученика${lead ? `: «${lead}»` : ""}` });
      continue;
    }

    const problems: Problem[] = [];
    const prob = (f: string, message: string) =>
      problems.push({ sheet, cell: at(r, f), message, ...(file ? { file } : {}) });
    // The school: the row's own cells, else the group row above.
    const own = schoolOfRow(cell(r, "school"), cell(r, "code"));
    const school = own.name !== "" || own.code !== null ? own : group ? { name: group.name, code: group.code } : own;
    if (school.name === "" && school.code === null) prob("school", "Не указана школа ученика");

    let year: number | null = null;
    if (col("year") !== undefined && !isBlank(cell(r, "year"))) {
      const p = parseYearCell(cell(r, "year"));
      if (p.ok) year = p.value;
      else prob("year", `Учебный год: ${p.message}`);
    } else if (ctx.values.year) year = Number(ctx.values.year.value);
    else prob("school", "Не указан учебный год (нет ни столбца, ни года в заголовке, названии листа или файла)");

    const procedure = procedureOf(r);
    if (!procedure) prob("school", `Не указана оценочная процедура: ${F.NO_PROCEDURE_HINT}`);

    const subjectOfRow = rowSubject(cell(r, "subject"), col("subject") !== undefined, ctx);
    const subject = subjectOfRow?.subject ?? null;
    const variant = subjectOfRow?.variant ?? null;
    if (!subject) prob("school", "Не указан предмет (нет ни столбца, ни предмета в заголовке, листе или файле)");

    let grade: number | null = ctx.values.grade ? Number(ctx.values.grade.value) : null;
    let classLabel: string | null = null;
    if (col("className") !== undefined && !isBlank(cell(r, "className"))) {
      const raw = cellText(cell(r, "className"));
      const letter = /^[«"]?([А-ЯЁа-яёA-Za-z])[»"]?$/.exec(raw);
      if (letter && grade !== null) classLabel = `${grade}${letter[1].toUpperCase().replace("Ё", "Е")}`;
      else {
        const p = parseGradeCell(cell(r, "className"));
        if (!p.ok) prob("className", `Класс: ${p.message}`);
        else if (p.value) {
          if (grade !== null && p.value.grade !== grade) {
            prob("className", `Класс «${raw}» не из ${grade}-го класса, указанного в заголовке`);
          }
          grade = p.value.grade;
          classLabel = p.value.classLabel;
        }
      }
    }
    if (grade === null && procedure === "ОГЭ") grade = 9;

    const mark = col("mark") !== undefined ? markOf(cell(r, "mark")) : null;
    if (mark === "bad") prob("mark", `Отметка «${cellText(cell(r, "mark"))}» — не 2, 3, 4 или 5`);
    let primary: number | null = null;
    if (col("primary") !== undefined && !isBlank(cell(r, "primary"))) {
      const p = parseNumberCell(cell(r, "primary"));
      if (!p.ok || p.value === null || p.value < 0 || p.percent) {
        prob("primary", `Первичный балл «${cellText(cell(r, "primary"))}» — не число баллов`);
      } else primary = p.value;
    }
    // A journal mark that cannot be read leaves the pupil counted without it (it is said).
    let journal = col("journal") !== undefined ? markOf(cell(r, "journal")) : null;
    if (journal === "bad") {
      out.problems.push({
        sheet,
        cell: at(r, "journal"),
        message: `Отметка по журналу «${cellText(cell(r, "journal"))}» не прочитана — ученик учтён без неё`,
        ...(file ? { file } : {}),
      });
      journal = null;
    }
    if (problems.length || year === null || !procedure || !subject) {
      pushAll(out.problems, problems);
      if (group) group.pupils++;
      continue;
    }
    if (mark === null && primary === null) {
      out.skipped.push({ row: sheetRow, reason: "ученик без отметки и первичного балла (не писал работу)" });
      if (group) group.pupils++;
      continue;
    }
    if (group) group.pupils++;
    const schoolKey = schoolKeyOf(school.name, school.code);
    const key = [schoolKey, year, procedure, grade ?? "", subject, variant ?? "", classLabel ?? ""].join("|");
    let acc = units.get(key);
    if (!acc) {
      const unit: ProtocolUnit = {
        schoolKey,
        school: school.name || (school.code ?? ""),
        code: school.code,
        year,
        procedure,
        grade,
        classLabel,
        subject,
        variant,
        pupils: 0,
        participants: 0,
        failed: 0,
        marks: { m2: 0, m3: 0, m4: 0, m5: 0 },
        pairs: emptyPairs(),
        noJournal: 0,
        meanPrimary: null,
        marksFrom: "protocol",
        source: { sheet, row: sheetRow, ...(file ? { file } : {}) },
      };
      const municipality = cellText(cell(r, "municipality"));
      if (municipality) unit.municipality = municipality;
      acc = {
        unit,
        row: {
          record: unit,
          schoolCell: at(r, col("school") !== undefined ? "school" : "code"),
          rows: [],
          scores: new Map(),
          primaryCell,
        },
        primarySum: 0,
        primaryCount: 0,
        primarySq: 0,
      };
      units.set(key, acc);
    }
    const u = acc.unit;
    u.pupils++;
    acc.row.rows.push(sheetRow);
    if (primary !== null) {
      acc.primarySum += primary;
      acc.primarySq += primary * primary;
      acc.primaryCount++;
    }
    if (typeof mark === "number") {
      addMark(u, mark, journal);
    } else if (primary !== null) {
      // Primary score only: the mark comes from the «Шкалы» register in the cross-sheet step.
      const k = `${primary}|${journal ?? ""}`;
      acc.row.scores.set(k, (acc.row.scores.get(k) ?? 0) + 1);
    }
  }
  closeGroup();
  for (const acc of units.values()) {
    const u = acc.unit;
    u.meanPrimary = acc.primaryCount ? Math.round((acc.primarySum / acc.primaryCount) * 100) / 100 : null;
    if (acc.primaryCount > 0) {
      const n = acc.primaryCount;
      const mean = acc.primarySum / n;
      u.primaryCount = n;
      u.sdPrimary =
        n >= 2 ? Math.round(Math.sqrt(Math.max(0, acc.primarySq - n * mean * mean) / (n - 1)) * 1e4) / 1e4 : null;
    }
    if (acc.row.scores.size > 0 && u.participants === 0) {
      u.marksFrom = null;
      u.failed = null;
      u.marks = null;
      u.pairs = null;
    }
    out.rows.push(acc.row);
  }
  return out;
}

function addMark(u: ProtocolUnit, mark: number, journal: number | null, n = 1): void {
  u.participants += n;
  const key = `m${mark}` as keyof MarkCounts;
  u.marks![key] += n;
  if (mark === 2) u.failed! += n;
  if (journal === null) u.noJournal += n;
  else u.pairs![mark - 2][journal - 2] += n;
}

/** The mark of a primary score on a scale. */
function markOnScale(score: number, s: { min3: number; min4: number; min5: number }): number {
  return score >= s.min5 ? 5 : score >= s.min4 ? 4 : score >= s.min3 ? 3 : 2;
}

/** ВПР vs journal shares (% lower / equal / higher) of a unit's pairs; null without journal marks. */
function journalShares(pairs: MarkPairs | null): ResultRecord["journal"] {
  if (!pairs) return null;
  let lower = 0;
  let same = 0;
  let higher = 0;
  for (let v = 0; v < 4; v++) {
    for (let j = 0; j < 4; j++) {
      if (v < j) lower += pairs[v][j];
      else if (v === j) same += pairs[v][j];
      else higher += pairs[v][j];
    }
  }
  const total = lower + same + higher;
  if (total === 0) return null;
  return { lower: (lower * 100) / total, confirmed: (same * 100) / total, higher: (higher * 100) / total };
}

const unitKeyOf = (u: ProtocolUnit) =>
  [u.schoolKey, u.year, u.procedure, u.grade ?? "", u.subject, u.variant ?? "", u.classLabel ?? ""].join("|");
const unitValues = (u: ProtocolUnit, scores: Map<string, number>) =>
  JSON.stringify([u.pupils, u.marks, u.pairs, u.noJournal, [...scores].sort()]);

/**
 * Cross-sheet step: one unit per key (a protocol pasted twice is counted once; differing copies are a problem), marks
 * from primary scores through the «Шкалы» register, then every unit with marks becomes a results row.
 */
function combineProtocols(
  items: Item<ProtocolRow>[],
  env: CombineEnv,
): {
  kept: Item<ProtocolRow>[];
  problems: Problem[];
  derived: Record<string, Item<RowBase<unknown>>[]>;
} {
  const problems: Problem[] = [];
  const byKey = new Map<string, Item<ProtocolRow>[]>();
  for (const it of items) {
    const k = unitKeyOf(it.row.record);
    const list = byKey.get(k);
    if (list) list.push(it);
    else byKey.set(k, [it]);
  }
  const kept: Item<ProtocolRow>[] = [];
  for (const list of byKey.values()) {
    const first = list[0];
    const v = unitValues(first.row.record, first.row.scores);
    if (list.every((it) => unitValues(it.row.record, it.row.scores) === v)) {
      kept.push(first);
      for (const it of list.slice(1)) {
        for (const row of it.row.rows) {
          it.account.skipped.push({ row, reason: `дубликат протокола (лист «${first.account.sheet}»)` });
        }
      }
      continue;
    }
    for (const it of list) {
      const u = it.row.record;
      const p: Problem = {
        sheet: it.account.sheet,
        cell: it.row.schoolCell,
        message:
          `Протокол ${u.school}, ${u.year}, ${u.procedure}, ${u.grade ?? "—"} кл., ${u.subject}` +
          `${u.classLabel ? `, ${u.classLabel}` : ""} есть в нескольких местах с разными учениками — не учтён`,
      };
      if (it.account.file) p.file = it.account.file;
      problems.push(p);
      it.account.problems.push(p);
      for (const row of it.row.rows.slice(1))
        it.account.skipped.push({ row, reason: "не учтена: протокол в нескольких местах с разными учениками" });
    }
  }

  // Primary scores only: marks through the «Шкалы» register.
  const scales = new Map<string, ScaleRow["record"]>();
  for (const it of env.items("scales") as Item<ScaleRow>[]) scales.set(scaleKey(it.row.record), it.row.record);
  const missing = new Map<
    string,
    { account: Item<ProtocolRow>["account"]; cell: string; keys: Set<string>; pupils: number }
  >();
  const withMarks: Item<ProtocolRow>[] = [];
  for (const it of kept) {
    const u = it.row.record;
    if (it.row.scores.size > 0) {
      const scale = scales.get(scaleKey(u));
      if (!scale) {
        const k = `${it.account.file ?? ""}\u0000${it.account.sheet}`;
        let m = missing.get(k);
        if (!m)
          missing.set(
            k,
            (m = { account: it.account, cell: it.row.primaryCell ?? it.row.schoolCell, keys: new Set(), pupils: 0 }),
          );
        m.keys.add(`${u.year} · ${u.procedure} · ${u.grade ?? "—"} кл. · ${u.subject}`);
        for (const n of it.row.scores.values()) m.pupils += n;
        if (u.participants > 0) withMarks.push(it);
        continue;
      }
      if (u.marks === null) {
        u.marks = { m2: 0, m3: 0, m4: 0, m5: 0 };
        u.pairs = emptyPairs();
        u.failed = 0;
      }
      for (const [k, n] of it.row.scores) {
        const [score, journal] = k.split("|");
        addMark(u, markOnScale(Number(score), scale), journal === "" ? null : Number(journal), n);
      }
      it.row.scores.clear();
      u.marksFrom = u.marksFrom ?? "scale";
    }
    if (u.marks !== null) withMarks.push(it);
  }
  for (const m of missing.values()) {
    const p: Problem = {
      sheet: m.account.sheet,
      cell: m.cell,
      message:
        `Протокол с первичными баллами без отметок: нет шкалы перевода в реестре «Шкалы» для ${[...m.keys].join("; ")} — ` +
        `добавьте лист «Шкалы» (учебный год, класс, предмет, наименьший первичный балл на «3», «4», «5»); ` +
        `учеников без отметки: ${m.pupils}, они не учтены`,
    };
    if (m.account.file) p.file = m.account.file;
    problems.push(p);
    m.account.problems.push(p);
  }

  const results: Item<ResultRow>[] = withMarks.map((it) => {
    const u = it.row.record;
    const record: ResultRecord = {
      schoolKey: u.schoolKey,
      school: u.school,
      code: u.code,
      year: u.year,
      procedure: u.procedure,
      grade: u.grade,
      classLabel: u.classLabel,
      subject: u.subject,
      variant: u.variant,
      participants: u.participants,
      failed: u.failed ?? 0,
      marks: u.marks,
      journal: journalShares(u.pairs),
      ...(u.municipality ? { municipality: u.municipality } : {}),
      source: u.source,
    };
    return { row: { record, schoolCell: it.row.schoolCell, rows: it.row.rows } as ResultRow, account: it.account };
  });
  return { kept, problems, derived: { results: results as Item<RowBase<unknown>>[] } };
}

export const protocolKind = defineKind({
  id: "protocol",
  labels: { title: "Протокол (по ученикам)", account: "протокол с результатами учеников", count: "единиц протоколов" },
  fields: [
    F.schoolField,
    {
      id: "code",
      label: "Логин ОО",
      synonyms: ["логин", "логин оо", "логин оу", "пользователь", "код оо", "логин фис око", "login"],
    },
    F.municipalityField,
    {
      id: "pupil",
      label: "Код участника",
      synonyms: [
        "код участника",
        "код",
        "код ученика",
        "код обучающегося",
        "номер участника",
        "участник",
        "ученик",
        "обучающийся",
        "фио",
        "фио ученика",
      ],
    },
    {
      id: "className",
      label: "Класс",
      synonyms: ["класс", "наименование класса", "литера класса", "класс литера", "название класса"],
    },
    { id: "variant", label: "Вариант", synonyms: ["вариант", "номер варианта"] },
    {
      id: "primary",
      label: "Первичный балл",
      synonyms: [
        "первичный балл",
        "сумма баллов",
        "сумма первичных баллов",
        "итоговый первичный балл",
        "итоговый балл",
      ],
    },
    {
      id: "mark",
      label: "Отметка",
      synonyms: ["отметка", "отметка за работу", "оценка", "оценка за работу", "отметка впр"],
    },
    {
      id: "journal",
      label: "Отметка по журналу",
      synonyms: [
        "отметка по журналу",
        "оценка по журналу",
        "отметка за предыдущую четверть триместр",
        "отметка за предыдущую четверть",
        "отметка за предыдущий триместр",
        "отметка за четверть",
        "четвертная отметка",
        "отметка за прошлую четверть",
      ],
    },
    F.yearField,
    F.procedureField,
    F.subjectField,
  ],
  layouts: [
    {
      id: "pupils",
      label: null,
      requires: [
        ["school", "code"],
        ["mark", "primary"],
        ["pupil", "className", "variant"],
      ],
    },
  ],
  contextFields: F.ASSESSMENT_CONTEXT,
  identity: true,
  givesResults: true,
  checkedAgainstSchools: true,
  read: ({ g, match, ctx, file }) => readProtocolRows(g, match, ctx, file),
  combine: (items, env) => combineProtocols(items, env),
});
