// The first dashboard read after a write (issue 19), side by side with another build: on the bench
// portfolio (bench:seed), each round takes a sub-processor that processors engage and, on each API in
// turn (the order rotated each round), times fresh Q1 reads (first 50), a createFinding (CRITICAL) on
// it, and the first Q1 after it (which recomputes the sub-processor and judges what is above it); the
// finding is then removed and a read puts the scores back, so every API meets the same work. Ratios are
// taken within a round (first read / that API's fresh median) and reported as median and range.
// Then writers under readers, the same way: on each API in turn, 4 readers post Q1 without pause while one
// write a second goes to the same API (a CRITICAL finding on a sub-processor, an engagement's transfer
// mechanism, a rename, in turn) for WRITER_PHASE_S seconds (default 15), WRITER_ROUNDS rounds (default 4,
// 0 skips it): writer p50/p95 per API, pooled over the rounds and per round.
// Run: npm run bench:first-read (DATABASE_URL = the server, BENCH_DATABASE = its seeded database);
// BENCH_COMPARE=<a built dist/src/main.js> adds another commit; FIRST_READ_ROUNDS (default 7).
import type { ChildProcess } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { Client } from "pg";
import { seededBench, startBenchApi } from "./lib/api";

const RESULTS = path.join(__dirname, "results");
const ROUNDS = Number(process.env.FIRST_READ_ROUNDS ?? 7);
const WRITER_ROUNDS = Number(process.env.WRITER_ROUNDS ?? 4);
const WRITER_PHASE_MS = 1000 * Number(process.env.WRITER_PHASE_S ?? 15);
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

// Sent the SQL count, and allowed the dashboard query's cost, as bench:run's API is.
const API_ENV = { EXPOSE_SQL_COUNT: "true", GRAPHQL_MAX_COST: "100000000", GRAPHQL_MAX_TOKENS: "100000" };

const percentile = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const spread = (xs: number[]) => ({
  median: Math.round(median(xs) * 100) / 100,
  min: Math.round(Math.min(...xs) * 100) / 100,
  max: Math.round(Math.max(...xs) * 100) / 100,
});

async function main() {
  const { benchUrl, organizationId: org, apiKey: key } = await seededBench();
  const apis: { name: string; url: string; child: ChildProcess }[] = [];
  const owner = new Client({ connectionString: benchUrl });
  await owner.connect();
  try {
    apis.push({ name: "api", ...(await startBenchApi("dist/src/main.js", benchUrl, API_ENV)) });
    if (process.env.BENCH_COMPARE)
      apis.push({ name: "compare", ...(await startBenchApi(process.env.BENCH_COMPARE, benchUrl, API_ENV)) });
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
    const writers = WRITER_ROUNDS > 0 ? await writersUnderReaders(apis, owner, org, key) : null;
    const result = {
      at: new Date(),
      rounds: targets.length,
      loadAverage: load.map((l) => +l.toFixed(1)),
      summary,
      runs,
      writers,
    };
    mkdirSync(RESULTS, { recursive: true });
    writeFileSync(path.join(RESULTS, "first-read.json"), JSON.stringify(result, null, 2) + "\n");
    console.log(JSON.stringify({ loadAverage: result.loadAverage, summary, writers: writers?.summary }, null, 1));
  } finally {
    await owner.end();
    for (const a of apis) a.child.kill("SIGTERM");
  }
}

