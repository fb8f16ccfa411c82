/**
 * Issue 16 «Nothing vanishes»: property tests (fast-check) over random grids in every layout — every non-blank row of
 * a recognised sheet ends as a record, a named skip or a problem; shuffling rows or sheets, or switching sch↔edu
 * login prefixes, never changes the list (R-SHNOR); bounded inputs (130,000 unreadable rows, 32,767-character cells)
 * neither overflow the stack nor hang on a regex.
 */
import fc from "fast-check";
import { assessSchools } from "../../../src/core/annualList";
import { DEFAULT_SETTINGS } from "../../../src/core/settings";
import type { CellValue, MergedArea, SheetGrid } from "../../../src/core/types";
import { parseA1, readRegisters, type Registers, type SheetAccount } from "../../../src/registers";

/** Runs per property (SHNOR_FC_RUNS=2000 for a longer local search). */
const RUNS = Number(process.env.SHNOR_FC_RUNS ?? 150);

const NAMES = [
  "МБОУ «СОШ № 1»",
  "МБОУ СОШ №2",
  "МКОУ «Герхмахинская СОШ»(edu053027)",
  "(sch224052) МБОУ «Вавилонская СОШ»",
  'edu224053 | МБОУ "Кулундинская СОШ"',
  "КГБОУ «Школа-интернат»",
  "Лицей № 3",
];
const AGGREGATES = [
  "Итого",
  "ВСЕГО по региону",
  "Вся выборка",
  "Республика Дагестан(reg050000)",
  "город Дербент(reg05_m045)",
  "Кимрский муниципальный округ",
  "По муниципалитету",
  "В среднем",
];
const JUNK = ["н/д", "-", "—", "x", "30 %", "0,4", "1 234", "2024/2025", "5А", "Математика", " ", "№", "()", "«»"];

const text = fc.oneof(
  fc.constantFrom(...NAMES, ...AGGREGATES, ...JUNK),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: fc.constantFrom("а", "б", " ", "№", "1", "-", "«", "»", "\u00a0", "\u200b"), maxLength: 20 }),
);
const cell: fc.Arbitrary<CellValue> = fc.oneof(
  { weight: 3, arbitrary: fc.constant(null) },
  { weight: 3, arbitrary: fc.integer({ min: -3, max: 120 }) },
  { weight: 1, arbitrary: fc.double({ min: -1, max: 500, noNaN: true }) },
  { weight: 3, arbitrary: text },
  { weight: 1, arbitrary: fc.boolean() },
  {
    weight: 1,
    arbitrary: fc.date({
      min: new Date(Date.UTC(2019, 0, 1)),
      max: new Date(Date.UTC(2027, 0, 1)),
      noInvalidDate: true,
    }),
  },
);
const rowOf = (width: number) => fc.array(cell, { minLength: 0, maxLength: width });

/** A plausible row of a layout (to reach deep into the readers), or a random one. */
function rows(width: number, plausible: fc.Arbitrary<CellValue[]>): fc.Arbitrary<CellValue[][]> {
  return fc.array(
    fc.oneof(
      { weight: 3, arbitrary: plausible },
      { weight: 2, arbitrary: rowOf(width) },
      { weight: 1, arbitrary: fc.constant<CellValue[]>([]) },
    ),
    {
      maxLength: 18,
    },
  );
}

const count = fc.integer({ min: 0, max: 60 });
const name = fc.constantFrom(...NAMES, ...AGGREGATES);
const year = fc.constantFrom<CellValue>(2024, 2025, "2024/2025", "2023-2024", null, "н/д");
const subject = fc.constantFrom<CellValue>("математика", "Русский язык", "Математика (базовая)", null);
const grade = fc.constantFrom<CellValue>(4, 5, "5А", "5Б", "6 (всего)", null, "x");

interface Layout {
  name: string;
  title: CellValue[][];
  header: CellValue[][];
  body: fc.Arbitrary<CellValue[][]>;
  merges?: (n: number) => MergedArea[];
}

