/**
 * «Аттестаты» (SPEC §2, seed 003 §4.1; issue 13): Школа, Учебный год, Выпускники (9 or 11 класс) and Не получили
 * аттестат (count or share). The grade comes from a «Класс» column, from the header («Выпускники 9 классов», «… об
 * основном общем образовании»), or from titles; a row with 9 and 11 column groups gives one record per grade.
 */
import type { AttestatRecord } from "../../core/types";
import { defineKind, type FieldDef } from "../kind";
import { parseGradeCell } from "../values";
import * as F from "./fields";
import { dedupeSchoolYear, headerTest, readSchoolYearRows, type RowEnv, type SchoolYearRow } from "./schoolYear";

export type AttestatRow = SchoolYearRow<AttestatRecord>;

const G9 = /(^| )9( |$)|(^| )ix( |$)|основн/;
const G11 = /(^| )11( |$)|(^| )xi( |$)|среднего общ|средн\S* общ/;
const GRAD = /выпускник/;
const NO_ATT = /(не получ|без аттестат|не выдан|не имеющ)/;

const fields: FieldDef[] = [
  {
    id: "graduates9",
    label: "Выпускники 9 класса",
    synonyms: [],
    test: headerTest([GRAD, G9], [/аттестат/, G11]),
  },
  {
    id: "graduates11",
    label: "Выпускники 11 класса",
    synonyms: [],
    test: headerTest([GRAD, G11], [/аттестат/, G9]),
  },
  {
    id: "noAttestat9",
    label: "Не получили аттестат (9 класс)",
    synonyms: [],
    test: headerTest([/аттестат/, NO_ATT, G9], [G11]),
  },
  {
    id: "noAttestat11",
    label: "Не получили аттестат (11 класс)",
    synonyms: [],
    test: headerTest([/аттестат/, NO_ATT, G11], [G9]),
  },
  {
    id: "graduates",
    label: "Выпускники",
    synonyms: ["выпускники", "выпускников", "количество выпускников", "всего выпускников"],
    test: headerTest([GRAD], [/аттестат/, G9, G11]),
  },
  {
    id: "noAttestat",
    label: "Не получили аттестат",
    synonyms: ["не получили аттестат", "без аттестата"],
    test: headerTest([/аттестат/, NO_ATT], [G9, G11]),
  },
];

const IDS = fields.map((f) => f.id);

function readGrade(env: RowEnv, grade: 9 | 11 | null, graduatesField: string, noField: string): AttestatPart | null {
  const graduates = env.count(graduatesField, "Выпускники");
  if (graduates === null) return null;
  const m = env.measure(noField, "Не получили аттестат", graduates);
  const noAttestat = m === null ? null : (m.count ?? Math.round(m.share * graduates));
  return { grade, graduates, noAttestat };
}

type AttestatPart = Pick<AttestatRecord, "grade" | "graduates" | "noAttestat">;

export const attestatsKind = defineKind({
  id: "attestats",
  labels: { title: "Аттестаты", account: "реестр аттестатов", count: "строк реестра аттестатов" },
  fields: [F.schoolField, F.codeField, F.municipalityField, F.yearField, F.gradeField, ...fields],
  layouts: [
    {
      id: "list",
      label: null,
      requires: [
        ["school", "code"],
        ["graduates", "graduates9", "graduates11"],
      ],
    },
  ],
  excludes: [F.participantsField, F.failedField, F.failedShareField],
  contextFields: ["year", "grade"],
  identity: true,
  checkedAgainstSchools: true,
  read: (input) =>
    readSchoolYearRows(input, {
      valueFields: IDS,
      values: (env) => {
        const out: AttestatPart[] = [];
        let bad = false;
        const add = (grade: 9 | 11 | null, gf: string, nf: string) => {
          if (env.col(gf) === undefined || env.allBlank([gf, nf])) return;
          if (env.allBlank([gf])) {
            env.problem(gf, "Не указано число выпускников");
            bad = true;
            return;
          }
          const part = readGrade(env, grade, gf, nf);
          if (part) out.push(part);
          else bad = true;
        };
        add(9, "graduates9", "noAttestat9");
        add(11, "graduates11", "noAttestat11");
        if (env.col("graduates") !== undefined) {
          let grade: 9 | 11 | null = null;
          const p = parseGradeCell(env.cell("grade"));
          if (!p.ok) {
            env.problem("grade", `Класс: ${p.message}`);
            return null;
          }
          const g = p.value?.grade ?? (input.ctx.values.grade ? Number(input.ctx.values.grade.value) : null);
          if (g !== null && g !== 9 && g !== 11) {
            env.problem(
              env.col("grade") !== undefined ? "grade" : "graduates",
              `Класс ${g}: аттестаты выдают в 9 и 11 классах`,
            );
            return null;
          }
          grade = g as 9 | 11 | null;
          add(grade, "graduates", "noAttestat");
        }
        if (bad) return null;
        return out.length ? out : null;
      },
    }),
  combine: (items) => dedupeSchoolYear(items, (r) => `${r.year}|${r.grade ?? ""}`, "аттестаты"),
});
