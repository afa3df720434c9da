// risk(asOf:) took a day after today and answered today's stored score, though a DPA ending today is not in force
// tomorrow: nothing stored says what the risk will be. It is now refused as recordsOfProcessing(asOf:) and the
// exports refuse a future asOf: BAD_USER_INPUT naming asOf. Today and earlier days are read as before (the system
// clock: a stored assessment's time is the database's). Real HTTP.
import { addDays, todayIso } from "../../src/common/dates";
import { startTestApp, TestApp } from "../helpers/app";
import { createProcessor } from "../helpers/fixtures";

const TODAY = todayIso();
const TOMORROW = addDays(TODAY, 1);
let app: TestApp;
let key: string;
let processorId: string;

const RISK = `query($id: ID!, $asOf: LocalDate) { processor(id: $id) { name risk(asOf: $asOf) { score tier
  factors { key } } } }`;

beforeAll(async () => {
  app = await startTestApp();
  ({ key } = await app.newOrganization("Fremtid ApS"));
  processorId = (await createProcessor(app, key, { name: "Ends Today ApS" })).id;
  await app.ok(
    key,
    `mutation($input: CreateAgreementInput!) { createAgreement(input: $input) { userErrors { field message } } }`,
    {
      input: {
        processorId,
        kind: "DPA",
        template: "OTHER",
        status: "ACTIVE",
        title: "DPA ending today",
        effectiveFrom: "2025-01-01",
        endOn: TODAY,
      },
    },
  );
});
afterAll(() => app?.stop());

test("risk(asOf: tomorrow) is refused naming asOf, as recordsOfProcessing(asOf:) refuses it", async () => {
  const res = await app.gql(key, RISK, { id: processorId, asOf: TOMORROW });
  expect(res.data?.processor?.risk ?? null).toBeNull();
  expect(res.errors).toHaveLength(1);
  expect(res.errors![0].extensions?.code).toBe("BAD_USER_INPUT");
  expect(res.errors![0].message).toBe("asOf must not be in the future.");
  const ropa = await app.gql(key, `query($d: LocalDate) { recordsOfProcessing(asOf: $d) { records { name } } }`, {
    d: TOMORROW,
  });
  expect(ropa.errors![0].message).toBe(res.errors![0].message);
});

test("risk(asOf: today) answers today's stored assessment, with the agreement in force", async () => {
  const today = await app.ok(key, RISK, { id: processorId, asOf: TODAY });
  const now = await app.ok(key, RISK, { id: processorId });
  expect(today.processor.risk).toEqual(now.processor.risk);
  expect(today.processor.risk.factors.map((f: { key: string }) => f.key)).not.toContain("agreement.missing");
});
