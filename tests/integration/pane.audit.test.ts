/**
 * Audit fixes of the task pane / Office.js adapter over the in-memory Excel (tests/integration/fakeExcel.ts):
 * saved settings reach the SHNOR.* formulas (full recalculation) and the list (saved before it is built);
 * generated-sheet identity by worksheet id (delete + recreate, rename, legacy id-less records); a rescan never
 * shows the generated list as a register; reads respect the 5 MB limit; the ExcelApi 1.1 path; a manual mapping
 * survives a pane reload.
 */
import { officeHost } from "../../src/excel/officeHost";
import { GENERATED_SHEETS_KEY, SETTINGS_KEY } from "../../src/excel/documentSettings";
import { READ_BLOCK_CELLS, readWorkbookGrids, splitBatch } from "../../src/excel/readWorkbook";
import { writeSheetPlan } from "../../src/excel/renderPlan";
import { PaneController } from "../../src/taskpane/controller";
import { FakeExcel, FakeSettings, installFake, type FakeValue } from "./fakeExcel";

const g = globalThis as unknown as Record<string, unknown>;
const HEADER = ["Школа", "Учебный год", "Процедура", "Класс", "Предмет", "Участники", "Не справились"];
const LIST = "Список ШНОР 2025";

/** Schools i % 4 == 0 have two low units in 2025 at 30 % (R-LOW boundary, R-SHNOR rule 1); others 29 %. */
function register(n: number): FakeValue[][] {
  const rows: FakeValue[][] = [["Результаты ВПР по району"], HEADER];
  for (let i = 0; i < n; i++) {
    for (const year of ["2023/2024", "2024/2025"]) {
      for (const subject of ["математика", "русский язык"]) {
        const failed = i % 4 === 0 && year === "2024/2025" ? 30 : 29;
        rows.push([`МОУ «СОШ № ${i + 1}»`, year, "ВПР", 5, subject, 100, failed]);
      }
    }
  }
  return rows;
}

function setup(opts: { maxApi?: string; n?: number } = {}): {
  excel: FakeExcel;
  settings: FakeSettings;
  controller: PaneController;
} {
  const excel = new FakeExcel(opts.maxApi ? { maxApi: opts.maxApi } : {});
  excel.addSheet("ВПР", register(opts.n ?? 8));
  excel.addSheet("Заметки", [["не трогать", 42]]);
  const { settings } = installFake(g, excel);
  return { excel, settings, controller: new PaneController(officeHost()) };
}

function shnorCount(excel: FakeExcel, name = LIST): number {
  const out = excel.sheetValues(name);
  const h = out.findIndex((r) => r[0] === "№" && r[1] === "Школа");
  const st = out[h].indexOf("Статус");
  return out.slice(h + 1).filter((r) => r[st] === "ШНОР").length;
}

