/**
 * The web page's host (issue 17) driven by the pane's own PaneController, on real .xlsx files: files are read by the
 * project's reader, the list is grafted into a copy of the file (one file) or a new workbook (several), and the bytes
 * offered as the download are read back and compared with the engine's plan (R-LOW, R-SHNOR, R-LIST). Settings and
 * mappings go to a (Map-backed) browser storage.
 */
import fs from "node:fs";
import os from "node:os";
import ExcelJS from "exceljs";
import path from "node:path";
import { buildAnnualList } from "../../src/app";
import type { SheetGrid, WorkbookGrids } from "../../src/core/types";
import { PaneController } from "../../src/taskpane/controller";
import { storeOver, type KeyValueStorage } from "../../src/web/browserStorage";
import { isOpened, openFile, withFiles, MAX_FILE_BYTES } from "../../src/web/openFiles";
import { downloadName, WebWorkbook, type OpenedFile } from "../../src/web/webHost";
import { generatedSheetNames } from "../../src/xlsx/graft";
import { readXlsx } from "../../src/xlsx/readXlsx";
import { RESULTS_HEADER, writeXlsx } from "../unit/pipeline/helpers";
import { unzipParts } from "../unit/xlsx/zipParts";
import { programmeWorkbook } from "../../scripts/make-fixtures";
import { SERVICE_HEADER } from "../../src/core/workSheet";

const SAMPLE = path.resolve(__dirname, "../../samples/Реестр результатов района.xlsx");

class MapStorage implements KeyValueStorage {
  readonly map = new Map<string, string>();
  getItem(k: string): string | null {
    return this.map.get(k) ?? null;
  }
  setItem(k: string, v: string): void {
    this.map.set(k, v);
  }
}

function fileLike(file: string, name = path.basename(file)) {
  const bytes = fs.readFileSync(file);
  return {
    name,
    size: bytes.length,
    arrayBuffer: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer,
  };
}

async function opened(file: string, name?: string): Promise<OpenedFile> {
  const r = await openFile(fileLike(file, name));
  if (!isOpened(r)) throw new Error(r.message);
  return r;
}

/** A sheet's values with holes (rows or cells the reader left sparse) as null, for comparison. */
const values = (s: SheetGrid | undefined) =>
  s ? Array.from(s.values, (r) => Array.from(r ?? [], (v) => (v === undefined ? null : v))) : null;
const sheet = (g: WorkbookGrids, name: string) => g.sheets.find((s) => s.name === name);

async function knownRegister(fileName: string, school = "МОУ «СОШ № 1»"): Promise<string> {
  // СОШ № 1: two low results in 2024/2025 (R-SHNOR rule 1); СОШ № 3: none.
  return writeXlsx(
    [
      {
        name: "ВПР",
        rows: [
          RESULTS_HEADER,
          [school, "2024/2025", "ВПР", 5, "математика", 50, 20],
          [school, "2024/2025", "ВПР", 5, "русский язык", 50, 16],
          ["МОУ «СОШ № 3»", "2024/2025", "ВПР", 5, "математика", 50, 5],
        ],
      },
      { name: "Заметки", rows: [["Лист пользователя", 1]] },
    ],
    fileName,
  );
}

