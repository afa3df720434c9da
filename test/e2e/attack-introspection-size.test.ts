// Introspection was priced at 1 (`__schema`, `__type`: "served from memory; tokens bound its size"), but tokens do
// not bound its answer: graphql-js's MaxIntrospectionDepthRule stops a third nested `fields`, not aliases of
// `__schema` spreading one fragment. One document of about 400 tokens from any key (a VIEWER's here) — 30 aliases of
// `__schema { ...S }`, S asking for every type's fields, their types' fields, args and enum values — answered 36 MB,
// held the event loop about 3 s for every tenant (another tenant's trivial query waited 2.3 s behind one), and a few
// at once ran the process out of memory. An introspection answer is now counted on the schema before anything runs:
// at most twice the answer to the full introspection query (GraphiQL's), else 400 QUERY_TOO_COMPLEX naming the
// limit. Bound (README): another tenant's trivial query within 2 s while one key sends four such documents.
// Built at test time, real HTTP.
import { getIntrospectionQuery } from "graphql";
import { Role } from "../../src/common/auth";
import { startTestApp, TestApp } from "../helpers/app";
import { retryWallClockBounds } from "../helpers/wall-clock";

retryWallClockBounds();

let app: TestApp;
let viewer: string;
let otherKey: string;

beforeAll(async () => {
  app = await startTestApp({ graphqlIntrospection: true });
  viewer = (await app.newOrganization("Introspektion Prøve ApS", Role.VIEWER)).key;
  otherKey = (await app.newOrganization("Nabo Introspektion ApS")).key;
}, 60_000);

afterAll(async () => {
  await app?.stop();
});

const TYPE_REF =
  "name kind description enumValues { name description isDeprecated deprecationReason } " +
  "ofType { name kind enumValues { name description } ofType { name kind enumValues { name description } } }";
const FIELD =
  "name description isDeprecated deprecationReason " +
  `args { name description defaultValue type { ${TYPE_REF} } } type { ${TYPE_REF} }`;
/** Every type's fields and their types' fields: two `fields` levels, which MaxIntrospectionDepthRule allows. */
const SCHEMA =
  `types { name fields { ${FIELD} type { ${TYPE_REF} fields { ${FIELD} } ` +
  `ofType { name ofType { name fields { ${FIELD} } } } } } }`;
const ALIASES = Array.from({ length: 30 }, (_, i) => `a${i}: __schema { ...S }`).join(" ");
const ALIASED = `{ ${ALIASES} } fragment S on __Schema { ${SCHEMA} }`;

async function post(key: string, query: string): Promise<{ status: number; bytes: number; body: any; ms: number }> {
  const started = Date.now();
  const res = await fetch(app.server.url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
    body: JSON.stringify({ query }),
  });
  const text = await res.text();
  const ms = Date.now() - started;
  return { status: res.status, bytes: text.length, body: text.length < 100_000 ? JSON.parse(text) : null, ms };
}

test("30 aliases of __schema over one fragment are refused: 400 QUERY_TOO_COMPLEX naming the limit", async () => {
  const res = await post(viewer, ALIASED);
  expect(res.status).toBe(400);
  expect(res.bytes).toBeLessThan(2000);
  expect(res.body.data).toBeUndefined();
  expect(res.body.errors).toHaveLength(1);
  expect(res.body.errors[0].extensions.code).toBe("QUERY_TOO_COMPLEX");
  expect(res.body.errors[0].message).toMatch(
    /^The query's introspection \(__schema, __type\) asks for more than \d+ values/,
  );
  expect(res.body.errors[0].extensions.introspection.limit).toBeGreaterThan(10_000);
});

test("one __schema asking for more than twice the full introspection answer is refused too", async () => {
  const res = await post(viewer, `{ __schema { ${SCHEMA} } }`);
  expect([res.status, res.body.errors?.[0]?.extensions?.code]).toEqual([400, "QUERY_TOO_COMPLEX"]);
});

test("the full introspection query (GraphiQL's) and __type still answer", async () => {
  const full = getIntrospectionQuery({
    descriptions: true,
    specifiedByUrl: true,
    directiveIsRepeatable: true,
    schemaDescription: true,
    inputValueDeprecation: true,
    oneOf: true,
  });
  const res = await post(viewer, full);
  expect(res.status).toBe(200);
  expect(res.bytes).toBeGreaterThan(100_000);
  const type = await app.ok(viewer, `{ __type(name: "Processor") { fields { name type { name ofType { name } } } } }`);
  expect(type.__type.fields.length).toBeGreaterThan(5);
});

test("another tenant's trivial query is answered within 2 s while one key sends four such documents", async () => {
  const attacks = Array.from({ length: 4 }, () => post(viewer, ALIASED));
  await new Promise((r) => setTimeout(r, 50));
  const started = Date.now();
  const res = await app.gql(otherKey, "{ viewer { role } }");
  const waited = Date.now() - started;
  expect(res.status).toBe(200);
  for (const a of await Promise.all(attacks)) expect(a.status).toBe(400);
  expect(waited).toBeLessThan(2000);
}, 120_000);
