// Exports are bounded and fair (issue 15), against the real server on a register built at test time like
// the one in the report: 300 activities that all reach the same 300 sub-processors in the US, where
// `GET /exports/ropa.csv?granularity=recipient` answered 2.96 GB (each recipient row repeated the activity's
// whole transfers column) and five such exports at once pushed another tenant's trivial query to p95 6.6 s.
import { parse } from "csv-parse/sync";
import { Readable, Writable } from "node:stream";
import { loadConfig } from "../../src/config";
import { createLogger } from "../../src/common/logger";
import { exportThreads } from "../../src/modules/ropa/export-thread";
import { RunningServer, startServer } from "../../src/server";
import { ropaColumns } from "../../src/modules/ropa/ropa-export";
import { startTestApp, TestApp } from "../helpers/app";
import { seedWideRegister } from "../helpers/fixtures";
import { sleep } from "../helpers/load";
import { retryWallClockBounds } from "../helpers/wall-clock";

retryWallClockBounds();

const ACTIVITIES = 300;
const SUBPROCESSORS = 300;
/** Rows one row per activity × recipient: every sub-processor and the vendor itself, for every activity. */
const RECIPIENT_ROWS = ACTIVITIES * (SUBPROCESSORS + 1);

let app: TestApp;
let key: string;
let base: string;
let other: { organizationId: string; key: string };
const servers: RunningServer[] = [];

/** Error-level log lines of the servers serverWith starts (an export's end must log none). */
const errorLines: { msg: string; err?: { type?: string } }[] = [];
const errorLog = new Writable({
  write(chunk, _encoding, done) {
    for (const line of String(chunk).split("\n").filter(Boolean)) errorLines.push(JSON.parse(line));
    done();
  },
});

/** Another server on the same database, with other export limits. */
async function serverWith(overrides: Partial<ReturnType<typeof loadConfig>>): Promise<string> {
  const server = await startServer(
    {
      ...loadConfig({}),
      port: 0,
      logLevel: "error",
      jobs: false,
      jobsSchedule: false,
      exportWorkerHeapMb: 0,
      ...overrides,
    },
    app.db,
    { logger: createLogger({ level: "error", destination: errorLog }) },
  );
  servers.push(server);
  return server.url.replace(/\/graphql$/, "");
}

const get = (b: string, k: string, path: string) =>
  fetch(`${b}/exports/${path}`, { headers: { authorization: `Bearer ${k}` } });

/** Reads a body to its end, counting bytes, without keeping it. */
async function drain(res: Response): Promise<number> {
  let bytes = 0;
  for await (const chunk of Readable.fromWeb(res.body as never)) bytes += (chunk as Buffer).length;
  return bytes;
}

/**
 * The CSV's lines (no cell of this register holds a line break, so a line is a row; csv-parse needs 15 s
 * for the 17 MB of long quoted cells) and its header.
 */
async function csvLines(res: Response): Promise<{ header: string[]; lines: string[]; bytes: number }> {
  const body = Buffer.from(await res.arrayBuffer());
  const text = body.toString("utf8");
  const lines = text.replace(/^\uFEFF/, "").split("\n");
  expect(lines.pop()).toBe("");
  const header = parse(lines.shift()!) as string[][];
  return { header: header[0], lines, bytes: body.length };
}

beforeAll(async () => {
  app = await startTestApp();
  base = app.server.url.replace(/\/graphql$/, "");
  const org = await app.newOrganization("Wide Register A/S");
  key = org.key;
  await seedWideRegister(app, org.organizationId, { activities: ACTIVITIES, subprocessors: SUBPROCESSORS });
  other = await app.newOrganization("Bystander ApS");
}, 120_000);

afterAll(async () => {
  for (const s of servers) await s.stop();
  await app.stop();
});

