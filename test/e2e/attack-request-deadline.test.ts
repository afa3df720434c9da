// STATEMENT_TIMEOUT_MS bounded each statement, not a request's sum of them. Over a lattice of 16 layers × 2 processors
// (each engaging both of the next layer), one request of 30 aliases of subprocessorTree(maxDepth: 20), each refused
// on its own ("more than 25000 nodes", BAD_USER_INPUT) after 0.7-2.2 s of SQL, held its connection 20-120 s; two
// tenants' five such requests each (DB_CONNECTIONS_PER_ORG, half the pool) held the whole pool, and a third tenant's
// query waited 6.7 s or answered 503 UNAVAILABLE. After a statement timeout inside one alias the rest failed as 25P02.
// Now a request's database work is bounded by REQUEST_DB_TIMEOUT_MS (past it no statement is sent and the running one
// is cancelled: 503 TIMEOUT), and a tree refused as too large refuses the same tree at a larger depth in the same
// query without SQL. The aliases here defeat that (each asks a tree not yet refused), so the deadline is what ends
// them. Bound (README): each attack request ends within REQUEST_DB_TIMEOUT_MS + 3 s (0.5 s here) with TIMEOUT or its
// refusals, never INTERNAL; another tenant's trivial query answers 200 within 3 s meanwhile; the pool recovers.
import { startTestApp, TestApp } from "../helpers/app";
import { toGlobalId } from "../../src/common/global-id";
import { retryWallClockBounds } from "../helpers/wall-clock";

retryWallClockBounds();

const LAYERS = 16;
const DEADLINE_MS = 500;
let app: TestApp;
let attackers: { key: string; roots: string[] }[];
let other: string;

async function lattice(name: string) {
  const org = await app.newOrganization(name);
  const rows: { id: string }[] = await app.db.owner.query(
    `INSERT INTO processor (organization_id, name, country_code, direct)
     SELECT $1, 'Lag ' || lpad((g / 2 + 1)::text, 2, '0') || chr(97 + g % 2), 'US', g < 2
       FROM generate_series(0, $2 - 1) g ORDER BY g RETURNING id`,
    [org.organizationId, LAYERS * 2],
  );
  const layers = Array.from({ length: LAYERS }, (_, i) => [rows[2 * i].id, rows[2 * i + 1].id]);
  const edges = layers.slice(0, -1).flatMap((l, i) => l.flatMap((p) => layers[i + 1].map((s) => [p, s])));
  await app.db.owner.query(
    `INSERT INTO subprocessor_engagement (organization_id, processor_id, subprocessor_id, countries, transfer_mechanism,
      status)
     SELECT $1, p, s, '{US}', 'SCC', 'APPROVED' FROM unnest($2::uuid[], $3::uuid[]) AS t(p, s)`,
    [org.organizationId, edges.map((e) => e[0]), edges.map((e) => e[1])],
  );
  // The processors of layers 1 and 2: their trees within maxDepth 14-20 have more than 25,000 nodes.
  return { key: org.key, roots: [...layers[0], ...layers[1]] };
}

beforeAll(async () => {
  app = await startTestApp({
    dbPoolSize: 10,
    dbConnectionsPerOrg: 5,
    dbAcquireTimeoutMs: 10_000,
    statementTimeoutMs: 5000,
    requestDbTimeoutMs: DEADLINE_MS,
  });
  attackers = [await lattice("Gitter Et ApS"), await lattice("Gitter To ApS")];
  other = (await app.newOrganization("Nabo Frist ApS")).key;
}, 120_000);

afterAll(() => app?.stop());

/** 24 trees, none refused before it in the request: depths 20 down to 15 under each of four processors. */
function attack(roots: string[]) {
  const trees = (r: number) =>
    Array.from({ length: 6 }, (_, i) => `t${r}_${i}: subprocessorTree(maxDepth: ${20 - i}) { depth }`).join(" ");
  const processor = (root: string, r: number) =>
    `p${r}: processor(id: "${toGlobalId("Processor", root)}") { ${trees(r)} }`;
  return `{ ${roots.map(processor).join(" ")} }`;
}