const LAYOUTS: Layout[] = [
  {
    name: "long results",
    title: [["Результаты ВПР по району"]],
    header: [
      ["Школа", "Логин", "Учебный год", "Процедура", "Класс", "Предмет", "Участники", "Не справились", "Муниципалитет"],
    ],
    body: rows(
      9,
      fc.tuple(
        name,
        fc.constantFrom<CellValue>(null, "sch700001", "edu700001", "ksh700002"),
        year,
        fc.constantFrom<CellValue>("ВПР", "ОГЭ", null),
        grade,
        subject,
        count,
        count,
        fc.constantFrom<CellValue>(null, "Кимры", "Тверь"),
      ),
    ),
  },
  {
    name: "ФИС ОКО marks in %",
    title: [
      ["Всероссийские проверочные работы 2025 (5 класс)"],
      ["Предмет: Математика"],
      [null, null, null, "Распределение групп баллов в %"],
    ],
    header: [["Группы участников", "Кол-во ОО", "Кол-во уч.", 2, 3, 4, 5]],
    body: rows(
      7,
      fc.tuple(
        name,
        fc.integer({ min: 0, max: 3 }),
        count,
        fc.double({ min: 0, max: 60 }),
        fc.double({ min: 0, max: 60 }),
        count,
        count,
      ),
    ),
  },
  {
    name: "wide ЕГЭ",
    title: [["Информация о результатах ЕГЭ выпускников школ в 2023 году"]],
    header: [
      [
        "Муниципальное образование",
        "Образовательная организация (школа)",
        "Русский язык",
        null,
        null,
        "Математика профильная",
        null,
        null,
      ],
      [
        null,
        null,
        "приняло участие",
        "не преодолен min порог",
        "средний балл",
        "приняло участие",
        "не преодолен min порог",
        "средний балл",
      ],
    ],
    body: rows(
      8,
      fc.tuple(
        fc.constantFrom<CellValue>(null, "Агинский район"),
        fc.oneof(name, fc.constant(null)),
        count,
        count,
        fc.double({ min: 0, max: 100 }),
        fc.oneof(count, fc.constant("-")),
        count,
        cell,
      ),
    ),
    merges: () => [
      { top: 1, left: 2, bottom: 1, right: 4 },
      { top: 1, left: 5, bottom: 1, right: 7 },
    ],
  },
  {
    name: "journal by rows",
    title: [["Всероссийские проверочные работы 2025 (5 класс)"], ["Предмет: Математика"]],
    header: [["Группы участников", "Кол-во участников", "%"]],
    body: rows(
      3,
      fc.oneof(
        fc.tuple(name, fc.constant(null), fc.constant(null)),
        fc.tuple(
          fc.constantFrom<CellValue>("Понизили (Отметка < Отметка по журналу) %", "Подтвердили", "Повысили", "Всего"),
          count,
          fc.double({ min: 0, max: 100 }),
        ),
      ),
    ),
  },
  {
    name: "journal by columns",
    title: [["Всероссийские проверочные работы 2024 (5 класс)"], ["Предмет: Математика"]],
    header: [
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
    ],
    body: rows(
      8,
      fc.tuple(
        name,
        count,
        fc.double({ min: 0, max: 100 }),
        count,
        fc.double({ min: 0, max: 100 }),
        count,
        cell,
        count,
      ),
    ),
  },
  {
    name: "protocol with marks",
    title: [["ВПР 2026 Русский язык 4 класс"], ["Предмет: Русский язык"]],
    header: [
      [
        "ОО",
        "Муниципалитет",
        "Название ОО",
        "Код участника",
        "Класс",
        "Вариант",
        "Первичный балл",
        "Отметка",
        "Отметка по журналу",
      ],
    ],
    body: rows(
      9,
      fc.oneof(
        fc.tuple(
          fc.constantFrom<CellValue>("МБОУ «СОШ №1»(edu203389)", "Итого"),
          fc.constantFrom<CellValue>("Кол-во участников: 3", null),
        ),
        fc.tuple(
          fc.constantFrom<CellValue>("edu203389", null, "edu203390"),
          fc.constant("Урус-Мартановский район"),
          fc.oneof(name, fc.constant(null)),
          fc.integer({ min: 10000, max: 10100 }),
          fc.constantFrom<CellValue>("4А", "4Б", "А", "x", null),
          fc.constantFrom<CellValue>(1, 2),
          count,
          fc.constantFrom<CellValue>(2, 3, 4, 5, "5", null, 7, "н/я"),
          fc.constantFrom<CellValue>(2, 3, 4, 5, null, "н/а"),
        ),
      ),
    ),
  },
  {
    name: "protocol with primary scores",
    title: [["Форма сбора результатов ВПР 2021 по математике, 5 класс"]],
    header: [
      [
        "Пользователь",
        "Школа",
        "Код",
        "Вариант",
        "Наименование класса",
        "Отметка за предыдущую четверть/триместр",
        "Первичный балл",
      ],
    ],
    body: rows(
      7,
      fc.tuple(
        fc.constantFrom<CellValue>("sch224052", null),
        fc.oneof(name, fc.constant(null)),
        fc.integer({ min: 50000, max: 50100 }),
        fc.constant(1),
        fc.constantFrom<CellValue>("5а", "5б", null),
        fc.constantFrom<CellValue>(3, 4, 5, null),
        fc.oneof(count, fc.constant("x")),
      ),
    ),
  },
  {
    name: "schools",
    title: [],
    header: [["Код ОО", "Школа", "Тип", "Местность", "Куратор"]],
    body: rows(
      5,
      fc.tuple(
        fc.constantFrom<CellValue>("sch700001", "700002", null),
        fc.oneof(name, fc.constant(null)),
        fc.constant("СОШ"),
        fc.constant("село"),
        cell,
      ),
    ),
  },
  {
    name: "scales",
    title: [],
    header: [["Учебный год", "Класс", "Предмет", "«3»", "«4»", "«5»"]],
    body: rows(
      6,
      fc.tuple(
        year,
        grade,
        subject,
        fc.oneof(count, fc.constant("7–10")),
        count,
        fc.oneof(count, fc.constant("от 14")),
      ),
    ),
  },
];

