/**
 * The streaming .xlsx reader of issue 11 on packages written part by part: every kind of cell value, number formats
 * and date systems, Strict and prefixed XML, chunk boundaries anywhere, and the limits (sparse far cells, bombs, cell
 * counts, shared strings, long texts, damaged parts).
 */
import zlib from "node:zlib";
import { readXlsx, type XlsxReadOptions } from "../../../src/xlsx/readXlsx";
import { XlsxPackageError } from "../../../src/xlsx/xlsxPackage";
import { crc32, fflateInflater, type RawInflater } from "../../../src/xlsx/zip";
import type { CellValue, SheetGrid } from "../../../src/core/types";
import { handmadeXlsx, row, type HandWorkbook } from "./handmade";

const read = (wb: HandWorkbook, options: XlsxReadOptions = {}) => readXlsx(handmadeXlsx(wb), options);

/** The cells of a grid as {A1: value}, absolute positions (holes and nulls left out). */
function cells(g: SheetGrid): Record<string, CellValue> {
  const out: Record<string, CellValue> = {};
  const col = (c: number): string => {
    let s = "";
    for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    return s;
  };
  g.values.forEach((r, i) =>
    r?.forEach((v, j) => {
      if (v !== null && v !== undefined) out[`${col(j + (g.origin?.col ?? 0))}${i + 1 + (g.origin?.row ?? 0)}`] = v;
    }),
  );
  return out;
}

async function rejection(p: Promise<unknown>): Promise<XlsxPackageError> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(XlsxPackageError);
  return e as XlsxPackageError;
}

describe("readXlsx: values", () => {
  test("shared, inline and rich strings (phonetic runs left out), numbers, booleans, errors, cached formula results", async () => {
    const wb = await read({
      sharedStrings: [
        "<si><t>Школа</t></si>",
        '<si><r><t>МОУ </t></r><r><rPr><b/></rPr><t xml:space="preserve">«СОШ № 1»</t></r><rPh sb="0" eb="1"><t>ふりがな</t></rPh></si>',
        "<si><t>перенос_x000D_\nстроки и _x005F_x0041_</t></si>",
      ],
      sheets: [
        {
          name: "Данные",
          rows:
            row(1, [
              ["A1", 't="s"', "<v>0</v>"],
              ["B1", 't="s"', "<v>1</v>"],
              ["C1", 't="s"', "<v>2</v>"],
              ["D1", 't="inlineStr"', "<is><r><t>в</t></r><r><t>строке</t></r><rPh><t>x</t></rPh></is>"],
            ]) +
            row(2, [
              ["A2", "", "<v>30</v>"],
              ["B2", "", "<v>-0.35</v>"],
              ["C2", "", "<v>1.5E-3</v>"],
              ["D2", 't="b"', "<v>1</v>"],
              ["E2", 't="b"', "<v>0</v>"],
              ["F2", 't="e"', "<v>#DIV/0!</v>"],
            ]) +
            row(3, [
              ["A3", "", "<f>A2*0.3</f><v>9</v>"],
              ["B3", 't="str"', '<f>A1&amp;"!"</f><v>Школа!</v>'],
              ["C3", 't="b"', "<f>TRUE()</f><v>1</v>"],
              ["D3", 't="e"', "<f>1/0</f><v>#DIV/0!</v>"],
              ["E3", "", "<f>1/0</f>"],
              ["F3", 't="str"', '<f>""</f><v></v>'],
            ]),
        },
      ],
    });
    const s = wb.sheets[0];
    expect(s.name).toBe("Данные");
    expect(cells(s)).toEqual({
      A1: "Школа",
      B1: "МОУ «СОШ № 1»",
      C1: "перенос\r\nстроки и _x0041_",
      D1: "встроке",
      A2: 30,
      B2: -0.35,
      C2: 0.0015,
      D2: true,
      E2: false,
      F2: "#DIV/0!",
      A3: 9,
      B3: "Школа!",
      C3: true,
      D3: "#DIV/0!",
    });
    expect(s.origin).toEqual({ row: 0, col: 0 });
    expect(s.problems).toBeUndefined();
  });

  test("XML entities, character references, CDATA and line ends are decoded as an XML parser does", async () => {
    const wb = await read({
      sharedStrings: ["<si><t>&lt;a&gt; &amp; &quot;b&quot; &apos;c&apos; &#1064;&#x41E;&#x1F600; &unknown;</t></si>"],
      sheets: [
        {
          name: "Л&amp;1",
          rows: row(1, [
            ["A1", 't="s"', "<v>0</v>"],
            ["B1", 't="inlineStr"', "<is><t><![CDATA[<сырой & текст>]]></t></is>"],
            ["C1", 't="inlineStr"', "<is><t>две\r\nстроки\rещё</t></is>"],
            ["D1", 't="inlineStr"', "<is><!-- комментарий --><t>после комментария</t></is>"],
          ]),
        },
      ],
    });
    expect(wb.sheets[0].name).toBe("Л&amp;1");
    expect(cells(wb.sheets[0])).toEqual({
      A1: "<a> & \"b\" 'c' ШО😀 &unknown;",
      B1: "<сырой & текст>",
      C1: "две\nстроки\nещё",
      D1: "после комментария",
    });
  });

  test("sheet names with entities, hidden and very hidden sheets (state), chart sheets left out, workbook order", async () => {
    const wb = await read({
      sheets: [
        { name: "Школы & «ВПР»", rows: row(1, [["A1", "", "<v>1</v>"]]) },
        { name: "Диаграмма", chart: true },
        { name: "Скрытый", state: "hidden", rows: row(1, [["A1", "", "<v>2</v>"]]) },
        { name: "Совсем", state: "veryHidden" },
      ],
    });
    expect(wb.sheets.map((s) => [s.name, s.state])).toEqual([
      ["Школы & «ВПР»", undefined],
      ["Скрытый", "hidden"],
      ["Совсем", "veryHidden"],
    ]);
    expect(wb.sheets[2].values).toEqual([]);
  });

  test("fileName: the base name goes to the workbook and every sheet", async () => {
    const wb = await read(
      { sheets: [{ name: "Л", rows: row(1, [["A1", "", "<v>1</v>"]]) }] },
      {
        fileName: "/папка/реестр района.xlsx",
      },
    );
    expect(wb.fileName).toBe("реестр района.xlsx");
    expect(wb.sheets[0].file).toBe("реестр района.xlsx");
  });
});

