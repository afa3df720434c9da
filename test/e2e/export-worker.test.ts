// The art. 30 exports run in a worker thread with a connection of its own (src/modules/ropa/export-thread.ts):
// that connection must read under the request's tenant (row-level security on app.organization_id) and in the
// request's snapshot, never another organization's rows.
import { parse } from "csv-parse/sync";
import { loadConfig } from "../../src/config";
import { finishTransaction, openTransaction } from "../../src/context";
import JSZip from "jszip";
import { createLogger } from "../../src/common/logger";
import { RunningServer, startServer } from "../../src/server";
import { ExportThread, exportThreads } from "../../src/modules/ropa/export-thread";
import { seedDemoOrganization, startTestApp, TestApp } from "../helpers/app";

let app: TestApp;
let base: string;
let a: { organizationId: string; key: string };
let b: { organizationId: string; key: string };

async function createActivity(key: string, name: string): Promise<void> {
  const res = await app.gql(
    key,
    `mutation($input: CreateProcessingActivityInput!) { createProcessingActivity(input: $input) {
      processingActivity { id } userErrors { message } } }`,
    { input: { name, purposes: `Purpose of ${name}` } },
  );
  expect(res.errors).toBeUndefined();
  expect(res.data.createProcessingActivity.userErrors).toEqual([]);
}

const get = (server: string, key: string, path: string) =>
  fetch(`${server}/exports/${path}`, { headers: { authorization: `Bearer ${key}` } });

let inThread: RunningServer;
let demo: { organizationId: string; key: string };

beforeAll(async () => {
  app = await startTestApp({ exportWorkerHeapMb: 96 });
  base = app.server.url.replace(/\/graphql$/, "");
  // The same database, exports in the request's thread.
  inThread = await startServer(
    { ...loadConfig({}), port: 0, jobs: false, jobsSchedule: false, exportWorkerHeapMb: 0 },
    app.db,
    {
      logger: createLogger({ level: "silent" }),
    },
  );
  a = await app.newOrganization("Worker Alpha A/S");
  b = await app.newOrganization("Worker Beta ApS");
  for (const name of ["Alpha payroll", "Alpha CRM"]) await createActivity(a.key, name);
  await createActivity(b.key, "Beta newsletter");
  demo = await seedDemoOrganization(app, "Worker Demo A/S");
  // The worker starts with the first export, which runs on the request's thread (no export waits for the worker);
  // under ts-node it loads in 20–50 s on a loaded machine.
  expect((await get(base, a.key, "ropa.json")).status).toBe(200);
  await threadOf().whenReady();
}, 240_000);

/** Set by the test that stops the app's server itself. */
let appStopped = false;

afterAll(async () => {
  await inThread.stop();
  if (appStopped) await app.db.close();
  else await app.stop();
});

test("exports run in the worker by default", () => {
  expect(loadConfig({}).exportWorkerHeapMb).toBeGreaterThan(0);
  expect(loadConfig({ EXPORT_WORKER_HEAP_MB: "0" }).exportWorkerHeapMb).toBe(0);
});

test("an export in the worker shows its organization's rows only, in every format", async () => {
  for (const [org, own, others] of [
    [a, ["Alpha payroll", "Alpha CRM"], ["Beta newsletter"]],
    [b, ["Beta newsletter"], ["Alpha payroll", "Alpha CRM"]],
  ] as const) {
    const json = (await (await get(base, org.key, "ropa.json")).json()) as { records: { name: string }[] };
    expect(json.records.map((r) => r.name).sort()).toEqual([...own].sort());
    const csvRes = await get(base, org.key, "ropa.csv");
    expect(csvRes.status).toBe(200);
    const rows = parse(await csvRes.text(), { bom: true, columns: true }) as Record<string, string>[];
    const names = rows.map((r) => r["Processing activity"]);
    expect(names.sort()).toEqual([...own].sort());
    const xlsx = await get(base, org.key, "ropa.xlsx");
    expect(xlsx.status).toBe(200);
    const bytes = Buffer.from(await xlsx.arrayBuffer()).toString("latin1");
    for (const name of others) expect(bytes).not.toContain(name);
  }
});

