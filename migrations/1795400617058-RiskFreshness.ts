import { MigrationInterface, QueryRunner } from "typeorm";
import { auditTable, isolateTenantTable, releaseTenantTable, stopAuditingTable } from "./tenancy.v1";

// Tenancy for the risk tables, and the staleness marker: any change to data a score reads marks the
// organization's stored scores stale (a trigger, so no code path can forget it); the next read
// recomputes them before it answers.
const TENANT_TABLES = ["risk_model", "risk_assessment", "risk_freshness"];
const SCORE_INPUTS = [
  "processor", "agreement", "agreement_data_category", "agreement_data_subject_category", "agreement_required_measure",
  "subprocessor_engagement", "subprocessor_change_notice", "processor_measure", "audit_report", "audit_finding",
  "audit_report_review", "supervision_plan", "processor_breach_notice", "risk_model", "data_category", "data_subject_category",
];

export class RiskFreshness1795400617058 implements MigrationInterface {
  name = "RiskFreshness1795400617058";

  public async up(q: QueryRunner): Promise<void> {
    for (const table of TENANT_TABLES) await isolateTenantTable(q, table);
    await q.query(`CREATE FUNCTION mark_risk_stale() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        org uuid;
      BEGIN
        org := CASE WHEN TG_OP = 'DELETE' THEN OLD.organization_id ELSE NEW.organization_id END;
        IF org IS NOT NULL THEN
          INSERT INTO risk_freshness (organization_id, stale) VALUES (org, true)
          ON CONFLICT (organization_id) DO UPDATE SET stale = true WHERE risk_freshness.stale = false;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`REVOKE ALL ON FUNCTION mark_risk_stale() FROM PUBLIC`);
    for (const table of SCORE_INPUTS) {
      await q.query(`CREATE TRIGGER risk_stale AFTER INSERT OR UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION mark_risk_stale()`);
    }
    // The organization's own model versions are domain data: audited like the rest.
    await auditTable(q, "risk_model");
  }

  public async down(q: QueryRunner): Promise<void> {
    await stopAuditingTable(q, "risk_model");
    for (const table of SCORE_INPUTS) await q.query(`DROP TRIGGER risk_stale ON "${table}"`);
    await q.query(`DROP FUNCTION mark_risk_stale()`);
    for (const table of TENANT_TABLES) await releaseTenantTable(q, table);
  }
}
