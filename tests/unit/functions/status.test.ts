/**
 * SHNOR.SOCIALINDEX, SHNOR.STATUS, SHNOR.OBJECTIVITY and SHNOR.RISKS (issue 13) called as Excel calls them, over the
 * ranges of a real .xlsx (the district fixture: «ВПР», «Социальный паспорт», «Риски»): R-SOC, R-RES, R-OBJ, R-RISK;
 * errors for a missing school, a range without its header, a year without data.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { objectivity, risks, socialIndexOf, status } from "../../../src/functions/functions";
import { resetKindRanges } from "../../../src/functions/kindRange";
import { resetCaches } from "../../../src/functions/registerRange";
import { readXlsxFile } from "../../../src/xlsx/readWorkbook";
import { DISTRICT, statusDistrict } from "../../../scripts/make-fixtures";
import { thrown, type Cell } from "./excel";

let dir: string;
const ranges: Record<string, Cell[][]> = {};
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "shnor-fn-status-"));
  const wb = await readXlsxFile(await statusDistrict(dir));
  for (const s of wb.sheets) {
    ranges[s.name] = s.values.map((r) => Array.from(r ?? [], (v) => (v === undefined ? null : (v as Cell))));
  }
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
beforeEach(() => {
  resetCaches();
  resetKindRanges();
});

const inv = (...addresses: string[]) => ({ parameterAddresses: addresses }) as CustomFunctions.Invocation;
const copy = (name: string): Cell[][] => ranges[name].map((r) => [...r]);
const d = (k: keyof typeof DISTRICT) => DISTRICT[k].name;

describe("SHNOR.SOCIALINDEX (R-SOC)", () => {
  test("R-SOC: the ИСБ of the passport alone — the lowest for F; the same value for G and H; a later year takes the latest passport", () => {
    const at = inv("'Социальный паспорт'!A1:H13");
    const f = socialIndexOf(copy("Социальный паспорт"), 2025, d("F"), at);
    const a = socialIndexOf(copy("Социальный паспорт"), "2024/2025", d("A"), at);
    expect(f).toBeLessThan(0);
    expect(a).toBeGreaterThan(0);
    expect(socialIndexOf(copy("Социальный паспорт"), 2025, d("G"), at)).toBe(
      socialIndexOf(copy("Социальный паспорт"), 2025, d("H"), at),
    );
    // A later list year takes the latest earlier passport.
    expect(socialIndexOf(copy("Социальный паспорт"), 2026, d("F"), at)).toBe(f);
  });

  test("no indicator, no row, no passport for the year, a range without the header: #Н/Д / #ЗНАЧ! in Russian", () => {
    const at = inv("'Социальный паспорт'!A1:H13");
    expect(thrown(() => socialIndexOf(copy("Социальный паспорт"), 2025, d("I"), at)).message).toBe(
      "ИСБ не вычислен: в социальном паспорте 2024/2025 нет ни одного показателя",
    );
    expect(thrown(() => socialIndexOf(copy("Социальный паспорт"), 2025, d("J"), at)).message).toBe(
      `школа «${d("J")}» не найдена в социальном паспорте`,
    );
    expect(thrown(() => socialIndexOf(copy("Социальный паспорт"), 2024, d("F"), at)).message).toBe(
      "нет социального паспорта за 2023/2024 учебный год и ранее",
    );
    const e = thrown(() => socialIndexOf(copy("ВПР"), 2025, d("F"), inv("ВПР!A1:J31")));
    expect(e.code).toBe(CustomFunctions.ErrorCode.invalidValue);
    expect(e.message).toContain(
      "контекст: В диапазоне не найдена строка заголовка реестра «Контекст (социальный паспорт)»",
    );
  });
});

describe("SHNOR.STATUS (R-SHNOR, R-SOC, R-RES, R-OBJ)", () => {
  const at = inv("ВПР!A1:J31", "Лист1!K1", "Лист1!L1", "'Социальный паспорт'!A1:H13");
  test("with the passport: «ШНОР и ШССУ», «ШССУ, резильентная», «не ШНОР, не ШССУ»", () => {
    const st = (k: keyof typeof DISTRICT) => status(copy("ВПР"), 2025, d(k), copy("Социальный паспорт"), at)[0][0];
    expect(st("F")).toBe("ШНОР и ШССУ");
    expect(st("J")).toBe("ШНОР");
    expect(st("D")).toBe("не ШНОР, не ШССУ");
    // In the function the ИСБ has the passport's indicators only (no «Школы», no «Кадры»): G and H are still tied at
    // the cut; G's ВПР share is at the median (resilient), H's above it.
    expect(st("G")).toBe("ШССУ, резильентная");
    expect(st("H")).toBe("ШССУ");
  });

  test("without the passport: ШНОР and objectivity only (R-OBJ-2 from the marks of the range)", () => {
    const st = (k: keyof typeof DISTRICT) => status(copy("ВПР"), 2025, d(k), null as unknown as unknown[][], at)[0][0];
    expect(st("F")).toBe("ШНОР");
    expect(st("A")).toBe("с признаками необъективности");
    expect(st("D")).toBe("не ШНОР");
  });
});

describe("SHNOR.OBJECTIVITY (R-OBJ-2, R-OBJ-3)", () => {
  const at = inv("ВПР!A1:J31");
  test("R-OBJ: signs with their numbers; «признаков нет» when checked", () => {
    expect(objectivity(copy("ВПР"), 2025, d("A"), at)).toEqual([
      [
        "2025 · ВПР · 5 кл. · математика: нет «2», качество 90,0 % — выше муниципального 60,0 % на 30,0 п.п. (не меньше 30,0 п.п.)",
      ],
    ]);
    expect(String(objectivity(copy("ВПР"), 2025, d("C"), at)[0][0])).toContain("падение на 30,0 п.п.");
    expect(objectivity(copy("ВПР"), 2025, d("D"), at)).toEqual([["признаков нет"]]);
  });
});

describe("SHNOR.RISKS (R-RISK)", () => {
  const at = inv("Риски!A1:D5");
  test("R-RISK: high and medium risks as entered; none → «высоких и средних рисков нет»", () => {
    expect(risks(copy("Риски"), 2025, d("F"), at)).toEqual([
      [
        "высокий: 1. Низкий уровень оснащения школы; 2. Дефицит педагогических кадров; " +
          "средний: 9. Низкий уровень вовлечённости родителей",
      ],
    ]);
    expect(risks(copy("Риски"), 2025, d("A"), at)).toEqual([["средний: 2. Дефицит педагогических кадров"]]);
    expect(risks(copy("Риски"), 2026, d("A"), at)).toEqual([
      ["средний: 2. Дефицит педагогических кадров (профиль 2024/2025)"],
    ]);
    const allLow = copy("Риски").map((r) => r.map((v) => (v === "средний" ? "низкий" : v)));
    expect(risks(allLow, 2025, d("A"), at)).toEqual([["высоких и средних рисков нет"]]);
    expect(thrown(() => risks(copy("Риски"), 2025, d("D"), at)).message).toBe(
      `школа «${d("D")}» не найдена в рисковом профиле`,
    );
    expect(thrown(() => risks(copy("Риски"), 2024, d("F"), at)).message).toBe(
      `школа «${d("F")}»: нет рискового профиля за 2023/2024 учебный год и ранее`,
    );
  });
});
