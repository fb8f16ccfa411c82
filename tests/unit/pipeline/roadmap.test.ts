/**
 * «Дорожная карта Y», «Показатели Y» and «Динамика» generated from the committed sample register (issue 14; SPEC §4,
 * §7; R-SHNOR, R-MARK, R-RISK): a block per ШНОР with measures per low area (for its marked classes) and per risk,
 * partnership and curator measures, deadlines inside Y, statuses as a list, overdue rows by a conditional format
 * against TODAY(), summaries as formulas, A4 landscape with each school on a new page.
 */
import path from "node:path";
import { buildAll, type BuildAllResult } from "../../../src/app";
import { shownValue, type PlanCell, type SheetPlan } from "../../../src/core/sheetPlan";
import { ROADMAP_COLUMNS, ROADMAP_STATUSES } from "../../../src/core/roadmap";
import { parseServiceCell } from "../../../src/core/workSheet";
import { dynamicsTables } from "../../../src/core/dynamicsPlan";
import { readXlsxFile } from "../../../src/xlsx/readWorkbook";
import { SAMPLE_NAME } from "../../../scripts/make-samples";

const SAMPLE = path.resolve(__dirname, "..", "..", "..", "samples", SAMPLE_NAME);
const col = (key: string) => ROADMAP_COLUMNS.findIndex((c) => c.key === key);

let built: BuildAllResult;
let plan: SheetPlan;
let rows: PlanCell[][];
beforeAll(async () => {
  built = buildAll([await readXlsxFile(SAMPLE)], { generatedAt: new Date(2025, 9, 1) });
  plan = built.sheets.find((s) => s.choice === "roadmap")!.plan;
  rows = plan.table!.rows;
});

const info = (r: PlanCell[]) => parseServiceCell(shownValue(r[col("service")]));
const items = () => rows.filter((r) => info(r)?.type === "item");
const itemsOf = (tag: string) => items().filter((r) => info(r)!.block === tag);
const codes = (tag: string) => itemsOf(tag).map((r) => r[col("code")] as string);
const textOf = (code: string) => items().find((r) => r[col("code")] === code)![col("measure")] as string;

