/**
 * `npm start` (scripts/start.js): where desktop Excel cannot exist (Linux) it says so in Russian and explains how to
 * sideload by hand, exiting 0 rather than failing obscurely (issue 3).
 */
import { spawnSync } from "child_process";
import path from "path";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const start = require("../../../scripts/start.js") as {
  hasDesktopExcel(platform: string): boolean;
  manualInstructions(reason: string): string;
  debuggingCommand(platform: string, dir?: string): { command: string; args: string[] };
};

const ROOT = path.resolve(__dirname, "../../..");

test("desktop Excel only on Windows and macOS", () => {
  expect(["win32", "darwin", "linux", "freebsd"].map(start.hasDesktopExcel)).toEqual([true, true, false, false]);
});

test("the manual sideloading steps name the build, the dev server and manifest.xml", () => {
  const text = start.manualInstructions("причина");
  expect(text).toMatch(/^ШНОР: причина/);
  for (const s of [
    "npm run build",
    "npm run dev-server",
    "manifest.xml",
    "Excel в Интернете",
    "https://localhost:3000",
  ]) {
    expect(text).toContain(s);
  }
});

const onLinux = process.platform === "linux" ? test : test.skip;
onLinux("on Linux `node scripts/start.js` prints the Russian instructions and exits 0", () => {
  const r = spawnSync(process.execPath, [path.join(ROOT, "scripts", "start.js")], { cwd: ROOT, encoding: "utf8" });
  expect(r.status).toBe(0);
  expect(r.stdout).toContain("классический Excel на этой платформе (linux) недоступен");
  expect(r.stdout).toContain("Отправить мою надстройку");
});

test("Windows and macOS: `npx --yes office-addin-debugging start manifest.xml desktop` (downloaded on demand)", () => {
  for (const platform of ["win32", "darwin"]) {
    const { command, args } = start.debuggingCommand(platform, "/proj");
    expect(command).toBe(platform === "win32" ? "npx.cmd" : "npx");
    expect(args.slice(0, 5)).toEqual([
      "--yes",
      "office-addin-debugging",
      "start",
      path.join("/proj", "manifest.xml"),
      "desktop",
    ]);
  }
});
