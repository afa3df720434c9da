// Optimistic locking under load: many clients read a processor's version and write over it at the
// same time. Every accepted write moves the version on by exactly one, no two writes are accepted
// over the same version (no lost update), and every refused write is STALE_VERSION because another
// accepted write had moved the row on from the version it read.
//
// Counts: LOCKING_UPDATES (default 1000, the figure) conflicting updates with
// LOCKING_CONCURRENCY (default 50) clients in flight, e.g.
//   LOCKING_UPDATES=5000 LOCKING_CONCURRENCY=100 npx jest test/e2e/optimistic-locking.test.ts
import { startTestApp, TestApp } from "../helpers/app";
import { envInt, mapLimit, rawGql, sleep } from "../helpers/load";
import { finishTransaction } from "../../src/context";
import { createContext } from "../../src/loaders";
import { processorService } from "../../src/modules/processors/processor.service";
import { UserInputFailure } from "../../src/common/errors";
import { createProcessor } from "../helpers/fixtures";

const UPDATES = envInt("LOCKING_UPDATES", 1000);
const CONCURRENCY = envInt("LOCKING_CONCURRENCY", 50);

let app: TestApp;
let key: string;

const READ = `query($id: ID!) { processor(id: $id) { version serviceDescription } }`;
const UPDATE = `mutation($input: UpdateProcessorInput!) { updateProcessor(input: $input) {
  processor { version serviceDescription } userErrors { field code message } } }`;

async function newProcessor(name: string): Promise<string> {
  const processor = await createProcessor(app, key, { name });
  expect(processor.version).toBe(1);
  return processor.id;
}

async function auditLogExists(): Promise<boolean> {
  const [{ exists }] = await app.db.owner.query(`SELECT to_regclass('public.audit_log') IS NOT NULL AS exists`);
  return exists;
}

beforeAll(async () => {
  // 1,000 requests queue on 5 pooled connections behind one row lock: on a loaded machine they wait longer
  // than the default acquire timeout (which would answer 503); this file is about lost updates, not queueing.
  app = await startTestApp({ dbAcquireTimeoutMs: 600_000 });
  key = (await app.newOrganization("Locking Org")).key;
});
afterAll(() => app.stop());

interface Outcome {
  client: number;
  value: string;
  readVersion: number;
  status: number;
  body: any;
}

