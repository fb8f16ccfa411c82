import type { CellValue, SheetGrid, WorkbookGrids } from "../../../src/core/types";
import { parseResultsRange, readRegisters, recordsYears } from "../../../src/registers";

const book = (...sheets: SheetGrid[]): WorkbookGrids[] => [{ fileName: "реестр.xlsx", sheets }];
const sheet = (name: string, values: CellValue[][], extra: Partial<SheetGrid> = {}): SheetGrid => ({
  name,
  values,
  ...extra,
});
const HEADER = ["Учебный год", "Процедура", "Школа", "Класс", "Предмет", "Участники"];

describe("SPEC §2 header row", () => {
  it("is found below title rows within the first 20 rows", () => {
    const rows: CellValue[][] = Array.from({ length: 15 }, (_, i) => [i === 0 ? "Сводная таблица" : null]);
    rows.push([...HEADER, "Не справились"], ["2024/2025", "ВПР", "Школа 1", 5, "математика", 30, 9]);
    const r = readRegisters(book(sheet("Результаты", rows)));
    expect(r.sheets[0].kind).toBe("results");
    expect(r.sheets[0].headerRow).toBe(16);
    expect(r.results).toHaveLength(1);
  });

  it("is not looked for beyond row 20: such a sheet is no register", () => {
    const rows: CellValue[][] = Array.from({ length: 20 }, () => ["текст"]);
    rows.push([...HEADER, "Не справились"], ["2024/2025", "ВПР", "Школа 1", 5, "математика", 30, 9]);
    const r = readRegisters(book(sheet("Поздно", rows)));
    expect(r.sheets[0].kind).toBeNull();
    expect(r.results).toEqual([]);
    expect(r.problems).toEqual([]);
  });

  it("names real sheet cells when the used area does not start at A1 (origin)", () => {
    const r = readRegisters(
      book(
        sheet(
          "Сдвиг",
          [
            [...HEADER, "Не справились"],
            ["2024/2025", "ВПР", "Школа 1", 5, "математика", "н/д", 1],
          ],
          {
            origin: { row: 4, col: 2 },
          },
        ),
      ),
    );
    expect(r.sheets[0].headerRow).toBe(5);
    expect(r.sheets[0].mapping.find((m) => m.field === "school")?.letter).toBe("E");
    expect(r.problems).toEqual([expect.objectContaining({ sheet: "Сдвиг", cell: "H6" })]);
  });
});

describe("SPEC §2 shares: percent or fraction, converted to whole counts before R-LOW", () => {
  const shareSheet = (header: string, values: CellValue[]) =>
    readRegisters(
      book(
        sheet("Доли", [
          [...HEADER, header],
          ...values.map((v, i) => ["2024/2025", "ВПР", `Школа ${i + 1}`, 5, "математика", i === 1 ? 34 : 30, v]),
        ]),
      ),
    );

  it("R-LOW input: 30,00 % of 30 is 9, 29,41 % of 34 is 10 (a header with «%»)", () => {
    const r = shareSheet("% «2»", ["30,00", "29,41"]);
    expect(r.results.map((x) => [x.participants, x.failed])).toEqual([
      [30, 9],
      [34, 10],
    ]);
  });

  it("values above 1 make the column percent", () => {
    const r = shareSheet("Доля «2»", [30, 29.41]);
    expect(r.results.map((x) => x.failed)).toEqual([9, 10]);
  });

  it("a cell with «%» makes the column percent", () => {
    const r = shareSheet("Доля «2»", ["0,5 %", 1]);
    expect(r.results.map((x) => x.failed)).toEqual([0, 0]);
  });

  it("without «%» and values ≤ 1 the column is a fraction", () => {
    const r = shareSheet("Доля «2»", ["0,3", 0.2941]);
    expect(r.results.map((x) => x.failed)).toEqual([9, 10]);
  });

  it("a share outside 0–100 is a problem with its cell, the row left out", () => {
    const r = shareSheet("% «2»", [130, 10]);
    expect(r.results).toHaveLength(1);
    expect(r.problems).toEqual([
      expect.objectContaining({ cell: "G2", message: expect.stringContaining("вне 0–100") }),
    ]);
  });
});

