// The size of an introspection answer, counted on the schema before anything executes. The cost estimate prices
// `__schema` and `__type` at 1 (they read no data), but their answer is the schema itself, as often as the query
// asks: graphql-js's MaxIntrospectionDepthRule stops a third nested `fields`, not aliases or fragments, so one
// document of 400 tokens (30 aliases of `__schema` spreading one fragment with `types`, two levels of `fields`,
// their `args` and `enumValues`) answered 36 MB and held the event loop about 3 s for every tenant.
import {
  DocumentNode,
  FragmentDefinitionNode,
  getArgumentValues,
  getIntrospectionQuery,
  getNamedType,
  GraphQLField,
  GraphQLObjectType,
  GraphQLResolveInfo,
  GraphQLSchema,
  isObjectType,
  Kind,
  OperationDefinitionNode,
  parse,
  SchemaMetaFieldDef,
  SelectionSetNode,
  TypeMetaFieldDef,
} from "graphql";

/** How many times the full introspection query's answer one operation may ask for (GraphiQL asks for it once). */
export const INTROSPECTION_ANSWERS = 2;

class Over extends Error {}

/**
 * The values an operation's `__schema` and `__type` fields answer: every field of every introspection object
 * (scalars, nulls and lists each 1, each item of a list counted through), plus 1 per fragment spread. The walk
 * stops once the count passes `limit` (and answers limit + 1), so it never does more than `limit` steps.
 * Repeated fields that the answer merges are counted each time; `@skip`/`@include` are ignored (counted).
 */
export function introspectionSize(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
  limit: number,
): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const info = { schema } as GraphQLResolveInfo;
  let count = 0;
  const step = () => {
    count += 1;
    if (count > limit) throw new Over();
  };

  const resolve = (def: GraphQLField<unknown, unknown>, source: unknown, node: import("graphql").FieldNode) => {
    try {
      const args = getArgumentValues(def, node, variables ?? {});
      return def.resolve ? def.resolve(source, args, undefined, info) : (source as Record<string, unknown>)[def.name];
    } catch {
      // Arguments that do not fit: execution refuses the operation before anything is answered.
      return null;
    }
  };

  const visit = (type: GraphQLObjectType, value: unknown, set: SelectionSetNode) => {
    for (const item of Array.isArray(value) ? value : [value]) if (item != null) walk(type, item, set, false);
  };

  function walk(type: GraphQLObjectType, source: unknown, set: SelectionSetNode, root: boolean): void {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        let def: GraphQLField<unknown, unknown> | undefined;
        if (root) {
          // The operation's other root fields are priced by the cost estimate.
          if (name === "__schema") def = SchemaMetaFieldDef;
          else if (name === "__type") def = TypeMetaFieldDef;
          else continue;
        } else {
          def = name === "__typename" ? undefined : type.getFields()[name];
        }
        step();
        if (!def || !selection.selectionSet) continue;
        const named = getNamedType(def.type);
        if (!isObjectType(named)) continue;
        const value = resolve(def, source, selection);
        if (Array.isArray(value)) for (const _ of value) step();
        visit(named, value, selection.selectionSet);
      } else {
        // Introspection's types are object types: a fragment applies only on its own type (validation refuses
        // any other spread), and on the query root at the root.
        const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : fragments.get(selection.name.value);
        if (!fragment) continue;
        if (selection.kind === Kind.FRAGMENT_SPREAD) step();
        if (fragment.typeCondition && fragment.typeCondition.name.value !== type.name) continue;
        walk(type, source, fragment.selectionSet, root);
      }
    }
  }

  const rootType = schema.getRootType(operation.operation);
  if (!rootType) return 0;
  try {
    walk(rootType, undefined, operation.selectionSet, true);
  } catch (err) {
    if (err instanceof Over) return limit + 1;
    throw err;
  }
  return count;
}

const fullAnswer = new WeakMap<GraphQLSchema, number>();

/**
 * The most introspection values one operation may ask for: INTROSPECTION_ANSWERS × the answer to the full
 * introspection query (graphql-js's getIntrospectionQuery with every option, as GraphiQL sends it), counted on the
 * schema served, so the limit grows with the schema.
 */
export function introspectionLimit(schema: GraphQLSchema): number {
  const known = fullAnswer.get(schema);
  if (known !== undefined) return known;
  const query = parse(
    getIntrospectionQuery({
      descriptions: true,
      specifiedByUrl: true,
      directiveIsRepeatable: true,
      schemaDescription: true,
      inputValueDeprecation: true,
      oneOf: true,
    }),
  );
  const operation = query.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const limit = INTROSPECTION_ANSWERS * introspectionSize(schema, query, operation, {}, Number.MAX_SAFE_INTEGER);
  fullAnswer.set(schema, limit);
  return limit;
}
