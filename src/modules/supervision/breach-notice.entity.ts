import { Column, Entity, Index, Unique } from "typeorm";
import { Field, Int, ObjectType } from "type-graphql";
import { DateTimeResolver } from "graphql-scalars";
import { TenantRecord, TenantReferenceId } from "../../common/base.entity";
import { Node } from "../../common/node";
import { Processor } from "../processors/processor.entity";
import { Agreement } from "../agreements/agreement.entity";

@ObjectType({
  implements: Node,
  description:
    "A personal data breach a processor notified to the controller (art. 33(2)), with what it told (art. 33(3)) " +
    "and whether it was in time.",
})
@Entity("processor_breach_notice")
@Unique("uq_breach_notice_org_id", ["organizationId", "id"])
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

  @Field(() => DateTimeResolver, { description: "When the processor became aware of the breach." })
  @Column({ name: "became_aware_at", type: "timestamptz" })
  becameAwareAt: Date;

  @Field(() => DateTimeResolver, { description: "When the processor notified the controller." })
  @Column({ name: "notified_at", type: "timestamptz" })
  notifiedAt: Date;

  @Field(() => Int, {
    nullable: true,
    description: "The notification limit in hours, from the agreement in force (fixed when recorded).",
  })
  @Column({ name: "limit_hours", type: "int", nullable: true })
  limitHours: number | null;

  @Field(() => String, { nullable: true, description: "Art. 33(3)(a): nature of the breach." })
  @Column({ type: "text", nullable: true })
  nature: string | null;

  @Field(() => String, { nullable: true, description: "Art. 33(3)(a): categories of data subjects concerned." })
  @Column({ name: "data_subject_categories", type: "text", nullable: true })
  dataSubjectCategories: string | null;

  @Field(() => Int, { nullable: true, description: "Art. 33(3)(a): approximate number of data subjects." })
  @Column({ name: "approximate_data_subjects", type: "int", nullable: true })
  approximateDataSubjects: number | null;

  @Field(() => String, { nullable: true, description: "Art. 33(3)(a): categories of personal data records concerned." })
  @Column({ name: "data_categories", type: "text", nullable: true })
  dataCategories: string | null;

  @Field(() => Int, { nullable: true, description: "Art. 33(3)(a): approximate number of records." })
  @Column({ name: "approximate_records", type: "int", nullable: true })
  approximateRecords: number | null;

  @Field(() => String, { nullable: true, description: "Art. 33(3)(b): contact point (DPO) for more information." })
  @Column({ name: "contact_point", type: "text", nullable: true })
  contactPoint: string | null;

  @Field(() => String, { nullable: true, description: "Art. 33(3)(c): likely consequences." })
  @Column({ name: "likely_consequences", type: "text", nullable: true })
  likelyConsequences: string | null;

  @Field(() => String, { nullable: true, description: "Art. 33(3)(d): measures taken or proposed." })
  @Column({ name: "measures_taken", type: "text", nullable: true })
  measuresTaken: string | null;

  @Field(() => String, { nullable: true, description: "Where the notice is documented." })
  @Column({ type: "text", nullable: true })
  source: string | null;
}
