// The auditor's evidence list and its manifest export, over HTTP.
import { createHash } from "node:crypto";
import { parse } from "csv-parse/sync";
import { seedDemoOrganization, startTestApp, TestApp } from "../helpers/app";
import { createApiKey } from "../helpers/fixtures";

let app: TestApp;
let key: string;
let auditorKey: string;
let base: string;
const ids: Record<string, string> = {};
let reportId: string;
const pdf = Buffer.from("%PDF-1.4 ISAE 3000 statement for Capturi 2025\n%%EOF\n");

beforeAll(async () => {
  app = await startTestApp();
  key = (await seedDemoOrganization(app)).key;
  base = app.server.url.replace(/\/graphql$/, "");
  const res = await app.gql(key, `{ processors(first: 100) { edges { node { id name } } } }`);
  for (const { node } of res.data.processors.edges) ids[node.name] = node.id;
  auditorKey = await createApiKey(app, key, "AUDITOR", "external auditor");
  const report = await app.gql(
    key,
    `mutation($p: ID!) { createAuditReport(input: { processorId: $p, type: "ISAE_3000", reportKind: "TYPE_2", ` +
      `periodStart: "2025-01-01", periodEnd: "2025-12-31", issuedOn: "2026-02-10", receivedOn: "2026-02-20", title: ` +
      `"ISAE 3000 type 2 2025", opinion: "UNQUALIFIED", auditor: "Revisor P/S" }) { auditReport { id } userErrors { ` +
      `message } } }`,
    { p: ids["Capturi"] },
  );
  reportId = report.data.createAuditReport.auditReport.id;
  await app.gql(
    key,
    `mutation($r: ID!) { reviewAuditReport(input: { auditReportId: $r, reviewer: "Jane DPO", reviewedOn: ` +
      `"2026-03-01", conclusion: "ACCEPTED_WITH_FOLLOW_UP", remarks: "CUEC 3 to be checked" }) { userErrors { ` +
      `message } } }`,
    { r: reportId },
  );
  await app.gql(
    key,
    `mutation($r: ID!) { createFinding(input: { auditReportId: $r, description: "Backup restore test not ` +
      `documented", severity: "MEDIUM", dueOn: "2026-06-30" }) { userErrors { message } } }`,
    { r: reportId },
  );
  await app.gql(
    key,
    `mutation($p: ID!) { recordBreachNotice(input: { processorId: $p, title: "Lost laptop", becameAwareAt: ` +
      `"2026-04-01T08:00:00Z", notifiedAt: "2026-04-04T08:00:00Z" }) { userErrors { message } } }`,
    { p: ids["Capturi"] },
  );
  // An older report, outside the date range used below.
  await app.gql(
    key,
    `mutation($p: ID!) { createAuditReport(input: { processorId: $p, type: "SELF_CONTROL_REPORT", receivedOn: ` +
      `"2024-12-30", title: "Egenkontrolrapport 2025" }) { userErrors { message } } }`,
    { p: ids["Capturi"] },
  );
  const form = new FormData();
  form.set("kind", "AUDIT_REPORT");
  form.set("title", "ISAE 3000 statement (PDF)");
  form.set("effectiveOn", "2025-12-31");
  form.set("auditReportId", reportId);
  form.set("processorId", ids["Capturi"]);
  form.set("file", new Blob([pdf], { type: "application/pdf" }), "isae3000-2025.pdf");
  const upload = await fetch(`${base}/evidence`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}` },
    body: form,
  });
  expect(upload.status).toBe(201);
});
afterAll(() => app.stop());

const LIST = `query($p: ID, $from: LocalDate, $to: LocalDate, $kinds: [EvidenceItemKind!]) {
  evidenceList(processorId: $p, from: $from, to: $to, kinds: $kinds) {
    kind title subjectId effectiveOn status details recordSha256 record processor { name } files { fileName sha256
      sizeBytes }
  } }`;

test(
  "one vendor's list holds the agreement, sub-processors, plan, report with review and finding, and the breach " +
    "notice, each hashed",
  async () => {
    const res = await app.gql(auditorKey, LIST, { p: ids["Capturi"], from: "2026-01-01", to: "2026-12-31" });
    expect(res.errors).toBeUndefined();
    const items = res.data.evidenceList;
    expect(items.map((i: any) => i.kind)).toEqual([
      "AGREEMENT",
      "SUBPROCESSOR_LIST",
      "SUPERVISION_PLAN",
      "AUDIT_REPORT",
      "REVIEW",
      "FINDING",
      "BREACH_NOTICE",
    ]);
    const byKind = Object.fromEntries(items.map((i: any) => [i.kind, i]));
    expect(byKind.AGREEMENT).toMatchObject({ status: "ACTIVE", processor: { name: "Capturi" } });
    expect(byKind.AGREEMENT.details).toMatch(/breach notice 48 h/);
    expect(byKind.SUBPROCESSOR_LIST.details).toMatch(
      /Amazon Web Services \(AWS\) \(IE, NOT_NEEDED_EEA\).*Intercom \(no country stated, SCC\).*MongoDB \(IE/,
    );
    expect(byKind.SUPERVISION_PLAN.details).toMatch(/required SELF_CONTROL_REPORT, every 12 months, due 01-01/);
    expect(byKind.AUDIT_REPORT).toMatchObject({
      status: "ACCEPTED_WITH_FOLLOW_UP",
      effectiveOn: "2026-02-20",
      files: [
        {
          fileName: "isae3000-2025.pdf",
          sizeBytes: pdf.length,
          sha256: createHash("sha256").update(pdf).digest("hex"),
        },
      ],
    });
    expect(byKind.REVIEW).toMatchObject({ effectiveOn: "2026-03-01", status: "ACCEPTED_WITH_FOLLOW_UP" });
    expect(byKind.FINDING).toMatchObject({ status: "OPEN" });
    expect(byKind.BREACH_NOTICE).toMatchObject({ status: "LATE", effectiveOn: "2026-04-04" });
    for (const i of items) {
      expect(i.recordSha256).toBe(createHash("sha256").update(i.record).digest("hex"));
      expect(JSON.parse(i.record).kind).toBe(i.kind);
    }
    // The record hash changes when the record does.
    const before = byKind.FINDING.recordSha256;
    const finding = await app.gql(key, `query($p: ID!) { processor(id: $p) { findings { id } } }`, {
      p: ids["Capturi"],
    });
    await app.gql(
      key,
      `mutation($id: ID!) { updateFinding(input: { id: $id, owner: "Ops" }) { userErrors { code } } }`,
      {
        id: finding.data.processor.findings[0].id,
      },
    );
    const after = await app.gql(auditorKey, LIST, { p: ids["Capturi"], kinds: ["FINDING"] });
    expect(after.data.evidenceList).toHaveLength(1);
    expect(after.data.evidenceList[0].recordSha256).not.toBe(before);
  },
);

test("dates and kinds filter; without a processor every vendor is listed", async () => {
  const older = await app.gql(auditorKey, LIST, {
    p: ids["Capturi"],
    from: "2024-01-01",
    to: "2024-12-31",
    kinds: ["AUDIT_REPORT"],
  });
  expect(older.data.evidenceList.map((i: any) => i.title)).toEqual(["Capturi: Egenkontrolrapport 2025"]);
  const all = await app.gql(auditorKey, LIST, { kinds: ["AGREEMENT", "SUPERVISION_PLAN"] });
  expect(all.data.evidenceList.map((i: any) => `${i.processor.name}:${i.kind}`)).toEqual([
    "Capturi:AGREEMENT",
    "Capturi:SUPERVISION_PLAN",
    "E-SG.Cloud:AGREEMENT",
    "E-SG.Cloud:SUPERVISION_PLAN",
    "Ubivox:AGREEMENT",
    "Ubivox:SUPERVISION_PLAN",
  ]);
  const bad = await app.gql(auditorKey, LIST, { from: "2026-02-01", to: "2026-01-01" });
  expect(bad.errors?.[0].message).toMatch(/to must not be before from/);
});

test("the manifest: CSV rows match the list, file hashes included; JSON carries the same items", async () => {
  const list = (await app.gql(auditorKey, LIST, { p: ids["Capturi"], from: "2026-01-01", to: "2026-12-31" })).data
    .evidenceList;
  const csvRes = await fetch(
    `${base}/exports/evidence-manifest.csv?processorId=${encodeURIComponent(ids["Capturi"])}` +
      "&from=2026-01-01&to=2026-12-31",
    { headers: { authorization: `Bearer ${auditorKey}` } },
  );
  expect(csvRes.status).toBe(200);
  expect(csvRes.headers.get("content-type")).toMatch(/text\/csv/);
  const rows = parse(await csvRes.text(), { columns: true, bom: true }) as Record<string, string>[];
  expect(Object.keys(rows[0])).toEqual([
    "processor",
    "processor_id",
    "kind",
    "title",
    "subject_id",
    "effective_on",
    "status",
    "details",
    "record_sha256",
    "record",
    "file_id",
    "file_name",
    "file_media_type",
    "file_size_bytes",
    "file_sha256",
    "file_effective_on",
  ]);
  expect(rows.map((r) => r.kind)).toEqual(list.map((i: any) => i.kind));
  expect(rows.map((r) => r.record_sha256)).toEqual(list.map((i: any) => i.recordSha256));
  const reportRow = rows.find((r) => r.kind === "AUDIT_REPORT")!;
  expect(reportRow).toMatchObject({
    file_name: "isae3000-2025.pdf",
    file_sha256: createHash("sha256").update(pdf).digest("hex"),
    file_media_type: "application/pdf",
  });
  const json = await fetch(
    `${base}/exports/evidence-manifest?format=json&processorId=${encodeURIComponent(ids["Capturi"])}` +
      "&from=2026-01-01&to=2026-12-31",
    { headers: { authorization: `Bearer ${auditorKey}` } },
  );
  const body = (await json.json()) as any;
  expect(body.items.map((i: any) => i.recordSha256)).toEqual(list.map((i: any) => i.recordSha256));
  expect(body.items.find((i: any) => i.kind === "AUDIT_REPORT").files[0].fileName).toBe("isae3000-2025.pdf");
});

test("the manifest refuses bad filters and strangers, and shows another tenant nothing of ours", async () => {
  const get = (k: string | null, qs: string, path = "evidence-manifest.json") =>
    fetch(`${base}/exports/${path}?${qs}`, { headers: k ? { authorization: `Bearer ${k}` } : {} });
  const json = async (r: Response) => (await r.json()) as any;
  expect((await get(null, "")).status).toBe(401);
  const badDate = await get(auditorKey, "from=2026-13-01");
  expect(badDate.status).toBe(400);
  expect(await json(badDate)).toEqual({
    error: { code: "INVALID", field: "from", message: "from must be a date (YYYY-MM-DD)" },
  });
  const badKind = await get(auditorKey, "kinds=AGREEMENT,NOPE");
  expect((await json(badKind)).error).toMatchObject({ code: "INVALID", field: "kinds" });
  expect((await get(auditorKey, "format=xml", "evidence-manifest")).status).toBe(400);
  const other = await app.newOrganization("Other controller");
  const theirs = await get(other.key, "");
  expect((await json(theirs)).items).toEqual([]);
  const ours = await get(other.key, `processorId=${encodeURIComponent(ids["Capturi"])}`);
  expect(ours.status).toBe(400);
  expect((await json(ours)).error.message).toBe("processorId does not name a processor of your organization.");
  const gql = await app.gql(other.key, LIST, { p: ids["Capturi"] });
  expect(gql.errors?.[0].message).toBe("processorId does not name a processor of your organization.");
});
