import { Field, ID, InputType, Int } from "type-graphql";
import { IsOptional, Max, Min } from "class-validator";
import { DateTimeScalar, LocalDateScalar } from "../../common/scalars";
import {
  IsEnumValue,
  IsNotBlank,
  MaxLen,
  oneOf,
  OptionalDate,
  OptionalList,
  OptionalText,
  VersionRead,
} from "../../common/validation";
import { SupervisionMethod } from "../agreements/agreement.enums";
import {
  AssuranceLevel,
  AuditOpinion,
  AuditReportType,
  FindingSeverity,
  FindingStatus,
  ReportKind,
  ReviewConclusion,
  SubserviceMethod,
} from "./supervision.enums";
import { UpdateInputOf } from "../../common/mutation";

@InputType({
  description: "Fields of an audit report. Enum values are strings so that mistakes come back as userErrors.",
})
class AuditReportFields {
  @Field(() => ID, {
    nullable: true,
    description: "The agreement whose audit clause the report answers (must be the processor's).",
  })
  agreementId?: string | null;

  @Field(() => String, { nullable: true, description: `Kind of report. ${oneOf(AuditReportType)}` })
  @IsEnumValue(AuditReportType)
  type?: AuditReportType;

  @Field(() => String, { nullable: true, description: "Title as on the report." })
  @IsNotBlank()
  @MaxLen(300)
  title?: string;

  @Field(() => String, { nullable: true, description: `Assurance level. ${oneOf(AssuranceLevel)}` })
  @IsEnumValue(AssuranceLevel)
  assurance?: AssuranceLevel | null;

  @Field(() => String, {
    nullable: true,
    description: `Type 1 or 2 (required for ISAE 3000, ISAE 3402, SOC 2). ${oneOf(ReportKind)}`,
  })
  @IsEnumValue(ReportKind)
  reportKind?: ReportKind | null;

  @OptionalDate("Type 2: first day of the period.")
  periodStart?: string | null;

  @OptionalDate("Type 2: last day of the period.")
  periodEnd?: string | null;

  @OptionalDate("Type 1: the date assessed; an inspection: the day it took place.")
  asOfDate?: string | null;

  @OptionalDate("When the report was issued.")
  issuedOn?: string | null;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description: "When the controller received it (the supervision date).",
  })
  receivedOn?: string;

  @OptionalText(300, "Audit firm or person.")
  auditor?: string | null;

  @Field(() => String, { nullable: true, description: `Opinion. ${oneOf(AuditOpinion)}` })
  @IsEnumValue(AuditOpinion)
  opinion?: AuditOpinion | null;

  @Field(() => String, { nullable: true, description: `Sub-service method. ${oneOf(SubserviceMethod)}` })
  @IsEnumValue(SubserviceMethod)
  subserviceMethod?: SubserviceMethod | null;

  @OptionalList(ID, 200, "Sub-processors carved out of the report (needs CARVE_OUT).")
  carvedOutSubprocessorIds?: string[] | null;

  @OptionalList(String, 200, "Complementary user entity controls the controller must run.")
  @MaxLen(2000, { each: true, message: "each cuec must be at most 2000 characters" })
  cuecs?: string[] | null;

  @OptionalDate("A bridge letter covers the gap after periodEnd until this date.")
  bridgeLetterUntil?: string | null;

  @Field(() => Boolean, { nullable: true, description: "Whether the scope covers the services the controller buys." })
  coversPurchasedServices?: boolean | null;

  @OptionalText(10000, "Scope as the report states it.")
  scope?: string | null;

  @OptionalText(200, "Certifications: the standard.")
  standard?: string | null;

  @OptionalText(200, "Certifications: the certificate number.")
  certificateNumber?: string | null;

  @OptionalDate("Certifications: last day valid.")
  validUntil?: string | null;

  @OptionalText(1000, "Where the facts come from.")
  source?: string | null;
}

@InputType({ description: "A new audit report. processorId, type, title and receivedOn are required." })
export class CreateAuditReportInput extends AuditReportFields {
  @Field(() => ID, { description: "The processor the report is about." })
  processorId: string;
}

@InputType({ description: "Changes to an audit report; omitted fields stay, null clears." })
export class UpdateAuditReportInput extends UpdateInputOf(AuditReportFields, "The report.") {}

@InputType({ description: "The controller's review of a report." })
export class ReviewAuditReportInput {
  @Field(() => ID, { description: "The report reviewed." })
  auditReportId: string;

  @Field({ description: "Who reviewed it (name and title)." })
  @IsNotBlank()
  @MaxLen(200)
  reviewer: string;

  @OptionalDate("When (default today); not before the report was received, not in the future.")
  reviewedOn?: string | null;

  @Field(() => String, { description: `The conclusion. ${oneOf(ReviewConclusion)}` })
  @IsEnumValue(ReviewConclusion)
  conclusion: ReviewConclusion;

  @OptionalText(10000, "Remarks: scope gaps, CUECs checked, follow-up agreed.")
  remarks?: string | null;
}

@InputType({ description: "Fields of a finding." })
class FindingFields {
  @OptionalText(500, "The control objective concerned.")
  controlObjective?: string | null;

  @Field(() => String, { nullable: true, description: "What was found." })
  @IsNotBlank()
  @MaxLen(10000)
  description?: string;

