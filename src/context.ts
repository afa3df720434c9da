// Per-request context: the authenticated actor, one transaction scoped to its organization
// (row-level security keys on app.organization_id), and the DataLoaders bound to that transaction.
// The loaders come from the modules (src/loaders.ts builds them), so this file knows no module.
//
// A request's transaction is never opened before its key is accepted (the key is looked up with one
// statement outside any transaction), and a GraphQL request opens it only once Apollo has a well-formed
// operation to run (src/server.ts): a request Apollo refuses holds no connection. RequestTransaction
// finishes it once, whoever asks first (the answer, or the response closing).
import { createHash, randomUUID, timingSafeEqual } from "node:crypto";
import { Connection, escapeLiteral } from "pg";
import {
  DataSource,
  EntityManager,
  QueryRunner,
  QueryRunnerAlreadyReleasedError,
  QueryRunnerProviderAlreadyReleasedError,
} from "typeorm";
import { APP_ROLE } from "./db/app-role";
import { unauthenticated } from "./common/errors";
import type { Role } from "./common/auth";
import type { Loaders } from "./common/loader-kit";
import { parseApiKey } from "./modules/auth/api-key.secret";
import type { ConnectionShare } from "./http/connection-share";

export interface Actor {
  organizationId: string;
  role: Role;
  /** The API key of the request; null for the system (scheduled jobs). */
  apiKeyId: string | null;
}

export interface RequestContext {
  requestId: string;
  actor: Actor;
  /** The request's transaction; queryRunner and manager are its connection once it is open. */
  transaction: RequestTransaction;
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
  /**
   * The organization's share of the pool (src/http/connection-share.ts): the transaction takes one of its places
   * before it takes a connection, and gives it back when it ends. Unset for the system's work.
   */
  connections?: ConnectionShare;
  /**
   * A snapshot another transaction exported (pg_export_snapshot()): the transaction opens REPEATABLE READ, READ
   * ONLY and sees exactly what that one saw (the export worker's, src/modules/ropa/export-thread.ts).
   */
  snapshot?: string;
  /**
   * The request's database deadline, in ms from the opening of its transaction (REQUEST_DB_TIMEOUT_MS): past it
   * no further statement is sent and a running one is cancelled (RequestDeadline). Unset or 0: none. Only a
   * RequestTransaction keeps it; statement_timeout bounds each statement, this the request's sum of them.
   */
  requestTimeoutMs?: number;
}

/**
 * Opens the request transaction as the app role; the caller must finish it with finishTransaction.
 * The role switch, the statement timeout and the given settings (app.organization_id, …) are one
 * statement, so a request costs no extra round trip.
 */
export async function openTransaction(
  db: TransactionSource,
  options: TransactionOptions = {},
  settings: Record<string, string> = {},
  savepoint?: string,
): Promise<QueryRunner> {
  // JIT compilation costs more than it saves on the short statements of a request (measured: 290 ms
  // to compile a 10 ms dashboard query).
  const sets: string[] = ["set_config('jit', 'off', true)"];
  if (db.switchRole) sets.push(`set_config('role', '${APP_ROLE}', true)`);
  const timeout = options.statementTimeoutMs;
  if (timeout !== undefined && timeout > 0) {
    if (!Number.isInteger(timeout)) throw new Error(`statementTimeoutMs must be an integer, got ${timeout}`);
    sets.push(`set_config('statement_timeout', '${timeout}', true)`);
  }
  for (const [name, value] of Object.entries(settings)) {
    if (!/^app\.[a-z_]+$/.test(name)) throw new Error(`Not an app setting: ${name}`);
    sets.push(`set_config('${name}', ${escapeLiteral(value)}, true)`);
  }
  const qr = db.app.createQueryRunner();
  oneStatementAtATime(await qr.connect());
  qr.data.sqlCount = qr.data.sqlRoundTrips = 0;
  try {
    // The transaction and its settings in one round trip: a statement without parameters goes by the simple
    // protocol, which takes both at once (every request pays for this; values are quoted by pg's escapeLiteral).
    const opening = savepoint ? `; SAVEPOINT ${savepointName(savepoint)}` : "";
    await qr.query(`${startOf(options.snapshot)}; SELECT ${sets.join(", ")}${opening}`);
    markTransactionStarted(qr);
  } catch (err) {
    await qr.query("ROLLBACK").catch(() => undefined);
    await qr.release();
    throw err;
  }
  return qr;
}

