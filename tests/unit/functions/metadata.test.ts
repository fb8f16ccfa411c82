/**
 * functions.json as the build generates it (custom-functions-metadata, the library behind
 * custom-functions-metadata-plugin), from src/functions/functions.ts: ids = names (ASCII), parameter types,
 * dimensionality and optionality, Russian descriptions, no volatile functions.
 */
import { readFileSync } from "fs";
import path from "path";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";
import PARAM_NAMES from "../../../src/functions/paramNames.json";

// The same post-processing webpack applies to functions.json (LocalizeParameterNamesPlugin, processAssets).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const webpackConfig = require("../../../webpack.config.js") as {
  localizeParameterNames(json: string, names?: unknown): { json: string; missing: string[] };
  EXCEL_PARAMETER_NAME: RegExp;
};

interface Param {
  name: string;
  description?: string;
  type?: string;
  dimensionality?: string;
  optional?: boolean;
}
interface Fn {
  id: string;
  name: string;
  description?: string;
  parameters: Param[];
  result: { type?: string; dimensionality?: string };
  options?: Record<string, boolean>;
}

const INPUT = path.resolve(__dirname, "../../../src/functions/functions.ts");
let functions: Fn[] = [];
let errors: string[] = [];
let associate: { functionName: string; id: string }[] = [];
let metadataJson = "";

beforeAll(async () => {
  const r = await generateCustomFunctionsMetadata(INPUT);
  errors = r.errors;
  associate = r.associate;
  metadataJson = r.metadataJson;
  functions = (JSON.parse(r.metadataJson) as { functions: Fn[] }).functions;
}, 60000);

const byId = (id: string): Fn => {
  const f = functions.find((x) => x.id === id);
  if (!f) throw new Error(`${id} missing from functions.json`);
  return f;
};
const shape = (f: Fn) =>
  f.parameters.map((p) => ({
    name: p.name,
    type: p.type,
    dimensionality: p.dimensionality ?? "scalar",
    optional: p.optional ?? false,
  }));

describe("functions.json generated from functions.ts", () => {
  test("no generator errors; exactly the thirteen functions; ids = names, ASCII; each associated with its function", () => {
    expect(errors).toEqual([]);
    expect(functions.map((f) => f.id)).toEqual([
      "FAILSHARE",
      "LOWRESULT",
      "CLASSIFY",
      "REASONS",
      "DYNAMICS",
      "LISTCHANGE",
      "WATCH",
      "EXIT",
      "SOCIALINDEX",
      "STATUS",
      "OBJECTIVITY",
      "RISKS",
      "TARGET",
    ]);
    for (const f of functions) {
      expect(f.name).toBe(f.id);
      expect(f.id).toMatch(/^[A-Z][A-Z0-9.]{2,}$/);
    }
    expect(associate.map((a) => [a.id, a.functionName])).toEqual([
      ["FAILSHARE", "failShare"],
      ["LOWRESULT", "lowResult"],
      ["CLASSIFY", "classify"],
      ["REASONS", "reasons"],
      ["DYNAMICS", "dynamics"],
      ["LISTCHANGE", "listChange"],
      ["WATCH", "watch"],
      ["EXIT", "exit"],
      ["SOCIALINDEX", "socialIndexOf"],
      ["STATUS", "status"],
      ["OBJECTIVITY", "objectivity"],
      ["RISKS", "risks"],
      ["TARGET", "target"],
    ]);
  });

  test("parameter types, dimensionality and optional flags (blanks and text numbers need type any)", () => {
    const scalar = (name: string, optional = false) => ({ name, type: "any", dimensionality: "scalar", optional });
    const matrix = (name: string) => ({ name, type: "any", dimensionality: "matrix", optional: false });
    expect(shape(byId("FAILSHARE"))).toEqual([scalar("participants"), scalar("failed")]);
    expect(shape(byId("LOWRESULT"))).toEqual([scalar("participants"), scalar("failed"), scalar("threshold", true)]);
    expect(shape(byId("CLASSIFY"))).toEqual([matrix("results"), scalar("year"), scalar("school", true)]);
    expect(shape(byId("REASONS"))).toEqual([matrix("results"), scalar("year"), scalar("school")]);
    expect(shape(byId("DYNAMICS"))).toEqual([
      scalar("previous"),
      scalar("current"),
      scalar("kind", true),
      scalar("tolerance", true),
    ]);
    expect(shape(byId("LISTCHANGE"))).toEqual([matrix("results"), scalar("year"), scalar("school")]);
    expect(shape(byId("WATCH"))).toEqual([matrix("results"), scalar("year"), scalar("school")]);
    expect(shape(byId("EXIT"))).toEqual([matrix("results"), scalar("year"), scalar("school")]);
    // Issue 13.
    expect(shape(byId("SOCIALINDEX"))).toEqual([matrix("context"), scalar("year"), scalar("school")]);
    expect(shape(byId("STATUS"))).toEqual([
      matrix("results"),
      scalar("year"),
      scalar("school"),
      { name: "context", type: "any", dimensionality: "matrix", optional: true },
    ]);
    expect(shape(byId("OBJECTIVITY"))).toEqual([matrix("results"), scalar("year"), scalar("school")]);
    expect(shape(byId("RISKS"))).toEqual([matrix("risks"), scalar("year"), scalar("school")]);
    // Issue 14.
    expect(shape(byId("TARGET"))).toEqual([scalar("fact"), scalar("target"), scalar("direction", true)]);
  });

  test("results: numbers, booleans, strings; register functions spill matrices and get parameter addresses", () => {
    expect(byId("FAILSHARE").result).toEqual({ type: "number" });
    expect(byId("LOWRESULT").result).toEqual({ type: "boolean" });
    expect(byId("DYNAMICS").result).toEqual({ type: "string" });
    expect(byId("SOCIALINDEX").result).toEqual({ type: "number" });
    expect(byId("SOCIALINDEX").options).toEqual({ requiresParameterAddresses: true });
    for (const id of ["CLASSIFY", "REASONS", "LISTCHANGE", "STATUS", "OBJECTIVITY", "RISKS", "WATCH", "EXIT"]) {
      expect(byId(id).result.dimensionality).toBe("matrix");
      expect(byId(id).options).toEqual({ requiresParameterAddresses: true });
    }
    expect(byId("TARGET").result).toEqual({ type: "string" });
    for (const id of ["FAILSHARE", "LOWRESULT", "DYNAMICS", "TARGET"]) expect(byId(id).options ?? {}).toEqual({});
    for (const f of functions) expect(f.options?.volatile).toBeUndefined();
  });

  test("every function and parameter has a Russian description of sane length", () => {
    for (const f of functions) {
      expect(f.description).toMatch(/[А-Яа-яЁё]/);
      expect(f.description!.length).toBeLessThanOrEqual(255);
      expect(f.description).not.toMatch(/\n/);
      for (const p of f.parameters) {
        expect({ fn: f.id, p: p.name, ok: /[А-Яа-яЁё]/.test(p.description ?? "") }).toEqual({
          fn: f.id,
          p: p.name,
          ok: true,
        });
        expect(p.description!.length).toBeLessThanOrEqual(255);
      }
    }
    expect(byId("CLASSIFY").description).toContain("«ШНОР (правило 1)»");
    expect(byId("DYNAMICS").parameters[2].description).toContain("«доля2»");
    expect(byId("TARGET").description).toContain("«достигнуто», «не достигнуто» или «нет данных»");
    expect(byId("TARGET").parameters[2].description).toMatch(/«больше».*«меньше».*«да\/нет»/);
  });
});

