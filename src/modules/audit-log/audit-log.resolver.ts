import { Arg, Authorized, Ctx, FieldResolver, Int, Query, Resolver, Root } from "type-graphql";
import type { RequestContext } from "../../context";
import { Role } from "../auth/api-key.entity";
import { RecordedBy } from "../subprocessors/change-notice.resolver";
import { AuditLogEntry, AuditLogEntryConnection, AuditLogFilter } from "./audit-log.types";
import { auditLogService } from "./audit-log.service";

/** Who may read the audit log (and the history field of every record). */
export const AUDIT_LOG_READERS = [Role.ADMIN, Role.AUDITOR];

@Resolver(() => AuditLogEntry)
export class AuditLogResolver {
  @Authorized(...AUDIT_LOG_READERS)
  @Query(() => AuditLogEntryConnection, {
    description:
      "Every insert, update and delete of your organization's domain data, newest first, as recorded by the database. ADMIN and AUDITOR only.",
  })
  auditLog(
    @Ctx() ctx: RequestContext,
    @Arg("filter", () => AuditLogFilter, { nullable: true, description: "Narrow the log." })
    filter: AuditLogFilter | null,
    @Arg("first", () => Int, { nullable: true, description: "Page size, 0–100 (default 20)." }) first: number | null,
    @Arg("after", () => String, { nullable: true, description: "endCursor of the previous page." })
    after: string | null,
  ) {
    return auditLogService.list(ctx, { filter, first, after });
  }

  @FieldResolver(() => RecordedBy, {
    nullable: true,
    description:
      "The API key that made the change; null when the database owner wrote it outside a request (migrations, seeding) or the key is gone.",
  })
  async actor(@Root() e: AuditLogEntry, @Ctx() ctx: RequestContext): Promise<RecordedBy | null> {
    if (!e.actorApiKeyId) return null;
    const key = await ctx.loaders.apiKeyById.load(e.actorApiKeyId);
    return key ? Object.assign(new RecordedBy(), { name: key.name, role: key.role }) : null;
  }
}
