import * as React from "react";
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Badge,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Button,
  ProgressBar,
  Field,
  Text,
  Title3,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { PaneController } from "../controller";
import { usePane } from "../usePane";
import { BuildPanel } from "./BuildPanel";
import { ProfilePanel } from "./ProfilePanel";
import { RegistersView } from "./RegistersView";
import { SettingsForm } from "./SettingsForm";
import { ProblemsList } from "./ProblemsList";
import { ConfirmReplaceDialog } from "./ConfirmReplaceDialog";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
    minWidth: "280px",
    maxWidth: "100%",
    boxSizing: "border-box",
  },
  header: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS },
  sub: { color: tokens.colorNeutralForeground3 },
});

/**
 * The pane. Every host renders this same component tree; a host that is not Excel (the web page) adds its own parts
 * in the slots — the files it reads, what to show before a file is open, the download of what was built.
 */
export interface AppProps {
  controller: PaneController;
  /** The line under the title. */
  subtitle?: string;
  /** Right under the header, always shown (the web page's files). */
  top?: React.ReactNode;
  /** Shown instead of «Нужен Excel» when there is no host (the web page before a file is opened). */
  noHost?: React.ReactNode;
  /** After the build panel (the web page's download). */
  afterBuild?: React.ReactNode;
}

const PANE_SUBTITLE =
  "Школы с низкими образовательными результатами: ежегодный список, дорожная карта, показатели и динамика по реестрам книги";

export function App({ controller, subtitle, top, noHost, afterBuild }: AppProps): React.JSX.Element {
  const styles = useStyles();
  const state = usePane(controller);
  const busy = state.phase !== "idle";

  React.useEffect(() => {
    if (state.hasHost) void controller.scan();
  }, [controller, state.hasHost]);

  return (
    <main className={styles.root} aria-busy={busy}>
      <header className={styles.header}>
        <Title3 as="h1">ШНОР</Title3>
        <Text className={styles.sub} size={200}>
          {subtitle ?? PANE_SUBTITLE}
        </Text>
      </header>

      {top}

      {!state.hasHost && noHost}
      {!state.hasHost && noHost === undefined && (
        <MessageBar intent="warning">
          <MessageBarBody>
            <MessageBarTitle>Нужен Excel</MessageBarTitle>
            Эта область задач работает внутри Excel: откройте книгу с реестрами и запустите надстройку ШНОР на вкладке
            «Главная».
          </MessageBarBody>
        </MessageBar>
      )}

      {state.progress && (
        <Field validationMessage={state.progress.stage} validationState="none">
          <ProgressBar value={state.progress.fraction} max={1} aria-label={state.progress.stage} />
        </Field>
      )}

      {state.error && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>
            <MessageBarTitle>Ошибка</MessageBarTitle>
            {state.error}
          </MessageBarBody>
          <MessageBarActions>
            <Button appearance="transparent" size="small" onClick={() => controller.dismissError()}>
              Скрыть
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {state.notice && (
        <MessageBar intent="info">
          <MessageBarBody>{state.notice}</MessageBarBody>
          <MessageBarActions>
            <Button appearance="transparent" size="small" onClick={() => controller.dismissNotice()}>
              Скрыть
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {state.warnings.map((w) => (
        <MessageBar key={w} intent="warning">
          <MessageBarBody>{w}</MessageBarBody>
        </MessageBar>
      ))}

      {state.hasHost && <BuildPanel controller={controller} state={state} busy={busy} />}
      {state.hasHost && <ProfilePanel controller={controller} state={state} busy={busy} />}
      {state.hasHost && afterBuild}

      {state.hasHost && (
        <Accordion multiple collapsible defaultOpenItems={["registers"]}>
          <AccordionItem value="registers">
            <AccordionHeader as="h2">
              Найденные реестры&nbsp;
              <Badge appearance="tint" color="informative">
                {state.registers ? state.registers.sheets.filter((s) => s.kind).length : "…"}
              </Badge>
            </AccordionHeader>
            <AccordionPanel>
              <RegistersView controller={controller} state={state} busy={busy} />
            </AccordionPanel>
          </AccordionItem>
          <AccordionItem value="settings">
            <AccordionHeader as="h2">Настройки</AccordionHeader>
            <AccordionPanel>
              <SettingsForm controller={controller} state={state} busy={busy} />
            </AccordionPanel>
          </AccordionItem>
          <AccordionItem value="problems">
            <AccordionHeader as="h2">
              Проблемы в данных&nbsp;
              <Badge appearance="tint" color={state.problems.length ? "warning" : "success"}>
                {state.problems.length}
              </Badge>
            </AccordionHeader>
            <AccordionPanel>
              <ProblemsList controller={controller} problems={state.problems} selectable={state.traits.selectsCells} />
            </AccordionPanel>
          </AccordionItem>
        </Accordion>
      )}

      <ConfirmReplaceDialog controller={controller} sheet={state.confirmReplace} keeps={state.confirmKeeps} />
    </main>
  );
}
