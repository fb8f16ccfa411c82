/**
 * The `shnor` command on the inputs an audit found badly answered (issue 2 exit codes and messages, issue 8
 * duplicates and `shnor registers`, SPEC §4 user data never lost). Real .xlsx files, the real command in a child
 * process. Rules named: R-UNIT (duplicates of one unit), R-LOW, R-SHNOR.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { resultsSheet, tmpDir, vpr, writeXlsx } from "../pipeline/helpers";
import { addChartSheet, writeChartOnlyWorkbook } from "../xlsx/packageParts";

jest.setTimeout(180000);

const BIN = path.resolve(__dirname, "..", "..", "..", "bin", "shnor.js");

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function shnor(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { cwd: os.tmpdir(), encoding: "utf8", timeout: 60000 },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === "number" ? err.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** Exit 2, nothing on stdout, exactly one line on stderr, no English sentence in it. */
function oneRussianLine(r: Run): string {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe("");
  const lines = r.stderr.replace(/\n$/, "").split("\n");
  expect(lines).toHaveLength(1);
  // No English sentence («Corrupted zip: can't find…»); the command in the hint is not one.
  expect(lines[0].replace(/shnor registers/g, "")).not.toMatch(/\b[A-Za-z]{3,} [A-Za-z]{3,}\b/);
  return lines[0];
}

interface RegistersJson {
  problems: { sheet: string; cell: string; message: string }[];
  chartSheets: { file: string; sheet: string }[];
}

const S1 = "МБОУ «СОШ № 1»";
const S2 = "МБОУ «СОШ № 2»";

let dir: string;
beforeAll(() => {
  dir = tmpDir("shnor-cli-msg-");
});

describe("exit 2 when a results register is found but no row was read (issue 2)", () => {
  test("the one line names the count, the first problem with sheet and cell, and «подробно: shnor registers …»", async () => {
    // R-UNIT: one unit pasted twice with different values — both rows are a problem, nothing is left to read.
    const file = await writeXlsx(
      [resultsSheet([vpr(S1, "2024/2025", "5", "математика", 20, 7), vpr(S1, "2024/2025", "5", "математика", 20, 9)])],
      "реестр с повтором.xlsx",
      dir,
    );
    const [list, registers] = await Promise.all([shnor(["list", file]), shnor(["registers", file, "--json"])]);
    const line = oneRussianLine(list);
    const problems = (JSON.parse(registers.stdout) as RegistersJson).problems;
    expect(problems.length).toBeGreaterThan(0);
    expect(line).toContain("Реестр результатов найден, но ни одна строка не прочитана");
    expect(line).toContain(`проблем ${problems.length}`);
    expect(line).toContain(`«${problems[0].sheet}»!${problems[0].cell} — `);
    expect(line).toContain("Повтор с другими значениями");
    // A file name with spaces is quoted so that the hint can be pasted into a shell.
    expect(line).toContain(`подробно: shnor registers "${file}"`);
  });

  test("a ФИС ОКО report without year or procedure anywhere: the first missing-context problem is named", async () => {
    const file = await writeXlsx(
      [
        {
          name: "Лист1",
          rows: [
            ["Группы участников", "Кол-во уч.", "2", "3", "4", "5"],
            ["(sch700001) МОУ «СОШ № 1»", 30, 30, 40, 20, 10],
            ["(sch700002) МОУ «СОШ № 2»", 25, 8, 40, 32, 20],
          ],
        },
      ],
      "выгрузка.xlsx",
      dir,
    );
    const [list, registers] = await Promise.all([shnor(["list", file]), shnor(["registers", file, "--json"])]);
    const line = oneRussianLine(list);
    const problems = (JSON.parse(registers.stdout) as RegistersJson).problems;
    expect(line).toContain(`проблем ${problems.length}, первая: «Лист1»!${problems[0].cell} — ${problems[0].message}`);
    expect(line).toMatch(/подробно: shnor registers \S*выгрузка\.xlsx\.$/);
  });
});

