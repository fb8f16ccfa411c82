// Benchmark helper: ExcelJS loading a whole workbook (the denominator of the read-path goal): prints the load time.
"use strict";
const fs = require("fs");
const ExcelJS = require("exceljs");

const bytes = fs.readFileSync(process.argv[2]);
const t0 = performance.now();
const wb = new ExcelJS.Workbook();
wb.xlsx.load(bytes).then(() => {
  const ms = performance.now() - t0;
  let cells = 0;
  wb.eachSheet((ws) => ws.eachRow((row) => (cells += row.cellCount)));
  process.stdout.write(JSON.stringify({ loadMs: ms, cells }));
});
