/** Builders of core records for the unit tests (real values, one record per call). */
import { DEFAULT_SETTINGS, parseSettings, type Settings } from "../../../src/core/settings";
import type { ResultRecord, SchoolRecord } from "../../../src/core/types";

let row = 2;

/** A «Результаты» row; defaults: ВПР, 5 кл., математика, 2025, school «СОШ № 1». */
export function result(over: Partial<ResultRecord> = {}): ResultRecord {
  const school = over.school ?? "СОШ № 1";
  return {
    schoolKey: `name:${school.toLowerCase()}`,
    school,
    code: null,
    year: 2025,
    procedure: "ВПР",
    grade: 5,
    classLabel: null,
    subject: "математика",
    variant: null,
    participants: 50,
    failed: 0,
    marks: null,
    journal: null,
    source: { sheet: "Результаты", row: row++ },
    ...over,
  };
}

export function schoolRec(name: string, over: Partial<SchoolRecord> = {}): SchoolRecord {
  return {
    schoolKey: `name:${name.toLowerCase()}`,
    name,
    code: null,
    type: null,
    locality: null,
    curator: null,
    partner: null,
    source: { sheet: "Школы", row: row++ },
    ...over,
  };
}

export function settings(over: Partial<Settings> = {}): Settings {
  return parseSettings({ ...DEFAULT_SETTINGS, ...over });
}

/** A low ВПР result (20 of 50 = 40 %). */
export function low(over: Partial<ResultRecord> = {}): ResultRecord {
  return result({ participants: 50, failed: 20, ...over });
}

/** A result that is not low (5 of 50 = 10 %). */
export function ok(over: Partial<ResultRecord> = {}): ResultRecord {
  return result({ participants: 50, failed: 5, ...over });
}
