// Issue 15, items 2 and 3: hostile documents sent to POST /imports/agreement (and importAgreement) are read
// in a worker thread within limits. Each bomb (built at test time, test/helpers/bombs.ts) answers 422
// DOCUMENT_TOO_COMPLEX naming the limit within seconds, stores nothing, and meanwhile another tenant's
// trivial query keeps answering in under 200 ms; the process lives on. Also: the reader queue (503
// DOCUMENT_READERS_BUSY with Retry-After), the memory cap and the timeout, the ts-node and the compiled
// server, and ordinary documents read exactly as before.
import fs from "node:fs";
import path from "node:path";
import { startTestApp, TestApp } from "../helpers/app";
import { startApiProcess, type ApiProcess } from "../helpers/api-process";
import { compileServer } from "../helpers/compiled";
import * as bombs from "../helpers/bombs";
import { SEED_DPA_DIR } from "../../seeds/dpas";
import { loadLabels, uploadOf } from "../../src/modules/dpa-import/extract/evaluation";
import { parseDocument } from "../../src/modules/dpa-import/extract/parse";
import {
  configureDocumentReader,
  documentReaderSettings,
  readDocument,
} from "../../src/modules/dpa-import/reader/reader";
import { retryWallClockBounds } from "../helpers/wall-clock";

retryWallClockBounds();

const ROOT = path.resolve(__dirname, "..", "..");
const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

let app: TestApp;
/** The compiled server (as `npm start` runs it), in a process of its own: the bombs are sent to it. */
let compiled: string;
let api: ApiProcess;
let base: string;
let attacker: string;
let bystander: string;

/** A Word file of a real DPA (the Capturi seed), one paragraph per line. */
function capturiDocx(): Buffer {
  const lines = fs
    .readFileSync(path.join(SEED_DPA_DIR, "capturi-dpa.da.txt"), "utf8")
    .split("\n")
    .filter((l) => l.trim());
  const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  return bombs.plainDocx(lines.map(escape));
}

/** A Word file of `mb` MB of varied paragraphs: within the size and ratio limits, heavy for mammoth. */
function heavyDocx(mb: number): Buffer {
  const paragraphs: string[] = [];
  let size = 0;
  for (let i = 0; size < mb * 1024 * 1024; i += 1) {
    const p =
      `Clause ${i}.${(i * 7919) % 10007}: the processor keeps record ` + `${(i * 104729) % 999983} for ${i % 97} days.`;
    paragraphs.push(p);
    size += p.length + 40;
  }
  return bombs.plainDocx(paragraphs);
}

