// The audit log over HTTP: who changed what, in which request; readable by ADMIN and AUDITOR only,
// per tenant; a rejected mutation leaves no entry; every record type has its history.
import { randomUUID } from "node:crypto";
import { startTestApp, TestApp } from "../helpers/app";
import { createApiKey, createProcessor as createProcessorFixture } from "../helpers/fixtures";

let app: TestApp;
let admin: string;
let auditor: string;
let editor: string;
let viewer: string;
let otherTenant: string;

const CREATE_PROCESSOR =
  `mutation($input: CreateProcessorInput!) { createProcessor(input: $input) { processor { id version } userErrors { ` +
  `field code } } }`;
const UPDATE_PROCESSOR =
  `mutation($input: UpdateProcessorInput!) { updateProcessor(input: $input) { processor { id version } userErrors { ` +
  `field code } } }`;
const AUDIT_LOG = `query($filter: AuditLogFilter, $first: Int, $after: String) {
  auditLog(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { at action entityType entityId actor { name role } requestId changedFields before after } }
  }
}`;
const HISTORY = `query($id: ID!) { node(id: $id) { id history { action entityType entityId changedFields actor { role }
  } } }`;

const createProcessor = (key: string, name: string, headers: Record<string, string> = {}) =>
  createProcessorFixture(app, key, { name, countryCode: "DK" }, headers);
const createKey = (role: string) => createApiKey(app, admin, role, `${role.toLowerCase()} of A`);
const gql: TestApp["gql"] = (...args) => app.gql(...args);

async function auditLog(key: string, variables: Record<string, unknown>) {
  const res = await gql(key, AUDIT_LOG, variables);
  expect(res.errors).toBeUndefined();
  return res.data.auditLog;
}

beforeAll(async () => {
  app = await startTestApp();
  ({ key: admin } = await app.newOrganization("Audit A"));
  auditor = await createKey("AUDITOR");
  editor = await createKey("EDITOR");
  viewer = await createKey("VIEWER");
  ({ key: otherTenant } = await app.newOrganization("Audit B"));
});
afterAll(() => app.stop());

