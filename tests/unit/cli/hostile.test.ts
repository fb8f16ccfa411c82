/**
 * Issue 11 hostile files through the real command (`node bin/shnor.js` in a child process): none may crash, hang or
 * exhaust memory. A bomb and a special file are refused with exit 2 and one Russian line; a far cell, a value 130,000
 * rows down, 130,000 unreadable rows, a 10 MB cell and Strict namespaces give the list (exit 0). Rules named: R-LOW,
 * R-SHNOR (the lists compared).
 */
import { execFile, execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import ExcelJS from "exceljs";
import { crc32, findEntry, inflateEntry, ZipWriter, readZipDirectory, type ZipEntry } from "../../../src/xlsx/zip";
import { toStrict } from "../../../scripts/make-fixtures";
import { RESULTS_HEADER, tmpDir, vpr, type Row } from "../pipeline/helpers";

jest.setTimeout(240_000);

const BIN = path.resolve(__dirname, "..", "..", "..", "bin", "shnor.js");

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function shnor(args: string[], timeout = 120_000): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { cwd: os.tmpdir(), encoding: "utf8", timeout, maxBuffer: 512 * 1024 * 1024 },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === "number" ? err.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** Exit 2, nothing on stdout, exactly one Russian line on stderr. */
function oneRussianLine(r: Run): string {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe("");
  const lines = r.stderr.replace(/\n$/, "").split("\n");
  expect(lines).toHaveLength(1);
  expect(lines[0]).not.toMatch(/\b[A-Za-z]{3,} [A-Za-z]{3,}\b/);
  return lines[0];
}

const S1 = "МБОУ «СОШ № 1»";
const S2 = "МБОУ «СОШ № 2»";
const BASE: Row[] = [
  vpr(S1, "2024/2025", "5", "математика", 20, 7),
  vpr(S1, "2024/2025", "6", "математика", 20, 8),
  vpr(S2, "2024/2025", "5", "математика", 20, 1),
];

let dir: string;
beforeAll(() => {
  dir = tmpDir("shnor-hostile-");
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A register on «ВПР» (title row, header, rows); `edit` adds the hostile part. */
async function register(name: string, rows: Row[], edit?: (ws: ExcelJS.Worksheet) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("ВПР");
  ws.addRow(["Результаты оценочных процедур по школам района"]);
  ws.addRow(RESULTS_HEADER);
  for (const r of rows) ws.addRow(r);
  edit?.(ws);
  const file = path.join(dir, name);
  await wb.xlsx.writeFile(file);
  return file;
}

interface ListJson {
  schools: { school: string; shnor: boolean; rules: number[] }[];
  problems: { sheet: string; cell: string; message: string }[];
}

async function listJson(file: string): Promise<ListJson> {
  const r = await shnor(["list", file, "--json"]);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as ListJson;
}

const verdicts = (j: ListJson) => j.schools.map((s) => [s.school, s.shnor, s.rules]);

let baseList: ListJson;
beforeAll(async () => {
  baseList = await listJson(await register("обычный.xlsx", BASE));
  expect(verdicts(baseList)).toEqual([
    [S1, true, [1]],
    [S2, false, []],
  ]);
});

/**
 * A zip bomb: a sheet part of 1.2 GB of spaces inside <sheetData>, deflated by zlib to about a megabyte. With
 * `claimed`, the central directory states another inflated size (a lying directory).
 */
async function bomb(file: string, claimed?: number): Promise<void> {
  const block = Buffer.alloc(16 * 1024 * 1024, 0x20);
  const head = Buffer.from(
    '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>',
  );
  const tail = Buffer.from("</sheetData></worksheet>");
  const deflate = zlib.createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on("data", (c: Buffer) => out.push(c));
  const done = new Promise((resolve) => deflate.on("end", resolve));
  let crc = crc32(head);
  let size = head.length;
  deflate.write(head);
  for (let i = 0; i < 72; i++) {
    crc = crc32(block, crc);
    size += block.length;
    if (!deflate.write(block)) await new Promise((r) => deflate.once("drain", r));
  }
  crc = crc32(tail, crc);
  size += tail.length;
  deflate.end(tail);
  await done;
  const compressed = new Uint8Array(Buffer.concat(out));
  // The package around it: an ExcelJS workbook whose sheet part is replaced by the bomb.
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("ВПР").addRow(["Школа"]);
  const source = new Uint8Array(await wb.xlsx.writeBuffer());
  const fd = fs.openSync(file, "w");
  const w = new ZipWriter((c) => fs.writeSync(fd, c));
  for (const e of readZipDirectory(source)) {
    if (e.name !== "xl/worksheets/sheet1.xml") {
      w.copyRaw(source, e);
      continue;
    }
    const entry: ZipEntry = {
      ...e,
      method: 8,
      flags: 0,
      crc32: crc >>> 0,
      compressedSize: compressed.length,
      uncompressedSize: claimed ?? size,
      dataOffset: 0,
    };
    w.copyRaw(compressed, entry);
  }
  w.finish();
  fs.closeSync(fd);
}

describe("issue 11 hostile files (exit codes and messages unchanged otherwise)", () => {
  test("a 1 MB zip whose sheet inflates to 1.2 GB: exit 2 at once, one Russian line naming the size", async () => {
    const file = path.join(dir, "бомба.xlsx");
    await bomb(file);
    expect(fs.statSync(file).size).toBeLessThan(3_000_000);
    const line = oneRussianLine(await shnor(["list", file]));
    expect(line).toBe(
      "Файл «бомба.xlsx» распаковывается в 1,2 ГБ — больше допустимого (1 ГБ на часть «xl/worksheets/sheet1.xml»); такой файл не читается.",
    );
  });

  test("the same bomb with a directory claiming 1 KB: inflation stops at the limit, exit 2, one Russian line", async () => {
    const file = path.join(dir, "бомба-ложь.xlsx");
    await bomb(file, 1000);
    const line = oneRussianLine(await shnor(["registers", file]));
    expect(line).toBe(
      "Файл «бомба-ложь.xlsx» распаковывается больше чем в 1 ГБ — больше допустимого (1 ГБ на часть «xl/worksheets/sheet1.xml»); такой файл не читается.",
    );
  });

  test("R-SHNOR: one stray cell at XFD1048576 on a small register — the list is the same as without it", async () => {
    const file = await register("дальняя ячейка.xlsx", BASE, (ws) => {
      ws.getCell("XFD1048576").value = "x";
    });
    expect(verdicts(await listJson(file))).toEqual(verdicts(baseList));
  });

  test("R-LOW: result rows at rows 130,000–130,001 (below 129,990 empty rows) are read", async () => {
    const file = await register("глубоко.xlsx", BASE, (ws) => {
      ws.getRow(130000).values = vpr(S2, "2024/2025", "6", "математика", 20, 9);
      ws.getRow(130001).values = vpr(S2, "2024/2025", "7", "математика", 20, 6);
    });
    const j = await listJson(file);
    expect(verdicts(j)).toEqual([
      [S1, true, [1]],
      [S2, true, [1]],
    ]);
  });

  test("130,000 unreadable rows: exit 0, every one a problem with its cell (no stack overflow)", async () => {
    const rows: Row[] = [...BASE];
    for (let i = 0; i < 130_000; i++) rows.push(vpr(`Школа ${i}`, "2024/2025", "5", "математика", 20, "много"));
    const file = await register("сто тридцать тысяч.xlsx", rows);
    const j = await listJson(file);
    const bad = j.problems.filter((p) => p.message.includes("«много»"));
    expect(bad).toHaveLength(130_000);
    expect(bad[0]).toMatchObject({ sheet: "ВПР", cell: "G6" });
    expect(j.schools.find((s) => s.school === S1)?.shnor).toBe(true);
  });

  test("a 10 MB text cell: cut at 32,767 characters, reported with its cell, the list built (exit 0)", async () => {
    const file = await register("длинная ячейка.xlsx", BASE, (ws) => {
      ws.getCell("A1").value = `Результаты оценочных процедур ${"по школам района ".repeat(600_000)}`;
    });
    const j = await listJson(file);
    expect(verdicts(j)).toEqual(verdicts(baseList));
    expect(j.problems).toContainEqual({
      sheet: "ВПР",
      cell: "A1",
      file: "длинная ячейка.xlsx",
      message: "текст ячейки длиннее 32 767 символов (предел Excel): прочитаны первые 32 767, остальное отброшено",
    });
  });

  test("a FIFO, a device and a folder named .xlsx are refused before anything opens them: exit 2, one line", async () => {
    const fifo = path.join(dir, "канал.xlsx");
    execFileSync("mkfifo", [fifo]);
    // Nobody ever writes to the FIFO: opening it for reading would wait forever.
    expect(oneRussianLine(await shnor(["list", fifo], 30_000))).toBe(
      `«${fifo}» — именованный канал (FIFO), а не файл: нужен файл .xlsx.`,
    );
    const device = path.join(dir, "ноль.xlsx");
    fs.symlinkSync("/dev/zero", device);
    expect(oneRussianLine(await shnor(["registers", device], 30_000))).toBe(
      `«${device}» — устройство, а не файл: нужен файл .xlsx.`,
    );
    const folder = path.join(dir, "папка.xlsx");
    fs.mkdirSync(folder);
    expect(oneRussianLine(await shnor(["list", folder], 30_000))).toBe(`«${folder}» — папка, а нужен файл .xlsx.`);
  });

  test("R-SHNOR: a register saved with Strict OOXML namespaces gives the same list", async () => {
    const plain = await register("строгий-исходный.xlsx", BASE);
    const strict = path.join(dir, "строгий.xlsx");
    fs.writeFileSync(strict, toStrict(fs.readFileSync(plain)));
    const bytes = new Uint8Array(fs.readFileSync(strict));
    const sheet = findEntry(readZipDirectory(bytes), "xl/worksheets/sheet1.xml")!;
    expect(new TextDecoder().decode(inflateEntry(bytes, sheet, { maxBytes: 1e7 }))).toContain(
      'xmlns="http://purl.oclc.org/ooxml/spreadsheetml/main"',
    );
    expect(verdicts(await listJson(strict))).toEqual(verdicts(baseList));
  });
});
