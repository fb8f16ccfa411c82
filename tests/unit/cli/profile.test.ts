/**
 * Issue 15 through the real command (`node bin/shnor.js` in a child process) on the boundaries workbook
 * (scripts/make-fixtures.ts watchBoundaries): `shnor list --json` gains `warnings` and `exit` exactly as the issue
 * writes them (R-LOW maxFailed, R-SHNOR), `sensitivity`; `shnor profile` as text, JSON and a «Профиль ОО» sheet.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { watchBoundaries } from "../../../scripts/make-fixtures";
import { tmpDir } from "../pipeline/helpers";
import { partText, unzipParts } from "../xlsx/zipParts";

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
      { cwd: os.tmpdir(), encoding: "utf8", timeout: 90000 },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === "number" ? err.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

let dir: string;
let file: string;
beforeAll(async () => {
  dir = tmpDir("shnor-cli15-");
  file = await watchBoundaries(dir);
});

interface SchoolOut {
  school: string;
  warnings: { kind: string; units: Record<string, unknown>[]; text: string }[];
  exit: { units: Record<string, unknown>[]; text: string } | null;
}

describe("shnor list --json: warnings and exit (issue 15 contract)", () => {
  test("each school has warnings [{kind, units, text}]; each ШНОР exit {units [{procedure, grade, subject, participants, failed, maxFailed, cut}], text}", async () => {
    const r = await shnor(["list", file, "--year", "2025", "--json"]);
    expect(r.code).toBe(0);
    const data = JSON.parse(r.stdout) as {
      schools: (SchoolOut & { shnor: boolean })[];
      sensitivity: { base: number; columns: { threshold: number; shnor: number; entered: { school: string }[] }[] };
    };
    for (const s of data.schools) {
      expect(Array.isArray(s.warnings)).toBe(true);
      for (const w of s.warnings) {
        expect(Object.keys(w)).toEqual(["kind", "units", "text"]);
        expect(["one-low", "near-threshold", "rising"]).toContain(w.kind);
      }
      if (s.shnor) expect(Object.keys(s.exit!)).toEqual(["units", "text"]);
      else expect(s.exit).toBeNull();
    }
    const by = (name: string) => data.schools.find((s) => s.school === name)!;
    // R-LOW: 29 % of 24 at 30 % — maxFailed 7, one more «2» makes it low.
    expect(by("МБОУ «СОШ № 21»").warnings).toEqual([
      {
        kind: "near-threshold",
        units: [
          {
            year: 2025,
            procedure: "ВПР",
            grade: 5,
            subject: "русский язык",
            participants: 24,
            failed: 7,
            share: 7 / 24,
            maxFailed: 7,
            more: 1,
          },
        ],
        text: "На грани порога 30 % в 2024/2025 учебном году (до 5 п.п. ниже): ВПР 5 кл. русский язык — 29,2 % (7 из 24), ещё 1 из 24.",
      },
    ]);
    // R-SHNOR both rules: exit per low unit of 2025, cut = failed − maxFailed.
    expect(by("МБОУ «СОШ № 24»").exit!.units).toEqual([
      { procedure: "ВПР", grade: 5, subject: "математика", participants: 50, failed: 18, maxFailed: 14, cut: 4 },
      { procedure: "ВПР", grade: 6, subject: "русский язык", participants: 24, failed: 8, maxFailed: 7, cut: 1 },
    ]);
    expect(by("МБОУ «СОШ № 24»").exit!.text).toMatch(/^Список покидает, если в 2025\/2026 учебном году/);
    expect(by("МБОУ «СОШ № 22»").warnings.map((w) => w.kind)).toEqual(["one-low"]);
    expect(data.sensitivity.base).toBe(30);
    expect(data.sensitivity.columns.map((c) => c.threshold)).toEqual([25, 30, 35]);
  });

  test("--watch-band and --compare reach the settings; bad values are one Russian line", async () => {
    const [r, bad] = await Promise.all([
      shnor(["list", file, "--json", "--watch-band", "0", "--compare", "20;27,5"]),
      shnor(["list", file, "--compare", "25;150"]),
    ]);
    expect(r.code).toBe(0);
    const data = JSON.parse(r.stdout) as { schools: SchoolOut[]; sensitivity: { thresholds: number[] } };
    expect(data.sensitivity.thresholds).toEqual([20, 27.5, 30]);
    expect(data.schools.find((s) => s.school === "МБОУ «СОШ № 21»")!.warnings).toEqual([]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("Неверные пороги для сравнения «25;150»");
  });

  test("the text summary lists «На контроле» and the threshold sensitivity", async () => {
    const r = await shnor(["list", file, "--year", "2025"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("На контроле — могут войти в список на 2026 год, если ничего не изменится: 4");
    expect(r.stdout).toContain("ещё 1 из 24");
    expect(r.stdout).toMatch(/Чувствительность к порогу: 25 % — ШНОР \d+/);
  });
});

describe("shnor profile", () => {
  test("--school by name: the profile as text — table of three years, low marked, exit conditions", async () => {
    const r = await shnor(["profile", file, "--school", "СОШ № 24"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Профиль ОО: МБОУ «СОШ № 24» (700224)");
    expect(r.stdout).toContain("36,0 % (18 из 50) *");
    expect(r.stdout).toContain("• ВПР 5 кл. математика: не более 14 «2» из 50 (сейчас 18) — на 4 меньше");
    expect(r.stdout).not.toContain("Профиль ОО: МБОУ «СОШ № 21»");
  });

  test("--school by code, repeated: the warnings of each; --json gives the profiles as data", async () => {
    const [text, json] = await Promise.all([
      shnor(["profile", file, "--school", "700221", "--school", "МБОУ «СОШ № 26»"]),
      shnor(["profile", file, "--year", "2024/2025", "--json"]),
    ]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain("ещё 1 из 24");
    expect(text.stdout).toContain(
      "Доля «2» ВПР растёт два года подряд: 4,0 % (2022/2023) → 10,0 % (2023/2024) → 18,0 % (2024/2025)",
    );
    expect(json.code).toBe(0);
    const data = JSON.parse(json.stdout) as {
      year: number;
      schools: { school: string; years: number[]; units: unknown[] }[];
    };
    expect(data.year).toBe(2025);
    expect(data.schools).toHaveLength(7);
    expect(data.schools[0].years).toEqual([2023, 2024, 2025]);
  });

  test("--out: a copy of the workbook with «Профиль ОО 2025» — A4 portrait, a scale, page breaks, one chart per school", async () => {
    const out = path.join(dir, "профили.xlsx");
    const r = await shnor(["profile", file, "--out", out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("школ: 7, по странице А4 на школу");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Результаты", "Школы", "Профиль ОО 2025"]);
    const bytes = new Uint8Array(fs.readFileSync(out));
    const names = [...unzipParts(bytes).keys()];
    const xml = partText(
      bytes,
      names.find((p) => /worksheets\/sheet3\.xml$/.test(p))!,
    );
    expect(xml).toMatch(/<pageSetup paperSize="9" scale="\d+" orientation="portrait"\/>/);
    expect((xml.match(/<brk /g) ?? []).length).toBe(6);
    expect(names.filter((p) => /charts\/chart\d+\.xml$/.test(p))).toHaveLength(7);
    // Read again, the profile sheet is not a register (created by the add-in).
    const again = await shnor(["registers", out]);
    expect(again.stdout).toContain("лист «Профиль ОО 2025»: создан надстройкой ШНОР — не читается как реестр");
  });

  test("a school that is not there, an empty --school, --school for list: exit 2, one Russian line", async () => {
    const runs = await Promise.all([
      shnor(["profile", file, "--school", "Гимназия № 99"]),
      shnor(["profile", file, "--school", " "]),
      shnor(["list", file, "--school", "СОШ № 24"]),
      shnor(["profile", file, "--school", "СОШ"]),
    ]);
    for (const r of runs) {
      expect(r.code).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
    }
    expect(runs[0].stderr).toContain("Школа «Гимназия № 99» не найдена в реестрах.");
    expect(runs[1].stderr).toContain("Неверная школа");
    expect(runs[2].stderr).toContain("Параметр --school не относится к команде «list»");
    expect(runs[3].stderr).toContain("подходит к 6 школам");
  });

  test("profile --help in Russian", async () => {
    const r = await shnor(["profile", "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("shnor profile ФАЙЛ.xlsx");
    expect(r.stdout).toContain("--school");
  });
});
