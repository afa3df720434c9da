import { MigrationInterface, QueryRunner } from "typeorm";
import { isolateTenantTable, releaseTenantTable } from "./tenancy.v1";

// Row-level security for the supervision and evidence tables, as for every tenant table.
const TABLES = ["audit_report", "audit_finding", "audit_report_review", "supervision_plan", "processor_breach_notice", "evidence", "evidence_content"];

export class SupervisionTenancy1795398027073 implements MigrationInterface {
  name = "SupervisionTenancy1795398027073";

  public async up(q: QueryRunner): Promise<void> {
    for (const table of TABLES) await isolateTenantTable(q, table);
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const table of TABLES) await releaseTenantTable(q, table);
  }
}
