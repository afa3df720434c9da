// Evidence files over real HTTP: multipart upload with a streamed SHA-256 and a size limit, download
// with hash headers and an integrity check, roles, tenant isolation, and the GraphQL side.
import { createHash, randomBytes } from "node:crypto";
import http from "node:http";
import { startTestApp, TestApp } from "../helpers/app";
import { loadConfig } from "../../src/config";
import { RunningServer, startServer } from "../../src/server";
import { toGlobalId } from "../../src/common/global-id";
import { createApiKey, createProcessor } from "../helpers/fixtures";

let app: TestApp;
let base: string;
let admin: string;
let auditor: string;
let viewer: string;
let otherKey: string;
const ids: Record<string, string> = {};

const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("hex");
const pdf = (size: number) =>
  Buffer.concat([Buffer.from("%PDF-1.7\n"), randomBytes(Math.max(0, size - 16)), Buffer.from("\n%%EOF\n")]).subarray(
    0,
    size,
  );

interface FilePart {
  bytes: Buffer;
  name?: string;
  type?: string;
}

async function upload(key: string | null, fields: Record<string, string>, file?: FilePart, url = base) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  if (file)
    form.append("file", new Blob([file.bytes], { type: file.type ?? "application/pdf" }), file.name ?? "evidence.pdf");
  const res = await fetch(`${url}/evidence`, {
    method: "POST",
    body: form,
    headers: key ? { authorization: `Bearer ${key}` } : {},
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
}

async function download(key: string | null, id: string) {
  const res = await fetch(`${base}/evidence/${id}/content`, { headers: key ? { authorization: `Bearer ${key}` } : {} });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

const json = (b: Buffer) => JSON.parse(b.toString("utf8"));

async function counts() {
  const [row] = await app.db.owner.query(
    `SELECT (SELECT count(*) FROM evidence)::int AS evidence, (SELECT count(*) FROM evidence_content)::int AS content`,
  );
  return row as { evidence: number; content: number };
}

async function totalCount(key: string): Promise<number> {
  return (await app.gql(key, `{ evidence { totalCount } }`)).data.evidence.totalCount;
}

const REGISTER = `mutation($input: RegisterExternalEvidenceInput!) { registerExternalEvidence(input: $input) {
  evidence { id storage externalUri sha256 downloadPath processor { name } } userErrors { field code message } } }`;
const UPDATE = `mutation($input: UpdateEvidenceInput!) { updateEvidence(input: $input) {
  evidence { id title effectiveOn version sha256 processor { name } agreement { id } auditReport { id title } finding {
    id } } userErrors { field code message } } }`;
const EVIDENCE_NODE = `query($id: ID!) { node(id: $id) { id ... on Evidence {
  kind title effectiveOn description fileName mediaType sizeBytes sha256 storage externalUri downloadPath version
  processor { id name } agreement { id title } auditReport { id } finding { id } breachNotice { id } measure { id key }
  uploadedBy { name role } } } }`;

const FIELDS = { kind: "AGREEMENT_DOCUMENT", title: "DPA Capturi, signed", effectiveOn: "2024-03-01" };

beforeAll(async () => {
  app = await startTestApp();
  base = app.server.url.replace(/\/graphql$/, "");
  let organizationId: string;
  ({ key: admin, organizationId } = await app.newOrganization("Evidence Org"));
  ({ key: otherKey } = await app.newOrganization("Other Org"));
  auditor = await createApiKey(app, admin, "AUDITOR", "AUDITOR key");
  viewer = await createApiKey(app, admin, "VIEWER", "VIEWER key");
  const processor = async (k: string, name: string) => (await createProcessor(app, k, { name })).id;
  ids.capturi = await processor(admin, "Capturi");
  ids.ubivox = await processor(admin, "Ubivox");
  ids.foreign = await processor(otherKey, "Foreign Vendor");
  const agreement = await app.gql(
    admin,
    `mutation($input: CreateAgreementInput!) { createAgreement(input: $input) { agreement { id } userErrors { ` +
      `field message } } }`,
    {
      input: { processorId: ids.capturi, kind: "DPA", template: "DATATILSYNET_SCC", title: "DPA Capturi" },
    },
  );
  expect(agreement.data.createAgreement.userErrors).toEqual([]);
  ids.agreement = agreement.data.createAgreement.agreement.id;
  const [measure] = await app.db.owner.query(
    `SELECT id, key FROM measure WHERE organization_id IS NULL ORDER BY key LIMIT 1`,
  );
  ids.measure = toGlobalId("Measure", measure.id);
  ids.measureKey = measure.key;
  // Supervision records, arranged directly (their mutations belong to another module).
  const capturiUuid = Buffer.from(ids.capturi, "base64url").toString().split(":")[1];
  const [report] = await app.db.owner.query(
    `INSERT INTO audit_report (organization_id, processor_id, type, title, received_on) VALUES ($1, $2, ` +
      `'ISAE_3000', 'ISAE 3000 type 2 2024', '2025-02-01') RETURNING id`,
    [organizationId, capturiUuid],
  );
  const [finding] = await app.db.owner.query(
    `INSERT INTO audit_finding (organization_id, processor_id, audit_report_id, source, description, severity) ` +
      `VALUES ($1, $2, $3, 'REPORT', 'Access reviews late', 'MEDIUM') RETURNING id`,
    [organizationId, capturiUuid, report.id],
  );
  ids.report = toGlobalId("AuditReport", report.id);
  ids.finding = toGlobalId("AuditFinding", finding.id);
});
afterAll(() => app.stop());

describe("upload and download", () => {
  const bytes = pdf(200_000); // several 64 KiB slices on the way out
  const fileName = "Databehandleraftale – Capturi (2024); ærø.pdf";
  let evidenceId: string;

  test("a PDF upload answers 201 with the SHA-256 of the bytes, and GraphQL shows the metadata and links", async () => {
    const before = await counts();
    const res = await upload(
      admin,
      {
        ...FIELDS,
        description: "Signed copy",
        agreementId: ids.agreement,
        measureId: ids.measure,
        sha256: sha256(bytes).toUpperCase(),
      },
      { bytes, name: fileName },
    );
    expect(res.status).toBe(201);
    const e = res.body.evidence;
    expect(e).toMatchObject({
      sha256: sha256(bytes),
      sizeBytes: bytes.length,
      mediaType: "application/pdf",
      fileName,
      effectiveOn: "2024-03-01",
      kind: "AGREEMENT_DOCUMENT",
      title: "DPA Capturi, signed",
    });
    expect(res.headers.get("location")).toBe(`/evidence/${e.id}/content`);
    expect(await counts()).toEqual({ evidence: before.evidence + 1, content: before.content + 1 });
    evidenceId = e.id;

    const node = await app.gql(admin, EVIDENCE_NODE, { id: evidenceId });
    expect(node.errors).toBeUndefined();
    expect(node.data.node).toMatchObject({
      id: evidenceId,
      kind: "AGREEMENT_DOCUMENT",
      title: "DPA Capturi, signed",
      effectiveOn: "2024-03-01",
      description: "Signed copy",
      fileName,
      mediaType: "application/pdf",
      sizeBytes: bytes.length,
      sha256: sha256(bytes),
      storage: "DATABASE",
      externalUri: null,
      downloadPath: `/evidence/${evidenceId}/content`,
      // The processor comes from the linked agreement.
      processor: { id: ids.capturi, name: "Capturi" },
      agreement: { id: ids.agreement, title: "DPA Capturi" },
      measure: { id: ids.measure, key: ids.measureKey },
      auditReport: null,
      finding: null,
      breachNotice: null,
      uploadedBy: { name: "admin key", role: "ADMIN" },
    });
    const lists = await app.gql(
      admin,
      `query($p: ID!, $a: ID!) {
      processor(id: $p) { evidence { id } } a: node(id: $a) { ... on Agreement { evidence { id } } } }`,
      { p: ids.capturi, a: ids.agreement },
    );
    expect(lists.errors).toBeUndefined();
    expect(lists.data.processor.evidence).toEqual([{ id: evidenceId }]);
    expect(lists.data.a.evidence).toEqual([{ id: evidenceId }]);
  });

  test("ADMIN and AUDITOR download the same bytes with the hash headers", async () => {
    for (const key of [admin, auditor]) {
      const res = await download(key, evidenceId);
      expect(res.status).toBe(200);
      expect(res.bytes.equals(bytes)).toBe(true);
      expect(res.headers.get("content-type")).toBe("application/pdf");
      expect(res.headers.get("content-length")).toBe(String(bytes.length));
      expect(res.headers.get("x-content-sha256")).toBe(sha256(bytes));
      expect(res.headers.get("digest")).toBe(`sha-256=${createHash("sha256").update(bytes).digest("base64")}`);
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      const disposition = res.headers.get("content-disposition")!;
      expect(disposition).toMatch(/^attachment; filename\*=UTF-8''[A-Za-z0-9%!#$&+.^_`|~-]+$/);
      expect(decodeURIComponent(disposition.split("''")[1])).toBe(fileName);
    }
  });

  test("VIEWER sees the metadata but may not download the content", async () => {
    const res = await download(viewer, evidenceId);
    expect(res.status).toBe(403);
    expect(json(res.bytes).error.code).toBe("FORBIDDEN");
    expect((await app.gql(viewer, EVIDENCE_NODE, { id: evidenceId })).data.node.sha256).toBe(sha256(bytes));
  });

  test("another organization can neither download (404, as for an unknown id) nor see the metadata", async () => {
    const unknown = toGlobalId("Evidence", "00000000-0000-4000-8000-000000000000");
    const foreign = await download(otherKey, evidenceId);
    const missing = await download(otherKey, unknown);
    const malformed = await download(otherKey, "not-an-id");
    expect(foreign.status).toBe(404);
    expect(json(foreign.bytes)).toEqual(json(missing.bytes));
    expect(json(foreign.bytes)).toEqual(json(malformed.bytes));
    expect(json(foreign.bytes).error.code).toBe("NOT_FOUND");
    expect((await app.gql(otherKey, EVIDENCE_NODE, { id: evidenceId })).data.node).toBeNull();
    expect(await totalCount(otherKey)).toBe(0);
  });

  test("no key or a bad key is 401 on both routes", async () => {
    expect((await download(null, evidenceId)).status).toBe(401);
    expect((await download("tsk_000000000000.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", evidenceId)).status).toBe(
      401,
    );
    const res = await upload(null, FIELDS, { bytes: pdf(100) });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("UNAUTHENTICATED");
  });
});

describe("refused uploads write nothing", () => {
  test("AUDITOR may not upload (403) nor register external evidence (FORBIDDEN)", async () => {
    const before = await counts();
    const res = await upload(auditor, FIELDS, { bytes: pdf(1000) });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("FORBIDDEN");
    const reg = await app.gql(auditor, REGISTER, {
      input: { ...FIELDS, externalUri: "https://dms.example.com/doc/1", sha256: "a".repeat(64) },
    });
    expect(reg.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    expect(await counts()).toEqual(before);
  });

  test("a declared sha256 that does not match is 422 HASH_MISMATCH", async () => {
    const before = await totalCount(admin);
    const bytes = pdf(5000);
    const res = await upload(admin, { ...FIELDS, sha256: "0".repeat(64) }, { bytes });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: "HASH_MISMATCH", field: "sha256" });
    expect(res.body.error.message).toContain(sha256(bytes));
    expect(await totalCount(admin)).toBe(before);
  });

  test("an unknown link id and another organization's processor get the same 422 NOT_FOUND", async () => {
    const before = await counts();
    const unknown = await upload(
      admin,
      { ...FIELDS, processorId: toGlobalId("Processor", "00000000-0000-4000-8000-000000000000") },
      { bytes: pdf(1000) },
    );
    const foreign = await upload(admin, { ...FIELDS, processorId: ids.foreign }, { bytes: pdf(1000) });
    const wrongType = await upload(admin, { ...FIELDS, processorId: ids.agreement }, { bytes: pdf(1000) });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error).toMatchObject({ code: "NOT_FOUND", field: "processorId" });
    expect(foreign.body).toEqual(unknown.body);
    expect(wrongType.body).toEqual(unknown.body);
    const report = await upload(
      admin,
      { ...FIELDS, auditReportId: toGlobalId("AuditReport", "00000000-0000-4000-8000-000000000000") },
      { bytes: pdf(1000) },
    );
    expect(report.body.error).toMatchObject({ code: "NOT_FOUND", field: "auditReportId" });
    expect(await counts()).toEqual(before);
  });

  test("links that disagree about the processor are 422 INVALID", async () => {
    const res = await upload(
      admin,
      { ...FIELDS, processorId: ids.ubivox, agreementId: ids.agreement },
      { bytes: pdf(1000) },
    );
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: "INVALID", field: "agreementId" });
  });

  test("missing and invalid fields are 422 naming the field", async () => {
    const before = await counts();
    const cases: [Record<string, string>, FilePart | undefined, string, string][] = [
      [{ title: "T", effectiveOn: "2024-01-01" }, { bytes: pdf(100) }, "kind", "REQUIRED"],
      [{ kind: "SECRET", title: "T", effectiveOn: "2024-01-01" }, { bytes: pdf(100) }, "kind", "INVALID"],
      [{ kind: "OTHER", effectiveOn: "2024-01-01" }, { bytes: pdf(100) }, "title", "REQUIRED"],
      [{ kind: "OTHER", title: "   ", effectiveOn: "2024-01-01" }, { bytes: pdf(100) }, "title", "REQUIRED"],
      [{ kind: "OTHER", title: "x".repeat(301), effectiveOn: "2024-01-01" }, { bytes: pdf(100) }, "title", "TOO_LONG"],
      [{ kind: "OTHER", title: "T" }, { bytes: pdf(100) }, "effectiveOn", "REQUIRED"],
      [{ kind: "OTHER", title: "T", effectiveOn: "2024-02-30" }, { bytes: pdf(100) }, "effectiveOn", "INVALID"],
      [{ ...FIELDS, sha256: "xyz" }, { bytes: pdf(100) }, "sha256", "INVALID"],
      [{ ...FIELDS, processorID: ids.capturi }, { bytes: pdf(100) }, "processorID", "INVALID"],
      [FIELDS, undefined, "file", "REQUIRED"],
      [FIELDS, { bytes: Buffer.alloc(0) }, "file", "INVALID"],
    ];
    for (const [fields, file, field, code] of cases) {
      const res = await upload(admin, fields, file);
      expect([res.status, res.body.error.field, res.body.error.code]).toEqual([422, field, code]);
    }
    expect(await counts()).toEqual(before);
  });

  test("a request that is not multipart/form-data is 415", async () => {
    const res = await fetch(`${base}/evidence`, {
      method: "POST",
      headers: { authorization: `Bearer ${admin}`, "content-type": "application/json" },
      body: JSON.stringify(FIELDS),
    });
    expect(res.status).toBe(415);
    expect(((await res.json()) as any).error.code).toBe("UNSUPPORTED_MEDIA_TYPE");
  });
});

