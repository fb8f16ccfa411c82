/**
 * «Профиль ОО» (issue 15): the three-year table, the chart's series, the page layout (every row planned, one page per
 * school at the chosen scale), and the optional parts — issue 13's status, risks and objectivity, issue 14's roadmap
 * progress — shown only when given.
 */
import { assessSchools } from "../../../src/core/annualList";
import {
  PAGE_BUDGET_POINTS,
  PAGE_WIDTH_POINTS,
  FONT_FALLBACK_FACTOR,
  pageScale,
  profilePlan,
  profileWidthPoints,
} from "../../../src/core/profilePlan";
import { schoolProfiles, type ProgrammeProgress } from "../../../src/core/profile";
import type { SheetPlan } from "../../../src/core/sheetPlan";
import type { ResultRecord } from "../../../src/core/types";
import { low, ok, result, settings } from "./records";

const S = settings();
const AT = new Date(2025, 8, 1);

function district(): ResultRecord[] {
  return [
    ok({ year: 2023 }),
    low({ year: 2024 }),
    low({ participants: 51, failed: 18 }),
    ok({ subject: "русский язык", year: 2023 }),
    result({ subject: "русский язык", participants: 24, failed: 7 }),
    ok({ school: "СОШ № 2", year: 2024 }),
    ok({ school: "СОШ № 2" }),
    ok({ school: "СОШ № 2", procedure: "ОГЭ", grade: 9 }),
  ];
}

function texts(plan: SheetPlan): string[] {
  return plan.blocks.flatMap((b) => b.values.flat()).filter((v): v is string => typeof v === "string");
}

function build(rows: ResultRecord[], programme?: (key: string) => ProgrammeProgress | null) {
  const input = { results: rows, schools: [] };
  const list = assessSchools(input, 2025, S);
  const profiles = schoolProfiles(input, list, programme ? { programme } : {});
  return { list, profiles, plan: profilePlan(profiles, { generatedAt: AT, settings: S, year: 2025 }) };
}

describe("three years of units", () => {
  test("rows per work with a cell per year (low marked by R-LOW), the change in p.p., pooled series per procedure", () => {
    const { profiles } = build(district());
    const p = profiles[0];
    expect(p.years).toEqual([2023, 2024, 2025]);
    expect(p.rows.map((r) => r.title)).toEqual(["ВПР 5 кл. математика", "ВПР 5 кл. русский язык"]);
    const math = p.rows[0];
    expect(math.cells.map((c) => c && [c.failed, c.participants, c.low])).toEqual([
      [5, 50, false],
      [20, 50, true],
      [18, 51, true],
    ]);
    expect(math.delta).toBeCloseTo(100 * (18 / 51 - 0.4), 9);
    expect(p.rows[1].cells[1]).toBeNull();
    expect(p.rows[1].delta).toBeNull();
    expect(p.series).toEqual([
      { procedure: "ВПР", percents: [10, 40, 100 * (25 / 75)].map((x) => Math.round(x * 1e9) / 1e9) },
    ]);
  });

  test("the page shows the cells as «35,3 % (18 из 51)», «—» for a year without the work, and the exit conditions", () => {
    const { plan } = build(district());
    const t = texts(plan);
    expect(t).toContain("35,3 % (18 из 51)");
    expect(t).toContain("—");
    expect(t).toContain("• ВПР 5 кл. математика: не более 15 «2» из 51 (сейчас 18) — на 3 меньше");
    expect(t.some((x) => x.startsWith("Статус на 2025 год: ШНОР · правило 2 · "))).toBe(true);
    // The second school is not ШНОР and has no warning: said so.
    expect(t).toContain("нет: ни одной низкой работы, ни одной на грани порога, доля «2» не растёт два года подряд");
  });
});

describe("one printable page per school", () => {
  test("every written row has a planned height; each school after the first starts on a new page", () => {
    const { plan, profiles } = build(district());
    expect(profiles).toHaveLength(2);
    const rows = new Set(plan.blocks.map((b) => b.at.row));
    for (const r of rows) expect(plan.rowHeights![r]).toBeGreaterThan(0);
    const second = plan.blocks.find((b) => b.values[0][0] === "Профиль ОО: СОШ № 2")!.at.row;
    expect(plan.print!.breaksBefore).toEqual([second]);
    // Each page's height at the print scale fits the A4 budget, and the columns fit its width in a wider font.
    const height = (from: number, to: number) => {
      let h = 0;
      for (let r = from; r < to; r++) h += plan.rowHeights![r] ?? 0;
      return h;
    };
    const last = Math.max(...Object.keys(plan.rowHeights!).map(Number)) + 1;
    const scale = plan.print!.scale! / 100;
    expect(height(0, second) * scale).toBeLessThanOrEqual(PAGE_BUDGET_POINTS);
    expect(height(second, last) * scale).toBeLessThanOrEqual(PAGE_BUDGET_POINTS);
    expect(profileWidthPoints() * FONT_FALLBACK_FACTOR * scale).toBeLessThanOrEqual(PAGE_WIDTH_POINTS);
  });

  test("a school with many works: the scale goes down so that its page still fits one A4 page", () => {
    const subjects = ["математика", "русский язык", "физика", "химия", "биология", "история", "география"];
    const rows: ResultRecord[] = [];
    for (const year of [2023, 2024, 2025])
      for (const grade of [4, 5, 6, 7, 8])
        for (const subject of subjects) rows.push(result({ year, grade, subject, participants: 30, failed: 3 }));
    const s = settings({ subjects });
    const input = { results: rows, schools: [] };
    const list = assessSchools(input, 2025, s);
    const profiles = schoolProfiles(input, list);
    expect(profiles[0].rows).toHaveLength(35);
    const plan = profilePlan(profiles, { generatedAt: AT, settings: s, year: 2025 });
    const height = Object.values(plan.rowHeights!).reduce((a, b) => a + b, 0);
    expect(height).toBeGreaterThan(PAGE_BUDGET_POINTS);
    expect(plan.print!.scale).toBe(pageScale(height));
    expect((height * plan.print!.scale!) / 100).toBeLessThanOrEqual(PAGE_BUDGET_POINTS);
  });
});

