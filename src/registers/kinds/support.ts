/**
 * «Поддержка» (SPEC §2, seed 003 §4.3, seed 002; issue 13): Школа, Учебный год; охвачена методической работой,
 * взаимодействие со школой-лидером / наставником, адресная помощь (да/нет); куратор; школа-партнёр. The curator and
 * the partner of a year win over those of «Школы».
 */
import type { SupportRecord } from "../../core/types";
import { defineKind, type FieldDef } from "../kind";
import * as F from "./fields";
import { dedupeSchoolYear, headerTest, readSchoolYearRows, type SchoolYearRow } from "./schoolYear";

export type SupportRow = SchoolYearRow<SupportRecord>;

const FLAGS: FieldDef[] = [
  {
    id: "methodical",
    label: "Методическая работа",
    synonyms: ["методическая работа", "методическая помощь", "методическое сопровождение"],
    test: headerTest([/методическ/], [/адресн|лидер|наставн|взаимодейств/]),
  },
  {
    id: "leaderPartnership",
    label: "Взаимодействие со школой-лидером / наставником",
    synonyms: ["взаимодействие со школой лидером", "взаимодействие с наставником"],
    test: headerTest([/(взаимодейств|сотрудничеств|сетев|партнерств|вовлеч)/]),
  },
  {
    id: "targetedHelp",
    label: "Адресная помощь",
    synonyms: ["адресная помощь", "адресная поддержка"],
    test: headerTest([/адресн/]),
  },
];

const curatorField: FieldDef = {
  id: "curator",
  label: "Куратор",
  synonyms: ["куратор", "куратор школы", "фио куратора"],
};
const partnerField: FieldDef = {
  id: "partner",
  label: "Школа-партнёр",
  synonyms: ["школа партнер", "партнер", "школа наставник", "школа лидер", "наставник", "школа партнер наставник"],
};

export const supportKind = defineKind({
  id: "support",
  labels: { title: "Поддержка", account: "реестр поддержки школ", count: "строк реестра поддержки" },
  fields: [F.schoolField, F.codeField, F.municipalityField, F.yearField, ...FLAGS, curatorField, partnerField],
  // A list of schools with a curator is «Школы»: «Поддержка» has a year or one of the yes/no columns.
  layouts: [
    {
      id: "list",
      label: null,
      requires: [
        ["school", "code"],
        ["year", "methodical", "leaderPartnership", "targetedHelp"],
        ["methodical", "leaderPartnership", "targetedHelp", "curator", "partner"],
      ],
    },
  ],
  excludes: [F.participantsField, F.failedField, F.failedShareField],
  contextFields: ["year"],
  identity: true,
  checkedAgainstSchools: true,
  read: (input) =>
    readSchoolYearRows(input, {
      valueFields: FLAGS.map((f) => f.id),
      textFields: ["curator", "partner"],
      values: (env) => ({
        methodical: env.flag("methodical", "Методическая работа"),
        leaderPartnership: env.flag("leaderPartnership", "Взаимодействие со школой-лидером"),
        targetedHelp: env.flag("targetedHelp", "Адресная помощь"),
        curator: env.text("curator"),
        partner: env.text("partner"),
      }),
    }),
  combine: (items) => dedupeSchoolYear(items, (r) => String(r.year), "поддержка"),
});
