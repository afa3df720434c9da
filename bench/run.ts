// npm run bench: the performance harness of issue 8. On the generated large controller (bench:seed; run
// here if its data is missing) it measures, on loopback:
//   Q1 dashboard page and Q2 deep sub-processor tree: requests/s and p50/p95/p99 with autocannon, against
//      a hand-written node:http + pg baseline in the same run (answers checked equal first), and SQL
//      statements per request;
//   the risk recompute of the whole portfolio; Q3 the art. 30 export (time and peak RSS growth of the
//   server); Q4 a mix of mutations; and the time from `npm start` to the first answered query.
// Writes bench/results/latest.json and prints a table with each target beside the measured value (bench/lib/table.ts;
// `npm run bench:table` prints it again from latest.json).
// Env: DATABASE_URL (a server to use; else an embedded PostgreSQL under .data/bench), BENCH_DATABASE (its
// database, default tilsyn_bench), BENCH_DURATION_S (per load run, default 10), BENCH_CONNECTIONS (default 10),
// BENCH_ROUNDS (Q1 rounds, default 3: API, baseline and floor take turns, so load on the machine hits all
// alike; ratios are per round, reported as median and range), BENCH_COMPARE (a built main.js of another
// commit, e.g. the one before a change, run on the same database and measured in the same rounds),
// BENCH_ONLY=q1 (risk and Q1 only: the other parts are skipped), BENCH_ONLY=q2 (Q2's rounds only;
// BENCH_Q2_REQUESTS per target and round, default 60).
import { ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import { performance } from "node:perf_hooks";
import { Client } from "pg";
import autocannon from "autocannon";
import { createDatabaseIfMissing } from "../src/db/database";
import { freePort, startEmbeddedPostgres } from "../src/db/embedded";
import { mixedLoad } from "./mixed";
import { benchTable, BenchResults } from "./lib/table";

const ROOT = path.resolve(__dirname, "..");
const RESULTS = path.join(__dirname, "results");
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const DATABASE = process.env.BENCH_DATABASE ?? "tilsyn_bench";
const ONLY_Q1 = process.env.BENCH_ONLY === "q1";
const ONLY_Q2 = process.env.BENCH_ONLY === "q2";
const TS_NODE = ["-r", "ts-node/register/transpile-only"];
const query = (name: string) => readFileSync(path.join(__dirname, "queries", name), "utf8");

interface Seeded {
  organizationId: string;
  apiKey: string;
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: ROOT, env, stdio: "inherit" });
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(" ")} exited with ${code}`)),
    );
  });
}

async function waitFor<T>(what: string, probe: () => Promise<T | null>, timeoutMs: number, everyMs = 50): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe().catch(() => null);
    if (v !== null) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

async function post(url: string, key: string, body: unknown): Promise<{ status: number; json: any }> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}

/** Resident and peak resident memory of a process, in MB (Linux). */
function memoryOf(pid: number): { rssMb: number; peakMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
  return { rssMb: kb("VmRSS") / 1024, peakMb: kb("VmHWM") / 1024 };
}

/** Resets the peak RSS the kernel keeps for a process, so a peak belongs to one measurement. */
function resetPeak(pid: number): void {
  writeFileSync(`/proc/${pid}/clear_refs`, "5");
}

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN;
}

interface Load {
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
}

/** One autocannon run, bounded in time (duration) or count (amount); latencies collected per response. */
async function load(opts: autocannon.Options): Promise<Load> {
  const latencies: number[] = [];
  let errors = 0;
  const instance = autocannon({ ...opts, connections: opts.connections ?? CONNECTIONS, timeout: 60 });
  instance.on("response", (_client: unknown, status: number, _bytes: number, ms: number) => {
    latencies.push(ms);
    if (status !== 200) errors++;
  });
  const result = await instance;
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    rps: latencies.length / (result.duration || 1),
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    errors: errors + result.errors + result.timeouts,
  };
}

function graphqlLoad(url: string, key: string, body: unknown, bound: Partial<autocannon.Options>): Promise<Load> {
  return load({
    url,
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
    body: JSON.stringify(body),
    ...bound,
  });
}

async function startChild(
  name: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  readyUrl: string,
): Promise<ChildProcess> {
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ["ignore", "inherit", "inherit"] });
  child.on("exit", (code, signal) => {
    if (code !== null && code !== 0) console.error(`${name} exited with ${code ?? signal}`);
  });
  await waitFor(
    `${name} at ${readyUrl}`,
    async () => ((await fetch(readyUrl)).status < 500 ? true : null),
    120_000,
    100,
  );
  return child;
}

async function ensureSeeded(adminUrl: string, benchUrl: string): Promise<Seeded> {
  const file = path.join(RESULTS, "seed.json");
  if (existsSync(file)) {
    const seeded = JSON.parse(readFileSync(file, "utf8")) as Seeded;
    const client = new Client({ connectionString: benchUrl });
    await client.connect();
    try {
      const { rowCount } = await client.query("SELECT 1 FROM organization WHERE id = $1", [seeded.organizationId]);
      if (rowCount) return seeded;
    } catch {
      /* no schema yet: seed */
    } finally {
      await client.end();
    }
  }
  console.log("Seeding the bench database (npm run bench:seed) …");
  await run(process.execPath, [...TS_NODE, "bench/seed.ts"], { ...process.env, DATABASE_URL: adminUrl });
  return JSON.parse(readFileSync(file, "utf8")) as Seeded;
}

/** A direct processor with a deep, large tree that stays under the API's 25,000-node limit. */
async function deepTreeRoot(
  baseline: string,
  seeded: Seeded,
  benchUrl: string,
  maxDepth: number,
): Promise<{ id: string; nodes: number; depth: number }> {
  const client = new Client({ connectionString: benchUrl });
  await client.connect();
  const { rows } = await client.query(
    `SELECT p.id, count(e.id) AS fan_out FROM processor p JOIN subprocessor_engagement e ON e.processor_id = p.id
      WHERE p.organization_id = $1 AND p.direct GROUP BY p.id ORDER BY fan_out DESC, p.id LIMIT 40`,
    [seeded.organizationId],
  );
  await client.end();
  let best: { id: string; nodes: number; depth: number } | null = null;
  for (const r of rows) {
    const id = Buffer.from(`Processor:${r.id}`).toString("base64url");
    const { json } = await post(baseline, seeded.apiKey, {
      operationName: "Tree",
      query: query("q2-tree.graphql"),
      variables: { id, maxDepth },
    });
    const tree = json.data.processor.subprocessorTree as { depth: number }[];
    const depth = tree.reduce((d, n) => Math.max(d, n.depth), 0);
    if (tree.length <= 10_000 && depth >= 4 && (!best || tree.length > best.nodes))
      best = { id, nodes: tree.length, depth };
  }
  if (!best) throw new Error("no direct processor with a tree of depth ≥ 4 and at most 10,000 nodes");
  return best;
}

/** Median and range of ratios taken within rounds. */
function spread(xs: number[]) {
  const sorted = [...xs].sort((a, b) => a - b);
  return { median: sorted[Math.floor((sorted.length - 1) / 2)], min: sorted[0], max: sorted[sorted.length - 1] };
}

/**
 * Q2, a deep tree (4,000-odd nodes): equal answers first, then rounds in which the API, the hand-written
 * statement and (BENCH_COMPARE) another build each answer BENCH_Q2_REQUESTS requests by 4 clients in turn,
 * the order rotated each round; the p95 ratio is taken within a round (the target: API ≤ 2× the floor).
 */
async function treeRounds(api: string, floor: string, compare: string | null, seeded: Seeded, benchUrl: string) {
  const maxDepth = 10;
  const root = await deepTreeRoot(floor, seeded, benchUrl, maxDepth);
  const key = seeded.apiKey;
  const q2 = { operationName: "Tree", query: query("q2-tree.graphql"), variables: { id: root.id, maxDepth } };
  const [ours, theirs] = await Promise.all([post(api, key, q2), post(floor, key, q2)]);
  if (ours.json.errors) throw new Error(`Q2 errors: ${JSON.stringify(ours.json.errors)}`);
  if (!isDeepStrictEqual(ours.json.data, theirs.json.data)) {
    writeFileSync(path.join(RESULTS, "q2-mismatch.json"), JSON.stringify({ ours: ours.json, floor: theirs.json }));
    throw new Error("Q2: the API and the floor differ; see bench/results/q2-mismatch.json");
  }
  console.log(`Q2 answers equal: ${root.nodes} nodes, depth ${root.depth}; ${ours.json.extensions.sqlStatements} SQL`);
  const targets: [string, string][] = [
    ["api", api],
    ["floor", floor],
    ...(compare ? [["compare", compare] as [string, string]] : []),
  ];
  const amount = Number(process.env.BENCH_Q2_REQUESTS ?? 60);
  for (const [, url] of targets) await graphqlLoad(url, key, q2, { amount: 12, connections: 4 }); // warm-up
  const rounds: Record<string, Load>[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const r: Record<string, Load> = {};
    for (let i = 0; i < targets.length; i++) {
      const [name, url] = targets[(i + round) % targets.length];
      r[name] = await graphqlLoad(url, key, q2, { amount, connections: 4 });
    }
    rounds.push(r);
    console.log(`Q2 round ${round + 1}: ` + targets.map(([n]) => `${n} p95 ${r[n].p95} ms`).join(", "));
  }
  const median = (name: string) =>
    rounds.map((r) => r[name]).sort((a, b) => a.p95 - b.p95)[Math.floor((rounds.length - 1) / 2)];
  return {
    nodes: root.nodes,
    depth: root.depth,
    maxDepth,
    sqlStatements: ours.json.extensions.sqlStatements as number,
    api: median("api"),
    baseline: median("floor"),
    p95Ratio: spread(rounds.map((r) => r.api.p95 / r.floor.p95)).median,
    p95Ratios: spread(rounds.map((r) => r.api.p95 / r.floor.p95)),
    ...(compare ? { compareP95Ratios: spread(rounds.map((r) => r.compare.p95 / r.floor.p95)) } : {}),
    rounds,
  };
}

/** Removes what the mutation mix (Q4) wrote, so every run measures the same portfolio. */
async function removeBenchWrites(benchUrl: string, organizationId: string): Promise<number> {
  const client = new Client({ connectionString: benchUrl });
  await client.connect();
  try {
    await client.query("BEGIN");
    const written = `SELECT id FROM processor WHERE organization_id = $1 AND name LIKE 'Bench vendor %'`;
    for (const table of ["audit_finding", "audit_report", "risk_assessment"]) {
      await client.query(`DELETE FROM ${table} WHERE processor_id IN (${written})`, [organizationId]);
    }
    const { rowCount } = await client.query(`DELETE FROM processor WHERE id IN (${written})`, [organizationId]);
    await client.query("COMMIT");
    return rowCount ?? 0;
  } finally {
    await client.end();
  }
}

/**
 * The first dashboard read after one write, against fresh reads: a rename (no risk input), and a new
 * critical finding on a processor with processors upstream (its score and theirs are recomputed).
 */
async function firstReadAfterWrite(api: string, key: string, body: unknown, benchUrl: string, organizationId: string) {
  const timed = async () => {
    const t = performance.now();
    const { json } = await post(api, key, body);
    if (json.errors) throw new Error(`Q1 errors: ${JSON.stringify(json.errors)}`);
    return { ms: Math.round(performance.now() - t), sqlStatements: json.extensions?.sqlStatements };
  };
  const owner = new Client({ connectionString: benchUrl });
  await owner.connect();
  try {
    const fresh = [];
    for (let i = 0; i < 7; i++) fresh.push(await timed());
    const freshMs = fresh.map((f) => f.ms).sort((a, b) => a - b)[3];
    const { rows } = await owner.query(
      `SELECT p.id, p.version, (SELECT count(*) FROM subprocessor_engagement e WHERE e.subprocessor_id = p.id) AS up
         FROM processor p WHERE p.organization_id = $1 AND NOT p.direct AND p.archived_at IS NULL
          AND EXISTS (SELECT 1 FROM subprocessor_engagement e WHERE e.subprocessor_id = p.id)
        ORDER BY p.id LIMIT 3`,
      [organizationId],
    );
    const gid = (id: string) => Buffer.from(`Processor:${id}`).toString("base64url");
    const rename = [];
    const finding = [];
    for (const p of rows) {
      const upd = await post(api, key, {
        query: `mutation($id: ID!, $v: Int!, $n: String!) { updateProcessor(input: { id: $id, version: $v, name: $n })
          { userErrors { message } } }`,
        variables: { id: gid(p.id), v: p.version, n: `Renamed ${p.id.slice(0, 8)} ${Date.now()}` },
      });
      if (upd.json.errors || upd.json.data.updateProcessor.userErrors.length)
        throw new Error(`rename failed: ${JSON.stringify(upd.json)}`);
      rename.push(await timed());
      const before = Number(
        (await owner.query(`SELECT count(*) FROM risk_assessment WHERE organization_id = $1`, [organizationId])).rows[0]
          .count,
      );
      const t = performance.now();
      const add = await post(api, key, {
        query: `mutation($p: ID!) {
          createFinding(input: { processorId: $p, description: "Bench", severity: "CRITICAL" }) {
            userErrors { message }
          }
        }`,
        variables: { p: gid(p.id) },
      });
      const writeMs = Math.round(performance.now() - t);
      if (add.json.errors || add.json.data.createFinding.userErrors.length)
        throw new Error(`finding failed: ${JSON.stringify(add.json)}`);
      const read = await timed();
      const after = Number(
        (await owner.query(`SELECT count(*) FROM risk_assessment WHERE organization_id = $1`, [organizationId])).rows[0]
          .count,
      );
      finding.push({ ...read, writeMs, newAssessments: after - before });
    }
    await owner.query(`DELETE FROM audit_finding WHERE organization_id = $1 AND description = 'Bench'`, [
      organizationId,
    ]);
    return {
      freshMs,
      fresh,
      afterRename: rename,
      afterFinding: finding,
      renameRatio: Math.max(...rename.map((r) => r.ms)) / freshMs,
      findingRatio: Math.max(...finding.map((r) => r.ms)) / freshMs,
    };
  } finally {
    await owner.end();
  }
}

async function timeToFirstAnswer(adminUrl: string): Promise<{ npmStartMs: number; nodeOnlyMs: number }> {
  const measure = async (cmd: string, args: string[], database: string) => {
    const admin = new Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await admin.end();
    const port = await freePort();
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "tilsyn-start-"));
    const env = {
      ...process.env,
      DATABASE_URL: await createDatabaseIfMissing(adminUrl, database),
      PORT: String(port),
      TILSYN_DATA_DIR: dataDir,
      LOG_LEVEL: "warn",
      SEED_DEMO_DATA: "true",
    };
    const started = performance.now();
    const child = spawn(cmd, args, { cwd: ROOT, env, stdio: "ignore", detached: true });
    try {
      await waitFor(
        "the first answered query",
        async () => {
          const keyFile = path.join(dataDir, "demo-api-key");
          if (!existsSync(keyFile)) return null;
          const { status, json } = await post(
            `http://127.0.0.1:${port}/graphql`,
            readFileSync(keyFile, "utf8").trim(),
            { query: "{ processors(first: 1) { edges { node { name } } } }" },
          );
          return status === 200 && json.data?.processors ? true : null;
        },
        180_000,
        25,
      );
      return performance.now() - started;
    } finally {
      process.kill(-child.pid!, "SIGTERM");
      await new Promise((r) => child.once("exit", r));
      rmSync(dataDir, { recursive: true, force: true });
    }
  };
  // `npm start` compiles (tsc, incremental when dist is current) and starts: migrations, demo data, listen.
  const npmStartMs = await measure("npm", ["start", "--silent"], "tilsyn_bench_start");
  const nodeOnlyMs = await measure(process.execPath, ["dist/src/main.js"], "tilsyn_bench_start");
  return { npmStartMs, nodeOnlyMs };
}

