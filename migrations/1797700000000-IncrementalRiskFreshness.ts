import { MigrationInterface, QueryRunner } from "typeorm";
import { isolateTenantTable, releaseTenantTable } from "./tenancy.v1";

// Freshness per processor instead of per organization. A write marks stale only the processors whose
// facts it touched (risk_stale_processor; the reader adds everything upstream of them, whose propagated
// score may depend on them, and recomputes exactly that set). A change to a processor's name or other
// descriptive column marks nothing. What changes every score (the model, the shared vocabulary) still
// marks the whole organization stale (risk_freshness, as before).
//
// Rows are appended without a unique key: an insert never waits on another writer's uncommitted row
// (two writers touching the same processors in opposite orders could otherwise deadlock), and the
// reader that claims them (DELETE … RETURNING) takes duplicates once.
//
// A mark says whether the write can change what processors above see in their chain (chain: agreements,
// engagements, the processor's own risk columns) or only the processor's own facts (reports, findings,
// reviews, breach notices, measures, its supervision plan): then the processors above only take its
// new own score into their propagation, which each assessment's floor_tier (the tier the facts' floors
// allow at least; NONE for none) lets them do without gathering their facts again.
//
// And the dashboard's ranking from an index: current assessments by score, narrow enough that the page
// (51 rows) is read from the index without touching the wide factors.
const PROCESSOR_TABLES = [
  "agreement",
  "processor_measure",
  "audit_report",
  "audit_finding",
  "supervision_plan",
  "processor_breach_notice",
];
const AGREEMENT_LINK_TABLES = ["agreement_data_category", "agreement_data_subject_category", "agreement_required_measure"];
const OWN_FACT_TABLES = [
  "audit_report",
  "audit_finding",
  "audit_report_review",
  "processor_breach_notice",
  "processor_measure",
  "supervision_plan",
];
const ALL_TABLES = [
  "processor",
  ...PROCESSOR_TABLES,
  ...AGREEMENT_LINK_TABLES,
  "subprocessor_engagement",
  "subprocessor_change_notice",
  "audit_report_review",
];
// Columns of processor no score reads: changing only these marks nothing stale.
const DESCRIPTIVE = [
  "name",
  "legal_name",
  "registration_number",
  "registration_scheme",
  "address",
  "website",
  "service_description",
  "contact_email",
  "source",
  // the vendor register's fields (1797500000000-VendorRegisterFields): no score reads them
  "business_owner_name",
  "business_owner_email",
  "business_criticality",
  "contract_start_on",
  "renewal_on",
  "notice_on",
  "services_provided",
  "tags",
  "internal_notes",
  "version",
  "updated_at",
];

