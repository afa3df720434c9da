// The README's examples, as a new user would run them: every ```graphql block is validated against
// schema/schema.graphql and run against the demo data with the demo key, and every curl command of the
// ```sh blocks is run with bash against the real server (paths relative to the repository root). An
// example that errors, or answers nothing where the README promises something, fails here.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { buildSchema, GraphQLSchema, Kind, OperationDefinitionNode, parse, validate } from "graphql";
import { readmeExamples } from "../../src/http/readme-examples";
import { seedDemoOrganization, startTestApp, TestApp } from "../helpers/app";

const ROOT = path.resolve(__dirname, "..", "..");
const README = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
const examples = readmeExamples(README);
const schema: GraphQLSchema = buildSchema(fs.readFileSync(path.join(ROOT, "schema", "schema.graphql"), "utf8"));
const shellBlocks = [...README.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]).filter((b) => /\bcurl\b/.test(b));

interface Operation {
  name: string;
  kind: "query" | "mutation";
  document: string;
  variables: string[];
}

/** Each operation of each block, on its own (a block may hold several named operations). */
const operations: Operation[] = examples.flatMap((example) => {
  const doc = parse(example.document);
  const ops = doc.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  return ops.map((op) => ({
    name: op.name?.value ?? "",
    kind: op.operation === "mutation" ? "mutation" : "query",
    document: example.document,
    variables: (op.variableDefinitions ?? []).map((v) => v.variable.name.value),
  }));
});

let app: TestApp;
let key: string;
let base: string;
const ids: Record<string, string> = {};
const env: Record<string, string> = {};
const answers = new Map<string, any>();

/** Values for the examples' variables: which demo record each one is about. */
const VARIABLES: Record<string, () => Record<string, unknown>> = {
  // A sub-processor: its tree, the chain above it and its approved list as it stood on a date.
  VendorChain: () => ({ id: ids.Ubivox }),
  RecordReport: () => ({ p: ids.Capturi }),
  EvidenceList: () => ({ p: ids.Capturi }),
  AuditTrail: () => ({ id: ids.Capturi }),
  ReviewImport: () => ({ id: env.IMPORT_ID }),
  ConfirmImport: () => ({ id: env.IMPORT_ID }),
  RegisterPlan: () => ({ id: env.REGISTER_IMPORT_ID }),
  ApplyRegister: () => ({ id: env.REGISTER_IMPORT_ID }),
  // The vendor CreateVendor made, at the version it answered.
  UpdateVendor: () => ({ id: env.VENDOR_ID, version: Number(env.VENDOR_VERSION) }),
};

