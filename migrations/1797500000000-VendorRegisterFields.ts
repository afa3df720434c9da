import { MigrationInterface, QueryRunner } from "typeorm";

// The vendor register's fields on processor (issue 18, item 1): business owner, business criticality,
// contract start / renewal / notice dates, services provided, tags and internal notes. Tags are a text[]
// on the row, with a GIN index for the list's `tags && ARRAY[…]` filter: a tag has no facts of its own,
// so a table would add a join to every list, RLS and audit rows of its own, while the array keeps a
// processor's tags in the same audited row (the audit log shows `tags` among the changed fields).
// The processor table is already tenant-isolated and audited; new columns are covered as they are.
export class VendorRegisterFields1797500000000 implements MigrationInterface {
  name = "VendorRegisterFields1797500000000";

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TYPE "public"."business_criticality" AS ENUM('LOW', 'MEDIUM', 'HIGH', 'CRITICAL')`);
    await q.query(
      `ALTER TABLE "processor" ADD "business_owner_name" character varying(200), ` +
        `ADD "business_owner_email" character varying(320), ` +
        `ADD "business_criticality" "public"."business_criticality", ` +
        `ADD "contract_start_on" date, ADD "renewal_on" date, ADD "notice_on" date, ` +
        `ADD "services_provided" text, ADD "tags" text array NOT NULL DEFAULT '{}', ADD "internal_notes" text`,
    );
    await q.query(`CREATE INDEX "ix_processor_org_renewal" ON "processor" ("organization_id", "renewal_on", "id")`);
    await q.query(`CREATE INDEX "ix_processor_tags" ON "processor" USING gin ("tags")`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."ix_processor_tags"`);
    await q.query(`DROP INDEX "public"."ix_processor_org_renewal"`);
    await q.query(
      `ALTER TABLE "processor" DROP COLUMN "internal_notes", DROP COLUMN "tags", DROP COLUMN "services_provided", ` +
        `DROP COLUMN "notice_on", DROP COLUMN "renewal_on", DROP COLUMN "contract_start_on", ` +
        `DROP COLUMN "business_criticality", DROP COLUMN "business_owner_email", DROP COLUMN "business_owner_name"`,
    );
    await q.query(`DROP TYPE "public"."business_criticality"`);
  }
}
