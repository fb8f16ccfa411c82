import * as React from "react";
import { Button, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { Problem } from "../../core/types";
import type { PaneController } from "../controller";

const PAGE = 100;

const useStyles = makeStyles({
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: "2px" },
  item: {
    justifyContent: "flex-start",
    textAlign: "left",
    width: "100%",
    minWidth: 0,
    height: "auto",
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    fontWeight: tokens.fontWeightRegular,
  },
  where: { fontWeight: tokens.fontWeightSemibold, whiteSpace: "nowrap", marginRight: tokens.spacingHorizontalXS },
  text: { overflowWrap: "anywhere" },
  plain: { margin: 0, padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}` },
});

/**
 * Every unreadable value (file when several are open, sheet, cell, message). Where the host can select cells
 * (Excel), clicking or Enter selects the cell in the workbook; elsewhere (the web page) the list is plain text.
 */
export function ProblemsList(props: {
  controller: PaneController;
  problems: Problem[];
  selectable?: boolean;
}): React.JSX.Element {
  const { controller, problems, selectable = true } = props;
  const styles = useStyles();
  const [shown, setShown] = React.useState(PAGE);
  if (problems.length === 0) return <Text>Проблем не найдено: все значения прочитаны.</Text>;
  const showFile = new Set(problems.map((p) => p.file ?? "")).size > 1;
  const label = (p: Problem): React.JSX.Element => (
    <span className={styles.text}>
      <span className={styles.where}>
        {showFile && p.file ? `${p.file}: ` : ""}«{p.sheet}»!{p.cell}
      </span>
      {p.message}
    </span>
  );
  return (
    <div>
      <ul className={styles.list} aria-label="Проблемы в данных">
        {problems.slice(0, shown).map((p, i) => (
          <li key={`${p.file ?? ""}/${p.sheet}!${p.cell}#${i}`}>
            {selectable ? (
              <Button
                appearance="subtle"
                className={styles.item}
                title="Перейти к ячейке"
                onClick={() => void controller.selectProblem(p)}
              >
                {label(p)}
              </Button>
            ) : (
              <Text as="p" className={styles.plain}>
                {label(p)}
              </Text>
            )}
          </li>
        ))}
      </ul>
      {problems.length > shown && (
        <Button appearance="transparent" onClick={() => setShown((n) => n + PAGE)}>
          Показать ещё ({problems.length - shown})
        </Button>
      )}
    </div>
  );
}
