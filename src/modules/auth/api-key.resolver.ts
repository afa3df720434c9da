import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from "type-graphql";
import type { RequestContext } from "../../context";
import { ALLOWED } from "../../common/auth";
import { runMutation } from "../../common/mutation";
import { ApiKey } from "./api-key.entity";
import { CreateApiKeyInput, RevokeApiKeyInput } from "./api-key.inputs";
import { CreateApiKeyPayload, RevokeApiKeyPayload, Viewer } from "./api-key.types";
import { apiKeyService } from "./api-key.service";

@Resolver()
export class ApiKeyResolver {
  @Query(() => Viewer, { description: "The caller: organization and role of the API key in use." })
  async viewer(@Ctx() ctx: RequestContext): Promise<Viewer> {
    return apiKeyService.viewer(ctx);
  }

  @Authorized(...ALLOWED.readApiKeys)
  @Query(() => [ApiKey], { description: "The organization's API keys (ADMIN only), newest first." })
  apiKeys(@Ctx() ctx: RequestContext) {
    return apiKeyService.list(ctx);
  }

  @Authorized(...ALLOWED.administer)
  @Mutation(() => CreateApiKeyPayload, {
    description: "Create an API key (ADMIN only). The secret is in the payload once.",
  })
  createApiKey(@Arg("input") input: CreateApiKeyInput, @Ctx() ctx: RequestContext): Promise<CreateApiKeyPayload> {
    return runMutation<CreateApiKeyPayload>(ctx, input, () => apiKeyService.create(ctx, input));
  }

  @Authorized(...ALLOWED.administer)
  @Mutation(() => RevokeApiKeyPayload, { description: "Revoke an API key (ADMIN only); it stops working at once." })
  revokeApiKey(@Arg("input") input: RevokeApiKeyInput, @Ctx() ctx: RequestContext): Promise<RevokeApiKeyPayload> {
    return runMutation<RevokeApiKeyPayload>(ctx, input, async () => ({
      apiKey: await apiKeyService.revoke(ctx, input.id),
    }));
  }
}
