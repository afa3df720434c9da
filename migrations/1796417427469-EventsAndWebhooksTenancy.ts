import { MigrationInterface, QueryRunner } from "typeorm";
import { auditTable, isolateTenantTable, releaseTenantTable, stopAuditingTable } from "./tenancy.v1";

// Row-level security on the outbox, the webhook tables and the daily ledger; the audit log on
// webhook endpoints (who pointed the organization's events where, and when; the secret lives in
// webhook_secret, which is not audited). And jobs(status): the queue's tables (schema pgboss, installed
// with the migrations by src/modules/jobs/queues.ts) belong to the owner, so the app role reads them
// through a function that shows an organization its own jobs and, without their data, the system's.
const TENANT_TABLES = ["event", "webhook_endpoint", "webhook_secret", "webhook_delivery", "webhook_attempt", "daily_run"];

export class EventsAndWebhooksTenancy1796417427469 implements MigrationInterface {
  name = "EventsAndWebhooksTenancy1796417427469";

  public async up(q: QueryRunner): Promise<void> {
    for (const table of TENANT_TABLES) await isolateTenantTable(q, table);
    await auditTable(q, "webhook_endpoint");
    // plpgsql: the body is checked when it runs, so the function can exist before the queue's schema.
    await q.query(`CREATE FUNCTION app_jobs(states text[], queue text, max_rows int)
      RETURNS TABLE (id uuid, queue_name text, state text, organization_scoped boolean, retry_count int, retry_limit int,
                     timed_out boolean, created_on timestamptz, start_after timestamptz, started_on timestamptz, completed_on timestamptz)
      LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
      #variable_conflict use_column
      BEGIN
        IF to_regclass('pgboss.job') IS NULL THEN RETURN; END IF;
        RETURN QUERY
          SELECT j.id, j.name, j.state::text, coalesce(j.data ? 'organizationId', false), j.retry_count, j.retry_limit,
                 CASE WHEN j.state IN ('failed', 'retry') THEN coalesce(j.output ->> 'message' LIKE '%failed by timeout%', false) END,
                 j.created_on, j.start_after, j.started_on, j.completed_on
            FROM (SELECT id, name, state, data, output, retry_count, retry_limit, created_on, start_after, started_on, completed_on FROM pgboss.job
                  UNION ALL
                  SELECT id, name, state, data, output, retry_count, retry_limit, created_on, start_after, started_on, completed_on FROM pgboss.archive) j
           WHERE (NOT coalesce(j.data ? 'organizationId', false) OR (j.data ->> 'organizationId') = app_current_organization()::text)
             AND (states IS NULL OR j.state::text = ANY (states))
             AND (queue IS NULL OR j.name = queue)
             AND j.name NOT LIKE '\\_\\_%'
           ORDER BY j.created_on DESC, j.id
           LIMIT max_rows;
      END $$`);
    await q.query(`REVOKE ALL ON FUNCTION app_jobs(text[], text, int) FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION app_jobs(text[], text, int) TO tilsyn_app`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION app_jobs(text[], text, int)`);
    await stopAuditingTable(q, "webhook_endpoint");
    for (const table of TENANT_TABLES) await releaseTenantTable(q, table);
  }
}
