// The web console (console/, a Preact app) as the static files Vite built into dist/console: served at
// /console by this server, so it works offline and talks to the API on the same origin. Routes of the
// app (/console/processors/…) get its index.html; hashed assets are cached for good. Without a build
// (ts-node, or a copy with no dist/) the console answers 503 saying how to build it.
import fs from "node:fs";
import path from "node:path";
import express, { Router } from "express";

/** The checkout's root, from src/http (ts-node) or dist/src/http (compiled). */
function projectRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, "package.json")) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

/** Where `npm run build` (console/build.mjs) writes the console. */
export function defaultConsoleDir(): string {
  return path.join(projectRoot(), "dist", "console");
}

/** The app's own files only; the API is on the same origin. Styles are files, never inline. */
export const CONSOLE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>tilsyn console not built</title></head>
<body><h1>The console has not been built</h1>
<p>Run <code>npm run build</code> (or <code>npm start</code>, which builds it) and reload this page.
GraphiQL is at <a href="/graphql">/graphql</a>.</p></body></html>
`;

export function consoleRouter(dir: string = defaultConsoleDir()): Router {
  const router = Router();
  const security = (res: express.Response) =>
    res
      .set("Content-Security-Policy", CONSOLE_CSP)
      .set("X-Content-Type-Options", "nosniff")
      .set("Referrer-Policy", "no-referrer");
  // Vite names assets by content hash, so a file under /assets never changes.
  router.use(
    "/console/assets",
    express.static(path.join(dir, "assets"), {
      immutable: true,
      maxAge: "365d",
      index: false,
      setHeaders: (res) => res.set("X-Content-Type-Options", "nosniff"),
    }),
  );
  router.use("/console/assets", (_req, res) => {
    res.status(404).type("text").send("Not found");
  });
  // Files at the console's root (the icon); dotfiles such as the build hash stay hidden.
  router.use(
    "/console",
    express.static(dir, {
      index: false,
      redirect: false,
      maxAge: "1h",
      setHeaders: (res) => res.set("X-Content-Type-Options", "nosniff"),
    }),
  );
  // Every other path is a page of the app: its index.html, never cached (it names the current assets).
  router.get(["/console", "/console/{*rest}"], (_req, res) => {
    security(res).set("Cache-Control", "no-cache");
    const index = path.join(dir, "index.html");
    if (!fs.existsSync(index)) {
      res.status(503).type("html").send(NOT_BUILT);
      return;
    }
    res.type("html").sendFile(index);
  });
  return router;
}
