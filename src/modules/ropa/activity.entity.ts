import { Column, Entity, Index, JoinColumn, ManyToOne, Unique } from "typeorm";
import { Field, ObjectType } from "type-graphql";
import { DateTimeResolver } from "graphql-scalars";
import { TenantRecord, TenantReference, TenantReferenceId } from "../../common/base.entity";
import { Node } from "../../common/node";
import { Processor } from "../processors/processor.entity";
import { DataCategory, DataSubjectCategory } from "../taxonomy/taxonomy.entity";
import { EnumValue, graphqlEnum } from "../../common/enums";

export const LegalBasis = graphqlEnum(
  "LegalBasis",
  "Art. 6(1) (a)–(f): consent, contract, legal obligation, vital interests, public task, legitimate interests.",
  ["CONSENT", "CONTRACT", "LEGAL_OBLIGATION", "VITAL_INTERESTS", "PUBLIC_TASK", "LEGITIMATE_INTERESTS"],
);
export type LegalBasis = EnumValue<typeof LegalBasis>;

export const SpecialCategoryCondition = graphqlEnum(
  "SpecialCategoryCondition",
  "Art. 9(2) (a)–(j): the condition for processing special categories.",
  [
    "EXPLICIT_CONSENT",
    "EMPLOYMENT_SOCIAL_SECURITY",
    "VITAL_INTERESTS",
    "NOT_FOR_PROFIT_BODY",
    "MADE_PUBLIC",
    "LEGAL_CLAIMS",
    "SUBSTANTIAL_PUBLIC_INTEREST",
    "HEALTH_OR_SOCIAL_CARE",
    "PUBLIC_HEALTH",
    "ARCHIVING_RESEARCH_STATISTICS",
  ],
);
export type SpecialCategoryCondition = EnumValue<typeof SpecialCategoryCondition>;

export const DpiaStatus = graphqlEnum("DpiaStatus", "Art. 35 data protection impact assessment.", [
  "NOT_REQUIRED",
  "REQUIRED",
  "IN_PROGRESS",
  "DONE",
]);
export type DpiaStatus = EnumValue<typeof DpiaStatus>;

@ObjectType({ implements: Node, description: "A processing activity: one line of the controller's art. 30(1) record." })
@Entity("processing_activity")
@Unique("uq_processing_activity_org_id", ["organizationId", "id"])
@Index("ix_processing_activity_org_name", ["organizationId", "name"])
export class ProcessingActivity extends TenantRecord {
  @Field({ description: 'Name of the activity, e.g. "Customer-call analytics".' })
  @Column({ type: "varchar", length: 300 })
  name: string;

  @Field(() => String, { nullable: true, description: "Art. 30(1)(b): the purposes." })
  @Column({ type: "text", nullable: true })
  purposes: string | null;

  @Field(() => LegalBasis, { nullable: true, description: "Art. 6(1) lawful basis." })
  @Column({ name: "legal_basis", type: "enum", enum: LegalBasis, enumName: "legal_basis", nullable: true })
  legalBasis: LegalBasis | null;

  @Field(() => SpecialCategoryCondition, {
    nullable: true,
    description: "Art. 9(2) condition, required when special categories are processed.",
  })
  @Column({
    name: "special_category_condition",
    type: "enum",
    enum: SpecialCategoryCondition,
    enumName: "special_category_condition",
    nullable: true,
  })
  specialCategoryCondition: SpecialCategoryCondition | null;

