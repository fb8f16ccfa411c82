/**
 * The committed demo register (samples/) shows every rule at work and is exactly what scripts/make-samples.ts
 * generates (R-LOW, R-SHNOR rules 1 and 2, R-UNIT, R-MARK, R-DYN, R-LIST, SPEC §2 problems).
 */
import path from "node:path";
import { buildAnnualList } from "../../../src/app";
import { readXlsxFile, readXlsxBuffer } from "../../../src/xlsx/readWorkbook";
import { makeSampleWorkbook, SAMPLE_NAME } from "../../../scripts/make-samples";
import type { BuildListResult } from "../../../src/app";
import { school } from "./helpers";

const SAMPLE = path.resolve(__dirname, "..", "..", "..", "samples", SAMPLE_NAME);

let r: BuildListResult;
beforeAll(async () => {
  r = buildAnnualList([await readXlsxFile(SAMPLE)]);
});

describe("samples/Реестр результатов района.xlsx", () => {
  test("the committed file holds exactly what the seeded generator writes", async () => {
    const wb = await makeSampleWorkbook();
    const fresh = await readXlsxBuffer(Buffer.from(await wb.xlsx.writeBuffer()), SAMPLE_NAME);
    const committed = await readXlsxFile(SAMPLE);
    expect(fresh.sheets.map((s) => s.name)).toEqual([
      "Школы",
      "ВПР",
      "ГИА-9",
      "ГИА-11",
      "Социальный паспорт",
      "Кадры",
      "Поддержка",
      "Аттестаты",
      "Риски",
      "Сравнение с журналом",
    ]);
    expect(committed.sheets.map((s) => [s.name, s.values])).toEqual(fresh.sheets.map((s) => [s.name, s.values]));
  });

  test("≈30 schools, latest year 2025, ВПР + ОГЭ + ЕГЭ over three academic years", () => {
    expect(r.year).toBe(2025);
    expect(r.list.schools).toHaveLength(30);
    const years = new Set(r.registers.results.map((x) => x.year));
    expect([...years].sort()).toEqual([2023, 2024, 2025]);
    expect(new Set(r.registers.results.map((x) => x.procedure))).toEqual(new Set(["ВПР", "ОГЭ", "ЕГЭ"]));
  });

  test("R-SHNOR rule 1 only, rule 2 only, both; R-LIST включена / остаётся 2-й и 3-й год / исключена", () => {
    expect(school(r, "МБОУ «Каменская СОШ»")).toMatchObject({ shnor: true, rules: [1], change: "включена" });
    expect(school(r, "МБОУ «Никольская СОШ»")).toMatchObject({ shnor: true, rules: [2], change: "включена" });
    expect(school(r, "МБОУ «СОШ № 8»")).toMatchObject({
      shnor: true,
      rules: [1, 2],
      change: "остаётся",
      yearsOnList: 3,
    });
    expect(school(r, "МБОУ «СОШ № 10»")).toMatchObject({ shnor: true, rules: [2], change: "остаётся", yearsOnList: 2 });
    expect(school(r, "МБОУ «СОШ № 5»")).toMatchObject({ shnor: false, change: "исключена" });
    expect(school(r, "МБОУ «Заречная СОШ»")).toMatchObject({ shnor: false, change: "исключена" });
  });

  test("R-LOW boundary: exactly 30 % (15 of 50, classes 4А + 4Б summed) is low; 29,4 % is not", () => {
    const s10 = school(r, "МБОУ «СОШ № 10»");
    expect(s10.lowUnits.find((u) => u.year === 2025)).toMatchObject({ participants: 50, failed: 15, share: 0.3 });
    expect(s10.markers).toEqual(["4Б"]);
    expect(school(r, "МБОУ «Заречная СОШ»").lowUnits.filter((u) => u.year === 2025)).toEqual([]);
  });

  test("R-MARK markers, R-DYN positive and negative, a single low unit, a school without Y−1 data", () => {
    expect(school(r, "МБОУ «СОШ № 8»").markers).toEqual(["5А", "7А", "7Б"]);
    expect(school(r, "МБОУ «СОШ № 5»").dynamics.vprFail.verdict).toBe("положительная");
    expect(school(r, "МБОУ «Каменская СОШ»").dynamics.vprFail.verdict).toBe("отрицательная");
    expect(school(r, "МБОУ «Полевская ООШ»")).toMatchObject({ shnor: false });
    expect(school(r, "МБОУ «Полевская ООШ»").lowUnits).toHaveLength(1);
    expect(school(r, "МБОУ «СОШ № 14»")).toMatchObject({ shnor: false, hasPreviousYear: false });
  });

  test("issue 13: every status — ШНОР и ШССУ, ШССУ, резильентная, с признаками необъективности; suggested partners", () => {
    const flags = (name: string) => school(r, name).status;
    expect(flags("МБОУ «Каменская СОШ»")).toEqual(["ШНОР", "ШССУ"]);
    expect(flags("МБОУ «Никольская СОШ»")).toEqual(["ШНОР", "ШССУ"]);
    expect(flags("МБОУ «Сосновская ООШ»")).toEqual(["ШССУ", "резильентная"]);
    for (const n of ["Ивановская", "Луговская", "Васильевская", "Полевская"])
      expect(flags(`МБОУ «${n} ООШ»`)).toEqual(["ШССУ"]);
    expect(flags("МБОУ «СОШ № 7»")).toEqual(["с признаками необъективности"]);
    expect(flags("МБОУ «СОШ № 8»")).toEqual(["ШНОР"]);
    expect(r.list.summary.status).toMatchObject({ shnor: 5, sscu: 7, shnorAndSscu: 2, resilient: 1, objectivity: 1 });
    expect(school(r, "МБОУ «Каменская СОШ»").partner).toMatchObject({ suggested: true });
    expect(school(r, "МБОУ «СОШ № 8»").partner).toMatchObject({
      school: "МБОУ «Гимназия № 2»",
      suggested: false,
      reason: "указана в реестре «Поддержка» (2024/2025)",
    });
    const risks8 = school(r, "МБОУ «СОШ № 8»")
      .risks.filter((x) => x.source === "entered")
      .map((x) => x.direction);
    expect(risks8).toEqual([2, 3, 8, 10, 1]);
    for (const kind of ["context", "staff", "support", "attestats", "risks", "journal"] as const)
      expect(r.registers[kind].length).toBeGreaterThan(0);
  });

  test("SPEC §2: the variant spelling is one school; unreadable cells are problems with their cells", () => {
    expect(r.list.schools.filter((s) => s.school === "МБОУ «СОШ № 3»")).toHaveLength(1);
    const cells = r.registers.problems.map((p) => `${p.sheet}!${p.cell}`);
    expect(cells.some((c) => c.startsWith("ВПР!F"))).toBe(true); // «двадцать» participants
    expect(cells.some((c) => c.startsWith("ВПР!G"))).toBe(true); // «2» > participants
    expect(cells.some((c) => c.startsWith("ГИА-11!B"))).toBe(true); // empty year
  });
});
