/**
 * THE register-kind registry (issue 13): one line per kind, in the order kinds are tried on a sheet and combined
 * across sheets. A kind is defined in its own file of this folder (fields, layouts, reader, labels); recognition,
 * `shnor registers`, the pane and the stored hand mappings all derive from this list.
 */
import type { AnyKind, RowBase } from "../kind";
import { attestatsKind } from "./attestats";
import { contextKind } from "./context";
import { journalKind } from "./journal";
import { measuresKind } from "./measures";
import { protocolKind } from "./protocol";
import { resultsKind } from "./results";
import { scalesKind } from "./scales";
import { risksKind } from "./risks";
import { schoolsKind } from "./schools";
import { staffKind } from "./staff";
import { supportKind } from "./support";

export const REGISTRY = {
  // The journal comparison first: its header resembles a results header (its row labels decide).
  journal: journalKind,
  // Scales before protocols: a protocol's primary scores become marks through them (cross-sheet step).
  scales: scalesKind,
  // Protocols before results: their units with marks are results too.
  protocol: protocolKind,
  results: resultsKind,
  schools: schoolsKind,
  // School-year registers of issue 13 (R-SOC, R-RISK, curators and partners).
  context: contextKind,
  staff: staffKind,
  support: supportKind,
  attestats: attestatsKind,
  risks: risksKind,
  // The department's own measures of the roadmap (issue 14): override or extend the shipped catalogue.
  measures: measuresKind,
} as const;

export type Registry = typeof REGISTRY;
export type RegisterKindId = keyof Registry;

type RowOf<K extends RegisterKindId> = ReturnType<Registry[K]["read"]>["rows"][number];
/** The record type of a kind («results» → ResultRecord …). */
export type RecordOf<K extends RegisterKindId> = RowOf<K> extends RowBase<infer R> ? R : never;
/** Records of every kind, keyed by kind id. */
export type RecordsByKind = { [K in RegisterKindId]: RecordOf<K>[] };

/** Kinds in registry order. */
export const KINDS: readonly AnyKind[] = Object.values(REGISTRY);
/** Kind ids in registry order (zod enums of stored mappings derive from it). */
export const KIND_IDS = Object.keys(REGISTRY) as [RegisterKindId, ...RegisterKindId[]];

export function isKindId(id: string): id is RegisterKindId {
  return Object.prototype.hasOwnProperty.call(REGISTRY, id);
}

export function kindById(id: RegisterKindId): AnyKind {
  return REGISTRY[id];
}

/** Russian labels by kind id (pane badges, `shnor registers`). */
export function kindLabels(id: string): AnyKind["labels"] | null {
  return isKindId(id) ? REGISTRY[id].labels : null;
}

/** Russian label of a mapped field id of a kind («participants» → «Участники»); the id itself when unknown. */
export function fieldLabel(kind: string | null, field: string): string {
  if (kind === null || !isKindId(kind)) return field;
  return REGISTRY[kind].fields.find((f) => f.id === field)?.label ?? field;
}

export const RESULTS_KIND = resultsKind;
export const SCHOOLS_KIND = schoolsKind;
export const JOURNAL_KIND = journalKind;

/**
 * For a hand mapping (the pane's editor): the required field groups still missing for the kind's closest layout,
 * as Russian labels («Участники», «Не справились или Доля не справившихся»); [] when some layout is satisfied.
 */
export function missingRequired(kind: RegisterKindId, mapped: readonly string[]): string[] {
  const def = REGISTRY[kind];
  const has = new Set(mapped);
  let best: string[][] | null = null;
  for (const layout of def.layouts) {
    if (layout.detect) continue;
    const missing = layout.requires.filter((group) => !group.some((id) => has.has(id)));
    if (best === null || missing.length < best.length) best = missing;
  }
  return (best ?? []).map((group) => group.map((id) => fieldLabel(kind, id)).join(" или "));
}

/** Whether a sheet of this kind gives results records (results registers, per-pupil protocols). */
export function givesResults(kind: string | null): boolean {
  return kind !== null && isKindId(kind) && REGISTRY[kind].givesResults === true;
}
