/**
 * Fixture generator for register recognition (SPEC §2, issues 2 and 8): writes, with ExcelJS, workbooks shaped like
 * the exports specialists receive — ФИС ОКО «Статистика по отметкам», municipal mark tables (% and counts),
 * «Сравнение отметок с отметками по журналу», ОГЭ/ЕГЭ tables of the regional centre, a report pasted twice,
 * titles without a table, context from the file name and the sheet name, a district register with «Школы».
 *
 * CLI: `npx tsx scripts/make-fixtures.ts OUTDIR` (default tests/fixtures/generated). Tests call the functions.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import ExcelJS from "exceljs";
import { realisticWorkbook } from "./fixtures/realisticWorkbook";

export type FixtureCell = string | number | boolean | Date | null;

export interface FixtureSheet {
  name: string;
  rows: FixtureCell[][];
  /** Merged ranges like "A1:G1". */
  merges?: string[];
  hidden?: boolean;
}

/** Writes a workbook; returns its path. */
export async function writeWorkbook(file: string, sheets: FixtureSheet[]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name, s.hidden ? { state: "hidden" } : undefined);
    s.rows.forEach((row, i) => {
      row.forEach((v, j) => {
        if (v !== null) ws.getCell(i + 1, j + 1).value = v;
      });
    });
    for (const m of s.merges ?? []) ws.mergeCells(m);
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await wb.xlsx.writeFile(file);
  return file;
}

const FIS_HEADER: FixtureCell[] = ["Группы участников", "Кол-во ОО", "Кол-во уч.", 2, 3, 4, 5];

function fisTitles(year: number, grade: number, subject: string): FixtureCell[][] {
  return [
    [`Всероссийские проверочные работы ${year} (${grade} класс)`],
    [`Дата: 16.04.${year}`],
    [`Предмет: ${subject}`],
    ["Статистика по отметкам"],
    ["Максимальный первичный балл: 20"],
    [],
    [null, null, null, "Распределение групп баллов в %"],
    FIS_HEADER,
  ];
}

/**
 * Layout 1: ФИС ОКО «Статистика по отметкам», ВПР 2025, 5 класс, математика. Header on row 8 under a merged
 * «Распределение групп баллов в %» (D7:G7); aggregates on rows 9–11; schools on rows 12–15 as `(sch…) name`.
 * sch700001: 30,00 % of 30 → 9 (low); sch700002: 29,41 % of 34 → 10 (not low); sch700003: 34 % of 50 → 17 (low).
 */
export function fisOkoMarks2025(dir: string): Promise<string> {
  return writeWorkbook(path.join(dir, "fis-oko-marks-2025.xlsx"), [
    {
      name: "Статистика по отметкам",
      merges: ["A1:G1", "D7:G7"],
      rows: [
        ...fisTitles(2025, 5, "Математика"),
        ["Вся выборка", 35120, 1450321, 14.21, 41.3, 31.05, 13.44],
        ["Самарская обл.", 702, 30122, 12.8, 42.1, 32.2, 12.9],
        ["Городской округ Тольятти", 41, 2210, 13.1, 40.2, 33.3, 13.4],
        ["(sch700001) МОУ «СОШ № 1»", 1, 30, 30, 40, 20, 10],
        ["(sch700002) МОУ «СОШ № 2»", 1, 34, "29,41", "41,18", "20,59", "8,82"],
        ["(sch700003) МОУ «Лицей № 3»", 1, 50, 34, 40, 20, 6],
        ["(sch700004) МОУ «ООШ с. Ивановка»", 1, 12, 0, 50, 33.33, 16.67],
      ],
    },
  ]);
}

/**
 * The same layout for ВПР 2024, 4 класс, русский язык, with login spellings that differ from 2025
 * («(SCH700001) МОУ СОШ №1»). sch700001: 8 of 20 = 40 % (low); sch700003: 10 % (not low).
 */
export function fisOkoMarks2024(dir: string): Promise<string> {
  return writeWorkbook(path.join(dir, "fis-oko-marks-2024.xlsx"), [
    {
      name: "Статистика по отметкам",
      merges: ["A1:G1", "D7:G7"],
      rows: [
        ...fisTitles(2024, 4, "Русский язык"),
        ["Вся выборка", 35000, 1400000, 12.1, 40, 35, 12.9],
        ["Самарская обл.", 700, 30000, 11, 41, 35, 13],
        ["Городской округ Тольятти", 41, 2100, 12, 40, 35, 13],
        ["(SCH700001 ) МОУ СОШ №1", 1, 20, 40, 30, 20, 10],
        ["(sch700003) Лицей № 3", 1, 40, 10, 40, 30, 20],
      ],
    },
  ]);
}

