import { parseResultRecords, parseSchoolRecords, ResultRecordSchema } from "../../../src/core/schemas";
import { result, schoolRec } from "./records";

describe("zod schemas of records (boundaries)", () => {
  test("a valid result record passes unchanged (JSON round trip)", () => {
    const r = result({ participants: 20, failed: 5, marks: { m2: 5, m3: 5, m4: 5, m5: 5 } });
    expect(ResultRecordSchema.parse(JSON.parse(JSON.stringify(r)))).toEqual(r);
  });

  test("R-LOW input: failed > participants, fractional or negative counts are rejected with a message", () => {
    const { records, errors } = parseResultRecords([
      result({ participants: 10, failed: 11 }),
      result({ participants: 10.5 }),
      result({ failed: -1 }),
      result(),
    ]);
    expect(records).toHaveLength(1);
    expect(errors.some((e) => e.startsWith("[0] failed: не справившихся больше"))).toBe(true);
    expect(errors.some((e) => e.startsWith("[1] participants"))).toBe(true);
    expect(errors.some((e) => e.startsWith("[2] failed"))).toBe(true);
  });

  test("not an array → one error, no records", () => {
    expect(parseResultRecords({})).toEqual({ records: [], errors: ["ожидался массив записей"] });
  });

  test("school records", () => {
    const ok = schoolRec("СОШ № 1", { curator: "Иванова" });
    const { records, errors } = parseSchoolRecords([ok, { ...ok, schoolKey: "" }]);
    expect(records).toEqual([ok]);
    expect(errors).toHaveLength(1);
  });
});
