import { MigrationInterface, QueryRunner } from "typeorm";

export class AgreementImports1795407601279 implements MigrationInterface {
    name = 'AgreementImports1795407601279'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TYPE "public"."agreement_import_status" AS ENUM('DRAFT', 'CONFIRMED', 'DISCARDED')`);
        await queryRunner.query(`CREATE TABLE "agreement_import" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "organization_id" uuid NOT NULL, "evidence_id" uuid NOT NULL, "status" "public"."agreement_import_status" NOT NULL DEFAULT 'DRAFT', "extractor" character varying(50) NOT NULL, "draft" jsonb NOT NULL, "corrections" jsonb NOT NULL DEFAULT '{}', "agreement_id" uuid, "processor_id" uuid, "decided_at" TIMESTAMP WITH TIME ZONE, "decided_by_api_key_id" uuid, CONSTRAINT "uq_agreement_import_org_id" UNIQUE ("organization_id", "id"), CONSTRAINT "PK_0183919cf6e605d59b80ea7502b" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_agreement_import_status" ON "agreement_import"  ("organization_id", "status", "created_at") `);
        await queryRunner.query(`ALTER TABLE "agreement_import" ADD CONSTRAINT "FK_280acdc471ec9375c488b30b357" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "agreement_import" ADD CONSTRAINT "FK_13a2a770ca22631004d4a363da0" FOREIGN KEY ("evidence_id", "organization_id") REFERENCES "evidence"("id","organization_id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "agreement_import" ADD CONSTRAINT "FK_b90527fc30424753eeccd3b1823" FOREIGN KEY ("agreement_id", "organization_id") REFERENCES "agreement"("id","organization_id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "agreement_import" ADD CONSTRAINT "FK_cb56cf7802403246a2b6d7a2f83" FOREIGN KEY ("processor_id", "organization_id") REFERENCES "processor"("id","organization_id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "agreement_import" DROP CONSTRAINT "FK_cb56cf7802403246a2b6d7a2f83"`);
        await queryRunner.query(`ALTER TABLE "agreement_import" DROP CONSTRAINT "FK_b90527fc30424753eeccd3b1823"`);
        await queryRunner.query(`ALTER TABLE "agreement_import" DROP CONSTRAINT "FK_13a2a770ca22631004d4a363da0"`);
        await queryRunner.query(`ALTER TABLE "agreement_import" DROP CONSTRAINT "FK_280acdc471ec9375c488b30b357"`);
        await queryRunner.query(`DROP INDEX "public"."ix_agreement_import_status"`);
        await queryRunner.query(`DROP TABLE "agreement_import"`);
        await queryRunner.query(`DROP TYPE "public"."agreement_import_status"`);
    }

}
