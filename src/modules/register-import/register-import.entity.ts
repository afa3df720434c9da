import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import { Field, Int, ObjectType } from "type-graphql";
import { TenantEntity, TenantRecord, TenantReference } from "../../common/base.entity";
import { Node } from "../../common/node";
import { EnumValue, graphqlEnum } from "../../common/enums";
import type { ColumnCorrection, Plan, PlanCounts, SourceSheet } from "./register-import.rules";
import { NullableTimestamp, NullableVarchar } from "../../common/columns";

export const RegisterImportStatus = graphqlEnum(
  "RegisterImportStatus",
  "PLANNED until the plan is applied (which writes it) or discarded. Nothing reaches the register before APPLIED.",
  ["PLANNED", "APPLIED", "DISCARDED"],
);
export type RegisterImportStatus = EnumValue<typeof RegisterImportStatus>;

@ObjectType({
  implements: Node,
  description:
    "A vendor register uploaded as .xlsx or .csv and planned against the organization's register: every row with " +
    "what applying would write, every problem by sheet, row and column. Applied in one transaction, or discarded.",
})
@TenantEntity("register_import")
@Index("ix_register_import_created", ["organizationId", "createdAt"])
export class RegisterImport extends TenantRecord {
  @Field(() => RegisterImportStatus, { description: "Where the import stands." })
  @Column({
    type: "enum",
    enum: RegisterImportStatus,
    enumName: "register_import_status",
    default: RegisterImportStatus.PLANNED,
  })
  status: RegisterImportStatus;

  @Field({ description: "The uploaded file's name." })
  @Column({ name: "file_name", type: "varchar", length: 300 })
  fileName: string;

  @Field({ description: "SHA-256 of the uploaded file (hex)." })
  @Column({ type: "char", length: 64 })
  sha256: string;

  @Field(() => Int, { description: "Size of the uploaded file in bytes." })
  @Column({ name: "size_bytes", type: "integer" })
  sizeBytes: number;

  @Field({ description: "How the file was read: xlsx or csv." })
  @Column({ type: "varchar", length: 10 })
  format: string;

  @NullableVarchar("encoding", 20, "For CSV: the text encoding found (utf-8, utf-8-bom, utf-16le, windows-1252).")
  encoding: string | null;

  @NullableVarchar("delimiter", 4, 'For CSV: the delimiter found ("," ";" or a tab).')
  delimiter: string | null;

  /** The user's corrections of the automatic column mapping. */
  @Column({ name: "column_mapping", type: "jsonb", default: () => "'[]'" })
  columnMapping: ColumnCorrection[];

  @Field(() => Int, { description: "Rows read (below the header rows, empty rows not counted)." })
  @Column({ name: "rows_read", type: "integer" })
  rowsRead: number;

  /** The plan's counts (CREATE, UPDATE, UNCHANGED, REJECTED). */
  @Column({ type: "jsonb" })
  counts: PlanCounts;

  /** Every problem the plan found, kept or not (stored beside the plan so a list never reads the plan). */
  @Column({ name: "problem_count", type: "integer", default: 0 })
  problemCount: number;

  @NullableTimestamp("decided_at", "When it was applied or discarded.")
  decidedAt: Date | null;

  @Column({ name: "decided_by_api_key_id", type: "uuid", nullable: true })
  decidedByApiKeyId: string | null;
}

/**
 * The sheets as read and the plan made of them. Apart from the import so lists never load them, and not
 * audited: both derive from the uploaded file (whose SHA-256 the import keeps) and the register.
 */
@Entity("register_import_plan")
export class RegisterImportPlan {
  @PrimaryColumn({ name: "register_import_id", type: "uuid" })
  registerImportId: string;

  @Column({ name: "organization_id", type: "uuid" })
  organizationId: string;

  @TenantReference(() => RegisterImport, "register_import_id", { onDelete: "CASCADE", oneToOne: true })
  registerImportRecord?: RegisterImport;

  @Column({ type: "jsonb" })
  sheets: SourceSheet[];

  @Column({ type: "jsonb" })
  plan: Plan;
}
