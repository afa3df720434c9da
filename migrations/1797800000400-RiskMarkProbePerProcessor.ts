import { MigrationInterface, QueryRunner } from "typeorm";

// The risk-freshness trigger (1797700000000) checked "already marked?" in one INSERT … SELECT … NOT EXISTS joined
// to the touched processors; its cached plan probed risk_stale_processor by organization only and read every mark
// of the organization for each row written, so a transaction writing n processors read n²/2 marks (a register
// import of 10,000 new processors: 50 million). Each touched processor is now probed alone, on both columns of
// ix_risk_stale_processor. What is marked is unchanged.
const OWN_FACT_TABLES = [
  "audit_report",
  "audit_finding",
  "audit_report_review",
  "processor_breach_notice",
  "processor_measure",
  "supervision_plan",
];
// As in 1797700000000: columns of processor no score reads.
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
const list = (items: string[]) => items.map((c) => `'${c}'`).join(", ");

function markFunction(mark: string): string {
  return `CREATE OR REPLACE FUNCTION mark_risk_inputs_stale() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        org uuid;
        old_row jsonb;
        new_row jsonb;
        marks_chain boolean := TG_TABLE_NAME NOT IN (${list(OWN_FACT_TABLES)});
        touched uuid;
      BEGIN
        org := CASE WHEN TG_OP = 'DELETE' THEN OLD.organization_id ELSE NEW.organization_id END;
        IF org IS NULL THEN RETURN NULL; END IF;
        IF TG_OP <> 'INSERT' THEN old_row := to_jsonb(OLD); END IF;
        IF TG_OP <> 'DELETE' THEN new_row := to_jsonb(NEW); END IF;
        IF TG_OP = 'UPDATE' AND TG_TABLE_NAME = 'processor'
           AND old_row - ARRAY[${list(DESCRIPTIVE)}] = new_row - ARRAY[${list(DESCRIPTIVE)}] THEN
          RETURN NULL;
        END IF;
        ${mark}
        RETURN NULL;
      END $$`;
}

const PER_PROCESSOR = `FOR touched IN
          SELECT risk_inputs_touched(TG_TABLE_NAME, old_row) WHERE old_row IS NOT NULL
          UNION SELECT risk_inputs_touched(TG_TABLE_NAME, new_row) WHERE new_row IS NOT NULL
        LOOP
          CONTINUE WHEN touched IS NULL OR EXISTS (SELECT 1 FROM risk_stale_processor s
            WHERE s.organization_id = org AND s.processor_id = touched AND (s.chain OR NOT marks_chain));
          INSERT INTO risk_stale_processor (organization_id, processor_id, chain) VALUES (org, touched, marks_chain);
        END LOOP;`;

const JOINED = `INSERT INTO risk_stale_processor (organization_id, processor_id, chain)
        SELECT DISTINCT org, t.id, marks_chain
          FROM (SELECT risk_inputs_touched(TG_TABLE_NAME, old_row) AS id WHERE old_row IS NOT NULL
                UNION SELECT risk_inputs_touched(TG_TABLE_NAME, new_row) WHERE new_row IS NOT NULL) t
         WHERE t.id IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM risk_stale_processor s
                            WHERE s.organization_id = org AND s.processor_id = t.id AND (s.chain OR NOT marks_chain));`;

export class RiskMarkProbePerProcessor1797800000400 implements MigrationInterface {
  name = "RiskMarkProbePerProcessor1797800000400";

  public async up(q: QueryRunner): Promise<void> {
    await q.query(markFunction(PER_PROCESSOR));
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(markFunction(JOINED));
  }
}
