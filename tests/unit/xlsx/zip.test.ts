/**
 * The zip layer of .xlsx packages (issue 11 bounded reads, issue 12 byte-for-byte copies): real packages written by
 * ExcelJS and JSZip are listed, inflated under limits and copied raw.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { deflateSync } from "fflate";
import {
  crc32,
  findEntry,
  inflateEntry,
  readZipDirectory,
  streamEntry,
  ZipError,
  zipToBytes,
  type ZipEntry,
} from "../../../src/xlsx/zip";

async function excelJsWorkbook(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("ВПР");
  ws.addRow(["Школа", "Участники", "Не справились"]);
  for (let i = 0; i < 200; i++) ws.addRow([`МБОУ «СОШ № ${i}»`, 20 + (i % 7), i % 5]);
  wb.addWorksheet("Школы").addRow(["Школа"]);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const text = (b: Uint8Array): string => new TextDecoder().decode(b);
const LIMIT = { maxBytes: 50_000_000 };

/** A one-entry zip whose directory is edited afterwards (lying sizes, wrong CRC). */
function singleEntryZip(name: string, data: Uint8Array): Uint8Array {
  return zipToBytes((w) => w.addFile(name, data));
}

function centralOffset(b: Uint8Array): number {
  for (let i = b.length - 22; i >= 0; i--)
    if (b[i] === 0x50 && b[i + 1] === 0x4b && b[i + 2] === 1 && b[i + 3] === 2) return i;
  throw new Error("no central record");
}

