/**
 * Register kinds as DATA (SPEC §2, issue 8): fields with header synonyms and which fields a kind needs.
 * Adding a kind (context, staff, support, attestats, risks) means adding an entry here plus its row reader.
 * Synonyms are compared after normalizeHeader(); `contains` synonyms also match inside a longer header.
 */
import type { RegisterKindId } from "./types";

export interface FieldDef {
  id: string;
  /** Russian label for accounts and messages. */
  label: string;
  /** Whole-header synonyms (normalised on use). */
  synonyms: string[];
  /** Synonyms that may also stand inside a longer header («Количество участников ВПР»). */
  contains?: string[];
  /** A numeric header like 2..5 (mark columns): the cell may be the number itself. */
  numeric?: number;
}

export interface KindDef {
  id: RegisterKindId;
  title: string;
  fields: FieldDef[];
  /** Every listed group must be satisfied; a group is satisfied when any one of its field ids is mapped. */
  requires: string[][];
  /** Columns whose presence means the sheet is NOT of this kind (e.g. «Школы» has no year nor participants). */
  excludes?: FieldDef[];
  /** Row labels in the first data column that identify the kind (journal comparison layout). */
  rowMarkers?: string[];
  /** Fields that may come from titles, sheet and file names when there is no column (SPEC §2). */
  contextFields?: ("procedure" | "year" | "grade" | "subject")[];
}

const school: FieldDef = {
  id: "school",
  label: "Школа",
  synonyms: [
    "школа",
    "оо",
    "оу",
    "ноо",
    "образовательная организация",
    "общеобразовательная организация",
    "наименование оо",
    "наименование оу",
    "название оо",
    "название школы",
    "наименование школы",
    "наименование образовательной организации",
    "полное наименование оо",
    "краткое наименование оо",
    "группы участников",
    "организация",
    "учреждение",
    "наименование учреждения",
  ],
};

const code: FieldDef = {
  id: "code",
  label: "Код ОО",
  synonyms: ["код оо", "код оу", "логин", "логин оо", "логин оу", "код", "код школы", "логин фис око", "login"],
};

const year: FieldDef = {
  id: "year",
  label: "Учебный год",
  synonyms: ["учебный год", "год", "уч год", "год проведения"],
};

const procedure: FieldDef = {
  id: "procedure",
  label: "Процедура",
  synonyms: ["процедура", "оценочная процедура", "вид процедуры", "вид оценочной процедуры", "экзамен", "форма гиа"],
};

const subject: FieldDef = { id: "subject", label: "Предмет", synonyms: ["предмет", "учебный предмет", "дисциплина"] };

const grade: FieldDef = { id: "grade", label: "Класс", synonyms: ["класс", "параллель", "классы"] };

const participants: FieldDef = {
  id: "participants",
  label: "Участники",
  synonyms: [
    "участники",
    "участников",
    "писали",
    "кол во уч",
    "кол во участников",
    "количество участников",
    "число участников",
    "количество обучающихся писавших",
    "кол во писавших",
    "количество писавших",
    "количество участников чел",
  ],
  contains: ["количество участников", "кол во участников", "число участников"],
};

const failed: FieldDef = {
  id: "failed",
  label: "Не справились",
  synonyms: [
    "не справились",
    "получили 2",
    "получивших 2",
    "количество получивших 2",
    "кол во получивших 2",
    "число получивших 2",
    "кол во 2",
    "количество 2",
    "не преодолели минимальный порог",
    "не преодолели порог",
    "не набрали минимальный балл",
    "получили неудовлетворительный результат",
  ],
  contains: ["не преодолели минимальный порог", "не справились", "получивших 2"],
};

const failedShare: FieldDef = {
  id: "failedShare",
  label: "Доля не справившихся",
  synonyms: [
    "доля не справившихся",
    "% 2",
    "доля 2",
    "% не преодолевших порог",
    "% не преодолевших минимальный порог",
    "доля не преодолевших порог",
    "доля не преодолевших минимальный порог",
    "% не справившихся",
    "процент 2",
    "процент не справившихся",
    "доля получивших 2",
    "% получивших 2",
  ],
  contains: [
    "доля получивших 2",
    "% получивших 2",
    "доля не справившихся",
    "доля не преодолевших",
    "% не преодолевших",
    "% не справившихся",
  ],
};

