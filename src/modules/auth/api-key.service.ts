import type { RequestContext } from "../../context";
import { findByGlobalId, findForUpdate } from "../../common/lookup";
import { ApiKey, Role } from "./api-key.entity";
import { generateApiKey } from "./api-key.secret";

export const apiKeyService = {
  async create(ctx: RequestContext, input: { name: string; role: Role }): Promise<{ apiKey: ApiKey; secret: string }> {
    const { key, prefix, secretSha256 } = generateApiKey();
    const apiKey = await ctx.manager.save(
      ctx.manager.create(ApiKey, {
        organizationId: ctx.actor.organizationId,
        name: input.name.trim(),
        role: input.role,
        prefix,
        secretSha256,
        lastUsedAt: null,
        revokedAt: null,
      }),
    );
    return { apiKey, secret: key };
  },

  async revoke(ctx: RequestContext, id: string): Promise<ApiKey> {
    const key = await findForUpdate(ctx, ApiKey, "ApiKey", id, ["input", "id"]);
    key.revokedAt = key.revokedAt ?? new Date();
    return ctx.manager.save(key);
  },
};
