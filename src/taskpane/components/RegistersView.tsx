import * as React from "react";
import { Badge, Button, Text, makeStyles, tokens } from "@fluentui/react-components";
import { skippedRowCount } from "../../app/summary";
import type { SheetAccount } from "../../registers/types";
import type { PaneController, PaneViewProps } from "../controller";
import { CONTEXT_FIELD, CONTEXT_FROM, KIND_TITLE } from "../labels";
import { MappingEditor } from "./MappingEditor";
import { fieldLabel, givesResults } from "../../registers/kinds";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  card: {
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingHorizontalS,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
    overflowWrap: "anywhere",
  },
  title: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: tokens.spacingHorizontalXS },
  dim: { color: tokens.colorNeutralForeground3 },
  dl: { margin: 0, display: "grid", gridTemplateColumns: "auto 1fr", columnGap: tokens.spacingHorizontalS },
  dt: { color: tokens.colorNeutralForeground3 },
  dd: { margin: 0 },
});

function SheetCard(props: {
  account: SheetAccount;
  controller: PaneController;
  busy: boolean;
  /** Several files are open: say which one the sheet is in. */
  showFile: boolean;
}): React.JSX.Element {
  const { account: a, controller, busy, showFile } = props;
  const styles = useStyles();
  const [editing, setEditing] = React.useState(false);
  // Context read from columns is already in the mapping; titles, sheet and file names are worth saying.
  const context = a.context.filter((c) => c.from !== "column");
  // Rows with numbers skipped as totals or aggregates: worth a look (issue 16).
  const totals = a.skipped.filter((k) => k.aggregate).length;
  return (
    <section className={styles.card} aria-label={`Лист ${a.sheet}${showFile && a.file ? ` (${a.file})` : ""}`}>
      <div className={styles.title}>
        <Text weight="semibold">«{a.sheet}»</Text>
        {showFile && a.file && <Text className={styles.dim}>{a.file}</Text>}
        {a.kind ? (
          <Badge appearance="filled" color="brand">
            {KIND_TITLE[a.kind]}
          </Badge>
        ) : (
          <Badge appearance="outline" color="subtle">
            не реестр
          </Badge>
        )}
        {a.manual && (
          <Badge appearance="tint" color="important">
            вручную
          </Badge>
        )}
      </div>
      {!a.kind && a.note && <Text className={styles.dim}>{a.note}</Text>}
      {a.kind && (
        <dl className={styles.dl}>
          {a.layout && (
            <>
              <dt className={styles.dt}>Вид таблицы</dt>
              <dd className={styles.dd}>{a.layout}</dd>
            </>
          )}
          <dt className={styles.dt}>Заголовок</dt>
          <dd className={styles.dd}>строка {a.headerRow}</dd>
          <dt className={styles.dt}>Столбцы</dt>
          <dd className={styles.dd}>
            {a.mapping.map((m, i) => (
              <React.Fragment key={m.field}>
                {i > 0 && ", "}
                <span title={m.header}>
                  {fieldLabel(a.kind, m.field)}&nbsp;—&nbsp;{m.letter}
                </span>
              </React.Fragment>
            ))}
            {a.mapping.length === 0 && "—"}
          </dd>
          {context.length > 0 && (
            <>
              <dt className={styles.dt}>Контекст</dt>
              <dd className={styles.dd}>
                {context
                  .map((c) => `${CONTEXT_FIELD[c.field] ?? c.field}: ${c.value} (${CONTEXT_FROM[c.from] ?? c.from})`)
                  .join("; ")}
              </dd>
            </>
          )}
          <dt className={styles.dt}>Строки</dt>
          <dd className={styles.dd}>
            прочитано {a.rowsRead}, пропущено {skippedRowCount(a)}
            {totals > 0 && ` (из них итоговых строк с числами: ${totals})`}, проблем {a.problems.length}
          </dd>
        </dl>
      )}
      {editing ? (
        <MappingEditor
          account={a}
          busy={busy}
          onCancel={() => setEditing(false)}
          onSave={(m) => {
            setEditing(false);
            void controller.setMapping(m);
          }}
        />
      ) : (
        <div className={styles.title}>
          <Button size="small" disabled={busy} onClick={() => setEditing(true)}>
            {a.kind ? "Исправить сопоставление" : "Указать реестр вручную"}
          </Button>
          {a.manual && (
            <Button
              size="small"
              appearance="subtle"
              disabled={busy}
              onClick={() => void controller.clearMapping(a.sheet, a.file)}
            >
              Распознавать автоматически
            </Button>
          )}
        </div>
      )}
    </section>
  );
}

/** «Найденные реестры»: per sheet, what recognition made of it (SPEC §2), with a way to correct it by hand. */
export function RegistersView(props: PaneViewProps): React.JSX.Element {
  const { controller, state, busy } = props;
  const styles = useStyles();
  const sheets = state.registers?.sheets ?? [];
  const showFile = new Set(sheets.map((s) => s.file ?? "")).size > 1;
  return (
    <div className={styles.root}>
      <Button disabled={busy} onClick={() => void controller.scan()}>
        Обновить
      </Button>
      {state.registers === null && <Text className={styles.dim}>Книга ещё не прочитана.</Text>}
      {state.registers !== null && !sheets.some((s) => givesResults(s.kind)) && (
        <Text>Реестр результатов не найден. Укажите его вручную на нужном листе.</Text>
      )}
      {sheets.map((a) => (
        <SheetCard
          key={`${a.file ?? ""}/${a.sheet}`}
          account={a}
          controller={controller}
          busy={busy}
          showFile={showFile}
        />
      ))}
      {state.generatedSheets.map((g) => (
        <Text key={`generated/${g.file ?? ""}/${g.sheet}`} className={styles.dim}>
          Лист «{g.sheet}»{showFile && g.file ? ` (${g.file})` : ""} создан надстройкой — не реестр.
        </Text>
      ))}
    </div>
  );
}
