import * as React from "react";
import { useSyncExternalStore } from "react";
import { MessageBar, MessageBarBody, MessageBarTitle, Text, makeStyles } from "@fluentui/react-components";
import { App } from "../../taskpane/components/App";
import { PaneController } from "../../taskpane/controller";
import type { PaneStore } from "../browserStorage";
import { isOpened, openFile, withFiles, type FileProblem } from "../openFiles";
import { WebWorkbook, type BuiltWorkbook, type OpenedFile } from "../webHost";
import { DownloadPanel } from "./DownloadPanel";
import { FilesPanel } from "./FilesPanel";

const useStyles = makeStyles({
  // A page, not a pane: a readable column in a wide window; the pane's own layout inside it.
  page: { maxWidth: "760px", marginLeft: "auto", marginRight: "auto" },
});

const NO_OUTPUT = (): BuiltWorkbook | null => null;
const NO_SUBSCRIBE = (): (() => void) => () => undefined;

/** A set of open files = one workbook for the pane: a fresh host and controller, as a newly opened workbook in Excel. */
interface Session {
  host: WebWorkbook | null;
  controller: PaneController;
  id: number;
}

function sessionOf(files: OpenedFile[], store: PaneStore, id: number): Session {
  const host = files.length ? new WebWorkbook(files, store) : null;
  return { host, controller: new PaneController(host), id };
}

/** What the page shows before a file is open (the pane shows «Нужен Excel» there). */
function Intro(props: { persistent: boolean }): React.JSX.Element {
  return (
    <MessageBar intent="info">
      <MessageBarBody>
        <MessageBarTitle>Без установки и без интернета</MessageBarTitle>
        Эта страница — та же область задач ШНОР, что в Excel, но для файлов: откройте реестры (.xlsx), проверьте
        найденные реестры и настройки и нажмите «Построить ежегодный список». Получится копия вашей книги с листом
        списка (или новая книга, если файлов несколько) — её можно скачать. Файлы не покидают компьютер.{" "}
        {props.persistent
          ? "Настройки и сопоставления хранятся в этом браузере."
          : "Хранилище браузера недоступно: настройки действуют до закрытия страницы."}
      </MessageBarBody>
    </MessageBar>
  );
}

/**
 * The web page (issue 17): the pane's App and PaneController over the WebWorkbook host, plus what only a page
 * needs — the files (input and drop zone) and the download of what was built.
 */
export function WebApp(props: { store: PaneStore }): React.JSX.Element {
  const { store } = props;
  const [files, setFiles] = React.useState<OpenedFile[]>([]);
  const [problems, setProblems] = React.useState<FileProblem[]>([]);
  const [reading, setReading] = React.useState<string | null>(null);
  const [dragging, setDragging] = React.useState(false);
  const styles = useStyles();
  const [session, setSession] = React.useState<Session>(() => sessionOf([], store, 0));
  const built = useSyncExternalStore(
    session.host?.subscribe ?? NO_SUBSCRIBE,
    session.host?.output ?? NO_OUTPUT,
    session.host?.output ?? NO_OUTPUT,
  );

  const showFiles = React.useCallback(
    (next: OpenedFile[]) => {
      setFiles(next);
      setSession((s) => sessionOf(next, store, s.id + 1));
    },
    [store],
  );

  const add = React.useCallback(
    async (list: File[]) => {
      const opened: OpenedFile[] = [];
      const failed: FileProblem[] = [];
      for (const f of list) {
        setReading(`Чтение файла «${f.name}»`);
        // Let the progress bar paint before the reader takes the thread.
        await new Promise((r) => setTimeout(r, 0));
        const r = await openFile(f);
        if (isOpened(r)) opened.push(r);
        else failed.push(r);
      }
      setReading(null);
      setProblems(failed);
      if (opened.length) showFiles(withFiles(files, opened));
    },
    [files, showFiles],
  );

  // The whole page is a drop zone.
  React.useEffect(() => {
    const over = (e: DragEvent): void => {
      if (!e.dataTransfer || !Array.from(e.dataTransfer.types).includes("Files")) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = "copy";
      setDragging(true);
    };
    const leave = (e: DragEvent): void => {
      if (e.relatedTarget === null) setDragging(false);
    };
    const drop = (e: DragEvent): void => {
      e.preventDefault();
      setDragging(false);
      const list = e.dataTransfer?.files;
      if (list && list.length) void add(Array.from(list));
    };
    window.addEventListener("dragover", over);
    window.addEventListener("dragleave", leave);
    window.addEventListener("drop", drop);
    return () => {
      window.removeEventListener("dragover", over);
      window.removeEventListener("dragleave", leave);
      window.removeEventListener("drop", drop);
    };
  }, [add]);

  return (
    <div className={styles.page}>
      <App
        key={session.id}
        controller={session.controller}
        subtitle="Школы с низкими образовательными результатами: ежегодный список, дорожная карта, показатели и динамика по реестрам в файлах .xlsx — в браузере, без установки"
        top={
          <FilesPanel
            files={files}
            problems={problems}
            reading={reading}
            dragging={dragging}
            onAdd={(l) => void add(l)}
            onRemove={(name) => {
              setProblems([]);
              showFiles(files.filter((f) => f.name !== name));
            }}
          />
        }
        noHost={
          <>
            <Intro persistent={store.persistent} />
            <Text size={200}>
              Excel с надстройкой ШНОР и команда shnor строят то же самое — выберите удобный способ.
            </Text>
          </>
        }
        afterBuild={<DownloadPanel built={built} />}
      />
    </div>
  );
}
