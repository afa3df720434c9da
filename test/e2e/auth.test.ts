import { startTestApp, TestApp } from "../helpers/app";
import { Role } from "../../src/common/auth";

let app: TestApp;
let admin: string;

beforeAll(async () => {
  app = await startTestApp();
  ({ key: admin } = await app.newOrganization("Auth Org"));
});
afterAll(() => app.stop());

const CREATE_KEY =
  `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret apiKey { id name role prefix } ` +
  `userErrors { field code message } } }`;
const CREATE_PROCESSOR =
  `mutation($input: CreateProcessorInput!) { createProcessor(input: $input) { processor { id name } userErrors { ` +
  `field code } } }`;

test("no key, a malformed key and an unknown key are UNAUTHENTICATED with HTTP 401", async () => {
  for (const key of [null, "nonsense", "tsk_000000000000.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"]) {
    const res = await app.gql(key, "{ viewer { role } }");
    expect(res.status).toBe(401);
    expect(res.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
    expect(res.data ?? null).toBeNull();
  }
});

test("the health endpoint needs no key; readiness checks the database", async () => {
  const base = app.server.url.replace(/\/graphql$/, "");
  expect((await fetch(`${base}/healthz`)).status).toBe(200);
  expect((await fetch(`${base}/readyz`)).status).toBe(200);
});

test("an ADMIN creates keys; the secret is shown once and only its SHA-256 is stored", async () => {
  const res = await app.gql(admin, CREATE_KEY, { input: { name: "dashboard", role: "VIEWER" } });
  const { secret, apiKey } = res.data.createApiKey;
  expect(secret).toMatch(/^tsk_[0-9a-f]{12}\./);
  expect(apiKey.role).toBe("VIEWER");
  const viewer = await app.gql(secret, "{ viewer { role organization { name } } }");
  expect(viewer.data.viewer).toEqual({ role: "VIEWER", organization: { name: "Auth Org" } });
  const stored = await app.db.owner.query("SELECT encode(secret_sha256, 'hex') AS h FROM api_key WHERE prefix = $1", [
    apiKey.prefix,
  ]);
  expect(stored[0].h).toHaveLength(64);
  const all = JSON.stringify(await app.db.owner.query("SELECT * FROM api_key"));
  expect(all).not.toContain(secret.split(".")[1]);
});

test("a revoked key stops working at once", async () => {
  const created = (await app.gql(admin, CREATE_KEY, { input: { name: "temp", role: "EDITOR" } })).data.createApiKey;
  expect((await app.gql(created.secret, "{ viewer { role } }")).status).toBe(200);
  const revoked = await app.gql(
    admin,
    `mutation($id: ID!) { revokeApiKey(input: { id: $id }) { apiKey { revokedAt } userErrors { code } } }`,
    { id: created.apiKey.id },
  );
  expect(revoked.data.revokeApiKey.apiKey.revokedAt).toBeTruthy();
  expect((await app.gql(created.secret, "{ viewer { role } }")).status).toBe(401);
});

test.each([Role.VIEWER, Role.AUDITOR])("%s keys read but cannot write; only ADMIN manages keys", async (role) => {
  const { key } = await app.newOrganization(`Read-only ${role}`, role);
  const write = await app.gql(key, CREATE_PROCESSOR, { input: { name: "Nope" } });
  expect(write.errors?.[0].extensions?.code).toBe("FORBIDDEN");
  const keys = await app.gql(key, CREATE_KEY, { input: { name: "x", role: "ADMIN" } });
  expect(keys.errors?.[0].extensions?.code).toBe("FORBIDDEN");
  const read = await app.gql(key, "{ processors { totalCount } }");
  expect(read.data.processors.totalCount).toBe(0);
  const [{ n }] = await app.db.owner.query("SELECT count(*)::int AS n FROM processor WHERE name = 'Nope'");
  expect(n).toBe(0);
});

test("an EDITOR writes domain data but cannot manage keys", async () => {
  const { key } = await app.newOrganization("Editor Org", Role.EDITOR);
  const write = await app.gql(key, CREATE_PROCESSOR, { input: { name: "Vendor" } });
  expect(write.data.createProcessor.processor.name).toBe("Vendor");
  const keys = await app.gql(key, "{ apiKeys { id } }");
  expect(keys.errors?.[0].extensions?.code).toBe("FORBIDDEN");
});

test("errors never leak SQL or stack traces", async () => {
  const res = await app.gql(admin, "{ processors(first: 1000) { totalCount } }");
  expect(res.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
  expect(JSON.stringify(res)).not.toMatch(/stack|SELECT|at \w+ \(/);
});
