/**
 * Built-ins newer than EdgeHTML 18 (Excel 2019 on Windows 10), loaded by boot.js before the task pane only where they
 * are missing: core-js fills what the engine lacks and leaves what it has. Syntax is handled by the build (bundles
 * transpiled to ES2017); what neither can give (regular-expression lookbehind, named groups — src/registers uses
 * neither) makes boot.js show the fallback.
 */
import "core-js/stable";
