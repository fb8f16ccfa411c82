/**
 * Issue 15 through the whole pipeline on real .xlsx files: the boundaries fixture (scripts/make-fixtures.ts
 * watchBoundaries) read by the streaming reader → registers → list → the list sheet's «На контроле» and sensitivity
 * blocks and the «Профиль ОО» plan; the sensitivity table on the committed sample against independent lists.
 */
import path from "node:path";
import { buildAnnualList, buildProfiles, type BuildListResult } from "../../../src/app";
import { assessSchools } from "../../../src/core/annualList";
import { parseSettings } from "../../../src/core/settings";
import { PAGE_BUDGET_POINTS, PROFILE_TABLE_FIRST_HEADER } from "../../../src/core/profilePlan";
import { shownValue, type SheetPlan } from "../../../src/core/sheetPlan";
import type { CellValue, WorkbookGrids } from "../../../src/core/types";
import { readInputs } from "../../../src/cli/inputs";
import { isGeneratedListSheet } from "../../../src/app";
import { watchBoundaries } from "../../../scripts/make-fixtures";
import { SAMPLE_NAME } from "../../../scripts/make-samples";
import { school, tmpDir } from "./helpers";

let grids: WorkbookGrids[];
let r: BuildListResult;
beforeAll(async () => {
  grids = await readInputs([await watchBoundaries(tmpDir("shnor-watch-"))]);
  r = buildAnnualList(grids, { year: 2025 });
});

/** Every cell value a plan writes, row by row («row» 0-based → values by column). */
function cells(plan: SheetPlan): Map<number, Map<number, CellValue>> {
  const out = new Map<number, Map<number, CellValue>>();
  for (const b of plan.blocks) {
    b.values.forEach((row, dr) =>
      row.forEach((v, dc) => {
        const r0 = b.at.row + dr;
        if (!out.has(r0)) out.set(r0, new Map());
        out.get(r0)!.set(b.at.col + dc, shownValue(v));
      }),
    );
  }
  return out;
}

