import { Column, Index } from "typeorm";
import { Field, ObjectType } from "type-graphql";
import { TenantEntity, TenantRecord, TenantReferenceId } from "../../common/base.entity";
import { Node } from "../../common/node";
import { Processor } from "../processors/processor.entity";
import {
  AgreementKind,
  AgreementStatus,
  AgreementTemplate,
  AuditCostBearer,
  EndOfContractAction,
  SubprocessorAuthorization,
  DataSubjectVolume,
  ProcessingNature,
  Art28Element,
  SupervisionMethod,
  ThirdCountryTransfers,
} from "./agreement.enums";
import {
  NullableBoolean,
  NullableDate,
  NullableEnum,
  NullableInt,
  NullableText,
  NullableTimestamp,
  NullableVarchar,
} from "../../common/columns";

/** Where a clause value comes from: document and clause reference, e.g. capturi-dpa.da.txt §10.2. */
export interface ClauseSourceValue {
  reference: string;
  note?: string | null;
}

@ObjectType({
  implements: Node,
  description:
    "A data processing agreement (art. 28(3)) between the controller and a processor, or a sub-processor " +
    "agreement (art. 28(4)) between a processor (the principal) and its sub-processor. Clause values are typed; " +
    "each may name its source.",
})
@TenantEntity("agreement")
@Index("ix_agreement_processor", ["organizationId", "processorId"])
export class Agreement extends TenantRecord {
  @TenantReferenceId(() => Processor, "processor_id")
  processorId: string;

  /** null = the controller itself is the other party. */
  @TenantReferenceId(() => Processor, "principal_id", { nullable: true })
  principalId: string | null;

  @TenantReferenceId(() => Agreement, "supersedes_id", { nullable: true })
  supersedesId: string | null;

  @Field(() => AgreementKind, { description: "DPA with the controller, or a sub-processor agreement." })
  @Column({ type: "enum", enum: AgreementKind, enumName: "agreement_kind" })
  kind: AgreementKind;

  @Field(() => AgreementTemplate, { description: "Template the agreement is built on." })
  @Column({ type: "enum", enum: AgreementTemplate, enumName: "agreement_template" })
  template: AgreementTemplate;

  @Field(() => AgreementStatus, {
    description:
      "The document's lifecycle (DRAFT, ACTIVE, SUPERSEDED, TERMINATED). An ACTIVE agreement is in force within " +
      "effectiveFrom and endOn; a SUPERSEDED one until the version that supersedes it takes effect.",
  })
  @Column({ type: "enum", enum: AgreementStatus, enumName: "agreement_status", default: AgreementStatus.DRAFT })
  status: AgreementStatus;

  @Field({ description: "Title of the document." })
  @Column({ type: "varchar", length: 300 })
  title: string;

  @NullableVarchar("document_reference", 500, "File name or reference of the signed document.")
  documentReference: string | null;

  @NullableDate("signed_on", "Date the agreement was signed.")
  signedOn: string | null;

  @NullableDate("effective_from", "Date the agreement takes effect.")
  effectiveFrom: string | null;

  @NullableDate("end_on", "Date the agreement ends, if fixed.")
  endOn: string | null;

  @NullableInt(
    "breach_notification_hours",
    "Clause 10.2: hours within which the processor notifies the controller of a personal data breach. Blank or " +
      "above 48 is a risk.",
  )
  breachNotificationHours: number | null;

  @NullableEnum(
    "subprocessor_authorization",
    SubprocessorAuthorization,
    "Clause 7.3: general or specific authorisation of sub-processors.",
  )
  subprocessorAuthorization: SubprocessorAuthorization | null;

  @NullableInt(
    "subprocessor_notice_days",
    "Clause 7.3: days of advance notice before a sub-processor is added or replaced.",
  )
  subprocessorNoticeDays: number | null;

  @NullableBoolean(
    "objection_suspends_change",
    "Whether an objection by the controller suspends the change until resolved.",
  )
  objectionSuspendsChange: boolean | null;

  @NullableEnum(
    "third_country_transfers",
    ThirdCountryTransfers,
    "Clause 8 / Bilag C.6: the agreement's policy on third-country transfers.",
  )
  thirdCountryTransfers: ThirdCountryTransfers | null;

  @Column({ name: "processing_countries", type: "char", length: 2, array: true, default: () => "'{}'" })
  processingCountries: string[];

