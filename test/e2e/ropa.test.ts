// The art. 30 record over HTTP: derived recipients and transfers, completeness, as-of, validation.
import { seedDemoOrganization, startTestApp, TestApp } from "../helpers/app";

let app: TestApp;
let key: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  app = await startTestApp();
  key = (await seedDemoOrganization(app)).key;
  const res = await app.gql(key, `{ processors(first: 100) { edges { node { id name } } } }`);
  for (const { node } of res.data.processors.edges) ids[node.name] = node.id;
});
afterAll(() => app.stop());

const RECORD = `query($asOf: LocalDate, $filter: RecordFilter) { recordsOfProcessing(asOf: $asOf, filter: $filter) {
  asOf controller { name dpoName dpoEmail address }
  records { activityId name legalBasis specialCategoryCondition retention
    dataCategories { key sensitivity retention } dataSubjectCategories { key }
    recipients { name role depth engagedBy processingCountries }
    transfers { recipient country countryClass mechanism path findings }
    measures { description processorSummaries } missing missingDetails } } }`;

const byName = (records: any[]) => Object.fromEntries(records.map((r: any) => [r.name, r]));

test(
  "recipients follow from the processors used and their whole trees; Intercom's hop is a third-country transfer " +
    "under SCC",
  async () => {
    const res = await app.gql(key, RECORD);
    expect(res.errors).toBeUndefined();
    const rop = res.data.recordsOfProcessing;
    expect(rop.controller).toMatchObject({ name: "Demo Controller A/S" });
    const r = byName(rop.records);
    expect(Object.keys(r)).toEqual(["Customer-call analytics", "ESG reporting", "Newsletters"]);
    expect(r["Customer-call analytics"].recipients.map((x: any) => `${x.role}:${x.name}`)).toEqual([
      "PROCESSOR:Capturi",
      "SUB_PROCESSOR:Amazon Web Services (AWS)",
      "SUB_PROCESSOR:Intercom",
      "SUB_PROCESSOR:MongoDB",
    ]);
    expect(r["Customer-call analytics"].transfers).toEqual([
      {
        recipient: "Intercom",
        country: null,
        countryClass: "THIRD_COUNTRY",
        mechanism: "SCC",
        path: ["Capturi", "Intercom"],
        findings: ["LOCATION_NOT_STATED"],
      },
    ]);
    expect(r["ESG reporting"].recipients.map((x: any) => x.name)).toEqual(["E-SG.Cloud", "Microsoft", "Zoho Bigin"]);
    expect(r["ESG reporting"].transfers).toEqual([]);
    expect(r["Newsletters"].recipients.map((x: any) => `${x.depth}:${x.name}:${x.engagedBy ?? "-"}`)).toEqual([
      "0:FirstAgenda:-",
      "1:Ubivox:FirstAgenda",
      "2:LeaseWeb:Ubivox",
    ]);
    const all = new Set(rop.records.flatMap((x: any) => x.recipients.map((y: any) => y.name)));
    for (const n of [
      "Amazon Web Services (AWS)",
      "Intercom",
      "MongoDB",
      "Zoho Bigin",
      "Microsoft",
      "Ubivox",
      "LeaseWeb",
    ])
      expect(all.has(n)).toBe(true);
    expect(r["ESG reporting"]).toMatchObject({ specialCategoryCondition: "EMPLOYMENT_SOCIAL_SECURITY" });
    expect(r["ESG reporting"].dataCategories.find((c: any) => c.key === "user.health_and_medical.sick_leave")).toEqual({
      key: "user.health_and_medical.sick_leave",
      sensitivity: "SPECIAL",
      retention: "Deleted 5 years after the end of the reporting year.",
    });
    expect(r["Customer-call analytics"].measures.processorSummaries[0]).toMatch(
      /^Capturi: \d+ of \d+ required measures implemented$/,
    );
  },
);

