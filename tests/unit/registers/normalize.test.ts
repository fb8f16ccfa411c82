import {
  canonicalSubject,
  codeKey,
  findLogin,
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
    expect(schoolKeyOf("МОУ «СОШ № 1»", "SCH700001")).toBe("login:700001");
    expect(schoolKeyOf("(sch700001) Школа 1", null)).toBe("login:700001");
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

describe("issue 16 item 1: ФИС ОКО logins — 2–4 Latin letters + 6 digits, the digits are the identity", () => {
  it("finds sch/edu/ksh/spo logins in their own cell and inside names, never a region login", () => {
    expect(findLogin("sch224052")).toBe("sch224052");
    expect(findLogin("EDU224052")).toBe("edu224052");
    expect(findLogin("ksh100200")).toBe("ksh100200");
    expect(findLogin("spo330001")).toBe("spo330001");
    expect(findLogin("город Дербент(reg05_m045)")).toBeNull();
    expect(findLogin("(reg050000)")).toBeNull();
    expect(findLogin("abcde123456")).toBeNull();
    expect(findLogin("sch1234567")).toBeNull();
  });

  it("takes the login out of every name form: (sch…) prefix, (edu…) suffix, «edu… | name»", () => {
    expect(splitLoginFromName("МКОУ «Герхмахинская СОШ»(edu053027)")).toEqual({
      login: "edu053027",
      name: "МКОУ «Герхмахинская СОШ»",
    });
    expect(splitLoginFromName('edu224052 | МБОУ "Вавилонская СОШ"')).toEqual({
      login: "edu224052",
      name: 'МБОУ "Вавилонская СОШ"',
    });
    expect(splitLoginFromName("(sch700001) МОУ …")).toEqual({ login: "sch700001", name: "МОУ …" });
    expect(splitLoginFromName("МБОУ «СОШ №1 г.Урус-Мартан»(edu203389)").name).toBe("МБОУ «СОШ №1 г.Урус-Мартан»");
  });

  it("sch224052 and edu224052 are one school; a regional Код ОО 224052 is not taken for a login", () => {
    expect(schoolKeyOf("МБОУ СОШ № 1", "sch224052")).toBe("login:224052");
    expect(schoolKeyOf("МБОУ СОШ № 1", "edu224052")).toBe("login:224052");
    expect(schoolKeyOf("(ksh224052) МБОУ СОШ № 1", null)).toBe("login:224052");
    expect(schoolKeyOf("МБОУ СОШ № 1", 224052)).toBe("code:224052");
    expect(codeKey("EDU224052 ")).toBe("login:224052");
  });
});

describe("issue 16 item 3: school names normalised for identity", () => {
  it("case, ё/е, every quote kind, every dash, zero-width characters, soft hyphens, NBSP, spaces around №", () => {
    const spellings = [
      "МБОУ «СОШ №2 с. Ёлкино-Центр»",
      "мбоу ‹сош № 2 с.елкино—центр›",
      'МБОУ "СОШ\u00a0№\u00a02 с. Елкино‑Центр"',
      "МБОУ <СОШ№2 с. Елкино–Центр>",
      "МБОУ „СОШ № 2\u200b с. Ел\u00adкино-Центр“",
      "МБОУ  'СОШ  №  2  с.  Елкино ‒ Центр'",
    ];
    const names = new Set(spellings.map((s) => normalizeSchoolName(s)));
    expect([...names]).toEqual(["мбоу сош № 2 с.елкино-центр"]);
  });
});
