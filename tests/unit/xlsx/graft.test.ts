/**
 * The grafting writer on real files (issue 12, SPEC §4 «user sheets are never changed»): a realistic workbook with
 * everything ExcelJS lost (scripts/fixtures/realisticWorkbook.ts), in Transitional, Strict and `x:`-prefixed form.
 * Input and copy are unzipped (by fflate, not by our reader) and compared part by part, byte for byte; the five parts
 * the graft edits are checked to differ only by what it adds; defined names, protection and custom properties one
 * by one; the copy is read back by ExcelJS (the test oracle).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { previousVersionCopy, realisticWorkbook, type WorkbookVariant } from "../../../scripts/make-fixtures";
import {
  emptyPackage,
  generatedSheetNames,
  graftPlansToBytes,
  isShnorWorkbook,
  XlsxFileError,
} from "../../../src/xlsx/graft";
import { INJECTION_TEXTS, PLAIN_TEXTS } from "../../integration/injectionCases";
import { chartPlan, listPlan } from "./plans";
import { definedNames, editPackage, partText, rawEntries, unzipParts } from "./zipParts";

const EDITED = [
  "[Content_Types].xml",
  "xl/workbook.xml",
  "xl/_rels/workbook.xml.rels",
  "xl/styles.xml",
  "docProps/app.xml",
];
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "shnor-graft-"));
const read = (file: string): Uint8Array => new Uint8Array(fs.readFileSync(file));
const eq = (a: Uint8Array | undefined, b: Uint8Array | undefined): boolean =>
  a !== undefined && b !== undefined && Buffer.from(a).equals(Buffer.from(b));

async function excel(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return wb;
}

/** Every cell of the named sheets: value, formula, number format, merge — what a reader sees. */
function snapshot(wb: ExcelJS.Workbook, names: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of names) {
    const ws = wb.getWorksheet(name)!;
    const cells: Record<string, unknown> = {};
    ws.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: false }, (c) => {
        cells[c.address] = { value: c.value, formula: c.formula ?? null, numFmt: c.numFmt ?? null, merged: c.isMerged };
      }),
    );
    out[name] = {
      cells,
      state: ws.state,
      views: ws.views,
      validations: (ws as unknown as { dataValidations: unknown }).dataValidations,
    };
  }
  return out;
}

/** Inner text of each styles collection (for the «only appended» check). */
function collection(xml: string, name: string): { inner: string; count: string | null } | null {
  const m = new RegExp(`<(?:x:)?${name}\\b([^>]*?)(?:/>|>([\\s\\S]*?)</(?:x:)?${name}>)`).exec(xml);
  if (!m) return null;
  return { inner: m[2] ?? "", count: /count="(\d+)"/.exec(m[1])?.[1] ?? null };
}

const USER_NAMES = [
  { name: "_xlnm._FilterDatabase", localSheetId: "0", hidden: "1", text: "ВПР!$A$4:$H$44" },
  { name: "_xlnm.Print_Area", localSheetId: "0", text: "ВПР!$A$1:$H$45" },
  { name: "Итог", localSheetId: "0", text: "ВПР!$F$45" },
  { name: "Итог", localSheetId: "1", text: "Итоги!$B$3" },
  { name: "СкрытоеИмя", hidden: "1", text: "Служебный!$A$1:$A$3" },
  { name: "Ставка", text: "0.2" },
  { name: "СуммаВПР", text: "SUM(ВПР!$F$5:$F$44)" },
];

