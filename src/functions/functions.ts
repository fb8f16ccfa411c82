/**
 * Custom functions SHNOR.* (issue 3). Thin wrappers: argument checks in ./args, the register range in
 * ./registerRange (parsed by src/registers, assessed by src/core, cached by content), output in ./output.
 * custom-functions-metadata-plugin generates functions.json from the JSDoc below and appends the
 * CustomFunctions.associate() calls at build time, so every function is a top-level declaration.
 *
 * Blanks (README.md): null / "" are missing, never zero; see ./args for the 0 of older Excel builds.
 * Thresholds and tolerance default to the workbook's saved settings (task pane), else SPEC §8.
 */
import {
  dynamicsVerdict,
  formatAcademicYear,
  formatStatus,
  isLowUnit,
  ordinalYear,
  passportYear,
  riskProfile,
  socialIndex,
  socialValues,
} from "../core";
import { loadSettings } from "../excel/documentSettings";
import {
  countArg,
  isBlankArg,
  requiredSchoolArg,
  schoolArg,
  shareArg,
  sharePairPercent,
  thresholdArg,
  toleranceArg,
  yearArg,
} from "./args";
import { parameterAddress } from "./address";
import { guard, invalidValue, notAvailable } from "./errors";
import { LruCache } from "./cache";
import { kindRange, recordsOfSchool } from "./kindRange";
import { classifyTable, missingDataNote, problemsLine, reasonsText, statusText, watchText } from "./output";
import { assessRange } from "./registerRange";
import { basicText } from "../registers/normalize";
import { parseDirection, targetVerdict, yesNo } from "../core/indicators";
import type { Problem } from "../core/types";

/** Participants and failed as counts, failed not above participants. */
function countsArgs(
  participants: string | number | boolean | null,
  failed: string | number | boolean | null,
): { p: number; f: number } {
  const p = countArg(participants, "участники");
  const f = countArg(failed, "не справились");
  if (f > p) throw invalidValue(`не справились (${f}) больше, чем участников (${p})`);
  return { p, f };
}

/** The results register (first argument) assessed for year `y`, problems naming its real cells. */
function rangeArg(results: unknown[][], y: number, invocation: CustomFunctions.Invocation) {
  // The raw range: the register cache compares it with the range it parsed last before converting anything.
  return assessRange(results, parameterAddress(invocation, 0), y, loadSettings());
}

/** Year, then the required school, then the school's assessment, status and unread cells in the results register. */
function schoolArgs(
  results: unknown[][],
  year: string | number | boolean | null,
  school: string | number | boolean | null,
  invocation: CustomFunctions.Invocation,
) {
  const y = yearArg(year);
  const name = requiredSchoolArg(school);
  return { y, ...rangeArg(results, y, invocation).lookup(name) };
}

/** A verdict that could not be given, followed by the school's unread cells when it has some (they may be the gap). */
function withUnread(text: string, problems: Problem[]): string {
  return problems.length > 0 ? `${text}; не прочитаны: ${problemsLine(problems)}` : text;
}

/**
 * Доля не справившихся (получили «2» на ВПР или не преодолели минимальный порог ОГЭ/ЕГЭ), от 0 до 1. Пустая ячейка — нет данных (#Н/Д), а не ноль.
 * @customfunction FAILSHARE
 * @param participants Число участников (целое ≥ 0; можно текстом: «50»).
 * @param failed Число не справившихся (целое, не больше числа участников).
 * @returns Доля не справившихся от 0 до 1.
 */
export function failShare(
  participants: string | number | boolean | null,
  failed: string | number | boolean | null,
): number {
  return guard(() => {
    const { p, f } = countsArgs(participants, failed);
    if (p === 0) throw notAvailable("участников 0 — доля не определена");
    return f / p;
  });
}

/**
 * Низкий результат: ИСТИНА, если не справились не менее порога (по умолчанию 30 %) участников, а участников не меньше минимума из настроек книги.
 * @customfunction LOWRESULT
 * @param participants Число участников (целое ≥ 0).
 * @param failed Число не справившихся (целое, не больше числа участников).
 * @param [threshold] Порог в процентах: 30, «30 %» или 0,3. Если не указан — из настроек книги (по умолчанию 30 %).
 * @returns ИСТИНА — низкий результат, ЛОЖЬ — нет.
 */
