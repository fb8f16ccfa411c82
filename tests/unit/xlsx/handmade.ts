/**
 * Test helper: .xlsx packages written part by part with the project's zip writer — for what no library writes on
 * purpose (Strict namespaces, `x:` prefixes, inline and rich strings with phonetic runs, entities, CDATA, a stray cell
 * at XFD1048576, a bomb, a damaged part). Every package is a real zip that Excel's own structure rules accept.
 */
import { zipToBytes, type ZipWriter } from "../../../src/xlsx/zip";

export const TRANSITIONAL = {
  main: "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
  rel: "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
  relType: "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
};
export const STRICT = {
  main: "http://purl.oclc.org/ooxml/spreadsheetml/main",
  rel: "http://purl.oclc.org/ooxml/officeDocument/relationships",
  relType: "http://purl.oclc.org/ooxml/officeDocument/relationships",
};

export interface HandSheet {
  name: string;
  /** Inner XML of <sheetData> (rows), or a whole worksheet part when it starts with "<?xml" or "<". */
  rows?: string;
  /** Whole part XML (overrides rows). */
  xml?: string;
  /** After </sheetData> (mergeCells…). */
  after?: string;
  state?: "hidden" | "veryHidden";
  /** A chart sheet (no cells). */
  chart?: boolean;
}

export interface HandWorkbook {
  sheets: HandSheet[];
  /** <si> elements of the shared-strings part (omitted: no part). */
  sharedStrings?: string[];
  /** Whole shared-strings part XML (overrides sharedStrings). */
  sharedStringsXml?: string;
  /** <numFmt> elements and the numFmtId of each cell format (index = s attribute). */
  numFmts?: { id: number; code: string }[];
  cellFormats?: number[];
  date1904?: boolean;
  strict?: boolean;
  /** Element prefix for SpreadsheetML elements («x» → <x:worksheet>, <x:c>…). */
  prefix?: string;
  /** Extra parts (name → content). */
  extra?: Record<string, string | Uint8Array>;
  /** Called with the writer before finishing (raw additions). */
  raw?: (w: ZipWriter) => void;
}

const esc = (s: string): string =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** `<x:c …>` for prefix «x»: every SpreadsheetML element of `xml` gets the prefix. */
function prefixed(xml: string, prefix: string | undefined): string {
  if (!prefix) return xml;
  return xml.replace(
    /<(\/?)([A-Za-z][\w]*)(?=[\s>/])/g,
    (_m, slash: string, name: string) => `<${slash}${prefix}:${name}`,
  );
}

export function handmadeXlsx(wb: HandWorkbook): Uint8Array {
  const ns = wb.strict ? STRICT : TRANSITIONAL;
  const p = wb.prefix;
  const xmlnsMain = p ? `xmlns:${p}="${ns.main}"` : `xmlns="${ns.main}"`;
  return zipToBytes((w) => {
    const overrides = wb.sheets
      .map(
        (s, i) =>
          `<Override PartName="/xl/${s.chart ? "chartsheets" : "worksheets"}/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.${s.chart ? "chartsheet" : "worksheet"}+xml"/>`,
      )
      .join("");
    w.addFile(
      "[Content_Types].xml",
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
        `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
        `<Default Extension="xml" ContentType="application/xml"/>` +
        `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
        `${overrides}</Types>`,
    );
    w.addFile(
      "_rels/.rels",
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
        `<Relationship Id="rId1" Type="${ns.relType}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    );
    const sheetsXml = wb.sheets
      .map(
        (s, i) =>
          `<sheet name="${esc(s.name)}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ""} r:id="rId${i + 1}"/>`,
      )
      .join("");
    w.addFile(
      "xl/workbook.xml",
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
        prefixed(
          `<workbook ${xmlnsMain} xmlns:r="${ns.rel}">` +
            `<workbookPr${wb.date1904 ? ' date1904="1"' : ""}/><sheets>${sheetsXml}</sheets></workbook>`,
          p,
        ),
    );
    const n = wb.sheets.length;
    const rels = wb.sheets
      .map(
        (s, i) =>
          `<Relationship Id="rId${i + 1}" Type="${ns.relType}/${s.chart ? "chartsheet" : "worksheet"}" Target="${s.chart ? "chartsheets" : "worksheets"}/sheet${i + 1}.xml"/>`,
      )
      .join("");
    const hasShared = wb.sharedStrings !== undefined || wb.sharedStringsXml !== undefined;
    w.addFile(
      "xl/_rels/workbook.xml.rels",
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels}` +
        `<Relationship Id="rId${n + 1}" Type="${ns.relType}/styles" Target="styles.xml"/>` +
        (hasShared
          ? `<Relationship Id="rId${n + 2}" Type="${ns.relType}/sharedStrings" Target="sharedStrings.xml"/>`
          : "") +
        `</Relationships>`,
    );
    const fmts = wb.numFmts ?? [];
    const xfs = wb.cellFormats ?? [0];
    w.addFile(
      "xl/styles.xml",
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
        prefixed(
          `<styleSheet ${xmlnsMain}>` +
            (fmts.length
              ? `<numFmts count="${fmts.length}">${fmts.map((f) => `<numFmt numFmtId="${f.id}" formatCode="${esc(f.code)}"/>`).join("")}</numFmts>`
              : "") +
            `<fonts count="1"><font><sz val="11"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills>` +
            `<borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs>` +
            `<cellXfs count="${xfs.length}">${xfs.map((id) => `<xf numFmtId="${id}" fontId="0" fillId="0" borderId="0" xfId="0"/>`).join("")}</cellXfs>` +
            `</styleSheet>`,
          p,
        ),
    );
    if (hasShared) {
      const list = wb.sharedStrings ?? [];
      w.addFile(
        "xl/sharedStrings.xml",
        wb.sharedStringsXml ??
          `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
            prefixed(`<sst ${xmlnsMain} count="${list.length}" uniqueCount="${list.length}">${list.join("")}</sst>`, p),
      );
    }
    wb.sheets.forEach((s, i) => {
      if (s.chart) {
        w.addFile(`xl/chartsheets/sheet${i + 1}.xml`, `<chartsheet xmlns="${ns.main}"><sheetViews/></chartsheet>`);
        return;
      }
      const xml =
        s.xml ??
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
          prefixed(
            `<worksheet ${xmlnsMain} xmlns:r="${ns.rel}"><sheetData>${s.rows ?? ""}</sheetData>${s.after ?? ""}</worksheet>`,
            p,
          );
      w.addFile(`xl/worksheets/sheet${i + 1}.xml`, xml);
    });
    for (const [name, content] of Object.entries(wb.extra ?? {})) w.addFile(name, content);
    wb.raw?.(w);
  });
}

/** `<row r="…">` of cells given as [ref, inner-attributes, inner-xml]. */
export function row(r: number, cells: [string, string, string][]): string {
  return `<row r="${r}">${cells.map(([ref, attrs, inner]) => `<c r="${ref}"${attrs ? ` ${attrs}` : ""}>${inner}</c>`).join("")}</row>`;
}