async function run(op: Operation) {
  const variables = op.variables.length ? VARIABLES[op.name]?.() : undefined;
  const res = await fetch(`${base}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
    body: JSON.stringify({ query: op.document, operationName: op.name || undefined, variables }),
  });
  const body = (await res.json()) as { data?: any; errors?: unknown[] };
  expect({ operation: op.name, status: res.status, errors: body.errors }).toEqual({
    operation: op.name,
    status: 200,
    errors: undefined,
  });
  answers.set(op.name, body.data);
  return body.data;
}

/** Fields the README shows that are empty on the demo data, and why (the README says so too). */
const EMPTY_ON_DEMO_DATA: Record<string, string> = {
  "ThirdCountryExposure.pendingChangeNotices": "the seed DPAs carry no sub-processor change notice",
  "WebhookLog.webhookEndpoints": "the demo has no webhook endpoint until CreateWebhook runs (checked after it)",
  "WebhookLog.jobs": "no job has failed",
  "BehindTheNumbers.findings": "the demo data records no audit report and so no finding",
};

/** Fields of an answer that came back empty: null, [] or a connection without edges, one level into objects. */
function emptyFields(data: Record<string, any>, prefix = "", depth = 0): string[] {
  const empty: string[] = [];
  for (const [field, value] of Object.entries(data ?? {})) {
    const at = `${prefix}${field}`;
    if (value === null || (Array.isArray(value) && value.length === 0)) empty.push(at);
    else if (value && typeof value === "object" && !Array.isArray(value)) {
      if (Array.isArray(value.edges)) {
        if (value.edges.length === 0) empty.push(at);
      } else if (depth === 0) empty.push(...emptyFields(value, `${at}.`, depth + 1));
    }
  }
  return empty;
}

/** Runs one README shell block with bash in a folder that shows the repository's files. */
async function runShell(block: string): Promise<string> {
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), "tilsyn-readme-"));
  for (const entry of fs.readdirSync(ROOT)) {
    if (["node_modules", ".git", ".data", "dist"].includes(entry)) continue;
    fs.symlinkSync(path.join(ROOT, entry), path.join(cwd, entry));
  }
  // curl fails on an HTTP error (and still shows the body); `set -e` stops at the first failure.
  const prelude = `set -euo pipefail\ncurl() { command curl --fail-with-body --show-error "$@"; echo; }\n`;
  const script = prelude + block.replaceAll("http://127.0.0.1:4000", base);
  try {
    const { stdout } = await promisify(execFile)("bash", ["-c", script], {
      cwd,
      env: { ...process.env, ...env },
      maxBuffer: 50 * 1024 * 1024,
    });
    for (const written of fs.readdirSync(cwd).filter((f) => !fs.lstatSync(path.join(cwd, f)).isSymbolicLink()))
      expect({ file: written, bytes: fs.statSync(path.join(cwd, written)).size > 0 }).toEqual({
        file: written,
        bytes: true,
      });
    return stdout;
  } finally {
    fs.rmSync(cwd, { recursive: true, force: true });
  }
}

beforeAll(async () => {
  app = await startTestApp();
  base = app.server.url.replace(/\/graphql$/, "");
  ({ key } = await seedDemoOrganization(app));
  const list = await app.gql(key, `{ processors(first: 50) { edges { node { id name } } } }`);
  for (const { node } of list.data.processors.edges) ids[node.name] = node.id;
  const auditor = await app.gql(
    key,
    `mutation { createApiKey(input: { name: "auditor", role: "AUDITOR" }) { secret } }`,
  );
  Object.assign(env, { KEY: key, AUDITOR_KEY: auditor.data.createApiKey.secret });
}, 120_000);

/** One line per example: what each top-level field answered (a count for lists, else the value's keys). */
function summary(data: Record<string, any>): string {
  return Object.entries(data ?? {})
    .map(([field, v]) => {
      if (Array.isArray(v)) return `${field}: ${v.length}`;
      if (v && Array.isArray(v.edges)) return `${field}: ${v.edges.length} of ${v.totalCount ?? "?"}`;
      if (v && typeof v === "object")
        return `${field}: {${Object.entries(v)
          .map(([k, x]) => `${k}${Array.isArray(x) ? `: ${x.length}` : typeof x === "object" ? "" : `: ${x}`}`)
          .join(", ")}}`;
      return `${field}: ${v}`;
    })
    .join("; ");
}

afterAll(async () => {
  if (answers.size)
    console.log(
      `[readme] what each example answered on the demo data:\n  ${[...answers]
        .map(([name, data]) => `${name} → ${summary(data)}`.slice(0, 400))
        .join("\n  ")}`,
    );
  await app?.stop();
});

test("the README has the examples this test knows: one operation per block or named operations", () => {
  expect(examples.length).toBeGreaterThanOrEqual(12);
  for (const example of examples) {
    const ops = parse(example.document).definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
    expect({ title: example.title, named: ops.length === 1 || ops.every((o: any) => o.name) }).toEqual({
      title: example.title,
      named: true,
    });
  }
  // Every operation with variables says here which demo record they are about.
  for (const op of operations.filter((o) => o.variables.length))
    expect({ operation: op.name, known: op.name in VARIABLES }).toEqual({ operation: op.name, known: true });
});

test.each(examples.map((e) => [e.title, e.document]))("%s: valid against schema/schema.graphql", (_t, document) => {
  expect(validate(schema, parse(document)).map((e) => e.message)).toEqual([]);
});

test("every read-only example answers the demo data, with nothing empty that it promises", async () => {
  const reads = operations.filter((o) => o.kind === "query" && !VARIABLES[o.name]?.toString().includes("IMPORT"));
  expect(reads.length).toBeGreaterThanOrEqual(9);
  for (const op of reads) {
    const data = await run(op);
    const empty = emptyFields(data).filter((f) => !EMPTY_ON_DEMO_DATA[`${op.name}.${f}`]);
    expect({ operation: op.name, empty }).toEqual({ operation: op.name, empty: [] });
  }
  // The approved list as it stood on a past date: the demo chains start on the demo signing date.
  expect(answers.get("VendorChain").processor.subprocessors.map((s: any) => s.subprocessor.name)).toEqual(["LeaseWeb"]);
  expect(answers.get("SupervisionDue").supervisionSchedule.length).toBeGreaterThan(0);
});

test("the write examples and every curl command work as written, in README order", async () => {
  const created = await run(operations.find((o) => o.name === "CreateVendor")!);
  expect(created.createProcessor.userErrors).toEqual([]);
  env.VENDOR_ID = created.createProcessor.processor.id;
  env.VENDOR_VERSION = String(created.createProcessor.processor.version);
  const updated = await run(operations.find((o) => o.name === "UpdateVendor")!);
  expect(updated.updateProcessor.userErrors).toEqual([]);
  expect(updated.updateProcessor.processor).toMatchObject({
    businessOwnerName: "Mette Holm",
    renewalOn: "2027-06-30",
    version: created.createProcessor.processor.version + 1,
  });
  // The version read before the update is stale now: refused, as the README says.
  const stale = await run(operations.find((o) => o.name === "UpdateVendor")!);
  expect(stale.updateProcessor.userErrors).toEqual([expect.objectContaining({ code: "STALE_VERSION" })]);
  const report = await run(operations.find((o) => o.name === "RecordReport")!);
  expect(report.createAuditReport.userErrors).toEqual([]);
  env.REPORT_ID = report.createAuditReport.auditReport.id;

  expect(shellBlocks.length).toBeGreaterThanOrEqual(5);
  const outputs: string[] = [];
  for (const block of shellBlocks) {
    // Every file a command sends is in the repository.
    for (const [, file] of block.matchAll(/=@([^;"'\s]+)/g)) expect(fs.existsSync(path.join(ROOT, file))).toBe(true);
    outputs.push(await runShell(block));
  }
  const viewer = JSON.parse(outputs[0].split("\n")[0]);
  expect(viewer.data.viewer.role).toBe("ADMIN");
  // Each curl's answer is a line of its own (the wrapper ends it); the first import is the seed DPA.
  const lines = outputs.flatMap((o) => o.split("\n"));
  const upload = JSON.parse(lines.find((l) => l.includes('"agreementImport"'))!);
  expect(upload.agreementImport.status).toBe("DRAFT");
  env.IMPORT_ID = upload.agreementImport.id;

  const review = await run(operations.find((o) => o.name === "ReviewImport")!);
  expect(review.agreementImport.fields.length).toBeGreaterThan(20);
  const confirm = await run(operations.find((o) => o.name === "ConfirmImport")!);
  expect(confirm.confirmAgreementImport.userErrors).toEqual([]);
  expect(confirm.confirmAgreementImport.agreement.status).toBe("ACTIVE");

  const registerUpload = JSON.parse(lines.find((l) => l.includes('"registerImport"'))!);
  expect(registerUpload.registerImport).toMatchObject({
    status: "PLANNED",
    encoding: "windows-1252",
    delimiter: ";",
    rowsRead: 4,
    counts: { create: 2, update: 1, unchanged: 0, rejected: 1 },
  });
  env.REGISTER_IMPORT_ID = registerUpload.registerImport.id;
  const plan = await run(operations.find((o) => o.name === "RegisterPlan")!);
  expect(plan.registerImport.rows.find((r: any) => r.label === "Capturi").changes).toEqual([
    { field: "tags", from: "AI, Kundeservice", to: "AI, Kundeservice, Telefoni" },
  ]);
  const applied = await run(operations.find((o) => o.name === "ApplyRegister")!);
  expect(applied.applyRegisterImport.userErrors).toEqual([]);
  expect(applied.applyRegisterImport.registerImport.status).toBe("APPLIED");

  const webhook = await run(operations.find((o) => o.name === "CreateWebhook")!);
  expect(webhook.createWebhookEndpoint.userErrors).toEqual([]);
  expect(webhook.createWebhookEndpoint.secret).toMatch(/^whsec_/);
  const log = await run(operations.find((o) => o.name === "WebhookLog")!);
  expect(log.webhookEndpoints.map((e: any) => e.url)).toEqual(["https://hooks.example.com/tilsyn"]);
}, 120_000);
