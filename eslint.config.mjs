// ESLint (flat config): typescript-eslint's recommended rules, no line over Prettier's width, no import
// cycle (type imports count), and the boundaries between modules (eslint/tilsyn.mjs; CONTRIBUTING.md).
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import tilsyn from "./eslint/tilsyn.mjs";

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", ".data/**", "coverage/**", "schema/**", ".compiled-*/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts", "**/*.mjs"],
    plugins: { tilsyn },
    rules: {
      // Prettier breaks code at 120; strings, regexes and comments it cannot break are broken by hand.
      "max-len": ["error", { code: 120, tabWidth: 2 }],
      "tilsyn/no-import-cycle": "error",
      // TypeORM and type-graphql name entity and resolver classes as Function.
      "@typescript-eslint/no-unsafe-function-type": "off",
      // A module adds its loaders to the Loaders interface by extending it (see common/loader-kit.ts).
      "@typescript-eslint/no-empty-object-type": ["error", { allowInterfaces: "with-single-extends" }],
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" },
      ],
    },
  },
  {
    files: ["src/**/*.ts"],
    rules: { "tilsyn/module-boundaries": "error" },
  },
  {
    // A refused date names the format taken: the date scalars are src/common/scalars.ts's.
    files: ["src/**/*.ts"],
    ignores: ["src/common/scalars.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            {
              name: "graphql-scalars",
              importNames: ["LocalDateResolver", "DateTimeResolver"],
              message: "Use LocalDateScalar / DateTimeScalar from src/common/scalars.ts.",
            },
          ],
        },
      ],
    },
  },
  {
    // Landed migrations are frozen: they may depend only on TypeORM and on frozen helpers (*.v<N>.ts),
    // never on application code that can change. They stay as they landed, long lines included.
    files: ["migrations/**/*.ts"],
    rules: {
      "max-len": "off",
      "no-restricted-imports": [
        "error",
        { patterns: [{ regex: "^\\.\\./", message: "A migration must not depend on code that can change." }] },
      ],
    },
  },
  {
    // The console's build scripts run in Node.
    files: ["console/**/*.mjs"],
    languageOptions: {
      globals: Object.fromEntries(["process", "console", "URL", "performance"].map((g) => [g, "readonly"])),
    },
  },
  {
    // The GraphiQL page's script runs in the browser, with React and GraphiQL loaded before it.
    files: ["src/http/graphiql/**/*.js"],
    languageOptions: {
      sourceType: "script",
      globals: Object.fromEntries(
        ["document", "window", "sessionStorage", "fetch", "React", "ReactDOM", "GraphiQL"].map((g) => [g, "readonly"]),
      ),
    },
  },

  {
    files: ["test/**/*.ts", "bench/**/*.ts", "seeds/**/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
);