/** The file's bytes; for XLSX the zipped files but docProps/core.xml, which holds the time it was written. */
async function contentOf(res: Response, format: string): Promise<Buffer> {
  expect(res.status).toBe(200);
  const body = Buffer.from(await res.arrayBuffer());
  if (format !== "xlsx") return body;
  const zip = await JSZip.loadAsync(body);
  const parts: Buffer[] = [];
  for (const name of Object.keys(zip.files).sort())
    if (name !== "docProps/core.xml")
      parts.push(Buffer.from(name), Buffer.from(await zip.files[name].async("uint8array")));
  return Buffer.concat(parts);
}

test("the worker writes the same bytes as the request's thread, and passes on the limits' errors", async () => {
  const server = inThread.url.replace(/\/graphql$/, "");
  const inWorker = threadOf().counts.inWorker;
  for (const path of ["ropa.csv", "ropa.csv?granularity=recipient&lang=da", "ropa.xlsx", "ropa.json"]) {
    const format = path.split("?")[0].split(".")[1];
    const [worker, thread] = [await get(base, demo.key, path), await get(server, demo.key, path)];
    const [w, t] = [await contentOf(worker, format), await contentOf(thread, format)];
    expect(w.length).toBeGreaterThan(1000);
    expect(w.equals(t)).toBe(true);
  }
  // Refused by the record service, in the worker.
  const bad = await get(base, demo.key, "ropa.csv?asOf=2999-01-01");
  expect(bad.status).toBe(400);
  expect(((await bad.json()) as { error: { field: string; message: string } }).error).toEqual({
    code: "INVALID",
    field: "asOf",
    message: "asOf must not be in the future.",
  });
  expect(threadOf().counts.inWorker).toBe(inWorker + 5);
}, 120_000);

/** The test app's export thread (the in-thread server has none). */
function threadOf(): ExportThread {
  expect(exportThreads.size).toBe(1);
  return [...exportThreads][0];
}

async function waitFor(what: () => boolean, ms: number): Promise<void> {
  for (const end = Date.now() + ms; !what(); await new Promise((r) => setTimeout(r, 20)))
    if (Date.now() > end) throw new Error("waited in vain");
}

/** Holds every export in the worker at its first chunk until the returned function is called. */
function holdWorker(thread: ExportThread): { held: () => boolean; release: () => void } {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let held = false;
  thread.hold = () => {
    held = true;
    return gate;
  };
  return {
    held: () => held,
    release: () => {
      thread.hold = null;
      release();
    },
  };
}

test("while one organization's export holds the worker another's answers at once in the request's thread", async () => {
  const thread = threadOf();
  const server = inThread.url.replace(/\/graphql$/, "");
  const before = { ...thread.counts };
  const hold = holdWorker(thread);
  try {
    let aDone = false;
    const aAnswer = get(base, demo.key, "ropa.csv?granularity=recipient").then(async (res) => {
      aDone = true;
      return contentOf(res, "csv");
    });
    await waitFor(hold.held, 60_000); // A's export is in the worker, its first chunk held there
    const started = Date.now();
    const bFile = await contentOf(await get(base, b.key, "ropa.csv"), "csv");
    const waited = Date.now() - started;
    // B did not wait for A: A is still held. The bound is generous for a loaded CI machine (measured: ~0.1 s).
    expect(aDone).toBe(false);
    expect(waited).toBeLessThan(15_000);
    expect(thread.counts.inThread).toBe(before.inThread + 1);
    expect(bFile.equals(await contentOf(await get(server, b.key, "ropa.csv"), "csv"))).toBe(true);
    hold.release();
    const aFile = await aAnswer;
    expect(thread.counts.inWorker).toBe(before.inWorker + 1);
    expect(aFile.equals(await contentOf(await get(server, demo.key, "ropa.csv?granularity=recipient"), "csv"))).toBe(
      true,
    );
  } finally {
    hold.release();
  }
}, 120_000);

