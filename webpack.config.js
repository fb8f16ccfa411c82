/* eslint-disable no-undef */
/**
 * Build of the ШНОР add-in: the task pane (React) and the custom functions share one runtime, so a single
 * page taskpane.html loads both bundles. `webpack --mode production` needs no certificates (CI);
 * `webpack serve --mode development` serves https://localhost:3000 with office-addin-dev-certs.
 */
"use strict";

const path = require("path");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const { toProductionManifest, publicUrl, placeholderWarning } = require("./scripts/manifestUrl");
const PARAM_NAMES = require("./src/functions/paramNames.json");

const FUNCTIONS_INPUT = "./src/functions/functions.ts";
const FUNCTIONS_JSON = "functions.json";

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
    entry: {
      taskpane: ["./src/taskpane/index.tsx", "./src/taskpane/taskpane.html"],
      functions: FUNCTIONS_INPUT,
    },
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
      // Shared runtime: ONE page hosts both the task pane and the custom functions.
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["taskpane", "functions"],
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*", to: "assets/[name][ext]", noErrorOnMissing: true },
          {
            from: "manifest*.xml",
            to: "[name][ext]",
            transform(content) {
              return dev ? content : toProductionManifest(content.toString(), prodUrl);
            },
          },
        ],
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
