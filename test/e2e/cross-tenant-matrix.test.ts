// The cross-tenant matrix: organization A holds one record of every kind; organization B's key tries
// every way in — node(id) for every Node type, every root query by id, every list, every mutation
// with every id field set to one of A's ids, the plain HTTP endpoints — and learns nothing: reads
// show nothing of A, and every refusal is byte-identical to the one for an id that does not exist.
// Afterwards A's data is unchanged, row for row.
//
// The tables are built from schema/schema.graphql: a new Node type, query, mutation or id field
// without an entry here fails the test (add it to the tables below).
import { randomBytes, randomUUID, createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { getNamedType } from "graphql";
import { seedDemoOrganization, startTestApp, TestApp } from "../helpers/app";
import {
  idFieldsOf,
  inputTypeOf,
  mutationFields,
  nodeTypeNames,
  queryFields,
  sdlSchema,
  splitSelection,
} from "../helpers/sdl";
import { toGlobalId, fromGlobalId } from "../../src/common/global-id";
import { SEED_DPA_DIR } from "../../seeds/dpas";
import { withOrganization } from "../../src/modules/jobs/system-context";
import { runDailyWork } from "../../src/modules/jobs/daily";
import { loadConfig } from "../../src/config";

let app: TestApp;
let base: string;
let keyA: string;
let keyB: string;
let orgA: string;
let orgB: string;

const MARK = "A-SECRET";
const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

/** One of A's ids per Node type (global ids). */
const A: Record<string, string> = {};
/** A's extra evidence kept outside tilsyn (its download answers 409 to A). */
let aExternalEvidence: string;
/** A's own vocabulary keys (custom data category, data subject category, measure). */
const aKeys = {
  dataCategory: "user.health_and_medical.a_secret_plan",
  dataSubjectCategory: "patient.a_secret_cohort",
  measure: "a_secret.vault",
};
/** B's own records, used to build otherwise valid inputs. */
const B: Record<string, string> = {};

/** Global id type named by each id field of a mutation input (besides `id`, see ID_OF). */
const FIELD_TYPES: Record<string, string> = {
  processorId: "Processor",
  subprocessorId: "Processor",
  principalId: "Processor",
  carvedOutSubprocessorIds: "Processor",
  processorIds: "Processor",
  agreementId: "Agreement",
  supersedesId: "Agreement",
  auditReportId: "AuditReport",
  findingId: "AuditFinding",
  breachNoticeId: "BreachNotice",
  measureId: "Measure",
  replacesEngagementId: "SubprocessorEngagement",
  evidenceId: "Evidence",
  eventId: "Event",
  endpointId: "WebhookEndpoint",
};

interface MutationSpec {
  /** The type `input.id` names. */
  id?: string;
  /** An input that B could send successfully (with B's own ids); one id field at a time is replaced. */
  base: () => Record<string, unknown>;
  /** A different base for some id fields (e.g. replacesEngagementId needs kind REPLACEMENT). */
  baseFor?: Record<string, () => Record<string, unknown>>;
}

/** Every mutation that takes ids. */
const MATRIX: Record<string, MutationSpec> = {
  approveChange: { id: "ChangeNotice", base: () => ({ id: B.ChangeNotice }) },
  objectToChange: { id: "ChangeNotice", base: () => ({ id: B.ChangeNotice, reason: "no" }) },
  archiveAgreement: { id: "Agreement", base: () => ({ id: B.Agreement }) },
  archiveProcessor: { id: "Processor", base: () => ({ id: B.Processor }) },
  archiveProcessingActivity: { id: "ProcessingActivity", base: () => ({ id: B.ProcessingActivity }) },
  updateProcessingActivity: { id: "ProcessingActivity", base: () => ({ id: B.ProcessingActivity }) },
  createProcessingActivity: { base: () => ({ name: "B activity 2" }) },
  archiveSubprocessorEngagement: { id: "SubprocessorEngagement", base: () => ({ id: B.SubprocessorEngagement }) },
  closeFinding: { id: "AuditFinding", base: () => ({ id: B.AuditFinding, note: "fixed" }) },
  createAgreement: {
    base: () => ({ processorId: B.Processor, kind: "DPA", template: "OTHER", title: "B DPA 2" }),
    baseFor: {
      principalId: () => ({
        processorId: B.Sub,
        kind: "SUBPROCESSOR_AGREEMENT",
        template: "OTHER",
        title: "B sub agreement",
      }),
    },
  },
  createAuditReport: {
    base: () => ({ processorId: B.Processor, type: "SELF_CONTROL_REPORT", title: "B report 2", receivedOn: yesterday }),
    baseFor: {
      carvedOutSubprocessorIds: () => ({
        processorId: B.Processor,
        type: "SELF_CONTROL_REPORT",
        title: "B report 2",
        receivedOn: yesterday,
        subserviceMethod: "CARVE_OUT",
      }),
    },
  },
  createFinding: { base: () => ({ processorId: B.Processor, description: "B finding 2", severity: "LOW" }) },
  createSubprocessorEngagement: { base: () => ({ processorId: B.Processor, subprocessorId: B.Spare }) },
  recordBreachNotice: {
    base: () => ({
      processorId: B.Processor,
      title: "B breach 2",
      becameAwareAt: "2025-01-01T10:00:00Z",
      notifiedAt: "2025-01-02T10:00:00Z",
    }),
  },
  recordChangeNotice: {
    base: () => ({ processorId: B.Processor, kind: "ADDITION", subprocessorId: B.Spare, receivedOn: yesterday }),
    baseFor: {
      replacesEngagementId: () => ({
        processorId: B.Processor,
        kind: "REPLACEMENT",
        subprocessorId: B.Spare,
        receivedOn: yesterday,
      }),
    },
  },
  registerExternalEvidence: {
    base: () => ({
      kind: "OTHER",
      title: "B doc 2",
      effectiveOn: "2025-01-01",
      externalUri: "https://b.example/doc",
      sha256: "b".repeat(64),
    }),
  },
  reviewAuditReport: { base: () => ({ auditReportId: B.AuditReport, reviewer: "B reviewer", conclusion: "ACCEPTED" }) },
  revokeApiKey: { id: "ApiKey", base: () => ({ id: B.ApiKey }) },
  setProcessorMeasure: {
    base: () => ({ processorId: B.Processor, measureKey: "encryption.at_rest", status: "IMPLEMENTED" }),
  },
  setSupervisionPlan: { base: () => ({ processorId: B.Processor, chosenMethod: "SELF_CONTROL_REPORT" }) },
  updateAgreement: { id: "Agreement", base: () => ({ id: B.Agreement }) },
  updateAuditReport: {
    id: "AuditReport",
    base: () => ({ id: B.AuditReport }),
    baseFor: { carvedOutSubprocessorIds: () => ({ id: B.AuditReport, subserviceMethod: "CARVE_OUT" }) },
  },
  updateEvidence: { id: "Evidence", base: () => ({ id: B.Evidence }) },
  updateFinding: { id: "AuditFinding", base: () => ({ id: B.AuditFinding }) },
  updateProcessor: { id: "Processor", base: () => ({ id: B.Processor }) },
  updateSubprocessorEngagement: { id: "SubprocessorEngagement", base: () => ({ id: B.SubprocessorEngagement }) },
  importAgreement: { base: () => ({ evidenceId: B.Evidence }) },
  correctAgreementImport: { id: "AgreementImport", base: () => ({ id: B.AgreementImport, corrections: [] }) },
  confirmAgreementImport: { id: "AgreementImport", base: () => ({ id: B.AgreementImport }) },
  discardAgreementImport: { id: "AgreementImport", base: () => ({ id: B.AgreementImport }) },
  correctRegisterImport: { id: "RegisterImport", base: () => ({ id: B.RegisterImport, columnMapping: [] }) },
  applyRegisterImport: { id: "RegisterImport", base: () => ({ id: B.RegisterImport }) },
  discardRegisterImport: { id: "RegisterImport", base: () => ({ id: B.RegisterImport }) },
  updateWebhookEndpoint: { id: "WebhookEndpoint", base: () => ({ id: B.WebhookEndpoint }) },
  deleteWebhookEndpoint: { id: "WebhookEndpoint", base: () => ({ id: B.WebhookEndpoint }) },
  redeliverWebhookEvent: { base: () => ({ eventId: B.Event, endpointId: B.WebhookEndpoint }) },
};

/** Mutations that take no id at all (checked below: their inputs have no ID field). */
const NO_FOREIGN_IDS = [
  "createApiKey",
  "createWebhookEndpoint",
  "createDataCategory",
  "createProcessor",
  "recomputeRisk",
  "saveRiskModel",
  "settleChangeNotices",
];

/** Query fields that take an id of one type and return that record (null when not yours). */
const BY_ID_QUERIES = new Set(["node", "agreement", "processor", "agreementImport", "registerImport"]);

/** Arguments for list queries whose required arguments have no default. */
const LIST_ARGS: Record<string, string> = {};

const gql: TestApp["gql"] = (...args) => app.gql(...args);
const ok: TestApp["ok"] = (...args) => app.ok(...args);

function mutationDoc(name: string, inputType: string | null): string {
  return inputType
    ? `mutation($input: ${inputType}!) { r: ${name}(input: $input) { __typename userErrors { field code message } } }`
    : `mutation { r: ${name} { __typename userErrors { field code message } } }`;
}

const randomId = (type: string) => toGlobalId(type, randomUUID());

async function upload(key: string, fields: Record<string, string>, content = randomBytes(64)) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append("file", new Blob([content], { type: "application/pdf" }), "report.pdf");
  const res = await fetch(`${base}/evidence`, {
    method: "POST",
    body: form,
    headers: { authorization: `Bearer ${key}` },
  });
  return { status: res.status, text: await res.text() };
}

