/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: {
    // ts-jest keeps decorator metadata (type-graphql needs it); transpile-only here, tsc --noEmit type-checks.
    "^.+\\.ts$": ["ts-jest", { isolatedModules: true, diagnostics: false }],
  },
  globalSetup: "<rootDir>/test/setup/global-setup.ts",
  globalTeardown: "<rootDir>/test/setup/global-teardown.ts",
  setupFiles: ["reflect-metadata"],
  testTimeout: 60000,
  maxWorkers: 2,
};
