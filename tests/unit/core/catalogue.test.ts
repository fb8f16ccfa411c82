/**
 * The measure catalogue (SPEC §7, issue 14): the shipped data file is seed 001's municipal roadmap (six sections, their
 * measures, deadlines relative to Y) plus school measures per trigger from seeds 000–004; deadlines, templates,
 * triggers typed by a department and the overrides of a «Мероприятия» sheet.
 */
import raw from "../../../src/core/data/measures.json";
import {
  applyOverrides,
  CatalogueSchema,
  fillTemplate,
  parseDeadline,
  parseTrigger,
  quarterOf,
  resolveDeadline,
  SHIPPED_CATALOGUE,
  type MeasureOverride,
} from "../../../src/core/catalogue";
import { RISK_DIRECTIONS } from "../../../src/core/status.types";

const ymd = (d: Date) => [d.getFullYear(), d.getMonth() + 1, d.getDate()];

describe("the shipped catalogue (src/core/data/measures.json)", () => {
  const c = SHIPPED_CATALOGUE;
  const municipal = c.sections.filter((s) => s.level === "municipal");

  test("the municipal block has seed 001's six sections, in order, with its titles", () => {
    expect(municipal.map((s) => s.title)).toEqual([
      "Совершенствование нормативно-правового сопровождения работы со школами с низкими образовательными результатами (ШНОР)",
      "Принятие управленческих решений на уровне муниципалитета",
      "Приведение базовой инфраструктуры школ в соответствие с современными требованиями",
      "Развитие кадрового потенциала школ",
      "Разработка и педагогическое сопровождение образовательных программ обучающихся",
      "Укрепление взаимодействия школ с родителями, социокультурными организациями, местным сообществом",
    ]);
  });

  test("seed 001's measures: 3 + 8 + 3 + 6 + 6 + 5, with its deadlines made relative to Y", () => {
    const count = (id: string) => c.measures.filter((m) => m.section === id).length;
    expect(municipal.map((s) => count(s.id))).toEqual([3, 8, 3, 6, 6, 5]);
    const m = (id: string) => c.measures.find((x) => x.id === id)!;
    expect(m("М1.1")).toMatchObject({ deadline: "до 20.08", text: expect.stringContaining("«дорожной карты»") });
    expect(m("М2.1").deadline).toBe("один раз в четверть");
    expect(m("М2.2").deadline).toBe("сентябрь");
    expect(m("М2.8").deadline).toBe("сентябрь–октябрь");
    expect(m("М1.2").deadline).toBe("ежегодно");
    expect(m("М3.1").deadline).toBe("постоянно");
    // The department's name is a setting, not seed 001's «МКУ «Управление образования Администрации Первомайского района»».
    expect(c.measures.some((x) => x.responsible.includes("Первомайск"))).toBe(false);
    expect(m("М1.1").responsible).toBe("{УО}");
  });

  test("every trigger kind of the brief has measures: school, low area (ВПР / ГИА), each risk 1–10, partner, curator", () => {
    const kinds = new Set(c.measures.map((m) => m.trigger.kind));
    expect([...kinds].sort()).toEqual(["curator", "low", "municipal", "partner", "risk", "school"]);
    for (const { direction } of RISK_DIRECTIONS) {
      expect(c.measures.some((m) => m.trigger.kind === "risk" && m.trigger.direction === direction)).toBe(true);
    }
    const low = c.measures.filter((m) => m.trigger.kind === "low");
    expect(low.some((m) => m.trigger.kind === "low" && m.trigger.procedures?.includes("ВПР"))).toBe(true);
    expect(low.some((m) => m.trigger.kind === "low" && m.trigger.procedures?.includes("ОГЭ"))).toBe(true);
    for (const has of [true, false]) {
      expect(c.measures.some((m) => m.trigger.kind === "partner" && m.trigger.has === has)).toBe(true);
      expect(c.measures.some((m) => m.trigger.kind === "curator" && m.trigger.has === has)).toBe(true);
    }
    // Every measure says which document it comes from.
    expect(c.measures.every((m) => m.source.length > 10)).toBe(true);
  });

  test("the schema refuses a broken file: duplicate codes, unknown sections, unreadable deadlines", () => {
    const bad = JSON.parse(JSON.stringify(raw));
    bad.measures[1].id = bad.measures[0].id;
    bad.measures[2].section = "99";
    bad.measures[3].deadline = "когда-нибудь";
    const r = CatalogueSchema.safeParse(bad);
    expect(r.success).toBe(false);
    const messages = r.success ? [] : r.error.issues.map((i) => i.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringContaining("повторяется"),
        "нет раздела 99",
        "срок «когда-нибудь» не распознан",
      ]),
    );
  });
});

