// Two controllers on one server: neither can read, change or link to the other's records.
import { seedDemoOrganization, startTestApp, TestApp } from "../helpers/app";

let app: TestApp;
let keyA: string;
let keyB: string;
let capturiId: string;
let agreementId: string;
let engagementId: string;

beforeAll(async () => {
  app = await startTestApp();
  ({ key: keyA } = await seedDemoOrganization(app, "Controller A"));
  ({ key: keyB } = await app.newOrganization("Controller B"));
  const res = await app.gql(
    keyA,
    `{ processors(filter: { search: "Capturi" }) { edges { node { id currentAgreement { id } subprocessors { id } ` +
      `} } } }`,
  );
  const node = res.data.processors.edges[0].node;
  capturiId = node.id;
  agreementId = node.currentAgreement.id;
  engagementId = node.subprocessors[0].id;
});
afterAll(() => app.stop());

test("lists, processor(id) and node(id) of another tenant show nothing", async () => {
  const list = await app.gql(keyB, `{ processors { totalCount } }`);
  expect(list.data.processors.totalCount).toBe(0);
  for (const id of [capturiId, agreementId, engagementId]) {
    const res = await app.gql(keyB, `query($id: ID!) { node(id: $id) { id } }`, { id });
    expect(res.data.node).toBeNull();
  }
  expect(
    (await app.gql(keyB, `query($id: ID!) { processor(id: $id) { name } }`, { id: capturiId })).data.processor,
  ).toBeNull();
  expect(
    (await app.gql(keyB, `query($id: ID!) { agreement(id: $id) { title } }`, { id: agreementId })).data.agreement,
  ).toBeNull();
});

test("updates, archives and links to another tenant's ids are NOT_FOUND, like ids that do not exist", async () => {
  const missing = Buffer.from("Processor:00000000-0000-4000-8000-000000000000").toString("base64url");
  const answers = [];
  for (const id of [capturiId, missing]) {
    const upd = await app.gql(
      keyB,
      `mutation($id: ID!) { updateProcessor(input: { id: $id, name: "x" }) { userErrors { field code message } } }`,
      { id },
    );
    const arc = await app.gql(
      keyB,
      `mutation($id: ID!) { archiveProcessor(input: { id: $id }) { userErrors { field code message } } }`,
      { id },
    );
    answers.push([upd.data.updateProcessor.userErrors, arc.data.archiveProcessor.userErrors]);
  }
  expect(answers[0]).toEqual(answers[1]);
  expect(answers[0][0][0].code).toBe("NOT_FOUND");
  const own = await app.gql(keyB, `mutation { createProcessor(input: { name: "Mine" }) { processor { id } } }`);
  const mine = own.data.createProcessor.processor.id;
  const link = await app.gql(
    keyB,
    `mutation($p: ID!, $s: ID!, $a: ID!) { createSubprocessorEngagement(input: { processorId: $p, subprocessorId: ` +
      `$s, agreementId: $a }) { userErrors { field code } } }`,
    { p: mine, s: capturiId, a: agreementId },
  );
  expect(link.data.createSubprocessorEngagement.userErrors).toEqual([
    { field: ["input", "subprocessorId"], code: "NOT_FOUND" },
  ]);
  const agr = await app.gql(
    keyB,
    `mutation($a: ID!) { updateAgreement(input: { id: $a, breachNotificationHours: 1000 }) { userErrors { code } } }`,
    { a: agreementId },
  );
  expect(agr.data.updateAgreement.userErrors[0].code).toBe("NOT_FOUND");
  const [{ name }] = await app.db.owner.query(`SELECT name FROM processor WHERE name = 'Capturi'`);
  expect(name).toBe("Capturi");
  const [{ hours }] = await app.db.owner.query(
    `SELECT breach_notification_hours AS hours FROM agreement WHERE processor_id = (SELECT id FROM processor ` +
      `WHERE name = 'Capturi')`,
  );
  expect(hours).toBe(48);
});

test("an organization's own vocabulary entries are invisible to others", async () => {
  const created = await app.gql(
    keyA,
    `mutation { createDataCategory(input: { key: "user.health_and_medical.rehab_plan", name: "Rehabilitation ` +
      `plan", sensitivity: "SPECIAL" }) { dataCategory { key custom } userErrors { code } } }`,
  );
  expect(created.data.createDataCategory.dataCategory).toEqual({
    key: "user.health_and_medical.rehab_plan",
    custom: true,
  });
  const a = await app.gql(keyA, `{ dataCategories(keyPrefix: "user.health_and_medical.rehab") { key } }`);
  const b = await app.gql(keyB, `{ dataCategories(keyPrefix: "user.health_and_medical.rehab") { key } }`);
  expect(a.data.dataCategories).toHaveLength(1);
  expect(b.data.dataCategories).toHaveLength(0);
});