test(`${UPDATES} concurrent conflicting updates over HTTP (${CONCURRENCY} in flight): no update is lost`, async () => {
  const id = await newProcessor("Contended Vendor");
  const started = Date.now();
  const outcomes = await mapLimit(
    Array.from({ length: UPDATES }, (_, i) => i),
    CONCURRENCY,
    async (client): Promise<Outcome> => {
      const read = await rawGql(app.server.url, key, READ, { id });
      expect(read.status).toBe(200);
      const readVersion = read.json.data.processor.version as number;
      // A little jitter between read and write, so that reads and writes of different clients interleave.
      if (client % 3 === 0) await sleep(client % 5);
      const value = `written by client ${client}`;
      const res = await rawGql(app.server.url, key, UPDATE, {
        input: { id, version: readVersion, serviceDescription: value },
      });
      return { client, value, readVersion, status: res.status, body: res.json };
    },
  );
  const seconds = (Date.now() - started) / 1000;

  // Every request was answered with a payload, never with a GraphQL error (deadlock, serialization, INTERNAL).
  for (const o of outcomes) {
    expect({ client: o.client, status: o.status, errors: o.body?.errors }).toEqual({
      client: o.client,
      status: 200,
      errors: undefined,
    });
  }
  const accepted = outcomes.filter((o) => o.body.data.updateProcessor.userErrors.length === 0);
  const rejected = outcomes.filter((o) => o.body.data.updateProcessor.userErrors.length > 0);

  // An accepted write was made over the version its client read, and moved it on by exactly one.
  for (const o of accepted) {
    expect(o.body.data.updateProcessor.processor).toEqual({ version: o.readVersion + 1, serviceDescription: o.value });
  }
  // No two writes were accepted over the same version: that would be a lost update.
  const acceptedFrom = new Map<number, Outcome>();
  for (const o of accepted) {
    expect(acceptedFrom.get(o.readVersion)?.client).toBeUndefined();
    acceptedFrom.set(o.readVersion, o);
  }
  // The accepted versions form one chain 1 → 2 → … → 1 + accepted, with no gap and no duplicate.
  const chain = accepted.map((o) => o.readVersion + 1).sort((a, b) => a - b);
  expect(chain).toEqual(Array.from({ length: accepted.length }, (_, i) => i + 2));

  // A refused write is STALE_VERSION naming input.version, and another accepted write had moved the row
  // on from exactly the version the refused client read.
  for (const o of rejected) {
    const errors = o.body.data.updateProcessor.userErrors;
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ field: ["input", "version"], code: "STALE_VERSION" });
    const m = /you sent version (\d+), it is now (\d+)/.exec(errors[0].message);
    expect(m).not.toBeNull();
    expect(Number(m![1])).toBe(o.readVersion);
    expect(Number(m![2])).toBeGreaterThan(o.readVersion);
    expect(acceptedFrom.has(o.readVersion)).toBe(true);
    expect(o.body.data.updateProcessor.processor).toBeNull();
  }

  // The row holds the last accepted write, at version 1 + number of accepted writes.
  const last = acceptedFrom.get(accepted.length)!;
  const [row] = await app.db.owner.query(
    `SELECT version, service_description FROM processor WHERE name = 'Contended Vendor'`,
  );
  expect(row).toEqual({ version: 1 + accepted.length, service_description: last.value });
  const final = await app.gql(key, READ, { id });
  expect(final.data.processor).toEqual({ version: 1 + accepted.length, serviceDescription: last.value });

  // When the audit log exists, it holds exactly one UPDATE per accepted write.
  if (await auditLogExists()) {
    const [{ n }] = await app.db.owner.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE entity = 'processor' AND action = 'UPDATE' AND entity_id = ` +
        `(SELECT id FROM processor WHERE name = 'Contended Vendor')`,
    );
    expect(n).toBe(accepted.length);
  }

  expect(accepted.length).toBeGreaterThan(1);
  expect(rejected.length).toBeGreaterThan(0);
  console.log(
    `[optimistic-locking] ${UPDATES} conflicting updates, ${CONCURRENCY} in flight, in ${seconds.toFixed(1)} s: ` +
      `${accepted.length} accepted (versions 2..${accepted.length + 1}), ${rejected.length} STALE_VERSION`,
  );
}, 300_000);

test(
  "create-or-replace mutations under concurrency: every write succeeds and moves the version on by " + "exactly one",
  async () => {
    // setSupervisionPlan and setProcessorMeasure take no version: the last write wins, which is their
    // contract. But each write is still an update of a versioned row: none may fail on a race (DUPLICATE
    // when two create the row at once), and the version may never be written back to an older value.
    const N = Math.min(UPDATES, 200);
    const processor = await newProcessor("Plan Vendor");
    const cases = [
      {
        table: "supervision_plan",
        doc:
          `mutation($input: SetSupervisionPlanInput!) { r: setSupervisionPlan(input: $input) { userErrors { field ` +
          `code message } } }`,
        input: (i: number) => ({ processorId: processor, owner: `owner ${i}`, intervalMonths: (i % 12) + 1 }),
      },
      {
        table: "processor_measure",
        doc:
          `mutation($input: SetProcessorMeasureInput!) { r: setProcessorMeasure(input: $input) { userErrors { field ` +
          `code message } } }`,
        input: (i: number) => ({
          processorId: processor,
          measureKey: "encryption.at_rest",
          status: i % 2 ? "IMPLEMENTED" : "PARTIAL",
          evidence: `evidence ${i}`,
        }),
      },
    ];
    const problems: Record<string, unknown> = {};
    for (const c of cases) {
      const answers = await mapLimit(
        Array.from({ length: N }, (_, i) => i),
        CONCURRENCY,
        (i) => rawGql(app.server.url, key, c.doc, { input: c.input(i) }),
      );
      const refused = answers.filter((a) => a.status !== 200 || a.json?.errors || a.json.data.r.userErrors.length);
      const [{ version }] = await app.db.owner.query(
        `SELECT version FROM "${c.table}" WHERE processor_id = (SELECT id FROM processor WHERE name = 'Plan Vendor')`,
      );
      const found: Record<string, unknown> = {
        refused: refused.length,
        refusals: [...new Set(refused.map((a) => JSON.stringify(a.json?.errors ?? a.json?.data?.r?.userErrors)))],
        // The first write creates the row at version 1; each of the others changes it.
        finalVersion: version,
      };
      if (await auditLogExists()) {
        const rows: { before: number; after: number }[] = await app.db.owner.query(
          `SELECT (before->>'version')::int AS before, (after->>'version')::int AS after FROM audit_log
          WHERE entity = $1 AND action = 'UPDATE'
            AND (after->>'processor_id') = (SELECT id::text FROM processor WHERE name = 'Plan Vendor') ORDER BY id`,
          [c.table],
        );
        found.versionWrittenBackwards = rows.filter((r) => r.after !== r.before + 1).length;
      }
      const expected = {
        refused: 0,
        refusals: [],
        finalVersion: N,
        ...("versionWrittenBackwards" in found ? { versionWrittenBackwards: 0 } : {}),
      };
      if (JSON.stringify(found) !== JSON.stringify(expected)) problems[c.table] = { expected, found };
    }
    expect(problems).toEqual({});
  },
);

test(
  "two interleaved transactions over the same version: the second waits for the row lock, then fails " +
    "STALE_VERSION",
  async () => {
    const id = await newProcessor("Interleaved Vendor");
    const first = await createContext(app.db, `Bearer ${key}`);
    const second = await createContext(app.db, `Bearer ${key}`);
    try {
      const [{ pid }] = await second.queryRunner.query(`SELECT pg_backend_pid() AS pid`);
      // T1 reads version 1 (locking the row) and writes version 2, not committed yet.
      const updated = await processorService.update(first, { id, version: 1, name: "T1 wins" });
      expect(updated.version).toBe(2);
      // T2 also read version 1 and writes over it: it must wait on T1's row lock.
      const secondResult = processorService.update(second, { id, version: 1, name: "T2 loses" }).then(
        (p) => ({ ok: p }),
        (err: unknown) => ({ err }),
      );
      let waiting = false;
      for (let i = 0; i < 100 && !waiting; i++) {
        const rows = await app.db.owner.query(`SELECT wait_event_type FROM pg_stat_activity WHERE pid = $1`, [pid]);
        waiting = rows[0]?.wait_event_type === "Lock";
        if (!waiting) await sleep(20);
      }
      expect(waiting).toBe(true);
      // Still waiting: T1 has not committed.
      expect(await Promise.race([secondResult.then(() => "done"), sleep(200).then(() => "waiting")])).toBe("waiting");
      await finishTransaction(first.queryRunner, true);
      // T2 now reads the committed version 2 and refuses to write over it.
      const outcome = await secondResult;
      expect("err" in outcome).toBe(true);
      const err = (outcome as { err: unknown }).err;
      expect(err).toBeInstanceOf(UserInputFailure);
      expect((err as UserInputFailure).userErrors).toEqual([
        expect.objectContaining({ field: ["input", "version"], code: "STALE_VERSION" }),
      ]);
      expect((err as UserInputFailure).userErrors[0].message).toContain("you sent version 1, it is now 2");
    } finally {
      await finishTransaction(first.queryRunner, true);
      await finishTransaction(second.queryRunner, false);
    }
    const [row] = await app.db.owner.query(
      `SELECT name, version FROM processor WHERE name IN ('T1 wins', 'T2 loses', 'Interleaved Vendor')`,
    );
    expect(row).toEqual({ name: "T1 wins", version: 2 });
  },
);

test(
  "SQL level: without the row lock, two transactions that read the same version both write (the lost update the " +
    "lock prevents)",
  async () => {
    // The same interleaving in plain SQL, as the app role: T1 and T2 read version 1, T1 writes and commits.
    // With SELECT … FOR UPDATE (what findForUpdate does) T2's read waits and then sees version 2; with a plain
    // SELECT it sees version 1 and its check passes, so T1's write would be overwritten.
    const id = (await newProcessor("SQL Vendor")).toString();
    const [{ uuid }] = await app.db.owner.query(`SELECT id AS uuid FROM processor WHERE name = 'SQL Vendor'`);
    const [{ org }] = await app.db.owner.query(`SELECT organization_id AS org FROM processor WHERE id = $1`, [uuid]);
    expect(id).toBeTruthy();
    const open = async () => {
      const qr = app.db.app.createQueryRunner();
      await qr.connect();
      await qr.startTransaction();
      await qr.query(`SELECT set_config('role', 'tilsyn_app', true), set_config('app.organization_id', $1, true)`, [
        org,
      ]);
      return qr;
    };
    for (const locking of [false, true]) {
      await app.db.owner.query(`UPDATE processor SET version = 1, name = 'SQL Vendor' WHERE id = $1`, [uuid]);
      const t1 = await open();
      const t2 = await open();
      try {
        const lock = locking ? " FOR UPDATE" : "";
        const [{ pid: t2Pid }] = await t2.query(`SELECT pg_backend_pid() AS pid`);
        const [r1] = await t1.query(`SELECT version FROM processor WHERE id = $1${lock}`, [uuid]);
        const r2Promise = t2.query(`SELECT version FROM processor WHERE id = $1${lock}`, [uuid]);
        expect(r1.version).toBe(1);
        // T2 must have read (plain SELECT) or be waiting on T1's row lock (FOR UPDATE) before T1 commits;
        // otherwise its statement could start after the commit and see version 2 either way.
        if (!locking) await r2Promise;
        else
          for (let waiting = false; !waiting;) {
            const rows = await app.db.owner.query(
              `SELECT 1 FROM pg_stat_activity WHERE pid = $1 AND wait_event_type = 'Lock'`,
              [t2Pid],
            );
            waiting = rows.length > 0;
            if (!waiting) await new Promise((r) => setTimeout(r, 10));
          }
        await t1.query(`UPDATE processor SET name = 'T1', version = version + 1 WHERE id = $1`, [uuid]);
        await t1.commitTransaction();
        const [r2] = await r2Promise;
        // What T2's version check sees.
        expect(r2.version).toBe(locking ? 2 : 1);
        await t2.rollbackTransaction();
      } finally {
        if (t1.isTransactionActive) await t1.rollbackTransaction();
        if (t2.isTransactionActive) await t2.rollbackTransaction();
        await t1.release();
        await t2.release();
      }
    }
  },
);
