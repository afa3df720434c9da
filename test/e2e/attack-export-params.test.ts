// Query parameters of the exports that name a member of a fixed set (delimiter, legalBasis, kinds) were checked with
// `in`, which also finds Object's prototype: `delimiter=toString` reached csv-stringify as a function and answered
// 500, `legalBasis=constructor` and `kinds=toString` were taken as filters. The evidence pack read its parameters
// without the manifest's checks (a repeated `kinds` was a 500), and neither took notice of a parameter it does not
// have, so a misspelt filter (`kind=`) exported everything. Each is now a 400 naming the parameter.
import { startTestApp, TestApp } from "../helpers/app";

let app: TestApp;
let base: string;
let key: string;

beforeAll(async () => {
  app = await startTestApp();
  base = app.server.url.replace(/\/graphql$/, "");
  key = (await app.newOrganization("Parameter Prøve ApS")).key;
});

afterAll(async () => {
  await app?.stop();
});

async function get(path: string): Promise<{ status: number; body: any }> {
  const res = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${key}` } });
  const text = await res.text();
  let body: unknown = text.slice(0, 200);
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: kept as text for the failure message
  }
  return { status: res.status, body };
}

const PROTOTYPE_NAMES = ["toString", "constructor", "__proto__", "hasOwnProperty", "valueOf"];

test("a delimiter named after an Object method is a 400 naming delimiter on every CSV export", async () => {
  const answers: Record<string, unknown> = {};
  for (const path of [
    "/exports/ropa.csv",
    "/exports/register.csv",
    "/exports/evidence-manifest.csv",
    "/exports/evidence-pack.zip",
  ])
    for (const name of PROTOTYPE_NAMES) {
      const { status, body } = await get(`${path}?delimiter=${name}`);
      answers[`${path}?delimiter=${name}`] = [status, body?.error?.field];
    }
  const refused = Object.fromEntries(Object.keys(answers).map((k) => [k, [400, "delimiter"]]));
  expect(answers).toEqual(refused);
});

test("legalBasis and kinds named after Object methods are refused, not taken as filters", async () => {
  const answers: Record<string, unknown> = {};
  for (const name of PROTOTYPE_NAMES) {
    for (const path of [`/exports/ropa.json?legalBasis=${name}`, `/exports/ropa.csv?legalBasis=${name}`]) {
      const { status, body } = await get(path);
      answers[path] = [status, body?.error?.field];
    }
    for (const path of [
      `/exports/evidence-manifest.json?kinds=${name}`,
      `/exports/evidence-manifest.csv?kinds=AUDIT_REPORT,${name}`,
      `/exports/evidence-pack.zip?kinds=${name}`,
    ]) {
      const { status, body } = await get(path);
      answers[path] = [status, body?.error?.field];
    }
  }
  const refused = Object.fromEntries(
    Object.keys(answers).map((k) => [k, [400, k.includes("legalBasis") ? "legalBasis" : "kinds"]]),
  );
  expect(answers).toEqual(refused);
});

test("the evidence manifest and pack refuse a repeated or unknown parameter, naming it", async () => {
  const cases: Record<string, string> = {
    "/exports/evidence-pack.zip?kinds=AUDIT_REPORT&kinds=FINDING": "kinds",
    "/exports/evidence-pack.zip?from=2026-01-01&from=2026-02-01": "from",
    "/exports/evidence-pack.zip?kind=AUDIT_REPORT": "kind",
    "/exports/evidence-pack.zip?format=json": "format",
    "/exports/evidence-manifest.csv?kind=AUDIT_REPORT": "kind",
    "/exports/evidence-manifest.json?processorID=x": "processorID",
  };
  const answers: Record<string, unknown> = {};
  for (const path of Object.keys(cases)) {
    const { status, body } = await get(path);
    answers[path] = [status, body?.error?.code, body?.error?.field, /Error|at \w+ \(/.test(JSON.stringify(body))];
  }
  expect(answers).toEqual(
    Object.fromEntries(Object.entries(cases).map(([path, field]) => [path, [400, "INVALID", field, false]])),
  );
  // The parameters the pack does take still work.
  const pack = await fetch(`${base}/exports/evidence-pack.zip?kinds=AUDIT_REPORT&delimiter=semicolon&lang=en`, {
    headers: { authorization: `Bearer ${key}` },
  });
  expect(pack.status).toBe(200);
  expect(
    Buffer.from(await pack.arrayBuffer())
      .subarray(0, 2)
      .toString(),
  ).toBe("PK");
});
