/**
 * «Построить всё» (issue 14), shared by every host: the annual list, «Дорожная карта Y», «Показатели Y» and
 * «Динамика» from the registers — the roadmap and the indicators merged with their previous versions (read back from
 * the workbook's generated sheets) so that what people typed survives (src/core/rebuild.ts). Pure: the host reads the
 * workbooks into grids (generated sheets included, marked by the host or recognised by content) and writes the plans.
 */
import { applyOverrides, SHIPPED_CATALOGUE, type Catalogue, type OverrideOutcome } from "../core/catalogue";
import { dynamicsPlan } from "../core/dynamicsPlan";
import { generatedKindOf } from "../core/generatedSignature";
import { indicatorColumns, indicatorRows, indicatorsPlan, indicatorsSheetName } from "../core/indicators";
import { readPreviousSheet, mergeWork, type PreviousSheet } from "../core/rebuild";
import {
  OBSOLETE_STYLE,
  progressRowsOf,
  ROADMAP_COLUMNS,
  roadmapPlan,
  roadmapProgress,
  roadmapRows,
  roadmapSchools,
  roadmapSheetName,
} from "../core/roadmap";
import type { AnnualList } from "../core/list.types";
import type { ProgrammeProgress } from "../core/profile";
import type { SheetPlan } from "../core/sheetPlan";
import type { Problem, SheetGrid, WorkbookGrids } from "../core/types";
import { addKept, formatKept, NO_KEPT, type KeptCounts, type WorkColumn, type WorkRow } from "../core/workSheet";
import { formatAcademicYear } from "../core/format";
import { buildAnnualList, type BuildListOptions, type BuildListResult } from "./buildList";
import { withoutGeneratedSheets } from "./generatedSheets";

/** The generated sheets, in the order they are written. */
export const SHEET_CHOICES = ["list", "roadmap", "indicators", "dynamics"] as const;
export type SheetChoice = (typeof SHEET_CHOICES)[number];

/** Russian names of the sheets for buttons and summaries. */
export const SHEET_TITLES: Record<SheetChoice, string> = {
  list: "Ежегодный список",
  roadmap: "Дорожная карта",
  indicators: "Показатели",
  dynamics: "Динамика",
};

export interface BuildAllOptions extends BuildListOptions {
  /** Which sheets (default: all four). */
  sheets?: readonly SheetChoice[];
  /**
   * Previous generated sheets to carry edits from (grids). Default: the generated sheets of the workbooks themselves
   * (a workbook built before). The CLI passes those of `--previous` here too.
   */
  previous?: SheetGrid[];
}

export interface BuiltSheet {
  choice: SheetChoice;
  plan: SheetPlan;
  /** What was carried over from the previous version (roadmap, indicators); null when there was none. */
  kept: KeptCounts | null;
  /** The previous sheet the edits came from. */
  previousSheet: string | null;
}

export interface BuildAllResult extends BuildListResult {
  sheets: BuiltSheet[];
  /** Everything kept, over all sheets. */
  kept: KeptCounts;
  /** «сохранено отметок: 42, целей: 12» (Russian). */
  keptText: string;
  /** The catalogue after the «Мероприятия» sheets, and what they changed. */
  catalogue: OverrideOutcome;
  /** Roadmap progress per school key from the roadmap just built (for «Профиль ОО»); null without a roadmap. */
  programme: ((schoolKey: string) => ProgrammeProgress | null) | null;
}

/**
 * Roadmap progress per school from the workbooks' own «Дорожная карта Y» (a generated sheet of the list's year, read
 * back as a rebuild reads it), for «Профиль ОО» (issue 15): null when the workbooks have no roadmap of that year.
 */
export function programmeFromWorkbooks(
  workbooks: WorkbookGrids[],
  list: AnnualList,
  today: Date,
): ((schoolKey: string) => ProgrammeProgress | null) | null {
  const name = roadmapSheetName(list.year);
  const prev = previousOf(withoutGeneratedSheets(workbooks).grids, name, "roadmap", list.year, ROADMAP_COLUMNS);
  if (!prev || !prev.rows.some((r) => r.info?.type === "block")) return null;
  return roadmapProgress(progressRowsOf(prev.rows), list, prev.name, today);
}

function problem(sheet: string, row: number, message: string, file?: string): Problem {
  return { sheet, cell: `A${row}`, message, ...(file ? { file } : {}) };
}