export function lowResult(
  participants: string | number | boolean | null,
  failed: string | number | boolean | null,
  threshold?: string | number | boolean | null,
): boolean {
  return guard(() => {
    const { p, f } = countsArgs(participants, failed);
    const settings = loadSettings();
    const t = thresholdArg(threshold);
    return isLowUnit({ participants: p, failed: f }, t === null ? settings : { ...settings, threshold: t });
  });
}

/**
 * ШНОР по реестру результатов. Без школы — таблица по всем школам (Школа, ШНОР, Правило, Низкие результаты) и строки с непрочитанными ячейками; со школой — «ШНОР (правило 1)», «ШНОР (правила 1, 2)», «не ШНОР» или «не определено: нет данных за …».
 * @customfunction CLASSIFY
 * @param results Реестр «Результаты» вместе со строкой заголовков (Школа, Учебный год, Процедура, Предмет, Участники, Не справились…).
 * @param year Год списка: 2025 или «2024/2025».
 * @param [school] Название школы или код ОО. Если не указана — таблица по всем школам.
 * @returns Таблица по школам или статус одной школы.
 * @requiresParameterAddresses
 */
export function classify(
  results: unknown[][],
  year: string | number | boolean | null,
  school: string | number | boolean | null,
  invocation: CustomFunctions.Invocation,
): unknown[][] {
  return guard(() => {
    const y = yearArg(year);
    const name = schoolArg(school);
    const range = rangeArg(results, y, invocation);
    if (name === null) return classifyTable(range.list.schools, range.problems, y, range.statusOf);
    const { assessment, status, unread } = range.lookup(name);
    const text = statusText(assessment, status, y);
    return [[status === null ? withUnread(text, unread()) : text]];
  });
}

/**
 * Низкие результаты школы одной строкой: «2025 · ВПР · 5 кл. · математика — 34,0 % (17 из 50); …». Сообщает и о недостающих данных за прошлый год.
 * @customfunction REASONS
 * @param results Реестр «Результаты» вместе со строкой заголовков.
 * @param year Год списка: 2025 или «2024/2025».
 * @param school Название школы или код ОО.
 * @returns Низкие результаты одной строкой.
 * @requiresParameterAddresses
 */
export function reasons(
  results: unknown[][],
  year: string | number | boolean | null,
  school: string | number | boolean | null,
  invocation: CustomFunctions.Invocation,
): unknown[][] {
  return guard(() => {
    const { y, assessment, status, unread } = schoolArgs(results, year, school, invocation);
    const text = reasonsText(assessment, y, status);
    return [[status === null ? withUnread(text, unread()) : text]];
  });
}

/**
 * Динамика показателя от прошлого года к текущему: «положительная», «отрицательная», «без изменений» или «нет данных» (пустая ячейка). Доли — в процентах (25, «25 %») или долях (0,25).
 * @customfunction DYNAMICS
 * @param previous Значение прошлого года (Y−1).
 * @param current Значение текущего года (Y).
 * @param [kind] «доля2» — доля «2» или не преодолевших порог, чем меньше, тем лучше (по умолчанию); «качество» — доля «4» и «5», чем больше, тем лучше.
 * @param [tolerance] Допуск в процентных пунктах; по умолчанию из настроек книги (1 п.п.).
 * @returns Вердикт динамики.
 */
export function dynamics(
  previous: string | number | boolean | null,
  current: string | number | boolean | null,
  kind?: string | number | boolean | null,
  tolerance?: string | number | boolean | null,
): string {
  return guard(() => {
    const metric = kindArg(kind);
    const tol = toleranceArg(tolerance) ?? loadSettings().tolerance;
    const [prev, cur] = sharePairPercent(shareArg(previous, "было"), shareArg(current, "стало"));
    return dynamicsVerdict(prev, cur, metric, tol).verdict;
  });
}

