import * as React from "react";
import {
  Button,
  Field,
  MessageBar,
  MessageBarBody,
  ProgressBar,
  Text,
  makeStyles,
  mergeClasses,
  tokens,
} from "@fluentui/react-components";
import type { FileProblem } from "../openFiles";
import type { OpenedFile } from "../webHost";

const useStyles = makeStyles({
  zone: {
    display: "flex",
    flexDirection: "column",
    alignItems: "flex-start",
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    border: `2px dashed ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusLarge,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  over: { border: `2px dashed ${tokens.colorBrandStroke1}`, backgroundColor: tokens.colorBrandBackground2 },
  hidden: { position: "absolute", width: "1px", height: "1px", opacity: 0, overflow: "hidden" },
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: "2px" },
  item: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS, overflowWrap: "anywhere" },
  dim: { color: tokens.colorNeutralForeground3 },
  wide: { width: "100%" },
});

function sizeText(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} КБ`;
  return `${(bytes / 2 ** 20).toFixed(1).replace(".", ",")} МБ`;
}

function sheetsText(n: number): string {
  const m10 = n % 10;
  const m100 = n % 100;
  const word =
    m10 === 1 && m100 !== 11 ? "лист" : m10 >= 2 && m10 <= 4 && (m100 < 12 || m100 > 14) ? "листа" : "листов";
  return `${n} ${word}`;
}

/**
 * The web page's files: a file input (also a drop zone) for one or more .xlsx files, the files open and the ones
 * that could not be read. Files are read in the browser; nothing is sent anywhere.
 */
export function FilesPanel(props: {
  files: OpenedFile[];
  problems: FileProblem[];
  reading: string | null;
  dragging: boolean;
  onAdd: (files: File[]) => void;
  onRemove: (name: string) => void;
}): React.JSX.Element {
  const { files, problems, reading, dragging, onAdd, onRemove } = props;
  const styles = useStyles();
  const input = React.useRef<HTMLInputElement>(null);
  const inputId = React.useId();
  return (
    <section aria-label="Файлы" className={mergeClasses(styles.zone, dragging && styles.over)}>
      <Text>
        {files.length === 0
          ? "Откройте или перетащите сюда файлы .xlsx с реестрами. Файлы читаются в этом браузере и никуда не отправляются."
          : "Файлы с реестрами (можно добавить ещё или перетащить сюда):"}
      </Text>
      {files.length > 0 && (
        <ul className={styles.list} aria-label="Открытые файлы">
          {files.map((f) => (
            <li key={f.name} className={styles.item}>
              <Text weight="semibold">{f.name}</Text>
              <Text className={styles.dim} size={200}>
                {sizeText(f.bytes.length)}, {sheetsText(f.grids.sheets.length)}
              </Text>
              <Button
                size="small"
                appearance="subtle"
                aria-label={`Закрыть файл ${f.name}`}
                disabled={reading !== null}
                onClick={() => onRemove(f.name)}
              >
                Убрать
              </Button>
            </li>
          ))}
        </ul>
      )}
      <input
        ref={input}
        id={inputId}
        className={styles.hidden}
        type="file"
        multiple
        accept=".xlsx,.xlsm,.xltx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        aria-label="Файлы реестров (.xlsx)"
        tabIndex={-1}
        onChange={(e) => {
          const list = e.currentTarget.files;
          if (list && list.length) onAdd(Array.from(list));
          e.currentTarget.value = "";
        }}
      />
      <Button
        appearance={files.length ? "secondary" : "primary"}
        disabled={reading !== null}
        onClick={() => input.current?.click()}
      >
        {files.length ? "Добавить файлы…" : "Открыть файлы…"}
      </Button>
      {reading !== null && (
        <Field className={styles.wide} validationMessage={reading} validationState="none">
          <ProgressBar aria-label={reading} />
        </Field>
      )}
      {problems.map((p) => (
        <MessageBar key={p.name} intent="error" role="alert">
          <MessageBarBody>{p.message}</MessageBarBody>
        </MessageBar>
      ))}
    </section>
  );
}
