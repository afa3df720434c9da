// The audit log is written by the database: every insert, update and delete of domain data leaves an
// entry, whatever code path made it, and the application role can read its own organization's
// entries but never write, change, delete or truncate them.
import { randomUUID } from "node:crypto";
import { createTestDatabase, TestDatabase } from "../helpers/db";
import { createOrganization } from "../../seeds/demo";
import { auditedTables, unauditedTables } from "../helpers/modules";

let db: TestDatabase;
let orgA: string;
let orgB: string;
let keyA: string;

beforeAll(async () => {
  db = await createTestDatabase();
  orgA = (await createOrganization(db.owner, { name: "A", countryCode: "DK" })).organization.id;
  orgB = (await createOrganization(db.owner, { name: "B", countryCode: "DK" })).organization.id;
  [{ id: keyA }] = await db.owner.query(`SELECT id FROM api_key WHERE organization_id = $1`, [orgA]);
  await db.owner.query(`INSERT INTO processor (organization_id, name) VALUES ($1, 'A1'), ($2, 'B1')`, [orgA, orgB]);
});
afterAll(() => db.close());

type Q = (sql: string, p?: unknown[]) => Promise<any[]>;

/**
 * Runs SQL as the application role in one transaction, scoped to an organization and actor as a
 * request is; commits when asked (to inspect the result from the owner), else rolls back.
 */
async function asApp<T>(
  organizationId: string,
  fn: (q: Q) => Promise<T>,
  opts: { commit?: boolean; actor?: string; requestId?: string } = {},
): Promise<T> {
  const qr = db.app.createQueryRunner();
  await qr.connect();
  await qr.startTransaction();
  let ok = false;
  try {
    await qr.query(`SET LOCAL ROLE tilsyn_app`);
    await qr.query(
      `SELECT set_config('app.organization_id', $1, true), set_config('app.actor_id', $2, true), ` +
        `set_config('app.request_id', $3, true)`,
      [organizationId, opts.actor ?? "", opts.requestId ?? ""],
    );
    const result = await fn((sql, p) => qr.query(sql, p));
    ok = true;
    return result;
  } finally {
    if (ok && opts.commit) await qr.commitTransaction();
    else await qr.rollbackTransaction();
    await qr.release();
  }
}

/** The SQLSTATE of a failed statement. */
async function sqlState(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
  } catch (err) {
    return (
      (err as { driverError?: { code?: string }; code?: string }).driverError?.code ?? (err as { code?: string }).code
    );
  }
  return undefined;
}

const entriesOf = (entityId: string) =>
  db.owner.query(`SELECT * FROM audit_log WHERE entity_id = $1 ORDER BY id`, [entityId]) as Promise<any[]>;

test("the app role cannot insert, update, delete or truncate audit entries, even with raw SQL", async () => {
  const [{ n: before }] = await db.owner.query(`SELECT count(*)::int AS n FROM audit_log`);
  expect(before).toBeGreaterThan(0);
  const attempts = [
    `UPDATE audit_log SET request_id = 'forged'`,
    `UPDATE audit_log SET after = NULL WHERE organization_id = app_current_organization()`,
    `DELETE FROM audit_log`,
    `DELETE FROM audit_log WHERE organization_id = app_current_organization()`,
    `INSERT INTO audit_log (organization_id, entity, entity_id, action) VALUES (app_current_organization(), ` +
      `'processor', gen_random_uuid(), 'INSERT')`,
    `TRUNCATE audit_log`,
  ];
  for (const sql of attempts) {
    expect({ sql, state: await sqlState(asApp(orgA, (q) => q(sql))) }).toEqual({ sql, state: "42501" });
  }
  // Nor can it take the table over or call the trigger function.
  expect(await sqlState(asApp(orgA, (q) => q(`ALTER TABLE audit_log DISABLE ROW LEVEL SECURITY`)))).toBe("42501");
  expect(await sqlState(asApp(orgA, (q) => q(`DROP TRIGGER audit_log ON processor`)))).toBe("42501");
  const [{ n: after }] = await db.owner.query(`SELECT count(*)::int AS n FROM audit_log`);
  expect(after).toBe(before);
});

