// Plain HTTP endpoints (evidence files, exports) get the same auth, tenant scope and single
// transaction as GraphQL requests, and answer errors as JSON without internals.
// Every request (GraphQL or plain) has a RequestScope: its id, the logger, the statement timeout
// and the record behind its one log line, written when the response is done.
import type { NextFunction, Request, Response } from "express";
import { randomUUID } from "node:crypto";
import { GraphQLError } from "graphql";
import {
  finishTransaction,
  isStatementTimeout,
  RequestContext,
  TransactionLostError,
  TransactionOptions,
} from "../context";
import { allows, Permission } from "../common/auth";
import { HttpError } from "../common/errors";
import { addErrorCode, defaultLogger, Logger, RequestLogRecord } from "../common/logger";

export const TIMEOUT_MESSAGE =
  "The request took too long and was cancelled; narrow it down (smaller pages, fewer items) and try again.";

export interface RequestScope {
  requestId: string;
  logger: Logger;
  statementTimeoutMs?: number;
  record: RequestLogRecord;
}

const SCOPE = Symbol("tilsyn.requestScope");

function requestIdOf(req: Request): string {
  return (req.headers["x-request-id"] as string | undefined)?.slice(0, 100) || randomUUID();
}

function newScope(req: Request, logger: Logger, statementTimeoutMs?: number): RequestScope {
  const requestId = requestIdOf(req);
  return {
    requestId,
    logger,
    statementTimeoutMs,
    record: { requestId, method: req.method, path: req.originalUrl.split("?")[0], errorCodes: [] },
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
export function requestScopeMiddleware(logger: Logger, statementTimeoutMs: number) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    const scope = newScope(req, logger, statementTimeoutMs);
    (res.locals as Record<symbol, RequestScope>)[SCOPE] = scope;
    res.setHeader("x-request-id", scope.requestId);
    res.once("close", () => {
      const durationMs = Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10;
      const { record } = scope;
      const line = {
        requestId: record.requestId,
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
    ctx = await open(req.headers.authorization, requestId, { statementTimeoutMs: scope.statementTimeoutMs });
  } catch (err) {
    if (err instanceof GraphQLError && err.extensions?.code === "UNAUTHENTICATED") {
      return sendError(res, new HttpError("UNAUTHENTICATED", err.message));
    }
    if (isStatementTimeout(err)) return sendError(res, new HttpError("TIMEOUT", TIMEOUT_MESSAGE));
    logger.error({ requestId, err }, "context failed");
    return sendError(res, new HttpError("UNAVAILABLE", "The service is not available; try again."));
  }
  scope.record.role = ctx.actor.role;
  scope.record.organizationId = ctx.actor.organizationId;
  try {
    if (permission && !allows(ctx.actor.role, permission))
      throw new HttpError("FORBIDDEN", "Your API key's role does not allow this operation.");
    await work(ctx);
    await finishTransaction(ctx.queryRunner, true);
  } catch (err) {
    // A connection that died has nothing to roll back; the answer below is what matters.
    await finishTransaction(ctx.queryRunner, false).catch((rollbackErr) =>
      logger.warn({ requestId, err: rollbackErr }, "rollback failed"),
    );
    if (err instanceof HttpError) return sendError(res, err);
    if (isStatementTimeout(err)) {
      logger.warn({ requestId, err }, "statement timeout");
      return sendError(res, new HttpError("TIMEOUT", TIMEOUT_MESSAGE));
    }
    if (err instanceof TransactionLostError) {
      logger.error({ requestId, err }, "commit failed");
      return sendError(
        res,
        new HttpError("UNAVAILABLE", "The service is not available; nothing was written. Try again."),
      );
    }
    logger.error({ requestId, err }, "internal error");
    sendError(res, new HttpError("INTERNAL", "Internal server error."));
  }
}
