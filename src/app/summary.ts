/**
 * Readable Russian accounts of a built list and of register recognition (CLI text output; reusable by any host).
 * Pure string building.
 */
import { formatDynamics } from "../core/annualListPlan";
import type { AnnualList, SchoolAssessment } from "../core/list.types";
import type { Problem } from "../core/types";
import { KINDS } from "../registers";
import type { ContextValue, Registers, SheetAccount } from "../registers/types";
import type { SkippedGeneratedSheet } from "./generatedSheets";

/** Russian label of a mapped field id («participants» → «Участники»). */
function fieldLabel(kind: string, field: string): string {
  const def = KINDS.find((k) => k.id === kind)?.fields.find((f) => f.id === field);
  return def?.label ?? field;
}

const ay = (y: number): string => `${y - 1}/${y}`;

const KIND_LABEL: Record<string, string> = {
  results: "реестр результатов",
  schools: "реестр школ",
  journal: "сравнение отметок с отметками по журналу",
};

const FROM_LABEL: Record<string, string> = {
  column: "из столбца",
  title: "из заголовка",
  sheet: "из имени листа",
  file: "из имени файла",
};

const FIELD_LABEL: Record<string, string> = {
  procedure: "процедура",
  year: "учебный год",
  grade: "класс",
  subject: "предмет",
};

/** «Лист»!H30 — message (file when several). */
export function formatProblem(p: Problem, withFile = true): string {
  const file = withFile && p.file ? `${p.file}: ` : "";
  return `${file}«${p.sheet}»!${p.cell} — ${p.message}`;
}

function rulesText(s: SchoolAssessment, year: number): string {
  const parts: string[] = [];
  if (s.rules.includes(1)) parts.push(`правило 1: не менее двух низких результатов в ${ay(year)}`);
  if (s.rules.includes(2)) parts.push(`правило 2: низкие результаты и в ${ay(year - 1)}, и в ${ay(year)}`);
  return parts.join("; ");
}

function changeText(s: SchoolAssessment): string | null {
  if (s.change === "включена") return "включена в список впервые";
  if (s.change === "исключена") return "исключена из списка";
  if (s.change === "остаётся") return s.yearsOnList ? `остаётся в списке ${s.yearsOnList}-й год` : "остаётся в списке";
  return null;
}