describe("--out keeps what ExcelJS could not (issue 12, SPEC §4)", () => {
  test("a register with a chart sheet: the copy holds the chart sheet and its parts byte for byte, no warning", async () => {
    const file = await writeXlsx(
      [
        resultsSheet([
          vpr(S1, "2024/2025", "5", "математика", 20, 7),
          vpr(S1, "2024/2025", "6", "математика", 20, 8),
          vpr(S2, "2024/2025", "5", "математика", 20, 1),
        ]),
      ],
      "реестр с диаграммой.xlsx",
      dir,
    );
    await addChartSheet(file, "Доли «2»", "'ВПР'!$G$3:$G$5");
    const before = fs.readFileSync(file);
    const out = path.join(dir, "список из книги с диаграммой.xlsx");
    const r = await shnor(["list", file, "--out", out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Записано: ${out} (лист «Список ШНОР 2025»)`);
    expect(r.stderr.trim()).toBe("");
    const input = await JSZip.loadAsync(before);
    const copy = await JSZip.loadAsync(fs.readFileSync(out));
    for (const part of ["xl/chartsheets/sheet1.xml", "xl/charts/chart1.xml", "xl/drawings/drawing1.xml"]) {
      expect(Buffer.from(await copy.file(part)!.async("uint8array"))).toEqual(
        Buffer.from(await input.file(part)!.async("uint8array")),
      );
    }
    const wbXml = await copy.file("xl/workbook.xml")!.async("string");
    expect(wbXml).toContain('name="Доли «2»"');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const listSheet = wb.getWorksheet("Список ШНОР 2025")!;
    const texts: string[] = [];
    listSheet.eachRow((row) => row.eachCell((c) => texts.push(String(c.value))));
    expect(texts).toContain(S1); // R-SHNOR rule 1: two low units in 2024/2025
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });
});

describe("the summary names identical duplicate rows counted once (issue 8, R-UNIT)", () => {
  test("a report pasted twice: the count and the rows, problems still listed", async () => {
    const rows = [
      vpr(S1, "2024/2025", "5", "математика", 20, 7),
      vpr(S1, "2024/2025", "6", "математика", 20, 8),
      vpr(S2, "2024/2025", "5", "математика", 20, 1),
    ];
    const file = await writeXlsx(
      [resultsSheet([...rows, ...rows, vpr(S2, "2024/2025", "6", "математика", "двадцать", 1)])],
      "вставлен дважды.xlsx",
      dir,
    );
    const r = await shnor(["list", file]);
    expect(r.code).toBe(0);
    // Rows 3–5 are the first copy, 6–8 the second (title row 1, header row 2).
    expect(r.stdout).toContain("Одинаковые повторы строк учтены один раз: 3");
    expect(r.stdout).toContain("«ВПР», строка 6 — дубликат строки 3");
    expect(r.stdout).toContain("«ВПР», строка 7 — дубликат строки 4");
    expect(r.stdout).toContain("«ВПР», строка 8 — дубликат строки 5");
    expect(r.stdout).toMatch(/Проблемы чтения: \d+/);
    expect(r.stdout).toContain("«ВПР»!F9");
    // Counted once: S1 has 7 of 20 in grade 5, not 14 of 40.
    expect(r.stdout).toContain("35,0 % (7 из 20)");
  });
});

describe("file and argument messages (issue 2: one Russian line, exit 2)", () => {
  test("a truncated .xlsx and a zip that is not a workbook, for list and registers", async () => {
    const good = await writeXlsx([resultsSheet([vpr(S1, "2024/2025", "5", "математика", 20, 7)])], "целый.xlsx", dir);
    const bytes = fs.readFileSync(good);
    const truncated = path.join(dir, "обрезан.xlsx");
    fs.writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    const zip = new JSZip();
    zip.file("readme.txt", "не книга");
    const notXlsx = path.join(dir, "архив.xlsx");
    fs.writeFileSync(notXlsx, await zip.generateAsync({ type: "nodebuffer" }));

    const runs = await Promise.all([
      shnor(["list", truncated]),
      shnor(["registers", truncated]),
      shnor(["list", notXlsx, "--json"]),
      shnor(["registers", notXlsx]),
    ]);
    const lines = runs.map(oneRussianLine);
    for (const l of lines.slice(0, 2)) {
      expect(l).toBe(
        "Файл «обрезан.xlsx» повреждён или записан не полностью: его не удаётся открыть как книгу Excel .xlsx.",
      );
    }
    for (const l of lines.slice(2)) {
      expect(l).toBe("Файл «архив.xlsx» не является книгой Excel .xlsx: это архив zip без части xl/workbook.xml.");
    }
  });

  test("negative numbers as option values reach their own check", async () => {
    const file = await writeXlsx([resultsSheet([vpr(S1, "2024/2025", "5", "математика", 20, 7)])], "минус.xlsx", dir);
    const runs = await Promise.all([
      shnor(["list", file, "--min-participants", "-1"]),
      shnor(["list", file, "--threshold", "-5"]),
      shnor(["list", file, "--min-participants", "2,5"]),
    ]);
    const lines = runs.map(oneRussianLine);
    expect(lines[0]).toBe("Неверное минимальное число участников «-1»: нужно целое число не меньше 0.");
    expect(lines[1]).toContain("Неверный порог «-5»");
    expect(lines[2]).toBe("Неверное минимальное число участников «2,5»: нужно целое число не меньше 0.");
  });

  test("a workbook of chart sheets only: registers names the chart sheet; list says no results register", async () => {
    const file = path.join(dir, "только диаграмма.xlsx");
    await writeChartOnlyWorkbook(file, "Диаграмма1");
    const [text, json, list] = await Promise.all([
      shnor(["registers", file]),
      shnor(["registers", file, "--json"]),
      shnor(["list", file]),
    ]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain("только диаграмма.xlsx: лист-диаграмма «Диаграмма1» пропущен");
    expect((JSON.parse(json.stdout) as RegistersJson).chartSheets).toEqual([
      { file: "только диаграмма.xlsx", sheet: "Диаграмма1" },
    ]);
    expect(oneRussianLine(list)).toContain("Реестр результатов не найден");
  });

  test("registers: a chart sheet beside data sheets is named too", async () => {
    const file = await writeXlsx(
      [resultsSheet([vpr(S1, "2024/2025", "5", "математика", 20, 7)])],
      "и данные.xlsx",
      dir,
    );
    await addChartSheet(file, "Диаграмма1", "'ВПР'!$G$3:$G$3");
    const r = await shnor(["registers", file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("и данные.xlsx: лист «ВПР»: реестр результатов");
    expect(r.stdout).toContain("и данные.xlsx: лист-диаграмма «Диаграмма1» пропущен");
  });
});
