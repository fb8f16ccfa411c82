/**
 * The workbook part (xl/workbook.xml) read for grafting: sheets (name, sheetId, relationship, state, offsets),
 * defined names (name, scope, hidden, text, offsets), and where new `<sheet>` and `<definedName>` elements go.
 * Prefix-aware (`<x:workbook>` and Strict OOXML exist); edits are splices, so every other byte stays.
 */
import { namespacesFor, type Namespaces } from "./ns";
import { attrNs, decodeXml, prefixOf, scanXml, XmlError } from "./xml";

export interface WorkbookSheet {
  name: string;
  sheetId: number;
  rId: string;
  state: string;
  /** 0-based position among the workbook's sheets (the localSheetId of its scoped names). */
  index: number;
  start: number;
  end: number;
}

export interface WorkbookName {
  name: string;
  localSheetId: number | null;
  hidden: boolean;
  /** The formula as text (entities decoded). */
  text: string;
  start: number;
  end: number;
}

export interface WorkbookInfo {
  ns: Namespaces;
  /** Prefix of the main namespace on the root («» or «x»). */
  prefix: string;
  /** Prefix bound to the relationships namespace on the root, or null when none is declared there. */
  relPrefix: string | null;
  sheets: WorkbookSheet[];
  names: WorkbookName[];
  /** Where new `<sheet>` elements go (before `</sheets>`), or the self-closing `<sheets/>` to replace. */
  sheetsClose: number;
  sheetsEmpty: { start: number; end: number } | null;
  /** Before `</definedNames>`; null when the workbook has none. */
  namesClose: number | null;
  namesEmpty: { start: number; end: number } | null;
  /** Where a new `<definedNames>` goes when there is none (after sheets, functionGroups, externalReferences). */
  namesInsertAt: number;
  date1904: boolean;
}

const AFTER_SHEETS = new Set(["sheets", "functionGroups", "externalReferences"]);

export function parseWorkbook(xml: string): WorkbookInfo {
  let info: Partial<WorkbookInfo> & { sheets: WorkbookSheet[]; names: WorkbookName[] } = { sheets: [], names: [] };
  let ns: Namespaces | null = null;
  let inSheets = false;
  let inNames = false;
  let pendingName: { tagEnd: number; partial: Omit<WorkbookName, "text" | "end"> } | null = null;
  let namesInsertAt = -1;
  let sheetsClose = -1;
  let rootClose = -1;
  scanXml(xml, (tag) => {
    if (tag.depth === 0) {
      if (tag.kind === "end") {
        rootClose = tag.start;
        return;
      }
      if (tag.local !== "workbook") throw new XmlError("часть книги без элемента workbook");
      ns = namespacesFor(tag.ns);
      if (!ns) throw new XmlError(`неизвестное пространство имён книги «${tag.ns}»`);
      info = {
        ...info,
        ns,
        prefix: tag.prefix,
        relPrefix: prefixOf(tag.scope, ns.rel),
      };
      return;
    }
    if (!ns || tag.ns !== ns.main) return;
    if (tag.depth === 1) {
      if (tag.local === "workbookPr" && tag.kind !== "end") {
        const v = attrNs(tag, "", "date1904");
        info.date1904 = v === "1" || v === "true";
      }
      if (tag.local === "sheets") {
        if (tag.kind === "start") inSheets = true;
        else if (tag.kind === "end") {
          inSheets = false;
          sheetsClose = tag.start;
        } else {
          sheetsClose = tag.start;
          info.sheetsEmpty = { start: tag.start, end: tag.end };
        }
      }
      if (tag.local === "definedNames") {
        if (tag.kind === "start") inNames = true;
        else if (tag.kind === "end") {
          inNames = false;
          info.namesClose = tag.start;
        } else {
          info.namesClose = tag.start;
          info.namesEmpty = { start: tag.start, end: tag.end };
        }
      }
      if (AFTER_SHEETS.has(tag.local) && tag.kind !== "start") namesInsertAt = tag.end;
      return;
    }
    if (tag.depth !== 2) return;
    if (inSheets && tag.local === "sheet" && tag.kind !== "end") {
      info.sheets.push({
        name: attrNs(tag, "", "name") ?? "",
        sheetId: Number(attrNs(tag, "", "sheetId") ?? NaN),
        rId: attrNs(tag, ns.rel, "id") ?? "",
        state: attrNs(tag, "", "state") ?? "visible",
        index: info.sheets.length,
        start: tag.start,
        end: tag.end,
      });
    }
    if (inNames && tag.local === "definedName") {
      if (tag.kind === "start") {
        const local = attrNs(tag, "", "localSheetId");
        const hidden = attrNs(tag, "", "hidden");
        pendingName = {
          tagEnd: tag.end,
          partial: {
            name: attrNs(tag, "", "name") ?? "",
            localSheetId: local === undefined ? null : Number(local),
            hidden: hidden === "1" || hidden === "true",
            start: tag.start,
          },
        };
      } else if (tag.kind === "end" && pendingName) {
        info.names.push({
          ...pendingName.partial,
          text: decodeXml(xml.slice(pendingName.tagEnd, tag.start)),
          end: tag.end,
        });
        pendingName = null;
      } else if (tag.kind === "empty") {
        const local = attrNs(tag, "", "localSheetId");
        info.names.push({
          name: attrNs(tag, "", "name") ?? "",
          localSheetId: local === undefined ? null : Number(local),
          hidden: ["1", "true"].includes(attrNs(tag, "", "hidden") ?? ""),
          text: "",
          start: tag.start,
          end: tag.end,
        });
      }
    }
  });
  if (!ns) throw new XmlError("часть книги без элемента workbook");
  if (sheetsClose < 0) throw new XmlError("в книге нет списка листов");
  return {
    ns,
    prefix: info.prefix ?? "",
    relPrefix: info.relPrefix ?? null,
    sheets: info.sheets,
    names: info.names,
    sheetsClose,
    sheetsEmpty: info.sheetsEmpty ?? null,
    namesClose: info.namesClose ?? null,
    namesEmpty: info.namesEmpty ?? null,
    namesInsertAt: namesInsertAt >= 0 ? namesInsertAt : rootClose,
    date1904: info.date1904 ?? false,
  };
}

/** «'Список ШНОР 2025'!$A$1» → «Список ШНОР 2025»; null when the text is not a reference to one sheet. */
export function sheetOfReference(text: string): string | null {
  const t = text.trim();
  const quoted = /^'((?:[^']|'')+)'!/.exec(t);
  if (quoted) return quoted[1].replace(/''/g, "'");
  const bare = /^([\p{L}_][\p{L}\p{N}_.]*)!/u.exec(t);
  return bare ? bare[1] : null;
}

/** «'Лист'''» quoting for a formula reference. */
export function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}
