// HTTP server: Apollo on express, health endpoints, one transaction per GraphQL request.
// Query limits (depth, aliases, tokens, cost) run before execution: src/common/limits.ts.
import http from "node:http";
import { isUtf8 } from "node:buffer";
import net from "node:net";
import express, { NextFunction, Request, Response } from "express";
import { ApolloServer, ApolloServerPlugin } from "@apollo/server";
import { HttpDrain } from "./http/drain";
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from "@apollo/server/plugin/disabled";
import cors from "cors";
import { landingRouter } from "./http/landing";
import { consoleRouter } from "./http/console";
import { expressMiddleware } from "@as-integrations/express5";
import { GraphQLError, GraphQLFormattedError } from "graphql";
import { AuthorizationError } from "type-graphql";
import { Config } from "./config";
import { Database } from "./db/database";
import {
  authenticate,
  isConnectionLost,
  isStatementTimeout,
  KeyRevokedError,
  leftBehind,
  RequestContext,
  RequestTransaction,
} from "./context";
import { createContext, createLazyContext } from "./loaders";
import { AuthThrottle } from "./http/auth-throttle";
import { getSchema } from "./schema";
import { listBudgetPlugin } from "./common/list-budget";
import { MODULES } from "./modules";
import type { HttpDeps } from "./common/module";
import { ExportGate } from "./http/exports";
import { SlotGate } from "./http/slots";
import { ConnectionShare, OrganizationBusyError } from "./http/connection-share";
import { startJobs, JobRuntime } from "./modules/jobs/runtime";
import { configureWebhooks } from "./modules/webhooks/settings";
import { configureDocumentReader, documentReaderSettingsOf } from "./modules/dpa-import/reader/reader";
import { Clock, useClock } from "./common/clock";
import { costLimitPlugin, jsonDeeperThan, MAX_JSON_DEPTH, queryLimits } from "./common/limits";
import { GRAPHQL_ERROR_CODES, GraphQLErrorCode, graphqlCodeOf, graphqlError, HttpErrorCode } from "./common/errors";
import { addErrorCode, createLogger, Logger } from "./common/logger";
import {
  requestScope,
  requestScopeMiddleware,
  RequestScope,
  TIMEOUT_MESSAGE,
  UNAVAILABLE_MESSAGE,
  withRequestContext,
  authorizationOf,
} from "./http/request-context";

/** Codes that reach the client as they are: the vocabulary's, less INTERNAL (which formatError writes). */
const PASS_THROUGH_CODES = new Set<GraphQLErrorCode>(
  (Object.keys(GRAPHQL_ERROR_CODES) as GraphQLErrorCode[]).filter((c) => c !== "INTERNAL"),
);

type ErrorClass =
  | { kind: "forbidden" }
  | { kind: "timeout" }
  | { kind: "unavailable" }
  | { kind: "pass"; code: GraphQLErrorCode }
  | { kind: "internal" };

/** How an error reaches the client: one of the known codes, or INTERNAL. */
function classifyError(error: unknown, code: string | undefined): ErrorClass {
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  if (original instanceof AuthorizationError) return { kind: "forbidden" };
  if (isStatementTimeout(original)) return { kind: "timeout" };
  if (isConnectionLost(original)) return { kind: "unavailable" };
  if (code && PASS_THROUGH_CODES.has(code as GraphQLErrorCode)) return { kind: "pass", code: code as GraphQLErrorCode };
  return { kind: "internal" };
}

function clientCode(c: ErrorClass): GraphQLErrorCode {
  switch (c.kind) {
    case "forbidden":
      return "FORBIDDEN";
    case "timeout":
      return "TIMEOUT";
    case "unavailable":
      return "UNAVAILABLE";
    case "pass":
      return c.code;
    case "internal":
      return "INTERNAL";
  }
}

/**
 * Only errors from the known vocabulary reach clients; anything else becomes INTERNAL (logged with
 * its stack by the request log plugin, never leaked). A statement cancelled by statement_timeout
 * becomes TIMEOUT.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const c = classifyError(error, formatted.extensions?.code as string | undefined);
  switch (c.kind) {
    case "forbidden":
      return {
        message: "Your API key's role does not allow this operation.",
        path: formatted.path,
        extensions: { code: "FORBIDDEN" },
      };
    case "timeout":
      return { message: TIMEOUT_MESSAGE, path: formatted.path, extensions: { code: "TIMEOUT" } };
    case "unavailable":
      return { message: UNAVAILABLE_MESSAGE, path: formatted.path, extensions: { code: "UNAVAILABLE" } };
    case "pass": {
      const { stacktrace: _drop, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    case "internal":
      return { message: "Internal server error.", path: formatted.path, extensions: { code: "INTERNAL" } };
  }
}

/**
 * The request scope (request id, logger, log record) of each GraphQL request, keyed by its
 * transaction object: Apollo shallow-clones the context object, so the object itself is no key.
 */
