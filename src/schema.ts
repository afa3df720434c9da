import { GraphQLSchema, isObjectType, lexicographicSortSchema, printSchema } from "graphql";
import { buildSchema, getMetadataStorage } from "type-graphql";
import { authChecker } from "./common/auth";
import { validateReadArgument } from "./common/validation";
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
  }).then(withPlainFieldsUnwrapped);
  return cached;
}

/**
 * type-graphql gives every plain field (a property: no resolver method, no arguments, no @Authorized, no
 * middleware, its own name) a resolver that only returns root[name], at the price of a wrapper and its
 * bookkeeping per field and row (some 1,500 a dashboard page). graphql-js's default resolver reads the same
 * property, so those wrappers are dropped; every other field keeps type-graphql's resolver.
 */
function withPlainFieldsUnwrapped(schema: GraphQLSchema): GraphQLSchema {
  const storage = getMetadataStorage();
  const byTarget = new Map(storage.objectTypes.map((t) => [t.target, t]));
  const interfaceFields = new Map(storage.interfaceTypes.map((t) => [t.target, t.fields ?? []]));
  for (const objectType of storage.objectTypes) {
    const type = schema.getType(objectType.name);
    if (!isObjectType(type)) continue;
    // The fields type-graphql knows for this type: its own, its superclasses', its interfaces'.
    const declared = [...(objectType.fields ?? [])];
    for (let c = Object.getPrototypeOf(objectType.target); c?.prototype; c = Object.getPrototypeOf(c))
      declared.push(...(byTarget.get(c)?.fields ?? []));
    for (const i of objectType.interfaceClasses ?? []) declared.push(...(interfaceFields.get(i) ?? []));
    for (const [name, field] of Object.entries(type.getFields())) {
      const metas = declared.filter((f) => f.schemaName === name);
      const plain =
        metas.length > 0 &&
        metas.every(
          (f) =>
            f.name === f.schemaName && !f.roles?.length && !f.middlewares?.length && !f.params?.length && !f.simple,
        ) &&
        !storage.fieldResolvers.some(
          (r) =>
            (r.schemaName === name || metas.some((f) => f.name === r.methodName)) &&
            [objectType.target, ...metas.map((f) => f.target)].includes(r.getObjectType?.() as Function),
        );
      if (plain && field.resolve) field.resolve = undefined;
    }
  }
  return schema;
}

/** The SDL committed as schema/schema.graphql (sorted, so diffs show real changes only). */
export async function printSchemaSdl(): Promise<string> {
  return printSchema(lexicographicSortSchema(await getSchema())) + "\n";
}
