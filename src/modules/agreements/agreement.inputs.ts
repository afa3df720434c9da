import { Field, ID, InputType, Int } from "type-graphql";
import { IsBoolean, IsOptional, Matches, Max, Min, ValidateNested } from "class-validator";
import {
  IsCountryCodeList,
  IsEnumValue,
  IsNotBlank,
  MaxLen,
  oneOf,
  OptionalDate,
  OptionalList,
  OptionalText,
} from "../../common/validation";
import {
  AgreementKind,
  AgreementStatus,
  AgreementTemplate,
  Art28Element,
  AuditCostBearer,
  DataSubjectVolume,
  EndOfContractAction,
  ProcessingNature,
  SubprocessorAuthorization,
  SupervisionMethod,
  ThirdCountryTransfers,
} from "./agreement.enums";
import { UpdateInputOf } from "../../common/mutation";

/** Names of the clause values that can carry a source. */
export const CLAUSE_NAMES = [
  "title",
  "signedOn",
  "effectiveFrom",
  "endOn",
  "breachNotificationHours",
  "subprocessorAuthorization",
  "subprocessorNoticeDays",
  "objectionSuspendsChange",
  "thirdCountryTransfers",
  "processingLocations",
  "endOfContractAction",
  "retentionAfterEndDays",
  "processorAudit",
  "subprocessorAudit",
  "purposes",
  "nature",
  "duration",
  "governingLaw",
  "venue",
] as const;

@InputType({ description: "Audit and inspection terms (Bilag C.7 for the processor, C.8 for its sub-processors)." })
export class AuditTermsInput {
  @IsEnumValue(SupervisionMethod, {
    message: `methods must contain only: ${Object.values(SupervisionMethod).join(", ")}`,
  })
  @OptionalList(String, 10, `Accepted methods. ${oneOf(SupervisionMethod)}`)
  methods?: SupervisionMethod[];

  @Field(() => Int, { nullable: true, description: "Interval between audits in months (1–120)." })
  @IsOptional()
  @Min(1, { message: "intervalMonths must be at least 1" })
  @Max(120, { message: "intervalMonths must be at most 120" })
  intervalMonths?: number | null;

  @Field(() => String, { nullable: true, description: "Fixed due day each year as MM-DD, e.g. 01-01 for 1 January." })
  @IsOptional()
  @Matches(/^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/, {
    message: "dueDay must be a day of the year written MM-DD, e.g. 01-01",
  })
  dueDay?: string | null;

  @Field(() => Int, { nullable: true, description: "Days of notice before an inspection (0 or more)." })
  @IsOptional()
  @Min(0, { message: "noticeDays must not be negative" })
  @Max(3650, { message: "noticeDays must be at most 3650" })
  noticeDays?: number | null;

  @Field(() => String, { nullable: true, description: `Who pays. ${oneOf(AuditCostBearer)}` })
  @IsEnumValue(AuditCostBearer)
  paidBy?: AuditCostBearer | null;
}

@InputType({ description: "Where a clause value comes from." })
export class ClauseSourceInput {
  @Field(() => String, { description: `The clause value, by field name: ${CLAUSE_NAMES.join(", ")}.` })
  @IsEnumValue(Object.fromEntries(CLAUSE_NAMES.map((c) => [c, c])), {
    message: `clause must be one of: ${CLAUSE_NAMES.join(", ")}`,
  })
  clause: string;

  @Field({ description: 'Document and clause reference, e.g. "capturi-dpa.da.txt §10.2".' })
  @IsNotBlank({ message: "reference must not be empty" })
  @MaxLen(500)
  reference: string;

  @Field(() => String, {
    nullable: true,
    description: "Note: a quote, a translation, or why a value was chosen where the document is inconsistent.",
  })
  @IsOptional()
  @MaxLen(5000)
  note?: string | null;
}

@InputType({ description: "A vocabulary entry named by key, with where the agreement names it." })
export class CategoryRefInput {
  @Field({ description: "Vocabulary key, e.g. user.contact.email or employee." })
  @IsNotBlank({ message: "key must not be empty" })
  @MaxLen(200)
  key: string;

