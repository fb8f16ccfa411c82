/**
 * The layering of the architecture is enforced by eslint.config.mjs; this test proves the rule bites, so that a wrong
 * import fails CI: pure layers (core, registers, app) import no host, core imports neither registers nor app, and
 * Office.js globals are used only in src/excel, src/functions and src/taskpane.
 * ESLint runs as a real process over probe files laid out like the project, with the project's own config.
 */
import { execFileSync } from "child_process";
import fs from "fs";
import os from "os";
import path from "path";

const root = path.resolve(__dirname, "../..");

interface Probe {
  file: string;
  code: string;
  expected: string[];
}

const hostImport = (file: string, code: string): Probe => ({ file, code, expected: ["no-restricted-imports"] });
const officeGlobal = (file: string): Probe => ({
  file,
  code: "export const run = () => Excel.run(async () => undefined);\n",
  expected: ["no-restricted-globals"],
});
const allowed = (file: string, code: string): Probe => ({ file, code, expected: [] });

const probes: Probe[] = [
  hostImport("src/core/p1.ts", 'import ExcelJS from "exceljs";\nexport const x = ExcelJS;\n'),
  hostImport("src/core/p2.ts", 'import React from "react";\nexport const x = React;\n'),
  hostImport("src/core/p3.ts", 'import { readRegisters } from "../registers";\nexport const x = readRegisters;\n'),
  hostImport(
    "src/core/p4.ts",
    'import { buildAnnualList } from "../app/buildList";\nexport const x = buildAnnualList;\n',
  ),
  hostImport("src/core/p5.ts", 'import fs from "fs";\nexport const x = fs;\n'),
  hostImport(
    "src/registers/p6.ts",
    'import { readXlsxFile } from "../xlsx/readWorkbook";\nexport const x = readXlsxFile;\n',
  ),
  hostImport("src/registers/p7.ts", 'import { Button } from "@fluentui/react-components";\nexport const x = Button;\n'),
  hostImport("src/app/p8.ts", 'import { officeHost } from "../excel";\nexport const x = officeHost;\n'),
  hostImport("src/excel/p9.ts", 'import ExcelJS from "exceljs";\nexport const x = ExcelJS;\n'),
  hostImport("src/taskpane/p10.ts", 'import ExcelJS from "exceljs";\nexport const x = ExcelJS;\n'),
  hostImport("src/cli/p11.ts", 'import { officeHost } from "../excel";\nexport const x = officeHost;\n'),
  officeGlobal("src/core/g1.ts"),
  officeGlobal("src/registers/g2.ts"),
  officeGlobal("src/app/g3.ts"),
  officeGlobal("src/xlsx/g4.ts"),
  officeGlobal("src/cli/g5.ts"),
  // The web page (issue 17): no ExcelJS, no Office.js adapter, no node I/O, no Office globals; bytes-only xlsx is fine.
  hostImport("src/web/w1.ts", 'import ExcelJS from "exceljs";\nexport const x = ExcelJS;\n'),
  hostImport("src/web/w2.ts", 'import { officeHost } from "../excel/officeHost";\nexport const x = officeHost;\n'),
  hostImport("src/web/w3.ts", 'import fs from "node:fs";\nexport const x = fs;\n'),
  hostImport("src/web/w4.ts", 'import { readXlsxFile } from "../xlsx/readWorkbook";\nexport const x = readXlsxFile;\n'),
  hostImport("src/taskpane/w5.ts", 'import { WebWorkbook } from "../web/webHost";\nexport const x = WebWorkbook;\n'),
  officeGlobal("src/web/g6.ts"),
  allowed("src/web/a4.ts", 'import { graftPlans } from "../xlsx/graft";\nexport const x = graftPlans;\n'),
  allowed("src/web/a5.tsx", 'import { App } from "../taskpane/components/App";\nexport const x = App;\n'),
  // The .xlsx reader runs in the browser too (issue 11, 17): no Node module, no Buffer in its files.
  hostImport("src/xlsx/readXlsx.ts", 'import fs from "node:fs";\nexport const x = fs;\n'),
  hostImport("src/xlsx/zip.ts", 'import zlib from "node:zlib";\nexport const x = zlib;\n'),
  {
    file: "src/xlsx/byteXml.ts",
    code: 'export const x = Buffer.from("a");\n',
    expected: ["no-restricted-globals"],
  },
  allowed("src/cli/a4.ts", 'import zlib from "node:zlib";\nexport const x = zlib;\n'),
  allowed("src/registers/a1.ts", 'import { isLowUnit } from "../core";\nexport const x = isLowUnit;\n'),
  // ExcelJS only in the tests' oracle; the rest of src/xlsx runs in the browser (issue 17).
  allowed("src/xlsx/readWorkbook.ts", 'import ExcelJS from "exceljs";\nexport const x = ExcelJS;\n'),
  hostImport("src/xlsx/a2.ts", 'import ExcelJS from "exceljs";\nexport const x = ExcelJS;\n'),
  allowed("src/excel/a3.ts", "export const run = () => Excel.run(async () => undefined);\n"),
  // Bounded (issue 11): no push(...array) anywhere in src; old Excel (issue 17): no regex lookbehind outside src/xlsx.
  {
    file: "src/core/b1.ts",
    code: "export function f(a: number[], b: number[]): void {\n  a.push(\n    ...b,\n  );\n}\n",
    expected: ["no-restricted-syntax"],
  },
  {
    file: "src/xlsx/b2.ts",
    code: "export function f(a: number[], b: number[]): void {\n  a.push(...b);\n}\n",
    expected: ["no-restricted-syntax"],
  },
  {
    file: "src/registers/b3.ts",
    code: "export const re = /(?<![A-Za-z])sch\\d{6}/;\n",
    expected: ["no-restricted-syntax"],
  },
  { file: "src/taskpane/b4.ts", code: "export const re = /(?<=№)\\s*\\d+/u;\n", expected: ["no-restricted-syntax"] },
  allowed("src/registers/a5.ts", "export const re = /(^|[^A-Za-z])(sch\\d{6})/;\nexport const m = /x(?=y)(?!z)/;\n"),
  allowed("src/xlsx/a6.ts", "export const re = /(?<![\\ud800-\\udbff])[\\udc00-\\udfff]/g;\n"),
];

