import {
  academicYearOfDate,
  findGradeInText,
  findYearInText,
  parseGradeCell,
  parseNumberCell,
  parseYearCell,
} from "../../../src/registers/values";

describe("SPEC §1 academic years: parseYearCell", () => {
  it.each([
    ["2024/2025", 2025],
    ["2024-2025", 2025],
    ["2024–2025", 2025],
    ["2024 / 2025", 2025],
    ["2024/25", 2025],
    ["2025", 2025],
    [2025, 2025],
    ["2024/2025 уч. год", 2025],
    ["2025 г.", 2025],
  ])("%p → %p", (input, year) => {
    expect(parseYearCell(input)).toEqual({ ok: true, value: year });
  });

  it("a spring date gives the academic year that ends in it, an autumn date the next one", () => {
    expect(parseYearCell(new Date(Date.UTC(2025, 3, 16)))).toEqual({ ok: true, value: 2025 });
    expect(parseYearCell(new Date(Date.UTC(2024, 9, 1)))).toEqual({ ok: true, value: 2025 });
    expect(academicYearOfDate(new Date(Date.UTC(2025, 7, 31)))).toBe(2025);
    expect(parseYearCell("16.04.2025")).toEqual({ ok: true, value: 2025 });
  });

  it("an Excel serial date (Office.js) is read as a date", () => {
    // 45763 = 16.04.2025
    expect(parseYearCell(45763)).toEqual({ ok: true, value: 2025 });
  });

  it("blank is not a year but not an error either", () => {
    expect(parseYearCell(null)).toEqual({ ok: true, value: null });
    expect(parseYearCell("  ")).toEqual({ ok: true, value: null });
  });

  it.each(["2024/2026", "двадцать пятый", "25", 12, "2025/2024", true])("%p is a problem, never a guess", (input) => {
    const r = parseYearCell(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/учебн/);
  });
});

describe("SPEC §2 values: parseNumberCell", () => {
  it.each([
    [12, 12, false],
    ["30,5 %", 30.5, true],
    ["30,5%", 30.5, true],
    ["1 234", 1234, false],
    ["1\u00a0234,5", 1234.5, false],
    ["0,3", 0.3, false],
    ["12.5", 12.5, false],
    [" 7 ", 7, false],
  ])("%p → %p (percent %p)", (input, value, percent) => {
    expect(parseNumberCell(input)).toEqual({ ok: true, value, percent });
  });

  it("blank cells are missing, not zero", () => {
    expect(parseNumberCell(null)).toEqual({ ok: true, value: null, percent: false });
    expect(parseNumberCell("")).toEqual({ ok: true, value: null, percent: false });
  });

  it.each(["н/д", "12-13", "#DIV/0!", "тридцать", true])("%p is unreadable with a Russian message", (input) => {
    const r = parseNumberCell(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain("не число");
  });
});

describe("grades and classes: parseGradeCell", () => {
  it.each([
    [5, 5, null],
    ["5", 5, null],
    ["5 класс", 5, null],
    ["5 кл.", 5, null],
    ["5А", 5, "5А"],
    ["5а", 5, "5А"],
    ['5 "А"', 5, "5А"],
    ["5 «Б»", 5, "5Б"],
    ["5-в", 5, "5В"],
    ["11 Б", 11, "11Б"],
    ["5-е классы", 5, null],
    ["5-й класс", 5, null],
    ["5е", 5, "5Е"],
  ])("%p → grade %p, class %p", (input, grade, classLabel) => {
    expect(parseGradeCell(input)).toEqual({ ok: true, value: { grade, classLabel } });
  });

  it.each(["12", "пятый", 0, "5АБВ"])("%p is a problem", (input) => {
    expect(parseGradeCell(input).ok).toBe(false);
  });
});

describe("issue 8 context in texts", () => {
  it("finds the year of a title, a sheet name and a file name", () => {
    expect(findYearInText("Всероссийские проверочные работы 2025 (5 класс)").year).toBe(2025);
    expect(findYearInText("ВПР 5 мат 2025").year).toBe(2025);
    expect(findYearInText("Проведение работы по математике, 5 класс. ВПР 2021").year).toBe(2021);
    expect(findYearInText("Результаты ОГЭ, 2024/2025 учебный год").year).toBe(2025);
    expect(findYearInText("Дата: 16.04.2025").year).toBe(2025);
    expect(findYearInText("Максимальный первичный балл: 20").year).toBeNull();
  });

  it("two different years in one text are a conflict, not a choice", () => {
    expect(findYearInText("ВПР 2024 и 2025")).toEqual({ year: null, conflict: [2024, 2025] });
  });

  it("grades: «5 класс» in titles; a bare number only in names", () => {
    expect(findGradeInText("Всероссийские проверочные работы 2025 (5 класс)")).toBe(5);
    expect(findGradeInText("Максимальный первичный балл: 20")).toBeNull();
    expect(findGradeInText("ВПР-2025, 5-е классы")).toBe(5);
    expect(findGradeInText("ВПР 5 мат 2025")).toBeNull();
    expect(findGradeInText("ВПР 5 мат 2025", true)).toBe(5);
    expect(findGradeInText("Лист1", true)).toBeNull();
  });
});