/** Writes (one a second) to each API in turn while 4 readers post Q1 to it; the writes are undone after. */
async function writersUnderReaders(apis: { name: string; url: string }[], owner: Client, org: string, key: string) {
  const subs = (
    await owner.query(
      `SELECT p.id FROM processor p WHERE p.organization_id = $1 AND NOT p.direct AND p.archived_at IS NULL
          AND EXISTS (SELECT 1 FROM subprocessor_engagement e WHERE e.subprocessor_id = p.id AND e.archived_at IS NULL)
        ORDER BY md5(p.id::text || 'w') LIMIT 100`,
      [org],
    )
  ).rows.map((r) => r.id as string);
  const engagements: { id: string; transfer_mechanism: string }[] = (
    await owner.query(
      `SELECT id, transfer_mechanism FROM subprocessor_engagement WHERE organization_id = $1 AND archived_at IS NULL
          AND status = 'APPROVED' ORDER BY md5(id::text || 'w') LIMIT 100`,
      [org],
    )
  ).rows;
  const renamed: { id: string; name: string }[] = (
    await owner.query(
      `SELECT id, name FROM processor WHERE organization_id = $1 AND archived_at IS NULL ORDER BY md5(id::text || 'w')
        LIMIT 100`,
      [org],
    )
  ).rows;
  const mechanism = new Map(engagements.map((e) => [e.id, e.transfer_mechanism]));
  const byApi: Record<string, { ms: number[]; readerMs: number[]; rounds: { p50: number; p95: number }[] }> = {};
  const load: number[] = [];
  let w = 0;
  const writeBody = (n: number) => {
    const at = Math.floor(n / 3) % 100;
    if (n % 3 === 0)
      return {
        query: `mutation($p: ID!) { createFinding(input: { processorId: $p, description: "Bench writer",
          severity: "CRITICAL" }) { userErrors { message } } }`,
        variables: { p: gid("Processor", subs[at % subs.length]) },
      };
    if (n % 3 === 1) {
      const e = engagements[at % engagements.length];
      const next = mechanism.get(e.id) === "SCC" ? "UNKNOWN" : "SCC";
      mechanism.set(e.id, next);
      return {
        query: `mutation($id: ID!, $m: String!) { updateSubprocessorEngagement(input: { id: $id,
          transferMechanism: $m }) { userErrors { message } } }`,
        variables: { id: gid("SubprocessorEngagement", e.id), m: next },
      };
    }
    const p = renamed[at % renamed.length];
    return {
      query: `mutation($id: ID!, $n: String!) { updateProcessor(input: { id: $id, name: $n }) {
        userErrors { message } } }`,
      variables: { id: gid("Processor", p.id), n: `${p.name} (writer ${n})` },
    };
  };
  try {
    for (let round = 0; round < WRITER_ROUNDS; round++) {
      for (let i = 0; i < apis.length; i++) {
        const a = apis[(i + round) % apis.length];
        let stop = false;
        const readerMs: number[] = [];
        const readers = Array.from({ length: 4 }, async () => {
          while (!stop) readerMs.push((await post(a.url, key, Q1)).ms);
        });
        await new Promise((r) => setTimeout(r, 2_000)); // the readers settle in
        const started = Date.now();
        const ms: number[] = [];
        for (let k = 0; Date.now() - started < WRITER_PHASE_MS; k++) {
          const due = started + k * 1000;
          if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
          const r = await post(a.url, key, writeBody(w++));
          if (Object.values(r.json.data).some((v: any) => v?.userErrors?.length))
            throw new Error(JSON.stringify(r.json));
          ms.push(r.ms);
        }
        stop = true;
        await Promise.all(readers);
        const entry = (byApi[a.name] ??= { ms: [], readerMs: [], rounds: [] });
        entry.ms.push(...ms);
        entry.readerMs.push(...readerMs);
        entry.rounds.push({ p50: Math.round(percentile(ms, 50)), p95: Math.round(percentile(ms, 95)) });
        load.push(+os.loadavg()[0].toFixed(1));
        const { p50, p95 } = entry.rounds[entry.rounds.length - 1];
        console.log(`writers round ${round + 1} ${a.name}: p50 ${p50} p95 ${p95}, load ${load[load.length - 1]}`);
      }
    }
  } finally {
    for (const e of engagements)
      if (mechanism.get(e.id) !== e.transfer_mechanism)
        await owner.query(`UPDATE subprocessor_engagement SET transfer_mechanism = $2 WHERE id = $1`, [
          e.id,
          e.transfer_mechanism,
        ]);
    for (const p of renamed) await owner.query(`UPDATE processor SET name = $2 WHERE id = $1`, [p.id, p.name]);
    await owner.query(`DELETE FROM audit_finding WHERE organization_id = $1 AND description = 'Bench writer'`, [org]);
    await post(apis[0].url, key, Q1); // what the clean-up marked
  }
  const summary = Object.fromEntries(
    Object.entries(byApi).map(([name, x]) => [
      name,
      {
        writes: x.ms.length,
        p50: Math.round(percentile(x.ms, 50)),
        p95: Math.round(percentile(x.ms, 95)),
        readerP95: Math.round(percentile(x.readerMs, 95)),
        roundP95: spread(x.rounds.map((r) => r.p95)),
      },
    ]),
  );
  return {
    loadAverage: load,
    summary,
    rounds: Object.fromEntries(Object.entries(byApi).map(([n, x]) => [n, x.rounds])),
  };
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
