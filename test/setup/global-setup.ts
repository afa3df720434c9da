// Runs once before all test files: finds a PostgreSQL (DATABASE_URL, else an embedded one), and
// builds a template database with every migration and the default vocabularies. Each test file
// then clones the template (CREATE DATABASE ... TEMPLATE), which takes milliseconds.
import "reflect-metadata";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { Client } from "pg";
import { runMigrations, createDatabaseIfMissing } from "../../src/db/database";
import { startEmbeddedPostgres } from "../../src/db/embedded";
import { ensureAppLogin } from "../../src/db/app-login";

export default async function globalSetup(): Promise<void> {
  // The console's production bundle, which the server serves and the browser tests drive (built only
  // when its sources changed, as npm start does).
  execFileSync(process.execPath, [path.join(__dirname, "..", "..", "console", "build.mjs")], {
    stdio: "inherit",
    env: { ...process.env, CONSOLE_ENABLED: "true" },
  });
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    const dataDir = path.resolve(process.env.TILSYN_TEST_DATA_DIR ?? path.join(__dirname, "..", "..", ".data", "test"));
    const pg = await startEmbeddedPostgres({ dataDir });
    (globalThis as Record<string, unknown>).__tilsynEmbedded = pg;
    adminUrl = pg.adminUrl;
    console.log(`\n[test] embedded PostgreSQL on port ${pg.port} (${dataDir})`);
  } else {
    console.log(`\n[test] PostgreSQL from DATABASE_URL`);
  }
  const template = `tilsyn_template_${process.pid}`;
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS "${template}"`);
  await client.end();
  const templateUrl = await createDatabaseIfMissing(adminUrl, template);
  await runMigrations(templateUrl);
  if (!(await ensureAppLogin(templateUrl))) throw new Error("The test server's owner cannot give tilsyn_app a login.");
  process.env.TILSYN_TEST_ADMIN_URL = adminUrl;
  process.env.TILSYN_TEST_TEMPLATE = template;
}
