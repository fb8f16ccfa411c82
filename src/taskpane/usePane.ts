/** React binding of the PaneController (useSyncExternalStore). */
import { useSyncExternalStore } from "react";
import type { PaneController, PaneState } from "./controller";

export function usePane(controller: PaneController): PaneState {
  return useSyncExternalStore(controller.subscribe, controller.getState, controller.getState);
}
