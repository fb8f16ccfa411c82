/**
 * «Кадры» (SPEC §2, seed 003 §4.2; issue 13): Школа, Учебный год, Всего педагогов; прошли диагностику
 * профдефицитов, не достигли базового уровня, прошли ПК своевременно, участвовали в конкурсах (counts or shares),
 * вакансии (count) or укомплектованность (%). Feeds the R-SOC staffing deficit and the R-RISK suggestions 2 and 3.
 */
import type { StaffRecord } from "../../core/types";
import { defineKind, type FieldDef } from "../kind";
import * as F from "./fields";
import { dedupeSchoolYear, headerTest, readSchoolYearRows, type SchoolYearRow } from "./schoolYear";

export type StaffRow = SchoolYearRow<StaffRecord>;

const OTHER = [/диагност/, /базов/, /квалификац|(^| )пк( |$)|курс/, /конкурс/, /ваканс/, /укомплект/];

const teachersField: FieldDef = {
  id: "teachers",
  label: "Всего педагогов",
  synonyms: ["всего педагогов", "педагогов всего", "количество педагогов", "численность педагогов"],
  test: (t) =>
    /педагог|учител/.test(t) && /(всего|численност|количеств|кол во|число)/.test(t) && !OTHER.some((re) => re.test(t)),
};

const fields: FieldDef[] = [
  {
    id: "diagnosed",
    label: "Прошли диагностику профдефицитов",
    synonyms: ["диагностика профдефицитов"],
    test: headerTest([/диагност/], [/базов/]),
  },
  {
    id: "belowBase",
    label: "Не достигли базового уровня",
    synonyms: ["ниже базового уровня"],
    test: headerTest([/базов/]),
  },
  {
    id: "trainedOnTime",
    label: "Прошли ПК своевременно",
    synonyms: ["прошли пк", "пк своевременно", "курсы пк"],
    test: headerTest([/квалификац|(^| )пк( |$)|курсов/], [/диагност|базов|конкурс/]),
  },
  {
    id: "contests",
    label: "Участвовали в конкурсах",
    synonyms: ["конкурсы", "участие в конкурсах"],
    test: headerTest([/конкурс/]),
  },
  { id: "vacancies", label: "Вакансии", synonyms: ["вакансии", "количество вакансий"], test: headerTest([/ваканс/]) },
  {
    id: "staffing",
    label: "Укомплектованность, %",
    synonyms: ["укомплектованность", "укомплектованность кадрами"],
    test: headerTest([/укомплект/]),
  },
];

export const staffKind = defineKind({
  id: "staff",
  labels: { title: "Кадры", account: "реестр кадров", count: "строк реестра кадров" },
  fields: [F.schoolField, F.codeField, F.municipalityField, F.yearField, teachersField, ...fields],
  layouts: [{ id: "list", label: null, requires: [["school", "code"], ["teachers"]] }],
  excludes: [F.participantsField, F.failedField, F.failedShareField],
  contextFields: ["year"],
  identity: true,
  checkedAgainstSchools: true,
  read: (input) =>
    readSchoolYearRows(input, {
      valueFields: ["teachers", ...fields.map((f) => f.id)],
      values: (env) => {
        const teachers = env.count("teachers", "Всего педагогов");
        if (teachers === null) {
          if (env.allBlank(["teachers"])) env.problem("teachers", "Не указано, сколько всего педагогов");
          return null;
        }
        const diagnosed = env.measure("diagnosed", "Прошли диагностику", teachers);
        const belowBase = env.measure("belowBase", "Не достигли базового уровня", teachers);
        const vacancies = env.count("vacancies", "Вакансии");
        const staffing = env.share("staffing", "Укомплектованность");
        return {
          teachers,
          diagnosed,
          belowBase,
          trainedOnTime: env.measure("trainedOnTime", "Прошли ПК своевременно", teachers),
          contests: env.measure("contests", "Участвовали в конкурсах", teachers),
          vacancies,
          staffing,
        };
      },
    }),
  combine: (items) => dedupeSchoolYear(items, (r) => String(r.year), "кадры"),
});
