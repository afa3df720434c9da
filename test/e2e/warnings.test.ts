// The server prints no warning while it works: a warning on every request or export (a listener count over
// Node's limit, pg's notice about statements sent while one runs) is noise that hides the warnings that matter.
// Listens on Node's own process from before the app starts: jest gives the test another process object, and
// a deprecation warning is printed once per process, so a listener added later could miss it.
import { readFileSync } from "node:fs";
import path from "node:path";
import { runInThisContext } from "node:vm";
import { seedDemoOrganization, startTestApp, TestApp } from "../helpers/app";

const nodeProcess = runInThisContext("process") as NodeJS.Process;
const warnings: string[] = [];
const onWarning = (w: Error) => warnings.push(`${w.name}: ${w.message}`);
let app: TestApp;
let key: string;

beforeAll(async () => {
  nodeProcess.on("warning", onWarning);
  app = await startTestApp();
  key = (await seedDemoOrganization(app)).key;
});
afterAll(async () => {
  nodeProcess.off("warning", onWarning);
  await app.stop();
});

test("dashboard reads with parallel loaders, the art. 30 record and its exports: no warning", async () => {
  const page = await app.gql(
    key,
    readFileSync(path.join(__dirname, "..", "..", "bench", "queries", "q1-dashboard.graphql"), "utf8"),
    { first: 50 },
  );
  expect(page.errors).toBeUndefined();
  const record = await app.gql(key, `{ recordsOfProcessing { records { name recipients { name } } } }`);
  expect(record.errors).toBeUndefined();
  const base = app.server.url.replace(/\/graphql$/, "");
  for (const path of ["ropa.csv", "ropa.xlsx", "ropa.json"]) {
    const res = await fetch(`${base}/exports/${path}`, { headers: { authorization: `Bearer ${key}` } });
    expect(res.status).toBe(200);
    await res.arrayBuffer();
  }
  await new Promise((r) => setImmediate(r));
  expect(warnings).toEqual([]);
});
