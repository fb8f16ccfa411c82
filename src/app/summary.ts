/**
 * Readable Russian accounts of a built list and of register recognition (CLI text output; reusable by any host).
 * Pure string building.
 */
import { formatDynamics, formatStatus } from "../core/annualListPlan";
import { isWatched } from "../core/annualList";
import { formatNumber, schoolLabel } from "../core/format";
import type { AnnualList, SchoolAssessment } from "../core/list.types";
import type { Problem } from "../core/types";
import { fieldLabel, givesResults, KINDS, kindLabels } from "../registers";
import type { ContextValue, Registers, SheetAccount } from "../registers/types";
import type { SkippedGeneratedSheet } from "./generatedSheets";

const ay = (y: number): string => `${y - 1}/${y}`;

const FROM_LABEL: Record<string, string> = {
  column: "из столбца",
  manual: "задано вручную",
  title: "из заголовка",
  sheet: "из имени листа",
  file: "из имени файла",
  header: "из заголовка столбца",
  option: "из параметра команды",
};

const FIELD_LABEL: Record<string, string> = {
  procedure: "процедура",
  year: "учебный год",
  grade: "класс",
  subject: "предмет",
};

/** Number of records of a kind. */
function registerCount(registers: Registers, kind: string): number {
  return (registers as unknown as Record<string, unknown[] | undefined>)[kind]?.length ?? 0;
}

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
  const resultSheets = registers.sheets.filter((s) => givesResults(s.kind));
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
    const count = resultSheets.reduce((n, s) => n + skippedRowCount(s), 0);
    return `${head}; пропущено строк ${count}, первая: ${file}«${k.sheet}», строка ${k.row} — ${k.reason.replace(/[.\s]+$/, "")}; ${hint}.`;
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

/** Rows with numbers skipped as totals or aggregates, over every sheet (issue 16: «nothing vanishes»). */
export function skippedAggregates(registers: Registers): number {
  let n = 0;
  for (const a of registers.sheets) for (const k of a.skipped) if (k.aggregate) n++;
  return n;
}

/** The warning line of `shnor list` about rows skipped as totals (null when there are none). */
export function aggregatesWarning(registers: Registers, files: string[]): string | null {
  const n = skippedAggregates(registers);
  if (n === 0) return null;
  const hint = files.length ? `shnor registers ${files.map(shellArg).join(" ")}` : "shnor registers …";
  return `Пропущено как итоговые строки: ${n}, проверьте: ${hint}`;
}

export interface SummaryOptions {
  /** How many problems to list (the rest are counted). Default 10. */
  maxProblems?: number;
  /** Name the file in each problem (several input files). Default true. */
  withFile?: boolean;
  /** How many identical duplicate rows to list (the rest are counted). Default 5. */
  maxDuplicates?: number;
  /** The input files, for the `shnor registers …` hints. */
  files?: string[];
}

/** «Порог: 25 % — ШНОР 7 (войдут: …); 30 % (порог списка) — 5; 35 % — 3 (выйдут: …).» */
export function sensitivityLine(list: AnnualList): string {
  const names = new Map(list.schools.map((s) => [s.schoolKey, schoolLabel(s)]));
  const pct = (t: number): string => `${String(t).replace(".", ",")} %`;
  const parts = list.sensitivity.columns.map((c) => {
    if (c.base) return `${pct(c.threshold)} (порог списка) — ШНОР ${c.shnor}`;
    const moves: string[] = [];
    if (c.entered.length) moves.push(`войдут: ${c.entered.map((k) => names.get(k) ?? k).join(", ")}`);
    if (c.left.length) moves.push(`выйдут: ${c.left.map((k) => names.get(k) ?? k).join(", ")}`);
    return `${pct(c.threshold)} — ШНОР ${c.shnor}${moves.length ? ` (${moves.join("; ")})` : " (список тот же)"}`;
  });
  return `Чувствительность к порогу: ${parts.join("; ")}.`;
}

