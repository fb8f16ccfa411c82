/**
 * SHNOR.CLASSIFY, SHNOR.REASONS and SHNOR.LISTCHANGE over a register range with its header row, called as Excel
 * calls them (R-UNIT, R-LOW, R-SHNOR, R-LIST): spilled shapes, per-cell errors for unread rows naming the real cell,
 * blanks, text numbers, name variants, settings saved in the workbook, the output cap and bad input.
 */
import { classify, listChange, reasons } from "../../../src/functions/functions";
import { MAX_SPILL_ROWS } from "../../../src/functions/output";
import { resetCaches } from "../../../src/functions/registerRange";
import { at, type Cell, register, thrown, withSavedSettings } from "./excel";

/** Data rows of the register (after the title row and the header). Range: 'Реестр ВПР'!B3:H… */
const ROWS: Cell[][] = [
  // СОШ № 1: 2023 rule 1, 2024 rule 2, 2025 rules 1 and 2 → «остаётся 3-й год».
  ["МОУ «СОШ № 1»", "2022/2023", "ВПР", "5А", "Математика", 30, 10],
  ["МОУ «СОШ № 1»", "2022/2023", "ВПР", 5, "Русский язык", 30, 10],
  ["МОУ «СОШ № 1»", "2023/2024", "ВПР", 5, "Математика", 50, 20],
  ["МОУ «СОШ № 1»", "2024/2025", "ВПР", "5А", "Математика", 25, 9],
  ['МОУ "СОШ №1"', "2024/2025", "ВПР", "5Б", "Математика", 25, 8], // R-UNIT: 5А + 5Б = 17 из 50
  ["МОУ «СОШ № 1»", "2024/2025", "ВПР", 6, "Русский язык", 40, 12], // exactly 30 % — low
  // СОШ № 2: one low in 2025 (ОГЭ) and one in 2024 (ЕГЭ) → rule 2 only; 2023 judged not ШНОР → «включена».
  ["МОУ «СОШ № 2»", 2025, "ОГЭ", 9, "Математика", 20, 7],
  ["МОУ «СОШ № 2»", 2024, "ЕГЭ", 11, "Русский язык", 30, 9],
  ["МОУ «СОШ № 2»", 2023, "ВПР", 5, "Математика", 30, 1],
  ["МОУ «СОШ № 2»", 2025, "ВПР", 7, "Математика", "абв", 3], // unreadable participants
  // ООШ с. Берёзовка: one low in 2025, no data for 2024 → not ШНОР, said; R-LIST cannot tell.
  ["МКОУ ООШ с. Берёзовка", "2024-25", "ВПР", 5, "Математика", 20, 7],
  // Гимназия № 3: ШНОР in 2024 (rule 1), not in 2025 → «исключена».
  ["Гимназия № 3", 2025, "ВПР", 5, "Математика", 60, 3],
  ["Гимназия № 3", 2024, "ВПР", 5, "Математика", 60, 20],
  ["Гимназия № 3", 2024, "ВПР", 5, "Русский язык", 60, 20],
  ["Гимназия № 3", 2023, "ВПР", 5, "Математика", 60, 2],
  // Лицей № 4: nothing low.
  ["Лицей № 4", 2025, "ВПР", 5, "Математика", 60, 2],
  ["Лицей № 4", 2024, "ВПР", 5, "Математика", 1000, 299], // 29,9 % — not low
  [null, null, null, null, null, null, null],
  ["Итого", 2025, "ВПР", 5, "Математика", 500, 100],
];
const ADDRESS = "'Реестр ВПР'!B3:H22";
const reg = () => register(ROWS);

beforeEach(() => resetCaches());