class Scopes {
  private readonly byTransaction = new WeakMap<object, RequestScope>();
  set(ctx: RequestContext, scope: RequestScope): void {
    this.byTransaction.set(ctx.transaction, scope);
  }
  get(ctx: RequestContext | undefined): RequestScope | undefined {
    return ctx?.transaction ? this.byTransaction.get(ctx.transaction) : undefined;
  }
}

/** Fills the request's log record (operation, codes) and logs internal errors with their stack. */
function requestLogPlugin(scopes: Scopes, logger: Logger): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart({ contextValue }) {
      const scope = scopes.get(contextValue);
      return {
        async didResolveOperation({ operation, operationName }) {
          if (!scope) return;
          scope.record.operationName = operationName;
          scope.record.operationType = operation?.operation;
        },
        async didEncounterErrors({ errors }) {
          let gone = false;
          for (const error of errors) {
            const err = error.originalError ?? error;
            // The client went away and the work met its rolled-back transaction: nobody receives this.
            if (leftBehind(contextValue?.transaction, err)) {
              if (!gone)
                (scope?.logger ?? logger).info({ requestId: scope?.requestId }, "client went away; rolled back");
              gone = true;
              addErrorCode(scope?.record, "CLIENT_CLOSED_REQUEST");
              continue;
            }
            const code = error.extensions?.code as string | undefined;
            const c = classifyError(error, code);
            addErrorCode(scope?.record, clientCode(c));
            if (c.kind === "internal")
              (scope?.logger ?? logger).error({ requestId: scope?.requestId, path: error.path, err }, "internal error");
            else if (c.kind === "timeout" || c.kind === "unavailable")
              (scope?.logger ?? logger).warn(
                { requestId: scope?.requestId, path: error.path, err },
                c.kind === "timeout" ? "statement timeout" : "database connection lost",
              );
          }
        },
      };
    },
    // A hook threw (outside Apollo's error handling): the request ends with a 500 and without
    // willSendResponse, so close the transaction here.
    async unexpectedErrorProcessingRequest({ requestContext, error }) {
      const scope = scopes.get(requestContext.contextValue);
      addErrorCode(scope?.record, "INTERNAL");
      (scope?.logger ?? logger).error(
        { requestId: scope?.requestId, err: error },
        "unexpected error processing request",
      );
      await requestContext.contextValue?.transaction?.finish(false).catch(() => {});
    },
  };
}

/** Errors that null one field and leave the request's writes standing (see GRAPHQL_ERROR_CODES). */
const FIELD_LEVEL_CODES = new Set(
  (Object.keys(GRAPHQL_ERROR_CODES) as GraphQLErrorCode[]).filter((c) => GRAPHQL_ERROR_CODES[c].fieldLevel),
);

export const COMMIT_FAILED_MESSAGE =
  "The request could not be completed because the database connection failed; nothing was written. Try again.";

export const KEY_REVOKED_MESSAGE = "The API key was revoked while the request ran; nothing was written.";

/**
 * The request's transaction opens once Apollo has a well-formed, valid operation to run (didResolveOperation:
 * a request refused for its shape, its query or its limits never opens one) and is finished before the answer
 * is sent: committed unless an error ends the request. The response's `close` rolls back whatever is still
 * open (src/server.ts's context function), whatever path answered.
 */
