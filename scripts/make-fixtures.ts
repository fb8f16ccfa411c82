/**
 * Fixture generator for register recognition (SPEC §2, issues 2 and 8): writes, with ExcelJS, workbooks shaped like
 * the exports specialists receive — ФИС ОКО «Статистика по отметкам», municipal mark tables (% and counts),
 * «Сравнение отметок с отметками по журналу», ОГЭ/ЕГЭ tables of the regional centre, a report pasted twice,
 * titles without a table, context from the file name and the sheet name, a district register with «Школы»; the
 * registers of issue 13 (social passport, staff, support, attestats, risks) in ./fixtures/statusRegisters.ts.
 *
 * CLI: `npx tsx scripts/make-fixtures.ts OUTDIR` (default tests/fixtures/generated). Tests call the functions.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import ExcelJS from "exceljs";
import { realisticWorkbook } from "./fixtures/realisticWorkbook";

/** A formula with its cached result (municipality rows summing the schools below), or a value with a number format. */
export type FixtureSpecial = { formula: string; result: number } | { value: number | Date; numFmt: string };
export type FixtureCell = string | number | boolean | Date | null | FixtureSpecial;

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
        if (v === null) return;
        const cell = ws.getCell(i + 1, j + 1);
        if (typeof v === "object" && !(v instanceof Date) && "numFmt" in v) {
          cell.value = v.value;
          cell.numFmt = v.numFmt;
        } else cell.value = v as ExcelJS.CellValue;
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

/**
 * Issue 16 item 1: ФИС ОКО «Статистика по отметкам», ВПР 5 класс, математика, 2021 (sch logins) and 2022 (edu
 * logins — same 6 digits), with a correctional school (ksh…) and a school without a login. Three ШНОР by rule 2:
 * Вавилонская СОШ (sch224052 → edu224052), the boarding school ksh224099 and «Октябрьская ООШ» (named by name).
 */
export function loginsSchToEdu(dir: string): Promise<string> {
  const report = (year: number, login: string, rows: FixtureCell[][]): FixtureCell[][] => [
    ...fisTitles(year, 5, "Математика"),
    ["Вся выборка", 35000, 1400000, 14, 41, 31, 14],
    ["Алтайский край", 900, 20000, 12, 42, 33, 13],
    ["Кулундинский район", 12, 420, 15, 45, 30, 10],
    ...rows.map((r) => [String(r[0]).replace("LOGIN", login), ...r.slice(1)]),
  ];
  return writeWorkbook(path.join(dir, "vpr-logins-2021-2022.xlsx"), [
    {
      name: "ВПР 2021",
      merges: ["A1:G1", "D7:G7"],
      rows: report(2021, "sch", [
        ["(LOGIN224052) МБОУ «Вавилонская СОШ»", 1, 40, 35, 40, 20, 5],
        ["(LOGIN224053) МБОУ «Кулундинская СОШ № 1»", 1, 50, 10, 40, 40, 10],
        ["(ksh224099) КГБОУ «Кулундинская общеобразовательная школа-интернат»", 1, 10, 40, 40, 20, 0],
        ["МКОУ «Октябрьская ООШ»", 1, 12, 33.33, 41.67, 25, 0],
      ]),
    },
    {
      name: "ВПР 2022",
      merges: ["A1:G1", "D7:G7"],
      rows: report(2022, "edu", [
        ["(LOGIN224052) МБОУ «Вавилонская СОШ»", 1, 38, 31.58, 42.11, 21.05, 5.26],
        ["(LOGIN224053) МБОУ «Кулундинская СОШ № 1»", 1, 48, 8.33, 41.67, 41.67, 8.33],
        ["(ksh224099) КГБОУ «Кулундинская общеобразовательная школа-интернат»", 1, 11, 36.36, 45.45, 18.18, 0],
        ["МКОУ «Октябрьская ООШ»", 1, 13, 30.77, 46.15, 23.08, 0],
      ]),
    },
  ]);
}

/**
 * Issue 16 item 1, login forms: inside the name (`…СОШ»(edu053027)`, `edu053028 | МКОУ "…"`, `(sch053029) …`) and
 * in a column headed «ОО» that holds logins next to «Наименование ОО».
 */
export function loginForms(dir: string): Promise<string> {
  return writeWorkbook(path.join(dir, "login-forms.xlsx"), [
    {
      name: "В названии",
      rows: [
        ["Результаты ВПР 2025 по математике, 5 класс"],
        ["Муниципалитет", "ОО", "Кол-во участников", "Кол-во «2»"],
        ["Дахадаевский район", "МКОУ «Герхмахинская СОШ»(edu053027)", 14, 5],
        ["Дахадаевский район", 'edu053028 | МКОУ "Уркарахская СОШ"', 30, 3],
        ["Дахадаевский район", "(sch053029) МКОУ «Кубачинская СОШ»", 20, 2],
        ["Дахадаевский район", "МКОУ «Зубанчинская СОШ»", 10, 1],
      ],
    },
    {
      name: "Столбец ОО",
      rows: [
        ["Результаты ВПР 2025 по русскому языку, 5 класс"],
        ["ОО", "Наименование ОО", "Кол-во участников", "Кол-во «2»"],
        ["edu053027", "МКОУ «Герхмахинская СОШ»", 14, 6],
        ["edu053028", "МКОУ «Уркарахская СОШ»", 30, 4],
      ],
    },
  ]);
}

