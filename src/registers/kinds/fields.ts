/**
 * Field definitions shared by several register kinds (SPEC §2): the school, its code or login, the municipality,
 * the context fields and the result columns. Synonyms are compared after normalizeHeader(); `contains` synonyms also
 * match inside a longer header.
 */
import type { ContextField, FieldDef } from "../kind";

export const schoolField: FieldDef = {
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
    "наименование общеобразовательной организации",
    "полное наименование оо",
    "краткое наименование оо",
    "группы участников",
    "организация",
    "учреждение",
    "наименование учреждения",
  ],
};

export const codeField: FieldDef = {
  id: "code",
  label: "Код ОО",
  synonyms: [
    "код оо",
    "код оу",
    "логин",
    "логин оо",
    "логин оу",
    "код",
    "код школы",
    "логин фис око",
    "login",
    "пользователь",
  ],
};

export const municipalityField: FieldDef = {
  id: "municipality",
  label: "Муниципалитет",
  synonyms: [
    "муниципалитет",
    "мо",
    "муниципальное образование",
    "ате",
    "муниципальный район",
    "муниципальный район городской округ",
    "район",
  ],
};

export const yearField: FieldDef = {
  id: "year",
  label: "Учебный год",
  synonyms: ["учебный год", "год", "уч год", "год проведения"],
};

export const procedureField: FieldDef = {
  id: "procedure",
  label: "Процедура",
  synonyms: ["процедура", "оценочная процедура", "вид процедуры", "вид оценочной процедуры", "экзамен", "форма гиа"],
};

export const subjectField: FieldDef = {
  id: "subject",
  label: "Предмет",
  synonyms: ["предмет", "учебный предмет", "дисциплина"],
};

export const gradeField: FieldDef = { id: "grade", label: "Класс", synonyms: ["класс", "параллель", "классы"] };

export const participantsField: FieldDef = {
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

export const failedField: FieldDef = {
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

export const failedShareField: FieldDef = {
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

export const markField = (n: number): FieldDef => ({
  id: `m${n}`,
  label: `«${n}»`,
  synonyms: [`${n}`, `отметка ${n}`, `% ${n}`, `оценка ${n}`, `доля ${n}`, `кол во ${n}`],
  numeric: n,
});

export const averageField: FieldDef = {
  id: "average",
  label: "Средний балл",
  synonyms: ["средний балл", "средний первичный балл", "средний тестовый балл"],
};

/** Context fields of the kinds read per assessment (results, journal comparison, protocols). */
export const ASSESSMENT_CONTEXT: ContextField[] = ["procedure", "year", "grade", "subject"];

/**
 * The message of a sheet whose procedure nothing gives (issue 16 item 9): it names both ways to set it — the command
 * line and the pane.
 */
export const NO_PROCEDURE_HINT =
  "укажите её: в команде — параметром --procedure (например, --procedure ВПР), в области задач — " +
  "«Исправить сопоставление» → «Процедура для всего листа»";
