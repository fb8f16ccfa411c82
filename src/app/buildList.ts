/**
 * The annual-list use-case shared by every host (CLI, task pane): registers → R-SHNOR list → sheet plan.
 * Pure: no I/O; the host reads the workbooks into grids and renders the plan.
 */
import { ZodError } from "zod";
import { annualListPlan, assessSchools, latestYear } from "../core";
import type { AnnualList } from "../core/list.types";
import { SettingsSchema, type Settings } from "../core/settings";
import type { SheetPlan } from "../core/sheetPlan";
import type { WorkbookGrids } from "../core/types";
import { givesResults } from "../registers/kinds";
import type { ManualMapping, ReadOptions, Registers } from "../registers/types";
import type { SkippedGeneratedSheet } from "./generatedSheets";
import { scanRegisters } from "./scan";

/** Input the list cannot be built from (no results register, no data for the year, bad settings). Russian message. */
export class ShnorInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ShnorInputError";
  }
}

export interface BuildListOptions {
  /** List year Y (end year of the academic year). Default: the latest year in the results. */
  year?: number;
  settings?: Partial<Settings> | Settings;
  mappings?: ManualMapping[];
  /** Defaults for sheets that name no procedure (`shnor list --procedure ВПР`). */
  defaults?: ReadOptions["defaults"];
  /** Timestamp printed on the sheet; default now. */
  generatedAt?: Date;
}

export interface BuildListResult {
  registers: Registers;
  list: AnnualList;
  plan: SheetPlan;
  year: number;
  /** Sheets left out because this add-in generated them (never read as registers). */
  generatedSheets: SkippedGeneratedSheet[];
}

/** Validate settings (zod, SPEC §8 defaults for what is missing); a Russian ShnorInputError when invalid. */
export function resolveSettings(input: Partial<Settings> | Settings | undefined): Settings {
  try {
    return SettingsSchema.parse(input ?? {});
  } catch (e) {
    if (e instanceof ZodError) {
      const details = e.issues.map((i) => `${i.path.join(".") || "настройки"}: ${i.message}`).join("; ");
      throw new ShnorInputError(`Неверные настройки: ${details}`);
    }
    throw e;
  }
}

/** Years present in the results, ascending. */
export function resultYears(registers: Registers): number[] {
  return [...new Set(registers.results.map((r) => r.year))].sort((a, b) => a - b);
}

export function buildAnnualList(workbooks: WorkbookGrids[], options: BuildListOptions = {}): BuildListResult {
  const settings = resolveSettings(options.settings);
  const { registers, generatedSheets } = scanRegisters(workbooks, {
    ...(options.mappings ? { mappings: options.mappings } : {}),
    ...(options.defaults ? { defaults: options.defaults } : {}),
  });

  const hasResultsSheet = registers.sheets.some((s) => givesResults(s.kind));
  if (!hasResultsSheet) {
    throw new ShnorInputError(
      "Реестр результатов не найден: ни на одном листе нет таблицы со столбцами «Школа», «Учебный год», «Процедура», «Предмет», «Участники» и «Не справились» (или долей/отметок).",
    );
  }
  const latest = latestYear(registers.results);
  if (latest === null || latest === undefined || registers.results.length === 0) {
    throw new ShnorInputError(
      `Реестр результатов найден, но ни одна строка не прочитана (проблем: ${registers.problems.length}); список не построен.`,
    );
  }

  const year = options.year ?? latest;
  if (!Number.isInteger(year) || year < 1990 || year > 2100) {
    throw new ShnorInputError(`Неверный год списка: ${year}.`);
  }
  const years = resultYears(registers);
  if (!years.includes(year)) {
    throw new ShnorInputError(
      `Нет результатов за ${year - 1}/${year} учебный год; в реестре есть годы: ${years.map((y) => `${y - 1}/${y}`).join(", ")}.`,
    );
  }

  const list = assessSchools(
    {
      results: registers.results,
      schools: registers.schools,
      problems: registers.problems,
      context: registers.context,
      staff: registers.staff,
      support: registers.support,
      attestats: registers.attestats,
      risks: registers.risks,
      journal: registers.journal,
      protocol: registers.protocol,
    },
    year,
    settings,
  );
  const plan = annualListPlan(list, options.generatedAt ?? new Date());
  return { registers, list, plan, year, generatedSheets };
}
