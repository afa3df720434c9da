// The request's database deadline (REQUEST_DB_TIMEOUT_MS, RequestDeadline in src/context.ts), on the real database:
// past it no statement of the request is sent (one queued behind a running statement is refused as its turn comes),
// the running statement is cancelled (57014, which answers TIMEOUT), the end (ROLLBACK) still goes through, and the
// connection goes back to the pool at once. A sequence (nextval is not undone by a rollback) shows what was sent.
import { isStatementTimeout, RequestDeadlineError, RequestTransaction } from "../../src/context";
import { createTestDatabase, TestDatabase } from "../helpers/db";
import type { Role } from "../../src/common/auth";
import { retryWallClockBounds } from "../helpers/wall-clock";

retryWallClockBounds();

let db: TestDatabase;
let organizationId: string;

beforeAll(async () => {
  db = await createTestDatabase({ size: 2 });
  await db.owner.query("CREATE SEQUENCE deadline_probe");
  await db.owner.query("GRANT USAGE, SELECT ON SEQUENCE deadline_probe TO PUBLIC");
  const [org] = await db.owner.query(
    "INSERT INTO organization (name, country_code) VALUES ('Frist Prøve ApS', 'DK') RETURNING id",
  );
  organizationId = org.id;
}, 60_000);

afterAll(async () => {
  await db?.close();
});

function transaction(requestTimeoutMs: number) {
  return new RequestTransaction(
    db,
    { organizationId, role: "ADMIN" as Role, apiKeyId: null },
    "00000000-0000-4000-8000-00000000d0d0",
    { statementTimeoutMs: 60_000, requestTimeoutMs },
  );
}

/** How many values were taken from the probe. */
const probe = async () =>
  Number((await db.owner.query("SELECT CASE WHEN is_called THEN last_value ELSE 0 END AS n FROM deadline_probe"))[0].n);

test("a running statement is cancelled at the deadline, and the one queued behind it is never sent", async () => {
  const before = await probe();
  const tx = transaction(400);
  const qr = await tx.open();
  await qr.query("SELECT nextval('deadline_probe')"); // before the deadline: sent
  const started = Date.now();
  const sleeping = qr.query("SELECT pg_sleep(20)").then(
    () => null,
    (err: unknown) => err,
  );
  const queued = qr.query("SELECT nextval('deadline_probe')").then(
    () => null,
    (err: unknown) => err,
  );
  const [slept, next] = await Promise.all([sleeping, queued]);
  const took = Date.now() - started;
  expect(isStatementTimeout(slept)).toBe(true); // cancelled: answers TIMEOUT
  expect(took).toBeLessThan(3000); // not the statement's 20 s, nor STATEMENT_TIMEOUT's 60 s
  expect(isStatementTimeout(next)).toBe(true);
  expect((next as { driverError?: unknown }).driverError).toBeInstanceOf(RequestDeadlineError);
  await tx.finish(false); // the ROLLBACK is sent whatever the time
  expect(await probe()).toBe(before + 1);
  // The connection left the request at once: both of the pool's connections are free for the next requests.
  const pool = (db.app.driver as unknown as { master: { totalCount: number; idleCount: number; waitingCount: number } })
    .master;
  expect(pool.waitingCount).toBe(0);
  expect(pool.totalCount - pool.idleCount).toBe(0);
  const [a, b] = await Promise.all([transaction(400).open(), transaction(400).open()]);
  expect((await a.query("SELECT 1 AS one"))[0].one).toBe(1);
  expect((await b.query("SELECT 1 AS one"))[0].one).toBe(1);
  await Promise.all([a.release(), b.release()]);
}, 30_000);

test("a request past its deadline with nothing running sends no further statement", async () => {
  const before = await probe();
  const tx = transaction(200);
  const qr = await tx.open();
  await new Promise((r) => setTimeout(r, 300));
  const err = await qr.query("SELECT nextval('deadline_probe')").then(
    () => null,
    (e: unknown) => e,
  );
  expect(isStatementTimeout(err)).toBe(true);
  expect(String((err as Error).message)).toMatch(/REQUEST_DB_TIMEOUT_MS/);
  await tx.finish(false);
  expect(await probe()).toBe(before);
});

test("after a statement_timeout cancel, later statements are refused (TIMEOUT), not failed as 25P02", async () => {
  const before = await probe();
  const tx = transaction(0);
  const qr = await tx.open();
  await qr.query("SET LOCAL statement_timeout = 100");
  const first = await qr.query("SELECT pg_sleep(2)").then(
    () => null,
    (e: unknown) => e,
  );
  expect(isStatementTimeout(first)).toBe(true);
  const second = await qr.query("SELECT nextval('deadline_probe')").then(
    () => null,
    (e: unknown) => e,
  );
  expect(isStatementTimeout(second)).toBe(true);
  await tx.finish(false);
  expect(await probe()).toBe(before);
});

test("a deadline extended (the plan store, exports) lets the work past the request's bound", async () => {
  const tx = transaction(200);
  const qr = await tx.open();
  tx.extendDeadline(5000);
  await new Promise((r) => setTimeout(r, 300));
  expect((await qr.query("SELECT 2 AS two"))[0].two).toBe(2);
  await tx.finish(true);
});