test("the app role sees only its own organization's entries", async () => {
  const orgs = await asApp(orgA, (q) => q(`SELECT DISTINCT organization_id FROM audit_log`));
  expect(orgs).toEqual([{ organization_id: orgA }]);
  const [{ n: all }] = await db.owner.query(`SELECT count(*)::int AS n FROM audit_log WHERE organization_id = $1`, [
    orgB,
  ]);
  expect(all).toBeGreaterThan(0);
  const [b1] = await db.owner.query(`SELECT id FROM processor WHERE name = 'B1'`);
  expect(await asApp(orgA, (q) => q(`SELECT * FROM audit_log WHERE entity_id = $1`, [b1.id]))).toEqual([]);
  expect(await asApp(orgB, (q) => q(`SELECT entity FROM audit_log WHERE entity_id = $1`, [b1.id]))).toEqual([
    { entity: "processor" },
  ]);
});

test("insert, update and delete of a processor write three entries with before, after and changed fields", async () => {
  const requestId = `req-${randomUUID()}`;
  const id = await asApp(
    orgA,
    async (q) => {
      const [{ id }] = await q(
        `INSERT INTO processor (organization_id, name, country_code) VALUES ($1, 'Acme', 'DK') RETURNING id`,
        [orgA],
      );
      await q(
        `UPDATE processor SET name = 'Acme ApS', website = 'https://acme.example', version = version + 1, ` +
          `updated_at = now() WHERE id = $1`,
        [id],
      );
      await q(`DELETE FROM processor WHERE id = $1`, [id]);
      return id as string;
    },
    { commit: true, actor: keyA, requestId },
  );
  const entries = await entriesOf(id);
  expect(entries.map((e) => e.action)).toEqual(["INSERT", "UPDATE", "DELETE"]);
  for (const e of entries) {
    expect(e).toMatchObject({
      organization_id: orgA,
      actor_api_key_id: keyA,
      request_id: requestId,
      entity: "processor",
      entity_id: id,
    });
  }
  const [ins, upd, del] = entries;
  expect(ins.before).toBeNull();
  expect(ins.after).toMatchObject({
    id,
    organization_id: orgA,
    name: "Acme",
    country_code: "DK",
    website: null,
    version: 1,
  });
  expect(ins.changed_fields).toEqual(expect.arrayContaining(["id", "name", "country_code", "organization_id"]));
  expect(ins.changed_fields).not.toContain("website");

  expect(upd.before).toMatchObject({ name: "Acme", website: null, version: 1 });
  expect(upd.after).toMatchObject({ name: "Acme ApS", website: "https://acme.example", version: 2 });
  // updated_at may or may not differ within one transaction (now() is the transaction start).
  expect(upd.changed_fields.filter((f: string) => f !== "updated_at")).toEqual(["name", "version", "website"]);

  expect(del.before).toMatchObject({ id, name: "Acme ApS", version: 2 });
  expect(del.after).toBeNull();
  expect(del.at.getTime()).toBeGreaterThanOrEqual(ins.at.getTime());
  expect(Number(del.id)).toBeGreaterThan(Number(ins.id));
});

test("changes by the owner outside a request have no actor and no request id", async () => {
  const [{ id }] = await db.owner.query(
    `INSERT INTO processor (organization_id, name) VALUES ($1, 'Owner-made') RETURNING id`,
    [orgA],
  );
  const [e] = await entriesOf(id);
  expect(e).toMatchObject({ action: "INSERT", actor_api_key_id: null, request_id: null, organization_id: orgA });
});

test(
  "an update that only bumps bookkeeping columns writes nothing; api key " + "use tracking does not flood the log",
  async () => {
    const count = async () =>
      (await db.owner.query(`SELECT count(*)::int AS n FROM audit_log WHERE entity_id = $1`, [keyA]))[0].n as number;
    const start = await count();
    await asApp(orgA, (q) => q(`UPDATE api_key SET last_used_at = now() WHERE id = $1`, [keyA]), {
      commit: true,
      actor: keyA,
    });
    await asApp(
      orgA,
      (q) =>
        q(`UPDATE api_key SET last_used_at = now(), updated_at = now(), version = version + 1 WHERE id = $1`, [keyA]),
      { commit: true, actor: keyA },
    );
    await asApp(orgA, (q) => q(`UPDATE api_key SET name = name WHERE id = $1`, [keyA]), { commit: true, actor: keyA });
    expect(await count()).toBe(start);
    // A real change is recorded, with the bookkeeping columns that changed alongside it.
    await asApp(
      orgA,
      (q) => q(`UPDATE api_key SET name = 'renamed', last_used_at = now() - interval '1 day' WHERE id = $1`, [keyA]),
      { commit: true, actor: keyA },
    );
    expect(await count()).toBe(start + 1);
    const entries = await entriesOf(keyA);
    expect(entries[entries.length - 1].changed_fields).toEqual(["last_used_at", "name"]);
  },
);

