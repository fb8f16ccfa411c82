/**
 * Helpers to call the custom functions exactly as Excel does: matrices of cell values (header row included), null for
 * omitted optionals, an Invocation carrying the parameter addresses; and the workbook's document settings.
 */
import { SETTINGS_KEY } from "../../../src/excel/documentSettings";

export type Cell = string | number | boolean | null;

/** The invocation Excel passes to a function with @requiresParameterAddresses. */
export function at(address: string): CustomFunctions.Invocation {
  return { parameterAddresses: [address, "Лист1!K1", "Лист1!L1"] } as CustomFunctions.Invocation;
}

export const HEADER: Cell[] = ["Школа", "Учебный год", "Процедура", "Класс", "Предмет", "Участники", "Не справились"];

/** A register range: a title row, the header, then rows. Every call returns a fresh copy (Excel passes new arrays). */
export function register(rows: Cell[][], opts: { title?: boolean; header?: Cell[] } = {}): Cell[][] {
  const header = opts.header ?? HEADER;
  const out: Cell[][] = [];
  if (opts.title !== false) out.push(["Результаты оценочных процедур по району", ...header.slice(1).map(() => null)]);
  out.push([...header]);
  for (const r of rows) out.push([...r]);
  return out;
}

/** The error a function threw, or a failure when it did not throw. */
export function thrown(fn: () => unknown): CustomFunctions.Error {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof CustomFunctions.Error)) {
      throw new Error(`expected CustomFunctions.Error, got ${String(e)}`);
    }
    return e;
  }
  throw new Error("expected the function to throw");
}

/** Pretend the task pane saved settings in the workbook (Office document settings). */
export function withSavedSettings<T>(settings: Record<string, unknown>, body: () => T): T {
  const g = globalThis as unknown as { Office?: unknown };
  const before = g.Office;
  g.Office = {
    context: { document: { settings: { get: (key: string) => (key === SETTINGS_KEY ? settings : null) } } },
  };
  try {
    return body();
  } finally {
    if (before === undefined) delete g.Office;
    else g.Office = before;
  }
}
