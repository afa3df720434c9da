import { Check, Column, Index } from "typeorm";
import { Field, ObjectType } from "type-graphql";
import { TenantEntity, TenantRecord, TenantReferenceId } from "../../common/base.entity";
import { Node } from "../../common/node";
import { Processor } from "../processors/processor.entity";
import { Agreement } from "../agreements/agreement.entity";
import { EnumValue, graphqlEnum } from "../../common/enums";
import { NullableDate, NullableText, NullableTimestamp } from "../../common/columns";

export const TransferMechanism = graphqlEnum(
  "TransferMechanism",
  "Legal basis for a transfer out of the EEA (GDPR chapter V): none needed inside the EEA, adequacy decision, " +
    "EU-US Data Privacy Framework, standard contractual clauses, binding corporate rules, art. 49 derogation, or " +
    "unknown.",
  ["NOT_NEEDED_EEA", "ADEQUACY", "DPF", "SCC", "BCR", "DEROGATION", "UNKNOWN"],
);
export type TransferMechanism = EnumValue<typeof TransferMechanism>;

export const EngagementStatus = graphqlEnum("EngagementStatus", "State of the sub-processor engagement.", [
  "PROPOSED",
  "APPROVED",
  "OBJECTED",
  "REMOVED",
]);
export type EngagementStatus = EnumValue<typeof EngagementStatus>;

@ObjectType({
  implements: Node,
  description:
    "An edge in the processing chain: a processor engages a sub-processor, under an agreement, for a purpose, in " +
    "some countries.",
})
@TenantEntity("subprocessor_engagement", "uq_engagement_org_id")
@Index("ix_engagement_processor", ["organizationId", "processorId"])
@Index("ix_engagement_subprocessor", ["organizationId", "subprocessorId"])
@Check("ck_engagement_not_self", `"processor_id" <> "subprocessor_id"`)
export class SubprocessorEngagement extends TenantRecord {
  @TenantReferenceId(() => Processor, "processor_id")
  processorId: string;

  @TenantReferenceId(() => Processor, "subprocessor_id")
  subprocessorId: string;

  @TenantReferenceId(() => Agreement, "agreement_id", { nullable: true })
  agreementId: string | null;

  @NullableText("purpose", "What the sub-processor does (Bilag B: description of processing).")
  purpose: string | null;

  @Field(() => [String], { description: "ISO 3166-1 alpha-2 countries where the sub-processor processes the data." })
  @Column({ type: "char", length: 2, array: true, default: () => "'{}'" })
  countries: string[];

  @Field(() => TransferMechanism, { description: "Transfer mechanism relied on for this hop." })
  @Column({
    name: "transfer_mechanism",
    type: "enum",
    enum: TransferMechanism,
    enumName: "transfer_mechanism",
    default: TransferMechanism.UNKNOWN,
  })
  transferMechanism: TransferMechanism;

  @Field(() => EngagementStatus, { description: "Approval state of the engagement." })
  @Column({ type: "enum", enum: EngagementStatus, enumName: "engagement_status", default: EngagementStatus.APPROVED })
  status: EngagementStatus;

  @NullableDate("notified_on", "When the principal was notified of the engagement.")
  notifiedOn: string | null;

  @NullableDate("approved_on", "When the engagement was approved.")
  approvedOn: string | null;

  @NullableDate("removed_on", "When the engagement ended.")
  removedOn: string | null;

  @NullableText("source", "Where the engagement is documented (document and clause).")
  source: string | null;

  @NullableTimestamp("archived_at", "Set when the record was archived.")
  archivedAt: Date | null;
}
