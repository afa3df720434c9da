import { MigrationInterface, QueryRunner } from "typeorm";
import { isolateTenantTable, releaseTenantTable } from "./tenancy.v1";

// An engagement update marks only what it can change (issue 19). Columns no score reads (purpose, source,
// the dates, the row's version) mark nothing. A change of only the hop's terms (countries, transfer
// mechanism) is recorded with the terms before it (risk_stale_hop): the next reader assesses the hop
// under both, as the transfer rules do, and marks the engaging processor's chain only when what a score
// reads of the hop (third country, findings) differs. Any other update, insert or delete marks as before.
//
// The columns are named by what does NOT count (as for processors in 1797700000000), so a column added
// later is a risk input until someone says otherwise.
const NOT_READ = ["purpose", "source", "notified_on", "approved_on", "removed_on", "created_at", "updated_at", "version"];
const TERMS = ["countries", "transfer_mechanism"];
const list = (cols: string[]) => `ARRAY[${cols.map((c) => `'${c}'`).join(", ")}]`;
const rest = (row: string, cols: string[]) => `(to_jsonb(${row}) - ${list(cols)})`;

export class EngagementTermsFreshness1797800000000 implements MigrationInterface {
  name = "EngagementTermsFreshness1797800000000";

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "risk_stale_hop" (
      "organization_id" uuid NOT NULL REFERENCES "organization"("id") ON DELETE CASCADE,
      "engagement_id" uuid NOT NULL,
      "processor_id" uuid NOT NULL,
      "countries" text[] NOT NULL,
      "transfer_mechanism" text NOT NULL,
      "marked_at" timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE INDEX "ix_risk_stale_hop" ON "risk_stale_hop" ("organization_id")`);
    await isolateTenantTable(q, "risk_stale_hop");
    await q.query(`CREATE FUNCTION mark_risk_hop_stale() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      BEGIN
        INSERT INTO risk_stale_hop (organization_id, engagement_id, processor_id, countries, transfer_mechanism)
        VALUES (OLD.organization_id, OLD.id, OLD.processor_id, OLD.countries::text[], OLD.transfer_mechanism::text);
        RETURN NULL;
      END $$`);
    await q.query(`REVOKE ALL ON FUNCTION mark_risk_hop_stale() FROM PUBLIC`);
    await q.query(`DROP TRIGGER risk_stale ON "subprocessor_engagement"`);
    await q.query(
      `CREATE TRIGGER risk_stale AFTER INSERT OR DELETE ON "subprocessor_engagement"
        FOR EACH ROW EXECUTE FUNCTION mark_risk_inputs_stale()`,
    );
    // Something other than the terms and the columns no score reads changed: the chain, as before.
    await q.query(
      `CREATE TRIGGER risk_stale_update AFTER UPDATE ON "subprocessor_engagement" FOR EACH ROW
        WHEN (${rest("OLD", [...NOT_READ, ...TERMS])} IS DISTINCT FROM ${rest("NEW", [...NOT_READ, ...TERMS])})
        EXECUTE FUNCTION mark_risk_inputs_stale()`,
    );
    // Only the terms changed: the reader decides whether the hop's assessment did.
    await q.query(
      `CREATE TRIGGER risk_stale_terms AFTER UPDATE ON "subprocessor_engagement" FOR EACH ROW
        WHEN (${rest("OLD", [...NOT_READ, ...TERMS])} = ${rest("NEW", [...NOT_READ, ...TERMS])}
              AND ${rest("OLD", NOT_READ)} IS DISTINCT FROM ${rest("NEW", NOT_READ)})
        EXECUTE FUNCTION mark_risk_hop_stale()`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER risk_stale_terms ON "subprocessor_engagement"`);
    await q.query(`DROP TRIGGER risk_stale_update ON "subprocessor_engagement"`);
    await q.query(`DROP TRIGGER risk_stale ON "subprocessor_engagement"`);
    await q.query(
      `CREATE TRIGGER risk_stale AFTER INSERT OR UPDATE OR DELETE ON "subprocessor_engagement"
        FOR EACH ROW EXECUTE FUNCTION mark_risk_inputs_stale()`,
    );
    await q.query(`DROP FUNCTION mark_risk_hop_stale()`);
    await releaseTenantTable(q, "risk_stale_hop");
    await q.query(`DROP TABLE "risk_stale_hop"`);
  }
}
