/**
 * Old Excel (issue 17): Excel 2019 on Windows 10 shows task panes in EdgeHTML 18, Excel 2016 often in Internet
 * Explorer 11. This webpack plugin, used by the production build:
 *
 * 1. transpiles every bundle (webpack's output, node_modules included) to what EdgeHTML 18 parses — esbuild with
 *    target edge18 (optional chaining, object spread, class fields, async generators… lowered) — and proves it by
 *    parsing the result with acorn as ES2017; a bundle that does not parse fails the build;
 * 2. lowers the regular expressions newer than ES2017 that can be (regexpu: Unicode property escapes expanded into
 *    character classes, the `s` flag), and finds those no transpiler can lower — lookbehind, named groups — left as
 *    `new RegExp("…")` so that the bundle still parses; those are written into boot.js, which tries each before
 *    loading the bundle and shows the plain-HTML fallback where the engine cannot compile one (never a blank pane,
 *    never a SyntaxError);
 * 3. emits boot.js (ES5, checked by acorn as ES5).
 *
 * Bundles in `skip` (the web page's, for current browsers) are not transpiled; their regular expressions newer than
 * ES2017 are listed all the same.
 */
"use strict";

const fs = require("fs");

const EDGE_TARGET = "edge18";
const BOOT_MARK = "/*@SHNOR_REGEXPS@*/ {}";

function acorn() {
  return require("acorn");
}

/** `pattern` as the body of a regex literal: `/` escaped where a literal needs it. */
function literalBody(pattern) {
  let out = "";
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "\\") {
      out += c + (pattern[i + 1] ?? "");
      i++;
      continue;
    }
    if (c === "[") inClass = true;
    else if (c === "]") inClass = false;
    else if (c === "/" && !inClass) {
      out += "\\/";
      continue;
    } else if (c === "\n") {
      out += "\\n";
      continue;
    } else if (c === "\r") {
      out += "\\r";
      continue;
    }
    out += c;
  }
  return out;
}

/** Whether `/pattern/flags` is a valid ES2017 regular expression (acorn validates regex syntax per version). */
function validEs2017RegExp(pattern, flags) {
  try {
    acorn().parse(`/${literalBody(pattern)}/${flags}`, { ecmaVersion: 2017 });
    return true;
  } catch {
    return false;
  }
}

/** Walk every node of an acorn AST (no dependency on acorn-walk). */
function walk(node, visit) {
  const stack = [node];
  while (stack.length) {
    const n = stack.pop();
    if (!n || typeof n.type !== "string") continue;
    visit(n);
    for (const key of Object.keys(n)) {
      if (key === "loc" || key === "start" || key === "end") continue;
      const v = n[key];
      if (Array.isArray(v)) for (let i = v.length - 1; i >= 0; i--) stack.push(v[i]);
      else if (v && typeof v === "object" && typeof v.type === "string") stack.push(v);
    }
  }
}

/**
 * The regular expressions of a parsed bundle that are newer than ES2017: literals (in code not transpiled) and
 * `new RegExp("…", "…")` / `RegExp("…")` with literal arguments (what the transpiled bundles hold). Sorted, unique.
 */
