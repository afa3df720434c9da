import { Column, Index } from "typeorm";
import { Field, ObjectType } from "type-graphql";
import { LocalDateScalar } from "../../common/scalars";
import { TenantEntity, TenantRecord, TenantReferenceId } from "../../common/base.entity";
import { Node } from "../../common/node";
import { Processor } from "../processors/processor.entity";
import { Agreement } from "../agreements/agreement.entity";
import { SubprocessorAuthorization } from "../agreements/agreement.enums";
import { SubprocessorEngagement } from "./engagement.entity";
import { EnumValue, graphqlEnum } from "../../common/enums";
import { NullableDate, NullableInt, NullableText, NullableTimestamp } from "../../common/columns";

export const ChangeKind = graphqlEnum(
  "ChangeKind",
  "What the processor intends (art. 28(2)): add a sub-processor, or replace one with another.",
  ["ADDITION", "REPLACEMENT"],
);
export type ChangeKind = EnumValue<typeof ChangeKind>;

/** Stored decision state. PENDING notices may be read as deemed accepted or lapsed, see ChangeNoticeState. */
export const ChangeNoticeDecision = graphqlEnum("ChangeNoticeDecision", "The decision recorded on a change notice.", [
  "PENDING",
  "APPROVED",
  "OBJECTED",
  "DEEMED_ACCEPTED",
]);
export type ChangeNoticeDecision = EnumValue<typeof ChangeNoticeDecision>;

@ObjectType({
  implements: Node,
  description:
    "A processor's notice of an intended addition or replacement of a sub-processor (GDPR art. 28(2)), the " +
    "deadline it opens and the controller's decision.",
})
@TenantEntity("subprocessor_change_notice", "uq_change_notice_org_id")
@Index("ix_change_notice_open", ["organizationId", "decision", "deadline"])
export class ChangeNotice extends TenantRecord {
  @TenantReferenceId(() => Processor, "processor_id")
  processorId: string;

  @Field(() => ChangeKind, { description: "Addition or replacement." })
  @Column({ type: "enum", enum: ChangeKind, enumName: "change_kind" })
  kind: ChangeKind;

  /** The proposed engagement (status PROPOSED until decided). */
  @TenantReferenceId(() => SubprocessorEngagement, "engagement_id")
  engagementId: string;

  /** For a replacement: the engagement that ends when the change takes effect. */
  @TenantReferenceId(() => SubprocessorEngagement, "replaces_engagement_id", { nullable: true })
  replacesEngagementId: string | null;

  @TenantReferenceId(() => Agreement, "agreement_id", { nullable: true })
  agreementId: string | null;

  @Field(() => SubprocessorAuthorization, {
    description:
      "The authorisation the governing agreement gives, fixed when the notice was received. With no agreement in " +
      "force it is SPECIFIC: silence is never consent.",
  })
  @Column({ type: "enum", enum: SubprocessorAuthorization, enumName: "subprocessor_authorization" })
  authorization: SubprocessorAuthorization;

  @NullableInt("notice_days", "Notice period in days from the governing agreement, fixed when the notice was received.")
  noticeDays: number | null;

  @Field(() => LocalDateScalar, { description: "When the controller received the notice." })
  @Column({ name: "received_on", type: "date" })
  receivedOn: string;

  @NullableDate(
    "deadline",
    "Last day to object (GENERAL) or to decide (SPECIFIC): receivedOn + noticeDays. Null when the agreement " +
      "gives no notice period.",
  )
  deadline: string | null;

  @Field(() => ChangeNoticeDecision, { description: "The decision on record." })
  @Column({
    type: "enum",
    enum: ChangeNoticeDecision,
    enumName: "change_notice_decision",
    default: ChangeNoticeDecision.PENDING,
  })
  decision: ChangeNoticeDecision;

  @NullableDate("decided_on", "The date the decision took effect.")
  decidedOn: string | null;

  @NullableTimestamp("decided_at", "When the decision was recorded.")
  decidedAt: Date | null;

  @Column({ name: "decided_by_api_key_id", type: "uuid", nullable: true })
  decidedByApiKeyId: string | null;

  @NullableText("decision_reason", "The reason given with an objection, or remarks with an approval.")
  decisionReason: string | null;

  @NullableText("source", "Where the notice is documented (letter, email, portal).")
  source: string | null;
}