test("an export whose worker dies under it is written again in the request's thread; the worker restarts", async () => {
  const thread = threadOf();
  const server = inThread.url.replace(/\/graphql$/, "");
  const before = { ...thread.counts };
  const hold = holdWorker(thread);
  try {
    const answer = get(base, demo.key, "ropa.xlsx");
    // The worker has sent its first chunk (written into the request's file) and waits: it dies there.
    await waitFor(hold.held, 60_000);
    await thread.crash();
    hold.release(); // the chunk in flight is written out before the export starts again
    const file = await contentOf(await answer, "xlsx");
    expect(file.equals(await contentOf(await get(server, demo.key, "ropa.xlsx"), "xlsx"))).toBe(true);
    expect(thread.counts.workerDied).toBe(before.workerDied + 1);
    expect(thread.counts.inThread).toBe(before.inThread + 1);
  } finally {
    hold.release();
  }
  // A new worker was started at once, and the next export runs in it.
  expect(thread.counts.starts).toBe(before.starts + 1);
  await thread.whenReady();
  const json = (await (await get(base, b.key, "ropa.json")).json()) as { records: { name: string }[] };
  expect(json.records.map((r) => r.name)).toEqual(["Beta newsletter"]);
  expect(thread.counts.inWorker).toBe(before.inWorker + 2);
}, 240_000);

test("a transaction opened in an exported snapshot sees what the exporting one saw, under its tenant", async () => {
  const settings = { "app.organization_id": b.organizationId };
  const count = async (qr: Awaited<ReturnType<typeof openTransaction>>) =>
    Number((await qr.query("SELECT count(*) AS n FROM processing_activity"))[0].n);
  const request = await openTransaction(app.db, {}, settings);
  try {
    const [{ snapshot }] = await request.query("SELECT pg_export_snapshot() AS snapshot");
    expect(await count(request)).toBe(1);
    // Committed after the snapshot: not in it.
    await createActivity(b.key, "Beta later");
    const worker = await openTransaction(app.db, { snapshot }, settings);
    try {
      expect(await count(worker)).toBe(1);
      await expect(worker.query("INSERT INTO processing_activity (name) VALUES ('x')")).rejects.toThrow(/read-only/);
    } finally {
      await finishTransaction(worker, false);
    }
    const fresh = await openTransaction(app.db, {}, settings);
    expect(await count(fresh)).toBe(2);
    await finishTransaction(fresh, false);
    // Another organization's settings in the same snapshot: its rows, not these.
    const other = await openTransaction(app.db, { snapshot }, { "app.organization_id": a.organizationId });
    expect(await count(other)).toBe(2);
    await finishTransaction(other, false);
  } finally {
    await finishTransaction(request, false);
  }
  await expect(openTransaction(app.db, { snapshot: "x'; DROP TABLE processing_activity; --" })).rejects.toThrow(
    /Not a snapshot id/,
  );
});

// Last: it stops the app's server.
test("the server's stop ends its worker first; the export in it is written again on the request's thread", async () => {
  const thread = threadOf();
  await thread.whenReady();
  const server = inThread.url.replace(/\/graphql$/, "");
  const before = { ...thread.counts };
  const hold = holdWorker(thread);
  let stopping: Promise<void> | undefined;
  try {
    const answer = get(base, demo.key, "ropa.xlsx");
    await waitFor(hold.held, 60_000); // the export is in the worker, its first chunk held
    const signalled = Date.now();
    appStopped = true;
    stopping = app.server.stop();
    // The worker ends at once, before the requests drain (the export is still held).
    await waitFor(() => thread.counts.workerDied > before.workerDied, 5000);
    expect(Date.now() - signalled).toBeLessThan(5000);
    expect(exportThreads.size).toBe(0);
    hold.release();
    // The client still gets its file, written again on the request's thread within the grace period.
    const file = await contentOf(await answer, "xlsx");
    expect(file.equals(await contentOf(await get(server, demo.key, "ropa.xlsx"), "xlsx"))).toBe(true);
    expect(thread.counts.inThread).toBe(before.inThread + 1);
    await stopping;
    expect(Date.now() - signalled).toBeLessThan(loadConfig({}).shutdownGraceMs);
    // No worker is started again after the stop.
    expect(thread.counts.starts).toBe(before.starts);
  } finally {
    hold.release();
    await stopping;
  }
}, 120_000);