describe("CLASSIFY without a school: the spilled table", () => {
  test("R-SHNOR: header, every school once (ШНОР first), unread rows as #VALUE! rows naming the sheet cell", () => {
    const out = classify(reg(), 2025, null, at(ADDRESS));
    expect(out.every((r) => r.length === 4)).toBe(true);
    expect(out[0]).toEqual(["Школа", "ШНОР", "Правило", "Низкие результаты"]);
    const schools = out.slice(1).filter((r) => typeof r[0] === "string");
    expect(schools.map((r) => [r[0], r[1], r[2]])).toEqual([
      ["МОУ «СОШ № 1»", "да", "1, 2"],
      ["МОУ «СОШ № 2»", "да", "2"],
      ["Гимназия № 3", "нет", "—"],
      ["Лицей № 4", "нет", "—"],
      // R-SHNOR: one low unit in Y and no Y−1 data — cannot be told (audit: was «нет»).
      ["МКОУ ООШ с. Берёзовка", "не определено", "—"],
    ]);
    expect(schools[0][3]).toBe(
      "2024 · ВПР · 5 кл. · математика — 40,0 % (20 из 50); 2025 · ВПР · 5 кл. · математика — 34,0 % (17 из 50); " +
        "2025 · ВПР · 6 кл. · русский язык — 30,0 % (12 из 40)",
    );
    expect(schools[4][3]).toBe(
      "2025 · ВПР · 5 кл. · математика — 35,0 % (7 из 20); нет данных за 2023/2024 учебный год — правило 2 не проверено",
    );
    expect(schools[3][3]).toBe("низких результатов нет");

    const bad = out.slice(1).filter((r) => typeof r[0] !== "string");
    expect(bad).toHaveLength(1);
    const err = bad[0][0] as CustomFunctions.Error;
    expect(err).toBeInstanceOf(CustomFunctions.Error);
    expect(err.code).toBe("#VALUE!");
    // Row 10 of the data = sheet row 3 + 2 + 9 = 14; «Участники» is the 6th column of a range starting at B → G.
    expect(err.message).toBe("'Реестр ВПР'!G14: Участники: «абв» — не число");
    expect(bad[0][3]).toBe("Не прочитано: 'Реестр ВПР'!G14: Участники: «абв» — не число");
  });

  test("R-SHNOR: the academic year may be given as «2024/2025»; without addresses cells are named in the range", () => {
    const a = classify(reg(), "2024/2025", null, at(ADDRESS));
    expect(a).toEqual(classify(reg(), 2025, null, at(ADDRESS)));
    const noAddress = classify(reg(), 2025, null, {} as CustomFunctions.Invocation);
    const err = noAddress.find((r) => typeof r[0] !== "string")![0] as CustomFunctions.Error;
    expect(err.message).toBe("диапазон!F12: Участники: «абв» — не число");
  });

  test('blanks inside the range: null and "" read the same; a blank count is a problem, never a zero', () => {
    const withEmptyStrings = reg().map((row) => row.map((v) => (v === null ? "" : v)));
    expect(classify(withEmptyStrings, 2025, null, at(ADDRESS))).toEqual(classify(reg(), 2025, null, at(ADDRESS)));

    const blankFailed = register([
      ["Лицей № 4", 2025, "ВПР", 5, "Математика", 60, null],
      ["Лицей № 4", 2025, "ВПР", 6, "Математика", 60, 1],
    ]);
    const out = classify(blankFailed, 2025, null, at("Лист1!A1:G4"));
    expect(out.slice(1).map((r) => (typeof r[0] === "string" ? r[0] : "ошибка"))).toEqual(["Лицей № 4", "ошибка"]);
    expect((out[2][0] as CustomFunctions.Error).message).toMatch(/^Лист1!G3: /);
    // An older build's 0 for the same blank cannot be told from a typed 0: it counts as 0 failures (README).
    const zero = register([["Лицей № 4", 2025, "ВПР", 5, "Математика", 60, 0]]);
    expect(classify(zero, 2025, null, at("Лист1!A1:G3"))).toEqual([
      ["Школа", "ШНОР", "Правило", "Низкие результаты"],
      ["Лицей № 4", "нет", "—", "низких результатов нет"],
    ]);
  });

  test("R-LOW: a share column with text «34,0 %» (decimal comma) reads like counts", () => {
    const shares = register(
      [
        ["СОШ № 7", 2025, "ВПР", 5, "Математика", 50, "34,0 %"],
        ["СОШ № 7", 2025, "ВПР", 6, "Русский язык", 40, "30 %"],
        ["СОШ № 8", 2025, "ВПР", 5, "Математика", 50, "29,0 %"],
      ],
      { header: ["Школа", "Учебный год", "Процедура", "Класс", "Предмет", "Участники", "Доля не справившихся"] },
    );
    const out = classify(shares, 2025, null, at("Лист1!A1:G5"));
    expect(out.slice(1).map((r) => [r[0], r[1], r[2]])).toEqual([
      ["СОШ № 7", "да", "1"],
      // 29,0 % of 50 is 14,5 → 15 of 50 (whole counts, issue 8) = 30 %: one low unit, no Y−1 data → cannot be told.
      ["СОШ № 8", "не определено", "—"],
    ]);
    expect(out[1][3]).toContain("2025 · ВПР · 5 кл. · математика — 34,0 % (17 из 50)");
  });

  test("R-LOW: thresholds follow the settings the task pane saved in the workbook", () => {
    withSavedSettings({ threshold: 35 }, () => {
      const out = classify(reg(), 2025, null, at(ADDRESS));
      const status = new Map(out.slice(1).map((r) => [r[0], r[1]]));
      expect(status.get("МОУ «СОШ № 1»")).toBe("нет");
      expect(status.get("МОУ «СОШ № 2»")).toBe("нет");
      expect([...status.values()].filter((v) => v === "да")).toEqual([]);
    });
    expect(classify(reg(), 2025, "МОУ «СОШ № 1»", at(ADDRESS))).toEqual([["ШНОР (правила 1, 2)"]]);
  });

  test(`output is capped at ${MAX_SPILL_ROWS} rows with a note row`, () => {
    const many: Cell[][] = [];
    for (let i = 1; i <= MAX_SPILL_ROWS + 100; i++) many.push([`Школа № ${i}`, 2025, "ВПР", 5, "Математика", 20, 1]);
    const out = classify(register(many), 2025, null, at("Лист1!A1:G5102"));
    expect(out).toHaveLength(MAX_SPILL_ROWS + 2);
    expect(out.every((r) => r.length === 4)).toBe(true);
    expect(out[out.length - 1][0]).toBe(
      `Показаны первые ${MAX_SPILL_ROWS} строк из ${MAX_SPILL_ROWS + 100}. Полный список — кнопка «Построить ежегодный список» в области задач ШНОР.`,
    );
  });
});

