// Codes of the vocabulary that only odd requests or a failing database produce: each answered with its
// code and status, and without internals.
import { loadConfig } from "../../src/config";
import { createDataSource } from "../../src/db/data-source";
import { startServer } from "../../src/server";
import { seedDemoOrganization, startTestApp, TestApp } from "../helpers/app";

let app: TestApp;
let key: string;

beforeAll(async () => {
  app = await startTestApp();
  ({ key } = await seedDemoOrganization(app));
});
afterAll(() => app.stop());

async function post(body: unknown) {
  const res = await fetch(app.server.url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as { errors?: { message: string; extensions?: any }[] } };
}

test("an operationName that names no operation of the document is OPERATION_RESOLUTION_FAILURE (400)", async () => {
  const res = await post({ query: "query A { viewer { role } }", operationName: "B" });
  expect(res.status).toBe(400);
  expect(res.body.errors?.[0].extensions?.code).toBe("OPERATION_RESOLUTION_FAILURE");
});

test("automatic persisted queries are off (a cache shared by tenants): PERSISTED_QUERY_NOT_SUPPORTED", async () => {
  const res = await post({ extensions: { persistedQuery: { version: 1, sha256Hash: "0".repeat(64) } } });
  expect(res.body.errors?.[0].extensions?.code).toBe("PERSISTED_QUERY_NOT_SUPPORTED");
});

test("a parameter of an export that the service refuses is 400 INVALID naming it", async () => {
  const base = app.server.url.replace(/\/graphql$/, "");
  const res = await fetch(`${base}/exports/ropa.json?asOf=2999-01-01`, { headers: { authorization: `Bearer ${key}` } });
  expect(res.status).toBe(400);
  expect(await res.json()).toEqual({
    error: { code: "INVALID", field: "asOf", message: "asOf must not be in the future." },
  });
});

test("a database failure nobody planned for is INTERNAL, without SQL or table names", async () => {
  await app.db.owner.query(`ALTER TABLE measure RENAME TO measure_gone`);
  try {
    const res = await post({ query: "{ measures { key } }" });
    expect(res.body.errors).toEqual([
      { message: "Internal server error.", path: ["measures"], extensions: { code: "INTERNAL" } },
    ]);
  } finally {
    await app.db.owner.query(`ALTER TABLE measure_gone RENAME TO measure`);
  }
});

test("a database that cannot be reached is 503 UNAVAILABLE, on GraphQL and on the plain endpoints", async () => {
  const gone = createDataSource(app.db.url, 1);
  await gone.initialize();
  await gone.destroy();
  const server = await startServer({ ...loadConfig({}), port: 0, logLevel: "silent" }, { ...app.db, app: gone });
  try {
    const graphql = await fetch(server.url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
      body: JSON.stringify({ query: "{ viewer { role } }" }),
    });
    expect(graphql.status).toBe(503);
    expect(((await graphql.json()) as { errors: unknown }).errors).toEqual([
      { message: "The service is not available; try again.", extensions: { code: "UNAVAILABLE" } },
    ]);
    const plain = await fetch(server.url.replace(/\/graphql$/, "/exports/ropa.json"), {
      headers: { authorization: `Bearer ${key}` },
    });
    expect(plain.status).toBe(503);
    expect(await plain.json()).toEqual({
      error: { code: "UNAVAILABLE", message: "The service is not available; try again." },
    });
  } finally {
    await server.stop();
  }
});
