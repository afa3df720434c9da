// correctAgreementImport checked a sub-processor of a correction for its name, country, mechanism and register
// only: a list as registrationNumber, an object as address or a number as description was stored in the draft,
// and confirmAgreementImport then answered INTERNAL (the registration number was matched as text) for every try
// until someone corrected it again. Every text of a sub-processor is now checked where the correction is made
// (non-empty text within the processor's lengths, or null), refused with a userError naming the value, nothing
// stored; the draft then confirms. Built at test time, real HTTP.
import { startTestApp, TestApp } from "../helpers/app";

let app: TestApp;
let key: string;
let processorId: string;

const DPA =
  "Databehandleraftale mellem Kunde A/S og Leverandør ApS.\n\nDatabehandleren behandler personoplysninger på " +
  "vegne af den dataansvarlige og kun efter dokumenteret instruks.\n\nBrud på persondatasikkerheden meddeles " +
  "inden 24 timer.\n";

async function draft(): Promise<string> {
  const form = new FormData();
  form.append("file", new Blob([Buffer.from(DPA)], { type: "text/plain" }), "dpa.txt");
  const res = await fetch(`${app.server.url.replace(/\/graphql$/, "")}/imports/agreement`, {
    method: "POST",
    body: form,
    headers: { authorization: `Bearer ${key}` },
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as any).agreementImport.id;
}

beforeAll(async () => {
  app = await startTestApp();
  key = (await app.newOrganization("Rettelse Prøve ApS")).key;
  const made = await app.ok(
    key,
    `mutation { createProcessor(input: { name: "Leverandør ApS" }) { processor { id } } }`,
  );
  processorId = made.createProcessor.processor.id;
});

afterAll(async () => {
  await app?.stop();
});

const CORRECT = `mutation($input: CorrectAgreementImportInput!) {
  correctAgreementImport(input: $input) { userErrors { field code message } } }`;
const CONFIRM = `mutation($input: ConfirmAgreementImportInput!) {
  confirmAgreementImport(input: $input) {
    createdProcessors { name registrationNumber address } userErrors { field code } } }`;

const BAD: [string, unknown][] = [
  ["registrationNumber", [1, 2, 3]],
  ["address", { street: ["Vej 1"] }],
  ["description", 123456789],
  ["legalName", ""],
  ["registrationNumber", "1".repeat(51)],
];

test.each(BAD)("a sub-processor whose %s is %p is refused naming it; the draft confirms", async (field, value) => {
  const id = await draft();
  const res = await app.gql(key, CORRECT, {
    input: { id, corrections: [{ path: "subprocessors", value: [{ name: "Underleverandør ApS", [field]: value }] }] },
  });
  expect(res.errors).toBeUndefined();
  expect(res.data.correctAgreementImport.userErrors).toEqual([
    {
      field: ["input", "corrections", "0", "value"],
      code: "INVALID",
      message: expect.stringContaining(`subprocessors item 0 ${field} must be non-empty text of at most`),
    },
  ]);
  const confirmed = await app.gql(key, CONFIRM, { input: { id, processorId } });
  expect(confirmed.errors).toBeUndefined();
  expect(confirmed.data.confirmAgreementImport.userErrors).toEqual([]);
});

test("a sub-processor with every text filled is taken and confirmed", async () => {
  const id = await draft();
  const sub = {
    name: "Underleverandør ApS",
    legalName: "Underleverandør ApS",
    registrationNumber: "12345678",
    address: "Vej 1, 1000 København K",
    description: "Hosting",
    countryCode: "DK",
  };
  const res = await app.gql(key, CORRECT, { input: { id, corrections: [{ path: "subprocessors", value: [sub] }] } });
  expect(res.data.correctAgreementImport.userErrors).toEqual([]);
  const confirmed = await app.gql(key, CONFIRM, { input: { id, processorId } });
  expect(confirmed.errors).toBeUndefined();
  expect(confirmed.data.confirmAgreementImport.userErrors).toEqual([]);
  expect(confirmed.data.confirmAgreementImport.createdProcessors).toContainEqual({
    name: "Underleverandør ApS",
    registrationNumber: "12345678",
    address: "Vej 1, 1000 København K",
  });
});