const sum = (result: number, range: string): FixtureCell => ({ formula: `SUM(${range})`, result });

/**
 * Issue 16 item 2: aggregates by what they are. Sheet «Статистика по отметкам» (ФИС ОКО 2024+): names with region and
 * municipality logins `(reg050000)`, `(reg05_m045)` — one of them without any area word — and a school without a
 * login. Sheet «По районам»: a column-number row under the header, municipality rows (school cell empty, formulas
 * summing the schools below) whose municipality fills down, «ВСЕГО по региону».
 */
export function regionAggregates(dir: string): Promise<string> {
  return writeWorkbook(path.join(dir, "region-aggregates-2024.xlsx"), [
    {
      name: "Статистика по отметкам",
      merges: ["A1:G1", "D7:G7"],
      rows: [
        ...fisTitles(2024, 5, "Математика"),
        ["Вся выборка", 35000, 1400000, 14.1, 41.2, 31.4, 13.3],
        ["Республика Дагестан(reg050000)", 1500, 40000, 18.2, 45.1, 27.3, 9.4],
        ["город Дербент(reg05_m045)", 25, 3000, 16, 44, 30, 10],
        ["(edu053101) МБОУ «СОШ № 1 г. Дербента»", 1, 60, 10, 40, 40, 10],
        ["Территориальное управление образования в зоне отгонного животноводства(reg05_m060)", 30, 900, 21, 46, 25, 8],
        ["МКОУ «Герхмахинская СОШ»(edu053027)", 1, 14, 35.71, 42.86, 21.43, 0],
        ["МКОУ «Кубачинская СОШ»", 1, 20, 10, 50, 30, 10],
      ],
    },
    {
      name: "По районам",
      merges: ["A1:G1"],
      rows: [
        ["Результаты ВПР 2025 по математике, 5 класс (по муниципальным районам)"],
        ["Муниципалитет", "ОО", "Кол-во участников", "Кол-во «2»", "Кол-во «3»", "Кол-во «4»", "Кол-во «5»"],
        [1, 2, 3, 4, 5, 6, 7],
        [
          "Акшинский район",
          null,
          sum(70, "C5:C6"),
          sum(20, "D5:D6"),
          sum(30, "E5:E6"),
          sum(16, "F5:F6"),
          sum(4, "G5:G6"),
        ],
        [null, "МБОУ «Акшинская СОШ»", 40, 14, 16, 8, 2],
        [null, "МБОУ «Новокургатайская СОШ»", 30, 6, 14, 8, 2],
        [
          "Александрово-Заводский район",
          null,
          sum(37, "C8:C9"),
          sum(10, "D8:D9"),
          sum(16, "E8:E9"),
          sum(8, "F8:F9"),
          sum(3, "G8:G9"),
        ],
        [null, "МБОУ «Александрово-Заводская СОШ»", 25, 8, 10, 5, 2],
        [null, "МБОУ «Бутунтайская ООШ»", 12, 2, 6, 3, 1],
        ["ВСЕГО по региону", null, 107, 30, 46, 24, 7],
      ],
    },
  ]);
}

/**
 * Issue 16 item 3: a regional table without logins where one name stands under several municipalities
 * («МБОУ СОШ №2» three times), sheets «2023» and «2024» (year from the sheet name), municipal bodies renamed
 * between the years. Sheet «ОГЭ 2024» names «МБОУ СОШ №2» without a municipality (cannot be told apart).
 */