test("the 2.96 GB reproduction: refused up front with EXPORT_TOO_LARGE, saying how to narrow it", async () => {
  for (const path of ["ropa.csv?granularity=recipient", "ropa.xlsx?granularity=recipient"]) {
    const started = performance.now();
    const res = await get(base, key, path);
    const ms = performance.now() - started;
    const body = (await res.json()) as { error: { code: string; message: string } };
    console.log(`${path}: ${res.status} ${body.error.code} in ${Math.round(ms)} ms: ${body.error.message}`);
    expect(res.status).toBe(422);
    expect(body.error.code).toBe("EXPORT_TOO_LARGE");
    expect(body.error.message).toContain(`${RECIPIENT_ROWS.toLocaleString("en")} rows`);
    expect(body.error.message).toContain("EXPORT_MAX_ROWS");
    expect(body.error.message).toContain(`granularity=activity (${ACTIVITIES} rows)`);
    expect(body.error.message).toMatch(/activityIds, processorId, legalBasis, search/);
    // Counted on the chain graph, before a single record is derived.
    expect(ms).toBeLessThan(5000);
  }
});

test("one row per activity: answered, bounded, each activity once", async () => {
  const started = performance.now();
  const res = await get(base, key, "ropa.csv");
  const headersMs = performance.now() - started;
  expect(res.status).toBe(200);
  expect(Number(res.headers.get("content-length"))).toBeGreaterThan(0);
  const { lines, bytes } = await csvLines(res);
  console.log(
    `ropa.csv (activity rows): ${lines.length} rows, ${(bytes / 2 ** 20).toFixed(1)} MB, written in ` +
      `${Math.round(headersMs)} ms, read by ${Math.round(performance.now() - started)} ms`,
  );
  expect(lines).toHaveLength(ACTIVITIES);
  expect(bytes).toBe(Number(res.headers.get("content-length")));
  expect(bytes).toBeLessThan(loadConfig({}).exportMaxBytes);
});

test(
  "recipient layout: with the row limit raised the same register is answered in bounded size, each transfer on " +
    "its recipient's row only",
  async () => {
    const wide = await serverWith({ exportMaxRows: 1_000_000 });
    const started = performance.now();
    const res = await get(wide, key, "ropa.csv?granularity=recipient");
    expect(res.status).toBe(200);
    const { header, lines, bytes } = await csvLines(res);
    const ms = performance.now() - started;
    const transfersAt = header.indexOf(
      ropaColumns("en", "recipient").find((c) => c.key === "recipient_transfers")!.header,
    );
    expect(transfersAt).toBeGreaterThan(0);
    const sample = (parse(lines.slice(0, SUBPROCESSORS + 1).join("\n")) as string[][]).map((r) => r[transfersAt]);
    const longest = Math.max(...lines.map((l) => l.length));
    // What the old layout repeated on every row: the activity's whole transfers column, e.g.
    // "Sub-processor 0001 Cloud Hosting and Customer Communications International Ltd.: US (SCC); …".
    const oldCell = (parse(lines.slice(0, SUBPROCESSORS + 1).join("\n")) as string[][])
      .filter((r) => r[transfersAt])
      .map((r) => `${r[header.indexOf("Recipient")]}: ${r[transfersAt]}`)
      .join("; ");
    console.log(
      `ropa.csv?granularity=recipient (EXPORT_MAX_ROWS=1000000): ${lines.length} rows, ` +
        `${(bytes / 2 ** 20).toFixed(1)} MB, read by ${Math.round(ms)} ms; longest row ${longest} B; the old layout ` +
        `repeated a ${oldCell.length} B transfers cell on each of these rows: at least ` +
        `${((oldCell.length * lines.length) / 2 ** 30).toFixed(2)} GB`,
    );
    expect(lines).toHaveLength(RECIPIENT_ROWS);
    // The vendor's row has no transfer (it processes in DK); each sub-processor's row has its own, once.
    expect(sample.filter((c) => c === "US (SCC)")).toHaveLength(SUBPROCESSORS);
    expect(sample.filter((c) => c === "")).toHaveLength(1);
    expect(lines.filter((l) => l.includes(",US (SCC),"))).toHaveLength(ACTIVITIES * SUBPROCESSORS);
    expect(longest).toBeLessThan(1000);
    expect(bytes).toBeLessThan(100 * 2 ** 20);
  },
  120_000,
);

