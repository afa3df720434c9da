// Faults: a PostgreSQL of this test's own (embedded, under .data/faults-<pid>, run by
// test/helpers/pg-process.ts through src/db/embedded.ts) that the test stops
// under load and starts again, and the real entry point (src/main.ts) stopped with SIGTERM while
// requests are in flight.
//
//   1. Outage: 20 clients create processors and read lists; PostgreSQL stops. /healthz stays 200,
//      /readyz answers 503, requests fail fast and without internals. PostgreSQL starts again on the
//      same data directory and port: the API recovers by itself (measured until /readyz is 200 and a
//      write succeeds), and no acknowledged write is lost.
//   2. Drain: ~50 GraphQL requests held in flight (a table lock), SIGTERM to the process: every request
//      completes with 200 and the process exits 0 within the grace period.
//
// Works with or without DATABASE_URL (it never uses the shared server). Settings: FAULT_CLIENTS
// (default 20), FAULT_OUTAGE_MS (how long PostgreSQL stays down, default 3000), DRAIN_REQUESTS (default 50).
import fs from "node:fs";
import path from "node:path";
import { execFileSync, spawn, ChildProcess } from "node:child_process";
import { DataSource } from "typeorm";
import { loadConfig, Config } from "../../src/config";
import { createDatabaseIfMissing, Database, openDatabase } from "../../src/db/database";
import { createDataSource } from "../../src/db/data-source";
import { embeddedUnreachableReason, freePort } from "../../src/db/embedded";
import { RunningServer, startServer } from "../../src/server";
import { createOrganization } from "../../seeds/demo";
import { envInt, rawFetch, rawGql, RawResponse, sleep, tally } from "../helpers/load";
import { PostgresProcess, startPostgresProcess } from "../helpers/pg-process";

const CLIENTS = envInt("FAULT_CLIENTS", 20);
const OUTAGE_MS = envInt("FAULT_OUTAGE_MS", 3000);
const DRAIN_REQUESTS = envInt("DRAIN_REQUESTS", 50);
/** A request that takes longer than this while the database is down counts as a hang. */
const HANG_MS = 5000;

const ROOT = path.resolve(__dirname, "..", "..");

/**
 * TCP connections established to a local port (Linux `ss`; 0 where it is missing, and the wait above it just times
 * out).
 */
function establishedTo(port: number): number {
  try {
    return execFileSync("ss", ["-Htn", "state", "established", `( sport = :${port} )`], { encoding: "utf8" })
      .split("\n")
      .filter((l) => l.trim()).length;
  } catch {
    return 0;
  }
}
const dataDir = path.join(ROOT, ".data", `faults-${process.pid}`);
let pg: PostgresProcess | undefined;
let port: number;

// These tests run their own PostgreSQL, which (as root) runs as the OS user "postgres". From a checkout
// that user cannot enter they are skipped with the reason; CI's embedded pass runs them from a readable copy.
const unreachable = embeddedUnreachableReason(path.resolve(__dirname, "..", ".."));
if (unreachable) console.warn(`faults.test.ts skipped: ${unreachable}`);
const faultTest = unreachable ? test.skip : test;

beforeAll(async () => {
  if (unreachable) return;
  fs.rmSync(dataDir, { recursive: true, force: true });
  port = await freePort();
  pg = await startPostgresProcess({ dataDir, port });
}, 120_000);