/** Layout 2 with marks in %: `Год | Класс | Предмет | Муниципалитет | ОО | Логин | Кол-во участников | 2…5`. */
export function municipalPercent(dir: string): Promise<string> {
  return writeWorkbook(path.join(dir, "municipal-percent.xlsx"), [
    {
      name: "ВПР",
      rows: [
        ["Год", "Класс", "Предмет", "Муниципалитет", "ОО", "Логин", "Кол-во участников", "2", "3", "4", "5"],
        ["2024/2025", "5А", "Математика", "г.о. Тольятти", "МОУ СОШ № 1", "sch700001", 25, 40, 40, 20, 0],
        ["2024/2025", "5Б", "Математика", "г.о. Тольятти", "МОУ СОШ № 1", "sch700001", 20, 10, 50, 30, 10],
        [
          "2024/2025",
          5,
          "Русский язык",
          "г.о. Тольятти",
          "МОУ «СОШ № 2»",
          "sch700002",
          40,
          "35,0 %",
          "40 %",
          "20 %",
          "5 %",
        ],
        ["2024/2025", 5, "Математика", "г.о. Тольятти", null, null, 1500, 15, 45, 30, 10],
        ["2024-2025", 6, "Математика", "г.о. Тольятти", "Лицей № 3", "SCH700003", 30, 30, 30, 30, 10],
        [2025, 6, "Русский язык", "г.о. Тольятти", "Лицей №3", "sch700003", 30, 33.33, 33.33, 33.34, 0],
      ],
    },
  ]);
}

/**
 * Layout 2 with counts, login inside the name, a blank spacer column (D), «Количество участников»,
 * and an «Итого» row. Same schools and values as municipalPercent.
 */
export function municipalCounts(dir: string): Promise<string> {
  return writeWorkbook(path.join(dir, "municipal-counts.xlsx"), [
    {
      name: "ВПР 2025",
      rows: [
        ["Год", "Класс", "Предмет", null, "ОО", "Количество участников", "«2»", "«3»", "«4»", "«5»"],
        ["2024/2025", "5А", "Математика", null, "(sch700001) МОУ СОШ № 1", 25, 10, 10, 5, 0],
        ["2024/2025", "5Б", "Математика", null, "(sch700001) МОУ СОШ № 1", 20, 2, 10, 6, 2],
        ["2024/2025", 5, "Русский язык", null, "(sch700002) МОУ «СОШ № 2»", 40, 14, 16, 8, 2],
        ["2024-2025", 6, "Математика", null, "(SCH700003) Лицей № 3", 30, 9, 9, 9, 3],
        [2025, 6, "Русский язык", null, "(sch700003) Лицей №3", 30, 10, 10, 10, 0],
        ["Итого", null, null, null, null, 145, 45, 55, 38, 7],
      ],
    },
  ]);
}

/** Layout 3: «Сравнение отметок с отметками по журналу» — its own register kind, never results. */
export function journalComparison(dir: string): Promise<string> {
  const block = (name: string, c: [number, number, number]): FixtureCell[][] => {
    const total = c[0] + c[1] + c[2];
    const pct = (n: number) => Math.round((n * 10000) / total) / 100;
    return [
      [name, null, null],
      ["Понизили (Отметка < Отметка по журналу) %", c[0], pct(c[0])],
      ["Подтвердили (Отметка = Отметке по журналу) %", c[1], pct(c[1])],
      ["Повысили (Отметка > Отметка по журналу) %", c[2], pct(c[2])],
      ["Всего", total, 100],
    ];
  };
  return writeWorkbook(path.join(dir, "journal-comparison.xlsx"), [
    {
      name: "Сравнение с журналом",
      merges: ["A1:C1"],
      rows: [
        ["Всероссийские проверочные работы 2025 (5 класс)"],
        ["Предмет: Математика"],
        ["Сравнение отметок с отметками по журналу"],
        ["Группы участников", "Кол-во участников", "%"],
        ...block("Вся выборка", [300000, 900000, 50000]),
        ...block("(sch700001) МОУ «СОШ № 1»", [12, 15, 3]),
        ...block("(sch700002) МОУ «СОШ № 2»", [2, 30, 2]),
      ],
    },
  ]);
}