/** POST /imports/agreement with a seed DPA: the document stored as evidence and read into a draft. */
async function importDpa(key: string): Promise<string> {
  const form = new FormData();
  form.append(
    "file",
    new Blob([readFileSync(path.join(SEED_DPA_DIR, "capturi-dpa.da.txt"))], {
      type: "text/plain",
    }),
    "capturi-dpa.da.txt",
  );
  const res = await fetch(`${base}/imports/agreement`, {
    method: "POST",
    body: form,
    headers: { authorization: `Bearer ${key}` },
  });
  const text = await res.text();
  if (res.status !== 201) throw new Error(`import failed: ${res.status} ${text}`);
  return JSON.parse(text).agreementImport.id;
}

/** POST /imports/register with a small CSV register (planned, not applied). */
async function importRegister(key: string, name: string): Promise<string> {
  const form = new FormData();
  form.append("file", new Blob([`Navn;CVR-nr.;Land\n${name};DK 12 34 56 78;Irland\n`], { type: "text/csv" }), "r.csv");
  const res = await fetch(`${base}/imports/register`, {
    method: "POST",
    body: form,
    headers: { authorization: `Bearer ${key}` },
  });
  const text = await res.text();
  if (res.status !== 201) throw new Error(`register import failed: ${res.status} ${text}`);
  return JSON.parse(text).registerImport.id;
}