describe("a processor created and changed", () => {
  const createRequest = randomUUID();
  const updateRequest = randomUUID();
  let processor: { id: string; version: number };

  beforeAll(async () => {
    processor = await createProcessor(editor, "Acme Hosting", { "x-request-id": createRequest });
    const res = await gql(
      admin,
      UPDATE_PROCESSOR,
      {
        input: {
          id: processor.id,
          version: processor.version,
          name: "Acme Hosting ApS",
          website: "https://acme.example",
        },
      },
      { "x-request-id": updateRequest },
    );
    expect(res.data.updateProcessor.userErrors).toEqual([]);
  });

  test("auditLog lists UPDATE then INSERT with actor, request id, before, after and changed fields", async () => {
    for (const key of [admin, auditor]) {
      const log = await auditLog(key, { filter: { entityId: processor.id } });
      expect(log.totalCount).toBe(2);
      const [update, insert] = log.edges.map((e: any) => e.node);
      expect(update).toMatchObject({
        action: "UPDATE",
        entityType: "Processor",
        entityId: processor.id,
        actor: { name: "admin key", role: "ADMIN" },
        requestId: updateRequest,
        before: { name: "Acme Hosting", website: null, version: 1 },
        after: { name: "Acme Hosting ApS", website: "https://acme.example", version: 2 },
      });
      expect(update.changedFields).toEqual(expect.arrayContaining(["name", "website", "version"]));
      expect(insert).toMatchObject({
        action: "INSERT",
        entityType: "Processor",
        entityId: processor.id,
        actor: { name: "editor of A", role: "EDITOR" },
        requestId: createRequest,
        before: null,
        after: { name: "Acme Hosting", country_code: "DK" },
      });
      expect(Date.parse(update.at)).toBeGreaterThanOrEqual(Date.parse(insert.at));
    }
  });

  test("the filter narrows by type, action, actor and time; pages follow the cursor", async () => {
    const onlyUpdates = await auditLog(admin, {
      filter: { entityType: "Processor", action: "UPDATE", entityId: processor.id },
    });
    expect(onlyUpdates.edges.map((e: any) => e.node.requestId)).toEqual([updateRequest]);
    const editorKeyId = (await app.gql(editor, `{ viewer { apiKey { id } } }`)).data.viewer.apiKey.id;
    const byEditor = await auditLog(admin, { filter: { actorApiKeyId: editorKeyId } });
    expect(byEditor.edges.length).toBeGreaterThan(0);
    expect(byEditor.edges.every((e: any) => e.node.actor.role === "EDITOR")).toBe(true);
    const future = await auditLog(admin, {
      filter: { entityId: processor.id, from: new Date(Date.now() + 60_000).toISOString() },
    });
    expect(future.totalCount).toBe(0);
    const past = await auditLog(admin, {
      filter: { entityId: processor.id, to: new Date(Date.now() + 60_000).toISOString() },
    });
    expect(past.totalCount).toBe(2);

    const page1 = await auditLog(admin, { filter: { entityId: processor.id }, first: 1 });
    expect(page1.pageInfo.hasNextPage).toBe(true);
    expect(page1.edges[0].node.action).toBe("UPDATE");
    const page2 = await auditLog(admin, {
      filter: { entityId: processor.id },
      first: 1,
      after: page1.pageInfo.endCursor,
    });
    expect(page2.pageInfo.hasNextPage).toBe(false);
    expect(page2.edges.map((e: any) => e.node.action)).toEqual(["INSERT"]);

    const bad = await gql(admin, AUDIT_LOG, { filter: { entityType: "NoSuchType" } });
    expect(bad.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    const badCursor = await gql(admin, AUDIT_LOG, { after: "bm9wZQ" });
    expect(badCursor.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
  });

  test("processor { history } works for ADMIN and AUDITOR and is refused for EDITOR and VIEWER", async () => {
    const q = `query($id: ID!) { processor(id: $id) { name history { action changedFields } } }`;
    for (const key of [admin, auditor]) {
      const res = await gql(key, q, { id: processor.id });
      expect(res.errors).toBeUndefined();
      expect(res.data.processor.history.map((h: any) => h.action)).toEqual(["UPDATE", "INSERT"]);
      expect(res.data.processor.history[0].changedFields).toEqual(expect.arrayContaining(["name", "website"]));
    }
    for (const key of [viewer, editor]) {
      const res = await gql(key, q, { id: processor.id });
      expect(res.errors?.map((e) => [e.extensions?.code, e.path])).toEqual([["FORBIDDEN", ["processor", "history"]]]);
      // Only the field is refused; the record is still readable.
      expect(res.data.processor).toEqual({ name: "Acme Hosting ApS", history: null });
    }
    const limited = await gql(admin, `query($id: ID!) { processor(id: $id) { history(first: 1) { action } } }`, {
      id: processor.id,
    });
    expect(limited.data.processor.history).toEqual([{ action: "UPDATE" }]);
  });

  test("EDITOR and VIEWER cannot query auditLog", async () => {
    for (const key of [editor, viewer]) {
      const res = await gql(key, AUDIT_LOG, {});
      expect(res.errors?.[0].extensions?.code).toBe("FORBIDDEN");
      expect(res.data ?? null).toBeNull();
    }
  });

  test("another tenant sees none of these entries", async () => {
    const mine = await auditLog(otherTenant, { first: 100 });
    expect(mine.totalCount).toBeGreaterThan(0); // its own organization and key, created by the owner
    expect(mine.edges.every((e: any) => e.node.actor === null)).toBe(true);
    expect(mine.edges.map((e: any) => e.node.entityId)).not.toContain(processor.id);
    expect((await auditLog(otherTenant, { filter: { entityId: processor.id } })).totalCount).toBe(0);
    expect((await gql(otherTenant, HISTORY, { id: processor.id })).data.node).toBeNull();
  });

  test("a mutation rejected with userErrors leaves no entry", async () => {
    const before = (await auditLog(admin, { first: 0 })).totalCount;
    const stale = await gql(admin, UPDATE_PROCESSOR, { input: { id: processor.id, version: 1, name: "Too late" } });
    expect(stale.data.updateProcessor.userErrors.map((e: any) => e.code)).toEqual(["STALE_VERSION"]);
    const invalid = await gql(admin, CREATE_PROCESSOR, { input: { name: "Nowhere", countryCode: "XX" } });
    expect(invalid.data.createProcessor.userErrors.map((e: any) => e.code)).toEqual(["INVALID_COUNTRY_CODE"]);
    // In one request: the accepted mutation is recorded, the rejected one is not.
    const both = await gql(
      admin,
      `mutation($ok: CreateProcessorInput!, $stale: UpdateProcessorInput!) {
      ok: createProcessor(input: $ok) { processor { id } userErrors { code } }
      stale: updateProcessor(input: $stale) { processor { id } userErrors { code } }
    }`,
      { ok: { name: "Accepted" }, stale: { id: processor.id, version: 1, name: "Rejected" } },
    );
    expect(both.data.stale.userErrors.map((e: any) => e.code)).toEqual(["STALE_VERSION"]);
    const after = await auditLog(admin, { first: 100 });
    expect(after.totalCount).toBe(before + 1);
    expect(after.edges[0].node).toMatchObject({ action: "INSERT", entityId: both.data.ok.processor.id });
    const names = JSON.stringify(after.edges.map((e: any) => e.node.after));
    expect(names).not.toContain("Too late");
    expect(names).not.toContain("Rejected");
    expect(names).not.toContain("Nowhere");
  });
});

test("a SubprocessorEngagement and an AuditReport have their history from the same trigger", async () => {
  const vendor = await createProcessor(admin, "Vendor");
  const sub = await createProcessor(admin, "Sub Vendor");
  const created = await gql(
    admin,
    `mutation($input: CreateSubprocessorEngagementInput!) { createSubprocessorEngagement(input: $input) { ` +
      `engagement { id version } userErrors { code } } }`,
    {
      input: { processorId: vendor.id, subprocessorId: sub.id, purpose: "Hosting", countries: ["DE"] },
    },
  );
  const engagement = created.data.createSubprocessorEngagement.engagement;
  const updated = await gql(
    admin,
    `mutation($input: UpdateSubprocessorEngagementInput!) { updateSubprocessorEngagement(input: $input) { ` +
      `userErrors { code } } }`,
    {
      input: { id: engagement.id, version: engagement.version, purpose: "Hosting and backup" },
    },
  );
  expect(updated.data.updateSubprocessorEngagement.userErrors).toEqual([]);
  const eh = await gql(auditor, HISTORY, { id: engagement.id });
  expect(eh.errors).toBeUndefined();
  expect(eh.data.node.history.map((h: any) => [h.action, h.entityType, h.entityId])).toEqual([
    ["UPDATE", "SubprocessorEngagement", engagement.id],
    ["INSERT", "SubprocessorEngagement", engagement.id],
  ]);
  expect(eh.data.node.history[0].changedFields).toContain("purpose");
  // The engagement's own state history is still there, under its old name.
  const states = await gql(
    admin,
    `query($id: ID!) { node(id: $id) { ... on SubprocessorEngagement { statusHistory { status } } } }`,
    { id: engagement.id },
  );
  expect(states.errors).toBeUndefined();

  const report = await gql(
    admin,
    `mutation($input: CreateAuditReportInput!) { createAuditReport(input: $input) { auditReport { id version } ` +
      `userErrors { code } } }`,
    {
      input: {
        processorId: vendor.id,
        type: "SELF_CONTROL_REPORT",
        title: "Egenkontrol 2025",
        receivedOn: "2025-03-01",
      },
    },
  );
  const r = report.data.createAuditReport.auditReport;
  await gql(
    admin,
    `mutation($input: UpdateAuditReportInput!) { updateAuditReport(input: $input) { userErrors { code } } }`,
    { input: { id: r.id, version: r.version, title: "Egenkontrol 2025 (rev.)" } },
  );
  const rh = await gql(admin, HISTORY, { id: r.id });
  expect(rh.data.node.history.map((h: any) => [h.action, h.entityType, h.actor.role])).toEqual([
    ["UPDATE", "AuditReport", "ADMIN"],
    ["INSERT", "AuditReport", "ADMIN"],
  ]);
  expect(rh.data.node.history[0].changedFields).toContain("title");
});

test("history over a list costs one statement for all records", async () => {
  const plain = await gql(admin, `{ processors(first: 100) { edges { node { name } } } }`);
  const withHistory = await gql(
    admin,
    `{ processors(first: 100) { edges { node { name history(first: 2) { action } } } } }`,
  );
  expect(withHistory.errors).toBeUndefined();
  expect(withHistory.data.processors.edges.length).toBeGreaterThan(3);
  expect(
    withHistory.data.processors.edges.every((e: any) => e.node.history.length >= 1 && e.node.history.length <= 2),
  ).toBe(true);
  expect(withHistory.extensions?.sqlStatements).toBe((plain.extensions?.sqlStatements ?? 0) + 1);
});

test("API key entries never carry the secret hash", async () => {
  const log = await auditLog(auditor, { filter: { entityType: "ApiKey" }, first: 100 });
  expect(log.totalCount).toBeGreaterThanOrEqual(4);
  for (const { node } of log.edges) {
    for (const row of [node.before, node.after]) if (row) expect(Object.keys(row)).not.toContain("secret_sha256");
  }
});

test("paging walks the whole log newest first, without gaps or repeats", async () => {
  for (let i = 0; i < 12; i++) await createProcessor(admin, `Bulk ${i}`);
  const total = (await auditLog(admin, { first: 0 })).totalCount;
  expect(total).toBeGreaterThan(20);
  const seen: any[] = [];
  let after: string | null = null;
  for (;;) {
    const page: any = await auditLog(admin, { first: 7, after });
    seen.push(...page.edges.map((e: any) => e.node));
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  expect(seen).toHaveLength(total);
  expect(new Set(seen.map((n) => `${n.action}:${n.entityId}:${n.at}:${n.requestId}`)).size).toBe(total);
  const times = seen.map((n) => Date.parse(n.at));
  expect(times).toEqual([...times].sort((a, b) => b - a));
  expect(seen.slice(0, 12).map((n) => n.after.name)).toEqual(Array.from({ length: 12 }, (_, i) => `Bulk ${11 - i}`));
});
