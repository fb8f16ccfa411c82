/**
 * The text-editing pieces of the graft (issue 12): the XML scanner, the styles appender, the workbook and app.xml
 * edits, OPC path helpers — on the odd but valid parts real packages hold (prefixes, comments, self-closing
 * collections, missing counts, UTF-16, Strict).
 */
import { addSheetsToAppProps } from "../../../src/xlsx/appProps";
import { decodePart, encodePart, relativeTarget, resolveTarget, sourceOfRels, relsPartOf } from "../../../src/xlsx/opc";
import { StyleBook } from "../../../src/xlsx/styles";
import { parseWorkbook, sheetOfReference } from "../../../src/xlsx/workbookPart";
import { escapeXstring, scanXml, type XmlTag } from "../../../src/xlsx/xml";

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

describe("scanXml", () => {
  test("tags with offsets, namespaces in scope; comments, CDATA, PIs and «>» inside quotes are skipped", () => {
    const xml =
      `<?xml version="1.0"?><!-- <sheet name="не тег"/> --><x:workbook xmlns:x="${MAIN}" a='1>2'>` +
      `<![CDATA[<sheet name="и не тег"/>]]><x:sheets><x:sheet name="Лист &amp; 1"/></x:sheets></x:workbook>`;
    const tags: XmlTag[] = [];
    scanXml(xml, (t) => {
      tags.push(t);
    });
    expect(tags.map((t) => `${t.kind}:${t.qname}@${t.depth}`)).toEqual([
      "start:x:workbook@0",
      "start:x:sheets@1",
      "empty:x:sheet@2",
      "end:x:sheets@1",
      "end:x:workbook@0",
    ]);
    expect(tags[0].attrs.get("a")).toBe("1>2");
    expect(tags[2].ns).toBe(MAIN);
    expect(tags[2].attrs.get("name")).toBe("Лист & 1");
    expect(xml.slice(tags[2].start, tags[2].end)).toBe(`<x:sheet name="Лист &amp; 1"/>`);
  });

  test("ST_Xstring: a literal _x0041_ and control characters are escaped, line breaks kept", () => {
    expect(escapeXstring("_x0041_ и\u0001 <б>\nв")).toBe("_x005F_x0041_ и_x0001_ &lt;б&gt;\nв");
  });
});

describe("StyleBook: styles only gain entries", () => {
  test("a part without dxfs and numFmts, a self-closing cellXfs-less collection and no count attributes", () => {
    const xml =
      `<styleSheet xmlns="${MAIN}"><fonts><font><sz val="10"/><name val="Arial"/></font></fonts>` +
      `<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
      `<borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
      `<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs><dxfs count="0"/></styleSheet>`;
    const book = new StyleBook(xml);
    expect(book.cellXf({ bold: true, numberFormat: "0.0%", fill: "#FF0000" })).toBe(1);
    expect(book.cellXf({ bold: true, numberFormat: "0.0%", fill: "#FF0000" })).toBe(1);
    expect(book.cellXf({ quotePrefix: true })).toBe(2);
    expect(book.dxf({ fill: "#00FF00" })).toBe(0);
    const out = book.render();
    expect(out).toContain(`<numFmts count="1"><numFmt numFmtId="164" formatCode="0.0%"/></numFmts><fonts>`);
    expect(out).toContain(`<font><b/><sz val="10"/><name val="Arial"/></font></fonts>`);
    expect(out).toContain(`<cellXfs count="3">`);
    expect(out).toContain(`quotePrefix="1"`);
    expect(out).toContain(
      `<dxfs count="1"><dxf><fill><patternFill><bgColor rgb="FF00FF00"/></patternFill></fill></dxf></dxfs>`,
    );
    expect(out.startsWith(`<styleSheet xmlns="${MAIN}"><numFmts`)).toBe(true);
    expect(new StyleBook(xml).render()).toBe(xml);
  });

  test("built-in formats need no entry; a user's custom format of the same code is reused", () => {
    const xml =
      `<x:styleSheet xmlns:x="${MAIN}"><x:numFmts count="1"><x:numFmt numFmtId="170" formatCode="dd.mm.yyyy"/></x:numFmts>` +
      `<x:fonts count="1"><x:font/></x:fonts><x:cellXfs count="1"><x:xf/></x:cellXfs></x:styleSheet>`;
    const book = new StyleBook(xml);
    book.cellXf({ numberFormat: "dd.mm.yyyy" });
    book.cellXf({ numberFormat: "@" });
    const out = book.render();
    expect(out).toContain(`<x:xf numFmtId="170" fontId="0" fillId="0" borderId="0" applyNumberFormat="1"/>`);
    expect(out).toContain(`<x:xf numFmtId="49" `);
    expect(out).toContain(`<x:numFmts count="1"><x:numFmt numFmtId="170" formatCode="dd.mm.yyyy"/></x:numFmts>`);
    expect(out).not.toContain("fills");
  });
});

