import { MigrationInterface, QueryRunner } from "typeorm";
import { auditTable, stopAuditingTable } from "./tenancy.v1";

// The audit log is written by the database itself: one generic AFTER ROW trigger on every tenant
// table holding domain data records who (API key), in which request, changed what (before/after).
// The app role may only read its organization's entries; it cannot write, change, delete or
// truncate them, not even with raw SQL.
//
// Not audited: subprocessor_engagement_history (already an append-only history written by a
// trigger) and evidence_content (the bytes; the evidence row carries their SHA-256).
// Rows of data_category, data_subject_category and measure with organization_id NULL are the
// global vocabulary loaded by the owner; the trigger skips them.
export const AUDITED_TABLES = [
  "organization",
  "api_key",
  "processor",
  "agreement",
  "agreement_data_category",
  "agreement_data_subject_category",
  "agreement_required_measure",
  "subprocessor_engagement",
  "subprocessor_change_notice",
  "processor_measure",
  "audit_report",
  "audit_finding",
  "audit_report_review",
  "supervision_plan",
  "processor_breach_notice",
  "evidence",
  "data_category",
  "data_subject_category",
  "measure",
];

export class AuditLog1795398935610 implements MigrationInterface {
  name = "AuditLog1795398935610";

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE audit_log (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      organization_id uuid NOT NULL,
      actor_api_key_id uuid NULL,
      request_id text NULL,
      entity text NOT NULL,
      entity_id uuid NOT NULL,
      action text NOT NULL CHECK (action IN ('INSERT', 'UPDATE', 'DELETE')),
      before jsonb NULL,
      after jsonb NULL,
      changed_fields text[] NOT NULL DEFAULT '{}',
      at timestamptz NOT NULL DEFAULT clock_timestamp()
    )`);
    await q.query(`CREATE INDEX ix_audit_log_org ON audit_log (organization_id, id)`);
    await q.query(`CREATE INDEX ix_audit_log_entity ON audit_log (organization_id, entity, entity_id, id)`);
    await q.query(`CREATE INDEX ix_audit_log_at ON audit_log (organization_id, at)`);

    // Read-only for the app role, and only its own organization's entries.
    await q.query(`REVOKE ALL ON audit_log FROM PUBLIC`);
    await q.query(`REVOKE ALL ON audit_log FROM tilsyn_app`);
    await q.query(`GRANT SELECT ON audit_log TO tilsyn_app`);
    await q.query(`ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY`);
    await q.query(`CREATE POLICY tenant_read ON audit_log FOR SELECT
      USING (organization_id = app_current_organization())`);

    // Secret columns never reach the log. changed_fields lists every column whose value differs
    // (for INSERT: the non-null columns; for DELETE: the non-null columns removed). An UPDATE
    // that changes only bookkeeping columns (updated_at, version, api_key.last_used_at) is not recorded.
    await q.query(`CREATE FUNCTION record_audit_log() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        old_row jsonb;
        new_row jsonb;
        row_data jsonb;
        org uuid;
        changed text[];
      BEGIN
        IF TG_OP <> 'INSERT' THEN old_row := to_jsonb(OLD) - 'secret_sha256'; END IF;
        IF TG_OP <> 'DELETE' THEN new_row := to_jsonb(NEW) - 'secret_sha256'; END IF;
        row_data := coalesce(new_row, old_row);
        org := CASE WHEN TG_TABLE_NAME = 'organization' THEN (row_data ->> 'id')::uuid
                    ELSE (row_data ->> 'organization_id')::uuid END;
        -- Global vocabulary rows (organization_id NULL) belong to no tenant.
        IF org IS NULL THEN RETURN NULL; END IF;
        SELECT coalesce(array_agg(k ORDER BY k), '{}') INTO changed
          FROM (SELECT jsonb_object_keys(coalesce(old_row, '{}') || coalesce(new_row, '{}')) AS k) keys
         WHERE coalesce(old_row -> k, 'null'::jsonb) IS DISTINCT FROM coalesce(new_row -> k, 'null'::jsonb);
        IF TG_OP = 'UPDATE' AND changed <@ ARRAY['updated_at', 'version', 'last_used_at'] THEN
          RETURN NULL;
        END IF;
        INSERT INTO audit_log (organization_id, actor_api_key_id, request_id, entity, entity_id, action, before, after, changed_fields)
        VALUES (org, nullif(current_setting('app.actor_id', true), '')::uuid, nullif(current_setting('app.request_id', true), ''),
                TG_TABLE_NAME, (row_data ->> 'id')::uuid, TG_OP, old_row, new_row, changed);
        RETURN NULL;
      END $$`);
    await q.query(`REVOKE ALL ON FUNCTION record_audit_log() FROM PUBLIC`);
    for (const table of AUDITED_TABLES) await auditTable(q, table);
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const table of AUDITED_TABLES) await stopAuditingTable(q, table);
    await q.query(`DROP FUNCTION record_audit_log()`);
    await q.query(`DROP POLICY tenant_read ON audit_log`);
    await q.query(`DROP TABLE audit_log`);
  }
}