/** ШССУ with their ИСБ (resilient marked) and the schools with signs of non-objective results (issue 13). */
function statusLines(list: AnnualList): string[] {
  const lines: string[] = [];
  const sscu = list.schools.filter((s) => s.sscu);
  if (list.social.length > 0) {
    lines.push("");
    const st = list.settings;
    const how =
      st.sssuCutoff !== null
        ? `ИСБ не выше ${formatNumber(st.sssuCutoff, 2)}`
        : `${formatNumber(st.sssuShare, st.sssuShare % 1 === 0 ? 0 : 1)} % школ ${list.social.some((g) => g.municipality !== null) ? "муниципалитета" : "реестра"} с наименьшим ИСБ`;
    const resilient = sscu.filter((s) => s.resilient).length;
    lines.push(
      `ШССУ — школы в сложных социальных условиях (${how}, социальный паспорт ${ay(list.social[0].year)}): ` +
        `${sscu.length}${sscu.length ? `, резильентных ${resilient}` : ""}.`,
    );
    for (const s of sscu) {
      const flags = s.status.filter((f) => f !== "ШССУ");
      lines.push(
        `   ${schoolLabel(s)} — ИСБ ${formatNumber(s.sbi!.value, 2)}${flags.length ? ` (${flags.join(", ")})` : ""}`,
      );
    }
  }
  const obj = list.schools.filter((s) => s.objectivity.length > 0);
  if (obj.length) {
    lines.push("");
    lines.push(`С признаками необъективности результатов: ${obj.length}`);
    for (const s of obj) {
      lines.push(`   ${schoolLabel(s)}:`);
      for (const o of s.objectivity.slice(0, 3)) lines.push(`     • ${o.text}`);
      if (s.objectivity.length > 3) lines.push(`     … и ещё ${s.objectivity.length - 3}`);
    }
  }
  return lines;
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
      lines.push(`${i + 1}. ${schoolLabel(s)}${s.code ? ` (${s.code})` : ""}${change ? ` — ${change}` : ""}`);
      lines.push(`   ${rulesText(s, y)}`);
      for (const r of s.reasons) lines.push(`   • ${r}`);
      if (s.markers.length) lines.push(`   маркеры ШНОР (классы с низкими результатами): ${s.markers.join(", ")}`);
      lines.push(
        `   динамика доли «2» ВПР: ${formatDynamics(s.dynamics.vprFail)}; ОГЭ: ${formatDynamics(s.dynamics.ogeFail)}`,
      );
      if (!s.hasPreviousYear) lines.push(`   нет данных за ${ay(y - 1)} — правило 2 проверить нельзя`);
      if (s.status.length > 1) lines.push(`   статус: ${formatStatus(s.status)}`);
      const support = [
        s.curator ? `куратор: ${s.curator.name}` : null,
        s.partner ? `школа-партнёр: ${s.partner.school}${s.partner.suggested ? ` (${s.partner.reason})` : ""}` : null,
      ].filter((x): x is string => x !== null);
      if (support.length) lines.push(`   ${support.join("; ")}`);
    });
  }
  for (const line of statusLines(list)) lines.push(line);
  const single = list.schools.filter((s) => !s.shnor && s.lowUnits.some((u) => u.year === y));
  if (single.length) {
    lines.push("");
    lines.push(`Низкий результат в ${ay(y)} есть, но правила ШНОР не выполнены:`);
    for (const s of single) {
      const why = s.hasPreviousYear ? `в ${ay(y - 1)} низких результатов нет` : `нет данных за ${ay(y - 1)}`;
      lines.push(`   ${schoolLabel(s)} — ${s.reasons.filter((r) => r.startsWith(String(y))).join("; ")} (${why})`);
    }
  }
  // Issue 15: who may be on the next list if nothing changes, and how the list moves with the threshold.
  const watched = list.schools.filter(isWatched);
  lines.push("");
  if (watched.length === 0) {
    lines.push(`На контроле (могут войти в список на ${y + 1} год): школ нет.`);
  } else {
    lines.push(`На контроле — могут войти в список на ${y + 1} год, если ничего не изменится: ${watched.length}`);
    for (const s of watched) {
      lines.push(`   ${schoolLabel(s)}${s.code ? ` (${s.code})` : ""}`);
      for (const w of s.warnings) lines.push(`      • ${w.text}`);
    }
  }
  lines.push(sensitivityLine(list));
  const excluded = list.schools.filter((s) => s.change === "исключена");
  if (excluded.length) {
    lines.push("");
    lines.push(`Исключены из списка (были ШНОР в ${y - 1}): ${excluded.map(schoolLabel).join("; ")}.`);
  }
  const noCurrent = list.schools.filter((s) => !s.hasCurrentYear);
  if (noCurrent.length) {
    lines.push("");
    lines.push(`Нет результатов за ${ay(y)}: ${noCurrent.map(schoolLabel).join("; ")}.`);
  }
  const noPrevious = list.schools.filter((s) => s.hasCurrentYear && !s.hasPreviousYear && !s.shnor);
  if (noPrevious.length) {
    lines.push(`Нет результатов за ${ay(y - 1)} (правило 2 не проверено): ${noPrevious.map(schoolLabel).join("; ")}.`);
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
  const warning = aggregatesWarning(registers, options.files ?? []);
  if (warning) {
    lines.push("");
    lines.push(warning);
  }
  const problems = allProblems(list, registers);
  lines.push("");
  if (problems.length === 0) {
    lines.push("Проблем чтения нет: все значения прочитаны.");
  } else {
    const max = options.maxProblems ?? 10;
    lines.push(
      `Проблемы чтения: ${problems.length} (значения не угадывались; строка с проблемой не учтена, если не сказано, что учтена):`,
    );
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
    lines.push(`${where}лист «${a.sheet}»: реестр не распознан${a.note ? ` — ${a.note}` : ""}`);
    for (const p of a.problems) lines.push(`    ${p.cell} — ${p.message}`);
    return lines.join("\n");
  }
  const manual = a.manual ? " (указан вручную)" : "";
  lines.push(
    `${where}лист «${a.sheet}»: ${kindLabels(a.kind)?.account ?? a.kind}${a.layout ? ` (${a.layout})` : ""}${manual}, ` +
      `строка заголовка ${a.headerRow ?? "—"}`,
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
  // Rows and records differ for wide tables (a record per subject) and protocols (a record per class of pupils).
  let rows = 0;
  for (const [from, to] of a.read ?? []) rows += to - from + 1;
  const read = a.read && rows !== a.rowsRead ? `${rows} (записей: ${a.rowsRead})` : String(a.rowsRead);
  lines.push(`  прочитано строк: ${read}; пропущено: ${skippedRowCount(a)}; проблем: ${a.problems.length}`);
  // Rows with numbers skipped as totals or aggregates are marked: they are worth a look (issue 16).
  const byReason = new Map<string, { shown: string[]; shownRows: number; rows: number }>();
  for (const s of a.skipped) {
    const key = `${s.aggregate ? "1" : "0"}${s.reason}`;
    let entry = byReason.get(key);
    if (!entry) byReason.set(key, (entry = { shown: [], shownRows: 0, rows: 0 }));
    const size = s.toRow !== undefined ? s.toRow - s.row + 1 : 1;
    entry.rows += size;
    if (entry.shown.length < 12) {
      entry.shown.push(s.toRow !== undefined ? `${s.row}–${s.toRow}` : String(s.row));
      entry.shownRows += size;
    }
  }
  for (const [key, { shown, shownRows, rows }] of byReason) {
    const reason = key.slice(1);
    const more = rows > shownRows ? ` … (всего ${rows})` : "";
    const label = key[0] === "1" ? "пропущены как итоговые (с числами)" : "пропущены";
    lines.push(`    ${label} — ${reason}: ${rows === 1 ? "строка" : "строки"} ${shown.join(", ")}${more}`);
  }
  for (const p of a.problems) lines.push(`    ${p.cell} — ${p.message}`);
  return lines.join("\n");
}

/** Rows a sheet's account skipped (a run of blank rows counts each of its rows). */
export function skippedRowCount(a: SheetAccount): number {
  let n = 0;
  for (const s of a.skipped) n += s.toRow !== undefined ? s.toRow - s.row + 1 : 1;
  return n;
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
    lines.push(`${g.file ? `${g.file}: ` : ""}лист «${g.sheet}»: создан надстройкой ШНОР — не читается как реестр`);
  }
  for (const c of chartSheets) {
    lines.push(`${c.file ? `${c.file}: ` : ""}лист-диаграмма «${c.sheet}» пропущен: в нём нет ячеек с данными`);
  }
  const perSheet = new Set(
    registers.sheets.flatMap((a) => a.problems.map((p) => `${p.sheet}\u0000${p.cell}\u0000${p.message}`)),
  );
  const other = registers.problems.filter((p) => !perSheet.has(`${p.sheet}\u0000${p.cell}\u0000${p.message}`));
  lines.push("");
  // Kinds in the order of the «Итого» line: results first, then the registry order.
  const counted = [...KINDS].sort((a, b) => Number(b.id === "results") - Number(a.id === "results"));
  const counts = counted
    .filter((k) => k.id === "results" || k.id === "schools" || registerCount(registers, k.id) > 0)
    .map((k) => `${k.labels.count} ${registerCount(registers, k.id)}`);
  lines.push(`Итого: ${counts.join(", ")}, проблем ${registers.problems.length}.`);
  if (other.length) {
    lines.push("Проблемы между листами:");
    for (const p of other) lines.push(`  ${formatProblem(p)}`);
  }
  return lines.join("\n");
}
