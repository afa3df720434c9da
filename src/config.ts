// The only module that reads process.env. Everything else receives a typed Config.
import path from "node:path";

export interface Config {
  /** Owner connection (migrations, seeding). Unset → embedded PostgreSQL under dataDir. */
  databaseUrl?: string;
  /** Optional runtime connection as a non-owner login role. Unset → the owner connection does SET LOCAL ROLE tilsyn_app. */
  appDatabaseUrl?: string;
  dataDir: string;
  embeddedPort?: number;
  host: string;
  port: number;
  nodeEnv: string;
  seedDemoData: boolean;
  /** Adds the SQL statement count of each request to extensions (tests and benchmarks). */
  exposeSqlCount: boolean;
  maxPageSize: number;
  dbPoolSize: number;
  /** Largest evidence file kept in the database, in bytes. */
  evidenceMaxBytes: number;
}

function int(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new Error(`Environment variable ${name} must be an integer between ${min} and ${max}, got "${raw}"`);
  }
  return n;
}

function bool(name: string, raw: string | undefined, fallback: boolean): boolean {
  if (raw === undefined || raw === "") return fallback;
  if (["1", "true", "yes"].includes(raw.toLowerCase())) return true;
  if (["0", "false", "no"].includes(raw.toLowerCase())) return false;
  throw new Error(`Environment variable ${name} must be true or false, got "${raw}"`);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    appDatabaseUrl: env.APP_DATABASE_URL || undefined,
    dataDir: path.resolve(env.TILSYN_DATA_DIR || ".data"),
    embeddedPort: env.EMBEDDED_PG_PORT ? int("EMBEDDED_PG_PORT", env.EMBEDDED_PG_PORT, 0, 1, 65535) : undefined,
    host: env.HOST || "127.0.0.1",
    port: int("PORT", env.PORT, 4000, 0, 65535),
    nodeEnv: env.NODE_ENV || "development",
    seedDemoData: bool("SEED_DEMO_DATA", env.SEED_DEMO_DATA, true),
    exposeSqlCount: bool("EXPOSE_SQL_COUNT", env.EXPOSE_SQL_COUNT, false),
    maxPageSize: 100,
    dbPoolSize: int("DB_POOL_SIZE", env.DB_POOL_SIZE, 10, 1, 200),
    evidenceMaxBytes: int("EVIDENCE_MAX_BYTES", env.EVIDENCE_MAX_BYTES, 25 * 1024 * 1024, 1, 1024 * 1024 * 1024),
  };
}