test(
  "the byte limit holds while the file is written (incompleteOnly cannot be counted first): an error, never a " +
    "partial file",
  async () => {
    const small = await serverWith({ exportMaxRows: 1_000_000, exportMaxBytes: 5 * 2 ** 20 });
    // Counted first: even the activities' own texts on every row are over 5 MB.
    const counted = await get(small, key, "ropa.csv?granularity=recipient");
    const countedBody = (await counted.json()) as { error: { code: string; message: string } };
    expect([counted.status, countedBody.error.code]).toEqual([422, "EXPORT_TOO_LARGE"]);
    expect(countedBody.error.message).toMatch(/would be at least [\d.]+ MB, over the limit of 5 MB/);
    // Not countable first: stopped when the file reaches 5 MB.
    const res = await get(small, key, "ropa.csv?granularity=recipient&incompleteOnly=true");
    const body = (await res.json()) as { error: { code: string; message: string } };
    console.log(`incompleteOnly=true, EXPORT_MAX_BYTES=5 MB: ${res.status} ${body.error.message}`);
    expect(res.status).toBe(422);
    expect(body.error.code).toBe("EXPORT_TOO_LARGE");
    expect(body.error.message).toMatch(/reached the limit of 5 MB \(EXPORT_MAX_BYTES\) after [\d,]+ rows/);
    expect(body.error.message).toContain("granularity=activity");
    // XLSX counts its compressed bytes the same way.
    const tiny = await serverWith({ exportMaxRows: 1_000_000, exportMaxBytes: 1024 * 1024 });
    const zipped = await get(tiny, key, "ropa.xlsx?granularity=recipient&incompleteOnly=true");
    const zippedBody = (await zipped.json()) as { error: { code: string; message: string } };
    expect([zipped.status, zippedBody.error.code]).toEqual([422, "EXPORT_TOO_LARGE"]);
    expect(zippedBody.error.message).toMatch(/reached the limit of 1 MB \(EXPORT_MAX_BYTES\)/);
    // The row limit likewise.
    const rowsCapped = await serverWith({ exportMaxRows: 1000 });
    const rows = await get(rowsCapped, key, "ropa.json?incompleteOnly=true");
    expect(rows.status).toBe(200); // 300 records
    const xlsx = await get(rowsCapped, key, "ropa.xlsx?granularity=recipient&incompleteOnly=true");
    const xlsxBody = (await xlsx.json()) as { error: { code: string; message: string } };
    expect([xlsx.status, xlsxBody.error.code]).toEqual([422, "EXPORT_TOO_LARGE"]);
    expect(xlsxBody.error.message).toMatch(/reached the limit of 1,000 rows \(EXPORT_MAX_ROWS\)/);
  },
  120_000,
);

