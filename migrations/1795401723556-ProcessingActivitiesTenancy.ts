import { MigrationInterface, QueryRunner } from "typeorm";
import { auditTable, isolateTenantTable, releaseTenantTable, stopAuditingTable } from "./tenancy.v1";

// Row-level security and the audit log for the art. 30 record. The audit log is also what
// "the record as it stood on a date" is rebuilt from.
const TABLES = ["processing_activity", "processing_activity_processor", "processing_activity_data_category", "processing_activity_data_subject_category"];

export class ProcessingActivitiesTenancy1795401723556 implements MigrationInterface {
  name = "ProcessingActivitiesTenancy1795401723556";

  public async up(q: QueryRunner): Promise<void> {
    for (const table of TABLES) {
      await isolateTenantTable(q, table);
      await auditTable(q, table);
    }
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const table of TABLES) {
      await stopAuditingTable(q, table);
      await releaseTenantTable(q, table);
    }
  }
}
