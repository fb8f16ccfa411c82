/**
 * Looking inside the .xlsx package before ExcelJS (SPEC §4: user data is never lost; issue 2: a file that is not an
 * .xlsx gets one Russian line). Real packages: ExcelJS writes the workbook, JSZip adds what Excel would save.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { inspectXlsxPackage, XlsxPackageError } from "../../../src/xlsx/xlsxPackage";
import { readZipDirectory, zipToBytes } from "../../../src/xlsx/zip";
import { rewriteParts } from "../../../scripts/reader-corpus";
import { handmadeXlsx } from "./handmade";
import { addChartOnFirstSheet, addChartSheet } from "./packageParts";

const tmp = (): string => fs.mkdtempSync(path.join(os.tmpdir(), "shnor-pkg-"));

async function plainWorkbook(dir: string, name = "реестр.xlsx"): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("ВПР");
  ws.addRow(["Школа", "Участники", "Не справились"]);
  ws.addRow(["МБОУ «СОШ № 1»", 20, 7]);
  ws.addRow(["МБОУ «СОШ № 2»", 25, 2]);
  wb.addWorksheet("Школы").addRow(["Школа"]);
  const file = path.join(dir, name);
  await wb.xlsx.writeFile(file);
  return file;
}

describe("inspectXlsxPackage", () => {
  test("a plain ExcelJS workbook: its sheets in order, nothing a copy would lose", async () => {
    const file = await plainWorkbook(tmp());
    const info = await inspectXlsxPackage(fs.readFileSync(file), "реестр.xlsx");
    expect(info.sheets).toEqual([
      { name: "ВПР", kind: "worksheet" },
      { name: "Школы", kind: "worksheet" },
    ]);
    expect(info.chartSheets).toEqual([]);
    expect(info.lossy).toEqual([]);
  });

  test("a chart sheet is named and makes a copy lossy", async () => {
    const file = await plainWorkbook(tmp());
    await addChartSheet(file, "Диаграмма «2» & доли", "'ВПР'!$C$2:$C$3");
    const info = await inspectXlsxPackage(fs.readFileSync(file), "реестр.xlsx");
    expect(info.sheets.map((s) => [s.name, s.kind])).toEqual([
      ["ВПР", "worksheet"],
      ["Школы", "worksheet"],
      ["Диаграмма «2» & доли", "chartsheet"],
    ]);
    expect(info.chartSheets).toEqual(["Диаграмма «2» & доли"]);
    expect(info.lossy).toEqual(["лист-диаграмма «Диаграмма «2» & доли»", "диаграммы"]);
  });

  test("a chart drawn on a worksheet, and a picture, make a copy lossy", async () => {
    const dir = tmp();
    const withChart = await plainWorkbook(dir, "диаграмма.xlsx");
    await addChartOnFirstSheet(withChart, "'ВПР'!$C$2:$C$3");
    expect((await inspectXlsxPackage(fs.readFileSync(withChart), "диаграмма.xlsx")).lossy).toEqual(["диаграммы"]);

    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Лист1");
    const png = Buffer.from(
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
      "base64",
    );
    ws.addImage(wb.addImage({ buffer: png as unknown as ExcelJS.Buffer, extension: "png" }), "B2:C4");
    const withPicture = path.join(dir, "рисунок.xlsx");
    await wb.xlsx.writeFile(withPicture);
    expect((await inspectXlsxPackage(fs.readFileSync(withPicture), "рисунок.xlsx")).lossy).toEqual([
      "рисунки и фигуры",
    ]);
  });

  test("VBA, pivot tables, external links and slicers are each named", async () => {
    const file = await plainWorkbook(tmp());
    const zip = await JSZip.loadAsync(fs.readFileSync(file));
    zip.file("xl/vbaProject.bin", Buffer.from([1, 2, 3]));
    zip.file("xl/pivotTables/pivotTable1.xml", "<pivotTableDefinition/>");
    zip.file("xl/pivotCache/pivotCacheDefinition1.xml", "<pivotCacheDefinition/>");
    zip.file("xl/externalLinks/externalLink1.xml", "<externalLink/>");
    zip.file("xl/slicers/slicer1.xml", "<slicers/>");
    const bytes = await zip.generateAsync({ type: "nodebuffer" });
    expect((await inspectXlsxPackage(bytes, "x.xlsx")).lossy).toEqual([
      "сводные таблицы",
      "макросы VBA",
      "срезы",
      "связи с другими книгами",
    ]);
  });

  test("a truncated file and a zip without xl/workbook.xml: one Russian line, no English tail", async () => {
    const file = await plainWorkbook(tmp());
    const bytes = fs.readFileSync(file);
    const truncated = bytes.subarray(0, Math.floor(bytes.length / 2));
    await expect(inspectXlsxPackage(truncated, "обрезан.xlsx")).rejects.toThrow(
      "Файл «обрезан.xlsx» повреждён или записан не полностью: его не удаётся открыть как книгу Excel .xlsx.",
    );
    const zip = new JSZip();
    zip.file("a.txt", "hello");
    const notXlsx = await zip.generateAsync({ type: "nodebuffer" });
    const err = await inspectXlsxPackage(notXlsx, "архив.xlsx").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(XlsxPackageError);
    expect((err as Error).message).toBe(
      "Файл «архив.xlsx» не является книгой Excel .xlsx: это архив zip без части xl/workbook.xml.",
    );
    expect((err as Error).message).not.toMatch(/[A-Za-z]{4,} [A-Za-z]{4,}/);
  });
});

describe("inspectXlsxPackage reads the zip directory and the small parts only (issue 11)", () => {
  test("a sheet part that inflates past every limit is never inflated: the package is still described", async () => {
    const bytes = handmadeXlsx({
      sheets: [
        { name: "ВПР", xml: `<worksheet><sheetData>${" ".repeat(40_000_000)}</sheetData></worksheet>` },
        { name: "Диаграмма", chart: true },
      ],
    });
    // The directory is made to lie about the sheet: whoever inflated it would find a damaged part.
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let i = bytes.length - 22; i >= 0; i--) {
      if (view.getUint32(i, true) !== 0x02014b50) continue;
      const len = view.getUint16(i + 28, true);
      if (new TextDecoder().decode(bytes.subarray(i + 46, i + 46 + len)) === "xl/worksheets/sheet1.xml") {
        view.setUint32(i + 16, 0, true);
      }
    }
    const info = await inspectXlsxPackage(bytes, "большой.xlsx");
    expect(info.sheets).toEqual([
      { name: "ВПР", kind: "worksheet" },
      { name: "Диаграмма", kind: "chartsheet" },
    ]);
    expect(info.chartSheets).toEqual(["Диаграмма"]);
  });

  test("an .xlsb and an encrypted (OLE2) file are named as such", async () => {
    const xlsb = handmadeXlsx({ sheets: [] });
    const patched = rewriteParts(xlsb, (name, xml) =>
      name === "_rels/.rels" ? xml.replace("xl/workbook.xml", "xl/workbook.bin") : xml,
    );
    const withBin = zipToBytes((w) => {
      for (const e of readZipDirectory(patched)) w.copyRaw(patched, e);
      w.addFile("xl/workbook.bin", new Uint8Array([1, 2, 3]));
    });
    await expect(inspectXlsxPackage(withBin, "двоичная.xlsx")).rejects.toThrow(
      "Файл «двоичная.xlsx» — двоичная книга Excel .xlsb, а не .xlsx: сохраните её в Excel как .xlsx.",
    );
    const ole = new Uint8Array(512);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const err = await inspectXlsxPackage(ole, "пароль.xlsx").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(XlsxPackageError);
    expect((err as XlsxPackageError).code).toBe("encrypted");
  });
});
