import * as React from "react";
import { Button, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { BuiltWorkbook } from "../webHost";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS, overflowWrap: "anywhere" },
  dim: { color: tokens.colorNeutralForeground3 },
});

/** Offer `built` as an ordinary download (a Blob URL, released once the browser has taken it). */
export function saveAs(built: BuiltWorkbook): void {
  const url = URL.createObjectURL(new Blob([built.bytes as Uint8Array<ArrayBuffer>], { type: built.mimeType }));
  const a = document.createElement("a");
  a.href = url;
  a.download = built.fileName;
  a.rel = "noopener";
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** After a build: the workbook with every sheet built so far, as a download named after the file. */
export function DownloadPanel(props: { built: BuiltWorkbook | null }): React.JSX.Element | null {
  const { built } = props;
  const styles = useStyles();
  if (!built) return null;
  const sheets = `«${built.sheets.join("», «")}»`;
  return (
    <section className={styles.root} aria-label="Скачать книгу">
      <Button appearance="primary" onClick={() => saveAs(built)}>
        Скачать книгу
      </Button>
      <Text weight="semibold">{built.fileName}</Text>
      <Text className={styles.dim} size={200}>
        {built.isCopy
          ? `Копия вашего файла: ваши листы не изменены, добавлен ${built.sheets.length > 1 ? "листы" : "лист"} ${sheets}.`
          : `Новая книга с ${built.sheets.length > 1 ? "листами" : "листом"} ${sheets} по всем открытым файлам.`}{" "}
        Исходные файлы не меняются.
      </Text>
    </section>
  );
}