afterAll(async () => {
  if (unreachable) return;
  await pg?.stop().catch(() => undefined);
  fs.rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

/** Words that would mean internals leaked into an answer. */
const INTERNALS = new RegExp(
  [
    ...["ECONN", "postgres", "postmaster", "terminating connection", "QueryFailed", "typeorm", "at \\w+ \\("],
    ...["\\.ts:\\d+", "SELECT ", "INSERT ", "connect ", "socket", "pool"],
  ].join("|"),
  "i",
);

const CREATE =
  `mutation($input: CreateProcessorInput!) { createProcessor(input: $input) { processor { id } userErrors { code } ` +
  `} }`;
const LIST = `{ processors(first: 5) { totalCount edges { node { id name } } } }`;

type Phase = "before" | "stopping" | "down" | "starting" | "recovered";

interface Sample {
  /** The phase when the request was sent. */
  phase: Phase;
  sentAt: number;
  doneAt: number;
  kind: "create" | "list";
  status: number;
  ms: number;
  code?: string;
  message?: string;
  failure?: string;
}

function describeAnswer(res: RawResponse): Pick<Sample, "code" | "message" | "failure"> {
  const err = res.json?.errors?.[0] ?? res.json?.error;
  return { code: err?.extensions?.code ?? err?.code, message: err?.message, failure: res.failure };
}

faultTest(
  "PostgreSQL stops under load and starts again: fail fast and clean, recover without a restart, lose no " +
    "acknowledged write",
  async () => {
    const ownerUrl = await createDatabaseIfMissing(pg!.adminUrl, "tilsyn_faults");
    const config: Config = {
      ...loadConfig({}),
      databaseUrl: ownerUrl,
      port: 0,
      logLevel: (process.env.FAULTS_LOG_LEVEL ?? "silent") as Config["logLevel"],
      dbPoolSize: 10,
    } as Config;
    const db: Database = await openDatabase(config);
    const server: RunningServer = await startServer(config, db);
    const base = server.url.replace(/\/graphql$/, "");
    const owner: DataSource = createDataSource(ownerUrl, 2);
    await owner.initialize();
    const { apiKey: key } = await createOrganization(owner, { name: "Faults Org", countryCode: "DK" });
    await owner.destroy();

    let phase: Phase = "before";
    let running = true;
    const samples: Sample[] = [];
    const acknowledged: string[] = [];
    let seq = 0;
    const client = async (n: number) => {
      while (running) {
        const name = `Vendor ${n}-${++seq}`;
        const at = phase;
        const sentAt = Date.now();
        const created = await rawGql(server.url, key, CREATE, { input: { name } }, 15_000);
        const id = created.json?.data?.createProcessor?.processor?.id;
        if (created.status === 200 && id && !created.json.errors) acknowledged.push(id);
        samples.push({
          phase: at,
          sentAt,
          doneAt: Date.now(),
          kind: "create",
          status: created.status,
          ms: created.ms,
          ...describeAnswer(created),
        });
        const listedAt = phase;
        const listSentAt = Date.now();
        const listed = await rawGql(server.url, key, LIST, undefined, 15_000);
        samples.push({
          phase: listedAt,
          sentAt: listSentAt,
          doneAt: Date.now(),
          kind: "list",
          status: listed.status,
          ms: listed.ms,
          ...describeAnswer(listed),
        });
        // Failing requests come back at once; do not spin.
        if (created.status !== 200 || listed.status !== 200) await sleep(50);
      }
    };
    const load = Promise.all(Array.from({ length: CLIENTS }, (_, i) => client(i)));
    const probes: { phase: Phase; path: string; status: number; ms: number }[] = [];
    const probe = async (p: string) => {
      const res = await rawFetch(`${base}${p}`, { timeoutMs: 10_000 });
      probes.push({ phase, path: p, status: res.status, ms: res.ms });
      return res;
    };

    try {
      await sleep(1500);
      expect((await probe("/readyz")).status).toBe(200);
      const ackBefore = acknowledged.length;

      // Outage.
      phase = "stopping";
      const stopStarted = Date.now();
      await pg!.stop();
      const stoppedAfterMs = Date.now() - stopStarted;
      phase = "down";
      const downUntil = Date.now() + OUTAGE_MS;
      while (Date.now() < downUntil) {
        await probe("/readyz");
        await probe("/healthz");
        await sleep(100);
      }

      // Back on the same data directory and port.
      phase = "starting";
      const startBegan = Date.now();
      pg = await startPostgresProcess({ dataDir, port });
      const pgUpAfterMs = Date.now() - startBegan;
      const pgUp = Date.now();
      let readyAt = 0;
      let writeAt = 0;
      while ((!readyAt || !writeAt) && Date.now() - pgUp < 60_000) {
        if (!readyAt && (await probe("/readyz")).status === 200) readyAt = Date.now();
        if (!writeAt) {
          const w = await rawGql(server.url, key, CREATE, { input: { name: `Recovery probe ${Date.now()}` } }, 10_000);
          if (w.status === 200 && !w.json?.errors && w.json?.data?.createProcessor?.processor?.id) {
            writeAt = Date.now();
            acknowledged.push(w.json.data.createProcessor.processor.id);
          }
        }
        if (!readyAt || !writeAt) await sleep(50);
      }
      expect(readyAt).toBeGreaterThan(0);
      expect(writeAt).toBeGreaterThan(0);
      phase = "recovered";
      await sleep(1500);
      running = false;
      await load;

      // What the clients saw, by phase.
      const byPhase = (p: Phase) => samples.filter((s) => s.phase === p);
      const sampleLabel = (s: Sample) =>
        [s.kind, s.status, s.code, s.failure].filter((x) => x !== undefined && x !== null && x !== "").join(" ");
      const summary = (["before", "stopping", "down", "starting", "recovered"] as Phase[])
        .map((p) => `${p}: ${JSON.stringify(tally(byPhase(p), sampleLabel))}`)
        .join("\n  ");
      const maxMs = (p: Phase) => Math.max(0, ...byPhase(p).map((s) => s.ms));
      const messages = [...new Set(samples.filter((s) => s.message).map((s) => `${s.status} ${s.code}: ${s.message}`))];
      console.log(
        `[faults] ${CLIENTS} clients, ${samples.length} requests, ${acknowledged.length} acknowledged writes ` +
          `(${ackBefore} ` +
          `before the outage)\n` +
          `  PostgreSQL stop took ${stoppedAfterMs} ms, down for ${OUTAGE_MS} ms, start took ${pgUpAfterMs} ms\n` +
          `  recovery after PostgreSQL was up: /readyz 200 in ${readyAt - pgUp} ms, first write in ` +
          `${writeAt - pgUp} ms ` +
          `(from the restart command: ${readyAt - startBegan} / ${writeAt - startBegan} ms)\n` +
          "  slowest request while stopping/down/starting: " +
          `${maxMs("stopping")}/${maxMs("down")}/${maxMs("starting")} ` +
          `ms\n` +
          `  ${summary}\n  probes: ${JSON.stringify(tally(probes, (p) => `${p.phase} ${p.path} ${p.status}`))}\n` +
          `  error answers seen: ${JSON.stringify(messages)}`,
      );

      // Health and readiness while down.
      const down = probes.filter((p) => p.phase === "down");
      expect(down.filter((p) => p.path === "/healthz").every((p) => p.status === 200)).toBe(true);
      expect(down.filter((p) => p.path === "/readyz").map((p) => p.status)).toEqual(
        down.filter((p) => p.path === "/readyz").map(() => 503),
      );
      expect(Math.max(...down.map((p) => p.ms))).toBeLessThan(HANG_MS);
      // Before the outage (answered before the stop began) and after recovery (sent after the first
      // successful write): everything worked.
      const healthy = {
        before: samples.filter((s) => s.doneAt < stopStarted),
        after: samples.filter((s) => s.sentAt > writeAt),
      };
      for (const [when, list] of Object.entries(healthy)) {
        expect({ when, answers: tally(list, (s) => `${s.status}${s.code ? ` ${s.code}` : ""}`) }).toEqual({
          when,
          answers: { 200: list.length },
        });
        expect(list.length).toBeGreaterThan(0);
      }
      // While down: fast, clean failures (no hang, no connection dropped without an answer, no internals).
      for (const s of samples.filter((x) => x.phase !== "before" && x.phase !== "recovered")) {
        expect({ request: s, slow: s.ms >= HANG_MS }).toEqual({ request: s, slow: false });
        expect({ request: s, answered: s.status !== 0 }).toEqual({ request: s, answered: true });
        if (s.status >= 500)
          expect({ request: s, leaks: INTERNALS.test(s.message ?? "") }).toEqual({ request: s, leaks: false });
        if (s.status === 200 && s.code)
          expect({ request: s, leaks: INTERNALS.test(s.message ?? "") }).toEqual({ request: s, leaks: false });
      }
      // A request in flight when the connection went (under a stop, a restart) answers 503 UNAVAILABLE, never 500:
      // some answered INTERNAL (a query runner TypeORM had released, 57P01 "terminating connection").
      expect(samples.filter((s) => s.status === 500)).toEqual([]);
      expect(byPhase("down").length).toBeGreaterThan(0);
      expect(byPhase("down").every((s) => s.status !== 200 || s.code)).toBe(true);

      // No acknowledged write is lost.
      const check = createDataSource(ownerUrl, 1);
      await check.initialize();
      try {
        const uuids = acknowledged.map((id) => Buffer.from(id, "base64url").toString("utf8").split(":")[1]);
        const [{ n }] = await check.query(`SELECT count(*)::int AS n FROM processor WHERE id = ANY($1::uuid[])`, [
          uuids,
        ]);
        expect({ acknowledged: acknowledged.length, found: n }).toEqual({
          acknowledged: acknowledged.length,
          found: acknowledged.length,
        });
      } finally {
        await check.destroy();
      }
    } finally {
      running = false;
      await load.catch(() => undefined);
      await server.stop();
      await db.close();
    }
  },
  180_000,
);

function waitForExit(
  child: ChildProcess,
  timeoutMs: number,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number } | null> {
  const started = Date.now();
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null)
      return resolve({ code: child.exitCode, signal: child.signalCode, ms: 0 });
    const timer = setTimeout(() => resolve(null), timeoutMs);
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, ms: Date.now() - started });
    });
  });
}

