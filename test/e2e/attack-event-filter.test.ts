// events(filter: { since }) is how a client without webhooks polls (README, Integration), but a filter without
// `types` was refused with "filter.types: types must list at most 100 event types (TOO_LONG)": the list's
// ArrayMaxSize ran on the missing list. A filter that names no types (by time alone, or empty) must answer, and
// the rule must still refuse 101 types, naming filter.types. Built at test time, real HTTP.
import { startTestApp, TestApp } from "../helpers/app";

let app: TestApp;
let key: string;

beforeAll(async () => {
  app = await startTestApp();
  key = (await app.newOrganization("Hændelse Prøve ApS")).key;
  await app.ok(key, `mutation { createProcessor(input: { name: "Hændelsesleverandør" }) { userErrors { field } } }`);
});

afterAll(async () => {
  await app?.stop();
});

const EVENTS = `query($filter: EventFilter) { events(first: 5, filter: $filter) { edges { node { type } } } }`;

test("a filter by time alone, or an empty filter, answers without an error", async () => {
  for (const filter of [{ since: "2000-01-01T00:00:00Z" }, {}, { types: null, since: "2000-01-01T00:00:00Z" }]) {
    const res = await app.gql(key, EVENTS, { filter });
    expect({ filter, errors: res.errors }).toEqual({ filter, errors: undefined });
    expect(Array.isArray(res.data.events.edges)).toBe(true);
  }
});

test("101 types are still refused, naming filter.types and the rule", async () => {
  const types = Array.from({ length: 101 }, (_, i) => `type.${i}`);
  const res = await app.gql(key, EVENTS, { filter: { types } });
  expect(res.errors?.map((e) => e.extensions?.code)).toEqual(["BAD_USER_INPUT"]);
  expect(res.errors![0].message).toMatch(/filter\.types.*at most 100/);
});
