// The README promises that importing an unchanged register export back plans every row UNCHANGED. Found by an outside
// tester (fresh clone, real HTTP): two processors of one name (the sub-processor and agreement sheets named their
// parent by name only, and the import attached them to the other one), tags holding "," or ";" (split on re-import),
// text stored with CRLF (an UPDATE every time), CSV values that really start with an apostrophe (lost), and an
// archived processor whose number made the plan say CREATE and the apply refuse it as DUPLICATE, forever.
import { startTestApp, TestApp } from "../helpers/app";
import { uploadRegister } from "../helpers/register";
import { createProcessor } from "../helpers/fixtures";
import { decodeIdOf } from "../../src/common/global-id";

let app: TestApp;
let base: string;
let key: string;
let twin1: { id: string };
let twin2: { id: string };

const PLAN = `query($id: ID!) { registerImport(id: $id) {
  counts { create update unchanged rejected } problemCount
  problems { sheet row column heading field code rule severity }
  rows(limit: 1000) { sheet row kind action label changes { field from to } } } }`;
const APPLY = `mutation($id: ID!) { applyRegisterImport(input: { id: $id }) {
  registerImport { status counts { create update unchanged rejected } } userErrors { field code message } } }`;

async function download(path: string): Promise<Buffer> {
  const res = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${key}` } });
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

/** Uploads a file and answers its plan. */
async function planOf(bytes: Buffer, name: string, as = key) {
  const res = await uploadRegister(app, as, bytes, name);
  expect(res.status).toBe(201);
  const plan = (await app.ok(as, PLAN, { id: res.body.registerImport.id })).registerImport;
  return { id: res.body.registerImport.id as string, ...plan };
}

async function subprocessorsOf(id: string): Promise<string[]> {
  const rows: { name: string }[] = await app.db.owner.query(
    `SELECT s.name FROM subprocessor_engagement e JOIN processor s ON s.id = e.subprocessor_id
      WHERE e.processor_id = $1 ORDER BY s.name`,
    [decodeIdOf("Processor", id)],
  );
  return rows.map((r) => r.name);
}

beforeAll(async () => {
  app = await startTestApp();
  base = app.server.url.replace(/\/graphql$/, "");
  key = (await app.newOrganization("Tvilling Kommune")).key;
  twin1 = await createProcessor(app, key, { name: "Twin", registrationNumber: "HRB-1" });
  twin2 = await createProcessor(app, key, { name: "Twin", registrationNumber: "HRB-2" });
  const subB = await createProcessor(app, key, { name: "SubB", direct: false });
  await createProcessor(app, key, {
    name: "'-Apostrophe Co",
    address: "'=street",
    tags: ["a,b", "c;d", "plain"],
  });
  await createProcessor(app, key, { name: "Crlf ApS", address: "x\r\ny", serviceDescription: "one\r\ntwo" });
  // A bare line feed (typed in GraphiQL, sent by an integration): the CSV export left it unquoted, and the import
  // read the rest of the cell as a new row (found by a new user).
  await createProcessor(app, key, { name: "Lf ApS", address: "Street 1\n8000 Aarhus", serviceDescription: "a\n\nb" });
  await app.ok(
    key,
    `mutation($input: CreateSubprocessorEngagementInput!) { createSubprocessorEngagement(input: $input) {
      engagement { id } userErrors { field code message } } }`,
    { input: { processorId: twin2.id, subprocessorId: subB.id, purpose: "Hosting", countries: ["DE"] } },
  );
  await app.ok(
    key,
    `mutation($input: CreateAgreementInput!) { createAgreement(input: $input) {
      agreement { id } userErrors { field code message } } }`,
    { input: { processorId: twin2.id, kind: "DPA", title: "Twin DPA", template: "OTHER", status: "ACTIVE" } },
  );
});

afterAll(async () => {
  await app?.stop();
});

function expectAllUnchanged(plan: { counts: unknown; problems: unknown[]; rows: { action: string }[] }, n: number) {
  expect({ counts: plan.counts, problems: plan.problems }).toEqual({
    counts: { create: 0, update: 0, unchanged: n, rejected: 0 },
    problems: [],
  });
}

test("the .xlsx export imports back all UNCHANGED: twins by number, tags with , and ;, CRLF, apostrophes", async () => {
  const plan = await planOf(await download("/exports/register.xlsx"), "register.xlsx");
  expectAllUnchanged(plan, 6 + 1 + 1);
  expect(plan.rows.filter((r: any) => r.sheet !== "Processors").map((r: any) => r.label)).toEqual([
    "Twin → SubB",
    "Twin: Twin DPA",
  ]);
  const applied = await app.ok(key, APPLY, { id: plan.id });
  expect(applied.applyRegisterImport.registerImport.status).toBe("APPLIED");
  expect(await subprocessorsOf(twin1.id)).toEqual([]);
  expect(await subprocessorsOf(twin2.id)).toEqual(["SubB"]);
  const [{ n }] = await app.db.owner.query(`SELECT count(*)::int AS n FROM agreement`);
  expect(n).toBe(1);
  const [stored] = await app.db.owner.query(`SELECT name, address, tags FROM processor WHERE name LIKE '''%'`);
  expect(stored).toEqual({ name: "'-Apostrophe Co", address: "'=street", tags: ["a,b", "c;d", "plain"] });
});

test("the CSV exports (English with ',', Danish with ';') import back all UNCHANGED", async () => {
  for (const lang of ["en", "da"])
    for (const [sheet, n] of [
      ["processors", 6],
      ["subprocessors", 1],
      ["agreements", 1],
    ] as const) {
      const plan = await planOf(await download(`/exports/register.csv?lang=${lang}&sheet=${sheet}`), `${sheet}.csv`);
      expect({ lang, sheet, rows: plan.rows.map((r: any) => [r.label, r.action, r.changes]) }).toEqual({
        lang,
        sheet,
        rows: plan.rows.map((r: any) => [r.label, "UNCHANGED", []]),
      });
      expectAllUnchanged(plan, n);
    }
});

test("a file naming a parent of two current processors by name only: a problem at sheet, row and column", async () => {
  const subs = await planOf(Buffer.from("Processor,Sub-processor\nSubB,SubC\nTwin,SubC\n"), "Underdatabehandlere.csv");
  expect(subs.counts.rejected).toBe(1);
  expect(subs.problems).toEqual([
    expect.objectContaining({
      sheet: "Underdatabehandlere",
      row: 3,
      column: "A",
      field: "parent",
      severity: "ERROR",
      rule: expect.stringMatching(/2 processors are named "Twin".*HRB-1.*HRB-2/),
    }),
  ]);
  const dpas = await planOf(Buffer.from("Processor,Title\nTwin,Another DPA\n"), "Aftaler.csv");
  expect(dpas.problems).toEqual([
    expect.objectContaining({ sheet: "Aftaler", row: 2, column: "A", field: "processor", severity: "ERROR" }),
  ]);
  expect(dpas.counts).toEqual({ create: 0, update: 0, unchanged: 0, rejected: 1 });

  // With the number beside the name (the export's column, Danish or English), the parent is the one it names.
  const numbered = await planOf(
    Buffer.from("Databehandler;Databehandlers CVR-nr.;Underdatabehandler\nTwin;HRB-1;SubC\n"),
    "Underdatabehandlere.csv",
  );
  expect(numbered.problems).toEqual([]);
  const applied = await app.ok(key, APPLY, { id: numbered.id });
  expect(applied.applyRegisterImport.registerImport.counts).toMatchObject({ create: 2, rejected: 0 });
  expect(await subprocessorsOf(twin1.id)).toEqual(["SubC"]);
  expect(await subprocessorsOf(twin2.id)).toEqual(["SubB"]);
});

test("an archived processor's number does not block a new one: plan CREATE, apply it, then UNCHANGED", async () => {
  const other = (await app.newOrganization("Lazarus Kommune")).key;
  const lazarus = await createProcessor(app, other, { name: "Lazarus", registrationNumber: "LZ-1" });
  await app.ok(
    other,
    `mutation($id: ID!) { archiveProcessor(input: { id: $id }) { processor { id } userErrors { code message } } }`,
    { id: lazarus.id },
  );
  const file = Buffer.from("Name,Registration number\nLazarus,LZ-1\n");
  const plan = await planOf(file, "vendors.csv", other);
  expect(plan.counts).toEqual({ create: 1, update: 0, unchanged: 0, rejected: 0 });
  const applied = await app.gql(other, APPLY, { id: plan.id });
  expect(applied.data.applyRegisterImport.userErrors).toEqual([]);
  expect(applied.data.applyRegisterImport.registerImport.status).toBe("APPLIED");
  const again = await planOf(file, "vendors.csv", other);
  expect(again.counts).toEqual({ create: 0, update: 0, unchanged: 1, rejected: 0 });
});
