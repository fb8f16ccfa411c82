/**
 * The pane's port to a workbook (issue 17): the task pane talks only to this interface. `src/excel` implements it
 * over Office.js for the open workbook; `src/web` (the standalone page) implements it over .xlsx files in the
 * browser. Host-free: plain types and one error class.
 */
import type { Settings } from "../core/settings";
import type { SheetPlan } from "../core/sheetPlan";
import type { WorkbookGrids } from "../core/types";
import type { ManualMapping } from "../registers/types";

export interface WriteProgress {
  /** Russian stage text: «Запись строк 1–5000 из 12000». */
  stage: string;
  /** 0…1 */
  fraction: number;
}

export interface WriteOptions {
  /** Allow replacing a sheet of the same name that the add-in generated (never a user sheet). */
  replace: boolean;
  onProgress?: (p: WriteProgress) => void;
}

export interface WriteResult {
  sheet: string;
  /** Russian warnings for features this host does not support («Печать не настроена: …»). */
  warnings: string[];
  /** Body rows written. */
  rows: number;
}

/** What stands at a sheet name: nothing, a sheet the add-in generated, or the user's own sheet. */
export type SheetStatus = "absent" | "generated" | "user";

/** A sheet the add-in generated, as recorded in the workbook: `id` is the host's worksheet id when it has one. */
export interface GeneratedSheetRecord {
  name: string;
  kind: string;
  year: number;
  id?: string;
}

/**
 * What differs between hosts in what the pane says and offers: Office keeps settings in the workbook and can select a
 * problem's cell; the web page keeps them in the browser and has no cells to select.
 */
export interface HostTraits {
  /** Where settings and manual mappings are saved, as the end of a Russian sentence: «в книге», «в этом браузере». */
  savedIn: string;
  /** Whether `selectCell` can show a problem's cell to the user. */
  selectsCells: boolean;
}

/** The Office add-in's traits: what a host that does not say otherwise has. */
export const OFFICE_TRAITS: HostTraits = { savedIn: "в книге", selectsCells: true };

export interface WorkbookHost {
  /** How the pane speaks of this host; OFFICE_TRAITS when absent. */
  readonly traits?: HostTraits;
  /**
   * Read every sheet of the workbook(s) as grids of values. Several files come as one WorkbookGrids whose sheets
   * name their file (`SheetGrid.file`), which is how registers, problems and mappings tell them apart.
   */
  readGrids(): Promise<WorkbookGrids>;
  sheetStatus(name: string): Promise<SheetStatus>;
  writePlan(plan: SheetPlan, opts: WriteOptions): Promise<WriteResult>;
  /** Activate the sheet and select the cell (A1, e.g. "H30"). */
  selectCell(sheet: string, cell: string): Promise<void>;
  loadSettings(): Settings;
  /** Save the settings in the workbook and recalculate it, so the SHNOR.* formulas use them. */
  saveSettings(settings: Settings): Promise<void>;
  loadMappings(): ManualMapping[];
  saveMappings(mappings: ManualMapping[]): Promise<void>;
  loadGeneratedSheets(): GeneratedSheetRecord[];
}

/** Error with a Russian message meant for the user, and a code the pane can act on. */
export class HostError extends Error {
  constructor(
    readonly code: "user-sheet" | "needs-confirm" | "no-sheet" | "no-excel" | "write-failed",
    message: string,
  ) {
    super(message);
    this.name = "HostError";
  }
}