function transactionPlugin(config: Config, scopes: Scopes, logger: Logger): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, operation }) {
          const tx = contextValue?.transaction;
          if (!tx) return;
          try {
            await tx.open(operation?.operation === "mutation");
          } catch (err) {
            const scope = scopes.get(contextValue);
            if (isStatementTimeout(err)) throw graphqlError("TIMEOUT", TIMEOUT_MESSAGE);
            // The organization's own requests hold its share of the pool: this one is refused, nobody else's.
            if (err instanceof OrganizationBusyError) throw graphqlError("UNAVAILABLE", err.message, 1);
            if (leftBehind(tx, err)) {
              // The client went away while its transaction was opening: it was rolled back once open.
              (scope?.logger ?? logger).info({ requestId: scope?.requestId }, "client went away; rolled back");
              addErrorCode(scope?.record, "CLIENT_CLOSED_REQUEST");
              throw graphqlError("UNAVAILABLE", UNAVAILABLE_MESSAGE, 1);
            }
            // No connection within DB_ACQUIRE_TIMEOUT_MS (or the database failed): 503, try again shortly.
            (scope?.logger ?? logger).error({ requestId: scope?.requestId, err }, "transaction failed to open");
            throw graphqlError("UNAVAILABLE", UNAVAILABLE_MESSAGE, 1);
          }
        },
        async willSendResponse({ contextValue, response }) {
          const tx: RequestTransaction | undefined = contextValue?.transaction;
          if (!tx?.started) return;
          const body = response.body.kind === "single" ? response.body.singleResult : undefined;
          // Unexpected errors (INTERNAL, TIMEOUT, …) abort the whole request. A field refused to this key
          // or a bad argument on a read does not undo a mutation that already succeeded in the same request.
          const commit = (body?.errors ?? []).every((e) =>
            FIELD_LEVEL_CODES.has(e.extensions?.code as GraphQLErrorCode),
          );
          if (config.exposeSqlCount && body) {
            let sqlStatements = 0;
            let sqlRoundTrips = 0;
            try {
              sqlStatements = tx.queryRunner.data.sqlCount ?? 0;
              sqlRoundTrips = tx.queryRunner.data.sqlRoundTrips ?? 0;
            } catch {
              // never opened
            }
            body.extensions = { ...body.extensions, sqlStatements, sqlRoundTrips };
          }
          // A request rolled back while it ran answers as the table of codes says (TIMEOUT 503, INTERNAL 500), with no
          // data: what ran before the error was not committed (it answered 200 with those fields).
          const ended = commit
            ? undefined
            : body?.errors?.find((e) => !FIELD_LEVEL_CODES.has(e.extensions?.code as never));
          const endedCode = ended?.extensions?.code;
          const endedWith =
            typeof endedCode === "string" && endedCode in GRAPHQL_ERROR_CODES ? (endedCode as GraphQLErrorCode) : null;
          // (An error before it ran has no data and has its status already.)
          if (body && endedWith && body.data !== undefined) {
            body.data = null;
            response.http.status = GRAPHQL_ERROR_CODES[endedWith].status;
          }
          try {
            await tx.finish(commit);
          } catch (err) {
            const scope = scopes.get(contextValue);
            if (!commit) {
              // The connection died mid-request: nothing to roll back; the answer already has its errors.
              (scope?.logger ?? logger).warn({ requestId: scope?.requestId, err }, "rollback failed");
              return;
            }
            const revoked = err instanceof KeyRevokedError;
            const code: GraphQLErrorCode = revoked ? "UNAUTHENTICATED" : "UNAVAILABLE";
            // Never answer success for work that was not committed.
            if (revoked) (scope?.logger ?? logger).warn({ requestId: scope?.requestId }, "key revoked before commit");
            else if (leftBehind(tx, err))
              (scope?.logger ?? logger).info({ requestId: scope?.requestId }, "client went away; rolled back");
            else (scope?.logger ?? logger).error({ requestId: scope?.requestId, err }, "commit failed");
            addErrorCode(scope?.record, code);
            response.http.status = GRAPHQL_ERROR_CODES[code].status;
            response.body = {
              kind: "single",
              singleResult: {
                errors: [{ message: revoked ? KEY_REVOKED_MESSAGE : COMMIT_FAILED_MESSAGE, extensions: { code } }],
                extensions: body?.extensions,
              },
            };
          }
        },
      };
    },
  };
}

/**
 * CORS for the browser dashboards of the origins in CORS_ORIGINS: they get working preflights and the
 * headers their scripts need; any other origin gets no CORS header at all (and its preflight a bare 204),
 * so the browser keeps its page out.
 */
function corsMiddleware(allowed: string[]) {
  const allow = cors({
    origin: (origin, callback) => callback(null, origin !== undefined && allowed.includes(origin)),
    methods: ["GET", "POST"],
    allowedHeaders: ["Authorization", "Content-Type", "X-Request-Id", "Apollo-Require-Preflight"],
    exposedHeaders: ["X-Request-Id", "Content-Disposition", "Digest", "X-Content-SHA256", "Retry-After"],
    maxAge: 600,
  });
  return (req: Request, res: Response, next: NextFunction) => {
    allow(req, res, () => {
      if (req.method === "OPTIONS" && req.headers.origin) {
        res.status(204).end();
        return;
      }
      next();
    });
  };
}

