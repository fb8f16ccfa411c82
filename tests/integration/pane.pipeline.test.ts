/**
 * The pane's whole path over the in-memory Excel: PaneController → officeHost (src/excel) → readRegisters /
 * buildAnnualList (src/app) → writeSheetPlan. Asserts what lands in the workbook (R-LOW, R-SHNOR rows), that
 * user sheets are untouched, the replace confirmation, selecting a problem's cell, and that 2,000 schools cost
 * the same number of context.sync() calls as 20.
 */
import { officeHost } from "../../src/excel/officeHost";
import { READ_BLOCK_CELLS, readWorkbookGrids } from "../../src/excel/readWorkbook";
import { MAPPINGS_KEY, SETTINGS_KEY } from "../../src/excel/documentSettings";
import { PaneController } from "../../src/taskpane/controller";
import { FakeExcel, installFake, type FakeValue } from "./fakeExcel";

const g = globalThis as unknown as Record<string, unknown>;
const HEADER = ["Школа", "Учебный год", "Процедура", "Класс", "Предмет", "Участники", "Не справились"];

/**
 * A results register: every school writes ВПР 5 math and Russian in 2023/2024 and 2024/2025.
 * School i % 4 == 0: two low units in 2025 (R-SHNOR rule 1); i % 4 == 1: one low in 2024 and one in 2025 (rule 2);
 * others: no low unit (29 % of 100 is not low, R-LOW boundary).
 */
function register(n: number): FakeValue[][] {
  const rows: FakeValue[][] = [["Результаты ВПР по району"], HEADER];
  for (let i = 0; i < n; i++) {
    const name = `МОУ «СОШ № ${i + 1}»`;
    for (const year of ["2023/2024", "2024/2025"]) {
      for (const subject of ["математика", "русский язык"]) {
        let failed = 29;
        if (i % 4 === 0 && year === "2024/2025") failed = 30;
        if (i % 4 === 1 && subject === "математика") failed = 35;
        rows.push([name, year, "ВПР", 5, subject, 100, failed]);
      }
    }
  }
  rows.push(["Итого", "", "", "", "", n * 400, ""]);
  return rows;
}

function setup(n: number, maxApi?: string): { excel: FakeExcel; controller: PaneController } {
  const excel = new FakeExcel(maxApi ? { maxApi } : {});
  excel.addSheet("ВПР", register(n));
  excel.addSheet("Заметки", [["не трогать", 42]]);
  installFake(g, excel);
  return { excel, controller: new PaneController(officeHost()) };
}

