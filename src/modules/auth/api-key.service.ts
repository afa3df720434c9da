import type { RequestContext } from "../../context";
import { findForUpdate } from "../../common/lookup";
import { ApiKey } from "./api-key.entity";
import { Role } from "../../common/auth";
import { generateApiKey } from "./api-key.secret";
import { RecordedBy, Viewer } from "./api-key.types";
import { organizationService } from "../organizations/organization.service";

export const apiKeyService = {
  recordedBy: recordedByKey,
  /** The caller: its organization, role and key. */
  async viewer(ctx: RequestContext): Promise<Viewer> {
    const [organization, apiKey] = await Promise.all([
      organizationService.current(ctx),
      ctx.manager.findOneOrFail(ApiKey, { where: { id: ctx.actor.apiKeyId! } }),
    ]);
    return { organization, role: ctx.actor.role, apiKey };
  },

  /** The organization's API keys, newest first. */
  list(ctx: RequestContext): Promise<ApiKey[]> {
    return ctx.manager.find(ApiKey, { order: { createdAt: "DESC" } });
  },

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

/** Who recorded something, by the key used: its name and role; null when none was recorded or the key is gone. */
async function recordedByKey(ctx: RequestContext, apiKeyId: string | null): Promise<RecordedBy | null> {
  if (!apiKeyId) return null;
  const key = await ctx.loaders.apiKeyById.load(apiKeyId);
  return key ? Object.assign(new RecordedBy(), { name: key.name, role: key.role }) : null;
}