/** START TRANSACTION, or, in an exported snapshot, the statements that open a transaction in it. */
function startOf(snapshot: string | undefined): string {
  if (snapshot === undefined) return "START TRANSACTION";
  if (!/^[0-9A-F]+-[0-9A-F]+(-[0-9]+)?$/i.test(snapshot)) throw new Error(`Not a snapshot id: ${snapshot}`);
  // The snapshot before any query: SET TRANSACTION SNAPSHOT must be the transaction's first statement.
  return `START TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY; SET TRANSACTION SNAPSHOT '${snapshot}'`;
}

function savepointName(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Not a savepoint name: ${name}`);
  return name;
}

const SERIAL = Symbol("one statement at a time");
const DEADLINE = Symbol("the request's deadline");

/** A pooled pg client, as far as this file uses it. */
interface PgClient {
  query: (...args: unknown[]) => unknown;
  processID?: number | null;
  secretKey?: number | null;
  host?: string;
  port?: number;
  [SERIAL]?: true;
  [DEADLINE]?: RequestDeadline | null;
}

/**
 * A statement refused without being sent: the request ran over its database deadline (REQUEST_DB_TIMEOUT_MS), or
 * a statement of its transaction was already cancelled (the transaction is aborted: every later statement would
 * fail as 25P02). It carries PostgreSQL's query_canceled code, so it answers as a statement timeout does: TIMEOUT.
 */
export class RequestDeadlineError extends Error {
  readonly code = "57014";
  constructor(reason: string) {
    super(`Not sent: ${reason}.`);
    this.name = "RequestDeadlineError";
  }
}

/**
 * The database deadline of one request transaction. STATEMENT_TIMEOUT_MS bounds each statement, not their sum: a
 * GraphQL request of 30 aliases each refused after 0.7-2.2 s of SQL held its connection 20-120 s, and two tenants'
 * keys (DB_CONNECTIONS_PER_ORG each) held the whole pool. Past the deadline no statement is sent (the statements
 * queued on the connection are refused as their turn comes, before sending: RequestDeadlineError), and the one
 * running is cancelled (PostgreSQL's cancel request, on a connection of its own: 57014). After a cancelled
 * statement (the deadline's or statement_timeout's) only ROLLBACK is sent. The transaction's end (COMMIT,
 * ROLLBACK) always is. A connection whose statement was cancelled this way leaves the pool (a late cancel could
 * otherwise reach its next request).
 */
export class RequestDeadline {
  /** When the deadline falls (epoch ms); null until the transaction is open. */
  private at: number | null = null;
  /** The latest an extension (extend) asked for, epoch ms. */
  private extendedTo = 0;
  private timer: NodeJS.Timeout | null = null;
  private client: PgClient | null = null;
  private running = 0;
  /** A statement of the transaction was cancelled (57014): the transaction is aborted. */
  private aborted = false;
  /** The transaction is ending: no cancel any more. */
  private closing = false;
  /** The statements that end the transaction (close): sent whatever the time. */
  private readonly ending = new Set<string>();
  /** A cancel request was sent for a statement of this transaction. */
  cancelSent = false;

  constructor(readonly ms: number) {}

  /** Starts counting, on the transaction's connection. */
  start(client: PgClient): void {
    this.client = client;
    client[DEADLINE] = this;
    this.at = this.ms > 0 ? Math.max(Date.now() + this.ms, this.extendedTo) : Infinity;
    if (!this.closing) this.schedule();
  }

  /**
   * Gives the request at least `ms` more from now (Infinity: no deadline), for work with a budget of its own (the
   * plan store's statement, an export written by the worker).
   */
  extend(ms: number): void {
    this.extendedTo = Math.max(this.extendedTo, Date.now() + ms);
    if (this.at !== null) {
      this.at = Math.max(this.at, this.extendedTo);
      this.schedule();
    }
  }

  /** Throws when `sql` may not be sent. */
  check(sql: unknown): void {
    if (/^\s*ROLLBACK\b/i.test(String(sql)) || this.ending.has(String(sql))) return;
    if (this.aborted) throw new RequestDeadlineError("a statement of this request was cancelled");
    if (this.at !== null && Date.now() >= this.at)
      throw new RequestDeadlineError(`the request's database work ran over ${this.ms} ms (REQUEST_DB_TIMEOUT_MS)`);
  }

  /** Runs one statement on the connection (after check), noting whether it runs and whether it was cancelled. */
  async run<T>(send: () => T): Promise<Awaited<T>> {
    this.running++;
    try {
      return await send();
    } catch (err) {
      if (isStatementTimeout(err)) this.aborted = true;
      throw err;
    } finally {
      this.running--;
    }
  }

  /**
   * The transaction ends with `statements` (its COMMIT, with what is sent with it): they are sent whatever the time.
   * Any other statement past the deadline is still refused (a resolver left running after the answer).
   */
  close(...statements: string[]): void {
    for (const sql of statements) this.ending.add(sql);
    this.closing = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Detaches from the connection (before it goes back to the pool). */
  detach(): void {
    this.close();
    if (this.client?.[DEADLINE] === this) this.client[DEADLINE] = null;
    this.client = null;
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.closing || this.at === null || this.at === Infinity) return;
    this.timer = setTimeout(() => this.fire(), Math.max(0, this.at - Date.now()));
    this.timer.unref();
  }

  private fire(): void {
    this.timer = null;
    if (this.closing || this.at === null) return;
    if (Date.now() < this.at) return this.schedule();
    if (this.running > 0 && this.client) {
      this.cancelSent = true;
      cancelRunning(this.client);
    }
  }
}