describe("workbook part", () => {
  test("sheets, names, date1904, insertion points without definedNames", () => {
    const xml =
      `<workbook xmlns="${MAIN}" xmlns:rel="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
      `<workbookPr date1904="true"/><sheets><sheet name="A" sheetId="3" rel:id="rId9"/></sheets><calcPr/></workbook>`;
    const wb = parseWorkbook(xml);
    expect(wb.relPrefix).toBe("rel");
    expect(wb.date1904).toBe(true);
    expect(wb.sheets).toMatchObject([{ name: "A", sheetId: 3, rId: "rId9", index: 0 }]);
    expect(wb.namesClose).toBeNull();
    expect(xml.slice(wb.namesInsertAt)).toBe("<calcPr/></workbook>");
  });

  test("references to a sheet: quoted, bare, not a reference", () => {
    expect(sheetOfReference("'Список ШНОР 2025'!$A$1")).toBe("Список ШНОР 2025");
    expect(sheetOfReference("'Д''Артаньян'!$A$1")).toBe("Д'Артаньян");
    expect(sheetOfReference("Лист1!$A$1")).toBe("Лист1");
    expect(sheetOfReference("#REF!")).toBeNull();
    expect(sheetOfReference("0.2")).toBeNull();
  });
});

describe("docProps/app.xml", () => {
  const app = (titles: string[], count: number): string =>
    `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">` +
    `<HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant><vt:variant><vt:i4>${count}</vt:i4></vt:variant></vt:vector></HeadingPairs>` +
    `<TitlesOfParts><vt:vector size="${titles.length}" baseType="lpstr">${titles.map((t) => `<vt:lpstr>${t}</vt:lpstr>`).join("")}</vt:vector></TitlesOfParts></Properties>`;

  test("the worksheet list is found whatever its label and gains the new names", () => {
    expect(addSheetsToAppProps(app(["A", "B"], 2), ["A", "B"], ["Новый"])).toBe(app(["A", "B", "Новый"], 3));
  });

  test("a list that does not match the workbook (or none) is left as it was", () => {
    const odd = app(["A", "X"], 2);
    expect(addSheetsToAppProps(odd, ["A", "B"], ["Новый"])).toBe(odd);
    const lo = `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>LibreOffice</Application></Properties>`;
    expect(addSheetsToAppProps(lo, ["A"], ["Новый"])).toBe(lo);
  });
});

describe("OPC helpers", () => {
  test("targets, rels parts and encodings", () => {
    expect(resolveTarget("xl/workbook.xml", "worksheets/sheet1.xml")).toBe("xl/worksheets/sheet1.xml");
    expect(resolveTarget("xl/worksheets/sheet1.xml", "../drawings/drawing%201.xml")).toBe("xl/drawings/drawing 1.xml");
    expect(resolveTarget("xl/workbook.xml", "/xl/styles.xml")).toBe("xl/styles.xml");
    expect(relativeTarget("xl/workbook.xml", "xl/worksheets/sheet9.xml")).toBe("worksheets/sheet9.xml");
    expect(relativeTarget("xl/worksheets/sheet9.xml", "xl/tables/table2.xml")).toBe("../tables/table2.xml");
    expect(relsPartOf("xl/workbook.xml")).toBe("xl/_rels/workbook.xml.rels");
    expect(sourceOfRels("_rels/.rels")).toBe("");
    expect(sourceOfRels("xl/drawings/_rels/drawing1.xml.rels")).toBe("xl/drawings/drawing1.xml");
    const utf16 = new Uint8Array([0xff, 0xfe, 0x3c, 0, 0x61, 0, 0x2f, 0, 0x3e, 0]);
    const decoded = decodePart(utf16);
    expect(decoded.encoding).toBe("utf-16le");
    expect(Buffer.from(encodePart(decoded.text, decoded.encoding)).equals(Buffer.from(utf16))).toBe(true);
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, 0x3c, 0x61, 0x2f, 0x3e]);
    expect(Buffer.from(encodePart(decodePart(bom).text, "utf-8")).equals(Buffer.from(bom))).toBe(true);
  });
});
