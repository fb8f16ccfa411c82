/**
 * The corpus of the reader's differential test (issue 11): varied workbooks that the project's .xlsx reader and
 * ExcelJS must read into identical grids. Part of scripts/make-fixtures.ts (which re-exports and writes it).
 *
 * - `kitchenSink` (ExcelJS): every kind of value a register holds — shared and rich strings, numbers of every size,
 *   percentages, dates with built-in and custom formats (dates shown as years too), times, booleans, errors,
 *   formulas with cached results of each type, hyperlinks, texts with markup characters, line breaks, spaces and
 *   emoji, merged areas, gaps, a far cell, an area starting at C5, hidden, very hidden and empty sheets;
 * - the same in the 1904 date system, and written with inline strings instead of shared ones;
 * - the same saved by LibreOffice (Debian's `libreoffice-calc`, headless convert): LibreOffice's own XML;
 * - the same rewritten to Strict OOXML namespaces, and with `x:`-prefixed elements (ExcelJS reads neither: it gets
 *   the transitional original, the reader the rewritten one).
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { inflateEntry, readZipDirectory, ZipWriter } from "../src/xlsx/zip";

const utc = (y: number, m: number, d: number, h = 0, min = 0): Date => new Date(Date.UTC(y, m - 1, d, h, min));

/** The kitchen-sink workbook, built with ExcelJS. */
export function kitchenSinkWorkbook(options: { date1904?: boolean } = {}): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  if (options.date1904) wb.properties.date1904 = true;
  const ws = wb.addWorksheet("Реестр ВПР");
  ws.getCell("A1").value = "Результаты ВПР 2024/2025 учебного года";
  ws.mergeCells("A1:H1");
  ws.addRow([]);
  ws.getRow(3).values = ["Школа", "Учебный год", "Дата", "Год", "Участники", "Не справились", "Доля", "Примечание"];
  const names = ["МБОУ «СОШ № 1»", 'МОУ "Гимназия № 2"', "Ёлкинская ООШ", "Школа <Лицей> & Co", "  пробелы  "];
  for (let i = 0; i < 120; i++) {
    const r = 4 + i + (i >= 60 ? 5 : 0); // a gap of empty rows in the middle
    const row = ws.getRow(r);
    row.getCell(1).value = names[i % names.length] + (i >= names.length ? ` ${i}` : "");
    row.getCell(2).value = i % 3 === 0 ? "2024/2025" : i % 3 === 1 ? "2023-2024" : 2025;
    const d = row.getCell(3);
    d.value = utc(2024 + (i % 2), 1 + (i % 12), 1 + (i % 28));
    d.numFmt = i % 4 === 0 ? "dd.mm.yyyy" : i % 4 === 1 ? "d mmmm yyyy" : i % 4 === 2 ? "mm-dd-yy" : "dd.mm.yy hh:mm";
    const y = row.getCell(4);
    y.value = utc(2023 + (i % 3), 12, 31);
    y.numFmt = i % 3 === 0 ? "yyyy" : i % 3 === 1 ? '"Год "yyyy' : 'yyyy" г."';
    row.getCell(5).value = 10 + ((i * 7) % 60);
    const failed = row.getCell(6);
    if (i % 10 === 3) failed.value = { formula: `E${r}*0.3`, result: Math.round((10 + ((i * 7) % 60)) * 0.3) };
    else if (i % 10 === 4) failed.value = { formula: `1/0`, result: { error: "#DIV/0!" } } as ExcelJS.CellFormulaValue;
    else if (i % 10 === 5) failed.value = { formula: `"нет"`, result: "нет" };
    else if (i % 10 === 6) failed.value = { formula: "TRUE()", result: true };
    else if (i % 10 === 7) failed.value = { formula: "E4+1" } as ExcelJS.CellFormulaValue;
    else failed.value = (i * 3) % 17;
    const share = row.getCell(7);
    share.value = i % 9 === 0 ? -0.125 : (i % 17) / 40 + 1e-9 * (i % 3);
    share.numFmt = i % 2 ? "0.0%" : "0.00";
    const note = row.getCell(8);
    switch (i % 9) {
      case 0:
        note.value = { richText: [{ text: "жирный " }, { font: { bold: true }, text: "текст" }] };
        break;
      case 1:
        note.value = { text: "сайт школы", hyperlink: "https://example.org/?a=1&b=2" };
        break;
      case 2:
        note.value = "строка 1\nстрока 2\tтаб";
        break;
      case 3:
        note.value = "кавычки «» \"\" '' и <теги> & амперсанд";
        break;
      case 4:
        note.value = true;
        break;
      case 5:
        note.value = { error: "#N/A" } as ExcelJS.CellErrorValue;
        break;
      case 6:
        note.value = "эмодзи 😀 и ё";
        break;
      case 7:
        note.value = 1234567890123;
        break;
      default:
        note.value = i % 2 ? 0 : "";
    }
  }
  ws.getCell("J10").value = "объединено по вертикали";
  ws.mergeCells("J10:J14");
  ws.getCell("Z300").value = "дальняя ячейка";
  ws.getCell("K1").value = "Длинный текст: " + "абв ".repeat(1500);

  const shifted = wb.addWorksheet("Сводка");
  shifted.getCell("C5").value = "Показатель";
  shifted.getCell("D5").value = "Значение";
  shifted.getCell("C6").value = "Всего школ";
  shifted.getCell("D6").value = 120;
  shifted.getCell("C7").value = "Время";
  // A time of day is a fraction of day 0 of the workbook's date system.
  shifted.getCell("D7").value = options.date1904 ? utc(1904, 1, 1, 14, 30) : utc(1899, 12, 30, 14, 30);
  shifted.getCell("D7").numFmt = "hh:mm";
  shifted.getCell("C8").value = "Дата (встроенный формат)";
  shifted.getCell("D8").value = utc(2025, 9, 1);
  shifted.mergeCells("C9:D10");
  shifted.getCell("C9").value = "объединённые строки";

  const hidden = wb.addWorksheet("Скрытый", { state: "hidden" });
  hidden.getCell("A1").value = "в скрытом листе";
  hidden.getCell("B2").value = 42;
  const veryHidden = wb.addWorksheet("Совсем скрытый", { state: "veryHidden" });
  veryHidden.getCell("A1").value = "в очень скрытом листе";
  wb.addWorksheet("Пустой");
  return wb;
}

