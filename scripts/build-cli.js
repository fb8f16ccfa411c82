#!/usr/bin/env node
// Compile the `shnor` command (src/cli/main.ts and everything it imports from src) to one plain-JS file,
// build/cli/shnor.js, so that the command starts without compiling TypeScript at run time. Run by `npm ci` / `npm
// install` (the `prepare` script) and by `npm run build:cli`; takes well under a second.
// build/cli/inputs.json lists the source files with their size and modification time: bin/shnor.js falls back to
// tsx when any of them changed since (an edited checkout never runs a stale build).
"use strict";
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..");
const outDir = path.join(root, "build", "cli");

let esbuild;
try {
  esbuild = require("esbuild");
} catch {
  console.warn("build-cli: esbuild is not installed; bin/shnor.js will run the TypeScript sources through tsx.");
  process.exit(0);
}

const started = Date.now();
const result = esbuild.buildSync({
  absWorkingDir: root,
  entryPoints: ["src/cli/main.ts"],
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  // Packages stay in node_modules (ExcelJS is required only by the code that writes).
  packages: "external",
  outfile: path.join(outDir, "shnor.js"),
  metafile: true,
  sourcemap: "linked",
  legalComments: "none",
  logLevel: "warning",
});
const inputs = Object.keys(result.metafile.inputs)
  .filter((f) => !f.includes("node_modules"))
  .sort()
  .map((f) => {
    const st = fs.statSync(path.join(root, f));
    return { file: f, size: st.size, mtimeMs: st.mtimeMs };
  });
fs.writeFileSync(path.join(outDir, "inputs.json"), JSON.stringify({ inputs }, null, 1) + "\n");
console.log(`build-cli: build/cli/shnor.js from ${inputs.length} source files in ${Date.now() - started} ms`);
