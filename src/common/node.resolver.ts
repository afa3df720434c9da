import { Arg, Ctx, FieldResolver, ID, Info, Int, Query, Resolver, Root } from "type-graphql";
import { isObjectType, type GraphQLResolveInfo } from "graphql";
import type { RequestContext } from "../context";
import { fromGlobalId, toGlobalId } from "./global-id";
import { Node } from "./node";
import { ENTITIES } from "../db/entities";
import { Role } from "../modules/auth/api-key.entity";
import { AuditLogEntry } from "../modules/audit/audit.types";
import { tableOfEntityType } from "../modules/audit/audit.entities";
import { AUDIT_LOG_READERS } from "../modules/audit/audit.resolver";
import { checkFirst } from "./connection";
import { forbidden } from "./errors";

// GraphQL type name → entity class. Type names equal entity class names for every Node.
const NODE_ENTITIES = new Map<string, Function>(ENTITIES.map((e) => [e.name, e]));

const ADMIN_ONLY_NODES = new Set(["ApiKey", "WebhookEndpoint", "WebhookDelivery"]);

/** Only entities exposed as Node types can be fetched by id (history rows, for one, are not). */
function isNodeType(info: GraphQLResolveInfo, typeName: string): boolean {
  const type = info.schema.getType(typeName);
  return isObjectType(type) && type.getInterfaces().some((i) => i.name === "Node");
}

@Resolver(() => Node)
export class NodeResolver {
  @FieldResolver(() => ID, { description: "Opaque global id." })
  id(@Root() root: { id: string }, @Info() info: GraphQLResolveInfo): string {
    return toGlobalId(info.parentType.name, root.id);
  }

  // Nullable on purpose: for roles other than ADMIN and AUDITOR the field is an error (FORBIDDEN)
  // that nulls this field only, not the record that holds it.
  @FieldResolver(() => [AuditLogEntry], {
    nullable: true,
    description:
      "Changes to this record from the audit log, newest first. ADMIN and AUDITOR only: for other roles this field is null with a FORBIDDEN error.",
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
    if (!AUDIT_LOG_READERS.includes(ctx.actor.role))
      throw forbidden("Only ADMIN and AUDITOR keys may read the audit log.");
    const n = checkFirst(first);
    const table = tableOfEntityType(info.parentType.name);
    if (!table || n === 0) return [];
    return ctx.loaders.auditHistory.load({ entity: table, entityId: root.id, first: n });
  }

  @Query(() => Node, {
    nullable: true,
    description: "Any object by its global id; null when it does not exist in your organization.",
  })
  async node(
    @Arg("id", () => ID) id: string,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Node | null> {
    const decoded = fromGlobalId(id);
    const entity = decoded && NODE_ENTITIES.get(decoded.typeName);
    if (!decoded || !entity || !isNodeType(info, decoded.typeName)) return null;
    // Key metadata and webhooks are for admins only, as in the apiKeys and webhookEndpoints queries.
    if (ADMIN_ONLY_NODES.has(decoded.typeName) && ctx.actor.role !== Role.ADMIN) return null;
    return (await ctx.manager.findOne(entity, { where: { id: decoded.id } })) as Node | null;
  }
}
