// A request rolled back by an error while it runs (a statement cancelled after STATEMENT_TIMEOUT_MS) answered 200 with
// the data of the fields that ran before it: `mutation { a: createProcessor … b: recomputeRisk … }`, the recompute
// waiting on the organization's risk lock past the timeout, gave the new processor's id in `data.a` though the
// processor was never stored (the whole transaction rolled back). Never an answer of success for work not committed:
// the answer is the error's HTTP status (TIMEOUT 503) with `data: null`, as the README's table says. Real HTTP.
import { startTestApp, TestApp } from "../helpers/app";

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({ statementTimeoutMs: 500 });
}, 60_000);

afterAll(async () => {
  await app?.stop();
});

test("a mutation rolled back by a later field's TIMEOUT answers 503 with no data, and nothing is stored", async () => {
  const { organizationId, key } = await app.newOrganization("Tilbagerullet Svar ApS");
  // Another session holds the organization's risk lock, so the request's recompute waits past the timeout.
  const holder = app.db.owner.createQueryRunner();
  await holder.connect();
  try {
    await holder.startTransaction();
    await holder.query(`SELECT pg_advisory_xact_lock(hashtextextended('risk_assessment:' || $1, 0))`, [organizationId]);
    const res = await app.gql(
      key,
      `mutation {
        a: createProcessor(input: { name: "Aldrig Gemt ApS", countryCode: "DK" }) { processor { id } }
        b: recomputeRisk { result { processors } }
      }`,
    );
    expect((res.errors ?? []).map((e) => e.extensions?.code)).toEqual(["TIMEOUT"]);
    expect(res.data ?? null).toBeNull();
    expect(res.status).toBe(503);
  } finally {
    await holder.rollbackTransaction();
    await holder.release();
  }
  const stored = await app.db.owner.query(`SELECT count(*)::int AS n FROM processor WHERE organization_id = $1`, [
    organizationId,
  ]);
  expect(stored[0].n).toBe(0);
}, 60_000);
