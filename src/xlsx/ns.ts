/**
 * Namespaces and relationship types of SpreadsheetML in its two conformance classes: Transitional (what Excel writes
 * by default) and Strict (ISO/IEC 29500 Strict, «Строгий формат Open XML» in Excel's Save As). Parts we add to a
 * package are written in the package's own class.
 */

export type Conformance = "transitional" | "strict";

export interface Namespaces {
  conformance: Conformance;
  main: string;
  /** Relationship id attributes (r:id). */
  rel: string;
  /** Base of relationship types: `${relType}/worksheet`. */
  relType: string;
  drawing: string;
  a: string;
  chart: string;
  chartUri: string;
  extended: string;
  vt: string;
}

export const TRANSITIONAL: Namespaces = {
  conformance: "transitional",
  main: "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
  rel: "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
  relType: "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
  drawing: "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing",
  a: "http://schemas.openxmlformats.org/drawingml/2006/main",
  chart: "http://schemas.openxmlformats.org/drawingml/2006/chart",
  chartUri: "http://schemas.openxmlformats.org/drawingml/2006/chart",
  extended: "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
  vt: "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes",
};

export const STRICT: Namespaces = {
  conformance: "strict",
  main: "http://purl.oclc.org/ooxml/spreadsheetml/main",
  rel: "http://purl.oclc.org/ooxml/officeDocument/relationships",
  relType: "http://purl.oclc.org/ooxml/officeDocument/relationships",
  drawing: "http://purl.oclc.org/ooxml/drawingml/spreadsheetDrawing",
  a: "http://purl.oclc.org/ooxml/drawingml/main",
  chart: "http://purl.oclc.org/ooxml/drawingml/chart",
  chartUri: "http://purl.oclc.org/ooxml/drawingml/chart",
  extended: "http://purl.oclc.org/ooxml/officeDocument/extendedProperties",
  vt: "http://purl.oclc.org/ooxml/officeDocument/docPropsVTypes",
};

export function namespacesFor(mainNs: string): Namespaces | null {
  if (mainNs === TRANSITIONAL.main) return TRANSITIONAL;
  if (mainNs === STRICT.main) return STRICT;
  return null;
}

export const CT = {
  worksheet: "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
  table: "application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml",
  drawing: "application/vnd.openxmlformats-officedocument.drawing+xml",
  chart: "application/vnd.openxmlformats-officedocument.drawingml.chart+xml",
  styles: "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml",
  workbook: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
  relationships: "application/vnd.openxmlformats-package.relationships+xml",
  coreProperties: "application/vnd.openxmlformats-package.core-properties+xml",
  extendedProperties: "application/vnd.openxmlformats-officedocument.extended-properties+xml",
} as const;

/** Relationship types are matched by their last segment, so Transitional, Strict and odd casings all count. */
export function isRelKind(type: string, kind: string): boolean {
  return type.slice(type.lastIndexOf("/") + 1).toLowerCase() === kind.toLowerCase();
}