  @Field(() => String, { nullable: true, description: `Severity. ${oneOf(FindingSeverity)}` })
  @IsEnumValue(FindingSeverity)
  severity?: FindingSeverity;

  @OptionalText(10000, "The processor's response.")
  processorResponse?: string | null;

  @OptionalText(200, "Who follows it up at the controller.")
  owner?: string | null;

  @OptionalDate("When it must be resolved.")
  dueOn?: string | null;

  @Field(() => ID, { nullable: true, description: "The security measure concerned (from the TOM catalogue)." })
  measureId?: string | null;
}

@InputType({
  description: "A new finding: from a report (auditReportId) or from the controller's own review (processorId).",
})
export class CreateFindingInput extends FindingFields {
  @Field(() => ID, { nullable: true, description: "The report the exception is from; its processor is the finding's." })
  auditReportId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: "The processor, for a finding of the controller's own review (without auditReportId).",
  })
  processorId?: string | null;
}

@InputType({ description: "Changes to an open finding. Close it with closeFinding." })
export class UpdateFindingInput extends FindingFields {
  @Field(() => ID, { description: "The finding." })
  id: string;

  @Field(() => String, {
    nullable: true,
    description: `OPEN or IN_PROGRESS (use closeFinding to close). ${oneOf(FindingStatus)}`,
  })
  @IsEnumValue(FindingStatus)
  status?: FindingStatus;

  @VersionRead("The version you read.")
  version?: number | null;
}

@InputType({ description: "Close a finding; a note saying why is required." })
export class CloseFindingInput {
  @Field(() => ID, { description: "The finding." })
  id: string;

  @Field({ description: "Why it can be closed (what was fixed, what evidence shows it)." })
  @IsNotBlank()
  @MaxLen(10000)
  note: string;

  @OptionalDate("When (default today).")
  closedOn?: string | null;

  @VersionRead("The version you read.")
  version?: number | null;
}

@InputType({ description: "The controller's choices for supervising a processor (creates or replaces them)." })
export class SetSupervisionPlanInput {
  @Field(() => ID, { description: "The processor." })
  processorId: string;

  @Field(() => String, { nullable: true, description: `The method chosen. ${oneOf(SupervisionMethod)}` })
  @IsEnumValue(SupervisionMethod)
  chosenMethod?: SupervisionMethod | null;

  @OptionalText(10000, "Why that method.")
  rationale?: string | null;

  @Field(() => Int, { nullable: true, description: "A shorter interval than the agreement's, in months (1–120)." })
  @IsOptional()
  @Min(1, { message: "intervalMonths must be between 1 and 120" })
  @Max(120, { message: "intervalMonths must be between 1 and 120" })
  intervalMonths?: number | null;

  @OptionalText(200, "Who owns the supervision.")
  owner?: string | null;
}

@InputType({ description: "A breach a processor notified (art. 33(2)). The limit comes from the agreement in force." })
export class RecordBreachNoticeInput {
  @Field(() => ID, { description: "The processor that notified." })
  processorId: string;

  @Field({ description: "Short title." })
  @IsNotBlank()
  @MaxLen(300)
  title: string;

  @Field(() => DateTimeScalar, { description: "When the processor became aware of the breach." })
  becameAwareAt: Date;

  @Field(() => DateTimeScalar, { description: "When it notified the controller." })
  notifiedAt: Date;

  @OptionalText(10000, "Art. 33(3)(a): nature of the breach.")
  nature?: string | null;

  @OptionalText(2000, "Art. 33(3)(a): categories of data subjects.")
  dataSubjectCategories?: string | null;

  @Field(() => Int, { nullable: true, description: "Art. 33(3)(a): approximate number of data subjects." })
  @IsOptional()
  @Min(0, { message: "approximateDataSubjects must not be negative" })
  approximateDataSubjects?: number | null;

  @OptionalText(2000, "Art. 33(3)(a): categories of records.")
  dataCategories?: string | null;

  @Field(() => Int, { nullable: true, description: "Art. 33(3)(a): approximate number of records." })
  @IsOptional()
  @Min(0, { message: "approximateRecords must not be negative" })
  approximateRecords?: number | null;

  @OptionalText(1000, "Art. 33(3)(b): contact point.")
  contactPoint?: string | null;

  @OptionalText(10000, "Art. 33(3)(c): likely consequences.")
  likelyConsequences?: string | null;

  @OptionalText(10000, "Art. 33(3)(d): measures taken or proposed.")
  measuresTaken?: string | null;

  @OptionalText(1000, "Where the notice is documented.")
  source?: string | null;
}

@InputType({ description: "Filters for the findings list; all given filters must match." })
export class FindingFilter {
  @Field(() => Boolean, { nullable: true, defaultValue: false, description: "Only findings not closed." })
  openOnly?: boolean;

  @Field(() => [FindingSeverity], { nullable: true, description: "Only these severities." })
  severities?: FindingSeverity[] | null;

  @Field(() => Boolean, { nullable: true, defaultValue: false, description: "Only open findings past their due date." })
  overdueOnly?: boolean;

  @Field(() => ID, { nullable: true, description: "Only findings about this processor." })
  processorId?: string | null;
}
