import * as React from "react";
import { Button, Field, Input, Select, makeStyles, tokens } from "@fluentui/react-components";
import { KINDS, REGISTRY, missingRequired } from "../../registers/kinds";
import type { ManualMapping, RegisterKindId, SheetAccount } from "../../registers/types";
import { KIND_TITLE, parseColumnLetters } from "../labels";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  grid: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fill, minmax(120px, 1fr))",
    gap: tokens.spacingHorizontalS,
  },
  actions: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
});

/** Point a register at a sheet by hand: kind, header row and a column letter per field. */
export function MappingEditor(props: {
  account: SheetAccount;
  busy: boolean;
  onSave: (m: ManualMapping) => void;
  onCancel: () => void;
}): React.JSX.Element {
  const { account: a, busy, onSave, onCancel } = props;
  const styles = useStyles();
  const [kind, setKind] = React.useState<RegisterKindId>(a.kind ?? "results");
  const [headerRow, setHeaderRow] = React.useState(String(a.headerRow ?? 1));
  const [letters, setLetters] = React.useState<Record<string, string>>(() =>
    Object.fromEntries(a.mapping.map((m) => [m.field, m.letter])),
  );
  // A procedure for the whole sheet when no column, title or name gives it (issue 16: a department table).
  const [procedure, setProcedure] = React.useState(() =>
    String(a.context.find((c) => c.field === "procedure" && c.from === "manual")?.value ?? ""),
  );
  const [error, setError] = React.useState("");
  const def = REGISTRY[kind];
  const takesProcedure = (def.contextFields ?? []).includes("procedure");

  const save = (): void => {
    const row = Number(headerRow);
    if (!Number.isInteger(row) || row < 1) return setError("Строка заголовка — целое число от 1.");
    const columns: Record<string, number> = {};
    for (const f of def.fields) {
      const t = (letters[f.id] ?? "").trim();
      if (!t) continue;
      const col = parseColumnLetters(t);
      if (col === null) return setError(`«${f.label}»: укажите букву столбца (например, C).`);
      columns[f.id] = col;
    }
    const missing = missingRequired(kind, Object.keys(columns));
    if (missing.length) return setError(`Не указаны обязательные столбцы: ${missing.join("; ")}.`);
    const constant = takesProcedure && columns.procedure === undefined ? procedure.trim() : "";
    if (constant.length > 100) return setError("Процедура — короткое название, например ВПР.");
    setError("");
    onSave({
      sheet: a.sheet,
      ...(a.file ? { file: a.file } : {}),
      kind,
      headerRow: row,
      columns,
      ...(constant ? { constants: { procedure: constant } } : {}),
    });
  };

  return (
    <div className={styles.root} role="group" aria-label={`Сопоставление листа ${a.sheet}`}>
      <Field label="Вид реестра">
        <Select value={kind} disabled={busy} onChange={(_, d) => setKind(d.value as RegisterKindId)}>
          {KINDS.map((k) => (
            <option key={k.id} value={k.id}>
              {KIND_TITLE[k.id as RegisterKindId]}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Строка заголовка">
        <Input inputMode="numeric" value={headerRow} disabled={busy} onChange={(_, d) => setHeaderRow(d.value)} />
      </Field>
      {takesProcedure && (
        <Field
          label="Процедура для всего листа"
          hint="Если на листе нет столбца процедуры и её нет в заголовке или названии: ВПР, ОГЭ, ЕГЭ…"
        >
          <Input
            value={procedure}
            placeholder="например, ВПР"
            disabled={busy}
            onChange={(_, d) => setProcedure(d.value)}
          />
        </Field>
      )}
      <div className={styles.grid}>
        {def.fields.map((f) => (
          <Field key={f.id} label={f.label} size="small">
            <Input
              size="small"
              placeholder="—"
              value={letters[f.id] ?? ""}
              disabled={busy}
              onChange={(_, d) => setLetters((x) => ({ ...x, [f.id]: d.value }))}
            />
          </Field>
        ))}
      </div>
      {error && (
        <Field validationState="error" validationMessage={error}>
          <span />
        </Field>
      )}
      <div className={styles.actions}>
        <Button appearance="primary" size="small" disabled={busy} onClick={save}>
          Сохранить
        </Button>
        <Button size="small" onClick={onCancel}>
          Отмена
        </Button>
      </div>
    </div>
  );
}