  @Column({ name: "processing_locations_text", type: "text", nullable: true })
  processingLocationsText: string | null;

  @Field(() => DataSubjectVolume, {
    description: "How many data subjects the processing concerns (risk question A); UNKNOWN until recorded.",
  })
  @Column({
    name: "data_subject_volume",
    type: "enum",
    enum: DataSubjectVolume,
    enumName: "data_subject_volume",
    default: DataSubjectVolume.UNKNOWN,
  })
  dataSubjectVolume: DataSubjectVolume;

  @Field(() => [ProcessingNature], { description: "Special nature of the processing (risk question C)." })
  @Column({
    name: "processing_nature",
    type: "enum",
    enum: ProcessingNature,
    enumName: "processing_nature",
    array: true,
    default: () => "'{}'",
  })
  processingNature: ProcessingNature[];

  @Field(() => [Art28Element], {
    description:
      "Art. 28(3) elements a reviewer confirmed the agreement contains, beyond what its typed clauses and " +
      "template show.",
  })
  @Column({
    name: "confirmed_art28_elements",
    type: "enum",
    enum: Art28Element,
    enumName: "art28_element",
    array: true,
    default: () => "'{}'",
  })
  confirmedArt28Elements: Art28Element[];

  @NullableEnum(
    "end_of_contract_action",
    EndOfContractAction,
    "Clause 11 / Bilag C.4: delete, return, or both, at the end of the service.",
  )
  endOfContractAction: EndOfContractAction | null;

  @NullableInt(
    "retention_after_end_days",
    "Days after the end of the service within which data is deleted or returned.",
  )
  retentionAfterEndDays: number | null;

  @Column({
    name: "processor_audit_methods",
    type: "enum",
    enum: SupervisionMethod,
    enumName: "supervision_method",
    array: true,
    default: () => "'{}'",
  })
  processorAuditMethods: SupervisionMethod[];

  @Column({ name: "processor_audit_interval_months", type: "integer", nullable: true })
  processorAuditIntervalMonths: number | null;

  @Column({ name: "processor_audit_due_day", type: "varchar", length: 5, nullable: true })
  processorAuditDueDay: string | null;

  @Column({ name: "processor_audit_notice_days", type: "integer", nullable: true })
  processorAuditNoticeDays: number | null;

  @Column({
    name: "processor_audit_paid_by",
    type: "enum",
    enum: AuditCostBearer,
    enumName: "audit_cost_bearer",
    nullable: true,
  })
  processorAuditPaidBy: AuditCostBearer | null;

  @Column({
    name: "subprocessor_audit_methods",
    type: "enum",
    enum: SupervisionMethod,
    enumName: "supervision_method",
    array: true,
    default: () => "'{}'",
  })
  subprocessorAuditMethods: SupervisionMethod[];

  @Column({ name: "subprocessor_audit_interval_months", type: "integer", nullable: true })
  subprocessorAuditIntervalMonths: number | null;

  @Column({ name: "subprocessor_audit_due_day", type: "varchar", length: 5, nullable: true })
  subprocessorAuditDueDay: string | null;

  @Column({ name: "subprocessor_audit_notice_days", type: "integer", nullable: true })
  subprocessorAuditNoticeDays: number | null;

  @Column({
    name: "subprocessor_audit_paid_by",
    type: "enum",
    enum: AuditCostBearer,
    enumName: "audit_cost_bearer",
    nullable: true,
  })
  subprocessorAuditPaidBy: AuditCostBearer | null;

  @NullableText("purposes", "Bilag A.1: purpose of the processing.")
  purposes: string | null;

  @NullableText("nature", "Bilag A.2: nature of the processing.")
  nature: string | null;

  @NullableText("duration", "Bilag A.5: duration of the processing.")
  duration: string | null;

  @NullableVarchar("governing_law", 200, "Governing law.")
  governingLaw: string | null;

  @NullableVarchar("venue", 300, "Venue for disputes.")
  venue: string | null;

  /** clause field name → where its value comes from. */
  @Column({ name: "clause_sources", type: "jsonb", default: () => "'{}'" })
  clauseSources: Record<string, ClauseSourceValue>;

  @NullableTimestamp("archived_at", "Set when the record was archived.")
  archivedAt: Date | null;
}
