#!/usr/bin/env node
/**
 * `npm start`: sideload the add-in into desktop Excel where that is possible (Windows/macOS with
 * office-addin-debugging installed); otherwise explain, in Russian, how to sideload by hand — and exit 0.
 * office-addin-debugging is deliberately not a dependency: it needs desktop Excel and native modules.
 */
"use strict";

const { spawnSync } = require("child_process");
const path = require("path");

const root = path.resolve(__dirname, "..");

function hasDesktopExcel(platform) {
  return platform === "win32" || platform === "darwin";
}

function findDebugging() {
  try {
    return require.resolve("office-addin-debugging/package.json", { paths: [root] });
  } catch {
    return null;
  }
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
    "Для автоматической загрузки в классический Excel (Windows/macOS) установите office-addin-debugging",
    "и снова выполните npm start.",
  ].join("\n");
}

function main() {
  const platform = process.platform;
  if (!hasDesktopExcel(platform)) {
    console.log(manualInstructions(`классический Excel на этой платформе (${platform}) недоступен.`));
    return 0;
  }
  const debuggingPkg = findDebugging();
  if (!debuggingPkg) {
    console.log(manualInstructions("пакет office-addin-debugging не установлен — автоматическая загрузка невозможна."));
    return 0;
  }
  const cli = path.join(path.dirname(debuggingPkg), "cli.js");
  const result = spawnSync(
    process.execPath,
    [cli, "start", path.join(root, "manifest.xml"), "desktop", "--app", "excel", "--dev-server", "npm run dev-server"],
    { stdio: "inherit", cwd: root },
  );
  if (result.error || result.status !== 0) {
    console.error(
      `ШНОР: office-addin-debugging завершился с ошибкой (${result.error ? result.error.message : `код ${result.status}`}).`,
    );
    console.log(manualInstructions("автоматическая загрузка не удалась."));
    return result.status || 1;
  }
  return 0;
}

if (require.main === module) {
  process.exitCode = main();
}

module.exports = { hasDesktopExcel, manualInstructions };
