import * as React from "react";
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
} from "@fluentui/react-components";
import type { PaneController } from "../controller";

/** Ask before replacing a sheet the add-in generated earlier (user sheets are never replaced). */
export function ConfirmReplaceDialog(props: {
  controller: PaneController;
  sheet: string | null;
  /** The sheets carry what people typed over (roadmap, indicators). */
  keeps?: boolean;
}): React.JSX.Element {
  const { controller, sheet, keeps } = props;
  const several = (sheet ?? "").includes("», «");
  return (
    <Dialog
      open={sheet !== null}
      modalType="alert"
      onOpenChange={(_, d) => {
        if (!d.open) controller.cancelReplace();
      }}
    >
      {/* An alert dialog traps focus but Fluent does not close it on Escape: Escape means «Отмена» here. */}
      <DialogSurface
        aria-describedby="shnor-confirm-text"
        onKeyDown={(e) => {
          if (e.key === "Escape") {
            e.preventDefault();
            controller.cancelReplace();
          }
        }}
      >
        <DialogBody>
          <DialogTitle>{several ? "Заменить листы?" : "Заменить лист?"}</DialogTitle>
          <DialogContent id="shnor-confirm-text">
            {several
              ? `Листы «${sheet}» уже построены надстройкой. Построить их заново?`
              : `Лист «${sheet}» уже построен надстройкой. Построить его заново?`}{" "}
            {keeps
              ? "Статусы, отметки, цели, факты и добавленные строки дорожной карты и показателей будут перенесены на новые листы; правки на листах списка и динамики не сохраняются."
              : "Правки, сделанные на этом листе вручную, будут потеряны."}{" "}
            Листы с реестрами не изменяются.
          </DialogContent>
          <DialogActions>
            <Button appearance="secondary" onClick={() => controller.cancelReplace()}>
              Отмена
            </Button>
            <Button appearance="primary" onClick={() => void controller.confirmReplace()}>
              Заменить
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
