// The first dashboard read after a write (issue 19), side by side with another build: on the bench
// portfolio (bench:seed), each round takes a sub-processor that processors engage and, on each API in
// turn (the order rotated each round), times fresh Q1 reads (first 50), a createFinding (CRITICAL) on
// it, and the first Q1 after it (which recomputes the sub-processor and judges what is above it); the
// finding is then removed and a read puts the scores back, so every API meets the same work. Ratios are
// taken within a round (first read / that API's fresh median) and reported as median and range.
// Run: npm run bench:first-read (DATABASE_URL = the server, BENCH_DATABASE = its seeded database);
// BENCH_COMPARE=<a built dist/src/main.js> adds another commit; FIRST_READ_ROUNDS (default 7).
import { ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { Client } from "pg";
import { createDatabaseIfMissing } from "../src/db/database";
import { freePort } from "../src/db/embedded";

const ROOT = path.resolve(__dirname, "..");
const RESULTS = path.join(__dirname, "results");
const ROUNDS = Number(process.env.FIRST_READ_ROUNDS ?? 7);
const Q1 = {
  operationName: "Dashboard",
  query: readFileSync(path.join(__dirname, "queries", "q1-dashboard.graphql"), "utf8"),
  variables: { first: 50 },
};
const gid = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString("base64url");

async function post(url: string, key: string, body: unknown): Promise<{ ms: number; json: any }> {
  const t = performance.now();
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
    body: JSON.stringify(body),
  });
  const json = await res.json();
  const ms = performance.now() - t;
  if (res.status !== 200 || json.errors) throw new Error(`${res.status} ${JSON.stringify(json).slice(0, 300)}`);
  return { ms, json };
}

async function startApi(name: string, main: string, benchUrl: string): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, [main], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: benchUrl,
      PORT: String(port),
      NODE_ENV: "production",
      LOG_LEVEL: "warn",
      SEED_DEMO_DATA: "false",
      JOBS: "off",
      CONSOLE_ENABLED: "false",
      EXPOSE_SQL_COUNT: "true",
      GRAPHQL_MAX_COST: "100000000",
      GRAPHQL_MAX_TOKENS: "100000",
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const until = Date.now() + 120_000;
  for (;;) {
    const ok = await fetch(`http://127.0.0.1:${port}/readyz`).then(
      (r) => r.status < 500,
      () => false,
    );
    if (ok) break;
    if (Date.now() > until || child.exitCode !== null) throw new Error(`${name} did not start`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url: `http://127.0.0.1:${port}/graphql`, child };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const spread = (xs: number[]) => ({
  median: Math.round(median(xs) * 100) / 100,
  min: Math.round(Math.min(...xs) * 100) / 100,
  max: Math.round(Math.max(...xs) * 100) / 100,
});

async function main() {
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) throw new Error("DATABASE_URL (the server holding BENCH_DATABASE) is required");
  const benchUrl = await createDatabaseIfMissing(adminUrl, process.env.BENCH_DATABASE ?? "tilsyn_bench");
  const file = path.join(RESULTS, "seed.json");
  if (!existsSync(file)) throw new Error("bench/results/seed.json is missing: run npm run bench:seed first");
  const { organizationId: org, apiKey: key } = JSON.parse(readFileSync(file, "utf8"));
  const apis: { name: string; url: string; child: ChildProcess }[] = [];
  const owner = new Client({ connectionString: benchUrl });
  await owner.connect();
  try {
    apis.push({ name: "api", ...(await startApi("api", "dist/src/main.js", benchUrl)) });
    if (process.env.BENCH_COMPARE)
      apis.push({ name: "compare", ...(await startApi("compare", process.env.BENCH_COMPARE, benchUrl)) });
    for (const a of apis) for (let i = 0; i < 5; i++) await post(a.url, key, Q1); // warm-up, freshen
    const { rows: targets } = await owner.query(
      `SELECT p.id FROM processor p WHERE p.organization_id = $1 AND NOT p.direct AND p.archived_at IS NULL
          AND EXISTS (SELECT 1 FROM subprocessor_engagement e WHERE e.subprocessor_id = p.id)
        ORDER BY p.id LIMIT $2`,
      [org, ROUNDS],
    );
    const count = async () =>
      Number(
        (await owner.query(`SELECT count(*) FROM risk_assessment WHERE organization_id = $1`, [org])).rows[0].count,
      );
    const runs: Record<string, { freshMs: number; firstMs: number; writeMs: number; sql: number; stored: number }[]> =
      {};
    const load: number[] = [os.loadavg()[0]];
    for (let round = 0; round < targets.length; round++) {
      const p = targets[round].id as string;
      for (let i = 0; i < apis.length; i++) {
        const a = apis[(i + round) % apis.length];
        const fresh: number[] = [];
        for (let k = 0; k < 5; k++) fresh.push((await post(a.url, key, Q1)).ms);
        const before = await count();
        const write = await post(a.url, key, {
          query: `mutation($p: ID!) { createFinding(input: { processorId: $p, description: "Bench first read",
            severity: "CRITICAL" }) { userErrors { message } } }`,
          variables: { p: gid("Processor", p) },
        });
        if (write.json.data.createFinding.userErrors.length) throw new Error(JSON.stringify(write.json));
        const first = await post(a.url, key, Q1);
        const stored = (await count()) - before;
        (runs[a.name] ??= []).push({
          freshMs: Math.round(median(fresh) * 10) / 10,
          firstMs: Math.round(first.ms * 10) / 10,
          writeMs: Math.round(write.ms * 10) / 10,
          sql: first.json.extensions?.sqlStatements,
          stored,
        });
        // Back to where the round began: the finding removed, the scores put back by a read.
        await owner.query(`DELETE FROM audit_finding WHERE organization_id = $1 AND description = 'Bench first read'`, [
          org,
        ]);
        await post(a.url, key, Q1);
      }
      load.push(os.loadavg()[0]);
      console.log(
        `round ${round + 1}: ` +
          apis
            .map((a) => {
              const r = runs[a.name][round];
              return `${a.name} fresh ${r.freshMs} first ${r.firstMs} (${r.sql} statements) write ${r.writeMs}`;
            })
            .join(", "),
      );
    }
    const summary = Object.fromEntries(
      apis.map((a) => {
        const rs = runs[a.name];
        return [
          a.name,
          {
            freshMs: spread(rs.map((r) => r.freshMs)),
            firstMs: spread(rs.map((r) => r.firstMs)),
            ratio: spread(rs.map((r) => r.firstMs / r.freshMs)),
            writeMs: spread(rs.map((r) => r.writeMs)),
            sqlStatements: spread(rs.map((r) => r.sql)),
            stored: spread(rs.map((r) => r.stored)),
          },
        ];
      }),
    );
    const result = {
      at: new Date(),
      rounds: targets.length,
      loadAverage: load.map((l) => +l.toFixed(1)),
      summary,
      runs,
    };
    mkdirSync(RESULTS, { recursive: true });
    writeFileSync(path.join(RESULTS, "first-read.json"), JSON.stringify(result, null, 2) + "\n");
    console.log(JSON.stringify({ loadAverage: result.loadAverage, summary }, null, 1));
  } finally {
    await owner.end();
    for (const a of apis) a.child.kill("SIGTERM");
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
