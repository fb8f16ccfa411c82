/**
 * «Риски» — the risk profile of the federal project «500+» (SPEC §2, §6; seed 004; issue 13): Школа, Учебный год and
 * one column per risk direction (by its name — «Дефицит педагогических кадров» — or its number — «Риск 2», «2. …»),
 * levels высокий / средний / низкий, 1 / 0,5 / 0 or да / нет. A blank cell is «not entered» (a level may then be
 * suggested from data, never over an entered one).
 */
import type { CellValue, RiskDirection, RiskLevel, RiskRecord } from "../../core/types";
import { RISK_DIRECTIONS } from "../../core/status.types";
import { defineKind, type FieldDef } from "../kind";
import { basicText } from "../normalize";
import { cellText, isBlank } from "../values";
import * as F from "./fields";
import { dedupeSchoolYear, readSchoolYearRows, type SchoolYearRow } from "./schoolYear";

export type RiskRow = SchoolYearRow<RiskRecord>;

/** Words of each direction's name in a normalised header. */
const KEYWORDS: Record<RiskDirection, RegExp> = {
  1: /оснащ|материально техническ/,
  2: /дефицит\S* (педагог|кадр)|кадров\S* дефицит|нехватк\S* (педагог|кадр)/,
  3: /компетентн/,
  4: /адаптивн/,
  5: /(внутришкольн\S* систем\S* (повышени|пк))|(систем\S* повышени\S* квалификац)/,
  6: /языков|барьер/,
  7: /(образовательн|воспитательн)\S* (и \S+ )?сред/,
  8: /неуспешн/,
  9: /родител/,
  10: /мотивац/,
};

/** A header that starts with the direction's number: «Риск 2», «Р2», «2. Дефицит…», «Направление 2», «2» under «Риски». */
const NUMBERED = /^(?:риск |р |р(?=\d)|направление |рисковое направление |риск направление )?(\d{1,2})(?: |$)/;

function directionOf(text: string, group: string): RiskDirection | null {
  const m = NUMBERED.exec(text);
  // A bare number («2») is a risk column only under a group header naming risks (mark columns «2»…«5» are not).
  if (m && (m[0].trim() !== m[1] || text.length > m[0].length || /риск|направлен/.test(group))) {
    const n = Number(m[1]);
    return n >= 1 && n <= 10 ? (n as RiskDirection) : null;
  }
  for (const { direction } of RISK_DIRECTIONS) if (KEYWORDS[direction].test(text)) return direction;
  return null;
}

const RISK_FIELDS: FieldDef[] = RISK_DIRECTIONS.map(({ direction, name }) => ({
  id: `r${direction}`,
  label: `${direction}. ${name}`,
  synonyms: [],
  test: (t: string, group: string) => directionOf(t, group) === direction,
}));

const RISK_IDS = RISK_FIELDS.map((f) => f.id);

/** A level cell: the level, null when blank, "bad" otherwise (SPEC §6). */
export function parseRiskLevel(v: CellValue): RiskLevel | null | "bad" {
  if (isBlank(v)) return null;
  if (typeof v === "boolean") return v ? "высокий" : "низкий";
  if (typeof v === "number") return v === 1 ? "высокий" : v === 0.5 ? "средний" : v === 0 ? "низкий" : "bad";
  if (typeof v !== "string" || v.length > 60) return "bad";
  const t = basicText(v).replace(/[.!]+$/, "");
  if (/^(1|да|\+|есть|высок)/.test(t) && !/^1[,.]/.test(t)) return "высокий";
  if (/^(0[,.]5|средн|умерен)/.test(t)) return "средний";
  if (/^(0|нет|-|−|низк|отсутств|не выявлен)/.test(t)) return "низкий";
  return "bad";
}

export const risksKind = defineKind({
  id: "risks",
  labels: { title: "Риски", account: "рисковый профиль", count: "строк рискового профиля" },
  fields: [F.schoolField, F.codeField, F.municipalityField, F.yearField, ...RISK_FIELDS],
  layouts: [{ id: "list", label: null, requires: [["school", "code"], RISK_IDS] }],
  excludes: [F.participantsField, F.failedField, F.failedShareField],
  contextFields: ["year"],
  identity: true,
  checkedAgainstSchools: true,
  read: (input) => {
    const columns = RISK_DIRECTIONS.map((d) => d.direction).filter((d) => input.match.columns.has(`r${d}`));
    return readSchoolYearRows(input, {
      valueFields: RISK_IDS,
      values: (env) => {
        const levels: Partial<Record<RiskDirection, RiskLevel>> = {};
        let bad = false;
        for (const d of columns) {
          const v = parseRiskLevel(env.cell(`r${d}`));
          if (v === "bad") {
            env.problem(
              `r${d}`,
              `Риск ${d}: «${cellText(env.cell(`r${d}`))}» — ожидается «высокий», «средний», «низкий», 1, 0,5, 0, «да» или «нет»`,
            );
            bad = true;
          } else if (v !== null) levels[d] = v;
        }
        return bad ? null : { levels, columns };
      },
    });
  },
  combine: (items) => dedupeSchoolYear(items, (r) => String(r.year), "рисковый профиль"),
});
