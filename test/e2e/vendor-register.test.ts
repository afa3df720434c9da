// The vendor register's fields on a processor (issue 18, item 1) over HTTP: set and read through GraphQL,
// refused with userErrors naming the field and the rule, filtered by tags / owner / criticality, ordered
// by renewal date, recorded in the audit log, written in the recipient-level art. 30 export, and never
// visible to another organization.
import { parse } from "csv-parse/sync";
import { startTestApp, TestApp } from "../helpers/app";
import { createProcessor } from "../helpers/fixtures";

let app: TestApp;
let keyA: string;
let keyB: string;

const FIELDS = `id name version businessOwnerName businessOwnerEmail businessCriticality contractStartOn renewalOn
  noticeOn servicesProvided tags internalNotes`;
const CREATE = `mutation($input: CreateProcessorInput!) {
  createProcessor(input: $input) { processor { ${FIELDS} } userErrors { field code message } } }`;
const UPDATE = `mutation($input: UpdateProcessorInput!) {
  updateProcessor(input: $input) { processor { ${FIELDS} } userErrors { field code message } } }`;
const LIST = `query($filter: ProcessorFilter, $orderBy: ProcessorOrder, $first: Int, $after: String) {
  processors(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { name renewalOn } } } }`;

const names = async (key: string, variables: Record<string, unknown>) => {
  const data = await app.ok(key, LIST, { first: 100, ...variables });
  return data.processors.edges.map((e: any) => e.node.name) as string[];
};

let capturi: any;

beforeAll(async () => {
  app = await startTestApp();
  ({ key: keyA } = await app.newOrganization("Register A"));
  ({ key: keyB } = await app.newOrganization("Register B"));
  const data = await app.ok(keyA, CREATE, {
    input: {
      name: "Capturi",
      countryCode: "DK",
      businessOwnerName: "  Mette Holm ",
      businessOwnerEmail: "mette.holm@example.dk",
      businessCriticality: "HIGH",
      contractStartOn: "2024-04-01",
      renewalOn: "2027-03-31",
      noticeOn: "2026-12-31",
      servicesProvided: "Call analysis; transcription",
      tags: ["Kundeservice", " AI ", "kundeservice", "Cloud  hosting"],
      internalNotes: "Renegotiate price before notice.",
    },
  });
  capturi = data.createProcessor.processor;
  await createProcessor(app, keyA, {
    name: "Visma",
    businessOwnerName: "Jonas Berg",
    businessOwnerEmail: "jonas@example.dk",
    businessCriticality: "CRITICAL",
    renewalOn: "2026-06-30",
    tags: ["HR", "Økonomi"],
  } as any);
  await createProcessor(app, keyA, { name: "Mailchimp", businessCriticality: "LOW", tags: ["Marketing"] } as any);
  await createProcessor(app, keyA, { name: "Zendesk", renewalOn: "2026-01-15", tags: ["Kundeservice"] } as any);
  await createProcessor(app, keyA, { name: "Acme (no register facts)" });
  // Organization B uses the same tag and owner: its lists must not show A's vendors, nor A's its.
  await createProcessor(app, keyB, {
    name: "B's vendor",
    businessOwnerEmail: "mette.holm@example.dk",
    businessCriticality: "HIGH",
    renewalOn: "2025-01-01",
    tags: ["Kundeservice"],
  } as any);
});
afterAll(() => app.stop());

test("the fields are stored as given; tags trimmed, inner spaces collapsed, a repeat in any case dropped", async () => {
  expect(capturi).toMatchObject({
    businessOwnerName: "Mette Holm",
    businessOwnerEmail: "mette.holm@example.dk",
    businessCriticality: "HIGH",
    contractStartOn: "2024-04-01",
    renewalOn: "2027-03-31",
    noticeOn: "2026-12-31",
    servicesProvided: "Call analysis; transcription",
    tags: ["Kundeservice", "AI", "Cloud hosting"],
    internalNotes: "Renegotiate price before notice.",
  });
  const read = await app.ok(keyA, `query($id: ID!) { processor(id: $id) { ${FIELDS} } }`, { id: capturi.id });
  expect(read.processor).toEqual(capturi);
});

