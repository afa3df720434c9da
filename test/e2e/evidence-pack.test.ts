// The evidence manifest as an auditor recomputes it, and the evidence pack (issue 18, item 5): the CSV
// carries each item's canonical record beside its SHA-256 (recomputed here from the CSV alone), and
// GET /exports/evidence-pack.zip holds the manifest and every stored file it lists (opened here with
// JSZip, each file hashed and compared with the manifest), for the roles that may read documents.
import { createHash } from "node:crypto";
import { parse } from "csv-parse/sync";
import JSZip from "jszip";
import { seedDemoOrganization, startTestApp, TestApp } from "../helpers/app";
import { createApiKey } from "../helpers/fixtures";

let app: TestApp;
let key: string;
let auditorKey: string;
let viewerKey: string;
let base: string;
const ids: Record<string, string> = {};
const pdf = Buffer.from("%PDF-1.4 ISAE 3000 statement for Capturi 2025\n%%EOF\n");
const minutes = Buffer.from(
  "Tilsynsmøde med Capturi, 3. marts 2026.\nReferat: backup-test gennemgået; ingen afvigelser.\n",
);

const sha256 = (data: Buffer | string) => createHash("sha256").update(data).digest("hex");
const get = (k: string | null, path: string) =>
  fetch(`${base}${path}`, { headers: k ? { authorization: `Bearer ${k}` } : {} });

