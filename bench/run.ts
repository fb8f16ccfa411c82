/**
 * `npm run bench`: the performance goals of issue 11, each measured in this run, written to bench/results.json with
 * its goal and whether it is met (exit 1 when one is missed). Every figure comes from a child process of its own
 * (wall time measured here, peak RSS by process.resourceUsage() inside the child); the big inputs are generated
 * into a temporary folder and removed afterwards.
 *
 *   npm run bench                          # full sizes (a few minutes)
 *   SHNOR_BENCH_QUICK=1 npm run bench      # small sizes, a smoke run: figures written, goals not judged
 *   SHNOR_BENCH_OUT=file.json              # where to write (default bench/results.json; quick runs: a temp file)
 *   SHNOR_BENCH_COPY=0 npm run bench       # without the write-path figure (bench/copy.ts)
 *
 * Figures:
 * 1. `shnor list --json` on a 100,000-row register, wall time ÷ ExcelJS's whole-workbook load of the same file
 *    (the load alone, measured inside its own process, without Node's start or the require of ExcelJS);
 * 2. the same command's peak RSS;
 * 3. a 1,048,575-row register (one sheet): time and peak RSS;
 * 4. one stray cell at XFD1048576 on a small register: peak RSS, and the list equal to the list without it;
 * 5. 40,000 schools × 3 years held in memory as grids (the former bench): pipeline time and peak RSS;
 * 6. `=SHNOR.CLASSIFY` over an 84,000-row range: the median time per call after the first.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildSync } from "esbuild";
import { benchCopy } from "./copy";
import { writeRegisterXlsx } from "./registerXlsx";

const QUICK = process.env.SHNOR_BENCH_QUICK === "1";
const ROOT = path.resolve(__dirname, "..");
const OUT =
  process.env.SHNOR_BENCH_OUT ??
  (QUICK ? path.join(os.tmpdir(), "shnor-bench-quick.json") : path.join(ROOT, "bench", "results.json"));
const SIZES = QUICK
  ? { list: 5_000, huge: 20_000, farRows: 390, schools: 500, classifyRows: 4_000, calls: 50, repeats: 1 }
  : { list: 100_000, huge: 1_048_575, farRows: 390, schools: 40_000, classifyRows: 84_000, calls: 300, repeats: 3 };

interface Figure {
  id: string;
  figure: string;
  value: number;
  unit: string;
  goal: string;
  met: boolean | null;
  /** The issue's «today» (before the work), for reference. */
  before?: string;
  detail?: Record<string, unknown>;
}

interface ChildResult {
  ms: number;
  maxRssMb: number;
  code: number;
  stdout: string;
  stderr: string;
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "shnor-bench-"));

/** Run `node script args` (through the peak-RSS helper), stdout kept unless `discard`. */
function child(script: string, args: string[], discard = false): Promise<ChildResult> {
  const stats = path.join(tmp, `stats-${process.hrtime.bigint()}.json`);
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const p = spawn(process.execPath, [path.join(ROOT, "bench", "children", "rss.js"), script, ...args], {
      cwd: tmp,
      env: { ...process.env, SHNOR_BENCH_STATS: stats },
      stdio: ["ignore", discard ? "ignore" : "pipe", "pipe"],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    p.stdout?.on("data", (c: Buffer) => out.push(c));
    p.stderr?.on("data", (c: Buffer) => err.push(c));
    p.on("error", reject);
    p.on("close", (code) => {
      const ms = performance.now() - t0;
      let maxRssMb = NaN;
      try {
        maxRssMb = (JSON.parse(fs.readFileSync(stats, "utf8")) as { maxRssKb: number }).maxRssKb / 1024;
      } catch {
        /* the child died before writing its stats */
      }
      resolve({
        ms,
        maxRssMb,
        code: code ?? 1,
        stdout: Buffer.concat(out).toString("utf8"),
        stderr: Buffer.concat(err).toString("utf8"),
      });
    });
  });
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** TypeScript children bundled to plain JS once (no compiler in the measured process). */
function bundle(name: string): string {
  const outfile = path.join(tmp, `${name}.js`);
  buildSync({
    absWorkingDir: ROOT,
    entryPoints: [path.join(ROOT, "bench", "children", `${name}.ts`)],
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    packages: "external",
    outfile,
    logLevel: "warning",
  });
  return outfile;
}

const SHNOR = path.join(ROOT, "bin", "shnor.js");
const round = (x: number, d = 2): number => Math.round(x * 10 ** d) / 10 ** d;
/** «1 048 575» */
const int = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, " ");

function judge(value: number, limit: number): boolean | null {
  return QUICK ? null : value <= limit;
}