describe.each<WorkbookVariant>(["transitional", "strict", "prefixed"])(
  "graft onto a realistic workbook (%s)",
  (variant) => {
    const p = variant === "prefixed" ? "x:" : "";
    let input: Uint8Array;
    let copy: Uint8Array;
    let result: ReturnType<typeof graftPlansToBytes>;
    beforeAll(async () => {
      input = read(await realisticWorkbook(path.join(dir, variant), variant));
      result = graftPlansToBytes(input, [listPlan(), chartPlan()]);
      copy = result.bytes;
    });

    test("every part but the five edited ones is byte-identical — inflated and as stored (raw copy, same CRC)", () => {
      const a = unzipParts(input);
      const b = unzipParts(copy);
      const rawA = rawEntries(input);
      const rawB = rawEntries(copy);
      for (const [name, data] of a) {
        expect({ name, present: b.has(name) }).toEqual({ name, present: true });
        if (EDITED.includes(name)) continue;
        expect({ name, same: eq(b.get(name), data) }).toEqual({ name, same: true });
        expect({ name, raw: eq(rawB.get(name)!.data, rawA.get(name)!.data) }).toEqual({ name, raw: true });
        expect(rawB.get(name)!.entry.crc32).toBe(rawA.get(name)!.entry.crc32);
      }
      const added = [...b.keys()].filter((n) => !a.has(n)).sort();
      expect(added).toEqual(
        [
          "xl/charts/chart2.xml",
          "xl/drawings/_rels/drawing2.xml.rels",
          "xl/drawings/drawing2.xml",
          "xl/tables/table2.xml",
          "xl/tables/table3.xml",
          "xl/worksheets/_rels/sheet6.xml.rels",
          "xl/worksheets/_rels/sheet7.xml.rels",
          "xl/worksheets/sheet6.xml",
          "xl/worksheets/sheet7.xml",
        ].sort(),
      );
      expect(result.sheets).toEqual(["Список ШНОР 2025", "Динамика"]);
      expect(result.replaced).toEqual([]);
      expect(result.warnings).toEqual([]);
    });

    test("workbook.xml gains only the two <sheet> entries and the generated sheets' names; every other byte stays", () => {
      const before = partText(input, "xl/workbook.xml");
      const after = partText(copy, "xl/workbook.xml");
      expect(after).toContain(`<${p}sheet name="Список ШНОР 2025" sheetId="7" r:id="rId6"/>`);
      expect(after).toContain(`<${p}sheet name="Динамика" sheetId="8" r:id="rId10"/>`);
      const stripped = after
        .replace(new RegExp(`<${p}sheet name="(Список ШНОР 2025|Динамика)" sheetId="\\d+" r:id="rId\\d+"/>`, "g"), "")
        .replace(
          new RegExp(`<${p}definedName name="SHNOR_GENERATED_\\d+" comment="[^"]*">[^<]*</${p}definedName>`, "g"),
          "",
        )
        .replace(
          new RegExp(`<${p}definedName name="_xlnm.Print_Titles" localSheetId="5">[^<]*</${p}definedName>`, "g"),
          "",
        );
      expect(stripped).toBe(before);
    });

    test("defined names one by one: constant, formula, both sheet-scoped «Итог», hidden, Print_Area — unchanged, in order", () => {
      const before = definedNames(partText(input, "xl/workbook.xml"));
      const after = definedNames(partText(copy, "xl/workbook.xml"));
      expect(before).toEqual(USER_NAMES);
      expect(after.slice(0, before.length)).toEqual(before);
      expect(after.slice(before.length)).toEqual([
        { name: "SHNOR_GENERATED_1", text: "'Список ШНОР 2025'!$A$1" },
        { name: "_xlnm.Print_Titles", localSheetId: "5", text: "'Список ШНОР 2025'!$5:$5" },
        { name: "SHNOR_GENERATED_2", text: "'Динамика'!$A$1" },
      ]);
    });

    test("protection and properties: workbookProtection, both sheet protections, custom «Гриф: ДСП», codeName", () => {
      const wbA = partText(input, "xl/workbook.xml");
      const wbB = partText(copy, "xl/workbook.xml");
      const protection = new RegExp(`<${p}workbookProtection [^>]*/>`).exec(wbA)![0];
      expect(protection).toContain('lockStructure="1"');
      expect(wbB).toContain(protection);
      expect(wbB).toContain(`codeName="ЭтаКнига"`);
      expect(partText(copy, "xl/worksheets/sheet2.xml")).toMatch(
        /<sheetProtection algorithmName="SHA-512"[^>]* sheet="1"/,
      );
      expect(partText(copy, "xl/worksheets/sheet5.xml")).toContain('<sheetProtection sheet="true" password="cc3d"');
      expect(partText(copy, "xl/worksheets/sheet5.xml")).toContain('<pageSetUpPr fitToPage="true"/>');
      const custom = partText(copy, "docProps/custom.xml");
      expect(custom).toBe(partText(input, "docProps/custom.xml"));
      expect(custom).toContain('name="Гриф"><vt:lpwstr>ДСП</vt:lpwstr>');
    });

    test("styles.xml only gains entries: every collection keeps its children as a prefix, counts match", () => {
      const a = partText(input, "xl/styles.xml");
      const b = partText(copy, "xl/styles.xml");
      let blankA = a;
      let blankB = b;
      for (const name of ["numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles", "dxfs"]) {
        const ca = collection(a, name)!;
        const cb = collection(b, name)!;
        expect({ name, prefix: cb.inner.startsWith(ca.inner) }).toEqual({ name, prefix: true });
        if (name === "cellStyleXfs" || name === "cellStyles") expect(cb.inner).toBe(ca.inner);
        const child = {
          numFmts: "numFmt",
          fonts: "font",
          fills: "fill",
          borders: "border",
          cellXfs: "xf",
          dxfs: "dxf",
        }[name as "fonts"];
        if (child) {
          const n = [...cb.inner.matchAll(new RegExp(`<(?:x:)?${child}[\\s>/]`, "g"))].length;
          expect({ name, count: Number(cb.count) }).toEqual({ name, count: n });
        }
        blankA = blankA.replace(ca.inner, "");
        blankB = blankB.replace(cb.inner, "");
      }
      expect(collection(b, "cellXfs")!.inner.length).toBeGreaterThan(collection(a, "cellXfs")!.inner.length);
      expect(collection(b, "dxfs")!.inner.length).toBeGreaterThan(collection(a, "dxfs")!.inner.length);
      expect(blankB.replace(/count="\d+"/g, 'count=""')).toBe(blankA.replace(/count="\d+"/g, 'count=""'));
    });

    test("content types, workbook relationships and app.xml only gain the new parts and sheet names", () => {
      const ctA = partText(input, "[Content_Types].xml");
      const ctB = partText(copy, "[Content_Types].xml");
      expect(
        ctB.replace(
          /<Override PartName="\/xl\/(worksheets\/sheet[67]|tables\/table[23]|drawings\/drawing2|charts\/chart2)\.xml" ContentType="[^"]*"\/>/g,
          "",
        ),
      ).toBe(ctA);
      const relsA = partText(input, "xl/_rels/workbook.xml.rels");
      const relsB = partText(copy, "xl/_rels/workbook.xml.rels");
      expect(relsB).toContain('Target="worksheets/sheet6.xml"');
      expect(relsB.replace(/<Relationship Id="rId(6|10)" [^>]*\/>/g, "")).toBe(relsA);
      const appA = partText(input, "docProps/app.xml");
      const expected = appA
        .replace("<vt:i4>5</vt:i4>", "<vt:i4>7</vt:i4>")
        .replace('<vt:vector size="8" baseType="lpstr">', '<vt:vector size="10" baseType="lpstr">')
        .replace(
          "<vt:lpstr>Анкета</vt:lpstr>",
          "<vt:lpstr>Анкета</vt:lpstr><vt:lpstr>Список ШНОР 2025</vt:lpstr><vt:lpstr>Динамика</vt:lpstr>",
        );
      expect(partText(copy, "docProps/app.xml")).toBe(expected);
    });

    test("each case of the issue's list is in the copy as it was in the input", () => {
      const cases: [string, string | RegExp][] = [
        ["xl/worksheets/sheet1.xml", '<f t="shared" ref="G5:G44" si="0">F5/E5</f>'],
        ["xl/worksheets/sheet1.xml", '<f t="array" ref="H45">SUM(E5:E44*G5:G44)</f>'],
        ["xl/worksheets/sheet1.xml", '<mergeCell ref="A1:H1"/>'],
        ["xl/worksheets/sheet1.xml", "<x14:dataBar "],
        ["xl/worksheets/sheet1.xml", '<hyperlink ref="A2" r:id="rId1"'],
        ["xl/worksheets/sheet1.xml", '<brk id="24" max="16383" man="1"/>'],
        ["xl/worksheets/sheet1.xml", '<ignoredError sqref="B5:B44" numberStoredAsText="1"/>'],
        ["xl/worksheets/sheet1.xml", '<sheetPr codeName="Лист1" filterMode="0"><pageSetUpPr fitToPage="1"/>'],
        ["xl/worksheets/sheet1.xml", '<pageSetup paperSize="9" fitToHeight="0" orientation="landscape" r:id="rId2"/>'],
        ["xl/worksheets/sheet1.xml", '<legacyDrawing r:id="rId4"/>'],
        ["xl/comments1.xml", "писавшие работу"],
        ["xl/worksheets/sheet5.xml", /^(?:(?!<dataValidation ).)*<dataValidation (?:(?!<dataValidation ).)*$/s],
        ["xl/styles.xml", /<(x:)?cellStyle name="Мой заголовок" xfId="1"/],
        ["xl/drawings/drawing1.xml", 'r:embed="rId2"'],
      ];
      for (const [part, what] of cases) {
        const a = partText(input, part);
        const b = partText(copy, part);
        if (typeof what === "string") {
          expect({ part, what, in: a.includes(what) }).toEqual({ part, what, in: true });
          expect({ part, what, copy: b.includes(what) }).toEqual({ part, what, copy: true });
        } else {
          expect({ part, what: String(what), in: what.test(a), copy: what.test(b) }).toEqual({
            part,
            what: String(what),
            in: true,
            copy: true,
          });
        }
      }
      expect(
        eq(
          unzipParts(copy).get("xl/printerSettings/printerSettings1.bin"),
          unzipParts(input).get("xl/printerSettings/printerSettings1.bin"),
        ),
      ).toBe(true);
    });

    test("the chart part: a native chart, one series per row, references to the sheet and cached values", () => {
      const chart = partText(copy, "xl/charts/chart2.xml");
      expect(chart).toContain('<c:barChart><c:barDir val="col"/>');
      expect([...chart.matchAll(/<c:ser>/g)]).toHaveLength(3);
      expect(chart).toContain("<c:f>'Динамика'!$B$3:$D$3</c:f>");
      expect(chart).toContain("<c:f>'Динамика'!$B$4:$D$4</c:f>");
      expect(chart).toContain("<c:v>МБОУ «СОШ № 8»</c:v>");
      expect(chart).toContain('<c:pt idx="0"><c:v>0.42</c:v></c:pt>');
      const drawing = partText(copy, "xl/drawings/drawing2.xml");
      expect(drawing).toContain("<xdr:from><xdr:col>0</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>8</xdr:row>");
      expect(partText(copy, "xl/worksheets/sheet7.xml")).toMatch(/<drawing r:id="rId2"\/><tableParts count="1">/);
    });
  },
);