describe("SPEC §2 mark columns «2»…«5»", () => {
  const marks = (participants: CellValue, m: CellValue[]) =>
    readRegisters(
      book(
        sheet("Отметки", [
          [...HEADER, "2", "3", "4", "5"],
          ["2024/2025", "ВПР", "Школа 1", 5, "математика", participants, ...m],
        ]),
      ),
    );

  it("counts summing to the participants are counts", () => {
    expect(marks(20, [5, 5, 5, 5]).results[0]).toMatchObject({ failed: 5, marks: { m2: 5, m3: 5, m4: 5, m5: 5 } });
  });

  it("a row summing to ≈100 (±1) is percentages of the participants", () => {
    expect(marks(40, [25, 25, 25, 25.5]).results[0]).toMatchObject({ failed: 10, marks: { m2: 10, m3: 10, m4: 10 } });
  });

  it("a share of marks as text with a decimal comma", () => {
    expect(marks(34, ["29,41", "41,18", "20,59", "8,82"]).results[0]).toMatchObject({ failed: 10 });
  });

  it("counts above the participants are a problem", () => {
    const r = marks(10, [5, 5, 5, 5]);
    expect(r.results).toEqual([]);
    expect(r.problems[0]).toMatchObject({ cell: "G2", message: expect.stringContaining("больше, чем участников") });
  });

  it("one mark above the participants is exactly one problem, at its cell", () => {
    const r = marks(22, [27, 0, 0, 0]);
    expect(r.results).toEqual([]);
    expect(r.problems).toEqual([
      expect.objectContaining({ cell: "G2", message: "Отметка «2» (27) больше, чем участников (22)" }),
    ]);
  });

  it("marks equal to their header numbers are data, not a repeated header", () => {
    const r = marks(14, [2, 3, 4, 5]);
    expect(r.results[0]).toMatchObject({ failed: 2, marks: { m2: 2, m3: 3, m4: 4, m5: 5 } });
    expect(r.sheets[0].skipped).toEqual([]);
  });

  it("an unreadable mark is a problem at its own cell", () => {
    const r = marks(20, [5, "пять", 5, 5]);
    expect(r.results).toEqual([]);
    expect(r.problems).toEqual([expect.objectContaining({ cell: "H2" })]);
  });
});

describe("SPEC §2 counts", () => {
  const counts = (p: CellValue, f: CellValue) =>
    readRegisters(
      book(
        sheet("К", [
          [...HEADER, "Не справились"],
          ["2024/2025", "ВПР", "Школа 1", 5, "математика", p, f],
        ]),
      ),
    );

  it("zero participants is a valid row", () => {
    expect(counts(0, 0).results[0]).toMatchObject({ participants: 0, failed: 0 });
  });
  it.each([
    [10, 11, "G2", "больше, чем участников"],
    [10.5, 1, "F2", "не целое"],
    [-1, 0, "F2", "не целое"],
    [10, 2.5, "G2", "не целое"],
    [null, 1, "F2", "Не указано количество участников"],
    [10, "два", "G2", "не число"],
  ])("participants %p, failed %p → problem at %s", (p, f, cell, msg) => {
    const r = counts(p, f);
    expect(r.results).toEqual([]);
    expect(r.problems).toEqual([expect.objectContaining({ sheet: "К", cell, message: expect.stringContaining(msg) })]);
  });
});

describe("SPEC §2 several result sheets, «Школы» register", () => {
  it("combines sheets, matches names to codes of «Школы», reports unknown schools", () => {
    const r = readRegisters(
      book(
        sheet("Школы", [
          ["Код ОО", "Наименование ОО", "Куратор"],
          ["sch700001", "МОУ «СОШ № 1»", "Иванова"],
        ]),
        sheet("ВПР", [
          [...HEADER, "Не справились"],
          ["2024/2025", "ВПР", "МОУ СОШ №1", 5, "математика", 30, 9],
        ]),
        sheet("ОГЭ", [
          ["Год", "Процедура", "ОО", "Предмет", "Писали", "Не преодолели минимальный порог"],
          [2025, "ОГЭ", "мОУ «сош № 1»", "Математика", 20, 2],
          [2025, "ОГЭ", "Школа-призрак", "Математика", 20, 2],
        ]),
      ),
    );
    expect(r.sheets.map((s) => s.kind)).toEqual(["schools", "results", "results"]);
    expect(r.results.map((x) => x.schoolKey)).toEqual(["login:700001", "login:700001", "name:школа-призрак"]);
    expect(r.results[1].code).toBe("sch700001");
    expect(r.problems).toEqual([
      expect.objectContaining({
        sheet: "ОГЭ",
        cell: "C3",
        message:
          "Школа «Школа-призрак» не найдена в реестре «Школы»; её строки учтены — добавьте её в реестр «Школы» или исправьте название",
      }),
    ]);
    expect(r.schools[0]).toMatchObject({ schoolKey: "login:700001", curator: "Иванова" });
    expect(recordsYears(r.results)).toEqual([2025]);
  });

  it("a sheet of context indicators is not mistaken for «Школы»", () => {
    const r = readRegisters(
      book(
        sheet("Контекст", [
          ["Школа", "Учебный год", "Всего обучающихся"],
          ["Школа 1", 2025, 300],
        ]),
      ),
    );
    expect(r.sheets[0].kind).toBeNull();
  });
});

