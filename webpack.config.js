/* eslint-disable no-undef */
/**
 * Build of the ШНОР add-in and its web page. The pages (PAGES below, as in Script Lab) each say whether they need
 * Office.js:
 * - taskpane.html — the task pane; Office.js; its loader boot.js loads the custom functions too when the page runs
 *   in the shared runtime (the manifest says so in the address), and polyfills where the webview needs them;
 * - functions.html — the custom functions alone (a page for a runtime that is not shared); Office.js;
 * - web.html — the same pane over .xlsx files in a browser; no Office.js, nothing but its own files (CSP).
 * Production bundles are transpiled for EdgeHTML 18 (scripts/legacyTarget.js) and checked to parse as ES2017.
 * Both manifests are rendered from manifest.template.xml (scripts/manifest.js).
 * `webpack --mode production` needs no certificates (CI); `webpack serve --mode development` serves
 * https://localhost:3000 with office-addin-dev-certs.
 */
"use strict";

const path = require("path");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const { toProductionManifest, publicUrl, placeholderWarning } = require("./scripts/manifestUrl");
const { renderAll, TEMPLATE } = require("./scripts/manifest");
const { LegacyTargetPlugin, EDGE_TARGET } = require("./scripts/legacyTarget");
const PARAM_NAMES = require("./src/functions/paramNames.json");

const FUNCTIONS_INPUT = "./src/functions/functions.ts";
const FUNCTIONS_JSON = "functions.json";
const OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";

/**
 * The pages. `officeJs`: whether the page loads Office.js (the build fails when its template says otherwise);
 * `chunks`: the bundles the page references itself — none for pages whose loader (boot.js) picks them.
 */
const PAGES = [
  { name: "taskpane", template: "./src/taskpane/taskpane.html", officeJs: true, chunks: [] },
  { name: "functions", template: "./src/functions/functions.html", officeJs: true, chunks: ["functions"] },
  { name: "web", template: "./src/web/web.html", officeJs: false, chunks: [] },
];

/** A valid Excel parameter name: letters (Cyrillic too), digits, «_» and «.», starting with a letter or «_». */
const EXCEL_PARAMETER_NAME = /^[\p{L}_][\p{L}\p{N}_.]*$/u;

/**
 * functions.json with the parameter names users see in Excel made Russian: the generator takes them from the TS
 * parameter names (participants, failed…); the dictionary src/functions/paramNames.json, keyed by function id and TS
 * parameter name, gives «участники», «не_справились»… Every parameter must have a valid Russian name, else `missing`
 * lists it (the build fails).
 */
function localizeParameterNames(metadataJson, names = PARAM_NAMES) {
  const meta = JSON.parse(metadataJson);
  const missing = [];
  for (const f of meta.functions || []) {
    for (const p of f.parameters || []) {
      const ru = names[f.id] && names[f.id][p.name];
      if (typeof ru === "string" && EXCEL_PARAMETER_NAME.test(ru) && /[А-Яа-яЁё]/.test(ru)) p.name = ru;
      else missing.push(`${f.id}(${p.name})`);
    }
  }
  return { json: JSON.stringify(meta, null, 2), missing };
}

/** Rewrites the functions.json emitted by custom-functions-metadata-plugin (processAssets) with Russian names. */
class LocalizeParameterNamesPlugin {
  apply(compiler) {
    const { Compilation, WebpackError, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap("LocalizeParameterNamesPlugin", (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: "LocalizeParameterNamesPlugin", stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONS },
        () => {
          const asset = compilation.getAsset(FUNCTIONS_JSON);
          if (!asset) return; // the metadata plugin reported its own error
          const { json, missing } = localizeParameterNames(asset.source.source().toString());
          if (missing.length > 0) {
            compilation.errors.push(
              new WebpackError(
                `ШНОР: нет русского имени параметра в src/functions/paramNames.json: ${missing.join(", ")}`,
              ),
            );
          }
          compilation.updateAsset(FUNCTIONS_JSON, new sources.RawSource(json));
        },
      );
    });
  }
}

