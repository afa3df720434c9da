import type { EntityManager } from "typeorm";
import type { RequestContext } from "../../context";
import { findForUpdate } from "../../common/lookup";
import { failInput } from "../../common/errors";
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

  create(ctx: RequestContext, input: { name: string; role: Role }): Promise<{ apiKey: ApiKey; secret: string }> {
    return insertApiKey(ctx.manager, ctx.actor.organizationId, input);
  },

  /**
   * Revokes a key. An organization keeps at least one active ADMIN key (only an ADMIN key creates keys,
   * so without one the tenant would be locked out for good): revoking the last one is refused. The
   * active ADMIN keys are locked first, so two ADMINs revoking each other's key at once cannot both win.
   */
  async revoke(ctx: RequestContext, id: string): Promise<ApiKey> {
    // The ADMIN keys before the key itself, always in the same order: no deadlock between two revokes.
    const admins: { id: string }[] = await ctx.manager.query(
      "SELECT id FROM api_key WHERE role = 'ADMIN' AND revoked_at IS NULL ORDER BY id FOR UPDATE",
    );
    const key = await findForUpdate(ctx, ApiKey, "ApiKey", id, ["input", "id"]);
    if (key.role === Role.ADMIN && !key.revokedAt) {
      if (!admins.some((a) => a.id !== key.id))
        failInput(
          "id",
          "LAST_ADMIN_KEY",
          "id names the organization's last active ADMIN key: an organization keeps at least one. Create another " +
            "ADMIN key (createApiKey) before revoking this one.",
        );
    }
    key.revokedAt = key.revokedAt ?? new Date();
    return ctx.manager.save(key);
  },
};

/**
 * The one way a key is made: a new secret, its SHA-256 stored, the secret returned once. Used by
 * createApiKey (in the request's transaction) and by provisioning (the owner's, for a new tenant).
 */
export async function insertApiKey(
  manager: EntityManager,
  organizationId: string,
  input: { name: string; role: Role },
): Promise<{ apiKey: ApiKey; secret: string }> {
  const { key, prefix, secretSha256 } = generateApiKey();
  const apiKey = await manager.save(
    manager.create(ApiKey, {
      organizationId,
      name: input.name.trim(),
      role: input.role,
      prefix,
      secretSha256,
      lastUsedAt: null,
      revokedAt: null,
    }),
  );
  return { apiKey, secret: key };
}

/** Who recorded something, by the key used: its name and role; null when none was recorded or the key is gone. */
async function recordedByKey(ctx: RequestContext, apiKeyId: string | null): Promise<RecordedBy | null> {
  if (!apiKeyId) return null;
  const key = await ctx.loaders.apiKeyById.load(apiKeyId);
  return key ? Object.assign(new RecordedBy(), { name: key.name, role: key.role }) : null;
}
