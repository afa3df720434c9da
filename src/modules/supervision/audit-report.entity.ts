import { Column, Index } from "typeorm";
import { Field, ObjectType } from "type-graphql";
import { LocalDateScalar } from "../../common/scalars";
import { TenantEntity, TenantRecord, TenantReferenceId } from "../../common/base.entity";
import { Node } from "../../common/node";
import { Processor } from "../processors/processor.entity";
import { Agreement } from "../agreements/agreement.entity";
import { AssuranceLevel, AuditOpinion, AuditReportType, ReportKind, SubserviceMethod } from "./supervision.enums";
import { NullableBoolean, NullableDate, NullableEnum, NullableText, NullableVarchar } from "../../common/columns";

@ObjectType({
  implements: Node,
  description:
    "Supervision evidence about one processor: an auditor's report (ISAE 3000/3402, SOC 2), a self-control " +
    "report, an inspection, written supervision or a certification.",
})
@TenantEntity("audit_report")
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

  @NullableEnum("assurance", AssuranceLevel, "Assurance level (auditor's reports).", "assurance_level")
  assurance: AssuranceLevel | null;

  @NullableEnum("report_kind", ReportKind, "Type 1 or type 2 (auditor's reports).")
  reportKind: ReportKind | null;

  @NullableDate("period_start", "Type 2: first day of the period tested.")
  periodStart: string | null;

  @NullableDate("period_end", "Type 2: last day of the period tested.")
  periodEnd: string | null;

  @NullableDate(
    "as_of_date",
    "Type 1: the date the design of controls was assessed; for an inspection, the day it took place.",
  )
  asOfDate: string | null;

  @NullableDate("issued_on", "When the report was issued (signed by the auditor).")
  issuedOn: string | null;

  @Field(() => LocalDateScalar, {
    description:
      "When the controller received the report or carried out the supervision. Counts as the supervision date.",
  })
  @Column({ name: "received_on", type: "date" })
  receivedOn: string;

  @NullableVarchar("auditor", 300, "Audit firm or person who carried out the supervision.")
  auditor: string | null;

  @NullableEnum("opinion", AuditOpinion, "The auditor's opinion.", "audit_opinion")
  opinion: AuditOpinion | null;

  @NullableEnum("subservice_method", SubserviceMethod, "How sub-service organisations are treated.")
  subserviceMethod: SubserviceMethod | null;

  /** Processors carved out of the report (CARVE_OUT); exposed as carvedOutSubprocessors. */
  @Column({ name: "carved_out_processor_ids", type: "uuid", array: true, default: () => "'{}'" })
  carvedOutProcessorIds: string[];

  @Field(() => [String], {
    description: "Complementary user entity controls: controls the controller itself must run for the report to hold.",
  })
  @Column({ type: "text", array: true, default: () => "'{}'" })
  cuecs: string[];

  @NullableDate("bridge_letter_until", "A bridge letter covers the gap from periodEnd until this date.")
  bridgeLetterUntil: string | null;

  @NullableBoolean(
    "covers_purchased_services",
    "Whether the scope covers the services the controller buys; null when not assessed.",
  )
  coversPurchasedServices: boolean | null;

  @NullableText("scope", "The scope as the report states it (systems, locations, control objectives).")
  scope: string | null;

  @NullableVarchar("standard", 200, 'Certifications: the standard, e.g. "ISO/IEC 27001:2022".')
  standard: string | null;

  @NullableVarchar("certificate_number", 200, "Certifications: the certificate number.")
  certificateNumber: string | null;

  @NullableDate("valid_until", "Certifications: last day the certificate is valid.")
  validUntil: string | null;

  @NullableText("source", "Where the facts come from (document and page).")
  source: string | null;
}
