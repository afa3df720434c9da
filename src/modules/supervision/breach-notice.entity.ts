import { Column, Index } from "typeorm";
import { Field, ObjectType } from "type-graphql";
import { DateTimeScalar } from "../../common/scalars";
import { TenantEntity, TenantRecord, TenantReferenceId } from "../../common/base.entity";
import { Node } from "../../common/node";
import { Processor } from "../processors/processor.entity";
import { Agreement } from "../agreements/agreement.entity";
import { NullableInt, NullableText } from "../../common/columns";

@ObjectType({
  implements: Node,
  description:
    "A personal data breach a processor notified to the controller (art. 33(2)), with what it told (art. 33(3)) " +
    "and whether it was in time.",
})
@TenantEntity("processor_breach_notice", "uq_breach_notice_org_id")
@Index("ix_breach_notice_processor", ["organizationId", "processorId", "notifiedAt"])
export class BreachNotice extends TenantRecord {
  @TenantReferenceId(() => Processor, "processor_id")
  processorId: string;

  /** The agreement in force when the processor became aware; its breachNotificationHours is the limit. */
  @TenantReferenceId(() => Agreement, "agreement_id", { nullable: true })
  agreementId: string | null;

  @Field({ description: "Short title." })
  @Column({ type: "varchar", length: 300 })
  title: string;

  @Field(() => DateTimeScalar, { description: "When the processor became aware of the breach." })
  @Column({ name: "became_aware_at", type: "timestamptz" })
  becameAwareAt: Date;

  @Field(() => DateTimeScalar, { description: "When the processor notified the controller." })
  @Column({ name: "notified_at", type: "timestamptz" })
  notifiedAt: Date;

  @NullableInt("limit_hours", "The notification limit in hours, from the agreement in force (fixed when recorded).")
  limitHours: number | null;

  @NullableText("nature", "Art. 33(3)(a): nature of the breach.")
  nature: string | null;

  @NullableText("data_subject_categories", "Art. 33(3)(a): categories of data subjects concerned.")
  dataSubjectCategories: string | null;

  @NullableInt("approximate_data_subjects", "Art. 33(3)(a): approximate number of data subjects.")
  approximateDataSubjects: number | null;

  @NullableText("data_categories", "Art. 33(3)(a): categories of personal data records concerned.")
  dataCategories: string | null;

  @NullableInt("approximate_records", "Art. 33(3)(a): approximate number of records.")
  approximateRecords: number | null;

  @NullableText("contact_point", "Art. 33(3)(b): contact point (DPO) for more information.")
  contactPoint: string | null;

  @NullableText("likely_consequences", "Art. 33(3)(c): likely consequences.")
  likelyConsequences: string | null;

  @NullableText("measures_taken", "Art. 33(3)(d): measures taken or proposed.")
  measuresTaken: string | null;

  @NullableText("source", "Where the notice is documented.")
  source: string | null;
}
