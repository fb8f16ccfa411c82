/** Jest: unit + integration (node) and e2e (headless Chromium via playwright-core). */
const tsJest = ["ts-jest", { tsconfig: "tsconfig.json", diagnostics: false }];
const common = {
  transform: { "^.+\\.tsx?$": tsJest },
  moduleFileExtensions: ["ts", "tsx", "js", "json"],
  // office-addin-mock pulls office-addin-manifest → ESM-only deps that jest cannot require.
  moduleNameMapper: { "^office-addin-manifest$": "<rootDir>/tests/stubs/office-addin-manifest.js" },
  setupFiles: ["<rootDir>/tests/setup/customFunctionsRuntime.ts"],
};
module.exports = {
  projects: [
    {
      ...common,
      displayName: "unit",
      testEnvironment: "node",
      testMatch: ["<rootDir>/tests/unit/**/*.test.ts", "<rootDir>/tests/integration/**/*.test.ts?(x)"],
    },
    {
      ...common,
      displayName: "e2e",
      testEnvironment: "node",
      testMatch: ["<rootDir>/tests/e2e/**/*.test.ts"],
    },
  ],
  testTimeout: 60000,
};
