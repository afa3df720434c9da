// The Node interface's id and the node(id) query, over the entities of every module. (Each record's
// history field, also on Node, is the audit-log module's.)
import { Arg, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from "type-graphql";
import { isObjectType, type GraphQLResolveInfo } from "graphql";
import type { RequestContext } from "./context";
import { fromGlobalId, toGlobalId } from "./common/global-id";
import { Node } from "./common/node";
import { allows } from "./common/auth";
import { ENTITIES } from "./db/entities";
import { MODULES } from "./modules";

// GraphQL type name → entity class. Type names equal entity class names for every Node.
const NODE_ENTITIES = new Map<string, Function>(ENTITIES.map((e) => [e.name, e]));
/** Node types shown only to a permission, as the modules declare them. */
const RESTRICTED_NODES = new Map(MODULES.flatMap((m) => Object.entries(m.restrictedNodes ?? {})));

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
    // Key metadata is for admins only, as in the apiKeys query.
    // Key metadata and webhooks are for admins only, as in the apiKeys and webhookEndpoints queries.
    const permission = RESTRICTED_NODES.get(decoded.typeName);
    if (permission && !allows(ctx.actor.role, permission)) return null;
    return (await ctx.manager.findOne(entity, { where: { id: decoded.id } })) as Node | null;
  }
}
