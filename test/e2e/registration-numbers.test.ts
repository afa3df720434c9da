// A registration number fits the register it names (a CVR number has 8 digits), and a company is registered
// once per organization: createProcessor and updateProcessor refuse a second current processor with the same
// number, written however ("DK 12 34 56 78" = "12345678"), naming the processor that has it. Nothing is written.
import { startTestApp, TestApp } from "../helpers/app";

let app: TestApp;
let key: string;
let otherKey: string;

const CREATE =
  `mutation($input: CreateProcessorInput!) { createProcessor(input: $input) { processor { id registrationNumber } ` +
  `userErrors { field code message } } }`;
const UPDATE =
  `mutation($input: UpdateProcessorInput!) { updateProcessor(input: $input) { processor { id registrationNumber } ` +
  `userErrors { field code message } } }`;
const ARCHIVE = `mutation($id: ID!) { archiveProcessor(input: { id: $id }) { processor { id } userErrors { code } } }`;

const processorCount = async () =>
  (await app.db.owner.query(`SELECT count(*)::int AS n FROM processor`))[0].n as number;

async function create(input: object, k = key) {
  const res = await app.gql(k, CREATE, { input });
  expect(res.errors).toBeUndefined();
  return res.data.createProcessor;
}

beforeAll(async () => {
  app = await startTestApp();
  ({ key } = await app.newOrganization("Registration Org"));
  ({ key: otherKey } = await app.newOrganization("Other Registration Org"));
});
afterAll(() => app.stop());

test.each([
  [{ name: "Two Digits ApS", registrationNumber: "12", registrationScheme: "CVR" }, '"12"'],
  [{ name: "Nine Digits ApS", registrationNumber: "123456789", registrationScheme: "CVR" }, '"123456789"'],
  [{ name: "Prefixed ApS", registrationNumber: "DK 1234 567" }, '"DK 1234 567"'],
  [{ name: "Cvr ApS", registrationNumber: "CVR-nr. 123" }, '"CVR-nr. 123"'],
])("a CVR number that is not 8 digits is refused, naming the field: %j", async (input, written) => {
  const before = await processorCount();
  const payload = await create(input);
  expect(payload.processor).toBeNull();
  expect(payload.userErrors).toEqual([
    {
      field: ["input", "registrationNumber"],
      code: "INVALID",
      message: `registrationNumber ${written} is not a CVR number: a CVR number has 8 digits, e.g. 12345678`,
    },
  ]);
  expect(await processorCount()).toBe(before);
});

test("other registers' numbers are taken as written", async () => {
  for (const input of [
    { name: "Leaseweb B.V.", registrationNumber: "NL812426939B01", registrationScheme: "VAT" },
    { name: "Short Co Ltd", registrationNumber: "12", registrationScheme: "COMPANY_NO" },
    { name: "Denmark Written ApS", registrationNumber: "DK 30 00 01 23" },
  ]) {
    const payload = await create(input);
    expect(payload.userErrors).toEqual([]);
  }
});

test("a second processor with the same number is refused, naming the first (archived or others: not)", async () => {
  const first = await create({ name: "Sydlys ApS", registrationNumber: "31 41 59 26", registrationScheme: "CVR" });
  expect(first.userErrors).toEqual([]);
  const before = await processorCount();
  // Copied from a web page or Word: non-breaking and thin spaces between the digit pairs.
  for (const written of [
    "31415926",
    "DK31415926",
    "CVR-nr. 31 41 59 26",
    "31-41-59-26",
    "31\u00a041\u00a059\u2009 26",
  ]) {
    const second = await create({ name: "Sydlys Lønservice ApS", registrationNumber: written });
    expect(second.processor).toBeNull();
    expect(second.userErrors).toHaveLength(1);
    expect(second.userErrors[0]).toMatchObject({ field: ["input", "registrationNumber"], code: "DUPLICATE" });
    expect(second.userErrors[0].message).toContain(`is already processor "Sydlys ApS" (${first.processor.id})`);
  }
  expect(await processorCount()).toBe(before);

  // Another number, then moved onto the first's: refused, and the record keeps its number.
  const other = await create({ name: "Nordlys ApS", registrationNumber: "27182818" });
  const moved = await app.gql(key, UPDATE, { input: { id: other.processor.id, registrationNumber: "DK 31415926" } });
  expect(moved.data.updateProcessor.userErrors[0]).toMatchObject({ code: "DUPLICATE" });
  const [row] = await app.db.owner.query(`SELECT registration_number FROM processor WHERE name = 'Nordlys ApS'`);
  expect(row.registration_number).toBe("27182818");
  // Its own number, written another way, is no duplicate of itself.
  const same = await app.gql(key, UPDATE, { input: { id: first.processor.id, registrationNumber: "DK 31415926" } });
  expect(same.data.updateProcessor.userErrors).toEqual([]);

  // Another organization's processor with the number is none of this one's business (and not named).
  const foreign = await create({ name: "Sydlys ApS", registrationNumber: "31415926" }, otherKey);
  expect(foreign.userErrors).toEqual([]);

  // Once the first is archived, the number is free.
  const archived = await app.gql(key, ARCHIVE, { id: first.processor.id });
  expect(archived.data.archiveProcessor.userErrors).toEqual([]);
  const again = await create({ name: "Sydlys Lønservice ApS", registrationNumber: "31415926" });
  expect(again.userErrors).toEqual([]);
});

test("two writers of the same new number at once: one is created, the other refused", async () => {
  const results = await Promise.all(
    [0, 1, 2, 3].map((i) => create({ name: `Racer ${i} ApS`, registrationNumber: "16180339" })),
  );
  expect(results.filter((r) => r.processor)).toHaveLength(1);
  expect(results.filter((r) => r.userErrors[0]?.code === "DUPLICATE")).toHaveLength(3);
});

test("the number is checked as saved: an update to '12' of a processor whose scheme is CVR is refused", async () => {
  const made = await create({ name: "Skema ApS", registrationNumber: "27 18 28 19", registrationScheme: "CVR" });
  expect(made.userErrors).toEqual([]);
  const res = await app.gql(key, UPDATE, { input: { id: made.processor.id, registrationNumber: "12" } });
  expect(res.data.updateProcessor.userErrors).toEqual([
    {
      field: ["input", "registrationNumber"],
      code: "INVALID",
      message: 'registrationNumber "12" is not a CVR number: a CVR number has 8 digits, e.g. 12345678',
    },
  ]);
  const [row] = await app.db.owner.query(`SELECT registration_number, registration_key FROM processor WHERE id = $1`, [
    Buffer.from(made.processor.id, "base64url").toString("utf8").split(":")[1],
  ]);
  expect(row).toEqual({ registration_number: "27 18 28 19", registration_key: "27182819" });
});

test("search finds a processor by its number however written (a sync looks it up before creating it)", async () => {
  const made = await create({ name: "Søgbar ApS", registrationNumber: "55 55 55 55", registrationScheme: "CVR" });
  expect(made.userErrors).toEqual([]);
  for (const search of ["55555555", "DK 55 55 55 55", "CVR-nr. 55555555", "55 55 55 55"]) {
    const res = await app.gql(
      key,
      `query($s: String!) { processors(first: 5, filter: { search: $s }) { edges { node { name } } } }`,
      {
        s: search,
      },
    );
    expect({ search, names: res.data.processors.edges.map((e: any) => e.node.name) }).toEqual({
      search,
      names: ["Søgbar ApS"],
    });
  }
});
