/** WorkbookHost over Office.js: the pane's only way into the open workbook. */
import type { Settings } from "../core/settings";
import { loadGeneratedSheets, loadMappings, loadSettings, saveMappings, saveSettings } from "./documentSettings";
import { generatedSheetIds } from "./generatedSheets";
import type { SheetStatus, WorkbookHost } from "../app/workbookHost";
import { sameSheetName } from "./host";
import { readWorkbookGrids } from "./readWorkbook";
import { writeSheetPlan } from "./renderPlan";
import { selectCell } from "./selectCell";

async function sheetStatus(name: string): Promise<SheetStatus> {
  return Excel.run(async (context) => {
    const sheets = context.workbook.worksheets;
    sheets.load("items/name,items/id");
    await context.sync();
    const ws = sheets.items.find((s) => sameSheetName(s.name, name));
    if (!ws) return "absent";
    // Generated only when the recorded worksheet id matches (a user sheet that reuses the name is the user's).
    const ids = await generatedSheetIds(context, [ws], loadGeneratedSheets());
    return ids.has(ws.id) ? "generated" : "user";
  });
}

/**
 * Recalculate every formula of the workbook (ExcelApi 1.1), so that the SHNOR.* custom functions, which read the
 * settings from the document settings, show results under the settings just saved.
 */
export async function recalculateWorkbook(): Promise<void> {
  await Excel.run(async (context) => {
    context.workbook.application.calculate("Full");
    await context.sync();
  });
}

/** Save the settings in the workbook, then recalculate so the formulas use them. */
async function saveSettingsAndRecalculate(settings: Settings): Promise<void> {
  await saveSettings(settings);
  await recalculateWorkbook();
}

export function officeHost(): WorkbookHost {
  return {
    readGrids: () => readWorkbookGrids(undefined, { generated: loadGeneratedSheets() }),
    sheetStatus,
    writePlan: (plan, opts) => writeSheetPlan(plan, opts),
    selectCell: (sheet, cell) => selectCell(sheet, cell),
    loadSettings,
    saveSettings: saveSettingsAndRecalculate,
    loadMappings,
    saveMappings,
    loadGeneratedSheets,
  };
}
