/**
 * SHNOR.TARGET (issue 14, the «Показатели» sheet): Факт against Цель with the indicator's direction — «больше» (more
 * is better, the default), «меньше» (less is better), «да/нет» — called as Excel calls it: numbers, text numbers with a
 * decimal comma and «%», «да»/«нет», blanks as null / "" / 0 for the omitted direction, bad directions.
 */
import { target } from "../../../src/functions/functions";
import { thrown } from "./excel";

describe("TARGET", () => {
  test("«больше» (default): the fact reaches the target when it is not below it", () => {
    expect(target(0.65, 0.6)).toBe("достигнуто");
    expect(target(0.6, 0.6)).toBe("достигнуто");
    expect(target(0.55, 0.6)).toBe("не достигнуто");
    expect(target(0.65, 0.6, "больше")).toBe("достигнуто");
    expect(target("65 %", "60 %")).toBe("достигнуто");
    expect(target("12,5", 12)).toBe("достигнуто");
  });

  test("«меньше»: a share of «2» or of pupils without a certificate is reached when it is not above the target", () => {
    expect(target(0.12, 0.15, "меньше")).toBe("достигнуто");
    expect(target(0.15, 0.15, "меньше")).toBe("достигнуто");
    expect(target(0.2, 0.15, "меньше")).toBe("не достигнуто");
    expect(target("20 %", "15 %", "Меньше")).toBe("не достигнуто");
    expect(target(0.2, 0.15, "снижение")).toBe("не достигнуто");
  });

  test("«да/нет»: the same answer; text answers pick it by themselves", () => {
    expect(target("да", "да")).toBe("достигнуто");
    expect(target("нет", "да")).toBe("не достигнуто");
    expect(target("Да ", "да", "да/нет")).toBe("достигнуто");
    expect(target(true, "да", "да/нет")).toBe("достигнуто");
  });

  test("«нет данных» for an empty fact or target, or a text that is not a number", () => {
    expect(target(null, 0.6)).toBe("нет данных");
    expect(target(0.6, "")).toBe("нет данных");
    expect(target("вносится вручную", 0.6)).toBe("нет данных");
    expect(target("да", 0.6)).toBe("нет данных");
  });

  test("an omitted direction (null, or 0 from older Excel builds) is the default", () => {
    expect(target(0.2, 0.15, null)).toBe("достигнуто");
    expect(target(0.2, 0.15, 0)).toBe("достигнуто");
    expect(target(0.2, 0.15, "")).toBe("достигнуто");
  });

  test("a bad direction → #VALUE! with a Russian message naming it", () => {
    const e = thrown(() => target(0.2, 0.15, "вверх"));
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toBe("направление: «вверх» — укажите «больше», «меньше» или «да/нет»");
    expect(thrown(() => target(0.2, 0.15, 5)).code).toBe("#VALUE!");
  });
});