describe("settings reach the formulas and the list (R-LOW threshold, SPEC §8)", () => {
  test("saving settings recalculates the workbook fully, after the settings are stored", async () => {
    const { excel, settings, controller } = setup();
    let opsAtSave = -1;
    const save = settings.saveAsync.bind(settings);
    settings.saveAsync = (cb) => {
      opsAtSave = excel.ops.length;
      save(cb);
    };
    expect(controller.updateSettings({ threshold: 35 })).toEqual([]);
    await controller.saveSettings();
    expect(controller.getState().error).toBeNull();
    expect((settings.get(SETTINGS_KEY) as { threshold: number }).threshold).toBe(35);
    const calc = excel.opsOf("calculate");
    expect(calc.map((o) => o.value)).toEqual(["Full"]);
    expect(excel.ops.indexOf(calc[0])).toBeGreaterThanOrEqual(opsAtSave);
    expect(controller.getState().settingsDirty).toBe(false);
  });

  test("building with edited, unsaved settings saves them first (one click), then writes the list with them", async () => {
    const { excel, settings, controller } = setup();
    const events: { key: string; at: number }[] = [];
    const set = settings.set.bind(settings);
    settings.set = (key, value) => {
      events.push({ key, at: excel.ops.length });
      set(key, value);
    };
    // 30 % is low at the default threshold (R-LOW: ≥ 30 %); at 31 % nothing is low → no ШНОР
    expect(controller.updateSettings({ threshold: 31 })).toEqual([]);
    expect(controller.getState().settingsDirty).toBe(true);
    await controller.buildList();
    expect(controller.getState().error).toBeNull();
    expect((settings.get(SETTINGS_KEY) as { threshold: number }).threshold).toBe(31);
    expect(controller.getState().settingsDirty).toBe(false);
    const firstWrite = excel.ops.findIndex((o) => o.kind === "addSheet");
    expect(events.map((e) => e.key)).toEqual([SETTINGS_KEY, GENERATED_SHEETS_KEY]);
    expect(firstWrite).toBeGreaterThanOrEqual(0);
    expect(events[0].at).toBeLessThanOrEqual(firstWrite);
    expect(excel.opsOf("calculate")).toHaveLength(1);
    expect(shnorCount(excel)).toBe(0);
  });

  test("with saved settings a build saves nothing again (default threshold: schools at 30 % are ШНОР)", async () => {
    const { excel, settings, controller } = setup();
    await controller.buildList();
    expect(settings.saves).toBe(1); // the generated-sheet record only
    expect(excel.opsOf("calculate")).toEqual([]);
    expect(shnorCount(excel)).toBe(2);
  });
});

describe("generated-sheet identity: name AND worksheet id (R-LIST, user sheets are never modified)", () => {
  test("the generated list deleted and a user sheet made with its name: the user sheet is refused, not replaced", async () => {
    const { excel, controller } = setup();
    await controller.buildList();
    expect(controller.getState().error).toBeNull();
    excel.sheet(LIST)!.deleted = true;
    excel.addSheet(LIST, [["мой собственный список"]]);
    await controller.buildList();
    expect(controller.getState().error).toMatch(/не надстройкой/);
    expect(controller.getState().confirmReplace).toBeNull();
    expect(excel.sheetValues(LIST)).toEqual([["мой собственный список"]]);
    // the adapter refuses too, even when asked to replace
    await expect(writeSheetPlan(planFor(excel), { replace: true })).rejects.toMatchObject({ code: "user-sheet" });
    expect(excel.sheetValues(LIST)).toEqual([["мой собственный список"]]);
    expect(excel.opsOf("deleteSheet")).toEqual([]);
  });

  test("a renamed generated sheet is still found by id; a new build makes a new list and keeps the renamed one", async () => {
    const { excel, controller } = setup();
    await controller.buildList();
    const before = excel.sheetValues(LIST);
    excel.sheet(LIST)!.name = "Список прошлый";
    const host = officeHost();
    expect(await host.sheetStatus("Список прошлый")).toBe("generated");
    expect(await host.sheetStatus(LIST)).toBe("absent");
    await controller.buildList();
    expect(controller.getState().error).toBeNull();
    expect(controller.getState().confirmReplace).toBeNull();
    expect(excel.sheetNames()).toEqual(["ВПР", "Заметки", "Список прошлый", LIST]);
    expect(excel.sheetValues("Список прошлый")).toEqual(before);
    expect(await host.sheetStatus(LIST)).toBe("generated");
  });

  test("old id-less records: the sheet counts as generated only when its content is the generated list", async () => {
    const { excel, settings, controller } = setup();
    await controller.buildList();
    const legacy = [{ name: LIST, kind: "annual-list", year: 2025 }];
    settings.set(GENERATED_SHEETS_KEY, legacy);
    // content is the list → generated: a build asks, then replaces it and records the new id
    expect(await officeHost().sheetStatus(LIST)).toBe("generated");
    await controller.buildList();
    expect(controller.getState().confirmReplace).toBe(LIST);
    await controller.confirmReplace();
    expect(controller.getState().error).toBeNull();
    const records = settings.get(GENERATED_SHEETS_KEY) as { name: string; id?: string }[];
    expect(records).toEqual([{ name: LIST, kind: "annual-list", year: 2025, id: excel.sheet(LIST)!.id }]);

    // an id-less record naming a user sheet of other content → the user's
    excel.addSheet("Список ШНОР 2024", [["мои заметки"], ["Школа", "Куратор"]]);
    settings.set(GENERATED_SHEETS_KEY, [...records, { name: "Список ШНОР 2024", kind: "annual-list", year: 2024 }]);
    expect(await officeHost().sheetStatus("Список ШНОР 2024")).toBe("user");
  });
});

