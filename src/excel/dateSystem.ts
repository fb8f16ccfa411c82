/**
 * The open workbook's date system. Office.js reads and writes dates as serial numbers of the workbook's own system;
 * a workbook made on an old Mac (or with «Использовать систему дат 1904» ticked) counts from 1 January 1904, so its
 * serial of a date is 1462 smaller than in the 1900 system — read or written as if 1900, a date is four years off.
 * Office.js has no property for it, but DATE(1904;1;1) answers: 0 in the 1904 system, 1462 in the 1900 one
 * (`workbook.functions`, ExcelApi 1.2). The probe is queued into a sync the caller makes anyway (no sync of its own);
 * below ExcelApi 1.2 the 1900 system, Excel's default, is assumed.
 */
import { excelApiSupported } from "./host";

/** Days from 1900-01-00 to 1904-01-01: serial(1900 system) = serial(1904 system) + 1462. */
export const DATE1904_OFFSET = 1462;

/** Queues the probe; the returned function tells the answer after the next `context.sync()`. */
export function queueDateSystemProbe(context: Excel.RequestContext): () => boolean {
  if (!excelApiSupported("1.2")) return () => false;
  const r = context.workbook.functions.date(1904, 1, 1);
  r.load("value");
  return () => r.value === 0;
}
