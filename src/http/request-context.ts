// Plain HTTP endpoints (evidence files, exports) get the same auth, tenant scope and single
// transaction as GraphQL requests, and answer errors as JSON without internals.
// Every request (GraphQL or plain) has a RequestScope: its id, the logger, the statement timeout
// and the record behind its one log line, written when the response is done.
import type { NextFunction, Request, Response } from "express";
import type { IncomingMessage } from "node:http";
import { randomUUID } from "node:crypto";
import { GraphQLError } from "graphql";
import {
  isConnectionLost,
  isStatementTimeout,
  KeyRevokedError,
  leftBehind,
  RequestContext,
  TransactionLostError,
  TransactionOptions,
} from "../context";
import { allows, Permission } from "../common/auth";
import { HttpError, unauthenticated } from "../common/errors";
import { OrganizationBusyError } from "./connection-share";
import { addErrorCode, defaultLogger, Logger, RequestLogRecord } from "../common/logger";

export const UNAVAILABLE_MESSAGE = "The service is not available; try again.";

/** The Retry-After (seconds) a GraphQL error of the vocabulary carries, if any. */
export function retryAfterOf(err: GraphQLError): number | undefined {
  const http = err.extensions?.http as { headers?: Map<string, string> } | undefined;
  const value = http?.headers?.get("retry-after");
  return value === undefined ? undefined : Number(value);
}

export const TIMEOUT_MESSAGE =
  "The request took too long and was cancelled; narrow it down (smaller pages, fewer items) and try again.";

export interface RequestScope {
  requestId: string;
  logger: Logger;
  statementTimeoutMs?: number;
  /** The request's database deadline (REQUEST_DB_TIMEOUT_MS; see RequestDeadline in src/context.ts). */
  requestTimeoutMs?: number;
  record: RequestLogRecord;
}

const SCOPE = Symbol("tilsyn.requestScope");

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The request's id: the client's X-Request-Id when it is a UUID, else a new one (the audit log stores it,
 * so it is never free text); the client's value is logged beside it when it was not taken.
 */
function requestIdsOf(req: Request): { requestId: string; clientRequestId?: string } {
  const header = req.headers["x-request-id"];
  const client = typeof header === "string" ? header : undefined;
  if (client && UUID.test(client)) return { requestId: client.toLowerCase() };
  return { requestId: randomUUID(), ...(client ? { clientRequestId: client.slice(0, 100) } : {}) };
}

function newScope(req: Request, logger: Logger, statementTimeoutMs?: number, requestTimeoutMs?: number): RequestScope {
  const { requestId, clientRequestId } = requestIdsOf(req);
  return {
    requestId,
    logger,
    statementTimeoutMs,
    requestTimeoutMs,
    record: { requestId, clientRequestId, method: req.method, path: req.originalUrl.split("?")[0], errorCodes: [] },
  };
}

/** The scope requestScopeMiddleware set up (or a fresh one, for routers mounted elsewhere). */
export function requestScope(req: Request, res: Response): RequestScope {
  const locals = res.locals as Record<symbol, RequestScope | undefined>;
  return (locals[SCOPE] ??= newScope(req, defaultLogger()));
}

/** Paths answered often and automatically (probes): logged at debug only. */
const QUIET_PATHS = new Set(["/healthz", "/readyz"]);

/**
 * Opens the scope of each request, echoes its id in `x-request-id`, and writes one log line when
 * the response is done (or the client went away): ids, operation, cost, status, codes, duration.
 * Nothing from the request body, query string or Authorization header is logged.
 */
export function requestScopeMiddleware(logger: Logger, statementTimeoutMs: number, requestTimeoutMs = 0) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    const scope = newScope(req, logger, statementTimeoutMs, requestTimeoutMs);
    (res.locals as Record<symbol, RequestScope>)[SCOPE] = scope;
    res.setHeader("x-request-id", scope.requestId);
    res.once("close", () => {
      const durationMs = Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10;
      const { record } = scope;
      const line = {
        requestId: record.requestId,
        clientRequestId: record.clientRequestId,
        method: record.method,
        path: record.path,
        operationName: record.operationName ?? undefined,
        operationType: record.operationType,
        status: res.statusCode,
        durationMs,
        cost: record.cost,
        errorCodes: record.errorCodes.length ? record.errorCodes : undefined,
        role: record.role,
        organizationId: record.organizationId,
        aborted: res.writableFinished ? undefined : true,
      };
      if (res.statusCode >= 500) logger.error(line, "request");
      else if (QUIET_PATHS.has(record.path)) logger.debug(line, "request");
      else logger.info(line, "request");
    });
    next();
  };
}