function newerRegExpsOf(ast) {
  const found = new Map();
  const add = (source, flags) => {
    if (!validEs2017RegExp(source, flags)) found.set(`${flags}/${source}`, [source, flags]);
  };
  walk(ast, (n) => {
    if (n.type === "Literal" && n.regex) add(n.regex.pattern, n.regex.flags);
    if (
      (n.type === "NewExpression" || n.type === "CallExpression") &&
      n.callee.type === "Identifier" &&
      n.callee.name === "RegExp" &&
      n.arguments.length >= 1 &&
      n.arguments[0].type === "Literal" &&
      typeof n.arguments[0].value === "string" &&
      (n.arguments.length === 1 || (n.arguments[1].type === "Literal" && typeof n.arguments[1].value === "string"))
    ) {
      add(n.arguments[0].value, n.arguments.length > 1 ? n.arguments[1].value : "");
    }
  });
  return [...found.values()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/** The same for source code (any syntax). */
function newerRegExps(code, ecmaVersion = "latest") {
  return newerRegExpsOf(acorn().parse(code, { ecmaVersion, sourceType: "script", allowHashBang: true }));
}

/**
 * A regular expression rewritten by regexpu (Unicode property escapes expanded, the s flag lowered); `es2017` says
 * whether that was all it needed (else lookbehind or named groups remain). Null when regexpu cannot read it.
 */
function lowerRegExp(pattern, flags) {
  let rewritten;
  try {
    rewritten = require("regexpu-core")(pattern, flags, {
      unicodePropertyEscapes: "transform",
      dotAllFlag: "transform",
    });
  } catch {
    return null;
  }
  const newFlags = flags.replace("s", "");
  return { pattern: rewritten, flags: newFlags, es2017: validEs2017RegExp(rewritten, newFlags) };
}

/** `new RegExp("…", "…")` / `RegExp("…")` with literal arguments: [pattern, flags], else null. */
function constructorArgs(n) {
  if (
    (n.type === "NewExpression" || n.type === "CallExpression") &&
    n.callee.type === "Identifier" &&
    n.callee.name === "RegExp" &&
    n.arguments.length >= 1 &&
    n.arguments.length <= 2 &&
    n.arguments.every((a) => a.type === "Literal" && typeof a.value === "string")
  ) {
    return [n.arguments[0].value, n.arguments.length > 1 ? n.arguments[1].value : ""];
  }
  return null;
}

/**
 * Regular expressions newer than ES2017 — literals esbuild left as they are (it believes EdgeHTML has Unicode property
 * escapes) and the `new RegExp("…")` it made of the others: lowered by regexpu where that suffices (Unicode property
 * escapes, the s flag) into plain literals; the rest (lookbehind, named groups) left as — or made into — constructor
 * calls, so that the bundle parses and boot.js decides whether the engine compiles them.
 */
function lowerRegExps(code, { regexpu }) {
  const ast = acorn().parse(code, { ecmaVersion: "latest", sourceType: "script" });
  const edits = [];
  walk(ast, (n) => {
    const lit = n.type === "Literal" && n.regex ? [n.regex.pattern, n.regex.flags] : null;
    const args = lit ?? constructorArgs(n);
    if (!args || validEs2017RegExp(args[0], args[1])) return;
    const lowered = regexpu ? lowerRegExp(args[0], args[1]) : null;
    if (lowered && lowered.es2017) {
      edits.push({ start: n.start, end: n.end, text: `/${literalBody(lowered.pattern)}/${lowered.flags}` });
    } else if (lowered) {
      // Lowered as far as it goes; what remains (lookbehind…) is for boot.js to try.
      edits.push({
        start: n.start,
        end: n.end,
        text: `new RegExp(${JSON.stringify(lowered.pattern)}, ${JSON.stringify(lowered.flags)})`,
      });
    } else if (lit)
      edits.push({
        start: n.start,
        end: n.end,
        text: `new RegExp(${JSON.stringify(lit[0])}, ${JSON.stringify(lit[1])})`,
      });
  });
  if (edits.length === 0) return code;
  edits.sort((a, b) => a.start - b.start);
  let out = "";
  let at = 0;
  for (const e of edits) {
    // Parenthesised, and apart from a preceding word (`return/x/`), so the replacement reads as one expression.
    out += code.slice(at, e.start) + (/[\w$]/.test(code[e.start - 1] ?? "") ? " " : "") + `(${e.text})`;
    at = e.end;
  }
  return out + code.slice(at);
}

/** Transpile one bundle for EdgeHTML and prove it parses as ES2017. Throws with the position otherwise. */
function transpileForEdge(code, name, target = EDGE_TARGET) {
  const esbuild = require("esbuild");
  const lowered = esbuild.transformSync(code, { loader: "js", target, charset: "utf8" }).code;
  return checkedEs2017(lowerRegExps(lowered, { regexpu: false }), `${name} (${target})`);
}

/** `code` with its regular expressions lowered by regexpu where possible: the bundle's variant for older engines. */
function edgeVariant(code, name) {
  return checkedEs2017(lowerRegExps(code, { regexpu: true }), name);
}

function checkedEs2017(code, what) {
  let ast;
  try {
    ast = acorn().parse(code, { ecmaVersion: 2017, sourceType: "script" });
  } catch (e) {
    const at = e.pos !== undefined ? code.slice(Math.max(0, e.pos - 60), e.pos + 60) : "";
    throw new Error(`${what} не разбирается как ES2017: ${e.message} … ${at} …`);
  }
  return { code, regexps: newerRegExpsOf(ast) };
}

/** Longest pattern boot.js tries as written; a longer one (a lowered Unicode class runs to kilobytes) is tried by
 * probes of the features it uses, so that boot.js — loaded by every pane — stays small. */
const VERBATIM_CHARS = 240;
const FEATURE_PROBES = [
  { test: (p) => /\(\?<[=!]/.test(p), probe: ["(?<=a)b(?<!c)", ""] },
  { test: (p) => /\(\?<[A-Za-z_$]|\\k</.test(p), probe: ["(?<n>a)\\k<n>", ""] },
  { test: (p, f) => f.includes("u") && /\\[pP]\{/.test(p), probe: ["\\p{L}\\p{N}", "u"] },
  { test: (p, f) => f.includes("s"), probe: ["a.b", "s"] },
  { test: (p, f) => f.includes("v"), probe: ["[\\p{L}--[a-z]]", "v"] },
];

/** What boot.js tries for each bundle: short patterns as written, long ones by feature probes; unique. */
function bootChecks(regexps) {
  const out = {};
  for (const [bundle, list] of Object.entries(regexps)) {
    const seen = new Map();
    for (const [source, flags] of list) {
      if (source.length <= VERBATIM_CHARS) {
        seen.set(`${flags}/${source}`, [source, flags]);
        continue;
      }
      const probes = FEATURE_PROBES.filter((f) => f.test(source, flags)).map((f) => f.probe);
      // A long pattern with no known feature: tried as written after all.
      for (const [ps, pf] of probes.length ? probes : [[source, flags]]) seen.set(`${pf}/${ps}`, [ps, pf]);
    }
    out[bundle] = [...seen.values()];
  }
  return out;
}

/** boot.js with the list filled in; throws when the template lacks the mark or the result is not ES5. */
function renderBoot(template, regexps) {
  if (!template.includes(BOOT_MARK)) throw new Error(`boot.js: нет метки ${BOOT_MARK}`);
  // ASCII only: no encoding question in any webview, and no raw U+2028/U+2029, which ES5 forbids in strings.
  const json = JSON.stringify(regexps).replace(
    /[\u007f-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
  const out = template.replace(BOOT_MARK, () => json);
  acorn().parse(out, { ecmaVersion: 5, sourceType: "script" });
  return out;
}

class LegacyTargetPlugin {
  /**
   * @param {{ boot: string, transpile: boolean, target?: string, skip?: string[], edgeVariants?: string[] }} options
   * `edgeVariants`: bundles that also get a `<name>.edge.js` with their regular expressions lowered by regexpu
   * (bigger: Unicode property escapes become long character classes), which boot.js loads only where the engine
   * lacks those features.
   */
  constructor(options) {
    this.options = { target: EDGE_TARGET, skip: [], edgeVariants: [], ...options };
  }

  apply(compiler) {
    const { Compilation, WebpackError, sources } = compiler.webpack;
    const { boot, transpile, target, skip, edgeVariants } = this.options;
    compiler.hooks.thisCompilation.tap("LegacyTargetPlugin", (compilation) => {
      compilation.fileDependencies.add(boot);
      // Before minification: transpile (terser then keeps ES2017 syntax as it is).
      compilation.hooks.processAssets.tap(
        { name: "LegacyTargetPlugin", stage: Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_COMPATIBILITY },
        (assets) => {
          if (!transpile) return;
          for (const name of Object.keys(assets)) {
            if (!name.endsWith(".js") || skip.includes(name)) continue;
            try {
              const t = transpileForEdge(compilation.getAsset(name).source.source().toString(), name, target);
              compilation.updateAsset(name, new sources.RawSource(t.code));
            } catch (e) {
              compilation.errors.push(new WebpackError(`ШНОР: ${e.message}`));
            }
          }
        },
      );
      // After minification: what ships is parsed again — ES2017 for the transpiled bundles — and its regular
      // expressions listed for boot.js.
      compilation.hooks.processAssets.tap(
        { name: "LegacyTargetPlugin", stage: Compilation.PROCESS_ASSETS_STAGE_SUMMARIZE },
        (assets) => {
          if (transpile) {
            for (const name of edgeVariants) {
              if (!assets[name]) continue;
              const variant = name.replace(/\.js$/, ".edge.js");
              try {
                const v = edgeVariant(compilation.getAsset(name).source.source().toString(), variant);
                compilation.emitAsset(variant, new sources.RawSource(v.code), { minimized: true });
              } catch (e) {
                compilation.errors.push(new WebpackError(`ШНОР: ${e.message}`));
              }
            }
          }
          const regexps = {};
          for (const name of Object.keys(compilation.assets).sort()) {
            if (!name.endsWith(".js") || name === "boot.js") continue;
            const code = compilation.getAsset(name).source.source().toString();
            const es2017 = transpile && !skip.includes(name);
            try {
              regexps[name] = newerRegExps(code, es2017 ? 2017 : "latest");
            } catch (e) {
              compilation.errors.push(
                new WebpackError(`ШНОР: ${name} не разбирается${es2017 ? " как ES2017" : ""}: ${e.message}`),
              );
            }
          }
          try {
            const text = renderBoot(fs.readFileSync(boot, "utf8"), bootChecks(regexps));
            // As written (and proven ES5): the minifier, which also takes assets added late, must leave it alone.
            compilation.emitAsset("boot.js", new sources.RawSource(text), { minimized: true });
          } catch (e) {
            compilation.errors.push(new WebpackError(`ШНОР: boot.js: ${e.message}`));
          }
        },
      );
    });
  }
}

module.exports = {
  LegacyTargetPlugin,
  EDGE_TARGET,
  newerRegExps,
  transpileForEdge,
  renderBoot,
  validEs2017RegExp,
  edgeVariant,
  lowerRegExp,
  bootChecks,
};
