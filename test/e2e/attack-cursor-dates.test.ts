// A cursor is base64url JSON [sortValue, id] and is checked before any SQL runs, but a date or timestamp sort
// value was checked with Date.parse, which rolls 2025-02-30 over to March and takes year 0000. PostgreSQL refuses
// both, so a tampered cursor on any list sorted by a date or a timestamp (processors by RENEWAL, evidence,
// events, findings) answered INTERNAL instead of BAD_USER_INPUT naming `after`. Built at test time, real HTTP.
import { startTestApp, TestApp } from "../helpers/app";

let app: TestApp;
let key: string;

beforeAll(async () => {
  app = await startTestApp();
  key = (await app.newOrganization("Markør Prøve ApS")).key;
});

afterAll(async () => {
  await app?.stop();
});

const ID = "19e9c2e2-2b94-43ee-841a-e8261fbd3614";
/** A cursor of a list (its name in cursors: entity, sort and direction) at this sort value. */
const cursor = (list: string, value: unknown): string =>
  Buffer.from(JSON.stringify([list, value, ID]), "utf8").toString("base64url");

const LISTS: { name: string; list: string; query: string; sortValues: string[] }[] = [
  {
    name: "processors by RENEWAL",
    list: "Processor.renewalOn ASC",
    query: `query($after: String) {
      processors(first: 1, after: $after, orderBy: { field: RENEWAL }) { edges { cursor } } }`,
    sortValues: ["2025-02-30", "2023-02-29", "0000-01-01", "2025-04-31"],
  },
  {
    name: "evidence",
    list: "Evidence.effectiveOn DESC",
    query: `query($after: String) { evidence(first: 1, after: $after) { edges { cursor } } }`,
    sortValues: ["2025-02-30", "0000-01-01"],
  },
  {
    name: "events",
    list: "Event.occurredAt DESC",
    query: `query($after: String) { events(first: 1, after: $after) { edges { cursor } } }`,
    sortValues: ["2025-02-30T00:00:00Z", "0000-01-01T00:00:00Z", "2025-06-31T12:00:00.5+02:00"],
  },
  {
    name: "findings",
    list: "AuditFinding.createdAt DESC",
    query: `query($after: String) { findings(first: 1, after: $after) { edges { cursor } } }`,
    sortValues: ["2025-02-30T00:00:00Z", "0000-01-01T00:00:00Z"],
  },
];

test.each(LISTS)("a cursor with an impossible date on $name is BAD_USER_INPUT naming after", async (list) => {
  for (const value of list.sortValues) {
    const res = await app.gql(key, list.query, { after: cursor(list.list, value) });
    const codes = (res.errors ?? []).map((e) => e.extensions?.code);
    expect({ value, status: res.status, codes }).toEqual({ value, status: 200, codes: ["BAD_USER_INPUT"] });
    expect(res.errors![0].message).toMatch(/after/);
  }
});

test("cursors the API returns on a date-sorted list still page", async () => {
  for (const [name, renewalOn] of [
    ["Alfa", "2026-01-31"],
    ["Beta", "2024-02-29"],
    ["Gamma", "2027-12-01"],
  ])
    await app.ok(
      key,
      `mutation($input: CreateProcessorInput!) { createProcessor(input: $input) { userErrors { field } } }`,
      {
        input: { name, renewalOn },
      },
    );
  const names: string[] = [];
  let after: string | null = null;
  for (let i = 0; i < 3; i++) {
    const data: any = await app.ok(
      key,
      `query($after: String) { processors(first: 1, after: $after, orderBy: { field: RENEWAL }) {
         edges { cursor node { name } } } }`,
      { after },
    );
    names.push(data.processors.edges[0].node.name);
    after = data.processors.edges[0].cursor;
  }
  expect(names).toEqual(["Beta", "Alfa", "Gamma"]);
});

test("a forged null sort value, or a timestamp finer than PostgreSQL's microseconds, is BAD_USER_INPUT", async () => {
  for (const [{ query, list }, value] of [
    [LISTS[0], null],
    [LISTS[3], null],
    [LISTS[3], "2025-01-01T00:00:00.1234567Z"],
  ] as const) {
    const res = await app.gql(key, query, { after: cursor(list, value) });
    expect({ value, codes: (res.errors ?? []).map((e) => e.extensions?.code) }).toEqual({
      value,
      codes: ["BAD_USER_INPUT"],
    });
  }
});

test("the cursors the API hands out come back: a placeholder date, a timestamp to the microsecond", async () => {
  for (const [{ query, list }, value] of [
    [LISTS[0], "0001-01-01"],
    [LISTS[3], "2025-01-01T00:00:00.123456Z"],
  ] as const) {
    const res = await app.gql(key, query, { after: cursor(list, value) });
    expect({ value, errors: res.errors }).toEqual({ value, errors: undefined });
  }
});
