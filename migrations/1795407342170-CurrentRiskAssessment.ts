import { MigrationInterface, QueryRunner } from "typeorm";

// Each processor's latest assessment is marked, so a dashboard sorts and reads current scores with
// an index instead of finding the newest row per processor on every request.
export class CurrentRiskAssessment1795407342170 implements MigrationInterface {
  name = "CurrentRiskAssessment1795407342170";

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "risk_assessment" ADD "is_current" boolean NOT NULL DEFAULT false`);
    await q.query(`UPDATE risk_assessment r SET is_current = true
      FROM (SELECT DISTINCT ON (processor_id) id FROM risk_assessment ORDER BY processor_id, computed_at DESC, id) latest
      WHERE r.id = latest.id`);
    await q.query(`CREATE UNIQUE INDEX "uq_risk_assessment_current" ON "risk_assessment"  ("organization_id", "processor_id") WHERE is_current`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."uq_risk_assessment_current"`);
    await q.query(`ALTER TABLE "risk_assessment" DROP COLUMN "is_current"`);
  }
}