let found: Map<string, string[]>;

beforeAll(() => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "shnor-layering-"));
  fs.copyFileSync(path.join(root, "eslint.config.mjs"), path.join(dir, "eslint.config.mjs"));
  fs.symlinkSync(path.join(root, "node_modules"), path.join(dir, "node_modules"), "dir");
  for (const p of probes) {
    fs.mkdirSync(path.dirname(path.join(dir, p.file)), { recursive: true });
    fs.writeFileSync(path.join(dir, p.file), p.code);
  }
  let out: string;
  try {
    out = execFileSync(
      process.execPath,
      [path.join(root, "node_modules/eslint/bin/eslint.js"), "--format", "json", "src"],
      {
        cwd: dir,
        encoding: "utf8",
      },
    );
  } catch (e) {
    out = (e as { stdout: string }).stdout; // exit 1 when errors are found — expected here
  }
  const results = JSON.parse(out) as { filePath: string; messages: { ruleId: string | null }[] }[];
  found = new Map(results.map((r) => [path.relative(dir, r.filePath), r.messages.map((m) => m.ruleId ?? "fatal")]));
  fs.rmSync(dir, { recursive: true, force: true });
}, 60000);

describe("layering (eslint no-restricted-imports / no-restricted-globals)", () => {
  test.each(probes.map((p) => [p.file, p.code.split("\n")[0], p] as const))("%s: %s", (_file, _line, probe) => {
    const rules = found.get(probe.file);
    expect(rules).toBeDefined();
    if (probe.expected.length === 0) expect(rules).toEqual([]);
    else expect(rules).toEqual(expect.arrayContaining(probe.expected));
  });
});

/**
 * The per-layer tsconfigs (tsconfig/*.json, issue 17) prove purity to the compiler: a pure layer that touches a DOM,
 * Node or Office API does not compile. The probe is compiled with the core layer's config.
 */
describe("layering (per-layer tsconfig)", () => {
  test("src/core compiled with tsconfig/core.json rejects document, Buffer and Office", () => {
    const dir = fs.mkdtempSync(path.join(root, "tsconfig", ".probe-"));
    try {
      fs.writeFileSync(
        path.join(dir, "probe.ts"),
        "export const a = document.title;\nexport const b = Buffer.from('x');\nexport const c = Office.context;\n",
      );
      fs.writeFileSync(
        path.join(dir, "tsconfig.json"),
        JSON.stringify({ extends: "../core.json", include: ["probe.ts"] }),
      );
      let out = "";
      try {
        execFileSync(process.execPath, [path.join(root, "node_modules/typescript/bin/tsc"), "-p", dir], {
          encoding: "utf8",
        });
      } catch (e) {
        out = (e as { stdout: string }).stdout;
      }
      expect(out).toMatch(/Cannot find name 'document'/);
      expect(out).toMatch(/Cannot find name 'Buffer'/);
      expect(out).toMatch(/Cannot find name 'Office'/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60000);

  test.each(["xlsx.json", "web.json"])(
    "tsconfig/%s (issue 17) rejects Node's Buffer and process and Office.js: the layer runs in a browser",
    (config) => {
      const dir = fs.mkdtempSync(path.join(root, "tsconfig", ".probe-"));
      try {
        fs.writeFileSync(
          path.join(dir, "probe.ts"),
          "export const b = Buffer.from('x');\nexport const p = process.env;\nexport const c = Office.context;\n",
        );
        fs.writeFileSync(
          path.join(dir, "tsconfig.json"),
          JSON.stringify({ extends: `../${config}`, include: ["probe.ts"] }),
        );
        let out = "";
        try {
          execFileSync(process.execPath, [path.join(root, "node_modules/typescript/bin/tsc"), "-p", dir], {
            encoding: "utf8",
          });
        } catch (e) {
          out = (e as { stdout: string }).stdout;
        }
        expect(out).toMatch(/Cannot find name 'Buffer'/);
        expect(out).toMatch(/Cannot find name 'process'/);
        expect(out).toMatch(/Cannot find name 'Office'/);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
    60000,
  );

  test("every layer config compiles the project as it is", () => {
    const out = execFileSync(process.execPath, [path.join(root, "scripts/typecheck-layers.js")], { encoding: "utf8" });
    expect(out).toBe("");
  }, 120000);
});