  @OptionalText(500, 'Document and clause, e.g. "capturi-dpa.da.txt Bilag A.3".')
  source?: string | null;
}

@InputType({ description: "A security measure the agreement requires, by catalogue key." })
export class RequiredMeasureInput {
  @Field({ description: "Measure key from the TOM catalogue, e.g. encryption.in_transit." })
  @IsNotBlank({ message: "measureKey must not be empty" })
  @MaxLen(200)
  measureKey: string;

  @OptionalText(5000, "The agreement's own words.")
  clauseText?: string | null;

  @OptionalText(500, 'Document and clause, e.g. "capturi-dpa.da.txt Bilag C.2".')
  source?: string | null;
}

@InputType({ description: "Clause values of an agreement." })
class AgreementFields {
  @Field(() => String, { nullable: true, description: `Lifecycle status (default DRAFT). ${oneOf(AgreementStatus)}` })
  @IsEnumValue(AgreementStatus)
  status?: AgreementStatus;

  @Field(() => String, { nullable: true, description: "Title of the document." })
  @IsNotBlank({ message: "title must not be empty" })
  @MaxLen(300)
  title?: string;

  @OptionalText(500, "File name or reference of the signed document.")
  documentReference?: string | null;

  @OptionalDate("Date signed.")
  signedOn?: string | null;

  @OptionalDate("Date the agreement takes effect.")
  effectiveFrom?: string | null;

  @OptionalDate("Date the agreement ends, if fixed.")
  endOn?: string | null;

  @Field(() => ID, {
    nullable: true,
    description:
      "The agreement this one replaces; it becomes SUPERSEDED when this one is ACTIVE, and stays in force until " +
      "this one's effectiveFrom. Of the same processor, and never one that supersedes this one, directly or " +
      "through other versions (INVALID, naming the loop).",
  })
  supersedesId?: string | null;

  @Field(() => Int, { nullable: true, description: "Clause 10.2: hours to notify a personal data breach (0–8760)." })
  @IsOptional()
  @Min(0, { message: "breachNotificationHours must not be negative" })
  @Max(8760, { message: "breachNotificationHours must be at most 8760 (one year)" })
  breachNotificationHours?: number | null;

  @Field(() => String, { nullable: true, description: `Clause 7.3. ${oneOf(SubprocessorAuthorization)}` })
  @IsEnumValue(SubprocessorAuthorization)
  subprocessorAuthorization?: SubprocessorAuthorization | null;

  @Field(() => Int, {
    nullable: true,
    description: "Clause 7.3: days of notice before a sub-processor change (0–3650).",
  })
  @IsOptional()
  @Min(0, { message: "subprocessorNoticeDays must not be negative" })
  @Max(3650, { message: "subprocessorNoticeDays must be at most 3650" })
  subprocessorNoticeDays?: number | null;

  @Field(() => Boolean, { nullable: true, description: "Whether an objection suspends the change." })
  @IsOptional()
  @IsBoolean({ message: "objectionSuspendsChange must be true or false" })
  objectionSuspendsChange?: boolean | null;

  @Field(() => String, { nullable: true, description: `Clause 8 / C.6. ${oneOf(ThirdCountryTransfers)}` })
  @IsEnumValue(ThirdCountryTransfers)
  thirdCountryTransfers?: ThirdCountryTransfers | null;

  @IsCountryCodeList()
  @OptionalList(String, 250, "C.5: countries where processing may take place (ISO 3166-1 alpha-2).")
  processingCountries?: string[] | null;

  @OptionalText(5000, "C.5: the processing locations as the agreement words them.")
  processingLocationsText?: string | null;

  @Field(() => String, {
    nullable: true,
    description: `Number of data subjects (risk question A; default UNKNOWN). ${oneOf(DataSubjectVolume)}`,
  })
  @IsEnumValue(DataSubjectVolume)
  dataSubjectVolume?: DataSubjectVolume;