export function sharedNamesRegion(dir: string): Promise<string> {
  const header: FixtureCell[] = [
    "Муниципальное образование",
    "Наименование ОО",
    "Класс",
    "Предмет",
    "Кол-во участников",
    "Получили «2»",
  ];
  const akshaOld = "Комитет образования администрации муниципального района «Акшинский район»";
  const akshaNew = "Комитет образования администрации Акшинского муниципального округа";
  const borzyaOld = "Управление образования администрации муниципального района «Борзинский район»";
  const borzyaNew = "Управление образования администрации Борзинского муниципального округа";
  const petrovsk = "Комитет образования городского округа «Город Петровск-Забайкальский»";
  return writeWorkbook(path.join(dir, "region-shared-names.xlsx"), [
    {
      name: "2023",
      rows: [
        ["Результаты ВПР по математике, 5 класс"],
        header,
        [akshaOld, "МБОУ СОШ №2", 5, "Математика", 40, 14],
        [akshaOld, "МБОУ «Акшинская СОШ»", 5, "Математика", 35, 3],
        [borzyaOld, "МБОУ СОШ №2", 5, "Математика", 50, 5],
        [petrovsk, "МБОУ СОШ № 2", 5, "Математика", 30, 3],
      ],
    },
    {
      name: "2024",
      rows: [
        ["Результаты ВПР по математике, 5 класс"],
        header,
        [akshaNew, "МБОУ СОШ №2", 5, "Математика", 38, 12],
        [akshaNew, "МБОУ «Акшинская СОШ»", 5, "Математика", 36, 4],
        [borzyaNew, "МБОУ «СОШ № 2»", 5, "Математика", 48, 4],
        [petrovsk, "МБОУ СОШ №2", 5, "Математика", 31, 3],
      ],
    },
    {
      name: "ОГЭ 2024",
      rows: [
        ["ОО", "Предмет", "Участники", "Не преодолели минимальный порог"],
        ["МБОУ СОШ №2", "Математика", 20, 1],
      ],
    },
  ]);
}

/**
 * Issue 16 item 7: vertically merged municipality and school cells over class rows. СОШ № 1: 5А 4 of 20, 5Б 8 of 20 —
 * the unit is 12 of 40 = 30 % (low) only when the merged school cell applies to the 5Б row too.
 */
export function mergedCells(dir: string): Promise<string> {
  return writeWorkbook(path.join(dir, "merged-cells.xlsx"), [
    {
      name: "ВПР 2025",
      merges: ["A1:F1", "A3:A6", "B3:B4", "B5:B6"],
      rows: [
        ["Результаты ВПР 2025 по математике"],
        ["Муниципалитет", "Школа", "Класс", "Предмет", "Участники", "Не справились"],
        ["Кимрский муниципальный округ", "МОУ «СОШ № 1»", "5А", "математика", 20, 4],
        [null, null, "5Б", "математика", 20, 8],
        [null, "МОУ «СОШ № 2»", "5А", "математика", 25, 2],
        [null, null, "5Б", "математика", 25, 3],
      ],
    },
  ]);
}

/**
 * Issue 16 item 8: a fraction column «Доля «2»» with one typo (300): the typo is a problem at its cell, every 0,4 stays
 * 40 % and both ШНОР (rule 1: two low subjects) remain.
 */
export function shareTypo(dir: string): Promise<string> {
  const row = (code: number, name: string, subject: string, n: number, share: FixtureCell): FixtureCell[] => [
    code,
    name,
    subject,
    n,
    share,
  ];
  return writeWorkbook(path.join(dir, "share-typo.xlsx"), [
    {
      name: "ОГЭ 2025",
      rows: [
        ["Код ОО", "ОО", "Предмет", "Писали", "Доля «2»"],
        row(630001, "МБОУ «Школа № 1»", "Математика", 30, "0,4"),
        row(630001, "МБОУ «Школа № 1»", "Русский язык", 30, 0.35),
        row(630002, "МБОУ «Школа № 2»", "Математика", 20, 0.5),
        row(630002, "МБОУ «Школа № 2»", "Русский язык", 20, "0,3"),
        row(630003, "МБОУ «Школа № 3»", "Математика", 25, 300),
        row(630003, "МБОУ «Школа № 3»", "Русский язык", 25, 0.12),
        row(630004, "МБОУ «Школа № 4»", "Математика", 40, 0.05),
        row(630004, "МБОУ «Школа № 4»", "Русский язык", 40, 0),
      ],
    },
  ]);
}

/**
 * Issue 16 item 4: the regional ЕГЭ table, one row per school and a column group per subject.
 * Sheet «2023»: three header rows — subjects merged over their groups, an «из них» row, the metrics
 * (`приняло участие | не преодолен min порог | высокобалльники (80-99 баллов) | получили 100 баллов | средний балл`),
 * a column-number row, municipality rows (formulas) that fill down, «ВСЕГО по региону».
 * Sheet «2022»: two header rows, the subject repeated in each cell («Русский язык, чел.»), the municipality in every
 * row, and a header cell «Всего выпускников в 2023 году» that disagrees with the sheet name and the title (2022).
 * Sheet «Заявления»: applications to sit the exam — not results.
 */
