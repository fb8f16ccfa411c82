/**
 * The five school-year registers of issue 13 (SPEC §2) — «Контекст», «Кадры», «Поддержка», «Аттестаты», «Риски» —
 * and «Школы» Местность, on real .xlsx files from scripts/make-fixtures.ts: recognition, counts or shares, year from
 * titles, aggregates skipped by name, problems at their cells, nothing vanishes, one file + one registry line per kind.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { readRegisters, type Registers, type SheetAccount } from "../../../src/registers";
import { KIND_IDS, REGISTRY } from "../../../src/registers/kinds";
import { parseRiskLevel } from "../../../src/registers/kinds/risks";
import { ruralOf } from "../../../src/registers/kinds/schools";
import { parseFlag } from "../../../src/registers/kinds/schoolYear";
import { readXlsxFile } from "../../../src/xlsx/readWorkbook";
import { DISTRICT, STATUS_FIXTURES } from "../../../scripts/make-fixtures";

let dir: string;
const files: Record<string, string> = {};
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "shnor-status-kinds-"));
  for (const [name, make] of Object.entries(STATUS_FIXTURES)) files[name] = await make(dir);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function read(name: keyof typeof STATUS_FIXTURES): Promise<Registers> {
  return readRegisters([await readXlsxFile(files[name])]);
}
const account = (r: Registers, sheet: string): SheetAccount => {
  const a = r.sheets.find((s) => s.sheet === sheet);
  if (!a) throw new Error(`no account for ${sheet}`);
  return a;
};
const fields = (a: SheetAccount) => a.mapping.map((m) => `${m.field}:${m.letter}`);
/** Every data row below the header is read, skipped with a reason, or has a problem (issue 16 «nothing vanishes»). */
function accountedRows(a: SheetAccount): Set<number> {
  const rows = new Set<number>();
  for (const [from, to] of a.read ?? []) for (let r = from; r <= to; r++) rows.add(r);
  for (const k of a.skipped) for (let r = k.row; r <= (k.toRow ?? k.row); r++) rows.add(r);
  for (const p of a.problems) rows.add(Number(p.cell.replace(/^[A-Z]+/, "")));
  return rows;
}

describe("issue 13 register kinds: one file + one registry line each", () => {
  test("the registry lists the five kinds (and issue 14's «Мероприятия») with Russian labels; kind ids drive counts, mappings and the pane", () => {
    expect(KIND_IDS).toEqual([
      "journal",
      "scales",
      "protocol",
      "results",
      "schools",
      "context",
      "staff",
      "support",
      "attestats",
      "risks",
      "measures",
    ]);
    expect(REGISTRY.context.labels.title).toBe("Контекст (социальный паспорт)");
    expect(REGISTRY.risks.labels.title).toBe("Риски");
    for (const id of ["context", "staff", "support", "attestats", "risks"] as const) {
      expect(REGISTRY[id].identity).toBe(true);
      expect(REGISTRY[id].contextFields).toContain("year");
    }
  });
});

describe("«Контекст» — the social passport (R-SOC input)", () => {
  test("recognised with its indicator columns; the year from the title; counts become shares of «Всего обучающихся»", async () => {
    const r = await read("statusDistrict");
    const a = account(r, "Социальный паспорт");
    expect(a.kind).toBe("context");
    expect(a.headerRow).toBe(3);
    expect(fields(a)).toEqual([
      "school:A",
      "students:B",
      "registeredSchool:C",
      "registeredPolice:D",
      "disabled:E",
      "troubled:F",
      "lowIncome:G",
      "nonNative:H",
    ]);
    expect(a.context).toEqual([expect.objectContaining({ field: "year", value: 2025, from: "title" })]);
    const f = r.context.find((c) => c.school === DISTRICT.F.name)!;
    expect(f).toMatchObject({ year: 2025, students: 100, code: DISTRICT.F.code, schoolKey: `code:${DISTRICT.F.code}` });
    expect(f.indicators).toEqual({
      registeredSchool: { share: 0.1, count: 10 },
      registeredPolice: { share: 0.05, count: 5 },
      disabled: { share: 0.15, count: 15 },
      troubled: { share: 0.08, count: 8 },
      // «Из малоимущих семей, %»: a percent column read as a share (count null).
      lowIncome: { share: 0.4, count: null },
      nonNative: { share: 0, count: 0 },
    });
  });

  test("a row with every indicator blank is a record without indicators; «Итого по муниципалитету» is a named aggregate", async () => {
    const r = await read("statusDistrict");
    const i = r.context.find((c) => c.school === DISTRICT.I.name)!;
    expect(i.indicators).toEqual({});
    const a = account(r, "Социальный паспорт");
    expect(a.skipped).toEqual([{ row: 13, reason: "строка «Итого»", aggregate: true }]);
    expect(a.rowsRead).toBe(9);
    for (let row = 4; row <= 13; row++) expect(accountedRows(a).has(row)).toBe(true);
  });

  test("percent columns, a column naming ВШУ and ОПДН together, a municipality column; an unreadable cell is a problem", async () => {
    const r = await read("socialTwoMunicipalities");
    const a = account(r, "Контекст");
    expect(a.kind).toBe("context");
    expect(fields(a)).toEqual([
      "municipality:A",
      "school:B",
      "year:C",
      "students:D",
      "registered:E",
      "disabled:F",
      "lowIncome:G",
    ]);
    expect(a.problems).toEqual([
      { sheet: "Контекст", cell: "F7", message: "С ОВЗ: «н/д» — не число", file: "social-two-municipalities.xlsx" },
    ]);
    expect(r.context).toHaveLength(7);
    const s4 = r.context.find((c) => c.school === "МБОУ «СОШ № 4» (Северный)")!;
    expect(s4).toMatchObject({ municipality: "Северный район", students: 200 });
    expect(s4.indicators.registered).toEqual({ share: 0.09, count: null });
    for (let row = 2; row <= 9; row++) expect(accountedRows(a).has(row)).toBe(true);
  });
});

