/**
 * Issue 11 differential test: the project's streaming .xlsx reader and ExcelJS (the test oracle) read the same corpus
 * (scripts/reader-corpus.ts: ExcelJS-made, 1904 dates, inline strings, LibreOffice-saved, Strict namespaces,
 * `x:`-prefixed elements) into identical grids — every sheet's name, visibility, merged areas, used area and cell.
 *
 * Normalised on the oracle's side only what the reader's contract says differently: a date whose format shows only
 * the year is that year's number (SPEC §2) — ExcelJS gives a Date (or, for LibreOffice's upper-case «YYYY», which it
 * does not take for a date, the serial number).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import type { CellValue, MergedArea, SheetGrid } from "../../../src/core/types";
import { readXlsx } from "../../../src/xlsx/readXlsx";
import { findEntry, inflateEntry, readZipDirectory } from "../../../src/xlsx/zip";
import {
  kitchenSink,
  kitchenSink1904,
  kitchenSinkInline,
  kitchenSinkLibreOffice,
  kitchenSinkPrefixed,
  kitchenSinkStrict,
} from "../../../scripts/make-fixtures";

jest.setTimeout(240_000);

interface Flat {
  name: string;
  state: "visible" | "hidden" | "veryHidden";
  merges: MergedArea[];
  origin: { row: number; col: number };
  rows: number;
  cells: Map<string, CellValue>;
}

const key = (r: number, c: number): string => `${r}:${c}`;

/** A format whose date parts are all «y» (quoted text, escapes and [..] sections ignored) — written independently. */
function yearOnly(fmt: string | undefined): boolean {
  if (!fmt) return false;
  const bare = fmt
    .split(";")[0]
    .replace(/"[^"]*"/g, "")
    .replace(/\\./g, "")
    .replace(/\[[^\]]*\]/g, "");
  return /y/i.test(bare) && !/[mdhs]/i.test(bare);
}

/** ExcelJS's value of a cell as a plain value (as the former ExcelJS reader of src/xlsx gave it), year contract applied. */
function oracleValue(cell: ExcelJS.Cell, date1904: boolean): CellValue {
  const plain = (v: unknown): CellValue => {
    if (v === null || v === undefined) return null;
    if (typeof v === "string" || typeof v === "number" || typeof v === "boolean" || v instanceof Date) return v;
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return (o.richText as { text?: string }[]).map((t) => t.text ?? "").join("");
    if ("error" in o && typeof o.error === "string") return o.error;
    if ("formula" in o || "sharedFormula" in o) return "result" in o ? plain(o.result) : null;
    if ("hyperlink" in o || "text" in o) return plain(o.text ?? o.hyperlink);
    return String(v);
  };
  const v = plain(cell.value);
  if (yearOnly(cell.numFmt)) {
    if (v instanceof Date) return v.getUTCFullYear();
    if (typeof v === "number") {
      return new Date(Math.round((v - 25569 + (date1904 ? 1462 : 0)) * 86400000)).getUTCFullYear();
    }
  }
  return v;
}

function parseRef(ref: string): MergedArea {
  const m = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/.exec(ref)!;
  const col = (s: string) => [...s].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  return {
    top: Number(m[2]) - 1,
    left: col(m[1]),
    bottom: Number(m[4] ?? m[2]) - 1,
    right: col(m[3] ?? m[1]),
  };
}

async function oracle(file: string): Promise<Flat[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(fs.readFileSync(file) as unknown as ArrayBuffer);
  const date1904 = Boolean(wb.properties.date1904);
  return wb.worksheets.map((ws) => {
    const cells = new Map<string, CellValue>();
    let minR = Infinity;
    let minC = Infinity;
    let maxR = -1;
    ws.eachRow({ includeEmpty: false }, (row, rn) => {
      row.eachCell({ includeEmpty: false }, (cell, cn) => {
        if (cell.isMerged && cell.master !== cell) return;
        const v = oracleValue(cell, date1904);
        if (v === null || v === "") return;
        cells.set(key(rn - 1, cn - 1), v);
        minR = Math.min(minR, rn - 1);
        minC = Math.min(minC, cn - 1);
        maxR = Math.max(maxR, rn - 1);
      });
    });
    const merges = ((ws.model as { merges?: string[] }).merges ?? []).map(parseRef);
    if (cells.size > 0) {
      for (const m of merges) {
        minR = Math.min(minR, m.top);
        minC = Math.min(minC, m.left);
        maxR = Math.max(maxR, m.bottom);
      }
    }
    return {
      name: ws.name,
      state: (ws.state ?? "visible") as Flat["state"],
      merges,
      origin: cells.size ? { row: minR, col: minC } : { row: 0, col: 0 },
      rows: cells.size ? maxR - minR + 1 : 0,
      cells,
    };
  });
}

function flatten(g: SheetGrid): Flat {
  const cells = new Map<string, CellValue>();
  const o = g.origin ?? { row: 0, col: 0 };
  g.values.forEach((row, r) =>
    row?.forEach((v, c) => {
      if (v !== null && v !== undefined) cells.set(key(r + o.row, c + o.col), v);
    }),
  );
  return { name: g.name, state: g.state ?? "visible", merges: g.merges ?? [], origin: o, rows: g.values.length, cells };
}