/** Layout 4: ОГЭ and ЕГЭ tables of the regional centre (counts and shares). */
export function giaRegional(dir: string): Promise<string> {
  return writeWorkbook(path.join(dir, "gia-regional-centre.xlsx"), [
    {
      name: "ОГЭ математика",
      merges: ["A1:F1"],
      rows: [
        ["Результаты ОГЭ по математике, 2024/2025 учебный год"],
        [],
        [
          "Код ОУ",
          "Наименование ОУ",
          "Тип ОУ",
          "Количество участников",
          "Средний балл",
          "Не преодолели минимальный порог",
        ],
        [630001, "МБОУ Школа № 1", "СОШ", 48, "3,9", 5],
        [630002, "МБОУ Школа № 2", "СОШ", 25, 3.1, 8],
        [630003, "МБОУ Школа № 3", "ООШ", 12, 3.4, "н/д"],
        ["Итого по муниципалитету", null, null, 85, 3.5, 13],
      ],
    },
    {
      name: "ЕГЭ",
      rows: [
        ["ЕГЭ-2025"],
        ["Код ОУ", "Наименование ОУ", "Предмет", "Количество участников", "% не преодолевших порог"],
        [630001, "МБОУ Школа № 1", "Математика (профильная)", 16, "12,5 %"],
        [630001, "МБОУ Школа № 1", "Математика (базовая)", 20, "30 %"],
        [630002, "МБОУ Школа № 2", "Русский язык", 10, "0 %"],
      ],
    },
  ]);
}

/**
 * A report pasted twice (issue 8). Sheet «Повтор отчёта»: the whole ФИС ОКО report (titles, header, aggregates,
 * schools) pasted again below itself — identical rows are counted once. Sheet «Разные значения»: sch700004 twice
 * with the same values (kept once) and sch700003 twice with different values (a problem, both rows left out).
 */
export function pastedTwice(dir: string): Promise<string> {
  const report: FixtureCell[][] = [
    ...fisTitles(2025, 5, "Математика"),
    ["Вся выборка", 35120, 1450321, 14.21, 41.3, 31.05, 13.44],
    ["(sch700001) МОУ «СОШ № 1»", 1, 30, 30, 40, 20, 10],
    ["(sch700002) МОУ «СОШ № 2»", 1, 34, 29.41, 41.18, 20.59, 8.82],
  ];
  return writeWorkbook(path.join(dir, "pasted-twice.xlsx"), [
    { name: "Повтор отчёта", merges: ["D7:G7"], rows: [...report, [], ...report] },
    {
      name: "Разные значения",
      merges: ["D7:G7"],
      rows: [
        ...fisTitles(2025, 5, "Математика"),
        ["(sch700003) МОУ «Лицей № 3»", 1, 50, 34, 40, 20, 6],
        ["(sch700004) МОУ «ООШ с. Ивановка»", 1, 12, 0, 50, 33.33, 16.67],
        ["(sch700003) МОУ «Лицей № 3»", 1, 50, 20, 40, 30, 10],
        ["(sch700004) МОУ «ООШ с. Ивановка»", 1, 12, 0, 50, 33.33, 16.67],
      ],
    },
  ]);
}

/** A sheet with titles but no table, and a hidden sheet with a note. Neither is a register. */
export function titlesOnly(dir: string): Promise<string> {
  return writeWorkbook(path.join(dir, "titles-only.xlsx"), [
    {
      name: "Справка",
      merges: ["A1:F1"],
      rows: [
        ["Всероссийские проверочные работы 2025 (5 класс)"],
        ["Предмет: Математика"],
        ["Статистика по отметкам"],
        [],
        ["Данные будут загружены позже"],
      ],
    },
    { name: "Служебный", hidden: true, rows: [["Примечание"], ["Этот лист скрыт"]] },
  ]);
}

/** Context from the file name only: «Проведение работы по математике, 5 класс. ВПР 2021.xlsx». */
export function fileNameContext(dir: string): Promise<string> {
  return writeWorkbook(path.join(dir, "Проведение работы по математике, 5 класс. ВПР 2021.xlsx"), [
    {
      name: "Лист1",
      rows: [
        ["ОО", "Кол-во участников", "2", "3", "4", "5"],
        ["МОУ СОШ № 1", 28, 9, 10, 7, 2],
        ["МОУ СОШ № 2", 31, 4, 12, 10, 5],
      ],
    },
  ]);
}

