// CORS as a browser enforces it (Debian's chromium): a dashboard page served from another origin calls
// the API with a bearer key. The origin listed in CORS_ORIGINS gets its answer; another origin is refused
// by the browser, because the API sends it no CORS headers. Plain-HTTP checks of the headers follow.
import http from "node:http";
import { AddressInfo } from "node:net";
import { Browser } from "playwright-core";
import { loadConfig } from "../../src/config";
import { seedDemoOrganization, startTestApp, TestApp } from "../helpers/app";
import { launchBrowser, offlinePage } from "../helpers/browser";

let app: TestApp;
let key: string;
let browser: Browser;
let api: string;
const pages: http.Server[] = [];

/** A one-page "dashboard" on its own origin that asks the API who it is. */
async function dashboard(): Promise<string> {
  const server = http.createServer((_req, res) => {
    res.setHeader("content-type", "text/html");
    res.end("<!doctype html><title>dashboard</title><p>dashboard</p>");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  pages.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

let allowedOrigin: string;
let otherOrigin: string;

beforeAll(async () => {
  allowedOrigin = await dashboard();
  otherOrigin = await dashboard();
  app = await startTestApp({ corsOrigins: [allowedOrigin] });
  api = app.server.url;
  ({ key } = await seedDemoOrganization(app));
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  for (const p of pages) {
    p.closeAllConnections();
    await new Promise((resolve) => p.close(resolve));
  }
});

async function callFrom(origin: string) {
  const { page } = await offlinePage(browser);
  await page.goto(origin);
  const result = await page.evaluate(
    async ({ api, key }) => {
      try {
        const res = await fetch(api, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
          body: JSON.stringify({ query: "{ viewer { organization { name } } }" }),
        });
        return { status: res.status, body: await res.json(), requestId: res.headers.get("x-request-id") };
      } catch (e) {
        return { error: String(e) };
      }
    },
    { api, key },
  );
  await page.close();
  return result as { status?: number; body?: any; requestId?: string | null; error?: string };
}

test("a page on a listed origin calls the API from the browser", async () => {
  const result = await callFrom(allowedOrigin);
  expect(result.error).toBeUndefined();
  expect(result.status).toBe(200);
  expect(result.body.data.viewer.organization.name).toBe("Demo Controller A/S");
  // Exposed to the page's script, so a dashboard can quote it in a support request.
  expect(result.requestId).toMatch(/\S/);
});

test("a page on another origin is refused by the browser", async () => {
  const result = await callFrom(otherOrigin);
  expect(result.error).toMatch(/Failed to fetch/);
});

test("preflight and headers: listed origin gets them, others and the default configuration get none", async () => {
  const preflight = (origin: string, url = api) =>
    fetch(url, {
      method: "OPTIONS",
      headers: {
        origin,
        "access-control-request-method": "POST",
        "access-control-request-headers": "authorization,content-type",
      },
    });
  const ok = await preflight(allowedOrigin);
  expect(ok.status).toBe(204);
  expect(ok.headers.get("access-control-allow-origin")).toBe(allowedOrigin);
  expect(ok.headers.get("access-control-allow-headers")?.toLowerCase()).toContain("authorization");
  expect(ok.headers.get("access-control-allow-methods")).toContain("POST");
  expect(ok.headers.get("vary")).toMatch(/Origin/i);

  const refused = await preflight(otherOrigin);
  expect(refused.headers.get("access-control-allow-origin")).toBeNull();
  expect(refused.headers.get("access-control-allow-headers")).toBeNull();

  // Plain endpoints too: an export read by a dashboard, with its file name exposed.
  const exportUrl = api.replace(/\/graphql$/, "/exports/ropa.csv");
  const exp = await fetch(exportUrl, { headers: { origin: allowedOrigin, authorization: `Bearer ${key}` } });
  expect(exp.status).toBe(200);
  expect(exp.headers.get("access-control-allow-origin")).toBe(allowedOrigin);
  expect(exp.headers.get("access-control-expose-headers")).toContain("Content-Disposition");

  const plain = await startTestApp();
  try {
    const none = await preflight(allowedOrigin, plain.server.url);
    expect(none.headers.get("access-control-allow-origin")).toBeNull();
  } finally {
    await plain.stop();
  }
});

test("CORS_ORIGINS takes origins only, and says what is wrong", () => {
  expect(loadConfig({ CORS_ORIGINS: "https://grc.example.com, http://localhost:3000" }).corsOrigins).toEqual([
    "https://grc.example.com",
    "http://localhost:3000",
  ]);
  expect(loadConfig({}).corsOrigins).toEqual([]);
  expect(() => loadConfig({ CORS_ORIGINS: "https://grc.example.com/dashboard" })).toThrow(/CORS_ORIGINS.*no path/);
  expect(() => loadConfig({ CORS_ORIGINS: "*" })).toThrow(/CORS_ORIGINS/);
});
