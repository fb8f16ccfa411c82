import { z } from "zod";

/**
 * Settings of SPEC §8, stored in the workbook (document settings) and shared by the task pane,
 * the custom functions and the CLI. Every reading of the rules that is ours is a named setting here.
 */
export const SettingsSchema = z.object({
  /** R-LOW: a unit is low when failed ≥ threshold % of participants («не менее 30 %»). Percent 0–100. */
  threshold: z.number().min(0).max(100).default(30),
  /** R-LOW: units with fewer participants are never low. */
  minParticipants: z.number().int().min(0).default(1),
  /** Subjects that count (canonical, lower case). Seed 002: Russian and mathematics. */
  subjects: z.array(z.string().min(1)).default(["русский язык", "математика"]),
  /** Count regional procedures (anything other than ВПР/ОГЭ/ЕГЭ). */
  includeRegional: z.boolean().default(false),
  /** R-DYN tolerance in percentage points. */
  tolerance: z.number().min(0).max(100).default(1),
  /** R-SHNOR rule 2 read as «the same procedure in both years» (some regions). Seed 002 wording: off. */
  rule2SameProcedure: z.boolean().default(false),
  /** R-SOC: share of schools with the lowest ИСБ that are ШССУ, percent. */
  sssuShare: z.number().min(0).max(100).default(25),
  /** R-SOC: indicator weights (default 1 each). */
  isbWeights: z.record(z.string(), z.number()).default({}),
  /**
   * Early warning «на грани» (issue 15): a unit of Y that is not low but whose failure share is at most this many
   * percentage points below the threshold (default 5: 25–29,9 % at 30 %). 0 turns the warning off.
   */
  watchBand: z.number().min(0).max(100).default(5),
  /** Threshold sensitivity (issue 15): the list at these thresholds, percent, side by side with the list itself. */
  sensitivityThresholds: z.array(z.number().gt(0).max(100)).max(10).default([25, 30, 35]),
  /** R-OBJ thresholds (SPEC §5, our reading). */
  obj: z
    .object({
      confirmedBelow: z.number().default(50),
      lowerAtLeast: z.number().default(30),
      qualityExcess: z.number().default(30),
      cohortDrop: z.number().default(30),
    })
    .default({ confirmedBelow: 50, lowerAtLeast: 30, qualityExcess: 30, cohortDrop: 30 }),
});

export type Settings = z.infer<typeof SettingsSchema>;

/** SPEC §8 defaults. */
export const DEFAULT_SETTINGS: Settings = SettingsSchema.parse({});

/** Parse settings from any untrusted source (document settings, CLI flags); unknown keys are dropped. */
export function parseSettings(input: unknown): Settings {
  return SettingsSchema.parse(input ?? {});
}

/** Same as parseSettings but never throws: invalid input gives defaults plus the zod issues. */
export function safeParseSettings(input: unknown): { settings: Settings; errors: string[] } {
  const r = SettingsSchema.safeParse(input ?? {});
  if (r.success) return { settings: r.data, errors: [] };
  return {
    settings: DEFAULT_SETTINGS,
    errors: r.error.issues.map((i) => `${i.path.join(".") || "настройки"}: ${i.message}`),
  };
}