test("bad values come back as userErrors naming the field and the rule; nothing is written", async () => {
  const cases: [Record<string, unknown>, string, string, RegExp][] = [
    [{ businessOwnerEmail: "mette at example" }, "businessOwnerEmail", "INVALID", /email/],
    [{ businessCriticality: "VERY_HIGH" }, "businessCriticality", "INVALID", /LOW, MEDIUM, HIGH, CRITICAL/],
    [{ tags: ["ok", "   "] }, "tags", "INVALID", /at most 30 entries, each 1–50 characters/],
    [{ tags: ["x".repeat(51)] }, "tags", "INVALID", /1–50 characters/],
    [{ tags: Array.from({ length: 31 }, (_, i) => `t${i}`) }, "tags", "INVALID", /at most 30/],
    [{ businessOwnerName: "x".repeat(201) }, "businessOwnerName", "TOO_LONG", /at most 200/],
    [{ internalNotes: "x".repeat(10001) }, "internalNotes", "TOO_LONG", /at most 10000/],
    [{ contractStartOn: "2027-01-01", renewalOn: "2026-01-01" }, "renewalOn", "OUT_OF_RANGE", /before contractStart/],
    [{ renewalOn: "2026-01-01", noticeOn: "2026-02-01" }, "noticeOn", "OUT_OF_RANGE", /not be after renewalOn/],
  ];
  for (const [fields, field, code, message] of cases) {
    const res = await app.gql(keyA, CREATE, { input: { name: "Refused", ...fields } });
    expect(res.errors).toBeUndefined();
    expect(res.data.createProcessor.processor).toBeNull();
    expect(res.data.createProcessor.userErrors).toEqual([
      { field: ["input", field], code, message: expect.stringMatching(message) },
    ]);
  }
  // The dates' order is checked against what is stored: a notice date after the stored renewal is refused.
  const late = await app.gql(keyA, UPDATE, { input: { id: capturi.id, noticeOn: "2027-04-01" } });
  expect(late.data.updateProcessor.userErrors).toEqual([
    { field: ["input", "noticeOn"], code: "OUT_OF_RANGE", message: expect.stringContaining("2027-03-31") },
  ]);
  // An impossible date is refused by the LocalDate scalar, naming the variable's field.
  const impossible = await app.gql(keyA, CREATE, { input: { name: "Refused", renewalOn: "2026-02-30" } });
  expect(impossible.errors?.[0].message).toMatch(/renewalOn/);
  expect(await names(keyA, { filter: { search: "Refused" } })).toEqual([]);
});

test("filters: tags (any of), owner (email, or part of the name), criticality; combined they all hold", async () => {
  expect(await names(keyA, { filter: { tags: ["Kundeservice"] } })).toEqual(["Capturi", "Zendesk"]);
  expect(await names(keyA, { filter: { tags: ["HR", "Marketing"] } })).toEqual(["Mailchimp", "Visma"]);
  expect(await names(keyA, { filter: { tags: ["kundeservice"] } })).toEqual([]); // exact spelling
  expect(await names(keyA, { filter: { owner: "METTE.HOLM@example.dk" } })).toEqual(["Capturi"]);
  expect(await names(keyA, { filter: { owner: "berg" } })).toEqual(["Visma"]);
  expect(await names(keyA, { filter: { owner: "%" } })).toEqual([]); // LIKE characters are literal
  expect(await names(keyA, { filter: { criticality: ["HIGH", "CRITICAL"] } })).toEqual(["Capturi", "Visma"]);
  expect(await names(keyA, { filter: { criticality: ["HIGH"], tags: ["Kundeservice"], owner: "mette" } })).toEqual([
    "Capturi",
  ]);
  const bad = await app.gql(keyA, LIST, { filter: { criticality: ["URGENT"] } });
  expect(bad.errors?.[0].message).toMatch(/criticality/);
});