/**
 * Asks PostgreSQL to cancel what the client's backend is running (the protocol's CancelRequest, on a connection of
 * its own: it takes no place in the pool). The statement then fails with 57014.
 */
function cancelRunning(client: PgClient): void {
  if (client.processID == null || client.secretKey == null) return;
  const con = new Connection() as Connection & {
    connect(port: number | string, host?: string): void;
    cancel(processID: number, secretKey: number): void;
    end(): void;
  };
  const { processID, secretKey } = client;
  con.on("error", () => undefined);
  con.once("connect", () => {
    con.cancel(processID, secretKey);
    // The server closes the connection once it has the request; nothing is awaited.
  });
  const host = client.host ?? "localhost";
  if (host.startsWith("/")) con.connect(`${host}/.s.PGSQL.${client.port ?? 5432}`);
  else con.connect(client.port ?? 5432, host);
}

/**
 * A request's transaction holds one connection, and resolvers that load in parallel (loaders under
 * Promise.all) send it statements while one runs. pg 8 queues them itself but warns that pg 9 will not
 * (a DeprecationWarning from every process): here each waits for the one before, in the order sent, as pg's
 * queue would. Done once per pooled connection. A callback or a submittable query goes straight to pg.
 */
function oneStatementAtATime(client: PgClient): void {
  if (client[SERIAL]) return;
  client[SERIAL] = true;
  const query = client.query.bind(client);
  let last: Promise<unknown> = Promise.resolve();
  client.query = (...args: unknown[]) => {
    if (typeof args[args.length - 1] === "function" || typeof (args[0] as { submit?: unknown })?.submit === "function")
      return query(...args);
    // The request's deadline is checked as the statement's turn comes, not when it was queued.
    const run = last.then(() => {
      const deadline = client[DEADLINE];
      if (!deadline) return query(...args);
      deadline.check(args[0]);
      return deadline.run(() => query(...args));
    });
    last = run.catch(() => undefined);
    return run;
  };
}

/**
 * Tells TypeORM's query runner that the transaction openTransaction began is open, as its startTransaction
 * would have: commitTransaction and rollbackTransaction then end it (depth 1: COMMIT/ROLLBACK, no savepoint).
 */
function markTransactionStarted(qr: QueryRunner): void {
  const runner = qr as unknown as { isTransactionActive: boolean; transactionDepth: number };
  runner.isTransactionActive = true;
  runner.transactionDepth = 1;
}

