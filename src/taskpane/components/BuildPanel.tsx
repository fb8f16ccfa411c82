import * as React from "react";
import {
  Button,
  Field,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Select,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { PaneController, type PaneViewProps } from "../controller";
import { academicYear } from "../labels";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  sheets: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  hint: { color: tokens.colorNeutralForeground3 },
});

export function BuildPanel(props: PaneViewProps): React.JSX.Element {
  const { controller, state, busy } = props;
  const styles = useStyles();
  const latest = state.years.length ? state.years[state.years.length - 1] : null;
  const yearId = React.useId();
  const o = state.outcome;
  const single = o !== null && o.sheets.length <= 1;
  return (
    <section className={styles.root} aria-label="Построение листов">
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
      <Button appearance="primary" disabled={busy} onClick={() => void controller.buildAll()}>
        Построить всё
      </Button>
      <Text size={200} className={styles.hint}>
        Список, дорожная карта, показатели и динамика. При перестроении отметки, цели и факты сохраняются.
      </Text>
      <div className={styles.sheets} role="group" aria-label="Построить один лист">
        {PaneController.SHEETS.filter((x) => x.choice !== "list").map((x) => (
          <Button key={x.choice} size="small" disabled={busy} onClick={() => void controller.buildSheet(x.choice)}>
            {x.title}
          </Button>
        ))}
      </div>
      {o && (
        <MessageBar intent="success">
          <MessageBarBody>
            <MessageBarTitle>
              {single ? `Лист «${o.sheet}» построен` : `Построены листы: «${o.sheets.join("», «")}»`}
            </MessageBarTitle>
            Школ: {o.total}, ШНОР: {o.shnor} (включены впервые: {o.included}, исключены: {o.excluded}).
            {o.withSbi && ` ШССУ: ${o.sscu} (резильентных: ${o.resilient}).`}
            {o.objectivity > 0 && ` С признаками необъективности: ${o.objectivity}.`} На контроле (могут войти в список
            на {o.year + 1} год): {o.watched}.{o.kept ? ` Перенесено с прежних листов: ${o.kept}.` : ""}
          </MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}
