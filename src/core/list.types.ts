/** Result types of the annual list (R-SHNOR, R-MARK, R-DYN, R-LIST). Implemented in ./rules.ts and ./annualList.ts. */
import type { Problem, Procedure, SchoolRecord, Unit } from "./types";
import type { Settings } from "./settings";
import type { ExitConditions, SchoolWarning, Sensitivity, ThresholdVerdict } from "./watch";

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
  };
  /** The list at other thresholds (issue 15). */
  sensitivity: Sensitivity;
}
