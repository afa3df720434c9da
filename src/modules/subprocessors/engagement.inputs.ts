import { Field, ID, InputType } from "type-graphql";
import {
  IsCountryCodeList,
  IsEnumValue,
  oneOf,
  OptionalDate,
  OptionalList,
  OptionalText,
} from "../../common/validation";
import { EngagementStatus, TransferMechanism } from "./engagement.entity";
import { UpdateInputOf } from "../../common/mutation";

@InputType({
  description:
    "What a sub-processor does, where, under which transfer mechanism; shared by engagements and change notices.",
})
export class EngagementDetails {
  @OptionalText(5000, "What the sub-processor does.")
  purpose?: string | null;

  @IsCountryCodeList()
  @OptionalList(String, 250, "Countries where the sub-processor processes (ISO 3166-1 alpha-2).")
  countries?: string[] | null;

  @Field(() => String, {
    nullable: true,
    description: `Transfer mechanism (default UNKNOWN). ${oneOf(TransferMechanism)}`,
  })
  @IsEnumValue(TransferMechanism)
  transferMechanism?: TransferMechanism;

  @OptionalText(1000, "Where the engagement is documented (document and clause).")
  source?: string | null;
}

@InputType({ description: "Fields of a sub-processor engagement." })
class EngagementFields extends EngagementDetails {
  @Field(() => ID, {
    nullable: true,
    description: "The agreement under which the sub-processor was approved (e.g. the DPA whose Bilag B lists it).",
  })
  agreementId?: string | null;

  @Field(() => String, { nullable: true, description: `Status (default APPROVED). ${oneOf(EngagementStatus)}` })
  @IsEnumValue(EngagementStatus)
  status?: EngagementStatus;

  @OptionalDate("When the principal was notified.")
  notifiedOn?: string | null;

  @OptionalDate("When the engagement was approved.")
  approvedOn?: string | null;

  @OptionalDate(
    "When the engagement ends: its first day out of the chain (a later day schedules the removal). Only with " +
      "status REMOVED.",
  )
  removedOn?: string | null;
}

@InputType({ description: "A new edge in the chain: processorId engages subprocessorId." })
export class CreateSubprocessorEngagementInput extends EngagementFields {
  @Field(() => ID, { description: "The processor that engages the sub-processor." })
  processorId: string;

  @Field(() => ID, { description: "The sub-processor; must differ from processorId." })
  subprocessorId: string;
}

@InputType({ description: "Changes to an engagement; omitted fields stay, null clears." })
export class UpdateSubprocessorEngagementInput extends UpdateInputOf(EngagementFields, "The engagement to change.") {}
