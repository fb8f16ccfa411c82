#!/usr/bin/env node
/**
 * `npm run typecheck` after the whole-project check: every layer's own tsconfig (tsconfig/*.json) compiles alone,
 * with only the types that layer may use (core, registers and app without DOM, Node or Office types). A layer that
 * reaches for a host's API fails here, which the lint rule alone cannot prove.
 */
"use strict";
const { spawnSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..");
const dir = path.join(root, "tsconfig");
const tsc = path.join(root, "node_modules", "typescript", "bin", "tsc");
let failed = 0;
for (const file of fs
  .readdirSync(dir)
  .filter((f) => f.endsWith(".json"))
  .sort()) {
  const r = spawnSync(process.execPath, [tsc, "-p", path.join(dir, file)], { stdio: "inherit" });
  if (r.status !== 0) {
    failed++;
    console.error(`typecheck: the layer ${file} does not compile on its own`);
  }
}
process.exit(failed ? 1 : 0);
