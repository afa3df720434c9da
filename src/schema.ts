import { GraphQLSchema, lexicographicSortSchema, printSchema } from "graphql";
import { buildSchema } from "type-graphql";
import { authChecker } from "./common/auth";
import { validateReadArgument } from "./common/validation";
import { countListItems } from "./common/list-budget";
import { NodeResolver } from "./node.resolver";
import { MODULES } from "./modules";

export const RESOLVERS = [NodeResolver, ...MODULES.flatMap((m) => m.resolvers ?? [])] as [Function, ...Function[]];

let cached: Promise<GraphQLSchema> | undefined;

export function getSchema(): Promise<GraphQLSchema> {
  // validate: false on purpose: class-validator runs in the mutation runner and returns userErrors; the
  // arguments of queries are checked by validateReadArgument (BAD_USER_INPUT naming the argument).
  cached ??= buildSchema({
    resolvers: RESOLVERS,
    authChecker,
    validate: false,
    validateFn: validateReadArgument,
    orphanedTypes: MODULES.flatMap((m) => m.types ?? []),
  }).then(countListItems);
  return cached;
}

/** The SDL committed as schema/schema.graphql (sorted, so diffs show real changes only). */
export async function printSchemaSdl(): Promise<string> {
  return printSchema(lexicographicSortSchema(await getSchema())) + "\n";
}
