/**
 * The pipeline on real .xlsx files: ExcelJS writes a register → readXlsxFile → buildAnnualList.
 * One test per rule boundary of issue 2 (SPEC R-UNIT, R-LOW, R-SHNOR, R-MARK, R-LIST, SPEC §2 values).
 */
import { ShnorInputError, buildAnnualList } from "../../../src/app";
import { readXlsxFile } from "../../../src/xlsx/readWorkbook";
import { shownValue } from "../../../src/core/sheetPlan";
import { RESULTS_HEADER, listFromSheets, resultsSheet, school, vpr, writeXlsx } from "./helpers";

const S1 = "МБОУ «СОШ № 1»";
const S2 = "МБОУ «СОШ № 2»";
const S3 = "МБОУ «Каменская СОШ»";

describe("buildAnnualList on real .xlsx registers", () => {
  test("R-LOW: exactly 30 % is low («не менее 30 %»), two such units in Y make R-SHNOR rule 1", async () => {
    const r = await listFromSheets([
      resultsSheet([
        vpr(S1, "2024/2025", "5", "математика", 50, 15),
        vpr(S1, "2024/2025", "6", "русский язык", 30, 9),
        vpr(S2, "2024/2025", "5", "математика", 50, 5),
      ]),
    ]);
    expect(r.year).toBe(2025);
    const s = school(r, S1);
    expect(s.shnor).toBe(true);
    expect(s.rules).toEqual([1]);
    expect(s.lowUnits.map((u) => [u.grade, u.subject, u.failed, u.participants, u.share])).toEqual([
      [5, "математика", 15, 50, 0.3],
      [6, "русский язык", 9, 30, 0.3],
    ]);
    expect(s.reasons[0]).toBe("2025 · ВПР · 5 кл. · математика — 30,0 % (15 из 50)");
    expect(school(r, S2).shnor).toBe(false);
  });

  test("R-LOW: 29.9 % is not low (299 of 1000, twice) — not ШНОР", async () => {
    const r = await listFromSheets([
      resultsSheet([vpr(S1, 2025, "5", "математика", 1000, 299), vpr(S1, 2025, "6", "математика", 1000, 299)]),
    ]);
    const s = school(r, S1);
    expect(s.shnor).toBe(false);
    expect(s.lowUnits).toEqual([]);
    expect(s.rules).toEqual([]);
  });

  test("R-SHNOR rule 2: one low unit in Y−1 and one in Y (different procedures) — ШНОР, «включена»", async () => {
    const r = await listFromSheets([
      resultsSheet([
        vpr(S1, "2022/2023", "5", "математика", 20, 2),
        [S1, "2023/2024", "ОГЭ", null, "математика", 20, 7],
        vpr(S1, "2024/2025", "8", "математика", 14, 5),
        vpr(S1, "2024/2025", "5", "русский язык", 20, 1),
      ]),
    ]);
    const s = school(r, S1);
    expect(s.shnor).toBe(true);
    expect(s.rules).toEqual([2]);
    expect(s.lowUnits.map((u) => `${u.year} ${u.procedure}`)).toEqual(["2024 ОГЭ", "2025 ВПР"]);
    expect(s.change).toBe("включена");
  });

  test("R-LIST: without data for Y−2 the status in Y−1 is unknown, so the change is not invented", async () => {
    const r = await listFromSheets([
      resultsSheet([
        [S1, "2023/2024", "ОГЭ", null, "математика", 20, 7],
        vpr(S1, "2024/2025", "8", "математика", 14, 5),
      ]),
    ]);
    const s = school(r, S1);
    expect(s.rules).toEqual([2]);
    expect(s.change).toBeNull();
  });

  test("R-SHNOR: one low unit in Y only and no data for Y−1 — not ШНОР, and the missing year is said", async () => {
    const r = await listFromSheets([resultsSheet([vpr(S1, 2025, "5", "математика", 20, 8)])]);
    const s = school(r, S1);
    expect(s.shnor).toBe(false);
    expect(s.lowUnits).toHaveLength(1);
    expect(s.hasPreviousYear).toBe(false);
  });

  test("R-SHNOR/R-LIST: two low units only in Y−1 — not ШНОР in Y, «исключена»", async () => {
    const r = await listFromSheets([
      resultsSheet([
        vpr(S1, "2023-2024", "5", "математика", 20, 8),
        vpr(S1, "2023-2024", "6", "математика", 20, 7),
        vpr(S1, "2024-2025", "6", "математика", 20, 2),
        vpr(S1, "2024-2025", "7", "математика", 20, 1),
      ]),
    ]);
    const s = school(r, S1);
    expect(s.shnor).toBe(false);
    expect(s.rules).toEqual([]);
    expect(s.change).toBe("исключена");
  });

  test("R-UNIT + R-MARK: classes 5А and 5Б are summed into one unit; the low class is the marker", async () => {
    const r = await listFromSheets([
      resultsSheet([
        vpr(S1, 2025, "5А", "математика", 25, 10),
        vpr(S1, 2025, "5Б", "математика", 25, 6),
        vpr(S1, 2025, "6А", "русский язык", 20, 7),
        // S2: one class is low (40 %), the sum is not (14 of 50 = 28 %).
        vpr(S2, 2025, "5А", "математика", 25, 10),
        vpr(S2, 2025, "5Б", "математика", 25, 4),
        vpr(S2, 2025, "6А", "русский язык", 20, 7),
      ]),
    ]);
    const s1 = school(r, S1);
    expect(s1.shnor).toBe(true);
    const unit5 = s1.lowUnits.find((u) => u.grade === 5)!;
    expect([unit5.participants, unit5.failed]).toEqual([50, 16]);
    expect(unit5.classes.sort()).toEqual(["5А", "5Б"]);
    expect(s1.markers).toEqual(expect.arrayContaining(["5А", "6А"]));
    expect(s1.markers).not.toContain("5Б");
    const s2 = school(r, S2);
    expect(s2.shnor).toBe(false);
    expect(s2.lowUnits.map((u) => u.grade)).toEqual([6]);
  });

  test("settings: subjects outside the default set do not count, unless chosen", async () => {
    const sheets = [
      resultsSheet([
        vpr(S1, 2025, "7", "физика", 20, 8),
        vpr(S1, 2025, "8", "физика", 20, 9),
        vpr(S1, 2025, "7", "математика", 20, 1),
      ]),
    ];
    const byDefault = await listFromSheets(sheets);
    expect(school(byDefault, S1).shnor).toBe(false);
    expect(school(byDefault, S1).lowUnits).toEqual([]);
    const withPhysics = await listFromSheets(sheets, {
      settings: { subjects: ["русский язык", "математика", "физика"] },
    });
    expect(school(withPhysics, S1).shnor).toBe(true);
    expect(school(withPhysics, S1).rules).toEqual([1]);
  });

  test("R-LOW: zero participants is never low and never crashes; minParticipants is a setting", async () => {
    const sheets = [
      resultsSheet([
        vpr(S1, 2025, "5", "математика", 0, 0),
        vpr(S1, 2025, "6", "математика", 8, 4),
        vpr(S1, 2025, "7", "математика", 8, 4),
      ]),
    ];
    const r = await listFromSheets(sheets);
    const s = school(r, S1);
    expect(s.lowUnits.map((u) => u.grade)).toEqual([6, 7]);
    expect(s.shnor).toBe(true);
    const strict = await listFromSheets(sheets, { settings: { minParticipants: 10 } });
    expect(school(strict, S1).shnor).toBe(false);
    expect(school(strict, S1).lowUnits).toEqual([]);
  });

  test("SPEC §2: failed > participants is a problem naming its cell; the row is left out, not guessed", async () => {
    const r = await listFromSheets([
      resultsSheet([vpr(S1, 2025, "5", "математика", 10, 12), vpr(S1, 2025, "6", "математика", 20, 7)]),
    ]);
    // Title row 1, header row 2, first data row 3; «Не справились» is column G.
    const p = r.registers.problems.find((x) => x.cell === "G3");
    expect(p).toBeDefined();
    expect(p!.sheet).toBe("ВПР");
    expect(p!.message).toMatch(/[А-Яа-я]/);
    const s = school(r, S1);
    expect(s.lowUnits.map((u) => u.grade)).toEqual([6]);
    expect(s.shnor).toBe(false);
  });

  test("SPEC §2: text in a count is a problem with its cell; the list is still built", async () => {
    const r = await listFromSheets([
      resultsSheet([vpr(S1, 2025, "5", "математика", "двадцать", 3), vpr(S2, 2025, "5", "математика", 20, 3)]),
    ]);
    expect(r.registers.problems.some((p) => p.sheet === "ВПР" && p.cell === "F3")).toBe(true);
    expect(r.list.schools.map((s) => s.school)).toContain(S2);
  });

  test("school identity: variant spellings (quotes, case, spaces, ё) are one school", async () => {
    const r = await listFromSheets([
      {
        name: "Школы",
        rows: [
          ["Код ОО", "Школа", "Тип", "Местность"],
          ["700101", "МБОУ «Берёзовская СОШ»", "СОШ", "село"],
        ],
      },
      resultsSheet([
        vpr("МБОУ «Берёзовская СОШ»", 2025, "5", "математика", 20, 7),
        vpr('мбоу  "Березовская СОШ"', 2025, "6", "математика", 20, 7),
      ]),
    ]);
    expect(r.list.schools).toHaveLength(1);
    const s = r.list.schools[0];
    expect(s.school).toBe("МБОУ «Берёзовская СОШ»");
    expect(s.rules).toEqual([1]);
    expect(s.lowUnits).toHaveLength(2);
  });

  test("SPEC §2: several result sheets (ВПР, ГИА-9) are combined — one low unit on each makes rule 1", async () => {
    const r = await listFromSheets([
      resultsSheet([vpr(S1, 2025, "5", "математика", 20, 7)], "ВПР"),
      {
        name: "ГИА-9",
        rows: [
          ["Наименование ОО", "Год", "Форма ГИА", "Предмет", "Кол-во участников", "Не преодолели минимальный порог"],
          [S1, 2025, "ОГЭ", "русский язык", 30, 10],
        ],
      },
    ]);
    const s = school(r, S1);
    expect(s.rules).toEqual([1]);
    expect(s.lowUnits.map((u) => u.procedure).sort()).toEqual(["ВПР", "ОГЭ"]);
    expect(r.registers.sheets.filter((a) => a.kind === "results").map((a) => a.sheet)).toEqual(["ВПР", "ГИА-9"]);
  });

  test("SPEC §2: share columns as text with a decimal comma («30,0 %» of 40 is low, «29,4 %» of 34 is not)", async () => {
    const r = await listFromSheets([
      {
        name: "ГИА-9",
        rows: [
          ["Результаты ОГЭ"],
          ["Школа", "Учебный год", "Процедура", "Предмет", "Участники", "Доля не преодолевших минимальный порог, %"],
          [S1, "2024/2025", "ОГЭ", "русский язык", 40, "30,0 %"],
          [S1, "2024/2025", "ОГЭ", "математика", 40, "31,5 %"],
          [S2, "2024/2025", "ОГЭ", "русский язык", 34, "29,4 %"],
          [S2, "2024/2025", "ОГЭ", "математика", 34, "29,4 %"],
        ],
      },
    ]);
    const s1 = school(r, S1);
    expect(s1.lowUnits.map((u) => [u.subject, u.failed, u.participants])).toEqual(
      [
        ["математика", 13, 40],
        ["русский язык", 12, 40],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))) as unknown[],
    );
    expect(s1.shnor).toBe(true);
    expect(school(r, S2).shnor).toBe(false);
    expect(school(r, S2).lowUnits).toEqual([]);
  });

  test("SPEC §2: «Итого» rows are skipped, never a school", async () => {
    const r = await listFromSheets([
      resultsSheet([
        vpr(S1, 2025, "5", "математика", 20, 2),
        vpr(S3, 2025, "5", "математика", 12, 1),
        vpr("Итого по району", 2025, "5", "математика", 32, 30),
        vpr("Всего", 2025, "6", "математика", 32, 30),
      ]),
    ]);
    expect(r.list.schools.map((s) => s.school).sort()).toEqual([S1, S3].sort());
    const account = r.registers.sheets.find((a) => a.sheet === "ВПР")!;
    expect(account.skipped.map((x) => x.row)).toEqual(expect.arrayContaining([5, 6]));
  });

  test("R-UNIT: mark columns «2»…«5» with counts — a class with two «2» and five «5» is data, not a repeated header", async () => {
    const r = await listFromSheets([
      {
        name: "ВПР",
        rows: [
          [
            "Школа",
            "Учебный год",
            "Процедура",
            "Класс",
            "Предмет",
            "Количество участников",
            "«2»",
            "«3»",
            "«4»",
            "«5»",
          ],
          [S1, 2025, "ВПР", "5А", "математика", 28, 2, 12, 9, 5],
          [S1, 2025, "ВПР", "5Б", "математика", 26, 1, 10, 10, 5],
        ],
      },
    ]);
    const account = r.registers.sheets.find((a) => a.sheet === "ВПР")!;
    expect(account.rowsRead).toBe(2);
    expect(account.skipped).toEqual([]);
    expect(r.registers.results.map((x) => [x.classLabel, x.participants, x.failed, x.marks])).toEqual([
      ["5А", 28, 2, { m2: 2, m3: 12, m4: 9, m5: 5 }],
      ["5Б", 26, 1, { m2: 1, m3: 10, m4: 10, m5: 5 }],
    ]);
  });

  test("year defaults to the latest year; --year picks another list year", async () => {
    const file = await writeXlsx([
      resultsSheet([
        vpr(S1, 2024, "5", "математика", 20, 8),
        vpr(S1, 2024, "6", "математика", 20, 8),
        vpr(S1, 2025, "5", "математика", 20, 1),
      ]),
    ]);
    const grids = await readXlsxFile(file);
    expect(buildAnnualList([grids]).year).toBe(2025);
    const y2024 = buildAnnualList([grids], { year: 2024 });
    expect(y2024.year).toBe(2024);
    expect(school(y2024, S1).shnor).toBe(true);
    expect(y2024.plan.name).toBe("Список ШНОР 2024");
  });

  test("ShnorInputError: no results register, or no results for the year asked", async () => {
    const noResults = await readXlsxFile(
      await writeXlsx([
        {
          name: "Школы",
          rows: [
            ["Школа", "Тип"],
            [S1, "СОШ"],
          ],
        },
      ]),
    );
    expect(() => buildAnnualList([noResults])).toThrow(ShnorInputError);
    expect(() => buildAnnualList([noResults])).toThrow(/Реестр результатов не найден/);
    const grids = await readXlsxFile(await writeXlsx([resultsSheet([vpr(S1, 2025, "5", "математика", 20, 1)])]));
    expect(() => buildAnnualList([grids], { year: 2030 })).toThrow(/Нет результатов за 2029\/2030/);
    expect(() => buildAnnualList([grids], { settings: { threshold: 140 } })).toThrow(/Неверные настройки/);
  });

  test("the annual list sheet is not read back as a register (SPEC §4 generated sheets)", async () => {
    const first = await listFromSheets([
      resultsSheet([vpr(S1, 2025, "5", "математика", 20, 7), vpr(S1, 2025, "6", "математика", 20, 7)]),
    ]);
    // Render the plan's table as plain cells on a second sheet of the same workbook.
    const t = first.plan.table!;
    const rows: (string | number | null)[][] = Array.from({ length: t.at.row }, () => []);
    rows.push(t.columns.map((c) => c.header));
    for (const row of t.rows)
      rows.push(
        row.map((p) => shownValue(p)).map((v) => (v instanceof Date || typeof v === "boolean" ? String(v) : v)),
      );
    const again = await listFromSheets([
      resultsSheet([vpr(S1, 2025, "5", "математика", 20, 7), vpr(S1, 2025, "6", "математика", 20, 7)]),
      { name: first.plan.name, rows },
    ]);
    expect(again.generatedSheets.map((g) => g.sheet)).toEqual(["Список ШНОР 2025"]);
    expect(again.registers.sheets.map((a) => a.sheet)).not.toContain("Список ШНОР 2025");
    expect(again.list.schools).toHaveLength(1);
  });
});

// Keep the header constant referenced (documentation of the layout the helpers write).
void RESULTS_HEADER;
