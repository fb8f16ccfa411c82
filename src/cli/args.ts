/** Argument parsing of the `shnor` command (node:util parseArgs + zod). Errors are one Russian line (exit 2). */
import { parseArgs } from "node:util";
import { z } from "zod";

/** A user error: bad argument, unreadable file… The CLI prints the message as one line and exits 2. */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CliError";
  }
}

/** Options shared by `list` and `profile`. */
export interface ListOptions {
  command: "list";
  files: string[];
  year?: number;
  threshold?: number;
  minParticipants?: number;
  subjects?: string[];
  /** Procedure for sheets that name none (issue 16 item 9). */
  procedure?: string;
  /** «На грани порога» band, p.p. (issue 15, setting watchBand). */
  watchBand?: number;
  /** Thresholds of the sensitivity table, percent (issue 15, setting sensitivityThresholds). */
  compare?: number[];
  json: boolean;
  out?: string;
  /** Replace an existing --out file even when this program did not write it. */
  force: boolean;
}

export type Command =
  | { command: "help"; topic?: string }
  | { command: "version" }
  | ListOptions
  | ({ command: "profile"; schools: string[] } & Omit<ListOptions, "command">)
  | ({
      command: "build";
      out: string;
      /** A workbook built before whose roadmap and indicators carry the edits (default: the inputs, then --out). */
      previous?: string;
      /** The department's name in the roadmap (setting roadmap.department). */
      department?: string;
    } & Omit<ListOptions, "command" | "out" | "json">)
  | { command: "registers"; files: string[]; json: boolean; procedure?: string }
  | { command: "demo"; out?: string; json: boolean; force: boolean };

/** «2025», «2024/2025», «2024-2025», «2024–2025», «2024/25» → 2025 (SPEC §1); null when not a year. */
export function parseYearArg(text: string): number | null {
  const t = text.trim();
  let m = /^(\d{4})$/.exec(t);
  if (m) return Number(m[1]);
  m = /^(\d{4})\s*[/\-–—]\s*(\d{2}|\d{4})$/.exec(t);
  if (m) {
    const start = Number(m[1]);
    const end = m[2].length === 2 ? Math.floor(start / 100) * 100 + Number(m[2]) : Number(m[2]);
    return end === start + 1 ? end : null;
  }
  return null;
}

/** A number with «.» or «,» as decimal separator, optional «%». */
function parseNumberArg(text: string): number | null {
  const t = text.trim().replace(/\s*%$/, "").replace(",", ".");
  if (!/^-?\d+(\.\d+)?$/.test(t)) return null;
  return Number(t);
}

const YearSchema = z.number().int().min(2000).max(2100);
const ThresholdSchema = z.number().gt(0).max(100);
const MinParticipantsSchema = z.number().int().min(0).max(100000);

const FLAG_NAMES: Record<string, string[]> = {
  list: [
    "year",
    "threshold",
    "min-participants",
    "subjects",
    "procedure",
    "watch-band",
    "compare",
    "json",
    "out",
    "force",
    "help",
  ],
  profile: [
    "year",
    "threshold",
    "min-participants",
    "subjects",
    "procedure",
    "watch-band",
    "compare",
    "school",
    "json",
    "out",
    "force",
    "help",
  ],
  build: [
    "year",
    "threshold",
    "min-participants",
    "subjects",
    "procedure",
    "watch-band",
    "compare",
    "out",
    "force",
    "previous",
    "department",
    "help",
  ],
  registers: ["procedure", "json", "help"],
  demo: ["out", "json", "force", "help"],
};

const VALUE_OPTIONS = new Set([
  "--year",
  "--threshold",
  "--min-participants",
  "--subjects",
  "--procedure",
  "--school",
  "--watch-band",
  "--compare",
  "--out",
  "--previous",
  "--department",
]);

/**
 * `--min-participants -1`: node's parser takes «-1» for an option and reports a missing value; joining a
 * negative number to its option («--min-participants=-1») lets the value's own check answer instead.
 */
