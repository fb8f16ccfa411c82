/** Select a problem's cell: activate its sheet and select the A1 cell (Office.js, ExcelApi 1.1). */
import { HostError } from "../app/workbookHost";

async function selectWith(context: Excel.RequestContext, sheet: string, cell: string): Promise<void> {
  const sheets = context.workbook.worksheets;
  sheets.load("items/name");
  await context.sync();
  const ws = sheets.items.find((s) => s.name === sheet);
  if (!ws) throw new HostError("no-sheet", `Лист «${sheet}» не найден в книге.`);
  ws.activate();
  ws.getRange(cell).select();
  await context.sync();
}

export async function selectCell(sheet: string, cell: string, context?: Excel.RequestContext): Promise<void> {
  if (context) return selectWith(context, sheet, cell);
  return Excel.run((ctx) => selectWith(ctx, sheet, cell));
}
