// One fresh database per test file, cloned from the migrated template built in global setup.
import { randomBytes } from "node:crypto";
import { Client } from "pg";
import { DataSource } from "typeorm";
import { Database } from "../../src/db/database";
import { createDataSource, PoolOptions } from "../../src/db/data-source";
import { appLoginUrl } from "../../src/db/app-login";

export interface TestDatabase extends Database {
  /** The owner connection (bypasses row-level security): for arranging data and for inspecting it. */
  owner: DataSource;
  url: string;
}

async function admin<T>(fn: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: process.env.TILSYN_TEST_ADMIN_URL });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** The app pool as the server's: its size and belts (src/config.ts defaults unless given). */
export async function createTestDatabase(pool: PoolOptions & { size?: number } = {}): Promise<TestDatabase> {
  const name = `tilsyn_test_${randomBytes(5).toString("hex")}`;
  const template = process.env.TILSYN_TEST_TEMPLATE;
  if (!template) throw new Error("Run tests through jest (global setup builds the template database).");
  await admin((c) => c.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`));
  const url = new URL(process.env.TILSYN_TEST_ADMIN_URL!);
  url.pathname = `/${name}`;
  const owner = createDataSource(url.toString(), 2);
  await owner.initialize();
  // As in production: requests log in as the app role (global setup gave it its password).
  const { size = 5, ...belts } = pool;
  const app = createDataSource(appLoginUrl(url.toString()), size, belts);
  await app.initialize();
  return {
    app,
    owner,
    url: url.toString(),
    ownerUrl: url.toString(),
    switchRole: false,
    async close() {
      await app.destroy();
      await owner.destroy();
      await admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}