describe("graft: the copy read back (ExcelJS as the oracle)", () => {
  let input: Uint8Array;
  let copy: Uint8Array;
  beforeAll(async () => {
    input = read(await realisticWorkbook(path.join(dir, "oracle")));
    copy = graftPlansToBytes(input, [listPlan(), chartPlan()]).bytes;
  });

  test("user sheets: every cell (values, shared and array formulas, formats, merges), state and validations equal", async () => {
    const a = await excel(input);
    const b = await excel(copy);
    const users = ["ВПР", "Итоги", "Скрытый", "Служебный", "Анкета"];
    expect(b.worksheets.map((w) => w.name)).toEqual([...users, "Список ШНОР 2025", "Динамика"]);
    expect(snapshot(b, users)).toEqual(snapshot(a, users));
    expect(b.getWorksheet("Скрытый")!.state).toBe("hidden");
    expect(b.getWorksheet("Служебный")!.state).toBe("veryHidden");
    expect(b.getWorksheet("ВПР")!.getCell("G6").formula).toBe("F6/E6");
  });

  test("the generated sheet: values, a real table, number formats, merges, frozen panes, validation, print setup", async () => {
    const b = await excel(copy);
    const ws = b.getWorksheet("Список ШНОР 2025")!;
    expect(ws.getCell("A1").value).toBe("Ежегодный список ШНОР 2025 (первый)");
    expect(ws.getCell("A1").font.bold).toBe(true);
    expect(ws.getCell("A1").font.size).toBe(14);
    expect(ws.getCell("A1").isMerged).toBe(true);
    expect(ws.getCell("B2").value).toBe(3);
    expect(ws.getCell("A5").value).toBe("№");
    expect(ws.getCell("B6").value).toBe("МБОУ «СОШ № 1»");
    expect(ws.getCell("C6").value).toBe("700100");
    expect(ws.getCell("C6").numFmt).toBe("@");
    expect(ws.getCell("E6").value).toBeCloseTo(0.1);
    expect(ws.getCell("E6").numFmt).toBe("0.0%");
    expect(ws.getCell("F6").value).toEqual(new Date(Date.UTC(2025, 8, 1)));
    expect(ws.getCell("F6").numFmt).toBe("dd.mm.yyyy");
    expect(ws.getCell("A5").fill).toMatchObject({ type: "pattern", pattern: "solid", fgColor: { argb: "FF1F4E79" } });
    expect(ws.getCell("B6").fill).toMatchObject({ fgColor: { argb: "FFFCE4E4" } });
    expect(ws.getCell("B6").alignment).toMatchObject({ wrapText: true, vertical: "top" });
    expect(ws.getColumn(2).width).toBe(30);
    expect(ws.getColumn(8).width).toBe(20);
    expect(ws.getRow(3).height).toBeGreaterThan(15);
    expect(ws.views[0]).toMatchObject({ state: "frozen", xSplit: 2, ySplit: 5, topLeftCell: "C6" });
    expect(ws.getCell("D6").dataValidation).toMatchObject({
      type: "list",
      formulae: ['"ШНОР,—"'],
      prompt: "Статус школы",
    });
    expect(ws.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: "landscape",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
    });
    const tables = ws.getTables() as unknown as { table: { name: string; tableRef: string } }[];
    expect(tables.map((t) => t.table.name)).toEqual(["ShnorList2025"]);
    expect(b.getWorksheet("Динамика")!.getCell("B3").value).toBe("2023");
    expect(generatedSheetNames(copy)).toEqual(["Список ШНОР 2025", "Динамика"]);
    expect(isShnorWorkbook(copy)).toBe(true);
    expect(isShnorWorkbook(input)).toBe(false);
  });

  test("a user table keeps id 1 and its name; ours take the next ids; the sheet XML has conditional formats with dxfs", () => {
    expect(partText(copy, "xl/tables/table1.xml")).toBe(partText(input, "xl/tables/table1.xml"));
    expect(partText(copy, "xl/tables/table2.xml")).toMatch(
      /<table [^>]*id="2" name="ShnorList2025" displayName="ShnorList2025" ref="A5:F8"/,
    );
    expect(partText(copy, "xl/tables/table3.xml")).toMatch(/id="3" name="ShnorDynamics"/);
    const sheet = partText(copy, "xl/worksheets/sheet6.xml");
    expect(sheet).toMatch(
      /<conditionalFormatting sqref="E6:E8"><cfRule type="cellIs" dxfId="1" priority="1" operator="greaterThan"><formula>0.3<\/formula>/,
    );
    expect(sheet).toContain("<formula>NOT(ISERROR(SEARCH(&quot;ШНОР&quot;,D6)))</formula>");
    expect(sheet).toContain("<formula>$D6=&quot;ШНОР&quot;</formula>");
  });
});