describe("deadlines relative to Y", () => {
  test("texts of the seeds and of department sheets", () => {
    expect(parseDeadline("до 20.08")).toEqual({ kind: "date", day: 20, month: 8 });
    expect(parseDeadline("до 20.08.2020")).toEqual({ kind: "date", day: 20, month: 8 });
    expect(parseDeadline("Сентябрь 2020 года")).toEqual({ kind: "month", month: 9 });
    expect(parseDeadline("в сентябре")).toEqual({ kind: "month", month: 9 });
    expect(parseDeadline("Ежегодно сентябрь-октябрь в период до 2024 г")).toEqual({ kind: "month", month: 10 });
    expect(parseDeadline("Один раз в четверть")).toEqual({ kind: "quarterly" });
    expect(parseDeadline("ежеквартально")).toEqual({ kind: "quarterly" });
    expect(parseDeadline("IV квартал")).toEqual({ kind: "quarter", quarter: 4 });
    expect(parseDeadline("2 квартал")).toEqual({ kind: "quarter", quarter: 2 });
    expect(parseDeadline("ежегодно")).toEqual({ kind: "annual" });
    expect(parseDeadline("Постоянно")).toEqual({ kind: "continuous" });
    expect(parseDeadline("В течение 2020 г. и последующий период")).toEqual({ kind: "continuous" });
    expect(parseDeadline("в течение года")).toEqual({ kind: "continuous" });
    // A date cell: its day and month (Date from a file, a serial number from Office.js).
    expect(parseDeadline(new Date(Date.UTC(2020, 8, 15)))).toEqual({ kind: "date", day: 15, month: 9 });
    expect(parseDeadline(44089)).toEqual({ kind: "date", day: 15, month: 9 });
    for (const bad of ["когда-нибудь", "31.02", "", "до 40.13", null, 12.5e9]) expect(parseDeadline(bad)).toBeNull();
  });

  test("resolved in the calendar year Y: dates of Y, a month's last day, quarters planned", () => {
    const r = (t: string) => resolveDeadline(parseDeadline(t)!, 2025);
    expect(ymd(r("до 20.08").date)).toEqual([2025, 8, 20]);
    expect(r("до 20.08").quarters).toEqual([3]);
    expect(ymd(r("февраль").date)).toEqual([2025, 2, 28]);
    expect(ymd(resolveDeadline(parseDeadline("февраль")!, 2024).date)).toEqual([2024, 2, 29]);
    expect(ymd(r("сентябрь–октябрь").date)).toEqual([2025, 10, 31]);
    expect(r("один раз в четверть")).toEqual({ date: new Date(2025, 11, 31), quarters: [1, 2, 3, 4] });
    expect(r("постоянно")).toEqual({ date: new Date(2025, 11, 31), quarters: [4] });
    expect(ymd(r("II квартал").date)).toEqual([2025, 6, 30]);
    expect(ymd(resolveDeadline({ kind: "date", day: 29, month: 2 }, 2025).date)).toEqual([2025, 2, 28]);
  });

  test("setting roadmap.startMonth = 9: the period 01.09.Y–31.08.Y+1, months before September in Y+1", () => {
    const r = (t: string) => resolveDeadline(parseDeadline(t)!, 2025, 9);
    expect(ymd(r("сентябрь").date)).toEqual([2025, 9, 30]);
    expect(r("сентябрь").quarters).toEqual([1]);
    expect(ymd(r("апрель").date)).toEqual([2026, 4, 30]);
    expect(r("апрель").quarters).toEqual([3]);
    expect(ymd(r("ежегодно").date)).toEqual([2026, 8, 31]);
    expect(quarterOf(12, 9)).toBe(2);
    expect(quarterOf(8, 9)).toBe(4);
  });
});

