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

test("the last migration reverts and re-applies cleanly", async () => {
  await db.owner.undoLastMigration({ transaction: "each" });
  const [{ n }] = await db.owner.query(`SELECT count(*)::int AS n FROM pg_policies WHERE schemaname = 'public'`);
  expect(n).toBe(0);
  await db.owner.runMigrations({ transaction: "each" });
  const [{ m }] = await db.owner.query(`SELECT count(*)::int AS m FROM pg_policies WHERE schemaname = 'public'`);
  expect(m).toBeGreaterThan(10);
});
