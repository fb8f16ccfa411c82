/**
 * Scan workbooks for registers (SPEC §2) the same way for every host (task pane, CLI, the annual list):
 * sheets this add-in generated (the annual list) are left out first, so a rescan after a build never shows
 * «Список ШНОР 2025» as a «Школы» register. Pure.
 */
import type { WorkbookGrids } from "../core/types";
import { readRegisters } from "../registers";
import type { ManualMapping, ReadOptions, Registers } from "../registers/types";
import { withoutGeneratedSheets, type SkippedGeneratedSheet } from "./generatedSheets";

export interface ScanOptions {
  mappings?: ManualMapping[];
  /** Defaults for sheets that name no procedure (`shnor list --procedure ВПР`). */
  defaults?: ReadOptions["defaults"];
}

export interface ScanResult {
  registers: Registers;
  /** Sheets left out because this add-in generated them. */
  generatedSheets: SkippedGeneratedSheet[];
}

export function scanRegisters(workbooks: WorkbookGrids[], options: ScanOptions = {}): ScanResult {
  const inputs = withoutGeneratedSheets(workbooks);
  const registers = readRegisters(inputs.workbooks, {
    ...(options.mappings ? { mappings: options.mappings } : {}),
    ...(options.defaults ? { defaults: options.defaults } : {}),
  });
  addReadProblems(inputs.workbooks, registers);
  return { registers, generatedSheets: inputs.skipped };
}

/**
 * What the file reader could not give as it is (a text cut at Excel's 32,767 characters, a cell outside the sheet)
 * is a problem of the registers too, with its sheet and cell — never lost between the reader and the list.
 */
function addReadProblems(workbooks: WorkbookGrids[], registers: Registers): void {
  for (const wb of workbooks) {
    for (const sheet of wb.sheets) {
      if (!sheet.problems || sheet.problems.length === 0) continue;
      const account = registers.sheets.find((a) => a.sheet === sheet.name && a.file === sheet.file);
      for (const p of sheet.problems) {
        registers.problems.push(p);
        if (account) account.problems.push(p);
      }
    }
  }
}
