import { Field, InputType } from "type-graphql";
import { ArrayMaxSize, IsEmail, IsOptional, IsUrl, registerDecorator, ValidationArguments } from "class-validator";
import {
  IsCountryCode,
  IsEnumValue,
  IsNotBlank,
  IsTextList,
  MaxLen,
  oneOf,
  OptionalDate,
  OptionalText,
} from "../../common/validation";
import { BusinessCriticality, ProcessorStatus, RegistrationScheme } from "./processor.entity";
import { MAX_TAG_LENGTH, MAX_TAGS, registrationNumberProblem } from "./processor.rules";
import { EnumValue, graphqlEnum } from "../../common/enums";
import { RiskTierEnum } from "../risk/risk.types";
import { UpdateInputOf } from "../../common/mutation";

/** The registration number fits the register it names (processor.rules registrationNumberProblem). */
function IsNumberOfScheme() {
  return function (object: object, propertyName: string) {
    registerDecorator({
      name: "isNumberOfScheme",
      target: object.constructor,
      propertyName,
      options: {
        message: (a: ValidationArguments) =>
          `registrationNumber ${registrationNumberProblem(a.value as string, schemeOf(a.object))}`,
      },
      validator: {
        validate: (value: unknown, a: ValidationArguments) =>
          typeof value !== "string" || !registrationNumberProblem(value, schemeOf(a.object)),
      },
    });
  };
}
const schemeOf = (input: object) => (input as { registrationScheme?: string | null }).registrationScheme;

@InputType({
  description:
    "Fields of a processor. Enum values and country codes are strings so that mistakes come back as userErrors.",
})
class ProcessorFields {
  @Field({ nullable: true, description: "Name the controller knows the processor by (1–200 characters)." })
  @IsNotBlank()
  @MaxLen(200)
  name?: string;

  @OptionalText(300, "Registered legal name.")
  legalName?: string | null;

  @OptionalText(50, "Registration number (e.g. the 8-digit CVR number; with registrationScheme CVR, 8 digits).")
  @IsNumberOfScheme()
  registrationNumber?: string | null;

  @Field(() => String, {
    nullable: true,
    description: `Register of the registration number. ${oneOf(RegistrationScheme)}`,
  })
  @IsEnumValue(RegistrationScheme)
  registrationScheme?: RegistrationScheme | null;

  @Field(() => String, { nullable: true, description: "ISO 3166-1 alpha-2 country of the legal entity, e.g. DK." })
  @IsCountryCode()
  countryCode?: string | null;

  @OptionalText(1000, "Postal address.")
  address?: string | null;

  @Field(() => String, { nullable: true, description: "Website (http or https URL)." })
  @IsOptional()
  @IsUrl({ protocols: ["http", "https"], require_protocol: true }, { message: "website must be an http(s) URL" })
  @MaxLen(500)
  website?: string | null;

  @OptionalText(5000, "What the processor does with the data.")
  serviceDescription?: string | null;

  @Field(() => String, { nullable: true, description: "Privacy or DPA contact email." })
  @IsOptional()
  @IsEmail({}, { message: "contactEmail must be an email address" })
  contactEmail?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: "Whether the controller uses this processor directly (default true on create).",
  })
  @IsOptional()
  direct?: boolean;

  @OptionalDate(
    "Date since which the processor is certified under the EU-US Data Privacy Framework; null when not certified.",
  )
  dpfCertifiedSince?: string | null;

  @Field(() => String, { nullable: true, description: `Lifecycle status (default ACTIVE). ${oneOf(ProcessorStatus)}` })
  @IsEnumValue(ProcessorStatus)
  status?: ProcessorStatus;

  @OptionalText(1000, "Where the facts come from (document and clause).")
  source?: string | null;

  @OptionalText(200, "Who owns the vendor in the business (name).")
  businessOwnerName?: string | null;

  @Field(() => String, { nullable: true, description: "The business owner's email." })
  @IsOptional()
  @IsEmail({}, { message: "businessOwnerEmail must be an email address" })
  @MaxLen(320)
  businessOwnerEmail?: string | null;

  @Field(() => String, {
    nullable: true,
    description: `How critical the vendor is to the business (not the computed risk). ${oneOf(BusinessCriticality)}`,
  })
  @IsEnumValue(BusinessCriticality)
  businessCriticality?: BusinessCriticality | null;

  @OptionalDate("Date the contract started.")
  contractStartOn?: string | null;

  @OptionalDate("Date the contract renews unless notice is given (not before contractStartOn).")
  renewalOn?: string | null;

  @OptionalDate("Last day to give notice before the renewal (not after renewalOn).")
  noticeOn?: string | null;

  @OptionalText(2000, "The services the vendor provides to the business.")
  servicesProvided?: string | null;

  @Field(() => [String], {
    nullable: true,
    description:
      `Tags (replace the processor's tags; [] or null clears them): at most ${MAX_TAGS}, each 1–${MAX_TAG_LENGTH} ` +
      "characters; trimmed, and a repeat (in any case) is dropped.",
  })
  @IsTextList(MAX_TAGS, MAX_TAG_LENGTH)
  tags?: string[] | null;

  @OptionalText(10000, "Free internal notes.")
  internalNotes?: string | null;
}