/** Tells TypeORM's query runner that a COMMIT it did not send ended the transaction. */
function markTransactionEnded(qr: QueryRunner): void {
  const runner = qr as unknown as { isTransactionActive: boolean; transactionDepth: number };
  runner.isTransactionActive = false;
  runner.transactionDepth = 0;
}

/** Whether an error is PostgreSQL cancelling a statement (statement_timeout; SQLSTATE 57014). */
export function isStatementTimeout(err: unknown): boolean {
  const e = err as { code?: unknown; driverError?: { code?: unknown } } | null;
  return !!e && (e.driverError?.code === "57014" || e.code === "57014");
}

/**
 * Whether work failed because its connection to PostgreSQL went away under it (the server shutting down or
 * restarting, a failover, a dropped socket): nothing of the transaction was committed, and a retry may succeed.
 * Such a failure answers 503 UNAVAILABLE, not 500 INTERNAL (under a restart, in-flight requests answered 500).
 */
export function isConnectionLost(err: unknown): boolean {
  if (err instanceof TransactionLostError || err instanceof QueryRunnerAlreadyReleasedError) return true;
  const e = err as { code?: unknown; message?: unknown; driverError?: { code?: unknown; message?: unknown } } | null;
  if (!e) return false;
  const code = String(e.driverError?.code ?? e.code ?? "");
  // SQLSTATE class 08 (connection exception), 57P01-57P03 (admin or crash shutdown, cannot connect now).
  if (/^08/.test(code) || /^57P0[123]$/.test(code)) return true;
  if (code === "ECONNREFUSED" || code === "ECONNRESET" || code === "EPIPE") return true;
  return /^Connection terminated/.test(String(e.driverError?.message ?? e.message ?? ""));
}

/** The connection failed before the commit: the transaction is gone and nothing was written. */
export class TransactionLostError extends Error {
  constructor() {
    super("The database connection was lost before the transaction could be committed.");
    this.name = "TransactionLostError";
  }
}

/**
 * Whether an error is what work meets after its client went away and its transaction was rolled back under
 * it (RequestTransaction.abandon): a transaction that can no longer open or commit, a connection released.
 */