describe("graft: replacing a generated sheet replaces exactly its own parts", () => {
  test("three builds in a row: same parts, user parts byte-identical to the input, styles do not grow", async () => {
    const input = read(await realisticWorkbook(path.join(dir, "rebuild")));
    const c1 = graftPlansToBytes(input, [listPlan({ marker: "первый" }), chartPlan()]);
    const c2 = graftPlansToBytes(c1.bytes, [listPlan({ marker: "второй", rows: 5 }), chartPlan("line")]);
    const c3 = graftPlansToBytes(c2.bytes, [listPlan({ marker: "третий", rows: 2 }), chartPlan()]);
    expect(c2.replaced).toEqual(["Список ШНОР 2025", "Динамика"]);
    expect(c3.replaced).toEqual(["Список ШНОР 2025", "Динамика"]);
    expect(c3.sheets).toEqual(["Список ШНОР 2025", "Динамика"]);
    const p1 = unzipParts(c1.bytes);
    const p3 = unzipParts(c3.bytes);
    expect([...p3.keys()].sort()).toEqual([...p1.keys()].sort());
    for (const [name, data] of unzipParts(input)) {
      if (EDITED.includes(name)) continue;
      expect({ name, same: eq(p3.get(name), data) }).toEqual({ name, same: true });
    }
    expect(partText(c3.bytes, "xl/styles.xml")).toBe(partText(c1.bytes, "xl/styles.xml"));
    expect(partText(c3.bytes, "xl/workbook.xml")).toBe(partText(c2.bytes, "xl/workbook.xml"));
    expect(definedNames(partText(c3.bytes, "xl/workbook.xml")).filter((n) => n.name.startsWith("SHNOR_"))).toHaveLength(
      2,
    );
    expect(partText(c2.bytes, "xl/charts/chart2.xml")).toContain("<c:lineChart>");
    expect(partText(c3.bytes, "xl/charts/chart2.xml")).toContain("<c:barChart>");
    const wb = await excel(c3.bytes);
    expect(wb.worksheets.map((w) => w.name).slice(-2)).toEqual(["Список ШНОР 2025", "Динамика"]);
    const ws = wb.getWorksheet("Список ШНОР 2025")!;
    expect(ws.getCell("A1").value).toBe("Ежегодный список ШНОР 2025 (третий)");
    expect(ws.getCell("B8").value).toBeNull();
    expect((ws.getTables() as unknown as { table: { name: string } }[]).map((t) => t.table.name)).toEqual([
      "ShnorList2025",
    ]);
    expect(partText(c3.bytes, "docProps/app.xml")).toBe(partText(c1.bytes, "docProps/app.xml"));
    // The calculation chain does not name the generated sheets: kept byte for byte.
    expect(eq(p3.get("xl/calcChain.xml"), unzipParts(input).get("xl/calcChain.xml"))).toBe(true);
  });

  test("parts Excel added to the generated sheet go with it; a part a user sheet shares stays", async () => {
    const input = read(await realisticWorkbook(path.join(dir, "owned")));
    const c1 = graftPlansToBytes(input, [listPlan()]).bytes;
    const relsName = "xl/worksheets/_rels/sheet6.xml.rels";
    const R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    const rels = partText(c1, relsName).replace(
      "</Relationships>",
      `<Relationship Id="rId7" Type="${R}/comments" Target="../comments9.xml"/>` +
        `<Relationship Id="rId8" Type="${R}/printerSettings" Target="../printerSettings/printerSettings1.bin"/></Relationships>`,
    );
    const ct = partText(c1, "[Content_Types].xml").replace(
      "</Types>",
      `<Override PartName="/xl/comments9.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"/></Types>`,
    );
    const edited = editPackage(c1, {
      [relsName]: rels,
      "[Content_Types].xml": ct,
      "xl/comments9.xml": `<?xml version="1.0" encoding="UTF-8"?><comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><authors><author>Я</author></authors><commentList/></comments>`,
    });
    const c2 = graftPlansToBytes(edited, [listPlan({ marker: "второй" })]).bytes;
    const parts = unzipParts(c2);
    expect(parts.has("xl/comments9.xml")).toBe(false);
    expect(partText(c2, "[Content_Types].xml")).not.toContain("comments9");
    expect(
      eq(
        parts.get("xl/printerSettings/printerSettings1.bin"),
        unzipParts(input).get("xl/printerSettings/printerSettings1.bin"),
      ),
    ).toBe(true);
    expect(partText(c2, relsName)).not.toContain("printerSettings");
    expect([...parts.keys()].sort()).toEqual([...unzipParts(c1).keys()].sort());
  });

  test("when the user added formulas to a generated sheet, the calculation chain (a cache) is dropped", async () => {
    const input = read(await realisticWorkbook(path.join(dir, "chain")));
    const c1 = graftPlansToBytes(input, [listPlan()]).bytes;
    const chain = partText(c1, "xl/calcChain.xml").replace("</calcChain>", '<c r="I6" i="7"/></calcChain>');
    const c2 = graftPlansToBytes(editPackage(c1, { "xl/calcChain.xml": chain }), [
      listPlan({ marker: "второй" }),
    ]).bytes;
    expect(unzipParts(c2).has("xl/calcChain.xml")).toBe(false);
    expect(partText(c2, "xl/_rels/workbook.xml.rels")).not.toContain("calcChain");
    expect(partText(c2, "[Content_Types].xml")).not.toContain("calcChain");
    expect(partText(c2, "xl/worksheets/sheet1.xml")).toBe(partText(input, "xl/worksheets/sheet1.xml"));
  });

  test("a copy written by the previous version (ExcelJS, mark SHNOR_GENERATED_1) is replaced, not duplicated", async () => {
    const prev = read(await previousVersionCopy(dir));
    expect(generatedSheetNames(prev)).toEqual(["Список ШНОР 2025"]);
    const res = graftPlansToBytes(prev, [listPlan({ marker: "новая версия" })]);
    expect(res.replaced).toEqual(["Список ШНОР 2025"]);
    const wb = await excel(res.bytes);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["ВПР", "Список ШНОР 2025"]);
    expect(wb.getWorksheet("Список ШНОР 2025")!.getCell("A1").value).toBe("Ежегодный список ШНОР 2025 (новая версия)");
    expect(wb.getWorksheet("ВПР")!.getCell("C2").formula).toBe("B2*2");
    const tables = Object.keys(Object.fromEntries(unzipParts(res.bytes))).filter((n) => n.startsWith("xl/tables/"));
    expect(tables).toHaveLength(1);
    expect(
      definedNames(partText(res.bytes, "xl/workbook.xml")).filter((n) => n.name.startsWith("SHNOR_")),
    ).toHaveLength(1);
    expect(
      eq(unzipParts(res.bytes).get("xl/worksheets/sheet1.xml"), unzipParts(prev).get("xl/worksheets/sheet1.xml")),
    ).toBe(true);
  });

  test("a user sheet with the plan's name is never touched: the plan goes to «… (2)» with a warning", async () => {
    const input = read(await realisticWorkbook(path.join(dir, "clash")));
    const res = graftPlansToBytes(input, [listPlan({ name: "Итоги" })]);
    expect(res.sheets).toEqual(["Итоги (2)"]);
    expect(res.warnings).toEqual([
      "Лист «Итоги» создан не надстройкой и не изменён; новый лист записан под именем «Итоги (2)».",
    ]);
    expect(partText(res.bytes, "xl/worksheets/sheet2.xml")).toBe(partText(input, "xl/worksheets/sheet2.xml"));
    expect(generatedSheetNames(res.bytes)).toEqual(["Итоги (2)"]);
  });

  test("a mark whose sheet the user deleted («#ССЫЛКА!») is dropped", async () => {
    const first = graftPlansToBytes(null, [listPlan(), chartPlan()]).bytes;
    const wbXml = partText(first, "xl/workbook.xml")
      .replace(/<sheet name="Динамика"[^>]*\/>/, "")
      .replace("'Динамика'!$A$1", "#REF!");
    const edited = editPackage(first, { "xl/workbook.xml": wbXml });
    expect(generatedSheetNames(edited)).toEqual(["Список ШНОР 2025"]);
    const res = graftPlansToBytes(edited, [listPlan({ marker: "второй" })]);
    expect(definedNames(partText(res.bytes, "xl/workbook.xml")).map((n) => n.text)).not.toContain("#REF!");
  });
});

