import { Field, ID, InputType, Int } from "type-graphql";
import { IsOptional, Min } from "class-validator";
import { LocalDateScalar } from "../../common/scalars";
import { IsEnumValue, IsNotBlank, MaxLen, oneOf, OptionalDate, OptionalText } from "../../common/validation";
import { EngagementDetails } from "./engagement.inputs";
import { ChangeKind } from "./change-notice.entity";

@InputType({
  description: "A processor's notice of an intended addition or replacement of a sub-processor (art. 28(2)).",
})
export class RecordChangeNoticeInput extends EngagementDetails {
  @Field(() => ID, { description: "The processor that gives notice." })
  processorId: string;

  @Field(() => String, { description: `What is intended. ${oneOf(ChangeKind)}` })
  @IsEnumValue(ChangeKind)
  kind: ChangeKind;

  @Field(() => ID, { description: "The intended sub-processor (register it with createProcessor first)." })
  subprocessorId: string;

  @Field(() => ID, {
    nullable: true,
    description: "REPLACEMENT only: the approved engagement of the same processor that the new one replaces.",
  })
  replacesEngagementId?: string | null;

  @Field(() => LocalDateScalar, { description: "When the notice was received; the deadline runs from this date." })
  receivedOn: string;
}

@InputType({ description: "A decision on a change notice." })
class ChangeDecisionFields {
  @Field(() => ID, { description: "The change notice." })
  id: string;

  @OptionalDate("The date the decision takes effect (default today).")
  decidedOn?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: "The version of the notice you read; a stale version is rejected with STALE_VERSION.",
  })
  @IsOptional()
  @Min(1, { message: "version must be at least 1" })
  version?: number | null;
}

@InputType({ description: "Approve a change: the proposed engagement becomes APPROVED, a replaced one ends." })
export class ApproveChangeInput extends ChangeDecisionFields {
  @OptionalText(5000, "Remarks kept with the decision.")
  remarks?: string | null;
}

@InputType({ description: "Object to a change: the proposed engagement becomes OBJECTED. A reason is required." })
export class ObjectToChangeInput extends ChangeDecisionFields {
  @Field({ description: "Why the controller objects (art. 28(2)); kept with the decision." })
  @IsNotBlank()
  @MaxLen(5000)
  reason: string;
}