/** The engine's plan for the current workbook (what the pane would write). */
function planFor(excel: FakeExcel): import("../../src/core/sheetPlan").SheetPlan {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { buildAnnualList } = require("../../src/app") as typeof import("../../src/app");
  const values = excel.sheetValues("ВПР").map((r) => r.map((v) => (v === "" ? null : v)));
  return buildAnnualList([{ sheets: [{ name: "ВПР", values, origin: { row: 0, col: 0 } }] }]).plan;
}

describe("rescan after a build (R-LIST, SPEC §2)", () => {
  test("the generated list is not read as a «Школы» register; the pane names it as created by the add-in", async () => {
    const { controller } = setup();
    await controller.buildList();
    await controller.scan();
    const st = controller.getState();
    expect(st.error).toBeNull();
    expect(st.registers!.sheets.map((s) => s.sheet)).not.toContain(LIST);
    expect(st.registers!.sheets.filter((s) => s.kind === "schools")).toEqual([]);
    expect(st.generatedSheets).toEqual([{ sheet: LIST, kind: "annual-list" }]);
    expect(st.registers!.sheets.find((s) => s.sheet === "ВПР")!.kind).toBe("results");
  });
});

describe("reads and the 5 MB limit (issue 4 read rules)", () => {
  test("a wide text-heavy sheet (long Cyrillic names) is read whole: blocks over 5 MB are retried in halves", async () => {
    const excel = new FakeExcel();
    const long = (i: number, j: number): string =>
      `${"Муниципальное общеобразовательное учреждение ".repeat(3)}${i}:${j}`;
    const rows: FakeValue[][] = Array.from({ length: 1500 }, (_, i) =>
      Array.from({ length: 30 }, (__, j) => long(i, j)),
    );
    excel.addSheet("Широкий", rows);
    installFake(g, excel);
    // 45,000 such cells (≈ 280 bytes each, ≈ 12 MB) fit one block of the cell budget but not the 5 MB limit: halved
    expect(1500 * 30).toBeLessThanOrEqual(READ_BLOCK_CELLS);
    const wb = await readWorkbookGrids();
    expect(excel.usedRangeCalls).toEqual([{ sheet: "Широкий", valuesOnly: true }]);
    expect(wb.sheets[0].values).toHaveLength(1500);
    expect(wb.sheets[0].values[0][0]).toBe(long(0, 0));
    expect(wb.sheets[0].values[1499][29]).toBe(long(1499, 29));
    expect(wb.sheets[0].values.every((r, i) => r[7] === long(i, 7))).toBe(true);
    const failed = excel.responses.filter((b) => b > excel.payloadLimit).length;
    expect(failed).toBeGreaterThan(0);
    // every response that was accepted stayed under the limit
    expect(excel.responses.filter((b) => b > 0 && b <= excel.payloadLimit).length).toBeGreaterThan(2);
  });

  test("the fake enforces the limit on reads: one oversized block without halving fails like Excel on the web", async () => {
    const excel = new FakeExcel({ payloadLimit: 10_000 });
    excel.addSheet("Т", [["Ш".repeat(6000)]]);
    installFake(g, excel);
    await expect(readWorkbookGrids()).rejects.toThrow(/RequestPayloadSizeLimitExceeded/);
  });

  test("splitBatch halves a batch by pieces, then a lone piece by rows, down to one row", () => {
    const p = (sheet: number, row: number, rows: number) => ({ sheet, row, col: 0, rows, cols: 3 });
    expect(splitBatch([p(0, 0, 4), p(1, 0, 4), p(2, 0, 4)])).toEqual([[p(0, 0, 4), p(1, 0, 4)], [p(2, 0, 4)]]);
    expect(splitBatch([p(0, 10, 5)])).toEqual([[p(0, 10, 3)], [p(0, 13, 2)]]);
    expect(splitBatch([p(0, 10, 1)])).toBeNull();
  });
});

