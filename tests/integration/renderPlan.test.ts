/**
 * src/excel/renderPlan over the in-memory Excel fake: written content equals the plan, user sheets are never
 * touched, generated sheets are replaced only when recorded, values go in blocks ≤ 5,000 rows and ≤ 5 MB,
 * a constant number of syncs per sheet, and features above ExcelApi 1.1 degrade with Russian warnings.
 */
import type { SheetPlan } from "../../src/core/sheetPlan";
import type { CellValue } from "../../src/core/types";
import { GENERATED_SHEETS_KEY, loadGeneratedSheets } from "../../src/excel/documentSettings";
import { HostError } from "../../src/app/workbookHost";
import { planWriteBlocks, writeSheetPlan } from "../../src/excel/renderPlan";
import { FakeExcel, FakeSettings, installFake } from "./fakeExcel";
import { INJECTION_TEXTS, PLAIN_TEXTS, PLAIN_VALUES } from "./injectionCases";
import { assessSchools } from "../../src/core/annualList";
import { schoolProfiles } from "../../src/core/profile";
import { profilePlan } from "../../src/core/profilePlan";
import { parseSettings } from "../../src/core/settings";
import { result } from "../unit/core/records";

const g = globalThis as unknown as Record<string, unknown>;

function setup(opts: { maxApi?: string } = {}): { excel: FakeExcel; settings: FakeSettings } {
  return installFake(g, new FakeExcel(opts));
}

function plan(rows: number, name = "Список ШНОР 2025"): SheetPlan {
  const body: CellValue[][] = [];
  for (let i = 0; i < rows; i++) {
    body.push([i + 1, `МОУ «СОШ № ${i + 1}»`, i % 7 === 0 ? "ШНОР" : "—", i % 7 === 0 ? 0.345 : null]);
  }
  return {
    name,
    kind: "annual-list",
    year: 2025,
    blocks: [
      {
        at: { row: 0, col: 0 },
        values: [["Ежегодный список ШНОР 2025"]],
        style: { bold: true, fontSize: 14 },
        mergeAcross: 4,
      },
      {
        at: { row: 1, col: 0 },
        values: [
          ["Всего школ", rows],
          ["ШНОР", Math.ceil(rows / 7)],
        ],
      },
    ],
    table: {
      name: "ShnorList2025",
      at: { row: 4, col: 0 },
      columns: [
        { key: "n", header: "№", width: 5, numberFormat: "0" },
        { key: "school", header: "Школа", width: 40, wrap: true },
        { key: "status", header: "Статус", width: 12, horizontal: "center" },
        { key: "share", header: "Доля «2»", width: 10, numberFormat: "0.0%" },
      ],
      rows: body,
      style: "TableStyleMedium2",
      headerStyle: { bold: true, wrap: true },
      rowStyles: body.flatMap((_, i) => (i % 7 === 0 ? [{ row: i, style: { fill: "#FDE9E7" } }] : [])),
    },
    conditionalFormats: [{ ref: "C6:C10", rule: { kind: "containsText", text: "ШНОР" }, style: { bold: true } }],
    validations: [],
    charts: [],
    freeze: { rows: 5, cols: 0 },
    print: { orientation: "landscape", paper: "A4", fitToWidth: true, repeatRows: [5, 5] },
    widths: { 5: 20 },
  };
}