export class IncrementalRiskFreshness1797700000000 implements MigrationInterface {
  name = "IncrementalRiskFreshness1797700000000";

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "risk_stale_processor" (
      "organization_id" uuid NOT NULL REFERENCES "organization"("id") ON DELETE CASCADE,
      "processor_id" uuid NOT NULL,
      "chain" boolean NOT NULL DEFAULT true,
      "marked_at" timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE INDEX "ix_risk_stale_processor" ON "risk_stale_processor" ("organization_id", "processor_id")`);
    await isolateTenantTable(q, "risk_stale_processor");

    // Processors touched by a row of each input table. Engagements under an agreement: the sub-processor
    // is covered by it and the engaging processor's hops are judged by it.
    await q.query(`CREATE FUNCTION risk_inputs_touched(tbl text, r jsonb) RETURNS SETOF uuid
      LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        touched_agreement uuid;
      BEGIN
        IF tbl = 'processor' THEN
          RETURN NEXT (r->>'id')::uuid;
        ELSIF tbl IN (${PROCESSOR_TABLES.map((t) => `'${t}'`).join(", ")}) THEN
          RETURN NEXT (r->>'processor_id')::uuid;
        ELSIF tbl = 'subprocessor_engagement' THEN
          RETURN NEXT (r->>'processor_id')::uuid;
          RETURN NEXT (r->>'subprocessor_id')::uuid;
        ELSIF tbl = 'subprocessor_change_notice' THEN
          RETURN QUERY SELECT x FROM subprocessor_engagement e, LATERAL (VALUES (e.processor_id), (e.subprocessor_id)) v(x)
            WHERE e.id IN ((r->>'engagement_id')::uuid, (r->>'replaces_engagement_id')::uuid);
        ELSIF tbl = 'audit_report_review' THEN
          RETURN QUERY SELECT processor_id FROM audit_report WHERE id = (r->>'audit_report_id')::uuid;
        END IF;
        IF tbl = 'agreement' THEN
          touched_agreement := (r->>'id')::uuid;
        ELSIF tbl IN (${AGREEMENT_LINK_TABLES.map((t) => `'${t}'`).join(", ")}) THEN
          touched_agreement := (r->>'agreement_id')::uuid;
          RETURN QUERY SELECT processor_id FROM agreement WHERE id = touched_agreement;
        END IF;
        IF touched_agreement IS NOT NULL THEN
          RETURN QUERY SELECT x FROM subprocessor_engagement e, LATERAL (VALUES (e.processor_id), (e.subprocessor_id)) v(x)
            WHERE e.agreement_id = touched_agreement;
        END IF;
      END $$`);
    await q.query(`CREATE FUNCTION mark_risk_inputs_stale() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        org uuid;
        old_row jsonb;
        new_row jsonb;
        marks_chain boolean := TG_TABLE_NAME NOT IN (${OWN_FACT_TABLES.map((t) => `'${t}'`).join(", ")});
      BEGIN
        org := CASE WHEN TG_OP = 'DELETE' THEN OLD.organization_id ELSE NEW.organization_id END;
        IF org IS NULL THEN RETURN NULL; END IF;
        IF TG_OP <> 'INSERT' THEN old_row := to_jsonb(OLD); END IF;
        IF TG_OP <> 'DELETE' THEN new_row := to_jsonb(NEW); END IF;
        IF TG_OP = 'UPDATE' AND TG_TABLE_NAME = 'processor'
           AND old_row - ARRAY[${DESCRIPTIVE.map((c) => `'${c}'`).join(", ")}]
             = new_row - ARRAY[${DESCRIPTIVE.map((c) => `'${c}'`).join(", ")}] THEN
          RETURN NULL;
        END IF;
        INSERT INTO risk_stale_processor (organization_id, processor_id, chain)
        SELECT DISTINCT org, t.id, marks_chain
          FROM (SELECT risk_inputs_touched(TG_TABLE_NAME, old_row) AS id WHERE old_row IS NOT NULL
                UNION SELECT risk_inputs_touched(TG_TABLE_NAME, new_row) WHERE new_row IS NOT NULL) t
         WHERE t.id IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM risk_stale_processor s
                            WHERE s.organization_id = org AND s.processor_id = t.id AND (s.chain OR NOT marks_chain));
        RETURN NULL;
      END $$`);
    await q.query(`REVOKE ALL ON FUNCTION mark_risk_inputs_stale() FROM PUBLIC`);
    await q.query(`REVOKE ALL ON FUNCTION risk_inputs_touched(text, jsonb) FROM PUBLIC`);
    for (const table of ALL_TABLES) {
      await q.query(`DROP TRIGGER risk_stale ON "${table}"`);
      await q.query(
        `CREATE TRIGGER risk_stale AFTER INSERT OR UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION mark_risk_inputs_stale()`,
      );
    }
    await q.query(`ALTER TABLE "risk_assessment" ADD "floor_tier" character varying(10)`);
    await q.query(
      `CREATE INDEX "ix_risk_assessment_rank" ON "risk_assessment" ("organization_id", "score" DESC, "processor_id" DESC) WHERE is_current`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_risk_assessment_rank"`);
    await q.query(`ALTER TABLE "risk_assessment" DROP COLUMN "floor_tier"`);
    for (const table of ALL_TABLES) {
      await q.query(`DROP TRIGGER risk_stale ON "${table}"`);
      await q.query(
        `CREATE TRIGGER risk_stale AFTER INSERT OR UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION mark_risk_stale()`,
      );
    }
    await q.query(`DROP FUNCTION mark_risk_inputs_stale()`);
    await q.query(`DROP FUNCTION risk_inputs_touched(text, jsonb)`);
    await releaseTenantTable(q, "risk_stale_processor");
    await q.query(`DROP TABLE "risk_stale_processor"`);
  }
}
