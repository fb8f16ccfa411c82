/**
 * Issue 16 «Real exports»: layouts of the files departments really receive, written by scripts/make-fixtures.ts from
 * the descriptions into a temp dir and read back through readXlsxFile → readRegisters → assessSchools.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { annualListJson, assessSchools } from "../../../src/core/annualList";
import { DEFAULT_SETTINGS } from "../../../src/core/settings";
import { formatListSummary } from "../../../src/app/summary";
import { readRegisters, type Registers, type SheetAccount } from "../../../src/registers";
import { readXlsxFile } from "../../../src/xlsx/readWorkbook";
import { ALL_FIXTURES } from "../../../scripts/make-fixtures";

let dir: string;
const files: Record<string, string> = {};

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "shnor-real-"));
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
const list = (r: Registers, year: number) =>
  assessSchools({ results: r.results, schools: r.schools, problems: r.problems }, year, DEFAULT_SETTINGS);

describe("issue 16 item 1: ФИС ОКО logins (sch → edu, ksh, spo) — the 6 digits are the identity (R-SHNOR)", () => {
  it("a two-year report switching from sch to edu keeps every school, ksh and blank-login rows included", async () => {
    const r = await read("loginsSchToEdu");
    for (const sheet of ["ВПР 2021", "ВПР 2022"]) {
      const a = account(r, sheet);
      expect(a.rowsRead).toBe(4);
      expect(a.skipped.map((s) => s.reason)).toEqual([
        "агрегат: Вся выборка",
        "агрегат: Алтайский край",
        "агрегат: Кулундинский район",
      ]);
    }
    expect(r.problems).toEqual([]);
    expect([...new Set(r.results.map((x) => x.schoolKey))]).toEqual([
      "login:224052",
      "login:224053",
      "login:224099",
      "name:мкоу октябрьская оош",
    ]);
    expect(r.results.filter((x) => x.schoolKey === "login:224052").map((x) => [x.year, x.code])).toEqual([
      [2021, "sch224052"],
      [2022, "edu224052"],
    ]);
  });

  it("R-SHNOR rule 2 across the sch → edu switch: all three ШНОР of 2022 are found", async () => {
    const l = list(await read("loginsSchToEdu"), 2022);
    const shnor = l.schools.filter((s) => s.shnor);
    expect(shnor.map((s) => [s.schoolKey, s.rules])).toEqual([
      ["login:224099", [2]],
      ["login:224052", [2]],
      ["name:мкоу октябрьская оош", [2]],
    ]);
    expect(l.schools).toHaveLength(4);
    expect(l.schools.find((s) => s.schoolKey === "login:224052")!.reasons).toEqual([
      "2021 · ВПР · 5 кл. · математика — 35,0 % (14 из 40)",
      "2022 · ВПР · 5 кл. · математика — 31,6 % (12 из 38)",
    ]);
  });

  it("logins inside names (suffix, «login | name», prefix) and a column «ОО» holding logins are one identity", async () => {
    const r = await read("loginForms");
    expect(account(r, "Столбец ОО").mapping.map((m) => `${m.field}:${m.letter}`)).toEqual([
      "code:A",
      "school:B",
      "participants:C",
      "failed:D",
    ]);
    expect(
      r.results.map((x) => [x.schoolKey, x.school, x.code, x.subject, x.participants, x.failed, x.municipality]),
    ).toEqual([
      ["login:053027", "МКОУ «Герхмахинская СОШ»", "edu053027", "математика", 14, 5, "Дахадаевский район"],
      ["login:053028", 'МКОУ "Уркарахская СОШ"', "edu053028", "математика", 30, 3, "Дахадаевский район"],
      ["login:053029", "МКОУ «Кубачинская СОШ»", "sch053029", "математика", 20, 2, "Дахадаевский район"],
      ["name:мкоу зубанчинская сош", "МКОУ «Зубанчинская СОШ»", null, "математика", 10, 1, "Дахадаевский район"],
      ["login:053027", "МКОУ «Герхмахинская СОШ»", "edu053027", "русский язык", 14, 6, undefined],
      ["login:053028", "МКОУ «Уркарахская СОШ»", "edu053028", "русский язык", 30, 4, undefined],
    ]);
    // Two low units of one school in 2025 (R-SHNOR rule 1) across the two login forms.
    const l = list(r, 2025);
    expect(l.schools.find((s) => s.schoolKey === "login:053027")).toMatchObject({ shnor: true, rules: [1] });
    expect(r.problems).toEqual([]);
  });
});

describe("issue 16 item 2: aggregates recognised by what they are", () => {
  it("(regNN0000) and (regNN_mNNN) names are aggregates whatever their words; a school without a login is a school", async () => {
    const r = await read("regionAggregates");
    const a = account(r, "Статистика по отметкам");
    expect(a.skipped).toEqual([
      { row: 9, reason: "агрегат: Вся выборка", aggregate: true },
      { row: 10, reason: "агрегат: Республика Дагестан(reg050000)", aggregate: true },
      { row: 11, reason: "агрегат: город Дербент(reg05_m045)", aggregate: true },
      {
        row: 13,
        reason: "агрегат: Территориальное управление образования в зоне отгонного животноводства(reg05_m060)",
        aggregate: true,
      },
    ]);
    expect(r.results.filter((x) => x.source.sheet === a.sheet).map((x) => [x.schoolKey, x.failed])).toEqual([
      ["login:053101", 6],
      ["login:053027", 5],
      ["name:мкоу кубачинская сош", 2],
    ]);
  });

  it("municipality rows (formulas, school cell empty) are aggregates and fill down; a column-number row is skipped", async () => {
    const r = await read("regionAggregates");
    const a = account(r, "По районам");
    expect(a.skipped).toEqual([
      { row: 3, reason: "строка номеров столбцов" },
      { row: 4, reason: "агрегат по муниципалитету: «Акшинский район»", aggregate: true },
      { row: 7, reason: "агрегат по муниципалитету: «Александрово-Заводский район»", aggregate: true },
      { row: 10, reason: "строка «ВСЕГО»", aggregate: true },
    ]);
    expect(a.problems).toEqual([]);
    expect(
      r.results
        .filter((x) => x.source.sheet === a.sheet)
        .map((x) => [x.school, x.municipality, x.participants, x.failed, x.marks]),
    ).toEqual([
      ["МБОУ «Акшинская СОШ»", "Акшинский район", 40, 14, { m2: 14, m3: 16, m4: 8, m5: 2 }],
      ["МБОУ «Новокургатайская СОШ»", "Акшинский район", 30, 6, { m2: 6, m3: 14, m4: 8, m5: 2 }],
      ["МБОУ «Александрово-Заводская СОШ»", "Александрово-Заводский район", 25, 8, { m2: 8, m3: 10, m4: 5, m5: 2 }],
      ["МБОУ «Бутунтайская ООШ»", "Александрово-Заводский район", 12, 2, { m2: 2, m3: 6, m4: 3, m5: 1 }],
    ]);
  });
});

describe("issue 16 item 3: identity without logins — municipality + name where a name is shared", () => {
  it("«МБОУ СОШ №2» under three municipalities is three schools, matched across years despite renamed bodies", async () => {
    const r = await read("sharedNamesRegion");
    const byKey = new Map<string, number[]>();
    for (const x of r.results.filter((x) => x.source.sheet !== "ОГЭ 2024"))
      byKey.set(x.schoolKey, [...(byKey.get(x.schoolKey) ?? []), x.year]);
    expect(Object.fromEntries(byKey)).toEqual({
      "name:акшин|мбоу сош № 2": [2023, 2024],
      "name:мбоу акшинская сош": [2023, 2024],
      "name:борзин|мбоу сош № 2": [2023, 2024],
      "name:забайкаль петровск|мбоу сош № 2": [2023, 2024],
    });
    // No «повтор» between the three schools of one name; the sheet without a municipality is said.
    expect(r.problems.map((p) => [p.sheet, p.cell])).toEqual([["ОГЭ 2024", "A2"]]);
    expect(r.problems[0].message).toContain("есть в нескольких муниципалитетах");
    expect(r.problems[0].message).toContain("добавьте столбец «Муниципалитет» или код ОО");
  });

  it("R-SHNOR rule 2 for the Акша school only; JSON gains «municipality»; the summary shows it with the shared name", async () => {
    const r = await read("sharedNamesRegion");
    const l = list(r, 2024);
    const aksha = l.schools.find((s) => s.schoolKey === "name:акшин|мбоу сош № 2")!;
    expect(aksha).toMatchObject({ shnor: true, rules: [2], sharedName: true });
    // The municipality as the latest year names it.
    expect(aksha.municipality).toBe("Комитет образования администрации Акшинского муниципального округа");
    expect(l.schools.filter((s) => s.shnor)).toHaveLength(1);
    const json = annualListJson(l);
    const j = json.schools.find((s) => s.school === "МБОУ СОШ №2" && s.shnor)!;
    expect(j.municipality).toBe(aksha.municipality);
    expect(json.schools.find((s) => s.school === "МБОУ «Акшинская СОШ»")!.municipality).toBeDefined();
    const text = formatListSummary(l, r);
    expect(text).toContain("1. МБОУ СОШ №2 (Комитет образования администрации Акшинского муниципального округа)\n");
  });
});

describe("issue 16 item 7: vertically merged cells", () => {
  it("a merged school or municipality cell applies to every row it covers: both classes of the unit count (R-UNIT, R-MARK)", async () => {
    const r = await read("mergedCells");
    const a = account(r, "ВПР 2025");
    expect(a.problems).toEqual([]);
    expect(r.results.map((x) => [x.school, x.municipality, x.classLabel, x.participants, x.failed])).toEqual([
      ["МОУ «СОШ № 1»", "Кимрский муниципальный округ", "5А", 20, 4],
      ["МОУ «СОШ № 1»", "Кимрский муниципальный округ", "5Б", 20, 8],
      ["МОУ «СОШ № 2»", "Кимрский муниципальный округ", "5А", 25, 2],
      ["МОУ «СОШ № 2»", "Кимрский муниципальный округ", "5Б", 25, 3],
    ]);
    const s1 = list(r, 2025).schools.find((s) => s.school === "МОУ «СОШ № 1»")!;
    expect(s1.reasons).toEqual(["2025 · ВПР · 5 кл. · математика — 30,0 % (12 из 40)"]);
    expect(s1.markers).toEqual(["5Б"]);
  });
});

describe("issue 16 item 8: SPEC §2 share columns — one typo never rescales the column", () => {
  it("300 in a column of fractions is a problem at its cell; 0,4 stays 40 % and both ШНОР remain (R-LOW, R-SHNOR rule 1)", async () => {
    const r = await read("shareTypo");
    expect(r.problems).toEqual([
      expect.objectContaining({ sheet: "ОГЭ 2025", cell: "E6", message: "Доля не справившихся «300» вне 0–1" }),
    ]);
    expect(r.results.filter((x) => x.code === "630001").map((x) => x.failed)).toEqual([12, 11]);
    const l = list(r, 2025);
    expect(l.schools.filter((s) => s.shnor).map((s) => [s.code, s.rules])).toEqual([
      ["630001", [1]],
      ["630002", [1]],
    ]);
  });
});

describe("issue 16 item 4: wide ЕГЭ/ОГЭ tables — a column group per subject", () => {
  it("three header rows (subject merged, «из них», metrics): each school × subject group is a record, mean kept", async () => {
    const r = await read("egeWide");
    const a = account(r, "2023");
    expect(a).toMatchObject({ kind: "results", layout: "широкая таблица: группа столбцов на каждый предмет" });
    expect(a.headerRow).toBe(5);
    expect(a.problems).toEqual([]);
    expect(a.skipped).toEqual([
      { row: 6, reason: "строка номеров столбцов" },
      { row: 7, reason: "агрегат по муниципалитету: «Агинский район»", aggregate: true },
      { row: 10, reason: "агрегат по муниципалитету: «Борзинский район»", aggregate: true },
      { row: 13, reason: "строка «ВСЕГО»", aggregate: true },
    ]);
    const y23 = r.results.filter((x) => x.source.sheet === "2023");
    expect(
      y23.map((x) => [
        x.school,
        x.municipality,
        x.year,
        x.procedure,
        x.grade,
        x.subject,
        x.variant,
        x.participants,
        x.failed,
        x.average,
      ]),
    ).toEqual([
      ["МБОУ «Агинская СОШ № 1»", "Агинский район", 2023, "ЕГЭ", 11, "русский язык", null, 52, 1, 71.2],
      ["МБОУ «Агинская СОШ № 1»", "Агинский район", 2023, "ЕГЭ", 11, "математика", "профильная", 20, 2, 61.5],
      ["МБОУ «Агинская СОШ № 1»", "Агинский район", 2023, "ЕГЭ", 11, "математика", "базовая", 30, 1, 4.1],
      ["МБОУ «Агинская СОШ № 2»", "Агинский район", 2023, "ЕГЭ", 11, "русский язык", null, 40, 0, 69.8],
      ["МБОУ «Агинская СОШ № 2»", "Агинский район", 2023, "ЕГЭ", 11, "математика", "профильная", 15, 5, 48.2],
      ["МБОУ «Агинская СОШ № 2»", "Агинский район", 2023, "ЕГЭ", 11, "математика", "базовая", 25, 8, 3.6],
      ["МБОУ «Борзинская СОШ № 2»", "Борзинский район", 2023, "ЕГЭ", 11, "русский язык", null, 30, 3, 60.1],
      ["МБОУ «Борзинская СОШ № 2»", "Борзинский район", 2023, "ЕГЭ", 11, "математика", "профильная", 10, 4, 40.3],
      ["МБОУ «Борзинская СОШ № 2»", "Борзинский район", 2023, "ЕГЭ", 11, "математика", "базовая", 20, 2, 3.9],
      // «-» under «Математика профильная»: the school did not take it — no record, nothing lost.
      ["МБОУ «Шерловогорская ООШ»", "Борзинский район", 2023, "ЕГЭ", 11, "русский язык", null, 9, 1, 55],
      ["МБОУ «Шерловогорская ООШ»", "Борзинский район", 2023, "ЕГЭ", 11, "математика", "базовая", 9, 1, 3.7],
    ]);
  });

  it("two header rows with the subject repeated in each cell; the sheet name and title win over «в 2023 году» in a header cell", async () => {
    const r = await read("egeWide");
    const a = account(r, "2022");
    expect(a.context.find((c) => c.field === "year")).toMatchObject({ value: 2022, from: "title" });
    expect(a.problems).toEqual([
      expect.objectContaining({
        cell: "C3",
        message:
          "В заголовке столбца «Всего выпускников в 2023 году» указан 2023 год, а учебный год таблицы — 2022 " +
          "(в заголовке «Информация о результатах ЕГЭ выпускников школ в 2022 году»): строки прочитаны как 2022; " +
          "проверьте заголовок",
      }),
    ]);
    const y22 = r.results.filter((x) => x.source.sheet === "2022");
    expect(y22).toHaveLength(9);
    expect(y22.every((x) => x.year === 2022)).toBe(true);
    expect(y22.filter((x) => x.school === "МБОУ «Агинская СОШ № 2»").map((x) => [x.variant, x.failed])).toEqual([
      [null, 1],
      ["профильная", 3],
      ["базовая", 5],
    ]);
  });

  it("R-SHNOR over the wide ЕГЭ table: rule 1 (профильная 5 of 15, базовая 8 of 25 in 2023); applications are not results", async () => {
    const r = await read("egeWide");
    expect(account(r, "Заявления")).toMatchObject({
      kind: null,
      note: "таблица заявлений на участие в экзамене, а не результаты — не читается",
    });
    const l = list(r, 2023);
    expect(l.schools.filter((s) => s.shnor).map((s) => [s.school, s.rules, s.reasons])).toEqual([
      [
        "МБОУ «Агинская СОШ № 2»",
        [1],
        [
          "2023 · ЕГЭ · 11 кл. · математика (базовая) — 32,0 % (8 из 25)",
          "2023 · ЕГЭ · 11 кл. · математика (профильная) — 33,3 % (5 из 15)",
        ],
      ],
      [
        "МБОУ «Борзинская СОШ № 2»",
        [2],
        [
          "2022 · ЕГЭ · 11 кл. · математика (базовая) — 31,6 % (6 из 19)",
          "2022 · ЕГЭ · 11 кл. · математика (профильная) — 33,3 % (3 из 9)",
          "2023 · ЕГЭ · 11 кл. · математика (профильная) — 40,0 % (4 из 10)",
        ],
      ],
    ]);
  });

  it("ОГЭ by school with marks «2»–«5» and a mean per subject group, a code column and a number column", async () => {
    const r = await read("ogeWide");
    expect(r.results.map((x) => [x.code, x.subject, x.grade, x.participants, x.failed, x.marks, x.average])).toEqual([
      ["750101", "русский язык", 9, 60, 2, { m2: 2, m3: 18, m4: 25, m5: 15 }, 3.9],
      ["750101", "математика", 9, 60, 12, { m2: 12, m3: 28, m4: 15, m5: 5 }, 3.2],
      ["750102", "русский язык", 9, 40, 1, { m2: 1, m3: 15, m4: 16, m5: 8 }, 3.8],
      ["750102", "математика", 9, 40, 4, { m2: 4, m3: 20, m4: 12, m5: 4 }, 3.4],
    ]);
    expect(r.problems).toEqual([]);
  });
});

describe("issue 16 item 9: no procedure anywhere — the command's --procedure and the pane's constant", () => {
  it("without a procedure every row is a problem naming both ways to give it", async () => {
    const r = await read("noProcedure");
    expect(r.results).toEqual([]);
    expect(r.problems).toHaveLength(3);
    expect(r.problems[0].message).toBe(
      "Не указана оценочная процедура (нет ни столбца, ни названия в заголовке, листе или файле): укажите её: " +
        "в команде — параметром --procedure (например, --procedure ВПР), в области задач — " +
        "«Исправить сопоставление» → «Процедура для всего листа»",
    );
  });

  it("a default procedure fills the sheet (from «option»); a hand constant wins over titles and names", async () => {
    const wb = await readXlsxFile(files.noProcedure);
    const withDefault = readRegisters([wb], { defaults: { procedure: "впр" } });
    expect(withDefault.problems).toEqual([]);
    expect(withDefault.results.map((x) => [x.procedure, x.subject, x.failed])).toEqual([
      ["ВПР", "математика", 10],
      ["ВПР", "русский язык", 9],
      ["ВПР", "математика", 2],
    ]);
    expect(withDefault.sheets[0].context.find((c) => c.field === "procedure")).toMatchObject({
      value: "ВПР",
      from: "option",
    });
    const manual = readRegisters([wb], {
      mappings: [
        {
          sheet: "Лист1",
          kind: "results",
          headerRow: 1,
          columns: {
            year: 0,
            grade: 1,
            subject: 2,
            municipality: 3,
            school: 4,
            code: 5,
            participants: 6,
            m2: 7,
            m3: 8,
            m4: 9,
            m5: 10,
          },
          constants: { procedure: "ОГЭ" },
        },
      ],
      defaults: { procedure: "ВПР" },
    });
    expect(manual.results.map((x) => x.procedure)).toEqual(["ОГЭ", "ОГЭ", "ОГЭ"]);
    expect(manual.sheets[0].context.find((c) => c.field === "procedure")).toMatchObject({ from: "manual" });
  });
});

describe("issue 16 item 5a: ФИС ОКО «Индивидуальные результаты» — a protocol kind of its own (R-UNIT per class)", () => {
  it("is a protocol, never «Школы»: the «ОО» column of logins is the login, a pupil code is never a school code", async () => {
    const r = await read("protocolIndividual");
    const a = account(r, "Индивидуальные результаты");
    expect(a.kind).toBe("protocol");
    expect(a.mapping.map((m) => `${m.field}:${m.letter}`)).toEqual([
      "code:A",
      "municipality:B",
      "school:C",
      "pupil:D",
      "className:E",
      "variant:F",
      "primary:J",
      "mark:K",
      "journal:L",
    ]);
    expect(r.schools).toEqual([]);
    expect(new Set(r.protocol.map((u) => u.schoolKey))).toEqual(
      new Set(["login:203389", "login:203390", "login:203391"]),
    );
  });

  it("pupils aggregate per school × grade × subject × class with the (Отметка, Отметка по журналу) pairs kept", async () => {
    const r = await read("protocolIndividual");
    expect(
      r.protocol.map((u) => [
        u.school,
        u.year,
        u.procedure,
        u.grade,
        u.subject,
        u.classLabel,
        u.pupils,
        u.participants,
        u.failed,
        u.noJournal,
      ]),
    ).toEqual([
      ["МБОУ «СОШ №1 г.Урус-Мартан»", 2026, "ВПР", 4, "русский язык", "4А", 4, 4, 2, 0],
      ["МБОУ «СОШ №1 г.Урус-Мартан»", 2026, "ВПР", 4, "русский язык", "4Б", 3, 3, 1, 0],
      ["МБОУ «СОШ №2 г.Урус-Мартан»", 2026, "ВПР", 4, "русский язык", "4А", 4, 4, 0, 1],
      ["МБОУ «Гехинская СОШ»", 2026, "ВПР", 4, "русский язык", "4А", 2, 2, 0, 0],
    ]);
    // pairs[ВПР mark − 2][journal mark − 2]: 4А of СОШ №1 — two «2» over journal «3», a «3» over «3», a «4» over «4».
    expect(r.protocol[0].pairs).toEqual([
      [0, 2, 0, 0],
      [0, 1, 0, 0],
      [0, 0, 1, 0],
      [0, 0, 0, 0],
    ]);
    expect(r.protocol[0].marks).toEqual({ m2: 2, m3: 1, m4: 1, m5: 0 });
    expect(r.protocol[0].marksFrom).toBe("protocol");
  });

  it("group rows name the school of the pupils below (empty school cells), absent pupils are named skips, a count mismatch is said", async () => {
    const r = await read("protocolIndividual");
    const a = account(r, "Индивидуальные результаты");
    expect(a.skipped).toEqual([
      { row: 6, reason: "строка группы: МБОУ «СОШ №1 г.Урус-Мартан» (участников: 7)" },
      { row: 14, reason: "строка группы: МБОУ «СОШ №2 г.Урус-Мартан» (участников: 5)" },
      { row: 19, reason: "ученик без отметки и первичного балла (не писал работу)" },
      { row: 20, reason: "строка группы: МБОУ «Гехинская СОШ» (участников: 3)" },
    ]);
    expect(a.read).toEqual([
      [7, 13],
      [15, 18],
      [21, 22],
    ]);
    expect(a.problems.map((p) => [p.cell, p.message])).toEqual([
      [
        "A20",
        "«МБОУ «Гехинская СОШ»»: в строке группы указано участников 3, а строк учеников 2 — проверьте, весь ли протокол скопирован (прочитанные строки учтены)",
      ],
    ]);
  });

  it("units with marks are results per class: R-LOW on the school unit (3 of 7), R-MARK names both classes", async () => {
    const r = await read("protocolIndividual");
    expect(r.results.map((x) => [x.code, x.classLabel, x.participants, x.failed, x.journal])).toEqual([
      ["edu203389", "4А", 4, 2, { lower: 50, confirmed: 50, higher: 0 }],
      ["edu203389", "4Б", 3, 1, { lower: 100 / 3, confirmed: 200 / 3, higher: 0 }],
      ["edu203390", "4А", 4, 0, { lower: 200 / 3, confirmed: 100 / 3, higher: 0 }],
      ["edu203391", "4А", 2, 0, { lower: 0, confirmed: 100, higher: 0 }],
    ]);
    const s1 = list(r, 2026).schools.find((s) => s.code === "edu203389")!;
    expect(s1.reasons).toEqual(["2026 · ВПР · 4 кл. · русский язык — 42,9 % (3 из 7)"]);
    expect(s1.markers).toEqual(["4А", "4Б"]);
  });
});

describe("issue 16 item 5b: protocols with primary scores only and the «Шкалы» register", () => {
  it("without a scale: recognised, one problem for the sheet saying what is missing; «Классы» is no register", async () => {
    const r = await read("protocolPrimary");
    const a = account(r, "Протокол");
    expect(a.kind).toBe("protocol");
    expect(a.problems).toEqual([
      expect.objectContaining({
        cell: "P2",
        message:
          "Протокол с первичными баллами без отметок: нет шкалы перевода в реестре «Шкалы» для 2021 · ВПР · 5 кл. · " +
          "математика — добавьте лист «Шкалы» (учебный год, класс, предмет, наименьший первичный балл на «3», «4», «5»); " +
          "учеников без отметки: 6, они не учтены",
      }),
    ]);
    expect(r.results).toEqual([]);
    expect(
      r.protocol.map((u) => [u.classLabel, u.pupils, u.participants, u.failed, u.marksFrom, u.meanPrimary]),
    ).toEqual([
      ["5А", 3, 0, null, null, 6.67],
      ["5Б", 3, 0, null, null, 10.33],
    ]);
    expect(account(r, "Классы")).toMatchObject({ kind: null, problems: [] });
    expect(r.schools).toEqual([]);
  });

  it("with «Шкалы» (ranges «7–10» or lowest scores): marks from primary scores, pairs with the previous-term mark, results", async () => {
    const r = await read("protocolPrimary", "scales");
    expect(r.problems).toEqual([]);
    expect(r.scales.map((s) => [s.year, s.procedure, s.grade, s.subject, s.min3, s.min4, s.min5])).toEqual([
      [2021, "ВПР", 5, "математика", 7, 11, 15],
      [2021, "ВПР", 5, "русский язык", 18, 29, 39],
      [2021, "ВПР", 6, "математика", 6, 10, 14],
    ]);
    expect(r.protocol.map((u) => [u.classLabel, u.marks, u.pairs, u.marksFrom])).toEqual([
      [
        "5А",
        { m2: 2, m3: 1, m4: 0, m5: 0 },
        [
          [0, 2, 0, 0],
          [0, 0, 1, 0],
          [0, 0, 0, 0],
          [0, 0, 0, 0],
        ],
        "scale",
      ],
      [
        "5Б",
        { m2: 1, m3: 0, m4: 1, m5: 1 },
        [
          [0, 1, 0, 0],
          [0, 0, 0, 0],
          [0, 0, 1, 0],
          [0, 0, 0, 1],
        ],
        "scale",
      ],
    ]);
    expect(r.results.map((x) => [x.code, x.year, x.grade, x.classLabel, x.participants, x.failed])).toEqual([
      ["sch224052", 2021, 5, "5А", 3, 2],
      ["sch224052", 2021, 5, "5Б", 3, 1],
    ]);
  });

  it("R-UNIT sums the protocol's classes into one school unit (R-LOW: 3 of 6 with «2»)", async () => {
    const r = await read("protocolPrimary", "scales");
    expect(account(r, "Шкалы").kind).toBe("scales");
    const l = list(r, 2021);
    expect(l.schools.map((s) => [s.schoolKey, s.reasons])).toEqual([
      ["login:224052", ["2021 · ВПР · 5 кл. · математика — 50,0 % (3 из 6)"]],
    ]);
  });
});

describe("issue 16 item 6: «Сравнение отметок с отметками по журналу», 2024+ column layout", () => {
  it("one row per group with % and counts per side, one or two header rows: the journal kind, aggregates skipped", async () => {
    const r = await read("journal2024");
    for (const sheet of ["Одна строка", "Две строки"]) {
      const a = account(r, sheet);
      expect(a).toMatchObject({
        kind: "journal",
        layout: "по столбцам «Понизили / Подтвердили / Повысили» (ФИС ОКО с 2024 года)",
      });
      expect(a.skipped.map((s) => s.reason)).toEqual([
        "агрегат: Вся выборка",
        "агрегат: Республика Дагестан(reg050000)",
        "агрегат: город Дербент(reg05_m045)",
      ]);
      expect(a.problems).toEqual([]);
    }
    expect(r.results).toEqual([]);
    expect(r.journal.map((j) => [j.schoolKey, j.year, j.grade, j.subject, j.shares, j.counts])).toEqual([
      [
        "login:053101",
        2024,
        5,
        "математика",
        { lower: 40, confirmed: 55, higher: 5 },
        { lower: 24, confirmed: 33, higher: 3, total: 60 },
      ],
      [
        "name:мкоу кубачинская сош",
        2024,
        5,
        "математика",
        { lower: 10, confirmed: 85, higher: 5 },
        { lower: 2, confirmed: 17, higher: 1, total: 20 },
      ],
      [
        "login:053101",
        2024,
        5,
        "математика",
        { lower: 40, confirmed: 55, higher: 5 },
        { lower: 24, confirmed: 33, higher: 3, total: 60 },
      ],
      [
        "name:мкоу кубачинская сош",
        2024,
        5,
        "математика",
        { lower: 10, confirmed: 85, higher: 5 },
        { lower: 2, confirmed: 17, higher: 1, total: 20 },
      ],
    ]);
  });
});

describe("issue 16 item 10: dates formatted as years are read as displayed", () => {
  it("31.12.2024 shown as «2024» is the year 2024, not the academic year 2025 of the date (R-SHNOR rule 2 across 2024–2025)", async () => {
    const r = await read("yearDates");
    expect(r.problems).toEqual([]);
    expect(r.results.map((x) => [x.school, x.year, x.grade, x.failed])).toEqual([
      ["МОУ «СОШ № 1»", 2024, 5, 7],
      ["МОУ «СОШ № 1»", 2025, 6, 6],
      ["МОУ «СОШ № 2»", 2025, 5, 2],
    ]);
    expect(list(r, 2025).schools.find((s) => s.school === "МОУ «СОШ № 1»")).toMatchObject({ shnor: true, rules: [2] });
  });
});
