// DPA import over real HTTP: upload a seed DPA, review the cited draft in GraphQL, correct, confirm
// into processor + agreement + engagements in one transaction; bad files refused with nothing stored;
// tenants and roles kept apart.
import { readFileSync } from "node:fs";
import path from "node:path";
import { PDFDocument } from "pdf-lib";
import { startTestApp, TestApp } from "../helpers/app";
import { Role } from "../../src/common/auth";
import { toGlobalId } from "../../src/common/global-id";
import { SEED_DPA_DIR } from "../../seeds/dpas";
import { randomUUID } from "node:crypto";
import { createApiKey } from "../helpers/fixtures";
import { plainDocx, zip } from "../helpers/bombs";

const SEED_DPAS = SEED_DPA_DIR;
const FIXTURES = path.resolve(__dirname, "..", "fixtures", "dpa-import", "documents");
const capturiText = readFileSync(path.join(SEED_DPAS, "capturi-dpa.da.txt"));
const ubivoxText = readFileSync(path.join(SEED_DPAS, "firstagenda-ubivox-subprocessor-dpa.da.txt"));

let app: TestApp;
let base: string;
let admin: string;
let viewer: string;
let auditor: string;
let otherKey: string;

async function importFile(
  key: string,
  bytes: Buffer,
  name: string,
  type = "text/plain",
  fields: Record<string, string> = {},
) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append("file", new Blob([bytes], { type }), name);
  const res = await fetch(`${base}/imports/agreement`, {
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
            (SELECT count(*) FROM processor)::int AS processors, (SELECT count(*) FROM agreement)::int AS agreements,
            (SELECT count(*) FROM subprocessor_engagement)::int AS engagements`,
  );
  return row as Record<string, number>;
}

const IMPORT = `query($id: ID!) { agreementImport(id: $id) { id status extractor language missing
  evidence { sha256 fileName kind }
  fields { path value extracted corrected confidence note citations { reference quote start end } readings { value
    citations { reference } } } } }`;
const CORRECT = `mutation($input: CorrectAgreementImportInput!) { correctAgreementImport(input: $input) {
  agreementImport { id version fields { path value corrected } } userErrors { field code message } } }`;
const CONFIRM = `mutation($input: ConfirmAgreementImportInput!) { confirmAgreementImport(input: $input) {
  agreementImport { status agreement { id } processor { id } }
  agreement { id kind status title breachNotificationHours subprocessorNoticeDays subprocessorAuthorization supersedes {
    id status }
              principal { name } processor { name registrationNumber } dataCategories { category { key } } }
  processor { id name registrationNumber } createdProcessors { name } engagements { subprocessor { name } countries
    transferMechanism status }
  notes userErrors { field code message } } }`;

const field = (fields: { path: string }[], p: string) => fields.find((f) => f.path === p) as any;

beforeAll(async () => {
  app = await startTestApp({ evidenceMaxBytes: 200_000 });
  base = app.server.url.replace(/\/graphql$/, "");
  const org = await app.newOrganization("Import controller");
  admin = org.key;
  viewer = await createApiKey(app, admin, Role.VIEWER, "VIEWER key");
  auditor = await createApiKey(app, admin, Role.AUDITOR, "AUDITOR key");
  otherKey = (await app.newOrganization("Other controller")).key;
});

afterAll(async () => {
  await app.stop();
});

describe("upload → draft → review → confirm", () => {
  let importId: string;

  test("POST /imports/agreement stores the file as evidence and a draft, and nothing else", async () => {
    const before = await rowCounts();
    const res = await importFile(admin, capturiText, "capturi-dpa.da.txt");
    expect(res.status).toBe(201);
    expect(res.body.agreementImport).toMatchObject({
      status: "DRAFT",
      language: "da",
      template: "DATATILSYNET_SCC",
      kind: "DPA",
    });
    expect(res.body.evidence.kind).toBe("AGREEMENT_DOCUMENT");
    expect(res.body.evidence.sha256).toMatch(/^[0-9a-f]{64}$/);
    importId = res.body.agreementImport.id;
    const after = await rowCounts();
    expect(after).toEqual({ ...before, evidence: before.evidence + 1, imports: before.imports + 1 });
  });

  test("the draft shows every value with its citation into the document", async () => {
    const res = await app.gql(admin, IMPORT, { id: importId });
    expect(res.errors).toBeUndefined();
    const imp = res.data.agreementImport;
    const text = capturiText.toString("utf8");
    const hours = field(imp.fields, "clauses.breachNotificationHours");
    expect(hours.value).toBe(48);
    expect(hours.citations[0].reference).toBe("§10.2");
    expect(text.slice(hours.citations[0].start, hours.citations[0].end)).toBe(hours.citations[0].quote);
    expect(hours.confidence).toBeGreaterThan(0.5);
    expect(field(imp.fields, "parties.PROCESSOR.registrationNumber").value).toBe("41183527");
    expect(field(imp.fields, "clauses.processorAudit.dueDay").value).toBe("01-01");
    expect(field(imp.fields, "subprocessors").value.map((s: { countryCode: string }) => s.countryCode)).toEqual(
      expect.arrayContaining(["IE"]),
    );
    expect(imp.evidence.fileName).toBe("capturi-dpa.da.txt");
    // Reading the draft wrote nothing: no processor was created.
    expect((await app.gql(admin, `{ processors { totalCount } }`)).data.processors.totalCount).toBe(0);
  });

  test("corrections are checked per field and name the rule", async () => {
    const bad = await app.gql(admin, CORRECT, {
      input: {
        id: importId,
        corrections: [
          { path: "clauses.breachNotificationHours", value: "soon" },
          { path: "clauses.nope", value: 1 },
        ],
      },
    });
    expect(bad.errors).toBeUndefined();
    const errors = bad.data.correctAgreementImport.userErrors;
    expect(errors).toEqual([
      expect.objectContaining({
        field: ["input", "corrections", "0", "value"],
        code: "INVALID",
        message: expect.stringContaining("whole number"),
      }),
      expect.objectContaining({ field: ["input", "corrections", "1", "path"], code: "INVALID" }),
    ]);
    const good = await app.gql(admin, CORRECT, {
      input: { id: importId, corrections: [{ path: "clauses.breachNotificationHours", value: 24 }] },
    });
    expect(good.data.correctAgreementImport.userErrors).toEqual([]);
    expect(field(good.data.correctAgreementImport.agreementImport.fields, "clauses.breachNotificationHours")).toEqual({
      path: "clauses.breachNotificationHours",
      value: 24,
      corrected: true,
    });
  });

  test("a confirmation that fails part-way writes nothing", async () => {
    const before = await rowCounts();
    await app.gql(admin, CORRECT, {
      input: { id: importId, corrections: [{ path: "dataCategories", value: ["user.no_such_category"] }] },
    });
    const res = await app.gql(admin, CONFIRM, { input: { id: importId } });
    expect(res.data.confirmAgreementImport.userErrors.length).toBeGreaterThan(0);
    expect(res.data.confirmAgreementImport.userErrors[0].message).toMatch(/no_such_category/);
    expect(await rowCounts()).toEqual(before);
    await app.gql(admin, CORRECT, { input: { id: importId, corrections: [{ path: "dataCategories", value: null }] } });
  });

  test("confirm writes processor, agreement and annex B engagements in one go", async () => {
    const res = await app.gql(admin, CONFIRM, { input: { id: importId, effectiveFrom: "2025-01-01" } });
    expect(res.errors).toBeUndefined();
    const out = res.data.confirmAgreementImport;
    expect(out.userErrors).toEqual([]);
    expect(out.agreement).toMatchObject({
      kind: "DPA",
      status: "ACTIVE",
      breachNotificationHours: 24,
      subprocessorNoticeDays: 30,
      subprocessorAuthorization: "GENERAL",
      supersedes: null,
    });
    expect(out.processor).toMatchObject({ registrationNumber: "41183527" });
    expect(out.engagements.map((e: { subprocessor: { name: string } }) => e.subprocessor.name).sort()).toHaveLength(3);
    expect(out.engagements.every((e: { status: string }) => e.status === "APPROVED")).toBe(true);
    expect(out.agreementImport).toMatchObject({ status: "CONFIRMED", agreement: { id: out.agreement.id } });
    // The document is now the agreement's evidence.
    const ev = await app.gql(admin, `query($id: ID!) { agreement(id: $id) { evidence { fileName kind } } }`, {
      id: out.agreement.id,
    });
    expect(ev.data.agreement.evidence).toEqual([{ fileName: "capturi-dpa.da.txt", kind: "AGREEMENT_DOCUMENT" }]);
    // A confirmed import cannot be confirmed again.
    const again = await app.gql(admin, CONFIRM, { input: { id: importId } });
    expect(again.data.confirmAgreementImport.userErrors[0]).toMatchObject({ code: "INVALID_STATE" });
  });

  test("importing the next version supersedes the agreement in force and reuses the processor", async () => {
    const res = await importFile(admin, capturiText, "capturi-dpa-v2.da.txt");
    const before = await rowCounts();
    const out = (await app.gql(admin, CONFIRM, { input: { id: res.body.agreementImport.id } })).data
      .confirmAgreementImport;
    expect(out.userErrors).toEqual([]);
    expect(out.createdProcessors).toEqual([]);
    expect(out.agreement.supersedes).toMatchObject({ status: "SUPERSEDED" });
    expect(out.agreement.breachNotificationHours).toBe(48);
    expect(out.engagements).toEqual([]);
    expect(out.notes.join(" ")).toMatch(/already engaged/);
    expect(await rowCounts()).toMatchObject({
      processors: before.processors,
      agreements: before.agreements + 1,
      engagements: before.engagements,
    });
  });

  test("a sub-processor agreement becomes one, with its principal and its own sub-processor", async () => {
    const res = await importFile(admin, ubivoxText, "firstagenda-ubivox.da.txt");
    expect(res.body.agreementImport.kind).toBe("SUBPROCESSOR_AGREEMENT");
    const out = (await app.gql(admin, CONFIRM, { input: { id: res.body.agreementImport.id } })).data
      .confirmAgreementImport;
    expect(out.userErrors).toEqual([]);
    expect(out.agreement.kind).toBe("SUBPROCESSOR_AGREEMENT");
    expect(out.agreement.principal.name).toBe("FirstAgenda");
    expect(out.agreement.processor.registrationNumber).toBe("27379494");
    expect(out.engagements).toEqual([
      expect.objectContaining({ countries: ["NL"], transferMechanism: "NOT_NEEDED_EEA" }),
    ]);
  });

  test("discard keeps the draft, marked, and writes nothing else", async () => {
    const res = await importFile(admin, capturiText, "capturi-discard.da.txt");
    const before = await rowCounts();
    const out = await app.gql(
      admin,
      `mutation($input: DecideAgreementImportInput!) { discardAgreementImport(input: $input) { agreementImport { ` +
        `status } userErrors { code } } }`,
      {
        input: { id: res.body.agreementImport.id },
      },
    );
    expect(out.data.discardAgreementImport.agreementImport.status).toBe("DISCARDED");
    expect(await rowCounts()).toEqual(before);
  });
});

describe("bad files: a clear error and nothing stored", () => {
  const cases: [string, () => Promise<{ bytes: Buffer; name: string; type: string }>, number, string][] = [
    [
      "an invoice is not a DPA",
      async () => ({
        bytes: readFileSync(path.join(FIXTURES, "faktura-2024-118.da.txt")),
        name: "faktura.txt",
        type: "text/plain",
      }),
      422,
      "NOT_A_DPA",
    ],
    [
      "a text file of blanks",
      async () => ({ bytes: Buffer.from(" \n\n \t "), name: "blank.txt", type: "text/plain" }),
      422,
      "EMPTY_DOCUMENT",
    ],
    [
      "a scanned PDF without a text layer",
      async () => {
        const doc = await PDFDocument.create();
        doc.addPage();
        return { bytes: Buffer.from(await doc.save()), name: "scan.pdf", type: "application/pdf" };
      },
      422,
      "SCANNED_PDF",
    ],
    [
      "a .docx that is not one",
      async () => ({
        bytes: Buffer.from("PK\u0003\u0004 not really a zip"),
        name: "dpa.docx",
        type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      }),
      422,
      "UNREADABLE_DOCX",
    ],
    [
      "a file type the importer does not read",
      async () => ({ bytes: Buffer.from("MZ\u0090\u0000"), name: "setup.exe", type: "application/octet-stream" }),
      415,
      "UNSUPPORTED_MEDIA_TYPE",
    ],
    [
      "a file over the size limit",
      async () => ({ bytes: Buffer.alloc(300_000, 0x61), name: "big.txt", type: "text/plain" }),
      413,
      "PAYLOAD_TOO_LARGE",
    ],
  ];
  test.each(cases)("%s", async (_name, make, status, code) => {
    const before = await rowCounts();
    const file = await make();
    const res = await importFile(admin, file.bytes, file.name, file.type);
    expect(res.status).toBe(status);
    expect(res.body.error).toMatchObject({ code, message: expect.any(String) });
    expect(await rowCounts()).toEqual(before);
  });

  test("a .zip of documents sent to the single-file endpoint: a zip archive, and where a zip goes", async () => {
    // A new user's folder of DPAs, zipped, was answered "The Word document could not be read".
    const folder = zip([
      { name: "capturi.docx", data: plainDocx(["Databehandleraftale", "Databehandleren behandler data."]) },
      { name: "ubivox.txt", data: Buffer.from("Databehandleraftale\n\nDatabehandleren behandler data.") },
    ]);
    const before = await rowCounts();
    for (const [name, type] of [
      ["dpas.zip", "application/zip"],
      ["dpas.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
    ]) {
      const res = await importFile(admin, folder, name, type);
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe("UNREADABLE_DOCX");
      expect(res.body.error.message).toMatch(/is a zip archive, not a Word document/);
      expect(res.body.error.message).toContain("POST /imports/agreements");
    }
    expect(await rowCounts()).toEqual(before);
    // A damaged Word file is still told so.
    const damaged = await importFile(admin, Buffer.from("PK\u0003\u0004 not really a zip"), "dpa.docx", "");
    expect(damaged.body.error.message).toMatch(/Word document could not be read/);
  });

  test("importAgreement on evidence kept outside tilsyn names the field and the reason", async () => {
    const ext = await app.gql(
      admin,
      `mutation { registerExternalEvidence(input: { kind: "AGREEMENT_DOCUMENT", title: "DPA", effectiveOn: ` +
        `"2025-01-01", externalUri: "https://x.example/dpa.pdf", sha256: "${"c".repeat(64)}" }) { evidence { id } } ` +
        `}`,
    );
    expect(ext.errors).toBeUndefined();
    const res = await app.gql(
      admin,
      `mutation($input: ImportAgreementInput!) { importAgreement(input: $input) { agreementImport { id } ` +
        `userErrors { field code message } } }`,
      {
        input: { evidenceId: ext.data.registerExternalEvidence.evidence.id },
      },
    );
    expect(res.data.importAgreement.userErrors).toEqual([
      expect.objectContaining({
        field: ["input", "evidenceId"],
        code: "INVALID",
        message: expect.stringContaining("outside tilsyn"),
      }),
    ]);
  });
});

describe("Markdown and HTML uploads: the text the review shows, and unfilled fields", () => {
  const CORPUS = path.resolve(__dirname, "..", "fixtures", "dpa-import", "corpus", "documents");
  const REVIEW = `query($id: ID!) { agreementImport(id: $id) { format documentText
    fields { path value note citations { reference quote start end }
      readings { kind value citations { quote start end } } } } }`;

  test(
    "a .md sent as application/octet-stream is read as Markdown; citations quote the stored text; [24] timer is " +
      "PLACEHOLDER",
    async () => {
      const bytes = readFileSync(path.join(CORPUS, "aabenforms-databehandleraftale.da.md"));
      const res = await importFile(admin, bytes, "databehandleraftale.md", "application/octet-stream");
      expect(res.status).toBe(201);
      const review = await app.gql(admin, REVIEW, { id: res.body.agreementImport.id });
      expect(review.errors).toBeUndefined();
      const imp = review.data.agreementImport;
      expect(imp.format).toBe("markdown");
      expect(imp.documentText).not.toMatch(/\*\*|\|---/);
      for (const f of imp.fields)
        for (const c of [...f.citations, ...f.readings.flatMap((r: any) => r.citations)])
          expect(imp.documentText.slice(c.start, c.end)).toBe(c.quote);
      const breach = field(imp.fields, "clauses.breachNotificationHours");
      expect(breach.value).toBeNull();
      expect(breach.readings).toEqual([expect.objectContaining({ kind: "PLACEHOLDER", value: null })]);
      expect(breach.citations[0].quote).toContain("[24] timer");
      expect(breach.note).toMatch(/unfilled/);
      expect(field(imp.fields, "parties.PROCESSOR.name").value).toBe("Fenix Nordic");
      expect(field(imp.fields, "subprocessors").value).toEqual([]);
    },
  );

  test("an .html page is read as HTML, its table of sub-processors with their countries", async () => {
    const bytes = readFileSync(path.join(CORPUS, "replypilot-databehandleraftale.da.html"));
    const res = await importFile(admin, bytes, "dpa.htm", "text/html");
    expect(res.status).toBe(201);
    const imp = (await app.gql(admin, REVIEW, { id: res.body.agreementImport.id })).data.agreementImport;
    expect(imp.format).toBe("html");
    expect(imp.documentText).not.toMatch(/<[a-z/]|class=/);
    expect(imp.documentText).toContain("Twilio <-> n8n");
    const subs = field(imp.fields, "subprocessors").value.map((s: any) => [s.name, s.countryCode]);
    expect(subs).toEqual([
      ["Twilio Inc.", "US"],
      ["Google LLC", "US"],
      ["Hostinger International Ltd.", "LT"],
    ]);
    expect(field(imp.fields, "parties.CONTROLLER.name").readings[0].kind).toBe("PLACEHOLDER");
  });
});

describe("roles and tenants", () => {
  let importId: string;
  beforeAll(async () => {
    importId = (await importFile(admin, capturiText, "capturi-roles.da.txt")).body.agreementImport.id;
  });

  test("another organization cannot see or confirm the draft: the same answers as for an unknown id", async () => {
    const unknown = toGlobalId("AgreementImport", randomUUID());
    const seen = await app.gql(otherKey, `query($id: ID!) { agreementImport(id: $id) { id } }`, { id: importId });
    expect(seen.data.agreementImport).toBeNull();
    const foreign = await app.gql(otherKey, CONFIRM, { input: { id: importId } });
    const random = await app.gql(otherKey, CONFIRM, { input: { id: unknown } });
    expect(foreign.data.confirmAgreementImport.userErrors).toEqual(random.data.confirmAgreementImport.userErrors);
    expect((await app.gql(otherKey, `{ agreementImports { id } }`)).data.agreementImports).toEqual([]);
  });

  test("drafts quote the document, so VIEWER keys cannot read them; AUDITOR keys read but cannot write", async () => {
    const v = await app.gql(viewer, `{ agreementImports { id } }`);
    expect(v.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    const a = await app.gql(auditor, `query($id: ID!) { agreementImport(id: $id) { status } }`, { id: importId });
    expect(a.data.agreementImport.status).toBe("DRAFT");
    const w = await app.gql(auditor, CONFIRM, { input: { id: importId } });
    expect(w.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    expect((await importFile(auditor, capturiText, "x.txt")).status).toBe(403);
  });
});
