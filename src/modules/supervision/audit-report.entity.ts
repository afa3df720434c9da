import { Column, Entity, Index, Unique } from "typeorm";
import { Field, ObjectType } from "type-graphql";
import { LocalDateResolver } from "graphql-scalars";
import { TenantRecord, TenantReferenceId } from "../../common/base.entity";
import { Node } from "../../common/node";
import { Processor } from "../processors/processor.entity";
import { Agreement } from "../agreements/agreement.entity";
import { AssuranceLevel, AuditOpinion, AuditReportType, ReportKind, SubserviceMethod } from "./supervision.enums";

@ObjectType({
  implements: Node,
  description:
    "Supervision evidence about one processor: an auditor's report (ISAE 3000/3402, SOC 2), a self-control " +
    "report, an inspection, written supervision or a certification.",
})
@Entity("audit_report")
@Unique("uq_audit_report_org_id", ["organizationId", "id"])
@Index("ix_audit_report_processor", ["organizationId", "processorId", "receivedOn"])
export class AuditReport extends TenantRecord {
  @TenantReferenceId(() => Processor, "processor_id")
  processorId: string;

  /** The agreement whose audit clause the report answers, if known. */
  @TenantReferenceId(() => Agreement, "agreement_id", { nullable: true })
  agreementId: string | null;

  @Field(() => AuditReportType, { description: "What kind of report or supervision." })
  @Column({ type: "enum", enum: AuditReportType, enumName: "audit_report_type" })
  type: AuditReportType;

  @Field({ description: 'Title as on the report, e.g. "ISAE 3000 type 2 GDPR statement 2025".' })
  @Column({ type: "varchar", length: 300 })
  title: string;

  @Field(() => AssuranceLevel, { nullable: true, description: "Assurance level (auditor's reports)." })
  @Column({ type: "enum", enum: AssuranceLevel, enumName: "assurance_level", nullable: true })
  assurance: AssuranceLevel | null;

  @Field(() => ReportKind, { nullable: true, description: "Type 1 or type 2 (auditor's reports)." })
  @Column({ name: "report_kind", type: "enum", enum: ReportKind, enumName: "report_kind", nullable: true })
  reportKind: ReportKind | null;

  @Field(() => LocalDateResolver, { nullable: true, description: "Type 2: first day of the period tested." })
  @Column({ name: "period_start", type: "date", nullable: true })
  periodStart: string | null;

  @Field(() => LocalDateResolver, { nullable: true, description: "Type 2: last day of the period tested." })
  @Column({ name: "period_end", type: "date", nullable: true })
  periodEnd: string | null;

  @Field(() => LocalDateResolver, {
    nullable: true,
    description: "Type 1: the date the design of controls was assessed; for an inspection, the day it took place.",
  })
  @Column({ name: "as_of_date", type: "date", nullable: true })
  asOfDate: string | null;

  @Field(() => LocalDateResolver, {
    nullable: true,
    description: "When the report was issued (signed by the auditor).",
  })
  @Column({ name: "issued_on", type: "date", nullable: true })
  issuedOn: string | null;

  @Field(() => LocalDateResolver, {
    description:
      "When the controller received the report or carried out the supervision. Counts as the supervision date.",
  })
  @Column({ name: "received_on", type: "date" })
  receivedOn: string;

  @Field(() => String, { nullable: true, description: "Audit firm or person who carried out the supervision." })
  @Column({ type: "varchar", length: 300, nullable: true })
  auditor: string | null;

  @Field(() => AuditOpinion, { nullable: true, description: "The auditor's opinion." })
  @Column({ type: "enum", enum: AuditOpinion, enumName: "audit_opinion", nullable: true })
  opinion: AuditOpinion | null;

  @Field(() => SubserviceMethod, { nullable: true, description: "How sub-service organisations are treated." })
  @Column({
    name: "subservice_method",
    type: "enum",
    enum: SubserviceMethod,
    enumName: "subservice_method",
    nullable: true,
  })
  subserviceMethod: SubserviceMethod | null;

  /** Processors carved out of the report (CARVE_OUT); exposed as carvedOutSubprocessors. */
  @Column({ name: "carved_out_processor_ids", type: "uuid", array: true, default: () => "'{}'" })
  carvedOutProcessorIds: string[];

  @Field(() => [String], {
    description: "Complementary user entity controls: controls the controller itself must run for the report to hold.",
  })
  @Column({ type: "text", array: true, default: () => "'{}'" })
  cuecs: string[];

  @Field(() => LocalDateResolver, {
    nullable: true,
    description: "A bridge letter covers the gap from periodEnd until this date.",
  })
  @Column({ name: "bridge_letter_until", type: "date", nullable: true })
  bridgeLetterUntil: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: "Whether the scope covers the services the controller buys; null when not assessed.",
  })
  @Column({ name: "covers_purchased_services", type: "boolean", nullable: true })
  coversPurchasedServices: boolean | null;

  @Field(() => String, {
    nullable: true,
    description: "The scope as the report states it (systems, locations, control objectives).",
  })
  @Column({ type: "text", nullable: true })
  scope: string | null;

  @Field(() => String, { nullable: true, description: 'Certifications: the standard, e.g. "ISO/IEC 27001:2022".' })
  @Column({ type: "varchar", length: 200, nullable: true })
  standard: string | null;

  @Field(() => String, { nullable: true, description: "Certifications: the certificate number." })
  @Column({ name: "certificate_number", type: "varchar", length: 200, nullable: true })
  certificateNumber: string | null;

  @Field(() => LocalDateResolver, { nullable: true, description: "Certifications: last day the certificate is valid." })
  @Column({ name: "valid_until", type: "date", nullable: true })
  validUntil: string | null;

  @Field(() => String, { nullable: true, description: "Where the facts come from (document and page)." })
  @Column({ type: "text", nullable: true })
  source: string | null;
}
