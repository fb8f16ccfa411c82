/**
 * Big .xlsx registers for the benchmark, written straight to a file with the project's zip writer (ExcelJS would take
 * minutes and gigabytes for a million rows): one «Результаты» sheet laid out like the sample (Код ОО, Школа,
 * Учебный год, Процедура, Класс, Предмет, Участники, Не справились) with a title row, shared strings and styles, as
 * Excel saves it. Optionally a stray value at XFD1048576 (the far-cell case of issue 11).
 */
import fs from "node:fs";
import { prng } from "../scripts/prng";
import { ZipWriter } from "../src/xlsx/zip";

const UNITS: [string, number, string][] = [];
for (const g of [4, 5, 6, 7, 8]) for (const s of ["Русский язык", "Математика"]) UNITS.push(["ВПР", g, s]);
UNITS.push(["ОГЭ", 9, "Русский язык"], ["ОГЭ", 9, "Математика"], ["ЕГЭ", 11, "Русский язык"]);
const YEARS = [2023, 2024, 2025];
/** Data rows per school (13 units × 3 years). */
export const ROWS_PER_SCHOOL = UNITS.length * YEARS.length;

const esc = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export interface RegisterFile {
  path: string;
  dataRows: number;
  schools: number;
  bytes: number;
  sheetXmlBytes: number;
}

/** Write a register of exactly `dataRows` data rows (the last school may have fewer) to `file`. */
export function writeRegisterXlsx(file: string, dataRows: number, options: { farCell?: boolean } = {}): RegisterFile {
  const schools = Math.max(1, Math.ceil(dataRows / ROWS_PER_SCHOOL));
  const rand = prng(7);
  const strings: string[] = [];
  const index = new Map<string, number>();
  const sst = (s: string): number => {
    let i = index.get(s);
    if (i === undefined) {
      i = strings.length;
      strings.push(s);
      index.set(s, i);
    }
    return i;
  };
  const fd = fs.openSync(file, "w");
  let bytes = 0;
  const zip = new ZipWriter((chunk) => {
    fs.writeSync(fd, chunk);
    bytes += chunk.length;
  });
  zip.addFile(
    "[Content_Types].xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
      `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
      `<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>` +
      `<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>` +
      `<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`,
  );
  zip.addFile(
    "_rels/.rels",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
      `<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  );
  zip.addFile(
    "xl/workbook.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
      `<sheets><sheet name="Результаты" sheetId="1" r:id="rId1"/></sheets></workbook>`,
  );
  zip.addFile(
    "xl/_rels/workbook.xml.rels",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
      `<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>` +
      `<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
      `<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
  );
  zip.addFile(
    "xl/styles.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
      `<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>` +
      `<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
      `<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
      `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
      `<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>` +
      `<xf numFmtId="1" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>`,
  );
  const sheet = zip.addStream("xl/worksheets/sheet1.xml");
  let sheetXmlBytes = 0;
  const parts: string[] = [];
  let pending = 0;
  const put = (s: string): void => {
    parts.push(s);
    pending += s.length;
    if (pending > 1 << 16) {
      const text = parts.join("");
      sheetXmlBytes += Buffer.byteLength(text);
      sheet.push(text);
      parts.length = 0;
      pending = 0;
    }
  };
  const header = ["Код ОО", "Школа", "Учебный год", "Процедура", "Класс", "Предмет", "Участники", "Не справились"];
  const cols = "ABCDEFGH";
  put(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
      `<dimension ref="A1:${options.farCell ? "XFD1048576" : "H" + (dataRows + 3)}"/><sheetViews><sheetView workbookViewId="0"/></sheetViews>` +
      `<sheetFormatPr defaultRowHeight="15"/><cols><col min="2" max="2" width="40" customWidth="1"/></cols><sheetData>`,
  );
  put(
    `<row r="1"><c r="A1" s="1" t="s"><v>${sst("Результаты оценочных процедур (синтетический реестр для замера)")}</v></c></row>`,
  );
  put(`<row r="3">${header.map((h, i) => `<c r="${cols[i]}3" s="1" t="s"><v>${sst(h)}</v></c>`).join("")}</row>`);
  let r = 4;
  const lastRow = dataRows + 3;
  for (let i = 0; i < schools && r <= lastRow; i++) {
    const code = sst(`sch${String(100000 + i).padStart(6, "0")}`);
    const name = sst(`МБОУ «СОШ № ${i + 1}»`);
    const weak = rand() < 0.08;
    for (const y of YEARS) {
      const label = sst(`${y - 1}/${y}`);
      for (const [proc, grade, subject] of UNITS) {
        if (r > lastRow) break;
        const participants = 10 + Math.floor(rand() * 60);
        const p = weak ? 0.2 + rand() * 0.25 : rand() * 0.25;
        const failed = Math.round(participants * p);
        put(
          `<row r="${r}" spans="1:8"><c r="A${r}" t="s"><v>${code}</v></c><c r="B${r}" t="s"><v>${name}</v></c>` +
            `<c r="C${r}" t="s"><v>${label}</v></c><c r="D${r}" t="s"><v>${sst(proc)}</v></c><c r="E${r}" s="2"><v>${grade}</v></c>` +
            `<c r="F${r}" t="s"><v>${sst(subject)}</v></c><c r="G${r}" s="2"><v>${participants}</v></c><c r="H${r}" s="2"><v>${failed}</v></c></row>`,
        );
        r++;
      }
    }
  }
  if (options.farCell) put(`<row r="1048576"><c r="XFD1048576" t="s"><v>${sst("стоп")}</v></c></row>`);
  put(
    `</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`,
  );
  const tail = parts.join("");
  sheetXmlBytes += Buffer.byteLength(tail);
  sheet.push(tail);
  sheet.end();
  const ss = zip.addStream("xl/sharedStrings.xml");
  ss.push(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${strings.length}" uniqueCount="${strings.length}">`,
  );
  for (let i = 0; i < strings.length; i += 1000) {
    ss.push(
      strings
        .slice(i, i + 1000)
        .map((s) => `<si><t>${esc(s)}</t></si>`)
        .join(""),
    );
  }
  ss.push("</sst>");
  ss.end();
  zip.finish();
  fs.closeSync(fd);
  return { path: file, dataRows: r - 4, schools, bytes, sheetXmlBytes };
}
