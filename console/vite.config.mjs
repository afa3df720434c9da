// Vite builds the console (Preact + TypeScript) into static files the API serves at /console.
// Only the console goes through Vite: the server is compiled by tsc (decorator metadata, see docs/design.md).
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const root = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  root,
  base: "/console/",
  publicDir: "public",
  // Preact's JSX runtime, without a plugin: Vite's own transformer (Oxc) compiles TSX.
  oxc: { jsx: { runtime: "automatic", importSource: "preact", development: process.env.NODE_ENV !== "production" } },
  resolve: { alias: { react: "preact/compat", "react-dom": "preact/compat" } },
  build: {
    outDir: fileURLToPath(new URL("../dist/console", import.meta.url)),
    emptyOutDir: true,
    target: "es2022",
    // No inline data: assets and no source maps in the served files.
    assetsInlineLimit: 0,
    sourcemap: false,
    reportCompressedSize: false,
    // Chromium, Firefox and Safari preload modules natively.
    modulePreload: { polyfill: false },
  },
  // `npm run console:dev`: the app with reloads on http://127.0.0.1:5173/console/, API calls to the running server.
  server: {
    host: "127.0.0.1",
    proxy: Object.fromEntries(
      ["/graphql", "/imports", "/evidence", "/exports"].map((p) => [
        p,
        process.env.TILSYN_API ?? "http://127.0.0.1:4000",
      ]),
    ),
  },
});
