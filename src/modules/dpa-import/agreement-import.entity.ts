import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import { Field, ObjectType } from "type-graphql";
import { TenantEntity, TenantRecord, TenantReference, TenantReferenceId } from "../../common/base.entity";
import { Node } from "../../common/node";
import { Evidence } from "../evidence/evidence.entity";
import { Agreement } from "../agreements/agreement.entity";
import { Processor } from "../processors/processor.entity";
import type { AgreementDraft } from "./draft.types";
import { EnumValue, graphqlEnum } from "../../common/enums";
import { NullableTimestamp } from "../../common/columns";

export const AgreementImportStatus = graphqlEnum(
  "AgreementImportStatus",
  "DRAFT until a reviewer confirms it (which writes the agreement) or discards it. Nothing reaches the real " +
    "records before CONFIRMED.",
  ["DRAFT", "CONFIRMED", "DISCARDED"],
);
export type AgreementImportStatus = EnumValue<typeof AgreementImportStatus>;

@ObjectType({
  implements: Node,
  description:
    "A DPA read from an uploaded document into a draft: every value with its citations and confidence, corrected " +
    "by a reviewer, then confirmed into a processor, an agreement and its engagements.",
})
@TenantEntity("agreement_import")
@Index("ix_agreement_import_status", ["organizationId", "status", "createdAt"])
export class AgreementImport extends TenantRecord {
  @TenantReferenceId(() => Evidence, "evidence_id")
  evidenceId: string;

  @Field(() => AgreementImportStatus, { description: "Where the import stands." })
  @Column({
    type: "enum",
    enum: AgreementImportStatus,
    enumName: "agreement_import_status",
    default: AgreementImportStatus.DRAFT,
  })
  status: AgreementImportStatus;

  @Field({ description: "The rules that read the document (name/version), so a draft says how it was read." })
  @Column({ type: "varchar", length: 50 })
  extractor: string;

  /** The draft as the rules read it; never changed afterwards. */
  @Column({ type: "jsonb" })
  draft: AgreementDraft;

  /** Reviewer's values by field path; they win over the draft's. */
  @Column({ type: "jsonb", default: () => "'{}'" })
  corrections: Record<string, unknown>;

  @TenantReferenceId(() => Agreement, "agreement_id", { nullable: true })
  agreementId: string | null;

  @TenantReferenceId(() => Processor, "processor_id", { nullable: true })
  processorId: string | null;

  @NullableTimestamp("decided_at", "When it was confirmed or discarded.")
  decidedAt: Date | null;

  @Column({ name: "decided_by_api_key_id", type: "uuid", nullable: true })
  decidedByApiKeyId: string | null;
}

/**
 * The document's text as the importer read it: citations' offsets count its characters, and a reviewer
 * reads the draft against it. Apart from the import so lists never load it, and not audited: it is
 * derived from the evidence file (whose SHA-256 the evidence row keeps) by the extractor the import names.
 */
@Entity("agreement_import_text")
export class AgreementImportText {
  @PrimaryColumn({ name: "agreement_import_id", type: "uuid" })
  agreementImportId: string;

  @Column({ name: "organization_id", type: "uuid" })
  organizationId: string;

  @TenantReference(() => AgreementImport, "agreement_import_id", { onDelete: "CASCADE", oneToOne: true })
  agreementImportRecord?: AgreementImport;

  @Column({ type: "text" })
  text: string;
}