describe("parameter names users see are Russian (post-processed functions.json; audit)", () => {
  const localized = () => {
    const r = webpackConfig.localizeParameterNames(metadataJson);
    return { missing: r.missing, functions: (JSON.parse(r.json) as { functions: Fn[] }).functions };
  };

  test("every parameter gets its Russian name from src/functions/paramNames.json, valid for Excel", () => {
    const { missing, functions: ru } = localized();
    expect(missing).toEqual([]);
    const names = Object.fromEntries(ru.map((f) => [f.id, f.parameters.map((p) => p.name)]));
    expect(names).toEqual({
      FAILSHARE: ["участники", "не_справились"],
      LOWRESULT: ["участники", "не_справились", "порог"],
      CLASSIFY: ["результаты", "год", "школа"],
      REASONS: ["результаты", "год", "школа"],
      DYNAMICS: ["было", "стало", "показатель", "допуск"],
      LISTCHANGE: ["результаты", "год", "школа"],
      WATCH: ["результаты", "год", "школа"],
      EXIT: ["результаты", "год", "школа"],
      SOCIALINDEX: ["контекст", "год", "школа"],
      STATUS: ["результаты", "год", "школа", "контекст"],
      OBJECTIVITY: ["результаты", "год", "школа"],
      RISKS: ["риски", "год", "школа"],
      TARGET: ["факт", "цель", "направление"],
    });
    for (const f of ru) {
      for (const p of f.parameters) {
        expect(p.name).toMatch(webpackConfig.EXCEL_PARAMETER_NAME);
        expect(p.name).toMatch(/^[А-Яа-яЁё_.0-9]+$/);
      }
    }
    // Nothing else changes: types, dimensionality, optional flags and descriptions are the generator's.
    expect(ru.map((f) => f.parameters.map((p) => ({ ...p, name: "" })))).toEqual(
      functions.map((f) => f.parameters.map((p) => ({ ...p, name: "" }))),
    );
  });

  test("a parameter missing from the dictionary, or a name Excel would reject, is reported (the build fails)", () => {
    const partial = { ...PARAM_NAMES, DYNAMICS: { previous: "было", current: "стало", kind: "вид показателя" } };
    expect(webpackConfig.localizeParameterNames(metadataJson, partial).missing).toEqual([
      "DYNAMICS(kind)",
      "DYNAMICS(tolerance)",
    ]);
  });

  test("src/functions/README.md shows the same Russian names in every signature", () => {
    const readme = readFileSync(path.resolve(__dirname, "../../../src/functions/README.md"), "utf8");
    const { functions: ru } = localized();
    for (const f of ru) {
      const args = f.parameters.map((p) => (p.optional ? `[${p.name}]` : p.name)).join("; ");
      expect(readme).toContain(`=SHNOR.${f.id}(${args})`);
    }
  });
});
