import { Client } from "pg";
import { DataSource } from "typeorm";
import { Config } from "../config";
import { createDataSource } from "./data-source";
import { EmbeddedPostgres, startEmbeddedPostgres } from "./embedded";
import { loadReferenceData } from "../reference/load";
import { appLoginUrl, ensureAppLogin } from "./app-login";
import { installJobQueue } from "../modules/jobs/queues";

import { APP_ROLE } from "./app-role";

// In a file of its own so that the request context can name it without loading every entity.
export { APP_ROLE };

export interface Database {
  /** Runs requests. Connects as the app role, or switches to it per transaction. */
  app: DataSource;
  /** Whether each transaction must switch to the app role (single-URL setups). */
  switchRole: boolean;
  /** The owner connection URL (migrations, seeding of reference data). */
  ownerUrl: string;
  close(): Promise<void>;
}

/** The belts of the app's pool, from the configuration. */
export function appPoolOptions(config: Pick<Config, "dbAcquireTimeoutMs" | "dbIdleInTransactionTimeoutMs">) {
  return {
    acquireTimeoutMs: config.dbAcquireTimeoutMs,
    idleInTransactionTimeoutMs: config.dbIdleInTransactionTimeoutMs,
  };
}

export async function createDatabaseIfMissing(adminUrl: string, name: string): Promise<string> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Brings the schema up to date and refreshes the default vocabularies (idempotent). */
export async function runMigrations(ownerUrl: string): Promise<void> {
  const owner = createDataSource(ownerUrl, 1);
  await owner.initialize();
  try {
    await owner.runMigrations({ transaction: "each" });
    await loadReferenceData(owner);
  } finally {
    await owner.destroy();
  }
  await installJobQueue(ownerUrl);
}

export async function openDatabase(
  config: Config,
  log: (msg: string) => void = () => {},
  options: { callerHandlesSignals?: boolean } = {},
): Promise<Database> {
  let embedded: EmbeddedPostgres | undefined;
  let ownerUrl = config.databaseUrl;
  if (!ownerUrl) {
    log(`No DATABASE_URL: starting embedded PostgreSQL under ${config.dataDir}`);
    embedded = await startEmbeddedPostgres({
      dataDir: config.dataDir,
      port: config.embeddedPort,
      notice: log,
      callerHandlesSignals: options.callerHandlesSignals,
    });
    ownerUrl = await createDatabaseIfMissing(embedded.adminUrl, "tilsyn");
  }
  await runMigrations(ownerUrl);
  let appUrl = config.appDatabaseUrl;
  if (!appUrl) {
    if (await ensureAppLogin(ownerUrl)) appUrl = appLoginUrl(ownerUrl);
    else log(`The owner cannot give ${APP_ROLE} a login: requests switch to it per transaction (SET LOCAL ROLE).`);
  }
  const app = createDataSource(appUrl ?? ownerUrl, config.dbPoolSize, appPoolOptions(config));
  await app.initialize();
  return {
    app,
    switchRole: !appUrl,
    ownerUrl,
    async close() {
      if (app.isInitialized) await app.destroy();
      if (embedded) await embedded.stop();
    },
  };
}