export function egeWide(dir: string): Promise<string> {
  const metrics5 = [
    "приняло участие",
    "не преодолен min порог",
    "высокобалльники (80-99 баллов)",
    "получили 100 баллов",
    "средний балл",
  ];
  const metrics3 = ["приняло участие", "не преодолен min порог", "средний балл"];
  const aginsk = "Агинский район";
  const borzya = "Борзинский район";
  return writeWorkbook(path.join(dir, "Результаты ЕГЭ по школам.xlsx"), [
    {
      name: "2023",
      merges: ["A1:Q1", "A3:A5", "B3:B5", "C3:C5", "D3:D5", "E3:I3", "J3:N3", "O3:Q3", "E4:Q4"],
      rows: [
        ["Информация о результатах ЕГЭ выпускников школ в 2023 году"],
        [],
        [
          "Муниципальное образование",
          "Образовательная организация (школа)",
          "Профиль (при наличии)",
          "Всего выпускников в 2023 году",
          "Русский язык",
          null,
          null,
          null,
          null,
          "Математика профильная",
          null,
          null,
          null,
          null,
          "Математика базовая",
        ],
        [null, null, null, null, "из них"],
        [null, null, null, null, ...metrics5, ...metrics5, ...metrics3],
        [1, 2, 3, 4, 5, 6, 7, 8, 9, 5, 6, 7, 8, 9, 5, 6, 9],
        [
          aginsk,
          null,
          null,
          sum(92, "D8:D9"),
          sum(92, "E8:E9"),
          sum(1, "F8:F9"),
          13,
          1,
          70.6,
          35,
          7,
          4,
          0,
          55.6,
          55,
          9,
          3.9,
        ],
        [
          null,
          "МБОУ «Агинская СОШ № 1»",
          "социально-экономический",
          52,
          52,
          1,
          8,
          0,
          71.2,
          20,
          2,
          3,
          0,
          61.5,
          30,
          1,
          4.1,
        ],
        [null, "МБОУ «Агинская СОШ № 2»", null, 40, 40, 0, 5, 1, 69.8, 15, 5, 1, 0, 48.2, 25, 8, 3.6],
        [borzya, null, null, sum(30, "D11:D11"), 30, 3, 1, 0, 60.1, 10, 4, 0, 0, 40.3, 20, 2, 3.9],
        [null, "МБОУ «Борзинская СОШ № 2»", null, 30, 30, 3, 1, 0, 60.1, 10, 4, 0, 0, 40.3, 20, 2, 3.9],
        [null, "МБОУ «Шерловогорская ООШ»", null, 9, 9, 1, 0, 0, 55.0, "-", "-", "-", "-", "-", 9, 1, 3.7],
        ["ВСЕГО по региону", null, null, 131, 131, 5, 14, 1, 67.9, 45, 11, 4, 0, 51.4, 84, 12, 3.9],
      ],
    },
    {
      name: "2022",
      merges: ["A1:P1"],
      rows: [
        ["Информация о результатах ЕГЭ выпускников школ в 2022 году"],
        [],
        [
          "Муниципальное образование",
          "Образовательная организация (школа)",
          "Всего выпускников в 2023 году",
          ...Array<string>(5).fill("Русский язык, чел."),
          ...Array<string>(5).fill("Математика (профиль), чел."),
          ...Array<string>(3).fill("Математика (база), чел."),
        ],
        [null, null, null, ...metrics5, ...metrics5, ...metrics3],
        [aginsk, "МБОУ «Агинская СОШ № 1»", 50, 50, 0, 7, 0, 70.1, 18, 1, 2, 0, 60.0, 32, 2, 4.0],
        [aginsk, "МБОУ «Агинская СОШ № 2»", 38, 38, 1, 3, 0, 66.3, 14, 3, 1, 0, 50.2, 24, 5, 3.7],
        [borzya, "МБОУ «Борзинская СОШ № 2»", 28, 28, 2, 1, 0, 58.4, 9, 3, 0, 0, 42.0, 19, 6, 3.5],
      ],
    },
    {
      name: "Заявления",
      rows: [
        ["Количество выпускников, подавших заявление на участие в ЕГЭ в 2024 году"],
        ["Муниципальное образование", "Образовательная организация (школа)", "Русский язык", "Математика профильная"],
        [null, null, "приняло участие", "приняло участие"],
        [aginsk, "МБОУ «Агинская СОШ № 1»", 49, 21],
      ],
    },
  ]);
}

/**
 * Issue 16 item 4: a regional ОГЭ table with marks per subject group (`Кол-во участников | «2» | «3» | «4» | «5» |
 * Средний балл` under «Русский язык» and «Математика»), a school code column and a number column.
 */
export function ogeWide(dir: string): Promise<string> {
  const m = ["Кол-во участников", "«2»", "«3»", "«4»", "«5»", "Средний балл"];
  return writeWorkbook(path.join(dir, "ОГЭ 2025 по школам.xlsx"), [
    {
      name: "ОГЭ",
      merges: ["A1:O1", "A2:A3", "B2:B3", "C2:C3", "D2:I2", "J2:O2"],
      rows: [
        ["Результаты ОГЭ в 2025 году по общеобразовательным организациям"],
        ["№ п/п", "Код ОО", "Наименование ОО", "Русский язык", null, null, null, null, null, "Математика"],
        [null, null, null, ...m, ...m],
        [1, 750101, "МБОУ «СОШ № 1»", 60, 2, 18, 25, 15, 3.9, 60, 12, 28, 15, 5, 3.2],
        [2, 750102, "МБОУ «СОШ № 2»", 40, 1, 15, 16, 8, 3.8, 40, 4, 20, 12, 4, 3.4],
      ],
    },
  ]);
}

