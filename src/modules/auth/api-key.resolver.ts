import { Arg, Authorized, Ctx, Field, ID, InputType, Mutation, ObjectType, Query, Resolver } from "type-graphql";
import type { RequestContext } from "../../context";
import { ADMINS } from "../../common/auth";
import { UserError } from "../../common/errors";
import { runMutation } from "../../common/mutation";
import { IsEnumValue, IsNotBlank, MaxLen, oneOf } from "../../common/validation";
import { Organization } from "../organizations/organization.entity";
import { ApiKey, Role } from "./api-key.entity";
import { apiKeyService } from "./api-key.service";

@InputType({ description: "A new API key." })
class CreateApiKeyInput {
  @Field({ description: "Who or what will use the key." })
  @IsNotBlank()
  @MaxLen(200)
  name: string;

  @Field(() => String, { description: `Role. ${oneOf(Role)}` })
  @IsEnumValue(Role)
  role: Role;
}

@InputType({ description: "Revoke an API key." })
class RevokeApiKeyInput {
  @Field(() => ID, { description: "The key to revoke." })
  id: string;
}

@ObjectType({ description: "Result of creating an API key." })
class CreateApiKeyPayload {
  @Field(() => ApiKey, { nullable: true, description: "The key's record." })
  apiKey?: ApiKey | null;

  @Field(() => String, {
    nullable: true,
    description: "The full key. Shown once; only its SHA-256 is stored. Send it as `Authorization: Bearer <key>`.",
  })
  secret?: string | null;

  @Field(() => [UserError], { description: "Problems with the input. When not empty, nothing was written." })
  userErrors: UserError[];
}

@ObjectType({ description: "Result of revoking an API key." })
class RevokeApiKeyPayload {
  @Field(() => ApiKey, { nullable: true, description: "The revoked key." })
  apiKey?: ApiKey | null;

  @Field(() => [UserError], { description: "Problems with the input. When not empty, nothing was written." })
  userErrors: UserError[];
}

@ObjectType({ description: "Who is calling: the organization and role of the API key." })
class Viewer {
  @Field(() => Organization, { description: "The organization (controller) the key belongs to." })
  organization: Organization;

  @Field(() => Role, { description: "The key's role." })
  role: Role;

  @Field(() => ApiKey, { description: "The key itself." })
  apiKey: ApiKey;
}

@Resolver()
export class ApiKeyResolver {
  @Query(() => Viewer, { description: "The caller: organization and role of the API key in use." })
  async viewer(@Ctx() ctx: RequestContext): Promise<Viewer> {
    const [organization, apiKey] = await Promise.all([
      ctx.manager.findOneOrFail(Organization, { where: { id: ctx.actor.organizationId } }),
      ctx.manager.findOneOrFail(ApiKey, { where: { id: ctx.actor.apiKeyId! } }), // a request always has a key
    ]);
    return { organization, role: ctx.actor.role, apiKey };
  }

  @Authorized(...ADMINS)
  @Query(() => [ApiKey], { description: "The organization's API keys (ADMIN only), newest first." })
  apiKeys(@Ctx() ctx: RequestContext) {
    return ctx.manager.find(ApiKey, { order: { createdAt: "DESC" } });
  }

  @Authorized(...ADMINS)
  @Mutation(() => CreateApiKeyPayload, {
    description: "Create an API key (ADMIN only). The secret is in the payload once.",
  })
  createApiKey(@Arg("input") input: CreateApiKeyInput, @Ctx() ctx: RequestContext): Promise<CreateApiKeyPayload> {
    return runMutation<CreateApiKeyPayload>(ctx, input, () => apiKeyService.create(ctx, input));
  }

  @Authorized(...ADMINS)
  @Mutation(() => RevokeApiKeyPayload, { description: "Revoke an API key (ADMIN only); it stops working at once." })
  revokeApiKey(@Arg("input") input: RevokeApiKeyInput, @Ctx() ctx: RequestContext): Promise<RevokeApiKeyPayload> {
    return runMutation<RevokeApiKeyPayload>(ctx, input, async () => ({
      apiKey: await apiKeyService.revoke(ctx, input.id),
    }));
  }
}