async function writeBook(
  wb: ExcelJS.Workbook,
  file: string,
  options?: { useSharedStrings?: boolean },
): Promise<string> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, new Uint8Array(await wb.xlsx.writeBuffer(options)));
  return file;
}

export const kitchenSink = (dir: string): Promise<string> =>
  writeBook(kitchenSinkWorkbook(), path.join(dir, "reader-kitchen-sink.xlsx"));
export const kitchenSink1904 = (dir: string): Promise<string> =>
  writeBook(kitchenSinkWorkbook({ date1904: true }), path.join(dir, "reader-kitchen-sink-1904.xlsx"));
export const kitchenSinkInline = (dir: string): Promise<string> =>
  writeBook(kitchenSinkWorkbook(), path.join(dir, "reader-kitchen-sink-inline.xlsx"), { useSharedStrings: false });

/** Rewrite every XML part of a package with `edit` (other parts copied raw). */
export function rewriteParts(bytes: Uint8Array, edit: (name: string, xml: string) => string): Uint8Array {
  const entries = readZipDirectory(bytes);
  const chunks: Uint8Array[] = [];
  const w = new ZipWriter((c) => chunks.push(c.slice()));
  for (const e of entries) {
    if (e.name.endsWith("/")) continue;
    if (!/\.(xml|rels)$/i.test(e.name)) {
      w.copyRaw(bytes, e);
      continue;
    }
    const xml = new TextDecoder().decode(inflateEntry(bytes, e, { maxBytes: 1e9 }));
    w.addFile(e.name, edit(e.name, xml));
  }
  w.finish();
  return new Uint8Array(Buffer.concat(chunks));
}

/** Transitional → Strict OOXML: SpreadsheetML and relationship namespaces and relationship types. */
export function toStrict(bytes: Uint8Array): Uint8Array {
  return rewriteParts(bytes, (_name, xml) =>
    xml
      .replace(
        /http:\/\/schemas\.openxmlformats\.org\/spreadsheetml\/2006\/main/g,
        "http://purl.oclc.org/ooxml/spreadsheetml/main",
      )
      .replace(
        /http:\/\/schemas\.openxmlformats\.org\/officeDocument\/2006\/relationships/g,
        "http://purl.oclc.org/ooxml/officeDocument/relationships",
      ),
  );
}

