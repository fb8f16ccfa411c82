/**
 * The whole status of a school (issue 13): status flags, the social well-being index (R-SOC), resilience (R-RES),
 * signs of non-objective results (R-OBJ), the «500+» risk profile (R-RISK), curator and partner. Types and the
 * Russian names of indicators and risk directions; computed in ./status.ts, carried by SchoolAssessment.
 */
import type { Procedure, RiskDirection, RiskLevel } from "./types";

/** Status flags in display order. A school may carry several; none is «—». */
export type SchoolStatusFlag = "ШНОР" | "ШССУ" | "резильентная" | "с признаками необъективности";

export const STATUS_FLAGS: readonly SchoolStatusFlag[] = [
  "ШНОР",
  "ШССУ",
  "резильентная",
  "с признаками необъективности",
];

/** Indicators of R-SOC (SPEC §3): shares of students (0–1), staffing deficit (0–1), rural location (0/1). */
export type SocialIndicatorId =
  "registered" | "disabled" | "troubled" | "lowIncome" | "nonNative" | "staffDeficit" | "rural";

/** R-SOC indicators in order with their Russian names (ИСБ explanations, settings of weights). */
export const SOCIAL_INDICATORS: readonly { id: SocialIndicatorId; name: string; short: string }[] = [
  { id: "registered", name: "доля обучающихся на внутришкольном учёте и учёте в ОПДН", short: "на учёте (ВШУ, ОПДН)" },
  { id: "disabled", name: "доля обучающихся с ОВЗ", short: "ОВЗ" },
  { id: "troubled", name: "доля обучающихся из неблагополучных семей (СОП)", short: "неблагополучные семьи" },
  { id: "lowIncome", name: "доля обучающихся из малоимущих семей", short: "малоимущие семьи" },
  { id: "nonNative", name: "доля обучающихся, для которых русский язык не родной", short: "русский не родной" },
  { id: "staffDeficit", name: "дефицит педагогических кадров", short: "дефицит кадров" },
  { id: "rural", name: "сельская местность", short: "село" },
];

/** One indicator of a school's ИСБ: its value (share 0–1, or 0/1 for rural) and its z-score within the group. */
export interface SocialIndicatorValue {
  id: SocialIndicatorId;
  name: string;
  value: number;
  z: number;
  weight: number;
}

/** R-SOC of one school and year. */
export interface SocialIndex {
  /** The year of the social passport used (the list year, or the latest earlier one — then said in `text`). */
  year: number;
  /** ИСБ = −(weighted mean of the available z); higher is better. */
  value: number;
  /** The indicators used (weight > 0 and a value for this school), in SOCIAL_INDICATORS order. */
  indicators: SocialIndicatorValue[];
  /** Russian names of the indicators this school has no value for (left out of the mean). */
  missing: string[];
  /** The group the z-scores are taken across: the municipality as written, null = the whole register. */
  group: { municipality: string | null; schools: number };
  /** The ШССУ cut of the group (ИСБ ≤ cut is ШССУ), null when the group has none (every ИСБ equal, too few). */
  cut: number | null;
  /** Russian explanation: value, each indicator with value and z, missing ones, group and cut. */
  text: string;
}

/** Which test of R-OBJ a sign is. */
export type ObjectivityTest =
  /** R-OBJ-1: «Подтвердили» below the setting (journal register or pairs of a protocol). */
  | "confirmed"
  /** R-OBJ-1: «Понизили» at or above the setting. */
  | "lower"
  /** R-OBJ-1 with per-pupil protocols: Spearman's rho of ВПР vs journal marks below the setting (ФИОКО). */
  | "rho"
  /** R-OBJ-2: no failures and quality above the municipal quality by the setting. */
  | "high"
  /** R-OBJ-3: grade 4 quality of Y−1 against grade 5 of Y fell by the setting. */
  | "cohort"
  /** R-OBJ-4: the school mean's 95 % interval wholly above the region's. */
  | "mean";

export type ObjectivitySignId = "R-OBJ-1" | "R-OBJ-2" | "R-OBJ-3" | "R-OBJ-4";

/** The unit a sign names (R-UNIT fields, plus the class when the source is per class). */
export interface ObjectivityUnit {
  procedure: Procedure;
  grade: number | null;
  subject: string;
  variant: string | null;
  classLabel: string | null;
}

/** One sign of non-objective results, with the numbers behind it and a Russian sentence. */
export interface ObjectivitySign {
  sign: ObjectivitySignId;
  test: ObjectivityTest;
  /** The year of the flagged result (a school is «с признаками необъективности» for signs of Y or Y−1). */
  year: number;
  unit: ObjectivityUnit;
  /** The numbers (percent 0–100 for shares, p.p. for differences, rho −1…1, means in points, counts). */
  values: Record<string, number>;
  text: string;
}

/** R-RISK directions of SPEC §6 with their Russian names. */
export const RISK_DIRECTIONS: readonly { direction: RiskDirection; name: string }[] = [
  { direction: 1, name: "Низкий уровень оснащения школы" },
  { direction: 2, name: "Дефицит педагогических кадров" },
  { direction: 3, name: "Недостаточная предметная и методическая компетентность педагогических работников" },
  { direction: 4, name: "Риски низкой адаптивности учебного процесса" },
  { direction: 5, name: "Несформированность внутришкольной системы повышения квалификации" },
  { direction: 6, name: "Низкое качество преодоления языковых и культурных барьеров" },
  { direction: 7, name: "Пониженный уровень качества школьной образовательной и воспитательной среды" },
  { direction: 8, name: "Высокая доля обучающихся с рисками учебной неуспешности" },
  { direction: 9, name: "Низкий уровень вовлечённости родителей" },
  { direction: 10, name: "Низкая учебная мотивация обучающихся" },
];

export type RiskSource = "entered" | "оценка по данным";

/** One risk of a school's profile (R-RISK). */
export interface RiskEntry {
  direction: RiskDirection;
  name: string;
  level: RiskLevel;
  /** Entered in «Риски» (or exported from ФИС ОКО), or suggested from data where no level is entered. */
  source: RiskSource;
  /** The year of the «Риски» row or of the data the suggestion is drawn from. */
  year: number;
  /** For a suggestion: the numbers it rests on, in Russian («укомплектованность 88,0 %»); null when entered. */
  basis: string | null;
}

/** The partner school of a school: typed in «Поддержка»/«Школы», or suggested for a ШНОР with its reason. */
export interface PartnerChoice {
  /** The partner's name as written (typed) or as listed (suggested). */
  school: string;
  /** The partner's identity when it is a school of the registers, else null. */
  schoolKey: string | null;
  suggested: boolean;
  /** Russian: where a typed partner comes from, or why this school is suggested. */
  reason: string;
}

/** Curator of a school and where the name comes from. */
export interface CuratorChoice {
  name: string;
  /** «Поддержка» of a year, or «Школы». */
  from: "Поддержка" | "Школы";
  /** The «Поддержка» year; null for «Школы». */
  year: number | null;
}

/** Counts per status for the list's summary block. */
export interface StatusSummary {
  shnor: number;
  sscu: number;
  /** ШНОР and ШССУ at once. */
  shnorAndSscu: number;
  resilient: number;
  objectivity: number;
  /** Schools with an ИСБ (a social passport row). */
  withSbi: number;
  /** Schools with at least one high risk (entered or suggested). */
  highRisk: number;
  /** ШНОР with a suggested (not typed) partner. */
  partnerSuggested: number;
}