function isBlankRow(row: CellValue[] | undefined): boolean {
  return !row || row.every((v) => v === null || (typeof v === "string" && v.replace(/[\s\u00a0]/g, "") === ""));
}

/** Sheet rows (1-based) accounted for: read into records, named skips, problems at a cell of the row. */
function accounted(a: SheetAccount): Set<number> {
  const rowsSeen = new Set<number>();
  for (const [from, to] of a.read ?? []) for (let r = from; r <= to; r++) rowsSeen.add(r);
  for (const s of a.skipped) rowsSeen.add(s.row);
  for (const p of a.problems) {
    const at = parseA1(p.cell);
    if (at) rowsSeen.add(at.row + 1);
  }
  return rowsSeen;
}

describe("issue 16 «nothing vanishes»: every non-blank row of a recognised sheet is a record, a named skip or a problem", () => {
  it.each(LAYOUTS.map((l) => [l.name, l] as const))("%s (random grids)", (_name, layout) => {
    fc.assert(
      fc.property(layout.body, fc.boolean(), (body, withMerges) => {
        const values = [...layout.title, ...layout.header, ...body];
        const top = layout.title.length + layout.header.length;
        const merges = layout.merges?.(values.length) ?? [];
        // Vertically merged school cells over random data rows (SPEC §2: a merged cell gives its value to each row).
        if (withMerges && body.length >= 3) merges.push({ top: top, left: 0, bottom: top + 1, right: 0 });
        const sheet: SheetGrid = { name: "Лист", values, origin: { row: 0, col: 0 }, merges };
        const r = readRegisters([{ fileName: "случайный.xlsx", sheets: [sheet] }]);
        const a = r.sheets[0];
        if (a.kind === null) return;
        const seen = accounted(a);
        for (let i = a.headerRow ?? 0; i < values.length; i++) {
          if (isBlankRow(values[i])) continue;
          const sheetRow = i + 1;
          if (!seen.has(sheetRow)) throw new Error(`строка ${sheetRow} не учтена: ${JSON.stringify(values[i])}`);
        }
      }),
      { numRuns: RUNS },
    );
  });
});

describe("issue 16 «nothing vanishes» across sheets: duplicates, parallel totals and conflicts name every row", () => {
  it.each(LAYOUTS.map((l) => [l.name, l] as const))("%s pasted on two sheets", (_name, layout) => {
    fc.assert(
      fc.property(layout.body, layout.body, (a, b) => {
        const sheets: SheetGrid[] = [a, [...a, ...b]].map((body, i) => ({
          name: `Лист ${i + 1}`,
          values: [...layout.title, ...layout.header, ...body],
          origin: { row: 0, col: 0 },
          merges: layout.merges?.(0) ?? [],
        }));
        const r = readRegisters([{ fileName: "два листа.xlsx", sheets }]);
        r.sheets.forEach((acc, s) => {
          if (acc.kind === null) return;
          const values = sheets[s].values;
          const seen = accounted(acc);
          for (let i = acc.headerRow ?? 0; i < values.length; i++) {
            if (isBlankRow(values[i])) continue;
            if (!seen.has(i + 1))
              throw new Error(`«${acc.sheet}», строка ${i + 1} не учтена: ${JSON.stringify(values[i])}`);
          }
        });
      }),
      { numRuns: Math.round(RUNS / 2) },
    );
  });
});

