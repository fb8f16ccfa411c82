/**
 * Workbook-level storage shared by the task pane and the custom functions (shared runtime):
 * Office document settings (Settings API 1.1 — available in every Excel that can host the add-in).
 * Values are JSON-checked with zod on the way in and out; bad stored data falls back to defaults.
 */
import { z } from "zod";
import { DEFAULT_SETTINGS, safeParseSettings, type Settings } from "../core/settings";
import { MAPPINGS_KEY, parseStoredMappings, SETTINGS_KEY } from "../app/storedState";
import type { GeneratedSheetRecord } from "../app/workbookHost";
import type { ManualMapping } from "../registers/types";

export { MAPPINGS_KEY, SETTINGS_KEY };
/** Names of the sheets this add-in generated (only these may ever be replaced). */
export const GENERATED_SHEETS_KEY = "shnor.generatedSheets";

/**
 * `id` is the worksheet id (ExcelApi 1.1) of the generated sheet: a sheet is the add-in's only when its id is
 * recorded (a user sheet that reuses the name has another id). Records written before ids were kept have none.
 */
const GeneratedSheetsSchema = z.array(
  z.object({ name: z.string(), kind: z.string(), year: z.number().int(), id: z.string().optional() }),
) satisfies z.ZodType<GeneratedSheetRecord[]>;
export type { GeneratedSheetRecord };

function docSettings(): Office.Settings | null {
  try {
    return typeof Office !== "undefined" && Office.context && Office.context.document
      ? Office.context.document.settings
      : null;
  } catch {
    return null;
  }
}

/** Settings saved in the workbook by the pane, or SPEC §8 defaults. */
export function loadSettings(): Settings {
  const s = docSettings();
  if (!s) return DEFAULT_SETTINGS;
  return safeParseSettings(s.get(SETTINGS_KEY)).settings;
}

export function loadMappings(): ManualMapping[] {
  return parseStoredMappings(docSettings()?.get(MAPPINGS_KEY));
}

export function loadGeneratedSheets(): GeneratedSheetRecord[] {
  const s = docSettings();
  const r = GeneratedSheetsSchema.safeParse(s?.get(GENERATED_SHEETS_KEY) ?? []);
  return r.success ? r.data : [];
}

function saveAsync(s: Office.Settings): Promise<void> {
  return new Promise((resolve, reject) => {
    s.saveAsync((res) =>
      res.status === Office.AsyncResultStatus.Succeeded
        ? resolve()
        : reject(new Error(`Не удалось сохранить настройки в книге: ${res.error?.message ?? "ошибка"}`)),
    );
  });
}

async function store(key: string, value: unknown): Promise<void> {
  const s = docSettings();
  if (!s) throw new Error("Книга недоступна: настройки не сохранены.");
  s.set(key, value);
  await saveAsync(s);
}

export const saveSettings = (settings: Settings): Promise<void> => store(SETTINGS_KEY, settings);
export const saveMappings = (mappings: ManualMapping[]): Promise<void> => store(MAPPINGS_KEY, mappings);
export const saveGeneratedSheets = (list: GeneratedSheetRecord[]): Promise<void> => store(GENERATED_SHEETS_KEY, list);