describe("CLASSIFY with a school", () => {
  test("R-SHNOR: «ШНОР (правила 1, 2)», «ШНОР (правило 2)», «не ШНОР»; names match in any spelling", () => {
    expect(classify(reg(), 2025, "МОУ «СОШ № 1»", at(ADDRESS))).toEqual([["ШНОР (правила 1, 2)"]]);
    expect(classify(reg(), 2025, 'моу "сош №1"', at(ADDRESS))).toEqual([["ШНОР (правила 1, 2)"]]);
    expect(classify(reg(), 2025, "МОУ «СОШ № 2»", at(ADDRESS))).toEqual([["ШНОР (правило 2)"]]);
    // One low unit in Y and no Y−1 data: not «не ШНОР» but said (audit).
    expect(classify(reg(), 2025, "МКОУ ООШ с. Березовка", at(ADDRESS))).toEqual([
      ["не определено: нет данных за 2023/2024 учебный год"],
    ]);
    expect(classify(reg(), 2025, "Лицей № 4", at(ADDRESS))).toEqual([["не ШНОР"]]);
    expect(classify(reg(), 2024, "Гимназия № 3", at(ADDRESS))).toEqual([["ШНОР (правило 1)"]]);
  });

  test('blank school (null, "") or 0 spills the table', () => {
    const table = classify(reg(), 2025, null, at(ADDRESS));
    expect(classify(reg(), 2025, "", at(ADDRESS))).toEqual(table);
    expect(classify(reg(), 2025, 0, at(ADDRESS))).toEqual(table);
  });

  test("a school by Код ОО / login; the same name under two codes asks for the code", () => {
    const withCodes = register(
      [
        ["СОШ № 5", "sch700105", 2025, "ВПР", 5, "Математика", 50, 20],
        ["СОШ № 5", "sch700105", 2025, "ВПР", 6, "Математика", 50, 20],
        ["СОШ № 5", "sch700205", 2025, "ВПР", 5, "Математика", 50, 1],
      ],
      { header: ["Школа", "Код ОО", "Учебный год", "Процедура", "Класс", "Предмет", "Участники", "Не справились"] },
    );
    expect(classify(withCodes, 2025, "sch700105", at("Лист1!A1:H5"))).toEqual([["ШНОР (правило 1)"]]);
    expect(classify(withCodes, 2025, "(sch700205) СОШ № 5", at("Лист1!A1:H5"))).toEqual([["не ШНОР"]]);
    const e = thrown(() => classify(withCodes, 2025, "СОШ № 5", at("Лист1!A1:H5")));
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toBe("школа «СОШ № 5»: несколько школ с таким названием (sch700105, sch700205) — укажите код ОО");
  });

  test("an unknown school → #N/A with its name", () => {
    const e = thrown(() => classify(reg(), 2025, "СОШ № 99", at(ADDRESS)));
    expect(e.code).toBe("#N/A");
    expect(e.message).toBe("школа «СОШ № 99» не найдена в реестре");
  });
});

