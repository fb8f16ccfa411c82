/**
 * The counts of one unit on one row (SPEC §2): participants, failures (a count column, else a share column, else the
 * marks «2»–«5», counts or % of participants), mark counts and the journal comparison shares. Every unreadable value
 * is pushed to `problems` at its cell. Shared by the long and the wide layouts (a wide table's subject group).
 */
import type { CellValue, MarkCounts, Problem, ResultRecord } from "../../core/types";
import { cellText, isBlank, parseNumberCell } from "../values";

export interface CountsContext {
  col: (f: string) => number | undefined;
  cell: (r: number, f: string) => CellValue;
  prob: (r: number, f: string, message: string) => Problem;
  /** Header text of a mapped field (for messages). */
  header: (f: string) => string;
  /** The share column is percent (SPEC §2 share-column rule), else a fraction column. */
  sharePercent: boolean;
  /** A merged header over the mark columns carries «%». */
  marksHint: boolean;
  /** The journal comparison columns are percent. */
  journalPercent: boolean;
}

export interface UnitCounts {
  participants: number | null;
  failed: number | null;
  marks: MarkCounts | null;
  journal: ResultRecord["journal"];
}

/** A whole count ≥ 0, not above the participants; else a problem at its cell. */
function countOk(
  cx: CountsContext,
  r: number,
  problems: Problem[],
  participants: number | null,
  f: string,
  v: number,
  label: string,
): boolean {
  if (!Number.isInteger(v) || v < 0) {
    problems.push(cx.prob(r, f, `${label}: «${cellText(cx.cell(r, f))}» — не целое число ≥ 0`));
    return false;
  }
  if (participants !== null && v > participants) {
    problems.push(cx.prob(r, f, `${label} (${v}) больше, чем участников (${participants})`));
    return false;
  }
  return true;
}

export function readCounts(cx: CountsContext, r: number, problems: Problem[]): UnitCounts {
  const { col, cell, prob, sharePercent, marksHint, journalPercent } = cx;
  // Participants.
  let participants: number | null = null;
  {
    const p = parseNumberCell(cell(r, "participants"));
    if (!p.ok) problems.push(prob(r, "participants", `Участники: ${p.message}`));
    else if (p.value === null) problems.push(prob(r, "participants", "Не указано количество участников"));
    else if (p.percent || !Number.isInteger(p.value) || p.value < 0)
      problems.push(prob(r, "participants", `Участники: «${cellText(cell(r, "participants"))}» — не целое число ≥ 0`));
    else participants = p.value;
  }

  // Failures: a count column, else a share column, else the marks «2»–«5».
  let failed: number | null = null;
  let marks: MarkCounts | null = null;
  let failureKnown = false;
  if (col("failed") !== undefined && !isBlank(cell(r, "failed"))) {
    failureKnown = true;
    const p = parseNumberCell(cell(r, "failed"));
    if (!p.ok) problems.push(prob(r, "failed", `Не справились: ${p.message}`));
    else if (p.percent) problems.push(prob(r, "failed", "Не справились: ожидается количество, а не процент"));
    else if (p.value !== null && countOk(cx, r, problems, participants, "failed", p.value, "Не справились"))
      failed = p.value;
  } else if (col("failedShare") !== undefined && !isBlank(cell(r, "failedShare"))) {
    failureKnown = true;
    const p = parseNumberCell(cell(r, "failedShare"));
    if (!p.ok) problems.push(prob(r, "failedShare", `Доля не справившихся: ${p.message}`));
    else if (p.value !== null) {
      const max = sharePercent ? 100 : 1;
      if (p.value < 0 || p.value > max)
        problems.push(
          prob(r, "failedShare", `Доля не справившихся «${cellText(cell(r, "failedShare"))}» вне 0–${max}`),
        );
      else if (participants !== null) failed = Math.round((p.value * participants) / max);
    }
  }
  if (col("m2") !== undefined) {
    const fields = ["m2", "m3", "m4", "m5"].filter((f) => col(f) !== undefined);
    const allBlank = fields.every((f) => isBlank(cell(r, f)));
    if (!allBlank) {
      const vals: Record<string, number> = {};
      let textPercent = false;
      let bad = false;
      for (const f of fields) {
        const p = parseNumberCell(cell(r, f));
        if (!p.ok) {
          problems.push(prob(r, f, `Отметка ${f.slice(1)}: ${p.message}`));
          bad = true;
        } else if (p.value === null) {
          problems.push(prob(r, f, `Не указано значение для отметки «${f.slice(1)}»`));
          bad = true;
        } else {
          vals[f] = p.value;
          textPercent ||= p.percent;
        }
      }
      const failedFromColumns = failureKnown;
      failureKnown = true;
      if (!bad && participants !== null) {
        const sum = fields.reduce((s, f) => s + vals[f], 0);
        const allInt = fields.every((f) => Number.isInteger(vals[f]));
        const full = fields.length === 4;
        let percent = marksHint || textPercent;
        if (!percent && full && !(allInt && sum === participants) && Math.abs(sum - 100) <= 1) percent = true;
        if (percent) {
          if (full && Math.abs(sum - 100) > 1 && !(participants === 0 && sum === 0)) {
            problems.push(prob(r, "m2", `Отметки в % дают в сумме ${String(sum).replace(".", ",")}, а не 100`));
          } else if (fields.some((f) => vals[f] < 0 || vals[f] > 100)) {
            problems.push(prob(r, "m2", "Отметки в % вне 0–100"));
          } else {
            const counts = Object.fromEntries(fields.map((f) => [f, Math.round((vals[f] * participants) / 100)]));
            if (full) marks = { m2: counts.m2, m3: counts.m3, m4: counts.m4, m5: counts.m5 };
            if (!failedFromColumns) failed = counts.m2;
          }
        } else {
          let ok = true;
          for (const f of fields)
            ok = countOk(cx, r, problems, participants, f, vals[f], `Отметка «${f.slice(1)}»`) && ok;
          if (ok && full && sum > participants) {
            problems.push(prob(r, "m2", `Сумма отметок (${sum}) больше, чем участников (${participants})`));
            ok = false;
          }
          if (ok) {
            if (full) marks = { m2: vals.m2, m3: vals.m3, m4: vals.m4, m5: vals.m5 };
            if (!failedFromColumns) failed = vals.m2;
          }
        }
      }
    }
  }
  if (!failureKnown) {
    const f = col("failed") !== undefined ? "failed" : col("failedShare") !== undefined ? "failedShare" : "m2";
    problems.push(prob(r, f, "Не указано число не справившихся (ни количество, ни доля, ни отметки)"));
  }

  // ВПР vs journal marks (R-OBJ-1), percent.
  let journal: ResultRecord["journal"] = null;
  if (["lower", "confirmed", "higher"].every((f) => col(f) !== undefined)) {
    const vals: number[] = [];
    for (const f of ["lower", "confirmed", "higher"]) {
      const p = parseNumberCell(cell(r, f));
      if (!p.ok) problems.push(prob(r, f, `${cx.header(f)}: ${p.message}`));
      else if (p.value !== null) vals.push(journalPercent ? p.value : p.value * 100);
    }
    if (vals.length === 3) {
      if (vals.some((v) => v < 0 || v > 100)) problems.push(prob(r, "lower", "Сравнение с журналом: % вне 0–100"));
      else journal = { lower: vals[0], confirmed: vals[1], higher: vals[2] };
    }
  }
  return { participants, failed, marks, journal };
}
