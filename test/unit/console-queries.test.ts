// Every GraphQL document the console sends (console/src/api/queries.ts) is valid against the committed
// schema and within the server's default limits (cost, tokens, depth), so a schema change that would break
// a console page fails here. Costs are printed: the console's heaviest pages are the vendor's.
import { GraphQLSchema, Kind, OperationDefinitionNode, parse, validate } from "graphql";
import { getSchema } from "../../src/schema";
import { loadConfig } from "../../src/config";
import { operationCost } from "../../src/common/limits";
import { sdlSchema } from "../helpers/sdl";
import { ALL_DOCUMENTS, PAGE_SIZE } from "../../console/src/api/queries";

const config = loadConfig({});
let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await getSchema();
});

/** Variables a page sends with the document (list pages ask for PAGE_SIZE items). */
const VARIABLES: Record<string, Record<string, unknown>> = {
  PROCESSORS: { first: PAGE_SIZE, filter: { riskTiers: ["HIGH"] } },
  FINDINGS: { first: PAGE_SIZE },
  CORRECT_IMPORT: { input: { id: "x", corrections: [{ path: "clauses.breachNotificationHours", value: 24 }] } },
  CONFIRM_IMPORT: { input: { id: "x" } },
  DISCARD_IMPORT: { input: { id: "x" } },
  APPROVE_CHANGE: { input: { id: "x" } },
  OBJECT_TO_CHANGE: { input: { id: "x", reason: "r" } },
  CORRECT_REGISTER_IMPORT: {
    input: { id: "x", columnMapping: [{ sheet: "Databehandlere", column: "C", field: null }] },
  },
  APPLY_REGISTER_IMPORT: { input: { id: "x" } },
  DISCARD_REGISTER_IMPORT: { input: { id: "x" } },
};

function depth(node: any, level = 0): number {
  const selections = node.selectionSet?.selections ?? [];
  return selections.length ? Math.max(...selections.map((s: any) => depth(s, level + 1))) : level;
}

const entries = Object.entries(ALL_DOCUMENTS);

test("the console has documents to check", () => {
  expect(entries.length).toBeGreaterThanOrEqual(15);
});

test.each(entries)("%s is valid against schema/schema.graphql and the running schema", (_name, text) => {
  const document = parse(text, { maxTokens: config.graphqlMaxTokens });
  expect(validate(sdlSchema(), document).map((e) => e.message)).toEqual([]);
  expect(validate(schema, document).map((e) => e.message)).toEqual([]);
  const ops = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  expect(ops).toHaveLength(1);
  expect(ops[0].name?.value).toMatch(/^Console/);
});

test.each(entries)("%s stays within the default cost and depth limits", (name, text) => {
  const document = parse(text);
  const op = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const cost = operationCost(schema, document, op, VARIABLES[name] ?? { id: "x", to: "2026-01-01" });
  console.log(`[console] ${name}: cost ${cost} of ${config.graphqlMaxCost}, depth ${depth(op)}`);
  expect(cost).toBeLessThanOrEqual(config.graphqlMaxCost);
  expect(depth(op)).toBeLessThanOrEqual(config.graphqlMaxDepth);
});