async function post(key: string, query: string) {
  const started = Date.now();
  const res = await fetch(app.server.url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
    body: JSON.stringify({ query }),
  });
  const body = (await res.json()) as { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] };
  return { status: res.status, body, ms: Date.now() - started };
}

test("two tenants' attack requests end at the deadline, and another tenant is answered within 3 s", async () => {
  const attacks = attackers.flatMap((a) => Array.from({ length: 5 }, () => post(a.key, attack(a.roots))));
  await new Promise((r) => setTimeout(r, 300));
  const waits: number[] = [];
  for (let i = 0; i < 3; i += 1) {
    const res = await post(other, "{ processors(first: 1) { totalCount } }");
    waits.push(res.ms);
    expect([res.status, res.body.errors]).toEqual([200, undefined]);
  }
  const answers = await Promise.all(attacks);
  expect(Math.max(...waits)).toBeLessThan(3000);
  for (const a of answers) {
    const codes = new Set((a.body.errors ?? []).map((e) => e.extensions?.code));
    // Refused aliases (BAD_USER_INPUT) and the deadline (TIMEOUT); never INTERNAL, never a 25P02 leaking.
    expect([...codes].filter((c) => c !== "BAD_USER_INPUT" && c !== "TIMEOUT")).toEqual([]);
    expect(a.status === 503 ? codes.has("TIMEOUT") : a.status === 200).toBe(true);
    expect(a.ms).toBeLessThan(DEADLINE_MS + 3000);
  }
  // The deadline ended them: had they run to the end, each would have taken 24 trees' SQL (15-50 s).
  expect(answers.filter((a) => a.status === 503).length).toBeGreaterThanOrEqual(1);
  const timeout = answers.find((a) => a.status === 503)!.body.errors!.find((e) => e.extensions?.code === "TIMEOUT")!;
  expect(timeout.message).toMatch(/^The request took too long and was cancelled/);
}, 180_000);

test("the pool recovers: the attackers' next requests run, five at once each", async () => {
  const answers = await Promise.all(
    attackers.flatMap((a) => Array.from({ length: 5 }, () => post(a.key, "{ processors(first: 1) { totalCount } }"))),
  );
  expect(answers.map((a) => [a.status, (a.body.data as any)?.processors?.totalCount])).toEqual(
    Array.from({ length: 10 }, () => [200, LAYERS * 2]),
  );
}, 60_000);

test("30 aliases of one refused tree: refused once by SQL, the rest without (no deadline)", async () => {
  // A server of its own without the deadline (one tree's statement takes ~1.5 s on a loaded machine): the refusal
  // alone must keep the request short.
  const attacked = app;
  app = await startTestApp({ requestDbTimeoutMs: 0 });
  try {
    const a = await lattice("Gitter Tre ApS");
    const aliases = Array.from({ length: 30 }, (_, i) => `t${i}: subprocessorTree(maxDepth: 20) { depth }`).join(" ");
    const res = await post(a.key, `{ processor(id: "${toGlobalId("Processor", a.roots[0])}") { ${aliases} } }`);
    expect(res.status).toBe(200);
    // processor is null at the first refusal (its trees are non-null lists): the refusals after it are not listed.
    expect(new Set(res.body.errors?.map((e) => e.extensions?.code))).toEqual(new Set(["BAD_USER_INPUT"]));
    expect(res.body.errors?.[0].message).toMatch(/more than 25000 nodes within maxDepth 20/);
    // The processor and one tree: the 29 other trees were refused without a statement (each took 0.7-2.2 s).
    expect((res.body as { extensions?: { sqlStatements?: number } }).extensions?.sqlStatements).toBeLessThanOrEqual(2);
    expect(res.ms).toBeLessThan(6000);
  } finally {
    await app.stop();
    app = attacked;
  }
}, 120_000);