@InputType({ description: "A new processor. `name` is required." })
export class CreateProcessorInput extends ProcessorFields {}

@InputType({ description: "Changes to a processor; omitted fields stay as they are, null clears a field." })
export class UpdateProcessorInput extends UpdateInputOf(ProcessorFields, "The processor to change.") {}

export const ProcessorOrderField = graphqlEnum(
  "ProcessorOrderField",
  "What to sort processors by. RISK sorts by the current risk score (recomputed first when stale); processors " +
    "never assessed come last in DESC. RENEWAL sorts by renewalOn; processors without one come last either way.",
  ["NAME", "CREATED_AT", "RISK", "RENEWAL"],
);
export type ProcessorOrderField = EnumValue<typeof ProcessorOrderField>;

export const OrderDirection = graphqlEnum("OrderDirection", "Sort direction.", ["ASC", "DESC"]);
export type OrderDirection = EnumValue<typeof OrderDirection>;

@InputType({ description: "Sort order of processors." })
export class ProcessorOrder {
  @Field(() => ProcessorOrderField, { defaultValue: ProcessorOrderField.NAME, description: "Sort key." })
  field: ProcessorOrderField;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC, description: "Direction." })
  direction: OrderDirection;
}

@InputType({ description: "Filters for the processor list; all given filters must match." })
export class ProcessorFilter {
  @Field(() => [ProcessorStatus], { nullable: true, description: "Only processors in these statuses." })
  status?: ProcessorStatus[];

  @Field(() => String, {
    nullable: true,
    description: "Case-insensitive text in name, legal name or registration number (at most 200 characters).",
  })
  @MaxLen(200)
  search?: string;

  @Field(() => String, {
    nullable: true,
    description: "Only processors established in this country (ISO 3166-1 alpha-2, in capitals).",
  })
  @IsCountryCode()
  countryCode?: string;

  @Field(() => Boolean, {
    nullable: true,
    description: "Only processors the controller uses directly (true) or only those known as sub-processors (false).",
  })
  direct?: boolean;

  @Field(() => Boolean, { nullable: true, defaultValue: false, description: "Include archived processors." })
  includeArchived?: boolean;

  @Field(() => [RiskTierEnum], {
    nullable: true,
    description:
      "Only processors whose current risk assessment is in one of these tiers (riskOverview.tiers counts the same).",
  })
  riskTiers?: string[];

  @Field(() => [String], {
    nullable: true,
    description:
      "Only processors whose current risk assessment has one of these factors, by RiskFactor.key (e.g. " +
      "supervision.never, agreement.missing, transfers.noMechanism: the lists behind riskOverview's counts).",
  })
  @IsOptional()
  @MaxLen(100, { each: true })
  @ArrayMaxSize(50, { message: "riskFactors must list at most 50 keys" })
  riskFactors?: string[];

  @Field(() => [String], {
    nullable: true,
    description: "Only processors with at least one of these tags (exact spelling, as Processor.tags shows them).",
  })
  tags?: string[];

  @Field(() => String, {
    nullable: true,
    description: "Only processors whose business owner's email is this one, or whose name contains this (any case).",
  })
  owner?: string;

  @Field(() => [BusinessCriticality], {
    nullable: true,
    description: "Only processors of these business criticalities.",
  })
  criticality?: BusinessCriticality[];
}
