// A folder of DPAs in one request over real HTTP (POST /imports/agreements): several file parts and a
// ZIP of documents, one draft per document matched to a processor where its parties allow, a status with
// a code for every bad file, nothing half-written; ZIP bombs (a high compression ratio, a header that lies
// about the inflated size, too many entries) refused before they inflate. Every file is built here.
import { readFileSync } from "node:fs";
import path from "node:path";
import { Document, Packer, Paragraph } from "docx";
import JSZip from "jszip";
import { startTestApp, TestApp } from "../helpers/app";
import { createApiKey, createProcessor } from "../helpers/fixtures";
import { Role } from "../../src/common/auth";
import { seedDpaText } from "../../seeds/dpas";

const FIXTURES = path.resolve(__dirname, "..", "fixtures", "dpa-import", "documents");
const invoice = readFileSync(path.join(FIXTURES, "faktura-2024-118.da.txt"));

let app: TestApp;
let base: string;
let admin: string;
let viewer: string;

/** A Word file of a seed DPA as a typist makes it: one paragraph per line. */
const docxOf = (text: string) =>
  Packer.toBuffer(new Document({ sections: [{ children: text.split("\n").map((l) => new Paragraph(l)) }] }));

async function zipOf(files: Record<string, Buffer | string>, level = 6): Promise<Buffer> {
  const zip = new JSZip();
  for (const [name, content] of Object.entries(files)) zip.file(name, content);
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE", compressionOptions: { level } });
}

async function post(key: string, files: [string, Buffer, string?][], fields: Record<string, string> = {}) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  for (const [name, bytes, type] of files)
    form.append("file", new Blob([new Uint8Array(bytes)], { type: type ?? "application/octet-stream" }), name);
  const res = await fetch(`${base}/imports/agreements`, {
    method: "POST",
    body: form,
    headers: { authorization: `Bearer ${key}` },
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

async function rowCounts() {
  const [row] = await app.db.owner.query(
    `SELECT (SELECT count(*) FROM evidence)::int AS evidence, (SELECT count(*) FROM agreement_import)::int AS imports,
            (SELECT count(*) FROM agreement_import_text)::int AS texts,
            (SELECT count(*) FROM processor)::int AS processors`,
  );
  return row as Record<string, number>;
}

const summary = (d: any) => ({ file: d.file, status: d.status, code: d.error?.code ?? null });

beforeAll(async () => {
  app = await startTestApp({ evidenceMaxBytes: 2_000_000 });
  base = app.server.url.replace(/\/graphql$/, "");
  admin = (await app.newOrganization("Folder controller")).key;
  viewer = await createApiKey(app, admin, Role.VIEWER, "VIEWER key");
});

afterAll(async () => {
  await app.stop();
});

test("a document's processor is matched as the register import matches it (form, case, accents aside)", async () => {
  // The vendor is registered without its CVR number and without "A/S"; the DPA names "Capturi A/S" with its number.
  const other = (await app.newOrganization("Matching controller")).key;
  const registered = await createProcessor(app, other, { name: "CAPTURI", countryCode: "DK" });
  const res = await post(other, [["capturi-dpa.da.txt", Buffer.from(seedDpaText("capturi-dpa.da.txt")), "text/plain"]]);
  expect(res.status).toBe(200);
  expect(res.body.documents[0].agreementImport.processor).toMatchObject({ id: registered.id });
});

describe("a folder of DPAs", () => {
  let capturi: { id: string };
  let answer: any;

  test("every document gets a status: drafts for the DPAs, a code for each bad file", async () => {
    capturi = await createProcessor(app, admin, {
      name: "Capturi A/S",
      registrationNumber: "41183527",
      registrationScheme: "CVR",
      countryCode: "DK",
    });
    const before = await rowCounts();
    const folder = await zipOf({
      "DPAer/firstagenda-ubivox.docx": await docxOf(seedDpaText("firstagenda-ubivox-subprocessor-dpa.da.txt")),
      "DPAer/faktura-2024-118.txt": invoice,
      "DPAer/gammelt.zip": await zipOf({ "a.txt": "databehandleraftale" }),
      "DPAer/.DS_Store": "mac",
      "__MACOSX/DPAer/._firstagenda-ubivox.docx": "fork",
    });
    const capturiText = Buffer.from(seedDpaText("capturi-dpa.da.txt"));
    const res = await post(admin, [
      ["capturi-dpa.da.txt", capturiText, "text/plain"],
      ["e-sg-cloud-dpa.docx", await docxOf(seedDpaText("e-sg-cloud-dpa.da.txt"))],
      ["DPAer.zip", folder, "application/zip"],
      ["kopi af capturi.txt", capturiText, "text/plain"],
      ["logo.png", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]), "image/png"],
    ]);
    expect(res.status).toBe(200);
    answer = res.body;
    expect(answer.documents.map(summary)).toEqual([
      { file: "capturi-dpa.da.txt", status: "IMPORTED", code: null },
      { file: "e-sg-cloud-dpa.docx", status: "IMPORTED", code: null },
      { file: "DPAer.zip/DPAer/firstagenda-ubivox.docx", status: "IMPORTED", code: null },
      { file: "DPAer.zip/DPAer/faktura-2024-118.txt", status: "REFUSED", code: "NOT_A_DPA" },
      { file: "DPAer.zip/DPAer/gammelt.zip", status: "REFUSED", code: "UNSUPPORTED_MEDIA_TYPE" },
      { file: "kopi af capturi.txt", status: "REFUSED", code: "DUPLICATE" },
      { file: "logo.png", status: "REFUSED", code: "UNSUPPORTED_MEDIA_TYPE" },
    ]);
    expect(answer).toMatchObject({ imported: 3, refused: 4 });
    const [c, e, f] = answer.documents;
    // Matched where the parties allow: Capturi by its CVR number; e-Sg names a processor not yet registered.
    expect(c.agreementImport).toMatchObject({ status: "DRAFT", kind: "DPA", processor: { id: capturi.id } });
    expect(e.agreementImport).toMatchObject({ kind: "DPA", format: "docx", processor: null });
    expect(f.agreementImport).toMatchObject({ kind: "SUBPROCESSOR_AGREEMENT", format: "docx" });
    expect(f.evidence).toMatchObject({ kind: "AGREEMENT_DOCUMENT", fileName: "firstagenda-ubivox.docx" });
    for (const d of answer.documents.filter((x: any) => x.status === "REFUSED")) expect(d.error.message).toBeTruthy();
    // One evidence file, one draft and its text per document read; no processor created.
    const after = await rowCounts();
    expect(after).toEqual({
      evidence: before.evidence + 3,
      imports: before.imports + 3,
      texts: before.texts + 3,
      processors: before.processors,
    });
  });

  test("agreementImports lists them with their missing fields", async () => {
    const data = await app.ok(
      admin,
      `{ agreementImports(status: DRAFT) { id missing evidence { fileName } processor { id name } } }`,
    );
    const imported = answer.documents.filter((d: any) => d.status === "IMPORTED");
    expect(data.agreementImports.map((i: any) => i.id)).toEqual(
      expect.arrayContaining(imported.map((d: any) => d.agreementImport.id)),
    );
    const byId = new Map(data.agreementImports.map((i: any) => [i.id, i]));
    for (const d of imported) {
      const listed: any = byId.get(d.agreementImport.id);
      expect(listed.missing).toEqual(d.agreementImport.missing);
      expect(listed.evidence.fileName).toBe(d.evidence.fileName);
    }
    expect((byId.get(imported[0].agreementImport.id) as any).processor).toEqual({
      id: capturi.id,
      name: "Capturi A/S",
    });
  });
});