describe("templates and typed triggers", () => {
  test("placeholders filled; an empty one leaves no «( )» behind; unknown ones stay visible", () => {
    expect(fillTemplate("Анализ: {область} ({классы})", { область: "ВПР, математика, 5 класс", классы: "5А" })).toBe(
      "Анализ: ВПР, математика, 5 класс (5А)",
    );
    expect(fillTemplate("Куратор ОО ({куратор})", { куратор: "" })).toBe("Куратор ОО");
    expect(fillTemplate("{УО}, руководитель ОО", { УО: "Отдел образования" })).toBe(
      "Отдел образования, руководитель ОО",
    );
    expect(fillTemplate("по {непонятно}", {})).toBe("по {непонятно}");
  });

  test("«Для чего» of a department's row", () => {
    const t = (s: string) => parseTrigger(s, RISK_DIRECTIONS);
    expect(t("муниципальный уровень")).toEqual({ kind: "municipal" });
    expect(t("все школы")).toEqual({ kind: "school" });
    expect(t("ШССУ")).toEqual({ kind: "school", status: ["ШССУ"] });
    expect(t("ШНОР и ШССУ")).toEqual({ kind: "school" });
    expect(t("низкий результат ВПР по математике")).toEqual({
      kind: "low",
      procedures: ["ВПР"],
      subjects: ["математика"],
    });
    expect(t("низкие результаты ГИА")).toEqual({ kind: "low", procedures: ["ОГЭ", "ЕГЭ"] });
    expect(t("риск 8")).toEqual({ kind: "risk", direction: 8 });
    expect(t("Риск № 10")).toEqual({ kind: "risk", direction: 10 });
    expect(t("Низкий уровень вовлечённости родителей")).toEqual({ kind: "risk", direction: 9 });
    expect(t("есть школа-партнёр")).toEqual({ kind: "partner", has: true });
    expect(t("нет школы-партнёра")).toEqual({ kind: "partner", has: false });
    expect(t("без куратора")).toEqual({ kind: "curator", has: false });
    expect(t("необъективные результаты")).toEqual({ kind: "school", status: ["с признаками необъективности"] });
    expect(t("для красоты")).toBeNull();
  });
});

describe("a «Мероприятия» sheet overrides and extends the catalogue", () => {
  const src = (row: number) => ({ sheet: "Мероприятия", row });
  const row = (o: Partial<MeasureOverride>, at: number): MeasureOverride => ({
    code: null,
    text: null,
    section: null,
    trigger: null,
    deadline: null,
    responsible: null,
    result: null,
    exclude: false,
    source: src(at),
    ...o,
  });

  test("by Код: fields overridden (empty ones kept), a measure excluded, new ones added at the end of their section", () => {
    const out = applyOverrides(SHIPPED_CATALOGUE, [
      row({ code: "м2.2", deadline: "до 15.09", responsible: "Петров П. П." }, 3),
      row({ code: "М3.2", exclude: true }, 4),
      row({ text: "Совещание руководителей ШНОР по итогам полугодия", section: "2", deadline: "январь" }, 5),
      row({ code: "Р9.9", text: "Родительский всеобуч", trigger: { kind: "risk", direction: 9 } }, 6),
      row({ text: "Наставники молодым учителям", section: "7. Работа с молодыми специалистами" }, 7),
      row({ code: "Х1", exclude: true }, 8),
      row({ text: "Школьное мероприятие", section: "Антирисковые меры" }, 9),
    ]);
    const c = out.catalogue;
    const m22 = c.measures.find((m) => m.id === "М2.2")!;
    expect(m22).toMatchObject({ deadline: "до 15.09", responsible: "Петров П. П." });
    expect(m22.text).toBe(SHIPPED_CATALOGUE.measures.find((m) => m.id === "М2.2")!.text);
    expect(c.measures.some((m) => m.id === "М3.2")).toBe(false);
    expect(out).toMatchObject({ overridden: ["М2.2"], excluded: ["М3.2"] });
    // The new municipal measure closes section 2 (after М2.8); the risk measure lands in section «Р».
    const ids = c.measures.map((m) => m.id);
    const added = out.added[0];
    expect(added).toMatch(/^Д[0-9a-z]{5}$/);
    expect(ids.indexOf(added)).toBe(ids.indexOf("М2.8") + 1);
    expect(c.measures.find((m) => m.id === "Р9.9")).toMatchObject({ section: "Р", deadline: "ежегодно" });
    // A section title not in the catalogue becomes a new municipal section (its number stripped).
    const s7 = c.sections.find((s) => s.title === "Работа с молодыми специалистами")!;
    expect(s7).toMatchObject({ id: "7", level: "municipal" });
    expect(c.sections.map((s) => s.id).indexOf("7")).toBe(6);
    expect(out.rejected).toEqual([
      { source: src(8), reason: "нет мероприятия с кодом «Х1»" },
      {
        source: src(9),
        reason:
          "для мероприятия раздела «Антирисковые меры (рисковый профиль проекта «500+»)» не указано, для какой школы оно (основание)",
      },
    ]);
    // The shipped catalogue itself is never changed.
    expect(SHIPPED_CATALOGUE.measures.some((m) => m.id === "М3.2")).toBe(true);
  });

  test("the code of a row without one is stable: the same text gives the same code", () => {
    const a = applyOverrides(SHIPPED_CATALOGUE, [row({ text: "Новое мероприятие", section: "1" }, 3)]);
    const b = applyOverrides(SHIPPED_CATALOGUE, [row({ text: "  Новое   мероприятие ", section: "1" }, 9)]);
    expect(a.added).toEqual(b.added);
  });
});