/** Emits dist/manifest.xml and dist/manifest.pane.xml from manifest.template.xml (production URL unless dev). */
class ManifestsPlugin {
  constructor(transform) {
    this.transform = transform;
  }
  apply(compiler) {
    const { Compilation, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap("ManifestsPlugin", (compilation) => {
      compilation.fileDependencies.add(TEMPLATE);
      compilation.hooks.processAssets.tap(
        { name: "ManifestsPlugin", stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
        () => {
          for (const [file, xml] of Object.entries(renderAll())) {
            compilation.emitAsset(file, new sources.RawSource(this.transform(xml)));
          }
        },
      );
    });
  }
}

/** Each page's template must say what its PAGES entry says about Office.js (meta shnor:office-js and the script). */
class PagesCheckPlugin {
  apply(compiler) {
    const { WebpackError } = compiler.webpack;
    compiler.hooks.thisCompilation.tap("PagesCheckPlugin", (compilation) => {
      const fs = require("fs");
      for (const p of PAGES) {
        const html = fs.readFileSync(path.resolve(__dirname, p.template), "utf8");
        const meta = /<meta name="shnor:office-js" content="(required|none)"/.exec(html);
        const loads = html.includes(OFFICE_JS);
        if (!meta || (meta[1] === "required") !== p.officeJs || loads !== p.officeJs) {
          compilation.errors.push(
            new WebpackError(
              `ШНОР: страница ${p.name}.html должна ${p.officeJs ? "" : "не "}загружать Office.js ` +
                `(<meta name="shnor:office-js" content="${p.officeJs ? "required" : "none"}"> и скрипт ${OFFICE_JS}).`,
            ),
          );
        }
      }
    });
  }
}

/**
 * HTTPS options for https://localhost:3000: office-addin-dev-certs (generates and installs a trusted CA). Where the CA
 * cannot be installed (Linux without sudo, CI), use the certificates it generated anyway, or else let
 * webpack-dev-server make a self-signed one — and say so, in Russian, instead of failing.
 */
async function devServerHttps() {
  const devCerts = require("office-addin-dev-certs");
  try {
    return await devCerts.getHttpsServerOptions();
  } catch (e) {
    const fs = require("fs");
    const defaults = require("office-addin-dev-certs/lib/defaults");
    const dir = defaults.certificateDirectory;
    const file = (name) => path.join(dir, name);
    const names = [
      defaults.caCertificateFileName,
      defaults.localhostKeyFileName,
      defaults.localhostCertificateFileName,
    ];
    console.warn(`ШНОР: сертификат разработчика не установлен в систему (${e && e.message ? e.message.trim() : e}).`);
    if (names.every((n) => fs.existsSync(file(n)))) {
      console.warn(`ШНОР: используются сертификаты из ${dir}; добавьте ${file(names[0])} в доверенные вручную.`);
      return {
        ca: fs.readFileSync(file(names[0])),
        key: fs.readFileSync(file(names[1])),
        cert: fs.readFileSync(file(names[2])),
      };
    }
    console.warn("ШНОР: используется самоподписанный сертификат webpack-dev-server — подтвердите его в браузере.");
    return undefined;
  }
}

const config = async (env = {}, options = {}) => {
  const dev = options.mode === "development";
  const serving = Boolean(env.WEBPACK_SERVE);
  const prodUrl = dev ? null : publicUrl();
  const warning = dev ? null : placeholderWarning();
  if (warning) console.warn(warning);

  // Only the dev server needs certificates; loaded lazily so CI builds never touch them.
  const httpsOptions = serving ? await devServerHttps() : undefined;

  return {
    devtool: dev ? "source-map" : false,
    // Every bundle stands alone (boot.js picks which to load): no shared chunks, no code split.
    entry: {
      taskpane: ["./src/taskpane/index.tsx", "./src/taskpane/taskpane.html"],
      functions: FUNCTIONS_INPUT,
      web: ["./src/web/index.tsx", "./src/web/web.html"],
      polyfills: "./src/boot/polyfills.ts",
    },
    // The webpack runtime itself in ES2017 syntax (what the production bundles are transpiled to).
    target: dev ? "web" : ["web", "es2017"],
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: "[name].js",
      clean: true,
    },
    resolve: {
      extensions: [".ts", ".tsx", ".js", ".html"],
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            options: {
              // Type-checking is `npm run typecheck`; the build only transpiles.
              transpileOnly: true,
              compilerOptions: { noEmit: false, module: "es2020", sourceMap: dev },
            },
          },
        },
        {
          // taskpane.html is an entry (so the dev server watches it) and is kept as a string there; the page itself is
          // rendered by HtmlWebpackPlugin, whose child compiler must not see this rule (it needs its own loader).
          test: /\.html$/,
          exclude: /node_modules/,
          compiler: { not: [/^HtmlWebpackCompiler/] },
          type: "asset/source",
        },
        {
          test: /\.(png|jpg|jpeg|gif|ico|svg)$/,
          type: "asset/resource",
          generator: { filename: "assets/[name][ext]" },
        },
      ],
    },
    plugins: [
      new CustomFunctionsMetadataPlugin({ output: FUNCTIONS_JSON, input: FUNCTIONS_INPUT }),
      new LocalizeParameterNamesPlugin(),
      new PagesCheckPlugin(),
      ...PAGES.map(
        (p) =>
          new HtmlWebpackPlugin({
            filename: `${p.name}.html`,
            template: p.template,
            chunks: p.chunks,
            inject: p.chunks.length > 0 ? "head" : false,
            scriptLoading: "blocking",
            minify: false,
          }),
      ),
      new CopyWebpackPlugin({
        patterns: [{ from: "assets/*", to: "assets/[name][ext]", noErrorOnMissing: true }],
      }),
      new ManifestsPlugin((xml) => (dev ? xml : toProductionManifest(xml, prodUrl))),
      // boot.js (ES5, with the regular expressions the bundles need); production bundles transpiled for EdgeHTML.
      new LegacyTargetPlugin({
        boot: path.resolve(__dirname, "src/boot/boot.js"),
        transpile: !dev,
        target: EDGE_TARGET,
        skip: ["web.js"],
        edgeVariants: ["taskpane.js", "functions.js"],
      }),
    ],
    performance: {
      // React + Fluent UI make a ~1 MB task pane bundle; that is expected for an add-in served once.
      hints: dev ? false : "warning",
      maxAssetSize: 4 * 1024 * 1024,
      maxEntrypointSize: 4 * 1024 * 1024,
    },
    devServer: {
      hot: true,
      headers: { "Access-Control-Allow-Origin": "*" },
      server: serving ? { type: "https", options: httpsOptions } : undefined,
      port: Number(process.env.npm_package_config_dev_server_port || 3000),
    },
  };
};

module.exports = config;
module.exports.localizeParameterNames = localizeParameterNames;
module.exports.EXCEL_PARAMETER_NAME = EXCEL_PARAMETER_NAME;
module.exports.PAGES = PAGES;
module.exports.OFFICE_JS = OFFICE_JS;
