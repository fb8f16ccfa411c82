#!/usr/bin/env node
/**
 * `npm run docs:images`: copies the user guide's screenshots from the last e2e run (tests/e2e/artifacts/, made by
 * tests/e2e/*.test.ts) into docs/images/, so the guide shows what the program shows today. Refuses an image larger
 * than MAX_BYTES (the guide's images stay small) and says which screenshots are missing (run the e2e tests first:
 * `npx jest --selectProjects e2e`).
 */
"use strict";

const fs = require("fs");
const path = require("path");

const ROOT = path.resolve(__dirname, "..");
const ARTIFACTS = path.join(ROOT, "tests", "e2e", "artifacts");
const IMAGES = path.join(ROOT, "docs", "images");
/** The screenshots the guide uses, by file name (the e2e tests save them under these names). */
const DOCS_IMAGES = [
  "web-1-open.png",
  "web-2-registers.png",
  "web-3-built.png",
  "web-4-settings-problems.png",
  "pane.png",
  "pane-fallback.png",
];
const MAX_BYTES = 250 * 1024;

function main() {
  const missing = DOCS_IMAGES.filter((f) => !fs.existsSync(path.join(ARTIFACTS, f)));
  if (missing.length) {
    console.error(`docs:images: нет снимков ${missing.join(", ")} — сначала запустите npx jest --selectProjects e2e`);
    process.exit(1);
  }
  fs.mkdirSync(IMAGES, { recursive: true });
  for (const f of DOCS_IMAGES) {
    const size = fs.statSync(path.join(ARTIFACTS, f)).size;
    if (size > MAX_BYTES) {
      console.error(`docs:images: ${f} — ${Math.round(size / 1024)} КБ, больше ${MAX_BYTES / 1024} КБ`);
      process.exit(1);
    }
    fs.copyFileSync(path.join(ARTIFACTS, f), path.join(IMAGES, f));
    console.log(`docs/images/${f} (${Math.round(size / 1024)} КБ)`);
  }
}

if (require.main === module) main();

module.exports = { DOCS_IMAGES, MAX_BYTES, IMAGES };
