/** Office.js helpers of the adapter: requirement-set checks and sheet-name comparison. The port itself is src/app. */

/** ExcelApi requirement-set check; false outside Office (nothing newer than 1.1 is assumed). */
export function excelApiSupported(version: string): boolean {
  try {
    return (
      typeof Office !== "undefined" &&
      !!Office.context?.requirements &&
      Office.context.requirements.isSetSupported("ExcelApi", version)
    );
  } catch {
    return false;
  }
}

/** Case-insensitive sheet-name equality (Excel sheet names are case-insensitive). */
export function sameSheetName(a: string, b: string): boolean {
  return a.toLocaleLowerCase("ru") === b.toLocaleLowerCase("ru");
}