describe("readXlsx: dates through number formats (SPEC §2 dates shown as years)", () => {
  // 45398 = 16.04.2024 in the 1900 system; 45657 = 31.12.2024; 45398.5 = noon.
  const formats = {
    numFmts: [
      { id: 164, code: "dd.mm.yyyy" },
      { id: 165, code: "yyyy" },
      { id: 166, code: '"Год "yyyy' },
      { id: 167, code: '[$-419]yyyy" г."' },
      { id: 168, code: "yy" },
      { id: 169, code: "0\\h" },
      { id: 170, code: '0.00" м"' },
      { id: 171, code: "[h]:mm" },
      { id: 172, code: "[Red]#,##0;[Blue]-#,##0" },
      { id: 173, code: "d mmmm yyyy" },
    ],
    // s = 0 General, 1 id 14, 2 id 22, 3 id 164, 4 yyyy, 5 "Год "yyyy, 6 [$-419]yyyy" г.", 7 yy, 8 0\h, 9 0.00" м",
    // 10 [h]:mm, 11 colours, 12 d mmmm yyyy, 13 id 10 (0.00%), 14 id 20 (h:mm)
    cellFormats: [0, 14, 22, 164, 165, 166, 167, 168, 169, 170, 171, 172, 173, 10, 20],
  };
  const sheetOf = (serial: string) =>
    row(
      1,
      Array.from({ length: 15 }, (_, i): [string, string, string] => [
        `${String.fromCharCode(65 + i)}1`,
        `s="${i}"`,
        `<v>${serial}</v>`,
      ]),
    );
  const utc = (...a: [number, number, number, number?, number?]) =>
    new Date(Date.UTC(a[0], a[1], a[2], a[3] ?? 0, a[4] ?? 0));

  test("built-in and custom date formats give Dates (UTC midnight, time kept); year-only formats give the year", async () => {
    const wb = await read({ ...formats, sheets: [{ name: "Д", rows: sheetOf("45657") }] });
    expect(cells(wb.sheets[0])).toEqual({
      A1: 45657,
      B1: utc(2024, 11, 31),
      C1: utc(2024, 11, 31),
      D1: utc(2024, 11, 31),
      E1: 2024,
      F1: 2024,
      G1: 2024,
      H1: 2024,
      I1: 45657,
      J1: 45657,
      K1: utc(2024, 11, 31),
      L1: 45657,
      M1: utc(2024, 11, 31),
      N1: 45657,
      O1: utc(2024, 11, 31),
    });
    const noon = await read({ ...formats, sheets: [{ name: "Д", rows: sheetOf("45398.5") }] });
    expect(cells(noon.sheets[0]).C1).toEqual(utc(2024, 3, 16, 12));
  });

  test("the 1904 date system (Mac workbooks): the same dates from serials 1462 days smaller", async () => {
    const wb = await read({ ...formats, date1904: true, sheets: [{ name: "Д", rows: sheetOf(String(45657 - 1462)) }] });
    expect(cells(wb.sheets[0])).toMatchObject({ B1: utc(2024, 11, 31), E1: 2024, H1: 2024 });
  });

  test('formula results are dated by their format too; `t="d"` ISO cells are Dates (or years under yyyy)', async () => {
    const wb = await read({
      ...formats,
      sheets: [
        {
          name: "Д",
          rows: row(1, [
            ["A1", 's="3"', "<f>DATE(2024,4,16)</f><v>45398</v>"],
            ["B1", 's="4"', "<f>DATE(2024,12,31)</f><v>45657</v>"],
            ["C1", 't="d"', "<v>2024-04-16T00:00:00</v>"],
            ["D1", 't="d" s="4"', "<v>2025-09-01</v>"],
          ]),
        },
      ],
    });
    expect(cells(wb.sheets[0])).toEqual({ A1: utc(2024, 3, 16), B1: 2024, C1: utc(2024, 3, 16), D1: 2025 });
  });

  test("a serial Excel shows as «####» (negative) stays a number", async () => {
    const wb = await read({
      ...formats,
      sheets: [
        {
          name: "Д",
          rows: row(1, [
            ["A1", 's="1"', "<v>-5</v>"],
            ["B1", 's="4"', "<v>-1</v>"],
          ]),
        },
      ],
    });
    expect(cells(wb.sheets[0])).toEqual({ A1: -5, B1: -1 });
  });
});