/** A random register: schools (login or name) × years × units with counts. */
const registerArb = fc
  .array(
    fc.record({
      school: fc.integer({ min: 0, max: 7 }),
      year: fc.constantFrom(2024, 2025),
      grade: fc.constantFrom(5, 6, 7),
      subject: fc.constantFrom("математика", "русский язык"),
      participants: fc.integer({ min: 1, max: 40 }),
      failedShare: fc.double({ min: 0, max: 0.6, noNaN: true }),
    }),
    { minLength: 1, maxLength: 40 },
  )
  .map((units) => {
    const seen = new Set<string>();
    return units.filter((u) => {
      const k = `${u.school}|${u.year}|${u.grade}|${u.subject}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
  });

const HEADER: CellValue[] = [
  "Логин",
  "Школа",
  "Учебный год",
  "Процедура",
  "Класс",
  "Предмет",
  "Участники",
  "Не справились",
];
const schoolName = (i: number) => `МБОУ «СОШ № ${i + 1}»`;

function toRows(
  units: ReturnType<typeof registerArb.generate>["value"],
  prefixOf: (i: number) => string,
): CellValue[][] {
  return units.map((u, i) => [
    u.school < 5 ? `${prefixOf(i)}${String(224000 + u.school)}` : null,
    schoolName(u.school),
    `${u.year - 1}/${u.year}`,
    "ВПР",
    u.grade,
    u.subject,
    u.participants,
    Math.round(u.participants * u.failedShare),
  ]);
}

/** The list's decisions, by school identity, independent of row order and login prefix. */
function decisions(r: Registers): string[] {
  const list = assessSchools({ results: r.results, schools: r.schools, problems: r.problems }, 2025, DEFAULT_SETTINGS);
  return list.schools
    .map((s) => JSON.stringify([s.schoolKey, s.shnor, s.rules, [...s.reasons].sort(), s.markers]))
    .sort();
}

describe("issue 16: shuffling rows or sheets, or switching sch↔edu, never changes the list (R-SHNOR)", () => {
  it("rows shuffled, split over sheets in any order, login prefixes switched row by row: the same decisions", () => {
    fc.assert(
      fc.property(
        registerArb,
        fc.array(fc.integer(), { minLength: 40, maxLength: 40 }),
        fc.array(fc.constantFrom("sch", "edu"), { minLength: 40, maxLength: 40 }),
        fc.integer({ min: 1, max: 3 }),
        (units, keys, prefixes, sheetsCount) => {
          const base = readRegisters([{ sheets: [{ name: "ВПР", values: [HEADER, ...toRows(units, () => "sch")] }] }]);
          const rowsMixed = toRows(units, (i) => prefixes[i]);
          const order = rowsMixed.map((_, i) => i).sort((a, b) => keys[a] - keys[b] || a - b);
          const shuffled = order.map((i) => rowsMixed[i]);
          const sheets: SheetGrid[] = [];
          const per = Math.ceil(shuffled.length / sheetsCount);
          for (let s = 0; s < sheetsCount; s++) {
            const part = shuffled.slice(s * per, (s + 1) * per);
            if (part.length) sheets.push({ name: `ВПР ${s + 1}`, values: [HEADER, ...part] });
          }
          sheets.reverse();
          const other = readRegisters([{ sheets }]);
          expect(decisions(other)).toEqual(decisions(base));
          expect(other.problems).toEqual([]);
        },
      ),
      { numRuns: Math.round(RUNS * 0.8) },
    );
  });
});

describe("issue 16: bounded inputs", () => {
  it("130,000 unreadable rows: every one is a problem, no stack overflow (no push(...array))", () => {
    const values: CellValue[][] = [["Школа", "Учебный год", "Процедура", "Предмет", "Участники", "Не справились"]];
    for (let i = 0; i < 130_000; i++) values.push([`Школа ${i % 500}`, 2025, "ВПР", "математика", "н/д", 1]);
    const r = readRegisters([{ sheets: [{ name: "Большой", values }] }]);
    expect(r.results).toHaveLength(0);
    expect(r.problems).toHaveLength(130_000);
    expect(r.sheets[0].problems).toHaveLength(130_000);
  });

  it("32,767-character cells (the Excel maximum) of adversarial text in every column are read without a runaway regex", () => {
    const long = (unit: string) => unit.repeat(Math.ceil(32_767 / unit.length)).slice(0, 32_766) + "x";
    const cells = [
      long(" "),
      long("1"),
      long("-"),
      long("№ "),
      long("а "),
      long("("),
      long("reg0"),
      long("sch12"),
      long("\u00a0"),
      long("«"),
      long("2024/"),
      long("5 "),
      long("итого "),
      long("1 234,"),
    ];
    const values: CellValue[][] = [
      [long("Всероссийские проверочные работы 2025 ")],
      ["Школа", "Учебный год", "Процедура", "Класс", "Предмет", "Участники", "Не справились", "Муниципалитет"],
    ];
    for (const c of cells) values.push([c, c, c, c, c, c, c, c]);
    for (const c of cells) values.push([c, 2025, "ВПР", 5, "математика", 30, 9, c]);
    const r = readRegisters([{ sheets: [{ name: "Длинные", values }] }]);
    const a = r.sheets[0];
    expect(a.kind).toBe("results");
    const seen = accounted(a);
    for (let i = a.headerRow!; i < values.length; i++) expect(seen.has(i + 1)).toBe(true);
  });
});