describe("writeSheetPlan (R-LIST sheet «Список ШНОР Y», issue 4)", () => {
  test("writes blocks, header and body exactly as planned; records the sheet as generated; activates it", async () => {
    const { excel, settings } = setup();
    excel.addSheet("Результаты", [
      ["Школа", "Год"],
      ["СОШ 1", 2025],
    ]);
    const p = plan(30);
    const res = await writeSheetPlan(p, { replace: false });

    expect(res).toEqual({ sheet: "Список ШНОР 2025", warnings: [], rows: 30 });
    const v = excel.sheetValues("Список ШНОР 2025");
    expect(v[0][0]).toBe("Ежегодный список ШНОР 2025");
    expect(v[1].slice(0, 2)).toEqual(["Всего школ", 30]);
    expect(v[4].slice(0, 4)).toEqual(["№", "Школа", "Статус", "Доля «2»"]);
    p.table!.rows.forEach((r, i) => expect(v[5 + i].slice(0, 4)).toEqual(r.map((x) => (x === null ? "" : x))));
    expect(v.length).toBe(5 + 30);
    // a real Excel table over header + body, with the planned name and style
    expect(excel.tables).toEqual([
      {
        sheet: "Список ШНОР 2025",
        address: "A5:D35",
        hasHeaders: true,
        name: "ShnorList2025",
        style: "TableStyleMedium2",
      },
    ]);
    // number formats per column range (1×1 broadcast), not per cell
    const nf = excel.opsOf("numberFormat");
    expect(nf.map((o) => [o.address, o.value])).toEqual([
      ["A6:A35", [["0"]]],
      ["D6:D35", [["0.0%"]]],
    ]);
    expect(excel.sheet("Список ШНОР 2025")!.frozen).toEqual({ rows: 5, cols: 0 });
    expect(excel.sheet("Список ШНОР 2025")!.pageLayout).toEqual({
      orientation: "Landscape",
      paperSize: "A4",
      zoom: { horizontalFitToPages: 1 },
      printTitleRows: "$5:$5",
    });
    expect(excel.sheet("Список ШНОР 2025")!.merges).toEqual(["A1:D1"]);
    expect(excel.opsOf("conditionalFormat")).toHaveLength(1);
    expect(excel.activeSheet).toBe("Список ШНОР 2025");
    // the user's sheet is untouched
    expect(excel.sheetValues("Результаты")).toEqual([
      ["Школа", "Год"],
      ["СОШ 1", 2025],
    ]);
    expect(excel.ops.filter((o) => o.sheet === "Результаты")).toEqual([]);
    // the record carries the worksheet id (generated-sheet identity is name AND id)
    expect(settings.get(GENERATED_SHEETS_KEY)).toEqual([
      { name: "Список ШНОР 2025", kind: "annual-list", year: 2025, id: excel.sheet("Список ШНОР 2025")!.id },
    ]);
    // ШНОР rows styled as ranges: rows 0, 7, 14, 21, 28 → 5 fill ops
    expect(excel.opsOf("format").filter((o) => (o.value as Record<string, unknown>)["fill.color"])).toHaveLength(5);
    // calculation suspended around the bulk write
    expect(excel.opsOf("suspendCalculation").length).toBeGreaterThan(0);
    // wrapped text: Excel sizes the rows of the whole table in one call (ExcelApi 1.2)
    const autofit = excel.opsOf("format").filter((o) => (o.value as Record<string, unknown>).autofitRows);
    expect(autofit.map((o) => o.address)).toEqual(["A5:D35"]);
    const top = excel.opsOf("format").filter((o) => (o.value as Record<string, unknown>).verticalAlignment === "Top");
    expect(top.map((o) => o.address)).toContain("A6:D35");
  });

  test("a user sheet with the target name is refused and never touched (R-LIST, user sheets are never modified)", async () => {
    const { excel } = setup();
    excel.addSheet("Список ШНОР 2025", [["мои заметки"]]);
    const err = await writeSheetPlan(plan(10), { replace: true }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HostError);
    expect((err as HostError).code).toBe("user-sheet");
    expect((err as Error).message).toMatch(/создан.* не надстройкой/);
    expect(excel.sheetValues("Список ШНОР 2025")).toEqual([["мои заметки"]]);
    expect(excel.ops.filter((o) => o.kind !== "suspendCalculation")).toEqual([]);
    expect(excel.sheetNames()).toEqual(["Список ШНОР 2025"]);
  });

  test("a generated sheet asks for confirmation, then is replaced only when recorded as generated", async () => {
    const { excel } = setup();
    excel.addSheet("Результаты", [["Школа"]]);
    await writeSheetPlan(plan(10), { replace: false });
    expect(loadGeneratedSheets()).toHaveLength(1);

    const again = await writeSheetPlan(plan(12), { replace: false }).catch((e: unknown) => e);
    expect((again as HostError).code).toBe("needs-confirm");
    expect(excel.sheetValues("Список ШНОР 2025")).toHaveLength(15);

    const res = await writeSheetPlan(plan(12), { replace: true });
    expect(res.rows).toBe(12);
    expect(excel.sheetNames()).toEqual(["Результаты", "Список ШНОР 2025"]);
    expect(excel.sheetValues("Список ШНОР 2025")).toHaveLength(17);
    expect(excel.tables.map((t) => t.name)).toEqual(["ShnorList2025"]);
    expect(loadGeneratedSheets()).toEqual([
      { name: "Список ШНОР 2025", kind: "annual-list", year: 2025, id: excel.sheet("Список ШНОР 2025")!.id },
    ]);
  });

  test("sync count is constant: 20 rows and 2,000 rows both cost 3 syncs (≤ 5,000 rows ⇒ one block)", async () => {
    const counts: number[] = [];
    for (const n of [20, 2000]) {
      const { excel } = setup();
      await writeSheetPlan(plan(n), { replace: false });
      counts.push(excel.syncCount);
      expect(excel.opsOf("values").filter((o) => (o.rows ?? 0) > 1 && o.address !== "A2:B3")).toHaveLength(1);
    }
    expect(counts).toEqual([3, 3]);
  });

  test("12,000 rows are written in blocks of ≤ 5,000 rows, one sync per block, each request under 5 MB", async () => {
    const { excel } = setup();
    await writeSheetPlan(plan(12000), { replace: false });
    const blocks = excel.opsOf("values").filter((o) => o.cols === 4 && (o.rows ?? 0) > 1);
    expect(blocks.map((b) => b.rows)).toEqual([5000, 5000, 2000]);
    expect(new Set(blocks.map((b) => b.sync)).size).toBe(3);
    expect(excel.syncCount).toBe(1 + 3 + 1);
    expect(Math.max(...excel.payloads)).toBeLessThan(5 * 1024 * 1024);
    expect(excel.sheetValues("Список ШНОР 2025")[5 + 11999][1]).toBe("МОУ «СОШ № 12000»");
  });

  test("long texts shrink blocks to stay under the 5 MB request limit of Excel on the web", async () => {
    const long = "Ш".repeat(2000);
    const rows: CellValue[][] = Array.from({ length: 3000 }, (_, i) => [i, long]);
    const blocks = planWriteBlocks(rows);
    expect(blocks.length).toBeGreaterThan(1);
    expect(blocks.every((b) => b.count <= 5000)).toBe(true);
    expect(blocks.reduce((s, b) => s + b.count, 0)).toBe(3000);

    const { excel } = setup();
    const p = plan(0);
    p.table!.columns = p.table!.columns.slice(0, 2);
    p.table!.rows = rows;
    p.table!.rowStyles = [];
    await writeSheetPlan(p, { replace: false });
    expect(Math.max(...excel.payloads)).toBeLessThan(5 * 1024 * 1024);
    expect(excel.sheetValues("Список ШНОР 2025")[5 + 2999][1]).toBe(long);
  });

  test("ExcelApi 1.1 only: no pageLayout/freeze/conditional calls, Russian warnings instead («Печать не настроена»)", async () => {
    const { excel } = setup({ maxApi: "1.1" });
    const res = await writeSheetPlan(plan(10), { replace: false });
    expect(res.warnings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^Печать не настроена: эта версия Excel не поддерживает параметры страницы \(нужен ExcelApi 1\.9\)/,
        ),
        expect.stringMatching(/^Заголовок не закреплён/),
        expect.stringMatching(/^Условное форматирование не задано/),
        expect.stringMatching(/^Ширина столбцов не задана/),
      ]),
    );
    expect(excel.opsOf("pageLayout")).toEqual([]);
    expect(excel.opsOf("freeze")).toEqual([]);
    expect(excel.opsOf("suspendCalculation")).toEqual([]);
    expect(excel.opsOf("format").filter((o) => (o.value as Record<string, unknown>).autofitRows)).toEqual([]);
    expect(excel.sheetValues("Список ШНОР 2025")[5][1]).toBe("МОУ «СОШ № 1»");
  });

  test("ExcelApi 1.8 (no 1.9): everything but print is set; the only warning is about print", async () => {
    const { excel } = setup({ maxApi: "1.8" });
    const res = await writeSheetPlan(plan(10), { replace: false });
    expect(res.warnings).toEqual([expect.stringMatching(/^Печать не настроена/)]);
    expect(excel.opsOf("pageLayout")).toEqual([]);
    expect(excel.opsOf("freeze")).toHaveLength(1);
  });

  test("text columns («Код ОО», format @) are formatted before the values, so codes like 0123 stay text", async () => {
    const { excel } = setup();
    const p = plan(2);
    p.table!.columns[2] = { key: "code", header: "Код ОО", width: 12, numberFormat: "@" };
    p.table!.rows = [
      [1, "СОШ 1", "0123", null],
      [2, "СОШ 2", "sch700001", null],
    ];
    await writeSheetPlan(p, { replace: false });
    const v = excel.sheetValues("Список ШНОР 2025");
    expect(v[5][2]).toBe("0123");
    expect(v[6][2]).toBe("sch700001");
    const firstValues = excel.ops.findIndex((o) => o.kind === "values" && o.address === "A6:D7");
    const textFormat = excel.ops.findIndex((o) => o.kind === "numberFormat" && o.address === "C6:C7");
    expect(textFormat).toBeGreaterThanOrEqual(0);
    expect(textFormat).toBeLessThan(firstValues);
  });

  test("a block the host still finds too large is retried in halves once the sheet exists (5 MB limit)", async () => {
    // A host whose request limit (1 MB) is below our 4 MB estimate budget: the second block (long names) is split.
    const excel = new FakeExcel({ payloadLimit: 1_000_000 });
    installFake(g, excel);
    const p = plan(10000);
    for (let i = 5000; i < 10000; i++) p.table!.rows[i][1] = "Ш".repeat(300);
    const res = await writeSheetPlan(p, { replace: false });
    expect(res.rows).toBe(10000);
    const v = excel.sheetValues("Список ШНОР 2025");
    expect(v[5 + 9999][1]).toBe("Ш".repeat(300));
    expect(v[5 + 4999][1]).toBe("МОУ «СОШ № 5000»");
    // every sync that succeeded stayed under the host's limit
    const failed = excel.payloads.filter((b) => b > 1_000_000).length;
    expect(failed).toBeGreaterThan(0);
    expect(excel.syncCount - failed).toBeGreaterThan(3);
  });

  test("a write that fails after the sheet exists leaves it recorded as generated, so a retry may replace it", async () => {
    const excel = new FakeExcel({ payloadLimit: 500_000 });
    installFake(g, excel);
    const p = plan(6000);
    p.table!.rows[5500][1] = "Ш".repeat(300_000); // one cell of 600 KB: no split can help
    await expect(writeSheetPlan(p, { replace: false })).rejects.toThrow(/RequestPayloadSizeLimitExceeded/);
    expect(excel.sheetNames()).toEqual(["Список ШНОР 2025"]);
    expect(loadGeneratedSheets().map((r) => r.name)).toEqual(["Список ШНОР 2025"]);
    await expect(writeSheetPlan(p, { replace: false })).rejects.toMatchObject({ code: "needs-confirm" });
  });

  test("dates become serial numbers and formula-like text stays text", async () => {
    const { excel } = setup();
    const p = plan(1);
    p.table!.rows = [[1, "=СУММ(A1)", new Date(2025, 8, 1), null]];
    await writeSheetPlan(p, { replace: false });
    expect(excel.sheetValues("Список ШНОР 2025")[5]).toEqual([1, "=СУММ(A1)", 45901, ""]);
    expect(excel.formulaWrites).toEqual([]);
    expect(excel.quotePrefixed).toEqual(["Список ШНОР 2025!B6"]);
  });

  test("injection (issue 12): no text becomes a formula, number or date — in the table, its header and the blocks", async () => {
    const { excel } = setup();
    const p = plan(0);
    const texts = [...INJECTION_TEXTS, ...PLAIN_TEXTS];
    p.table!.rows = texts.map((t, i) => [i + 1, t, t, PLAIN_VALUES[i % PLAIN_VALUES.length] as number]);
    // Column C is formatted as text («@»): there only the leading apostrophe needs a prefix of its own.
    p.table!.columns[2] = { ...p.table!.columns[2], header: "2025", numberFormat: "@" };
    p.blocks.push({ at: { row: 1, col: 3 }, values: [INJECTION_TEXTS.slice(0, 3)] });
    await writeSheetPlan(p, { replace: false });
    const v = excel.sheetValues("Список ШНОР 2025");
    texts.forEach((t, i) => {
      expect(v[5 + i][1]).toBe(t);
      expect(v[5 + i][2]).toBe(t);
      expect(v[5 + i][3]).toBe(PLAIN_VALUES[i % PLAIN_VALUES.length]);
    });
    expect(v[4][2]).toBe("2025");
    expect(v[1].slice(3, 6)).toEqual(INJECTION_TEXTS.slice(0, 3));
    expect(excel.formulaWrites).toEqual([]);
    const apostrophe = texts.indexOf("'в апострофах'");
    expect(excel.quotePrefixed.filter((a) => /!C\d+$/.test(a))).toEqual([
      "Список ШНОР 2025!C5",
      `Список ШНОР 2025!C${6 + apostrophe}`,
    ]);
  });

  test("the strict fake flags a formula written through values (so the test above can fail)", async () => {
    const excel = new FakeExcel();
    excel.addSheet("Лист1");
    installFake(g, excel);
    const write = (text: string) =>
      (Excel as unknown as FakeExcel["namespace"]).run(async (ctx) => {
        ctx.workbook.worksheets.getItem("Лист1").getRange("A1").values = [[text]];
        await ctx.sync();
      });
    await expect(write('-0+WEBSERVICE("http://example.org/")')).rejects.toThrow(/formula was written/);
    await expect(write("'-0+WEBSERVICE(1)")).resolves.toBeUndefined();
    expect(excel.sheetValues("Лист1")[0][0]).toBe("-0+WEBSERVICE(1)");
    const lenient = new FakeExcel({ allowFormulas: true });
    lenient.addSheet("Лист1");
    installFake(g, lenient);
    await write("=1+1");
    expect(lenient.formulaWrites).toEqual([{ sheet: "Лист1", address: "A1", text: "=1+1" }]);
  });

  test("manual page breaks before the given rows (ExcelApi 1.9); none without it, with a warning", async () => {
    const { excel } = setup();
    const p = plan(30);
    p.print = { ...p.print!, breaksBefore: [15, 25, 15] };
    await writeSheetPlan(p, { replace: false });
    expect(excel.pageBreaks).toEqual(["Список ШНОР 2025!A16", "Список ШНОР 2025!A26"]);
    const old = setup({ maxApi: "1.8" });
    const res = await writeSheetPlan(p, { replace: false });
    expect(old.excel.pageBreaks).toEqual([]);
    expect(res.warnings.join(" ")).toContain("Печать не настроена");
  });

  test("issue 15 profile: planned row heights, the print scale, a chart per school and page breaks between schools", async () => {
    const { excel } = setup();
    const input = {
      results: [
        ...[2023, 2024, 2025].map((year) => result({ year, participants: 50, failed: year === 2025 ? 18 : 20 })),
        ...[2023, 2024, 2025].map((year) => result({ school: "СОШ № 2", year, participants: 40, failed: 4 })),
      ],
      schools: [],
    };
    const list = assessSchools(input, 2025, parseSettings({}));
    const p = profilePlan(schoolProfiles(input, list), {
      generatedAt: new Date(2025, 8, 1),
      settings: list.settings,
      year: 2025,
    });
    const res = await writeSheetPlan(p, { replace: false });
    expect(res.warnings).toEqual([]);
    const heights = excel.ops.filter((o) => o.kind === "format" && o.value && "rowHeight" in (o.value as object));
    // Runs of rows of one height are one range each; every planned row is covered.
    let covered = 0;
    for (const h of heights) {
      const m = /^A(\d+)(?::A(\d+))?$/.exec(h.address!)!;
      covered += (m[2] ? Number(m[2]) : Number(m[1])) - Number(m[1]) + 1;
    }
    expect(covered).toBe(Object.keys(p.rowHeights!).length);
    expect(excel.ops.filter((o) => o.kind === "pageLayout").map((o) => o.value)).toEqual(
      expect.arrayContaining([{ orientation: "Portrait" }, { paperSize: "A4" }, { zoom: { scale: p.print!.scale } }]),
    );
    expect(excel.ops.filter((o) => o.kind === "chart")).toHaveLength(2);
    expect(excel.pageBreaks).toHaveLength(1);
  });

  test("a plan of many blocks is sent in batches (no request near the 5 MB limit), the sheet recorded after the first", async () => {
    const { excel } = setup();
    const p = plan(3);
    const styled = { border: "thin", fontSize: 10 } as const;
    for (let i = 0; i < 3000; i++)
      p.blocks.push({ at: { row: 20 + i, col: 6 }, values: [[`строка ${i}`]], style: styled });
    await writeSheetPlan(p, { replace: false });
    // 3,000 styled blocks ≈ 6,5 MB of requests: 1 probe + 3 batches (the last with the table) + the layout sync.
    expect(excel.syncCount).toBe(1 + 3 + 1);
    for (const bytes of excel.payloads) expect(bytes).toBeLessThan(5_000_000);
    expect(loadGeneratedSheets().map((r) => r.name)).toEqual(["Список ШНОР 2025"]);
  });
});

describe("dates and the workbook's date system", () => {
  test("a date cell is written as the serial of the workbook's own system: 1900, or 1462 less in a 1904 workbook", async () => {
    for (const [date1904, serial] of [
      [false, 45901],
      [true, 45901 - 1462],
    ] as const) {
      const { excel } = installFake(g, new FakeExcel({ date1904 }));
      const p: SheetPlan = {
        name: "Даты",
        kind: "annual-list",
        year: 2025,
        blocks: [{ at: { row: 0, col: 0 }, values: [["Срок", new Date(2025, 8, 1)]] }],
        conditionalFormats: [],
        validations: [],
        charts: [],
      };
      await writeSheetPlan(p, { replace: false });
      expect(excel.sheetValues("Даты")[0]).toEqual(["Срок", serial]);
    }
  });
});
