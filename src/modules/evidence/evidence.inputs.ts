import { Field, ID, InputType, Int } from "type-graphql";
import {
  IsDefined,
  IsOptional,
  Matches,
  Max,
  Min,
  registerDecorator,
  ValidateIf,
  ValidationOptions,
} from "class-validator";
import { LocalDateScalar } from "../../common/scalars";
import { IsEnumValue, IsNotBlank, MaxLen, oneOf, OptionalDate, OptionalText } from "../../common/validation";
import { EvidenceKind } from "./evidence.entity";
import { isHttpUrl, isLocalDate, isMediaType, SHA256_HEX } from "./evidence.rules";
import { UpdateInputOf } from "../../common/mutation";

const SHA256_MESSAGE = "sha256 must be the SHA-256 of the content as 64 hexadecimal characters";

/** A calendar date written YYYY-MM-DD (the GraphQL LocalDate scalar checks this too; the upload form needs it). */
function IsLocalDate(options?: ValidationOptions) {
  return function (object: object, propertyName: string) {
    registerDecorator({
      name: "isLocalDate",
      target: object.constructor,
      propertyName,
      options: { message: `${propertyName} must be a calendar date written YYYY-MM-DD`, ...options },
      validator: { validate: (value: unknown) => value === null || value === undefined || isLocalDate(value) },
    });
  };
}

function IsHttpUrl(options?: ValidationOptions) {
  return function (object: object, propertyName: string) {
    registerDecorator({
      name: "isHttpUrl",
      target: object.constructor,
      propertyName,
      options: {
        message: `${propertyName} must be an absolute http or https URL (at most 2000 characters)`,
        ...options,
      },
      validator: { validate: (value: unknown) => value === null || value === undefined || isHttpUrl(value) },
    });
  };
}

function IsMediaType(options?: ValidationOptions) {
  return function (object: object, propertyName: string) {
    registerDecorator({
      name: "isMediaType",
      target: object.constructor,
      propertyName,
      options: {
        message: `${propertyName} must be a media type written type/subtype, e.g. application/pdf`,
        ...options,
      },
      validator: { validate: (value: unknown) => value === null || value === undefined || isMediaType(value) },
    });
  };
}

/** What a piece of evidence is evidence of. Every id must name a record of your organization. */
@InputType({ description: "Links of a piece of evidence." })
class EvidenceLinkFields {
  @Field(() => ID, {
    nullable: true,
    description:
      "The processor it concerns. When left out, it is taken from the linked agreement, audit report, finding or " +
      "breach notice.",
  })
  processorId?: string | null;

  @Field(() => ID, { nullable: true, description: "The agreement it documents (must be the processor's)." })
  agreementId?: string | null;

  @Field(() => ID, { nullable: true, description: "The audit report it is (or belongs to)." })
  auditReportId?: string | null;

  @Field(() => ID, { nullable: true, description: "The audit finding it documents (e.g. the closing note)." })
  findingId?: string | null;

  @Field(() => ID, { nullable: true, description: "The processor's breach notice it documents." })
  breachNoticeId?: string | null;

  @Field(() => ID, { nullable: true, description: "The security measure (TOM) it proves." })
  measureId?: string | null;
}

export const LINK_FIELDS = [
  "processorId",
  "agreementId",
  "auditReportId",
  "findingId",
  "breachNoticeId",
  "measureId",
] as const;
export type LinkField = (typeof LINK_FIELDS)[number];
export type EvidenceLinkInput = Partial<Record<LinkField, string | null>>;

@InputType({
  description:
    "Evidence kept outside tilsyn (a document system, a vendor's trust portal): its URI and the SHA-256 you " +
    "computed of it.",
})
export class RegisterExternalEvidenceInput extends EvidenceLinkFields {
  @Field(() => String, { description: `What it is. ${oneOf(EvidenceKind)}` })
  @IsEnumValue(EvidenceKind)
  kind: EvidenceKind;

  @Field({ description: "Title (1–300 characters)." })
  @IsNotBlank()
  @MaxLen(300)
  title: string;

  @Field(() => LocalDateScalar, {
    description:
      "The date the evidence is effective for (a report's period end, a signature date), not the registration date.",
  })
  effectiveOn: string;

