// Bad input: a userError that names the field, the rule and a code; and nothing written.
import { startTestApp, TestApp } from "../helpers/app";
import { toGlobalId } from "../../src/common/global-id";

let app: TestApp;
let key: string;
let otherKey: string;
let processorId: string;
let otherId: string;

const CREATE_PROCESSOR =
  `mutation($input: CreateProcessorInput!) { createProcessor(input: $input) { processor { id } userErrors { field ` +
  `code message } } }`;
const UPDATE_PROCESSOR =
  `mutation($input: UpdateProcessorInput!) { updateProcessor(input: $input) { processor { id name version } ` +
  `userErrors { field code message } } }`;
const CREATE_AGREEMENT =
  `mutation($input: CreateAgreementInput!) { createAgreement(input: $input) { agreement { id } userErrors { field ` +
  `code message } } }`;
const CREATE_ENGAGEMENT =
  `mutation($input: CreateSubprocessorEngagementInput!) { createSubprocessorEngagement(input: $input) { engagement ` +
  `{ id } userErrors { field code message } } }`;

async function counts() {
  const [row] = await app.db.owner.query(
    `SELECT (SELECT count(*) FROM processor)::int AS p, (SELECT count(*) FROM agreement)::int AS a,
            (SELECT count(*) FROM subprocessor_engagement)::int AS e, (SELECT count(*) FROM
              agreement_data_category)::int AS l`,
  );
  return row;
}

beforeAll(async () => {
  app = await startTestApp();
  ({ key } = await app.newOrganization("Validation Org"));
  ({ key: otherKey } = await app.newOrganization("Other Org"));
  processorId = (await app.gql(key, CREATE_PROCESSOR, { input: { name: "Vendor A", countryCode: "DK" } })).data
    .createProcessor.processor.id;
  otherId = (await app.gql(otherKey, CREATE_PROCESSOR, { input: { name: "Foreign" } })).data.createProcessor.processor
    .id;
});
afterAll(() => app.stop());

async function expectRejected(query: string, input: object, field: string[], code: string, message: RegExp) {
  const before = await counts();
  const res = await app.gql(key, query, { input });
  expect(res.errors).toBeUndefined();
  const payload = Object.values(res.data)[0] as any;
  expect(payload.userErrors).toEqual(expect.arrayContaining([expect.objectContaining({ field, code })]));
  const err = payload.userErrors.find((e: any) => JSON.stringify(e.field) === JSON.stringify(field));
  expect(err.message).toMatch(message);
  expect(await counts()).toEqual(before);
}

test("an empty or blank name", async () => {
  await expectRejected(CREATE_PROCESSOR, { name: "   " }, ["input", "name"], "REQUIRED", /name must not be empty/);
  await expectRejected(
    UPDATE_PROCESSOR,
    { id: processorId, name: null },
    ["input", "name"],
    "REQUIRED",
    /name must not be empty/,
  );
});

test("a country code that is not ISO 3166-1 alpha-2", async () => {
  for (const countryCode of ["XX", "dk", "DNK", "UK"]) {
    await expectRejected(
      CREATE_PROCESSOR,
      { name: "V", countryCode },
      ["input", "countryCode"],
      "INVALID_COUNTRY_CODE",
      /ISO 3166-1 alpha-2/,
    );
  }
});

test("an unknown enum value names the allowed values", async () => {
  await expectRejected(
    CREATE_PROCESSOR,
    { name: "V", status: "SLEEPING" },
    ["input", "status"],
    "INVALID",
    /one of: ONBOARDING, ACTIVE, OFFBOARDING, TERMINATED/,
  );
  await expectRejected(
    CREATE_AGREEMENT,
    { processorId, kind: "DPA", template: "MINE", title: "T" },
    ["input", "template"],
    "INVALID",
    /one of: DATATILSYNET_SCC/,
  );
});

test("negative hours or days", async () => {
  await expectRejected(
    CREATE_AGREEMENT,
    { processorId, kind: "DPA", template: "DATATILSYNET_SCC", title: "T", breachNotificationHours: -1 },
    ["input", "breachNotificationHours"],
    "OUT_OF_RANGE",
    /must not be negative/,
  );
  await expectRejected(
    CREATE_AGREEMENT,
    { processorId, kind: "DPA", template: "DATATILSYNET_SCC", title: "T", subprocessorNoticeDays: -30 },
    ["input", "subprocessorNoticeDays"],
    "OUT_OF_RANGE",
    /must not be negative/,
  );
  await expectRejected(
    CREATE_AGREEMENT,
    { processorId, kind: "DPA", template: "DATATILSYNET_SCC", title: "T", processorAudit: { noticeDays: -1 } },
    ["input", "processorAudit", "noticeDays"],
    "OUT_OF_RANGE",
    /must not be negative/,
  );
});

test("an engagement from a processor to itself", async () => {
  await expectRejected(
    CREATE_ENGAGEMENT,
    { processorId, subprocessorId: processorId },
    ["input", "subprocessorId"],
    "SELF_REFERENCE",
    /cannot be its own sub-processor/,
  );
});

