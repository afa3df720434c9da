import { MigrationInterface, QueryRunner } from "typeorm";

export class SubprocessorChains1795397291052 implements MigrationInterface {
    name = 'SubprocessorChains1795397291052'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "subprocessor_engagement_history" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "engagement_id" uuid NOT NULL, "processor_id" uuid NOT NULL, "subprocessor_id" uuid NOT NULL, "agreement_id" uuid, "status" "public"."engagement_status" NOT NULL, "countries" character(2) array NOT NULL, "transfer_mechanism" "public"."transfer_mechanism" NOT NULL, "purpose" text, "archived" boolean NOT NULL DEFAULT false, "effective_on" date NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "actor_api_key_id" uuid, CONSTRAINT "PK_5206493ad65219bb9fde1637b01" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_engagement_history_processor" ON "subprocessor_engagement_history"  ("organization_id", "processor_id", "effective_on") `);
        await queryRunner.query(`CREATE INDEX "ix_engagement_history_engagement" ON "subprocessor_engagement_history"  ("organization_id", "engagement_id", "effective_on") `);
        await queryRunner.query(`CREATE TYPE "public"."change_kind" AS ENUM('ADDITION', 'REPLACEMENT')`);
        await queryRunner.query(`CREATE TYPE "public"."change_notice_decision" AS ENUM('PENDING', 'APPROVED', 'OBJECTED', 'DEEMED_ACCEPTED')`);
        await queryRunner.query(`CREATE TABLE "subprocessor_change_notice" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "organization_id" uuid NOT NULL, "processor_id" uuid NOT NULL, "kind" "public"."change_kind" NOT NULL, "engagement_id" uuid NOT NULL, "replaces_engagement_id" uuid, "agreement_id" uuid, "authorization" "public"."subprocessor_authorization" NOT NULL, "notice_days" integer, "received_on" date NOT NULL, "deadline" date, "decision" "public"."change_notice_decision" NOT NULL DEFAULT 'PENDING', "decided_on" date, "decided_at" TIMESTAMP WITH TIME ZONE, "decided_by_api_key_id" uuid, "decision_reason" text, "source" text, CONSTRAINT "uq_change_notice_org_id" UNIQUE ("organization_id", "id"), CONSTRAINT "PK_4a7101b9e4d5ff33e7ce392dea9" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_change_notice_open" ON "subprocessor_change_notice"  ("organization_id", "decision", "deadline") `);
        await queryRunner.query(`ALTER TABLE "processor" ADD "dpf_certified_since" date`);
        await queryRunner.query(`ALTER TABLE "subprocessor_change_notice" ADD CONSTRAINT "FK_8a0e35ff035877e7d99df22c110" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "subprocessor_change_notice" ADD CONSTRAINT "FK_4b7753f99f591cfb2c21a04c51e" FOREIGN KEY ("processor_id", "organization_id") REFERENCES "processor"("id","organization_id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "subprocessor_change_notice" ADD CONSTRAINT "FK_7cdf8a28cb195a6949fecdf9d13" FOREIGN KEY ("engagement_id", "organization_id") REFERENCES "subprocessor_engagement"("id","organization_id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "subprocessor_change_notice" ADD CONSTRAINT "FK_1441b1b2f1e998b620ca59cc593" FOREIGN KEY ("replaces_engagement_id", "organization_id") REFERENCES "subprocessor_engagement"("id","organization_id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "subprocessor_change_notice" ADD CONSTRAINT "FK_7639574c6bf0528f247253f6945" FOREIGN KEY ("agreement_id", "organization_id") REFERENCES "agreement"("id","organization_id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "subprocessor_change_notice" DROP CONSTRAINT "FK_7639574c6bf0528f247253f6945"`);
        await queryRunner.query(`ALTER TABLE "subprocessor_change_notice" DROP CONSTRAINT "FK_1441b1b2f1e998b620ca59cc593"`);
        await queryRunner.query(`ALTER TABLE "subprocessor_change_notice" DROP CONSTRAINT "FK_7cdf8a28cb195a6949fecdf9d13"`);
        await queryRunner.query(`ALTER TABLE "subprocessor_change_notice" DROP CONSTRAINT "FK_4b7753f99f591cfb2c21a04c51e"`);
        await queryRunner.query(`ALTER TABLE "subprocessor_change_notice" DROP CONSTRAINT "FK_8a0e35ff035877e7d99df22c110"`);
        await queryRunner.query(`ALTER TABLE "processor" DROP COLUMN "dpf_certified_since"`);
        await queryRunner.query(`DROP INDEX "public"."ix_change_notice_open"`);
        await queryRunner.query(`DROP TABLE "subprocessor_change_notice"`);
        await queryRunner.query(`DROP TYPE "public"."change_notice_decision"`);
        await queryRunner.query(`DROP TYPE "public"."change_kind"`);
        await queryRunner.query(`DROP INDEX "public"."ix_engagement_history_engagement"`);
        await queryRunner.query(`DROP INDEX "public"."ix_engagement_history_processor"`);
        await queryRunner.query(`DROP TABLE "subprocessor_engagement_history"`);
    }

}