describe("size limit", () => {
  let small: RunningServer;
  let smallBase: string;
  beforeAll(async () => {
    small = await startServer({ ...loadConfig({}), port: 0, evidenceMaxBytes: 1024 }, app.db);
    smallBase = small.url.replace(/\/graphql$/, "");
  });
  afterAll(() => small.stop());

  test(
    "one byte over the limit is 413 PAYLOAD_TOO_LARGE and leaves no " + "evidence; exactly the limit is accepted",
    async () => {
      const before = await counts();
      const over = await upload(admin, FIELDS, { bytes: pdf(1025) }, smallBase);
      expect(over.status).toBe(413);
      expect(over.body.error).toEqual({
        code: "PAYLOAD_TOO_LARGE",
        field: "file",
        message: expect.stringContaining("limit is 1024 bytes"),
      });
      expect(await counts()).toEqual(before);
      const at = await upload(admin, FIELDS, { bytes: pdf(1024) }, smallBase);
      expect(at.status).toBe(201);
      expect(at.body.evidence.sizeBytes).toBe(1024);
      expect(await counts()).toEqual({ evidence: before.evidence + 1, content: before.content + 1 });
    },
  );

  /** Sends the start of a multipart upload and never finishes it; resolves with the server's answer. */
  function unfinishedUpload(
    fileBytes: number,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; body: any; connection?: string }> {
    const boundary = `----tilsyn${randomBytes(8).toString("hex")}`;
    const part = (name: string, value: string) =>
      `--${boundary}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
    const head =
      Object.entries(FIELDS)
        .map(([k, v]) => part(k, v))
        .join("") +
      `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="big.pdf"\r\ncontent-type: ` +
      `application/pdf\r\n\r\n`;
    const url = new URL(smallBase);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("no answer while the upload was still open")), 5000);
      const req = http.request({
        host: url.hostname,
        port: url.port,
        path: "/evidence",
        method: "POST",
        headers: {
          authorization: `Bearer ${admin}`,
          "content-type": `multipart/form-data; boundary=${boundary}`,
          ...headers,
        },
      });
      req.on("response", (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c) => chunks.push(c));
        res.on("end", () => {
          clearTimeout(timer);
          resolve({
            status: res.statusCode!,
            body: JSON.parse(Buffer.concat(chunks).toString()),
            connection: res.headers.connection,
          });
          req.destroy();
        });
      });
      req.on("error", () => undefined);
      req.write(head);
      req.write(randomBytes(fileBytes)); // and never end()
    });
  }

  test("an upload is cut off as soon as it passes the limit, without waiting for the rest of the body", async () => {
    const before = await counts();
    const res = await unfinishedUpload(4096);
    expect(res.status).toBe(413);
    expect(res.body.error).toMatchObject({ code: "PAYLOAD_TOO_LARGE", field: "file" });
    expect(res.connection).toBe("close");
    expect(await counts()).toEqual(before);
  });

  test("a declared Content-Length far over the limit is refused before the body is read", async () => {
    const res = await unfinishedUpload(10, { "content-length": String(50 * 1024 * 1024) });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe("PAYLOAD_TOO_LARGE");
  });

  test("a much larger upload is cut off with 413 as well", async () => {
    const before = await counts();
    const res = await upload(admin, FIELDS, { bytes: pdf(300_000) }, smallBase);
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe("PAYLOAD_TOO_LARGE");
    expect(await counts()).toEqual(before);
  });
});

describe("integrity", () => {
  test("changed stored bytes are 500 INTEGRITY_FAILED and the content is not sent", async () => {
    const bytes = pdf(70_000);
    const up = await upload(admin, { ...FIELDS, kind: "CERTIFICATE", title: "ISO 27001 certificate" }, { bytes });
    expect(up.status).toBe(201);
    const uuid = Buffer.from(up.body.evidence.id, "base64url").toString().split(":")[1];
    await app.db.owner.query(
      `UPDATE evidence_content SET content = set_byte(content, 100, (get_byte(content, 100) + 1) % 256) WHERE ` +
        `evidence_id = $1`,
      [uuid],
    );
    const res = await download(admin, up.body.evidence.id);
    expect(res.status).toBe(500);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(res.headers.get("x-content-sha256")).toBeNull();
    expect(json(res.bytes).error.code).toBe("INTEGRITY_FAILED");
    expect(res.bytes.includes(Buffer.from("%PDF"))).toBe(false);
  });
});

describe("external evidence and GraphQL mutations", () => {
  let externalId: string;

  test("registerExternalEvidence stores the URI and declared hash; its download is 409 EXTERNAL", async () => {
    const hash = "AB".repeat(32);
    const res = await app.gql(admin, REGISTER, {
      input: {
        ...FIELDS,
        kind: "AUDIT_REPORT",
        title: "ISAE 3000 2024",
        externalUri: "https://trust.capturi.example/isae-3000-2024.pdf",
        sha256: hash,
        auditReportId: ids.report,
        mediaType: "application/pdf",
        sizeBytes: 123456,
      },
    });
    expect(res.errors).toBeUndefined();
    const payload = res.data.registerExternalEvidence;
    expect(payload.userErrors).toEqual([]);
    expect(payload.evidence).toMatchObject({
      storage: "EXTERNAL",
      sha256: hash.toLowerCase(),
      downloadPath: null,
      processor: { name: "Capturi" },
    });
    externalId = payload.evidence.id;
    const dl = await download(auditor, externalId);
    expect(dl.status).toBe(409);
    expect(json(dl.bytes).error.code).toBe("EXTERNAL");
    expect(json(dl.bytes).error.message).toContain("https://trust.capturi.example/isae-3000-2024.pdf");
    const report = await app.gql(
      admin,
      `query($id: ID!) { node(id: $id) { ... on AuditReport { evidence { id } } } }`,
      { id: ids.report },
    );
    expect(report.errors).toBeUndefined();
    expect(report.data.node.evidence).toEqual([{ id: externalId }]);
  });

  test("a bad sha256 or URL comes back as userErrors naming the field, and nothing is written", async () => {
    const before = await counts();
    const input = { ...FIELDS, externalUri: "https://dms.example.com/1", sha256: "a".repeat(64) };
    const cases: [object, string[], string][] = [
      [{ ...input, sha256: "a".repeat(63) }, ["input", "sha256"], "INVALID"],
      [{ ...input, sha256: "g".repeat(64) }, ["input", "sha256"], "INVALID"],
      [{ ...input, externalUri: "ftp://dms.example.com/1" }, ["input", "externalUri"], "INVALID"],
      [{ ...input, externalUri: "not a url" }, ["input", "externalUri"], "INVALID"],
      [{ ...input, title: " " }, ["input", "title"], "REQUIRED"],
      [{ ...input, kind: "SECRET" }, ["input", "kind"], "INVALID"],
      [{ ...input, processorId: ids.foreign }, ["input", "processorId"], "NOT_FOUND"],
    ];
    for (const [i, field, code] of cases) {
      const res = await app.gql(admin, REGISTER, { input: i });
      expect(res.errors).toBeUndefined();
      expect(res.data.registerExternalEvidence.evidence).toBeNull();
      expect(res.data.registerExternalEvidence.userErrors).toEqual([expect.objectContaining({ field, code })]);
    }
    expect(await counts()).toEqual(before);
  });

  test("updateEvidence changes metadata and links, checks the version, and never the hash", async () => {
    const node = (await app.gql(admin, EVIDENCE_NODE, { id: externalId })).data.node;
    const res = await app.gql(admin, UPDATE, {
      input: {
        id: externalId,
        version: node.version,
        title: "ISAE 3000 type 2, 2024",
        effectiveOn: "2024-12-31",
        findingId: ids.finding,
      },
    });
    expect(res.data.updateEvidence.userErrors).toEqual([]);
    expect(res.data.updateEvidence.evidence).toMatchObject({
      title: "ISAE 3000 type 2, 2024",
      effectiveOn: "2024-12-31",
      version: node.version + 1,
      sha256: node.sha256,
      processor: { name: "Capturi" },
      auditReport: { id: ids.report },
      finding: { id: ids.finding },
    });
    const stale = await app.gql(admin, UPDATE, { input: { id: externalId, version: node.version, title: "x" } });
    expect(stale.data.updateEvidence.userErrors).toEqual([
      expect.objectContaining({ field: ["input", "version"], code: "STALE_VERSION" }),
    ]);
    const mismatch = await app.gql(admin, UPDATE, { input: { id: externalId, processorId: ids.ubivox } });
    expect(mismatch.data.updateEvidence.userErrors[0]).toMatchObject({ code: "INVALID" });
    const nulls = await app.gql(admin, UPDATE, { input: { id: externalId, effectiveOn: null, title: null } });
    expect(nulls.data.updateEvidence.userErrors.map((e: any) => [e.field, e.code])).toEqual(
      expect.arrayContaining([
        [["input", "effectiveOn"], "REQUIRED"],
        [["input", "title"], "REQUIRED"],
      ]),
    );
    const hash = await app.gql(
      admin,
      `mutation($id: ID!) { updateEvidence(input: { id: $id, sha256: "00" }) { userErrors { code } } }`,
      { id: externalId },
    );
    expect(hash.errors?.[0].extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    const foreign = await app.gql(otherKey, UPDATE, { input: { id: externalId, title: "mine" } });
    expect(foreign.data.updateEvidence.userErrors).toEqual([
      expect.objectContaining({ field: ["input", "id"], code: "NOT_FOUND" }),
    ]);
    const finding = await app.gql(
      admin,
      `query($id: ID!) { node(id: $id) { ... on AuditFinding { evidence { id } } } }`,
      { id: ids.finding },
    );
    expect(finding.data.node.evidence).toEqual([{ id: externalId }]);
  });

  test("the evidence query filters and pages newest effective date first", async () => {
    const all = await app.gql(admin, `{ evidence(first: 100) { totalCount edges { node { id effectiveOn } } } }`);
    expect(all.errors).toBeUndefined();
    const dates = all.data.evidence.edges.map((e: any) => e.node.effectiveOn);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(dates[0]).toBe("2024-12-31");
    const page1 = await app.gql(
      admin,
      `{ evidence(first: 1) { edges { node { id } } pageInfo { hasNextPage endCursor } } }`,
    );
    const page2 = await app.gql(
      admin,
      `query($after: String) { evidence(first: 1, after: $after) { edges { node { id } } } }`,
      { after: page1.data.evidence.pageInfo.endCursor },
    );
    expect(page1.data.evidence.pageInfo.hasNextPage).toBe(true);
    expect(page2.data.evidence.edges[0].node.id).toBe(all.data.evidence.edges[1].node.id);
    const filtered = await app.gql(
      admin,
      `query($p: ID!) { evidence(filter: { processorId: $p, kind: AUDIT_REPORT, effectiveFrom: "2024-12-01", ` +
        `effectiveTo: "2024-12-31" }) { totalCount edges { node { title } } } }`,
      { p: ids.capturi },
    );
    expect(filtered.data.evidence).toEqual({ totalCount: 1, edges: [{ node: { title: "ISAE 3000 type 2, 2024" } }] });
    const none = await app.gql(admin, `query($p: ID!) { evidence(filter: { processorId: $p }) { totalCount } }`, {
      p: ids.ubivox,
    });
    expect(none.data.evidence.totalCount).toBe(0);
  });
});