faultTest(
  "SIGTERM while ~50 requests are in flight: all complete with 200, the process exits 0 within the grace period",
  async () => {
    const dbUrl = await createDatabaseIfMissing(pg!.adminUrl, "tilsyn_drain");
    const appPort = await freePort();
    const graceMs = 10_000;
    const output: string[] = [];
    // Started like `npm run start:dev` (ts-node src/main.ts); transpile-only to start faster.
    const child = spawn(process.execPath, ["-r", "ts-node/register", "src/main.ts"], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: dbUrl,
        SEED_DEMO_DATA: "false",
        PORT: String(appPort),
        HOST: "127.0.0.1",
        TILSYN_DATA_DIR: dataDir,
        SHUTDOWN_GRACE_MS: String(graceMs),
        DB_POOL_SIZE: "10",
        // One organization sends every request: it may hold the whole pool here (this is about the drain).
        DB_CONNECTIONS_PER_ORG: "10",
        LOG_LEVEL: "info",
        NODE_ENV: "production",
        TS_NODE_TRANSPILE_ONLY: "true",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout!.on("data", (d) => output.push(d.toString()));
    child.stderr!.on("data", (d) => output.push(d.toString()));
    const base = `http://127.0.0.1:${appPort}`;
    let lock: DataSource | undefined;
    try {
      // Wait until it answers.
      const started = Date.now();
      while ((await rawFetch(`${base}/healthz`, { timeoutMs: 2000 })).status !== 200) {
        if (child.exitCode !== null)
          throw new Error(`src/main.ts exited with ${child.exitCode} before it answered:\n${output.join("")}`);
        if (Date.now() - started > 90_000)
          throw new Error(`src/main.ts did not answer /healthz within 90 s:\n${output.join("")}`);
        await sleep(200);
      }
      const owner = createDataSource(dbUrl, 2);
      await owner.initialize();
      const { apiKey: key } = await createOrganization(owner, { name: "Drain Org", countryCode: "DK" });
      await owner.destroy();
      expect(
        (
          await rawGql(
            `${base}/graphql`,
            key,
            `mutation { createProcessor(input: { name: "Drain Vendor" }) { processor { id } } }`,
          )
        ).status,
      ).toBe(200);

      // Hold every request in flight: they wait for a lock on the processor table (or for a connection).
      lock = createDataSource(dbUrl, 2);
      await lock.initialize();
      const qr = lock.createQueryRunner();
      const watcher = lock;
      await qr.connect();
      await qr.startTransaction();
      await qr.query(`LOCK TABLE processor IN ACCESS EXCLUSIVE MODE`);
      const requests = Array.from({ length: DRAIN_REQUESTS }, (_, i) =>
        rawGql(
          `${base}/graphql`,
          key,
          `query { processors(first: 5) { totalCount edges { node { name } } } }`,
          undefined,
          30_000,
        ).then((r) => ({ i, ...r })),
      );
      // Wait until the pool's connections are all blocked on the lock.
      let blocked = 0;
      for (let i = 0; i < 100 && blocked < 10; i++) {
        // From another connection: inside a transaction pg_stat_activity is one snapshot.
        const [{ n }] = await watcher.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type ` +
            `= 'Lock'`,
        );
        blocked = n;
        if (blocked < 10) await sleep(50);
      }
      expect(blocked).toBeGreaterThanOrEqual(Math.min(10, DRAIN_REQUESTS));
      // And until every request has reached the server: under load the client may still be connecting
      // the last ones, and a request that is not sent before the signal is not "in flight".
      for (let i = 0; i < 100 && establishedTo(appPort) < DRAIN_REQUESTS; i++) await sleep(50);
      const connected = establishedTo(appPort);
      const signalled = Date.now();
      child.kill("SIGTERM");
      await sleep(500);
      // Draining: still running, not taking new connections.
      expect(child.exitCode).toBeNull();
      const late = await rawFetch(`${base}/healthz`, { timeoutMs: 2000 });
      await qr.commitTransaction();
      await qr.release();
      const answers = await Promise.all(requests);
      const exit = await waitForExit(child, graceMs + 10_000);
      const exitedAfterMs = Date.now() - signalled;
      const answerLabel = (a: (typeof answers)[number]) => a.status + (a.json?.errors ? " with errors" : "");
      console.log(
        `[faults] drain: ${answers.length} requests in flight at SIGTERM (${blocked} on the lock, ${connected} ` +
          `connections open): ${JSON.stringify(tally(answers, answerLabel))}; ` +
          `new connection after SIGTERM: ${late.status || late.failure}; exit ${JSON.stringify(exit)} ` +
          `${exitedAfterMs} ms after SIGTERM`,
      );
      for (const a of answers) {
        expect({ i: a.i, status: a.status, errors: a.json?.errors, failure: a.failure }).toEqual({
          i: a.i,
          status: 200,
          errors: undefined,
          failure: undefined,
        });
        expect(a.json.data.processors.totalCount).toBe(1);
      }
      expect(exit).not.toBeNull();
      expect({ code: exit!.code, signal: exit!.signal }).toEqual({ code: 0, signal: null });
      expect(exitedAfterMs).toBeLessThan(graceMs);
    } catch (err) {
      console.log(`[faults] src/main.ts output:\n${output.join("").slice(-5000)}`);
      throw err;
    } finally {
      if (lock?.isInitialized) await lock.destroy();
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGKILL");
        await waitForExit(child, 5000);
      }
    }
  },
  180_000,
);
