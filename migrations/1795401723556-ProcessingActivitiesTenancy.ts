import { MigrationInterface, QueryRunner } from "typeorm";

// Row-level security and the audit log for the art. 30 record. The audit log is also what
// "the record as it stood on a date" is rebuilt from.
const TABLES = ["processing_activity", "processing_activity_processor", "processing_activity_data_category", "processing_activity_data_subject_category"];

export class ProcessingActivitiesTenancy1795401723556 implements MigrationInterface {
  name = "ProcessingActivitiesTenancy1795401723556";

  public async up(q: QueryRunner): Promise<void> {
    for (const table of TABLES) {
      await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON "${table}" TO tilsyn_app`);
      await q.query(`ALTER TABLE "${table}" ENABLE ROW LEVEL SECURITY`);
      await q.query(`CREATE POLICY tenant_isolation ON "${table}"
        USING (organization_id = app_current_organization())
        WITH CHECK (organization_id = app_current_organization())`);
      await q.query(`CREATE TRIGGER audit_log AFTER INSERT OR UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION record_audit_log()`);
    }
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const table of TABLES) {
      await q.query(`DROP TRIGGER audit_log ON "${table}"`);
      await q.query(`DROP POLICY tenant_isolation ON "${table}"`);
      await q.query(`REVOKE ALL ON "${table}" FROM tilsyn_app`);
    }
  }
}