async function main(): Promise<void> {
  const figures: Figure[] = [];
  const log = (f: Figure): void => {
    figures.push(f);
    const verdict = f.met === null ? "—" : f.met ? "выполнена" : "НЕ выполнена";
    console.log(`${f.figure}: ${f.value} ${f.unit} (цель ${f.goal}) — ${verdict}`);
  };
  // The compiled CLI is what users run: build it now so that the run never measures tsx.
  await new Promise<void>((resolve, reject) => {
    const p = spawn(process.execPath, [path.join(ROOT, "scripts", "build-cli.js")], { stdio: "inherit" });
    p.on("close", (code) => (code === 0 ? resolve() : reject(new Error("build-cli failed"))));
  });
  // The bundles' packages resolve from the project's node_modules.
  fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(tmp, "node_modules"), "dir");
  const inMemory = bundle("inMemory");
  const classifyJs = bundle("classify");

  // 1–2. 100,000 rows: shnor list --json vs ExcelJS's load.
  const listFile = writeRegisterXlsx(path.join(tmp, "register-100k.xlsx"), SIZES.list);
  const loads: number[] = [];
  const lists: ChildResult[] = [];
  for (let i = 0; i < SIZES.repeats; i++) {
    const e = await child(path.join(ROOT, "bench", "children", "exceljsLoad.js"), [listFile.path]);
    if (e.code !== 0) throw new Error(`ExcelJS load failed: ${e.stderr}`);
    loads.push((JSON.parse(e.stdout) as { loadMs: number }).loadMs);
    const l = await child(SHNOR, ["list", listFile.path, "--json"], true);
    if (l.code !== 0) throw new Error(`shnor list failed: ${l.stderr}`);
    lists.push(l);
  }
  const loadMs = median(loads);
  const listMs = median(lists.map((l) => l.ms));
  const ratio = listMs / loadMs;
  log({
    id: "list100k.ratio",
    figure: `shnor list --json, ${int(SIZES.list)} строк, время ÷ загрузка ExcelJS`,
    value: round(ratio),
    unit: "×",
    goal: "≤ 0,6×",
    met: judge(ratio, 0.6),
    before: "2,1×",
    detail: {
      listMs: Math.round(listMs),
      exceljsLoadMs: Math.round(loadMs),
      fileMb: round(listFile.bytes / 1e6, 1),
      sheetXmlMb: round(listFile.sheetXmlBytes / 1e6, 1),
    },
  });
  const listRss = median(lists.map((l) => l.maxRssMb));
  log({
    id: "list100k.rss",
    figure: `shnor list --json, ${int(SIZES.list)} строк, пиковая память`,
    value: Math.round(listRss),
    unit: "МБ",
    goal: "≤ 220 МБ",
    met: judge(listRss, 220),
    before: "700 МБ",
  });

  // 3. A register of 1,048,575 rows.
  const huge = writeRegisterXlsx(path.join(tmp, "register-1m.xlsx"), SIZES.huge);
  fs.rmSync(listFile.path);
  const h = await child(SHNOR, ["list", huge.path, "--json"], true);
  if (h.code !== 0) throw new Error(`shnor list (1M) failed: ${h.stderr}`);
  fs.rmSync(huge.path);
  log({
    id: "list1m.time",
    figure: `shnor list --json, ${int(SIZES.huge)} строк, время`,
    value: round(h.ms / 1000, 1),
    unit: "с",
    goal: "≤ 20 с",
    met: judge(h.ms / 1000, 20),
    before: "70 с",
    detail: { fileMb: round(huge.bytes / 1e6, 1), sheetXmlMb: round(huge.sheetXmlBytes / 1e6, 1) },
  });
  log({
    id: "list1m.rss",
    figure: `shnor list --json, ${int(SIZES.huge)} строк, пиковая память`,
    value: Math.round(h.maxRssMb),
    unit: "МБ",
    goal: "≤ 1 200 МБ",
    met: judge(h.maxRssMb, 1200),
    before: "4,0 ГБ",
  });

  // 4. A stray cell at XFD1048576: bounded memory and the same list as without it.
  const plain = writeRegisterXlsx(path.join(tmp, "small.xlsx"), SIZES.farRows);
  const far = writeRegisterXlsx(path.join(tmp, "small-far.xlsx"), SIZES.farRows, { farCell: true });
  const pj = await child(SHNOR, ["list", plain.path, "--json"]);
  const fj = await child(SHNOR, ["list", far.path, "--json"]);
  const same =
    pj.code === 0 &&
    fj.code === 0 &&
    JSON.stringify((JSON.parse(pj.stdout) as { schools: unknown }).schools) ===
      JSON.stringify((JSON.parse(fj.stdout) as { schools: unknown }).schools);
  log({
    id: "farCell.rss",
    figure: "дальняя ячейка XFD1048576 в небольшом реестре, пиковая память",
    value: Math.round(fj.maxRssMb),
    unit: "МБ",
    goal: "≤ 150 МБ, список тот же",
    met: QUICK ? null : fj.maxRssMb <= 150 && same,
    before: "нехватка памяти",
    detail: { listSame: same, exit: fj.code, withoutFarCellRssMb: Math.round(pj.maxRssMb) },
  });

  // 5. 40,000 schools × 3 years in memory.
  const m = await child(inMemory, [String(SIZES.schools)]);
  if (m.code !== 0) throw new Error(`in-memory bench failed: ${m.stderr}`);
  const mem = JSON.parse(m.stdout) as { seconds: number; rows: number };
  log({
    id: "inMemory.time",
    figure: `${int(SIZES.schools)} школ × 3 года в памяти (${int(mem.rows)} строк), время конвейера`,
    value: round(mem.seconds, 1),
    unit: "с",
    goal: "≤ 8 с",
    met: judge(mem.seconds, 8),
    before: "15,6 с",
    detail: mem,
  });
  log({
    id: "inMemory.rss",
    figure: `${int(SIZES.schools)} школ × 3 года в памяти, пиковая память`,
    value: Math.round(m.maxRssMb),
    unit: "МБ",
    goal: "≤ 1 200 МБ",
    met: judge(m.maxRssMb, 1200),
    before: "2,3 ГБ",
  });

  // 6. =SHNOR.CLASSIFY per call after the first.
  const c = await child(classifyJs, [String(SIZES.classifyRows), String(SIZES.calls)]);
  if (c.code !== 0) throw new Error(`classify bench failed: ${c.stderr}`);
  const cl = JSON.parse(c.stdout) as { medianMs: number; firstMs: number; meanMs: number };
  log({
    id: "classify.perCall",
    figure: `=SHNOR.CLASSIFY, диапазон ${int(SIZES.classifyRows)} строк, один вызов после первого (медиана)`,
    value: round(cl.medianMs),
    unit: "мс",
    goal: "≤ 4 мс",
    met: judge(cl.medianMs, 4),
    before: "22 мс",
    detail: { firstMs: Math.round(cl.firstMs), meanMs: round(cl.meanMs), calls: SIZES.calls },
  });

  // 7. Write path (issue 12): a million-row workbook copied with the list grafted on, peak memory of its own process.
  if (process.env.SHNOR_BENCH_COPY !== "0") {
    const copy = benchCopy(QUICK ? 20_000 : undefined);
    for (const line of copy.lines) console.log(line);
    log({
      id: "copy.rss",
      figure: `Копия книги (--out) с реестром в ${int(copy.rows)} строк, пиковая память`,
      value: Math.round(copy.maxRssMb),
      unit: "МБ",
      goal: "≤ 300 МБ",
      met: judge(copy.maxRssMb, 300),
      before: "3,4 ГБ (100 000 школ)",
      detail: { seconds: round(copy.seconds, 1) },
    });
  }

  const results = {
    generatedAt: new Date().toISOString(),
    quick: QUICK,
    machine: {
      node: process.version,
      platform: `${os.platform()} ${os.arch()}`,
      cpus: os.cpus().length,
      cpu: os.cpus()[0]?.model ?? "",
    },
    figures,
  };
  fs.writeFileSync(OUT, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`Записано: ${OUT}`);
  if (!QUICK && !process.env.SHNOR_BENCH_OUT) await updateReadme(figures, results.machine);
  if (!QUICK && figures.some((f) => f.met === false)) process.exitCode = 1;
}