describe("graft: a new workbook and inputs that are not workbooks", () => {
  test("several inputs → a new workbook grafted onto an empty package: the sheets, marks, core properties", async () => {
    const res = graftPlansToBytes(null, [listPlan(), chartPlan()], { now: new Date(Date.UTC(2025, 8, 1, 9)) });
    const wb = await excel(res.bytes);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Список ШНОР 2025", "Динамика"]);
    expect(wb.creator).toBe("ШНОР");
    expect(generatedSheetNames(res.bytes)).toEqual(["Список ШНОР 2025", "Динамика"]);
    expect(partText(res.bytes, "docProps/app.xml")).toContain("<vt:i4>2</vt:i4>");
    expect(partText(res.bytes, "docProps/core.xml")).toContain("2025-09-01T09:00:00Z");
    expect(unzipParts(emptyPackage()).has("xl/workbook.xml")).toBe(true);
  });

  test("planned row heights (also of rows without cells) and a print scale instead of fit-to-width (issue 15)", async () => {
    const plan = { ...listPlan(), rowHeights: { 0: 40, 30: 22.5 } };
    plan.print = { orientation: "portrait", paper: "A4", fitToWidth: false, scale: 82, breaksBefore: [30] };
    const res = graftPlansToBytes(null, [plan]);
    const xml = partText(res.bytes, "xl/worksheets/sheet1.xml");
    expect(xml).toContain('<row r="1" ht="40" customHeight="1">');
    expect(xml).toContain('<row r="31" ht="22.5" customHeight="1"></row>');
    expect(xml).toContain('<pageSetup paperSize="9" scale="82" orientation="portrait"/>');
    expect(xml).not.toContain("fitToPage");
    const ws = (await excel(res.bytes)).getWorksheet("Список ШНОР 2025")!;
    expect(ws.getRow(1).height).toBe(40);
    expect(ws.pageSetup).toMatchObject({ scale: 82, orientation: "portrait", paperSize: 9 });
  });

  test("not a zip, a zip without a workbook, a binary .xlsb: XlsxFileError with a Russian reason", () => {
    expect(() => graftPlansToBytes(new TextEncoder().encode("это не книга"), [listPlan()])).toThrow(XlsxFileError);
    const zipOnly = editPackage(emptyPackage(), {}, ["xl/workbook.xml"]);
    expect(() => graftPlansToBytes(zipOnly, [listPlan()])).toThrow(/без книги Excel/);
    const xlsb = editPackage(emptyPackage(), {
      "_rels/.rels": partText(emptyPackage(), "_rels/.rels").replace("xl/workbook.xml", "xl/workbook.bin"),
      "xl/workbook.bin": new Uint8Array([1, 2, 3]),
    });
    expect(() => graftPlansToBytes(xlsb, [listPlan()])).toThrow(/xlsb/);
    expect(isShnorWorkbook(new Uint8Array([1, 2, 3]))).toBe(false);
  });
});

