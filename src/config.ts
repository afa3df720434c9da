// The only module that reads process.env. Everything else receives a typed Config.
import path from "node:path";

export interface Config {
  /** Owner connection (migrations, seeding). Unset → embedded PostgreSQL under dataDir. */
  databaseUrl?: string;
  /**
   * Optional runtime connection as a non-owner login role. Unset → the owner connection does SET LOCAL ROLE tilsyn_app.
   */
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
  /** How long a request waits for a pooled connection before it answers 503 UNAVAILABLE, in ms. */
  dbAcquireTimeoutMs: number;
  /** Pool connections one organization's requests may hold at once (DB_CONNECTIONS_PER_ORG). */
  dbConnectionsPerOrg: number;
  /**
   * PostgreSQL idle_in_transaction_session_timeout of the app's connections, in ms: a session left inside
   * a transaction with nothing running is ended (its locks and connection given back). A belt: requests
   * never leave one (src/context.ts).
   */
  dbIdleInTransactionTimeoutMs: number;
  /** Failed authentications a client address may have per AUTH_THROTTLE_WINDOW_MS before it gets 429. */
  authFailuresPerAddress: number;
  /** Failed authentications one key prefix may have per AUTH_THROTTLE_WINDOW_MS before it gets 429. */
  authFailuresPerKey: number;
  authThrottleWindowMs: number;
  /** Most rows one export (/exports/…) may answer. */
  exportMaxRows: number;
  /** Largest export file, in bytes. */
  exportMaxBytes: number;
  /** Exports one organization may run at once in this process. */
  exportConcurrencyPerOrg: number;
  /** Exports all organizations together may run at once in this process (below the pool size). */
  exportConcurrency: number;
  /**
   * Old-generation heap of the worker thread the art. 30 exports run in when it is idle, in MB (0: they run in the
   * request's thread); an export that needs more is written again in the request's thread.
   */
  exportWorkerHeapMb: number;
  /** Largest evidence file kept in the database, in bytes. */
  evidenceMaxBytes: number;
  /** Multipart uploads (evidence, DPA and register imports) one organization may send at once in this process. */
  uploadConcurrencyPerOrg: number;
  /** Multipart uploads all organizations together may send at once in this process. */
  uploadConcurrency: number;
  /** How long an upload's body may take to arrive, in ms (then 408 UPLOAD_TIMEOUT, its place given back). */
  uploadReadTimeoutMs: number;
  /** Uploaded documents read at the same time, each in a worker thread (POST /imports/agreement, importAgreement). */
  documentReaders: number;
  /** Documents that may wait for a reader; beyond them the answer is 503 DOCUMENT_READERS_BUSY with Retry-After. */
  documentQueue: number;
  /** Wall-clock time one document may take to read, in ms (then DOCUMENT_TOO_COMPLEX, the worker stopped). */
  documentReadTimeoutMs: number;
  /** Heap of a document reader's worker thread, in MB (over it: DOCUMENT_TOO_COMPLEX). */
  documentReadMemoryMb: number;
  /** pino level: fatal, error, warn, info, debug, trace or silent. */
  logLevel: LogLevel;
  /** Deepest selection nesting a GraphQL operation may have (fragments flattened). */
  graphqlMaxDepth: number;
  /** Most aliases a GraphQL operation may use. */
  graphqlMaxAliases: number;
  /** Most lexical tokens a GraphQL document may have; parsing stops there. */
  graphqlMaxTokens: number;
  /** Highest estimated cost of an operation (see src/common/limits.ts). */
  graphqlMaxCost: number;
  /** Most items of list fields one GraphQL operation may answer (src/common/list-budget.ts). */
  graphqlMaxListItems: number;
  /** Whether the schema can be introspected; off also hides "Did you mean" suggestions. */
  graphqlIntrospection: boolean;
  /** PostgreSQL statement_timeout per request transaction, in ms; 0 leaves the database's setting. */
  statementTimeoutMs: number;
  /**
   * The database work of one request (its transaction, from opening), in ms: past it no statement is sent, the one
   * running is cancelled, and the request answers TIMEOUT. 0: no bound but STATEMENT_TIMEOUT_MS's per statement.
   */
  requestDbTimeoutMs: number;
  /** Largest JSON request body on /graphql, in bytes. */
  maxBodyBytes: number;
  /** How long shutdown waits for in-flight requests before closing their connections, in ms. */
  shutdownGraceMs: number;
  /** Origins (scheme://host[:port]) whose browser pages may call the API; none by default. */
  corsOrigins: string[];
  /** Whether this process runs the job worker (scheduled jobs, webhook delivery). Off for a read-only replica. */
  jobs: boolean;
  /**
   * Whether this process sends the cron ticks and, at start, queues today's daily work if it has not
   * run. Always on in a deployment (the queue sends each tick once, however many replicas); tests turn
   * it off so that no daily work runs under them unless they ask for it. Not an environment variable.
   */
  jobsSchedule: boolean;
  /** Connections of the job worker's own pool (owner role: the queue's tables and cross-tenant sweeps). */
  jobsPoolSize: number;
  /** Whether webhooks may target private, loopback and link-local addresses (tests, on-premises receivers). */
  webhookAllowPrivate: boolean;
  /** Timeout of one webhook request (connect to last byte), in ms. */
  webhookTimeoutMs: number;
  /** How long a delivery is retried (exponential backoff with jitter) before it is given up, in hours. */
  webhookRetryHours: number;
  /** An endpoint that has failed without a single success for this long is disabled, in hours. */
  webhookDisableAfterHours: number;
  /** Webhook requests in flight at once per process. */
  webhookConcurrency: number;
  /** Webhook endpoints one organization may have (each event is sent to every endpoint that wants it). */
  webhookMaxEndpoints: number;
  /** change_notice.deadline_approaching fires this many days before an objection deadline. */
  changeNoticeWarningDays: number;
  /** supervision.due_soon fires this many days before a supervision is due. */
  supervisionDueSoonDays: number;
  /** Serve the web console at /console (and send / there); off leaves / leading to GraphiQL. */
  consoleEnabled: boolean;
}

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

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

