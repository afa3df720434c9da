import { Field, ID, InputType } from "type-graphql";
import { Role } from "../../common/auth";
import { IsEnumValue, IsNotBlank, MaxLen, oneOf } from "../../common/validation";

@InputType({ description: "A new API key." })
export class CreateApiKeyInput {
  @Field({ description: "Who or what will use the key." })
  @IsNotBlank()
  @MaxLen(200)
  name: string;

  @Field(() => String, { description: `Role. ${oneOf(Role)}` })
  @IsEnumValue(Role)
  role: Role;
}

@InputType({ description: "Revoke an API key." })
export class RevokeApiKeyInput {
  @Field(() => ID, { description: "The key to revoke." })
  id: string;
}
