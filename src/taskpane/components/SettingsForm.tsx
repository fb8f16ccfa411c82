import * as React from "react";
import { Button, Field, Input, Switch, Text, makeStyles, tokens } from "@fluentui/react-components";
import { SOCIAL_INDICATORS } from "../../core/status.types";
import type { Settings } from "../../core/settings";
import type { PaneViewProps } from "../controller";
import { parseUserNumber } from "../labels";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  group: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    border: "none",
    margin: 0,
    padding: 0,
    // A fieldset is as wide as its content by default (min-width: min-content): the pane would scroll sideways.
    minWidth: 0,
    paddingTop: tokens.spacingVerticalS,
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  legend: { padding: 0, fontWeight: tokens.fontWeightSemibold },
  // Fluent inputs are at least 250 px wide: two columns only where the pane is wide enough.
  weights: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fill, minmax(250px, 1fr))",
    gap: tokens.spacingHorizontalS,
  },
});

/**
 * One numeric setting: where it lives in Settings (a top-level key, or a key of `obj` / `risk` / `isbWeights`), its
 * Russian label and explanation, its range. `nullable`: a blank field is «not set» (null).
 */
interface NumberSetting {
  id: string;
  label: string;
  hint: string;
  min: number;
  max: number;
  integer?: boolean;
  nullable?: boolean;
  get(s: Settings): number | null;
  patch(s: Settings, v: number | null): Partial<Settings>;
}

const top = (
  key: "threshold" | "minParticipants" | "tolerance" | "watchBand" | "sssuShare",
  label: string,
  hint: string,
  max = 100,
  integer = false,
): NumberSetting => ({
  id: key,
  label,
  hint,
  min: 0,
  max,
  integer,
  get: (s) => s[key],
  patch: (_s, v) => ({ [key]: v }) as Partial<Settings>,
});

const obj = (
  key: keyof Settings["obj"],
  label: string,
  hint: string,
  range: { min?: number; max?: number; integer?: boolean; nullable?: boolean } = {},
): NumberSetting => ({
  id: `obj.${key}`,
  label,
  hint,
  min: range.min ?? 0,
  max: range.max ?? 100,
  ...(range.integer ? { integer: true } : {}),
  ...(range.nullable ? { nullable: true } : {}),
  get: (s) => s.obj[key],
  patch: (s, v) => ({ obj: { ...s.obj, [key]: v } }),
});

const risk = (key: keyof Settings["risk"], label: string, hint: string): NumberSetting => ({
  id: `risk.${key}`,
  label,
  hint,
  min: 0,
  max: 100,
  get: (s) => s.risk[key],
  patch: (s, v) => ({ risk: { ...s.risk, [key]: v as number } }),
});

const LIST_SETTINGS: NumberSetting[] = [
  top("threshold", "Порог низкого результата, %", "Результат низкий, если не справились не менее чем … % участников."),
  top(
    "minParticipants",
    "Минимум участников",
    "Результат с меньшим числом участников не считается низким.",
    1_000_000,
    true,
  ),
  top("tolerance", "Допуск динамики, п. п.", "Изменение меньше допуска — «без изменений»."),
  top(
    "watchBand",
    "«На грани порога», п. п.",
    "Предупреждение на следующий год, если доля не справившихся ниже порога не более чем на … п. п. (0 — не предупреждать).",
  ),
];

const SOCIAL_SETTINGS: NumberSetting[] = [
  top(
    "sssuShare",
    "Доля ШССУ, %",
    "Школы в сложных социальных условиях — столько процентов школ муниципалитета с наименьшим индексом социального " +
      "благополучия (ИСБ); школы с тем же ИСБ, что у последней, тоже включаются.",
  ),
  {
    id: "sssuCutoff",
    label: "Порог ИСБ вместо доли",
    hint: "Если указан, ШССУ — школы с ИСБ не выше этого числа (ИСБ 0 — как в среднем по муниципалитету, ниже — сложнее). Пусто — по доле.",
    min: -100,
    max: 100,
    nullable: true,
    get: (s) => s.sssuCutoff,
    patch: (_s, v) => ({ sssuCutoff: v }),
  },
];

