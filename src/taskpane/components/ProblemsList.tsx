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
});

/** Every unreadable value (sheet, cell, message); clicking or Enter selects the cell in the workbook. */
export function ProblemsList(props: { controller: PaneController; problems: Problem[] }): React.JSX.Element {
  const { controller, problems } = props;
  const styles = useStyles();
  const [shown, setShown] = React.useState(PAGE);
  if (problems.length === 0) return <Text>Проблем не найдено: все значения прочитаны.</Text>;
  return (
    <div>
      <ul className={styles.list} aria-label="Проблемы в данных">
        {problems.slice(0, shown).map((p, i) => (
          <li key={`${p.sheet}!${p.cell}#${i}`}>
            <Button
              appearance="subtle"
              className={styles.item}
              title="Перейти к ячейке"
              onClick={() => void controller.selectProblem(p)}
            >
              <span className={styles.text}>
                <span className={styles.where}>
                  «{p.sheet}»!{p.cell}
                </span>
                {p.message}
              </span>
            </Button>
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
