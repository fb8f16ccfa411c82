/**
 * The `shnor` command on real exports (issue 16): the warning line about rows skipped as totals, `--procedure` for a
 * table that names no procedure, and `shnor registers` naming the new kinds and layouts. The real command in a child
 * process on .xlsx files written by scripts/make-fixtures.ts. Rules: R-LOW, R-SHNOR.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ALL_FIXTURES } from "../../../scripts/make-fixtures";

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

let dir: string;
const files: Record<string, string> = {};
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "shnor-cli-real-"));
  for (const n of [
    "regionAggregates",
    "noProcedure",
    "egeWide",
    "protocolIndividual",
    "protocolPrimary",
    "scales",
  ] as const) {
    files[n] = await ALL_FIXTURES[n](dir);
  }
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("issue 16: shnor list and shnor registers on real exports", () => {
  it("a warning line counts the rows with numbers skipped as totals and points at shnor registers", async () => {
    const r = await shnor(["list", files.regionAggregates, "--year", "2025"]);
    expect(r.code).toBe(0);
    // «По районам»: two municipality rows and «ВСЕГО по региону»; the 2024 sheet has no year 2025.
    expect(r.stdout).toContain(
      `Пропущено как итоговые строки: 7, проверьте: shnor registers ${files.regionAggregates}`,
    );
    const json = await shnor(["list", files.regionAggregates, "--year", "2025", "--json"]);
    expect(json.code).toBe(0);
    expect(() => JSON.parse(json.stdout)).not.toThrow();
    expect(json.stderr).toContain("Предупреждение: Пропущено как итоговые строки: 7");
  });

  it("a table without a procedure: exit 2 naming --procedure and the pane; with --procedure ВПР the list is built", async () => {
    const without = await shnor(["list", files.noProcedure]);
    expect(without.code).toBe(2);
    expect(without.stdout).toBe("");
    const line = without.stderr.trim();
    expect(line.split("\n")).toHaveLength(1);
    expect(line).toContain("--procedure");
    expect(line).toContain("«Исправить сопоставление» → «Процедура для всего листа»");

    const withIt = await shnor(["list", files.noProcedure, "--procedure", "ВПР", "--json"]);
    expect(withIt.code).toBe(0);
    const data = JSON.parse(withIt.stdout) as { schools: { school: string; shnor: boolean; rules: number[] }[] };
    expect(data.schools.map((s) => [s.school, s.shnor, s.rules])).toEqual([
      ["МОУ «СОШ № 1»", true, [1]],
      ["МОУ «СОШ № 2»", false, []],
    ]);
    const bad = await shnor(["list", files.noProcedure, "--procedure", " "]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("Неверная процедура");
  });

  it("shnor registers names wide tables, protocols, scales, applications sheets and totals with numbers", async () => {
    const r = await shnor(["registers", files.egeWide, files.protocolIndividual, files.protocolPrimary, files.scales]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      "лист «2023»: реестр результатов (широкая таблица: группа столбцов на каждый предмет), строка заголовка 5",
    );
    expect(r.stdout).toContain("прочитано строк: 4 (записей: 11)");
    expect(r.stdout).toContain(
      "пропущены как итоговые (с числами) — агрегат по муниципалитету: «Агинский район»: строка 7",
    );
    expect(r.stdout).toContain(
      "лист «Заявления»: реестр не распознан — таблица заявлений на участие в экзамене, а не результаты",
    );
    expect(r.stdout).toContain(
      "лист «Индивидуальные результаты»: протокол с результатами учеников, строка заголовка 5",
    );
    expect(r.stdout).toContain("прочитано строк: 13 (записей: 4)");
    expect(r.stdout).toContain("лист «Шкалы»: шкалы перевода первичных баллов в отметки, строка заголовка 2");
    expect(r.stdout).toMatch(
      /Итого: строк результатов \d+, шкал 3, единиц протоколов 6, школ в реестре школ 0, проблем \d+\./,
    );
    const json = await shnor(["registers", files.protocolPrimary, files.scales, "--json"]);
    const data = JSON.parse(json.stdout) as { counts: Record<string, number> };
    expect(data.counts).toEqual({
      journal: 0,
      scales: 3,
      protocol: 2,
      results: 2,
      schools: 0,
      context: 0,
      staff: 0,
      support: 0,
      attestats: 0,
      risks: 0,
      measures: 0,
    });
  });
});
