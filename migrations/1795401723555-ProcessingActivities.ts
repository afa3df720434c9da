import { MigrationInterface, QueryRunner } from "typeorm";

export class ProcessingActivities1795401723555 implements MigrationInterface {
    name = 'ProcessingActivities1795401723555'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TYPE "public"."legal_basis" AS ENUM('CONSENT', 'CONTRACT', 'LEGAL_OBLIGATION', 'VITAL_INTERESTS', 'PUBLIC_TASK', 'LEGITIMATE_INTERESTS')`);
        await queryRunner.query(`CREATE TYPE "public"."special_category_condition" AS ENUM('EXPLICIT_CONSENT', 'EMPLOYMENT_SOCIAL_SECURITY', 'VITAL_INTERESTS', 'NOT_FOR_PROFIT_BODY', 'MADE_PUBLIC', 'LEGAL_CLAIMS', 'SUBSTANTIAL_PUBLIC_INTEREST', 'HEALTH_OR_SOCIAL_CARE', 'PUBLIC_HEALTH', 'ARCHIVING_RESEARCH_STATISTICS')`);
        await queryRunner.query(`CREATE TYPE "public"."dpia_status" AS ENUM('NOT_REQUIRED', 'REQUIRED', 'IN_PROGRESS', 'DONE')`);
        await queryRunner.query(`CREATE TABLE "processing_activity" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "organization_id" uuid NOT NULL, "name" character varying(300) NOT NULL, "purposes" text, "legal_basis" "public"."legal_basis", "special_category_condition" "public"."special_category_condition", "criminal_data_basis" text, "legitimate_interests" text, "other_recipients" text array NOT NULL DEFAULT '{}', "retention" text, "data_source" text, "dpia_status" "public"."dpia_status", "dpia_link" text, "automated_decision_making" boolean, "tom_description" text, "joint_controller" text, "source" text, "archived_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "uq_processing_activity_org_id" UNIQUE ("organization_id", "id"), CONSTRAINT "PK_ae4d75c056bd3f78c9532b1bd09" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_processing_activity_org_name" ON "processing_activity"  ("organization_id", "name") `);
        await queryRunner.query(`CREATE TABLE "processing_activity_processor" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "organization_id" uuid NOT NULL, "activity_id" uuid NOT NULL, "processor_id" uuid NOT NULL, CONSTRAINT "uq_activity_processor" UNIQUE ("activity_id", "processor_id"), CONSTRAINT "PK_740cd5ad4ec56fc821fdeb9dfed" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE TABLE "processing_activity_data_category" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "organization_id" uuid NOT NULL, "activity_id" uuid NOT NULL, "data_category_id" uuid NOT NULL, "retention" text, CONSTRAINT "uq_activity_data_category" UNIQUE ("activity_id", "data_category_id"), CONSTRAINT "PK_16277b10999e9c0b8a5327af061" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE TABLE "processing_activity_data_subject_category" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "organization_id" uuid NOT NULL, "activity_id" uuid NOT NULL, "data_subject_category_id" uuid NOT NULL, CONSTRAINT "uq_activity_data_subject_category" UNIQUE ("activity_id", "data_subject_category_id"), CONSTRAINT "PK_ef1872c2e6a27db43b07718eb5d" PRIMARY KEY ("id"))`);
        await queryRunner.query(`ALTER TABLE "processing_activity" ADD CONSTRAINT "FK_7e4a77e283cfe95f99f4e7f42e2" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "processing_activity_processor" ADD CONSTRAINT "FK_d300fb4c35d2458acb295cd6979" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "processing_activity_processor" ADD CONSTRAINT "FK_a2ce7dc942901635b30b43654fc" FOREIGN KEY ("activity_id", "organization_id") REFERENCES "processing_activity"("id","organization_id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "processing_activity_processor" ADD CONSTRAINT "FK_263566b16f4e5de57f925c14f9c" FOREIGN KEY ("processor_id", "organization_id") REFERENCES "processor"("id","organization_id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "processing_activity_data_category" ADD CONSTRAINT "FK_c4618ed3a9ed5dcf23b193267d5" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "processing_activity_data_category" ADD CONSTRAINT "FK_2a5bbd817fc06ebfcebb3199fa2" FOREIGN KEY ("activity_id", "organization_id") REFERENCES "processing_activity"("id","organization_id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "processing_activity_data_category" ADD CONSTRAINT "FK_6dce37f562e539e1a7172374228" FOREIGN KEY ("data_category_id") REFERENCES "data_category"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "processing_activity_data_subject_category" ADD CONSTRAINT "FK_01e157393d445ceed332cb52b96" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "processing_activity_data_subject_category" ADD CONSTRAINT "FK_61a350f01a9fb67811bcb14670a" FOREIGN KEY ("activity_id", "organization_id") REFERENCES "processing_activity"("id","organization_id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "processing_activity_data_subject_category" ADD CONSTRAINT "FK_3481c75fa028f528cc5e1f95bef" FOREIGN KEY ("data_subject_category_id") REFERENCES "data_subject_category"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "processing_activity_data_subject_category" DROP CONSTRAINT "FK_3481c75fa028f528cc5e1f95bef"`);
        await queryRunner.query(`ALTER TABLE "processing_activity_data_subject_category" DROP CONSTRAINT "FK_61a350f01a9fb67811bcb14670a"`);
        await queryRunner.query(`ALTER TABLE "processing_activity_data_subject_category" DROP CONSTRAINT "FK_01e157393d445ceed332cb52b96"`);
        await queryRunner.query(`ALTER TABLE "processing_activity_data_category" DROP CONSTRAINT "FK_6dce37f562e539e1a7172374228"`);
        await queryRunner.query(`ALTER TABLE "processing_activity_data_category" DROP CONSTRAINT "FK_2a5bbd817fc06ebfcebb3199fa2"`);
        await queryRunner.query(`ALTER TABLE "processing_activity_data_category" DROP CONSTRAINT "FK_c4618ed3a9ed5dcf23b193267d5"`);
        await queryRunner.query(`ALTER TABLE "processing_activity_processor" DROP CONSTRAINT "FK_263566b16f4e5de57f925c14f9c"`);
        await queryRunner.query(`ALTER TABLE "processing_activity_processor" DROP CONSTRAINT "FK_a2ce7dc942901635b30b43654fc"`);
        await queryRunner.query(`ALTER TABLE "processing_activity_processor" DROP CONSTRAINT "FK_d300fb4c35d2458acb295cd6979"`);
        await queryRunner.query(`ALTER TABLE "processing_activity" DROP CONSTRAINT "FK_7e4a77e283cfe95f99f4e7f42e2"`);
        await queryRunner.query(`DROP TABLE "processing_activity_data_subject_category"`);
        await queryRunner.query(`DROP TABLE "processing_activity_data_category"`);
        await queryRunner.query(`DROP TABLE "processing_activity_processor"`);
        await queryRunner.query(`DROP INDEX "public"."ix_processing_activity_org_name"`);
        await queryRunner.query(`DROP TABLE "processing_activity"`);
        await queryRunner.query(`DROP TYPE "public"."dpia_status"`);
        await queryRunner.query(`DROP TYPE "public"."special_category_condition"`);
        await queryRunner.query(`DROP TYPE "public"."legal_basis"`);
    }

}
