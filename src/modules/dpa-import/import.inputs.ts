import { Field, ID, InputType, Int } from "type-graphql";
import { JSONResolver } from "graphql-scalars";
import { LocalDateScalar } from "../../common/scalars";
import { IsOptional } from "class-validator";
import { MaxEntries, MaxLen } from "../../common/validation";

@InputType({ description: "Read a document already stored as evidence (uploaded with POST /evidence) into a draft." })
export class ImportAgreementInput {
  @Field(() => ID, { description: "The evidence holding the signed DPA (.pdf, .docx or .txt)." })
  evidenceId: string;
}

@InputType({ description: "A reviewer's value for one field of the draft; null clears it." })
export class DraftCorrectionInput {
  @Field({ description: "The field's path, as in AgreementImport.fields, e.g. clauses.breachNotificationHours." })
  @MaxLen(200)
  path: string;

  @Field(() => JSONResolver, {
    nullable: true,
    description: "The value, in the field's own shape (a number, a string, an enum value, a list …).",
  })
  @IsOptional()
  value?: unknown;
}

@InputType({ description: "Which draft, at the version you read: to confirm, discard or correct it." })
export class DecideAgreementImportInput {
  @Field(() => ID) id: string;

  @Field(() => Int, { nullable: true, description: "The version you read; refused when the draft changed since." })
  @IsOptional()
  version?: number | null;
}

@InputType({ description: "Correct fields of a draft. Only a DRAFT can be corrected." })
export class CorrectAgreementImportInput extends DecideAgreementImportInput {
  @Field(() => [DraftCorrectionInput], {
    description: "The corrections; each replaces any earlier one for the same path (at most 500).",
  })
  @MaxEntries(500)
  corrections: DraftCorrectionInput[];
}

@InputType({
  description:
    "Confirm a draft: writes the processor (found by registration number or name, else created), the agreement (a " +
    "new version superseding the one in force), an engagement per annex B sub-processor and the document's links, " +
    "in one transaction.",
})
export class ConfirmAgreementImportInput extends DecideAgreementImportInput {
  @Field(() => ID, {
    nullable: true,
    description: "The processor the agreement is with, when it is already on file under another name or number.",
  })
  @IsOptional()
  processorId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: "For a sub-processor agreement: the processor that engaged the sub-processor, when already on file.",
  })
  @IsOptional()
  principalId?: string | null;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description: "Date the agreement was signed (the template leaves it to the signature page).",
  })
  @IsOptional()
  signedOn?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: "Date the agreement takes effect." })
  @IsOptional()
  effectiveFrom?: string | null;
}
