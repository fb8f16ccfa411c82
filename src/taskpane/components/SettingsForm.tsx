import * as React from "react";
import { Button, Field, Input, Switch, makeStyles, tokens } from "@fluentui/react-components";
import type { Settings } from "../../core/settings";
import type { PaneViewProps } from "../controller";
import { parseUserNumber } from "../labels";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
});

type NumKey = "threshold" | "minParticipants" | "tolerance" | "watchBand";

const NUMBER_FIELDS: { key: NumKey; label: string; hint: string; integer?: boolean }[] = [
  {
    key: "threshold",
    label: "Порог низкого результата, %",
    hint: "Результат низкий, если не справились не менее чем … % участников.",
  },
  {
    key: "minParticipants",
    label: "Минимум участников",
    hint: "Результат с меньшим числом участников не считается низким.",
    integer: true,
  },
  { key: "tolerance", label: "Допуск динамики, п. п.", hint: "Изменение меньше допуска — «без изменений»." },
  {
    key: "watchBand",
    label: "«На грани порога», п. п.",
    hint: "Предупреждение на следующий год, если доля не справившихся ниже порога не более чем на … п. п. (0 — не предупреждать).",
  },
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

  return (
    <form
      className={styles.root}
      aria-label="Настройки"
      onSubmit={(e) => {
        e.preventDefault();
        void controller.saveSettings();
      }}
    >
      {NUMBER_FIELDS.map((f) => (
        <Field
          key={f.key}
          label={f.label}
          hint={f.hint}
          validationState={errors[f.key] ? "error" : "none"}
          validationMessage={errors[f.key] || undefined}
        >
          <Input
            inputMode="decimal"
            value={text(f.key, String(s[f.key]).replace(".", ","))}
            disabled={busy}
            onChange={(_, d) => {
              setDrafts((x) => ({ ...x, [f.key]: d.value }));
              const n = parseUserNumber(d.value);
              const ok =
                n !== null &&
                n >= 0 &&
                (!f.integer || Number.isInteger(n)) &&
                (f.key === "minParticipants" || n <= 100);
              commit(
                f.key,
                ok ? ({ [f.key]: n } as Partial<Settings>) : null,
                f.integer ? "Введите целое число не меньше 0." : "Введите число от 0 до 100.",
              );
            }}
          />
        </Field>
      ))}
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
      <Button type="submit" appearance={state.settingsDirty ? "primary" : "secondary"} disabled={busy}>
        Сохранить настройки {state.traits.savedIn}
      </Button>
    </form>
  );
}
