// The filters of the paged lists (processors, findings, evidence: FilteredPageArgs) were never checked against their
// own rules: validateReadArgument validates a query's arguments, and the filter sits inside them. A search of up to
// 1,000 characters ran (the schema says at most 200; every string read is cut at 1,000 elsewhere), a country code of
// three letters quietly matched nothing. Each is now BAD_USER_INPUT naming the filter's field and the rule, and
// nothing runs. Built at test time, real HTTP.
import { RISK_FACTOR_KEYS } from "../../src/modules/risk/risk-engine";
import { startTestApp, TestApp } from "../helpers/app";

let app: TestApp;
let key: string;

beforeAll(async () => {
  app = await startTestApp();
  key = (await app.newOrganization("Filter Prøve ApS")).key;
  await app.ok(
    key,
    `mutation { createProcessor(input: { name: "Søgbar ApS", countryCode: "DK" }) { processor { id } } }`,
  );
}, 60_000);

afterAll(async () => {
  await app?.stop();
});

const PROCESSORS = `query($filter: ProcessorFilter) { processors(filter: $filter) { totalCount } }`;

test.each([
  ["a search of 201 characters", { search: "s".repeat(201) }, "filter.search: search must be at most 200 characters"],
  [
    "a country code of 3 letters",
    { countryCode: "DKK" },
    "filter.countryCode: countryCode must be an ISO 3166-1 alpha-2 country code in capitals",
  ],
])("processors: %s is BAD_USER_INPUT naming the field and the rule", async (_, filter, message) => {
  const res = await app.gql(key, PROCESSORS, { filter });
  expect(res.data?.processors ?? null).toBeNull();
  expect(res.errors?.map((e) => [e.extensions?.code, e.message.slice(0, message.length)])).toEqual([
    ["BAD_USER_INPUT", message],
  ]);
});

// An unknown key matched nothing: 0 processors, as if none had the factor (events refuses an unknown type).
test("processors: an unknown risk factor key is BAD_USER_INPUT naming the argument and the keys", async () => {
  const res = await app.gql(key, PROCESSORS, { filter: { riskFactors: ["supervision.never", "nope"] } });
  expect(res.data?.processors ?? null).toBeNull();
  expect(res.errors?.map((e) => e.extensions?.code)).toEqual(["BAD_USER_INPUT"]);
  const message = res.errors![0].message;
  expect(message).toMatch(/^filter\.riskFactors: unknown risk factor key "nope"; the keys are RiskFactor\.key/);
  expect(message).toContain("supervision.never, supervision.overdue");
});

test("filters within their rules still run", async () => {
  const at = (filter: object) => app.ok(key, PROCESSORS, { filter });
  expect((await at({ search: "søgbar", countryCode: "DK" })).processors.totalCount).toBe(1);
  expect((await at({ search: "s".repeat(200) })).processors.totalCount).toBe(0);
  // Twenty known keys run (the one processor has an inherent factor: its volume is not recorded).
  expect((await at({ riskFactors: RISK_FACTOR_KEYS.slice(0, 20) })).processors.totalCount).toBe(1);
  expect((await at({ riskFactors: ["supervision.overdue"] })).processors.totalCount).toBe(0);
  // Characters, not UTF-16 units: 200 emoji are 200 characters.
  expect((await at({ search: "🦊".repeat(200) })).processors.totalCount).toBe(0);
  expect((await at({ tags: ["x"], riskFactors: null })).processors.totalCount).toBe(0);
  expect((await app.ok(key, `{ evidence(filter: { kind: OTHER }) { totalCount } }`)).evidence.totalCount).toBe(0);
  expect((await app.ok(key, `{ findings(filter: {}) { totalCount } }`)).findings.totalCount).toBe(0);
});

// processors(filter: { countryCode: "dk" }) and "ZZ" answered totalCount 0 while transferExposure refused "us" and
// "DNK": every country filter now takes an assigned ISO 3166-1 alpha-2 code in capitals, by one rule and message.
const COUNTRY_FILTERS = [
  [
    "processors",
    "filter.countryCode: countryCode",
    `query($v: String) { processors(filter: { countryCode: $v }) {
    totalCount } }`,
  ],
  [
    "transferExposure",
    "filter.country: country",
    `query($v: String) { transferExposure(filter: { country: $v }) {
    processor { id } } }`,
  ],
] as const;

test.each(COUNTRY_FILTERS)("%s: a country filter that is no ISO code in capitals is refused", async (_, field, q) => {
  for (const v of ["dk", "ZZ", "DNK", "UK", "", "us"]) {
    const res = await app.gql(key, q, { v });
    expect({ v, errors: res.errors?.map((e) => [e.extensions?.code, e.message]) }).toEqual({
      v,
      errors: [
        [
          "BAD_USER_INPUT",
          `${field} must be an ISO 3166-1 alpha-2 country code in capitals (e.g. DK, DE, US) (INVALID_COUNTRY_CODE).`,
        ],
      ],
    });
  }
  expect((await app.gql(key, q, { v: "DK" })).errors).toBeUndefined();
});