describe("issue 15 boundaries read from a real workbook", () => {
  test("R-LOW: 29 % of 24 at 30 % — «на грани», maxFailed 7 ⇒ «ещё 1 из 24»", () => {
    const s = school(r, "МБОУ «СОШ № 21»");
    expect(s.shnor).toBe(false);
    expect(s.warnings).toHaveLength(1);
    expect(s.warnings[0].kind).toBe("near-threshold");
    expect(s.warnings[0].units).toEqual([
      expect.objectContaining({ subject: "русский язык", participants: 24, failed: 7, maxFailed: 7, more: 1 }),
    ]);
    expect(s.warnings[0].text).toContain("ВПР 5 кл. русский язык — 29,2 % (7 из 24), ещё 1 из 24");
  });

  test("R-LOW: exactly 30 % (15 of 50) is low — one low unit, not ШНОР: «одна низкая»", () => {
    const s = school(r, "МБОУ «СОШ № 22»");
    expect(s.shnor).toBe(false);
    expect(s.warnings.map((w) => w.kind)).toEqual(["one-low"]);
    expect(s.warnings[0].text).toContain("ВПР 5 кл. математика — 30,0 % (15 из 50)");
  });

  test("R-LOW minParticipants: 4 of 4 is low at the default minimum, nothing at --min-participants 5", () => {
    expect(school(r, "МБОУ «ООШ № 23»")).toMatchObject({ shnor: true, rules: [2] });
    const five = buildAnnualList(grids, { year: 2025, settings: { minParticipants: 5 } });
    const s = school(five, "МБОУ «ООШ № 23»");
    expect(s.shnor).toBe(false);
    expect(s.lowUnits).toEqual([]);
    expect(s.exit).toBeNull();
    expect(s.warnings.map((w) => w.kind)).not.toContain("near-threshold");
    expect(s.warnings.map((w) => w.kind)).not.toContain("one-low");
  });

  test("R-SHNOR by both rules: exit per low unit of 2025 with maxFailed and cut", () => {
    const s = school(r, "МБОУ «СОШ № 24»");
    expect(s.rules).toEqual([1, 2]);
    expect(s.exit!.units.map((u) => [u.grade, u.subject, u.participants, u.failed, u.maxFailed, u.cut])).toEqual([
      [5, "математика", 50, 18, 14, 4],
      [6, "русский язык", 24, 8, 7, 1],
    ]);
    expect(s.warnings).toEqual([]);
  });

  test("R-SHNOR: no Y−1 data — said, and one low unit still warns «одна низкая»", () => {
    const s = school(r, "МБОУ «СОШ № 25»");
    expect(s).toMatchObject({ shnor: false, hasPreviousYear: false });
    expect(s.warnings.map((w) => w.kind)).toEqual(["one-low"]);
  });

  test("R-DYN negative two years running: «растёт доля «2»»; nothing for a steady school", () => {
    expect(school(r, "МБОУ «СОШ № 26»").warnings.map((w) => w.kind)).toEqual(["rising"]);
    expect(school(r, "МБОУ «СОШ № 27»").warnings).toEqual([]);
    expect(r.list.summary.watch).toEqual({ schools: 4, oneLow: 2, nearThreshold: 1, rising: 1 });
  });

  test("the list sheet: «На контроле» under the summary names the watched schools; the summary counts them", () => {
    const c = cells(r.plan);
    const rowOf = (text: string) => [...c].find(([, m]) => [...m.values()].some((v) => v === text))?.[0];
    const summaryRow = rowOf(`На контроле: могут войти в список на 2026 год`)!;
    expect(c.get(summaryRow)!.get(2)).toBe(4);
    expect(c.get(rowOf("  из них одна низкая работа")!)!.get(2)).toBe(2);
    const title = rowOf("На контроле: школы, которые могут войти в список на 2026 год (если ничего не изменится)")!;
    expect(title).toBeGreaterThan(summaryRow);
    const names = [...c].filter(([row]) => row > title + 2 && row <= title + 6).map(([, m]) => m.get(1));
    expect(names).toEqual(["МБОУ «СОШ № 21»", "МБОУ «СОШ № 22»", "МБОУ «СОШ № 25»", "МБОУ «СОШ № 26»"]);
    const texts = [...c].filter(([row]) => row > title + 2 && row <= title + 6).map(([, m]) => String(m.get(5)));
    expect(texts[0]).toContain("ещё 1 из 24");
    // The threshold sensitivity below it: the list's own threshold, and who enters at 25 %.
    const base = rowOf("30 % — порог списка")!;
    expect(base).toBeGreaterThan(title);
    expect(c.get(base)!.get(2)).toBe(r.list.summary.shnor);
    const at25 = c.get(rowOf("25 %")!)!;
    expect(at25.get(2)).toBe(r.list.sensitivity.columns[0].shnor);
    // Nobody enters at 25 %: СОШ № 21 (29,2 %) would have one low unit and none in 2024.
    expect(r.list.sensitivity.columns[0].entered).toEqual([]);
    expect(at25.get(5)).toBe("никто");
    // Merged wrapped text has a planned height (no host autofits merged cells).
    expect(r.plan.rowHeights![title + 3]).toBeGreaterThanOrEqual(15);
  });

  test("the profile of one school: one page, its table header, a chart on its own data, exit conditions", () => {
    const p = buildProfiles(grids, { year: 2025, schools: ["СОШ № 24"], generatedAt: new Date(2025, 8, 1) });
    expect(p.profiles.map((x) => x.school.school)).toEqual(["МБОУ «СОШ № 24»"]);
    const plan = p.profilePlan;
    expect(plan.name).toBe("Профиль ОО 2025");
    expect(plan.print).toMatchObject({ orientation: "portrait", paper: "A4", fitToWidth: false, breaksBefore: [] });
    const c = cells(plan);
    const header = [...c].find(([, m]) => m.get(0) === PROFILE_TABLE_FIRST_HEADER)![1];
    expect([...header.values()].slice(1, 4)).toEqual(["2022/2023", "2023/2024", "2024/2025"]);
    const all = [...c.values()].flatMap((m) => [...m.values()]);
    expect(all).toContain("36,0 % (18 из 50)");
    expect(all).toContain("• ВПР 5 кл. математика: не более 14 «2» из 50 (сейчас 18) — на 4 меньше");
    expect(all).toContain("Куратор: Беляев С. Н. · Школа-партнёр: МАОУ «Лицей № 1»");
    expect(plan.charts).toHaveLength(1);
    const data = plan.charts[0].dataRef;
    expect(data).toMatch(/^A\d+:D\d+$/);
    // The profile sheet is never read back as a register.
    expect(isGeneratedListSheet({ name: plan.name, values: gridOf(c) })).toBe(true);
    const height = Object.values(plan.rowHeights!).reduce((a, b) => a + b, 0);
    expect((height * plan.print!.scale!) / 100).toBeLessThanOrEqual(PAGE_BUDGET_POINTS);
  });

  test("profiles of every school: a page break before each school but the first", () => {
    const p = buildProfiles(grids, { year: 2025 });
    const starts = [...cells(p.profilePlan)]
      .filter(([, m]) => String(m.get(0) ?? "").startsWith("Профиль ОО: "))
      .map(([row]) => row);
    expect(starts).toHaveLength(7);
    expect(p.profilePlan.print!.breaksBefore).toEqual(starts.slice(1));
  });

  test("a school asked for that is not there, or a name several schools share, is a Russian error", () => {
    expect(() => buildProfiles(grids, { schools: ["Гимназия № 99"] })).toThrow(
      "Школа «Гимназия № 99» не найдена в реестрах.",
    );
    expect(() => buildProfiles(grids, { schools: ["СОШ"] })).toThrow(/подходит к 6 школам/);
    // «СОШ № 2» is no part of «СОШ № 21»: a number is never cut.
    expect(() => buildProfiles(grids, { schools: ["СОШ № 2"] })).toThrow("Школа «СОШ № 2» не найдена в реестрах.");
    expect(buildProfiles(grids, { schools: ["700226"] }).profiles[0].school.school).toBe("МБОУ «СОШ № 26»");
  });
});