async function upload(fields: Record<string, string>, content: Buffer, name: string, type: string) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  form.set("file", new Blob([content], { type }), name);
  const res = await fetch(`${base}/evidence`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}` },
    body: form,
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as any).evidence;
}

beforeAll(async () => {
  app = await startTestApp();
  key = (await seedDemoOrganization(app)).key;
  base = app.server.url.replace(/\/graphql$/, "");
  const res = await app.gql(key, `{ processors(first: 100) { edges { node { id name } } } }`);
  for (const { node } of res.data.processors.edges) ids[node.name] = node.id;
  auditorKey = await createApiKey(app, key, "AUDITOR", "external auditor");
  viewerKey = await createApiKey(app, key, "VIEWER", "viewer");
  const report = await app.ok(
    key,
    `mutation($p: ID!) { createAuditReport(input: { processorId: $p, type: "ISAE_3000", reportKind: "TYPE_2", ` +
      `periodStart: "2025-01-01", periodEnd: "2025-12-31", issuedOn: "2026-02-10", receivedOn: "2026-02-20", title: ` +
      `"ISAE 3000 type 2 2025", opinion: "UNQUALIFIED", auditor: "Revisor P/S" }) { auditReport { id } userErrors { ` +
      `message } } }`,
    { p: ids["Capturi"] },
  );
  const reportId = report.createAuditReport.auditReport.id;
  await upload(
    { kind: "AUDIT_REPORT", title: "ISAE 3000 (PDF)", effectiveOn: "2025-12-31", auditReportId: reportId },
    pdf,
    "isae3000-2025.pdf",
    "application/pdf",
  );
  await upload(
    { kind: "OTHER", title: "Referat af tilsynsmøde", effectiveOn: "2026-03-03", processorId: ids["Capturi"] },
    minutes,
    "referat; møde 2026.txt",
    "text/plain",
  );
  await app.ok(
    key,
    `mutation($p: ID!) { registerExternalEvidence(input: { processorId: $p, kind: "OTHER", title: "SOC 2 portal", ` +
      `effectiveOn: "2026-04-01", externalUri: "https://trust.example.com/soc2.pdf", sha256: "${"a".repeat(64)}" }) ` +
      `{ userErrors { field message } } }`,
    { p: ids["Capturi"] },
  );
});
afterAll(() => app.stop());

const QUERY = () => `processorId=${encodeURIComponent(ids["Capturi"])}&from=2026-01-01&to=2026-12-31`;

test("the manifest CSV carries each canonical record beside its hash, recomputed from the CSV alone", async () => {
  for (const [delimiter, separator] of [
    ["", ","],
    ["&delimiter=semicolon", ";"],
  ]) {
    const res = await get(auditorKey, `/exports/evidence-manifest.csv?${QUERY()}${delimiter}`);
    expect(res.status).toBe(200);
    const text = await res.text();
    const rows = parse(text, { columns: true, bom: true, delimiter: separator }) as Record<string, string>[];
    expect(rows.length).toBeGreaterThan(4);
    const header = Object.keys(rows[0]);
    expect(header.indexOf("record")).toBe(header.indexOf("record_sha256") + 1);
    for (const row of rows) {
      expect(sha256(row.record)).toBe(row.record_sha256);
      expect(JSON.parse(row.record)).toHaveProperty("kind", row.kind);
    }
  }
  const bad = await get(auditorKey, `/exports/evidence-manifest.csv?delimiter=tab`);
  expect(bad.status).toBe(400);
  expect(((await bad.json()) as any).error).toMatchObject({ code: "INVALID", field: "delimiter" });
  // Not translated (yet): asking for Danish is refused rather than answered in English codes.
  const danish = await get(auditorKey, `/exports/evidence-manifest.csv?lang=da`);
  expect(danish.status).toBe(400);
  expect(((await danish.json()) as any).error).toMatchObject({ code: "INVALID", field: "lang" });
});

test("the evidence pack holds the manifest and every stored file it lists, each matching its hash", async () => {
  const res = await get(auditorKey, `/exports/evidence-pack.zip?${QUERY()}`);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("application/zip");
  expect(res.headers.get("content-disposition")).toMatch(/evidence-pack-\d{4}-\d{2}-\d{2}\.zip/);
  const zip = await JSZip.loadAsync(Buffer.from(await res.arrayBuffer()));
  const csv = await zip.file("manifest.csv")!.async("nodebuffer");
  const rows = parse(csv, { columns: true, bom: true }) as Record<string, string>[];
  const json = JSON.parse(await zip.file("manifest.json")!.async("string"));
  expect(json.items.map((i: any) => i.recordSha256)).toEqual([...new Set(rows.map((r) => r.record_sha256))]);
  for (const row of rows) expect(sha256(row.record)).toBe(row.record_sha256);

  const listed = rows.filter((r) => r.file_id);
  const external = json.items.flatMap((i: any) => i.files).filter((f: any) => f.storage === "EXTERNAL");
  expect(external.map((f: any) => f.externalUri)).toEqual(["https://trust.example.com/soc2.pdf"]);
  const stored = listed.filter((r) => !external.some((f: any) => f.id === r.file_id));
  expect(stored.map((r) => r.file_name).sort()).toEqual(["isae3000-2025.pdf", "referat; møde 2026.txt"]);
  const files = Object.values(zip.files).filter((f) => !f.dir && f.name.startsWith("files/"));
  expect(files.map((f) => f.name).sort()).toEqual(stored.map((r) => `files/${r.file_id}/${r.file_name}`).sort());
  for (const row of stored) {
    const content = await zip.file(`files/${row.file_id}/${row.file_name}`)!.async("nodebuffer");
    expect(sha256(content)).toBe(row.file_sha256);
    expect(String(content.length)).toBe(row.file_size_bytes);
  }
  expect(
    await zip
      .file(`files/${stored.find((r) => r.file_name.endsWith(".txt"))!.file_id}/referat; møde 2026.txt`)!
      .async("nodebuffer"),
  ).toEqual(minutes);
});

test("roles as for evidence downloads; bad filters are 400s naming the parameter; strangers see nothing", async () => {
  expect((await get(null, `/exports/evidence-pack.zip`)).status).toBe(401);
  const viewer = await get(viewerKey, `/exports/evidence-pack.zip?${QUERY()}`);
  expect(viewer.status).toBe(403);
  expect(((await viewer.json()) as any).error.code).toBe("FORBIDDEN");
  expect((await get(key, `/exports/evidence-pack.zip?${QUERY()}`)).status).toBe(200);
  const badDate = await get(auditorKey, `/exports/evidence-pack.zip?from=2026-02-30`);
  expect(badDate.status).toBe(400);
  expect(((await badDate.json()) as any).error).toMatchObject({ code: "INVALID", field: "from" });
  const other = await app.newOrganization("Other controller");
  const theirs = await get(other.key, `/exports/evidence-pack.zip?processorId=${encodeURIComponent(ids["Capturi"])}`);
  expect(theirs.status).toBe(400);
  const all = await JSZip.loadAsync(
    Buffer.from(await (await get(other.key, `/exports/evidence-pack.zip`)).arrayBuffer()),
  );
  expect(Object.keys(all.files).sort()).toEqual(["manifest.csv", "manifest.json"]);
  expect(JSON.parse(await all.file("manifest.json")!.async("string")).items).toEqual([]);
});

test("a stored file that no longer matches its hash ends the download: no pack that looks whole", async () => {
  await app.db.owner.query(
    `UPDATE evidence_content SET content = convert_to('tampered', 'UTF8')
      WHERE evidence_id IN (SELECT id FROM evidence WHERE file_name = 'isae3000-2025.pdf')`,
  );
  const res = await get(auditorKey, `/exports/evidence-pack.zip?${QUERY()}`);
  expect(res.status).toBe(200); // the headers went out before the file was reached
  const read = res.arrayBuffer().then(
    (body) => JSZip.loadAsync(Buffer.from(body)),
    (err: Error) => err,
  );
  const outcome = await read.catch((err: Error) => err);
  // fetch's "terminated" (the socket was cut) or JSZip's refusal of a truncated archive: never a readable pack.
  expect(outcome).not.toBeInstanceOf(JSZip);
  expect(String(outcome)).toMatch(/Error/);
});
