/**
 * SHNOR.WATCH and SHNOR.EXIT (issue 15) over a register range with its header row, called as Excel calls them:
 * warnings for the next list (R-LOW «на грани» with maxFailed, one low unit), exit conditions of a ШНОР, and what
 * is said when the data cannot tell (R-SHNOR: missing Y−1 data is said, not taken as «no low results»).
 */
import { exit, watch } from "../../../src/functions/functions";
import { resetCaches } from "../../../src/functions/registerRange";
import { at, type Cell, register, thrown } from "./excel";

const ROWS: Cell[][] = [
  ["СОШ № 21", "2023/2024", "ВПР", 5, "Русский язык", 25, 2],
  ["СОШ № 21", "2024/2025", "ВПР", 5, "Русский язык", 24, 7], // 29,2 % — на грани: ещё 1 из 24
  ["СОШ № 24", "2023/2024", "ВПР", 5, "Математика", 50, 20],
  ["СОШ № 24", "2024/2025", "ВПР", 5, "Математика", 50, 18], // ШНОР (rule 2): не более 14 из 50
  ["ООШ с. Берёзовка", "2024/2025", "ВПР", 5, "Математика", 20, 7], // one low, no Y−1 data
  ["Лицей № 4", "2023/2024", "ВПР", 5, "Математика", 60, 3],
  ["Лицей № 4", "2024/2025", "ВПР", 5, "Математика", 60, 2],
];
const ADDRESS = "'Реестр'!A1:G9";
const reg = () => register(ROWS);

beforeEach(() => resetCaches());

describe("SHNOR.WATCH", () => {
  test("R-LOW: 29 % of 24 — «на грани», one more «2» makes it low", () => {
    expect(watch(reg(), 2025, "СОШ № 21", at(ADDRESS))).toEqual([
      [
        "На грани порога 30 % в 2024/2025 учебном году (до 5 п.п. ниже): ВПР 5 кл. русский язык — 29,2 % (7 из 24), ещё 1 из 24.",
      ],
    ]);
  });

  test("one low unit and no Y−1 data: «одна низкая»; nothing to watch: «предупреждений нет»; a ШНОР says so", () => {
    expect(watch(reg(), "2024/2025", "ООШ с. Берёзовка", at(ADDRESS))[0][0]).toMatch(
      /^Одна низкая работа в 2024\/2025 учебном году: ВПР 5 кл\. математика — 35,0 % \(7 из 20\); любая низкая работа в 2025\/2026/,
    );
    expect(watch(reg(), 2025, "Лицей № 4", at(ADDRESS))).toEqual([["предупреждений нет"]]);
    expect(watch(reg(), 2025, "СОШ № 24", at(ADDRESS))).toEqual([
      ["в списке ШНОР (условия выхода — SHNOR.EXIT); предупреждений нет"],
    ]);
  });

  test("no results in the list year: «нет данных»; an unknown school is #N/A", () => {
    expect(watch(reg(), 2026, "Лицей № 4", at(ADDRESS))).toEqual([
      ["нет данных: нет результатов за 2025/2026 учебный год"],
    ]);
    expect(thrown(() => watch(reg(), 2025, "Гимназия № 9", at(ADDRESS))).code).toBe("#N/A");
  });
});

describe("SHNOR.EXIT", () => {
  test("R-SHNOR: a ШНОР — «Список покидает, если …» with maxFailed at today's participants", () => {
    expect(exit(reg(), 2025, "СОШ № 24", at(ADDRESS))).toEqual([
      [
        "Список покидает, если в 2025/2026 учебном году ни одна работа не будет низкой (не менее 30 % не справившихся): " +
          "при нынешнем числе участников ВПР 5 кл. математика — не более 14 «2» из 50 (сейчас 18, на 4 меньше).",
      ],
    ]);
  });

  test("not ШНОР: «не в списке ШНОР»; one low unit without Y−1 data: «не определено: …»", () => {
    expect(exit(reg(), 2025, "Лицей № 4", at(ADDRESS))).toEqual([["не в списке ШНОР"]]);
    expect(exit(reg(), 2025, "ООШ с. Берёзовка", at(ADDRESS))).toEqual([
      ["не определено: нет данных за 2023/2024 учебный год — правило 2 не проверено"],
    ]);
  });
});