/** SpreadsheetML parts with the main namespace bound to the prefix `x:` (as some generators write them). */
export function toPrefixed(bytes: Uint8Array): Uint8Array {
  return rewriteParts(bytes, (name, xml) => {
    if (!/^xl\/(workbook|styles|sharedStrings|worksheets\/[^/]+)\.xml$/i.test(name)) return xml;
    return xml
      .replace(
        /xmlns="http:\/\/schemas\.openxmlformats\.org\/spreadsheetml\/2006\/main"/,
        'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"',
      )
      .replace(/<(\/?)([A-Za-z][\w.-]*)(?=[\s>/])/g, (_m, slash: string, el: string) => `<${slash}x:${el}`);
  });
}

export async function kitchenSinkStrict(dir: string): Promise<{ file: string; original: string }> {
  const original = await kitchenSink(dir);
  const file = path.join(dir, "reader-kitchen-sink-strict.xlsx");
  fs.writeFileSync(file, toStrict(fs.readFileSync(original)));
  return { file, original };
}

export async function kitchenSinkPrefixed(dir: string): Promise<{ file: string; original: string }> {
  const original = await kitchenSink(dir);
  const file = path.join(dir, "reader-kitchen-sink-prefixed.xlsx");
  fs.writeFileSync(file, toPrefixed(fs.readFileSync(original)));
  return { file, original };
}

/** Debian's LibreOffice (`apt-get install libreoffice-calc`): the `soffice` command, or null when it is missing. */
export function findSoffice(): string | null {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    for (const name of ["soffice", "libreoffice"]) {
      const p = path.join(dir, name);
      if (fs.existsSync(p)) return p;
    }
  }
  return null;
}

/**
 * Save `input` again through LibreOffice Calc (headless convert to .xlsx, «Calc MS Excel 2007 XML»), with a private
 * profile so that runs in parallel never share one. Resolves with the path of LibreOffice's file.
 */
export function libreOfficeResave(input: string, outDir: string, timeoutMs = 120_000): Promise<string> {
  const soffice = findSoffice();
  if (!soffice) {
    return Promise.reject(
      new Error("LibreOffice is needed for the reader corpus: sudo apt-get install libreoffice-calc (.ci/run does it)"),
    );
  }
  fs.mkdirSync(outDir, { recursive: true });
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "shnor-lo-profile-"));
  return new Promise<string>((resolve, reject) => {
    execFile(
      soffice,
      [
        `-env:UserInstallation=file://${profile}`,
        "--headless",
        "--norestore",
        "--convert-to",
        "xlsx:Calc MS Excel 2007 XML",
        "--outdir",
        outDir,
        input,
      ],
      { timeout: timeoutMs },
      (err, _stdout, stderr) => {
        fs.rmSync(profile, { recursive: true, force: true });
        const out = path.join(outDir, path.basename(input));
        if (err || !fs.existsSync(out)) {
          reject(new Error(`LibreOffice could not convert ${input}: ${err?.message ?? ""} ${stderr}`));
          return;
        }
        resolve(out);
      },
    );
  });
}

export async function kitchenSinkLibreOffice(dir: string): Promise<string> {
  const original = await kitchenSink(path.join(dir, "lo-input"));
  const saved = await libreOfficeResave(original, path.join(dir, "lo-output"));
  const file = path.join(dir, "reader-kitchen-sink-libreoffice.xlsx");
  fs.renameSync(saved, file);
  return file;
}

/** The corpus as files in `dir` (LibreOffice included when `withLibreOffice`). */
export async function makeReaderCorpus(dir: string, withLibreOffice = true): Promise<string[]> {
  const files = [
    await kitchenSink(dir),
    await kitchenSink1904(dir),
    await kitchenSinkInline(dir),
    (await kitchenSinkStrict(dir)).file,
    (await kitchenSinkPrefixed(dir)).file,
  ];
  if (withLibreOffice) files.push(await kitchenSinkLibreOffice(dir));
  return files;
}