/**
 * Issue 16 item 9: a department table with no procedure anywhere — no column, no title, neither the sheet nor the
 * file name says ВПР: `Год | Класс | Предмет | Муниципалитет | ОО | Логин | Кол-во участников | 2 | 3 | 4 | 5`.
 */
export function noProcedure(dir: string): Promise<string> {
  return writeWorkbook(path.join(dir, "Результаты района.xlsx"), [
    {
      name: "Лист1",
      rows: [
        ["Год", "Класс", "Предмет", "Муниципалитет", "ОО", "Логин", "Кол-во участников", "2", "3", "4", "5"],
        [2025, 5, "Математика", "Кимрский МО", "МОУ «СОШ № 1»", "edu690001", 30, 10, 10, 8, 2],
        [2025, 5, "Русский язык", "Кимрский МО", "МОУ «СОШ № 1»", "edu690001", 30, 9, 11, 8, 2],
        [2025, 5, "Математика", "Кимрский МО", "МОУ «СОШ № 2»", "edu690002", 25, 2, 10, 10, 3],
      ],
    },
  ]);
}

/**
 * Issue 16 item 6: «Сравнение отметок с отметками по журналу» in the ФИС ОКО 2024+ layout — one row per group and
 * the columns `Кол-во участников(всего) | Понизили (…) % | Понизили (…) Кол-во участников | Подтвердили …`. Sheet
 * «Одна строка»: one header row; sheet «Две строки»: each side merged over «%» and «Кол-во участников».
 */
export function journal2024(dir: string): Promise<string> {
  const titles: FixtureCell[][] = [
    ["Всероссийские проверочные работы 2024 (5 класс)"],
    ["Предмет: Математика"],
    ["Сравнение отметок с отметками по журналу"],
  ];
  const side = (n: number, total: number): FixtureCell[] => [Math.round((n * 10000) / total) / 100, n];
  const row = (name: string, total: number, lower: number, same: number, higher: number): FixtureCell[] => [
    name,
    total,
    ...side(lower, total),
    ...side(same, total),
    ...side(higher, total),
  ];
  const rows = [
    row("Вся выборка", 1250000, 300000, 900000, 50000),
    row("Республика Дагестан(reg050000)", 40000, 8000, 30000, 2000),
    row("город Дербент(reg05_m045)", 3000, 900, 2000, 100),
    row("МБОУ «СОШ № 1 г. Дербента»(edu053101)", 60, 24, 33, 3),
    row("МКОУ «Кубачинская СОШ»", 20, 2, 17, 1),
  ];
  return writeWorkbook(path.join(dir, "Сравнение с журналом 2024.xlsx"), [
    {
      name: "Одна строка",
      rows: [
        ...titles,
        [
          "Группы участников",
          "Кол-во участников(всего)",
          "Понизили (Отметка < Отметка по журналу) %",
          "Понизили (Отметка < Отметка по журналу) Кол-во участников",
          "Подтвердили (Отметка = Отметке по журналу) %",
          "Подтвердили (Отметка = Отметке по журналу) Кол-во участников",
          "Повысили (Отметка > Отметка по журналу) %",
          "Повысили (Отметка > Отметка по журналу) Кол-во участников",
        ],
        ...rows,
      ],
    },
    {
      name: "Две строки",
      merges: ["A4:A5", "B4:B5", "C4:D4", "E4:F4", "G4:H4"],
      rows: [
        ...titles,
        [
          "Группы участников",
          "Кол-во участников(всего)",
          "Понизили (Отметка < Отметка по журналу)",
          null,
          "Подтвердили (Отметка = Отметке по журналу)",
          null,
          "Повысили (Отметка > Отметка по журналу)",
        ],
        [null, null, "%", "Кол-во участников", "%", "Кол-во участников", "%", "Кол-во участников"],
        ...rows,
      ],
    },
  ]);
}

/**
 * Issue 16 item 5a: ФИС ОКО «Индивидуальные результаты», ВПР 2026, русский язык, 4 класс. Title lines, the header
 * `ОО | Муниципалитет | Название ОО | Код участника | Класс | Вариант | 1 (2б) … | Первичный балл | Отметка |
 * Отметка по журналу`, a group row per school `МБОУ «…»(edu…) | Кол-во участников: N`. The second school's pupil rows
 * leave the school cells empty (the group row names it); one pupil did not write; the third group says 3 pupils
 * but lists 2.
 */