test("an id of another tenant fails exactly like an id that does not exist", async () => {
  await expectRejected(
    CREATE_ENGAGEMENT,
    { processorId, subprocessorId: otherId },
    ["input", "subprocessorId"],
    "NOT_FOUND",
    /does not name a Processor of your organization/,
  );
  await expectRejected(
    UPDATE_PROCESSOR,
    { id: otherId, name: "stolen" },
    ["input", "id"],
    "NOT_FOUND",
    /does not name a Processor/,
  );
  const [{ name }] = await app.db.owner.query("SELECT name FROM processor WHERE name = 'Foreign'");
  expect(name).toBe("Foreign");
});

test("a NOT_FOUND message names the field by its path, with the right article", async () => {
  const activity = await app.gql(
    key,
    `mutation($input: CreateProcessingActivityInput!) { createProcessingActivity(input: $input) { ` +
      `processingActivity { id } userErrors { field code message } } }`,
    { input: { name: "Payroll", legalBasis: "CONTRACT", processorIds: [processorId, otherId] } },
  );
  expect(activity.data.createProcessingActivity).toEqual({
    processingActivity: null,
    userErrors: [
      {
        field: ["input", "processorIds", "1"],
        code: "NOT_FOUND",
        message: "processorIds[1] does not name a Processor of your organization.",
      },
    ],
  });
  const finding = await app.gql(
    key,
    `mutation($input: CreateFindingInput!) { createFinding(input: $input) { finding { id } userErrors { field code ` +
      `message } } }`,
    {
      input: {
        auditReportId: toGlobalId("AuditReport", "00000000-0000-4000-8000-000000000000"),
        description: "x",
        severity: "LOW",
      },
    },
  );
  expect(finding.data.createFinding.userErrors).toEqual([
    {
      field: ["input", "auditReportId"],
      code: "NOT_FOUND",
      message: "auditReportId does not name an AuditReport of your organization.",
    },
  ]);
});

test("a failing part of a mutation leaves nothing behind: an agreement with one unknown category key", async () => {
  await expectRejected(
    CREATE_AGREEMENT,
    {
      processorId,
      kind: "DPA",
      template: "DATATILSYNET_SCC",
      title: "DPA",
      status: "ACTIVE",
      dataCategories: [{ key: "user.contact.email" }, { key: "user.no_such_thing" }],
    },
    ["input", "dataCategories", "1", "key"],
    "NOT_FOUND",
    /not in the vocabulary/,
  );
});

test("a sub-processor agreement needs a principal; a DPA must not have one", async () => {
  await expectRejected(
    CREATE_AGREEMENT,
    { processorId, kind: "SUBPROCESSOR_AGREEMENT", template: "OTHER", title: "T" },
    ["input", "principalId"],
    "REQUIRED",
    /principalId is required/,
  );
});

test("a stale version is rejected with STALE_VERSION", async () => {
  const ok = await app.gql(key, UPDATE_PROCESSOR, { input: { id: processorId, name: "Vendor A2", version: 1 } });
  expect(ok.data.updateProcessor.processor).toMatchObject({ name: "Vendor A2", version: 2 });
  await expectRejected(
    UPDATE_PROCESSOR,
    { id: processorId, name: "lost update", version: 1 },
    ["input", "version"],
    "STALE_VERSION",
    /changed since you read it/,
  );
});

test("a valid agreement with categories and measures is written whole", async () => {
  const res = await app.gql(key, CREATE_AGREEMENT, {
    input: {
      processorId,
      kind: "DPA",
      template: "DATATILSYNET_SCC",
      title: "DPA v1",
      status: "ACTIVE",
      breachNotificationHours: 24,
      processingCountries: ["DK", "IE"],
      processorAudit: { methods: ["ISAE_3000"], intervalMonths: 12, dueDay: "01-01" },
      sources: [{ clause: "breachNotificationHours", reference: "dpa.pdf §10.2" }],
      dataCategories: [{ key: "user.contact.email", source: "dpa.pdf A.3" }],
      requiredMeasures: [{ measureKey: "encryption.in_transit", clauseText: "TLS" }],
    },
  });
  expect(res.data.createAgreement.userErrors).toEqual([]);
  const id = res.data.createAgreement.agreement.id;
  const read = await app.gql(
    key,
    `query($id: ID!) { node(id: $id) { ... on Agreement { breachNotificationHours processingLocations { countries ` +
      `} processorAudit { methods dueDay } sources { clause reference } dataCategories { category { key } source } ` +
      `requiredMeasures { measure { key } clauseText } } } }`,
    { id },
  );
  expect(read.data.node).toEqual({
    breachNotificationHours: 24,
    processingLocations: { countries: ["DK", "IE"] },
    processorAudit: { methods: ["ISAE_3000"], dueDay: "01-01" },
    sources: [{ clause: "breachNotificationHours", reference: "dpa.pdf §10.2" }],
    dataCategories: [{ category: { key: "user.contact.email" }, source: "dpa.pdf A.3" }],
    requiredMeasures: [{ measure: { key: "encryption.in_transit" }, clauseText: "TLS" }],
  });
});