const sortMerges = (m: MergedArea[]) =>
  [...m].sort((a, b) => a.top - b.top || a.left - b.left || a.bottom - b.bottom || a.right - b.right);

/** Same grids; returns counts of value kinds so that each case proves it covered what it claims. */
function expectSame(mine: Flat[], theirs: Flat[]): Record<string, number> {
  expect(mine.map((s) => [s.name, s.state])).toEqual(theirs.map((s) => [s.name, s.state]));
  const kinds: Record<string, number> = {};
  mine.forEach((m, i) => {
    const t = theirs[i];
    expect({ sheet: m.name, origin: m.origin, rows: m.rows }).toEqual({
      sheet: t.name,
      origin: t.origin,
      rows: t.rows,
    });
    expect(sortMerges(m.merges)).toEqual(sortMerges(t.merges));
    expect(Object.fromEntries(m.cells)).toEqual(Object.fromEntries(t.cells));
    for (const v of m.cells.values()) {
      const k = v instanceof Date ? "date" : typeof v;
      kinds[k] = (kinds[k] ?? 0) + 1;
    }
  });
  return kinds;
}

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "shnor-reader-corpus-"));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const mineOf = async (file: string): Promise<Flat[]> =>
  (await readXlsx(fs.readFileSync(file), { fileName: file })).sheets.map(flatten);

describe("reader vs ExcelJS on the corpus (issue 11 differential test)", () => {
  test("ExcelJS-made workbook: strings, numbers, dates and years, booleans, errors, formulas, merges, hidden sheets", async () => {
    const file = await kitchenSink(dir);
    const theirs = await oracle(file);
    const kinds = expectSame(await mineOf(file), theirs);
    expect(kinds.string).toBeGreaterThan(300);
    expect(kinds.date).toBeGreaterThan(100);
    expect(kinds.number).toBeGreaterThan(300);
    expect(kinds.boolean).toBeGreaterThan(5);
    // Year-formatted dates became years, on both sides.
    expect(theirs[0].cells.get(key(3, 3))).toBe(2023);
    expect(theirs.map((s) => s.state)).toEqual(["visible", "visible", "hidden", "veryHidden", "visible"]);
  });

  test("the 1904 date system", async () => {
    const file = await kitchenSink1904(dir);
    const mine = await mineOf(file);
    expect(expectSame(mine, await oracle(file)).date).toBeGreaterThan(100);
    expect(mine[0].cells.get(key(3, 2))).toEqual(new Date(Date.UTC(2024, 0, 1)));
  });

  test('inline strings (`t="str"`, rich text as `inlineStr`) instead of shared strings', async () => {
    const file = await kitchenSinkInline(dir);
    expect(fs.readFileSync(file).length).toBeGreaterThan(0);
    expect(expectSame(await mineOf(file), await oracle(file)).string).toBeGreaterThan(300);
  });

  test("Strict OOXML namespaces: the reader reads the Strict file as ExcelJS reads the transitional original", async () => {
    const { file, original } = await kitchenSinkStrict(dir);
    const bytes = new Uint8Array(fs.readFileSync(file));
    for (const part of ["xl/workbook.xml", "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/styles.xml"]) {
      const xml = new TextDecoder().decode(
        inflateEntry(bytes, findEntry(readZipDirectory(bytes), part)!, { maxBytes: 1e8 }),
      );
      expect(xml).toContain("http://purl.oclc.org/ooxml/spreadsheetml/main");
      expect(xml).not.toContain("schemas.openxmlformats.org/spreadsheetml");
    }
    expectSame(await mineOf(file), await oracle(original));
  });

  test("`x:`-prefixed elements: the reader reads them as ExcelJS reads the unprefixed original", async () => {
    const { file, original } = await kitchenSinkPrefixed(dir);
    const bytes = new Uint8Array(fs.readFileSync(file));
    const sheet = new TextDecoder().decode(
      inflateEntry(bytes, findEntry(readZipDirectory(bytes), "xl/worksheets/sheet1.xml")!, { maxBytes: 1e8 }),
    );
    expect(sheet).toContain("<x:sheetData>");
    expect(sheet).not.toMatch(/<c[\s>]/);
    expectSame(await mineOf(file), await oracle(original));
  });

  test("saved by LibreOffice Calc (Debian's libreoffice-calc, headless convert): LibreOffice's own XML", async () => {
    const file = await kitchenSinkLibreOffice(dir);
    const entries = readZipDirectory(fs.readFileSync(file));
    const app = findEntry(entries, "docProps/app.xml");
    expect(app && new TextDecoder().decode(inflateEntry(fs.readFileSync(file), app, { maxBytes: 1e6 }))).toContain(
      "LibreOffice",
    );
    const kinds = expectSame(await mineOf(file), await oracle(file));
    expect(kinds.string).toBeGreaterThan(300);
    expect(kinds.date).toBeGreaterThan(50);
  });
});