function joinNegativeValues(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const next = argv[i + 1];
    if (VALUE_OPTIONS.has(argv[i]) && next !== undefined && /^-\d/.test(next)) {
      out.push(`${argv[i]}=${next}`);
      i++;
    } else {
      out.push(argv[i]);
    }
  }
  return out;
}

function strictParse(command: string, argv: string[]) {
  try {
    return parseArgs({
      args: joinNegativeValues(argv),
      allowPositionals: true,
      strict: true,
      options: {
        year: { type: "string" },
        threshold: { type: "string" },
        "min-participants": { type: "string" },
        subjects: { type: "string" },
        procedure: { type: "string" },
        school: { type: "string", multiple: true },
        "watch-band": { type: "string" },
        compare: { type: "string" },
        json: { type: "boolean", default: false },
        out: { type: "string" },
        previous: { type: "string" },
        department: { type: "string" },
        force: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (e) {
    const err = e as { code?: string; message: string };
    const m = /'(--?[^']+)'/.exec(err.message);
    if (err.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
      throw new CliError(
        `Неизвестный параметр ${m ? m[1] : ""} для команды «${command}» (справка: shnor ${command} --help).`,
      );
    }
    if (err.code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
      throw new CliError(`Параметру ${m ? m[1].split(" ")[0] : ""} нужно значение (справка: shnor ${command} --help).`);
    }
    throw new CliError(`Неверные параметры команды «${command}»: ${err.message}`);
  }
}

function checkAllowed(command: string, values: Record<string, unknown>): void {
  const allowed = FLAG_NAMES[command];
  for (const [k, v] of Object.entries(values)) {
    if (v === undefined || v === false || (Array.isArray(v) && v.length === 0)) continue;
    if (!allowed.includes(k))
      throw new CliError(`Параметр --${k} не относится к команде «${command}» (справка: shnor ${command} --help).`);
  }
}

export function parseCommandLine(argv: string[]): Command {
  if (argv.length === 0) return { command: "help" };
  const [first, ...rest] = argv;
  if (first === "--help" || first === "-h" || first === "help") return { command: "help", topic: rest[0] };
  if (first === "--version" || first === "-v") return { command: "version" };
  if (!(first in FLAG_NAMES)) {
    throw new CliError(
      `Неизвестная команда «${first}»; команды: list, build, profile, registers, demo (справка: shnor --help).`,
    );
  }
  const { values, positionals } = strictParse(first, rest);
  if (values.help) return { command: "help", topic: first };
  checkAllowed(first, values);

  if (first === "demo") {
    if (positionals.length) throw new CliError(`Команда demo не принимает файлы: «${positionals[0]}».`);
    return { command: "demo", out: values.out, json: values.json ?? false, force: values.force ?? false };
  }
  if (positionals.length === 0) {
    throw new CliError(`Укажите хотя бы один файл .xlsx: shnor ${first} ФАЙЛ.xlsx (справка: shnor ${first} --help).`);
  }
  const procedure = parseProcedureArg(values.procedure);
  if (first === "registers") {
    return {
      command: "registers",
      files: positionals,
      json: values.json ?? false,
      ...(procedure ? { procedure } : {}),
    };
  }

  let year: number | undefined;
  if (values.year !== undefined) {
    const y = parseYearArg(values.year);
    if (y === null || !YearSchema.safeParse(y).success) {
      throw new CliError(`Неверный год «${values.year}»: укажите год списка, например 2025 или 2024/2025.`);
    }
    year = y;
  }
  let threshold: number | undefined;
  if (values.threshold !== undefined) {
    const t = parseNumberArg(values.threshold);
    if (t === null || !ThresholdSchema.safeParse(t).success) {
      throw new CliError(
        `Неверный порог «${values.threshold}»: нужно число процентов больше 0 и не больше 100, например 30.`,
      );
    }
    threshold = t;
  }
  let minParticipants: number | undefined;
  if (values["min-participants"] !== undefined) {
    const n = parseNumberArg(values["min-participants"]);
    if (n === null || !MinParticipantsSchema.safeParse(n).success) {
      throw new CliError(
        `Неверное минимальное число участников «${values["min-participants"]}»: нужно целое число не меньше 0.`,
      );
    }
    minParticipants = n;
  }
  let subjects: string[] | undefined;
  if (values.subjects !== undefined) {
    subjects = values.subjects
      .split(/[,;]/)
      .map((s) => s.trim().toLowerCase().replace(/ё/g, "е").replace(/\s+/g, " "))
      .filter(Boolean);
    if (subjects.length === 0) {
      throw new CliError(
        `Неверный список предметов «${values.subjects}»: например --subjects "русский язык,математика".`,
      );
    }
  }
  let watchBand: number | undefined;
  if (values["watch-band"] !== undefined) {
    const b = parseNumberArg(values["watch-band"]);
    if (b === null || b < 0 || b > 100) {
      throw new CliError(
        `Неверная полоса «на грани» «${values["watch-band"]}»: нужно число п.п. от 0 до 100, например 5.`,
      );
    }
    watchBand = b;
  }
  let compare: number[] | undefined;
  if (values.compare !== undefined) {
    // «25;30;35» (then a comma is a decimal separator) or «25,30,35».
    const text = values.compare;
    const parts = (text.includes(";") ? text.split(";") : text.split(",")).map((t) => t.trim()).filter(Boolean);
    const nums = parts.map(parseNumberArg);
    if (
      nums.length === 0 ||
      nums.length > 10 ||
      nums.some((n) => n === null || !ThresholdSchema.safeParse(n).success)
    ) {
      throw new CliError(
        `Неверные пороги для сравнения «${text}»: от 1 до 10 чисел процентов больше 0 и не больше 100, например --compare "25;30;35".`,
      );
    }
    compare = nums as number[];
  }
  const list: ListOptions = {
    command: "list",
    files: positionals,
    year,
    threshold,
    minParticipants,
    subjects,
    ...(procedure ? { procedure } : {}),
    ...(watchBand !== undefined ? { watchBand } : {}),
    ...(compare ? { compare } : {}),
    json: values.json ?? false,
    out: values.out,
    force: values.force ?? false,
  };
  if (first === "build") {
    if (!values.out) {
      throw new CliError(
        "Укажите файл результата: shnor build ФАЙЛ.xlsx --out РЕЗУЛЬТАТ.xlsx (справка: shnor build --help).",
      );
    }
    const department = values.department?.replace(/\s+/g, " ").trim();
    if (values.department !== undefined && (!department || department.length > 200)) {
      throw new CliError(`Неверное название отдела «${values.department}»: от 1 до 200 знаков.`);
    }
    const { command: _c, json: _j, out: _o, ...rest } = list;
    return {
      ...rest,
      command: "build",
      out: values.out,
      ...(values.previous ? { previous: values.previous } : {}),
      ...(department ? { department } : {}),
    };
  }
  if (first !== "profile") return list;
  const schools = (values.school ?? []).map((s) => s.replace(/\s+/g, " ").trim());
  const bad = schools.find((s) => s === "" || s.length > 500);
  if (bad !== undefined) {
    throw new CliError(
      `Неверная школа «${bad}»: укажите название, код ОО или логин, например --school "МБОУ «СОШ № 8»".`,
    );
  }
  return { ...list, command: "profile", schools };
}

/** `--procedure ВПР` (also «ОГЭ», «ЕГЭ», «ГИА-9», a regional procedure's name); undefined when not given. */
function parseProcedureArg(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const t = text.replace(/\s+/g, " ").trim();
  if (t === "" || t.length > 100) {
    throw new CliError(`Неверная процедура «${text}»: укажите название, например --procedure ВПР.`);
  }
  return t;
}
