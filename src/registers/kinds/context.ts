/**
 * «Контекст» — the social passport of schools (SPEC §2, seeds 000, 003; issue 13): Школа, Учебный год, Всего
 * обучающихся and the indicators of R-SOC as counts or shares — on the school register / ОПДН, with ОВЗ, from families
 * in difficult situations (неблагополучные, СОП), from low-income families, for whom Russian is not native.
 */
import type { ContextIndicatorId, ContextRecord, Measure } from "../../core/types";
import { defineKind, type FieldDef } from "../kind";
import * as F from "./fields";
import { dedupeSchoolYear, headerTest, readSchoolYearRows, type SchoolYearRow } from "./schoolYear";

export type ContextRow = SchoolYearRow<ContextRecord>;

const PUPILS = /(обучающ|учащ|детей|дети|учеников|контингент)/;

/** The indicator columns: field id = ContextIndicatorId, label, header test. */
const INDICATORS: (FieldDef & { id: ContextIndicatorId })[] = [
  {
    id: "registered",
    label: "На внутришкольном учёте и учёте в ОПДН",
    synonyms: ["вшу и опдн", "на учете вшу опдн"],
    test: headerTest([/(внутришкольн|вшу)/, /(опдн|пдн|кдн|полиц|мвд)/]),
  },
  {
    id: "registeredSchool",
    label: "На внутришкольном учёте",
    synonyms: ["вшу", "на вшу"],
    test: headerTest([/(внутришкольн|вшу)/], [/(опдн|пдн|кдн|полиц|мвд)/]),
  },
  {
    id: "registeredPolice",
    label: "На учёте в ОПДН",
    synonyms: ["опдн", "пдн", "кдн", "на учете в опдн", "на учете в пдн"],
    test: headerTest([/(опдн|пдн|кдн|полиц|мвд|органах внутренних дел)/], [/(внутришкольн|вшу)/]),
  },
  {
    id: "disabled",
    label: "С ОВЗ",
    synonyms: ["овз", "с овз", "дети с овз"],
    test: headerTest([/(овз|ограниченными возможностями)/]),
  },
  {
    id: "troubled",
    label: "Из неблагополучных семей (СОП)",
    synonyms: ["соп", "неблагополучные семьи", "в соп"],
    test: headerTest([/(неблагополучн|(^| )соп( |$)|социально опасн|трудной жизненной|(^| )тжс( |$))/]),
  },
  {
    id: "lowIncome",
    label: "Из малоимущих семей",
    synonyms: ["малоимущие", "малообеспеченные"],
    test: headerTest([/(малоимущ|малообеспеч|низким доход|низкого дохода)/]),
  },
  {
    id: "nonNative",
    label: "Русский язык не родной",
    synonyms: ["инофоны", "билингвы", "неродной русский"],
    test: (t) =>
      /(инофон|билингв|не владеющ\S* русск|неродн)/.test(t) || (/родн/.test(t) && /(не |не$|не являет)/.test(t)),
  },
];

const INDICATOR_IDS = INDICATORS.map((f) => f.id);

const studentsField: FieldDef = {
  id: "students",
  label: "Всего обучающихся",
  synonyms: ["всего обучающихся", "обучающихся всего", "численность обучающихся", "контингент", "всего учащихся"],
  // The total, never one of the indicator columns («Количество обучающихся с ОВЗ»).
  test: (t) =>
    PUPILS.test(t) &&
    /(всего|численност|количеств|кол во|число|контингент)/.test(t) &&
    !INDICATORS.some((f) => f.test!(t, "")),
};

export const contextKind = defineKind({
  id: "context",
  labels: {
    title: "Контекст (социальный паспорт)",
    account: "социальный паспорт (контекст)",
    count: "строк социального паспорта",
  },
  fields: [F.schoolField, F.codeField, F.municipalityField, F.yearField, studentsField, ...INDICATORS],
  layouts: [{ id: "list", label: null, requires: [["school", "code"], ["students"], INDICATOR_IDS] }],
  excludes: [F.participantsField, F.failedField, F.failedShareField],
  contextFields: ["year"],
  identity: true,
  checkedAgainstSchools: true,
  read: (input) =>
    readSchoolYearRows(input, {
      valueFields: ["students", ...INDICATOR_IDS],
      values: (env) => {
        const students = env.count("students", "Всего обучающихся");
        if (students === null) {
          if (env.col("students") !== undefined && env.allBlank(["students"]))
            env.problem("students", "Не указано, сколько всего обучающихся (без этого доли не посчитать)");
          return null;
        }
        const indicators: Partial<Record<ContextIndicatorId, Measure>> = {};
        for (const f of INDICATORS) {
          const m = env.measure(f.id, f.label, students);
          if (m) indicators[f.id] = m;
        }
        return { students, indicators };
      },
    }),
  combine: (items) => dedupeSchoolYear(items, (r) => String(r.year), "социальный паспорт"),
});
