// Length limits count characters (code points), as a person and PostgreSQL's varchar(n) count them, not UTF-16
// units: a name of 150 emoji was refused as "at most 200 characters", a tag of 50 emoji as "each 1–50 characters".
import { startTestApp, TestApp } from "../helpers/app";

let app: TestApp;
let key: string;

beforeAll(async () => {
  app = await startTestApp();
  key = (await app.newOrganization("Tegn Kommune")).key;
});

afterAll(async () => {
  await app?.stop();
});

const CREATE = `mutation($input: CreateProcessorInput!) {
  createProcessor(input: $input) { processor { name tags } userErrors { field code message } } }`;

test("a name of 150 emoji and a tag of 50 are taken and stored whole; 201 and 51 are refused", async () => {
  const name = "🦊".repeat(150);
  const tag = "🏷️".length === 2 ? "🏷️".repeat(25) : "🦊".repeat(50);
  const ok = await app.gql(key, CREATE, { input: { name, countryCode: "DK", tags: [tag, "😀".repeat(50)] } });
  expect(ok.errors).toBeUndefined();
  expect(ok.data.createProcessor.userErrors).toEqual([]);
  expect(ok.data.createProcessor.processor.name).toBe(name);
  expect(ok.data.createProcessor.processor.tags).toEqual(expect.arrayContaining(["😀".repeat(50)]));

  const long = await app.gql(key, CREATE, { input: { name: "🦊".repeat(201), countryCode: "DK" } });
  expect(long.data.createProcessor.userErrors).toEqual([
    expect.objectContaining({ field: ["input", "name"], code: "TOO_LONG" }),
  ]);
  const longTag = await app.gql(key, CREATE, {
    input: { name: "Mærke ApS", countryCode: "DK", tags: ["😀".repeat(51)] },
  });
  expect(longTag.data.createProcessor.userErrors).toEqual([
    expect.objectContaining({ field: ["input", "tags"], code: "INVALID" }),
  ]);
});
