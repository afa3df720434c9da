import { MigrationInterface, QueryRunner } from "typeorm";

export class EventsAndWebhooks1796417427468 implements MigrationInterface {
    name = 'EventsAndWebhooks1796417427468'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "event" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "organization_id" uuid NOT NULL, "type" character varying(80) NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "data" jsonb NOT NULL, "dedupe_key" character varying(200), CONSTRAINT "uq_event_org_id" UNIQUE ("organization_id", "id"), CONSTRAINT "PK_30c2f3bbaf6d34a55f8ae6e4614" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_event_dedupe" ON "event"  ("organization_id", "dedupe_key") WHERE "dedupe_key" IS NOT NULL`);
        await queryRunner.query(`CREATE INDEX "ix_event_occurred" ON "event"  ("organization_id", "occurred_at") `);
        await queryRunner.query(`CREATE TABLE "webhook_endpoint" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "organization_id" uuid NOT NULL, "url" character varying(2000) NOT NULL, "description" character varying(500), "event_types" text array NOT NULL, "enabled" boolean NOT NULL DEFAULT true, "disabled_reason" character varying(20), "disabled_at" TIMESTAMP WITH TIME ZONE, "failing_since" TIMESTAMP WITH TIME ZONE, "consecutive_failures" integer NOT NULL DEFAULT '0', "last_success_at" TIMESTAMP WITH TIME ZONE, "created_by_api_key_id" uuid, CONSTRAINT "uq_webhook_endpoint_org_id" UNIQUE ("organization_id", "id"), CONSTRAINT "PK_6c98112122b2b8a4f3984d2efa8" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE TABLE "webhook_secret" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "organization_id" uuid NOT NULL, "endpoint_id" uuid NOT NULL, "secret" character varying(100) NOT NULL, CONSTRAINT "uq_webhook_secret_endpoint" UNIQUE ("organization_id", "endpoint_id"), CONSTRAINT "uq_webhook_secret_org_id" UNIQUE ("organization_id", "id"), CONSTRAINT "PK_5846dcede2111cca14b94f259eb" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE TYPE "public"."webhook_delivery_status" AS ENUM('PENDING', 'SUCCEEDED', 'FAILED', 'CANCELLED')`);
        await queryRunner.query(`CREATE TABLE "webhook_delivery" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "organization_id" uuid NOT NULL, "endpoint_id" uuid NOT NULL, "event_id" uuid NOT NULL, "status" "public"."webhook_delivery_status" NOT NULL DEFAULT 'PENDING', "attempts" integer NOT NULL DEFAULT '0', "next_attempt_at" TIMESTAMP WITH TIME ZONE, "leased_until" TIMESTAMP WITH TIME ZONE, "redelivery_requested" boolean NOT NULL DEFAULT false, "retrying_since" TIMESTAMP WITH TIME ZONE, "last_attempt_at" TIMESTAMP WITH TIME ZONE, "last_response_status" integer, "delivered_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "uq_webhook_delivery_event" UNIQUE ("organization_id", "endpoint_id", "event_id"), CONSTRAINT "uq_webhook_delivery_org_id" UNIQUE ("organization_id", "id"), CONSTRAINT "PK_b1ae290239a778f12399db91354" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_webhook_delivery_due" ON "webhook_delivery"  ("next_attempt_at") WHERE "status" = 'PENDING'`);
        await queryRunner.query(`CREATE INDEX "ix_webhook_delivery_log" ON "webhook_delivery"  ("organization_id", "endpoint_id", "created_at") `);
        await queryRunner.query(`CREATE TABLE "webhook_attempt" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "organization_id" uuid NOT NULL, "delivery_id" uuid NOT NULL, "attempt" integer NOT NULL, "manual" boolean NOT NULL DEFAULT false, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "duration_ms" integer NOT NULL, "outcome" character varying(20) NOT NULL, "response_status" integer, "error" character varying(500), "worker" character varying(200) NOT NULL, CONSTRAINT "uq_webhook_attempt_org_id" UNIQUE ("organization_id", "id"), CONSTRAINT "PK_e4ff77b66cdd20591ba6189a1f9" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_webhook_attempt_delivery" ON "webhook_attempt"  ("organization_id", "delivery_id", "attempt") `);
        await queryRunner.query(`CREATE TABLE "daily_run" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "organization_id" uuid NOT NULL, "run_on" date NOT NULL, "worker" character varying(200) NOT NULL, "summary" jsonb NOT NULL, CONSTRAINT "uq_daily_run_day" UNIQUE ("organization_id", "run_on"), CONSTRAINT "uq_daily_run_org_id" UNIQUE ("organization_id", "id"), CONSTRAINT "PK_363a2f711b5dd7792a0f0513f3a" PRIMARY KEY ("id"))`);
        await queryRunner.query(`ALTER TABLE "event" ADD CONSTRAINT "FK_f476008fe61c6e93f2fe8a3d124" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "webhook_endpoint" ADD CONSTRAINT "FK_e5800fed79898bb7202e9312276" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "webhook_secret" ADD CONSTRAINT "FK_a7267d560be4b3a659b22310e58" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "webhook_secret" ADD CONSTRAINT "FK_7cfd36d487ea7474dc04335dc28" FOREIGN KEY ("endpoint_id", "organization_id") REFERENCES "webhook_endpoint"("id","organization_id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "webhook_delivery" ADD CONSTRAINT "FK_1c8ce4a605ad052df0302141a23" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "webhook_delivery" ADD CONSTRAINT "FK_422d4169c4678099af8e24f4c83" FOREIGN KEY ("endpoint_id", "organization_id") REFERENCES "webhook_endpoint"("id","organization_id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "webhook_delivery" ADD CONSTRAINT "FK_590ba63b5e611f58500e9d05a7d" FOREIGN KEY ("event_id", "organization_id") REFERENCES "event"("id","organization_id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "webhook_attempt" ADD CONSTRAINT "FK_be52c12af0dd7fdde29f071565a" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "webhook_attempt" ADD CONSTRAINT "FK_17ea46d3efde3680013e5968cd3" FOREIGN KEY ("delivery_id", "organization_id") REFERENCES "webhook_delivery"("id","organization_id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "daily_run" ADD CONSTRAINT "FK_a905aede70157892257f1a2db87" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "daily_run" DROP CONSTRAINT "FK_a905aede70157892257f1a2db87"`);
        await queryRunner.query(`ALTER TABLE "webhook_attempt" DROP CONSTRAINT "FK_17ea46d3efde3680013e5968cd3"`);
        await queryRunner.query(`ALTER TABLE "webhook_attempt" DROP CONSTRAINT "FK_be52c12af0dd7fdde29f071565a"`);
        await queryRunner.query(`ALTER TABLE "webhook_delivery" DROP CONSTRAINT "FK_590ba63b5e611f58500e9d05a7d"`);
        await queryRunner.query(`ALTER TABLE "webhook_delivery" DROP CONSTRAINT "FK_422d4169c4678099af8e24f4c83"`);
        await queryRunner.query(`ALTER TABLE "webhook_delivery" DROP CONSTRAINT "FK_1c8ce4a605ad052df0302141a23"`);
        await queryRunner.query(`ALTER TABLE "webhook_secret" DROP CONSTRAINT "FK_7cfd36d487ea7474dc04335dc28"`);
        await queryRunner.query(`ALTER TABLE "webhook_secret" DROP CONSTRAINT "FK_a7267d560be4b3a659b22310e58"`);
        await queryRunner.query(`ALTER TABLE "webhook_endpoint" DROP CONSTRAINT "FK_e5800fed79898bb7202e9312276"`);
        await queryRunner.query(`ALTER TABLE "event" DROP CONSTRAINT "FK_f476008fe61c6e93f2fe8a3d124"`);
        await queryRunner.query(`DROP TABLE "daily_run"`);
        await queryRunner.query(`DROP INDEX "public"."ix_webhook_attempt_delivery"`);
        await queryRunner.query(`DROP TABLE "webhook_attempt"`);
        await queryRunner.query(`DROP INDEX "public"."ix_webhook_delivery_log"`);
        await queryRunner.query(`DROP INDEX "public"."ix_webhook_delivery_due"`);
        await queryRunner.query(`DROP TABLE "webhook_delivery"`);
        await queryRunner.query(`DROP TYPE "public"."webhook_delivery_status"`);
        await queryRunner.query(`DROP TABLE "webhook_secret"`);
        await queryRunner.query(`DROP TABLE "webhook_endpoint"`);
        await queryRunner.query(`DROP INDEX "public"."ix_event_occurred"`);
        await queryRunner.query(`DROP INDEX "public"."uq_event_dedupe"`);
        await queryRunner.query(`DROP TABLE "event"`);
    }

}
