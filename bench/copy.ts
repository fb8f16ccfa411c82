/**
 * Benchmark of the write path (issue 12): a copy of a million-row workbook with a generated list sheet grafted on,
 * in bounded memory. The input register (default 1,000,000 rows × 8 columns, shared strings, as Excel saves it) is
 * written here by streaming; the copy runs in a child process of its own, so that its peak resident memory (maxRSS)
 * is the copy's alone: read the file, graft a 40,000-row list plan (src/xlsx/graft.ts — the user's sheet is copied
 * as raw bytes, never inflated; our sheet is streamed), write the output file chunk by chunk.
 *
 *   npx tsx bench/copy.ts                      # 1,000,000 rows
 *   SHNOR_BENCH_COPY_ROWS=200000 npx tsx bench/copy.ts
 *
 * Goal: peak memory ≤ 300 MB (SHNOR_BENCH_COPY_GOAL_MB); the copy's time is printed, not judged.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ANNUAL_LIST_COLUMNS } from "../src/core/annualListPlan";
import type { SheetPlan } from "../src/core/sheetPlan";
import type { CellValue } from "../src/core/types";
import { graftPlans } from "../src/xlsx/graft";
import { ZipWriter } from "../src/xlsx/zip";

const ROWS = Number(process.env.SHNOR_BENCH_COPY_ROWS ?? 1_000_000);
const LIST_ROWS = Number(process.env.SHNOR_BENCH_COPY_LIST ?? 40_000);
const GOAL_MB = Number(process.env.SHNOR_BENCH_COPY_GOAL_MB ?? 300);

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/** A results register of `rows` rows written straight to `file` (streamed: never held in memory). */
export function writeBigRegister(file: string, rows: number): void {
  const fd = fs.openSync(file, "w");
  const w = new ZipWriter((c) => {
    fs.writeSync(fd, c);
  });
  const V = "application/vnd.openxmlformats-officedocument.spreadsheetml";
  w.addFile(
    "[Content_Types].xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
      `<Override PartName="/xl/workbook.xml" ContentType="${V}.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="${V}.worksheet+xml"/>` +
      `<Override PartName="/xl/styles.xml" ContentType="${V}.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="${V}.sharedStrings+xml"/></Types>`,
  );
  w.addFile(
    "_rels/.rels",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
      `<Relationship Id="rId1" Type="${R}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  );
  w.addFile(
    "xl/workbook.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="${MAIN}" xmlns:r="${R}"><bookViews><workbookView/></bookViews>` +
      `<sheets><sheet name="Результаты" sheetId="1" r:id="rId1"/></sheets></workbook>`,
  );
  w.addFile(
    "xl/_rels/workbook.xml.rels",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
      `<Relationship Id="rId1" Type="${R}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${R}/styles" Target="styles.xml"/>` +
      `<Relationship Id="rId3" Type="${R}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
  );
  w.addFile(
    "xl/styles.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="${MAIN}"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>` +
      `<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border/></borders>` +
      `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs></styleSheet>`,
  );
  const strings = ["Код ОО", "Школа", "Учебный год", "Процедура", "Класс", "Предмет", "Участники", "Не справились"];
  const base = strings.length;
  for (const y of ["2022/2023", "2023/2024", "2024/2025"]) strings.push(y);
  for (const p of ["ВПР", "ОГЭ", "ЕГЭ"]) strings.push(p);
  for (const s of ["Русский язык", "Математика"]) strings.push(s);
  const schools = Math.max(1, Math.ceil(rows / 39));
  w.addFile(
    "xl/sharedStrings.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="${MAIN}" count="${strings.length}" uniqueCount="${strings.length}">` +
      strings.map((s) => `<si><t>${s}</t></si>`).join("") +
      `</sst>`,
  );
  const sheet = w.addStream("xl/worksheets/sheet1.xml");
  sheet.push(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="${MAIN}"><sheetData>`);
  sheet.push(
    `<row r="1">${strings
      .slice(0, base)
      .map((_, i) => `<c r="${"ABCDEFGH"[i]}1" t="s"><v>${i}</v></c>`)
      .join("")}</row>`,
  );
  let buf = "";
  let x = 42;
  for (let r = 0; r < rows; r++) {
    x = (x * 1103515245 + 12345) >>> 0;
    const n = r + 2;
    const school = r % schools;
    const participants = 10 + (x % 60);
    buf +=
      `<row r="${n}"><c r="A${n}" t="inlineStr"><is><t>sch${100000 + school}</t></is></c>` +
      `<c r="B${n}" t="inlineStr"><is><t>МБОУ «СОШ № ${school + 1}»</t></is></c>` +
      `<c r="C${n}" t="s"><v>${base + (r % 3)}</v></c><c r="D${n}" t="s"><v>${base + 3 + (r % 3)}</v></c>` +
      `<c r="E${n}"><v>${4 + (r % 5)}</v></c><c r="F${n}" t="s"><v>${base + 6 + (r % 2)}</v></c>` +
      `<c r="G${n}"><v>${participants}</v></c><c r="H${n}"><v>${(x >>> 8) % (participants + 1)}</v></c></row>`;
    if (buf.length > 1 << 16) {
      sheet.push(buf);
      buf = "";
    }
  }
  sheet.push(`${buf}</sheetData></worksheet>`);
  sheet.end();
  w.finish();
  fs.closeSync(fd);
}

/** A list plan shaped like «Список ШНОР Y» with `n` schools. */
export function bigListPlan(n: number): SheetPlan {
  const rows: CellValue[][] = [];
  for (let i = 0; i < n; i++) {
    rows.push([
      i + 1,
      `МБОУ «СОШ № ${i + 1}»`,
      `sch${100000 + i}`,
      i % 12 === 0 ? "ШНОР" : "—",
      i % 12 === 0 ? "1" : "—",
      i % 12 === 0
        ? "2025 · ВПР · 5 кл. · математика — 33,3 % (4 из 12)\n2025 · ВПР · 6 кл. · русский язык — 35,7 % (5 из 14)"
        : "—",
      "5А",
      "нет данных",
      "нет данных",
      "положительная (−3,2 п.п.)",
      "без изменений (+0,5 п.п.)",
      i % 12 === 0 ? "включена" : "—",
      "Петрова Н. В.",
      "МАОУ «Лицей № 1»",
    ]);
  }
  return {
    name: "Список ШНОР 2025",
    kind: "annual-list",
    year: 2025,
    blocks: [
      {
        at: { row: 0, col: 0 },
        values: [["Ежегодный список ШНОР 2025"]],
        style: { bold: true, fontSize: 14 },
        mergeAcross: 8,
      },
    ],
    table: {
      name: "ShnorList2025",
      at: { row: 2, col: 0 },
      columns: ANNUAL_LIST_COLUMNS,
      rows,
      headerStyle: { bold: true, wrap: true, fill: "#1F4E79", fontColor: "#FFFFFF" },
      rowStyles: rows.flatMap((r, i) => (r[3] === "ШНОР" ? [{ row: i, style: { fill: "#FCE4E4" } }] : [])),
    },
    conditionalFormats: [],
    validations: [],
    charts: [],
    freeze: { rows: 3, cols: 2 },
    print: { orientation: "landscape", paper: "A4", fitToWidth: true, repeatRows: [3, 3] },
  };
}

/** The child: copy `input` to `output` with the list grafted on; prints one JSON line. */
function child(input: string, output: string): void {
  const t0 = performance.now();
  const bytes = fs.readFileSync(input);
  const plan = bigListPlan(LIST_ROWS);
  const fd = fs.openSync(output, "w");
  graftPlans(bytes, [plan], (c) => {
    fs.writeSync(fd, c);
  });
  fs.closeSync(fd);
  const seconds = (performance.now() - t0) / 1000;
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(
    `${JSON.stringify({ seconds, maxRssMb, inputBytes: bytes.length, outputBytes: fs.statSync(output).size })}\n`,
  );
}

export interface CopyBenchResult {
  ok: boolean;
  rows: number;
  seconds: number;
  maxRssMb: number;
  lines: string[];
}

/** Write the big register, copy it in a child process, report time and peak memory against the goal. */
export function benchCopy(rows = ROWS): CopyBenchResult {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "shnor-bench-copy-"));
  try {
    const input = path.join(dir, "реестр.xlsx");
    const output = path.join(dir, "копия.xlsx");
    const t0 = performance.now();
    writeBigRegister(input, rows);
    const written = (performance.now() - t0) / 1000;
    const run = spawnSync(process.execPath, ["--import", "tsx", __filename, "--child", input, output], {
      encoding: "utf8",
      env: { ...process.env },
      maxBuffer: 1 << 20,
    });
    if (run.status !== 0) throw new Error(`copy child failed: ${run.stderr}`);
    const r = JSON.parse(run.stdout.trim().split("\n").pop()!) as {
      seconds: number;
      maxRssMb: number;
      inputBytes: number;
      outputBytes: number;
    };
    const ok = r.maxRssMb <= GOAL_MB;
    const mb = (b: number): string => `${(b / 2 ** 20).toFixed(0)} МБ`;
    return {
      ok,
      rows,
      seconds: r.seconds,
      maxRssMb: r.maxRssMb,
      lines: [
        `Копия книги: ${rows} строк реестра (${mb(r.inputBytes)}, записан за ${written.toFixed(1)} с) + лист списка ${LIST_ROWS} школ → ${mb(r.outputBytes)}`,
        `Копия (привязка листов): ${r.seconds.toFixed(1)} с, пиковая память процесса ${r.maxRssMb.toFixed(0)} МБ`,
        `Цель: ≤ ${GOAL_MB} МБ — ${ok ? "выполнена" : "НЕ выполнена"}`,
      ],
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  if (process.argv[2] === "--child") child(process.argv[3], process.argv[4]);
  else {
    const r = benchCopy();
    for (const l of r.lines) console.log(l);
    if (!r.ok) process.exitCode = 1;
  }
}
