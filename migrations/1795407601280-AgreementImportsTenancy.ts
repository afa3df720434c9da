import { MigrationInterface, QueryRunner } from "typeorm";
import { auditTable, isolateTenantTable, releaseTenantTable, stopAuditingTable } from "./tenancy.v1";

// Row-level security and the audit log for DPA imports: who read which document into a draft, who
// corrected which value, who confirmed it.
export class AgreementImportsTenancy1795407601280 implements MigrationInterface {
  name = "AgreementImportsTenancy1795407601280";

  public async up(q: QueryRunner): Promise<void> {
    await isolateTenantTable(q, "agreement_import");
    await auditTable(q, "agreement_import");
  }

  public async down(q: QueryRunner): Promise<void> {
    await stopAuditingTable(q, "agreement_import");
    await releaseTenantTable(q, "agreement_import");
  }
}
