// Plain HTTP endpoints (evidence files, exports) get the same auth, tenant scope and single
// transaction as GraphQL requests, and answer errors as JSON without internals.
import type { Request, Response } from "express";
import { randomUUID } from "node:crypto";
import { GraphQLError } from "graphql";
import type { Database } from "../db/database";
import { createContext, finishTransaction, RequestContext } from "../context";
import { Role } from "../modules/auth/api-key.entity";

export class HttpError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string,
    message: string,
    public readonly field: string | null = null,
  ) {
    super(message);
  }
}

export function sendError(res: Response, err: HttpError): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.status(err.status).json({ error: { code: err.code, message: err.message, ...(err.field ? { field: err.field } : {}) } });
}

/** Runs `work` in one request transaction: committed when it returns, rolled back when it throws. */
export async function withRequestContext(
  db: Database,
  req: Request,
  res: Response,
  roles: readonly Role[] | null,
  work: (ctx: RequestContext) => Promise<void>,
): Promise<void> {
  let ctx: RequestContext;
  const requestId = (req.headers["x-request-id"] as string | undefined)?.slice(0, 100) || randomUUID();
  try {
    ctx = await createContext(db, req.headers.authorization, requestId);
  } catch (err) {
    if (err instanceof GraphQLError && err.extensions?.code === "UNAUTHENTICATED") {
      return sendError(res, new HttpError(401, "UNAUTHENTICATED", err.message));
    }
    console.error(JSON.stringify({ level: "error", msg: "context failed", requestId, error: err instanceof Error ? err.stack : String(err) }));
    return sendError(res, new HttpError(503, "UNAVAILABLE", "The service is not available; try again."));
  }
  try {
    if (roles && !roles.includes(ctx.actor.role)) throw new HttpError(403, "FORBIDDEN", "Your API key's role does not allow this operation.");
    await work(ctx);
    await finishTransaction(ctx.queryRunner, true);
  } catch (err) {
    await finishTransaction(ctx.queryRunner, false);
    if (err instanceof HttpError) return sendError(res, err);
    console.error(JSON.stringify({ level: "error", msg: "internal error", requestId, error: err instanceof Error ? err.stack : String(err) }));
    sendError(res, new HttpError(500, "INTERNAL", "Internal server error."));
  }
}
