/**
 * Issue 8 layouts and issue 2 registers on real .xlsx files written by scripts/make-fixtures.ts (ExcelJS) into a
 * temp dir, read back through readXlsxFile → readRegisters, and — for several layouts — assessSchools (R-SHNOR).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { assessSchools } from "../../../src/core/annualList";
import { DEFAULT_SETTINGS } from "../../../src/core/settings";
import { readRegisters, type Registers, type SheetAccount } from "../../../src/registers";
import { readXlsxFile } from "../../../src/xlsx/readWorkbook";
import { ALL_FIXTURES, makeAllFixtures } from "../../../scripts/make-fixtures";

let dir: string;
const files: Record<string, string> = {};

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "shnor-fixtures-"));
  for (const [name, make] of Object.entries(ALL_FIXTURES)) files[name] = await make(dir);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function read(...names: (keyof typeof ALL_FIXTURES)[]): Promise<Registers> {
  return readRegisters(await Promise.all(names.map((n) => readXlsxFile(files[n]))));
}
const account = (r: Registers, sheet: string): SheetAccount => {
  const a = r.sheets.find((s) => s.sheet === sheet);
  if (!a) throw new Error(`no account for ${sheet}`);
  return a;
};
const ctx = (a: SheetAccount) => Object.fromEntries(a.context.map((c) => [c.field, [c.value, c.from]]));
const list = (r: Registers, year: number) =>
  assessSchools({ results: r.results, schools: r.schools, problems: r.problems }, year, DEFAULT_SETTINGS);

describe("issue 8 layout 1: ФИС ОКО «Статистика по отметкам»", () => {
  it("finds the header under the merged «Распределение групп баллов в %», context from title lines", async () => {
    const r = await read("fisOkoMarks2025");
    const a = account(r, "Статистика по отметкам");
    expect(a.kind).toBe("results");
    expect(a.headerRow).toBe(8);
    expect(a.mapping.map((m) => `${m.field}:${m.letter}`)).toEqual([
      "school:A",
      "schoolsCount:B",
      "participants:C",
      "m2:D",
      "m3:E",
      "m4:F",
      "m5:G",
    ]);
    expect(a.mapping.find((m) => m.field === "m2")?.header).toBe("Распределение групп баллов в % / 2");
    expect(ctx(a)).toEqual({
      procedure: ["ВПР", "title"],
      year: [2025, "title"],
      grade: [5, "title"],
      subject: ["математика", "title"],
    });
    expect(a.context.find((c) => c.field === "subject")?.text).toBe("Предмет: Математика");
  });

  it("skips aggregate rows by what they are (Вся выборка, region and municipality names), flagged as aggregates with numbers", async () => {
    const a = account(await read("fisOkoMarks2025"), "Статистика по отметкам");
    expect(a.skipped).toEqual([
      { row: 9, reason: "агрегат: Вся выборка", aggregate: true },
      { row: 10, reason: "агрегат: Самарская обл.", aggregate: true },
      { row: 11, reason: "агрегат: Городской округ Тольятти", aggregate: true },
    ]);
    expect(a.rowsRead).toBe(4);
    expect(a.problems).toEqual([]);
  });

  it("R-LOW input: % of «Кол-во уч.» become whole counts (30,00 % of 30 → 9; 29,41 % of 34 → 10)", async () => {
    const r = await read("fisOkoMarks2025");
    expect(
      r.results.map((x) => [
        x.schoolKey,
        x.school,
        x.code,
        x.year,
        x.procedure,
        x.grade,
        x.subject,
        x.participants,
        x.failed,
      ]),
    ).toEqual([
      ["login:700001", "МОУ «СОШ № 1»", "sch700001", 2025, "ВПР", 5, "математика", 30, 9],
      ["login:700002", "МОУ «СОШ № 2»", "sch700002", 2025, "ВПР", 5, "математика", 34, 10],
      ["login:700003", "МОУ «Лицей № 3»", "sch700003", 2025, "ВПР", 5, "математика", 50, 17],
      ["login:700004", "МОУ «ООШ с. Ивановка»", "sch700004", 2025, "ВПР", 5, "математика", 12, 0],
    ]);
    expect(r.results[0].marks).toEqual({ m2: 9, m3: 12, m4: 6, m5: 3 });
    expect(r.results[0].source).toEqual({ sheet: "Статистика по отметкам", row: 12, file: "fis-oko-marks-2025.xlsx" });
  });

  it("R-SHNOR over two reports (2024 and 2025): logins spelled differently are one school", async () => {
    const r = await read("fisOkoMarks2025", "fisOkoMarks2024");
    const l = list(r, 2025);
    expect(l.schools.map((s) => s.schoolKey).sort()).toEqual([
      "login:700001",
      "login:700002",
      "login:700003",
      "login:700004",
    ]);
    const s1 = l.schools.find((s) => s.schoolKey === "login:700001")!;
    expect(s1).toMatchObject({ shnor: true, rules: [2], code: "sch700001" });
    expect(s1.reasons).toEqual([
      "2024 · ВПР · 4 кл. · русский язык — 40,0 % (8 из 20)",
      "2025 · ВПР · 5 кл. · математика — 30,0 % (9 из 30)",
    ]);
    expect(l.schools.find((s) => s.schoolKey === "login:700002")!.shnor).toBe(false);
    expect(l.schools.find((s) => s.schoolKey === "login:700003")).toMatchObject({ shnor: false, rules: [] });
  });
});

describe("issue 8 layout 2: municipal mark tables", () => {
  it("marks in %, login column, municipality aggregate row skipped, years in several forms", async () => {
    const r = await read("municipalPercent");
    const a = account(r, "ВПР");
    expect(a.headerRow).toBe(1);
    expect(ctx(a)).toEqual({
      procedure: ["ВПР", "sheet"],
      year: ["A", "column"],
      grade: ["B", "column"],
      subject: ["C", "column"],
    });
    expect(a.skipped).toEqual([{ row: 5, reason: "агрегат по муниципалитету: «г.о. Тольятти»", aggregate: true }]);
    expect(r.results.map((x) => [x.schoolKey, x.classLabel, x.grade, x.subject, x.participants, x.failed])).toEqual([
      ["login:700001", "5А", 5, "математика", 25, 10],
      ["login:700001", "5Б", 5, "математика", 20, 2],
      ["login:700002", null, 5, "русский язык", 40, 14],
      ["login:700003", null, 6, "математика", 30, 9],
      ["login:700003", null, 6, "русский язык", 30, 10],
    ]);
  });

  it("marks as counts, login inside the name, a blank spacer column, «Количество участников», «Итого»", async () => {
    const r = await read("municipalCounts");
    const a = account(r, "ВПР 2025");
    expect(a.mapping.map((m) => `${m.field}:${m.letter}`)).toEqual([
      "year:A",
      "grade:B",
      "subject:C",
      "school:E",
      "participants:F",
      "m2:G",
      "m3:H",
      "m4:I",
      "m5:J",
    ]);
    expect(a.skipped).toEqual([{ row: 7, reason: "строка «Итого»", aggregate: true }]);
    expect(r.results.map((x) => [x.school, x.code])).toEqual([
      ["МОУ СОШ № 1", "sch700001"],
      ["МОУ СОШ № 1", "sch700001"],
      ["МОУ «СОШ № 2»", "sch700002"],
      ["Лицей № 3", "sch700003"],
      ["Лицей №3", "sch700003"],
    ]);
  });

  it("counts and % give the same records and the same list (R-UNIT sums 5А+5Б, R-MARK, R-SHNOR rule 1)", async () => {
    const pct = await read("municipalPercent");
    const cnt = await read("municipalCounts");
    const strip = (r: Registers) => r.results.map(({ source: _s, school: _n, municipality: _m, ...rest }) => rest);
    expect(strip(pct)).toEqual(strip(cnt));
    const l = list(cnt, 2025);
    const lyceum = l.schools.find((s) => s.schoolKey === "login:700003")!;
    expect(lyceum).toMatchObject({ shnor: true, rules: [1] });
    const s1 = l.schools.find((s) => s.schoolKey === "login:700001")!;
    expect(s1.shnor).toBe(false);
    expect(s1.markers).toEqual(["5А"]);
    expect(l.schools).toHaveLength(3);
  });
});

describe("issue 8 layout 3: «Сравнение отметок с отметками по журналу»", () => {
  it("is its own kind, never results; shares and counts per school; aggregates skipped", async () => {
    const r = await read("journalComparison");
    const a = account(r, "Сравнение с журналом");
    expect(a.kind).toBe("journal");
    expect(r.results).toEqual([]);
    expect(a.skipped.map((s) => s.row)).toEqual([5, 6, 7, 8, 9]);
    expect(a.skipped[0].reason).toBe("агрегат: Вся выборка");
    expect(r.journal).toHaveLength(2);
    expect(r.journal[0]).toMatchObject({
      schoolKey: "login:700001",
      school: "МОУ «СОШ № 1»",
      year: 2025,
      procedure: "ВПР",
      grade: 5,
      subject: "математика",
      shares: { lower: 40, confirmed: 50, higher: 10 },
      counts: { lower: 12, confirmed: 15, higher: 3, total: 30 },
    });
  });
});

describe("issue 8 layout 4: ОГЭ/ЕГЭ tables of the regional centre", () => {
  it("ОГЭ counts «Не преодолели минимальный порог», context from the title, unreadable cell → problem", async () => {
    const r = await read("giaRegional");
    const a = account(r, "ОГЭ математика");
    expect(a.headerRow).toBe(3);
    expect(ctx(a)).toEqual({ procedure: ["ОГЭ", "title"], year: [2025, "title"], subject: ["математика", "title"] });
    expect(a.skipped).toEqual([{ row: 7, reason: "строка «Итого»", aggregate: true }]);
    expect(a.problems).toEqual([
      expect.objectContaining({ sheet: "ОГЭ математика", cell: "F6", message: "Не справились: «н/д» — не число" }),
    ]);
    const oge = r.results.filter((x) => x.procedure === "ОГЭ");
    expect(oge.map((x) => [x.code, x.participants, x.failed])).toEqual([
      ["630001", 48, 5],
      ["630002", 25, 8],
    ]);
  });

  it("ЕГЭ shares «12,5 %», mathematics levels as variants; ЕГЭ implies grade 11 (SPEC §2: ЕГЭ = ГИА-11)", async () => {
    const r = await read("giaRegional");
    const ege = r.results.filter((x) => x.procedure === "ЕГЭ");
    expect(ege.map((x) => [x.code, x.subject, x.variant, x.participants, x.failed, x.grade])).toEqual([
      ["630001", "математика", "профильная", 16, 2, 11],
      ["630001", "математика", "базовая", 20, 6, 11],
      ["630002", "русский язык", null, 10, 0, 11],
    ]);
  });
});

describe("issue 8 a report pasted twice", () => {
  it("the whole report pasted again: titles, header and aggregates skipped, identical rows counted once", async () => {
    const r = await read("pastedTwice");
    const a = account(r, "Повтор отчёта");
    expect(a.rowsRead).toBe(2);
    expect(a.skipped).toEqual(
      expect.arrayContaining([
        { row: 20, reason: "повтор строки заголовка" },
        { row: 21, reason: "агрегат: Вся выборка", aggregate: true },
        { row: 22, reason: "дубликат строки 10" },
        { row: 23, reason: "дубликат строки 11" },
      ]),
    );
    expect(a.problems).toEqual([]);
  });

  it("identical repeats kept once; differing repeats → a problem naming both cells, both rows left out", async () => {
    const r = await read("pastedTwice");
    const a = account(r, "Разные значения");
    // The earlier differing row is named too (issue 16: nothing vanishes).
    expect(a.skipped).toEqual([
      { row: 9, reason: "не учтена: повтор с другими значениями (A11)" },
      { row: 12, reason: "дубликат строки 10" },
    ]);
    expect(a.problems).toHaveLength(1);
    expect(a.problems[0].cell).toBe("A11");
    expect(a.problems[0].message).toContain("A11 и A9");
    expect(r.results.filter((x) => x.code === "sch700003")).toEqual([]);
    expect(r.results.filter((x) => x.code === "sch700004")).toHaveLength(1);
  });
});

describe("issue 8 context from names and conflicts", () => {
  it("a sheet with titles but no table (and a hidden sheet) is no register and no problem", async () => {
    const r = await read("titlesOnly");
    expect(r.sheets.map((s) => [s.sheet, s.kind])).toEqual([
      ["Справка", null],
      ["Служебный", null],
    ]);
    expect(r.problems).toEqual([]);
  });

  it("«Проведение работы по математике, 5 класс. ВПР 2021.xlsx»: everything from the file name", async () => {
    const r = await read("fileNameContext");
    const a = r.sheets[0];
    expect(ctx(a)).toEqual({
      procedure: ["ВПР", "file"],
      year: [2021, "file"],
      grade: [5, "file"],
      subject: ["математика", "file"],
    });
    expect(r.results.map((x) => [x.year, x.procedure, x.grade, x.subject, x.participants, x.failed])).toEqual([
      [2021, "ВПР", 5, "математика", 28, 9],
      [2021, "ВПР", 5, "математика", 31, 4],
    ]);
  });

  it("sheet «ВПР 5 мат 2025» gives the context; a title that disagrees with the sheet name is a problem, no guess", async () => {
    const r = await read("sheetNameContext");
    expect(ctx(account(r, "ВПР 5 мат 2025"))).toEqual({
      procedure: ["ВПР", "sheet"],
      year: [2025, "sheet"],
      grade: [5, "sheet"],
      subject: ["математика", "sheet"],
    });
    const conflict = account(r, "ВПР 6 мат 2025");
    expect(conflict.context.find((c) => c.field === "year")).toBeUndefined();
    expect(conflict.problems[0]).toMatchObject({ cell: "A1", file: "context-names.xlsx" });
    expect(conflict.problems[0].message).toContain(
      "2024 в заголовке «Всероссийские проверочные работы 2024 (6 класс)»",
    );
    expect(conflict.problems[0].message).toContain("2025 в названии листа «ВПР 6 мат 2025»");
    expect(conflict.rowsRead).toBe(0);
    expect(r.results.every((x) => x.source.sheet === "ВПР 5 мат 2025")).toBe(true);
  });
});

describe("issue 2 district register: «Школы», several result sheets, unreadable cells", () => {
  it("recognises each sheet and reads «Школы»", async () => {
    const r = await read("districtRegister");
    expect(r.sheets.map((s) => [s.sheet, s.kind, s.headerRow])).toEqual([
      ["Школы", "schools", 1],
      ["ВПР", "results", 3],
      ["ГИА-9", "results", 1],
      ["Примечания", null, null],
    ]);
    expect(account(r, "Школы").skipped).toEqual([{ row: 6, reason: "строка «Итого»" }]);
    expect(r.schools.map((s) => [s.schoolKey, s.type, s.locality, s.curator])).toEqual([
      ["login:700001", "СОШ", "город", "Иванова И. И."],
      ["login:700002", "СОШ", "город", "Петров П. П."],
      ["login:700003", "лицей", "город", null],
      ["login:700004", "ООШ", "село", "Сидорова С. С."],
    ]);
  });

  it("every unreadable value is a problem at its exact cell and its row is left out", async () => {
    const r = await read("districtRegister");
    expect(r.problems.map((p) => [p.sheet, p.cell])).toEqual([
      ["ВПР", "G10"],
      ["ВПР", "F11"],
      ["ВПР", "A12"],
      ["ВПР", "C13"],
    ]);
    expect(r.problems[0].message).toBe("Не справились (12) больше, чем участников (10)");
    expect(r.problems[1].message).toBe("Участники: «н/д» — не число");
    expect(r.problems[2].message).toContain("«2024/2026»");
    expect(r.problems[3].message).toBe(
      "Школа «МОУ «Гимназия № 9»» не найдена в реестре «Школы»; её строки учтены — добавьте её в реестр «Школы» или исправьте название",
    );
    const rows = r.results.filter((x) => x.source.sheet === "ВПР").map((x) => x.source.row);
    expect(rows).toEqual([4, 5, 6, 7, 8, 9, 13]);
    expect(account(r, "ВПР").skipped).toEqual([
      { row: 14, reason: "пустая строка" },
      { row: 15, reason: "строка «Итого»", aggregate: true },
    ]);
  });

  it("variant names take the code of «Школы»; years, procedures, grades and text numbers in every form", async () => {
    const r = await read("districtRegister");
    const vpr = r.results.filter((x) => x.source.sheet === "ВПР");
    expect(vpr.map((x) => [x.schoolKey, x.year, x.procedure, x.grade, x.classLabel, x.participants, x.failed])).toEqual(
      [
        ["login:700001", 2024, "ВПР", 5, "5А", 25, 8],
        ["login:700001", 2024, "ВПР", 5, "5Б", 25, 7],
        ["login:700001", 2025, "ВПР", 6, null, 40, 12],
        ["login:700002", 2025, "ВПР", 5, null, 50, 14],
        ["login:700003", 2025, "ВПР", 5, "5А", 30, 9],
        ["login:700003", 2025, "ВПР", 7, null, 20, 6],
        ["name:моу гимназия № 9", 2025, "ВПР", 5, null, 20, 2],
      ],
    );
    const gia = r.results.filter((x) => x.source.sheet === "ГИА-9");
    expect(gia.map((x) => [x.schoolKey, x.procedure, x.grade, x.subject, x.participants, x.failed])).toEqual([
      ["login:700002", "ОГЭ", 9, "математика", 40, 12],
      ["login:700004", "ОГЭ", 9, "русский язык", 8, 2],
    ]);
  });

  it("R-SHNOR list: rule 1 (two low units in Y), rule 2 (Y and Y−1, classes summed by R-UNIT), each school once", async () => {
    const l = list(await read("districtRegister"), 2025);
    const by = (key: string) => l.schools.find((s) => s.schoolKey === key)!;
    expect(l.schools).toHaveLength(5);
    expect(by("login:700003")).toMatchObject({ shnor: true, rules: [1], markers: ["5А"] });
    expect(by("login:700001")).toMatchObject({ shnor: true, rules: [2] });
    expect(by("login:700001").reasons[0]).toBe("2024 · ВПР · 5 кл. · математика — 30,0 % (15 из 50)");
    expect(by("login:700002")).toMatchObject({ shnor: false });
    expect(by("login:700004")).toMatchObject({ shnor: false });
    expect(by("name:моу гимназия № 9")).toMatchObject({ shnor: false });
  });
});

describe("scripts/make-fixtures.ts", () => {
  it("writes every fixture into a directory", async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "shnor-all-"));
    try {
      const written = await makeAllFixtures(out);
      expect(written).toHaveLength(Object.keys(ALL_FIXTURES).length);
      for (const f of written) expect(fs.statSync(f).size).toBeGreaterThan(1000);
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });
});

describe("issue 8: two different reports stacked on one sheet (R-UNIT context per table)", () => {
  it("a repeated header below a table starts a segment with the context of its own title lines", async () => {
    const r = await read("stackedReports");
    const a = account(r, "Лист1");
    expect(a.problems).toEqual([]);
    expect(
      r.results
        .filter((x) => x.source.sheet === "Лист1")
        .map((x) => [x.code, x.subject, x.year, x.grade, x.participants, x.failed, x.source.row]),
    ).toEqual([
      ["sch700001", "математика", 2025, 5, 30, 9, 6],
      ["sch700002", "математика", 2025, 5, 20, 2, 7],
      ["sch700001", "русский язык", 2025, 5, 30, 12, 14],
    ]);
    expect(
      a.segments?.map((s) => [s.headerRow, s.titleRow, s.context.find((c) => c.field === "subject")?.value]),
    ).toEqual([
      [4, 1, "математика"],
      [12, 9, "русский язык"],
    ]);
    expect(a.segments?.[1].context.find((c) => c.field === "subject")).toMatchObject({
      from: "title",
      text: "Предмет: Русский язык",
    });
    expect(a.skipped).toEqual([
      { row: 5, reason: "агрегат: Вся выборка", aggregate: true },
      { row: 8, reason: "пустая строка" },
      { row: 9, reason: "строка заголовка таблицы: «Всероссийские проверочные работы 2025 (5 класс)»" },
      { row: 10, reason: "строка заголовка таблицы: «Предмет: Русский язык»" },
      { row: 11, reason: "строка заголовка таблицы: «Распределение групп баллов в %»" },
      { row: 12, reason: "повтор строки заголовка" },
      { row: 13, reason: "агрегат: Вся выборка", aggregate: true },
    ]);
  });

  it("title lines carrying context below a table («Предмет: Русский язык») start a segment without a header", async () => {
    const r = await read("stackedReports");
    const a = account(r, "Без заголовка");
    expect(a.problems).toEqual([]);
    expect(
      r.results.filter((x) => x.source.sheet === "Без заголовка").map((x) => [x.subject, x.year, x.failed]),
    ).toEqual([
      ["математика", 2025, 9],
      ["русский язык", 2025, 12],
    ]);
    expect(a.segments?.map((s) => [s.headerRow, s.titleRow, s.noHeader ?? false])).toEqual([
      [3, 1, false],
      [7, 6, true],
    ]);
    expect(a.skipped).toEqual([
      { row: 5, reason: "пустая строка" },
      { row: 6, reason: "строка заголовка таблицы: «Предмет: Русский язык»" },
    ]);
  });

  it("identical copies of one report are still one table context and duplicates (pasted twice)", async () => {
    const a = account(await read("pastedTwice"), "Повтор отчёта");
    expect(a.segments?.map((s) => s.context.find((c) => c.field === "subject")?.value)).toEqual([
      "математика",
      "математика",
    ]);
    expect(a.rowsRead).toBe(2);
  });
});

describe("issue 8 / SPEC §2: ОГЭ = ГИА-9, ЕГЭ = ГИА-11 (R-UNIT)", () => {
  it("an ОГЭ row without a grade is grade 9: the same result with Класс 9 in another file is one unit", async () => {
    const r = await read("ogeNoGrade", "ogeGrade9");
    expect(r.results.map((x) => [x.code, x.procedure, x.grade, x.subject, x.participants, x.failed])).toEqual([
      ["sch700001", "ОГЭ", 9, "математика", 20, 6],
    ]);
    expect(account(r, "Реестр").skipped).toEqual([
      { row: 2, reason: "дубликат строки 2 листа «ОГЭ 2025» (oge-regional.xlsx)" },
    ]);
    expect(r.problems).toEqual([]);
    // 6 of 20 = 30 % is one low unit (R-LOW), not two.
    const low = list(r, 2025).schools.flatMap((s) => s.lowUnits);
    expect(low.map((u) => [u.procedure, u.grade, u.subject])).toEqual([["ОГЭ", 9, "математика"]]);
  });
});

describe("issue 8 school identity: one name, different codes", () => {
  it("a login in one register and a regional code in another → a problem naming both codes and cells", async () => {
    const r = await read("codeMismatch");
    expect(r.problems).toEqual([
      {
        sheet: "ОГЭ",
        cell: "B3",
        file: "code-mismatch.xlsx",
        message:
          "МОУ «СОШ № 1»: разные коды sch700001 («ВПР»!A4) и 700001 («ОГЭ»!B3) — проверьте, одна ли это школа; " +
          "укажите коды в реестре «Школы»",
      },
    ]);
    expect(new Set(r.results.map((x) => x.schoolKey))).toEqual(new Set(["login:700001", "code:700001"]));
  });

  it("«Школы» with «Код ОО» and «Логин ОО» unifies both codes into one school, no problem", async () => {
    const r = await read("codeMismatch", "schoolsBothCodes");
    expect(r.problems).toEqual([]);
    expect(r.schools.map((s) => [s.schoolKey, s.name, s.curator])).toEqual([
      ["code:700001", "МОУ «СОШ № 1»", "Иванова И. И."],
    ]);
    expect(r.results.map((x) => [x.schoolKey, x.procedure, x.grade])).toEqual([
      ["code:700001", "ВПР", 5],
      ["code:700001", "ОГЭ", 9],
    ]);
    expect(account(r, "Школы").mapping.map((m) => `${m.field}:${m.letter}`)).toEqual([
      "code:A",
      "login:B",
      "school:C",
      "curator:D",
    ]);
  });
});

describe("issue 8 context precedence: column > title lines > sheet name > file name", () => {
  it("«Реестр ШНОР 2025.xlsx»: the title «ВПР 2024» and the sheet «ВПР 2024» win, the file name is not a conflict", async () => {
    const r = await read("fileYearVsTitle");
    expect(r.problems).toEqual([]);
    expect(ctx(account(r, "Лист1")).year).toEqual([2024, "title"]);
    expect(ctx(account(r, "ВПР 2024")).year).toEqual([2024, "sheet"]);
    expect(r.results.map((x) => [x.source.sheet, x.year, x.failed])).toEqual([
      ["Лист1", 2024, 12],
      ["ВПР 2024", 2024, 4],
    ]);
  });

  it("a download date in the file name («Выгрузка ФИС ОКО 20.09.2025») is never the academic year", async () => {
    const r = await read("downloadDateName");
    const a = account(r, "Лист1");
    expect(ctx(a).year).toBeUndefined();
    expect(r.results).toEqual([]);
    expect(a.problems.map((p) => [p.cell, p.message])).toEqual([
      ["A5", "Не указан учебный год (нет ни столбца, ни года в заголовке, названии листа или файла)"],
    ]);
  });
});

describe("issue 8 aggregate rows in name-only tables (R-SHNOR: aggregates are never schools)", () => {
  it("region and municipality rows are named skips; school names with such words stay schools", async () => {
    const r = await read("areaAggregates");
    expect(account(r, "ВПР").skipped).toEqual([
      { row: 2, reason: "агрегат: Тверская область", aggregate: true },
      { row: 3, reason: "агрегат: Кимрский муниципальный округ", aggregate: true },
      { row: 4, reason: "агрегат: Муниципалитет", aggregate: true },
      { row: 5, reason: "агрегат: Республика Карелия", aggregate: true },
      { row: 6, reason: "агрегат: Алтайский край", aggregate: true },
      { row: 7, reason: "агрегат: городской округ Кимры", aggregate: true },
    ]);
    expect(r.results.filter((x) => x.source.sheet === "ВПР").map((x) => x.school)).toEqual([
      "МБОУ «СОШ № 1 городского округа Кимры»",
      "Школа Кимрского района",
      "Средняя школа № 3",
    ]);
  });

  it("a blank ОО cell with a filled Муниципалитет cell is «агрегат по муниципалитету», not «Не указана школа»", async () => {
    const r = await read("areaAggregates");
    const a = account(r, "По МО");
    expect(a.skipped).toEqual([{ row: 2, reason: "агрегат по муниципалитету: «Кимры»", aggregate: true }]);
    expect(a.problems).toEqual([]);
    expect(r.results.filter((x) => x.source.sheet === "По МО").map((x) => x.school)).toEqual(["МОУ СОШ № 7"]);
  });
});

describe("R-UNIT class rows and a parallel total row", () => {
  it("a total equal to the sum of its class rows is skipped; one that differs is a problem and the unit is left out", async () => {
    const r = await read("classAndTotal");
    const a = account(r, "ВПР");
    expect(r.results.map((x) => [x.school, x.classLabel, x.participants, x.failed])).toEqual([
      ["СОШ 1", "5А", 10, 2],
      ["СОШ 1", "5Б", 10, 2],
    ]);
    expect(a.skipped).toEqual([
      { row: 4, reason: "итог по параллели (сумма строк классов 5А, 5Б)" },
      { row: 5, reason: "не учтена: итог по параллели A7 не равен сумме строк классов" },
      { row: 6, reason: "не учтена: итог по параллели A7 не равен сумме строк классов" },
    ]);
    expect(a.problems.map((p) => p.cell)).toEqual(["A7"]);
    expect(a.problems[0].message).toContain("Итог по параллели A7 не равен сумме строк классов (A5, A6)");
    expect(a.problems[0].message).toContain("участников 20 против 22");
    expect(a.rowsRead).toBe(2);
  });
});

describe("messages in Russian: booleans and «Количество получивших «2»» (SPEC §2)", () => {
  it("«Количество получивших «2»» is the failed count; a boolean cell says «ИСТИНА», not «true»", async () => {
    const r = await read("booleanCells");
    const a = account(r, "ВПР 5 мат 2025");
    expect(a.mapping.map((m) => `${m.field}:${m.letter}`)).toEqual(["school:A", "participants:B", "failed:C"]);
    expect(r.results.map((x) => [x.school, x.participants, x.failed])).toEqual([["МОУ СОШ № 1", 30, 9]]);
    expect(a.problems.map((p) => [p.cell, p.message])).toEqual([
      ["B3", "Участники: «ИСТИНА» — логическое значение, а не число"],
    ]);
    expect(JSON.stringify(r.problems)).not.toMatch(/true|false/);
  });
});
