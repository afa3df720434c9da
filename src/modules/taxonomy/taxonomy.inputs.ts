import { Field, InputType } from "type-graphql";
import { Matches } from "class-validator";
import { IsEnumValue, IsNotBlank, MaxLen, oneOf, OptionalText } from "../../common/validation";
import { Sensitivity } from "./taxonomy.entity";
import { KEY } from "./taxonomy.rules";

@InputType({ description: "An organization's own data category, extending the default vocabulary." })
export class CreateDataCategoryInput {
  @Field({
    description: "Dotted key (lowercase segments), e.g. user.health_and_medical.sick_leave. Its parent key must exist.",
  })
  @Matches(KEY, { message: "key must be dotted lowercase segments (a-z, 0-9, _), e.g. user.contact.email" })
  @MaxLen(200)
  key: string;

  @Field({ description: "Display name." })
  @IsNotBlank()
  @MaxLen(200)
  name: string;

  @OptionalText(2000, "What the category covers.")
  description?: string | null;

  @Field(() => String, { description: `Sensitivity tier. ${oneOf(Sensitivity)}` })
  @IsEnumValue(Sensitivity)
  sensitivity: Sensitivity;
}