describe("REASONS (R-SHNOR)", () => {
  test("R-SHNOR: the low units of Y and Y−1 as one Russian line", () => {
    expect(reasons(reg(), 2025, "МОУ «СОШ № 2»", at(ADDRESS))).toEqual([
      ["2024 · ЕГЭ · 11 кл. · русский язык — 30,0 % (9 из 30); 2025 · ОГЭ · 9 кл. · математика — 35,0 % (7 из 20)"],
    ]);
  });

  test("R-SHNOR: not ШНОР is said, with missing Y−1 data said rather than taken as «no low results»", () => {
    expect(reasons(reg(), 2025, "МКОУ ООШ с. Берёзовка", at(ADDRESS))).toEqual([
      [
        "не определено: 2025 · ВПР · 5 кл. · математика — 35,0 % (7 из 20); нет данных за 2023/2024 учебный год — правило 2 не проверено",
      ],
    ]);
    expect(reasons(reg(), 2025, "Лицей № 4", at(ADDRESS))).toEqual([["не ШНОР: низких результатов нет"]]);
  });

  test("the school is required: blank → #VALUE!", () => {
    expect(thrown(() => reasons(reg(), 2025, null, at(ADDRESS)))).toMatchObject({
      code: "#VALUE!",
      message: "школа: не указана (название или код ОО)",
    });
    expect(thrown(() => reasons(reg(), 2025, "", at(ADDRESS))).code).toBe("#VALUE!");
  });
});

describe("LISTCHANGE (R-LIST)", () => {
  test("R-LIST: «остаётся 3-й год», «включена», «исключена», «не в списке», «нет данных: …»", () => {
    const change = (school: string) => listChange(reg(), 2025, school, at(ADDRESS))[0][0];
    expect(change("МОУ «СОШ № 1»")).toBe("остаётся 3-й год");
    expect(change("МОУ «СОШ № 2»")).toBe("включена");
    expect(change("Гимназия № 3")).toBe("исключена");
    expect(change("Лицей № 4")).toBe("не в списке");
    expect(change("МКОУ ООШ с. Берёзовка")).toBe(
      "нет данных: нет данных, чтобы применить правила к 2023/2024 учебному году",
    );
  });

  test("R-LIST: a year in the past is judged from the data before it", () => {
    expect(listChange(reg(), "2023/2024", "МОУ «СОШ № 1»", at(ADDRESS))).toEqual([["остаётся 2-й год"]]);
  });
});

describe("bad input never escapes as an unhandled exception", () => {
  test("year blank or unreadable → #VALUE! in Russian", () => {
    expect(thrown(() => classify(reg(), null, null, at(ADDRESS)))).toMatchObject({
      code: "#VALUE!",
      message: "год: не указан (например, 2025 или «2024/2025»)",
    });
    expect(thrown(() => classify(reg(), "2024/2026", null, at(ADDRESS))).message).toBe(
      "год: «2024/2026» — годы учебного года не идут подряд",
    );
    expect(thrown(() => listChange(reg(), "в этом году", "Лицей № 4", at(ADDRESS))).code).toBe("#VALUE!");
  });

  test("a range without the register header → #VALUE! naming the columns expected", () => {
    const e = thrown(() =>
      classify(
        [
          ["a", "b"],
          [1, 2],
        ],
        2025,
        null,
        at("Лист1!A1:B2"),
      ),
    );
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toMatch(/не найдена строка заголовков/);
    expect(thrown(() => classify([["Школа"]], 2025, null, at("Лист1!A1"))).code).toBe("#VALUE!");
  });

  test("odd values Excel may hand over (undefined, a scalar for a range, entity objects) give #VALUE!/#N/A only", () => {
    const odd: unknown[] = [undefined, 5, "текст", [[{ type: "Entity", basicValue: "x" }]], [[]], [null]];
    for (const v of odd) {
      const e = thrown(() => classify(v as unknown[][], 2025, null, at("Лист1!A1")));
      expect(["#VALUE!", "#N/A"]).toContain(e.code);
    }
  });
});