/** «доля2» (bad metric, default) or «качество»/«успеваемость» (good metrics); blank or 0 → default. */
function kindArg(kind: unknown): "bad" | "good" {
  if (isBlankArg(kind) || kind === 0) return "bad";
  const k = basicText(String(kind)).replace(/[\s«»"]/g, "");
  if (k === "доля2" || k === "2" || k === "доля") return "bad";
  if (k === "качество" || k === "успеваемость") return "good";
  throw invalidValue(`вид: «${String(kind).trim()}» — ожидается «доля2» или «качество»`);
}

/**
 * Изменение в списке ШНОР: «включена», «исключена», «остаётся N-й год»; «не в списке», если школа не ШНОР ни в этом, ни в прошлом году; «нет данных: …», если не хватает данных прошлых лет.
 * @customfunction LISTCHANGE
 * @param results Реестр «Результаты» вместе со строкой заголовков (за несколько лет).
 * @param year Год списка: 2025 или «2024/2025».
 * @param school Название школы или код ОО.
 * @returns Изменение в списке.
 * @requiresParameterAddresses
 */
export function listChange(
  results: unknown[][],
  year: string | number | boolean | null,
  school: string | number | boolean | null,
  invocation: CustomFunctions.Invocation,
): unknown[][] {
  return guard(() => {
    const { y, assessment: s, unread } = schoolArgs(results, year, school, invocation);
    let text: string;
    if (s.change === "включена" || s.change === "исключена") text = s.change;
    else if (s.change === "остаётся") text = s.yearsOnList ? `остаётся ${ordinalYear(s.yearsOnList)} год` : "остаётся";
    // No result of the list year itself: worded like REASONS and CLASSIFY («нет результатов за …»).
    else if (!s.hasCurrentYear)
      text = withUnread(`нет данных: нет результатов за ${formatAcademicYear(y)} учебный год`, unread());
    else if (s.changeNote) text = withUnread(`нет данных: ${s.changeNote}`, unread());
    else text = "не в списке";
    return [[text]];
  });
}

/**
 * Предупреждения на следующий год: одна низкая работа (любая низкая в следующем году включит школу в список), доля «2» на грани порога («ещё 1 из 24»), доля «2» растёт два года подряд; «предупреждений нет», если их нет.
 * @customfunction WATCH
 * @param results Реестр «Результаты» вместе со строкой заголовков (за несколько лет).
 * @param year Год списка: 2025 или «2024/2025».
 * @param school Название школы или код ОО.
 * @returns Предупреждения одной строкой.
 * @requiresParameterAddresses
 */
export function watch(
  results: unknown[][],
  year: string | number | boolean | null,
  school: string | number | boolean | null,
  invocation: CustomFunctions.Invocation,
): unknown[][] {
  return guard(() => {
    const { y, assessment: s, unread } = schoolArgs(results, year, school, invocation);
    if (!s.hasCurrentYear) {
      return [[withUnread(`нет данных: нет результатов за ${formatAcademicYear(y)} учебный год`, unread())]];
    }
    return [[watchText(s)]];
  });
}

/**
 * Что нужно ШНОР, чтобы покинуть список в следующем году: «Список покидает, если …» — для каждой низкой работы наибольшее число «2», при котором результат не низкий при нынешнем числе участников. Для школы не из списка — «не в списке ШНОР».
 * @customfunction EXIT
 * @param results Реестр «Результаты» вместе со строкой заголовков (за несколько лет).
 * @param year Год списка: 2025 или «2024/2025».
 * @param school Название школы или код ОО.
 * @returns Условия выхода из списка одной строкой.
 * @requiresParameterAddresses
 */
export function exit(
  results: unknown[][],
  year: string | number | boolean | null,
  school: string | number | boolean | null,
  invocation: CustomFunctions.Invocation,
): unknown[][] {
  return guard(() => {
    const { y, assessment: s, status, unread } = schoolArgs(results, year, school, invocation);
    if (status === null) return [[withUnread(`не определено: ${missingDataNote(s, y, status)}`, unread())]];
    return [[s.exit ? s.exit.text : "не в списке ШНОР"]];
  });
}

// ——— Issue 13: the whole status of a school (R-SOC, R-RES, R-OBJ, R-RISK) ———

/** ИСБ of a social-passport range by `${range key}|${year}|${settings}` (2,000 formulas: one computation). */
const socialCache = new LruCache<string, { year: number; outcome: ReturnType<typeof socialIndex> }>(16);

/**
 * Индекс социального благополучия школы (ИСБ) по социальному паспорту: минус среднее z-оценок долей обучающихся на учёте, с ОВЗ, из неблагополучных и малоимущих семей, с неродным русским (по школам муниципалитета за год). Чем ниже, тем сложнее условия.
 * @customfunction SOCIALINDEX
 * @param context Реестр «Контекст» (социальный паспорт) вместе со строкой заголовков: Школа, Учебный год, Всего обучающихся и показатели (числом или в %).
 * @param year Год списка: 2025 или «2024/2025». Если паспорта за этот год нет — берётся последний более ранний.
 * @param school Название школы или код ОО.
 * @returns ИСБ — число (0 — как в среднем по муниципалитету).
 * @requiresParameterAddresses
 */
export function socialIndexOf(
  context: unknown[][],
  year: string | number | boolean | null,
  school: string | number | boolean | null,
  invocation: CustomFunctions.Invocation,
): number {
  return guard(() => {
    const y = yearArg(year);
    const name = requiredSchoolArg(school);
    const settings = loadSettings();
    const range = kindRange(context, parameterAddress(invocation, 0), "context", "контекст");
    const py = passportYear(range.records, y);
    if (py === null) throw notAvailable(`нет социального паспорта за ${formatAcademicYear(y)} учебный год и ранее`);
    const mine = recordsOfSchool(range.records, name, "социальном паспорте").find((r) => r.year === py);
    if (!mine) throw notAvailable(`школа «${name}»: нет строки социального паспорта за ${formatAcademicYear(py)}`);
    const key = `${range.key}|${py}|${JSON.stringify(settings)}`;
    let hit = socialCache.get(key);
    if (!hit) {
      const inputs = range.records
        .filter((r) => r.year === py)
        .map((r) => ({ key: r.schoolKey, municipality: r.municipality ?? null, values: socialValues(r, null, null) }));
      hit = { year: py, outcome: socialIndex(inputs, py, settings) };
      socialCache.set(key, hit);
    }
    const e = hit.outcome.index.get(mine.schoolKey);
    if (!e) throw notAvailable(hit.outcome.empty.get(mine.schoolKey) ?? `школа «${name}»: ИСБ не вычислен`);
    return e.value;
  });
}

/**
 * Статус школы: «ШНОР», «ШНОР и ШССУ», «ШССУ, резильентная», «с признаками необъективности»… или «не ШНОР». ШССУ и резильентность — только если указан социальный паспорт.
 * @customfunction STATUS
 * @param results Реестр «Результаты» вместе со строкой заголовков.
 * @param year Год списка: 2025 или «2024/2025».
 * @param school Название школы или код ОО.
 * @param [context] Реестр «Контекст» (социальный паспорт) вместе со строкой заголовков — для ШССУ и резильентности.
 * @returns Статус школы одной строкой.
 * @requiresParameterAddresses
 */
export function status(
  results: unknown[][],
  year: string | number | boolean | null,
  school: string | number | boolean | null,
  // Omitted, Excel passes null (the metadata needs the plain matrix type to declare a range parameter).
  context: unknown[][],
  invocation: CustomFunctions.Invocation,
): unknown[][] {
  return guard(() => {
    const y = yearArg(year);
    const name = requiredSchoolArg(school);
    const ctx =
      context === null || context === undefined
        ? null
        : kindRange(context, parameterAddress(invocation, 3), "context", "контекст");
    const range = assessRange(
      results,
      parameterAddress(invocation, 0),
      y,
      loadSettings(),
      ctx ? { key: ctx.key, context: ctx.records } : undefined,
    );
    const { assessment: s, status: shnor } = range.lookup(name);
    const parts: string[] = [];
    if (s.status.length > 0) parts.push(formatStatus(s.status));
    if (shnor === null) parts.push(statusText(s, shnor, y));
    if (parts.length === 0) parts.push(ctx ? "не ШНОР, не ШССУ" : "не ШНОР");
    return [[parts.join("; ")]];
  });
}

/**
 * Признаки необъективности результатов школы за год списка и предыдущий (сравнение с отметками по журналу, аномально высокие результаты, падение 4 → 5 класс), каждый с числами; «признаков нет» или «нет данных для проверки».
 * @customfunction OBJECTIVITY
 * @param results Реестр «Результаты» вместе со строкой заголовков (нужны отметки «2»–«5» или столбцы Понизили/Подтвердили/Повысили).
 * @param year Год списка: 2025 или «2024/2025».
 * @param school Название школы или код ОО.
 * @returns Признаки одной строкой.
 * @requiresParameterAddresses
 */
export function objectivity(
  results: unknown[][],
  year: string | number | boolean | null,
  school: string | number | boolean | null,
  invocation: CustomFunctions.Invocation,
): unknown[][] {
  return guard(() => {
    const { assessment: s } = schoolArgs(results, year, school, invocation);
    if (s.objectivity.length > 0) return [[s.objectivity.map((o) => o.text).join("; ")]];
    return [[s.objectivityNotes.length > 0 ? "нет данных для проверки" : "признаков нет"]];
  });
}

/**
 * Высокие и средние риски школы по рисковому профилю «500+»: «высокий: 2. Дефицит педагогических кадров; средний: …» или «высоких и средних рисков нет».
 * @customfunction RISKS
 * @param risks Реестр «Риски» вместе со строкой заголовков: Школа, Учебный год, столбец на каждый риск (высокий / средний / низкий, 1 / 0,5 / 0, да / нет).
 * @param year Год списка: 2025 или «2024/2025». Если профиля за этот год нет — берётся последний более ранний.
 * @param school Название школы или код ОО.
 * @returns Риски одной строкой.
 * @requiresParameterAddresses
 */
export function risks(
  risks: unknown[][],
  year: string | number | boolean | null,
  school: string | number | boolean | null,
  invocation: CustomFunctions.Invocation,
): unknown[][] {
  return guard(() => {
    const y = yearArg(year);
    const name = requiredSchoolArg(school);
    const range = kindRange(risks, parameterAddress(invocation, 0), "risks", "риски");
    const mine = recordsOfSchool(range.records, name, "рисковом профиле");
    const entries = riskProfile(mine, undefined, { vprShare: null, vprParticipants: 0 }, y, loadSettings());
    if (!mine.some((r) => r.year <= y)) {
      throw notAvailable(`школа «${name}»: нет рискового профиля за ${formatAcademicYear(y)} учебный год и ранее`);
    }
    const line = (level: "высокий" | "средний") => {
      const list = entries.filter((e) => e.level === level).map((e) => `${e.direction}. ${e.name}`);
      return list.length ? `${level}: ${list.join("; ")}` : null;
    };
    const parts = [line("высокий"), line("средний")].filter((x): x is string => x !== null);
    const from = entries[0]?.year;
    const note = from !== undefined && from !== y ? ` (профиль ${formatAcademicYear(from)})` : "";
    return [[parts.length ? `${parts.join("; ")}${note}` : `высоких и средних рисков нет${note}`]];
  });
}

/**
 * Достигнута ли цель показателя (issue 14, лист «Показатели»): «достигнуто», «не достигнуто» или «нет данных» (пустой факт или цель, текст вместо числа). Доли — одинаково в обоих аргументах (0,25 и 0,3 или «25 %» и «30 %»).
 * @customfunction TARGET
 * @param fact Факт: число, «30 %» или «да»/«нет».
 * @param target Цель: число, «30 %» или «да»/«нет».
 * @param [direction] «больше» — чем больше, тем лучше (по умолчанию; для «да»/«нет» — «да/нет»); «меньше» — чем меньше, тем лучше; «да/нет».
 * @returns «достигнуто», «не достигнуто» или «нет данных».
 */
export function target(
  fact: string | number | boolean | null,
  target: string | number | boolean | null,
  direction?: string | number | boolean | null,
): string {
  return guard(() => {
    const auto = yesNo(fact) !== null && yesNo(target) !== null && typeof fact !== "number" ? "yesno" : "more";
    // Older Excel builds pass a blank optional cell as 0: that is the default too.
    const d = isBlankArg(direction ?? null) || direction === 0 ? auto : parseDirection(direction);
    if (d === null) {
      throw invalidValue(`направление: «${String(direction).slice(0, 40)}» — укажите «больше», «меньше» или «да/нет»`);
    }
    return targetVerdict(fact, target, d);
  });
}
