import { MigrationInterface, QueryRunner } from "typeorm";
import { auditTable, isolateTenantTable, releaseTenantTable, stopAuditingTable } from "./tenancy.v1";

// The register import (issue 18): an uploaded vendor register and its plan, under row-level security. The
// import is audited (who uploaded, applied or discarded what); its sheets and plan are not (they derive from
// the hashed file and the register).

export class RegisterImport1797600000100 implements MigrationInterface {
    name = 'RegisterImport1797600000100'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TYPE "public"."register_import_status" AS ENUM('PLANNED', 'APPLIED', 'DISCARDED')`);
        await queryRunner.query(`CREATE TABLE "register_import" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "organization_id" uuid NOT NULL, "status" "public"."register_import_status" NOT NULL DEFAULT 'PLANNED', "file_name" character varying(300) NOT NULL, "sha256" character(64) NOT NULL, "size_bytes" integer NOT NULL, "format" character varying(10) NOT NULL, "encoding" character varying(20), "delimiter" character varying(4), "column_mapping" jsonb NOT NULL DEFAULT '[]', "rows_read" integer NOT NULL, "counts" jsonb NOT NULL, "decided_at" TIMESTAMP WITH TIME ZONE, "decided_by_api_key_id" uuid, CONSTRAINT "uq_register_import_org_id" UNIQUE ("organization_id", "id"), CONSTRAINT "PK_e7996c182149063791086fa53eb" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_register_import_created" ON "register_import"  ("organization_id", "created_at") `);
        await queryRunner.query(`CREATE TABLE "register_import_plan" ("register_import_id" uuid NOT NULL, "organization_id" uuid NOT NULL, "sheets" jsonb NOT NULL, "plan" jsonb NOT NULL, CONSTRAINT "REL_479657db0bf7660ca2bce8ddab" UNIQUE ("register_import_id", "organization_id"), CONSTRAINT "PK_d53d21e8ad3d9f949275ebd336c" PRIMARY KEY ("register_import_id"))`);
        await queryRunner.query(`ALTER TABLE "register_import" ADD CONSTRAINT "FK_8fd8fdb265ea29672b5052d484f" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "register_import_plan" ADD CONSTRAINT "FK_479657db0bf7660ca2bce8ddab1" FOREIGN KEY ("register_import_id", "organization_id") REFERENCES "register_import"("id","organization_id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await isolateTenantTable(queryRunner, "register_import");
        await isolateTenantTable(queryRunner, "register_import_plan");
        await auditTable(queryRunner, "register_import");
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await stopAuditingTable(queryRunner, "register_import");
        await releaseTenantTable(queryRunner, "register_import_plan");
        await releaseTenantTable(queryRunner, "register_import");
        await queryRunner.query(`ALTER TABLE "register_import_plan" DROP CONSTRAINT "FK_479657db0bf7660ca2bce8ddab1"`);
        await queryRunner.query(`ALTER TABLE "register_import" DROP CONSTRAINT "FK_8fd8fdb265ea29672b5052d484f"`);
        await queryRunner.query(`DROP TABLE "register_import_plan"`);
        await queryRunner.query(`DROP INDEX "public"."ix_register_import_created"`);
        await queryRunner.query(`DROP TABLE "register_import"`);
        await queryRunner.query(`DROP TYPE "public"."register_import_status"`);
    }

}
