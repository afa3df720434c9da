// A date the GraphQL scalars refuse is answered with the format they take, as the REST endpoints answer
// ("must be a calendar date written YYYY-MM-DD"): `renewalOn: "31/12/2026"` said only "Value is not a valid
// LocalDate: 31/12/2026", and a date without a time for a DateTime "DateTime cannot represent an invalid
// date-time-string 2026-12-05." (found by a new-user walkthrough). Literals and variables alike; the error
// codes stay as they were.
import { startTestApp, TestApp } from "../helpers/app";

let app: TestApp;
let key: string;

beforeAll(async () => {
  app = await startTestApp();
  key = (await app.newOrganization("Datoformat ApS")).key;
});

afterAll(async () => {
  await app?.stop();
});

const LOCAL_DATE = /"31\/12\/2026" is not a calendar date written YYYY-MM-DD/;
const DATE_TIME =
  /"2026-12-05" is not a date and time written as ISO 8601 with a time zone, e\.g\. 2026-12-05T09:00:00Z/;

test("LocalDate: a literal and a variable each name the format YYYY-MM-DD, with the codes as before", async () => {
  const literal = await app.gql(
    key,
    `mutation { createProcessor(input: { name: "A", renewalOn: "31/12/2026" }) { processor { id } } }`,
  );
  expect(literal.status).toBe(400);
  expect(literal.errors).toHaveLength(1);
  expect(literal.errors![0].message).toMatch(LOCAL_DATE);
  expect(literal.errors![0].extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");

  const variable = await app.gql(
    key,
    `mutation($input: CreateProcessorInput!) { createProcessor(input: $input) { processor { id } } }`,
    { input: { name: "A", renewalOn: "31/12/2026" } },
  );
  expect(variable.status).toBe(400);
  expect(variable.errors).toHaveLength(1);
  expect(variable.errors![0].message).toMatch(/renewalOn/);
  expect(variable.errors![0].message).toMatch(LOCAL_DATE);
  expect(variable.errors![0].extensions?.code).toBe("BAD_USER_INPUT");
  expect(variable.data).toBeUndefined(); // refused before execution (README, error codes: BAD_USER_INPUT)

  // An impossible day, and a value that is not a string, say the same.
  const impossible = await app.gql(key, `query($d: LocalDate) { transferExposure(asOf: $d) { __typename } }`, {
    d: "2026-02-30",
  });
  expect(impossible.errors![0].message).toMatch(/"2026-02-30" is not a calendar date written YYYY-MM-DD/);
  const number = await app.gql(key, `{ transferExposure(asOf: 20261231) { __typename } }`);
  expect(number.errors![0].message).toMatch(/20261231 is not a calendar date written YYYY-MM-DD/);
});

test("DateTime: a literal and a variable each name ISO 8601 with a time zone, with the codes as before", async () => {
  const literal = await app.gql(key, `{ events(filter: { since: "2026-12-05" }) { pageInfo { hasNextPage } } }`);
  expect(literal.status).toBe(400);
  expect(literal.errors![0].message).toMatch(DATE_TIME);
  expect(literal.errors![0].extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");

  const variable = await app.gql(key, `query($f: EventFilter) { events(filter: $f) { pageInfo { hasNextPage } } }`, {
    f: { since: "2026-12-05" },
  });
  expect(variable.status).toBe(400);
  expect(variable.errors![0].message).toMatch(/since/);
  expect(variable.errors![0].message).toMatch(DATE_TIME);
  expect(variable.errors![0].extensions?.code).toBe("BAD_USER_INPUT");

  // A good value still reads.
  const good = await app.gql(key, `query($f: EventFilter) { events(filter: $f) { pageInfo { hasNextPage } } }`, {
    f: { since: "2026-12-05T09:00:00+01:00" },
  });
  expect(good.errors).toBeUndefined();
});
