// Org-scoped work outside a request (the daily jobs, an endpoint disabled by the dispatcher): one
// transaction as the app role with app.organization_id set, so row-level security, the audit log and
// the outbox behave exactly as in a request. The actor is the system (no API key).
import { randomUUID } from "node:crypto";
import type { Database } from "../../db/database";
import { finishTransaction, openTransaction, RequestContext } from "../../context";
import { createLoaders } from "../../loaders";
import { Role } from "../../common/auth";

export async function withOrganization<T>(
  db: Database,
  organizationId: string,
  label: string,
  work: (ctx: RequestContext) => Promise<T>,
): Promise<T> {
  // No statement timeout: a job is not a request, and the daily work of a large portfolio takes seconds.
  const qr = await openTransaction(db, {});
  const requestId = `job:${label}:${randomUUID()}`;
  try {
    await qr.query(
      `SELECT set_config('app.organization_id', $1, true), set_config('app.actor_id', '', true), ` +
        `set_config('app.request_id', $2, true)`,
      [organizationId, requestId],
    );
    const ctx = {
      requestId,
      actor: { organizationId, role: Role.ADMIN, apiKeyId: null },
      queryRunner: qr,
      manager: qr.manager,
    } as RequestContext;
    ctx.loaders = createLoaders(ctx);
    const result = await work(ctx);
    await finishTransaction(qr, true);
    return result;
  } catch (err) {
    await finishTransaction(qr, false).catch(() => undefined);
    throw err;
  }
}
