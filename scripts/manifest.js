#!/usr/bin/env node
/**
 * Both add-in manifests come from one template, manifest.template.xml (issue 17):
 * - `shared` → manifest.xml: the task pane and the SHNOR.* custom functions in one shared runtime;
 * - `pane`   → manifest.pane.xml: the task pane alone (no custom functions, no shared runtime, ExcelApi 1.1), which
 *   Excel 2016/2019 can install.
 * The template marks variant-only lines with `<!-- @shared -->` / `<!-- @pane -->` … `<!-- @end -->` (each marker on
 * its own line; blocks do not nest). The development manifests in the repository root are rendered with the dev URL
 * (`npm run manifests` writes them; a test checks they are current); the webpack build renders both into dist/ with
 * the production URL (scripts/manifestUrl.js).
 */
"use strict";

const fs = require("fs");
const path = require("path");

const ROOT = path.resolve(__dirname, "..");
const TEMPLATE = path.join(ROOT, "manifest.template.xml");

/** The variants and the files they are written to. */
const VARIANTS = {
  shared: "manifest.xml",
  pane: "manifest.pane.xml",
};

const MARKER = /^\s*<!--\s*@(shared|pane|end)\s*-->\s*$/;

/** The template's header comment (the first comment) is replaced by one saying where the manifest came from. */
function header(variant) {
  const what =
    variant === "shared"
      ? "task pane + SHNOR.* custom functions in one shared runtime (SharedRuntime 1.1)"
      : "the task pane alone: no custom functions, no shared runtime, ExcelApi 1.1 (Excel 2016/2019 and later)";
  return [
    "<!--",
    `  ШНОР — Excel add-in manifest (XML "add-in only"): ${what}.`,
    "  Generated from manifest.template.xml by scripts/manifest.js — edit the template, then `npm run manifests`.",
    "  URLs point at the dev server https://localhost:3000/; the production build replaces every occurrence with",
    "  SHNOR_PUBLIC_URL (scripts/manifestUrl.js).",
    "-->",
  ].join("\n");
}

/** Render the template for one variant (dev URLs). Throws on a malformed template (unclosed or nested block). */
function renderManifest(template, variant) {
  if (!Object.prototype.hasOwnProperty.call(VARIANTS, variant)) throw new Error(`unknown manifest variant: ${variant}`);
  const lines = String(template).split(/\r?\n/);
  const out = [];
  let block = null;
  lines.forEach((line, i) => {
    const m = MARKER.exec(line);
    if (m) {
      if (m[1] === "end") {
        if (block === null) throw new Error(`manifest.template.xml:${i + 1}: @end without a block`);
        block = null;
      } else {
        if (block !== null) throw new Error(`manifest.template.xml:${i + 1}: @${m[1]} inside @${block}`);
        block = m[1];
      }
      return;
    }
    if (block === null || block === variant) out.push(line);
  });
  if (block !== null) throw new Error(`manifest.template.xml: @${block} is not closed`);
  const xml = out.join("\n");
  // The first comment is the template's own explanation; the rendered manifest says what it is instead.
  return xml.replace(/<!--[\s\S]*?-->/, header(variant));
}

function readTemplate() {
  return fs.readFileSync(TEMPLATE, "utf8");
}

/** { "manifest.xml": xml, "manifest.pane.xml": xml } rendered from the template (dev URLs). */
function renderAll(template = readTemplate()) {
  const out = {};
  for (const [variant, file] of Object.entries(VARIANTS)) out[file] = renderManifest(template, variant);
  return out;
}

if (require.main === module) {
  for (const [file, xml] of Object.entries(renderAll())) {
    fs.writeFileSync(path.join(ROOT, file), xml);
    console.log(`manifest: ${file}`);
  }
}

module.exports = { TEMPLATE, VARIANTS, renderManifest, renderAll, readTemplate };
