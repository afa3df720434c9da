import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from "typeorm";
import { Field, ObjectType } from "type-graphql";
import { LocalDateScalar } from "../../common/scalars";
import { TenantEntity, TenantRecord, TenantReference, TenantReferenceId } from "../../common/base.entity";
import { Node } from "../../common/node";
import { Processor } from "../processors/processor.entity";
import { Agreement } from "../agreements/agreement.entity";
import { Measure } from "../measures/measure.entity";
import { AuditReport } from "../supervision/audit-report.entity";
import { AuditFinding } from "../supervision/finding.entity";
import { BreachNotice } from "../supervision/breach-notice.entity";
import { EnumValue, graphqlEnum } from "../../common/enums";
import { NullableInt, NullableText, NullableVarchar } from "../../common/columns";

export const EvidenceKind = graphqlEnum("EvidenceKind", "What a piece of evidence is.", [
  "AGREEMENT_DOCUMENT",
  "AUDIT_REPORT",
  "CERTIFICATE",
  "REVIEW_NOTE",
  "CORRESPONDENCE",
  "BREACH_NOTICE",
  "OTHER",
]);
export type EvidenceKind = EnumValue<typeof EvidenceKind>;

export const EvidenceStorage = graphqlEnum(
  "EvidenceStorage",
  "DATABASE: the content is kept in tilsyn (download at /evidence/{id}/content). EXTERNAL: only a URI and the " +
    "declared hash.",
  ["DATABASE", "EXTERNAL"],
);
export type EvidenceStorage = EnumValue<typeof EvidenceStorage>;

@ObjectType({
  implements: Node,
  description:
    "A file that proves something (a DPA, a report, a certificate, a review note, correspondence), with its " +
    "SHA-256, the date it is effective for and what it is evidence of.",
})
@TenantEntity("evidence")
@Index("ix_evidence_processor", ["organizationId", "processorId", "effectiveOn"])
@Check("ck_evidence_storage", `("storage" = 'EXTERNAL') = ("external_uri" IS NOT NULL)`)
export class Evidence extends TenantRecord {
  @Field(() => EvidenceKind, { description: "What it is." })
  @Column({ type: "enum", enum: EvidenceKind, enumName: "evidence_kind" })
  kind: EvidenceKind;

  @Field({ description: "Title." })
  @Column({ type: "varchar", length: 300 })
  title: string;

  @NullableVarchar("file_name", 300, "Original file name.")
  fileName: string | null;

  @NullableVarchar("media_type", 200, "Media type, e.g. application/pdf.")
  mediaType: string | null;

  @NullableInt("size_bytes", "Size in bytes (null for external evidence of unknown size).")
  sizeBytes: number | null;

  @Field({
    description:
      "SHA-256 of the content, lower-case hex: computed by tilsyn on upload, declared for external evidence.",
  })
  @Column({ type: "char", length: 64 })
  sha256: string;

  @Field(() => EvidenceStorage, { description: "Where the content is." })
  @Column({ type: "enum", enum: EvidenceStorage, enumName: "evidence_storage" })
  storage: EvidenceStorage;

  @NullableText("external_uri", "EXTERNAL: where the content is.")
  externalUri: string | null;

  @Field(() => LocalDateScalar, {
    description:
      "The date the evidence is effective for (a report's period end, a signature date), not the upload time.",
  })
  @Column({ name: "effective_on", type: "date" })
  effectiveOn: string;

  @NullableText("description", "Remarks.")
  description: string | null;

  @Column({ name: "uploaded_by_api_key_id", type: "uuid", nullable: true })
  uploadedByApiKeyId: string | null;

  @TenantReferenceId(() => Processor, "processor_id", { nullable: true })
  processorId: string | null;

  @TenantReferenceId(() => Agreement, "agreement_id", { nullable: true })
  agreementId: string | null;

  @TenantReferenceId(() => AuditReport, "audit_report_id", { nullable: true })
  auditReportId: string | null;

  @TenantReferenceId(() => AuditFinding, "finding_id", { nullable: true })
  findingId: string | null;

  @TenantReferenceId(() => BreachNotice, "breach_notice_id", { nullable: true })
  breachNoticeId: string | null;

  @Column({ name: "measure_id", type: "uuid", nullable: true })
  measureId: string | null;

  @ManyToOne(() => Measure, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "measure_id" })
  measureRecord?: Measure;
}

/** The bytes of DATABASE evidence, apart from the metadata so that lists never load them. */
@Entity("evidence_content")
export class EvidenceContent {
  @PrimaryColumn({ name: "evidence_id", type: "uuid" })
  evidenceId: string;

  @Column({ name: "organization_id", type: "uuid" })
  organizationId: string;

  @TenantReference(() => Evidence, "evidence_id", { onDelete: "CASCADE", oneToOne: true })
  evidenceRecord?: Evidence;

  @Column({ type: "bytea" })
  content: Buffer;
}