describe("missing data is said, never taken as «не ШНОР» (R-SHNOR, R-LIST; audit)", () => {
  test("R-SHNOR: a year without any results (typo: 2030) — every verdict names 2029/2030", () => {
    expect(classify(reg(), 2030, "Лицей № 4", at(ADDRESS))).toEqual([
      ["не определено: нет данных за 2029/2030 учебный год"],
    ]);
    const table = classify(reg(), 2030, null, at(ADDRESS));
    const schools = table.slice(1).filter((r) => typeof r[0] === "string");
    expect(schools).toHaveLength(5);
    for (const r of schools) {
      expect(r[1]).toBe("не определено");
      expect(r[3]).toBe("нет результатов за 2029/2030 учебный год");
    }
    expect(reasons(reg(), 2030, "Лицей № 4", at(ADDRESS))).toEqual([
      ["не определено: нет результатов за 2029/2030 учебный год"],
    ]);
  });

  test("R-LIST: LISTCHANGE for a year with no data names that year, not Y−1", () => {
    for (const school of ["Лицей № 4", "МОУ «СОШ № 1»", "Гимназия № 3"]) {
      const text = listChange(reg(), 2030, school, at(ADDRESS))[0][0];
      expect(text).toBe("нет данных: нет результатов за 2029/2030 учебный год");
    }
    // Judged not ШНОР in 2024, nothing in 2025: not «не в списке» — 2025 is missing.
    const only2024 = register([
      ["СОШ № 6", 2024, "ВПР", 5, "Математика", 40, 1],
      ["Лицей № 4", 2025, "ВПР", 5, "Математика", 60, 2],
    ]);
    expect(listChange(only2024, 2025, "СОШ № 6", at("Лист1!A1:G4"))).toEqual([
      ["нет данных: нет результатов за 2024/2025 учебный год"],
    ]);
    expect(classify(only2024, 2025, "СОШ № 6", at("Лист1!A1:G4"))).toEqual([
      ["не определено: нет данных за 2024/2025 учебный год"],
    ]);
  });

  test("R-SHNOR: «не ШНОР» only when no rule can be met whatever is missing", () => {
    // No low unit in Y: not ШНОР even without Y−1 data.
    const noLow = register([["СОШ № 6", 2025, "ВПР", 5, "Математика", 40, 1]]);
    expect(classify(noLow, 2025, "СОШ № 6", at("Лист1!A1:G3"))).toEqual([["не ШНОР"]]);
    expect(reasons(noLow, 2025, "СОШ № 6", at("Лист1!A1:G3"))).toEqual([["не ШНОР: низких результатов нет"]]);
  });
});

describe("a school whose rows could not be read is named with its cells, not «не найдена» (audit)", () => {
  // Sheet rows: title 3, header 4, data from 5 → data row k (1-based) is sheet row 4 + k; «Участники» is column G.
  const UNREAD: Cell[][] = [
    ...ROWS,
    ["СОШ № 9", 2025, "ВПР", 5, "Математика", "много", 3], // data row 20 → G24
    ["СОШ № 9", 2025, "ВПР", 6, "Математика", "абв", 2], // data row 21 → G25
  ];
  const UNREAD_ADDRESS = "'Реестр ВПР'!B3:H25";
  const unread = () => register(UNREAD);

  test("R-SHNOR: CLASSIFY, REASONS and LISTCHANGE give #VALUE! naming the unread cells", () => {
    const expected =
      "школа «сош №9»: ни одна её строка в реестре не прочитана — " +
      "'Реестр ВПР'!G24: Участники: «много» — не число; 'Реестр ВПР'!G25: Участники: «абв» — не число";
    for (const fn of [classify, reasons, listChange]) {
      const e = thrown(() => fn(unread(), 2025, "сош №9", at(UNREAD_ADDRESS)));
      expect(e.code).toBe("#VALUE!");
      expect(e.message).toBe(expected);
    }
    // A school the register never names is still «не найдена».
    expect(thrown(() => reasons(unread(), 2025, "СОШ № 99", at(UNREAD_ADDRESS))).message).toBe(
      "школа «СОШ № 99» не найдена в реестре",
    );
  });

  test("R-SHNOR: the table keeps the other schools and lists the unread cells as #VALUE! rows", () => {
    const out = classify(unread(), 2025, null, at(UNREAD_ADDRESS));
    const errors = out.slice(1).filter((r) => typeof r[0] !== "string");
    expect(errors.map((r) => (r[0] as CustomFunctions.Error).message)).toEqual([
      "'Реестр ВПР'!G14: Участники: «абв» — не число",
      "'Реестр ВПР'!G24: Участники: «много» — не число",
      "'Реестр ВПР'!G25: Участники: «абв» — не число",
    ]);
    expect(out.slice(1).filter((r) => typeof r[0] === "string")).toHaveLength(5);
  });

  test("R-SHNOR: when the readable rows cannot decide, the school's unread cells are said with the verdict", () => {
    const partly = register([
      ["СОШ № 9", 2025, "ВПР", 5, "Математика", 20, 7], // low, no Y−1 data
      ["СОШ № 9", 2024, "ВПР", 5, "Математика", "абв", 9], // the Y−1 row that could not be read → F4 (range from A1)
    ]);
    expect(classify(partly, 2025, "СОШ № 9", at("Лист1!A1:G4"))).toEqual([
      ["не определено: нет данных за 2023/2024 учебный год; не прочитаны: Лист1!F4: Участники: «абв» — не число"],
    ]);
  });
});
