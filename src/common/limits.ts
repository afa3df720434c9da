// Query limits, checked before anything executes:
//   - tokens: graphql-js's own parser limit (Apollo `parseOptions.maxTokens`), see armorOptions;
//   - depth, aliases, directives: @escape.tech/graphql-armor validation rules;
//   - "Did you mean …" suggestions: masked by graphql-armor when introspection is off;
//   - cost: graphql-query-complexity, in an Apollo plugin at didResolveOperation, with the
//     operation's variables (so `first: $n` is priced at the value sent).
// Every response to an operation that got that far reports `extensions.cost = { requested, limit }`.
import { ApolloServerPlugin, GraphQLRequestContext } from "@apollo/server";
import { ApolloArmor } from "@escape.tech/graphql-armor";
import type { GraphQLArmorRejectCallback } from "@escape.tech/graphql-armor-types";
import {
  DocumentNode,
  getNamedType,
  getNullableType,
  GraphQLError,
  GraphQLSchema,
  isCompositeType,
  isListType,
  Kind,
  OperationDefinitionNode,
  ValidationRule,
} from "graphql";
import { ComplexityEstimator, fieldExtensionsEstimator, getComplexity } from "graphql-query-complexity";
import type { Config } from "../config";
import { introspectionLimit, introspectionSize } from "./introspection-size";

/** Page size a `first` argument has when the query leaves it out or sends null (as in checkFirst). */
export const DEFAULT_FIRST = 20;
/** Assumed length of a list field that has no `first`. */
export const DEFAULT_LIST_SIZE = 10;

/**
 * List fields that cost more per item than an ordinary list, with the multiplier applied to
 * (1 + child cost). Keep in step with the resolvers: each of these walks a graph or joins many
 * tables per item.
 */
export const HEAVY_FIELDS: Record<string, (args: Record<string, unknown>) => number> = {
  // One recursive SQL statement, but it returns every processor on every chain down to maxDepth.
  "Processor.subprocessorTree": (args) => positive(args.maxDepth, 10) * DEFAULT_LIST_SIZE,
  // The auditor's list: per processor, agreements, versions, reports, reviews, findings, notices, files.
  "Query.evidenceList": () => 50,
  // A transfer evaluation of the whole sub-processor tree of every direct processor.
  "Query.transferExposure": () => 50,
  // Supervision plans of every active processor, each derived from its agreement and history.
  "Query.supervisionSchedule": () => 50,
};

/**
 * Lists without `first` whose length the domain keeps well below DEFAULT_LIST_SIZE: the expected
 * number of items per parent. Without these, the everyday "processors with their agreements and
 * categories" query (test/e2e/nested-queries.test.ts) would cost 54,050 at first: 50.
 */
export const LIST_SIZES: Record<string, number> = {
  // A processor's DPA, perhaps its predecessor and a sub-processor agreement.
  "Processor.agreements": 3,
  // Employees, customers, end users, …: a DPA names a handful.
  "Agreement.dataSubjectCategories": 5,
};

function positive(value: unknown, fallback: number): number {
  return typeof value === "number" && Number.isFinite(value) ? Math.max(1, value) : fallback;
}

/**
 * The cost of one field:
 *   - scalars and enums (also lists of them): 1;
 *   - a field with a `first` argument: first × (1 + child cost); first defaults to 20;
 *   - the `edges` of a connection: 1 + child cost (the page size was charged on the connection);
 *   - the heavy list fields above: their multiplier × (1 + child cost);
 *   - the domain-bounded lists in LIST_SIZES: their size × (1 + child cost);
 *   - any other list of objects: 10 × (1 + child cost);
 *   - a single object: 1 + child cost;
 *   - introspection (`__schema`, `__type`): 1 in all (served from memory); its answer is counted on the schema
 *     instead (src/common/introspection-size.ts, at most twice the full introspection query's answer).
 * type-graphql `@Field({ complexity })` values take precedence (fieldExtensionsEstimator first).
 */
