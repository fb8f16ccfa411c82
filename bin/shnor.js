#!/usr/bin/env node
// The `shnor` command, from any working directory. Runs the compiled CLI (build/cli/shnor.js, made by `npm ci` /
// `npm install` through the `prepare` script, or `npm run build:cli`); inside a checkout without that build, or where
// a source file changed since it was made, it runs src/cli/main.ts through tsx instead.
"use strict";
const fs = require("fs");
const path = require("path");

const root = path.join(__dirname, "..");
const built = path.join(root, "build", "cli", "shnor.js");

/** Whether the build exists and every source file it was made from is as it was then. */
function buildIsCurrent() {
  let manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(path.join(root, "build", "cli", "inputs.json"), "utf8"));
  } catch {
    return false;
  }
  if (!fs.existsSync(built) || !Array.isArray(manifest.inputs)) return false;
  for (const { file, size, mtimeMs } of manifest.inputs) {
    let st;
    try {
      st = fs.statSync(path.join(root, file));
    } catch {
      // A package installed without its sources: the build is all there is.
      if (!fs.existsSync(path.join(root, "src"))) continue;
      return false;
    }
    if (st.size !== size || st.mtimeMs !== mtimeMs) return false;
  }
  return true;
}

let cli;
if (process.env.SHNOR_USE_TSX !== "1" && buildIsCurrent()) {
  if (process.env.SHNOR_DEBUG && process.setSourceMapsEnabled) process.setSourceMapsEnabled(true);
  cli = require(built);
} else {
  // Compile with this project's tsconfig, not one that happens to lie in the user's working directory.
  process.env.TSX_TSCONFIG_PATH = process.env.TSX_TSCONFIG_PATH || path.join(root, "tsconfig.json");
  require("tsx/cjs");
  cli = require("../src/cli/main.ts");
}

cli.run(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
