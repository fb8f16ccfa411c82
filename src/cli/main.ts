/**
 * The `shnor` command: list / registers / demo over .xlsx files (issue 2, issue 8).
 * Exit codes: 0 done; 2 bad input or argument (one Russian line on stderr); 1 internal error.
 */
import fs from "node:fs";
import path from "node:path";
import {
  allProblems,
  buildAll,
  buildAnnualList,
  buildProfiles,
  formatProfileText,
  formatListSummary,
  formatRegistersAccount,
  scanRegisters,
  ShnorInputError,
} from "../app";
import { aggregatesWarning, formatNothingRead } from "../app/summary";
import {
  DEFAULT_SETTINGS,
  generatedKindOf,
  profileJson,
  schoolJson,
  sensitivityJson,
  type SchoolAssessment,
  type SchoolProfile,
} from "../core";
import { withoutGeneratedSheets } from "../app/generatedSheets";
import type { SheetPlan } from "../core/sheetPlan";
import type { SheetGrid, WorkbookGrids } from "../core/types";
import { givesResults, KIND_IDS } from "../registers/kinds";
import type { Settings } from "../core/settings";
import type { WriteResult } from "./output";
import { CliError, parseCommandLine, type Command } from "./args";
import { helpFor } from "./help";
import { streamed, streamSink, writeJson, type TextSink } from "./jsonOut";

// ExcelJS takes about a second to load: the writer is loaded only when something is written (--out, demo), and the
// reader only by the commands that read, so that --help and argument errors answer at once.
/* eslint-disable @typescript-eslint/no-require-imports */
const xlsxWriter = async (): Promise<typeof import("./output")> => require("./output");
const inputsReader = async (): Promise<typeof import("./inputs")> => require("./inputs");
/* eslint-enable @typescript-eslint/no-require-imports */

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Raw text to stdout in pieces (JSON), respecting backpressure; without it the pieces are joined for `out`. */
  write?: TextSink;
}

const defaultIo: CliIo = {
  out: (t) => process.stdout.write(t.endsWith("\n") ? t : `${t}\n`),
  err: (t) => process.stderr.write(t.endsWith("\n") ? t : `${t}\n`),
  write: streamSink(process.stdout),
};

/** JSON to stdout, written school by school (never one big string). */
async function outJson(io: CliIo, obj: Record<string, unknown>): Promise<void> {
  if (io.write) {
    await writeJson(io.write, obj);
    return;
  }
  const parts: string[] = [];
  await writeJson(async (t) => {
    parts.push(t);
  }, obj);
  io.out(parts.join(""));
}

/**
 * Project root: the folder of package.json above this module (src/cli/main.ts in a checkout run through tsx,
 * build/cli/shnor.js in the compiled CLI — both two levels down).
 */
export const PROJECT_ROOT = path.resolve(__dirname, "..", "..");
export const SAMPLE_FILE = path.join(PROJECT_ROOT, "samples", "Реестр результатов района.xlsx");

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, " ").trim();
}

type ListCommand = Extract<Command, { command: "list" }>;

async function runList(
  cmd: Pick<
    ListCommand,
    "files" | "year" | "threshold" | "minParticipants" | "subjects" | "procedure" | "json" | "out" | "force"
  >,
  io: CliIo,
  /** Output path chosen once the list year is known (demo). */
  outFor?: (year: number) => string,
): Promise<{ written: WriteResult | null }> {
  const { readInputs } = await inputsReader();
  if (cmd.out) (await xlsxWriter()).checkOutPath(cmd.out, cmd.files, cmd.force);
  const workbooks = await readInputs(cmd.files);
  const settings = settingsOf(cmd);
  const defaults = cmd.procedure ? { procedure: cmd.procedure } : undefined;
  let built: ReturnType<typeof buildAnnualList>;
  try {
    built = buildAnnualList(workbooks, { year: cmd.year, settings, ...(defaults ? { defaults } : {}) });
  } catch (e) {
    // A results register with no row read: the one line names the first problem and where to see all of them.
    if (e instanceof ShnorInputError) {
      const { registers } = scanRegisters(workbooks, defaults ? { defaults } : {});
      if (registers.sheets.some((a) => givesResults(a.kind)) && registers.results.length === 0) {
        throw new CliError(formatNothingRead(registers, cmd.files));
      }
    }
    throw e;
  }
  let written: WriteResult | null = null;
  const out = cmd.out ?? outFor?.(built.year);
  if (out) {
    const { checkOutPath, writeNewWorkbookWithPlans, writeWorkbookCopyWithPlans } = await xlsxWriter();
    if (!cmd.out) checkOutPath(out, cmd.files, cmd.force);
    written =
      cmd.files.length === 1
        ? writeWorkbookCopyWithPlans(cmd.files[0], [built.plan], out)
        : writeNewWorkbookWithPlans([built.plan], out);
  }
  if (cmd.json) {
    await outJson(io, {
      year: built.list.year,
      schools: streamed<SchoolAssessment>(built.list.schools, schoolJson),
      sensitivity: sensitivityJson(built.list.sensitivity, built.list.schools),
      problems: streamed(allProblems(built.list, built.registers)),
    });
  } else {
    io.out(formatListSummary(built.list, built.registers, { withFile: cmd.files.length > 1, files: cmd.files }));
  }
  // With --json the summary is not printed: the warning about rows skipped as totals goes to stderr.
  const warning = cmd.json ? aggregatesWarning(built.registers, cmd.files) : null;
  if (warning) io.err(`Предупреждение: ${warning}`);
  if (written) {
    const line = `Записано: ${path.resolve(written.outPath)} (лист «${written.sheets.join("», «")}»${written.replaced.length ? ", прежний лист заменён" : ""})`;
    (cmd.json ? io.err : io.out)(cmd.json ? line : `\n${line}`);
    for (const w of written.warnings) io.err(`Предупреждение: ${w}`);
  }
  return { written };
}

