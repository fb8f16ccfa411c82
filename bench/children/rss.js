// Benchmark helper: run a Node script in this very process and, when it exits, write its peak resident memory
// (process.resourceUsage().maxRSS, KiB) and exit code as JSON to the file named by SHNOR_BENCH_STATS.
"use strict";
const fs = require("fs");
const path = require("path");

const [script, ...args] = process.argv.slice(2);
process.argv = [process.argv[0], path.resolve(script), ...args];
process.on("exit", (code) => {
  fs.writeFileSync(
    process.env.SHNOR_BENCH_STATS,
    JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS, code: process.exitCode ?? code }),
  );
});
require(path.resolve(script));
