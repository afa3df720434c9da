// A whole-portfolio risk recompute takes the organization's risk lock (pg_advisory_xact_lock) while its facts are
// gathered, sent beside other statements and its failure ignored (`.catch(() => undefined)`). When another
// transaction of the organization held the lock past STATEMENT_TIMEOUT_MS (a long recomputeRisk, the daily job),
// PostgreSQL cancelled the wait, the transaction was aborted, and the next statement failed with "current
// transaction is aborted" (25P02): the request answered INTERNAL, not TIMEOUT. Two recomputeRisk mutations of one
// ADMIN key at once did it. The lock's failure is now awaited where it is needed: TIMEOUT (the message says to try
// again), nothing written. Built at test time, real HTTP.
import { startTestApp, TestApp } from "../helpers/app";

let app: TestApp;
let key: string;

beforeAll(async () => {
  app = await startTestApp({ statementTimeoutMs: 1000 });
  const org = await app.newOrganization("Risikolås Prøve ApS");
  key = org.key;
  await app.db.owner.query(
    `INSERT INTO processor (organization_id, name, country_code, direct)
     SELECT $1, 'Leverandør ' || g, 'DK', true FROM generate_series(1, $2::int) g`,
    [org.organizationId, 500],
  );
  await app.ok(key, `mutation { recomputeRisk { result { processors } userErrors { code } } }`);
}, 60_000);

afterAll(async () => {
  await app?.stop();
});

const RECOMPUTE = (n: number) =>
  `mutation { ${Array.from({ length: n }, (_, i) => `r${i}: recomputeRisk { result { processors } }`).join(" ")} }`;

test("a recompute waiting on another's risk lock past the statement timeout is TIMEOUT, not INTERNAL", async () => {
  // The first holds the lock for many recomputes (several seconds); the second waits on it past the 1 s timeout.
  const first = app.gql(key, RECOMPUTE(30));
  await new Promise((r) => setTimeout(r, 300));
  const second = await app.gql(key, RECOMPUTE(1));
  const codes = (second.errors ?? []).map((e) => e.extensions?.code);
  expect(codes).not.toContain("INTERNAL");
  expect(codes).toEqual(["TIMEOUT"]);
  expect(second.errors![0].message).toMatch(/^The request took too long and was cancelled/);
  expect(second.data).toBeNull();
  await first;
}, 120_000);