export function sendError(res: Response, err: HttpError): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const locals = res.locals as Record<symbol, RequestScope | undefined>;
  addErrorCode(locals[SCOPE]?.record, err.code);
  if (err.retryAfterSeconds !== null) res.setHeader("Retry-After", String(err.retryAfterSeconds));
  res
    .status(err.status)
    .json({ error: { code: err.code, message: err.message, ...(err.field ? { field: err.field } : {}) } });
}

/**
 * Opens a request's context: its transaction, actor and loaders (src/loaders.ts's createContext, bound to the
 * database).
 */
export type ContextOpener = (
  authorization: string | undefined,
  requestId: string,
  options: TransactionOptions,
) => Promise<RequestContext>;

/**
 * Runs `work` in one request transaction, for a caller the permission allows (null: any key):
 * committed when it returns, rolled back when it throws. Routers get it bound as HttpDeps.withContext.
 */
export type WithContext = (
  req: Request,
  res: Response,
  permission: Permission | null,
  work: (ctx: RequestContext) => Promise<void>,
) => Promise<void>;

/**
 * The request's one Authorization header. Two are refused by name: Node keeps the first of a repeated
 * Authorization and drops the rest, so a client sending two keys would act as whichever came first.
 */
export function authorizationOf(req: IncomingMessage): string | undefined {
  const given = req.headersDistinct.authorization ?? [];
  if (given.length > 1)
    throw unauthenticated(`Send one Authorization header (Bearer <key>): this request has ${given.length}.`);
  return given[0];
}

export async function withRequestContext(
  open: ContextOpener,
  req: Request,
  res: Response,
  permission: Permission | null,
  work: (ctx: RequestContext) => Promise<void>,
): Promise<void> {
  const scope = requestScope(req, res);
  const { requestId, logger } = scope;
  let ctx: RequestContext;
  try {
    ctx = await open(authorizationOf(req), requestId, {
      statementTimeoutMs: scope.statementTimeoutMs,
      requestTimeoutMs: scope.requestTimeoutMs,
    });
  } catch (err) {
    const code = err instanceof GraphQLError ? err.extensions?.code : undefined;
    if (code === "UNAUTHENTICATED") return sendError(res, new HttpError("UNAUTHENTICATED", (err as Error).message));
    if (code === "THROTTLED") {
      const retryAfter = retryAfterOf(err as GraphQLError);
      return sendError(
        res,
        Object.assign(new HttpError("THROTTLED", (err as Error).message), { retryAfterSeconds: retryAfter ?? null }),
      );
    }
    if (isStatementTimeout(err)) return sendError(res, new HttpError("TIMEOUT", TIMEOUT_MESSAGE));
    if (err instanceof OrganizationBusyError)
      return sendError(res, Object.assign(new HttpError("UNAVAILABLE", err.message), { retryAfterSeconds: 1 }));
    logger.error({ requestId, err }, "context failed");
    return sendError(res, Object.assign(new HttpError("UNAVAILABLE", UNAVAILABLE_MESSAGE), { retryAfterSeconds: 1 }));
  }
  scope.record.role = ctx.actor.role;
  scope.record.organizationId = ctx.actor.organizationId;
  // The client went away before the answer was complete: whatever the work still holds is rolled back
  // (its next statement fails, and the answer goes nowhere). A complete answer leaves the commit to work's end.
  res.once("close", () => {
    if (!res.writableFinished) void ctx.transaction.abandon();
  });
  try {
    if (permission && !allows(ctx.actor.role, permission))
      throw new HttpError("FORBIDDEN", "Your API key's role does not allow this operation.");
    await work(ctx);
    await ctx.transaction.finish(true);
  } catch (err) {
    // A connection that died has nothing to roll back; the answer below is what matters.
    await ctx.transaction
      .finish(false)
      .catch((rollbackErr) => logger.warn({ requestId, err: rollbackErr }, "rollback failed"));
    if (err instanceof HttpError) return sendError(res, err);
    if (err instanceof KeyRevokedError) return sendError(res, new HttpError("UNAUTHENTICATED", err.message));
    if (isStatementTimeout(err)) {
      logger.warn({ requestId, err }, "statement timeout");
      return sendError(res, new HttpError("TIMEOUT", TIMEOUT_MESSAGE));
    }
    if (leftBehind(ctx.transaction, err)) {
      // The client went away and its transaction was rolled back under the work: the work's next statement
      // found no connection. Nothing to answer and nothing wrong with the service.
      addErrorCode(scope.record, "CLIENT_CLOSED_REQUEST");
      return;
    }
    if (err instanceof TransactionLostError || isConnectionLost(err)) {
      logger.error({ requestId, err }, err instanceof TransactionLostError ? "commit failed" : "connection lost");
      return sendError(
        res,
        new HttpError("UNAVAILABLE", "The service is not available; nothing was written. Try again."),
      );
    }
    logger.error({ requestId, err }, "internal error");
    sendError(res, new HttpError("INTERNAL", "Internal server error."));
  }
}