/** The README's «Производительность» table between its bench markers, formatted as prettier formats it. */
async function updateReadme(figures: Figure[], machine: { node: string; cpu: string; cpus: number }): Promise<void> {
  const readme = path.join(ROOT, "README.md");
  const text = fs.readFileSync(readme, "utf8");
  const start = "<!-- bench:start -->";
  const end = "<!-- bench:end -->";
  const a = text.indexOf(start);
  const b = text.indexOf(end);
  if (a < 0 || b < a) return;
  const num = (x: number): string => (x >= 1000 ? int(Math.round(x)) : String(x).replace(".", ","));
  const rows = figures.map(
    (f) =>
      `| ${f.figure} | ${f.before ?? ""} | ${num(f.value)}${f.unit === "×" ? "" : " "}${f.unit} | ${f.goal} | ${f.met === null ? "—" : f.met ? "да" : "**нет**"} |`,
  );
  const day = new Date().toISOString().slice(0, 10).split("-").reverse().join(".");
  const table = [
    `Замер ${day}, Node ${machine.node}, ${machine.cpus} ядра (${machine.cpu}).`,
    "",
    "| показатель | до (issue 11) | сейчас | цель | выполнена |",
    "| --- | --- | --- | --- | --- |",
    ...rows,
  ].join("\n");
  const next = `${text.slice(0, a + start.length)}\n\n${table}\n\n${text.slice(b)}`;
  const prettier = (await import("prettier")) as typeof import("prettier");
  const options = (await prettier.resolveConfig(readme)) ?? {};
  fs.writeFileSync(readme, await prettier.format(next, { ...options, filepath: readme }));
  console.log("README: таблица «Производительность» обновлена");
}

main()
  .catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : String(e));
    process.exitCode = 1;
  })
  .finally(() => fs.rmSync(tmp, { recursive: true, force: true }));