describe("readXlsx: layout", () => {
  test("merged areas keep the value in their top-left cell only and belong to the used area", async () => {
    const wb = await read({
      sheets: [
        {
          name: "М",
          rows:
            row(2, [
              ["B2", 't="inlineStr"', "<is><t>Заголовок</t></is>"],
              ["C2", 't="inlineStr"', "<is><t>скрыто объединением</t></is>"],
            ]) + row(3, [["B3", "", "<v>30</v>"]]),
          after: '<mergeCells count="2"><mergeCell ref="B2:D2"/><mergeCell ref="$B$3:$B$5"/></mergeCells>',
        },
      ],
    });
    const s = wb.sheets[0];
    expect(s.merges).toEqual([
      { top: 1, left: 1, bottom: 1, right: 3 },
      { top: 2, left: 1, bottom: 4, right: 1 },
    ]);
    expect(s.origin).toEqual({ row: 1, col: 1 });
    expect(s.values.length).toBe(4);
    expect(cells(s)).toEqual({ B2: "Заголовок", B3: 30 });
  });

  test("rows and cells without r attributes follow the previous ones; a row may hold cells out of order", async () => {
    const wb = await read({
      sheets: [
        {
          name: "Л",
          rows:
            '<row><c t="inlineStr"><is><t>a</t></is></c><c><v>1</v></c></row>' +
            '<row r="4"><c r="C4"><v>3</v></c><c><v>4</v></c><c r="A4"><v>2</v></c></row><row><c><v>5</v></c></row>',
        },
      ],
    });
    expect(cells(wb.sheets[0])).toEqual({ A1: "a", B1: 1, A4: 2, C4: 3, D4: 4, A5: 5 });
  });

  test("Strict OOXML namespaces and `x:`-prefixed elements read like the transitional spelling", async () => {
    const book = (extra: Partial<HandWorkbook>): HandWorkbook => ({
      sharedStrings: ["<si><t>Школа</t></si>"],
      numFmts: [{ id: 165, code: "yyyy" }],
      cellFormats: [0, 14, 165],
      sheets: [
        {
          name: "ВПР",
          rows: row(1, [
            ["A1", 't="s"', "<v>0</v>"],
            ["B1", 's="1"', "<v>45398</v>"],
            ["C1", 's="2"', "<v>45657</v>"],
            ["D1", 't="inlineStr"', "<is><t>текст</t></is>"],
          ]),
          after: '<mergeCells count="1"><mergeCell ref="D1:E1"/></mergeCells>',
        },
        { name: "Скрытый", state: "hidden", rows: row(1, [["A1", "", "<v>7</v>"]]) },
      ],
      ...extra,
    });
    const plain = await read(book({}));
    const strict = await read(book({ strict: true }));
    const prefixed = await read(book({ prefix: "x" }));
    const both = await read(book({ strict: true, prefix: "x" }));
    expect(cells(plain.sheets[0])).toEqual({ A1: "Школа", B1: new Date(Date.UTC(2024, 3, 16)), C1: 2024, D1: "текст" });
    for (const other of [strict, prefixed, both]) expect(other).toEqual(plain);
  });

  test("a part split into chunks anywhere (here: one byte at a time) reads the same", async () => {
    const book: HandWorkbook = {
      sharedStrings: ["<si><r><t>раз</t></r><r><t>два &amp; три</t></r></si>"],
      cellFormats: [0, 14],
      sheets: [
        {
          name: "Л",
          rows:
            row(1, [
              ["A1", 't="s"', "<v>0</v>"],
              ["B1", 's="1"', "<v>45398</v>"],
              ["C1", 't="inlineStr"', '<is><t xml:space="preserve"> ё&#x416;<![CDATA[<x>]]></t></is>'],
            ]) +
            "<!-- длинный комментарий с > внутри -->" +
            row(2, [["A2", "", "<v>123456.789</v>"]]),
          after: '<mergeCells><mergeCell ref="A2:B2"/></mergeCells>',
        },
      ],
    };
    const whole = await read(book);
    const byteByByte: RawInflater = (compressed, onChunk) =>
      fflateInflater(compressed, (chunk) => {
        for (let i = 0; i < chunk.length; i++) onChunk(chunk.subarray(i, i + 1));
      });
    const split = await read(book, { inflater: byteByByte });
    expect(split).toEqual(whole);
    expect(cells(whole.sheets[0])).toEqual({
      A1: "раздва & три",
      B1: new Date(Date.UTC(2024, 3, 16)),
      C1: " ёЖ<x>",
      A2: 123456.789,
    });
  });

  test("an asynchronous native inflater (node:zlib, as the CLI injects) gives the same grids", async () => {
    const book: HandWorkbook = {
      sharedStrings: ["<si><t>Школа</t></si>"],
      sheets: [
        {
          name: "Л",
          rows: Array.from({ length: 3000 }, (_, i) =>
            row(i + 1, [
              ["A" + (i + 1), 't="s"', "<v>0</v>"],
              ["B" + (i + 1), "", `<v>${i}</v>`],
            ]),
          ).join(""),
        },
      ],
    };
    const bytes = handmadeXlsx(book);
    const mine = await readXlsx(bytes);
    const native = await readXlsx(bytes, {
      asyncInflater: (compressed, onChunk) =>
        new Promise((resolve, reject) => {
          const inf = zlib.createInflateRaw({ chunkSize: 1024 });
          inf.on("data", (c: Buffer) => onChunk(c));
          inf.on("end", resolve);
          inf.on("error", reject);
          inf.end(compressed);
        }),
      crc: (d, prev) => crc32(d, prev),
    });
    expect(native).toEqual(mine);
    expect(mine.sheets[0].values.length).toBe(3000);
  });
});

