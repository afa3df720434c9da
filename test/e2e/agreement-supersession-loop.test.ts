// Agreement versions could supersede each other in a loop: B created with supersedesId A (A becomes SUPERSEDED),
// then updateAgreement(A, supersedesId: B) was stored, so each superseded the other and which version was in force
// was undefined. A supersedesId that would close a loop (directly or through other versions) is now refused, INVALID
// on ["input","supersedesId"] naming the loop, nothing stored; two requests at once cannot close one either (the
// processor's versions are locked while the chain is checked). Real HTTP.
import { startTestApp, TestApp } from "../helpers/app";
import { createProcessor } from "../helpers/fixtures";

let app: TestApp;
let key: string;
let processorId: string;

const CREATE = `mutation($input: CreateAgreementInput!) { createAgreement(input: $input) { agreement { id status }
  userErrors { field code message } } }`;
const UPDATE = `mutation($input: UpdateAgreementInput!) { updateAgreement(input: $input) {
  agreement { id supersedes { id } } userErrors { field code message } } }`;

async function version(title: string, supersedes?: string): Promise<string> {
  const r = await app.ok(key, CREATE, {
    input: { processorId, kind: "DPA", template: "OTHER", status: "ACTIVE", title, supersedesId: supersedes },
  });
  return r.createAgreement.agreement.id;
}

async function supersedes(id: string): Promise<string | null> {
  const r = await app.ok(key, `query($id: ID!) { node(id: $id) { ... on Agreement { supersedes { id } } } }`, { id });
  return r.node.supersedes?.id ?? null;
}

beforeAll(async () => {
  app = await startTestApp();
  ({ key } = await app.newOrganization("Versionskæde ApS"));
  processorId = (await createProcessor(app, key, { name: "Loop Processor" })).id;
});
afterAll(() => app?.stop());

test("A superseding B, which supersedes A, is refused naming the loop; nothing is stored", async () => {
  const a = await version("DPA 2024");
  const b = await version("DPA 2025", a);
  const res = await app.gql(key, UPDATE, { input: { id: a, supersedesId: b } });
  expect(res.errors).toBeUndefined();
  expect(res.data.updateAgreement.agreement).toBeNull();
  expect(res.data.updateAgreement.userErrors).toEqual([
    {
      field: ["input", "supersedesId"],
      code: "INVALID",
      message: expect.stringContaining('loop of versions: "DPA 2024" → "DPA 2025" → "DPA 2024"'),
    },
  ]);
  expect(await supersedes(a)).toBeNull();
});

test("a loop through several versions is refused too; a chain without loop is accepted", async () => {
  const a = await version("v1");
  const b = await version("v2", a);
  const c = await version("v3", b);
  const res = await app.gql(key, UPDATE, { input: { id: a, supersedesId: c } });
  expect(res.data.updateAgreement.userErrors).toEqual([
    {
      field: ["input", "supersedesId"],
      code: "INVALID",
      message: expect.stringContaining('"v1" → "v3" → "v2" → "v1"'),
    },
  ]);
  expect(await supersedes(a)).toBeNull();
  // Re-pointing v3 at v1 (skipping v2) closes no loop.
  const ok = await app.gql(key, UPDATE, { input: { id: c, supersedesId: a } });
  expect(ok.data.updateAgreement.userErrors).toEqual([]);
  expect(await supersedes(c)).toBe(a);
});

test("two requests at once cannot close a loop: one is stored, the other refused", async () => {
  for (let round = 0; round < 5; round++) {
    const x = await version(`x${round}`);
    const y = await version(`y${round}`);
    const [first, second] = await Promise.all([
      app.gql(key, UPDATE, { input: { id: x, supersedesId: y } }),
      app.gql(key, UPDATE, { input: { id: y, supersedesId: x } }),
    ]);
    expect([first.errors, second.errors]).toEqual([undefined, undefined]);
    const codes = [first, second].map((r) => r.data.updateAgreement.userErrors.map((e: { code: string }) => e.code));
    expect(codes.sort()).toEqual([[], ["INVALID"]]);
    expect([await supersedes(x), await supersedes(y)].filter((s) => s !== null)).toHaveLength(1);
  }
});