test("per-organization concurrency: beyond EXPORT_CONCURRENCY_PER_ORG, 429 TOO_MANY_EXPORTS, Retry-After", async () => {
  // A download the client does not read holds its slot (and only a file, not a database connection).
  const held = [await get(base, key, "ropa.json"), await get(base, key, "ropa.csv")];
  expect(held.map((r) => r.status)).toEqual([200, 200]);
  const refused = await get(base, key, "ropa.csv");
  expect(refused.status).toBe(429);
  expect(refused.headers.get("retry-after")).toBe("5");
  const body = (await refused.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe("TOO_MANY_EXPORTS");
  expect(body.error.message).toMatch(/already runs 2 exports \(EXPORT_CONCURRENCY_PER_ORG\)/);
  // Another organization is not held up by ours, and the pool is free for everyone meanwhile.
  const theirs = await get(base, other.key, "ropa.csv");
  expect(theirs.status).toBe(200);
  await drain(theirs);
  const pool = await app.gql(key, "{ viewer { role } }");
  expect(pool.data?.viewer.role).toBe("ADMIN");
  // A finished download has given its slot back by the time its client has read the last byte.
  await drain(held[0]);
  const again = await get(base, key, "ropa.csv?granularity=activity");
  expect(again.status).toBe(200);
  await Promise.all([drain(again), drain(held[1])]);
  // And all organizations together within EXPORT_CONCURRENCY, so exports never take the whole pool.
  const one = await serverWith({ exportConcurrency: 1 });
  const ours = await get(one, key, "ropa.csv");
  expect(ours.status).toBe(200);
  const blocked = await get(one, other.key, "ropa.csv");
  const blockedBody = (await blocked.json()) as { error: { code: string; message: string } };
  expect([blocked.status, blocked.headers.get("retry-after"), blockedBody.error.code]).toEqual([
    429,
    "5",
    "TOO_MANY_EXPORTS",
  ]);
  expect(blockedBody.error.message).toMatch(/already runs 1 exports \(EXPORT_CONCURRENCY\)/);
  await drain(ours);
}, 120_000);

test("a client that reads each answer to its end before asking for the next is never refused", async () => {
  // The slot is freed before a file's last bytes are sent, and before an error is answered, not when the server
  // later sees the response end: sequential requests with one slot met 429 under load (CI, load 9-13) when it
  // was freed afterwards, after a file and after a 400 for a bad parameter.
  const one = await serverWith({ exportConcurrencyPerOrg: 1 });
  const paths = ["ropa.csv?search=Activity%2000", "ropa.json?asOf=2026-13-01", "ropa.json?search=Activity%200001"];
  const statuses: number[] = [];
  for (let i = 0; i < 30; i++) {
    const res = await get(one, key, paths[i % 3]);
    statuses.push(res.status);
    await drain(res);
  }
  expect(statuses).toEqual(Array.from({ length: 30 }, (_, i) => (i % 3 === 1 ? 400 : 200)));
}, 120_000);

test("a client that leaves while its file is written stops the work and frees its slot", async () => {
  const one = await serverWith({ exportMaxRows: 1_000_000, exportConcurrencyPerOrg: 1 });
  const big = `${one}/exports/ropa.csv?granularity=recipient`;
  const small = "ropa.json?search=Activity%200001";
  // How long the whole file takes to write (until its headers come).
  let started = performance.now();
  const whole = await fetch(big, { headers: { authorization: `Bearer ${key}` } });
  const wholeMs = performance.now() - started;
  await drain(whole);
  // The same, left after 300 ms (again if the machine was so slow that the file was done by then).
  let left = false;
  for (let attempt = 0; attempt < 3 && !left; attempt++) {
    const abort = new AbortController();
    started = performance.now();
    const leaving = fetch(big, { headers: { authorization: `Bearer ${key}` }, signal: abort.signal }).catch(
      (err: Error) => err.name,
    );
    await sleep(300);
    abort.abort();
    const outcome = await leaving;
    left = outcome === "AbortError";
    if (!left) await drain(outcome as Response).catch(() => undefined);
  }
  expect(left).toBe(true);
  let status = 429;
  while (status === 429 && performance.now() - started < 30_000) {
    const res = await get(one, key, small);
    status = res.status;
    await drain(res);
    if (status === 429) await sleep(50);
  }
  const freedMs = performance.now() - started;
  console.log(
    `abandoned export: its slot was free again ${Math.round(freedMs)} ms after it started; writing the whole ` +
      `file takes ${Math.round(wholeMs)} ms`,
  );
  expect(status).toBe(200);
  expect(freedMs).toBeLessThan(wholeMs);
  // A client leaving is no error of the service: the export's work stopped by it logs none, whenever it leaves
  // (while the rows are read, between batches, while the file is written).
  for (const ms of [20, 60, 120, 250, 500, 900]) {
    const abort = new AbortController();
    const leaving = fetch(big, { headers: { authorization: `Bearer ${key}` }, signal: abort.signal }).catch(() => null);
    await sleep(ms);
    abort.abort();
    await leaving.then((r) => r && drain(r).catch(() => undefined));
    for (let waited = 0; waited < 3_000; waited += 50) {
      const res = await get(one, key, small);
      await drain(res);
      if (res.status !== 429) break;
      await sleep(50);
    }
  }
  expect(errorLines.map((l) => `${l.msg}: ${l.err?.type ?? ""}`)).toEqual([]);
}, 120_000);

/** Five recipient exports at once from one tenant, and another tenant's trivial query meanwhile. */
async function fiveAtOnce(
  server: string,
  options: { comparison?: boolean } = {},
): Promise<{ answers: number[]; idle: number[]; busy: number[]; ms: number; refused: number }> {
  let refused = 0;
  const trivial = async () => {
    const started = performance.now();
    const res = await fetch(`${server}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${other.key}` },
      body: JSON.stringify({ query: "{ viewer { role organization { name } } }" }),
    });
    // The comparison run (no per-organization limit) may starve the pool: there a 503 is counted, not failed.
    if (options.comparison && res.status === 503) refused += 1;
    else expect(res.status).toBe(200);
    await res.json();
    return performance.now() - started;
  };
  const idle: number[] = [];
  for (let i = 0; i < 20; i++) idle.push(await trivial());
  // Every request of the key records its use again (once a minute), as after a pause: the first export's
  // transaction then holds the key's row, and the others must not wait for it.
  await app.db.owner.query("UPDATE api_key SET last_used_at = now() - interval '1 day'");
  const started = performance.now();
  let running = true;
  const exports = Promise.all(
    Array.from({ length: 5 }, async () => {
      const res = await get(server, key, "ropa.csv?granularity=recipient");
      await drain(res);
      return res.status;
    }),
  ).finally(() => (running = false));
  const busy: number[] = [];
  while (running) {
    busy.push(await trivial());
    await sleep(20);
  }
  return { answers: await exports, idle, busy, ms: performance.now() - started, refused };
}