function gridOf(c: Map<number, Map<number, CellValue>>): CellValue[][] {
  const rows: CellValue[][] = [];
  for (const [r0, m] of c) {
    const row: CellValue[] = [];
    for (const [col, v] of m) row[col] = v;
    rows[r0] = row;
  }
  for (let i = 0; i < rows.length; i++) rows[i] = rows[i] ?? [];
  return rows;
}

describe("threshold sensitivity on the committed sample", () => {
  test("the list at 25 / 30 / 35 % side by side equals the lists built at those thresholds", async () => {
    const [sample] = await readInputs([path.resolve(__dirname, "..", "..", "..", "samples", SAMPLE_NAME)]);
    const built = buildAnnualList([sample]);
    const names = (keys: string[]) =>
      keys.map((k) => built.list.schools.find((s) => s.schoolKey === k)!.school).sort((a, b) => a.localeCompare(b));
    const base = new Set(built.list.schools.filter((s) => s.shnor).map((s) => s.schoolKey));
    const registers = built.registers;
    for (const column of built.list.sensitivity.columns) {
      // Oracle: the whole list assessed again at that threshold.
      const other = assessSchools(
        { results: registers.results, schools: registers.schools },
        2025,
        parseSettings({ threshold: column.threshold }),
      );
      const at = new Set(other.schools.filter((s) => s.shnor).map((s) => s.schoolKey));
      expect(column.shnor).toBe(at.size);
      expect(new Set(column.entered)).toEqual(new Set([...at].filter((k) => !base.has(k))));
      expect(new Set(column.left)).toEqual(new Set([...base].filter((k) => !at.has(k))));
    }
    const [c25, c30, c35] = built.list.sensitivity.columns;
    expect([c25.threshold, c30.threshold, c35.threshold]).toEqual([25, 30, 35]);
    expect(c30).toMatchObject({ base: true, shnor: 5, entered: [], left: [] });
    expect(names(c25.entered)).toEqual(["МБОУ «Заречная СОШ»"]);
    expect(names(c35.left)).toEqual([
      "МБОУ «Каменская СОШ»",
      "МБОУ «Михайловская СОШ»",
      "МБОУ «СОШ № 10»",
      "МБОУ «СОШ № 8»",
    ]);
  });
});