test("the secret hash of an API key never reaches the log", async () => {
  const [{ hex }] = await db.owner.query(`SELECT encode(secret_sha256, 'hex') AS hex FROM api_key WHERE id = $1`, [
    keyA,
  ]);
  const entries = await entriesOf(keyA);
  expect(entries.length).toBeGreaterThanOrEqual(2);
  for (const e of entries) {
    for (const row of [e.before, e.after]) if (row) expect(Object.keys(row)).not.toContain("secret_sha256");
    expect(e.changed_fields).not.toContain("secret_sha256");
    expect(JSON.stringify(e)).not.toContain(hex);
  }
  const [{ n }] = await db.owner.query(
    `SELECT count(*)::int AS n FROM audit_log WHERE before ? 'secret_sha256' OR after ? 'secret_sha256' OR ` +
      `'secret_sha256' = ANY(changed_fields)`,
  );
  expect(n).toBe(0);
});

test("an organization's own vocabulary entries are logged; the global vocabulary is not", async () => {
  const [{ n: global }] = await db.owner.query(
    `SELECT count(*)::int AS n FROM audit_log WHERE entity IN ('data_category', 'data_subject_category', 'measure')`,
  );
  expect(global).toBe(0);
  const id = await asApp(
    orgA,
    async (q) =>
      (
        await q(
          `INSERT INTO data_category (organization_id, key, name, sensitivity) VALUES ($1, 'custom.thing', ` +
            `'Thing', 'ORDINARY') RETURNING id`,
          [orgA],
        )
      )[0].id as string,
    { commit: true, actor: keyA },
  );
  expect((await entriesOf(id)).map((e) => [e.entity, e.action, e.organization_id])).toEqual([
    ["data_category", "INSERT", orgA],
  ]);
  // An update of the organization itself is logged under its own id.
  await asApp(orgA, (q) => q(`UPDATE organization SET dpo_name = 'Jane' WHERE id = $1`, [orgA]), {
    commit: true,
    actor: keyA,
  });
  const org = await entriesOf(orgA);
  expect(org.map((e) => e.action)).toEqual(["INSERT", "UPDATE"]);
  expect(org[1]).toMatchObject({ entity: "organization", organization_id: orgA, changed_fields: ["dpo_name"] });
});

test("a rolled-back savepoint or transaction leaves no entry", async () => {
  const ids = await asApp(
    orgA,
    async (q) => {
      await q(`SAVEPOINT m`);
      const [{ id }] = await q(`INSERT INTO processor (organization_id, name) VALUES ($1, 'Undone') RETURNING id`, [
        orgA,
      ]);
      expect(await q(`SELECT action FROM audit_log WHERE entity_id = $1`, [id])).toEqual([{ action: "INSERT" }]);
      await q(`ROLLBACK TO SAVEPOINT m`);
      expect(await q(`SELECT action FROM audit_log WHERE entity_id = $1`, [id])).toEqual([]);
      const [{ id: other }] = await q(
        `INSERT INTO processor (organization_id, name) VALUES ($1, 'Rolled back') RETURNING id`,
        [orgA],
      );
      return [id, other];
    },
    { commit: false, actor: keyA },
  );
  for (const id of ids) expect(await entriesOf(id)).toEqual([]);
});

test("the trigger sits on every domain table, and not on the history or file-content tables", async () => {
  const rows = await db.owner.query(
    `SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE t.tgname = 'audit_log' ORDER BY 1`,
  );
  expect(rows.map((r: { relname: string }) => r.relname)).toEqual(auditedTables());
  // Every table with an organization_id is either audited or deliberately left out.
  const tenantTables = await db.owner.query(
    `SELECT DISTINCT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = ` +
      `'organization_id' ORDER BY 1`,
  );
  const audited = new Set(rows.map((r: { relname: string }) => r.relname));
  const unaudited = tenantTables
    .map((t: { table_name: string }) => t.table_name)
    .filter((t: string) => !audited.has(t));
  // Derived data (scores and their freshness marker) is recomputed from audited data, not audited itself.
  expect(unaudited.sort()).toEqual(unauditedTables());
});
