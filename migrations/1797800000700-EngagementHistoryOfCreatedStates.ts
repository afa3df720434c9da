import { MigrationInterface, QueryRunner } from "typeorm";

// An engagement created already REMOVED, with the date it was approved and the date it ended, recorded only
// "REMOVED from removedOn": its approved period was missing from every view as of a date (subprocessors(asOf:),
// subprocessorTree(asOf:), transferExposure(asOf:), the evidence list's sub-processor list), whereas creating it
// APPROVED and then updating it to REMOVED recorded both. Now an INSERT records "APPROVED from approvedOn" first, as
// that create-then-update would (a register import creates engagements through the same service and INSERT). The
// engagements created so before get their approved state, recorded just before their REMOVED one.
const TRIGGER_BODY = (approvedFirst: boolean) => `
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
        END IF;${
          approvedFirst
            ? `
        -- Created REMOVED with its approval date: the approved period first, as create-then-update records it.
        IF TG_OP = 'INSERT' AND NEW.status = 'REMOVED' AND NEW.approved_on IS NOT NULL AND NEW.approved_on <= eff THEN
          INSERT INTO subprocessor_engagement_history (organization_id, engagement_id, processor_id, subprocessor_id,
            agreement_id, status, countries, transfer_mechanism, purpose, archived, effective_on, recorded_at,
            actor_api_key_id)
          VALUES (NEW.organization_id, NEW.id, NEW.processor_id, NEW.subprocessor_id, NEW.agreement_id, 'APPROVED',
            NEW.countries, NEW.transfer_mechanism, NEW.purpose, NEW.archived_at IS NOT NULL, NEW.approved_on,
            clock_timestamp(), nullif(current_setting('app.actor_id', true), '')::uuid);
        END IF;`
            : ""
        }
        INSERT INTO subprocessor_engagement_history (organization_id, engagement_id, processor_id, subprocessor_id,
          agreement_id, status, countries, transfer_mechanism, purpose, archived, effective_on, recorded_at, actor_api_key_id)
        VALUES (NEW.organization_id, NEW.id, NEW.processor_id, NEW.subprocessor_id, NEW.agreement_id, NEW.status,
          NEW.countries, NEW.transfer_mechanism, NEW.purpose, NEW.archived_at IS NOT NULL, eff,
          clock_timestamp(), nullif(current_setting('app.actor_id', true), '')::uuid);
        RETURN NEW;
      END`;

export class EngagementHistoryOfCreatedStates1797800000700 implements MigrationInterface {
  name = "EngagementHistoryOfCreatedStates1797800000700";

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE OR REPLACE FUNCTION record_engagement_history() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$${TRIGGER_BODY(true)} $$`);
    // Engagements whose history starts REMOVED though they record an approval on or before it: the approved state,
    // recorded a microsecond before the REMOVED one (on the same day REMOVED stays the later state).
    await q.query(`INSERT INTO subprocessor_engagement_history (organization_id, engagement_id, processor_id,
        subprocessor_id, agreement_id, status, countries, transfer_mechanism, purpose, archived, effective_on,
        recorded_at, actor_api_key_id)
      SELECT h.organization_id, h.engagement_id, h.processor_id, h.subprocessor_id, h.agreement_id, 'APPROVED',
        h.countries, h.transfer_mechanism, h.purpose, h.archived, e.approved_on, h.recorded_at - interval '1 microsecond',
        h.actor_api_key_id
      FROM (SELECT DISTINCT ON (engagement_id) * FROM subprocessor_engagement_history
             ORDER BY engagement_id, recorded_at) h
      JOIN subprocessor_engagement e ON e.id = h.engagement_id
      WHERE h.status = 'REMOVED' AND e.approved_on IS NOT NULL AND e.approved_on <= h.effective_on
        AND NOT EXISTS (SELECT 1 FROM subprocessor_engagement_history a
                         WHERE a.engagement_id = h.engagement_id AND a.status = 'APPROVED')`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE OR REPLACE FUNCTION record_engagement_history() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$${TRIGGER_BODY(false)} $$`);
  }
}