/** Errors express (or a body parser) passed on: JSON answers, never express's HTML page. */
function errorHandler(config: Config) {
  return (err: unknown, req: Request, res: Response, next: NextFunction): void => {
    if (res.headersSent) return next(err);
    const scope = requestScope(req, res);
    const e = err as { type?: string; status?: number; statusCode?: number } | null;
    let status = 500;
    let code: GraphQLErrorCode & HttpErrorCode = "INTERNAL";
    let message = "Internal server error.";
    if (e?.type === "entity.too.large") {
      [status, code, message] = [
        413,
        "PAYLOAD_TOO_LARGE",
        `The request body is larger than the limit of ${config.maxBodyBytes} bytes.`,
      ];
    } else if (e?.type === "entity.parse.failed") {
      [status, code, message] = [400, "BAD_REQUEST", "The request body is not valid JSON."];
    } else if (e?.type === "charset.unsupported") {
      [status, code, message] = [
        415,
        "BAD_REQUEST",
        "The request body must be JSON in UTF-8 (Content-Type: application/json; charset=utf-8); nothing was read.",
      ];
    } else if (e?.type === "encoding.unsupported") {
      [status, code, message] = [
        415,
        "BAD_REQUEST",
        "The request's Content-Encoding is not accepted: send the body as it is, or with gzip or deflate.",
      ];
    } else if (e?.type === NOT_UTF8) {
      [status, code, message] = [
        400,
        "BAD_REQUEST",
        "The request body is not valid UTF-8 (JSON must be UTF-8); nothing was read or written.",
      ];
    } else if (
      typeof (e?.status ?? e?.statusCode) === "number" &&
      (e?.status ?? e?.statusCode)! >= 400 &&
      (e?.status ?? e?.statusCode)! < 500
    ) {
      [status, code, message] = [(e?.status ?? e?.statusCode)!, "BAD_REQUEST", "The request could not be read."];
    } else {
      scope.logger.error({ requestId: scope.requestId, err }, "internal error");
    }
    addErrorCode(scope.record, code);
    const graphql = req.originalUrl.startsWith("/graphql");
    res.status(status).json(graphql ? { errors: [{ message, extensions: { code } }] } : { error: { code, message } });
  };
}

/** The error type of a JSON body that is not valid UTF-8 (see jsonMustBeUtf8). */
const NOT_UTF8 = "entity.not.utf8";

/**
 * express.json's verify: a body whose bytes are not valid UTF-8 is refused (400) before it is decoded. Decoding
 * replaced every bad byte with U+FFFD, so "Acme \xC3 GmbH" was stored as "Acme � GmbH" and answered 200.
 */
function jsonMustBeUtf8(_req: Request, _res: Response, body: Buffer, encoding: string): void {
  if (/^utf-?8$/i.test(encoding) && !isUtf8(body)) throw Object.assign(new Error("not UTF-8"), { type: NOT_UTF8 });
}

/** Any path or method no route answers: 404 NOT_FOUND as JSON, never express's HTML page ("Cannot GET /x"). */
function notFound(req: Request, res: Response): void {
  const scope = requestScope(req, res);
  addErrorCode(scope.record, "NOT_FOUND");
  const path = req.path.length > 200 ? `${req.path.slice(0, 200)}…` : req.path;
  res.status(404).json({
    error: {
      code: "NOT_FOUND",
      message:
        `No such endpoint: ${req.method} ${path}. The API is POST /graphql; ` +
        "the README lists the plain HTTP endpoints (uploads, exports, evidence downloads).",
    },
  });
}

/**
 * A request whose JSON (the body, or a GET's variables and extensions) nests deeper than MAX_JSON_DEPTH is
 * 400 BAD_REQUEST before GraphQL sees it: coercing or storing 10,000 levels would overflow a stack.
 */
function refuseDeepJson(req: Request, res: Response, next: NextFunction): void {
  const parts: unknown[] = [req.body];
  for (const name of ["variables", "extensions"]) {
    const raw = (req.query as Record<string, unknown>)[name];
    if (typeof raw !== "string") continue;
    try {
      parts.push(JSON.parse(raw));
    } catch {
      // Not JSON: Apollo answers it.
    }
  }
  if (!parts.some((p) => jsonDeeperThan(p, MAX_JSON_DEPTH))) return next();
  const scope = requestScope(req, res);
  addErrorCode(scope.record, "BAD_REQUEST");
  const message = `The request's JSON is nested deeper than ${MAX_JSON_DEPTH} levels.`;
  res.status(400).json({ errors: [{ message, extensions: { code: "BAD_REQUEST" } }] });
}

