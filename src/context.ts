// Per-request context: the authenticated actor, one transaction scoped to its organization
// (row-level security keys on app.organization_id), and the DataLoaders bound to that transaction.
// The loaders come from the modules (src/loaders.ts builds them), so this file knows no module.
import { createHash, randomUUID, timingSafeEqual } from "node:crypto";
import { DataSource, EntityManager, QueryRunner } from "typeorm";
import { APP_ROLE } from "./db/app-role";
import { unauthenticated } from "./common/errors";
import type { Role } from "./common/auth";
import type { Loaders } from "./common/loader-kit";
import { parseApiKey } from "./modules/auth/api-key.secret";

export interface Actor {
  organizationId: string;
  role: Role;
  /** The API key of the request; null for the system (scheduled jobs). */
  apiKeyId: string | null;
}

export interface RequestContext {
  requestId: string;
  actor: Actor;
  queryRunner: QueryRunner;
  manager: EntityManager;
  loaders: Loaders;
}

/** What a request transaction is opened on: the app's connections (src/db/database.ts's Database). */
export interface TransactionSource {
  app: DataSource;
  /** Whether each transaction must switch to the app role (single-URL setups). */
  switchRole: boolean;
}

interface ApiKeyRow {
  id: string;
  organization_id: string;
  role: Role;
  secret_sha256: Buffer;
  revoked_at: Date | null;
  last_used_at: Date | null;
}

export interface TransactionOptions {
  /**
   * PostgreSQL statement_timeout for the transaction, in ms (SET LOCAL semantics: it ends with the
   * transaction). Unset or 0 leaves the database's setting. A cancelled statement fails with
   * SQLSTATE 57014 (see isStatementTimeout).
   */
  statementTimeoutMs?: number;
}

/**
 * Opens the request transaction as the app role; the caller must finish it with finishTransaction.
 * The role switch and the statement timeout are one statement, so a request costs no extra round trip.
 */
export async function openTransaction(db: TransactionSource, options: TransactionOptions = {}): Promise<QueryRunner> {
  // JIT compilation costs more than it saves on the short statements of a request (measured: 290 ms
  // to compile a 10 ms dashboard query).
  const settings: string[] = ["set_config('jit', 'off', true)"];
  if (db.switchRole) settings.push(`set_config('role', '${APP_ROLE}', true)`);
  const timeout = options.statementTimeoutMs;
  if (timeout !== undefined && timeout > 0) {
    if (!Number.isInteger(timeout)) throw new Error(`statementTimeoutMs must be an integer, got ${timeout}`);
    settings.push(`set_config('statement_timeout', '${timeout}', true)`);
  }
  const qr = db.app.createQueryRunner();
  await qr.connect();
  qr.data.sqlCount = 0;
  try {
    await qr.startTransaction();
    if (settings.length) await qr.query(`SELECT ${settings.join(", ")}`);
  } catch (err) {
    await qr.release();
    throw err;
  }
  return qr;
}

/** Whether an error is PostgreSQL cancelling a statement (statement_timeout; SQLSTATE 57014). */
export function isStatementTimeout(err: unknown): boolean {
  const e = err as { code?: unknown; driverError?: { code?: unknown } } | null;
  return !!e && (e.driverError?.code === "57014" || e.code === "57014");
}

/** The connection failed before the commit: the transaction is gone and nothing was written. */
export class TransactionLostError extends Error {
  constructor() {
    super("The database connection was lost before the transaction could be committed.");
    this.name = "TransactionLostError";
  }
}

/**
 * Commits or rolls back, and releases the connection. TypeORM releases a query runner by itself
 * when its connection fails: then a rollback has nothing left to do, and a commit throws
 * TransactionLostError (the caller must not report success).
 */
export async function finishTransaction(qr: QueryRunner, commit: boolean): Promise<void> {
  if (qr.isReleased) {
    if (commit && qr.isTransactionActive) throw new TransactionLostError();
    return;
  }
  try {
    if (qr.isTransactionActive) {
      if (commit) await qr.commitTransaction();
      else await qr.rollbackTransaction();
    }
  } finally {
    if (!qr.isReleased) await qr.release();
  }
}

/** Checks the bearer key inside the open transaction and scopes the transaction to its organization. */
export async function authenticate(qr: QueryRunner, authorization: string | undefined, requestId = ""): Promise<Actor> {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? "");
  const parsed = match ? parseApiKey(match[1]) : null;
  if (!parsed) throw unauthenticated();
  const rows: ApiKeyRow[] = await qr.query("SELECT * FROM app_find_api_key($1)", [parsed.prefix]);
  const row = rows[0];
  const presented = createHash("sha256").update(parsed.secret).digest();
  // Compare even when no key matched, so timing does not reveal whether a prefix exists.
  const stored = row?.secret_sha256 ?? Buffer.alloc(32);
  const equal = stored.length === presented.length && timingSafeEqual(stored, presented);
  if (!row || !equal || row.revoked_at) throw unauthenticated();
  // The audit-log trigger reads actor and request id from these settings.
  await qr.query(
    `SELECT set_config('app.organization_id', $1, true), set_config('app.actor_id', $2, true), ` +
      `set_config('app.request_id', $3, true)`,
    [row.organization_id, row.id, requestId],
  );
  // Record use at most once a minute: one extra write per request would be wasteful. The row stays
  // locked until the request's transaction ends (a long export: seconds), so a request that finds it
  // locked leaves the recording to the one holding it rather than wait (measured: four exports of one
  // key waiting on the first one's lock ran into the statement timeout and held the pool meanwhile).
  if (!row.last_used_at || Date.now() - row.last_used_at.getTime() > 60_000) {
    await qr.query(
      "UPDATE api_key SET last_used_at = now() " +
        "WHERE id = (SELECT id FROM api_key WHERE id = $1 FOR UPDATE SKIP LOCKED)",
      [row.id],
    );
  }
  return { organizationId: row.organization_id, role: row.role, apiKeyId: row.id };
}

/** Builds a request's loaders once the rest of its context is there (their batches run later). */
export type LoaderFactory = (ctx: RequestContext) => Loaders;

/** Opens a request transaction, authenticates the key in it, and gives the request its loaders. */
export async function openContext(
  db: TransactionSource,
  makeLoaders: LoaderFactory,
  authorization: string | undefined,
  requestId: string = randomUUID(),
  options: TransactionOptions = {},
): Promise<RequestContext> {
  const qr = await openTransaction(db, options);
  try {
    const actor = await authenticate(qr, authorization, requestId);
    // Count what the operation itself runs: the transaction setup and key check are the same for every request.
    qr.data.sqlCount = 0;
    const ctx = { requestId, actor, queryRunner: qr, manager: qr.manager } as RequestContext;
    ctx.loaders = makeLoaders(ctx);
    return ctx;
  } catch (err) {
    await finishTransaction(qr, false);
    throw err;
  }
}