async function upload(at: string, key: string, bytes: Buffer, name: string, type = "application/octet-stream") {
  const form = new FormData();
  form.append("file", new Blob([bytes], { type }), name);
  const started = Date.now();
  const res = await fetch(`${at}/imports/agreement`, {
    method: "POST",
    body: form,
    headers: { authorization: `Bearer ${key}` },
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, ms: Date.now() - started, headers: res.headers };
}

async function gqlAt(at: string, key: string, query: string, variables: Record<string, unknown>) {
  const res = await fetch(at, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data: any };
}

/** Another tenant's trivial query, timed. */
async function bystanderQuery(at = `${base}/graphql`): Promise<number> {
  const started = Date.now();
  const res = await fetch(at, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${bystander}` },
    body: JSON.stringify({ query: "{ viewer { role organization { name } } }" }),
  });
  const body = (await res.json()) as { data?: { viewer: { organization: { name: string } } } };
  expect(body.data?.viewer.organization.name).toBe("Bystander A/S");
  return Date.now() - started;
}

/** Runs `work` while the bystander queries one after another; returns the work's result and the latencies. */
async function whileQuerying<T>(work: () => Promise<T>, at?: string): Promise<{ result: T; latencies: number[] }> {
  const latencies: number[] = [];
  let done = false;
  const querying = (async () => {
    // At least three answers, so that the median means something when the refusal is quick.
    while (!done || latencies.length < 3) {
      latencies.push(await bystanderQuery(at));
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  try {
    const result = await work();
    return { result, latencies };
  } finally {
    done = true;
    await querying;
  }
}

/**
 * The bystander was served while the document was read: its typical (median) answer under 200 ms and none
 * near a blocked event loop (over 2 s; before the reader, one answer took as long as the whole parse, 51 s
 * to 699 s, or never came; 1,040 ms was seen once with CI and other work sharing the two cores at load 6).
 * Every sample is in the figures: on a machine shared far beyond its two cores a single answer can pass
 * 200 ms with or without an attack (see the baseline).
 */
function expectServed(latencies: number[]): void {
  expect(latencies.length).toBeGreaterThan(0);
  const sorted = [...latencies].sort((a, b) => a - b);
  expect(sorted[Math.floor((sorted.length - 1) / 2)]).toBeLessThan(200);
  expect(sorted[sorted.length - 1]).toBeLessThan(2000);
}

async function stored() {
  const [row] = await app.db.owner.query(
    `SELECT (SELECT count(*) FROM evidence)::int AS evidence, (SELECT count(*) FROM agreement_import)::int AS imports`,
  );
  return row as { evidence: number; imports: number };
}

const figures: string[] = [];

/** A server on the test's database: the compiled one (default) or src/main.ts under ts-node. */
async function startServerProcess(env: Record<string, string> = {}, mode = "compiled"): Promise<ApiProcess> {
  const started = await startApiProcess(
    app.db.url,
    { CONSOLE_ENABLED: "false", JOBS: "off", ...env },
    mode === "compiled" ? compiled : undefined,
  );
  // The first requests to a fresh process warm it up (they are slow with or without an attack), and a
  // first document starts its reader (in production once, not per document).
  for (let i = 0; i < 3; i += 1) await bystanderQuery(started.graphql);
  await upload(started.base, attacker, Buffer.from("warm up"), "warm.txt", "text/plain");
  return started;
}

beforeAll(async () => {
  app = await startTestApp();
  ({ key: attacker } = await app.newOrganization("Attacker ApS"));
  ({ key: bystander } = await app.newOrganization("Bystander A/S"));
  compiled = compileServer();
  api = await startServerProcess();
  base = api.base;
  // The bystander's latency with nothing else going on, for the figures.
  const baseline: number[] = [];
  for (let i = 0; i < 10; i += 1) baseline.push(await bystanderQuery());
  figures.push(`  bystander baseline (no upload): [${baseline.join(", ")}] ms`);
}, 180_000);

afterAll(async () => {
  console.log(`document bombs:\n${figures.join("\n")}`);
  await api?.kill("SIGTERM");
  if (compiled) fs.rmSync(compiled, { recursive: true, force: true });
  await app?.stop();
});

const nested = (depth: number): Buffer => {
  let inner = bombs.zip([{ name: "deep.txt", data: Buffer.from("x") }]);
  for (let i = 0; i < depth; i += 1) inner = bombs.zip([{ name: `level${i}.zip`, data: inner, stored: true }]);
  return bombs.docx({ name: "word/document.xml", data: Buffer.from("<w:document/>") }, [
    { name: "word/embeddings/archive.zip", data: inner, stored: true },
  ]);
};

const BOMBS: { name: string; build: () => Promise<Buffer> | Buffer; file: string; limit: string; type?: string }[] = [
  {
    name: "147 KB Word file whose document.xml inflates to 50 MB",
    build: () => bombs.docxBomb(),
    file: "dpa.docx",
    limit: "inflatedSize",
    type: DOCX,
  },
  {
    name: "30,000-page PDF sharing one content stream",
    build: () => bombs.sharedStreamPdf(30_000),
    file: "dpa.pdf",
    limit: "pages",
  },
  {
    name: "PDF of 640 KB inflating to 300 MB",
    build: () => bombs.inflatingPdf(300 * 1024 * 1024),
    file: "dpa.pdf",
    limit: "inflatedSize",
  },
  {
    name: "PDF of 20 million tiny text operators (compressed)",
    build: () => bombs.inflatingPdf(20_000_000 * 6, "(a)Tj "),
    file: "dpa.pdf",
    limit: "inflatedSize",
  },
  {
    name: "PDF of 1.2 million text operators (uncompressed, 7 MB)",
    build: () => bombs.manyOperatorsPdf(1_200_000),
    file: "dpa.pdf",
    limit: "operators",
  },
  {
    name: "Word file with a part compressed 1000 to 1 (10 MB of zeros)",
    build: async () =>
      bombs.docx({ name: "word/document.xml", data: Buffer.from("<w:document/>") }, [
        { name: "word/media/image1.png", deflated: await bombs.deflateRepeated(Buffer.alloc(1), 10 * 1024 * 1024) },
      ]),
    file: "dpa.docx",
    limit: "compressionRatio",
  },
  {
    name: "Word file whose document.xml declares 1 KB and inflates to 20 MB",
    build: async () =>
      bombs.docx({
        name: "word/document.xml",
        deflated: await bombs.deflateRepeated(bombs.PARAGRAPH, 20 * 1024 * 1024),
        declaredSize: 1024,
      }),
    file: "dpa.docx",
    limit: "inflatedSize",
  },
  {
    name: "zip of 2,000 central records overlapping one 1 MB entry",
    build: () =>
      bombs.zip([{ name: "word/document.xml", data: Buffer.from(bombs.PARAGRAPH.repeat(9000)) }], {
        overlapping: 2000,
      }),
    file: "dpa.docx",
    limit: "zipEntries",
  },
  {
    name: "zip of 100 central records overlapping one 1 MB entry (100 MB inflated)",
    build: () =>
      bombs.zip([{ name: "word/document.xml", data: Buffer.from(bombs.PARAGRAPH.repeat(9000)) }], { overlapping: 100 }),
    file: "dpa.docx",
    limit: "inflatedSize",
  },
  { name: "Word file holding archives nested 3 deep", build: () => nested(3), file: "dpa.docx", limit: "zipDepth" },
  {
    name: "Word file holding 5,000 tiny parts",
    build: () =>
      bombs.docx(
        { name: "word/document.xml", data: Buffer.from("<w:document/>") },
        Array.from({ length: 5000 }, (_, i) => ({ name: `word/p${i}.xml`, data: Buffer.from("<x/>") })),
      ),
    file: "dpa.docx",
    limit: "zipEntries",
  },
];

describe("bombs answer 422 DOCUMENT_TOO_COMPLEX within seconds while another tenant is served", () => {
  test.each(BOMBS.map((b) => [b.name, b] as const))("%s", async (_, bomb) => {
    const bytes = await bomb.build();
    const before = await stored();
    const { result, latencies } = await whileQuerying(() => upload(base, attacker, bytes, bomb.file, bomb.type));
    expect(result.status).toBe(422);
    expect(result.body.error).toMatchObject({ code: "DOCUMENT_TOO_COMPLEX", field: "file" });
    expect(result.body.error.message).toContain(`(limit: ${bomb.limit})`);
    // The project's words: no parser or library internals.
    expect(result.body.error.message).not.toMatch(/yauzl|mammoth|pdf\.js|jszip|zlib|Error:|at .*\.js/i);
    expect(result.ms).toBeLessThan(8000);
    expectServed(latencies);
    expect(await stored()).toEqual(before);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect(api.child.exitCode).toBeNull();
    figures.push(
      `  ${bomb.name}: ${(bytes.length / 1024).toFixed(0)} KB → 422 ${bomb.limit} in ${result.ms} ms; ` +
        `bystander queries [${latencies.join(", ")}] ms`,
    );
  });

  test("importAgreement on stored evidence that is a bomb: userError DOCUMENT_TOO_COMPLEX, no draft", async () => {
    const form = new FormData();
    form.append("kind", "AGREEMENT_DOCUMENT");
    form.append("title", "Signed DPA");
    form.append("effectiveOn", "2025-01-01");
    form.append("file", new Blob([bombs.sharedStreamPdf(30_000)]), "dpa.pdf");
    const res = await fetch(`${base}/evidence`, {
      method: "POST",
      body: form,
      headers: { authorization: `Bearer ${attacker}` },
    });
    expect(res.status).toBe(201);
    const evidenceId = ((await res.json()) as { evidence: { id: string } }).evidence.id;
    const before = await stored();
    const { result, latencies } = await whileQuerying(() =>
      gqlAt(
        api.graphql,
        attacker,
        `mutation($id: ID!) { importAgreement(input: { evidenceId: $id }) { agreementImport { id } ` +
          `userErrors { field code message } } }`,
        { id: evidenceId },
      ),
    );
    expect(result.data.importAgreement.agreementImport).toBeNull();
    expect(result.data.importAgreement.userErrors).toEqual([
      {
        field: ["input", "evidenceId"],
        code: "DOCUMENT_TOO_COMPLEX",
        message: expect.stringContaining("(limit: pages)"),
      },
    ]);
    expectServed(latencies);
    expect(await stored()).toEqual(before);
  });
});

describe("the worker's own limits: time and memory (servers started with tight settings)", () => {
  const longText = () => Buffer.from(fs.readFileSync(path.join(SEED_DPA_DIR, "capturi-dpa.da.txt"), "utf8").repeat(40));
  test.each([
    ["wall-clock timeout: the worker is stopped", { DOCUMENT_READ_TIMEOUT_MS: "700" }, () => heavyDocx(12), "time"],
    ["heap cap: the worker dies", { DOCUMENT_READ_MEMORY_MB: "64" }, () => heavyDocx(24), "memory"],
    // A real DPA 40 times over (1.3 M characters, within the text limit): the draft rules take seconds on
    // it, in the worker too.
    ["draft rules on a long text, in the worker", { DOCUMENT_READ_TIMEOUT_MS: "700" }, longText, "time"],
  ] as const)("%s, 422, others served, the process alive", async (what, env, build, limit) => {
    const tight = await startServerProcess(env);
    try {
      const bytes = build();
      const name = build === longText ? "dpa.txt" : "dpa.docx";
      const before = await stored();
      const { result, latencies } = await whileQuerying(
        () => upload(tight.base, attacker, bytes, name, name === "dpa.txt" ? "text/plain" : DOCX),
        tight.graphql,
      );
      expect(result.status).toBe(422);
      expect(result.body.error).toMatchObject({ code: "DOCUMENT_TOO_COMPLEX" });
      expect(result.body.error.message).toContain(`(limit: ${limit})`);
      expectServed(latencies);
      expect(await stored()).toEqual(before);
      expect(tight.child.exitCode).toBeNull();
      expect((await fetch(`${tight.base}/healthz`)).status).toBe(200);
      figures.push(
        `  ${what} ${JSON.stringify(env)}: ${(bytes.length / 1024).toFixed(0)} KB ${name} → 422 ` +
          `${limit} in ${result.ms} ms; bystander queries [${latencies.join(", ")}] ms`,
      );
    } finally {
      await tight.kill("SIGTERM");
    }
  });
});

describe("bounded concurrency (the server in jest's process, its worker under ts-node)", () => {
  const saved = documentReaderSettings();
  afterEach(() => configureDocumentReader(saved));

  test("one reader and one waiting, one place per organization: the rest are refused 503, Retry-After", async () => {
    configureDocumentReader({ concurrency: 1, queue: 1, limits: { ...saved.limits, timeoutMs: 1500 } });
    const inProcess = app.server.url.replace(/\/graphql$/, "");
    const bytes = heavyDocx(12);
    const before = await stored();
    const answers = await Promise.all(
      // Two organizations, two documents each: each holds its one place (half of the two), its second is refused.
      Array.from({ length: 4 }, (_, i) => upload(inProcess, i % 2 ? bystander : attacker, bytes, "dpa.docx", DOCX)),
    );
    const busy = answers.filter((a) => a.status === 503);
    expect(busy.length).toBe(2);
    for (const a of busy) {
      expect(a.body.error.code).toBe("DOCUMENT_READERS_BUSY");
      expect(Number(a.headers.get("retry-after"))).toBeGreaterThan(0);
    }
    expect(answers.filter((a) => a.status === 422).length).toBe(2);
    expect(await stored()).toEqual(before);
    // Once the readers are free (and the usual limits back), a document is read again.
    configureDocumentReader(saved);
    const ok = await upload(inProcess, attacker, capturiDocx(), "capturi.docx", DOCX);
    expect(ok.status).toBe(201);
  });
});

describe("bounded concurrency over GraphQL", () => {
  const saved = documentReaderSettings();
  afterEach(() => configureDocumentReader(saved));

  test("importAgreement, every reader busy: 503 DOCUMENT_READERS_BUSY with Retry-After, rolled back", async () => {
    const inProcess = app.server.url.replace(/\/graphql$/, "");
    const form = new FormData();
    form.append("kind", "AGREEMENT_DOCUMENT");
    form.append("title", "Signed DPA");
    form.append("effectiveOn", "2025-01-01");
    form.append("file", new Blob([capturiDocx()]), "capturi.docx");
    const created = await fetch(`${inProcess}/evidence`, {
      method: "POST",
      body: form,
      headers: { authorization: `Bearer ${attacker}` },
    });
    const evidenceId = ((await created.json()) as { evidence: { id: string } }).evidence.id;
    configureDocumentReader({ concurrency: 1, queue: 0, limits: { ...saved.limits, timeoutMs: 1500 } });
    const heavy = heavyDocx(12);
    const before = await stored();
    const slow = upload(inProcess, attacker, heavy, "dpa.docx", DOCX);
    await new Promise((r) => setTimeout(r, 300));
    const res = await fetch(app.server.url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${attacker}` },
      body: JSON.stringify({
        query: `mutation($id: ID!) { importAgreement(input: { evidenceId: $id }) { agreementImport { id } } }`,
        variables: { id: evidenceId },
      }),
    });
    const body = (await res.json()) as { errors?: { extensions?: { code?: string } }[] };
    expect(res.status).toBe(503);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(body.errors?.[0].extensions?.code).toBe("DOCUMENT_READERS_BUSY");
    expect((await slow).status).toBe(422);
    expect(await stored()).toEqual(before);
  });
});