/**
 * Context from the sheet name (`ВПР 5 мат 2025`), and a conflict: sheet `ВПР 6 мат 2025` whose title says 2024 —
 * a problem naming both, no year guessed, rows left out.
 */
export function sheetNameContext(dir: string): Promise<string> {
  return writeWorkbook(path.join(dir, "context-names.xlsx"), [
    {
      name: "ВПР 5 мат 2025",
      rows: [
        ["Школа", "Участники", "Получили «2»"],
        ["МОУ СОШ № 1", 30, 9],
        ["МОУ СОШ № 2", 40, 4],
      ],
    },
    {
      name: "ВПР 6 мат 2025",
      rows: [
        ["Всероссийские проверочные работы 2024 (6 класс)"],
        ["Школа", "Участники", "Получили «2»"],
        ["МОУ СОШ № 1", 25, 10],
      ],
    },
  ]);
}

/**
 * Issue 2 district register: «Школы» with codes; «ВПР» with a merged title row, the header on row 3, names only
 * (variant spellings), years in every form, text numbers, unreadable cells, a school missing from «Школы», an
 * «Итого» row; «ГИА-9» with shares as fractions in text with a decimal comma; «Примечания» is no register.
 */
export function districtRegister(dir: string): Promise<string> {
  return writeWorkbook(path.join(dir, "district-register.xlsx"), [
    {
      name: "Школы",
      rows: [
        ["Код ОО", "Школа", "Тип", "Местность", "Куратор"],
        ["sch700001", "МОУ «СОШ № 1»", "СОШ", "город", "Иванова И. И."],
        ["sch700002", "МОУ «СОШ № 2»", "СОШ", "город", "Петров П. П."],
        ["sch700003", "МОУ «Лицей № 3»", "лицей", "город", null],
        ["sch700004", "МОУ «ООШ с. Ивановка»", "ООШ", "село", "Сидорова С. С."],
        ["Итого: 4 школы", null, null, null, null],
      ],
    },
    {
      name: "ВПР",
      merges: ["A1:G1"],
      rows: [
        ["Результаты ВПР по району (сводная таблица отдела образования)"],
        [],
        ["Учебный год", "Оценочная\nпроцедура", "Школа", "Класс", "Предмет", "Количество участников", "Получили «2»"],
        ["2023/2024", "ВПР", 'МОУ "СОШ №1"', "5А", "математика", 25, 8],
        ["2023/2024", "ВПР", 'МОУ "СОШ №1"', "5Б", "математика", 25, 7],
        ["2024/25", "ВПР", "мОУ «сош № 1»", "6", "Русский язык", 40, 12],
        [2025, "всероссийская проверочная работа", "МОУ «СОШ № 2»", "5 класс", "Математика", 50, 14],
        ["2024–2025", "ВПР", "МОУ «Лицей № 3»", '5 "А"', "математика", "30", "9"],
        ["2024-2025", "ВПР", "МОУ «Лицей № 3»", 7, "Русский язык", 20, 6],
        ["2024/2025", "ВПР", "МОУ «ООШ с. Ивановка»", 5, "математика", 10, 12],
        ["2024/2025", "ВПР", "МОУ «ООШ с. Ивановка»", 6, "математика", "н/д", 1],
        ["2024/2026", "ВПР", "МОУ «ООШ с. Ивановка»", 7, "математика", 15, 1],
        ["2024/2025", "ВПР", "МОУ «Гимназия № 9»", 5, "математика", 20, 2],
        [],
        ["Итого", null, null, null, null, 255, 71],
      ],
    },
    {
      name: "ГИА-9",
      rows: [
        ["Год", "Процедура", "Код ОО", "ОО", "Предмет", "Писали", "Доля «2»"],
        [2025, "ГИА-9", "sch700002", "МОУ СОШ 2", "Математика", 40, "0,3"],
        [2025, "ОГЭ", "sch700004", "МОУ «ООШ с. Ивановка»", "русский язык", 8, 0.25],
      ],
    },
    { name: "Примечания", rows: [["Сведения подготовлены отделом образования"], ["Ответственный: Иванова И. И."]] },
  ]);
}

