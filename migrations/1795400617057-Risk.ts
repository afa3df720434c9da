import { MigrationInterface, QueryRunner } from "typeorm";

export class Risk1795400617057 implements MigrationInterface {
    name = 'Risk1795400617057'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "risk_model" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "organization_id" uuid NOT NULL, "model_version" character varying(50) NOT NULL, "definition" jsonb NOT NULL, "note" text, "created_by_api_key_id" uuid, CONSTRAINT "uq_risk_model_version" UNIQUE ("organization_id", "model_version"), CONSTRAINT "PK_0e2e504e78eaadd5fdc47c5b7ee" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE TABLE "risk_assessment" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "processor_id" uuid NOT NULL, "model_version" character varying(50) NOT NULL, "score" double precision NOT NULL, "own_score" double precision NOT NULL, "tier" character varying(10) NOT NULL, "inherent_points" integer NOT NULL, "minimum_concept" integer NOT NULL, "factors" jsonb NOT NULL, "fingerprint" character(64) NOT NULL, "computed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_864a35a16fcb683df546ac6134e" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_risk_assessment_processor" ON "risk_assessment"  ("organization_id", "processor_id", "computed_at") `);
        await queryRunner.query(`CREATE TABLE "risk_freshness" ("organization_id" uuid NOT NULL, "stale" boolean NOT NULL DEFAULT true, "computed_on" date, "model_version" character varying(50), CONSTRAINT "PK_962474c104186960123f70f4d08" PRIMARY KEY ("organization_id"))`);
        await queryRunner.query(`CREATE TYPE "public"."data_subject_volume" AS ENUM('UNDER_1000', 'FROM_1000_TO_10000', 'OVER_10000', 'UNKNOWN')`);
        await queryRunner.query(`ALTER TABLE "agreement" ADD "data_subject_volume" "public"."data_subject_volume" NOT NULL DEFAULT 'UNKNOWN'`);
        await queryRunner.query(`CREATE TYPE "public"."processing_nature" AS ENUM('PROFILING', 'AUTOMATED_DECISIONS', 'NEW_TECHNOLOGY', 'SYSTEM_ACCESS')`);
        await queryRunner.query(`ALTER TABLE "agreement" ADD "processing_nature" "public"."processing_nature" array NOT NULL DEFAULT '{}'`);
        await queryRunner.query(`CREATE TYPE "public"."art28_element" AS ENUM('A', 'B', 'C', 'D', 'E', 'F', 'G', 'H')`);
        await queryRunner.query(`ALTER TABLE "agreement" ADD "confirmed_art28_elements" "public"."art28_element" array NOT NULL DEFAULT '{}'`);
        await queryRunner.query(`ALTER TABLE "risk_model" ADD CONSTRAINT "FK_b80abae6d56df94e2395c676a1f" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "risk_assessment" ADD CONSTRAINT "FK_48240bcdd149e123fe82e730970" FOREIGN KEY ("processor_id", "organization_id") REFERENCES "processor"("id","organization_id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "risk_assessment" DROP CONSTRAINT "FK_48240bcdd149e123fe82e730970"`);
        await queryRunner.query(`ALTER TABLE "risk_model" DROP CONSTRAINT "FK_b80abae6d56df94e2395c676a1f"`);
        await queryRunner.query(`ALTER TABLE "agreement" DROP COLUMN "confirmed_art28_elements"`);
        await queryRunner.query(`DROP TYPE "public"."art28_element"`);
        await queryRunner.query(`ALTER TABLE "agreement" DROP COLUMN "processing_nature"`);
        await queryRunner.query(`DROP TYPE "public"."processing_nature"`);
        await queryRunner.query(`ALTER TABLE "agreement" DROP COLUMN "data_subject_volume"`);
        await queryRunner.query(`DROP TYPE "public"."data_subject_volume"`);
        await queryRunner.query(`DROP TABLE "risk_freshness"`);
        await queryRunner.query(`DROP INDEX "public"."ix_risk_assessment_processor"`);
        await queryRunner.query(`DROP TABLE "risk_assessment"`);
        await queryRunner.query(`DROP TABLE "risk_model"`);
    }

}
