// The entities and the migrations describe the same schema: TypeORM finds nothing to generate.
import { createTestDatabase, TestDatabase } from "../helpers/db";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.close());

test("no schema change is pending after all migrations", async () => {
  const sql = await db.owner.driver.createSchemaBuilder().log();
  expect(sql.upQueries.map((q) => q.query)).toEqual([]);
});

test("every migration reverts, down to an empty schema, and all re-apply cleanly", async () => {
  const applied = async () =>
    (await db.owner.query(`SELECT count(*)::int AS n FROM typeorm_migrations`))[0].n as number;
  const total = await applied();
  expect(total).toBeGreaterThanOrEqual(4);
  for (let i = 0; i < total; i++) await db.owner.undoLastMigration({ transaction: "each" });
  expect(await applied()).toBe(0);
  const [{ tables }] = await db.owner.query(
    `SELECT count(*)::int AS tables FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'typeorm_migrations'`,
  );
  expect(tables).toBe(0);
  const [{ n }] = await db.owner.query(`SELECT count(*)::int AS n FROM pg_policies WHERE schemaname = 'public'`);
  expect(n).toBe(0);
  await db.owner.runMigrations({ transaction: "each" });
  expect(await applied()).toBe(total);
  const [{ m }] = await db.owner.query(`SELECT count(*)::int AS m FROM pg_policies WHERE schemaname = 'public'`);
  expect(m).toBeGreaterThan(10);
  const [{ t }] = await db.owner.query(`SELECT count(*)::int AS t FROM pg_trigger WHERE tgname = 'engagement_history'`);
  expect(t).toBe(1);
});
