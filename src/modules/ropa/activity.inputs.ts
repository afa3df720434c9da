import { Field, ID, InputType } from "type-graphql";
import { IsOptional } from "class-validator";
import { IsEnumValue, IsNotBlank, MaxLen, oneOf, OptionalList, VersionRead } from "../../common/validation";
import { DpiaStatus, LegalBasis, SpecialCategoryCondition } from "./activity.entity";

@InputType({
  description: "A data category of the activity, by vocabulary key, with its erasure limit where it differs.",
})
export class ActivityCategoryInput {
  @Field({ description: "Data category key, e.g. user.health_and_medical.sick_leave." })
  @IsNotBlank()
  @MaxLen(200)
  key: string;

  @Field(() => String, {
    nullable: true,
    description: "Art. 30(1)(f) for this category, when it differs from the activity's.",
  })
  @IsOptional()
  @MaxLen(1000)
  retention?: string | null;
}

@InputType({ description: "Fields of a processing activity. Lists replace what is there; omitted fields stay." })
class ActivityFields {
  @Field(() => String, { nullable: true }) @IsNotBlank() @MaxLen(300) name?: string;
  @Field(() => String, { nullable: true, description: "Art. 30(1)(b)." }) @IsOptional() @MaxLen(10000) purposes?:
    string | null;
  @Field(() => String, { nullable: true, description: `Art. 6(1) basis. ${oneOf(LegalBasis)}` })
  @IsEnumValue(LegalBasis)
  legalBasis?: LegalBasis | null;
  @Field(() => String, {
    nullable: true,
    description: `Art. 9(2) condition (required with special categories). ${oneOf(SpecialCategoryCondition)}`,
  })
  @IsEnumValue(SpecialCategoryCondition)
  specialCategoryCondition?: SpecialCategoryCondition | null;
  @Field(() => String, { nullable: true, description: "Art. 10 basis (required with criminal-offence data)." })
  @IsOptional()
  @MaxLen(2000)
  criminalDataBasis?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLen(5000) legitimateInterests?: string | null;
  @OptionalList(String, 100, "Recipients other than processors, as categories.")
  @MaxLen(500, { each: true, message: "each entry of otherRecipients must be at most 500 characters" })
  otherRecipients?: string[] | null;
  @Field(() => String, { nullable: true, description: "Art. 30(1)(f)." }) @IsOptional() @MaxLen(2000) retention?:
    string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLen(2000) dataSource?: string | null;
  @Field(() => String, { nullable: true, description: `DPIA status. ${oneOf(DpiaStatus)}` })
  @IsEnumValue(DpiaStatus)
  dpiaStatus?: DpiaStatus | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLen(2000) dpiaLink?: string | null;
  @Field(() => Boolean, { nullable: true }) @IsOptional() automatedDecisionMaking?: boolean | null;
  @Field(() => String, { nullable: true, description: "Art. 30(1)(g): own TOM description." })
  @IsOptional()
  @MaxLen(10000)
  tomDescription?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLen(2000) jointController?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLen(1000) source?: string | null;

  @OptionalList(ID, 200, "The processors the activity uses (their sub-processors follow from their trees).")
  processorIds?: string[] | null;

  @OptionalList(ActivityCategoryInput, 300, "Categories of personal data.")
  dataCategories?: ActivityCategoryInput[] | null;

  @OptionalList(String, 100, "Categories of data subjects, by vocabulary key.")
  @MaxLen(200, { each: true, message: "each data subject category key must be at most 200 characters" })
  dataSubjectCategoryKeys?: string[] | null;
}

@InputType({ description: "A new processing activity; name is required." })
export class CreateProcessingActivityInput extends ActivityFields {}

@InputType({ description: "Changes to a processing activity." })
export class UpdateProcessingActivityInput extends ActivityFields {
  @Field(() => ID) id: string;
  @VersionRead("The version you read.")
  version?: number | null;
}