/** A short ФИС ОКО report: two title lines, a merged group header, the header and the rows. */
function fisReport(year: number | null, grade: number, subject: string, rows: FixtureCell[][]): FixtureCell[][] {
  return [
    [`Всероссийские проверочные работы${year === null ? "" : ` ${year}`} (${grade} класс)`],
    [`Предмет: ${subject}`],
    [null, null, null, "Распределение групп баллов в %"],
    FIS_HEADER,
    ...rows,
  ];
}

/**
 * Two DIFFERENT ФИС ОКО reports stacked on one sheet (issue 8): математика 5 кл. on rows 1–7, a blank row, then
 * русский язык 5 кл. with its own titles (rows 9–10) and header (row 12). sch700001 is in both with other values.
 */
export function stackedReports(dir: string): Promise<string> {
  const first = fisReport(2025, 5, "Математика", [
    ["Вся выборка", 35120, 1450321, 14.21, 41.3, 31.05, 13.44],
    ["(sch700001) МОУ «СОШ № 1»", 1, 30, 30, 40, 20, 10],
    ["(sch700002) МОУ «СОШ № 2»", 1, 20, 10, 40, 40, 10],
  ]);
  const second = fisReport(2025, 5, "Русский язык", [
    ["Вся выборка", 35120, 1450321, 12.5, 40, 33.5, 14],
    ["(sch700001) МОУ «СОШ № 1»", 1, 30, 40, 30, 20, 10],
  ]);
  return writeWorkbook(path.join(dir, "stacked-reports.xlsx"), [
    { name: "Лист1", merges: ["D3:G3", "D11:G11"], rows: [...first, [], ...second] },
    {
      // Title lines without a repeated header: «Предмет: Русский язык» on row 6 starts the next table.
      name: "Без заголовка",
      rows: [
        ["Всероссийские проверочные работы 2025 (5 класс)"],
        ["Предмет: Математика"],
        FIS_HEADER,
        ["(sch700009) МОУ «СОШ № 9»", 1, 30, 30, 40, 20, 10],
        [],
        ["Предмет: Русский язык"],
        ["(sch700009) МОУ «СОШ № 9»", 1, 30, 40, 30, 20, 10],
      ],
    },
  ]);
}

/** ОГЭ of the regional centre without a grade column (issue 8 layout 4): ОГЭ = ГИА-9 (SPEC §2). */
export function ogeNoGrade(dir: string): Promise<string> {
  return writeWorkbook(path.join(dir, "oge-regional.xlsx"), [
    {
      name: "ОГЭ 2025",
      rows: [
        ["Код ОУ", "Наименование ОУ", "Предмет", "Количество участников", "Не преодолели минимальный порог"],
        ["sch700001", "МОУ СОШ № 1", "Математика", 20, 6],
      ],
    },
  ]);
}

/** The same ОГЭ result in a municipal register with «ГИА-9» and Класс 9. */
export function ogeGrade9(dir: string): Promise<string> {
  return writeWorkbook(path.join(dir, "oge-municipal.xlsx"), [
    {
      name: "Реестр",
      rows: [
        ["Школа", "Логин", "Учебный год", "Процедура", "Класс", "Предмет", "Участники", "Не справились"],
        ["МОУ СОШ № 1", "sch700001", "2024/2025", "ГИА-9", 9, "математика", 20, 6],
      ],
    },
  ]);
}

/** One school name under a ФИС ОКО login («ВПР») and a regional Код ОО («ОГЭ») — which school is it? */
export function codeMismatch(dir: string): Promise<string> {
  return writeWorkbook(path.join(dir, "code-mismatch.xlsx"), [
    {
      name: "ВПР",
      rows: [
        ["Всероссийские проверочные работы 2025 (5 класс)"],
        ["Предмет: Математика"],
        ["Группы участников", "Кол-во уч.", 2, 3, 4, 5],
        ["(sch700001) МОУ «СОШ № 1»", 30, 30, 40, 20, 10],
      ],
    },
    {
      name: "ОГЭ",
      rows: [
        ["Результаты ОГЭ по математике, 2024/2025 учебный год"],
        ["Код ОУ", "Наименование ОУ", "Количество участников", "Не преодолели минимальный порог"],
        ["700001", "МОУ «СОШ № 1»", 20, 7],
      ],
    },
  ]);
}