  @Field({ description: "Where the content is: an absolute http or https URL." })
  @IsHttpUrl()
  externalUri: string;

  @Field({
    description:
      "SHA-256 of the content, 64 hexadecimal characters (stored in lower case). It never changes afterwards.",
  })
  @Matches(SHA256_HEX, { message: SHA256_MESSAGE })
  sha256: string;

  @Field(() => Int, { nullable: true, description: "Size in bytes, if known." })
  @IsOptional()
  @Min(0, { message: "sizeBytes must not be negative" })
  @Max(2147483647, { message: "sizeBytes must be at most 2147483647" })
  sizeBytes?: number | null;

  @Field(() => String, { nullable: true, description: "Media type, e.g. application/pdf." })
  @IsOptional()
  @IsMediaType()
  @MaxLen(200)
  mediaType?: string | null;

  @Field(() => String, { nullable: true, description: "File name (at most 300 characters, no directories)." })
  @IsOptional()
  @MaxLen(300)
  // eslint-disable-next-line no-control-regex -- control characters are what this refuses
  @Matches(/^[^\\/\u0000-\u001f]*$/, {
    message: "fileName must be a file name without directories or control characters",
  })
  fileName?: string | null;

  @OptionalText(5000, "Remarks.")
  description?: string | null;
}

@InputType({
  description:
    "Changes to a piece of evidence's description and links. Omitted fields stay as they are; null clears an " +
    "optional field. Its content, hash, size and storage never change.",
})
export class UpdateEvidenceInput extends UpdateInputOf(EvidenceLinkFields, "The evidence to change.") {
  @Field(() => String, { nullable: true, description: `What it is. ${oneOf(EvidenceKind)}` })
  @ValidateIf((o: UpdateEvidenceInput) => o.kind !== undefined)
  @IsDefined({ message: "kind must not be null" })
  @IsEnumValue(EvidenceKind)
  kind?: EvidenceKind;

  @Field(() => String, { nullable: true, description: "Title (1–300 characters)." })
  @IsNotBlank()
  @MaxLen(300)
  title?: string;

  @Field(() => LocalDateScalar, { nullable: true, description: "The date the evidence is effective for." })
  @ValidateIf((o: UpdateEvidenceInput) => o.effectiveOn !== undefined)
  @IsDefined({ message: "effectiveOn must not be null" })
  effectiveOn?: string;

  @OptionalText(5000, "Remarks.")
  description?: string | null;
}

@InputType({ description: "Filters for the evidence list; all given filters must match." })
export class EvidenceFilter {
  @Field(() => ID, { nullable: true, description: "Only evidence about this processor." })
  processorId?: string | null;

  @Field(() => EvidenceKind, { nullable: true, description: "Only evidence of this kind." })
  kind?: EvidenceKind | null;

  @OptionalDate("Only evidence effective on or after this date.")
  effectiveFrom?: string | null;

  @OptionalDate("Only evidence effective on or before this date.")
  effectiveTo?: string | null;
}

/**
 * The text fields of a POST /evidence upload, validated with the same rules (and messages) as the
 * GraphQL inputs. Field paths in errors are the form field names.
 */
export class UploadEvidenceFields implements EvidenceLinkInput {
  @IsDefined({ message: "kind is required" })
  @IsEnumValue(EvidenceKind)
  kind: EvidenceKind;

  @IsDefined({ message: "title is required" })
  @IsNotBlank()
  @MaxLen(300)
  title: string;

  @IsDefined({ message: "effectiveOn is required (the date the evidence is effective for, YYYY-MM-DD)" })
  @IsLocalDate()
  effectiveOn: string;

  @IsOptional()
  @MaxLen(5000)
  description?: string | null;

  @IsOptional()
  @Matches(SHA256_HEX, { message: `${SHA256_MESSAGE} (leave it out to have tilsyn compute it without a check)` })
  sha256?: string | null;

  processorId?: string | null;
  agreementId?: string | null;
  auditReportId?: string | null;
  findingId?: string | null;
  breachNoticeId?: string | null;
  measureId?: string | null;
}

export const UPLOAD_TEXT_FIELDS = ["kind", "title", "effectiveOn", "description", "sha256", ...LINK_FIELDS] as const;