describe("task pane over Office.js (issue 4; R-LOW, R-SHNOR, R-LIST)", () => {
  test("scan shows the results register; build writes «Список ШНОР 2025» with the ШНОР schools; user sheets untouched", async () => {
    const { excel, controller } = setup(20);
    const notes = excel.sheetValues("Заметки");
    const register20 = excel.sheetValues("ВПР");
    await controller.scan();
    const st = controller.getState();
    const acc = st.registers!.sheets.find((s) => s.sheet === "ВПР")!;
    expect(acc.kind).toBe("results");
    expect(acc.headerRow).toBe(2);
    expect(acc.rowsRead).toBe(80);
    expect(st.years).toEqual([2024, 2025]);
    expect(controller.effectiveYear()).toBe(2025);

    await controller.buildList();
    const s = controller.getState();
    expect(s.error).toBeNull();
    expect(s.outcome).toMatchObject({ sheet: "Список ШНОР 2025", year: 2025, total: 20, shnor: 10 });
    expect(excel.activeSheet).toBe("Список ШНОР 2025");

    const out = excel.sheetValues("Список ШНОР 2025");
    const header = out.findIndex((r) => r[0] === "№" && r[1] === "Школа");
    expect(header).toBeGreaterThan(0);
    const status = out[header].indexOf("Статус");
    const rule = out[header].indexOf("Правило");
    const body = out.slice(header + 1, header + 21);
    // every school appears once; rule 1 (two low units in Y) for i%4==0, rule 2 (Y−1 and Y) for i%4==1
    for (let i = 0; i < 20; i++) {
      const rows = body.filter((r) => r[1] === `МОУ «СОШ № ${i + 1}»`);
      expect(rows).toHaveLength(1);
      expect(rows[0][status]).toBe(i % 4 <= 1 ? "ШНОР" : "—");
      if (i % 4 === 0) expect(String(rows[0][rule])).toContain("1");
      if (i % 4 === 1) expect(String(rows[0][rule])).toContain("2");
    }
    // ШНОР first (SPEC §4)
    expect(body.slice(0, 10).every((r) => r[status] === "ШНОР")).toBe(true);
    // a real table was added; user sheets kept byte for byte and never written to
    expect(excel.tables.map((t) => t.sheet)).toEqual(["Список ШНОР 2025"]);
    expect(excel.sheetValues("Заметки")).toEqual(notes);
    expect(excel.sheetValues("ВПР")).toEqual(register20);
    expect(excel.ops.filter((o) => o.sheet === "Заметки" || o.sheet === "ВПР")).toEqual([]);
  });

  // Issue 4: the sync count does not grow with the rows. The 2,000-school register (8,003 rows × 7 columns = 56,021
  // cells) fits one read block, like 20 schools; only a block Excel rejects as over 5 MB is split (tested apart).
  test("building the list for 2,000 schools takes the same number of sync() calls as for 20", async () => {
    const counts: number[] = [];
    const rows: number[] = [];
    const writes: number[] = [];
    for (const n of [20, 2000]) {
      const { excel, controller } = setup(n);
      await controller.buildList();
      expect(controller.getState().error).toBeNull();
      counts.push(excel.syncCount);
      writes.push(excel.runs[excel.runs.length - 1]);
      rows.push(controller.getState().outcome!.total);
    }
    expect(rows).toEqual([20, 2000]);
    expect(writes).toEqual([3, 3]);
    expect((2000 * 4 + 3) * 7).toBeLessThanOrEqual(READ_BLOCK_CELLS);
    expect(counts[1]).toBe(counts[0]);
    // read 3 + status 1 + write 3
    expect(counts[0]).toBe(7);
  });

  test("a second build asks before replacing the generated sheet; cancel keeps it, confirm rebuilds it", async () => {
    const { excel, controller } = setup(8);
    await controller.buildList();
    expect(excel.sheetNames()).toEqual(["ВПР", "Заметки", "Список ШНОР 2025"]);
    const first = excel.sheetValues("Список ШНОР 2025");

    await controller.buildList();
    expect(controller.getState().confirmReplace).toBe("Список ШНОР 2025");
    controller.cancelReplace();
    expect(excel.sheetValues("Список ШНОР 2025")).toEqual(first);
    expect(excel.opsOf("deleteSheet")).toEqual([]);

    await controller.buildList();
    await controller.confirmReplace();
    expect(controller.getState().error).toBeNull();
    expect(excel.opsOf("deleteSheet")).toHaveLength(1);
    expect(excel.sheetNames()).toEqual(["ВПР", "Заметки", "Список ШНОР 2025"]);
  });

  test("a user sheet named «Список ШНОР 2025» is refused with a Russian error and left as it was", async () => {
    const { excel, controller } = setup(8);
    excel.addSheet("Список ШНОР 2025", [["мой список"]]);
    await controller.buildList();
    expect(controller.getState().error).toMatch(/не надстройкой/);
    expect(controller.getState().confirmReplace).toBeNull();
    expect(excel.sheetValues("Список ШНОР 2025")).toEqual([["мой список"]]);
    expect(excel.ops.filter((o) => o.kind !== "suspendCalculation")).toEqual([]);
  });

  test("a workbook without a results register gives a Russian error and writes nothing", async () => {
    const excel = new FakeExcel();
    excel.addSheet("Заметки", [["Список дел"], ["позвонить в школу"]]);
    installFake(g, excel);
    const controller = new PaneController(officeHost());
    await controller.buildList();
    expect(controller.getState().error).toMatch(/^Реестр результатов не найден/);
    expect(controller.getState().phase).toBe("idle");
    expect(excel.sheetNames()).toEqual(["Заметки"]);
    expect(excel.ops).toEqual([]);
  });

  test("outside Excel the controller has no host: nothing is read or written, defaults are shown", async () => {
    const controller = new PaneController(null);
    await controller.scan();
    await controller.buildList();
    const s = controller.getState();
    expect(s.hasHost).toBe(false);
    expect(s.registers).toBeNull();
    expect(s.settings.threshold).toBe(30);
  });

  test("problems name the sheet and A1 cell; selecting one activates the sheet and selects the cell", async () => {
    const { excel, controller } = setup(4);
    // an unreadable participants count in row 5 (sheet row), column F
    const v = excel.sheetValues("ВПР");
    v[4][5] = "много";
    excel.addSheet("ВПР2", v);
    await controller.scan();
    const p = controller.getState().problems.find((x) => x.sheet === "ВПР2" && x.cell === "F5");
    expect(p).toBeDefined();
    expect(p!.message).toMatch(/[А-Яа-я]/);
    await controller.selectProblem(p!);
    expect(excel.selected).toEqual({ sheet: "ВПР2", address: "F5" });
    expect(excel.activeSheet).toBe("ВПР2");
  });

  test("settings and manual mappings are saved in the workbook (document settings)", async () => {
    const { excel, controller } = setup(4);
    expect(controller.updateSettings({ threshold: 35 })).toEqual([]);
    expect(controller.updateSettings({ threshold: 300 }).length).toBeGreaterThan(0);
    await controller.saveSettings();
    const settings = (g.Office as { context: { document: { settings: { get(k: string): unknown } } } }).context.document
      .settings;
    expect((settings.get(SETTINGS_KEY) as { threshold: number }).threshold).toBe(35);

    await controller.setMapping({
      sheet: "ВПР",
      kind: "results",
      headerRow: 2,
      columns: { school: 0, year: 1, procedure: 2, grade: 3, subject: 4, participants: 5, failed: 6 },
    });
    expect(settings.get(MAPPINGS_KEY)).toEqual([
      {
        sheet: "ВПР",
        kind: "results",
        headerRow: 2,
        columns: { school: 0, year: 1, procedure: 2, grade: 3, subject: 4, participants: 5, failed: 6 },
      },
    ]);
    const acc = controller.getState().registers!.sheets.find((s) => s.sheet === "ВПР")!;
    expect(acc.manual).toBe(true);
    expect(excel.sheetNames()).toEqual(["ВПР", "Заметки"]);
  });
});

