/** Result types of the annual list (R-SHNOR, R-MARK, R-DYN, R-LIST). Implemented in ./rules.ts and ./annualList.ts. */
import type { Problem, Procedure, SchoolRecord, Unit } from "./types";
import type { Settings } from "./settings";
import type { ExitConditions, SchoolWarning, Sensitivity, ThresholdVerdict } from "./watch";
import type {
  CuratorChoice,
  ObjectivitySign,
  PartnerChoice,
  RiskEntry,
  SchoolStatusFlag,
  SocialIndex,
  StatusSummary,
} from "./status.types";

/** A low unit as reported (CLI JSON contract, issue 2). `share` is 0–1. */
export interface LowUnitReport {
  year: number;
  procedure: Procedure;
  grade: number | null;
  subject: string;
  participants: number;
  failed: number;
  share: number;
}

export type DynamicsVerdict = "положительная" | "отрицательная" | "без изменений" | "нет данных";

/** R-DYN for one metric: values in percent (0–100), delta in percentage points. */
export interface DynamicsValue {
  previous: number | null;
  current: number | null;
  delta: number | null;
  verdict: DynamicsVerdict;
}

export interface SchoolDynamics {
  /** Failure share of ВПР («доля 2»), bad metric. */
  vprFail: DynamicsValue;
  /** Failure share of ОГЭ, bad metric. */
  ogeFail: DynamicsValue;
  /** Успеваемость (share of 3–5) over units with marks, good metric. */
  success: DynamicsValue;
  /** Качество (share of 4–5) over units with marks, good metric. */
  quality: DynamicsValue;
}

export type ListChange = "включена" | "исключена" | "остаётся" | null;

export interface SchoolAssessment {
  schoolKey: string;
  /** Name shown: from «Школы» when present, else the most frequent spelling in the results. */
  school: string;
  code: string | null;
  /** Municipality as written in the registers (most frequent spelling), when known (issue 16). */
  municipality?: string | null;
  /** Another school of the list has the same name: lists and sheets show the municipality with it (issue 16). */
  sharedName?: boolean;
  shnor: boolean;
  /** R-SHNOR rules met ([] if none). */
  rules: (1 | 2)[];
  /** Low units of Y and Y−1 behind the rules (all low units of those years). */
  lowUnits: Unit[];
  /** R-MARK: class labels whose own rows are low. */
  markers: string[];
  dynamics: SchoolDynamics;
  change: ListChange;
  /** With change «остаётся»: N consecutive years on the list including Y (R-LIST). */
  yearsOnList: number | null;
  /** R-LIST: Russian note when the change cannot be told («нет данных, чтобы применить правила к 2023/2024 …»). Added. */
  changeNote?: string | null;
  /** Whether any result of Y−1 exists for this school (missing data is said, not taken as «no low results»). */
  hasPreviousYear: boolean;
  hasCurrentYear: boolean;
  /** Readable Russian reasons, one per low unit: «2025 · ВПР · 5 кл. · математика — 34,0 % (17 из 50)». */
  reasons: string[];
  info: SchoolRecord | null;
  /** Early warnings for the list of Y+1 (issue 15); «одна низкая» only when not ШНОР. */
  warnings: SchoolWarning[];
  /** ШНОР of Y: what leaving the list in Y+1 takes (issue 15); null when not ШНОР. */
  exit: ExitConditions | null;
  /** R-SHNOR at each threshold of the sensitivity table (issue 15), ascending, the list's own threshold included. */
  sensitivity: ThresholdVerdict[];
  /** Status flags (issue 13) in STATUS_FLAGS order: ["ШНОР"], ["ШНОР", "ШССУ"], ["ШССУ", "резильентная"], [] … */
  status: SchoolStatusFlag[];
  /** R-SOC of the list year; null without a social passport row for the school («нет данных»). */
  sbi: SocialIndex | null;
  /** R-SOC: why there is no ИСБ although the school has a social passport row (no indicator at all); else absent. */
  sbiNote?: string | null;
  /** R-SOC: the school is ШССУ. */
  sscu: boolean;
  /** R-RES: ШССУ, not ШНОР, pooled ВПР failure share of Y at or below the municipal median. */
  resilient: boolean;
  /** R-RES: why the school is or is not resilient (Russian), null when it is not ШССУ. */
  resilienceNote: string | null;
  /** R-OBJ signs of Y and Y−1 (the flag «с признаками необъективности» when any). */
  objectivity: ObjectivitySign[];
  /** R-OBJ: what could not be checked for lack of data (Russian, e.g. «нет сравнения с журналом»); [] when all. */
  objectivityNotes: string[];
  /** R-RISK: the profile (directions 1–10 that have a level), entered or suggested. */
  risks: RiskEntry[];
  /** Curator from «Поддержка» (year Y or latest earlier) or «Школы»; null when none. */
  curator: CuratorChoice | null;
  /** Partner typed in «Поддержка»/«Школы», or suggested for a ШНОР; null when none. */
  partner: PartnerChoice | null;
}

export interface AnnualList {
  year: number;
  settings: Settings;
  schools: SchoolAssessment[];
  problems: Problem[];
  summary: {
    total: number;
    shnor: number;
    included: number;
    excluded: number;
    remaining: number;
    /** Schools without any result in Y. */
    noDataCurrent: number;
    /** «На контроле» (issue 15): schools that are not ШНОР and have an early warning, and per kind of warning. */
    watch: { schools: number; oneLow: number; nearThreshold: number; rising: number };
    /** Counts per status (issue 13). */
    status: StatusSummary;
  };
  /** The list at other thresholds (issue 15). */
  sensitivity: Sensitivity;
  /**
   * R-SOC groups of the list (one per municipality, or the whole register): the indicators' mean and sd, the cut.
   * [] without a social passport.
   */
  social: SocialGroupReport[];
}

/** One R-SOC group: the schools the z-scores are taken across. */
export interface SocialGroupReport {
  municipality: string | null;
  year: number;
  schools: number;
  indicators: { id: string; name: string; schools: number; mean: number; sd: number }[];
  cut: number | null;
  /** How the cut was set: the share of schools (with ties) or the absolute setting. */
  cutBy: "share" | "cutoff";
}
