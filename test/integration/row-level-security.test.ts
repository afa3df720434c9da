// Tenancy is enforced by PostgreSQL itself: with the application's own filters removed, the app role
// still sees and writes only its own organization's rows.
import { createTestDatabase, TestDatabase } from "../helpers/db";
import { createOrganization } from "../../seeds/demo";
import { tenantTables } from "../helpers/modules";

let db: TestDatabase;
let orgA: string;
let orgB: string;

beforeAll(async () => {
  db = await createTestDatabase();
  orgA = (await createOrganization(db.owner, { name: "A", countryCode: "DK" })).organization.id;
  orgB = (await createOrganization(db.owner, { name: "B", countryCode: "DK" })).organization.id;
  await db.owner.query(`INSERT INTO processor (organization_id, name) VALUES ($1, 'A1'), ($1, 'A2'), ($2, 'B1')`, [
    orgA,
    orgB,
  ]);
});
afterAll(() => db.close());

/** Runs SQL as the application role, scoped to an organization (or to none). */
async function asApp<T>(
  organizationId: string | null,
  fn: (q: (sql: string, p?: unknown[]) => Promise<any[]>) => Promise<T>,
): Promise<T> {
  const qr = db.app.createQueryRunner();
  await qr.connect();
  await qr.startTransaction();
  try {
    await qr.query(`SELECT set_config('role', 'tilsyn_app', true)`);
    if (organizationId) await qr.query(`SELECT set_config('app.organization_id', $1, true)`, [organizationId]);
    return await fn((sql, p) => qr.query(sql, p));
  } finally {
    await qr.rollbackTransaction();
    await qr.release();
  }
}

test("an unfiltered SELECT as the app role returns only the current organization's rows", async () => {
  const names = await asApp(orgA, (q) => q("SELECT name FROM processor ORDER BY name"));
  expect(names.map((r) => r.name)).toEqual(["A1", "A2"]);
  const orgs = await asApp(orgA, (q) => q("SELECT name FROM organization"));
  expect(orgs.map((r) => r.name)).toEqual(["A"]);
});

test("without an organization in the transaction the app role sees no tenant rows", async () => {
  expect(await asApp(null, (q) => q("SELECT * FROM processor"))).toEqual([]);
  expect(await asApp(null, (q) => q("SELECT * FROM api_key"))).toEqual([]);
});

test("the default vocabulary is shared, and every tenant table has row-level security on", async () => {
  const [{ n }] = await asApp(orgB, (q) => q("SELECT count(*)::int AS n FROM data_category"));
  expect(n).toBeGreaterThan(50);
  const tables = await db.owner.query(
    `SELECT c.relname, c.relrowsecurity FROM pg_class c JOIN information_schema.columns col
       ON col.table_name = c.relname AND col.column_name = 'organization_id' AND col.table_schema = 'public'
      WHERE c.relkind = 'r'`,
  );
  // The module manifests declare every tenant table (the organization table is isolated by its own id).
  const declared = tenantTables().filter((t) => t !== "organization");
  expect(tables.map((t: { relname: string }) => t.relname).sort()).toEqual(declared);
  for (const t of tables) expect({ table: t.relname, rls: t.relrowsecurity }).toEqual({ table: t.relname, rls: true });
});

test("the app role cannot write rows into another organization, nor move rows there", async () => {
  await expect(
    asApp(orgA, (q) => q(`INSERT INTO processor (organization_id, name) VALUES ($1, 'sneaky')`, [orgB])),
  ).rejects.toThrow(/row-level security/);
  const updated = await asApp(orgA, (q) => q(`UPDATE processor SET name = 'hijacked' WHERE name = 'B1' RETURNING id`));
  expect(updated[0]).toEqual([]);
  await expect(
    asApp(orgA, (q) => q(`UPDATE processor SET organization_id = $1 WHERE name = 'A1'`, [orgB])),
  ).rejects.toThrow(/row-level security/);
});

test("a foreign key cannot point at another organization's row (composite keys include organization_id)", async () => {
  const [b1] = await db.owner.query(`SELECT id FROM processor WHERE name = 'B1'`);
  const [a1] = await db.owner.query(`SELECT id FROM processor WHERE name = 'A1'`);
  await expect(
    asApp(orgA, (q) =>
      q(`INSERT INTO subprocessor_engagement (organization_id, processor_id, subprocessor_id) VALUES ($1, $2, $3)`, [
        orgA,
        a1.id,
        b1.id,
      ]),
    ),
  ).rejects.toThrow(/foreign key/);
});

test("the app role cannot create organizations or change the schema", async () => {
  await expect(
    asApp(orgA, (q) => q(`INSERT INTO organization (name, country_code) VALUES ('x', 'DK')`)),
  ).rejects.toThrow(/permission denied/);
  await expect(asApp(orgA, (q) => q(`ALTER TABLE processor DISABLE ROW LEVEL SECURITY`))).rejects.toThrow(
    /must be owner/,
  );
});