describe("readZipDirectory and inflateEntry", () => {
  test("every part of an ExcelJS workbook is listed and inflates to what JSZip reads", async () => {
    const bytes = await excelJsWorkbook();
    const entries = readZipDirectory(bytes);
    const zip = await JSZip.loadAsync(bytes);
    // Folder entries («xl/») are entries too: a raw copy keeps them.
    const names = Object.values(zip.files)
      .map((f) => f.name)
      .sort();
    expect(entries.map((e) => e.name).sort()).toEqual(names);
    for (const e of entries.filter((x) => !x.name.endsWith("/"))) {
      const mine = inflateEntry(bytes, e, LIMIT);
      const theirs = await zip.file(e.name)!.async("uint8array");
      expect(Buffer.from(mine).equals(Buffer.from(theirs))).toBe(true);
    }
    expect(text(inflateEntry(bytes, findEntry(entries, "XL/WORKBOOK.XML")!, LIMIT))).toContain("<workbook");
  });

  test("streamEntry delivers the part in chunks that add up to the whole", async () => {
    const bytes = await excelJsWorkbook();
    const entries = readZipDirectory(bytes);
    const sheet = findEntry(entries, "xl/worksheets/sheet1.xml")!;
    const parts: Uint8Array[] = [];
    streamEntry(bytes, sheet, (c) => parts.push(c.slice()), LIMIT);
    const joined = Buffer.concat(parts.map((p) => Buffer.from(p)));
    expect(joined.length).toBe(sheet.uncompressedSize);
    expect(joined.toString("utf8")).toContain('<c r="B201"><v>23</v></c>');
  });

  test("a zip bomb stops at the limit with a Russian message, whatever its directory claims", () => {
    const zeros = new Uint8Array(64 * 1024 * 1024);
    const bytes = singleEntryZip("xl/worksheets/sheet1.xml", zeros);
    expect(bytes.length).toBeLessThan(200_000);
    // The directory is made to lie: it claims 100 bytes.
    const c = centralOffset(bytes);
    new DataView(bytes.buffer).setUint32(c + 24, 100, true);
    const [entry] = readZipDirectory(bytes);
    expect(entry.uncompressedSize).toBe(100);
    let seen = 0;
    let error: unknown;
    try {
      streamEntry(bytes, entry, (chunk) => (seen += chunk.length), { maxBytes: 8 * 1024 * 1024 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ZipError);
    expect((error as ZipError).code).toBe("too-large");
    expect((error as ZipError).message).toMatch(/распаковывается больше чем в 8 МБ — больше допустимого/);
    expect(seen).toBeLessThanOrEqual(8 * 1024 * 1024);
  });

  test("a wrong CRC or a truncated part is «повреждён», not garbage data", () => {
    const bytes = singleEntryZip("a.xml", new TextEncoder().encode("<a>данные</a>".repeat(100)));
    const bad = bytes.slice();
    const c = centralOffset(bad);
    new DataView(bad.buffer).setUint32(c + 16, 12345, true);
    const [entry] = readZipDirectory(bad);
    expect(() => inflateEntry(bad, entry, LIMIT)).toThrow(/контрольная сумма части «a.xml» не сходится/);
    expect(() => readZipDirectory(bytes.subarray(0, bytes.length - 30))).toThrow(ZipError);
    expect(() => readZipDirectory(bytes.subarray(0, 40))).toThrow(/повреждён или записан не полностью/);
  });

  test("not a zip at all, and an encrypted part, are said", () => {
    expect(() => readZipDirectory(new TextEncoder().encode("Школа;Участники\n"))).toThrow(/это не архив zip/);
    const bytes = singleEntryZip("a.xml", new TextEncoder().encode("<a/>"));
    const c = centralOffset(bytes);
    new DataView(bytes.buffer).setUint16(c + 8, 1, true);
    expect(() => readZipDirectory(bytes)).toThrow(/зашифрованы/);
  });

  test("an archive comment after the directory and stored (method 0) parts are read", async () => {
    const zip = new JSZip();
    zip.file("stored.xml", "<x>без сжатия</x>", { compression: "STORE" });
    zip.file("deflated.xml", "<y>сжато</y>".repeat(50), { compression: "DEFLATE" });
    const bytes = await zip.generateAsync({ type: "uint8array", comment: "комментарий архива" });
    const entries = readZipDirectory(bytes);
    expect(entries.map((e) => [e.name, e.method])).toEqual([
      ["stored.xml", 0],
      ["deflated.xml", 8],
    ]);
    expect(text(inflateEntry(bytes, entries[0], LIMIT))).toBe("<x>без сжатия</x>");
    expect(text(inflateEntry(bytes, entries[1], LIMIT))).toBe("<y>сжато</y>".repeat(50));
  });

  test("the entry-count limit refuses a directory listing too many parts", () => {
    const bytes = zipToBytes((w) => {
      for (let i = 0; i < 20; i++) w.addFile(`p${i}.xml`, "<p/>");
    });
    expect(() => readZipDirectory(bytes, { maxEntries: 10 })).toThrow(/в архиве 20 частей — больше допустимых 10/);
  });
});

describe("ZipWriter", () => {
  test("raw copies keep the compressed bytes; new parts, whole or streamed, read back in JSZip", async () => {
    const source = await excelJsWorkbook();
    const entries = readZipDirectory(source);
    const out = zipToBytes((w) => {
      for (const e of entries) w.copyRaw(source, e);
      w.addFile("xl/extra/part9.xml", "<worksheet>новый лист</worksheet>");
      const s = w.addStream("xl/extra/part10.xml");
      for (let i = 0; i < 5000; i++) s.push(`<row r="${i + 1}"><c t="inlineStr"><is><t>Школа ${i}</t></is></c></row>`);
      s.end();
      w.addFile("docProps/Свойства.xml", "<p/>");
    });
    const copied = readZipDirectory(out);
    const raw = (b: Uint8Array, e: ZipEntry) => Buffer.from(b.subarray(e.dataOffset, e.dataOffset + e.compressedSize));
    for (const e of entries) {
      const c = findEntry(copied, e.name)!;
      expect(raw(out, c).equals(raw(source, e))).toBe(true);
      expect([c.crc32, c.uncompressedSize, c.method]).toEqual([e.crc32, e.uncompressedSize, e.method]);
    }
    const zip = await JSZip.loadAsync(out);
    expect(await zip.file("xl/extra/part9.xml")!.async("string")).toBe("<worksheet>новый лист</worksheet>");
    const streamed = await zip.file("xl/extra/part10.xml")!.async("string");
    expect(streamed.startsWith('<row r="1">')).toBe(true);
    expect(streamed).toContain("Школа 4999");
    expect(zip.file("docProps/Свойства.xml")).not.toBeNull();
    // ExcelJS opens the copy as the workbook it was.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(out.buffer as ArrayBuffer);
    expect(wb.getWorksheet("ВПР")!.getCell("A201").value).toBe("МБОУ «СОШ № 199»");
  });

  test("crc32 matches the known value and works incrementally", () => {
    const data = new TextEncoder().encode("123456789");
    expect(crc32(data)).toBe(0xcbf43926);
    expect(crc32(data.subarray(4), crc32(data.subarray(0, 4)))).toBe(0xcbf43926);
  });

  test("a part name is never written twice", () => {
    expect(() =>
      zipToBytes((w) => {
        w.addFile("a.xml", "<a/>");
        w.addFile("A.XML", "<a/>");
      }),
    ).toThrow(/duplicate part/);
  });

  test("deflate output of fflate inflates with the default inflater", () => {
    const data = new TextEncoder().encode("Муниципалитет;".repeat(1000));
    const bytes = zipToBytes((w) => w.addFile("x.csv", data));
    const [e] = readZipDirectory(bytes);
    expect(e.compressedSize).toBeLessThan(data.length / 10);
    expect(Buffer.from(inflateEntry(bytes, e, LIMIT)).equals(Buffer.from(data))).toBe(true);
    expect(deflateSync(data).length).toBeGreaterThan(0);
  });
});
