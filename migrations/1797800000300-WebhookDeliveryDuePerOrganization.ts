import { MigrationInterface, QueryRunner } from "typeorm";

// The webhook dispatcher claims deliveries organization by organization (one tenant's backlog must not queue
// another's behind it): this index finds each organization's oldest due deliveries without reading the others'.
export class WebhookDeliveryDuePerOrganization1797800000300 implements MigrationInterface {
  name = "WebhookDeliveryDuePerOrganization1797800000300";

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX "ix_webhook_delivery_due_org" ON "webhook_delivery" ("organization_id", "next_attempt_at") ` +
        `WHERE "status" = 'PENDING'`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."ix_webhook_delivery_due_org"`);
  }
}
