/** WorkbookHost over Office.js: the pane's only way into the open workbook. */
import { loadGeneratedSheets, loadMappings, loadSettings, saveMappings, saveSettings } from "./documentSettings";
import { sameSheetName, type SheetStatus, type WorkbookHost } from "./host";
import { readWorkbookGrids } from "./readWorkbook";
import { writeSheetPlan } from "./renderPlan";
import { selectCell } from "./selectCell";

async function sheetStatus(name: string): Promise<SheetStatus> {
  return Excel.run(async (context) => {
    const sheets = context.workbook.worksheets;
    sheets.load("items/name");
    await context.sync();
    if (!sheets.items.some((s) => sameSheetName(s.name, name))) return "absent";
    return loadGeneratedSheets().some((r) => sameSheetName(r.name, name)) ? "generated" : "user";
  });
}

export function officeHost(): WorkbookHost {
  return {
    readGrids: () => readWorkbookGrids(),
    sheetStatus,
    writePlan: (plan, opts) => writeSheetPlan(plan, opts),
    selectCell: (sheet, cell) => selectCell(sheet, cell),
    loadSettings,
    saveSettings,
    loadMappings,
    saveMappings,
    loadGeneratedSheets,
  };
}