describe("readXlsx: bounded (issue 11 hostile files)", () => {
  test("a stray cell at XFD1048576 costs one cell: sparse rows, holes, no dense rectangle", async () => {
    const wb = await read({
      sheets: [
        {
          name: "Реестр",
          rows:
            row(1, [
              ["A1", "", "<v>1</v>"],
              ["B1", "", "<v>2</v>"],
            ]) + row(1048576, [["XFD1048576", 't="inlineStr"', "<is><t>x</t></is>"]]),
        },
      ],
    });
    const s = wb.sheets[0];
    expect(s.origin).toEqual({ row: 0, col: 0 });
    expect(s.values.length).toBe(1048576);
    expect(s.values[0]).toEqual([1, 2]);
    expect(1 in s.values).toBe(false);
    let present = 0;
    for (const k in s.values) if (s.values[k] !== undefined) present++;
    expect(present).toBe(2);
    const last = s.values[1048575];
    expect(last.length).toBe(16384);
    expect(last[16383]).toBe("x");
    expect(Object.keys(last)).toEqual(["16383"]);
  });

  test("a value at row 130,000 leaves the rows between as holes", async () => {
    const wb = await read({
      sheets: [{ name: "Л", rows: row(1, [["A1", "", "<v>1</v>"]]) + row(130000, [["B130000", "", "<v>2</v>"]]) }],
    });
    const s = wb.sheets[0];
    expect(s.values.length).toBe(130000);
    expect(Object.keys(s.values)).toEqual(["0", "129999"]);
    expect(s.values[129999][1]).toBe(2);
  });

  test("a bomb whose directory tells its size is refused before anything is inflated", async () => {
    let inflated = 0;
    const counting: RawInflater = (c, on) => fflateInflater(c, (chunk) => ((inflated += chunk.length), on(chunk)));
    // The sheet part: 12 MB of spaces inside <sheetData>, compressed to a few KB.
    const big = new TextEncoder().encode(
      `<worksheet><sheetData>${" ".repeat(12 * 1024 * 1024)}</sheetData></worksheet>`,
    );
    const file = handmadeXlsx({ sheets: [{ name: "Л", xml: new TextDecoder().decode(big) }] });
    expect(file.length).toBeLessThan(100_000);
    inflated = 0;
    const e = await rejection(
      readXlsx(file, { fileName: "бомба.xlsx", inflater: counting, limits: { maxPartBytes: 10_000_000 } }),
    );
    expect(e.code).toBe("too-large");
    expect(e.message).toBe(
      "Файл «бомба.xlsx» распаковывается в 13 МБ — больше допустимого (10 МБ на часть «xl/worksheets/sheet1.xml»); такой файл не читается.",
    );
    // Only the small parts (workbook, relationships, styles) were inflated.
    expect(inflated).toBeLessThan(10_000);
  });

  test("a bomb whose directory lies stops at the limit of what really inflates, in bounded memory", async () => {
    const text = `<worksheet><sheetData>${" ".repeat(30_000_000)}</sheetData></worksheet>`;
    const file = handmadeXlsx({ sheets: [{ name: "Л", xml: text }] });
    // Make the central directory claim 1,000 bytes for the sheet part.
    const b = new DataView(file.buffer, file.byteOffset, file.byteLength);
    for (let i = file.length - 22; i >= 0; i--) {
      if (b.getUint32(i, true) !== 0x02014b50) continue;
      const nameLen = b.getUint16(i + 28, true);
      const name = new TextDecoder().decode(file.subarray(i + 46, i + 46 + nameLen));
      if (name === "xl/worksheets/sheet1.xml") b.setUint32(i + 24, 1000, true);
    }
    let inflated = 0;
    const counting: RawInflater = (c, on) => fflateInflater(c, (chunk) => ((inflated += chunk.length), on(chunk)));
    const e = await rejection(
      readXlsx(file, { fileName: "ложь.xlsx", inflater: counting, limits: { maxPartBytes: 5_000_000 } }),
    );
    expect(e.code).toBe("too-large");
    expect(e.message).toMatch(/^Файл «ложь\.xlsx» распаковывается больше чем в 5 МБ — больше допустимого/);
    expect(inflated).toBeLessThan(5_000_000 + 4_300_000);
  });

  test("the default limit refuses a sheet that inflates to 1.2 GB (told by the directory) in one Russian line", async () => {
    // A real 1.2 GB part would take seconds to compress; the directory of a small one is made to tell that size.
    const file = handmadeXlsx({ sheets: [{ name: "Л", rows: row(1, [["A1", "", "<v>1</v>"]]) }] });
    const b = new DataView(file.buffer, file.byteOffset, file.byteLength);
    for (let i = file.length - 22; i >= 0; i--) {
      if (b.getUint32(i, true) !== 0x02014b50) continue;
      const nameLen = b.getUint16(i + 28, true);
      if (new TextDecoder().decode(file.subarray(i + 46, i + 46 + nameLen)) === "xl/worksheets/sheet1.xml") {
        b.setUint32(i + 24, 1_200_000_000, true);
      }
    }
    const e = await rejection(readXlsx(file, { fileName: "x.xlsx" }));
    expect(e.message).toBe(
      "Файл «x.xlsx» распаковывается в 1,2 ГБ — больше допустимого (1 ГБ на часть «xl/worksheets/sheet1.xml»); такой файл не читается.",
    );
  });

  test("cells past the cell limit and shared strings past theirs are refused with a Russian line", async () => {
    const rows = Array.from({ length: 50 }, (_, i) =>
      row(i + 1, [
        ["A" + (i + 1), "", "<v>1</v>"],
        ["B" + (i + 1), "", "<v>2</v>"],
      ]),
    ).join("");
    const many = await rejection(
      read({ sheets: [{ name: "Л", rows }] }, { fileName: "много.xlsx", limits: { maxCells: 99 } }),
    );
    expect(many.message).toBe(
      "Файл «много.xlsx»: в книге больше 99 заполненных ячеек — больше допустимого; такой файл не читается.",
    );
    const strings = await rejection(
      read(
        {
          sharedStrings: Array.from({ length: 20 }, (_, i) => `<si><t>${i}</t></si>`),
          sheets: [{ name: "Л", rows: "" }],
        },
        { fileName: "строки.xlsx", limits: { maxSharedStrings: 10 } },
      ),
    );
    expect(strings.message).toBe(
      "Файл «строки.xlsx»: в книге больше 10 разных строк текста — больше допустимого; такой файл не читается.",
    );
  });

  test("a 10 MB cell is cut at Excel's 32,767 characters and reported with its cell, not a crash", async () => {
    const long = "Ш".repeat(10_000_000);
    const wb = await read(
      {
        sharedStrings: [`<si><t>${long}</t></si>`],
        sheets: [
          {
            name: "ВПР",
            rows: row(1, [["A1", 't="s"', "<v>0</v>"]]) + row(2, [["B2", 't="inlineStr"', `<is><t>${long}</t></is>`]]),
          },
        ],
      },
      { fileName: "длинная.xlsx" },
    );
    const s = wb.sheets[0];
    expect((s.values[0][0] as string).length).toBe(32767);
    expect((s.values[1][1] as string).length).toBe(32767);
    expect(s.problems).toEqual([
      {
        sheet: "ВПР",
        cell: "A1",
        file: "длинная.xlsx",
        message: "текст ячейки длиннее 32 767 символов (предел Excel): прочитаны первые 32 767, остальное отброшено",
      },
      {
        sheet: "ВПР",
        cell: "B2",
        file: "длинная.xlsx",
        message: "текст ячейки длиннее 32 767 символов (предел Excel): прочитаны первые 32 767, остальное отброшено",
      },
    ]);
  });

  test("damaged packages: truncated zip, broken XML, missing sheet part, wrong CRC — one Russian line each", async () => {
    const good = handmadeXlsx({ sheets: [{ name: "Л", rows: row(1, [["A1", "", "<v>1</v>"]]) }] });
    const truncated = await rejection(readXlsx(good.subarray(0, good.length - 40), { fileName: "обрезан.xlsx" }));
    expect(truncated.message).toMatch(/^Файл «обрезан\.xlsx» повреждён или записан не полностью/);
    const broken = await rejection(
      read({ sheets: [{ name: "Л", xml: '<worksheet><sheetData><row r="1"><c r="A1' }] }, { fileName: "xml.xlsx" }),
    );
    expect(broken.message).toBe(
      "Файл «xml.xlsx» повреждён или записан не полностью: его не удаётся открыть как книгу Excel .xlsx (часть «xl/worksheets/sheet1.xml»).",
    );
    const badCrc = good.slice();
    const b = new DataView(badCrc.buffer);
    for (let i = badCrc.length - 22; i >= 0; i--) {
      if (b.getUint32(i, true) !== 0x02014b50) continue;
      const nameLen = b.getUint16(i + 28, true);
      if (new TextDecoder().decode(badCrc.subarray(i + 46, i + 46 + nameLen)) === "xl/worksheets/sheet1.xml") {
        b.setUint32(i + 16, 1234, true);
      }
    }
    expect((await rejection(readXlsx(badCrc, { fileName: "crc.xlsx" }))).code).toBe("damaged");
  });

  test("a reference to a shared string that does not exist is a problem of that cell", async () => {
    const wb = await read({
      sharedStrings: ["<si><t>есть</t></si>"],
      sheets: [
        {
          name: "Л",
          rows: row(1, [
            ["A1", 't="s"', "<v>0</v>"],
            ["B1", 't="s"', "<v>7</v>"],
          ]),
        },
      ],
    });
    expect(cells(wb.sheets[0])).toEqual({ A1: "есть" });
    expect(wb.sheets[0].problems).toEqual([
      {
        sheet: "Л",
        cell: "B1",
        message: "ссылка на строку, которой нет в книге (файл повреждён) — ячейка не прочитана",
      },
    ]);
  });
});
