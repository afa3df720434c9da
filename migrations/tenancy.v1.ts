// FROZEN: landed migrations call these functions, so what they run is part of those migrations. Never
// edit this file (a test checks its hash); a migration that needs other SQL writes it itself or adds
// tenancy.v2.ts beside this one.
// What every tenant table gets, shared by the migrations that create tenant tables: the app role may
// read and write it, and row-level security shows it only rows of app.organization_id. Also the
// audit-log trigger (the function comes with the AuditLog migration).
import { QueryRunner } from "typeorm";

export async function isolateTenantTable(q: QueryRunner, table: string): Promise<void> {
  await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON "${table}" TO tilsyn_app`);
  await q.query(`ALTER TABLE "${table}" ENABLE ROW LEVEL SECURITY`);
  await q.query(`CREATE POLICY tenant_isolation ON "${table}"
    USING (organization_id = app_current_organization())
    WITH CHECK (organization_id = app_current_organization())`);
}

export async function releaseTenantTable(q: QueryRunner, table: string): Promise<void> {
  await q.query(`DROP POLICY tenant_isolation ON "${table}"`);
  await q.query(`REVOKE ALL ON "${table}" FROM tilsyn_app`);
}

export async function auditTable(q: QueryRunner, table: string): Promise<void> {
  await q.query(`CREATE TRIGGER audit_log AFTER INSERT OR UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION record_audit_log()`);
}

export async function stopAuditingTable(q: QueryRunner, table: string): Promise<void> {
  await q.query(`DROP TRIGGER audit_log ON "${table}"`);
}
