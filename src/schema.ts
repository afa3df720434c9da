import { GraphQLSchema, lexicographicSortSchema, printSchema } from "graphql";
import { buildSchema, getMetadataStorage } from "type-graphql";
import { authChecker } from "./common/auth";
import { validateReadArgument } from "./common/validation";
import { countListItems } from "./common/list-budget";
import { NodeResolver } from "./node.resolver";
import { MODULES } from "./modules";

export const RESOLVERS = [NodeResolver, ...MODULES.flatMap((m) => m.resolvers ?? [])] as [Function, ...Function[]];

let cached: Promise<GraphQLSchema> | undefined;

/**
 * Plain fields (a property read as it is) are read by graphql-js's own resolver. type-graphql otherwise gives each
 * one a resolver of its own that builds a resolver-data object and runs the middleware chain, empty for them: the
 * dashboard's page reads some 1,500 such fields. A field type-graphql resolves otherwise keeps its resolver (a
 * method or FieldResolver goes first; `simple` only drops the wrapper), as does one with roles (@Authorized),
 * middlewares, or a GraphQL name other than its property's (graphql-js reads the property by the field's name).
 */
function readPlainFieldsDirectly(): void {
  const storage = getMetadataStorage();
  const guarded = new Set<Function>([
    ...storage.authorizedResolver.map((a) => a.target),
    ...storage.resolverMiddlewares.map((m) => m.target),
  ]);
  const guardedFields = [...storage.authorizedFields, ...storage.middlewares];
  const isGuarded = (field: { target: Function; name: string }) =>
    guarded.has(field.target) || guardedFields.some((g) => g.target === field.target && g.fieldName === field.name);
  for (const field of storage.fields)
    if (field.simple === undefined && field.name === field.schemaName && !isGuarded(field)) field.simple = true;
}

export function getSchema(): Promise<GraphQLSchema> {
  // validate: false on purpose: class-validator runs in the mutation runner and returns userErrors; the
  // arguments of queries are checked by validateReadArgument (BAD_USER_INPUT naming the argument).
  if (!cached) readPlainFieldsDirectly();
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