describe("optional parts: shown when given, never made up", () => {
  test("without programme data there is no roadmap section; with it, its figures and source", () => {
    expect(texts(build(district()).plan).some((t) => t.startsWith("Дорожная карта"))).toBe(false);
    const progress: ProgrammeProgress = {
      source: "Дорожная карта 2025",
      measures: { total: 12, done: 5, inProgress: 4, overdue: 3 },
      indicators: { total: 6, reached: 2 },
      asOf: new Date(2025, 11, 20),
    };
    const { plan } = build(district(), (key) => (key === "name:сош № 1" ? progress : null));
    const t = texts(plan);
    expect(t).toContain("Дорожная карта: Дорожная карта 2025");
    expect(t).toContain("Мероприятий 12, выполнено 5 (42 %), в работе 4, просрочено 3 — на 20.12.2025.");
    expect(t).toContain("Показатели программы: достигнуто 2 из 6.");
    expect(t.filter((x) => x.startsWith("Дорожная карта:"))).toHaveLength(1);
  });

  test("programme figures are checked at the boundary (done ≤ total)", () => {
    const bad = { source: "ДК", measures: { total: 2, done: 3 } } as ProgrammeProgress;
    expect(() => build(district(), () => bad)).toThrow();
  });

  test("issue 13 fields: status flags, curator and partner, ИСБ, objectivity signs and risks when the list has them", () => {
    const input = { results: district(), schools: [] };
    const list = assessSchools(input, 2025, S);
    const s = list.schools[0];
    s.status = ["ШНОР", "ШССУ"];
    s.sscu = true;
    s.sbi = {
      year: 2025,
      value: -0.84,
      indicators: [],
      missing: [],
      group: { municipality: null, schools: 2 },
      cut: -0.5,
      text: "",
    };
    s.curator = { name: "Петрова Н. В.", from: "Поддержка", year: 2025 };
    s.partner = {
      school: "МАОУ «Лицей № 1»",
      schoolKey: null,
      suggested: true,
      reason: "предложено: резильентная школа района",
    };
    s.risks = [
      {
        direction: 8,
        name: "Высокая доля обучающихся с рисками учебной неуспешности",
        level: "высокий",
        source: "оценка по данным",
        year: 2025,
        basis: "доля «2» ВПР 32,0 %",
      },
      {
        direction: 9,
        name: "Низкий уровень вовлечённости родителей",
        level: "низкий",
        source: "entered",
        year: 2025,
        basis: null,
      },
    ];
    s.objectivity = [
      {
        sign: "R-OBJ-1",
        test: "confirmed",
        year: 2025,
        unit: { procedure: "ВПР", grade: 5, subject: "математика", variant: null, classLabel: null },
        values: { confirmed: 41 },
        text: "ВПР 5 кл. математика: подтвердили отметку 41,0 % (меньше 50 %)",
      },
    ];
    const plan = profilePlan(schoolProfiles(input, list), { generatedAt: AT, settings: S, year: 2025 });
    const t = texts(plan);
    expect(t.some((x) => x.startsWith("Статус на 2025 год: ШНОР, ШССУ · правило 2 · "))).toBe(true);
    expect(t).toContain(
      "Куратор: Петрова Н. В. · Школа-партнёр: МАОУ «Лицей № 1» (предложено: резильентная школа района)",
    );
    expect(t).toContain("ИСБ −0,84 — ШССУ (2024/2025)");
    expect(t).toContain("• ВПР 5 кл. математика: подтвердили отметку 41,0 % (меньше 50 %)");
    expect(t).toContain(
      "• 8. Высокая доля обучающихся с рисками учебной неуспешности — высокий (оценка по данным: доля «2» ВПР 32,0 %)",
    );
    // Low risks are not listed.
    expect(t.some((x) => x.includes("вовлечённости родителей"))).toBe(false);
  });
});
