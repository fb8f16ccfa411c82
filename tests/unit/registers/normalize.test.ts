import {
  canonicalSubject,
  findProcedureInText,
  findSubjectInText,
  normalizeHeader,
  normalizeProcedure,
  normalizeSchoolName,
  schoolKeyOf,
  splitLoginFromName,
} from "../../../src/registers/normalize";
import { a1, colLetter, parseA1 } from "../../../src/registers/address";

describe("SPEC §2 header normalisation", () => {
  it("ignores case, ё/е, quotes, line breaks, spaces and punctuation; keeps «%»", () => {
    expect(normalizeHeader("Оценочная\nпроцедура")).toBe("оценочная процедура");
    expect(normalizeHeader("  Кол-во  уч. ")).toBe("кол во уч");
    expect(normalizeHeader("Получили «2»")).toBe("получили 2");
    expect(normalizeHeader("% «2»")).toBe("% 2");
    expect(normalizeHeader("Школа-партнёр")).toBe("школа партнер");
  });
});

describe("SPEC §2 school identity", () => {
  it("normalises variant spellings of one school to one key", () => {
    const spellings = ['МОУ "СОШ №1"', "мОУ «сош № 1»", "МОУ  СОШ № 1", "МОУ “СОШ № 1”"];
    const keys = new Set(spellings.map((s) => schoolKeyOf(s, null)));
    expect([...keys]).toEqual(["name:моу сош № 1"]);
    expect(normalizeSchoolName("МОУ «ООШ с. Ёлкино»")).toBe("моу оош с.елкино");
  });

  it("takes the ФИС ОКО login out of the name cell (issue 8)", () => {
    expect(splitLoginFromName("(sch700001) МОУ «СОШ № 1»")).toEqual({ login: "sch700001", name: "МОУ «СОШ № 1»" });
    expect(splitLoginFromName("(SCH700001 ) МОУ СОШ №1")).toEqual({ login: "sch700001", name: "МОУ СОШ №1" });
    expect(splitLoginFromName("МОУ СОШ № 1")).toEqual({ login: null, name: "МОУ СОШ № 1" });
  });

  it("the same login under different spellings is one school", () => {
    expect(schoolKeyOf("МОУ «СОШ № 1»", "SCH700001")).toBe("code:sch700001");
    expect(schoolKeyOf("(sch700001) Школа 1", null)).toBe("code:sch700001");
    expect(schoolKeyOf("Школа", 630001)).toBe("code:630001");
  });
});

describe("SPEC §2 subjects and procedures", () => {
  it("canonicalises subjects, mathematics levels are variants", () => {
    expect(canonicalSubject("Математика (базовая)")).toEqual({ subject: "математика", variant: "базовая" });
    expect(canonicalSubject("математика профильная")).toEqual({ subject: "математика", variant: "профильная" });
    expect(canonicalSubject("Русский язык")).toEqual({ subject: "русский язык", variant: null });
    expect(canonicalSubject("Физика")).toEqual({ subject: "физика", variant: null });
    expect(canonicalSubject("Краеведение")).toEqual({ subject: "краеведение", variant: null });
    expect(canonicalSubject(" ")).toBeNull();
  });

  it("finds subjects inside titles and names", () => {
    expect(findSubjectInText("Предмет: Математика")?.subject).toBe("математика");
    expect(findSubjectInText("Проведение работы по математике, 5 класс")?.subject).toBe("математика");
    expect(findSubjectInText("ВПР 5 мат 2025")?.subject).toBe("математика");
    expect(findSubjectInText("Всероссийские проверочные работы 2025")).toBeNull();
    expect(findSubjectInText("Статистика по отметкам")).toBeNull();
  });

  it("matches procedures loosely; regional procedures keep their name", () => {
    expect(normalizeProcedure("всероссийская проверочная работа")).toBe("ВПР");
    expect(normalizeProcedure("ВПР")).toBe("ВПР");
    expect(normalizeProcedure("ГИА-9")).toBe("ОГЭ");
    expect(normalizeProcedure("ОГЭ")).toBe("ОГЭ");
    expect(normalizeProcedure("ГИА-11")).toBe("ЕГЭ");
    expect(normalizeProcedure("егэ")).toBe("ЕГЭ");
    expect(normalizeProcedure("Региональная диагностика")).toBe("Региональная диагностика");
    expect(findProcedureInText("Всероссийские проверочные работы 2025 (5 класс)")).toBe("ВПР");
    expect(findProcedureInText("Статистика по отметкам")).toBeNull();
  });
});

describe("A1 addresses", () => {
  it("round-trips", () => {
    expect(colLetter(0)).toBe("A");
    expect(colLetter(27)).toBe("AB");
    expect(a1(29, 7)).toBe("H30");
    expect(parseA1("H30")).toEqual({ row: 29, col: 7 });
    expect(parseA1("Лист1!$AB$2")).toEqual({ row: 1, col: 27 });
    expect(parseA1("не адрес")).toBeNull();
  });
});
