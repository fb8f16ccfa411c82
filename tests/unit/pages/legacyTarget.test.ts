/**
 * Old Excel (issue 17): the build step that makes the bundles parse in EdgeHTML 18 and lists for the ES5 loader the
 * regular expressions no transpiler can lower (scripts/legacyTarget.js), on small inputs.
 */
import * as acorn from "acorn";
import { readFileSync } from "fs";
import path from "path";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const legacy = require("../../../scripts/legacyTarget.js") as {
  transpileForEdge(code: string, name: string): { code: string; regexps: [string, string][] };
  newerRegExps(code: string, ecmaVersion?: number | "latest"): [string, string][];
  renderBoot(template: string, regexps: Record<string, [string, string][]>): string;
  validEs2017RegExp(pattern: string, flags: string): boolean;
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

  test("boot.js renders as ES5 with the list in ASCII; a template without the mark is refused", () => {
    const out = legacy.renderBoot(BOOT, { "taskpane.js": [["(?<!й)\u2028", "u"]] });
    expect(() => acorn.parse(out, { ecmaVersion: 5 })).not.toThrow();
    expect(/[\u0080-\uffff]/.test(out.slice(out.indexOf("var REGEXPS"), out.indexOf("var REGEXPS") + 200))).toBe(false);
    expect(out).toContain('var REGEXPS = {"taskpane.js":[["(?<!\\u0439)\\u2028","u"]]};');
    expect(() => legacy.renderBoot("var x = 1;", {})).toThrow(/метки/);
    expect(() => legacy.renderBoot(`${BOOT}\nconst late = 1;`, {})).toThrow();
  });
});