type BuildCommand = Extract<Command, { command: "build" }>;

/** How many rows of a type a working-sheet plan has (by their service cells; obsolete rows not counted). */
function planRows(plan: SheetPlan, type: "item" | "block"): number {
  const t = plan.table;
  if (!t) return 0;
  const service = t.columns.findIndex((c) => c.hidden);
  return t.rows.filter((r) => {
    const v = service >= 0 ? r[service] : null;
    return typeof v === "string" && v.startsWith(`SHNOR1|${type}|`) && !/\|x[^|]*$/.test(v);
  }).length;
}

/**
 * `shnor build`: every generated sheet (list, roadmap, indicators, dynamics); a workbook built before carries the
 * edits over — the inputs' own generated sheets, else `--previous`, else an existing `--out` this program wrote.
 */
async function runBuild(cmd: BuildCommand, io: CliIo): Promise<{ written: WriteResult }> {
  const { readInputFiles } = await inputsReader();
  const { checkOutPath, isShnorFile, writeNewWorkbookWithPlans, writeWorkbookCopyWithPlans } = await xlsxWriter();
  checkOutPath(cmd.out, cmd.files, cmd.force);
  const read = await readInputFiles(cmd.files);
  const workbooks = read.workbooks;
  const settings = settingsOf(cmd);
  if (cmd.department) settings.roadmap = { ...DEFAULT_SETTINGS.roadmap, department: cmd.department };
  const defaults = cmd.procedure ? { procedure: cmd.procedure } : undefined;

  // Where the previous roadmap and indicators come from.
  const working = (wbs: WorkbookGrids[]) =>
    withoutGeneratedSheets(wbs).grids.filter((g) => ["roadmap", "indicators"].includes(generatedKindOf(g) ?? ""));
  let previous: SheetGrid[] | undefined;
  let previousFrom: string | null = null;
  if (cmd.previous) {
    const prev = await readInputFiles([cmd.previous]);
    previous = working(prev.workbooks);
    previousFrom = cmd.previous;
    if (previous.length === 0) {
      throw new CliError(
        `В книге «${cmd.previous}» нет листов «Дорожная карта» и «Показатели», построенных этой программой.`,
      );
    }
  } else if (working(workbooks).length > 0) {
    previousFrom = cmd.files.find((_, i) => working([workbooks[i]]).length > 0) ?? null;
  } else if (isShnorFile(cmd.out)) {
    const prev = await readInputFiles([cmd.out]);
    const grids = withoutGeneratedSheets(prev.workbooks);
    // The new file replaces --out: its own sheets that the new workbook will not have would be lost.
    const kept = new Set(cmd.files.length === 1 ? workbooks[0].sheets.map((x) => x.name.toLowerCase()) : []);
    const lost = grids.workbooks[0].sheets.map((x) => x.name).filter((n) => !kept.has(n.toLowerCase()));
    if (lost.length && !cmd.force) {
      throw new CliError(
        `В «${cmd.out}» есть листы, которых не будет в новой книге: «${lost.slice(0, 5).join("», «")}»${lost.length > 5 ? ` и ещё ${lost.length - 5}` : ""} — ` +
          `они были бы потеряны. Постройте из самой этой книги (shnor build «${path.basename(cmd.out)}» --out НОВЫЙ.xlsx) или добавьте --force.`,
      );
    }
    previous = working(prev.workbooks);
    if (previous.length) previousFrom = cmd.out;
  }

  let built: ReturnType<typeof buildAll>;
  try {
    built = buildAll(workbooks, {
      year: cmd.year,
      settings,
      ...(defaults ? { defaults } : {}),
      ...(previous ? { previous } : {}),
    });
  } catch (e) {
    if (e instanceof ShnorInputError) {
      const { registers } = scanRegisters(workbooks, defaults ? { defaults } : {});
      if (registers.sheets.some((a) => givesResults(a.kind)) && registers.results.length === 0) {
        throw new CliError(formatNothingRead(registers, cmd.files));
      }
    }
    throw e;
  }
  const plans = built.sheets.map((x) => x.plan);
  const written =
    cmd.files.length === 1
      ? writeWorkbookCopyWithPlans(cmd.files[0], plans, cmd.out)
      : writeNewWorkbookWithPlans(plans, cmd.out);

  io.out(formatListSummary(built.list, built.registers, { withFile: cmd.files.length > 1, files: cmd.files }));
  const lines: string[] = ["", "Листы:"];
  const s = built.list.summary;
  for (const x of built.sheets) {
    const name = written.sheets[built.sheets.indexOf(x)] ?? x.plan.name;
    if (x.choice === "list") lines.push(`  «${name}» — школ: ${s.total}, ШНОР: ${s.shnor}`);
    else if (x.choice === "roadmap") {
      const schools = Math.max(0, planRows(x.plan, "block") - 1);
      lines.push(`  «${name}» — мероприятий: ${planRows(x.plan, "item")}, блоков школ: ${schools}`);
    } else if (x.choice === "indicators") lines.push(`  «${name}» — показателей: ${planRows(x.plan, "item")}`);
    else lines.push(`  «${name}» — школ с диаграммой: ${x.plan.charts.length}`);
  }
  const c = built.catalogue;
  if (c.overridden.length || c.added.length || c.excluded.length || c.rejected.length) {
    lines.push(
      `Каталог мероприятий по листам «Мероприятия»: изменено — ${c.overridden.length}, добавлено — ${c.added.length}, исключено — ${c.excluded.length}` +
        (c.rejected.length ? `, не учтено строк — ${c.rejected.length} (см. проблемы)` : ""),
    );
  }
  const carried = built.sheets.filter((x) => x.previousSheet);
  if (carried.length) {
    lines.push(
      `Правки перенесены из «${path.basename(previousFrom ?? "")}» (листы «${carried.map((x) => x.previousSheet).join("», «")}»): ${built.keptText}.`,
    );
  }
  lines.push(
    `Записано: ${path.resolve(written.outPath)} (листы «${written.sheets.join("», «")}»${written.replaced.length ? `; заменены прежние: «${written.replaced.join("», «")}»` : ""})`,
  );
  if (!carried.length && built.sheets.some((x) => x.choice === "roadmap" || x.choice === "indicators")) {
    lines.push(
      `Статусы, отметки, цели и факты, внесённые в эти листы, сохранятся при перестроении: shnor build «${path.basename(written.outPath)}» --out НОВЫЙ.xlsx`,
    );
  }
  io.out(lines.join("\n"));
  for (const w of written.warnings) io.err(`Предупреждение: ${w}`);
  return { written };
}