describe("«Кадры», «Поддержка», «Аттестаты», «Риски»", () => {
  test("«Кадры»: counts of teachers, «Прошли ПК своевременно, %» as a share, «Укомплектованность, %» 0–1", async () => {
    const r = await read("statusDistrict");
    expect(account(r, "Кадры").kind).toBe("staff");
    const f = r.staff.find((s) => s.school === DISTRICT.F.name)!;
    expect(f).toMatchObject({
      year: 2025,
      teachers: 20,
      diagnosed: { share: 0.5, count: 10 },
      belowBase: { share: 0.2, count: 4 },
      trainedOnTime: { share: 0.6, count: null },
      contests: { share: 0, count: 0 },
      vacancies: null,
      staffing: 0.8,
    });
  });

  test("«Поддержка»: да/нет cells, curator and partner; never read as «Школы»", async () => {
    const r = await read("statusDistrict");
    expect(account(r, "Поддержка").kind).toBe("support");
    expect(r.support.find((s) => s.school === DISTRICT.J.name)).toMatchObject({
      methodical: true,
      leaderPartnership: true,
      targetedHelp: false,
      curator: "Козлов А. В.",
      partner: DISTRICT.A.name,
    });
    expect(r.schools).toHaveLength(10);
  });

  test("«Аттестаты»: a row with 9 and 11 column groups gives one record per grade; blank groups give none", async () => {
    const r = await read("statusDistrict");
    const a = account(r, "Аттестаты");
    expect(a.kind).toBe("attestats");
    expect(a.rowsRead).toBe(5);
    const byKey = r.attestats.map((x) => [x.school, x.grade, x.graduates, x.noAttestat]);
    expect(byKey).toEqual([
      [DISTRICT.A.name, 9, 50, 0],
      [DISTRICT.A.name, 11, 25, 0],
      [DISTRICT.F.name, 9, 20, 2],
      [DISTRICT.F.name, 11, 8, 1],
      [DISTRICT.J.name, 9, 15, 1],
    ]);
  });

  test("«Риски»: columns by name («2. Дефицит…») and number («Риск 9»); levels высокий/1/0,5/да/нет/0; blank = not entered", async () => {
    const r = await read("statusDistrict");
    const a = account(r, "Риски");
    expect(a.kind).toBe("risks");
    expect(fields(a)).toEqual(["school:A", "r1:B", "r2:C", "r9:D"]);
    expect(a.context).toEqual([expect.objectContaining({ field: "year", value: 2025, from: "title" })]);
    const by = (k: keyof typeof DISTRICT) => r.risks.find((x) => x.school === DISTRICT[k].name)!;
    expect(by("F").levels).toEqual({ 1: "высокий", 2: "высокий", 9: "средний" });
    expect(by("G").levels).toEqual({ 1: "низкий", 9: "высокий" });
    expect(by("G").columns).toEqual([1, 2, 9]);
    expect(by("A").levels).toEqual({ 1: "низкий", 2: "средний", 9: "низкий" });
  });

  test("risk levels, yes/no cells and Местность are read strictly: anything else is «bad» (a problem at its cell)", () => {
    expect([1, 0.5, 0, "Высокий уровень", "средний", "низкий", "да", "нет", "1", "0,5"].map(parseRiskLevel)).toEqual([
      "высокий",
      "средний",
      "низкий",
      "высокий",
      "средний",
      "низкий",
      "высокий",
      "низкий",
      "высокий",
      "средний",
    ]);
    expect([0.7, "может быть", null].map(parseRiskLevel)).toEqual(["bad", "bad", null]);
    expect(["да", "Нет", "+", 1, 0, true, "", "иногда"].map(parseFlag)).toEqual([
      true,
      false,
      true,
      true,
      false,
      true,
      null,
      "bad",
    ]);
    expect(
      ["город", "г.", "пгт", "посёлок городского типа", "село", "с.", "д.", "сельская местность", "станица", "лес"].map(
        ruralOf,
      ),
    ).toEqual([false, false, false, false, true, true, true, true, true, "bad"]);
  });

  test("«Школы» Местность: rural true/false, blank null (R-SOC rural indicator)", async () => {
    const r = await read("statusDistrict");
    const rural = Object.fromEntries(r.schools.map((s) => [s.name, s.rural]));
    expect(rural[DISTRICT.A.name]).toBe(false);
    expect(rural[DISTRICT.F.name]).toBe(true);
    expect(rural[DISTRICT.H.name]).toBe(true);
    expect(rural[DISTRICT.I.name]).toBeNull();
  });
});
