#!/usr/bin/env node
// The `shnor` command: runs src/cli/main.ts through tsx (a runtime dependency), from any working directory.
"use strict";
const path = require("path");

// Compile with this project's tsconfig, not one that happens to lie in the user's working directory.
process.env.TSX_TSCONFIG_PATH = process.env.TSX_TSCONFIG_PATH || path.join(__dirname, "..", "tsconfig.json");
require("tsx/cjs");
const { run } = require("../src/cli/main.ts");

run(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