/** The API's port is taken (another tilsyn, or another program). */
export class PortInUseError extends Error {
  constructor(host: string, port: number) {
    super(
      `${host}:${port} is already in use (is tilsyn already running?). Stop that process or set PORT to a free port.`,
    );
    this.name = "PortInUseError";
  }
}

function listen(server: http.Server | net.Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => {
      server.off("listening", onListening);
      reject(err.code === "EADDRINUSE" ? new PortInUseError(host, port) : err);
    };
    const onListening = () => {
      server.off("error", onError);
      resolve();
    };
    server.once("error", onError);
    server.once("listening", onListening);
    server.listen(port, host);
  });
}

/** Fails with PortInUseError when host:port cannot be bound (port 0 always can). */
export async function assertPortFree(host: string, port: number): Promise<void> {
  if (port === 0) return;
  const probe = net.createServer();
  await listen(probe, host, port);
  await new Promise<void>((resolve) => probe.close(() => resolve()));
}

export interface RunningServer {
  httpServer: http.Server;
  url: string;
  logger: Logger;
  /** The job worker; undefined with JOBS=off. */
  jobs?: JobRuntime;
  /** Stops taking requests, waits up to config.shutdownGraceMs for in-flight ones, then closes them. */
  stop(): Promise<void>;
}

export interface ServerOptions {
  /** Where logs go; by default a pino logger on stdout at config.logLevel. */
  logger?: Logger;
  /** The process clock (tests set the date with a ManualClock); the system clock by default. */
  clock?: Clock;
  /** Where the built console is; by default dist/console of the checkout. */
  consoleDir?: string;
}

