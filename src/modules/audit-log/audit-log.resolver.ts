import { Arg, Authorized, Ctx, FieldResolver, Info, Int, Query, Resolver, Root } from "type-graphql";
import type { GraphQLResolveInfo } from "graphql";
import type { RequestContext } from "../../context";
import { ALLOWED, allows } from "../../common/auth";
import { checkFirst } from "../../common/connection";
import { forbidden } from "../../common/errors";
import { Node } from "../../common/node";
import { tableOfEntityType } from "./audit-log.entities";
import { RecordedBy } from "../auth/api-key.types";
import { apiKeyService } from "../auth/api-key.service";
import { AuditLogEntry, AuditLogEntryConnection, AuditLogFilter } from "./audit-log.types";
import { auditLogService } from "./audit-log.service";

@Resolver(() => AuditLogEntry)
export class AuditLogResolver {
  @Authorized(...ALLOWED.readAuditLog)
  @Query(() => AuditLogEntryConnection, {
    description:
      "Every insert, update and delete of your organization's domain data, newest first, as recorded by the " +
      "database. ADMIN and AUDITOR only.",
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
      "The API key that made the change; null when the database owner wrote it outside a request (migrations, " +
      "seeding) or the key is gone.",
  })
  actor(@Root() e: AuditLogEntry, @Ctx() ctx: RequestContext): Promise<RecordedBy | null> {
    return apiKeyService.recordedBy(ctx, e.actorApiKeyId);
  }
}

/** Every record's history: the Node interface's field, from the audit log. */
@Resolver(() => Node)
export class NodeHistoryResolver {
  // Nullable on purpose: for roles other than ADMIN and AUDITOR the field is an error (FORBIDDEN)
  // that nulls this field only, not the record that holds it.
  @FieldResolver(() => [AuditLogEntry], {
    nullable: true,
    description:
      "Changes to this record from the audit log, newest first. ADMIN and AUDITOR only: for other roles this " +
      "field is null with a FORBIDDEN error.",
  })
  async history(
    @Root() root: { id: string },
    @Arg("first", () => Int, {
      nullable: true,
      defaultValue: 20,
      description: "How many of the latest entries, 0–100.",
    })
    first: number | null,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<AuditLogEntry[]> {
    if (!allows(ctx.actor.role, "readAuditLog")) throw forbidden("Only ADMIN and AUDITOR keys may read the audit log.");
    const n = checkFirst(first);
    const table = tableOfEntityType(ctx.manager, info.parentType.name);
    if (!table || n === 0) return [];
    return ctx.loaders.auditHistory.load({ entity: table, entityId: root.id, first: n });
  }
}
