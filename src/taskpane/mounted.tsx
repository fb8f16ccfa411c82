/**
 * Tells the pages' loader (src/boot/boot.js) that React has rendered: from then on its watchdog no longer shows the
 * plain-HTML fallback, and a fallback shown too early (a slow start) is hidden again.
 */
import * as React from "react";

declare global {
  interface Window {
    /** Set once the page has rendered (boot.js and the e2e tests read it). */
    __shnorMounted?: boolean;
    /** Why boot.js showed the fallback, when it did. */
    __shnorFallback?: string;
  }
}

export function Mounted(props: { children: React.ReactNode }): React.JSX.Element {
  React.useEffect(() => {
    window.__shnorMounted = true;
    const fallback = document.getElementById("shnor-fallback");
    if (fallback) fallback.style.display = "none";
    const container = document.getElementById("container");
    if (container) container.style.display = "";
  }, []);
  return <>{props.children}</>;
}

/** Run `fn` once the page's body is parsed (the loader loads the bundles from the page's head). */
export function whenDomReady(fn: () => void): void {
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", fn, { once: true });
  else fn();
}