export const tilsynEstimator: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  if (field.name === "__schema" || field.name === "__type") return 1;
  if (type.name.startsWith("__")) return 0;
  const named = getNamedType(field.type);
  if (!isCompositeType(named)) return 1;
  const perItem = 1 + childComplexity;
  const heavy = HEAVY_FIELDS[`${type.name}.${field.name}`];
  if (heavy) return heavy(args) * perItem;
  if (field.args.some((a) => a.name === "first")) {
    const first = typeof args.first === "number" ? args.first : DEFAULT_FIRST;
    return Math.max(1, first) * perItem;
  }
  if (isListType(getNullableType(field.type))) {
    if (type.name.endsWith("Connection") && field.name === "edges") return perItem;
    return (LIST_SIZES[`${type.name}.${field.name}`] ?? DEFAULT_LIST_SIZE) * perItem;
  }
  return perItem;
};

export const COST_ESTIMATORS: ComplexityEstimator[] = [fieldExtensionsEstimator(), tilsynEstimator];

export function queryTooComplex(requested: number | null, limit: number): GraphQLError {
  const message =
    requested === null
      ? `The query is too complex to estimate (too many fields after expanding fragments); the cost limit is ${limit}.`
      : `The query's estimated cost is ${requested}, above the limit of ${limit}. Ask for smaller pages (first), ` +
        `fewer nested lists or a lower maxDepth.`;
  return new GraphQLError(message, {
    extensions: { code: "QUERY_TOO_COMPLEX", cost: { requested, limit }, http: { status: 400 } },
  });
}

/** An operation whose `__schema`/`__type` fields would answer more than the introspection limit (HTTP 400). */
export function introspectionTooLarge(limit: number): GraphQLError {
  const message =
    `The query's introspection (__schema, __type) asks for more than ${limit} values, the limit (twice the answer ` +
    `to the full introspection query). Ask for the schema once, without aliases repeating it.`;
  return new GraphQLError(message, {
    extensions: { code: "QUERY_TOO_COMPLEX", introspection: { limit }, http: { status: 400 } },
  });
}

/** Estimated cost of one operation of a document (its fragments included). */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
): number {
  // Only the operation that will run, so a document with several operations is priced right
  // (and getComplexity never has to match operation names).
  const query: DocumentNode = {
    kind: Kind.DOCUMENT,
    definitions: [operation, ...document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION)],
  };
  return getComplexity({ schema, query, variables: variables ?? {}, estimators: COST_ESTIMATORS });
}

/**
 * Costs already estimated, per parsed operation (Apollo keeps the parsed document of a query it has seen, so the
 * dashboard asked again and again is priced once per set of variables), at most COST_CACHE_VARIANTS each.
 */
const costCache = new WeakMap<OperationDefinitionNode, Map<string, number>>();
const COST_CACHE_VARIANTS = 50;

function cachedOperationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
): number {
  let byVariables = costCache.get(operation);
  if (!byVariables) costCache.set(operation, (byVariables = new Map()));
  const key = JSON.stringify(variables ?? {});
  const known = byVariables.get(key);
  if (known !== undefined) return known;
  const cost = operationCost(schema, document, operation, variables);
  if (byVariables.size >= COST_CACHE_VARIANTS) byVariables.clear();
  byVariables.set(key, cost);
  return cost;
}

export interface CostReport {
  requested: number | null;
  limit: number;
}

/**
 * Rejects operations above the cost limit before they execute (HTTP 400, QUERY_TOO_COMPLEX) and
 * adds extensions.cost to every response. `onCost` hears the cost of each operation (request log).
 */
export function costLimitPlugin<TContext extends object>(
  limit: number,
  onCost: (ctx: GraphQLRequestContext<TContext>, cost: number | null) => void = () => {},
): ApolloServerPlugin<TContext> {
  return {
    // The introspection limit is counted once, on the schema served, before the first request.
    async serverWillStart({ schema }) {
      introspectionLimit(schema);
    },
    async requestDidStart() {
      let report: CostReport | undefined;
      return {
        async didResolveOperation(ctx) {
          if (!ctx.operation) return;
          let cost: number;
          try {
            cost = cachedOperationCost(ctx.schema, ctx.document, ctx.operation, ctx.request.variables);
          } catch (err) {
            if (err instanceof GraphQLError && /maximum allowed number of nodes/.test(err.message)) {
              report = { requested: null, limit };
              onCost(ctx, null);
              throw queryTooComplex(null, limit);
            }
            // Variables that do not fit their types: execution reports them (BAD_USER_INPUT)
            // before any resolver runs, so nothing is spent unpriced.
            return;
          }
          report = { requested: cost, limit };
          onCost(ctx, cost);
          if (cost > limit) throw queryTooComplex(cost, limit);
          // Introspection is priced at 1 above (it reads no data) and counted here on the schema itself.
          const most = introspectionLimit(ctx.schema);
          if (introspectionSize(ctx.schema, ctx.document, ctx.operation, ctx.request.variables, most) > most)
            throw introspectionTooLarge(most);
        },
        async willSendResponse({ response }) {
          if (!report || response.body.kind !== "single") return;
          const body = response.body.singleResult;
          body.extensions = { ...body.extensions, cost: report };
        },
      };
    },
  };
}