const WEIGHT_SETTINGS: NumberSetting[] = SOCIAL_INDICATORS.map((i) => ({
  id: `isbWeights.${i.id}`,
  label: i.short.charAt(0).toUpperCase() + i.short.slice(1),
  hint: `Вес показателя «${i.name}» в ИСБ; 0 — не учитывать.`,
  min: 0,
  max: 100,
  get: (s) => s.isbWeights[i.id] ?? 1,
  patch: (s, v) => ({ isbWeights: { ...s.isbWeights, [i.id]: v as number } }),
}));

const OBJ_SETTINGS: NumberSetting[] = [
  obj(
    "confirmedBelow",
    "Подтвердили отметку по журналу меньше, %",
    "Признак необъективности ВПР: отметку по журналу подтвердили (или она совпала у учеников) меньше чем у … % участников.",
  ),
  obj(
    "lowerAtLeast",
    "Понизили отметку не меньше, %",
    "Признак: отметку ВПР ниже отметки по журналу получили не меньше … % участников — отметки по журналу завышены.",
  ),
  obj(
    "rhoBelow",
    "Согласованность с журналом ниже",
    "По протоколам учеников: коэффициент Спирмена между отметками ВПР и по журналу ниже этого числа (от −1 до 1; по методике ФИОКО — ниже 0).",
    { min: -1, max: 1 },
  ),
  obj(
    "qualityExcess",
    "Качество выше муниципального на, п. п.",
    "Аномально высокий результат: ни одной «2», а доля «4» и «5» выше муниципальной на … процентных пунктов и больше.",
  ),
  obj(
    "cohortDrop",
    "Падение качества 4 → 5 класс, п. п.",
    "Результат 4 класса под сомнением, если у тех же детей в 5 классе доля «4» и «5» ниже на … п. п. и больше.",
  ),
  obj(
    "minPupils",
    "Минимум учеников для проверки",
    "Результаты с меньшим числом учеников (где оно известно) на объективность не проверяются.",
    { min: 2, max: 1_000_000, integer: true },
  ),
  obj(
    "egeScoreSd",
    "Разброс баллов ЕГЭ (стандартное отклонение)",
    "Для таблиц, где есть только средний балл ЕГЭ: предполагаемый разброс баллов учеников, чтобы построить 95 % интервал. Пусто — средние баллы ЕГЭ не проверяются.",
    { min: 0.1, max: 100, nullable: true },
  ),
];

const RISK_SETTINGS: NumberSetting[] = [
  risk(
    "staffDeficitHigh",
    "Дефицит кадров: высокий риск от, %",
    "Оценка риска «Дефицит педагогических кадров» по реестру «Кадры», если уровень не введён: 1 − укомплектованность.",
  ),
  risk("staffDeficitMedium", "Дефицит кадров: средний риск от, %", "Ниже — низкий риск."),
  risk(
    "belowBaseHigh",
    "Не достигли базового уровня: высокий риск от, %",
    "Оценка риска «Недостаточная предметная и методическая компетентность» — доля педагогов ниже базового уровня.",
  ),
  risk("belowBaseMedium", "Не достигли базового уровня: средний риск от, %", "Ниже — низкий риск."),
  risk(
    "failHigh",
    "Доля «2» ВПР: высокий риск от, %",
    "Оценка риска «Высокая доля обучающихся с рисками учебной неуспешности» по доле «2» ВПР за год списка.",
  ),
  risk("failMedium", "Доля «2» ВПР: средний риск от, %", "Ниже — низкий риск."),
];

