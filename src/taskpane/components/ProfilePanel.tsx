import * as React from "react";
import {
  Button,
  Combobox,
  Field,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Option,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { ALL_SCHOOLS, type PaneViewProps } from "../controller";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
});

/** Options shown at once: a district has dozens of schools, a region thousands — typing narrows them down. */
const MAX_OPTIONS = 200;
const ALL_LABEL = "Все школы — по странице на школу";

/** «Профиль ОО»: choose a school (or all), build its printable A4 page. */
export function ProfilePanel(props: PaneViewProps): React.JSX.Element {
  const { controller, state, busy } = props;
  const styles = useStyles();
  const chosen = state.profileSchool;
  const chosenLabel = chosen === ALL_SCHOOLS ? ALL_LABEL : (state.schools.find((c) => c.key === chosen)?.label ?? "");
  const [query, setQuery] = React.useState(chosenLabel);
  React.useEffect(() => setQuery(chosenLabel), [chosenLabel]);
  const q = query.trim().toLowerCase().replace(/ё/g, "е");
  const matching = state.schools.filter(
    (c) =>
      q === "" ||
      q === chosenLabel.toLowerCase().replace(/ё/g, "е") ||
      c.label.toLowerCase().replace(/ё/g, "е").includes(q) ||
      (c.code ?? "").toLowerCase().includes(q),
  );
  const shown = matching.slice(0, MAX_OPTIONS);
  const o = state.profileOutcome;
  return (
    <section className={styles.root} aria-label="Профиль школы">
      <Field
        label="Профиль школы"
        hint="Страница А4 на школу: результаты трёх лет, низкие результаты, динамика, предупреждения на следующий год или условия выхода из списка."
      >
        <Combobox
          aria-label="Школа для профиля"
          placeholder={state.schools.length ? "Начните вводить название или код ОО" : "Сначала распознайте реестры"}
          disabled={busy || state.schools.length === 0}
          value={query}
          selectedOptions={chosen ? [chosen] : []}
          onInput={(e) => setQuery((e.target as HTMLInputElement).value)}
          onOptionSelect={(_, d) => {
            controller.setProfileSchool(d.optionValue ?? null);
            setQuery(d.optionText ?? "");
          }}
        >
          <Option value={ALL_SCHOOLS} text={ALL_LABEL}>
            {ALL_LABEL}
          </Option>
          {shown.map((c) => (
            <Option key={c.key} value={c.key} text={c.label}>
              {`${c.label}${c.code ? ` (${c.code})` : ""}${c.shnor ? " — ШНОР" : c.watched ? " — на контроле" : ""}`}
            </Option>
          ))}
          {matching.length > shown.length && (
            <Option disabled value="__more" text="">
              {`… и ещё ${matching.length - shown.length}: уточните название`}
            </Option>
          )}
        </Combobox>
      </Field>
      <Button appearance="secondary" disabled={busy || chosen === null} onClick={() => void controller.buildProfile()}>
        Построить профиль
      </Button>
      {o && (
        <MessageBar intent="success">
          <MessageBarBody>
            <MessageBarTitle>Лист «{o.sheet}» построен</MessageBarTitle>
            {o.school ? `Профиль: ${o.school} — одна страница А4.` : `Школ: ${o.schools}, по странице А4 на школу.`}
          </MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}