describe("issue 8 duplicates (R-UNIT input)", () => {
  it("classes of one unit are kept for summing; a repeated class is a duplicate", () => {
    const r = readRegisters(
      book(
        sheet("ВПР", [
          [...HEADER, "Не справились"],
          ["2024/2025", "ВПР", "Школа 1", "5А", "математика", 25, 8],
          ["2024/2025", "ВПР", "Школа 1", "5Б", "математика", 25, 7],
          ["2024/2025", "ВПР", "Школа 1", "5 «А»", "математика", 25, 8],
        ]),
      ),
    );
    expect(r.results.map((x) => x.classLabel)).toEqual(["5А", "5Б"]);
    expect(r.sheets[0].skipped).toEqual([{ row: 4, reason: "дубликат строки 2" }]);
    expect(r.sheets[0].rowsRead).toBe(2);
  });

  it("the same unit on two sheets with different values: a problem naming both cells, both rows out", () => {
    const s = (name: string, failed: number) =>
      sheet(name, [
        [...HEADER, "Не справились"],
        ["2024/2025", "ВПР", "Школа 1", 5, "математика", 25, failed],
      ]);
    const r = readRegisters(book(s("Лист А", 8), s("Лист Б", 9)));
    expect(r.results).toEqual([]);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ sheet: "Лист Б", cell: "C2" });
    expect(r.problems[0].message).toContain("C2 и C2 (лист «Лист А»)");
  });
});

describe("parseResultsRange (custom functions)", () => {
  it("reads a range whose first row is the header, cells relative to the range", () => {
    const r = parseResultsRange([
      ["Школа", "Год", "Процедура", "Предмет", "Участники", "Получили «2»"],
      ["Школа 1", "2024/2025", "ВПР", "математика", 30, 9],
      ["Школа 2", "2024/2025", "ВПР", "математика", "", 9],
      ["Итого", null, null, null, 30, 9],
    ]);
    expect(r.results).toHaveLength(1);
    expect(r.problems).toEqual([expect.objectContaining({ sheet: "диапазон", cell: "E3" })]);
    expect(r.account.skipped).toEqual([{ row: 4, reason: "строка «Итого»", aggregate: true }]);
  });

  it("a range without a recognisable header gives one problem, not an exception", () => {
    const r = parseResultsRange(
      [
        [1, 2],
        [3, 4],
      ],
      "Лист1",
    );
    expect(r.results).toEqual([]);
    expect(r.account.kind).toBeNull();
    expect(r.problems).toEqual([expect.objectContaining({ sheet: "Лист1", cell: "A1" })]);
  });

  it("empty and ragged input does not crash", () => {
    expect(parseResultsRange([]).results).toEqual([]);
    expect(parseResultsRange([["Школа"], []]).account.kind).toBeNull();
  });
});

describe("issue 8 context: a blank column cell falls back to titles/names, else a problem", () => {
  it("uses the sheet name for a blank year cell; without any source names the blank cell", () => {
    const rows = (name: string) =>
      sheet(name, [
        ["Год", "Процедура", "Школа", "Предмет", "Участники", "Не справились"],
        [null, "ВПР", "Школа 1", "математика", 30, 9],
      ]);
    const r = readRegisters([{ sheets: [rows("ВПР 2025"), rows("Без года")] }]);
    expect(r.results.map((x) => [x.source.sheet, x.year])).toEqual([["ВПР 2025", 2025]]);
    expect(r.problems).toEqual([
      expect.objectContaining({ sheet: "Без года", cell: "A2", message: expect.stringContaining("ячейка пуста") }),
    ]);
  });
});