export function protocolIndividual(dir: string): Promise<string> {
  const s1 = "МБОУ «СОШ №1 г.Урус-Мартан»";
  const s2 = "МБОУ «СОШ №2 г.Урус-Мартан»";
  const s3 = "МБОУ «Гехинская СОШ»";
  const muni = "Урус-Мартановский муниципальный район";
  let code = 10000;
  const pupil = (
    login: string | null,
    name: string | null,
    cls: string,
    mark: number | null,
    journal: number | null,
  ) => {
    const scores = mark === null ? [null, null, null] : [mark - 1, 1, mark > 3 ? 3 : 1];
    const primary = mark === null ? null : (scores as number[]).reduce((a, b) => a + b, 0);
    return [login, login ? muni : null, name, ++code, cls, (code % 2) + 1, ...scores, primary, mark, journal];
  };
  return writeWorkbook(path.join(dir, "Индивидуальные результаты ВПР 2026.xlsx"), [
    {
      name: "Индивидуальные результаты",
      merges: ["A1:L1"],
      rows: [
        ["ВПР 2026 Русский язык 4 класс"],
        ["Предмет: Русский язык"],
        ["Дата: 15.04.2026"],
        [],
        [
          "ОО",
          "Муниципалитет",
          "Название ОО",
          "Код участника",
          "Класс",
          "Вариант",
          "1 (2б)",
          "2 (1б)",
          "3 (3б)",
          "Первичный балл",
          "Отметка",
          "Отметка по журналу",
        ],
        [`${s1}(edu203389)`, "Кол-во участников: 7"],
        pupil("edu203389", s1, "4А", 2, 3),
        pupil("edu203389", s1, "4А", 2, 3),
        pupil("edu203389", s1, "4А", 3, 3),
        pupil("edu203389", s1, "4А", 4, 4),
        pupil("edu203389", s1, "4Б", 2, 4),
        pupil("edu203389", s1, "4Б", 3, 3),
        pupil("edu203389", s1, "4Б", 5, 5),
        [`${s2}(edu203390)`, "Кол-во участников: 5"],
        pupil(null, null, "4А", 3, 4),
        pupil(null, null, "4А", 4, 5),
        pupil(null, null, "4А", 4, 4),
        pupil(null, null, "4А", 5, null),
        pupil(null, null, "4А", null, 4),
        [`${s3}(edu203391)`, "Кол-во участников: 3"],
        pupil("edu203391", s3, "4А", 3, 3),
        pupil("edu203391", s3, "4А", 4, 4),
      ],
    },
  ]);
}

/**
 * Issue 16 item 5b: a ФИС ОКО protocol of 2021 with primary scores and no ВПР mark (`Пользователь | Код региона |
 * Регион | Муниципалитет | Школа | Дата загрузки | Код | Вариант | 1 (1б) … | Наименование класса | Пол | Отметка за
 * предыдущую четверть/триместр | Первичный балл`) and its sheet «Классы». Context from the title.
 */
export function protocolPrimary(dir: string): Promise<string> {
  const school = "МБОУ «Вавилонская СОШ»";
  let code = 50000;
  const pupil = (cls: string, sex: string, term: number, tasks: number[]): FixtureCell[] => [
    "sch224052",
    22,
    "Алтайский край",
    "Кулундинский район",
    school,
    new Date(Date.UTC(2021, 3, 20)),
    ++code,
    (code % 2) + 1,
    ...tasks,
    cls,
    sex,
    term,
    tasks.reduce((a, b) => a + b, 0),
  ];
  return writeWorkbook(path.join(dir, "Протокол ВПР 2021.xlsx"), [
    {
      name: "Протокол",
      rows: [
        ["Форма сбора результатов ВПР 2021 по математике, 5 класс"],
        [
          "Пользователь",
          "Код региона",
          "Регион",
          "Муниципалитет",
          "Школа",
          "Дата загрузки",
          "Код",
          "Вариант",
          "1 (1б)",
          "2 (2б)",
          "3 (3б)",
          "4 (14б)",
          "Наименование класса",
          "Пол",
          "Отметка за предыдущую четверть/триместр",
          "Первичный балл",
        ],
        pupil("5а", "М", 3, [1, 2, 1, 1]),
        pupil("5а", "Ж", 3, [0, 2, 3, 1]),
        pupil("5а", "Ж", 4, [1, 2, 3, 3]),
        pupil("5б", "М", 4, [1, 2, 3, 6]),
        pupil("5б", "Ж", 5, [1, 2, 3, 10]),
        pupil("5б", "М", 3, [1, 0, 1, 1]),
      ],
    },
    {
      name: "Классы",
      rows: [
        ["Параллель", "Наименование класса", "Количество обучающихся"],
        [5, "5а", 3],
        [5, "5б", 3],
      ],
    },
  ]);
}

