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
const { toProductionManifest, publicUrl } = require("./scripts/manifestUrl");

const FUNCTIONS_INPUT = "./src/functions/functions.ts";

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

module.exports = async (env = {}, options = {}) => {
  const dev = options.mode === "development";
  const serving = Boolean(env.WEBPACK_SERVE);
  const prodUrl = dev ? null : publicUrl();

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
      new CustomFunctionsMetadataPlugin({ output: "functions.json", input: FUNCTIONS_INPUT }),
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