/** JOBS: on/off (true/false, 1/0, yes/no). */
function onOff(name: string, raw: string | undefined, fallback: boolean): boolean {
  if (raw !== undefined && ["on", "off"].includes(raw.toLowerCase())) return raw.toLowerCase() === "on";
  return bool(name, raw, fallback);
}

function logLevel(raw: string | undefined, nodeEnv: string): LogLevel {
  if (raw === undefined || raw === "") return nodeEnv === "test" ? "silent" : "info";
  const level = raw.toLowerCase() as LogLevel;
  if (!LOG_LEVELS.includes(level)) {
    throw new Error(`Environment variable LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")}, got "${raw}"`);
  }
  return level;
}

function origins(raw: string | undefined): string[] {
  if (!raw?.trim()) return [];
  return raw.split(",").map((entry) => {
    const origin = entry.trim();
    let parsed: URL | null = null;
    try {
      parsed = new URL(origin);
    } catch {
      parsed = null;
    }
    if (!parsed || !["http:", "https:"].includes(parsed.protocol) || parsed.origin !== origin.replace(/\/$/, "")) {
      throw new Error(
        `Environment variable CORS_ORIGINS must list origins such as https://grc.example.com (scheme, host and ` +
          `port, no path), got "${origin}"`,
      );
    }
    return parsed.origin;
  });
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const nodeEnv = env.NODE_ENV || "development";
  const dbPoolSize = int("DB_POOL_SIZE", env.DB_POOL_SIZE, 10, 1, 200);
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    appDatabaseUrl: env.APP_DATABASE_URL || undefined,
    dataDir: path.resolve(env.TILSYN_DATA_DIR || ".data"),
    embeddedPort: env.EMBEDDED_PG_PORT ? int("EMBEDDED_PG_PORT", env.EMBEDDED_PG_PORT, 0, 1, 65535) : undefined,
    host: env.HOST || "127.0.0.1",
    port: int("PORT", env.PORT, 4000, 0, 65535),
    nodeEnv,
    seedDemoData: bool("SEED_DEMO_DATA", env.SEED_DEMO_DATA, true),
    exposeSqlCount: bool("EXPOSE_SQL_COUNT", env.EXPOSE_SQL_COUNT, false),
    maxPageSize: 100,
    dbPoolSize,
    dbAcquireTimeoutMs: int("DB_ACQUIRE_TIMEOUT_MS", env.DB_ACQUIRE_TIMEOUT_MS, 10_000, 100, 600_000),
    dbConnectionsPerOrg: int(
      "DB_CONNECTIONS_PER_ORG",
      env.DB_CONNECTIONS_PER_ORG,
      Math.max(1, dbPoolSize >> 1),
      1,
      200,
    ),
    dbIdleInTransactionTimeoutMs: int(
      "DB_IDLE_IN_TRANSACTION_TIMEOUT_MS",
      env.DB_IDLE_IN_TRANSACTION_TIMEOUT_MS,
      60_000,
      1000,
      3_600_000,
    ),
    authFailuresPerAddress: int("AUTH_FAILURES_PER_ADDRESS", env.AUTH_FAILURES_PER_ADDRESS, 30, 1, 1_000_000),
    authFailuresPerKey: int("AUTH_FAILURES_PER_KEY", env.AUTH_FAILURES_PER_KEY, 10, 1, 1_000_000),
    authThrottleWindowMs: int("AUTH_THROTTLE_WINDOW_MS", env.AUTH_THROTTLE_WINDOW_MS, 60_000, 1000, 3_600_000),
    exportMaxRows: int("EXPORT_MAX_ROWS", env.EXPORT_MAX_ROWS, 50_000, 1, 100_000_000),
    exportMaxBytes: int("EXPORT_MAX_BYTES", env.EXPORT_MAX_BYTES, 100 * 1024 * 1024, 1024, 64 * 1024 ** 3),
    exportConcurrencyPerOrg: int("EXPORT_CONCURRENCY_PER_ORG", env.EXPORT_CONCURRENCY_PER_ORG, 2, 1, 100),
    exportConcurrency: int("EXPORT_CONCURRENCY", env.EXPORT_CONCURRENCY, Math.max(1, dbPoolSize >> 1), 1, 200),
    exportWorkerHeapMb: int("EXPORT_WORKER_HEAP_MB", env.EXPORT_WORKER_HEAP_MB, 112, 0, 16_384),
    evidenceMaxBytes: int("EVIDENCE_MAX_BYTES", env.EVIDENCE_MAX_BYTES, 25 * 1024 * 1024, 1, 1024 * 1024 * 1024),
    uploadConcurrencyPerOrg: int("UPLOAD_CONCURRENCY_PER_ORG", env.UPLOAD_CONCURRENCY_PER_ORG, 2, 1, 100),
    uploadConcurrency: int("UPLOAD_CONCURRENCY", env.UPLOAD_CONCURRENCY, 4, 1, 1000),
    uploadReadTimeoutMs: int("UPLOAD_READ_TIMEOUT_MS", env.UPLOAD_READ_TIMEOUT_MS, 120_000, 1000, 3_600_000),
    documentReaders: int("DOCUMENT_READERS", env.DOCUMENT_READERS, 2, 1, 64),
    documentQueue: int("DOCUMENT_QUEUE", env.DOCUMENT_QUEUE, 4, 0, 1000),
    documentReadTimeoutMs: int("DOCUMENT_READ_TIMEOUT_MS", env.DOCUMENT_READ_TIMEOUT_MS, 20_000, 100, 600_000),
    documentReadMemoryMb: int("DOCUMENT_READ_MEMORY_MB", env.DOCUMENT_READ_MEMORY_MB, 512, 64, 16_384),
    logLevel: logLevel(env.LOG_LEVEL, nodeEnv),
    graphqlMaxDepth: int("GRAPHQL_MAX_DEPTH", env.GRAPHQL_MAX_DEPTH, 12, 1, 100),
    graphqlMaxAliases: int("GRAPHQL_MAX_ALIASES", env.GRAPHQL_MAX_ALIASES, 30, 0, 1000),
    graphqlMaxTokens: int("GRAPHQL_MAX_TOKENS", env.GRAPHQL_MAX_TOKENS, 5000, 100, 1_000_000),
    graphqlMaxCost: int("GRAPHQL_MAX_COST", env.GRAPHQL_MAX_COST, 25_000, 1, 1_000_000_000),
    graphqlMaxListItems: int("GRAPHQL_MAX_LIST_ITEMS", env.GRAPHQL_MAX_LIST_ITEMS, 10_000, 1, 100_000_000),
    graphqlIntrospection: bool("GRAPHQL_INTROSPECTION", env.GRAPHQL_INTROSPECTION, nodeEnv !== "production"),
    statementTimeoutMs: int("STATEMENT_TIMEOUT_MS", env.STATEMENT_TIMEOUT_MS, 5000, 0, 3_600_000),
    requestDbTimeoutMs: int("REQUEST_DB_TIMEOUT_MS", env.REQUEST_DB_TIMEOUT_MS, 15_000, 0, 3_600_000),
    maxBodyBytes: int("MAX_BODY_BYTES", env.MAX_BODY_BYTES, 1024 * 1024, 1024, 100 * 1024 * 1024),
    shutdownGraceMs: int("SHUTDOWN_GRACE_MS", env.SHUTDOWN_GRACE_MS, 10_000, 0, 600_000),
    corsOrigins: origins(env.CORS_ORIGINS),
    jobs: onOff("JOBS", env.JOBS, true),
    jobsSchedule: true,
    jobsPoolSize: int("JOBS_POOL_SIZE", env.JOBS_POOL_SIZE, 6, 3, 50),
    webhookAllowPrivate: bool("WEBHOOK_ALLOW_PRIVATE", env.WEBHOOK_ALLOW_PRIVATE, false),
    webhookTimeoutMs: int("WEBHOOK_TIMEOUT_MS", env.WEBHOOK_TIMEOUT_MS, 10_000, 100, 120_000),
    webhookRetryHours: int("WEBHOOK_RETRY_HOURS", env.WEBHOOK_RETRY_HOURS, 24, 1, 24 * 14),
    webhookDisableAfterHours: int("WEBHOOK_DISABLE_AFTER_HOURS", env.WEBHOOK_DISABLE_AFTER_HOURS, 120, 1, 24 * 60),
    webhookConcurrency: int("WEBHOOK_CONCURRENCY", env.WEBHOOK_CONCURRENCY, 16, 1, 500),
    webhookMaxEndpoints: int("WEBHOOK_MAX_ENDPOINTS", env.WEBHOOK_MAX_ENDPOINTS, 20, 1, 10_000),
    changeNoticeWarningDays: int("CHANGE_NOTICE_WARNING_DAYS", env.CHANGE_NOTICE_WARNING_DAYS, 3, 0, 365),
    supervisionDueSoonDays: int("SUPERVISION_DUE_SOON_DAYS", env.SUPERVISION_DUE_SOON_DAYS, 30, 0, 365),
    consoleEnabled: bool("CONSOLE_ENABLED", env.CONSOLE_ENABLED, true),
  };
}