/** Problems of the registers and of the list, each once. */
export function allProblems(list: AnnualList | null, registers: Registers): Problem[] {
  const seen = new Set<string>();
  const out: Problem[] = [];
  const add = (p: Problem): void => {
    const key = `${p.file ?? ""}\u0000${p.sheet}\u0000${p.cell}\u0000${p.message}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(p);
  };
  for (const p of registers.problems) add(p);
  for (const p of list?.problems ?? []) add(p);
  return out;
}

/** Quote a file name for a shell command line when it needs it (spaces, quotes, parentheses…). */
function shellArg(file: string): string {
  return /^[\p{L}\p{N}_.,/+=:@%-]+$/u.test(file) ? file : `"${file.replace(/(["\\$`])/g, "\\$1")}"`;
}

/**
 * The one-line reason a list was not built although a results register was found: no row of it was read
 * (issue 2: exit 2 with one Russian line). Names the count, the first problem with its sheet and cell (or the
 * first skipped row when there is no problem), and where to see everything.
 */
export function formatNothingRead(registers: Registers, files: string[]): string {
  const resultSheets = registers.sheets.filter((s) => s.kind === "results");
  const problems = allProblems(null, registers);
  const hint = `подробно: shnor registers ${files.map(shellArg).join(" ")}`;
  const head = "Реестр результатов найден, но ни одна строка не прочитана, список не построен";
  if (problems.length > 0) {
    const first = formatProblem(problems[0], files.length > 1).replace(/[.\s]+$/, "");
    const more = problems.length > 1 ? `, первая: ${first}` : `: ${first}`;
    return `${head}; проблем ${problems.length}${more}; ${hint}.`;
  }
  const skipped = resultSheets.flatMap((s) => s.skipped.map((k) => ({ ...k, sheet: s.sheet, file: s.file })));
  if (skipped.length > 0) {
    const k = skipped[0];
    const file = files.length > 1 && k.file ? `${k.file}: ` : "";
    return `${head}; пропущено строк ${skipped.length}, первая: ${file}«${k.sheet}», строка ${k.row} — ${k.reason.replace(/[.\s]+$/, "")}; ${hint}.`;
  }
  const sheets = resultSheets.map((s) => `«${s.sheet}»`).join(", ");
  return `${head}: под строкой заголовка на ${resultSheets.length === 1 ? "листе" : "листах"} ${sheets} нет строк с данными; ${hint}.`;
}

/** Identical rows of one unit counted once (issue 8: a report pasted twice), as sheet + row + reason. */
export function identicalDuplicates(
  registers: Registers,
): { file?: string; sheet: string; row: number; reason: string }[] {
  return registers.sheets.flatMap((a) =>
    a.skipped
      .filter((k) => k.reason.startsWith("дубликат"))
      .map((k) => ({ ...(a.file ? { file: a.file } : {}), sheet: a.sheet, row: k.row, reason: k.reason })),
  );
}

export interface SummaryOptions {
  /** How many problems to list (the rest are counted). Default 10. */
  maxProblems?: number;
  /** Name the file in each problem (several input files). Default true. */
  withFile?: boolean;
  /** How many identical duplicate rows to list (the rest are counted). Default 5. */
  maxDuplicates?: number;
}

/** The CLI's readable summary: how many ШНОР, which, why, list changes, problems. */
export function formatListSummary(list: AnnualList, registers: Registers, options: SummaryOptions = {}): string {
  const y = list.year;
  const st = list.settings;
  const lines: string[] = [];
  lines.push(`Список ШНОР ${y} (по результатам ${ay(y - 1)} и ${ay(y)} учебных годов)`);
  lines.push(
    `Правила: низкий результат — не менее ${String(st.threshold).replace(".", ",")} % не справившихся` +
      ` при числе участников не меньше ${st.minParticipants}; предметы: ${st.subjects.join(", ")}.`,
  );
  const shnor = list.schools.filter((s) => s.shnor);
  lines.push(
    `Школ в реестрах: ${list.schools.length}. ШНОР: ${shnor.length}` +
      ` (включены впервые: ${list.summary.included}, остаются: ${list.summary.remaining}, исключены: ${list.summary.excluded}).`,
  );
  lines.push("");
  if (shnor.length === 0) {
    lines.push("Школ с низкими образовательными результатами нет.");
  } else {
    lines.push("ШНОР:");
    shnor.forEach((s, i) => {
      const change = changeText(s);
      lines.push(`${i + 1}. ${s.school}${s.code ? ` (${s.code})` : ""}${change ? ` — ${change}` : ""}`);
      lines.push(`   ${rulesText(s, y)}`);
      for (const r of s.reasons) lines.push(`   • ${r}`);
      if (s.markers.length) lines.push(`   маркеры ШНОР (классы с низкими результатами): ${s.markers.join(", ")}`);
      lines.push(
        `   динамика доли «2» ВПР: ${formatDynamics(s.dynamics.vprFail)}; ОГЭ: ${formatDynamics(s.dynamics.ogeFail)}`,
      );
      if (!s.hasPreviousYear) lines.push(`   нет данных за ${ay(y - 1)} — правило 2 проверить нельзя`);
    });
  }
  const single = list.schools.filter((s) => !s.shnor && s.lowUnits.some((u) => u.year === y));
  if (single.length) {
    lines.push("");
    lines.push(`Низкий результат в ${ay(y)} есть, но правила ШНОР не выполнены:`);
    for (const s of single) {
      const why = s.hasPreviousYear ? `в ${ay(y - 1)} низких результатов нет` : `нет данных за ${ay(y - 1)}`;
      lines.push(`   ${s.school} — ${s.reasons.filter((r) => r.startsWith(String(y))).join("; ")} (${why})`);
    }
  }
  const excluded = list.schools.filter((s) => s.change === "исключена");
  if (excluded.length) {
    lines.push("");
    lines.push(`Исключены из списка (были ШНОР в ${y - 1}): ${excluded.map((s) => s.school).join("; ")}.`);
  }
  const noCurrent = list.schools.filter((s) => !s.hasCurrentYear);
  if (noCurrent.length) {
    lines.push("");
    lines.push(`Нет результатов за ${ay(y)}: ${noCurrent.map((s) => s.school).join("; ")}.`);
  }
  const noPrevious = list.schools.filter((s) => s.hasCurrentYear && !s.hasPreviousYear && !s.shnor);
  if (noPrevious.length) {
    lines.push(
      `Нет результатов за ${ay(y - 1)} (правило 2 не проверено): ${noPrevious.map((s) => s.school).join("; ")}.`,
    );
  }
  const duplicates = identicalDuplicates(registers);
  if (duplicates.length) {
    const max = options.maxDuplicates ?? 5;
    lines.push("");
    lines.push(`Одинаковые повторы строк учтены один раз: ${duplicates.length} (например, отчёт вставлен дважды):`);
    for (const d of duplicates.slice(0, max)) {
      const file = (options.withFile ?? true) && d.file ? `${d.file}: ` : "";
      lines.push(`  ${file}«${d.sheet}», строка ${d.row} — ${d.reason}`);
    }
    if (duplicates.length > max) lines.push(`  … и ещё ${duplicates.length - max} (все: shnor registers …)`);
  }
  const problems = allProblems(list, registers);
  lines.push("");
  if (problems.length === 0) {
    lines.push("Проблем чтения нет: все значения прочитаны.");
  } else {
    const max = options.maxProblems ?? 10;
    lines.push(`Проблемы чтения: ${problems.length} (эти строки не учтены, значения не угадывались):`);
    for (const p of problems.slice(0, max)) lines.push(`  ${formatProblem(p, options.withFile ?? true)}`);
    if (problems.length > max) {
      lines.push(`  … и ещё ${problems.length - max} (полный список: shnor list … --json или shnor registers …)`);
    }
  }
  return lines.join("\n");
}

/** One sheet's recognition account (issue 8). */
export function formatSheetAccount(a: SheetAccount): string {
  const lines: string[] = [];
  const where = a.file ? `${a.file}: ` : "";
  if (!a.kind) {
    lines.push(`${where}лист «${a.sheet}»: реестр не распознан`);
    for (const p of a.problems) lines.push(`    ${p.cell} — ${p.message}`);
    return lines.join("\n");
  }
  const manual = a.manual ? " (указан вручную)" : "";
  lines.push(
    `${where}лист «${a.sheet}»: ${KIND_LABEL[a.kind] ?? a.kind}${manual}, строка заголовка ${a.headerRow ?? "—"}`,
  );
  if (a.mapping.length) {
    lines.push("  столбцы:");
    for (const m of a.mapping) lines.push(`    ${fieldLabel(a.kind, m.field)} — ${m.letter} («${m.header}»)`);
  }
  // Context from titles, sheet or file names (columns are listed above).
  const contextLine = (c: ContextValue, indent: string) =>
    `${indent}контекст: ${FIELD_LABEL[c.field] ?? c.field} = ${c.value} (${FROM_LABEL[c.from] ?? c.from} «${c.text}»)`;
  const stacked = a.segments !== undefined && a.segments.length > 1;
  // Several tables stacked on one sheet: each with its own header row and context (the first is the sheet's own).
  if (!stacked) for (const c of a.context.filter((x) => x.from !== "column")) lines.push(contextLine(c, "  "));
  if (a.segments && stacked) {
    lines.push(`  таблиц на листе: ${a.segments.length}`);
    for (const seg of a.segments) {
      const title = seg.titleRow !== null ? `, заголовок таблицы в строке ${seg.titleRow}` : "";
      lines.push(`    таблица: строка заголовка ${seg.headerRow}${title}`);
      for (const c of seg.context.filter((x) => x.from !== "column")) lines.push(contextLine(c, "      "));
    }
  }
  lines.push(`  прочитано строк: ${a.rowsRead}; пропущено: ${a.skipped.length}; проблем: ${a.problems.length}`);
  const byReason = new Map<string, number[]>();
  for (const s of a.skipped) byReason.set(s.reason, [...(byReason.get(s.reason) ?? []), s.row]);
  for (const [reason, rows] of byReason) {
    const shown = rows.slice(0, 12).join(", ");
    const more = rows.length > 12 ? ` … (всего ${rows.length})` : "";
    lines.push(`    пропущены — ${reason}: ${rows.length === 1 ? "строка" : "строки"} ${shown}${more}`);
  }
  for (const p of a.problems) lines.push(`    ${p.cell} — ${p.message}`);
  return lines.join("\n");
}

/** The `shnor registers` text: every sheet of every file, then cross-sheet problems. */
export function formatRegistersAccount(
  registers: Registers,
  generated: SkippedGeneratedSheet[] = [],
  /** Chart sheets (no cells to read), named so that nothing is left out silently. */
  chartSheets: { file?: string; sheet: string }[] = [],
): string {
  const lines = registers.sheets.map(formatSheetAccount);
  for (const g of generated) {
    lines.push(
      `${g.file ? `${g.file}: ` : ""}лист «${g.sheet}»: создан надстройкой ШНОР (список) — не читается как реестр`,
    );
  }
  for (const c of chartSheets) {
    lines.push(`${c.file ? `${c.file}: ` : ""}лист-диаграмма «${c.sheet}» пропущен: в нём нет ячеек с данными`);
  }
  const perSheet = new Set(
    registers.sheets.flatMap((a) => a.problems.map((p) => `${p.sheet}\u0000${p.cell}\u0000${p.message}`)),
  );
  const other = registers.problems.filter((p) => !perSheet.has(`${p.sheet}\u0000${p.cell}\u0000${p.message}`));
  lines.push("");
  lines.push(
    `Итого: строк результатов ${registers.results.length}, школ в реестре школ ${registers.schools.length}, ` +
      `строк сравнения с журналом ${registers.journal.length}, проблем ${registers.problems.length}.`,
  );
  if (other.length) {
    lines.push("Проблемы между листами:");
    for (const p of other) lines.push(`  ${formatProblem(p)}`);
  }
  return lines.join("\n");
}
