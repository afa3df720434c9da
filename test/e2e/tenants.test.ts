// Tenants can be provisioned and recovered (issue 15): `npm run org:create` makes an organization and its
// first ADMIN key on a real database (DATABASE_URL, and the embedded PostgreSQL a running API serves), and
// an organization's last active ADMIN key cannot be revoked.
import fs from "node:fs";
import path from "node:path";
import { spawn } from "node:child_process";
import { seedDemoOrganization, startTestApp, TestApp } from "../helpers/app";
import { createApiKey } from "../helpers/fixtures";
import { embeddedUnreachableReason, freePort } from "../../src/db/embedded";
import { sleep } from "../helpers/load";

const ROOT = path.resolve(__dirname, "..", "..");
const KEY = /^tsk_[0-9a-f]{12}\.[A-Za-z0-9_-]{43}$/;

let app: TestApp;
let demo: { organizationId: string; key: string };

/** Runs `npm run -s org:create -- …` as a user would; resolves with its exit code and both outputs. */
function orgCreate(
  args: string[],
  env: Record<string, string | undefined>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn("npm", ["run", "-s", "org:create", "--", ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: undefined, LOG_LEVEL: "info", ...env } as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => (stdout += d));
  child.stderr.on("data", (d) => (stderr += d));
  return new Promise((resolve) => child.once("exit", (code) => resolve({ code, stdout, stderr })));
}

const REVOKE = `mutation($id: ID!) { revokeApiKey(input: { id: $id }) { apiKey { id revokedAt }
  userErrors { field code message } } }`;

beforeAll(async () => {
  app = await startTestApp();
  demo = await seedDemoOrganization(app);
});
afterAll(() => app.stop());

test("org:create (DATABASE_URL): a second organization; its key works and sees nothing of the first", async () => {
  const { code, stdout, stderr } = await orgCreate(["--name", "Second Controller ApS", "--admin-key-name", "ops"], {
    DATABASE_URL: app.db.ownerUrl,
  });
  expect({ code, stderr }).toEqual({ code: 0, stderr: expect.stringContaining("Created the organization") });
  // stdout is the key and nothing else (KEY=$(npm run -s org:create -- …)); no JSON log line carries it.
  const key = stdout.trim();
  expect(key).toMatch(KEY);
  expect(stdout).toBe(`${key}\n`);
  expect(stderr).not.toContain(key);
  expect(stderr).toContain(`prefix ${key.slice(4, 16)}`);

  const viewer = await app.ok(key, "{ viewer { role organization { name countryCode } apiKey { name role } } }");
  expect(viewer.viewer).toEqual({
    role: "ADMIN",
    organization: { name: "Second Controller ApS", countryCode: "DK" },
    apiKey: { name: "ops", role: "ADMIN" },
  });
  // Nothing of the demo organization: no processors, activities or events, and its ids resolve to nothing.
  const ours = await app.ok(demo.key, "{ processors(first: 1) { totalCount edges { node { id } } } }");
  expect(ours.processors.totalCount).toBeGreaterThan(0);
  const theirs = await app.ok(
    key,
    `query($id: ID!) { processors { totalCount } processingActivities { totalCount } events { totalCount }
      node(id: $id) { id } apiKeys { name } }`,
    { id: ours.processors.edges[0].node.id },
  );
  expect(theirs).toEqual({
    processors: { totalCount: 0 },
    processingActivities: { totalCount: 0 },
    events: { totalCount: 0 },
    node: null,
    apiKeys: [{ name: "ops" }],
  });
  const exported = await fetch(`${app.server.url.replace(/\/graphql$/, "")}/exports/ropa.json`, {
    headers: { authorization: `Bearer ${key}` },
  });
  expect(((await exported.json()) as { records: unknown[] }).records).toEqual([]);
  // The new ADMIN can work: a processor of its own, invisible to the demo organization.
  const created = await app.ok(
    key,
    `mutation { createProcessor(input: { name: "Own Vendor" }) { processor { id } userErrors { code } } }`,
  );
  expect(
    (await app.ok(demo.key, `query($id: ID!) { node(id: $id) { id } }`, { id: created.createProcessor.processor.id }))
      .node,
  ).toBeNull();

  // Run again with the same name: refused, nothing created; bad arguments name the flag.
  const again = await orgCreate(["--name", "Second Controller ApS", "--admin-key-name", "ops"], {
    DATABASE_URL: app.db.ownerUrl,
  });
  expect(again.code).toBe(1);
  expect(again.stdout).toBe("");
  expect(again.stderr).toContain("exists already; nothing was created");
  // The same name in another case, with spaces around it, is the same organization (it was created).
  const cased = await orgCreate(["--name", "  second CONTROLLER aps ", "--admin-key-name", "ops"], {
    DATABASE_URL: app.db.ownerUrl,
  });
  expect({ code: cased.code, stdout: cased.stdout }).toEqual({ code: 1, stdout: "" });
  expect(cased.stderr).toContain("exists already; nothing was created");
  const bad = await orgCreate(["--name", "X", "--country", "XX", "--admin-key-name", "ops"], {
    DATABASE_URL: app.db.ownerUrl,
  });
  expect([bad.code, bad.stdout]).toEqual([2, ""]);
  expect(bad.stderr).toContain("--country must be an ISO 3166-1 alpha-2 code");
  const [{ n }] = await app.db.owner.query("SELECT count(*)::int AS n FROM organization WHERE name IN ('X')");
  expect(n).toBe(0);
}, 300_000);

