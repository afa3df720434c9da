// The landing page: GraphiQL served by the API itself from npm packages (graphiql's own bundle with
// React's), so it works offline, loads nothing from the internet and sends no telemetry. `GET /` leads
// to it unless the console is on; `GET /graphql` from a browser shows it; every other GET /graphql (with a query) is
// GraphQL.
import fs from "node:fs";
import path from "node:path";
import express, { Router } from "express";
import { loadReadmeExamples } from "./readme-examples";

const ASSETS: Record<string, { pkg: string; file: string; type: string }> = {
  "graphiql.min.js": { pkg: "graphiql", file: "graphiql.min.js", type: "text/javascript" },
  "graphiql.min.css": { pkg: "graphiql", file: "graphiql.min.css", type: "text/css" },
  "react.production.min.js": { pkg: "react", file: "umd/react.production.min.js", type: "text/javascript" },
  "react-dom.production.min.js": { pkg: "react-dom", file: "umd/react-dom.production.min.js", type: "text/javascript" },
};

/** The page's own files: in src/ beside this module (ts-node) or copied to dist/ by nothing, so read from src. */
function ownFile(name: string): string {
  const beside = path.join(__dirname, "graphiql", name);
  if (fs.existsSync(beside)) return beside;
  return path.join(__dirname, "..", "..", "..", "src", "http", "graphiql", name);
}

function packageFile(pkg: string, file: string): string {
  return path.join(path.dirname(require.resolve(`${pkg}/package.json`)), file);
}

const PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>tilsyn · GraphiQL</title>
    <link rel="stylesheet" href="/graphiql/assets/graphiql.min.css" />
    <link rel="stylesheet" href="/graphiql/assets/page.css" />
  </head>
  <body>
    <div id="graphiql">Loading GraphiQL…</div>
    <script src="/graphiql/assets/react.production.min.js"></script>
    <script src="/graphiql/assets/react-dom.production.min.js"></script>
    <script src="/graphiql/assets/graphiql.min.js"></script>
    <script src="/graphiql/assets/page.js"></script>
  </body>
</html>
`;

/** Only this server's own files; GraphiQL's fonts are inlined in its CSS as data: URLs. */
const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

/** Whether a GET /graphql is a person's browser asking for a page, not a GraphQL request. */
function wantsPage(req: express.Request): boolean {
  return req.query.query === undefined && (req.accepts(["application/json", "text/html"]) as string) === "text/html";
}

/** Variables the examples need, filled with a placeholder the reader replaces. */
function placeholderVariables(document: string): string | undefined {
  const names = [...new Set([...document.matchAll(/\$(\w+)\s*:/g)].map((m) => m[1]))];
  if (!names.length) return undefined;
  return JSON.stringify(
    Object.fromEntries(names.map((n) => [n, "<a processor id from processors { edges { node { id } } }>"])),
    null,
    2,
  );
}

/** `/` leads to the console when it is on (CONSOLE_ENABLED), else to GraphiQL, which stays at /graphql. */
export function landingRouter(options: { consoleEnabled: boolean }): Router {
  const router = Router();
  const examples = loadReadmeExamples().map((e) => ({ ...e, variables: placeholderVariables(e.document) }));
  router.get("/", (_req, res) => res.redirect(302, options.consoleEnabled ? "/console/" : "/graphql"));
  router.get("/graphql", (req, res, next) => {
    if (!wantsPage(req)) return next();
    res.set("Content-Security-Policy", CSP).set("Cache-Control", "no-cache").type("html").send(PAGE);
  });
  router.get("/graphiql/examples.json", (_req, res) => {
    res.json(examples);
  });
  router.get("/graphiql/assets/:name", (req, res, next) => {
    const name = req.params.name;
    const asset = ASSETS[name];
    const file = asset
      ? packageFile(asset.pkg, asset.file)
      : ["page.js", "page.css"].includes(name)
        ? ownFile(name)
        : null;
    if (!file) return next();
    res
      .set("Cache-Control", "public, max-age=3600")
      .type(asset?.type ?? (name.endsWith(".css") ? "text/css" : "text/javascript"));
    res.sendFile(file);
  });
  return router;
}
