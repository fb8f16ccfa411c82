/**
 * The readable accounts the CLI prints (src/app/summary.ts) on registers read from real .xlsx files:
 * the no-rows line (issue 2), duplicates counted once (issue 8, R-UNIT), stacked tables with their own context.
 */
import { scanRegisters } from "../../../src/app";
import { formatListSummary, formatNothingRead, formatSheetAccount } from "../../../src/app/summary";
import { readXlsxFile } from "../../../src/xlsx/readWorkbook";
import { listFromSheets, resultsSheet, vpr, writeXlsx, type Row } from "../pipeline/helpers";

const S1 = "МБОУ «СОШ № 1»";

async function scan(sheets: { name: string; rows: Row[] }[], fileName: string) {
  const file = await writeXlsx(sheets, fileName);
  return { file, ...scanRegisters([await readXlsxFile(file)]) };
}

describe("formatNothingRead (issue 2: exit 2 says why)", () => {
  test("only aggregate rows under the header: no problem, so the first skipped row is named", async () => {
    const { file, registers } = await scan(
      [
        {
          name: "ВПР мат 5",
          rows: [
            ["Всероссийские проверочные работы 2025 (5 класс)"],
            ["Предмет: Математика"],
            ["Группы участников", "Кол-во ОО", "Кол-во уч.", "2", "3", "4", "5"],
            ["Вся выборка", 30000, 1200000, 20, 40, 30, 10],
          ],
        },
      ],
      "отчёт.xlsx",
    );
    expect(registers.results).toHaveLength(0);
    expect(registers.problems).toHaveLength(0);
    const skipped = registers.sheets[0].skipped;
    expect(skipped.length).toBeGreaterThan(0);
    const line = formatNothingRead(registers, [file]);
    expect(line).toContain(`пропущено строк ${skipped.length}, первая: «ВПР мат 5», строка ${skipped[0].row} — `);
    expect(line.endsWith(`подробно: shnor registers ${file}.`)).toBe(true);
    expect(line).not.toContain("\n");
  });

  test("several files: the first problem names its file; every file is in the hint", async () => {
    const a = await scan([resultsSheet([vpr(S1, "2024/2025", "5", "математика", 20, 30)])], "а.xlsx");
    const line = formatNothingRead(a.registers, [a.file, "б.xlsx"]);
    expect(a.registers.problems.length).toBeGreaterThan(0);
    expect(line).toContain(`: а.xlsx: «ВПР»!${a.registers.problems[0].cell} — `);
    expect(line).toContain(`подробно: shnor registers ${a.file} б.xlsx.`);
  });
});

describe("formatListSummary: identical duplicates counted once (issue 8, R-UNIT)", () => {
  test("at most maxDuplicates rows are listed, the rest counted", async () => {
    const rows = [
      vpr(S1, "2024/2025", "5", "математика", 20, 7),
      vpr(S1, "2024/2025", "6", "математика", 20, 8),
      vpr(S1, "2024/2025", "7", "математика", 20, 1),
    ];
    const built = await listFromSheets([resultsSheet([...rows, ...rows])]);
    const text = formatListSummary(built.list, built.registers, { maxDuplicates: 2 });
    expect(text).toContain("Одинаковые повторы строк учтены один раз: 3");
    expect(text).toContain("«ВПР», строка 6 — дубликат строки 3");
    expect(text).toContain("«ВПР», строка 7 — дубликат строки 4");
    expect(text).not.toContain("строка 8 — дубликат");
    expect(text).toContain("… и ещё 1");
    // R-SHNOR rule 1 still met on the rows counted once.
    expect(built.list.schools.find((s) => s.school === S1)?.rules).toContain(1);
  });

  test("no duplicates: no duplicates paragraph", async () => {
    const built = await listFromSheets([resultsSheet([vpr(S1, "2024/2025", "5", "математика", 20, 7)])]);
    expect(formatListSummary(built.list, built.registers)).not.toContain("Одинаковые повторы");
  });
});

describe("formatSheetAccount: tables stacked on one sheet (issue 8)", () => {
  test("each table with its header row, title row and its own context", async () => {
    const table = (subject: string, school: string): Row[] => [
      ["Всероссийские проверочные работы 2025 (5 класс)"],
      [`Предмет: ${subject}`],
      ["Группы участников", "Кол-во уч.", "2", "3", "4", "5"],
      [`(sch700001) ${school}`, 30, 30, 40, 20, 10],
    ];
    const { registers } = await scan(
      [{ name: "ВПР", rows: [...table("Математика", S1), [], [], ...table("Русский язык", S1)] }],
      "два отчёта.xlsx",
    );
    const account = registers.sheets[0];
    if (!account.segments || account.segments.length < 2) {
      throw new Error(`stacked tables were not recognised: ${JSON.stringify(account)}`);
    }
    const text = formatSheetAccount(account);
    expect(text).toContain(`таблиц на листе: ${account.segments.length}`);
    for (const seg of account.segments) expect(text).toContain(`таблица: строка заголовка ${seg.headerRow}`);
    expect(text).toContain("предмет = математика");
    expect(text).toContain("предмет = русский язык");
  });
});