/**
 * The message without graphql-js's suggestion, which it appends last (' Did you mean "a" or "b"?'). Found by
 * position, not by /\s*Did you mean [^?]*\?/g: messages quote the client's values whole, and that regex scans a
 * run of spaces from each of its positions (a 100 KB variable of spaces held the process 26 s).
 */
export function withoutSuggestion(message: string): string {
  const at = message.lastIndexOf("Did you mean ");
  if (at < 0 || message.indexOf("?", at) !== message.length - 1) return message;
  return message.slice(0, at).trimEnd();
}

/**
 * Rewrites graphql-js's token-limit message ("Document contains more that N tokens") into plain
 * words, and, when suggestions are hidden, removes every "Did you mean …?" (armor's mask only
 * matches `Did you mean "x"`, not `Did you mean the enum value "X"`). Listed before armor's plugin.
 */
export function errorMessagePlugin(maxTokens: number, hideSuggestions: boolean): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors }) {
          for (const error of errors) {
            if (/Document contains more tha[nt] \d+ tokens/.test(error.message)) {
              error.message =
                `Query rejected: the document has more than ${maxTokens} tokens ` + `(the limit is ${maxTokens}).`;
            }
            if (hideSuggestions) error.message = withoutSuggestion(error.message);
          }
        },
      };
    },
  };
}

/**
 * Armor rejects through ValidationContext.reportError, so Apollo answers 400
 * GRAPHQL_VALIDATION_FAILED. Its own messages start with "Syntax Error:", which they are not.
 */
const reportRejection: GraphQLArmorRejectCallback = (ctx, error) => {
  ctx?.reportError(new GraphQLError(`Query rejected: ${error.message.replace(/^Syntax Error: /, "")}`));
};

export interface QueryLimits {
  /** Apollo options: validationRules and plugins from graphql-armor, parseOptions with the token limit. */
  validationRules: ValidationRule[];
  plugins: ApolloServerPlugin[];
  parseOptions: { maxTokens: number };
}

/**
 * graphql-armor's Apollo integration for depth, aliases, directives and field suggestions.
 * Not used from armor:
 *   - costLimit: graphql-query-complexity prices the operation with the schema's own rules;
 *   - maxTokens: armor's Apollo plugin throws from parsingDidStart, outside Apollo's parse
 *     try/catch, which turns the rejection into an HTTP 500 and skips willSendResponse (the
 *     request transaction would never be closed). graphql-js's `maxTokens` parse option does the
 *     same check inside the parser, and Apollo answers 400 GRAPHQL_PARSE_FAILED.
 */
export function queryLimits(config: Config): QueryLimits {
  const reject = { propagateOnRejection: false, onReject: [reportRejection] };
  const armor = new ApolloArmor({
    maxDepth: {
      n: config.graphqlMaxDepth,
      flattenFragments: true,
      ignoreIntrospection: true,
      exposeLimits: true,
      ...reject,
    },
    maxAliases: { n: config.graphqlMaxAliases, exposeLimits: true, ...reject },
    maxDirectives: { n: 50, exposeLimits: true, ...reject },
    maxTokens: { enabled: false },
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: !config.graphqlIntrospection },
  }).protect();
  return {
    validationRules: armor.validationRules,
    plugins: [errorMessagePlugin(config.graphqlMaxTokens, !config.graphqlIntrospection), ...armor.plugins],
    parseOptions: { maxTokens: config.graphqlMaxTokens },
  };
}

/** Deepest nesting of a GraphQL request's JSON (body, variables, extensions): far above any real input. */
export const MAX_JSON_DEPTH = 64;

/** Whether a parsed JSON value nests deeper than `max` levels (walked without recursion). */
export function jsonDeeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== "object") continue;
    if (depth > max) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}