test("order by renewal date: ascending and descending, vendors without one last either way, pages follow", async () => {
  const asc = await names(keyA, { orderBy: { field: "RENEWAL", direction: "ASC" } });
  expect(asc.slice(0, 3)).toEqual(["Zendesk", "Visma", "Capturi"]);
  expect(asc.slice(3).sort()).toEqual(["Acme (no register facts)", "Mailchimp"]); // ties: by id
  const desc = await names(keyA, { orderBy: { field: "RENEWAL", direction: "DESC" } });
  expect(desc.slice(0, 3)).toEqual(["Capturi", "Visma", "Zendesk"]);
  expect(desc.slice(3).sort()).toEqual(["Acme (no register facts)", "Mailchimp"]);
  // Paged two at a time, the same order (the cursor carries the renewal date, or the far end for none).
  const paged: string[] = [];
  let after: string | null = null;
  do {
    const data: any = await app.ok(keyA, LIST, { first: 2, after, orderBy: { field: "RENEWAL", direction: "ASC" } });
    paged.push(...data.processors.edges.map((e: any) => e.node.name));
    after = data.processors.pageInfo.hasNextPage ? data.processors.pageInfo.endCursor : null;
  } while (after);
  expect(paged).toEqual(asc);
});

test("another organization's filters and lists never show these vendors", async () => {
  expect(await names(keyB, { filter: { tags: ["Kundeservice"] } })).toEqual(["B's vendor"]);
  expect(await names(keyB, { filter: { owner: "mette.holm@example.dk" } })).toEqual(["B's vendor"]);
  expect(await names(keyB, { filter: { criticality: ["HIGH", "CRITICAL"] } })).toEqual(["B's vendor"]);
  expect(await names(keyB, { orderBy: { field: "RENEWAL", direction: "ASC" } })).toEqual(["B's vendor"]);
  const other = await app.gql(keyB, `query($id: ID!) { processor(id: $id) { id tags } }`, { id: capturi.id });
  expect(other.data.processor).toBeNull();
  const write = await app.gql(keyB, UPDATE, { input: { id: capturi.id, tags: ["taken"] } });
  expect(write.data.updateProcessor.userErrors[0]).toMatchObject({ field: ["input", "id"], code: "NOT_FOUND" });
});

test("a change to the register fields is in the audit log, with before, after and the changed fields", async () => {
  const changed = await app.ok(keyA, UPDATE, {
    input: { id: capturi.id, businessCriticality: "CRITICAL", tags: ["AI"], internalNotes: null },
  });
  expect(changed.updateProcessor.processor).toMatchObject({ businessCriticality: "CRITICAL", tags: ["AI"] });
  const log = await app.ok(
    keyA,
    `query($id: ID!) { auditLog(filter: { entityId: $id, action: UPDATE }) {
      edges { node { changedFields before after } } } }`,
    { id: capturi.id },
  );
  const [entry] = log.auditLog.edges.map((e: any) => e.node);
  expect(entry.changedFields).toEqual(expect.arrayContaining(["business_criticality", "tags", "internal_notes"]));
  expect(entry.before).toMatchObject({
    business_criticality: "HIGH",
    tags: ["Kundeservice", "AI", "Cloud hosting"],
    internal_notes: "Renegotiate price before notice.",
  });
  expect(entry.after).toMatchObject({ business_criticality: "CRITICAL", tags: ["AI"], internal_notes: null });
  capturi = changed.updateProcessor.processor;
});

test("the recipient-level art. 30 export has owner, criticality, renewal, tags (not the notes)", async () => {
  await app.ok(
    keyA,
    `mutation($input: CreateProcessingActivityInput!) {
      createProcessingActivity(input: $input) { processingActivity { id } userErrors { field code message } } }`,
    { input: { name: "Customer calls", processorIds: [capturi.id] } },
  );
  const res = await fetch(`${app.server.url.replace(/\/graphql$/, "")}/exports/ropa.csv?granularity=recipient`, {
    headers: { authorization: `Bearer ${keyA}` },
  });
  expect(res.status).toBe(200);
  const rows = parse(await res.text(), { columns: true, bom: true }) as Record<string, string>[];
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({
    Recipient: "Capturi",
    "Business owner": "Mette Holm (mette.holm@example.dk)",
    "Business criticality": "CRITICAL",
    "Contract renewal date": "2027-03-31",
    Tags: "AI",
  });
  expect(JSON.stringify(rows)).not.toContain("Renegotiate");
});