const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.ceil(xs.length * 0.95) - 1];
const summary = (r: Awaited<ReturnType<typeof fiveAtOnce>>) =>
  `answers ${r.answers.join(", ")} in ${Math.round(r.ms)} ms; another tenant's trivial query: idle p95 ` +
  `${p95(r.idle).toFixed(0)} ms, during the exports p95 ${p95(r.busy).toFixed(0)} ms, max ` +
  `${Math.max(...r.busy).toFixed(0)} ms over ${r.busy.length} queries, ${r.refused} answered 503`;

test(
  "fairness: five recipient exports at once from one tenant (row limit raised so that they run) while another " +
    "tenant's trivial query stays under 2 s at p95 (the report: 6.6 s)",
  async () => {
    // For comparison only: the same five with no concurrency limit (each one 41.6 MB, as above).
    const unlimited = await fiveAtOnce(await serverWith({ exportMaxRows: 1_000_000, exportConcurrencyPerOrg: 5 }), {
      comparison: true,
    });
    console.log(`EXPORT_CONCURRENCY_PER_ORG=5: ${summary(unlimited)}`);
    const limited = await fiveAtOnce(await serverWith({ exportMaxRows: 1_000_000 }));
    console.log(`EXPORT_CONCURRENCY_PER_ORG=2 (default): ${summary(limited)}`);
    expect(limited.answers.sort()).toEqual([200, 200, 429, 429, 429]);
    expect(limited.busy.length).toBeGreaterThan(5);
    expect(limited.refused).toBe(0);
    // Measured on the 2-core machine: p95 0.5–0.9 s (the five unlimited: 16.6 s, pool exhausted).
    expect(p95(limited.busy)).toBeLessThan(2000);
    expect(Math.max(...limited.busy)).toBeLessThan(5000);
    // The same in the export worker (as in production): its collections stop the worker, not the other tenant.
    // Its heap larger than the default: under ts-node the worker holds TypeScript's compiler too (at 96 MB these
    // exports ran out of it and answered 422).
    const worker = await serverWith({ exportMaxRows: 1_000_000, exportWorkerHeapMb: 256 });
    await drain(await get(worker, other.key, "ropa.json")); // starts the worker (under ts-node: 20–50 s)
    await Promise.all([...exportThreads].map((thread) => thread.whenReady()));
    const inWorker = await fiveAtOnce(worker);
    console.log(`in the export worker: ${summary(inWorker)}`);
    expect(inWorker.answers.sort()).toEqual([200, 200, 429, 429, 429]);
    expect(inWorker.busy.length).toBeGreaterThan(5);
    expect(p95(inWorker.busy)).toBeLessThan(2000);
    expect(Math.max(...inWorker.busy)).toBeLessThan(5000);
  },
  480_000,
);