describe("«Дорожная карта 2025» from the sample register", () => {
  test("every generated sheet is built: list, roadmap, indicators, dynamics", () => {
    expect(built.sheets.map((s) => s.plan.name)).toEqual([
      "Список ШНОР 2025",
      "Дорожная карта 2025",
      "Показатели 2025",
      "Динамика",
    ]);
    expect(built.keptText).toBe("");
  });

  test("the municipal block: seed 001's six sections and 31 measures numbered as in the seed", () => {
    const municipal = items().filter((r) => info(r)!.block === "М");
    expect(municipal).toHaveLength(31);
    expect(municipal.slice(0, 4).map((r) => [r[col("no")], r[col("code")]])).toEqual([
      ["1.1", "М1.1"],
      ["1.2", "М1.2"],
      ["1.3", "М1.3"],
      ["2.1", "М2.1"],
    ]);
    const sections = rows.filter((r) => info(r)?.type === "section" && info(r)!.block === "М").map((r) => r[0]);
    expect(sections).toHaveLength(6);
    expect(sections[0]).toBe(
      "1. Совершенствование нормативно-правового сопровождения работы со школами с низкими образовательными результатами (ШНОР)",
    );
    expect(municipal[0][col("responsible")]).toBe("Управление образования");
  });

  test("one block per ШНОР school, then one per ШССУ school, each in the list's order (R-SHNOR, R-SOC)", () => {
    const blocks = rows.filter((r) => info(r)?.type === "block").map((r) => String(r[0]).split(" — ")[0]);
    const shnor = built.list.schools.filter((s) => s.shnor).map((s) => `${s.school} (${s.code})`);
    const sscu = built.list.schools.filter((s) => !s.shnor && s.sscu).map((s) => `${s.school} (${s.code})`);
    expect(shnor).toHaveLength(5);
    expect(sscu.length).toBeGreaterThan(0);
    expect(blocks).toEqual([expect.stringMatching(/^Муниципальный уровень/), ...shnor, ...sscu]);
  });

  test("measures per low area, naming the marked classes (R-MARK): СОШ № 8 — ВПР 5, 6 (2024) mathematics and 7 Russian", () => {
    const c = codes("700110");
    for (const area of ["ВПР5-МАТ", "ВПР6-МАТ", "ВПР7-РУС"]) {
      expect(c).toEqual(expect.arrayContaining(["Н1", "Н2", "Н3", "Н4"].map((m) => `700110-${m}-${area}`)));
    }
    expect(textOf("700110-Н1-ВПР5-МАТ")).toContain("ВПР, математика, 5 класс (классы-маркеры: 5А)");
    expect(textOf("700110-Н3-ВПР7-РУС")).toContain("классы-маркеры: 7А, 7Б");
    expect(items().find((r) => r[col("code")] === "700110-Н1-ВПР5-МАТ")![col("result")]).toContain(
      "35,3 % в 2024/2025",
    );
    // ГИА areas get the ГИА measures, not the ВПР ones: Михайловская СОШ, ЕГЭ mathematics (базовая, профильная).
    const m = codes("700124");
    expect(m).toEqual(
      expect.arrayContaining([
        "700124-Н5-ЕГЭ11-МАТ-Б",
        "700124-Н6-ЕГЭ11-МАТ-П",
        "700124-Н5-ВПР8-РУС".replace("Н5", "Н3"),
      ]),
    );
    expect(m.some((x) => /Н3-ЕГЭ/.test(x))).toBe(false);
  });

  test("measures per high or medium risk of R-RISK (entered in «Риски», or suggested «оценка по данным»)", () => {
    const s8 = built.list.schools.find((s) => s.code === "700110")!;
    const risk8 = s8.risks.find((r) => r.direction === 8)!;
    expect(["высокий", "средний"]).toContain(risk8.level);
    expect(codes("700110")).toEqual(expect.arrayContaining(["700110-Р8.1", "700110-Р8.2"]));
    const level = risk8.source === "оценка по данным" ? `${risk8.level} (оценка по данным)` : risk8.level;
    expect(textOf("700110-Р8.1")).toContain(`уровень ${level})`);
    // No measure for a low risk.
    for (const r of s8.risks.filter((x) => x.level === "низкий")) {
      expect(codes("700110").some((c) => c.startsWith(`700110-Р${r.direction}.`))).toBe(false);
    }
  });

  test("partnership with the partner school and curator visits every quarter", () => {
    const s8 = built.list.schools.find((s) => s.code === "700110")!;
    expect(textOf("700110-П1")).toContain(`со школой-партнёром ${s8.partner!.school}`);
    const visit = items().find((r) => r[col("code")] === "700110-К1")!;
    expect(visit[col("measure")]).toContain(`(${s8.curator!.name})`);
    expect(["q1", "q2", "q3", "q4"].map((q) => visit[col(q)])).toEqual(["план", "план", "план", "план"]);
  });

  test("deadlines are dates inside 2025; statuses start «не начато»; codes unique and equal to the service keys", () => {
    for (const r of items()) {
      const d = r[col("deadline")] as Date;
      expect(d).toBeInstanceOf(Date);
      expect(d.getFullYear()).toBe(2025);
      expect(r[col("status")]).toBe("не начато");
      expect(info(r)!.key).toBe(r[col("code")]);
    }
    const all = items().map((r) => r[col("code")]);
    expect(new Set(all).size).toBe(all.length);
    const m11 = items().find((r) => r[col("code")] === "М1.1")!;
    expect(m11[col("deadline")]).toEqual(new Date(2025, 7, 20));
    expect(m11[col("q3")]).toBe("план");
  });

  test("Статус is a list validation over every body row; overdue rows are a conditional format against TODAY()", () => {
    const first = plan.table!.at.row + 2;
    const last = plan.table!.at.row + 1 + rows.length;
    expect(plan.validations).toEqual([
      { ref: `F${first}:F${last}`, list: [...ROADMAP_STATUSES], prompt: "Выберите статус мероприятия из списка" },
    ]);
    const overdue = plan.conditionalFormats[0];
    expect(overdue.ref).toBe(`A${first}:L${last}`);
    expect(overdue.rule).toEqual({
      kind: "expression",
      formula: `AND(LEN($B${first})>0,ISNUMBER($C${first}),$C${first}<TODAY(),$F${first}<>"выполнено",$F${first}<>"отменено",LEFT($B${first},14)<>"[не актуально]")`,
    });
    // A quarter still «план» after its end is marked too.
    expect(plan.conditionalFormats[4].rule).toEqual({
      kind: "expression",
      formula: `AND(K${first}="план",TODAY()>DATE(2025,12,31))`,
    });
  });

  test("a summary per block counts measures, done, overdue, % done on time by formulas (cached for the build day)", () => {
    const summaries = rows.filter((r) => info(r)?.type === "summary");
    expect(summaries).toHaveLength(rows.filter((r) => info(r)?.type === "block").length);
    const s = summaries[0][0] as { formula: string; value: string };
    expect(s.formula).toContain("SUMPRODUCT(");
    expect(s.formula).toContain("TODAY()");
    // Built on 01.10.2025: the municipal measures due before then are overdue.
    const due = items()
      .filter((r) => info(r)!.block === "М")
      .filter((r) => (r[col("deadline")] as Date) < new Date(2025, 9, 1)).length;
    expect(s.value).toBe(
      `Итого: мероприятий — 31; выполнено — 0; просрочено — ${due}; выполнено в срок — 0 % (от мероприятий, срок которых наступил)`,
    );
    // The overview after the blocks repeats the counts per block, on its own page.
    const overview = plan.blocks.find((b) => b.values[0]?.[0] === "Блок")!;
    expect(overview.values[0]).toEqual(["Блок", "Всего", "Выполнено", "Просрочено", "Выполнено в срок, %"]);
  });

  test("printable: A4 landscape, header repeated, each school's block starts on a new page, the service column hidden", () => {
    const header1 = plan.table!.at.row + 1;
    expect(plan.print).toMatchObject({
      orientation: "landscape",
      paper: "A4",
      fitToWidth: true,
      repeatRows: [header1, header1],
    });
    const blockRows = rows.flatMap((r, i) => (info(r)?.type === "block" ? [plan.table!.at.row + 1 + i] : []));
    expect(blockRows.length).toBeGreaterThan(5);
    expect(plan.print!.breaksBefore!.slice(0, blockRows.length - 1)).toEqual(blockRows.slice(1));
    expect(plan.table!.plain).toBe(true);
    expect(plan.table!.columns.find((c) => c.hidden)!.header).toBe("Служебный (не изменять)");
    expect(plan.freeze).toEqual({ rows: header1, cols: 0 });
  });
});

describe("«Динамика» from the sample register", () => {
  test("per ШНОР school, failure shares by year (ВПР pooled, ОГЭ, ЕГЭ) and a line chart over its table", () => {
    const tables = dynamicsTables({ list: built.list, results: built.registers.results });
    expect(tables.map((t) => t.school.code)).toEqual(built.list.schools.filter((s) => s.shnor).map((s) => s.code));
    const t8 = tables.find((t) => t.school.code === "700110")!;
    expect(t8.years).toEqual([2023, 2024, 2025]);
    const vpr = t8.rows.find((r) => r.label === "ВПР: доля «2»")!;
    // The same pooled share as R-DYN of the list (percent there, 0–1 here).
    expect(vpr.values[2]! * 100).toBeCloseTo(
      built.list.schools.find((s) => s.code === "700110")!.dynamics.vprFail.current!,
      6,
    );
    const dyn = built.sheets.find((s) => s.choice === "dynamics")!.plan;
    expect(dyn.charts).toHaveLength(5);
    expect(dyn.charts[0]).toMatchObject({ kind: "line", seriesBy: "rows" });
  });
});
