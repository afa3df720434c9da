import { MigrationInterface, QueryRunner } from "typeorm";
import { isolateTenantTable, releaseTenantTable } from "./tenancy.v1";

// The text each DPA import was read from, so a reviewer (the console's review page) sees the document with
// every cited span where the citations' offsets say. Tenant-isolated; not audited, like evidence_content:
// it is derived from the hashed evidence file by the extractor the import names. Imports made before this
// migration have no row (AgreementImport.documentText answers null).
export class AgreementImportText1796000021000 implements MigrationInterface {
  name = "AgreementImportText1796000021000";

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "agreement_import_text" ("agreement_import_id" uuid NOT NULL, "organization_id" uuid NOT NULL, "text" text NOT NULL, CONSTRAINT "REL_af2980b21c5a93107c1f3f4008" UNIQUE ("agreement_import_id", "organization_id"), CONSTRAINT "PK_da597e060cd8547b012f8612cc1" PRIMARY KEY ("agreement_import_id"))`,
    );
    await q.query(
      `ALTER TABLE "agreement_import_text" ADD CONSTRAINT "FK_af2980b21c5a93107c1f3f4008d" FOREIGN KEY ("agreement_import_id", "organization_id") REFERENCES "agreement_import"("id","organization_id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await isolateTenantTable(q, "agreement_import_text");
  }

  public async down(q: QueryRunner): Promise<void> {
    await releaseTenantTable(q, "agreement_import_text");
    await q.query(`ALTER TABLE "agreement_import_text" DROP CONSTRAINT "FK_af2980b21c5a93107c1f3f4008d"`);
    await q.query(`DROP TABLE "agreement_import_text"`);
  }
}