/** Settings of SPEC §8, saved in the workbook so that the SHNOR.* functions use the same values. */
export function SettingsForm(props: PaneViewProps): React.JSX.Element {
  const { controller, state, busy } = props;
  const styles = useStyles();
  const s = state.settings;
  const [drafts, setDrafts] = React.useState<Record<string, string>>({});
  const [errors, setErrors] = React.useState<Record<string, string>>({});

  const text = (key: string, value: string): string => drafts[key] ?? value;
  const commit = (key: string, patch: Partial<Settings> | null, bad: string): void => {
    if (!patch) {
      setErrors((e) => ({ ...e, [key]: bad }));
      return;
    }
    const problems = controller.updateSettings(patch);
    setErrors((e) => ({ ...e, [key]: problems.length ? bad : "" }));
  };

  const numberField = (f: NumberSetting): React.JSX.Element => {
    const current = f.get(s);
    const bad = f.integer
      ? `Введите целое число от ${f.min} до ${f.max.toLocaleString("ru-RU")}.`
      : `Введите число от ${String(f.min).replace(".", ",")} до ${f.max}${f.nullable ? " или оставьте поле пустым" : ""}.`;
    return (
      <Field
        key={f.id}
        label={f.label}
        hint={f.hint}
        validationState={errors[f.id] ? "error" : "none"}
        validationMessage={errors[f.id] || undefined}
      >
        <Input
          inputMode="decimal"
          value={text(f.id, current === null ? "" : String(current).replace(".", ","))}
          disabled={busy}
          onChange={(_, d) => {
            setDrafts((x) => ({ ...x, [f.id]: d.value }));
            if (f.nullable && d.value.trim() === "") {
              commit(f.id, f.patch(s, null), bad);
              return;
            }
            const n = parseUserNumber(d.value);
            const ok = n !== null && n >= f.min && n <= f.max && (!f.integer || Number.isInteger(n));
            commit(f.id, ok ? f.patch(s, n) : null, bad);
          }}
        />
      </Field>
    );
  };

  return (
    <form
      className={styles.root}
      aria-label="Настройки"
      onSubmit={(e) => {
        e.preventDefault();
        void controller.saveSettings();
      }}
    >
      {LIST_SETTINGS.map(numberField)}
      <Field
        label="Предметы"
        hint="Через запятую, как в реестре: русский язык, математика."
        validationState={errors.subjects ? "error" : "none"}
        validationMessage={errors.subjects || undefined}
      >
        <Input
          value={text("subjects", s.subjects.join(", "))}
          disabled={busy}
          onChange={(_, d) => {
            setDrafts((x) => ({ ...x, subjects: d.value }));
            const list = d.value
              .split(/[,;]/)
              .map((t) => t.trim().toLowerCase())
              .filter(Boolean);
            commit("subjects", list.length ? { subjects: list } : null, "Укажите хотя бы один предмет.");
          }}
        />
      </Field>
      <Field
        label="Пороги для сравнения, %"
        hint="Через точку с запятой (25; 30; 35): список при каждом из этих порогов рядом со списком при своём пороге — кто войдёт, кто выйдет."
        validationState={errors.sensitivityThresholds ? "error" : "none"}
        validationMessage={errors.sensitivityThresholds || undefined}
      >
        <Input
          value={text(
            "sensitivityThresholds",
            s.sensitivityThresholds.map((t) => String(t).replace(".", ",")).join("; "),
          )}
          disabled={busy}
          onChange={(_, d) => {
            setDrafts((x) => ({ ...x, sensitivityThresholds: d.value }));
            const parts = d.value
              .split(/[;\s]+|,\s+/)
              .map((t) => t.trim())
              .filter(Boolean);
            const values = parts.map(parseUserNumber);
            const ok = values.length > 0 && values.length <= 10 && values.every((n) => n !== null && n > 0 && n <= 100);
            commit(
              "sensitivityThresholds",
              ok ? { sensitivityThresholds: values as number[] } : null,
              "Введите от 1 до 10 чисел больше 0 и не больше 100, например 25; 30; 35.",
            );
          }}
        />
      </Field>
      <Switch
        label="Правило 2 — та же процедура в обоих годах"
        checked={s.rule2SameProcedure}
        disabled={busy}
        onChange={(_, d) => controller.updateSettings({ rule2SameProcedure: d.checked })}
      />
      <Switch
        label="Учитывать региональные процедуры"
        checked={s.includeRegional}
        disabled={busy}
        onChange={(_, d) => controller.updateSettings({ includeRegional: d.checked })}
      />
      <fieldset className={styles.group}>
        <legend className={styles.legend}>Школы в сложных социальных условиях (ШССУ)</legend>
        {SOCIAL_SETTINGS.map(numberField)}
        <Text size={200}>
          Веса показателей индекса социального благополучия (по социальному паспорту, местности и кадрам):
        </Text>
        <div className={styles.weights}>{WEIGHT_SETTINGS.map(numberField)}</div>
      </fieldset>
      <fieldset className={styles.group}>
        <legend className={styles.legend}>Признаки необъективности результатов</legend>
        {OBJ_SETTINGS.map(numberField)}
      </fieldset>
      <fieldset className={styles.group}>
        <legend className={styles.legend}>Оценка рисков «500+» по данным (если уровень не введён)</legend>
        {RISK_SETTINGS.map(numberField)}
      </fieldset>
      <fieldset className={styles.group}>
        <legend className={styles.legend}>Дорожная карта и показатели</legend>
        <Field
          label="Отдел (ответственный в мероприятиях муниципального уровня)"
          hint="Подставляется в заголовок дорожной карты и в столбец «Ответственный»."
          validationState={errors.department ? "error" : "none"}
          validationMessage={errors.department || undefined}
        >
          <Input
            value={text("department", s.roadmap.department)}
            disabled={busy}
            onChange={(_, d) => {
              setDrafts((x) => ({ ...x, department: d.value }));
              const name = d.value.replace(/\s+/g, " ").trim();
              commit(
                "department",
                name && name.length <= 200 ? { roadmap: { ...s.roadmap, department: name } } : null,
                "Укажите название отдела (до 200 знаков).",
              );
            }}
          />
        </Field>
        <Switch
          label="Блок мероприятий и для ШССУ, не входящих в список ШНОР"
          checked={s.roadmap.includeSscu}
          disabled={busy}
          onChange={(_, d) => controller.updateSettings({ roadmap: { ...s.roadmap, includeSscu: d.checked } })}
        />
        <Switch
          label="Антирисковые меры и при низком уровне риска"
          checked={s.roadmap.riskLevels.includes("низкий")}
          disabled={busy}
          onChange={(_, d) =>
            controller.updateSettings({
              roadmap: {
                ...s.roadmap,
                riskLevels: d.checked ? ["высокий", "средний", "низкий"] : ["высокий", "средний"],
              },
            })
          }
        />
        <Switch
          label="Мероприятия только по низким результатам года списка (без прошлого года)"
          checked={s.roadmap.lowYears === "current"}
          disabled={busy}
          onChange={(_, d) =>
            controller.updateSettings({ roadmap: { ...s.roadmap, lowYears: d.checked ? "current" : "both" } })
          }
        />
        <Switch
          label="Период дорожной карты — учебный год (сентябрь – август), а не календарный"
          checked={s.roadmap.startMonth === 9}
          disabled={busy}
          onChange={(_, d) => controller.updateSettings({ roadmap: { ...s.roadmap, startMonth: d.checked ? 9 : 1 } })}
        />
      </fieldset>
      <Button type="submit" appearance={state.settingsDirty ? "primary" : "secondary"} disabled={busy}>
        Сохранить настройки {state.traits.savedIn}
      </Button>
    </form>
  );
}

/** Every numeric setting the form shows (tests check each is explained in Russian, without rule codes). */
export const SETTINGS_FIELDS: readonly NumberSetting[] = [
  ...LIST_SETTINGS,
  ...SOCIAL_SETTINGS,
  ...WEIGHT_SETTINGS,
  ...OBJ_SETTINGS,
  ...RISK_SETTINGS,
];