describe("ordinary documents read exactly as before", () => {
  test("every corpus document (and its Word and PDF forms) reads the same in the worker as in-process", async () => {
    const labels = loadLabels(ROOT).filter((l) => l.source === "corpus");
    expect(labels.length).toBeGreaterThan(10);
    for (const label of labels) {
      const input = await uploadOf(ROOT, label);
      const direct = await parseDocument(input).catch((e: Error) => e.name);
      const worker = await readDocument(input, "00000000-0000-0000-0000-000000000000").catch((e: Error) => e.name);
      // Compared as data (the worker's objects come from another realm than jest's sandbox).
      expect([label.document, JSON.stringify(worker)]).toEqual([label.document, JSON.stringify(direct)]);
    }
  });
});

describe("the real server under ts-node (npm run start:dev)", () => {
  test("bombs refused, a DPA read, the process alive", async () => {
    const tsNode = await startServerProcess({}, "ts-node");
    try {
      const [docxBomb, pdfBomb] = [await bombs.docxBomb(), bombs.sharedStreamPdf(30_000)];
      const bomb = await upload(tsNode.base, attacker, docxBomb, "dpa.docx", DOCX);
      expect(bomb.status).toBe(422);
      expect(bomb.body.error.message).toContain("(limit: inflatedSize)");
      const { result, latencies } = await whileQuerying(
        () => upload(tsNode.base, attacker, pdfBomb, "dpa.pdf"),
        tsNode.graphql,
      );
      expect(result.status).toBe(422);
      expect(result.body.error.message).toContain("(limit: pages)");
      expectServed(latencies);
      const dpa = await upload(tsNode.base, attacker, capturiDocx(), "capturi.docx", DOCX);
      expect(dpa.status).toBe(201);
      expect(dpa.body.agreementImport.status).toBe("DRAFT");
      expect(tsNode.child.exitCode).toBeNull();
      figures.push(
        `  ts-node server: Word bomb 422 in ${bomb.ms} ms, 30,000-page PDF 422 in ${result.ms} ms ` +
          `(bystander [${latencies.join(", ")}] ms), Capturi DPA as Word 201 in ${dpa.ms} ms`,
      );
    } finally {
      await tsNode.kill("SIGTERM");
    }
  }, 180_000);

  test("the compiled server reads a DPA too", async () => {
    const dpa = await upload(base, attacker, capturiDocx(), "capturi.docx", DOCX);
    expect(dpa.status).toBe(201);
    expect(dpa.body.agreementImport.status).toBe("DRAFT");
  });
});
