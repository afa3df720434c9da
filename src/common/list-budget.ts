// The items of list fields one operation may answer (GRAPHQL_MAX_LIST_ITEMS). The cost estimate prices a list
// without `first` (Processor.findings, .evidence, .measures, AuditReport.findings, WebhookDelivery.attemptLog …) at
// DEFAULT_LIST_SIZE items, but such a list holds whatever the organization stored: a VIEWER key's 30 aliases of
// one processor's 20,000 findings (cost 1,830) answered 600,000 objects and held every tenant's requests ~21 s.
// Each such list's answer is counted as it resolves (aliases and repeats each count); past the limit the
// operation ends with QUERY_TOO_COMPLEX naming the limit (data null, HTTP 400), and later lists answer nothing.
// Lists the estimate prices by what they answer are not counted: pages (`first`, a connection's `edges`)
// and the heavy fields (HEAVY_FIELDS: a sub-processor tree of 10,000 nodes is a benchmarked read).
import { ApolloServerPlugin } from "@apollo/server";
import {
  defaultFieldResolver,
  getNamedType,
  getNullableType,
  GraphQLFieldResolver,
  GraphQLError,
  GraphQLSchema,
  isCompositeType,
  isListType,
  isObjectType,
} from "graphql";
import { graphqlError } from "./errors";
import { HEAVY_FIELDS } from "./limits";

interface Budget {
  limit: number;
  used: number;
  exceeded: boolean;
}

/** A request's budget, by its transaction (Apollo shallow-clones the context object, not its transaction). */
const budgets = new WeakMap<object, Budget>();

function budgetOf(ctx: unknown): Budget | undefined {
  const key = (ctx as { transaction?: object } | null)?.transaction;
  return key ? budgets.get(key) : undefined;
}

function overBudget(budget: Budget): GraphQLError {
  budget.exceeded = true;
  const error = graphqlError(
    "QUERY_TOO_COMPLEX",
    `The answer would hold more than ${budget.limit} items of lists (GRAPHQL_MAX_LIST_ITEMS): ask for fewer ` +
      "records, fewer aliases or fewer nested lists, or page with first/after.",
  );
  error.extensions.listItems = { limit: budget.limit };
  return error;
}

function counted(ctx: unknown, value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  const budget = budgetOf(ctx);
  if (!budget) return value;
  if (budget.exceeded) return [];
  budget.used += value.length;
  if (budget.used <= budget.limit) return value;
  throw overBudget(budget);
}

/** Items of lists the operation may still answer (0 past the limit); null outside a GraphQL operation. */
export function listItemsLeft(ctx: unknown): number | null {
  const budget = budgetOf(ctx);
  return budget ? Math.max(0, budget.limit - budget.used) : null;
}

/**
 * Refuses now, as counting would later, an answer whose lists will hold `items` more items (a list and the lists
 * nested in it, known before they resolve): the nested lists of thousands of items were resolved (seconds of work)
 * before the count reached the limit. Counts nothing: the lists are counted as they resolve.
 */
export function expectListItems(ctx: unknown, items: number): void {
  const budget = budgetOf(ctx);
  if (budget && !budget.exceeded && budget.used + items > budget.limit) throw overBudget(budget);
}

const wrapped = new WeakSet<GraphQLSchema>();

/** Whether the cost estimate prices this list at a guessed length (DEFAULT_LIST_SIZE or LIST_SIZES). */
function guessedLength(typeName: string, field: { name: string; args: readonly { name: string }[] }): boolean {
  if (field.args.some((a) => a.name === "first")) return false;
  if (field.name === "edges" && typeName.endsWith("Connection")) return false;
  return !(`${typeName}.${field.name}` in HEAVY_FIELDS);
}

/** Counts the answer of every list of objects priced at a guessed length (introspection has its own limit). */
export function countListItems(schema: GraphQLSchema): GraphQLSchema {
  if (wrapped.has(schema)) return schema;
  wrapped.add(schema);
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith("__")) continue;
    for (const field of Object.values(type.getFields())) {
      const list = getNullableType(field.type);
      if (!isListType(list) || !isCompositeType(getNamedType(list)) || !guessedLength(type.name, field)) continue;
      const resolve: GraphQLFieldResolver<unknown, unknown> = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, ctx, info) => {
        const value = resolve(source, args, ctx, info);
        return value instanceof Promise ? value.then((v) => counted(ctx, v)) : counted(ctx, value);
      };
    }
  }
  return schema;
}

/** Opens each operation's budget of list items. */
export function listBudgetPlugin<TContext extends object>(limit: number): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async executionDidStart({ contextValue }) {
          const key = (contextValue as { transaction?: object }).transaction;
          if (key) budgets.set(key, { limit, used: 0, exceeded: false });
        },
      };
    },
  };
}