/** «Школы» with both codes of a school: «Код ОО» and «Логин ОО». */
export function schoolsBothCodes(dir: string): Promise<string> {
  return writeWorkbook(path.join(dir, "schools-both-codes.xlsx"), [
    {
      name: "Школы",
      rows: [
        ["Код ОО", "Логин ОО", "Наименование ОО", "Куратор"],
        ["700001", "sch700001", "МОУ «СОШ № 1»", "Иванова И. И."],
      ],
    },
  ]);
}

/** Issue 8 context precedence: «Реестр ШНОР 2025.xlsx» whose sheet title says ВПР 2024 (the title wins). */
export function fileYearVsTitle(dir: string): Promise<string> {
  return writeWorkbook(path.join(dir, "Реестр ШНОР 2025.xlsx"), [
    {
      name: "Лист1",
      rows: fisReport(2024, 5, "Математика", [["(sch700001) МОУ «СОШ № 1»", 1, 30, 40, 30, 20, 10]]),
      merges: ["D3:G3"],
    },
    {
      name: "ВПР 2024",
      rows: [
        ["Школа", "Класс", "Предмет", "Участники", "Не справились"],
        ["МОУ «СОШ № 2»", 5, "математика", 20, 4],
      ],
    },
  ]);
}

/** A download date in the file name, no year anywhere else: no year is taken from the date. */
export function downloadDateName(dir: string): Promise<string> {
  return writeWorkbook(path.join(dir, "Выгрузка ФИС ОКО 20.09.2025.xlsx"), [
    {
      name: "Лист1",
      rows: fisReport(null, 5, "Математика", [["(sch700001) МОУ «СОШ № 1»", 1, 30, 40, 30, 20, 10]]),
      merges: ["D3:G3"],
    },
  ]);
}

/**
 * Name-only tables with region and municipality rows (issue 8): «Тверская область», «Кимрский муниципальный округ»,
 * «Муниципалитет», «Республика Карелия», «Алтайский край» are aggregates; schools whose names carry such words stay.
 * Sheet «По МО»: a municipal layout where the total row has a blank ОО cell and a filled Муниципалитет cell.
 */
export function areaAggregates(dir: string): Promise<string> {
  const row = (name: string, n: number, f: number): FixtureCell[] => [name, 2025, "ВПР", "математика", 5, n, f];
  return writeWorkbook(path.join(dir, "area-aggregates.xlsx"), [
    {
      name: "ВПР",
      rows: [
        ["Школа", "Учебный год", "Процедура", "Предмет", "Класс", "Участники", "Не справились"],
        row("Тверская область", 10000, 3000),
        row("Кимрский муниципальный округ", 500, 150),
        row("Муниципалитет", 500, 150),
        row("Республика Карелия", 900, 100),
        row("Алтайский край", 900, 100),
        row("городской округ Кимры", 300, 90),
        row("МБОУ «СОШ № 1 городского округа Кимры»", 30, 9),
        row("Школа Кимрского района", 20, 2),
        row("Средняя школа № 3", 10, 3),
      ],
    },
    {
      name: "По МО",
      rows: [
        ["Год", "Класс", "Предмет", "Процедура", "Муниципалитет", "ОО", "Кол-во участников", "Не справились"],
        [2025, 6, "Математика", "ВПР", "Кимры", null, 500, 150],
        [2025, 6, "Математика", "ВПР", "Кимры", "МОУ СОШ № 7", 30, 9],
      ],
    },
  ]);
}

/**
 * Class rows and a parallel total row (R-UNIT): СОШ 1 — 5А, 5Б and «5» equal to their sum (the total is skipped);
 * СОШ 2 — 6А, 6Б and «6» that does not equal their sum (a problem; the unit's rows are left out).
 */
export function classAndTotal(dir: string): Promise<string> {
  return writeWorkbook(path.join(dir, "class-and-total.xlsx"), [
    {
      name: "ВПР",
      rows: [
        ["Школа", "Учебный год", "Процедура", "Класс", "Предмет", "Участники", "Не справились"],
        ["СОШ 1", 2025, "ВПР", "5А", "математика", 10, 2],
        ["СОШ 1", 2025, "ВПР", "5Б", "математика", 10, 2],
        ["СОШ 1", 2025, "ВПР", "5", "математика", 20, 4],
        ["СОШ 2", 2025, "ВПР", "6А", "математика", 10, 2],
        ["СОШ 2", 2025, "ВПР", "6Б", "математика", 12, 5],
        ["СОШ 2", 2025, "ВПР", "6 (всего)", "математика", 20, 7],
      ],
    },
  ]);
}

