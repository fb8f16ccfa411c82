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
  /** R-SOC: share of schools with the lowest ИСБ of their group that are ШССУ, percent (ties at the cut included). */
  sssuShare: z.number().min(0).max(100).default(25),
  /**
   * Early warning «на грани» (issue 15): a unit of Y that is not low but whose failure share is at most this many
   * percentage points below the threshold (default 5: 25–29,9 % at 30 %). 0 turns the warning off.
   */
  watchBand: z.number().min(0).max(100).default(5),
  /** Threshold sensitivity (issue 15): the list at these thresholds, percent, side by side with the list itself. */
  sensitivityThresholds: z.array(z.number().gt(0).max(100)).max(10).default([25, 30, 35]),
  /** R-SOC: an absolute cut-off instead of the share — ШССУ when ИСБ ≤ this value; null = use sssuShare. */
  sssuCutoff: z.number().min(-100).max(100).nullable().default(null),
  /** R-SOC: indicator weights by SocialIndicatorId (default 1 each; 0 leaves an indicator out). */
  isbWeights: z.record(z.string(), z.number().min(0).max(100)).default({}),
  /** R-OBJ thresholds (SPEC §5, our reading). Percent or p.p. unless said. */
  obj: z
    .object({
      /** R-OBJ-1: «Подтвердили» (or the exact-match share of a protocol) below this percent. */
      confirmedBelow: z.number().min(0).max(100).default(50),
      /** R-OBJ-1: «Понизили» at or above this percent (journal marks inflated). */
      lowerAtLeast: z.number().min(0).max(100).default(30),
      /** R-OBJ-2: quality share above the municipal one by at least this many p.p., with no failures. */
      qualityExcess: z.number().min(0).max(100).default(30),
      /** R-OBJ-3: grade 4 → grade 5 quality drop of at least this many p.p. */
      cohortDrop: z.number().min(0).max(100).default(30),
      /** R-OBJ-1 with protocols: Spearman's rho of ВПР and journal marks below this value (ФИОКО: below 0). */
      rhoBelow: z.number().min(-1).max(1).default(0),
      /** Every R-OBJ sign: the fewest pupils a unit needs to be judged (where the count is known). */
      minPupils: z.number().int().min(2).default(10),
      /**
       * R-OBJ-4 for tables that give only means (ЕГЭ «средний балл»): the assumed standard deviation of pupils' test
       * scores, points; null = the sign is not computed for such tables.
       */
      egeScoreSd: z.number().positive().max(100).nullable().default(15),
    })
    .default({
      confirmedBelow: 50,
      lowerAtLeast: 30,
      qualityExcess: 30,
      cohortDrop: 30,
      rhoBelow: 0,
      minPupils: 10,
      egeScoreSd: 15,
    }),
  /** R-RISK suggestions «оценка по данным» (SPEC §6, our reading): level boundaries, percent. */
  risk: z
    .object({
      /** Direction 2: staffing deficit (1 − укомплектованность, or vacancies ÷ (teachers + vacancies)) ≥ this ⇒ высокий. */
      staffDeficitHigh: z.number().min(0).max(100).default(10),
      /** Direction 2: ≥ this ⇒ средний (below ⇒ низкий). */
      staffDeficitMedium: z.number().min(0).max(100).default(5),
      /** Direction 3: teachers below the base level (of those diagnosed, else of all) ≥ this ⇒ высокий. */
      belowBaseHigh: z.number().min(0).max(100).default(30),
      belowBaseMedium: z.number().min(0).max(100).default(10),
      /** Direction 8: pooled ВПР failure share of Y ≥ this ⇒ высокий. */
      failHigh: z.number().min(0).max(100).default(30),
      failMedium: z.number().min(0).max(100).default(15),
    })
    .default({
      staffDeficitHigh: 10,
      staffDeficitMedium: 5,
      belowBaseHigh: 30,
      belowBaseMedium: 10,
      failHigh: 30,
      failMedium: 15,
    }),
  /** «Дорожная карта Y» and «Показатели Y» (issue 14; SPEC §4, §7 — our readings). */
  roadmap: z
    .object({
      /** The department's name put where the catalogue says «{УО}» (responsible, the sheet's title). */
      department: z.string().trim().min(1).max(200).default("Управление образования"),
      /** ШССУ that are not ШНОР get a school block too (SPEC §4 says «one per ШНОР», the issue «and ШССУ»). */
      includeSscu: z.boolean().default(true),
      /** R-RISK levels that get anti-risk measures (SPEC §3: high and medium). */
      riskLevels: z
        .array(z.enum(["высокий", "средний", "низкий"]))
        .min(1)
        .default(["высокий", "средний"]),
      /** Low areas of which years get measures: Y and Y−1 (the R-SHNOR reasons) or Y only. */
      lowYears: z.enum(["both", "current"]).default("both"),
      /**
       * First month of the roadmap's period: 1 = the calendar year Y (deadlines are dates of Y, quarters I–IV of Y);
       * 9 = 01.09.Y–31.08.Y+1 (months before September fall in Y+1, quarter I is September–November).
       */
      startMonth: z.number().int().min(1).max(12).default(1),
    })
    .default({
      department: "Управление образования",
      includeSscu: true,
      riskLevels: ["высокий", "средний"],
      lowYears: "both",
      startMonth: 1,
    }),
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
