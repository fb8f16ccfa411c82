import * as React from "react";
import {
  Button,
  Field,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Select,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { PaneViewProps } from "../controller";
import { academicYear } from "../labels";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
});

export function BuildPanel(props: PaneViewProps): React.JSX.Element {
  const { controller, state, busy } = props;
  const styles = useStyles();
  const latest = state.years.length ? state.years[state.years.length - 1] : null;
  const yearId = React.useId();
  const o = state.outcome;
  return (
    <section className={styles.root} aria-label="Ежегодный список">
      <Field label="Год списка" hint="По умолчанию — последний учебный год в реестре результатов.">
        <Select
          id={yearId}
          value={state.year === null ? "" : String(state.year)}
          disabled={busy || state.years.length === 0}
          onChange={(_, d) => controller.setYear(d.value === "" ? null : Number(d.value))}
        >
          <option value="">{latest ? `последний (${academicYear(latest)})` : "нет данных"}</option>
          {[...state.years].reverse().map((y) => (
            <option key={y} value={String(y)}>
              {academicYear(y)}
            </option>
          ))}
        </Select>
      </Field>
      <Button appearance="primary" disabled={busy} onClick={() => void controller.buildList()}>
        Построить ежегодный список
      </Button>
      {o && (
        <MessageBar intent="success">
          <MessageBarBody>
            <MessageBarTitle>Лист «{o.sheet}» построен</MessageBarTitle>
            Школ: {o.total}, ШНОР: {o.shnor} (включены впервые: {o.included}, исключены: {o.excluded}).
            {o.withSbi && ` ШССУ: ${o.sscu} (резильентных: ${o.resilient}).`}
            {o.objectivity > 0 && ` С признаками необъективности: ${o.objectivity}.`} На контроле (могут войти в список
            на {o.year + 1} год): {o.watched}.
          </MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}
