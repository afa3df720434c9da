import { MigrationInterface, QueryRunner } from "typeorm";

export class Supervision1795398027072 implements MigrationInterface {
    name = 'Supervision1795398027072'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TYPE "public"."audit_report_type" AS ENUM('ISAE_3000', 'ISAE_3402', 'SOC_2', 'SELF_CONTROL_REPORT', 'PHYSICAL_INSPECTION', 'WRITTEN_SUPERVISION', 'CERTIFICATION')`);
        await queryRunner.query(`CREATE TYPE "public"."assurance_level" AS ENUM('REASONABLE', 'LIMITED')`);
        await queryRunner.query(`CREATE TYPE "public"."report_kind" AS ENUM('TYPE_1', 'TYPE_2')`);
        await queryRunner.query(`CREATE TYPE "public"."audit_opinion" AS ENUM('UNQUALIFIED', 'QUALIFIED', 'ADVERSE', 'DISCLAIMER', 'NOT_APPLICABLE')`);
        await queryRunner.query(`CREATE TYPE "public"."subservice_method" AS ENUM('CARVE_OUT', 'INCLUSIVE')`);
        await queryRunner.query(`CREATE TABLE "audit_report" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "organization_id" uuid NOT NULL, "processor_id" uuid NOT NULL, "agreement_id" uuid, "type" "public"."audit_report_type" NOT NULL, "title" character varying(300) NOT NULL, "assurance" "public"."assurance_level", "report_kind" "public"."report_kind", "period_start" date, "period_end" date, "as_of_date" date, "issued_on" date, "received_on" date NOT NULL, "auditor" character varying(300), "opinion" "public"."audit_opinion", "subservice_method" "public"."subservice_method", "carved_out_processor_ids" uuid array NOT NULL DEFAULT '{}', "cuecs" text array NOT NULL DEFAULT '{}', "bridge_letter_until" date, "covers_purchased_services" boolean, "scope" text, "standard" character varying(200), "certificate_number" character varying(200), "valid_until" date, "source" text, CONSTRAINT "uq_audit_report_org_id" UNIQUE ("organization_id", "id"), CONSTRAINT "PK_527e86de35710ed91fd60d49261" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_audit_report_processor" ON "audit_report"  ("organization_id", "processor_id", "received_on") `);
        await queryRunner.query(`CREATE TYPE "public"."finding_source" AS ENUM('REPORT', 'CONTROLLER_REVIEW')`);
        await queryRunner.query(`CREATE TYPE "public"."finding_severity" AS ENUM('LOW', 'MEDIUM', 'HIGH', 'CRITICAL')`);
        await queryRunner.query(`CREATE TYPE "public"."finding_status" AS ENUM('OPEN', 'IN_PROGRESS', 'CLOSED')`);
        await queryRunner.query(`CREATE TABLE "audit_finding" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "organization_id" uuid NOT NULL, "processor_id" uuid NOT NULL, "audit_report_id" uuid, "measure_id" uuid, "source" "public"."finding_source" NOT NULL, "control_objective" character varying(500), "description" text NOT NULL, "severity" "public"."finding_severity" NOT NULL, "processor_response" text, "owner" character varying(200), "due_on" date, "status" "public"."finding_status" NOT NULL DEFAULT 'OPEN', "closed_on" date, "closing_note" text, CONSTRAINT "uq_audit_finding_org_id" UNIQUE ("organization_id", "id"), CONSTRAINT "PK_704e81a6e4b2c621fecb4ec37be" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_audit_finding_report" ON "audit_finding"  ("organization_id", "audit_report_id") `);
        await queryRunner.query(`CREATE INDEX "ix_audit_finding_processor" ON "audit_finding"  ("organization_id", "processor_id", "status") `);
        await queryRunner.query(`CREATE TYPE "public"."review_conclusion" AS ENUM('ACCEPTED', 'ACCEPTED_WITH_FOLLOW_UP', 'REJECTED')`);
        await queryRunner.query(`CREATE TABLE "audit_report_review" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "organization_id" uuid NOT NULL, "audit_report_id" uuid NOT NULL, "reviewer" character varying(200) NOT NULL, "reviewed_on" date NOT NULL, "conclusion" "public"."review_conclusion" NOT NULL, "remarks" text, "recorded_by_api_key_id" uuid, CONSTRAINT "uq_audit_report_review_org_id" UNIQUE ("organization_id", "id"), CONSTRAINT "PK_b5744e17d4de84cb95d8bafe89b" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_audit_report_review_report" ON "audit_report_review"  ("organization_id", "audit_report_id", "reviewed_on") `);
        await queryRunner.query(`CREATE TABLE "supervision_plan" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "organization_id" uuid NOT NULL, "processor_id" uuid NOT NULL, "chosen_method" "public"."supervision_method", "rationale" text, "interval_months" integer, "owner" character varying(200), CONSTRAINT "uq_supervision_plan_processor" UNIQUE ("organization_id", "processor_id"), CONSTRAINT "uq_supervision_plan_org_id" UNIQUE ("organization_id", "id"), CONSTRAINT "REL_6ede93274cc1eab47705ef6a23" UNIQUE ("processor_id", "organization_id"), CONSTRAINT "PK_ab11e0888cb3fdf4e026499bd6e" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE TABLE "processor_breach_notice" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "organization_id" uuid NOT NULL, "processor_id" uuid NOT NULL, "agreement_id" uuid, "title" character varying(300) NOT NULL, "became_aware_at" TIMESTAMP WITH TIME ZONE NOT NULL, "notified_at" TIMESTAMP WITH TIME ZONE NOT NULL, "limit_hours" integer, "nature" text, "data_subject_categories" text, "approximate_data_subjects" integer, "data_categories" text, "approximate_records" integer, "contact_point" text, "likely_consequences" text, "measures_taken" text, "source" text, CONSTRAINT "uq_breach_notice_org_id" UNIQUE ("organization_id", "id"), CONSTRAINT "PK_138bb76d06be2f9ba6a6212db96" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_breach_notice_processor" ON "processor_breach_notice"  ("organization_id", "processor_id", "notified_at") `);
        await queryRunner.query(`CREATE TYPE "public"."evidence_kind" AS ENUM('AGREEMENT_DOCUMENT', 'AUDIT_REPORT', 'CERTIFICATE', 'REVIEW_NOTE', 'CORRESPONDENCE', 'BREACH_NOTICE', 'OTHER')`);
        await queryRunner.query(`CREATE TYPE "public"."evidence_storage" AS ENUM('DATABASE', 'EXTERNAL')`);
        await queryRunner.query(`CREATE TABLE "evidence" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "organization_id" uuid NOT NULL, "kind" "public"."evidence_kind" NOT NULL, "title" character varying(300) NOT NULL, "file_name" character varying(300), "media_type" character varying(200), "size_bytes" integer, "sha256" character(64) NOT NULL, "storage" "public"."evidence_storage" NOT NULL, "external_uri" text, "effective_on" date NOT NULL, "description" text, "uploaded_by_api_key_id" uuid, "processor_id" uuid, "agreement_id" uuid, "audit_report_id" uuid, "finding_id" uuid, "breach_notice_id" uuid, "measure_id" uuid, CONSTRAINT "uq_evidence_org_id" UNIQUE ("organization_id", "id"), CONSTRAINT "ck_evidence_storage" CHECK (("storage" = 'EXTERNAL') = ("external_uri" IS NOT NULL)), CONSTRAINT "PK_b864cb5d49854f89917fc0b44b9" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_evidence_processor" ON "evidence"  ("organization_id", "processor_id", "effective_on") `);
        await queryRunner.query(`CREATE TABLE "evidence_content" ("evidence_id" uuid NOT NULL, "organization_id" uuid NOT NULL, "content" bytea NOT NULL, CONSTRAINT "REL_548a7eeab454faff166e5437ee" UNIQUE ("evidence_id", "organization_id"), CONSTRAINT "PK_ccbdfe163591c5853a9bb6ebf16" PRIMARY KEY ("evidence_id"))`);
        await queryRunner.query(`ALTER TABLE "audit_report" ADD CONSTRAINT "FK_312ab1b70b630649ab648ca020c" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "audit_report" ADD CONSTRAINT "FK_d9f3e44c916567e18ba771b8aab" FOREIGN KEY ("processor_id", "organization_id") REFERENCES "processor"("id","organization_id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "audit_report" ADD CONSTRAINT "FK_f266c5a9b36ce6ff298d5bc1894" FOREIGN KEY ("agreement_id", "organization_id") REFERENCES "agreement"("id","organization_id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "audit_finding" ADD CONSTRAINT "FK_3c2f3d3d4ff43398e7f749d088e" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "audit_finding" ADD CONSTRAINT "FK_fcf03e4dfbbda79d64e91d88fcd" FOREIGN KEY ("processor_id", "organization_id") REFERENCES "processor"("id","organization_id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "audit_finding" ADD CONSTRAINT "FK_667cb37f7478b9e901cf1efbed3" FOREIGN KEY ("audit_report_id", "organization_id") REFERENCES "audit_report"("id","organization_id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "audit_finding" ADD CONSTRAINT "FK_bf27682cb19dd87f8462c7cbdc9" FOREIGN KEY ("measure_id") REFERENCES "measure"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "audit_report_review" ADD CONSTRAINT "FK_945f6280445bab88515f051f8c0" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "audit_report_review" ADD CONSTRAINT "FK_7999db8ffb17abaf48cba717c00" FOREIGN KEY ("audit_report_id", "organization_id") REFERENCES "audit_report"("id","organization_id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "supervision_plan" ADD CONSTRAINT "FK_aad5560b33eeb99af737dc46c06" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "supervision_plan" ADD CONSTRAINT "FK_6ede93274cc1eab47705ef6a230" FOREIGN KEY ("processor_id", "organization_id") REFERENCES "processor"("id","organization_id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "processor_breach_notice" ADD CONSTRAINT "FK_fd92e634c164cd73aa4b8712d7d" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "processor_breach_notice" ADD CONSTRAINT "FK_d98ba4088ac9dc995a28a0482d1" FOREIGN KEY ("processor_id", "organization_id") REFERENCES "processor"("id","organization_id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "processor_breach_notice" ADD CONSTRAINT "FK_5fbd79ebeaacabdd626fc790486" FOREIGN KEY ("agreement_id", "organization_id") REFERENCES "agreement"("id","organization_id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "evidence" ADD CONSTRAINT "FK_0ad8135ce47a38a493409a3c539" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "evidence" ADD CONSTRAINT "FK_0790dfca08eebc42e9c9c57349a" FOREIGN KEY ("processor_id", "organization_id") REFERENCES "processor"("id","organization_id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "evidence" ADD CONSTRAINT "FK_bae66101091d4f783d476e3dd5d" FOREIGN KEY ("agreement_id", "organization_id") REFERENCES "agreement"("id","organization_id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "evidence" ADD CONSTRAINT "FK_927085b5da4cff1e300ad6017c7" FOREIGN KEY ("audit_report_id", "organization_id") REFERENCES "audit_report"("id","organization_id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "evidence" ADD CONSTRAINT "FK_bd930c000a4d3f5190a6fc37080" FOREIGN KEY ("finding_id", "organization_id") REFERENCES "audit_finding"("id","organization_id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "evidence" ADD CONSTRAINT "FK_9388dda0370846dfdb9d8adfe33" FOREIGN KEY ("breach_notice_id", "organization_id") REFERENCES "processor_breach_notice"("id","organization_id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "evidence" ADD CONSTRAINT "FK_8258c525bedda480e63a3ef49d3" FOREIGN KEY ("measure_id") REFERENCES "measure"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "evidence_content" ADD CONSTRAINT "FK_548a7eeab454faff166e5437ee5" FOREIGN KEY ("evidence_id", "organization_id") REFERENCES "evidence"("id","organization_id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "evidence_content" DROP CONSTRAINT "FK_548a7eeab454faff166e5437ee5"`);
        await queryRunner.query(`ALTER TABLE "evidence" DROP CONSTRAINT "FK_8258c525bedda480e63a3ef49d3"`);
        await queryRunner.query(`ALTER TABLE "evidence" DROP CONSTRAINT "FK_9388dda0370846dfdb9d8adfe33"`);
        await queryRunner.query(`ALTER TABLE "evidence" DROP CONSTRAINT "FK_bd930c000a4d3f5190a6fc37080"`);
        await queryRunner.query(`ALTER TABLE "evidence" DROP CONSTRAINT "FK_927085b5da4cff1e300ad6017c7"`);
        await queryRunner.query(`ALTER TABLE "evidence" DROP CONSTRAINT "FK_bae66101091d4f783d476e3dd5d"`);
        await queryRunner.query(`ALTER TABLE "evidence" DROP CONSTRAINT "FK_0790dfca08eebc42e9c9c57349a"`);
        await queryRunner.query(`ALTER TABLE "evidence" DROP CONSTRAINT "FK_0ad8135ce47a38a493409a3c539"`);
        await queryRunner.query(`ALTER TABLE "processor_breach_notice" DROP CONSTRAINT "FK_5fbd79ebeaacabdd626fc790486"`);
        await queryRunner.query(`ALTER TABLE "processor_breach_notice" DROP CONSTRAINT "FK_d98ba4088ac9dc995a28a0482d1"`);
        await queryRunner.query(`ALTER TABLE "processor_breach_notice" DROP CONSTRAINT "FK_fd92e634c164cd73aa4b8712d7d"`);
        await queryRunner.query(`ALTER TABLE "supervision_plan" DROP CONSTRAINT "FK_6ede93274cc1eab47705ef6a230"`);
        await queryRunner.query(`ALTER TABLE "supervision_plan" DROP CONSTRAINT "FK_aad5560b33eeb99af737dc46c06"`);
        await queryRunner.query(`ALTER TABLE "audit_report_review" DROP CONSTRAINT "FK_7999db8ffb17abaf48cba717c00"`);
        await queryRunner.query(`ALTER TABLE "audit_report_review" DROP CONSTRAINT "FK_945f6280445bab88515f051f8c0"`);
        await queryRunner.query(`ALTER TABLE "audit_finding" DROP CONSTRAINT "FK_bf27682cb19dd87f8462c7cbdc9"`);
        await queryRunner.query(`ALTER TABLE "audit_finding" DROP CONSTRAINT "FK_667cb37f7478b9e901cf1efbed3"`);
        await queryRunner.query(`ALTER TABLE "audit_finding" DROP CONSTRAINT "FK_fcf03e4dfbbda79d64e91d88fcd"`);
        await queryRunner.query(`ALTER TABLE "audit_finding" DROP CONSTRAINT "FK_3c2f3d3d4ff43398e7f749d088e"`);
        await queryRunner.query(`ALTER TABLE "audit_report" DROP CONSTRAINT "FK_f266c5a9b36ce6ff298d5bc1894"`);
        await queryRunner.query(`ALTER TABLE "audit_report" DROP CONSTRAINT "FK_d9f3e44c916567e18ba771b8aab"`);
        await queryRunner.query(`ALTER TABLE "audit_report" DROP CONSTRAINT "FK_312ab1b70b630649ab648ca020c"`);
        await queryRunner.query(`DROP TABLE "evidence_content"`);
        await queryRunner.query(`DROP INDEX "public"."ix_evidence_processor"`);
        await queryRunner.query(`DROP TABLE "evidence"`);
        await queryRunner.query(`DROP TYPE "public"."evidence_storage"`);
        await queryRunner.query(`DROP TYPE "public"."evidence_kind"`);
        await queryRunner.query(`DROP INDEX "public"."ix_breach_notice_processor"`);
        await queryRunner.query(`DROP TABLE "processor_breach_notice"`);
        await queryRunner.query(`DROP TABLE "supervision_plan"`);
        await queryRunner.query(`DROP INDEX "public"."ix_audit_report_review_report"`);
        await queryRunner.query(`DROP TABLE "audit_report_review"`);
        await queryRunner.query(`DROP TYPE "public"."review_conclusion"`);
        await queryRunner.query(`DROP INDEX "public"."ix_audit_finding_processor"`);
        await queryRunner.query(`DROP INDEX "public"."ix_audit_finding_report"`);
        await queryRunner.query(`DROP TABLE "audit_finding"`);
        await queryRunner.query(`DROP TYPE "public"."finding_status"`);
        await queryRunner.query(`DROP TYPE "public"."finding_severity"`);
        await queryRunner.query(`DROP TYPE "public"."finding_source"`);
        await queryRunner.query(`DROP INDEX "public"."ix_audit_report_processor"`);
        await queryRunner.query(`DROP TABLE "audit_report"`);
        await queryRunner.query(`DROP TYPE "public"."subservice_method"`);
        await queryRunner.query(`DROP TYPE "public"."audit_opinion"`);
        await queryRunner.query(`DROP TYPE "public"."report_kind"`);
        await queryRunner.query(`DROP TYPE "public"."assurance_level"`);
        await queryRunner.query(`DROP TYPE "public"."audit_report_type"`);
    }

}