describe("graft: injection through the file writer (issue 12)", () => {
  test("text Excel would parse is an inline string with the quote prefix; plain text has none; numbers stay numbers", async () => {
    const texts = [...INJECTION_TEXTS, ...PLAIN_TEXTS];
    const plan = listPlan({ rows: 0, extraRows: texts.map((t, i) => [i + 1, t, t, t, 0.5, null]) });
    plan.blocks.push({ at: { row: 1, col: 3 }, values: [INJECTION_TEXTS.slice(0, 3)] });
    const res = graftPlansToBytes(null, [plan]);
    const wb = await excel(res.bytes);
    const ws = wb.getWorksheet("Список ШНОР 2025")!;
    texts.forEach((t, i) => {
      for (const col of [2, 3, 4]) expect({ t, v: ws.getCell(6 + i, col).value }).toEqual({ t, v: t });
      expect(ws.getCell(6 + i, 1).value).toBe(i + 1);
      expect(ws.getCell(6 + i, 2).formula).toBeUndefined();
    });
    expect([4, 5, 6].map((c) => ws.getCell(2, c).value)).toEqual(INJECTION_TEXTS.slice(0, 3));
    const sheet = partText(res.bytes, "xl/worksheets/sheet1.xml");
    expect(sheet).not.toMatch(/<f>/);
    const styles = partText(res.bytes, "xl/styles.xml");
    const xfs = [...collection(styles, "cellXfs")!.inner.matchAll(/<xf [^>]*>/g)].map((m) => m[0]);
    const styleOf = (ref: string): string => xfs[Number(new RegExp(`<c r="${ref}" s="(\\d+)"`).exec(sheet)![1])];
    texts.forEach((t, i) => {
      expect({ t, quote: styleOf(`B${6 + i}`).includes('quotePrefix="1"') }).toEqual({
        t,
        quote: INJECTION_TEXTS.includes(t),
      });
      expect(new RegExp(`<c r="B${6 + i}" s="\\d+" t="inlineStr">`).test(sheet)).toBe(true);
    });
  });
});
