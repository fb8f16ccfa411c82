#!/usr/bin/env node
/**
 * `npm start`: sideload the add-in into desktop Excel where that is possible (Windows/macOS: runs
 * `npx --yes office-addin-debugging start manifest.xml desktop`, downloaded on demand); otherwise (Linux) explain,
 * in Russian, how to sideload by hand — and exit 0. office-addin-debugging is deliberately not a dependency: it needs
 * desktop Excel and native modules.
 */
"use strict";

const { spawnSync } = require("child_process");
const path = require("path");

const root = path.resolve(__dirname, "..");

function hasDesktopExcel(platform) {
  return platform === "win32" || platform === "darwin";
}

/**
 * The sideloading command for desktop Excel: `npx --yes office-addin-debugging start manifest.xml desktop`.
 * office-addin-debugging is not a dependency — npx downloads it on demand where the machine is online.
 */
function debuggingCommand(platform, dir = root) {
  return {
    command: platform === "win32" ? "npx.cmd" : "npx",
    args: [
      "--yes",
      "office-addin-debugging",
      "start",
      path.join(dir, "manifest.xml"),
      "desktop",
      "--app",
      "excel",
      "--dev-server",
      "npm run dev-server",
    ],
  };
}

function manualInstructions(reason) {
  return [
    `ШНОР: ${reason}`,
    "",
    "Как подключить надстройку вручную (sideload):",
    "  1. Соберите проект:                 npm run build   (для разработки: npm run build:dev)",
    "  2. Запустите сервер разработки:     npm run dev-server",
    "     (https://localhost:3000; сертификат создаёт office-addin-dev-certs — примите его в браузере)",
    "  3. Excel в Интернете: откройте книгу → Главная → Надстройки → «Дополнительные надстройки» →",
    "     «Мои надстройки» → «Отправить мою надстройку» → выберите файл manifest.xml из корня проекта.",
    "  4. Excel для Windows без office-addin-debugging: положите manifest.xml в общую сетевую папку,",
    "     добавьте её в «Центр управления безопасностью → Каталоги надстроек» (флажок «Показывать в меню»),",
    "     перезапустите Excel → Надстройки → «Общая папка» → ШНОР.",
    "  5. На вкладке «Главная» появится группа «ШНОР» с кнопкой «Список ШНОР»; функции — =SHNOR.CLASSIFY(...) и др.",
    "",
    "В Windows и macOS npm start сам загружает надстройку в классический Excel:",
    "  npx --yes office-addin-debugging start manifest.xml desktop   (нужен интернет для первой загрузки).",
  ].join("\n");
}

function main(platform = process.platform) {
  if (!hasDesktopExcel(platform)) {
    console.log(manualInstructions(`классический Excel на этой платформе (${platform}) недоступен.`));
    return 0;
  }
  const { command, args } = debuggingCommand(platform);
  console.log(`ШНОР: ${command} ${args.map((a) => (/\s/.test(a) ? `"${a}"` : a)).join(" ")}`);
  const result = spawnSync(command, args, { stdio: "inherit", cwd: root, shell: platform === "win32" });
  if (result.error || result.status !== 0) {
    console.error(
      `ШНОР: office-addin-debugging завершился с ошибкой (${result.error ? result.error.message : `код ${result.status}`}) — ` +
        "нужен интернет, чтобы npx скачал его, и классический Excel.",
    );
    console.log(manualInstructions("автоматическая загрузка не удалась."));
    return result.status || 1;
  }
  return 0;
}

if (require.main === module) {
  process.exitCode = main();
}

module.exports = { hasDesktopExcel, debuggingCommand, manualInstructions };
