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

test("a rename sends no SAVEPOINT of its own, nor reads the locked row again: the lookup and the UPDATE", async () => {
  const { id, version } = await createProcessor(app, key, { name: "Savepoint Vendor" });
  const res = await app.gql(key, RENAME, { input: { id, name: "Savepoint Vendor Renamed" } });
  expect(res.data.updateProcessor.userErrors).toEqual([]);
  // (TypeORM's save would read the row again before its UPDATE: 3.)
  expect(res.extensions?.sqlStatements).toBe(2);
  expect(res.data.updateProcessor.processor).toEqual({ name: "Savepoint Vendor Renamed", version: version + 1 });
  expect(await nameOf(id)).toBe("Savepoint Vendor Renamed");
  // The audit log names the column changed, as for any update.
  const [log] = await app.db.owner.query(
    `SELECT changed_fields FROM audit_log WHERE entity = 'processor' AND entity_id = $1 AND action = 'UPDATE'`,
    [Buffer.from(id, "base64url").toString().split(":")[1]],
  );
  expect(log.changed_fields).toEqual(["name", "updated_at", "version"]);
});

test("an engagement's update writes what changed in one UPDATE; an unchanged one writes nothing", async () => {
  const vendor = await createProcessor(app, key, { name: "Engaging Vendor" });
  const sub = await createProcessor(app, key, { name: "Engaged Vendor" });
  const created = await app.gql(
    key,
    `mutation($input: CreateSubprocessorEngagementInput!) { createSubprocessorEngagement(input: $input) {
      engagement { id version } userErrors { code } } }`,
    { input: { processorId: vendor.id, subprocessorId: sub.id, purpose: "Hosting", countries: ["DE"] } },
  );
  const { id, version } = created.data.createSubprocessorEngagement.engagement;
  const UPDATE = `mutation($input: UpdateSubprocessorEngagementInput!) { updateSubprocessorEngagement(input: $input) {
    engagement { countries transferMechanism purpose version updatedAt } userErrors { code } } }`;
  const changed = await app.gql(key, UPDATE, { input: { id, countries: ["US"], transferMechanism: "SCC" } });
  expect(changed.errors).toBeUndefined();
  expect(changed.data.updateSubprocessorEngagement.userErrors).toEqual([]);
  expect(changed.extensions?.sqlStatements).toBe(2);
  const after = changed.data.updateSubprocessorEngagement.engagement;
  expect(after).toMatchObject({
    countries: ["US"],
    transferMechanism: "SCC",
    purpose: "Hosting",
    version: version + 1,
  });
  const read = await app.gql(
    key,
    `query($id: ID!) { node(id: $id) { ... on SubprocessorEngagement {
    countries transferMechanism version updatedAt } } }`,
    { id },
  );
  expect(read.data.node).toEqual({
    countries: ["US"],
    transferMechanism: "SCC",
    version: version + 1,
    updatedAt: after.updatedAt,
  });
  // The same values again: nothing to write, the version stays (as TypeORM's save leaves it).
  const same = await app.gql(key, UPDATE, { input: { id, countries: ["US"], purpose: "Hosting" } });
  expect(same.extensions?.sqlStatements).toBe(1);
  expect(same.data.updateSubprocessorEngagement.engagement.version).toBe(version + 1);
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
