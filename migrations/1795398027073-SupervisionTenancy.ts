import { MigrationInterface, QueryRunner } from "typeorm";

// Row-level security for the supervision and evidence tables, as for every tenant table.
const TABLES = ["audit_report", "audit_finding", "audit_report_review", "supervision_plan", "processor_breach_notice", "evidence", "evidence_content"];

export class SupervisionTenancy1795398027073 implements MigrationInterface {
  name = "SupervisionTenancy1795398027073";

  public async up(q: QueryRunner): Promise<void> {
    for (const table of TABLES) {
      await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON "${table}" TO tilsyn_app`);
      await q.query(`ALTER TABLE "${table}" ENABLE ROW LEVEL SECURITY`);
      await q.query(`CREATE POLICY tenant_isolation ON "${table}"
        USING (organization_id = app_current_organization())
        WITH CHECK (organization_id = app_current_organization())`);
    }
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const table of TABLES) {
      await q.query(`DROP POLICY tenant_isolation ON "${table}"`);
      await q.query(`REVOKE ALL ON "${table}" FROM tilsyn_app`);
    }
  }
}
