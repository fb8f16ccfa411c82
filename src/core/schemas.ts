/** zod schemas of the records of ./types.ts, for boundaries (JSON input, stored data). */
import { z } from "zod";
import type { JournalShares, MarkCounts, ResultRecord, SchoolRecord, SourceRef } from "./types";

const count = z.number().int().min(0);

export const SourceRefSchema = z.object({
  sheet: z.string(),
  row: z.number().int().min(1),
  file: z.string().optional(),
}) satisfies z.ZodType<SourceRef>;

export const MarkCountsSchema = z.object({
  m2: count,
  m3: count,
  m4: count,
  m5: count,
}) satisfies z.ZodType<MarkCounts>;

const percent = z.number().min(0).max(100);
export const JournalSharesSchema = z.object({
  lower: percent,
  confirmed: percent,
  higher: percent,
}) satisfies z.ZodType<JournalShares>;

export const ResultRecordSchema = z
  .object({
    schoolKey: z.string().min(1),
    school: z.string(),
    code: z.string().nullable(),
    year: z.number().int().min(1900).max(2200),
    procedure: z.string().min(1),
    grade: z.number().int().min(1).max(11).nullable(),
    classLabel: z.string().nullable(),
    subject: z.string().min(1),
    variant: z.string().nullable(),
    participants: count,
    failed: count,
    marks: MarkCountsSchema.nullable(),
    journal: JournalSharesSchema.nullable(),
    source: SourceRefSchema,
  })
  .refine((r) => r.failed <= r.participants, {
    message: "не справившихся больше, чем участников",
    path: ["failed"],
  }) satisfies z.ZodType<ResultRecord>;

export const SchoolRecordSchema = z.object({
  schoolKey: z.string().min(1),
  name: z.string(),
  code: z.string().nullable(),
  type: z.string().nullable(),
  locality: z.string().nullable(),
  curator: z.string().nullable(),
  partner: z.string().nullable(),
  source: SourceRefSchema,
}) satisfies z.ZodType<SchoolRecord>;

export interface ParsedRecords<T> {
  records: T[];
  /** One Russian line per rejected item: «[3] failed: …». */
  errors: string[];
}

function parseList<T>(schema: z.ZodType<T>, input: unknown): ParsedRecords<T> {
  if (!Array.isArray(input)) return { records: [], errors: ["ожидался массив записей"] };
  const records: T[] = [];
  const errors: string[] = [];
  input.forEach((item, i) => {
    const r = schema.safeParse(item);
    if (r.success) records.push(r.data);
    else for (const is of r.error.issues) errors.push(`[${i}] ${is.path.join(".") || "запись"}: ${is.message}`);
  });
  return { records, errors };
}

/** Validates untrusted result records item by item: good ones are kept, each bad one is said. */
export function parseResultRecords(input: unknown): ParsedRecords<ResultRecord> {
  return parseList(ResultRecordSchema, input);
}

export function parseSchoolRecords(input: unknown): ParsedRecords<SchoolRecord> {
  return parseList(SchoolRecordSchema, input);
}