describe("SPEC §2 «Итого», «Всего», «По муниципалитету» and blank rows are named skips", () => {
  it("skips them wherever their text stands, never as schools", () => {
    const r = readRegisters(
      book(
        sheet("ВПР", [
          [...HEADER, "Не справились"],
          ["2024/2025", "ВПР", "Школа 1", 5, "математика", 30, 9],
          [null, null, null, null, null, null, null],
          ["2024/2025", "ВПР", "Школа 2", 5, "математика", 30, 3],
          [null, null, "Всего по району", null, null, 60, 12],
          [null, null, "По муниципалитету", null, null, 60, 12],
          ["Итого", null, null, null, null, 60, 12],
        ]),
      ),
    );
    expect(r.results.map((x) => x.school)).toEqual(["Школа 1", "Школа 2"]);
    expect(r.sheets[0].skipped).toEqual([
      { row: 3, reason: "пустая строка" },
      { row: 5, reason: "строка «Всего»", aggregate: true },
      { row: 6, reason: "строка «По муниципалитету»", aggregate: true },
      { row: 7, reason: "строка «Итого»", aggregate: true },
    ]);
    expect(r.problems).toEqual([]);
  });
});

describe("SPEC §2 two-row headers and hand mappings", () => {
  it("reads a header split over two rows with merged cells (participants merged down, «Отметки, %» across)", () => {
    const r = readRegisters(
      book(
        sheet(
          "ВПР 2025",
          [
            ["ВПР 2025, 5 класс, математика", null, null, null, null, null],
            ["ОО", "Кол-во участников", "Отметки, %", null, null, null],
            [null, null, 2, 3, 4, 5],
            ["Школа 1", 40, 25, 25, 25, 25],
          ],
          {
            merges: [
              { top: 1, left: 0, bottom: 2, right: 0 },
              { top: 1, left: 1, bottom: 2, right: 1 },
              { top: 1, left: 2, bottom: 1, right: 5 },
            ],
          },
        ),
      ),
    );
    const a = r.sheets[0];
    expect(a.headerRow).toBe(3);
    expect(a.mapping.map((m) => `${m.field}:${m.letter}`)).toEqual([
      "school:A",
      "participants:B",
      "m2:C",
      "m3:D",
      "m4:E",
      "m5:F",
    ]);
    expect(r.results[0]).toMatchObject({ year: 2025, grade: 5, subject: "математика", participants: 40, failed: 10 });
  });

  it("a mapping made by hand replaces recognition (ReadOptions.mappings)", () => {
    const r = readRegisters(
      book(
        sheet("Своя таблица", [
          ["Наша школа", "Сколько писало", "Двоек", "Год", "Что", "Предмет"],
          ["Школа 1", 30, 9, 2025, "ВПР", "математика"],
        ]),
      ),
      {
        mappings: [
          {
            sheet: "Своя таблица",
            kind: "results",
            headerRow: 1,
            columns: { school: 0, participants: 1, failed: 2, year: 3, procedure: 4, subject: 5 },
          },
        ],
      },
    );
    expect(r.sheets[0]).toMatchObject({ kind: "results", manual: true, headerRow: 1, rowsRead: 1 });
    expect(r.results[0]).toMatchObject({
      school: "Школа 1",
      participants: 30,
      failed: 9,
      year: 2025,
      procedure: "ВПР",
    });
  });
});

describe("issue 8 summary rows named in full", () => {
  it("«В среднем» is skipped as «строка «В среднем»», not «строка «В»»", () => {
    const r = readRegisters([
      {
        fileName: "сводка.xlsx",
        sheets: [
          {
            name: "ВПР 5 мат 2025",
            values: [
              ["Школа", "Участники", "Не справились"],
              ["МОУ СОШ № 1", 30, 9],
              ["В среднем", 30, 9],
            ],
          },
        ],
      },
    ]);
    expect(r.sheets[0].skipped).toEqual([{ row: 3, reason: "строка «В среднем»", aggregate: true }]);
    expect(r.results).toHaveLength(1);
  });
});
