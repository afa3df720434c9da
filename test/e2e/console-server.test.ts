// The console as the server serves it, over real HTTP: / leads to it when it is on (CONSOLE_ENABLED) and to
// GraphiQL when it is off; its pages are the app's index.html under a strict Content-Security-Policy; its
// hashed assets are cached for good; the bundle names nothing outside the server; a checkout without a build
// says how to build it. And console/build.mjs rebuilds only when the console's sources change.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { startTestApp, TestApp } from "../helpers/app";
import { loadConfig } from "../../src/config";
import { startServer } from "../../src/server";
import { defaultConsoleDir } from "../../src/http/console";

const ROOT = path.resolve(__dirname, "..", "..");
const BUILD = path.join(ROOT, "console", "build.mjs");

let app: TestApp;
let base: string;

beforeAll(async () => {
  app = await startTestApp();
  base = app.server.url.replace(/\/graphql$/, "");
});
afterAll(() => app?.stop());

const get = (url: string, init: RequestInit = {}) => fetch(url, { redirect: "manual", ...init });

describe("served at /console", () => {
  test("GET / leads to the console; GraphiQL stays at /graphql", async () => {
    const root = await get(`${base}/`);
    expect(root.status).toBe(302);
    expect(root.headers.get("location")).toBe("/console/");
    const graphiql = await get(`${base}/graphql`, { headers: { accept: "text/html" } });
    expect(graphiql.status).toBe(200);
    expect(await graphiql.text()).toContain("GraphiQL");
  });

  test("every page of the app is its index.html, never cached, under a CSP that allows only this server", async () => {
    for (const page of ["/console", "/console/", "/console/processors/UHJvY2Vzc29yOng", "/console/imports/x?y=1"]) {
      const res = await get(`${base}${page}`);
      expect({ page, status: res.status }).toEqual({ page, status: 200 });
      expect(res.headers.get("content-type")).toMatch(/^text\/html/);
      expect(res.headers.get("cache-control")).toBe("no-cache");
      const csp = res.headers.get("content-security-policy")!;
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("connect-src 'self'");
      expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      const html = await res.text();
      expect(html).toMatch(/<script type="module" crossorigin src="\/console\/assets\/index-[\w-]+\.js"><\/script>/);
    }
  });

  test(
    "assets: hashed names cached for a year; a missing one is a 404, never the " +
      "page; the build stamp is not served",
    async () => {
      const html = await (await get(`${base}/console/`)).text();
      const assets = [...html.matchAll(/(?:src|href)="(\/console\/assets\/[^"]+)"/g)].map((m) => m[1]);
      expect(assets.length).toBeGreaterThanOrEqual(2); // the script and the stylesheet
      for (const asset of assets) {
        const res = await get(`${base}${asset}`);
        expect(res.status).toBe(200);
        expect(res.headers.get("cache-control")).toMatch(/max-age=31536000.*immutable/);
      }
      const missing = await get(`${base}/console/assets/index-nothere.js`);
      expect(missing.status).toBe(404);
      expect(await missing.text()).not.toContain("<html");
      const icon = await get(`${base}/console/favicon.svg`);
      expect(icon.status).toBe(200);
      expect(icon.headers.get("content-type")).toMatch(/^image\/svg\+xml/);
      expect(html).toContain('href="/console/favicon.svg"');
      const stamp = await get(`${base}/console/.build-hash`);
      expect(await stamp.text()).not.toContain('"hash"');
    },
  );

  test(
    "the bundle loads nothing from outside: no absolute URLs in the page, " + "scripts or styles, no web fonts",
    async () => {
      const html = await (await get(`${base}/console/`)).text();
      expect(html).not.toMatch(/(?:src|href)="(?:https?:)?\/\//);
      const assets = [...html.matchAll(/(?:src|href)="(\/console\/assets\/[^"]+)"/g)].map((m) => m[1]);
      for (const asset of assets) {
        const body = await (await get(`${base}${asset}`)).text();
        expect(body).not.toMatch(/@import|@font-face|url\(\s*["']?(?:https?:)?\/\//);
        // The only absolute URLs in the script are XML namespaces (SVG), which are names, not requests.
        const urls = [...body.matchAll(/https?:\/\/[^\s"'`)]+/g)].map((m) => m[0]);
        expect(urls.filter((u) => !u.startsWith("http://www.w3.org/"))).toEqual([]);
      }
    },
  );
});

test("CONSOLE_ENABLED=false: / leads to GraphiQL and /console is not served", async () => {
  expect(loadConfig({ CONSOLE_ENABLED: "false" }).consoleEnabled).toBe(false);
  expect(loadConfig({}).consoleEnabled).toBe(true);
  expect(() => loadConfig({ CONSOLE_ENABLED: "maybe" })).toThrow(/CONSOLE_ENABLED must be true or false/);
  const off = await startServer({ ...loadConfig({ CONSOLE_ENABLED: "false" }), port: 0 }, app.db);
  try {
    const offBase = off.url.replace(/\/graphql$/, "");
    const root = await get(`${offBase}/`);
    expect(root.headers.get("location")).toBe("/graphql");
    expect((await get(`${offBase}/console/`)).status).toBe(404);
  } finally {
    await off.stop();
  }
});

test("without a build the console answers 503 saying how to build it; the API works as before", async () => {
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), "tilsyn-console-"));
  const server = await startServer({ ...loadConfig({}), port: 0 }, app.db, { consoleDir: empty });
  try {
    const url = server.url.replace(/\/graphql$/, "");
    const res = await get(`${url}/console/processors`);
    expect(res.status).toBe(503);
    expect(await res.text()).toContain("npm run build");
    expect((await get(`${url}/healthz`)).status).toBe(200);
  } finally {
    await server.stop();
    fs.rmSync(empty, { recursive: true, force: true });
  }
});

describe("console/build.mjs: built when the sources change, not otherwise", () => {
  test("the checkout's build is current (the test setup built it): a second run builds nothing", () => {
    const stamp = path.join(defaultConsoleDir(), ".build-hash");
    const before = fs.statSync(stamp).mtimeMs;
    const out = execFileSync(process.execPath, [BUILD], { cwd: ROOT, encoding: "utf8" });
    expect(out).toMatch(/\[console\] up to date/);
    expect(fs.statSync(stamp).mtimeMs).toBe(before);
    const { hash, gzip, raw } = JSON.parse(fs.readFileSync(stamp, "utf8"));
    expect(hash).toBe(execFileSync(process.execPath, [BUILD, "--hash"], { encoding: "utf8" }).trim());
    console.log(`[console] production bundle: ${raw} bytes of JavaScript and CSS, ${gzip} gzip`);
    // A small console: the whole bundle under 80 kB compressed.
    expect(gzip).toBeLessThan(80 * 1024);
  });

  test("a copy of the console: built once, skipped when unchanged, rebuilt when a source changes", () => {
    // Inside the checkout, so the copy resolves preact and vite from node_modules as the real one does.
    const work = fs.mkdtempSync(path.join(ROOT, ".data", "console-build-"));
    try {
      const src = path.join(work, "console");
      const out = path.join(work, "out");
      fs.cpSync(path.join(ROOT, "console"), src, { recursive: true });
      const build = (...args: string[]) =>
        execFileSync(process.execPath, [path.join(src, "build.mjs"), "--out", out, ...args], {
          cwd: work,
          encoding: "utf8",
          env: { ...process.env, CONSOLE_ENABLED: "true" },
        });
      expect(build()).toMatch(/\[console\] built in [\d.]+ s: .* gzip/);
      const index1 = fs.readFileSync(path.join(out, "index.html"), "utf8");
      expect(build()).toMatch(/up to date/);
      fs.appendFileSync(path.join(src, "src", "styles.css"), "\n.changed-for-the-test { color: red; }\n");
      expect(build()).toMatch(/built in/);
      const index2 = fs.readFileSync(path.join(out, "index.html"), "utf8");
      expect(index2).not.toBe(index1); // the stylesheet's hashed name changed
      expect(fs.readdirSync(work).filter((f) => f.includes(".building-") || f.includes(".old-"))).toEqual([]);
      // CONSOLE_ENABLED=false skips the build altogether.
      const skipped = execFileSync(process.execPath, [path.join(src, "build.mjs"), "--out", out, "--force"], {
        cwd: work,
        encoding: "utf8",
        env: { ...process.env, CONSOLE_ENABLED: "false" },
      });
      expect(skipped).toMatch(/not built/);
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  });
});
