// One ESLint config (flat). typescript-eslint + eslint-plugin-office-addins + the layering rules.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import officeAddins from "eslint-plugin-office-addins";

const hostPackages = [
  { name: "exceljs", message: "Только src/xlsx работает с ExcelJS (layering)." },
  { name: "react", message: "React — только в src/taskpane (layering)." },
  { name: "react-dom", message: "React — только в src/taskpane (layering)." },
];
const hostPatterns = [
  { group: ["react/*", "react-dom/*", "@fluentui/*"], message: "UI — только в src/taskpane (layering)." },
  { group: ["office-addin-*", "@microsoft/office-js"], message: "Office — только в src/excel (layering)." },
  {
    group: [
      "**/excel/**",
      "**/excel",
      "**/xlsx/**",
      "**/xlsx",
      "**/taskpane/**",
      "**/taskpane",
      "**/cli/**",
      "**/cli",
      "**/functions/**",
      "**/functions",
    ],
    message: "Чистый слой не импортирует адаптеры хостов (layering).",
  },
];
const hostGlobals = ["Excel", "Office", "OfficeRuntime", "CustomFunctions"].map((name) => ({
  name,
  message: "Office.js доступен только в src/excel, src/functions и src/taskpane (layering).",
}));
// (src/web is a host too, without Office.js: its block below forbids these globals as well.)
const nodeBuiltins = [
  "fs",
  "path",
  "os",
  "child_process",
  "node:fs",
  "node:path",
  "node:os",
  "node:child_process",
  "fs/promises",
  "node:fs/promises",
].map((name) => ({ name, message: "Чистый слой не делает ввод-вывод (layering)." }));

export default tseslint.config(
  {
    ignores: [
      "dist/**",
      "out/**",
      "node_modules/**",
      "coverage/**",
      "tests/e2e/artifacts/**",
      "tests/fixtures/generated/**",
      "**/*.js",
      "!eslint.config.mjs",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts", "**/*.tsx"],
    plugins: { "office-addins": officeAddins },
    rules: {
      "office-addins/no-context-sync-in-loop": "error",
      "office-addins/no-empty-load": "error",
      "office-addins/call-sync-before-read": "error",
      "office-addins/load-object-before-read": "error",
      "office-addins/no-navigational-load": "error",
      "office-addins/test-for-null-using-isNullObject": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  // Bounded (issue 11): `push(...array)` passes every element as an argument — a large array overflows the stack.
  // Old Excel (issue 17): EdgeHTML 18 has no regex lookbehind and no transpiler lowers it; only src/xlsx (never in the
  // pane's bundle) may use one.
  {
    files: ["src/**/*.ts", "src/**/*.tsx"],
    ignores: ["src/xlsx/**"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "CallExpression[callee.property.name='push'] > SpreadElement",
          message: "push(...массив) переполняет стек на больших массивах: добавляйте в цикле (или pushAll).",
        },
        {
          selector: "Literal[regex.pattern=/\\(\\?<[=!]/]",
          message: "Просмотр назад (?<= / (?<! не работает в EdgeHTML (Excel 2019): сопоставьте символ перед группой.",
        },
      ],
    },
  },
  {
    files: ["src/xlsx/**/*.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "CallExpression[callee.property.name='push'] > SpreadElement",
          message: "push(...массив) переполняет стек на больших массивах: добавляйте в цикле.",
        },
      ],
    },
  },
  // Layering: pure layers import no host and touch no Office global.
  {
    files: ["src/core/**/*.ts", "src/registers/**/*.ts", "src/app/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { paths: [...hostPackages, ...nodeBuiltins], patterns: hostPatterns }],
      "no-restricted-globals": ["error", ...hostGlobals],
    },
  },
  {
    files: ["src/core/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [...hostPackages, ...nodeBuiltins],
          patterns: [
            ...hostPatterns,
            {
              group: ["**/registers/**", "**/registers", "**/app/**", "**/app"],
              message: "core не зависит от registers/app (layering).",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["src/xlsx/**/*.ts", "src/cli/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: hostPackages.filter((p) => p.name !== "exceljs"),
          patterns: hostPatterns
            .filter((p) => !p.group.includes("**/xlsx/**"))
            .concat([
              {
                group: ["@fluentui/*", "react/*", "**/excel/**", "**/excel", "**/taskpane/**", "**/taskpane"],
                message: "CLI/xlsx не зависят от Office и UI (layering).",
              },
            ]),
        },
      ],
      "no-restricted-globals": ["error", ...hostGlobals],
    },
  },
  // The reader, the writer and the zip layer run in the browser too (issues 11, 12, 17): bytes in, no node I/O, no
  // Buffer.
  {
    // Every file of src/xlsx but the ExcelJS reader kept as the tests' oracle (tsconfig/xlsx.json says the same).
    files: ["src/xlsx/**/*.ts"],
    ignores: ["src/xlsx/readWorkbook.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            {
              name: "exceljs",
              message:
                "ExcelJS — только в src/xlsx/readWorkbook.ts (оракул тестов): остальной src/xlsx работает и в браузере.",
            },
            ...hostPackages.filter((p) => p.name !== "exceljs"),
            ...nodeBuiltins,
            ...["zlib", "node:zlib", "buffer", "node:buffer", "stream", "node:stream"].map((name) => ({
              name,
              message: "Читатель .xlsx работает и в браузере: только байты, без модулей Node (issue 17).",
            })),
          ],
          patterns: hostPatterns,
        },
      ],
      "no-restricted-globals": [
        "error",
        ...hostGlobals,
        { name: "Buffer", message: "Читатель .xlsx работает и в браузере: Uint8Array, не Buffer." },
        { name: "process", message: "Читатель .xlsx работает и в браузере: без process." },
      ],
    },
  },
  {
    files: ["src/excel/**/*.ts", "src/functions/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: hostPackages,
          patterns: [
            {
              group: [
                "@fluentui/*",
                "react/*",
                "**/xlsx/**",
                "**/xlsx",
                "**/taskpane/**",
                "**/taskpane",
                "**/cli/**",
                "**/cli",
              ],
              message: "Адаптер Office не зависит от UI, ExcelJS и CLI (layering).",
            },
          ],
        },
      ],
    },
  },
  // The web page (issue 17): a host over files in the browser — the pane's components, the bytes-only xlsx code, no
  // Office.js, no ExcelJS, no node I/O.
  {
    files: ["src/web/**/*.ts", "src/web/**/*.tsx"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [{ name: "exceljs", message: "Веб-страница не работает с ExcelJS (layering)." }, ...nodeBuiltins],
          patterns: [
            {
              group: [
                "**/excel/**",
                "**/excel",
                "**/functions/**",
                "**/functions",
                "**/cli/**",
                "**/cli",
                "**/xlsx/readWorkbook",
                "office-addin-*",
                "@microsoft/office-js",
              ],
              message: "Веб-страница не зависит от Office.js, CLI и ExcelJS (layering).",
            },
          ],
        },
      ],
      "no-restricted-globals": ["error", ...hostGlobals],
    },
  },
  {
    files: ["src/taskpane/**/*.ts", "src/taskpane/**/*.tsx"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [{ name: "exceljs", message: "Область задач не работает с ExcelJS (layering)." }],
          patterns: [
            {
              group: ["**/xlsx/**", "**/xlsx", "**/cli/**", "**/cli", "**/web/**", "**/web"],
              message: "Область задач не зависит от CLI, ExcelJS и веб-страницы (layering).",
            },
          ],
        },
      ],
    },
  },
);