describe("web page host over .xlsx files (issue 17; R-LOW, R-SHNOR, R-LIST)", () => {
  test("one file: the pane's controller builds the list into a copy; the download holds the user's sheets unchanged and the engine's list", async () => {
    const file = await opened(SAMPLE);
    const storage = new MapStorage();
    const host = new WebWorkbook([file], storeOver(storage));
    const pane = new PaneController(host);
    expect(pane.getState().traits.selectsCells).toBe(false);

    await pane.scan();
    expect(pane.getState().error).toBeNull();
    expect(pane.getState().registers!.sheets.filter((s) => s.kind === "results").length).toBeGreaterThan(0);
    expect(host.output()).toBeNull();

    await pane.buildList();
    const st = pane.getState();
    expect(st.error).toBeNull();
    expect(st.outcome!.sheet).toBe("Список ШНОР 2025");
    const built = host.output()!;
    expect(built.fileName).toBe("Реестр результатов района — список ШНОР 2025.xlsx");
    expect(built.isCopy).toBe(true);
    expect(built.sheets).toEqual(["Список ШНОР 2025"]);

    const original = await readXlsx(file.bytes);
    const copy = await readXlsx(built.bytes);
    // The user's sheets come back with the same values; the list is added after them.
    expect(copy.sheets.map((s) => s.name)).toEqual([...original.sheets.map((s) => s.name), "Список ШНОР 2025"]);
    for (const s of original.sheets) expect(values(sheet(copy, s.name))).toEqual(values(s));
    expect(generatedSheetNames(built.bytes)).toEqual(["Список ШНОР 2025"]);

    // The list as the engine plans it (same settings, same reader).
    const expected = buildAnnualList([original], { settings: st.settings, generatedAt: new Date() });
    const list = { values: values(sheet(copy, "Список ШНОР 2025"))! };
    const t = expected.plan.table!;
    const header = list.values.findIndex((r) => r[t.at.col] === "№" && r[t.at.col + 1] === "Школа");
    expect(header).toBeGreaterThanOrEqual(0);
    const body = list.values.slice(header + 1, header + 1 + t.rows.length).map((r) => r.slice(t.at.col, t.at.col + 4));
    expect(body).toEqual(t.rows.map((r) => r.slice(0, 4)));
    expect(expected.list.summary.shnor).toBe(st.outcome!.shnor);
    expect(st.outcome!.shnor).toBeGreaterThan(0);
  });

  test("a second build asks first, then replaces the generated sheet in the same copy (no «(2)»)", async () => {
    const host = new WebWorkbook([await opened(SAMPLE)], storeOver(new MapStorage()));
    const pane = new PaneController(host);
    await pane.buildList();
    const first = host.output()!.bytes;
    await pane.buildList();
    expect(pane.getState().confirmReplace).toBe("Список ШНОР 2025");
    expect(host.output()!.bytes).toBe(first);
    await pane.confirmReplace();
    expect(pane.getState().error).toBeNull();
    const again = await readXlsx(host.output()!.bytes);
    expect(again.sheets.filter((s) => s.name.startsWith("Список ШНОР")).map((s) => s.name)).toEqual([
      "Список ШНОР 2025",
    ]);
    expect(host.output()!.sheets).toEqual(["Список ШНОР 2025"]);
  });

  test("several files: a new workbook with only the list, over the registers of all files; registers name their file", async () => {
    const a = await opened(await knownRegister("впр.xlsx"));
    const b = await opened(await knownRegister("огэ.xlsx", "МОУ «СОШ № 2»"));
    const host = new WebWorkbook([a, b], storeOver(new MapStorage()));
    const grids = await host.readGrids();
    expect(grids.sheets.map((s) => `${s.file}/${s.name}`)).toEqual([
      "впр.xlsx/ВПР",
      "впр.xlsx/Заметки",
      "огэ.xlsx/ВПР",
      "огэ.xlsx/Заметки",
    ]);
    const pane = new PaneController(host);
    await pane.buildList();
    expect(pane.getState().error).toBeNull();
    const built = host.output()!;
    expect(built.isCopy).toBe(false);
    expect(built.fileName).toBe("впр и ещё 1 — список ШНОР 2025.xlsx");
    const out = await readXlsx(built.bytes);
    expect(out.sheets.map((s) => s.name)).toEqual(["Список ШНОР 2025"]);
    const text = JSON.stringify(out.sheets[0].values);
    expect(text).toContain("МОУ «СОШ № 1»");
    expect(text).toContain("МОУ «СОШ № 2»");
    const accounts = pane.getState().registers!.sheets.filter((s) => s.kind === "results");
    expect(accounts.map((s) => s.file).sort()).toEqual(["впр.xlsx", "огэ.xlsx"]);
  });

  test("a user sheet named like the list is never replaced: the pane reports it and nothing is offered", async () => {
    const file = await writeXlsx(
      [
        { name: "ВПР", rows: [RESULTS_HEADER, ["МОУ «СОШ № 1»", "2024/2025", "ВПР", 5, "математика", 50, 20]] },
        { name: "Список ШНОР 2025", rows: [["мой собственный лист"]] },
      ],
      "свой лист.xlsx",
    );
    const host = new WebWorkbook([await opened(file)], storeOver(new MapStorage()));
    expect(await host.sheetStatus("список шнор 2025")).toBe("user");
    const pane = new PaneController(host);
    await pane.buildList();
    expect(pane.getState().error).toMatch(/уже есть лист «Список ШНОР 2025», созданный не надстройкой/);
    expect(host.output()).toBeNull();
  });

  test("settings and mappings are kept in the browser's storage; mappings per file; a broken stored value is ignored", async () => {
    const storage = new MapStorage();
    const file = await opened(await knownRegister("впр.xlsx"));
    const pane = new PaneController(new WebWorkbook([file], storeOver(storage)));
    expect(pane.updateSettings({ threshold: 40 })).toEqual([]);
    await pane.saveSettings();
    expect(pane.getState().notice).toBe("Настройки сохранены в этом браузере.");
    await pane.setMapping({
      sheet: "Заметки",
      file: "впр.xlsx",
      kind: "schools",
      headerRow: 1,
      columns: { school: 0 },
    });
    expect(pane.getState().notice).toBe("Сопоставление листа «Заметки» сохранено в этом браузере.");

    // A new page (new host over the same storage): the settings come back; the mapping only for that file.
    const again = new WebWorkbook([file], storeOver(storage));
    expect(again.loadSettings().threshold).toBe(40);
    expect(again.loadMappings().map((m) => m.sheet)).toEqual(["Заметки"]);
    const other = new WebWorkbook([await opened(await knownRegister("другой.xlsx"))], storeOver(storage));
    expect(other.loadMappings()).toEqual([]);
    // Saving the other file's mappings keeps this file's.
    await other.saveMappings([]);
    expect(new WebWorkbook([file], storeOver(storage)).loadMappings()).toHaveLength(1);

    storage.setItem("shnor-web:shnor.settings", "{не json");
    storage.setItem("shnor-web:shnor.mappings", JSON.stringify([{ sheet: 1 }]));
    const broken = new WebWorkbook([file], storeOver(storage));
    expect(broken.loadSettings().threshold).toBe(30);
    expect(broken.loadMappings()).toEqual([]);
  });

  test("storage that refuses writes: values live for the page and the store says it is not persistent", () => {
    const store = storeOver({
      getItem: () => null,
      setItem: () => {
        throw new Error("QuotaExceededError");
      },
    });
    expect(store.persistent).toBe(true);
    store.saveSettings({ ...store.loadSettings(), threshold: 45 });
    expect(store.loadSettings().threshold).toBe(45);
    expect(store.persistent).toBe(false);
    expect(storeOver(null).persistent).toBe(false);
  });

  test("files that are not workbooks, or too large, are named in one Russian line; the others open; same name replaces", async () => {
    const notXlsx = { name: "заметки.txt", size: 5, arrayBuffer: async () => new TextEncoder().encode("hello").buffer };
    const r = await openFile(notXlsx);
    expect(isOpened(r)).toBe(false);
    expect((r as { message: string }).message).toMatch(/заметки\.txt/);
    const huge = await openFile({ name: "огромный.xlsx", size: MAX_FILE_BYTES + 1 });
    expect((huge as { message: string }).message).toMatch(/больше 300 МБ.*shnor/);

    const a = await opened(await knownRegister("впр.xlsx"));
    const b = await opened(await knownRegister("огэ.xlsx"));
    const a2 = await opened(await knownRegister("впр.xlsx", "МОУ «Лицей»"));
    const files = withFiles(withFiles([], [a, b]), [a2]);
    expect(files.map((f) => f.name)).toEqual(["впр.xlsx", "огэ.xlsx"]);
    expect(files[0]).toBe(a2);
  });

  test("issue 14: «Построить всё» on the page builds the four sheets; a downloaded copy edited and opened again keeps the edits", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "shnor-web-all-"));
    const input = await programmeWorkbook(dir);
    const host = new WebWorkbook([await opened(input)], storeOver(new MapStorage()));
    const pane = new PaneController(host);
    await pane.buildAll();
    expect(pane.getState().error).toBeNull();
    const first = host.output()!;
    expect(first.sheets).toEqual(["Список ШНОР 2021", "Дорожная карта 2021", "Показатели 2021", "Динамика"]);
    expect(generatedSheetNames(first.bytes)).toEqual(first.sheets);
    expect([...unzipParts(first.bytes).keys()].filter((n) => /^xl\/charts\/chart\d+\.xml$/.test(n))).toHaveLength(3);

    // The specialist opens the download in Excel, sets a status, saves; then opens it on the page again.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(
      first.bytes.buffer.slice(first.bytes.byteOffset, first.bytes.byteOffset + first.bytes.length) as ArrayBuffer,
    );
    const ws = wb.getWorksheet("Дорожная карта 2021")!;
    let header = 0;
    const col = new Map<string, number>();
    ws.eachRow((row, r) => {
      if (header) return;
      row.eachCell((c, n) => void (typeof c.value === "string" && col.set(c.value, n)));
      if (col.has(SERVICE_HEADER)) header = r;
      else col.clear();
    });
    let code = "";
    for (let r = header + 1; !code; r++) {
      if (String(ws.getCell(r, col.get(SERVICE_HEADER)!).value ?? "").startsWith("SHNOR1|item|")) {
        code = String(ws.getCell(r, col.get("Код")!).value);
        ws.getCell(r, col.get("Статус")!).value = "выполнено";
      }
    }
    const edited = path.join(dir, "из браузера.xlsx");
    await wb.xlsx.writeFile(edited);

    const again = new WebWorkbook([await opened(edited)], storeOver(new MapStorage()));
    const pane2 = new PaneController(again);
    await pane2.buildAll();
    expect(pane2.getState().confirmKeeps).toBe(true);
    await pane2.confirmReplace();
    const st = pane2.getState();
    expect(st.error).toBeNull();
    expect(st.outcome!.kept).toBe("сохранено отметок: 1");
    const copy = await readXlsx(again.output()!.bytes);
    const road = sheet(copy, "Дорожная карта 2021")!;
    const h = road.values.findIndex((r) => (r ?? []).includes(SERVICE_HEADER));
    const cols = road.values[h]!;
    const row = road.values.find((r) => r?.[cols.indexOf("Код")] === code)!;
    expect(row[cols.indexOf("Статус")]).toBe("выполнено");
    // No duplicate sheets: the four were replaced in place.
    expect(
      copy.sheets.filter((s) => /^(Список ШНОР|Дорожная карта|Показатели) 2021$|^Динамика$/.test(s.name)),
    ).toHaveLength(4);
  });

  test("download names: like the demo's output, macro workbooks keep .xlsm", () => {
    expect(downloadName(["Реестр 2025.xlsx"], "Список ШНОР 2025", "xlsx")).toBe("Реестр 2025 — список ШНОР 2025.xlsx");
    expect(downloadName(["с макросами.xlsm"], "Список ШНОР 2024", "xlsm")).toBe("с макросами — список ШНОР 2024.xlsm");
    expect(downloadName(["а.xlsx", "б.xlsx", "в.xlsx"], "Список ШНОР 2025", "xlsx")).toBe(
      "а и ещё 2 — список ШНОР 2025.xlsx",
    );
  });
});