export function leftBehind(tx: RequestTransaction | undefined, err: unknown): boolean {
  return (
    !!tx?.abandoned &&
    (err instanceof TransactionLostError ||
      err instanceof QueryRunnerAlreadyReleasedError ||
      err instanceof QueryRunnerProviderAlreadyReleasedError)
  );
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

/** The key was revoked while its request ran: nothing the request did is committed. */
export class KeyRevokedError extends Error {
  constructor() {
    super("The API key was revoked while the request ran; nothing was written.");
    this.name = "KeyRevokedError";
  }
}

/**
 * Watches failed authentications (src/http/auth-throttle.ts, bound to the client's address): it may
 * refuse a request before its key is looked up.
 */
export interface AuthGuard {
  /** Throws (429 THROTTLED) when this client, or this key prefix, failed too often lately. */
  admit(prefix: string | null): void;
  failed(prefix: string | null): void;
}

/** An accepted key: its actor, and when it was last recorded as used. */
export interface Authenticated extends Actor {
  apiKeyId: string;
  lastUsedAt: Date | null;
}

/**
 * Checks the bearer key with one statement outside any transaction (nothing is held while a stranger
 * is refused). A presented key that fails is reported to the guard, which may refuse the next ones.
 */
export async function authenticate(
  db: TransactionSource,
  authorization: string | undefined,
  guard?: AuthGuard,
): Promise<Authenticated> {
  if (!authorization) throw unauthenticated();
  const match = /^Bearer\s+(\S+)$/i.exec(authorization);
  const parsed = match ? parseApiKey(match[1]) : null;
  guard?.admit(parsed?.prefix ?? null);
  if (!parsed) {
    guard?.failed(null);
    throw unauthenticated();
  }
  const rows: ApiKeyRow[] = await db.app.query("SELECT * FROM app_find_api_key($1)", [parsed.prefix]);
  const row = rows[0];
  const presented = createHash("sha256").update(parsed.secret).digest();
  // Compare even when no key matched, so timing does not reveal whether a prefix exists.
  const stored = row?.secret_sha256 ?? Buffer.alloc(32);
  const equal = stored.length === presented.length && timingSafeEqual(stored, presented);
  if (!row || !equal || row.revoked_at) {
    guard?.failed(parsed.prefix);
    throw unauthenticated();
  }
  return { organizationId: row.organization_id, role: row.role, apiKeyId: row.id, lastUsedAt: row.last_used_at };
}

/**
 * Records that a key was used, in a transaction of its own: the request's transaction never holds the
 * key's row (concurrent requests with the same key would wait on it at commit, or deadlock), and a row
 * some other transaction holds is skipped (the next request records it).
 */
async function touchApiKey(
  db: TransactionSource,
  organizationId: string,
  apiKeyId: string,
  options: TransactionOptions,
): Promise<void> {
  const qr = await openTransaction(db, options, { "app.organization_id": organizationId });
  try {
    await qr.query(
      "UPDATE api_key SET last_used_at = now() WHERE id = (SELECT id FROM api_key WHERE id = $1 " +
        "FOR NO KEY UPDATE SKIP LOCKED)",
      [apiKeyId],
    );
    await finishTransaction(qr, true);
  } catch (err) {
    await finishTransaction(qr, false).catch(() => undefined);
    throw err;
  }
}

/**
 * Whether the key may still commit: the revocation is checked again at the end, under a share lock on
 * the key's row (a revocation then waits for this commit, or this sees it). A transaction that wrote
 * nothing has nothing to lose and takes no lock.
 */
const commitIfKeyValid = (apiKeyId: string) =>
  // One round trip: the check raises KEY_REVOKED_STATE, which aborts the transaction, so the COMMIT after it
  // in the same simple-protocol query does not run (the caller rolls back).
  "DO $$BEGIN IF pg_current_xact_id_if_assigned() IS NOT NULL AND NOT EXISTS (" +
  `SELECT 1 FROM api_key WHERE id = ${escapeLiteral(apiKeyId)} AND revoked_at IS NULL FOR SHARE) ` +
  `THEN RAISE EXCEPTION 'API key revoked' USING ERRCODE = '${KEY_REVOKED_STATE}'; END IF; END$$; COMMIT`;

/** The SQLSTATE commitIfKeyValid raises (a class of its own, no PostgreSQL code). */
const KEY_REVOKED_STATE = "TK001";

/**
 * A request's one transaction, opened on first need (open) and finished once (finish): by the answer
 * (commit or roll back) or, when the response closed first, rolled back (abandon). A transaction still
 * opening when it is finished is rolled back as soon as it is open.
 */
export class RequestTransaction {
  private runner: QueryRunner | null = null;
  private opening: Promise<QueryRunner> | null = null;
  private finishing: Promise<void> | null = null;
  private finishedWith: boolean | null = null;
  /** The response closed before the transaction was finished (the client went away). */
  abandoned = false;
  /** The savepoint the transaction opened with (a mutation's), until a mutation takes it. */
  private openingSavepoint: string | null = null;
  /** Statements sent with the COMMIT, in its round trip (sendAtCommit). */
  private readonly atCommit: string[] = [];
  /** Gives back the organization's place in options.connections (a no-op without one). */
  private releasePlace: () => void = () => {};
  /** The request's database deadline (options.requestTimeoutMs), counted from the transaction's opening. */
  private readonly deadline: RequestDeadline;

  constructor(
    private readonly db: TransactionSource,
    readonly actor: Actor & { lastUsedAt?: Date | null },
    readonly requestId: string,
    readonly options: TransactionOptions = {},
  ) {
    this.deadline = new RequestDeadline(options.requestTimeoutMs ?? 0);
  }

  /**
   * Gives the request's database work at least `ms` more from now (Infinity: no deadline): for work with a budget
   * of its own (the register import's plan store, an export).
   */
  extendDeadline(ms: number): void {
    this.deadline.extend(ms);
  }

  /** Whether open was called (the transaction may still be opening). */
  get started(): boolean {
    return this.opening !== null;
  }

  get queryRunner(): QueryRunner {
    if (!this.runner) throw new Error("The request's transaction is not open.");
    return this.runner;
  }

  /**
   * Opens the transaction (once). `forMutation`: it opens with a savepoint for the first mutation (see
   * takeOpeningSavepoint), in the same round trip: a writer waits, under load, for every round trip it makes.
   */
  open(forMutation = false): Promise<QueryRunner> {
    if (this.finishing) return Promise.reject(new TransactionLostError());
    return (this.opening ??= this.begin(forMutation));
  }

  /**
   * The savepoint the transaction opened with, if nothing has run since: rolling back to it then undoes
   * exactly what a savepoint taken now would. Given once; null otherwise (the caller takes its own).
   */
  takeOpeningSavepoint(): string | null {
    const sp = this.openingSavepoint;
    if (!sp || !this.runner || this.runner.isReleased || (this.runner.data.sqlCount ?? 0) !== 0) return null;
    this.openingSavepoint = null;
    return sp;
  }

  /**
   * Sends `sql` (simple protocol: no parameters, values quoted with escapeLiteral) in the commit's round trip,
   * before the COMMIT: for a write whose result the request does not read (an event of the outbox). It
   * fails the commit when it fails (nothing is written); a rollback, or a rollback to a savepoint taken
   * before it (dropAtCommit), drops it.
   */
  sendAtCommit(sql: string): void {
    if (this.finishing) throw new TransactionLostError();
    this.atCommit.push(sql);
  }

  /** Where the statements sent with the commit stand now: dropAtCommit(mark) drops those sent after. */
  atCommitMark(): number {
    return this.atCommit.length;
  }

  /** A rollback to a savepoint taken at `mark` (atCommitMark) undoes what was sent with the commit since. */
  dropAtCommit(mark: number): void {
    if (mark < this.atCommit.length) this.atCommit.length = mark;
  }

  private async begin(forMutation: boolean): Promise<QueryRunner> {
    // The organization's place first (waiting for it holds no connection), given back when the transaction ends.
    if (this.options.connections) this.releasePlace = await this.options.connections.enter(this.actor.organizationId);
    try {
      return await this.connect(forMutation);
    } catch (err) {
      this.releasePlace();
      throw err;
    }
  }

  private async connect(forMutation: boolean): Promise<QueryRunner> {
    const { actor, requestId } = this;
    // Record use at most once a minute: one extra write per request would be wasteful.
    const last = actor.lastUsedAt;
    if (actor.apiKeyId && last !== undefined && (!last || Date.now() - last.getTime() > 60_000)) {
      await touchApiKey(this.db, actor.organizationId, actor.apiKeyId, this.options);
    }
    // The audit-log trigger reads actor and request id from these settings.
    const savepoint = forMutation ? "mutation_opening" : undefined;
    const qr = await openTransaction(
      this.db,
      this.options,
      {
        "app.organization_id": actor.organizationId,
        "app.actor_id": actor.apiKeyId ?? "",
        "app.request_id": requestId,
      },
      savepoint,
    );
    // Count what the operation itself runs: the transaction setup is the same for every request.
    qr.data.sqlCount = qr.data.sqlRoundTrips = 0;
    this.keepDeadline(qr);
    if (this.finishing) {
      // Finished while it was opening (the response closed): nobody will use it.
      await finishTransaction(qr, false).catch(() => undefined);
      throw new TransactionLostError();
    }
    this.runner = qr;
    this.openingSavepoint = savepoint ?? null;
    return qr;
  }

  /**
   * Starts the deadline on the transaction's connection, and frees the connection of it when the connection goes
   * back to the pool; a connection a cancel request was sent for is closed instead (a cancel that arrives late
   * would cancel the next request's statement).
   */
  private keepDeadline(qr: QueryRunner): void {
    const runner = qr as unknown as {
      databaseConnection: PgClient;
      releasePostgresConnection(err?: Error): Promise<void>;
    };
    const deadline = this.deadline;
    deadline.start(runner.databaseConnection);
    const release = qr.release.bind(qr);
    qr.release = () => {
      deadline.detach();
      if (!deadline.cancelSent) return release();
      return runner.releasePostgresConnection(new Error("A statement was cancelled at the request's deadline."));
    };
  }

  /**
   * Commits (after checking the key was not revoked meanwhile: KeyRevokedError, rolled back) or rolls
   * back, and gives the connection back. Only the first call acts; a commit asked after a rollback
   * throws TransactionLostError (never report success for work that was not committed).
   */
  finish(commit: boolean): Promise<void> {
    if (this.finishing) {
      return commit && this.finishedWith === false ? Promise.reject(new TransactionLostError()) : this.finishing;
    }
    this.finishedWith = commit;
    this.finishing = this.end(commit).finally(() => this.releasePlace());
    return this.finishing;
  }

  private async end(commit: boolean): Promise<void> {
    const before = commit ? this.atCommit.map((sql) => `${sql}; `).join("") : "";
    // The transaction's own end is sent whatever the time (ROLLBACK always is).
    const ending = this.actor.apiKeyId ? [before + commitIfKeyValid(this.actor.apiKeyId)] : [before];
    this.deadline.close("COMMIT", ...(commit ? ending : []));
    if (!this.opening) return;
    let qr: QueryRunner;
    try {
      qr = await this.opening;
    } catch {
      return; // never opened: nothing to finish (whoever opened it was told why)
    }
    if (commit && this.actor.apiKeyId && !qr.isReleased && qr.isTransactionActive) {
      try {
        // One round trip: what was sent with the commit, the key's check and the COMMIT (the first to fail
        // stops the rest).
        await qr.query(before + commitIfKeyValid(this.actor.apiKeyId));
      } catch (err) {
        // Not committed: the check failed (the transaction is aborted) or the COMMIT did.
        await finishTransaction(qr, false).catch(() => undefined);
        const code = (err as { driverError?: { code?: unknown } }).driverError?.code;
        throw code === KEY_REVOKED_STATE ? new KeyRevokedError() : err;
      }
      markTransactionEnded(qr);
      if (!qr.isReleased) await qr.release();
      return;
    }
    if (before && !qr.isReleased && qr.isTransactionActive) {
      try {
        await qr.query(before);
      } catch (err) {
        await finishTransaction(qr, false).catch(() => undefined);
        throw err;
      }
    }
    await finishTransaction(qr, commit);
  }

  /** The response closed: a transaction still open is rolled back (it can no longer be answered). */
  abandon(): Promise<void> {
    if (this.finishing) return this.finishing.catch(() => undefined);
    this.abandoned = this.started;
    return this.finish(false).catch(() => undefined);
  }
}

/** Builds a request's loaders once the rest of its context is there (their batches run later). */
export type LoaderFactory = (ctx: RequestContext) => Loaders;

/**
 * A request's context whose transaction opens on first need: queryRunner, manager and loaders are
 * there once `transaction.open()` has resolved. Apollo shallow-clones the context object; the clone
 * shares the transaction and the loaders (the fields hold the same objects, the getters are on the class).
 */
class LazyRequestContext implements RequestContext {
  private readonly built: { loaders?: Loaders } = {};
  constructor(
    readonly requestId: string,
    readonly actor: Actor,
    readonly transaction: RequestTransaction,
    private readonly makeLoaders: LoaderFactory,
  ) {}
  get queryRunner(): QueryRunner {
    return this.transaction.queryRunner;
  }
  get manager(): EntityManager {
    return this.transaction.queryRunner.manager;
  }
  get loaders(): Loaders {
    return (this.built.loaders ??= this.makeLoaders(this));
  }
}

/** A request's context for an accepted key (or the system); its transaction is not open yet. */
export function requestContext(
  db: TransactionSource,
  makeLoaders: LoaderFactory,
  actor: Actor & { lastUsedAt?: Date | null },
  requestId: string = randomUUID(),
  options: TransactionOptions = {},
): RequestContext {
  const { organizationId, role, apiKeyId } = actor;
  const transaction = new RequestTransaction(db, actor, requestId, options);
  return new LazyRequestContext(requestId, { organizationId, role, apiKeyId }, transaction, makeLoaders);
}

/** Authenticates the key, then opens the request's transaction and gives the request its loaders. */
export async function openContext(
  db: TransactionSource,
  makeLoaders: LoaderFactory,
  authorization: string | undefined,
  requestId: string = randomUUID(),
  options: TransactionOptions = {},
  guard?: AuthGuard,
): Promise<RequestContext> {
  const actor = await authenticate(db, authorization, guard);
  const ctx = requestContext(db, makeLoaders, actor, requestId, options);
  await ctx.transaction.open();
  return ctx;
}