describe("ExcelApi 1.1 only (Excel 2016 without updates)", () => {
  test("the fake rejects newer calls: tables.add with a Range object (1.3), getUsedRange(valuesOnly) (1.2)", async () => {
    const excel = new FakeExcel({ maxApi: "1.1" });
    excel.addSheet("Т", [["a"]]);
    installFake(g, excel);
    const run = (excel.namespace as unknown as { run: (cb: (ctx: never) => Promise<unknown>) => Promise<unknown> }).run;
    await expect(
      run(async (ctx: { workbook: { worksheets: { getItem(n: string): Record<string, never> } } }) => {
        const ws = ctx.workbook.worksheets.getItem("Т") as unknown as {
          getRange(a: string): unknown;
          tables: { add(r: unknown, h: boolean): unknown };
        };
        ws.tables.add(ws.getRange("A1"), true);
      }),
    ).rejects.toThrow(/ApiNotFound.*1\.3/);
    await expect(
      run(async (ctx: { workbook: { worksheets: { getItem(n: string): { getUsedRange(v?: boolean): unknown } } } }) => {
        ctx.workbook.worksheets.getItem("Т").getUsedRange(true);
      }),
    ).rejects.toThrow(/ApiNotFound.*1\.2/);
  });

  test("scan and build work on 1.1: a real table by address, warnings name the API and not «Excel 2016»", async () => {
    const { excel, controller } = setup({ maxApi: "1.1" });
    await controller.scan();
    expect(controller.getState().registers!.sheets.find((s) => s.sheet === "ВПР")!.kind).toBe("results");
    expect(excel.usedRangeCalls.map((c) => c.valuesOnly)).toEqual([false, false]);
    await controller.buildList();
    const st = controller.getState();
    expect(st.error).toBeNull();
    expect(excel.tables).toHaveLength(1);
    expect(excel.tables[0].sheet).toBe(LIST);
    expect(st.warnings.length).toBeGreaterThan(0);
    for (const w of st.warnings) {
      expect(w).not.toMatch(/2016/);
      expect(w).toMatch(/эта версия Excel не поддерживает .*\(нужен ExcelApi 1\.\d+\)/);
    }
    expect(st.warnings).toContainEqual(expect.stringMatching(/нужен ExcelApi 1\.9/));
    // saving settings recalculates on 1.1 too
    controller.updateSettings({ threshold: 40 });
    await controller.saveSettings();
    expect(excel.opsOf("calculate")).toHaveLength(1);
  });
});

describe("manual mappings (SPEC §2, issue 4)", () => {
  test("a manual mapping survives a pane reload: a new controller loads it and its scan uses it", async () => {
    const { excel, settings } = setup();
    const first = new PaneController(officeHost());
    const mapping = {
      sheet: "ВПР",
      kind: "results" as const,
      headerRow: 2,
      columns: { school: 0, year: 1, procedure: 2, grade: 3, subject: 4, participants: 5, failed: 6 },
    };
    await first.setMapping(mapping);
    expect(first.getState().error).toBeNull();

    // the pane is closed and opened again: a new controller over the same workbook
    installFake(g, excel, settings);
    const reloaded = new PaneController(officeHost());
    expect(reloaded.getState().mappings).toEqual([mapping]);
    await reloaded.scan();
    const acc = reloaded.getState().registers!.sheets.find((s) => s.sheet === "ВПР")!;
    expect(acc.manual).toBe(true);
    expect(acc.kind).toBe("results");
    expect(acc.rowsRead).toBe(32);
  });
});