type ProfileCommand = Extract<Command, { command: "profile" }>;

/** `shnor profile`: the «Профиль ОО Y» sheet (--out), its data (--json) or its text, for the schools asked for. */
async function runProfile(cmd: ProfileCommand, io: CliIo): Promise<void> {
  const { readInputs } = await inputsReader();
  if (cmd.out) (await xlsxWriter()).checkOutPath(cmd.out, cmd.files, cmd.force);
  const workbooks = await readInputs(cmd.files);
  const settings = settingsOf(cmd);
  const defaults = cmd.procedure ? { procedure: cmd.procedure } : undefined;
  const built = buildProfiles(workbooks, {
    year: cmd.year,
    settings,
    schools: cmd.schools,
    ...(defaults ? { defaults } : {}),
  });
  let written: WriteResult | null = null;
  if (cmd.out) {
    const { writeNewWorkbookWithPlans, writeWorkbookCopyWithPlans } = await xlsxWriter();
    written =
      cmd.files.length === 1
        ? writeWorkbookCopyWithPlans(cmd.files[0], [built.profilePlan], cmd.out)
        : writeNewWorkbookWithPlans([built.profilePlan], cmd.out);
  }
  if (cmd.json) {
    await outJson(io, {
      year: built.list.year,
      schools: streamed<SchoolProfile>(built.profiles, profileJson),
      problems: streamed(allProblems(built.list, built.registers)),
    });
  } else if (!written) {
    io.out(built.profiles.map(formatProfileText).join("\n\n"));
  }
  if (written) {
    const pages = built.profiles.length;
    const line =
      `Записано: ${path.resolve(written.outPath)} (лист «${written.sheets.join("», «")}», ` +
      `${pages === 1 ? "одна школа — одна страница А4" : `школ: ${pages}, по странице А4 на школу`}` +
      `${written.replaced.length ? ", прежний лист заменён" : ""})`;
    (cmd.json ? io.err : io.out)(line);
    for (const w of written.warnings) io.err(`Предупреждение: ${w}`);
  }
}

