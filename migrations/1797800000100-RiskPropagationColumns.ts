import { MigrationInterface, QueryRunner } from "typeorm";

// The propagation factor of an assessment (which processor below it came from, the own score it
// propagated) as narrow columns: a finding on a sub-processor with 1,700 processors above judged them by
// reading each one's factors (2.2 KB of jsonb) with a jsonpath, 45-55 ms of an 85 ms recompute. `narrow`
// says the columns are kept (stored by code that writes them, or filled here from packed factors).
export class RiskPropagationColumns1797800000100 implements MigrationInterface {
  name = "RiskPropagationColumns1797800000100";

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "risk_assessment" ADD "propagated_from" uuid`);
    await q.query(`ALTER TABLE "risk_assessment" ADD "propagated_own_score" double precision`);
    await q.query(`ALTER TABLE "risk_assessment" ADD "narrow" boolean NOT NULL DEFAULT false`);
    // Packed factors are [key, label, input, weight, contribution, explanation, evidenceIds].
    await q.query(`UPDATE risk_assessment r
      SET narrow = true, propagated_from = (x.p -> 6 ->> 0)::uuid,
          propagated_own_score = (regexp_match(x.p ->> 2, '^own score (.+)$'))[1]::double precision
      FROM (SELECT id, jsonb_path_query_first(factors, 'strict $[*] ? (@[0] == "chain.propagation")') AS p
              FROM risk_assessment
             WHERE is_current AND coalesce(jsonb_typeof(factors -> 0), 'array') = 'array') x
     WHERE r.id = x.id`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "risk_assessment" DROP COLUMN "narrow"`);
    await q.query(`ALTER TABLE "risk_assessment" DROP COLUMN "propagated_own_score"`);
    await q.query(`ALTER TABLE "risk_assessment" DROP COLUMN "propagated_from"`);
  }
}
