import { Field, ObjectType } from "type-graphql";
import { Role } from "../../common/auth";
import { UserErrorsPayload } from "../../common/mutation";
import { Organization } from "../organizations/organization.entity";
import { ApiKey } from "./api-key.entity";

@ObjectType({ description: "Result of creating an API key." })
export class CreateApiKeyPayload extends UserErrorsPayload {
  @Field(() => ApiKey, { nullable: true, description: "The key's record." })
  apiKey?: ApiKey | null;

  @Field(() => String, {
    nullable: true,
    description: "The full key. Shown once; only its SHA-256 is stored. Send it as `Authorization: Bearer <key>`.",
  })
  secret?: string | null;
}

@ObjectType({ description: "Result of revoking an API key." })
export class RevokeApiKeyPayload extends UserErrorsPayload {
  @Field(() => ApiKey, { nullable: true, description: "The revoked key." })
  apiKey?: ApiKey | null;
}

@ObjectType({ description: "Who is calling: the organization and role of the API key." })
export class Viewer {
  @Field(() => Organization, { description: "The organization (controller) the key belongs to." })
  organization: Organization;

  @Field(() => Role, { description: "The key's role." })
  role: Role;

  @Field(() => ApiKey, { description: "The key itself." })
  apiKey: ApiKey;
}

@ObjectType({ description: "Who recorded something: the name and role of the API key used." })
export class RecordedBy {
  @Field({ description: "Name of the API key." })
  name: string;

  @Field(() => Role, { description: "Its role." })
  role: Role;
}
