/**
 * Old Excel (issue 17): the build step that makes the bundles parse in EdgeHTML 18 and lists for the ES5 loader the
 * regular expressions no transpiler can lower (scripts/legacyTarget.js), on small inputs.
 */
import * as acorn from "acorn";
import fs, { readFileSync } from "fs";
import path from "path";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const legacy = require("../../../scripts/legacyTarget.js") as {
  transpileForEdge(code: string, name: string): { code: string; regexps: [string, string][] };
  newerRegExps(code: string, ecmaVersion?: number | "latest"): [string, string][];
  renderBoot(template: string, regexps: Record<string, [string, string][]>): string;
  validEs2017RegExp(pattern: string, flags: string): boolean;
  edgeVariant(code: string, name: string): { code: string; regexps: [string, string][] };
  lowerRegExp(pattern: string, flags: string): { pattern: string; flags: string; es2017: boolean } | null;
  bootChecks(r: Record<string, [string, string][]>): Record<string, [string, string][]>;
};
const BOOT = readFileSync(path.resolve(__dirname, "../../../src/boot/boot.js"), "utf8");

describe("transpiling for EdgeHTML 18 (issue 17)", () => {
  test("ES2018+ syntax is lowered to ES2017; regex features no engine of that age has become constructor calls", () => {
    const src =
      "const o = { ...a, b: x?.y ?? 1 }; try { f() } catch { } class K { x = 1; #p = 2; static s = 3 }" +
      "async function* g() { for await (const v of s) yield v } const r = /(?<!\\d)x/g, u = /\\p{L}+/u, ok = /a+b/;" +
      "function t() { return/(?<=a)b/.test(z) }";
    expect(() => acorn.parse(src, { ecmaVersion: 2017 })).toThrow();
    const out = legacy.transpileForEdge(src, "probe.js");
    expect(() => acorn.parse(out.code, { ecmaVersion: 2017 })).not.toThrow();
    expect(out.regexps).toEqual([
      ["(?<!\\d)x", "g"],
      ["(?<=a)b", ""],
      ["\\p{L}+", "u"],
    ]);
    expect(legacy.newerRegExps(out.code, 2017)).toEqual(out.regexps);
    // What still runs: the lowered code computes what the original did.
    const run = legacy.transpileForEdge("module.exports = ({ ...{ a: 1 }, b: undefined?.x ?? 2 });", "calc.js").code;
    const m = { exports: {} as unknown };
    new Function("module", run)(m);
    expect(m.exports).toEqual({ a: 1, b: 2 });
  });

  test("regex validity follows ES2017: lookbehind, named groups, \\p{…} and the s flag are newer; a slash is escaped", () => {
    expect(legacy.validEs2017RegExp("a/b", "")).toBe(true);
    expect(legacy.validEs2017RegExp("[/]x", "g")).toBe(true);
    expect(legacy.validEs2017RegExp("(?<!a)b", "")).toBe(false);
    expect(legacy.validEs2017RegExp("(?<n>a)", "")).toBe(false);
    expect(legacy.validEs2017RegExp("\\p{L}", "u")).toBe(false);
    expect(legacy.validEs2017RegExp("a.b", "s")).toBe(false);
  });

  test("boot.js tries short patterns as written and long ones by probes of their features (it stays small)", () => {
    const long = `(?<!\\d)[${"а-я".repeat(100)}]`;
    expect(
      legacy.bootChecks({
        "a.js": [
          [long, "u"],
          ["(?<!\\d)y", ""],
          ["\\p{L}".repeat(60), "u"],
          ["(?<!\\d)y", ""],
        ],
      }),
    ).toEqual({
      "a.js": [
        ["(?<=a)b(?<!c)", ""],
        ["(?<!\\d)y", ""],
        ["\\p{L}\\p{N}", "u"],
      ],
    });
  });

  test("boot.js renders as ES5 with the list in ASCII; a template without the mark is refused", () => {
    const out = legacy.renderBoot(BOOT, { "taskpane.js": [["(?<!й)\u2028", "u"]] });
    expect(() => acorn.parse(out, { ecmaVersion: 5 })).not.toThrow();
    expect(/[\u0080-\uffff]/.test(out.slice(out.indexOf("var REGEXPS"), out.indexOf("var REGEXPS") + 200))).toBe(false);
    expect(out).toContain('var REGEXPS = {"taskpane.js":[["(?<!\\u0439)\\u2028","u"]]};');
    expect(() => legacy.renderBoot("var x = 1;", {})).toThrow(/метки/);
    expect(() => legacy.renderBoot(`${BOOT}\nconst late = 1;`, {})).toThrow();
  });
});

