import { DataSource, DataSourceOptions } from "typeorm";
import { ENTITIES } from "./entities";
import { MIGRATIONS } from "../../migrations";
import { SqlCountingLogger } from "./sql-counter";

/** Belts of the app's pool (src/config.ts): waiting for a connection, and sessions idle in a transaction. */
export interface PoolOptions {
  acquireTimeoutMs?: number;
  idleInTransactionTimeoutMs?: number;
}

export function dataSourceOptions(url: string, poolSize = 10, pool: PoolOptions = {}): DataSourceOptions {
  return {
    type: "postgres",
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: "typeorm_migrations",
    migrationsTransactionMode: "each",
    uuidExtension: "pgcrypto",
    installExtensions: false,
    synchronize: false,
    logging: ["query"],
    logger: new SqlCountingLogger(),
    extra: {
      max: poolSize,
      application_name: "tilsyn",
      // pg-pool: a checkout waiting longer fails (the request answers 503) instead of queueing for good.
      ...(pool.acquireTimeoutMs ? { connectionTimeoutMillis: pool.acquireTimeoutMs } : {}),
      // Sent in the startup packet: every session of the pool has it.
      ...(pool.idleInTransactionTimeoutMs
        ? { idle_in_transaction_session_timeout: pool.idleInTransactionTimeoutMs }
        : {}),
    },
  };
}

export function createDataSource(url: string, poolSize?: number, pool?: PoolOptions): DataSource {
  return new DataSource(dataSourceOptions(url, poolSize, pool));
}
