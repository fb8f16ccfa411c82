/**
 * What a host keeps between sessions for the pane (settings, manual mappings), checked with zod on the way in:
 * the Office document settings (src/excel) and the browser's storage (src/web) hold the same JSON. Bad stored data
 * falls back to nothing — never an exception in the pane.
 */
import { z } from "zod";
import { KIND_IDS } from "../registers/kinds";
import type { ManualMapping } from "../registers/types";

export const SETTINGS_KEY = "shnor.settings";
export const MAPPINGS_KEY = "shnor.mappings";

export const ManualMappingSchema = z.object({
  sheet: z.string(),
  file: z.string().optional(),
  kind: z.enum(KIND_IDS),
  headerRow: z.number().int().min(1),
  columns: z.record(z.string(), z.number().int().min(0)),
  constants: z.object({ procedure: z.string().min(1).max(200).optional() }).optional(),
}) satisfies z.ZodType<ManualMapping>;

/** Stored mappings, or none when the stored value is not a list of valid mappings. */
export function parseStoredMappings(value: unknown): ManualMapping[] {
  const r = z.array(ManualMappingSchema).safeParse(value ?? []);
  return r.success ? r.data : [];
}