describe("the .edge.js variants: regular expressions lowered by regexpu (issue 17)", () => {
  test("a variant keeps only what no transpiler lowers (lookbehind, named groups) and still parses as ES2017", () => {
    const modern = legacy.transpileForEdge(
      'const a = /(?<!\\d)x/g, b = /\\p{L}+/u, c = new RegExp("\\\\p{Lu}", "gu"), d = /a.b/s, e = /(?<y>\\d{4})/;',
      "m.js",
    );
    expect(modern.regexps.map((r) => r[0])).toEqual(["(?<!\\d)x", "(?<y>\\d{4})", "\\p{Lu}", "\\p{L}+", "a.b"]);
    const edge = legacy.edgeVariant(modern.code, "m.edge.js");
    expect(edge.regexps).toEqual([
      ["(?<!\\d)x", "g"],
      ["(?<y>\\d{4})", ""],
    ]);
    expect(() => acorn.parse(edge.code, { ecmaVersion: 2017 })).not.toThrow();
  });

  test("every regular expression of the project's own code that regexpu lowers matches exactly as the original (sample texts and probes)", async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const ts = require("typescript") as typeof import("typescript");
    const { readXlsx } = await import("../../../src/xlsx/readXlsx");
    const src = path.resolve(__dirname, "../../../src");
    const files: string[] = [];
    const walk = (d: string): void => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) walk(p);
        else if (/\.tsx?$/.test(e.name)) files.push(p);
      }
    };
    walk(src);
    const found = new Map<string, [string, string]>();
    for (const f of files) {
      const js = ts.transpileModule(fs.readFileSync(f, "utf8"), {
        compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, jsx: ts.JsxEmit.ReactJSX },
      }).outputText;
      for (const r of legacy.newerRegExps(js)) found.set(`${r[1]}/${r[0]}`, r);
    }
    const lowerable = [...found.values()].filter((r) => legacy.lowerRegExp(r[0], r[1]) !== null);
    expect(lowerable.length).toBeGreaterThan(10);

    const sample = await readXlsx(
      new Uint8Array(fs.readFileSync(path.resolve(src, "../samples/Реестр результатов района.xlsx"))),
    );
    const texts = new Set<string>([
      "МОУ «СОШ № 1» г. Ёлкино",
      "математика (профильная)",
      "Русский язык, 5А класс",
      "ВПР 2025 5 кл. ОГЭ/ЕГЭ — 30,5 %",
      "e\u0301 ß İ ǅ 😀 ﬁ",
      "",
    ]);
    for (const s of sample.sheets)
      for (const row of s.values) for (const v of row ?? []) if (typeof v === "string") texts.add(v);
    for (const [pattern, flags] of lowerable) {
      const low = legacy.lowerRegExp(pattern, flags)!;
      const a = new RegExp(pattern, flags);
      const b = new RegExp(low.pattern, low.flags);
      for (const t of texts) {
        const ra = flags.includes("g") ? t.match(a) : a.exec(t);
        const rb = flags.includes("g") ? t.match(b) : b.exec(t);
        expect({ pattern, t, m: ra ? [...ra] : null, i: ra && "index" in ra ? ra.index : null }).toEqual({
          pattern,
          t,
          m: rb ? [...rb] : null,
          i: rb && "index" in rb ? rb.index : null,
        });
      }
    }
  }, 60_000);
});