const mark = (n: number): FieldDef => ({
  id: `m${n}`,
  label: `«${n}»`,
  synonyms: [`${n}`, `отметка ${n}`, `% ${n}`, `оценка ${n}`, `доля ${n}`, `кол во ${n}`],
  numeric: n,
});

/** Context fields of the kinds read per assessment (results, journal comparison). */
const CONTEXT_FIELDS: KindDef["contextFields"] = ["procedure", "year", "grade", "subject"];

export const RESULTS_KIND: KindDef = {
  id: "results",
  title: "Результаты",
  fields: [
    school,
    code,
    year,
    procedure,
    subject,
    grade,
    participants,
    mark(2),
    mark(3),
    mark(4),
    mark(5),
    failedShare,
    failed,
    { id: "lower", label: "Понизили", synonyms: ["понизили"], contains: ["понизили"] },
    { id: "confirmed", label: "Подтвердили", synonyms: ["подтвердили"], contains: ["подтвердили"] },
    { id: "higher", label: "Повысили", synonyms: ["повысили"], contains: ["повысили"] },
    { id: "average", label: "Средний балл", synonyms: ["средний балл", "средний первичный балл"] },
    {
      id: "municipality",
      label: "Муниципалитет",
      synonyms: ["муниципалитет", "мо", "муниципальное образование", "ате"],
    },
    { id: "schoolsCount", label: "Кол-во ОО", synonyms: ["кол во оо", "количество оо"] },
  ],
  requires: [["school", "code"], ["participants"], ["failed", "failedShare", "m2"]],
  contextFields: CONTEXT_FIELDS,
};

/** «Логин ОО» next to «Код ОО» in «Школы»: both codes of one school (issue 8, school identity). */
const login: FieldDef = {
  id: "login",
  label: "Логин ОО",
  synonyms: ["логин", "логин оо", "логин оу", "логин фис око", "login", "логин в фис око"],
};

export const SCHOOLS_KIND: KindDef = {
  id: "schools",
  title: "Школы",
  fields: [
    school,
    login,
    code,
    { id: "type", label: "Тип", synonyms: ["тип", "тип оо", "вид оо", "тип школы", "тип учреждения"] },
    {
      id: "locality",
      label: "Местность",
      synonyms: ["местность", "город село", "тип местности", "территория", "городская сельская", "расположение"],
    },
    { id: "curator", label: "Куратор", synonyms: ["куратор", "куратор школы"] },
    { id: "partner", label: "Школа-партнёр", synonyms: ["школа партнер", "партнер", "школа наставник", "наставник"] },
  ],
  requires: [["school"]],
  excludes: [
    participants,
    year,
    failed,
    failedShare,
    subject,
    {
      id: "total",
      label: "Всего",
      synonyms: ["всего обучающихся", "всего педагогов", "выпускники", "численность обучающихся"],
      contains: ["всего обучающихся", "всего педагогов", "выпускник", "численность"],
    },
  ],
};

export const JOURNAL_KIND: KindDef = {
  id: "journal",
  title: "Сравнение отметок с отметками по журналу",
  fields: [
    school,
    code,
    { id: "count", label: "Кол-во участников", synonyms: participants.synonyms, contains: participants.contains },
    { id: "percent", label: "%", synonyms: ["%", "доля", "доля участников", "% участников", "процент"] },
  ],
  requires: [["school"], ["count", "percent"]],
  rowMarkers: ["понизили", "подтвердили", "повысили"],
  contextFields: CONTEXT_FIELDS,
};

/** Kinds in the order they are tried; journal first, because its header resembles a results header. */
export const KINDS: KindDef[] = [JOURNAL_KIND, RESULTS_KIND, SCHOOLS_KIND];

export function kindById(id: RegisterKindId): KindDef {
  const k = KINDS.find((x) => x.id === id);
  if (!k) throw new Error(`Неизвестный вид реестра: ${id}`);
  return k;
}