/** Issue 16 item 5b: the «Шкалы» register a department fills from the official scales (ranges or lowest scores). */
export function scales(dir: string): Promise<string> {
  return writeWorkbook(path.join(dir, "Шкалы перевода ВПР.xlsx"), [
    {
      name: "Шкалы",
      rows: [
        ["Шкалы перевода первичных баллов ВПР в отметки"],
        ["Учебный год", "Процедура", "Класс", "Предмет", "«2»", "«3»", "«4»", "«5»"],
        ["2020/2021", "ВПР", 5, "Математика", "0–6", "7–10", "11–14", "15–20"],
        ["2020/2021", "ВПР", 5, "Русский язык", "0–17", 18, 29, 39],
        ["2020/2021", "ВПР", 6, "Математика", "0–5", 6, 10, "от 14"],
      ],
    },
  ]);
}

/**
 * Issue 16 item 10: a «Учебный год» column of dates formatted to show only the year (31.12.2024 shown as «2024»,
 * `yyyy" г."`), next to a column of real dates (the day of the work).
 */
export function yearDates(dir: string): Promise<string> {
  const shown = (y: number, m: number, d: number, numFmt = "yyyy"): FixtureCell => ({
    value: new Date(Date.UTC(y, m - 1, d)),
    numFmt,
  });
  const day = (y: number, m: number, d: number): FixtureCell => ({
    value: new Date(Date.UTC(y, m - 1, d)),
    numFmt: "dd.mm.yyyy",
  });
  return writeWorkbook(path.join(dir, "year-dates.xlsx"), [
    {
      name: "ВПР",
      rows: [
        ["Учебный год", "Дата проведения", "Процедура", "Школа", "Класс", "Предмет", "Участники", "Не справились"],
        [shown(2024, 12, 31), day(2024, 4, 18), "ВПР", "МОУ «СОШ № 1»", 5, "математика", 20, 7],
        [shown(2025, 12, 31, 'yyyy" г."'), day(2025, 4, 17), "ВПР", "МОУ «СОШ № 1»", 6, "математика", 20, 6],
        [shown(2025, 12, 31), day(2025, 4, 17), "ВПР", "МОУ «СОШ № 2»", 5, "математика", 25, 2],
      ],
    },
  ]);
}

/**
 * Issue 15 boundaries, one long «Результаты» table (ВПР and ОГЭ, 2022/2023–2024/2025) under a title row, with a
 * «Школы» sheet naming curators and partners:
 *   МБОУ «СОШ № 21» — 2025 ВПР 5 кл. русский язык 7 «2» of 24 (29,2 %): на грани, maxFailed 7 ⇒ «ещё 1 из 24»;
 *   МБОУ «СОШ № 22» — 2025 ВПР 5 кл. математика 15 of 50 (exactly 30 %): one low unit, not ШНОР ⇒ «одна низкая»;
 *   МБОУ «ООШ № 23» — 2025 ВПР 5 кл. математика 4 of 4 and 2024 3 of 4: low only while minParticipants ≤ 4;
 *   МБОУ «СОШ № 24» — ШНОР by both rules: ОГЭ 2024 14 of 40; 2025 ВПР 5 кл. математика 18 of 50 (maxFailed 14,
 *                     cut 4) and ВПР 6 кл. русский язык 8 of 24 (maxFailed 7, cut 1);
 *   МБОУ «СОШ № 25» — opened 2024/2025: no Y−1 data, one low unit (16 of 51);
 *   МБОУ «СОШ № 26» — ВПР failure share rising two years running: 2 → 5 → 9 of 50;
 *   МБОУ «СОШ № 27» — nothing to watch.
 */