/** Header «Количество получивших «2»» and a boolean cell under «Участники» (messages in Russian, no «true»). */
export function booleanCells(dir: string): Promise<string> {
  return writeWorkbook(path.join(dir, "boolean-cells.xlsx"), [
    {
      name: "ВПР 5 мат 2025",
      rows: [
        ["Школа", "Участники", "Количество получивших «2»"],
        ["МОУ СОШ № 1", 30, 9],
        ["МОУ СОШ № 2", true, 4],
      ],
    },
  ]);
}

export const ALL_FIXTURES = {
  fisOkoMarks2025,
  fisOkoMarks2024,
  municipalPercent,
  municipalCounts,
  journalComparison,
  giaRegional,
  pastedTwice,
  titlesOnly,
  fileNameContext,
  sheetNameContext,
  districtRegister,
  stackedReports,
  ogeNoGrade,
  ogeGrade9,
  codeMismatch,
  schoolsBothCodes,
  fileYearVsTitle,
  downloadDateName,
  areaAggregates,
  classAndTotal,
  booleanCells,
};

/** Writes every fixture into `dir`; returns the paths. */
export async function makeAllFixtures(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const make of Object.values(ALL_FIXTURES)) out.push(await make(dir));
  return out;
}

/** Writes the write-path fixtures (issue 12) into `dir`; returns the paths. */
export async function makeWritePathFixtures(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const variant of ["transitional", "strict", "prefixed"] as const)
    out.push(await realisticWorkbook(dir, variant));
  out.push(await previousVersionCopy(dir));
  return out;
}

// Write-path fixtures (issue 12): part-by-part workbooks with everything a copy must keep.
export { realisticParts, realisticRows, realisticWorkbook, type WorkbookVariant } from "./fixtures/realisticWorkbook";

/**
 * A copy written by the previous version (ExcelJS round trip): user sheets, then «Список ШНОР 2025» with a table,
 * marked by the workbook name SHNOR_GENERATED_1 = 'Список ШНОР 2025'!$A$1 — files users already have.
 */
export async function previousVersionCopy(dir: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const user = wb.addWorksheet("ВПР");
  user.getCell("A1").value = "Школа";
  user.getCell("B1").value = "Участники";
  user.getCell("A2").value = "МБОУ «СОШ № 1»";
  user.getCell("B2").value = 25;
  user.getCell("C2").value = { formula: "B2*2", result: 50 };
  const list = wb.addWorksheet("Список ШНОР 2025");
  list.getCell("A1").value = "Ежегодный список ШНОР 2025 (прежняя версия)";
  list.addTable({
    name: "ShnorList2025",
    ref: "A3",
    headerRow: true,
    columns: [{ name: "№" }, { name: "Школа" }],
    rows: [[1, "МБОУ «СОШ № 1»"]],
  });
  wb.definedNames.add("'Список ШНОР 2025'!$A$1", "SHNOR_GENERATED_1");
  const file = path.join(dir, "копия прежней версии.xlsx");
  fs.mkdirSync(dir, { recursive: true });
  await wb.xlsx.writeFile(file);
  return file;
}

if (require.main === module) {
  const dir = path.resolve(process.argv[2] ?? "tests/fixtures/generated");
  Promise.all([makeAllFixtures(dir), makeWritePathFixtures(dir), makeReaderCorpusFiles(dir)])
    .then((lists) => lists.flat())
    .then((files) => {
      for (const f of files) console.log(f);
    })
    .catch((e: unknown) => {
      console.error(e instanceof Error ? e.message : String(e));
      process.exit(1);
    });
}

// The reader's differential corpus (issue 11) lives in its own module; written here too by the CLI above.
import { makeReaderCorpus as makeReaderCorpusFiles } from "./reader-corpus";
export {
  kitchenSink,
  kitchenSink1904,
  kitchenSinkInline,
  kitchenSinkLibreOffice,
  kitchenSinkPrefixed,
  kitchenSinkStrict,
  makeReaderCorpus,
  toPrefixed,
  toStrict,
} from "./reader-corpus";
