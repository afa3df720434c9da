// The landing page in a real browser (Debian's chromium), with the network to the outside blocked:
// `/` leads to GraphiQL served by the API itself, the README's examples are tabs, a query with the
// demo key answers, and the page asks nothing of the internet.
import { Browser } from "playwright-core";
import { seedDemoOrganization, startTestApp, TestApp } from "../helpers/app";
import { launchBrowser, offlinePage, screenshot } from "../helpers/browser";

// Page functions run in the browser; this file is type-checked without the DOM library.
declare const document: any;

let app: TestApp;
let key: string;
let browser: Browser;
let base: string;

beforeAll(async () => {
  // With the console off, `/` leads to GraphiQL (test/browser/console.test.ts covers it on).
  app = await startTestApp({ consoleEnabled: false });
  base = app.server.url.replace(/\/graphql$/, "");
  ({ key } = await seedDemoOrganization(app));
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** Replaces the text of GraphiQL's headers editor (a CodeMirror) as a person pasting their key would. */
async function setHeaders(page: import("playwright-core").Page, headers: string) {
  await page.evaluate((text) => {
    const editors = [...document.querySelectorAll(".graphiql-editor-tool .CodeMirror")] as any[];
    const target = editors.find((el) => el.CodeMirror.getValue().includes("Authorization"));
    if (!target) throw new Error("no headers editor with an Authorization header");
    target.CodeMirror.setValue(text);
  }, headers);
}

test("GET / leads to GraphiQL, served offline, and a query with the demo key answers", async () => {
  const { page, outside, errors } = await offlinePage(browser);
  const response = await page.goto(`${base}/`, { waitUntil: "networkidle" });
  expect(new URL(page.url()).pathname).toBe("/graphql");
  expect(response!.headers()["content-security-policy"]).toMatch(/script-src 'self'/);
  await page.waitForSelector(".graphiql-container", { timeout: 20_000 });

  // The Authorization header is there, waiting for the key.
  const headerText = await page.evaluate(() =>
    ([...document.querySelectorAll(".graphiql-editor-tool .CodeMirror")] as any[])
      .map((el) => el.CodeMirror.getValue())
      .join("\n"),
  );
  expect(headerText).toContain('"Authorization": "Bearer <paste your API key here>"');

  // The README's examples are one click away, as tabs named by their operations.
  const tabs = await page.locator(".graphiql-tab").allTextContents();
  expect(tabs.join(" ")).toEqual(expect.stringContaining("RiskOverview"));
  expect(tabs.length).toBeGreaterThanOrEqual(12);

  // Paste the key once, in the first tab, and run its query.
  await setHeaders(page, JSON.stringify({ Authorization: `Bearer ${key}` }));
  await page.click(".graphiql-execute-button");
  await page.waitForFunction(() => document.querySelector(".result-window")?.textContent?.includes("viewer"), null, {
    timeout: 20_000,
  });
  expect(await page.textContent(".result-window")).toContain("Demo Controller A/S");

  // An example tab (its own headers still say "<paste your API key here>") uses the key pasted before.
  await page.locator(".graphiql-tab", { hasText: "RiskOverview" }).click();
  await page.click(".graphiql-execute-button");
  await page.waitForFunction(() => document.querySelector(".result-window")?.textContent?.includes("tiers"), null, {
    timeout: 20_000,
  });
  const result = await page.textContent(".result-window");
  expect(result).toContain("modelVersion");
  expect(result).not.toContain("UNAUTHENTICATED");
  await screenshot(page, "landing-graphiql");

  expect(outside).toEqual([]);
  expect(errors).toEqual([]);
  await page.close();
});

test("a GraphQL GET with a query is still GraphQL, not the page", async () => {
  const res = await fetch(`${base}/graphql?query=${encodeURIComponent("{ viewer { role } }")}`, {
    headers: { authorization: `Bearer ${key}`, accept: "application/json", "apollo-require-preflight": "1" },
  });
  expect(res.status).toBe(200);
  expect(((await res.json()) as any).data.viewer.role).toBe("ADMIN");
});