export function watchBoundaries(dir: string): Promise<string> {
  const h: FixtureCell[] = ["Школа", "Учебный год", "Процедура", "Класс", "Предмет", "Участники", "Не справились"];
  const r = (school: string, year: string, proc: string, grade: number, subject: string, p: number, f: number) => [
    `МБОУ «${school}»`,
    year,
    proc,
    grade,
    subject,
    p,
    f,
  ];
  const Y = ["2022/2023", "2023/2024", "2024/2025"];
  const rows: FixtureCell[][] = [["Результаты оценочных процедур района, 2022/2023–2024/2025 учебные годы"], h];
  const plain = (school: string, per: [number, number][][]) => {
    per.forEach((units, i) => {
      rows.push(r(school, Y[i], "ВПР", 5, "математика", units[0][0], units[0][1]));
      rows.push(r(school, Y[i], "ВПР", 5, "русский язык", units[1][0], units[1][1]));
    });
  };
  plain("СОШ № 21", [
    [
      [30, 2],
      [28, 3],
    ],
    [
      [26, 2],
      [25, 2],
    ],
    [
      [25, 2],
      [24, 7],
    ],
  ]);
  plain("СОШ № 22", [
    [
      [50, 3],
      [50, 4],
    ],
    [
      [50, 3],
      [50, 3],
    ],
    [
      [50, 15],
      [50, 4],
    ],
  ]);
  plain("ООШ № 23", [
    [
      [5, 0],
      [5, 0],
    ],
    [
      [4, 3],
      [4, 0],
    ],
    [
      [4, 4],
      [4, 0],
    ],
  ]);
  plain("СОШ № 24", [
    [
      [50, 5],
      [50, 5],
    ],
    [
      [50, 5],
      [50, 5],
    ],
    [
      [50, 18],
      [40, 6],
    ],
  ]);
  rows.push(r("СОШ № 24", Y[1], "ОГЭ", 9, "математика", 40, 14));
  rows.push(r("СОШ № 24", Y[2], "ВПР", 6, "русский язык", 24, 8));
  rows.push(r("СОШ № 25", Y[2], "ВПР", 5, "математика", 51, 16));
  rows.push(r("СОШ № 25", Y[2], "ВПР", 5, "русский язык", 51, 5));
  plain("СОШ № 26", [
    [
      [50, 2],
      [50, 2],
    ],
    [
      [50, 5],
      [50, 5],
    ],
    [
      [50, 9],
      [50, 9],
    ],
  ]);
  plain("СОШ № 27", [
    [
      [60, 3],
      [60, 4],
    ],
    [
      [60, 3],
      [60, 3],
    ],
    [
      [60, 2],
      [60, 3],
    ],
  ]);
  const schools: FixtureCell[][] = [
    ["Школа", "Код ОО", "Куратор", "Школа-партнёр"],
    ["МБОУ «СОШ № 21»", "700221", "Орлова Т. В.", ""],
    ["МБОУ «СОШ № 22»", "700222", "Орлова Т. В.", ""],
    ["МБОУ «ООШ № 23»", "700223", "", ""],
    ["МБОУ «СОШ № 24»", "700224", "Беляев С. Н.", "МАОУ «Лицей № 1»"],
    ["МБОУ «СОШ № 25»", "700225", "", ""],
    ["МБОУ «СОШ № 26»", "700226", "", ""],
    ["МБОУ «СОШ № 27»", "700227", "", ""],
  ];
  return writeWorkbook(path.join(dir, "issue15-boundaries.xlsx"), [
    { name: "Результаты", rows, merges: ["A1:G1"] },
    { name: "Школы", rows: schools },
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
  loginsSchToEdu,
  loginForms,
  regionAggregates,
  sharedNamesRegion,
  mergedCells,
  shareTypo,
  egeWide,
  ogeWide,
  noProcedure,
  journal2024,
  protocolIndividual,
  protocolPrimary,
  scales,
  yearDates,
  watchBoundaries,
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

// Programme fixtures (issue 14): a district workbook with risks, staff, support, context; «Мероприятия» sheets.
export {
  MEASURES_SHEET,
  PROGRAMME,
  PROGRAMME_YEAR,
  programmeSheets,
  programmeWorkbook,
  SEED_LAYOUT_SHEET,
} from "./fixtures/programme";

/** Writes the programme fixtures (issue 14) into `dir`; returns the paths. */
export async function makeProgrammeFixtures(dir: string): Promise<string[]> {
  const { programmeWorkbook, MEASURES_SHEET, SEED_LAYOUT_SHEET } = await import("./fixtures/programme");
  return [
    await programmeWorkbook(dir),
    await writeWorkbook(path.join(dir, "Мероприятия отдела.xlsx"), [MEASURES_SHEET]),
    await writeWorkbook(path.join(dir, "Мероприятия по образцу.xlsx"), [SEED_LAYOUT_SHEET]),
  ];
}

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

// Issue 13 (the whole status of a school): the five school-year registers and the status boundaries.
export {
  DISTRICT,
  egeMeans,
  protocolAgreement,
  socialFlat,
  socialTwoMunicipalities,
  STATUS_FIXTURES,
  statusDistrict,
} from "./fixtures/statusRegisters";
import { STATUS_FIXTURES as STATUS_FIXTURE_SET } from "./fixtures/statusRegisters";

/** Writes the issue 13 fixtures into `dir`; returns the paths. */
export async function makeStatusFixtures(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const make of Object.values(STATUS_FIXTURE_SET)) out.push(await make(dir));
  return out;
}

if (require.main === module) {
  const dir = path.resolve(process.argv[2] ?? "tests/fixtures/generated");
  Promise.all([
    makeAllFixtures(dir),
    makeWritePathFixtures(dir),
    makeReaderCorpusFiles(dir),
    makeStatusFixtures(dir),
    makeProgrammeFixtures(dir),
  ])
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
