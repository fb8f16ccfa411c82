/**
 * Task pane entry (loaded by src/boot/boot.js): Office.onReady → React + Fluent UI v9. Outside Excel the pane still renders and says that
 * Excel is needed — unless a test harness supplied `window.Excel` (e2e: a fake host injected into the page).
 */
import * as React from "react";
import { createRoot } from "react-dom/client";
import { z } from "zod";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { officeHost } from "../excel/officeHost";
import { App } from "./components/App";
import { PaneController } from "./controller";
import { Mounted, whenDomReady } from "./mounted";

z.config(z.locales.ru());

declare global {
  interface Window {
    /** Set by the e2e harness next to its fake `Excel`. */
    __SHNOR_TEST_HARNESS__?: boolean;
  }
}

function render(inExcel: boolean): void {
  const container = document.getElementById("container");
  if (!container) return;
  const controller = new PaneController(inExcel ? officeHost() : null);
  createRoot(container).render(
    <FluentProvider theme={webLightTheme}>
      <Mounted>
        <App controller={controller} />
      </Mounted>
    </FluentProvider>,
  );
}

function harnessExcel(): boolean {
  return (
    window.__SHNOR_TEST_HARNESS__ === true && typeof (window as { Excel?: { run?: unknown } }).Excel?.run === "function"
  );
}

if (typeof Office !== "undefined" && typeof Office.onReady === "function") {
  void Office.onReady((info) => whenDomReady(() => render(info.host === Office.HostType.Excel || harnessExcel())));
} else {
  whenDomReady(() => render(harnessExcel()));
}
