import { MigrationInterface, QueryRunner } from "typeorm";
import { isolateTenantTable, releaseTenantTable } from "./tenancy.v1";

// Tenancy for the new tables, and the engagement history written by the database itself: the
// app role may read history rows but never write, change or delete them.
export class EngagementHistory1795397291053 implements MigrationInterface {
  name = "EngagementHistory1795397291053";

  public async up(q: QueryRunner): Promise<void> {
    await isolateTenantTable(q, "subprocessor_change_notice");

    await q.query(`GRANT SELECT ON subprocessor_engagement_history TO tilsyn_app`);
    await q.query(`ALTER TABLE subprocessor_engagement_history ENABLE ROW LEVEL SECURITY`);
    await q.query(`CREATE POLICY tenant_read ON subprocessor_engagement_history FOR SELECT
      USING (organization_id = app_current_organization())`);

    // recorded_at is clock_timestamp(), not now(): several changes in one transaction must keep their order.
    // effective_on is the business date of the state: approval date, end date or notice date when
    // the status changes; the day of recording (or a later approval date) when only details change.
    await q.query(`CREATE FUNCTION record_engagement_history() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        eff date;
      BEGIN
        IF TG_OP = 'UPDATE'
           AND NEW.status = OLD.status
           AND NEW.processor_id = OLD.processor_id AND NEW.subprocessor_id = OLD.subprocessor_id
           AND NEW.countries IS NOT DISTINCT FROM OLD.countries
           AND NEW.transfer_mechanism = OLD.transfer_mechanism
           AND NEW.agreement_id IS NOT DISTINCT FROM OLD.agreement_id
           AND NEW.purpose IS NOT DISTINCT FROM OLD.purpose
           AND NEW.approved_on IS NOT DISTINCT FROM OLD.approved_on
           AND NEW.removed_on IS NOT DISTINCT FROM OLD.removed_on
           AND NEW.notified_on IS NOT DISTINCT FROM OLD.notified_on
           AND (NEW.archived_at IS NULL) = (OLD.archived_at IS NULL) THEN
          RETURN NEW;
        END IF;
        eff := CASE NEW.status
          WHEN 'APPROVED' THEN coalesce(NEW.approved_on, current_date)
          WHEN 'REMOVED' THEN coalesce(NEW.removed_on, current_date)
          WHEN 'PROPOSED' THEN coalesce(NEW.notified_on, current_date)
          ELSE current_date
        END;
        IF TG_OP = 'UPDATE' AND NEW.status = OLD.status
           AND NEW.approved_on IS NOT DISTINCT FROM OLD.approved_on
           AND NEW.removed_on IS NOT DISTINCT FROM OLD.removed_on
           AND NEW.notified_on IS NOT DISTINCT FROM OLD.notified_on THEN
          eff := greatest(eff, current_date);
        END IF;
        INSERT INTO subprocessor_engagement_history (organization_id, engagement_id, processor_id, subprocessor_id,
          agreement_id, status, countries, transfer_mechanism, purpose, archived, effective_on, recorded_at, actor_api_key_id)
        VALUES (NEW.organization_id, NEW.id, NEW.processor_id, NEW.subprocessor_id, NEW.agreement_id, NEW.status,
          NEW.countries, NEW.transfer_mechanism, NEW.purpose, NEW.archived_at IS NOT NULL, eff,
          clock_timestamp(), nullif(current_setting('app.actor_id', true), '')::uuid);
        RETURN NEW;
      END $$`);
    await q.query(`REVOKE ALL ON FUNCTION record_engagement_history() FROM PUBLIC`);
    await q.query(`CREATE TRIGGER engagement_history AFTER INSERT OR UPDATE ON subprocessor_engagement
      FOR EACH ROW EXECUTE FUNCTION record_engagement_history()`);

    // Engagements recorded before this migration start their history at their approval or creation date.
    await q.query(`INSERT INTO subprocessor_engagement_history (organization_id, engagement_id, processor_id, subprocessor_id,
        agreement_id, status, countries, transfer_mechanism, purpose, archived, effective_on)
      SELECT organization_id, id, processor_id, subprocessor_id, agreement_id, status, countries, transfer_mechanism, purpose,
        archived_at IS NOT NULL,
        CASE status WHEN 'APPROVED' THEN coalesce(approved_on, created_at::date)
                    WHEN 'REMOVED' THEN coalesce(removed_on, updated_at::date)
                    ELSE coalesce(notified_on, created_at::date) END
      FROM subprocessor_engagement`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER engagement_history ON subprocessor_engagement`);
    await q.query(`DROP FUNCTION record_engagement_history()`);
    await q.query(`DROP POLICY tenant_read ON subprocessor_engagement_history`);
    await q.query(`REVOKE ALL ON subprocessor_engagement_history FROM tilsyn_app`);
    await releaseTenantTable(q, "subprocessor_change_notice");
  }
}
