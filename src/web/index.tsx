/**
 * Web page entry (dist/web.html): the pane over .xlsx files, without Office.js. Nothing here makes a request; the
 * page's Content-Security-Policy (default-src 'self') lets it load only its own files.
 */
import "./zodConfig";
import * as React from "react";
import { createRoot } from "react-dom/client";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { Mounted, whenDomReady } from "../taskpane/mounted";
import { browserStorage, storeOver } from "./browserStorage";
import { WebApp } from "./ui/WebApp";

whenDomReady(() => {
  const container = document.getElementById("container");
  if (!container) return;
  createRoot(container).render(
    <FluentProvider theme={webLightTheme}>
      <Mounted>
        <WebApp store={storeOver(browserStorage())} />
      </Mounted>
    </FluentProvider>,
  );
});
