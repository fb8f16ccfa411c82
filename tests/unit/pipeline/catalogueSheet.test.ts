/**
 * The measure catalogue overridden by a department's «Мероприятия» sheet in its own workbook (issue 14; SPEC §7): the
 * sheet is read by its register kind (src/registers/kinds/measures.ts), applied to the shipped catalogue, and the
 * roadmap follows — an overridden deadline and responsible, an excluded measure gone, new measures where they
 * belong (a municipal section; a school block with risk 9 of R-RISK), a row that names no trigger rejected with its
 * cell. Both layouts of scripts/fixtures/programme.ts (the department's own, and seed 001's with section rows).
 */
import { buildAll, type BuildAllResult } from "../../../src/app";
import { ROADMAP_COLUMNS } from "../../../src/core/roadmap";
import { shownValue, type PlanCell } from "../../../src/core/sheetPlan";
import { parseServiceCell } from "../../../src/core/workSheet";
import { readXlsxFile } from "../../../src/xlsx/readWorkbook";
import {
  MEASURES_SHEET,
  PROGRAMME,
  programmeSheets,
  SEED_LAYOUT_SHEET,
  writeWorkbook,
} from "../../../scripts/make-fixtures";
import { tmpDir } from "./helpers";

const col = (key: string) => ROADMAP_COLUMNS.findIndex((c) => c.key === key);
const info = (r: PlanCell[]) => parseServiceCell(shownValue(r[col("service")]));

async function build(extra: typeof MEASURES_SHEET): Promise<{ built: BuildAllResult; rows: PlanCell[][] }> {
  const dir = tmpDir("shnor-measures-");
  const file = await writeWorkbook(`${dir}/Программа с мероприятиями.xlsx`, [...programmeSheets(), extra]);
  const built = buildAll([await readXlsxFile(file)], { generatedAt: new Date(2026, 0, 15) });
  return { built, rows: built.sheets.find((s) => s.choice === "roadmap")!.plan.table!.rows };
}

describe("«Мероприятия» in the department's own layout", () => {
  let built: BuildAllResult;
  let rows: PlanCell[][];
  const item = (code: string) => rows.find((r) => info(r)?.type === "item" && r[col("code")] === code);
  beforeAll(async () => ({ built, rows } = await build(MEASURES_SHEET)));

  test("the sheet is read as a «Мероприятия» register, not as results or a school list", () => {
    const a = built.registers.sheets.find((s) => s.sheet === "Мероприятия")!;
    expect(a.kind).toBe("measures");
    expect(built.registers.measures.length).toBeGreaterThanOrEqual(4);
  });

  test("М2.2 overridden: deadline «до 15.09» becomes 15.09.2021, the responsible is the department's", () => {
    const r = item("М2.2")!;
    const d = r[col("deadline")] as Date;
    expect([d.getFullYear(), d.getMonth() + 1, d.getDate()]).toEqual([2021, 9, 15]);
    expect(r[col("responsible")]).toBe("Петров П. П., начальник отдела");
    expect(String(r[col("measure")])).toMatch(/^Рассмотрение вопроса/);
    expect(built.catalogue.overridden).toContain("М2.2");
  });

  test("М3.2 excluded («Исключить: да»): not in the roadmap", () => {
    expect(item("М3.2")).toBeUndefined();
    expect(built.catalogue.excluded).toEqual(["М3.2"]);
  });

  test("a new municipal measure lands at the end of section 2 with a January 2021 deadline", () => {
    const i = rows.findIndex((r) => r[col("measure")] === "Совещание руководителей ШНОР по итогам первого полугодия");
    expect(i).toBeGreaterThan(0);
    expect(info(rows[i])!.block).toBe("М");
    expect(String(rows[i][col("no")])).toMatch(/^2\.\d+$/);
    const d = rows[i][col("deadline")] as Date;
    expect([d.getFullYear(), d.getMonth() + 1]).toEqual([2021, 1]);
  });

  test("a new measure for risk 9 appears in the block of the school with risk 9 «средний» (R-RISK), once per quarter", () => {
    const a = rows.find((r) => info(r)?.type === "block" && String(r[0]).includes(PROGRAMME.A.name))!;
    const mine = rows.filter((r) => info(r)?.type === "item" && info(r)!.block === info(a)!.block);
    const parents = mine.find((r) => String(r[col("measure")]).startsWith("Родительский всеобуч"));
    expect(parents).toBeDefined();
    expect(parents![col("code")]).toBe(`${PROGRAMME.A.code}-Р9.9`);
    expect(["q1", "q2", "q3", "q4"].map((q) => parents![col(q)])).toEqual(["план", "план", "план", "план"]);
    // No other school has risk 9 entered high or medium.
    const others = rows.filter(
      (r) => info(r)?.type === "item" && info(r)!.block !== info(a)!.block && String(r[col("code")]).endsWith("-Р9.9"),
    );
    expect(others).toEqual([]);
  });

  test("a row whose «Для чего» names no trigger is not used: a problem at its «Для чего» cell, in Russian", () => {
    const p = built.registers.problems.filter((x) => x.sheet === "Мероприятия");
    expect(p).toHaveLength(1);
    expect(p[0].cell).toBe("D7");
    expect(p[0].message).toMatch(/^«для красоты»: не понятно, для каких школ мероприятие/);
    expect(rows.some((r) => r[col("measure")] === "Открытые уроки учителей-партнёров")).toBe(false);
    expect(built.catalogue.rejected).toEqual([]);
  });
});

describe("«Мероприятия» in seed 001's layout (section rows, numbered columns)", () => {
  test("measures with their sections: 1.1 overrides nothing new, 7. is a new municipal section", async () => {
    const { built, rows } = await build(SEED_LAYOUT_SHEET);
    expect(built.registers.sheets.find((s) => s.sheet === "Мероприятия")!.kind).toBe("measures");
    const sections = rows.filter((r) => info(r)?.type === "section" && info(r)!.block === "М").map((r) => String(r[0]));
    expect(sections).toHaveLength(7);
    expect(sections[6]).toMatch(/^7\. Работа с молодыми специалистами$/);
    const mentor = rows.find((r) => r[col("measure")] === "Закрепление наставников за молодыми учителями ШНОР")!;
    const d = mentor[col("deadline")] as Date;
    expect([d.getFullYear(), d.getMonth() + 1]).toEqual([2021, 9]);
    expect(built.catalogue.rejected).toEqual([]);
  });
});