test("a file over the size limit is refused on its own; the others are read", async () => {
  const cloudkasse = readFileSync(path.join(FIXTURES, "cloudkasse-scc.en.txt"));
  const res = await post(admin, [
    ["stor.txt", Buffer.alloc(2_100_000, "a"), "text/plain"],
    ["cloudkasse-scc.en.txt", cloudkasse, "text/plain"],
  ]);
  expect(res.status).toBe(200);
  expect(res.body.documents.map(summary)).toEqual([
    { file: "stor.txt", status: "REFUSED", code: "PAYLOAD_TOO_LARGE" },
    { file: "cloudkasse-scc.en.txt", status: "IMPORTED", code: null },
  ]);
});

describe("ZIP bombs are refused before they inflate, and nothing is written", () => {
  /** An entry of zeros: megabytes that deflate to a few kilobytes. */
  const zeros = (bytes: number) => Buffer.alloc(bytes, 0);

  /** The archive with its one entry's inflated size declared as `declared` in both headers. */
  function lying(zip: Buffer, declared: number): Buffer {
    const out = Buffer.from(zip);
    for (let i = 0; i < out.length - 4; i++) {
      const sig = out.readUInt32LE(i);
      if (sig === 0x04034b50) out.writeUInt32LE(declared, i + 22);
      if (sig === 0x02014b50) out.writeUInt32LE(declared, i + 24);
    }
    return out;
  }

  test.each([
    ["a high compression ratio", async () => zipOf({ "dpa.txt": zeros(1_500_000) }, 9), "ARCHIVE_LIMIT", /times/],
    [
      "a header that lies about the inflated size",
      async () => lying(await zipOf({ "dpa.txt": zeros(1_500_000) }, 9), 1000),
      "UNREADABLE_ARCHIVE",
      /could not be read/,
    ],
    [
      "more documents than one request takes",
      async () => zipOf(Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`dpa-${i}.txt`, `aftale ${i}`]))),
      "ARCHIVE_LIMIT",
      /at most 50/,
    ],
    [
      "documents that inflate past the archive's total",
      async () =>
        zipOf(Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`dpa-${i}.txt`, zeros(1_900_000 + i)])), 1),
      "ARCHIVE_LIMIT",
      /inflate to/,
    ],
  ])("%s", async (_name, build, code, message) => {
    const before = await rowCounts();
    const res = await post(admin, [["bombe.zip", await build(), "application/zip"]]);
    expect(res.status).toBe(200);
    expect(res.body.documents.map(summary)).toEqual([{ file: "bombe.zip", status: "REFUSED", code }]);
    expect(res.body.documents[0].error.message).toMatch(message);
    expect(await rowCounts()).toEqual(before);
  });
});

describe("requests that cannot be read at all", () => {
  test("no file part, a text field, not multipart, a role that may not write", async () => {
    const none = await fetch(`${base}/imports/agreements`, {
      method: "POST",
      body: new FormData(),
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(none.status).toBe(422);
    expect(((await none.json()) as any).error).toMatchObject({ code: "REQUIRED", field: "file" });
    const field = await post(admin, [["a.txt", Buffer.from("x")]], { processorId: "x" });
    expect(field.status).toBe(422);
    expect(field.body.error).toMatchObject({ code: "INVALID", field: "processorId" });
    const json = await fetch(`${base}/imports/agreements`, {
      method: "POST",
      body: "{}",
      headers: { authorization: `Bearer ${admin}`, "content-type": "application/json" },
    });
    expect(json.status).toBe(415);
    expect(((await json.json()) as any).error.code).toBe("UNSUPPORTED_MEDIA_TYPE");
    const forbidden = await post(viewer, [["capturi.txt", Buffer.from(seedDpaText("capturi-dpa.da.txt"))]]);
    expect(forbidden.status).toBe(403);
  });
});