describe("readWorkbookGrids (SPEC §2 input; issue 4 read rules)", () => {
  test("one used-range read per sheet, values only, origin kept; 3 syncs whatever the number of sheets", async () => {
    const excel = new FakeExcel();
    excel.addSheet("A", [
      ["", ""],
      ["", "x", 1],
    ]);
    excel.addSheet("B", []);
    for (let i = 0; i < 10; i++) excel.addSheet(`S${i}`, register(5));
    installFake(g, excel);
    const wb = await readWorkbookGrids();
    expect(excel.syncCount).toBe(3);
    expect(wb.sheets).toHaveLength(12);
    expect(wb.sheets[0]).toEqual({ name: "A", values: [["x", 1]], origin: { row: 1, col: 1 } });
    expect(wb.sheets[1]).toEqual({ name: "B", values: [[null]], origin: { row: 0, col: 0 } });
  });

  test("a huge sheet is read in row blocks under the cell budget, one sync per block", async () => {
    const excel = new FakeExcel();
    const rows: FakeValue[][] = Array.from({ length: 1000 }, (_, i) => [i, `школа ${i}`, i * 2, "", 1]);
    excel.addSheet("big", rows);
    installFake(g, excel);
    const wb = await readWorkbookGrids(undefined, { blockCells: 1500 });
    expect(wb.sheets[0].values).toHaveLength(1000);
    expect(wb.sheets[0].values[999]).toEqual([999, "школа 999", 1998, null, 1]);
    expect(excel.syncCount).toBe(2 + Math.ceil(1000 / 300));
  });

  test("issue 16 item 10: a date shown as a year reads as that year; number formats only of date-like columns", async () => {
    const excel = new FakeExcel();
    // 45657 = 31.12.2024 (academic year 2025 as a date), shown «2024»; 45762 = 15.04.2025 shown as a full date.
    excel.addSheet("ВПР", [
      ["Учебный год", "Процедура", "Школа", "Класс", "Предмет", "Участники", "Не справились", "Дата"],
      [45657, "ВПР", "МОУ «СОШ № 1»", 5, "математика", 20, 6, 45762],
      [45657, "ВПР", "МОУ «СОШ № 2»", 5, "математика", 20, 2, 45762],
    ]);
    excel.setNumberFormat("ВПР", "A2:A3", "yyyy");
    excel.setNumberFormat("ВПР", "H2:H3", "dd.mm.yyyy");
    excel.addSheet("Без дат", register(2));
    installFake(g, excel);
    const wb = await readWorkbookGrids();
    expect(wb.sheets[0].values.map((r) => [r[0], r[7]])).toEqual([
      ["Учебный год", "Дата"],
      [2024, 45762],
      [2024, 45762],
    ]);
    // Only the two date-like columns of «ВПР», over their rows; «Без дат» has none: one extra sync in all.
    expect(excel.formatReads).toEqual([
      { sheet: "ВПР", address: "A2:A3", cells: 2 },
      { sheet: "ВПР", address: "H2:H3", cells: 2 },
    ]);
    expect(excel.syncCount).toBe(4);
  });

  test("a 1904-date-system workbook (old Mac): its date serials are read in that system — no year is four years off", async () => {
    // 31.12.2024 is 44195 in the 1904 system (45657 in 1900); 31.12.2000 is 35429 — below the 1900 system's
    // date-like range, so it is found only when the reader knows the system. Asked in the first sync (no extra sync).
    for (const [date1904, a, b, expected] of [
      [true, 44195, 35429, [2024, 2000]],
      [false, 45657, 36891, [2024, 2000]],
    ] as const) {
      const excel = new FakeExcel({ date1904 });
      excel.addSheet("ВПР", [
        ["Учебный год", "Процедура", "Школа", "Класс", "Предмет", "Участники", "Не справились"],
        [a, "ВПР", "МОУ «СОШ № 1»", 5, "математика", 20, 6],
        [b, "ВПР", "МОУ «СОШ № 2»", 5, "математика", 20, 2],
      ]);
      excel.setNumberFormat("ВПР", "A2:A3", "yyyy");
      installFake(g, excel);
      const wb = await readWorkbookGrids();
      expect(wb.sheets[0].values.slice(1).map((r) => r[0])).toEqual(expected);
      expect(excel.syncCount).toBe(4);
    }
    // ExcelApi 1.1 (no workbook.functions): the 1900 system is assumed, nothing fails.
    const old = new FakeExcel({ maxApi: "1.1", date1904: true });
    old.addSheet("ВПР", register(2));
    installFake(g, old);
    await expect(readWorkbookGrids()).resolves.toBeDefined();
  });

  test("no date-like numbers, no number-format read (the 3-sync budget stays)", async () => {
    const excel = new FakeExcel();
    excel.addSheet("ВПР", register(3));
    installFake(g, excel);
    await readWorkbookGrids();
    expect(excel.formatReads).toEqual([]);
    expect(excel.syncCount).toBe(3);
  });

  test("merged areas are read only where ExcelApi 1.13 is supported", async () => {
    for (const [api, expected] of [
      ["1.13", [{ top: 0, left: 0, bottom: 0, right: 2 }]],
      ["1.12", undefined],
    ] as const) {
      const excel = new FakeExcel({ maxApi: api });
      excel.addSheet(
        "Т",
        [
          ["Заголовок", "", ""],
          ["a", "b", "c"],
        ],
        ["A1:C1"],
      );
      installFake(g, excel);
      const wb = await readWorkbookGrids();
      expect(wb.sheets[0].merges).toEqual(expected);
    }
  });
});
