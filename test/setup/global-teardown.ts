import { Client } from "pg";
import type { EmbeddedPostgres } from "../../src/db/embedded";

export default async function globalTeardown(): Promise<void> {
  const adminUrl = process.env.TILSYN_TEST_ADMIN_URL;
  const template = process.env.TILSYN_TEST_TEMPLATE;
  if (adminUrl && template) {
    const client = new Client({ connectionString: adminUrl });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
    await client.end();
  }
  const pg = (globalThis as Record<string, unknown>).__tilsynEmbedded as EmbeddedPostgres | undefined;
  if (pg) await pg.stop();
}
