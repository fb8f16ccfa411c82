/**
 * `shnor list --json` of issue 13 through the real command (child process) on a real .xlsx: each school gains
 * "status", "sbi" (value, indicators {name, value, z}, missing) or null, "sscu", "resilient", "objectivity"
 * ({sign, year, unit, values, text}), "risks" ({direction, name, level, source}), "curator", "partner"
 * ({school, suggested, reason}); `shnor registers --json` counts the new kinds; the text summary names ШССУ.
 * Rules: R-SOC, R-RES, R-OBJ-1…3, R-RISK.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { DISTRICT, statusDistrict } from "../../../scripts/make-fixtures";

jest.setTimeout(180000);

const BIN = path.resolve(__dirname, "..", "..", "..", "bin", "shnor.js");

function shnor(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { encoding: "utf8", timeout: 60000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === "number" ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

interface SchoolJson {
  school: string;
  status: string[];
  sbi: {
    value: number;
    year: number;
    indicators: { name: string; value: number; z: number }[];
    missing: string[];
  } | null;
  sscu: boolean;
  resilient: boolean;
  objectivity: {
    sign: string;
    year: number;
    unit: Record<string, unknown>;
    values: Record<string, number>;
    text: string;
  }[];
  risks: { direction: number; name: string; level: string; source: string }[];
  curator: string | null;
  partner: { school: string; suggested: boolean; reason: string } | null;
}

let dir: string;
let file: string;
let schools: SchoolJson[];
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "shnor-status-json-"));
  file = await statusDistrict(dir);
  const r = await shnor(["list", file, "--year", "2025", "--json"]);
  expect(r.code).toBe(0);
  schools = (JSON.parse(r.stdout) as { schools: SchoolJson[] }).schools;
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const by = (k: keyof typeof DISTRICT) => schools.find((s) => s.school === DISTRICT[k].name)!;

describe("shnor list --json: the issue 13 fields", () => {
  test("every school carries every new key with its type", () => {
    expect(schools).toHaveLength(10);
    for (const s of schools) {
      expect(Array.isArray(s.status)).toBe(true);
      expect(s.sbi === null || typeof s.sbi.value === "number").toBe(true);
      expect(typeof s.sscu).toBe("boolean");
      expect(typeof s.resilient).toBe("boolean");
      expect(Array.isArray(s.objectivity)).toBe(true);
      expect(Array.isArray(s.risks)).toBe(true);
      expect(s.curator === null || typeof s.curator === "string").toBe(true);
      expect(s.partner === null || typeof s.partner.suggested === "boolean").toBe(true);
    }
  });

  test("R-SOC, R-RES: status flags, sbi with indicators (name, value 0–1, z) and missing; null without a passport", () => {
    expect(by("F")).toMatchObject({ status: ["ШНОР", "ШССУ"], sscu: true, resilient: false });
    expect(by("G")).toMatchObject({ status: ["ШССУ", "резильентная"], sscu: true, resilient: true });
    const sbi = by("F").sbi!;
    expect(sbi.year).toBe(2025);
    expect(sbi.value).toBeCloseTo(-1.328, 3);
    expect(sbi.indicators.find((i) => i.name === "доля обучающихся с ОВЗ")).toMatchObject({ value: 0.15 });
    expect(sbi.missing).toEqual([]);
    expect(by("J").sbi).toBeNull();
    expect(by("I").sbi).toBeNull();
  });

  test("R-OBJ: signs with sign id, year, unit and numbers", () => {
    expect(by("B").objectivity).toEqual([
      {
        sign: "R-OBJ-1",
        test: "confirmed",
        year: 2025,
        unit: { procedure: "ВПР", grade: 5, subject: "математика", class: null },
        values: { lower: 20.5, confirmed: 49.5, higher: 30, pupils: 200 },
        text: "2025 · ВПР · 5 кл. · математика: подтвердили отметку по журналу у 49,5 % (меньше 50,0 %, сравнено 200 уч.)",
      },
    ]);
    expect(by("C").objectivity.map((o) => [o.sign, o.year])).toEqual([["R-OBJ-3", 2024]]);
    expect(by("A").status).toEqual(["с признаками необъективности"]);
  });

  test("R-RISK: entered and «оценка по данным» levels with direction names", () => {
    expect(by("F").risks.map((r) => [r.direction, r.level, r.source])).toEqual([
      [1, "высокий", "entered"],
      [2, "высокий", "entered"],
      [3, "высокий", "оценка по данным"],
      [8, "высокий", "оценка по данным"],
      [9, "средний", "entered"],
    ]);
    expect(by("F").risks[1].name).toBe("Дефицит педагогических кадров");
  });

  test("curator and partner: typed wins, a suggestion says so and why", () => {
    expect(by("F").curator).toBe("Смирнова О. П.");
    expect(by("F").partner).toMatchObject({ school: DISTRICT.G.name, suggested: true });
    expect(by("F").partner!.reason).toMatch(/^предложено: резильентная школа/);
    expect(by("J").partner).toEqual({
      school: DISTRICT.A.name,
      suggested: false,
      reason: "указана в реестре «Поддержка» (2024/2025)",
    });
    expect(by("D").partner).toBeNull();
  });

  test("shnor registers --json counts the new kinds; the text summary lists ШССУ and signs", async () => {
    const [reg, text] = await Promise.all([shnor(["registers", file, "--json"]), shnor(["list", file])]);
    expect(reg.code).toBe(0);
    expect((JSON.parse(reg.stdout) as { counts: Record<string, number> }).counts).toMatchObject({
      context: 9,
      staff: 9,
      support: 3,
      attestats: 5,
      risks: 3,
      journal: 3,
    });
    expect(text.stdout).toContain(
      "ШССУ — школы в сложных социальных условиях (25 % школ реестра с наименьшим ИСБ, социальный паспорт 2024/2025): 3, резильентных 1.",
    );
    expect(text.stdout).toContain(`${DISTRICT.G.name} — ИСБ −0,81 (резильентная)`);
    expect(text.stdout).toContain("С признаками необъективности результатов: 4");
  });
});