function settingsOf(
  cmd: Pick<ListCommand, "threshold" | "minParticipants" | "subjects" | "watchBand" | "compare">,
): Partial<Settings> {
  const settings: Partial<Settings> = {};
  if (cmd.watchBand !== undefined) settings.watchBand = cmd.watchBand;
  if (cmd.compare) settings.sensitivityThresholds = cmd.compare;
  if (cmd.threshold !== undefined) settings.threshold = cmd.threshold;
  if (cmd.minParticipants !== undefined) settings.minParticipants = cmd.minParticipants;
  if (cmd.subjects) settings.subjects = cmd.subjects;
  return settings;
}

async function runRegisters(files: string[], json: boolean, io: CliIo, procedure?: string): Promise<void> {
  const { readInputFiles } = await inputsReader();
  const read = await readInputFiles(files);
  const { registers, generatedSheets } = scanRegisters(read.workbooks, procedure ? { defaults: { procedure } } : {});
  if (json) {
    await outJson(io, {
      sheets: streamed(registers.sheets),
      generatedSheets,
      chartSheets: read.chartSheets,
      counts: Object.fromEntries(KIND_IDS.map((id) => [id, registers[id].length])),
      problems: streamed(registers.problems),
    });
  } else {
    io.out(formatRegistersAccount(registers, generatedSheets, read.chartSheets));
  }
}

async function runDemo(out: string | undefined, json: boolean, force: boolean, io: CliIo): Promise<void> {
  if (!fs.existsSync(SAMPLE_FILE)) {
    throw new CliError(`Пример реестра не найден: «${SAMPLE_FILE}» (создайте его командой npm run samples).`);
  }
  if (json) {
    await runList({ files: [SAMPLE_FILE], json, out, force }, io, (year) =>
      path.join(PROJECT_ROOT, "out", `Реестр результатов района — ШНОР ${year}.xlsx`),
    );
    return;
  }
  io.out(`Пример: ${SAMPLE_FILE}\n`);
  // Every generated sheet: the list, the roadmap, the indicators and the dynamics (shnor build).
  await runBuild(
    {
      command: "build",
      files: [SAMPLE_FILE],
      out: out ?? path.join(PROJECT_ROOT, "out", "Реестр результатов района — ШНОР.xlsx"),
      force,
    },
    io,
  );
}

/** Run the command line; returns the exit code (never throws). */
export async function run(argv: string[], io: CliIo = defaultIo): Promise<number> {
  try {
    const cmd = parseCommandLine(argv);
    switch (cmd.command) {
      case "help":
        io.out(helpFor(cmd.topic));
        return 0;
      case "version": {
        const pkg = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "package.json"), "utf8")) as { version: string };
        io.out(pkg.version);
        return 0;
      }
      case "list":
        await runList(cmd, io);
        return 0;
      case "build":
        await runBuild(cmd, io);
        return 0;
      case "profile":
        await runProfile(cmd, io);
        return 0;
      case "registers":
        await runRegisters(cmd.files, cmd.json, io, cmd.procedure);
        return 0;
      case "demo":
        await runDemo(cmd.out, cmd.json, cmd.force, io);
        return 0;
    }
  } catch (e) {
    if (e instanceof CliError || e instanceof ShnorInputError || (e as Error)?.name === "XlsxFileError") {
      io.err(oneLine((e as Error).message));
      return 2;
    }
    io.err(oneLine(`Внутренняя ошибка: ${(e as Error)?.message ?? String(e)}`));
    if (process.env.SHNOR_DEBUG) io.err(String((e as Error)?.stack ?? ""));
    return 1;
  }
}

if (require.main === module) {
  void run(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