export async function startServer(config: Config, db: Database, options: ServerOptions = {}): Promise<RunningServer> {
  const logger = options.logger ?? createLogger({ level: config.logLevel });
  if (options.clock) useClock(options.clock);
  configureWebhooks(config);
  configureDocumentReader(documentReaderSettingsOf(config));
  const app = express();
  const httpServer = http.createServer(app);
  const drain = new HttpDrain(httpServer);
  const limits = queryLimits(config);
  const scopes = new Scopes();
  const throttle = new AuthThrottle({
    perAddress: config.authFailuresPerAddress,
    perKey: config.authFailuresPerKey,
    windowMs: config.authThrottleWindowMs,
  });
  // One organization's requests hold at most DB_CONNECTIONS_PER_ORG of the request pool's connections at once.
  const connections = new ConnectionShare(config.dbConnectionsPerOrg, config.dbAcquireTimeoutMs);
  const apolloLog = logger.child({ component: "apollo" });
  const apollo = new ApolloServer<RequestContext>({
    schema: await getSchema(),
    formatError,
    includeStacktraceInErrorResponses: false,
    introspection: config.graphqlIntrospection,
    validationRules: limits.validationRules,
    parseOptions: limits.parseOptions,
    // main.ts handles SIGINT/SIGTERM: drain, then close the database.
    stopOnTerminationSignals: false,
    // Automatic persisted queries off: Apollo's cache is one for the process, keyed by the query's hash
    // alone, so a tenant could confirm another tenant's exact query text (literals included).
    persistedQueries: false,
    // Compact JSON: Apollo pretty-prints by default, which costs time and bytes on large answers.
    stringifyResult: (result) => JSON.stringify(result),
    logger: {
      debug: (m) => apolloLog.debug(String(m)),
      info: (m) => apolloLog.info(String(m)),
      warn: (m) => apolloLog.warn(String(m)),
      // Apollo's "Unexpected error processing request: <error>" would quote a database message;
      // requestLogPlugin logs that error itself, sanitised.
      error: (m) => apolloLog.error(String(m).replace(/^(Unexpected error processing request):[\s\S]*$/, "$1")),
    },
    plugins: [
      ...(limits.plugins as ApolloServerPlugin<RequestContext>[]),
      costLimitPlugin<RequestContext>(config.graphqlMaxCost, ({ contextValue }, cost) => {
        const scope = scopes.get(contextValue);
        if (scope && cost !== null) scope.record.cost = cost;
      }),
      listBudgetPlugin<RequestContext>(config.graphqlMaxListItems),
      requestLogPlugin(scopes, logger),
      transactionPlugin(config, scopes, logger),
      // No HTTP cache hints are used; the default cache-control plugin would wrap every resolver call.
      ApolloServerPluginCacheControlDisabled(),
      // Apollo's landing page loads Sandbox from a CDN; ours (src/http/landing.ts) works offline.
      ApolloServerPluginLandingPageDisabled(),
    ],
  });
  await apollo.start();

  app.disable("x-powered-by");
  app.use(requestScopeMiddleware(logger, config.statementTimeoutMs, config.requestDbTimeoutMs));
  app.use(corsMiddleware(config.corsOrigins));
  app.use(landingRouter({ consoleEnabled: config.consoleEnabled }));
  if (config.consoleEnabled) app.use(consoleRouter(options.consoleDir));
  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  app.get("/readyz", async (_req, res) => {
    try {
      await db.app.query("SELECT 1");
      res.json({ status: "ready" });
    } catch {
      res.status(503).json({ status: "not ready" });
    }
  });
  const stoppers: (() => Promise<void>)[] = [];
  /** Each once; a stopper's failure is logged, never the shutdown's (the process still exits 0). */
  const runStoppers = async () => {
    for (const stop of stoppers.splice(0))
      await stop().catch((err: unknown) => logger.warn({ err }, "a part of the server failed to stop"));
  };
  const deps: HttpDeps = {
    config,
    logger,
    db,
    onStop: (stop) => void stoppers.push(stop),
    exports: new ExportGate({
      maxRows: config.exportMaxRows,
      maxBytes: config.exportMaxBytes,
      perOrganization: config.exportConcurrencyPerOrg,
      total: config.exportConcurrency,
    }),
    uploads: new SlotGate({ perOrganization: config.uploadConcurrencyPerOrg, total: config.uploadConcurrency }),
    withContext: (req, res, permission, work) =>
      withRequestContext(
        (authorization, requestId, options) =>
          createContext(
            db,
            authorization,
            requestId,
            { ...options, connections },
            throttle.guard(req.socket.remoteAddress),
          ),
        req,
        res,
        permission,
        work,
      ),
  };
  for (const m of MODULES) for (const router of m.routers ?? []) app.use(router(deps));
  app.use(
    "/graphql",
    express.json({ limit: config.maxBodyBytes, verify: jsonMustBeUtf8 }),
    refuseDeepJson,
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const scope = requestScope(req, res);
        try {
          // The key is checked with one statement, outside any transaction; the transaction opens only
          // for a well-formed operation (transactionPlugin), and never outlives the response.
          const actor = await authenticate(db, authorizationOf(req), throttle.guard(req.socket.remoteAddress));
          const ctx = createLazyContext(db, actor, scope.requestId, {
            statementTimeoutMs: config.statementTimeoutMs,
            requestTimeoutMs: config.requestDbTimeoutMs,
            connections,
          });
          res.once("close", () => void ctx.transaction.abandon());
          scope.record.role = ctx.actor.role;
          scope.record.organizationId = ctx.actor.organizationId;
          scopes.set(ctx, scope);
          return ctx;
        } catch (err) {
          const code = graphqlCodeOf(err);
          if (code && PASS_THROUGH_CODES.has(code)) {
            addErrorCode(scope.record, code);
            throw err;
          }
          if (isStatementTimeout(err)) {
            addErrorCode(scope.record, "TIMEOUT");
            throw graphqlError("TIMEOUT", TIMEOUT_MESSAGE);
          }
          // The database cannot be reached (or failed): as on the plain endpoints, 503 UNAVAILABLE.
          addErrorCode(scope.record, "UNAVAILABLE");
          scope.logger.error({ requestId: scope.requestId, err }, "context failed");
          throw graphqlError("UNAVAILABLE", UNAVAILABLE_MESSAGE, 1);
        }
      },
    }),
  );
  app.use(notFound);
  app.use(errorHandler(config));

  // The job worker (JOBS=off for a read-only replica): scheduled jobs and webhook delivery.
  const jobs = config.jobs ? await startJobs(config, db, logger) : undefined;
  try {
    await listen(httpServer, config.host, config.port);
  } catch (err) {
    await runStoppers();
    await jobs?.stop();
    throw err;
  }
  const { port } = httpServer.address() as import("node:net").AddressInfo;
  return {
    httpServer,
    url: `http://${config.host}:${port}/graphql`,
    logger,
    jobs,
    async stop() {
      // First the export worker (loading, idle or under an export: ended at once, its export written again on the
      // request's thread), then the requests drain within the grace period.
      await runStoppers();
      await drain.stop(config.shutdownGraceMs);
      await apollo.stop();
      await jobs?.stop();
    },
  };
}
