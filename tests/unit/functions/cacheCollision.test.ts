/**
 * The register cache never answers from a hash collision (audit): with every range forced onto the same key, two
 * different registers still give their own verdicts, because a key hit is confirmed by an exact comparison.
 */
import { classify } from "../../../src/functions/functions";
import { cacheStats, resetCaches } from "../../../src/functions/registerRange";
import { at, register } from "./excel";

jest.mock("../../../src/functions/cache", () => {
  const actual = jest.requireActual("../../../src/functions/cache");
  return { ...actual, gridKey: () => "same-key-for-every-range" };
});

beforeEach(() => resetCaches());

test("R-SHNOR: two registers colliding on the key are told apart by content, each parsed on its own", () => {
  const low = register([
    ["СОШ № 1", 2025, "ВПР", 5, "Математика", 30, 15],
    ["СОШ № 1", 2025, "ВПР", 6, "Русский язык", 30, 15],
  ]);
  const fine = register([
    ["СОШ № 1", 2025, "ВПР", 5, "Математика", 30, 1],
    ["СОШ № 1", 2025, "ВПР", 6, "Русский язык", 30, 1],
  ]);
  expect(classify(low, 2025, "СОШ № 1", at("Лист1!A1:G4"))).toEqual([["ШНОР (правило 1)"]]);
  expect(classify(fine, 2025, "СОШ № 1", at("Лист1!A1:G4"))).toEqual([["не ШНОР"]]);
  expect(cacheStats.collisions).toBe(1);
  expect(cacheStats.parses).toBe(2);
  // The same content again is a confirmed hit.
  expect(classify(register(fine.slice(2)), 2025, "СОШ № 1", at("Лист1!A1:G4"))).toEqual([["не ШНОР"]]);
  expect(cacheStats.hits).toBe(1);
});