test(
  "completeness names what is missing: Newsletters has no TOM description " + "and uses FirstAgenda without a DPA",
  async () => {
    const r = byName((await app.gql(key, RECORD)).data.recordsOfProcessing.records);
    expect(r["Customer-call analytics"].missing).toEqual([]);
    expect(r["ESG reporting"].missing).toEqual([]);
    expect(r["Newsletters"].missing).toEqual(["TOMS", "PROCESSOR_WITHOUT_AGREEMENT"]);
    expect(r["Newsletters"].missingDetails[1]).toBe("FirstAgenda is used without an agreement in force (art. 28(3)).");
    const incomplete = await app.gql(key, RECORD, { filter: { incompleteOnly: true } });
    expect(incomplete.data.recordsOfProcessing.records.map((x: any) => x.name)).toEqual(["Newsletters"]);
    const viaIntercom = await app.gql(key, RECORD, { filter: { processorId: ids["Intercom"] } });
    expect(viaIntercom.data.recordsOfProcessing.records.map((x: any) => x.name)).toEqual(["Customer-call analytics"]);
  },
);

test("special-category data without an art. 9 condition is a userError, and nothing is written", async () => {
  const create = (input: Record<string, unknown>) =>
    app.gql(
      key,
      `mutation($input: CreateProcessingActivityInput!) { createProcessingActivity(input: $input) { ` +
        `processingActivity { id } userErrors { field code message } } }`,
      { input },
    );
  const bad = await create({
    name: "Sick-leave follow-up",
    legalBasis: "LEGAL_OBLIGATION",
    dataCategories: [{ key: "user.health_and_medical.sick_leave" }],
    processorIds: [ids["E-SG.Cloud"]],
  });
  expect(bad.data.createProcessingActivity.processingActivity).toBeNull();
  expect(bad.data.createProcessingActivity.userErrors).toEqual([
    {
      field: ["input", "specialCategoryCondition"],
      code: "REQUIRED",
      message: expect.stringMatching(/art. 9\(2\) condition.*user.health_and_medical.sick_leave/),
    },
  ]);
  expect(
    (await create({ name: "X", dataCategories: [{ key: "no.such.key" }] })).data.createProcessingActivity.userErrors,
  ).toEqual([
    {
      field: ["input", "dataCategories"],
      code: "NOT_FOUND",
      message: "dataCategories names unknown keys: no.such.key",
    },
  ]);
  expect((await create({ name: "  " })).data.createProcessingActivity.userErrors.map((e: any) => e.code)).toEqual([
    "REQUIRED",
  ]);
  const list = await app.gql(key, `{ processingActivities(first: 50) { totalCount edges { node { name } } } }`);
  expect(list.data.processingActivities.totalCount).toBe(3);
});

test("as of a date, the record is rebuilt from history", async () => {
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  const before = await app.gql(key, RECORD, { asOf: yesterday });
  expect(before.errors).toBeUndefined();
  // The demo was loaded today: yesterday there was no record yet.
  expect(before.data.recordsOfProcessing.records).toEqual([]);
  const created = await app.gql(
    key,
    `mutation($input: CreateProcessingActivityInput!) { createProcessingActivity(input: $input) { ` +
      `processingActivity { id version } userErrors { message } } }`,
    {
      input: {
        name: "Payroll",
        legalBasis: "LEGAL_OBLIGATION",
        processorIds: [ids["Microsoft"]],
        dataCategories: [{ key: "user.employment.salary" }],
        dataSubjectCategoryKeys: ["employee"],
        retention: "5 years",
        purposes: "Pay salaries",
        tomDescription: "Access control",
      },
    },
  );
  const activity = created.data.createProcessingActivity.processingActivity;
  const today = new Date().toISOString().slice(0, 10);
  const now = byName((await app.gql(key, RECORD, { asOf: today })).data.recordsOfProcessing.records);
  expect(now["Payroll"].recipients.map((x: any) => x.name)).toEqual(["Microsoft"]);
  await app.gql(
    key,
    `mutation($id: ID!) { archiveProcessingActivity(input: { id: $id }) { userErrors { message } } }`,
    { id: activity.id },
  );
  const after = await app.gql(key, RECORD);
  expect(after.data.recordsOfProcessing.records.map((x: any) => x.name)).not.toContain("Payroll");
  const bad = await app.gql(key, RECORD, { asOf: "2999-01-01" });
  expect(bad.errors?.[0].message).toBe("asOf must not be in the future.");
});

test("another tenant sees an empty record", async () => {
  const other = await app.newOrganization("Other controller");
  const res = await app.gql(other.key, RECORD);
  expect(res.data.recordsOfProcessing.records).toEqual([]);
  expect(res.data.recordsOfProcessing.controller.name).toBe("Other controller");
});
