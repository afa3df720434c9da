import { Column, Entity, Index, JoinColumn, ManyToOne, Unique } from "typeorm";
import { Field, ObjectType } from "type-graphql";
import { TenantEntity, TenantRecord, TenantReference, TenantReferenceId } from "../../common/base.entity";
import { Node } from "../../common/node";
import { Processor } from "../processors/processor.entity";
import { DataCategory, DataSubjectCategory } from "../taxonomy/taxonomy.entity";
import { EnumValue, graphqlEnum } from "../../common/enums";
import { NullableBoolean, NullableEnum, NullableText, NullableTimestamp } from "../../common/columns";

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
@TenantEntity("processing_activity")
@Index("ix_processing_activity_org_name", ["organizationId", "name"])
export class ProcessingActivity extends TenantRecord {
  @Field({ description: 'Name of the activity, e.g. "Customer-call analytics".' })
  @Column({ type: "varchar", length: 300 })
  name: string;

  @NullableText("purposes", "Art. 30(1)(b): the purposes.")
  purposes: string | null;

  @NullableEnum("legal_basis", LegalBasis, "Art. 6(1) lawful basis.")
  legalBasis: LegalBasis | null;

  @NullableEnum(
    "special_category_condition",
    SpecialCategoryCondition,
    "Art. 9(2) condition, required when special categories are processed.",
  )
  specialCategoryCondition: SpecialCategoryCondition | null;

  @NullableText(
    "criminal_data_basis",
    "Art. 10: the legal basis for criminal-offence data (e.g. the national law), required when such data is " +
      "processed.",
  )
  criminalDataBasis: string | null;

  @NullableText("legitimate_interests", "Legitimate interests pursued, when the basis is LEGITIMATE_INTERESTS.")
  legitimateInterests: string | null;

  @Field(() => [String], {
    description: 'Art. 30(1)(d): recipients other than processors, as categories (e.g. "Tax authority (SKAT)").',
  })
  @Column({ name: "other_recipients", type: "text", array: true, default: () => "'{}'" })
  otherRecipients: string[];

  @NullableText(
    "retention",
    "Art. 30(1)(f): the envisaged time limit for erasure (where it does not differ per category).",
  )
  retention: string | null;

  @NullableText("data_source", "Where the data come from.")
  dataSource: string | null;

  @NullableEnum("dpia_status", DpiaStatus, "Art. 35 status.")
  dpiaStatus: DpiaStatus | null;

  @NullableText("dpia_link", "Where the DPIA is (document link).")
  dpiaLink: string | null;

  @NullableBoolean("automated_decision_making", "Art. 22: automated decision-making, including profiling.")
  automatedDecisionMaking: boolean | null;

  @NullableText(
    "tom_description",
    "Art. 30(1)(g): the controller's own description of its technical and organisational measures.",
  )
  tomDescription: string | null;

  @NullableText("joint_controller", "Joint controller (art. 26), name and contact, where relevant.")
  jointController: string | null;

  @NullableText("source", "Where the facts come from (document, workshop, owner).")
  source: string | null;

  @NullableTimestamp("archived_at", "Set when the activity was archived (ended).")
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