async function get(key: string, path: string) {
  const res = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${key}` } });
  return { status: res.status, contentType: res.headers.get("content-type"), text: await res.text() };
}

/** Every id (uuid) of A's rows in every tenant table, to look for in B's answers. */
let aUuids = new Set<string>();
/** A's processor names (seed data), which must not appear in B's answers either. */
let aNames: string[] = [];

async function tenantTables(): Promise<string[]> {
  const rows = await app.db.owner.query(
    `SELECT c.table_name FROM information_schema.columns c JOIN information_schema.tables t
       ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
      WHERE c.table_schema = 'public' AND c.column_name = 'organization_id' ORDER BY 1`,
  );
  return rows.map((r: { table_name: string }) => r.table_name);
}

/** Whether a table has a uuid `id` column (audit_log, for one, numbers its rows). */
async function hasUuidId(table: string): Promise<boolean> {
  const rows = await app.db.owner.query(
    `SELECT 1 FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 AND column_name = ` +
      `'id' AND data_type = 'uuid'`,
    [table],
  );
  return rows.length > 0;
}

/** All of an organization's rows in every tenant table (and its organization row), through the owner connection. */
async function ownerSnapshot(org: string): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of await tenantTables()) {
    const rows = await app.db.owner.query(
      `SELECT to_jsonb(t) AS row FROM "${table}" t WHERE organization_id = $1 ORDER BY to_jsonb(t)::text`,
      [org],
    );
    out[table] = rows.map((r: { row: Record<string, unknown> }) => {
      // The key's last use is bookkeeping of authentication, not data B could change.
      if (table === "api_key") delete r.row.last_used_at;
      return r.row;
    });
  }
  out.organization = await app.db.owner.query(`SELECT to_jsonb(o) AS row FROM organization o WHERE id = $1`, [org]);
  return out;
}

/** Whether an answer mentions any of A's records: a raw id, a global id, the marker, or a seed name. */
function leaksOfA(text: string): string[] {
  const found = new Set<string>();
  for (const u of text.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi) ?? []) {
    if (aUuids.has(u.toLowerCase())) found.add(`uuid ${u}`);
  }
  for (const token of text.match(/[A-Za-z0-9_-]{40,}/g) ?? []) {
    const decoded = fromGlobalId(token);
    if (decoded && aUuids.has(decoded.id)) found.add(`global id ${token} (${decoded.typeName})`);
  }
  if (text.includes(MARK)) found.add(`marker ${MARK}`);
  for (const name of aNames) if (text.includes(JSON.stringify(name))) found.add(`name ${name}`);
  return [...found];
}

/** The list queries of the API: every Query field but the by-id ones. */
function listFields() {
  return queryFields().filter((f) => !BY_ID_QUERIES.has(f.name));
}

/**
 * Queries that read one list field with every field of its items, `depth` levels deep, split so that no query is too
 * large.
 */
function listQueries(field: ReturnType<typeof listFields>[number], depth: number): string[] {
  const required = field.args.filter((a) => a.type.toString().endsWith("!") && a.defaultValue === undefined);
  if (required.length && !LIST_ARGS[field.name]) {
    throw new Error(
      `Query.${field.name} has required arguments (${required.map((a) => a.name).join(", ")}): add it to ` +
        `LIST_ARGS in cross-tenant-matrix.test.ts`,
    );
  }
  const args = LIST_ARGS[field.name] ? `(${LIST_ARGS[field.name]})` : "";
  return splitSelection(getNamedType(field.type), depth, 350).map(
    (selection) => `{ ${field.name}${args} ${selection} }`,
  );
}

/**
 * Reads every list as deep as the server's cost limit allows (depth 2, else 1, else 0): the answers
 * by field, and the depth each was read at.
 */
async function readLists(
  key: string,
): Promise<{ field: string; depth: number; answers: Awaited<ReturnType<typeof gql>>[] }[]> {
  const out = [];
  for (const field of listFields()) {
    let answers: Awaited<ReturnType<typeof gql>>[] = [];
    let depth = 2;
    for (; depth >= 0; depth--) {
      answers = [];
      for (const query of listQueries(field, depth)) answers.push(await gql(key, query));
      const tooCostly = answers.some((a) => a.errors?.some((e) => e.extensions?.code === "QUERY_TOO_COMPLEX"));
      if (!tooCostly) break;
    }
    out.push({ field: field.name, depth, answers });
  }
  return out;
}

/** A's view of its data through GraphQL: every list and every node, deep. */
async function graphSnapshot(key: string): Promise<string> {
  const parts: unknown[] = [];
  for (const { field, answers } of await readLists(key)) {
    for (const a of answers) {
      expect({ field, status: a.status, errors: a.errors }).toEqual({ field, status: 200, errors: undefined });
      parts.push(a.data);
    }
  }
  for (const type of Object.keys(A).sort()) {
    for (const selection of splitSelection(sdlSchema().getType(type)!, 1, 350)) {
      const a = await gql(key, `query($id: ID!) { node(id: $id) { ... on ${type} ${selection} } }`, { id: A[type] });
      expect({ type, status: a.status, errors: a.errors }).toEqual({ type, status: 200, errors: undefined });
      parts.push(a.data);
    }
  }
  // Bookkeeping that reads change by themselves.
  return JSON.stringify(parts, (k, v) => (k === "lastUsedAt" ? undefined : v));
}

let snapshotBefore: Record<string, unknown[]>;
let graphBefore: string;

/** A webhook endpoint of `key`'s organization (never delivered to: the job worker is off in this test). */
async function webhookEndpoint(key: string, url: string): Promise<string> {
  const created = await ok(
    key,
    `mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { webhookEndpoint { id ` +
      `} userErrors { field message } } }`,
    {
      input: { url, eventTypes: ["change_notice.received", "finding.opened"], description: key === keyA ? MARK : "B" },
    },
  );
  return created.createWebhookEndpoint.webhookEndpoint.id;
}

beforeAll(async () => {
  // No job worker: the test compares A's rows before and after B's attempts, and webhook deliveries
  // in the background would change them (A's endpoint and its pending delivery exist all the same).
  app = await startTestApp({ jobs: false });
  base = app.server.url.replace(/\/graphql$/, "");
  ({ key: keyA, organizationId: orgA } = await seedDemoOrganization(app, "Controller A"));
  ({ key: keyB, organizationId: orgB } = await app.newOrganization("Controller B"));

  // A: the seed data, plus one record of every kind the seeds lack.
  const seeded = await ok(
    keyA,
    `{ viewer { organization { id } apiKey { id } }
    processors(first: 100) { edges { node { id name currentAgreement { id } subprocessors { id } measures { id } } } }
      }`,
  );
  A.Organization = seeded.viewer.organization.id;
  const nodes = seeded.processors.edges.map((e: any) => e.node);
  aNames = nodes.map((n: any) => n.name);
  const capturi = nodes.find((n: any) => n.name === "Capturi");
  A.Processor = capturi.id;
  A.Agreement = capturi.currentAgreement.id;
  A.SubprocessorEngagement = capturi.subprocessors[0].id;
  A.ProcessorMeasure = nodes.find((n: any) => n.measures.length).measures[0].id;

  A.WebhookEndpoint = await webhookEndpoint(keyA, "https://hooks.a.example/tilsyn");
  const newSub = await ok(
    keyA,
    `mutation($input: CreateProcessorInput!) { createProcessor(input: $input) { processor { id } userErrors { ` +
      `code } } }`,
    {
      input: { name: `${MARK} Speech Vendor`, direct: false, countryCode: "DE" },
    },
  );
  const notice = await ok(
    keyA,
    `mutation($input: RecordChangeNoticeInput!) { recordChangeNotice(input: $input) { changeNotice { id } ` +
      `userErrors { field message } } }`,
    {
      input: {
        processorId: A.Processor,
        kind: "ADDITION",
        subprocessorId: newSub.createProcessor.processor.id,
        receivedOn: yesterday,
        source: MARK,
      },
    },
  );
  A.ChangeNotice = notice.recordChangeNotice.changeNotice.id;
  const hooks = await ok(
    keyA,
    `query($id: ID!) { node(id: $id) { ... on WebhookEndpoint { deliveries(first: 1) { edges { node { id event { ` +
      `id } } } } } } }`,
    { id: A.WebhookEndpoint },
  );
  A.WebhookDelivery = hooks.node.deliveries.edges[0].node.id;
  A.Event = hooks.node.deliveries.edges[0].node.event.id;
  A.ProcessingActivity = (
    await ok(keyA, `{ processingActivities(first: 1) { edges { node { id } } } }`)
  ).processingActivities.edges[0].node.id;
  const report = await ok(
    keyA,
    `mutation($input: CreateAuditReportInput!) { createAuditReport(input: $input) { auditReport { id } userErrors ` +
      `{ field message } } }`,
    {
      input: {
        processorId: A.Processor,
        agreementId: A.Agreement,
        type: "ISAE_3402",
        title: `${MARK} ISAE 3402 2024`,
        reportKind: "TYPE_2",
        periodStart: "2024-01-01",
        periodEnd: "2024-12-31",
        receivedOn: "2025-02-01",
        opinion: "QUALIFIED",
      },
    },
  );
  A.AuditReport = report.createAuditReport.auditReport.id;
  const review = await ok(
    keyA,
    `mutation($input: ReviewAuditReportInput!) { reviewAuditReport(input: $input) { review { id } userErrors { ` +
      `field message } } }`,
    {
      input: {
        auditReportId: A.AuditReport,
        reviewer: `${MARK} reviewer`,
        conclusion: "ACCEPTED_WITH_FOLLOW_UP",
        reviewedOn: "2025-02-10",
      },
    },
  );
  A.AuditReportReview = review.reviewAuditReport.review.id;
  const finding = await ok(
    keyA,
    `mutation($input: CreateFindingInput!) { createFinding(input: $input) { finding { id } userErrors { field ` +
      `message } } }`,
    {
      input: { auditReportId: A.AuditReport, description: `${MARK} access reviews missing`, severity: "HIGH" },
    },
  );
  A.AuditFinding = finding.createFinding.finding.id;
  const breach = await ok(
    keyA,
    `mutation($input: RecordBreachNoticeInput!) { recordBreachNotice(input: $input) { breachNotice { id } ` +
      `userErrors { field message } } }`,
    {
      input: {
        processorId: A.Processor,
        title: `${MARK} breach`,
        becameAwareAt: "2025-03-01T10:00:00Z",
        notifiedAt: "2025-03-02T10:00:00Z",
      },
    },
  );
  A.BreachNotice = breach.recordBreachNotice.breachNotice.id;
  const uploaded = await upload(keyA, {
    kind: "AUDIT_REPORT",
    title: `${MARK} report file`,
    effectiveOn: "2024-12-31",
    processorId: A.Processor,
    auditReportId: A.AuditReport,
  });
  expect(uploaded.status).toBe(201);
  A.Evidence = JSON.parse(uploaded.text).evidence.id;
  A.AgreementImport = await importDpa(keyA);
  A.RegisterImport = await importRegister(keyA, `${MARK} vendor ApS`);
  const external = await ok(
    keyA,
    `mutation($input: RegisterExternalEvidenceInput!) { registerExternalEvidence(input: $input) { evidence { id } ` +
      `userErrors { field message } } }`,
    {
      input: {
        kind: "BREACH_NOTICE",
        title: `${MARK} breach mail`,
        effectiveOn: "2025-03-02",
        externalUri: "https://a.example/breach",
        sha256: "a".repeat(64),
        breachNoticeId: A.BreachNotice,
      },
    },
  );
  aExternalEvidence = external.registerExternalEvidence.evidence.id;
  await ok(
    keyA,
    `mutation($input: SetSupervisionPlanInput!) { setSupervisionPlan(input: $input) { processor { id } userErrors ` +
      `{ field message } } }`,
    {
      input: {
        processorId: A.Processor,
        chosenMethod: "ISAE_3402",
        rationale: `${MARK} rationale`,
        owner: `${MARK} owner`,
        intervalMonths: 6,
      },
    },
  );
  // Risk: a model version of A's own, and A's stored assessments (a read recomputes them).
  const model = JSON.parse(
    (await ok(keyA, `{ riskModels { version definition } }`)).riskModels.find((m: any) => m.version === "dt-v1")
      .definition,
  );
  await ok(
    keyA,
    `mutation($input: SaveRiskModelInput!) { saveRiskModel(input: $input) { riskModel { version } userErrors { ` +
      `field message } } }`,
    {
      input: {
        version: "a-strict-1",
        definition: { ...model, version: "a-strict-1", tiers: { medium: 20, high: 40, critical: 70 } },
        note: `${MARK} stricter tiers`,
      },
    },
  );
  await ok(keyA, `query($id: ID!) { processor(id: $id) { risk { score } } }`, { id: A.Processor });
  const apiKey = await ok(
    keyA,
    `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { apiKey { id } userErrors { field ` +
      `message } } }`,
    {
      input: { name: `${MARK} editor key`, role: "EDITOR" },
    },
  );
  A.ApiKey = apiKey.createApiKey.apiKey.id;
  const category = await ok(
    keyA,
    `mutation($input: CreateDataCategoryInput!) { createDataCategory(input: $input) { dataCategory { id } ` +
      `userErrors { field message } } }`,
    {
      input: { key: aKeys.dataCategory, name: `${MARK} rehabilitation plan`, sensitivity: "SPECIAL" },
    },
  );
  A.DataCategory = category.createDataCategory.dataCategory.id;
  // Organization-owned entries of the other vocabularies (no mutation creates them yet): through the owner.
  const [measure] = await app.db.owner.query(
    `INSERT INTO measure (organization_id, key, title, kind) VALUES ($1, $2, $3, 'TECHNICAL') RETURNING id`,
    [orgA, aKeys.measure, `${MARK} vault`],
  );
  A.Measure = toGlobalId("Measure", measure.id);
  const [subject] = await app.db.owner.query(
    `INSERT INTO data_subject_category (organization_id, key, name, vulnerable) VALUES ($1, $2, $3, true) RETURNING id`,
    [orgA, aKeys.dataSubjectCategory, `${MARK} cohort`],
  );
  A.DataSubjectCategory = toGlobalId("DataSubjectCategory", subject.id);
  // A uses its own vocabulary entries, so that lists and links of A reach them.
  await ok(
    keyA,
    `mutation($input: UpdateAgreementInput!) { updateAgreement(input: $input) { agreement { id } userErrors { ` +
      `field message } } }`,
    {
      input: {
        id: A.Agreement,
        dataCategories: [{ key: aKeys.dataCategory, source: MARK }],
        dataSubjectCategories: [{ key: aKeys.dataSubjectCategory, source: MARK }],
        requiredMeasures: [{ measureKey: aKeys.measure, clauseText: MARK }],
      },
    },
  );
  await ok(
    keyA,
    `mutation($input: SetProcessorMeasureInput!) { setProcessorMeasure(input: $input) { processorMeasure { id } ` +
      `userErrors { field message } } }`,
    {
      input: { processorId: A.Processor, measureKey: aKeys.measure, status: "PARTIAL", evidence: MARK },
    },
  );

  // B: a small organization of its own, so that its lists are not empty and its inputs are valid.
  const proc = async (name: string, direct = true) =>
    (
      await ok(
        keyB,
        `mutation($input: CreateProcessorInput!) { createProcessor(input: $input) { processor { id } userErrors { ` +
          `code } } }`,
        { input: { name, direct, countryCode: "DK" } },
      )
    ).createProcessor.processor.id as string;
  B.Processor = await proc("B Vendor");
  B.Sub = await proc("B Sub", false);
  B.ProcessingActivity = (
    await ok(
      keyB,
      `mutation($input: CreateProcessingActivityInput!) { createProcessingActivity(input: $input) { ` +
        `processingActivity { id } userErrors { field message } } }`,
      {
        input: { name: "B payroll", legalBasis: "LEGAL_OBLIGATION", processorIds: [B.Processor] },
      },
    )
  ).createProcessingActivity.processingActivity.id;
  B.Spare = await proc("B Spare", false);
  B.Agreement = (
    await ok(
      keyB,
      `mutation($input: CreateAgreementInput!) { createAgreement(input: $input) { agreement { id } userErrors { ` +
        `field message } } }`,
      {
        input: {
          processorId: B.Processor,
          kind: "DPA",
          template: "DATATILSYNET_SCC",
          status: "ACTIVE",
          title: "B DPA",
          subprocessorAuthorization: "GENERAL",
          subprocessorNoticeDays: 30,
          breachNotificationHours: 24,
        },
      },
    )
  ).createAgreement.agreement.id;
  B.SubprocessorEngagement = (
    await ok(
      keyB,
      `mutation($input: CreateSubprocessorEngagementInput!) { createSubprocessorEngagement(input: $input) { ` +
        `engagement { id } userErrors { field message } } }`,
      {
        input: {
          processorId: B.Processor,
          subprocessorId: B.Sub,
          agreementId: B.Agreement,
          countries: ["US"],
          transferMechanism: "SCC",
        },
      },
    )
  ).createSubprocessorEngagement.engagement.id;
  B.AuditReport = (
    await ok(
      keyB,
      `mutation($input: CreateAuditReportInput!) { createAuditReport(input: $input) { auditReport { id } ` +
        `userErrors { field message } } }`,
      {
        input: { processorId: B.Processor, type: "SELF_CONTROL_REPORT", title: "B report", receivedOn: "2025-01-15" },
      },
    )
  ).createAuditReport.auditReport.id;
  B.AuditFinding = (
    await ok(
      keyB,
      `mutation($input: CreateFindingInput!) { createFinding(input: $input) { finding { id } userErrors { field ` +
        `message } } }`,
      {
        input: { auditReportId: B.AuditReport, description: "B finding", severity: "MEDIUM" },
      },
    )
  ).createFinding.finding.id;
  B.ChangeNotice = (
    await ok(
      keyB,
      `mutation($input: RecordChangeNoticeInput!) { recordChangeNotice(input: $input) { changeNotice { id } ` +
        `userErrors { field message } } }`,
      {
        input: { processorId: B.Processor, kind: "ADDITION", subprocessorId: B.Spare, receivedOn: yesterday },
      },
    )
  ).recordChangeNotice.changeNotice.id;
  await ok(
    keyB,
    `mutation($input: RecordBreachNoticeInput!) { recordBreachNotice(input: $input) { breachNotice { id } ` +
      `userErrors { field message } } }`,
    {
      input: {
        processorId: B.Processor,
        title: "B breach",
        becameAwareAt: "2025-01-01T10:00:00Z",
        notifiedAt: "2025-01-01T20:00:00Z",
      },
    },
  );
  B.Evidence = (
    await ok(
      keyB,
      `mutation($input: RegisterExternalEvidenceInput!) { registerExternalEvidence(input: $input) { evidence { id ` +
        `} userErrors { field message } } }`,
      {
        input: {
          kind: "OTHER",
          title: "B doc",
          effectiveOn: "2025-01-01",
          externalUri: "https://b.example/doc",
          sha256: "c".repeat(64),
          processorId: B.Processor,
        },
      },
    )
  ).registerExternalEvidence.evidence.id;
  B.AgreementImport = await importDpa(keyB);
  B.RegisterImport = await importRegister(keyB, "B vendor ApS");
  B.WebhookEndpoint = await webhookEndpoint(keyB, "https://hooks.b.example/tilsyn");
  B.Event = (await ok(keyB, `{ events(first: 1) { edges { node { id } } } }`)).events.edges[0].node.id;
  B.ApiKey = (
    await ok(
      keyB,
      `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { apiKey { id } userErrors { field ` +
        `message } } }`,
      {
        input: { name: "B viewer key", role: "VIEWER" },
      },
    )
  ).createApiKey.apiKey.id;
  await ok(
    keyB,
    `mutation($input: SetSupervisionPlanInput!) { setSupervisionPlan(input: $input) { processor { id } userErrors ` +
      `{ field message } } }`,
    {
      input: { processorId: B.Processor, chosenMethod: "SELF_CONTROL_REPORT" },
    },
  );

  const ids: { id: string }[] = [];
  for (const table of await tenantTables()) {
    if (await hasUuidId(table))
      ids.push(
        ...(await app.db.owner.query(`SELECT id::text AS id FROM "${table}" WHERE organization_id = $1`, [orgA])),
      );
  }
  aUuids = new Set([...ids.map((r) => r.id), orgA]);
  // A's derived risk scores brought up to date first: the recompute records risk.tier_changed events,
  // which the graph read lists.
  await ok(keyA, `{ riskOverview { modelVersion } }`);
  // A's daily work (the ledger, the digest) and a delivery attempt, so that those tables hold rows of A.
  await withOrganization(app.db, orgA, "test", (ctx) => runDailyWork(ctx, loadConfig({}), "matrix"));
  await app.db.owner.query(
    `INSERT INTO webhook_attempt (organization_id, delivery_id, attempt, started_at, duration_ms, outcome, error,
      worker)
     SELECT organization_id, id, 1, now(), 12, 'NETWORK_ERROR', 'ENOTFOUND: ${MARK}', 'matrix' FROM webhook_delivery
       WHERE id = $1`,
    [fromGlobalId(A.WebhookDelivery)!.id],
  );
  // The graph read first: it brings A's derived risk scores up to date, so the row snapshot after it is final.
  graphBefore = await graphSnapshot(keyA);
  snapshotBefore = await ownerSnapshot(orgA);
}, 120_000);
afterAll(() => app.stop());

describe("reads", () => {
  test("A has a record of every Node type of the schema, and reads each by node(id)", async () => {
    const missing = nodeTypeNames().filter((t) => !A[t]);
    expect({ nodeTypesWithoutARecordOfA: missing }).toEqual({ nodeTypesWithoutARecordOfA: [] });
    for (const type of nodeTypeNames()) {
      const res = await gql(keyA, `query($id: ID!) { node(id: $id) { __typename id } }`, { id: A[type] });
      expect({ type, node: res.data.node }).toEqual({ type, node: { __typename: type, id: A[type] } });
    }
  });

  test("node(id) of every Node type of A is null for B, the same as an unknown id", async () => {
    for (const type of nodeTypeNames()) {
      const foreign = await gql(keyB, `query($id: ID!) { node(id: $id) { __typename id } }`, { id: A[type] });
      const unknown = await gql(keyB, `query($id: ID!) { node(id: $id) { __typename id } }`, { id: randomId(type) });
      expect({ type, foreign: foreign.data, errors: foreign.errors }).toEqual({
        type,
        foreign: { node: null },
        errors: undefined,
      });
      expect(JSON.stringify(foreign)).toBe(JSON.stringify(unknown));
    }
  });

  test("every root query by id (processor(id), agreement(id), …) is null for B on A's ids", async () => {
    const byId = queryFields().filter((f) => f.args.length === 1 && f.args[0].name === "id" && f.name !== "node");
    expect(byId.map((f) => f.name).sort()).toEqual([...BY_ID_QUERIES].filter((n) => n !== "node").sort());
    for (const f of byId) {
      const type = getNamedType(f.type).name;
      expect({ query: f.name, idOfA: !!A[type] }).toEqual({ query: f.name, idOfA: true });
      const selection = splitSelection(getNamedType(f.type), 1, 350)[0];
      const foreign = await gql(keyB, `query($id: ID!) { r: ${f.name}(id: $id) ${selection} }`, { id: A[type] });
      const unknown = await gql(keyB, `query($id: ID!) { r: ${f.name}(id: $id) ${selection} }`, { id: randomId(type) });
      expect({ query: f.name, answer: foreign.data, errors: foreign.errors }).toEqual({
        query: f.name,
        answer: { r: null },
        errors: undefined,
      });
      expect(JSON.stringify(foreign)).toBe(JSON.stringify(unknown));
    }
  });

  test("every list query of the schema, read deep by B, contains nothing of A", async () => {
    const lists = await readLists(keyB);
    expect(lists.map((l) => l.field).sort()).toEqual(
      listFields()
        .map((f) => f.name)
        .sort(),
    );
    for (const { field, answers } of lists) {
      for (const res of answers) {
        expect({ field, status: res.status, errors: res.errors }).toEqual({ field, status: 200, errors: undefined });
        expect({ field, leaks: leaksOfA(JSON.stringify(res.data)) }).toEqual({ field, leaks: [] });
      }
    }
    console.log(
      "[cross-tenant] lists read by B: " +
        lists.map((l) => `${l.field} (depth ${l.depth}, ${l.answers.length} queries)`).join(", "),
    );
    // B's own data is there, so the lists were really read.
    const mine = await gql(
      keyB,
      `{ processors { totalCount } evidence { totalCount } pendingChangeNotices { id } supervisionSchedule { ` +
        `processor { id } } }`,
    );
    expect(mine.data.processors.totalCount).toBe(3);
    expect(mine.data.evidence.totalCount).toBe(2); // B's external document and its imported DPA
    expect(mine.data.pendingChangeNotices).toHaveLength(1);
    expect(mine.data.supervisionSchedule.length).toBeGreaterThan(0);
  });

  test("list arguments that name A's records answer like unknown ids", async () => {
    const cases: [string, (id: string) => Record<string, unknown>, string][] = [
      [
        `query($id: ID) { evidence(filter: { processorId: $id }) { totalCount edges { node { id } } } }`,
        (id) => ({ id }),
        "Processor",
      ],
      [`query($id: ID) { evidenceList(processorId: $id) { subjectId title } }`, (id) => ({ id }), "Processor"],
      [
        `query($id: ID) { findings(filter: { processorId: $id }) { totalCount edges { node { id description } } } }`,
        (id) => ({ id }),
        "Processor",
      ],
      [`{ dataCategories(keyPrefix: "${aKeys.dataCategory}") { id key } }`, () => ({}), "DataCategory"],
      [`{ processors(filter: { search: "Capturi", includeArchived: true }) { totalCount } }`, () => ({}), "Processor"],
    ];
    // The audit log (when the schema has it) filtered by one of A's records or A's key.
    const auditLog = queryFields().find((f) => f.name === "auditLog");
    const filterType = auditLog?.args.find((a) => a.name === "filter");
    const filterFields = filterType
      ? Object.keys((getNamedType(filterType.type) as import("graphql").GraphQLInputObjectType).getFields())
      : [];
    if (filterFields.includes("entityId")) {
      for (const type of ["Processor", "Agreement", "Evidence"]) {
        cases.push([
          `query($id: ID) { auditLog(filter: { entityId: $id }) { totalCount edges { node { __typename } } } }`,
          (id) => ({ id }),
          type,
        ]);
      }
    }
    if (filterFields.includes("actorApiKeyId")) {
      cases.push([
        `query($id: ID) { auditLog(filter: { actorApiKeyId: $id }) { totalCount } }`,
        (id) => ({ id }),
        "ApiKey",
      ]);
    }
    for (const [query, vars, type] of cases) {
      const foreign = await gql(keyB, query, vars(A[type]));
      const unknown = await gql(keyB, query, vars(randomId(type)));
      expect(JSON.stringify(foreign)).toBe(JSON.stringify(unknown));
      expect(leaksOfA(JSON.stringify(foreign))).toEqual([]);
    }
  });
});

describe("mutations", () => {
  test("every mutation of the schema is in the matrix, or takes no id", () => {
    const names = mutationFields()
      .map((f) => f.name)
      .sort();
    const covered = [...Object.keys(MATRIX), ...NO_FOREIGN_IDS].sort();
    expect({ mutationsWithoutAMatrixEntry: names.filter((n) => !covered.includes(n)) }).toEqual({
      mutationsWithoutAMatrixEntry: [],
    });
    expect({ matrixEntriesNotInTheSchema: covered.filter((n) => !names.includes(n)) }).toEqual({
      matrixEntriesNotInTheSchema: [],
    });
    for (const name of NO_FOREIGN_IDS) {
      const input = inputTypeOf(mutationFields().find((f) => f.name === name)!);
      expect({ name, idFields: input ? idFieldsOf(input).map((f) => f.path.join(".")) : [] }).toEqual({
        name,
        idFields: [],
      });
    }
    for (const f of mutationFields().filter((m) => MATRIX[m.name])) {
      const fields = idFieldsOf(inputTypeOf(f)!);
      for (const field of fields) {
        const key = field.path[field.path.length - 1];
        const known = key === "id" ? !!MATRIX[f.name].id : !!FIELD_TYPES[key];
        expect({ mutation: f.name, field: field.path.join("."), typeKnown: known }).toEqual({
          mutation: f.name,
          field: field.path.join("."),
          typeKnown: true,
        });
      }
    }
  });

  test(
    "every id field of every mutation: A's id is NOT_FOUND for B, " + "byte-identical to an unknown id of the type",
    async () => {
      const report: string[] = [];
      for (const f of mutationFields().filter((m) => MATRIX[m.name])) {
        const spec = MATRIX[f.name];
        const inputType = inputTypeOf(f)!;
        // B's base input must itself be valid up to the lookups (else the check below proves nothing).
        for (const field of idFieldsOf(inputType)) {
          const name = field.path[field.path.length - 1];
          const type = name === "id" ? spec.id! : FIELD_TYPES[name];
          const input = (spec.baseFor?.[name] ?? spec.base)();
          const set = (id: string) => ({ ...input, [name]: field.list ? [id] : id });
          const doc = mutationDoc(f.name, inputType.name);
          const foreign = await gql(keyB, doc, { input: set(A[type]) });
          const unknown = await gql(keyB, doc, { input: set(randomId(type)) });
          const where = `${f.name}.${name} (${type})`;
          expect({ where, status: foreign.status, errors: foreign.errors }).toEqual({
            where,
            status: 200,
            errors: undefined,
          });
          const errors = foreign.data.r.userErrors as { field: string[]; code: string; message: string }[];
          const path = field.list ? ["input", name, "0"] : ["input", name];
          expect({
            where,
            notFound: errors.some((e) => e.code === "NOT_FOUND" && JSON.stringify(e.field) === JSON.stringify(path)),
            errors,
          }).toEqual({
            where,
            notFound: true,
            errors,
          });
          expect({ where, answer: JSON.stringify(foreign) }).toEqual({ where, answer: JSON.stringify(unknown) });
          report.push(`${where}: ${errors.map((e) => `${e.code} ${e.message}`).join("; ")}`);
        }
      }
      console.log(`[cross-tenant] ${report.length} mutation id fields refused alike:\n  ${report.join("\n  ")}`);
    },
  );

  test("references by key to A's own vocabulary entries answer like unknown keys", async () => {
    const normalize = (s: string, key: string) => s.split(key).join("<key>");
    const cases: {
      what: string;
      doc: string;
      input: (key: string) => Record<string, unknown>;
      key: string;
      other: string;
    }[] = [
      {
        what: "setProcessorMeasure.measureKey",
        doc: mutationDoc("setProcessorMeasure", "SetProcessorMeasureInput"),
        input: (k) => ({ processorId: B.Processor, measureKey: k, status: "IMPLEMENTED" }),
        key: aKeys.measure,
        other: "a_secret.vaulx",
      },
      {
        what: "createAgreement.requiredMeasures.measureKey",
        doc: mutationDoc("createAgreement", "CreateAgreementInput"),
        input: (k) => ({
          processorId: B.Processor,
          kind: "DPA",
          template: "OTHER",
          title: "x",
          requiredMeasures: [{ measureKey: k }],
        }),
        key: aKeys.measure,
        other: "a_secret.vaulx",
      },
      {
        what: "createAgreement.dataCategories.key",
        doc: mutationDoc("createAgreement", "CreateAgreementInput"),
        input: (k) => ({
          processorId: B.Processor,
          kind: "DPA",
          template: "OTHER",
          title: "x",
          dataCategories: [{ key: k }],
        }),
        key: aKeys.dataCategory,
        other: "user.health_and_medical.a_secret_plax",
      },
      {
        what: "updateAgreement.dataSubjectCategories.key",
        doc: mutationDoc("updateAgreement", "UpdateAgreementInput"),
        input: (k) => ({ id: B.Agreement, dataSubjectCategories: [{ key: k }] }),
        key: aKeys.dataSubjectCategory,
        other: "patient.a_secret_cohorx",
      },
      {
        what: "createDataCategory.key (a child of A's entry)",
        doc: mutationDoc("createDataCategory", "CreateDataCategoryInput"),
        input: (k) => ({ key: `${k}.child`, name: "child", sensitivity: "ORDINARY" }),
        key: aKeys.dataCategory,
        other: "user.health_and_medical.a_secret_plax",
      },
    ];
    for (const c of cases) {
      const foreign = await gql(keyB, c.doc, { input: c.input(c.key) });
      const unknown = await gql(keyB, c.doc, { input: c.input(c.other) });
      expect({ what: c.what, errors: foreign.errors }).toEqual({ what: c.what, errors: undefined });
      expect({ what: c.what, refused: foreign.data.r.userErrors.length > 0 }).toEqual({ what: c.what, refused: true });
      expect({ what: c.what, answer: normalize(JSON.stringify(foreign), c.key) }).toEqual({
        what: c.what,
        answer: normalize(JSON.stringify(unknown), c.other),
      });
    }
    // B may create an entry with the key A uses: A's entry neither blocks nor reveals itself.
    const own = await gql(
      keyB,
      `mutation($input: CreateDataCategoryInput!) { r: createDataCategory(input: $input) { dataCategory { key ` +
        `custom } userErrors { field code message } } }`,
      {
        input: { key: aKeys.dataCategory, name: "B's own", sensitivity: "ORDINARY" },
      },
    );
    expect(own.data.r).toEqual({ dataCategory: { key: aKeys.dataCategory, custom: true }, userErrors: [] });
  });

  test("mutations without ids do not reach A (settleChangeNotices settles only B's notices)", async () => {
    const settled = await gql(keyB, `mutation { settleChangeNotices { settled { id } userErrors { code } } }`);
    expect(settled.errors).toBeUndefined();
    expect(leaksOfA(JSON.stringify(settled.data))).toEqual([]);
  });
});

describe("plain HTTP", () => {
  test("GET /evidence/<A's id>/content is the same 404 as an unknown id (uploaded and external evidence)", async () => {
    const unknown = await get(keyB, `/evidence/${randomId("Evidence")}/content`);
    expect(unknown.status).toBe(404);
    for (const id of [A.Evidence, aExternalEvidence]) {
      const foreign = await get(keyB, `/evidence/${id}/content`);
      expect(foreign).toEqual(unknown);
    }
    // A itself can download it (the id is real).
    expect((await get(keyA, `/evidence/${A.Evidence}/content`)).status).toBe(200);
  });

  test(
    "GET /exports/evidence-manifest with A's processor id answers like an " + "unknown id; without it, nothing of A",
    async () => {
      for (const ext of ["json", "csv"]) {
        const foreign = await get(
          keyB,
          `/exports/evidence-manifest.${ext}?processorId=${encodeURIComponent(A.Processor)}`,
        );
        const unknown = await get(
          keyB,
          `/exports/evidence-manifest.${ext}?processorId=${encodeURIComponent(randomId("Processor"))}`,
        );
        expect(foreign.status).toBeGreaterThanOrEqual(400);
        expect(foreign).toEqual(unknown);
        const all = await get(keyB, `/exports/evidence-manifest.${ext}`);
        expect(all.status).toBe(200);
        expect(leaksOfA(all.text)).toEqual([]);
      }
    },
  );

  test("GET /exports/register (xlsx and every CSV sheet) holds nothing of A", async () => {
    for (const path of [
      "/exports/register.csv",
      "/exports/register.csv?sheet=subprocessors",
      "/exports/register.csv?sheet=agreements",
    ]) {
      const res = await get(keyB, path);
      expect(res.status).toBe(200);
      expect(leaksOfA(res.text)).toEqual([]);
    }
    expect((await get(keyB, "/exports/register.xlsx")).status).toBe(200);
  });

  test("POST /evidence linking any of A's records is the same 422 NOT_FOUND as an unknown id", async () => {
    const fields = { kind: "OTHER", title: "B upload", effectiveOn: "2025-01-01" };
    const links: Record<string, string> = {
      processorId: "Processor",
      agreementId: "Agreement",
      auditReportId: "AuditReport",
      findingId: "AuditFinding",
      breachNoticeId: "BreachNotice",
      measureId: "Measure",
    };
    const content = Buffer.from("%PDF-1.7 B upload");
    for (const [field, type] of Object.entries(links)) {
      const foreign = await upload(keyB, { ...fields, [field]: A[type] }, content);
      const unknown = await upload(keyB, { ...fields, [field]: randomId(type) }, content);
      expect({ field, status: foreign.status, code: JSON.parse(foreign.text).error?.code }).toEqual({
        field,
        status: 422,
        code: "NOT_FOUND",
      });
      expect({ field, answer: foreign.text }).toEqual({ field, answer: unknown.text });
    }
  });
});

describe("afterwards", () => {
  test("A's data is unchanged, row for row and through its own API key", async () => {
    expect(await ownerSnapshot(orgA)).toEqual(snapshotBefore);
    expect(await graphSnapshot(keyA)).toBe(graphBefore);
    const sha = createHash("sha256").update(graphBefore).digest("hex").slice(0, 12);
    console.log(
      `[cross-tenant] A snapshot: ${Object.values(snapshotBefore).reduce((n, rows) => n + rows.length, 0)} rows ` +
        `in ${Object.keys(snapshotBefore).length} tables, GraphQL snapshot ${graphBefore.length} bytes (sha ${sha}) ` +
        `unchanged`,
    );
  });
});

describe("row-level security without the application's filters", () => {
  test(
    "as the app role scoped to B, every tenant table shows none of A's rows, and UPDATE/DELETE of them affect 0 " +
      "rows",
    async () => {
      const tables = await tenantTables();
      expect(tables.length).toBeGreaterThanOrEqual(15);
      // Stale-risk marks live until the next read of risk claims them: one of A's of each kind is left here, so
      // those tables are covered whichever reads ran before.
      await app.db.owner.query(
        `INSERT INTO risk_stale_processor (organization_id, processor_id)
         SELECT organization_id, id FROM processor WHERE organization_id = $1 LIMIT 1`,
        [orgA],
      );
      await app.db.owner.query(
        `INSERT INTO risk_stale_hop (organization_id, engagement_id, processor_id, countries, transfer_mechanism)
         SELECT organization_id, id, processor_id, countries::text[], transfer_mechanism::text
           FROM subprocessor_engagement WHERE organization_id = $1 LIMIT 1`,
        [orgA],
      );
      const before = await ownerSnapshot(orgA);
      const aCounts: Record<string, number> = {};
      for (const t of tables)
        aCounts[t] = (
          await app.db.owner.query(`SELECT count(*)::int AS n FROM "${t}" WHERE organization_id = $1`, [orgA])
        )[0].n;
      // Every tenant table holds rows of A, so that "0 visible" means something.
      const empty = tables.filter((t) => aCounts[t] === 0);
      const summary: string[] = [];
      const qr = app.db.app.createQueryRunner();
      await qr.connect();
      try {
        await qr.startTransaction();
        await qr.query(`SET LOCAL ROLE tilsyn_app`);
        await qr.query(`SELECT set_config('app.organization_id', $1, true)`, [orgB]);
        const aIds = [...aUuids];
        for (const t of tables) {
          const withId = await hasUuidId(t);
          const [{ a, other, total }] = await qr.query(
            `SELECT count(*) FILTER (WHERE organization_id = $1)::int AS a,
                  count(*) FILTER (WHERE organization_id IS DISTINCT FROM $2 AND organization_id IS NOT NULL)::int AS
                    other,
                  count(*)::int AS total FROM "${t}"`,
            [orgA, orgB],
          );
          expect({ table: t, visibleRowsOfA: a, visibleRowsOfOtherOrganizations: other }).toEqual({
            table: t,
            visibleRowsOfA: 0,
            visibleRowsOfOtherOrganizations: 0,
          });
          if (withId) {
            const [{ n }] = await qr.query(`SELECT count(*)::int AS n FROM "${t}" WHERE id = ANY($1::uuid[])`, [aIds]);
            expect({ table: t, aIdsFound: n }).toEqual({ table: t, aIdsFound: 0 });
          }
          const attempt = async (sql: string, params: unknown[]) => {
            await qr.query(`SAVEPOINT attempt`);
            try {
              const res = await qr.query(sql, params, true);
              await qr.query(`RELEASE SAVEPOINT attempt`);
              return `${res.affected ?? 0} rows`;
            } catch (err) {
              await qr.query(`ROLLBACK TO SAVEPOINT attempt`);
              const code = (err as { driverError?: { code?: string } }).driverError?.code;
              // No privilege at all on the table is an even stronger no.
              if (code === "42501") return "permission denied";
              throw err;
            }
          };
          const where = withId ? `organization_id = $1 OR id = ANY($2::uuid[])` : `organization_id = $1`;
          const params = withId ? [orgA, aIds] : [orgA];
          const updated = await attempt(`UPDATE "${t}" SET organization_id = organization_id WHERE ${where}`, params);
          const deleted = await attempt(`DELETE FROM "${t}" WHERE ${where}`, params);
          expect({ table: t, updated, deleted }).toEqual({
            table: t,
            updated: expect.stringMatching(/^(0 rows|permission denied)$/),
            deleted: expect.stringMatching(/^(0 rows|permission denied)$/),
          });
          summary.push(`${t}: A has ${aCounts[t]}, B sees ${total} (0 of A); update ${updated}, delete ${deleted}`);
        }
        // Committed on purpose: the statements really ran, and A's rows are still there.
        await qr.commitTransaction();
      } finally {
        if (qr.isTransactionActive) await qr.rollbackTransaction();
        await qr.release();
      }
      expect(await ownerSnapshot(orgA)).toEqual(before);
      const missing = empty.length ? `\n  (A has no rows in: ${empty.join(", ")})` : "";
      console.log(
        `[cross-tenant] row-level security, ${tables.length} tenant tables:\n  ${summary.join("\n  ")}${missing}`,
      );
      // A new tenant table needs a record of A in the fixture above, or "0 of A's rows visible" proves nothing for it.
      expect({ tenantTablesWithoutARecordOfAInTheFixture: empty }).toEqual({
        tenantTablesWithoutARecordOfAInTheFixture: [],
      });
    },
  );
});