  @IsEnumValue(ProcessingNature, {
    message: `processingNature must contain only: ${Object.values(ProcessingNature).join(", ")}`,
  })
  @OptionalList(String, 4, `Special nature of the processing (risk question C). ${oneOf(ProcessingNature)}`)
  processingNature?: ProcessingNature[] | null;

  @IsEnumValue(Art28Element, {
    message: `confirmedArt28Elements must contain only: ${Object.values(Art28Element).join(", ")}`,
  })
  @OptionalList(String, 8, `Art. 28(3) elements a reviewer confirmed. ${oneOf(Art28Element)}`)
  confirmedArt28Elements?: Art28Element[] | null;

  @Field(() => String, { nullable: true, description: `Clause 11 / C.4. ${oneOf(EndOfContractAction)}` })
  @IsEnumValue(EndOfContractAction)
  endOfContractAction?: EndOfContractAction | null;

  @Field(() => Int, {
    nullable: true,
    description: "Days after the end of the service within which data is deleted or returned (0–3650).",
  })
  @IsOptional()
  @Min(0, { message: "retentionAfterEndDays must not be negative" })
  @Max(3650, { message: "retentionAfterEndDays must be at most 3650" })
  retentionAfterEndDays?: number | null;

  @Field(() => AuditTermsInput, { nullable: true, description: "C.7: audits of the processor." })
  @IsOptional()
  @ValidateNested()
  processorAudit?: AuditTermsInput | null;

  @Field(() => AuditTermsInput, { nullable: true, description: "C.8: audits of the processor's sub-processors." })
  @IsOptional()
  @ValidateNested()
  subprocessorAudit?: AuditTermsInput | null;

  @OptionalText(10000, "A.1: purpose.")
  purposes?: string | null;

  @OptionalText(10000, "A.2: nature of the processing.")
  nature?: string | null;

  @OptionalText(5000, "A.5: duration.")
  duration?: string | null;

  @OptionalText(200, "Governing law.")
  governingLaw?: string | null;

  @OptionalText(300, "Venue.")
  venue?: string | null;

  @OptionalList(ClauseSourceInput, 100, "Sources of clause values; replaces the stored list when given.")
  sources?: ClauseSourceInput[] | null;

  @OptionalList(CategoryRefInput, 500, "A.3: data categories entrusted; replaces the stored list when given.")
  dataCategories?: CategoryRefInput[] | null;

  @OptionalList(CategoryRefInput, 500, "A.4: categories of data subjects; replaces the stored list when given.")
  dataSubjectCategories?: CategoryRefInput[] | null;

  @OptionalList(RequiredMeasureInput, 500, "C.2: required security measures; replaces the stored list when given.")
  requiredMeasures?: RequiredMeasureInput[] | null;
}

@InputType({ description: "A new agreement. processorId, kind, template and title are required." })
export class CreateAgreementInput extends AgreementFields {
  @Field(() => ID, { description: "The processor that processes under this agreement." })
  processorId: string;

  @Field(() => ID, {
    nullable: true,
    description: "For a sub-processor agreement: the processor that engaged it. Null for the controller's own DPA.",
  })
  principalId?: string | null;

  @Field(() => String, { description: `DPA or SUBPROCESSOR_AGREEMENT. ${oneOf(AgreementKind)}` })
  @IsEnumValue(AgreementKind)
  kind: AgreementKind;

  @Field(() => String, { description: `Template. ${oneOf(AgreementTemplate)}` })
  @IsEnumValue(AgreementTemplate)
  template: AgreementTemplate;
}

@InputType({ description: "Changes to an agreement; omitted fields stay, null clears, lists replace." })
export class UpdateAgreementInput extends UpdateInputOf(AgreementFields, "The agreement to change.") {
  @Field(() => String, { nullable: true, description: `Template. ${oneOf(AgreementTemplate)}` })
  @IsEnumValue(AgreementTemplate)
  template?: AgreementTemplate;
}
