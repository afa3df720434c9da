// LocalDate (graphql-scalars) takes any four-digit year, 0000 included, but PostgreSQL has no year 0 and the
// transfer rules read only years from 100: `evidence(filter: { effectiveFrom: "0000-01-01" })`,
// `evidenceList(to: "0000-01-01")`, `transferExposure(asOf: "0001-01-01")` and `transferRules(asOf: "0999-12-31")`
// answered INTERNAL. Mutations already refused year 0000 with a userError; a read's date argument, at any depth
// of its input, is now BAD_USER_INPUT naming the argument and the years taken (1000–9999, as parseIsoDate).
import { startTestApp, TestApp } from "../helpers/app";
import { createProcessor } from "../helpers/fixtures";

let app: TestApp;
let key: string;
let processorId: string;

beforeAll(async () => {
  app = await startTestApp();
  key = (await app.newOrganization("Kalender Kontrol A/S")).key;
  processorId = (await createProcessor(app, key, { name: "Tidlig Data ApS", countryCode: "DK" })).id;
});

afterAll(async () => {
  await app?.stop();
});

const READS: [string, string, (date: string) => Record<string, unknown>][] = [
  [
    "filter.effectiveFrom",
    `query($v: EvidenceFilter) { evidence(filter: $v) { totalCount } }`,
    (d) => ({
      v: { effectiveFrom: d },
    }),
  ],
  [
    "filter.effectiveTo",
    `query($v: EvidenceFilter) { evidence(filter: $v) { totalCount } }`,
    (d) => ({
      v: { effectiveTo: d },
    }),
  ],
  ["to", `query($v: LocalDate) { evidenceList(to: $v) { __typename } }`, (d) => ({ v: d })],
  ["from", `query($v: LocalDate) { evidenceList(from: $v) { __typename } }`, (d) => ({ v: d })],
  ["asOf", `query($v: LocalDate) { transferExposure(asOf: $v) { __typename } }`, (d) => ({ v: d })],
  ["asOf", `query($v: LocalDate) { transferRules(asOf: $v) { __typename } }`, (d) => ({ v: d })],
  [
    "asOf",
    `query($id: ID!, $v: LocalDate) { node(id: $id) { ... on Processor {
      transferExposure(asOf: $v) { __typename } } } }`,
    (d) => ({ id: processorId, v: d }),
  ],
];

test("a date before year 1000 in a read's arguments is BAD_USER_INPUT naming it, never INTERNAL", async () => {
  const answers: Record<string, unknown> = {};
  const expected: Record<string, unknown> = {};
  for (const date of ["0000-01-01", "0001-01-01", "0099-12-31", "0999-12-31"])
    for (const [i, [argument, query, variables]] of READS.entries()) {
      const name = `${i}. ${/(\w+)\((?:filter|to|from|asOf):/.exec(query)![1]} ${argument}=${date}`;
      const res = await app.gql(key, query, variables(date));
      const [error] = res.errors ?? [];
      answers[name] = [res.status, error?.extensions?.code, error?.message.startsWith(`${argument} must be a date`)];
      expected[name] = [200, "BAD_USER_INPUT", true];
    }
  expect(answers).toEqual(expected);
});

test("dates from year 1000 are still read", async () => {
  for (const date of ["1000-01-01", "2026-06-30", "9999-12-31"])
    for (const [, query, variables] of READS) {
      const res = await app.gql(key, query, variables(date));
      expect([date, query, res.errors]).toEqual([date, query, undefined]);
    }
});