/** The department's «Мероприятия» rows applied to the shipped catalogue; rejected rows become problems. */
export function catalogueOf(result: BuildListResult, base: Catalogue = SHIPPED_CATALOGUE): OverrideOutcome {
  const outcome = applyOverrides(base, result.registers.measures);
  for (const r of outcome.rejected) {
    const p = problem(r.source.sheet, r.source.row, `Мероприятие не учтено: ${r.reason}`, r.source.file);
    result.registers.problems.push(p);
    const account = result.registers.sheets.find((a) => a.sheet === r.source.sheet && a.file === r.source.file);
    if (account) account.problems.push(p);
  }
  return outcome;
}

/** The previous version of a working sheet: the generated sheet of that name, else one of its kind for the year. */
function previousOf(
  grids: SheetGrid[],
  name: string,
  kind: "roadmap" | "indicators",
  year: number,
  columns: readonly WorkColumn[],
): PreviousSheet | null {
  const same = grids.filter((g) => g.name.toLowerCase() === name.toLowerCase());
  const others = grids.filter(
    (g) =>
      !same.includes(g) &&
      (generatedKindOf(g) ?? g.generated?.kind) === kind &&
      (g.generated?.year === year || g.name.includes(String(year))),
  );
  for (const g of [...same, ...others]) {
    const p = readPreviousSheet(g, columns);
    if (p) return p;
  }
  return null;
}

export function buildAll(workbooks: WorkbookGrids[], options: BuildAllOptions = {}): BuildAllResult {
  const built = buildAnnualList(workbooks, options);
  const generatedAt = options.generatedAt ?? new Date();
  const wanted = new Set(options.sheets ?? SHEET_CHOICES);
  const previousGrids = options.previous ?? withoutGeneratedSheets(workbooks).grids;
  const { list, registers, year } = built;
  const catalogue = catalogueOf(built);
  const sheets: BuiltSheet[] = [];
  let kept: KeptCounts = { ...NO_KEPT };
  let roadmapMerged: { name: string; rows: WorkRow[] } | null = null;

  if (wanted.has("list")) sheets.push({ choice: "list", plan: built.plan, kept: null, previousSheet: null });

  if (wanted.has("roadmap")) {
    const name = roadmapSheetName(year);
    const rows = roadmapRows({ list, results: registers.results, catalogue: catalogue.catalogue });
    const prev = previousOf(previousGrids, name, "roadmap", year, ROADMAP_COLUMNS);
    const measureCol = ROADMAP_COLUMNS.findIndex((c) => c.key === "measure");
    const merged = mergeWork(prev, rows.rows, ROADMAP_COLUMNS, {
      markColumn: (type) => (type === "block" ? 0 : measureCol),
      obsoleteStyle: OBSOLETE_STYLE,
    });
    const s = list.summary;
    const plan = roadmapPlan({
      year,
      rows: merged.rows,
      settings: list.settings,
      generatedAt,
      extraHeaders: merged.extraHeaders,
      subtitle: `список ШНОР ${year} года по результатам ${formatAcademicYear(year - 1)} и ${formatAcademicYear(year)} учебных годов (ШНОР: ${s.shnor}, ШССУ: ${s.status.sscu}; блоков школ: ${roadmapSchools(list).length})`,
    });
    if (prev) kept = addKept(kept, merged.kept);
    roadmapMerged = { name, rows: merged.rows };
    sheets.push({ choice: "roadmap", plan, kept: prev ? merged.kept : null, previousSheet: prev?.name ?? null });
  }

  if (wanted.has("indicators")) {
    const columns = indicatorColumns(year);
    const rows = indicatorRows({
      list,
      results: registers.results,
      staff: registers.staff,
      support: registers.support,
      context: registers.context,
      attestats: registers.attestats,
    });
    const prev = previousOf(previousGrids, indicatorsSheetName(year), "indicators", year, columns);
    const merged = mergeWork(prev, rows.rows, columns, {
      markColumn: () => 1,
      obsoleteStyle: OBSOLETE_STYLE,
    });
    const plan = indicatorsPlan({
      year,
      rows: merged.rows,
      settings: list.settings,
      generatedAt,
      extraHeaders: merged.extraHeaders,
    });
    if (prev) kept = addKept(kept, merged.kept);
    sheets.push({ choice: "indicators", plan, kept: prev ? merged.kept : null, previousSheet: prev?.name ?? null });
  }

  if (wanted.has("dynamics")) {
    sheets.push({
      choice: "dynamics",
      plan: dynamicsPlan({ list, results: registers.results, generatedAt }),
      kept: null,
      previousSheet: null,
    });
  }
  const anyPrevious = sheets.some((x) => x.kept !== null);
  const programme = roadmapMerged ? roadmapProgress(roadmapMerged.rows, list, roadmapMerged.name, generatedAt) : null;
  return {
    ...built,
    sheets,
    kept,
    keptText: anyPrevious ? formatKept(kept) : "",
    catalogue,
    programme,
  };
}
