/**
 * The `shnor` command as users run it: `node bin/shnor.js …` in a child process, on real .xlsx files
 * (issue 2 «Files and CLI», issue 8 `shnor registers`). Rules named: R-LOW, R-SHNOR, R-MARK, R-LIST.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { editPackage, partText, unzipParts } from "../xlsx/zipParts";
import { resultsSheet, tmpDir, vpr, writeXlsx } from "../pipeline/helpers";

jest.setTimeout(180000);

const ROOT = path.resolve(__dirname, "..", "..", "..");
const BIN = path.join(ROOT, "bin", "shnor.js");

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function shnor(args: string[], cwd = os.tmpdir()): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd, encoding: "utf8", timeout: 60000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === "number" ? err.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

const S1 = "МБОУ «СОШ № 1»";
const S2 = "МБОУ «СОШ № 2»";
const S3 = "МБОУ «Каменская СОШ»";

let dir: string;
let register: string;

beforeAll(async () => {
  dir = tmpDir("shnor-cli-");
  register = await writeXlsx(
    [
      {
        name: "Школы",
        rows: [
          ["Код ОО", "Школа", "Тип", "Местность", "Куратор"],
          ["700101", S1, "СОШ", "город", "Петрова Н. В."],
          ["700102", S2, "СОШ", "город", "Петрова Н. В."],
          ["700103", S3, "СОШ", "село", "Ильина М. С."],
        ],
      },
      resultsSheet([
        vpr(S1, "2023/2024", "5", "математика", 20, 1),
        vpr(S1, "2024/2025", "5А", "математика", 20, 7),
        vpr(S1, "2024/2025", "6А", "русский язык", 20, 6),
        vpr(S2, "2023/2024", "5", "математика", 20, 8),
        vpr(S2, "2023/2024", "6", "математика", 20, 8),
        vpr(S2, "2024/2025", "5", "математика", 20, 1),
        vpr(S3, "2024/2025", "5", "математика", 12, 20),
        vpr(S3, "2024/2025", "6", "математика", 12, 2),
        vpr("Итого", "2024/2025", "", "", 124, 24),
      ]),
      {
        name: "Расчёты",
        rows: [["Доля", 0.35, null]],
      },
    ],
    "реестр района.xlsx",
    dir,
  );
  // A formula on a user sheet (must survive --out unchanged).
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(register);
  wb.getWorksheet("Расчёты")!.getCell("C1").value = { formula: "B1*100", result: 35 };
  await wb.xlsx.writeFile(register);
});

function expectOneRussianLine(r: Run): void {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe("");
  const text = r.stderr.trim();
  expect(text.split("\n")).toHaveLength(1);
  expect(text).toMatch(/[А-Яа-яЁё]/);
}

describe("shnor list --json (issue 2 contract)", () => {
  test("exactly one JSON object: every school once, keys and types; exit 0 (R-SHNOR, R-LIST)", async () => {
    const r = await shnor(["list", register, "--year", "2025", "--json"]);
    expect(r.code).toBe(0);
    const data = JSON.parse(r.stdout) as {
      year: number;
      schools: Record<string, unknown>[];
      problems: { sheet: string; cell: string; message: string }[];
    };
    expect(data.year).toBe(2025);
    expect(data.schools.map((s) => s.school).sort()).toEqual([S1, S2, S3].sort());
    for (const s of data.schools) {
      expect(typeof s.school).toBe("string");
      expect(s.code === null || typeof s.code === "string").toBe(true);
      expect(typeof s.shnor).toBe("boolean");
      expect(Array.isArray(s.rules) && (s.rules as number[]).every((x) => x === 1 || x === 2)).toBe(true);
      expect(Array.isArray(s.markers)).toBe(true);
      expect(typeof s.dynamics).toBe("object");
      expect([null, "включена", "исключена", "остаётся"]).toContain(s.change);
      for (const u of s.lowUnits as Record<string, unknown>[]) {
        expect(Object.keys(u).sort()).toEqual([
          "failed",
          "grade",
          "participants",
          "procedure",
          "share",
          "subject",
          "year",
        ]);
        expect(typeof u.share).toBe("number");
      }
    }
    const s1 = data.schools.find((s) => s.school === S1)!;
    expect(s1).toMatchObject({ shnor: true, rules: [1], code: "700101", change: "включена" });
    expect(s1.lowUnits).toEqual([
      { year: 2025, procedure: "ВПР", grade: 5, subject: "математика", participants: 20, failed: 7, share: 0.35 },
      { year: 2025, procedure: "ВПР", grade: 6, subject: "русский язык", participants: 20, failed: 6, share: 0.3 },
    ]);
    expect(s1.markers).toEqual(["5А", "6А"]);
    expect(data.schools.find((s) => s.school === S2)).toMatchObject({ shnor: false, rules: [], change: "исключена" });
    // failed > participants (R-LOW input check): a problem naming the cell, the row left out.
    expect(data.problems).toEqual(expect.arrayContaining([expect.objectContaining({ sheet: "ВПР", cell: "G9" })]));
    for (const p of data.problems) expect(Object.keys(p)).toEqual(expect.arrayContaining(["sheet", "cell", "message"]));
  });

  test("--threshold and --subjects reach the rules (R-LOW threshold is a setting)", async () => {
    const r = await shnor(["list", register, "--json", "--threshold", "35"]);
    expect(r.code).toBe(0);
    const data = JSON.parse(r.stdout) as { schools: { school: string; shnor: boolean; lowUnits: unknown[] }[] };
    const s1 = data.schools.find((s) => s.school === S1)!;
    expect(s1.shnor).toBe(false);
    expect(s1.lowUnits).toHaveLength(1);
    const physicsOnly = await shnor(["list", register, "--json", "--subjects", "физика"]);
    expect(JSON.parse(physicsOnly.stdout).schools.every((s: { shnor: boolean }) => !s.shnor)).toBe(true);
  });
});

describe("shnor list: summary text and --out", () => {
  test("a readable Russian summary: how many ШНОР, which, why, changes, problems with their cells", async () => {
    const r = await shnor(["list", register, "--year", "2024/2025"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Список ШНОР 2025");
    expect(r.stdout).toMatch(/ШНОР: 1\b/);
    expect(r.stdout).toContain(`1. ${S1} (700101) — включена в список впервые`);
    expect(r.stdout).toContain("правило 1: не менее двух низких результатов в 2024/2025");
    expect(r.stdout).toContain("• 2025 · ВПР · 5 кл. · математика — 35,0 % (7 из 20)");
    expect(r.stdout).toContain("маркеры ШНОР (классы с низкими результатами): 5А, 6А");
    expect(r.stdout).toContain(`Исключены из списка (были ШНОР в 2024): ${S2}`);
    expect(r.stdout).toMatch(/Проблемы чтения: \d+/);
    expect(r.stdout).toContain("«ВПР»!G9");
  });

  test("--out: a copy with «Список ШНОР 2025» as a real table; the user's sheets unchanged; input untouched", async () => {
    const before = fs.readFileSync(register);
    const out = path.join(dir, "результат", "список.xlsx");
    const r = await shnor(["list", register, "--out", out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Записано: ${out}`);
    expect(fs.readFileSync(register).equals(before)).toBe(true);

    const orig = new ExcelJS.Workbook();
    await orig.xlsx.readFile(register);
    const copy = new ExcelJS.Workbook();
    await copy.xlsx.readFile(out);
    expect(copy.worksheets.map((w) => w.name)).toEqual(["Школы", "ВПР", "Расчёты", "Список ШНОР 2025"]);
    for (const ws of orig.worksheets) {
      const other = copy.getWorksheet(ws.name)!;
      ws.eachRow((row, n) =>
        row.eachCell((cell, c) => {
          expect({ at: cell.address, v: other.getCell(n, c).value }).toEqual({ at: cell.address, v: cell.value });
        }),
      );
      expect(other.rowCount).toBe(ws.rowCount);
    }
    expect(copy.getWorksheet("Расчёты")!.getCell("C1").formula).toBe("B1*100");
    const list = copy.getWorksheet("Список ШНОР 2025")!;
    expect(list.getTables()).toHaveLength(1);
    const values: string[] = [];
    list.eachRow((row) => row.eachCell((c) => values.push(String(c.value))));
    expect(values).toContain(S1);
    expect(values).toContain("Школа");
    expect(list.pageSetup.orientation).toBe("landscape");
  });

  test("--out equal to the input is refused: exit 2, one Russian line, the input is not written", async () => {
    const before = fs.readFileSync(register);
    const r = await shnor(["list", register, "--out", register]);
    expectOneRussianLine(r);
    expect(r.stderr).toContain("не перезаписывается");
    expect(fs.readFileSync(register).equals(before)).toBe(true);
  });

  test("--out over an existing file this program did not write: exit 2 without --force, replaced with it", async () => {
    const foreign = path.join(dir, "чужой отчёт.xlsx");
    fs.copyFileSync(register, foreign);
    const garbage = path.join(dir, "заметки.xlsx");
    fs.writeFileSync(garbage, "не книга");
    const before = fs.readFileSync(foreign);
    const [refused, refusedGarbage] = await Promise.all([
      shnor(["list", register, "--out", foreign]),
      shnor(["list", register, "--out", garbage]),
    ]);
    for (const r of [refused, refusedGarbage]) {
      expectOneRussianLine(r);
      expect(r.stderr).toContain("уже существует и создан не этой программой");
      expect(r.stderr).toContain("--force");
    }
    expect(fs.readFileSync(foreign).equals(before)).toBe(true);
    expect(fs.readFileSync(garbage, "utf8")).toBe("не книга");
    const forced = await shnor(["list", register, "--out", foreign, "--force"]);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain(`Записано: ${foreign}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(foreign);
    expect(wb.worksheets.map((w) => w.name)).toContain("Список ШНОР 2025");
    // A copy this program made is ours to replace: no --force needed, and the list is replaced, not added again.
    const again = await shnor(["list", register, "--out", foreign]);
    expect(again.code).toBe(0);
    expect(again.stderr).toBe("");
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.readFile(foreign);
    expect(wb2.worksheets.map((w) => w.name)).toEqual(["Школы", "ВПР", "Расчёты", "Список ШНОР 2025"]);
    const help = await shnor(["list", "--help"]);
    expect(help.stdout).toContain("--force");
  });

  test("a workbook with macros (.xlsm): the copy keeps them and must be .xlsm, or Excel would not open it", async () => {
    const bytes = new Uint8Array(fs.readFileSync(register));
    const ct = partText(bytes, "[Content_Types].xml").replace(
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
      "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
    );
    const vba = new Uint8Array(2048).map((_, i) => (i * 31) % 251);
    const xlsm = path.join(dir, "реестр с макросами.xlsm");
    fs.writeFileSync(
      xlsm,
      editPackage(bytes, {
        "[Content_Types].xml": ct.replace(
          "</Types>",
          '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>',
        ),
        "xl/vbaProject.bin": vba,
      }),
    );
    const wrong = await shnor(["list", xlsm, "--out", path.join(dir, "макросы.xlsx")]);
    expectOneRussianLine(wrong);
    expect(wrong.stderr).toContain("содержит макросы");
    const out = path.join(dir, "макросы.xlsm");
    const r = await shnor(["list", xlsm, "--out", out]);
    expect(r.code).toBe(0);
    expect(Buffer.from(unzipParts(new Uint8Array(fs.readFileSync(out))).get("xl/vbaProject.bin")!)).toEqual(
      Buffer.from(vba),
    );
    const plain = await shnor(["list", register, "--out", path.join(dir, "без макросов.xlsm")]);
    expectOneRussianLine(plain);
  });

  test("several input files: combined registers; --out is a new workbook holding only the list", async () => {
    const other = await writeXlsx(
      [
        {
          name: "ГИА-9",
          rows: [
            [
              "Наименование ОО",
              "Год",
              "Форма ГИА",
              "Предмет",
              "Кол-во участников",
              "Доля не преодолевших минимальный порог, %",
            ],
            [S3, 2025, "ОГЭ", "русский язык", 20, "35,0 %"],
          ],
        },
      ],
      "огэ.xlsx",
      tmpDir(),
    );
    const out = path.join(dir, "два файла.xlsx");
    const r = await shnor(["list", register, other, "--json", "--out", out]);
    expect(r.code).toBe(0);
    const data = JSON.parse(r.stdout) as { schools: { school: string; lowUnits: { procedure: string }[] }[] };
    expect(data.schools.filter((s) => s.school === S3)).toHaveLength(1);
    expect(data.schools.find((s) => s.school === S3)!.lowUnits.map((u) => u.procedure)).toContain("ОГЭ");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Список ШНОР 2025"]);
  });
});

describe("shnor: exit 2 with one Russian line on stderr", () => {
  test("missing file, not .xlsx, unreadable .xlsx, no results register", async () => {
    const csv = path.join(dir, "реестр.csv");
    fs.writeFileSync(csv, "Школа;Год\n");
    const broken = path.join(dir, "битый.xlsx");
    fs.writeFileSync(broken, "это не книга Excel");
    const schoolsOnly = await writeXlsx(
      [
        {
          name: "Школы",
          rows: [
            ["Школа", "Тип"],
            [S1, "СОШ"],
          ],
        },
      ],
      "школы.xlsx",
      dir,
    );
    const runs = await Promise.all([
      shnor(["list", path.join(dir, "нет такого.xlsx")]),
      shnor(["list", csv]),
      shnor(["list", broken]),
      shnor(["list", schoolsOnly, "--json"]),
    ]);
    runs.forEach(expectOneRussianLine);
    expect(runs[0].stderr).toContain("Файл не найден");
    expect(runs[1].stderr).toContain("не является книгой .xlsx");
    expect(runs[2].stderr).toMatch(/не является книгой Excel|Не удалось прочитать/);
    expect(runs[3].stderr).toContain("Реестр результатов не найден");
  });

  test("bad arguments: unknown flag, bad year, threshold out of range, no file, unknown command, no data for the year", async () => {
    const runs = await Promise.all([
      shnor(["list", register, "--color"]),
      shnor(["list", register, "--year", "20x5"]),
      shnor(["list", register, "--threshold", "150"]),
      shnor(["list", register, "--threshold", "0"]),
      shnor(["list"]),
      shnor(["lsit", register]),
      shnor(["list", register, "--year", "2030"]),
      shnor(["list", register, "--min-participants", "-3"]),
    ]);
    runs.forEach(expectOneRussianLine);
    expect(runs[0].stderr).toContain("Неизвестный параметр --color");
    expect(runs[1].stderr).toContain("Неверный год «20x5»");
    expect(runs[2].stderr).toContain("Неверный порог «150»");
    expect(runs[6].stderr).toContain("Нет результатов за 2029/2030");
  });
});

describe("shnor registers, demo, help", () => {
  test("registers: per sheet kind, header row, columns, rows read/skipped, problems (issue 8); --json the same as data", async () => {
    const [text, json] = await Promise.all([shnor(["registers", register]), shnor(["registers", register, "--json"])]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain("лист «ВПР»: реестр результатов, строка заголовка 2");
    expect(text.stdout).toContain("лист «Школы»: реестр школ, строка заголовка 1");
    expect(text.stdout).toMatch(/Участники — F \(«Участники»\)/);
    // An «Итого» row with numbers is marked as a total worth checking (issue 16).
    expect(text.stdout).toMatch(/пропущены как итоговые \(с числами\) — .*Итого.*: строка 11/);
    expect(text.stdout).toContain("лист «Расчёты»: реестр не распознан");
    expect(json.code).toBe(0);
    const data = JSON.parse(json.stdout) as {
      sheets: { sheet: string; kind: string | null; headerRow: number | null; rowsRead: number; skipped: unknown[] }[];
    };
    const vprSheet = data.sheets.find((s) => s.sheet === "ВПР")!;
    expect(vprSheet).toMatchObject({ kind: "results", headerRow: 2 });
    expect(vprSheet.rowsRead).toBeGreaterThanOrEqual(7);
    expect(data.sheets.find((s) => s.sheet === "Школы")).toMatchObject({ kind: "schools", rowsRead: 3 });
  });

  test("demo: builds the list from samples/, writes the workbook and prints where (from any cwd)", async () => {
    const out = path.join(tmpDir("shnor-demo-"), "демо.xlsx");
    const r = await shnor(["demo", "--out", out], os.tmpdir());
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Список ШНОР 2025");
    expect(r.stdout).toMatch(/ШНОР: [1-9]/);
    expect(r.stdout).toContain(`Записано: ${out}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.getWorksheet("Список ШНОР 2025")!.getTables()).toHaveLength(1);
    expect(wb.getWorksheet("ВПР")).toBeDefined();
  });

  test("--help prints Russian help and exits 0", async () => {
    const [main, list] = await Promise.all([shnor(["--help"]), shnor(["list", "--help"])]);
    expect(main.code).toBe(0);
    expect(main.stdout).toContain("shnor list ФАЙЛ.xlsx");
    expect(list.code).toBe(0);
    expect(list.stdout).toContain("--out РЕЗУЛЬТАТ.xlsx");
    expect(list.stdout).toContain("никогда не перезаписывается");
  });
});