test("the last active ADMIN key cannot be revoked (LAST_ADMIN_KEY, naming the field)", async () => {
  const org = await app.newOrganization("Lonely Admin A/S");
  const keys = async (k: string) =>
    (await app.ok(k, "{ apiKeys { id name role revokedAt } viewer { apiKey { id } } }")) as {
      apiKeys: { id: string; name: string; role: string; revokedAt: string | null }[];
      viewer: { apiKey: { id: string } };
    };
  const first = (await keys(org.key)).viewer.apiKey.id;
  const refused = await app.gql(org.key, REVOKE, { id: first });
  expect(refused.data.revokeApiKey).toEqual({
    apiKey: null,
    userErrors: [
      {
        field: ["input", "id"],
        code: "LAST_ADMIN_KEY",
        message: expect.stringMatching(/last active ADMIN key: an organization keeps at least one/),
      },
    ],
  });
  expect((await app.gql(org.key, "{ viewer { role } }")).status).toBe(200);
  // Other roles' keys go as before, even when only one ADMIN is left.
  const viewerKey = await createApiKey(app, org.key, "VIEWER", "dashboard");
  const viewerId = (await keys(org.key)).apiKeys.find((k) => k.name === "dashboard")!.id;
  expect((await app.ok(org.key, REVOKE, { id: viewerId })).revokeApiKey.apiKey.revokedAt).toBeTruthy();
  expect((await app.gql(viewerKey, "{ viewer { role } }")).status).toBe(401);
  // With a second ADMIN key the first can go; then the second is the last.
  const second = await createApiKey(app, org.key, "ADMIN", "second admin");
  expect((await app.ok(second, REVOKE, { id: first })).revokeApiKey.apiKey.revokedAt).toBeTruthy();
  const secondId = (await keys(second)).viewer.apiKey.id;
  const last = await app.gql(second, REVOKE, { id: secondId });
  expect(last.data.revokeApiKey.userErrors.map((e: { code: string }) => e.code)).toEqual(["LAST_ADMIN_KEY"]);
  // Two ADMINs revoking each other's key at the same moment: one wins, the other is refused. The loser's own
  // key was revoked by the winner while it waited on the lock, so its request does not commit (401,
  // src/context.ts); had it gone on, the last-ADMIN guard would have refused it.
  const third = await createApiKey(app, second, "ADMIN", "third admin");
  const thirdId = (await keys(third)).viewer.apiKey.id;
  const both = await Promise.all([app.gql(second, REVOKE, { id: thirdId }), app.gql(third, REVOKE, { id: secondId })]);
  const outcomes = both
    .map((r) => r.errors?.[0]?.extensions?.code ?? r.data?.revokeApiKey.userErrors[0]?.code ?? "REVOKED")
    .sort();
  expect([
    ["LAST_ADMIN_KEY", "REVOKED"],
    ["REVOKED", "UNAUTHENTICATED"],
  ]).toContainEqual(outcomes);
  const [{ n }] = await app.db.owner.query(
    "SELECT count(*)::int AS n FROM api_key WHERE organization_id = $1 AND role = 'ADMIN' AND revoked_at IS NULL",
    [org.organizationId],
  );
  expect(n).toBe(1);
});

// The embedded default: the CLI finds the PostgreSQL that a running API started on the same data
// directory (as `npm start` left it: postmaster.pid, pg-owner.json, the password file).
const dataDir = path.join(ROOT, ".data", `org-create-${process.pid}`);
const embeddedBlocked = embeddedUnreachableReason(dataDir);

test("org:create (embedded default): the running API's PostgreSQL; that API takes the key", async () => {
  expect(embeddedBlocked).toBeNull();
  fs.rmSync(dataDir, { recursive: true, force: true });
  const port = await freePort();
  const env = {
    ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !["DATABASE_URL", "NODE_ENV"].includes(k))),
    TILSYN_DATA_DIR: dataDir,
    SEED_DEMO_DATA: "false",
    TS_NODE_TRANSPILE_ONLY: "true",
    PORT: String(port),
  };
  const api = spawn(process.execPath, ["-r", "ts-node/register", "src/main.ts"], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "ignore", "pipe"],
  });
  let apiErr = "";
  api.stderr.on("data", (d) => (apiErr += d));
  try {
    const until = Date.now() + 150_000;
    while ((await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => null))?.status !== 200) {
      if (api.exitCode !== null || Date.now() > until) throw new Error(`the API did not start:\n${apiErr}`);
      await sleep(300);
    }
    const { code, stdout, stderr } = await orgCreate(["--name", "Embedded Tenant", "--admin-key-name", "ops"], {
      TILSYN_DATA_DIR: dataDir,
    });
    expect({ code, stderr }).toEqual({ code: 0, stderr: expect.stringContaining("Using the embedded PostgreSQL") });
    const key = stdout.trim();
    expect(key).toMatch(KEY);
    const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
      body: JSON.stringify({ query: "{ viewer { role organization { name } } processors { totalCount } }" }),
    });
    expect(await res.json()).toEqual({
      data: { viewer: { role: "ADMIN", organization: { name: "Embedded Tenant" } }, processors: { totalCount: 0 } },
      extensions: expect.anything(),
    });
  } finally {
    api.kill("SIGTERM");
    await new Promise((r) => (api.exitCode !== null ? r(null) : api.once("exit", r)));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}, 240_000);
