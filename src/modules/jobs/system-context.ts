// Org-scoped work outside a request (the daily jobs, an endpoint disabled by the dispatcher): one
// transaction as the app role with app.organization_id set, so row-level security, the audit log and
// the outbox behave exactly as in a request. The actor is the system (no API key).
import { randomUUID } from "node:crypto";
import type { Database } from "../../db/database";
import type { RequestContext } from "../../context";
import { createLazyContext } from "../../loaders";
import { Role } from "../../common/auth";

export async function withOrganization<T>(
  db: Database,
  organizationId: string,
  label: string,
  work: (ctx: RequestContext) => Promise<T>,
): Promise<T> {
  // No statement timeout: a job is not a request, and the daily work of a large portfolio takes seconds.
  const requestId = `job:${label}:${randomUUID()}`;
  const ctx = createLazyContext(db, { organizationId, role: Role.ADMIN, apiKeyId: null }, requestId, {});
  await ctx.transaction.open();
  try {
    const result = await work(ctx);
    await ctx.transaction.finish(true);
    return result;
  } catch (err) {
    await ctx.transaction.finish(false).catch(() => undefined);
    throw err;
  }
}
