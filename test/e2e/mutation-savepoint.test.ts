// A mutation request opens its transaction with the first mutation's savepoint in the same round trip
// (issue 19: under dashboard load a writer waits for the event loop on every round trip). Rolling back to
// that savepoint must still undo exactly the failed mutation, and a second mutation takes its own.
import { startTestApp, TestApp } from "../helpers/app";
import { createProcessor } from "../helpers/fixtures";

let app: TestApp;
let key: string;

beforeAll(async () => {
  app = await startTestApp();
  key = (await app.newOrganization("Savepoint Org")).key;
});
afterAll(() => app.stop());

const RENAME = `mutation($input: UpdateProcessorInput!) { updateProcessor(input: $input) {
  processor { name version } userErrors { code } } }`;

async function nameOf(id: string): Promise<string> {
  const res = await app.gql(key, `query($id: ID!) { processor(id: $id) { name } }`, { id });
  return res.data.processor.name;
}

test("a rename sends no SAVEPOINT of its own: the lookup, TypeORM's reload and the UPDATE", async () => {
  const { id } = await createProcessor(app, key, { name: "Savepoint Vendor" });
  const res = await app.gql(key, RENAME, { input: { id, name: "Savepoint Vendor Renamed" } });
  expect(res.data.updateProcessor.userErrors).toEqual([]);
  expect(res.extensions?.sqlStatements).toBe(3);
  expect(await nameOf(id)).toBe("Savepoint Vendor Renamed");
});

test("a refused first mutation rolls back to the opening savepoint; the second one is kept", async () => {
  const a = await createProcessor(app, key, { name: "First Vendor" });
  const b = await createProcessor(app, key, { name: "Second Vendor" });
  const res = await app.gql(
    key,
    `mutation($a: UpdateProcessorInput!, $b: UpdateProcessorInput!) {
      one: updateProcessor(input: $a) { processor { name } userErrors { code } }
      two: updateProcessor(input: $b) { processor { name } userErrors { code } } }`,
    {
      a: { id: a.id, name: "First Vendor Renamed", version: a.version + 5 },
      b: { id: b.id, name: "Second Vendor Renamed", version: b.version },
    },
  );
  expect(res.errors).toBeUndefined();
  expect(res.data.one.userErrors.map((e: { code: string }) => e.code)).toEqual(["STALE_VERSION"]);
  expect(res.data.two.userErrors).toEqual([]);
  expect(await nameOf(a.id)).toBe("First Vendor");
  expect(await nameOf(b.id)).toBe("Second Vendor Renamed");
});

test("a refused second mutation rolls back to its own savepoint; the first one is kept", async () => {
  const a = await createProcessor(app, key, { name: "Kept Vendor" });
  const res = await app.gql(
    key,
    `mutation($a: UpdateProcessorInput!, $b: UpdateProcessorInput!) {
      one: updateProcessor(input: $a) { processor { name version } userErrors { code } }
      two: updateProcessor(input: $b) { processor { name } userErrors { code } } }`,
    {
      a: { id: a.id, name: "Kept Vendor Renamed", version: a.version },
      // The first mutation moved the version on: this one is stale and must not undo the first.
      b: { id: a.id, name: "Lost Vendor Name", version: a.version },
    },
  );
  expect(res.errors).toBeUndefined();
  expect(res.data.one.userErrors).toEqual([]);
  expect(res.data.two.userErrors.map((e: { code: string }) => e.code)).toEqual(["STALE_VERSION"]);
  expect(await nameOf(a.id)).toBe("Kept Vendor Renamed");
});