  @Field(() => String, {
    nullable: true,
    description:
      "Art. 10: the legal basis for criminal-offence data (e.g. the national law), required when such data is " +
      "processed.",
  })
  @Column({ name: "criminal_data_basis", type: "text", nullable: true })
  criminalDataBasis: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Legitimate interests pursued, when the basis is LEGITIMATE_INTERESTS.",
  })
  @Column({ name: "legitimate_interests", type: "text", nullable: true })
  legitimateInterests: string | null;

  @Field(() => [String], {
    description: 'Art. 30(1)(d): recipients other than processors, as categories (e.g. "Tax authority (SKAT)").',
  })
  @Column({ name: "other_recipients", type: "text", array: true, default: () => "'{}'" })
  otherRecipients: string[];

  @Field(() => String, {
    nullable: true,
    description: "Art. 30(1)(f): the envisaged time limit for erasure (where it does not differ per category).",
  })
  @Column({ type: "text", nullable: true })
  retention: string | null;

  @Field(() => String, { nullable: true, description: "Where the data come from." })
  @Column({ name: "data_source", type: "text", nullable: true })
  dataSource: string | null;

  @Field(() => DpiaStatus, { nullable: true, description: "Art. 35 status." })
  @Column({ name: "dpia_status", type: "enum", enum: DpiaStatus, enumName: "dpia_status", nullable: true })
  dpiaStatus: DpiaStatus | null;

  @Field(() => String, { nullable: true, description: "Where the DPIA is (document link)." })
  @Column({ name: "dpia_link", type: "text", nullable: true })
  dpiaLink: string | null;

  @Field(() => Boolean, { nullable: true, description: "Art. 22: automated decision-making, including profiling." })
  @Column({ name: "automated_decision_making", type: "boolean", nullable: true })
  automatedDecisionMaking: boolean | null;

  @Field(() => String, {
    nullable: true,
    description: "Art. 30(1)(g): the controller's own description of its technical and organisational measures.",
  })
  @Column({ name: "tom_description", type: "text", nullable: true })
  tomDescription: string | null;

  @Field(() => String, { nullable: true, description: "Joint controller (art. 26), name and contact, where relevant." })
  @Column({ name: "joint_controller", type: "text", nullable: true })
  jointController: string | null;

  @Field(() => String, { nullable: true, description: "Where the facts come from (document, workshop, owner)." })
  @Column({ type: "text", nullable: true })
  source: string | null;

  @Field(() => DateTimeResolver, { nullable: true, description: "Set when the activity was archived (ended)." })
  @Column({ name: "archived_at", type: "timestamptz", nullable: true })
  archivedAt: Date | null;
}

/** A link row of an activity. */
abstract class ActivityLink extends TenantRecord {
  @Column({ name: "activity_id", type: "uuid" })
  activityId: string;
}

@Entity("processing_activity_processor")
@Unique("uq_activity_processor", ["activityId", "processorId"])
export class ActivityProcessor extends ActivityLink {
  @TenantReference(() => ProcessingActivity, "activity_id", { onDelete: "CASCADE" })
  activityRecord?: ProcessingActivity;

  @TenantReferenceId(() => Processor, "processor_id")
  processorId: string;
}

@Entity("processing_activity_data_category")
@Unique("uq_activity_data_category", ["activityId", "dataCategoryId"])
export class ActivityDataCategory extends ActivityLink {
  @TenantReference(() => ProcessingActivity, "activity_id", { onDelete: "CASCADE" })
  activityRecord?: ProcessingActivity;

  @Column({ name: "data_category_id", type: "uuid" })
  dataCategoryId: string;

  @ManyToOne(() => DataCategory, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "data_category_id" })
  dataCategoryRecord?: DataCategory;

  /** Retention for this category where it differs from the activity's. */
  @Column({ type: "text", nullable: true })
  retention: string | null;
}

@Entity("processing_activity_data_subject_category")
@Unique("uq_activity_data_subject_category", ["activityId", "dataSubjectCategoryId"])
export class ActivityDataSubjectCategory extends ActivityLink {
  @TenantReference(() => ProcessingActivity, "activity_id", { onDelete: "CASCADE" })
  activityRecord?: ProcessingActivity;

  @Column({ name: "data_subject_category_id", type: "uuid" })
  dataSubjectCategoryId: string;

  @ManyToOne(() => DataSubjectCategory, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "data_subject_category_id" })
  dataSubjectCategoryRecord?: DataSubjectCategory;
}
