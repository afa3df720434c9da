import { MigrationInterface, QueryRunner } from "typeorm";

// Stored risk factors are written 10,000 at a time on a full recompute; lz4 compresses them several
// times faster than the default pglz. Servers built without lz4 keep the default.
export class RiskCompression1795401723557 implements MigrationInterface {
  name = "RiskCompression1795401723557";

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`DO $$ BEGIN
      ALTER TABLE risk_assessment ALTER COLUMN factors SET COMPRESSION lz4;
    EXCEPTION WHEN feature_not_supported OR invalid_parameter_value THEN NULL;
    END $$`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE risk_assessment ALTER COLUMN factors SET COMPRESSION default`);
  }
}