async function main() {
  mkdirSync(RESULTS, { recursive: true });
  let adminUrl = process.env.DATABASE_URL;
  let stopEmbedded: (() => Promise<void>) | null = null;
  if (!adminUrl) {
    const pg = await startEmbeddedPostgres({ dataDir: path.join(ROOT, ".data", "bench") });
    adminUrl = pg.adminUrl;
    stopEmbedded = () => pg.stop();
  }
  const benchUrl = await createDatabaseIfMissing(adminUrl, DATABASE);
  const children: ChildProcess[] = [];
  const loadAtStart = os.loadavg()[0];
  const results: Record<string, unknown> = {
    at: new Date().toISOString(),
    machine: { cpus: os.cpus().length, node: process.version },
    durationS: DURATION_S,
    connections: CONNECTIONS,
  };
  try {
    const seeded = await ensureSeeded(adminUrl, benchUrl);
    const leftOver = await removeBenchWrites(benchUrl, seeded.organizationId).catch(() => 0);
    if (leftOver) console.log(`removed ${leftOver} vendors an earlier run's mutation mix wrote`);
    const [apiPort, basePort] = [await freePort(), await freePort()];
    const api = `http://127.0.0.1:${apiPort}/graphql`;
    const baseline = `http://127.0.0.1:${basePort}/graphql`;
    const floor = `http://127.0.0.1:${basePort}/floor`;
    const apiEnv = {
      ...process.env,
      DATABASE_URL: benchUrl,
      PORT: String(apiPort),
      NODE_ENV: "production",
      LOG_LEVEL: "warn",
      SEED_DEMO_DATA: "false",
      EXPOSE_SQL_COUNT: "true",
      STATEMENT_TIMEOUT_MS: "120000",
      GRAPHQL_MAX_COST: "100000000",
      GRAPHQL_MAX_TOKENS: "100000",
      // Q3 asks 99 whole records (their recipients reach thousands of sub-processors): above the default list budget.
      GRAPHQL_MAX_LIST_ITEMS: "100000000",
      // The exports below measure a whole 500 MB register: above the default export limits on purpose.
      EXPORT_MAX_BYTES: String(4 * 1024 ** 3),
    };
    // The API runs as `npm start` runs it: compiled, from dist/.
    await run("npm", ["run", "-s", "build"], process.env);
    const server = await startChild("API", ["dist/src/main.js"], apiEnv, `http://127.0.0.1:${apiPort}/readyz`);
    children.push(server);
    let compare: string | null = null;
    if (process.env.BENCH_COMPARE) {
      const port = await freePort();
      children.push(
        await startChild(
          "API to compare",
          [process.env.BENCH_COMPARE],
          { ...apiEnv, PORT: String(port), JOBS: "off", CONSOLE_ENABLED: "false" },
          `http://127.0.0.1:${port}/readyz`,
        ),
      );
      compare = `http://127.0.0.1:${port}/graphql`;
    }
    children.push(
      await startChild(
        "baseline",
        [...TS_NODE, "bench/baseline.ts"],
        {
          ...process.env,
          BASELINE_DATABASE_URL: benchUrl,
          BASELINE_ORGANIZATION_ID: seeded.organizationId,
          BASELINE_API_KEY: seeded.apiKey,
          PORT: String(basePort),
        },
        `http://127.0.0.1:${basePort}/`,
      ),
    );
    const key = seeded.apiKey;
    if (ONLY_Q2) {
      results.q2 = await treeRounds(api, floor, compare, seeded, benchUrl);
      console.log("Q2", JSON.stringify(results.q2, null, 1));
      writeFileSync(path.join(RESULTS, "latest-q2.json"), JSON.stringify(results, null, 2) + "\n");
      return;
    }

    // Risk first: the dashboard reads fresh scores, so the first request after a change recomputes.
    const recompute = async () => {
      const { json } = await post(api, key, {
        query: "mutation { recomputeRisk { result { processors changed durationMs } userErrors { message } } }",
      });
      if (!json.data?.recomputeRisk?.result) throw new Error(`recomputeRisk failed: ${JSON.stringify(json)}`);
      return json.data.recomputeRisk.result as { processors: number; changed: number; durationMs: number };
    };
    // The first recompute in a fresh process also pays for compiling the code it runs; it is reported
    // on its own, and the targets are read on a warm server (two recomputes first).
    const coldFirst = await recompute();
    await recompute();
    const unchanged = [await recompute(), await recompute(), await recompute()].sort(
      (a, b) => a.durationMs - b.durationMs,
    );
    const owner = new Client({ connectionString: benchUrl });
    await owner.connect();
    await owner.query("DELETE FROM risk_assessment WHERE organization_id = $1", [seeded.organizationId]);
    await owner.end();
    const writingAll = await recompute(); // every score new: 10,000 assessments written
    // The assessments are part of the measured portfolio: statistics and visibility map as after seeding
    // (autovacuum would get there; on a busy machine it may not before the load runs).
    const vacuum = new Client({ connectionString: benchUrl });
    await vacuum.connect();
    await vacuum.query("VACUUM ANALYZE risk_assessment");
    await vacuum.end();
    results.riskRecompute = {
      coldFirst,
      writingAll,
      unchangedMedian: unchanged[1],
      unchangedRuns: unchanged.map((r) => r.durationMs),
    };
    console.log("risk recompute", results.riskRecompute);

    // Q1: equal answers, statement counts at three page sizes, then load.
    const q1 = (first: number) => ({
      operationName: "Dashboard",
      query: query("q1-dashboard.graphql"),
      variables: { first },
    });
    const q1Counts: Record<number, number> = {};
    for (const first of [10, 50, 100]) {
      const [ours, theirs] = await Promise.all([post(api, key, q1(first)), post(baseline, key, q1(first))]);
      if (ours.json.errors) throw new Error(`Q1 errors: ${JSON.stringify(ours.json.errors)}`);
      if (!isDeepStrictEqual(ours.json.data, theirs.json.data)) {
        writeFileSync(
          path.join(RESULTS, "q1-mismatch.json"),
          JSON.stringify({ ours: ours.json.data, baseline: theirs.json.data }, null, 1),
        );
        throw new Error(`Q1 (first ${first}): the API and the baseline differ; see bench/results/q1-mismatch.json`);
      }
      q1Counts[first] = ours.json.extensions.sqlStatements;
    }
    console.log("Q1 answers equal; SQL statements by page size", q1Counts);
    const [floorOurs, floorTheirs] = await Promise.all([post(api, key, q1(50)), post(floor, key, q1(50))]);
    if (!isDeepStrictEqual(floorOurs.json.data, floorTheirs.json.data)) {
      writeFileSync(
        path.join(RESULTS, "q1-mismatch.json"),
        JSON.stringify({ ours: floorOurs.json.data, floor: floorTheirs.json.data }, null, 1),
      );
      throw new Error(`Q1: the API and the floor differ; see bench/results/q1-mismatch.json`);
    }
    // Rounds: every endpoint in turn, the order rotated each round; ratios are taken within a round.
    const targets: [string, string][] = [
      ["api", api],
      ["baseline", baseline],
      ["floor", floor],
      ...(compare ? [["compare", compare] as [string, string]] : []),
    ];
    for (const [, url] of targets) await graphqlLoad(url, key, q1(50), { duration: 2 }); // warm-up
    const rounds: Record<string, Load>[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const r: Record<string, Load> = {};
      for (let i = 0; i < targets.length; i++) {
        const [name, url] = targets[(i + round) % targets.length];
        r[name] = await graphqlLoad(url, key, q1(50), { duration: DURATION_S });
      }
      rounds.push(r);
      console.log(
        `Q1 round ${round + 1}: ` +
          targets.map(([n]) => `${n} ${r[n].rps.toFixed(1)} req/s p95 ${r[n].p95}`).join(", "),
      );
    }
    const ratio = (a: string, b: string) => spread(rounds.map((r) => r[a].rps / r[b].rps));
    const q1Api = rounds.map((r) => r.api).sort((a, b) => a.rps - b.rps)[Math.floor((rounds.length - 1) / 2)];
    const q1Base = rounds.map((r) => r.baseline).sort((a, b) => a.rps - b.rps)[Math.floor((rounds.length - 1) / 2)];
    results.q1 = {
      sqlStatements: q1Counts,
      api: q1Api,
      baseline: q1Base,
      rpsRatio: ratio("api", "baseline").median,
      rounds,
      ratios: {
        apiToFloor: ratio("api", "floor"),
        baselineToFloor: ratio("baseline", "floor"),
        apiToBaseline: ratio("api", "baseline"),
        ...(compare ? { compareToFloor: ratio("compare", "floor"), apiToCompare: ratio("api", "compare") } : {}),
      },
      rps: Object.fromEntries(targets.map(([n]) => [n, spread(rounds.map((r) => r[n].rps))])),
      p95: Object.fromEntries(targets.map(([n]) => [n, spread(rounds.map((r) => r[n].p95))])),
    };
    console.log("Q1", JSON.stringify({ ratios: (results.q1 as any).ratios, rps: (results.q1 as any).rps }, null, 1));

    results.afterWrite = await firstReadAfterWrite(api, key, q1(50), benchUrl, seeded.organizationId);
    console.log("first Q1 after a write", results.afterWrite);
    // Readers while risk inputs are written (bench/mixed.ts, its own API process with the default timeout).
    results.mixed = await mixedLoad({ benchUrl, organizationId: seeded.organizationId, apiKey: key });
    if (ONLY_Q1) {
      writeFileSync(path.join(RESULTS, "latest-q1.json"), JSON.stringify(results, null, 2) + "\n");
      return;
    }

    // Q2: a deep tree, in rounds the same way.
    results.q2 = await treeRounds(api, floor, compare, seeded, benchUrl);
    console.log("Q2", JSON.stringify(results.q2, null, 1));

    // Q3: the art. 30 record of every activity, as GraphQL and as streamed files; the server's peak RSS.
    const exportsBase = `http://127.0.0.1:${apiPort}/exports/ropa`;
    const pid = server.pid!;
    const q3 = {
      operationName: "RecordsOfProcessing",
      query: query("q3-ropa.graphql"),
      variables: { filter: { search: "Activity 000" } },
    };
    const t3 = performance.now();
    const r3 = await post(api, key, q3);
    const q3Ms = performance.now() - t3;
    if (r3.json.errors) throw new Error(`Q3 errors: ${JSON.stringify(r3.json.errors)}`);
    const exportsResult: Record<string, unknown> = {
      graphql: {
        records: r3.json.data.recordsOfProcessing.records.length,
        ms: Math.round(q3Ms),
        sqlStatements: r3.json.extensions.sqlStatements,
      },
    };
    // 1,000 rows first (activities "Activity 00001" … "00999"), then all 10,000: memory that grew with
    // the rows would show as a difference between the two.
    // JSON is timed on 1,000 rows only: every recipient is an object there, and 10,000 rows of this
    // portfolio make 3.2 GB (measured once: 194 s, +77 MB peak RSS).
    const exports: [string, string, string][] = [
      ["csv-1000", "csv", "?search=Activity%2000"],
      ["csv", "csv", ""],
      ["xlsx", "xlsx", ""],
      ["json-1000", "json", "?search=Activity%2000"],
    ];
    for (const [label, format, params] of exports) {
      await (
        await fetch(`${exportsBase}.${format}?search=zzzz-none`, { headers: { authorization: `Bearer ${key}` } })
      ).arrayBuffer();
      await new Promise((r) => setTimeout(r, 500));
      const before = memoryOf(pid).rssMb;
      resetPeak(pid);
      const t = performance.now();
      const res = await fetch(`${exportsBase}.${format}${params}`, { headers: { authorization: `Bearer ${key}` } });
      let bytes = 0;
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.length;
      const ms = performance.now() - t;
      const peak = memoryOf(pid).peakMb;
      exportsResult[label] = {
        status: res.status,
        ms: Math.round(ms),
        bytes,
        rssBeforeMb: Math.round(before),
        peakRssMb: Math.round(peak),
        peakGrowthMb: Math.round(peak - before),
      };
      console.log(label, exportsResult[label]);
    }
    results.q3 = exportsResult;
    console.log("Q3", results.q3);

    // Q4: a mix of writes, each its own request: create a vendor, change it, record a finding and a report.
    const q4 = query("q4-mutations.graphql");
    const today = new Date().toISOString().slice(0, 10);
    let serial = 0;
    // Every write must go through: a GraphQL error or a userError counts as rejected.
    let rejectedWrites = 0;
    const check = (b: string) => {
      const j = JSON.parse(b);
      const payload = j.data && (Object.values(j.data)[0] as { userErrors?: unknown[] } | null);
      if (j.errors || !payload || payload.userErrors?.length) rejectedWrites++;
      return payload as Record<string, { id: string; version: number }> | null;
    };
    const body = (operationName: string, variables: object) => JSON.stringify({ operationName, query: q4, variables });
    const q4Result = await load({
      url: api,
      connections: 4,
      duration: DURATION_S,
      headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
      requests: [
        {
          method: "POST",
          setupRequest: (req) => ({
            ...req,
            body: body("CreateProcessor", { name: `Bench vendor ${process.pid}-${serial++}` }),
          }),
          onResponse: (_s, b, ctx) => {
            const p = check(b)?.processor;
            ctx.id = p?.id;
            ctx.version = p?.version;
          },
        },
        {
          method: "POST",
          setupRequest: (req, ctx) => ({
            ...req,
            body: body("UpdateProcessor", { id: ctx.id, version: ctx.version, website: "https://example.com" }),
          }),
          onResponse: (_s, b) => void check(b),
        },
        {
          method: "POST",
          setupRequest: (req, ctx) => ({
            ...req,
            body: body("CreateFinding", { processorId: ctx.id, title: "Bench finding" }),
          }),
          onResponse: (_s, b) => void check(b),
        },
        {
          method: "POST",
          setupRequest: (req, ctx) => ({
            ...req,
            body: body("CreateAuditReport", { processorId: ctx.id, receivedOn: today }),
          }),
          onResponse: (_s, b) => void check(b),
        },
      ],
    });
    results.q4 = { ...q4Result, rejectedWrites };
    await removeBenchWrites(benchUrl, seeded.organizationId);
    console.log("Q4", results.q4);

    for (const c of children.splice(0)) c.kill("SIGTERM");
    results.startToFirstAnswer = await timeToFirstAnswer(adminUrl);
    console.log("start", results.startToFirstAnswer);

    results.loadAverage = { atStart: loadAtStart, atEnd: os.loadavg()[0] };
    writeFileSync(path.join(RESULTS, "latest.json"), JSON.stringify(results, null, 2) + "\n");
    console.log(`\n${benchTable(results as unknown as BenchResults)}`);
  } finally {
    for (const c of children) c.kill("SIGTERM");
    await stopEmbedded?.();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
