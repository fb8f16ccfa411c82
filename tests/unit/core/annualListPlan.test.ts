import { assessSchools } from "../../../src/core/annualList";
import { ANNUAL_LIST_COLUMNS, annualListPlan } from "../../../src/core/annualListPlan";
import { shownValue } from "../../../src/core/sheetPlan";
import type { CellValue } from "../../../src/core/types";
import { low, ok, schoolRec, settings } from "./records";

const rows = [
  ok({ school: "Лицей", year: 2024 }),
  ok({ school: "Лицей" }),
  low({ school: "Школа Б", year: 2024 }),
  low({ school: "Школа Б", year: 2024, subject: "русский язык" }),
  ok({ school: "Школа Б", year: 2023 }),
  low({ school: "Школа Б", classLabel: "5А" }),
  low({ school: "Школа Б", subject: "русский язык" }),
  ok({ school: "Школа Я", year: 2024 }),
  low({ school: "Школа Я" }),
  low({ school: "Школа Я", grade: 6 }),
];
const list = assessSchools(
  {
    results: rows,
    schools: [schoolRec("Школа Я", { code: "700002", curator: "Петрова А. А.", partner: "Лицей" })],
    problems: [{ sheet: "ВПР", cell: "E9", message: "не число" }],
  },
  2025,
  settings(),
);
const plan = annualListPlan(list, new Date(2025, 8, 15));
const table = plan.table!;
const col = (key: string) => ANNUAL_LIST_COLUMNS.findIndex((c) => c.key === key);
const cell = (r: number, key: string): CellValue => shownValue(table.rows[r][col(key)]);
const blockText = () => plan.blocks.flatMap((b) => b.values.flat()).filter((v) => typeof v === "string");

describe("sheet plan «Список ШНОР Y» (SPEC §4)", () => {
  test("sheet name, kind, year and table name", () => {
    expect(plan).toMatchObject({ name: "Список ШНОР 2025", kind: "annual-list", year: 2025 });
    expect(plan.name.length).toBeLessThanOrEqual(31);
    expect(table.name).toBe("ShnorList2025");
  });

  test("the SPEC §4 columns in order", () => {
    expect(table.columns.map((c) => c.header)).toEqual([
      "№",
      "Школа",
      "Код ОО",
      "Статус",
      "Правило",
      "Низкие результаты",
      "Маркеры",
      "Признаки необъективности",
      "ИСБ",
      "Динамика доли «2» ВПР",
      "Динамика ОГЭ",
      "Изменение",
      "Куратор",
      "Школа-партнёр",
    ]);
    expect(table.columns.find((c) => c.key === "reasons")).toMatchObject({ wrap: true });
    expect(table.rows.every((r) => r.length === table.columns.length)).toBe(true);
  });

  test("R-SHNOR rows first, numbered, with rule, reasons, markers and R-LIST change", () => {
    expect(table.rows.map((r) => [r[0], r[col("school")], r[col("status")]])).toEqual([
      [1, "Школа Б", "ШНОР"],
      [2, "Школа Я", "ШНОР"],
      [3, "Лицей", "—"],
    ]);
    expect(cell(0, "rule")).toBe("1, 2");
    expect(cell(0, "markers")).toBe("5А");
    expect(cell(0, "change")).toBe("остаётся 2-й год");
    expect(String(cell(0, "reasons")).split("\n")).toEqual([
      "2024 · ВПР · 5 кл. · математика — 40,0 % (20 из 50)",
      "2024 · ВПР · 5 кл. · русский язык — 40,0 % (20 из 50)",
      "2025 · ВПР · 5 кл. · математика — 40,0 % (20 из 50)",
      "2025 · ВПР · 5 кл. · русский язык — 40,0 % (20 из 50)",
    ]);
    expect(cell(1, "rule")).toBe("1");
    expect(cell(1, "change")).toBe("включена");
    expect(cell(1, "code")).toBe("700002");
    expect(cell(1, "curator")).toBe("Петрова А. А.");
    expect(cell(1, "partner")).toBe("Лицей");
    expect(cell(2, "reasons")).toBe("—");
    expect(cell(2, "change")).toBe("—");
  });

  test("R-LIST unknown change is said as «нет данных», and missing years are named in the reasons", () => {
    const l = assessSchools({ results: [low(), low({ subject: "русский язык" })], schools: [] }, 2025, settings());
    const t = annualListPlan(l, new Date(2025, 8, 15)).table!;
    expect(t.rows[0][col("change")]).toBe("нет данных");
    expect(String(t.rows[0][col("reasons")])).toContain("нет результатов за 2023/2024 учебный год");
  });

  test("R-OBJ and R-SOC without their data (no marks, no journal, no social passport): «нет данных», not a fake value", () => {
    expect(table.rows.map((r) => [r[col("objectivity")], r[col("isb")]])).toEqual(
      table.rows.map(() => ["нет данных", "нет данных"]),
    );
  });

  test("R-DYN cells: verdict with Δ in p.p.", () => {
    // Школа Б: ВПР 40 % → 40 %; Лицей: 10 % → 10 %; Школа Я: 10 % → 40 % on the paired unit (5 кл. math).
    expect(cell(0, "vprDynamics")).toBe("без изменений (0,0 п.п.)");
    expect(cell(1, "vprDynamics")).toBe("отрицательная (+30,0 п.п.)");
    expect(cell(0, "ogeDynamics")).toBe("нет данных");
  });

  test("ШНОР rows highlighted; header styled; frozen under the header; A4 landscape with repeated header", () => {
    expect(table.rowStyles?.map((s) => s.row)).toEqual([0, 1]);
    expect(table.headerStyle?.bold).toBe(true);
    const headerSheetRow = table.at.row + 1;
    expect(plan.freeze?.rows).toBe(headerSheetRow);
    expect(plan.print).toEqual({
      orientation: "landscape",
      paper: "A4",
      fitToWidth: true,
      repeatRows: [headerSheetRow, headerSheetRow],
    });
    expect(plan.conditionalFormats[0].ref).toBe(`D${headerSheetRow + 1}:D${headerSheetRow + 3}`);
  });

  test("title block: list year, source years, settings used and the generation date", () => {
    const text = blockText();
    expect(text).toContain("Ежегодный список школ с низкими образовательными результатами (ШНОР) на 2025 год");
    expect(text).toContain("по результатам 2023/2024 и 2024/2025 учебных годов");
    expect(text).toContain("Сформировано: 15.09.2025");
    expect(text.some((t) => String(t).includes("не менее 30 %"))).toBe(true);
    expect(plan.blocks[0].at).toEqual({ row: 0, col: 0 });
  });

  test("summary block below the table with the counts", () => {
    const summary = plan.blocks.find((b) => b.values.some((r) => r[0] === "Всего школ"))!;
    expect(summary.at.row).toBeGreaterThan(table.at.row + table.rows.length);
    const get = (label: string) => summary.values.find((r) => r[0] === label)?.[1];
    expect(get("Всего школ")).toBe(3);
    expect(get("ШНОР")).toBe(2);
    expect(get("Включены в список")).toBe(1);
    expect(get("Исключены из списка")).toBe(0);
    expect(get("Остаются в списке")).toBe(1);
    expect(get("Без результатов за 2024/2025 учебный год")).toBe(0);
    expect(get("Проблем в данных")).toBe(1);
  });

  test("an empty list still gives a valid plan", () => {
    const empty = annualListPlan(assessSchools({ results: [], schools: [] }, 2026, settings()), new Date(2026, 0, 1));
    expect(empty.name).toBe("Список ШНОР 2026");
    expect(empty.table?.rows).toEqual([]);
  });
});
