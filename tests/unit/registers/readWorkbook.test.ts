import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import ExcelJS from "exceljs";
import { readXlsxBuffer, readXlsxFile } from "../../../src/xlsx/readWorkbook";

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "shnor-read-"));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function writeSample(): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Данные");
  ws.getCell("B2").value = "Заголовок";
  ws.mergeCells("B2:D2");
  ws.getCell("B3").value = 30;
  ws.getCell("C3").value = { formula: "B3*0.3", result: 9 };
  ws.getCell("D3").value = { richText: [{ text: "МОУ " }, { font: { bold: true }, text: "«СОШ № 1»" }] };
  ws.getCell("B4").value = { text: "сайт школы", hyperlink: "https://example.org" };
  ws.getCell("C4").value = { error: "#DIV/0!" } as ExcelJS.CellErrorValue;
  ws.getCell("D4").value = new Date(Date.UTC(2025, 3, 16));
  ws.getCell("E5").value = true;
  ws.getCell("B5").value = { formula: "1/0" } as ExcelJS.CellFormulaValue;
  const hidden = wb.addWorksheet("Скрытый", { state: "hidden" });
  hidden.getCell("A1").value = "в скрытом листе";
  wb.addWorksheet("Пустой");
  const file = path.join(dir, "пример.xlsx");
  await wb.xlsx.writeFile(file);
  return file;
}

describe("readXlsxFile (ExcelJS reader)", () => {
  it("gives plain values: formulas → cached result, rich text and hyperlinks → text, errors → code, dates", async () => {
    const wb = await readXlsxFile(await writeSample());
    expect(wb.fileName).toBe("пример.xlsx");
    const s = wb.sheets[0];
    expect(s.name).toBe("Данные");
    expect(s.file).toBe("пример.xlsx");
    expect(s.origin).toEqual({ row: 1, col: 1 });
    expect(s.values).toEqual([
      ["Заголовок", null, null, null],
      [30, 9, "МОУ «СОШ № 1»", null],
      ["сайт школы", "#DIV/0!", new Date(Date.UTC(2025, 3, 16)), null],
      [null, null, null, true],
    ]);
    expect(s.merges).toEqual([{ top: 1, left: 1, bottom: 1, right: 3 }]);
  });

  it("reads hidden sheets and empty sheets too", async () => {
    const wb = await readXlsxFile(await writeSample());
    expect(wb.sheets.map((s) => [s.name, s.values.length])).toEqual([
      ["Данные", 4],
      ["Скрытый", 1],
      ["Пустой", 0],
    ]);
  });

  it("reads a Buffer and an ArrayBuffer alike", async () => {
    const buf = fs.readFileSync(await writeSample());
    const a = await readXlsxBuffer(buf, "x.xlsx");
    const ab = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
    const b = await readXlsxBuffer(ab as ArrayBuffer);
    expect(b.sheets[0].values).toEqual(a.sheets[0].values);
    expect(b.fileName).toBeUndefined();
  });

  it("a file that is not an .xlsx throws a Russian message", async () => {
    const txt = path.join(dir, "не-книга.xlsx");
    fs.writeFileSync(txt, "Школа;Участники\n");
    await expect(readXlsxFile(txt)).rejects.toThrow("Файл «не-книга.xlsx» не является книгой Excel (.xlsx)");
    const zipLike = path.join(dir, "битый.xlsx");
    fs.writeFileSync(zipLike, Buffer.concat([Buffer.from("PK\u0003\u0004"), Buffer.alloc(64)]));
    await expect(readXlsxFile(zipLike)).rejects.toThrow(
      /«битый\.xlsx».*(не удалось|не удаётся) прочитать как книгу Excel/,
    );
  });

  it("a missing file throws a Russian message", async () => {
    await expect(readXlsxFile(path.join(dir, "нет.xlsx"))).rejects.toThrow(/файл не найден/);
  });
});

describe("issue 16 item 10: dates formatted as years are read as displayed (SPEC §2)", () => {
  it("31.12.2024 shown as «2024» (yyyy, yy, with literal text or a locale code) is the number 2024; other dates stay dates", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Годы");
    const put = (a1: string, d: Date, numFmt?: string) => {
      ws.getCell(a1).value = d;
      if (numFmt) ws.getCell(a1).numFmt = numFmt;
    };
    put("A1", new Date(Date.UTC(2024, 11, 31)), "yyyy");
    put("A2", new Date(Date.UTC(2024, 11, 31)), 'yyyy" г."');
    put("A3", new Date(Date.UTC(2025, 4, 20)), "[$-419]yyyy");
    put("A4", new Date(Date.UTC(2024, 8, 1)), "yy");
    put("A5", new Date(Date.UTC(2025, 3, 16)), "dd.mm.yyyy");
    put("A6", new Date(Date.UTC(2024, 11, 31)), "mmmm yyyy");
    ws.getCell("A7").value = 2024;
    const file = path.join(dir, "годы.xlsx");
    await wb.xlsx.writeFile(file);
    const values = (await readXlsxFile(file)).sheets[0].values.map((r) => r[0]);
    expect(values.slice(0, 4)).toEqual([2024, 2024, 2025, 2024]);
    expect(values[4]).toEqual(new Date(Date.UTC(2025, 3, 16)));
    expect(values[5]).toEqual(new Date(Date.UTC(2024, 11, 31)));
    expect(values[6]).toBe(2024);
  });
});
