// Mixed load (issue 19): dashboard readers while risk inputs are written. On the bench portfolio
// (bench:seed), 4 readers post Q1 (bench/queries/q1-dashboard.graphql, first 50) without pause while
// phases alternate: MIXED_PHASE_S seconds without writes, then as long with one write per second,
// kinds in turn: a critical finding on a sub-processor that processors engage, a change of an
// engagement's transfer mechanism, a rename (no risk input). Per phase: reader p50/p95, TIMEOUTs and
// other errors; writer p50/p95; and the assessments stored against the writes that could cause them
// (none on a processor no write could reach; none more often than writes reach it). At the end a full
// recompute must change nothing (no stale score was left behind).
// The API runs as deployed (compiled, default STATEMENT_TIMEOUT_MS, so a slow read shows as TIMEOUT),
// jobs off. Run alone: npm run bench:mixed (DATABASE_URL = the server, BENCH_DATABASE = its database,
// seeded by bench:seed); npm run bench calls mixedLoad with its database.
// Env: MIXED_ROUNDS (default 2), MIXED_PHASE_S (default 30), MIXED_READERS (default 4).
import "reflect-metadata";
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { Client } from "pg";
import { loadConfig } from "../src/config";
import { Database, openDatabase } from "../src/db/database";
import { seededBench, startBenchApi } from "./lib/api";
import { withOrganization } from "../src/modules/jobs/system-context";
import { riskService } from "../src/modules/risk/risk.service";

const ROOT = path.resolve(__dirname, "..");
const RESULTS = path.join(__dirname, "results");
const Q1 = readFileSync(path.join(__dirname, "queries", "q1-dashboard.graphql"), "utf8");
const SETTLE_MS = 3_000;

export interface MixedOptions {
  benchUrl: string;
  organizationId: string;
  apiKey: string;
  rounds?: number;
  phaseS?: number;
  readers?: number;
}

interface Sample {
  at: number;
  ms: number;
  outcome: "ok" | "timeout" | "error";
}

const gid = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString("base64url");

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN;
}

function stats(samples: Sample[], seconds: number) {
  const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
  return {
    requests: samples.length,
    rps: Math.round((samples.length / seconds) * 10) / 10,
    p50: Math.round(percentile(ms, 50)),
    p95: Math.round(percentile(ms, 95)),
    max: Math.round(ms[ms.length - 1] ?? NaN),
    timeouts: samples.filter((s) => s.outcome === "timeout").length,
    errors: samples.filter((s) => s.outcome === "error").length,
  };
}

async function post(url: string, key: string, body: unknown): Promise<{ ms: number; outcome: Sample["outcome"] }> {
  const t = performance.now();
  try {
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
      body: JSON.stringify(body),
    });
    const json = (await res.json()) as { errors?: { extensions?: { code?: string } }[]; data?: any };
    const ms = performance.now() - t;
    const codes = (json.errors ?? []).map((e) => e.extensions?.code);
    if (codes.includes("TIMEOUT")) return { ms, outcome: "timeout" };
    const userErrors = Object.values(json.data ?? {}).some((v: any) => v?.userErrors?.length);
    if (res.status !== 200 || codes.length || userErrors) {
      console.error(`mixed: ${res.status} ${JSON.stringify(json).slice(0, 300)}`);
      return { ms, outcome: "error" };
    }
    return { ms, outcome: "ok" };
  } catch (err) {
    console.error(`mixed: ${(err as Error).message}`);
    return { ms: performance.now() - t, outcome: "error" };
  }
}

/** Write targets, deterministic: sub-processors that processors engage, engagements in force, processors. */
async function targets(owner: Client, org: string) {
  const subs = await owner.query(
    `SELECT p.id FROM processor p WHERE p.organization_id = $1 AND NOT p.direct AND p.archived_at IS NULL
        AND EXISTS (SELECT 1 FROM subprocessor_engagement e WHERE e.organization_id = $1 AND e.subprocessor_id = p.id
                     AND e.archived_at IS NULL)
      ORDER BY md5(p.id::text) LIMIT 200`,
    [org],
  );
  const engagements = await owner.query(
    `SELECT e.id, e.processor_id, e.subprocessor_id, e.transfer_mechanism FROM subprocessor_engagement e
      WHERE e.organization_id = $1 AND e.archived_at IS NULL AND e.status = 'APPROVED'
      ORDER BY md5(e.id::text) LIMIT 200`,
    [org],
  );
  const renamed = await owner.query(
    `SELECT id, name FROM processor WHERE organization_id = $1 AND archived_at IS NULL ORDER BY md5(id::text || 'r')
      LIMIT 200`,
    [org],
  );
  return {
    subs: subs.rows.map((r) => r.id as string),
    engagements: engagements.rows as {
      id: string;
      processor_id: string;
      subprocessor_id: string;
      transfer_mechanism: string;
    }[],
    renamed: renamed.rows as { id: string; name: string }[],
  };
}

/** For each processor written, the processors whose scores the write could change: it and all above it. */
async function reachedBy(owner: Client, org: string, written: string[]): Promise<Map<string, string[]>> {
  if (!written.length) return new Map();
  // Every engagement, archived included: a superset of the graph at any moment of the phase.
  const { rows } = await owner.query(
    `WITH RECURSIVE up(origin, id) AS (
       SELECT x, x FROM unnest($2::uuid[]) x
       UNION
       SELECT up.origin, e.processor_id FROM up
         JOIN subprocessor_engagement e ON e.organization_id = $1 AND e.subprocessor_id = up.id)
     SELECT origin, array_agg(id) AS ids FROM up GROUP BY origin`,
    [org, [...new Set(written)]],
  );
  return new Map(rows.map((r) => [r.origin as string, r.ids as string[]]));
}

/**
 * The recompute itself, in process (as the next reader runs it, without HTTP): after one write of each
 * kind, what the incremental recompute reads and stores, and how long it takes; beside it, in the same
 * run, full recomputes of the portfolio (as after a model change).
 */
async function recomputeTimes(db: Database, org: string, t: Awaited<ReturnType<typeof targets>>, owner: Client) {
  const inOrg = <T>(work: Parameters<typeof withOrganization<T>>[3]) => withOrganization(db, org, "bench", work);
  const runs: Record<string, { ms: number; processors: number; changed: number; upstream: number }[]> = {};
  const full: number[] = [];
  {
    await inOrg((ctx) => riskService.freshen(ctx));
    const timed = async (kind: string, upstreamOf: string[]) => {
      const started = performance.now();
      const r = await inOrg(async (ctx) => riskService.recomputeTouched(ctx, await riskService.activeModel(ctx)));
      const ms = Math.round(performance.now() - started);
      const reach = await reachedBy(owner, org, upstreamOf);
      const upstream = new Set([...reach.values()].flat()).size;
      (runs[kind] ??= []).push({ ms, processors: r.processors, changed: r.changed, upstream });
    };
    for (let i = 0; i < 5; i++) {
      const sub = t.subs[100 + i];
      await owner.query(
        `INSERT INTO audit_finding (organization_id, processor_id, severity, description, source)
         VALUES ($1, $2, 'CRITICAL', 'Bench incremental', 'CONTROLLER_REVIEW')`,
        [org, sub],
      );
      await timed("finding on a sub-processor", [sub]);
      const e = t.engagements[100 + i];
      await owner.query(`UPDATE subprocessor_engagement SET transfer_mechanism = $2 WHERE id = $1`, [
        e.id,
        e.transfer_mechanism === "SCC" ? "UNKNOWN" : "SCC",
      ]);
      await timed("engagement change", [e.processor_id, e.subprocessor_id]);
      const p = t.renamed[100 + i];
      await owner.query(`UPDATE processor SET name = name || ' (incremental)' WHERE id = $1`, [p.id]);
      await timed("rename", []);
    }
    for (let i = 0; i < 2; i++) full.push((await inOrg((ctx) => riskService.recomputeAll(ctx))).durationMs);
    for (const e of t.engagements.slice(100, 105))
      await owner.query(`UPDATE subprocessor_engagement SET transfer_mechanism = $2 WHERE id = $1`, [
        e.id,
        e.transfer_mechanism,
      ]);
    for (const p of t.renamed.slice(100, 105))
      await owner.query(`UPDATE processor SET name = $2 WHERE id = $1`, [p.id, p.name]);
    await owner.query(`DELETE FROM audit_finding WHERE organization_id = $1 AND description = 'Bench incremental'`, [
      org,
    ]);
    await inOrg((ctx) => riskService.freshen(ctx));
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
  return {
    loadAverage: os.loadavg()[0],
    incremental: Object.fromEntries(
      Object.entries(runs).map(([kind, rs]) => [
        kind,
        {
          medianMs: median(rs.map((r) => r.ms)),
          minMs: Math.min(...rs.map((r) => r.ms)),
          maxMs: Math.max(...rs.map((r) => r.ms)),
          runs: rs,
        },
      ]),
    ),
    fullRecomputeMs: full,
  };
}

export async function mixedLoad(opts: MixedOptions) {
  const rounds = opts.rounds ?? Number(process.env.MIXED_ROUNDS ?? 2);
  const phaseMs = 1000 * (opts.phaseS ?? Number(process.env.MIXED_PHASE_S ?? 30));
  const readerCount = opts.readers ?? Number(process.env.MIXED_READERS ?? 4);
  const org = opts.organizationId;
  const owner = new Client({ connectionString: opts.benchUrl });
  await owner.connect();
  const t = await targets(owner, org);
  // In process, without a statement timeout: the recompute figures and the final check.
  const db = await openDatabase({
    ...loadConfig({ ...process.env, DATABASE_URL: opts.benchUrl, LOG_LEVEL: "warn" }),
    statementTimeoutMs: 0,
  });
  const recompute = await recomputeTimes(db, org, t, owner);
  console.log("recompute", JSON.stringify(recompute));
  const { url, child } = await startBenchApi("dist/src/main.js", opts.benchUrl, {
    GRAPHQL_MAX_COST: "100000000",
    GRAPHQL_MAX_TOKENS: "100000",
    STATEMENT_TIMEOUT_MS: "", // the default, as deployed
  });
  const key = opts.apiKey;
  const q1 = { operationName: "Dashboard", query: Q1, variables: { first: 50 } };
  const mechanism = new Map(t.engagements.map((e) => [e.id, e.transfer_mechanism]));
  let label = "warm-up";
  let stop = false;
  const samples: Record<string, Sample[]> = {};
  const readers = Array.from({ length: readerCount }, async () => {
    while (!stop) {
      const phase = label;
      const r = await post(url, key, q1);
      (samples[phase] ??= []).push({ at: Date.now(), ...r });
    }
  });
  const dbNow = async () => (await owner.query(`SELECT clock_timestamp() AS t`)).rows[0].t as Date;
  const phases: Record<string, unknown>[] = [];
  let w = 0;
  try {
    await new Promise((r) => setTimeout(r, 5_000)); // warm-up: the first read freshens what is stale
    for (let round = 0; round < rounds; round++) {
      for (const writes of [false, true]) {
        const name = `${writes ? "writes" : "quiet"} ${round + 1}`;
        const load = [os.loadavg()[0]];
        const since = await dbNow();
        label = name;
        const started = Date.now();
        const written: { kind: string; ms: number; outcome: Sample["outcome"]; processors: string[] }[] = [];
        if (writes) {
          for (let k = 0; Date.now() - started < phaseMs; k++) {
            const due = started + k * 1000;
            if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
            if (Date.now() - started >= phaseMs) break;
            const i = w++;
            const kind = ["finding", "engagement", "rename"][i % 3];
            const n = Math.floor(i / 3);
            if (kind === "finding") {
              const p = t.subs[n % t.subs.length];
              const r = await post(url, key, {
                query: `mutation($p: ID!) { createFinding(input: { processorId: $p, description: "Bench mixed",
                  severity: "CRITICAL" }) { userErrors { message } } }`,
                variables: { p: gid("Processor", p) },
              });
              written.push({ kind, ...r, processors: [p] });
            } else if (kind === "engagement") {
              const e = t.engagements[n % t.engagements.length];
              const next = mechanism.get(e.id) === "SCC" ? "UNKNOWN" : "SCC";
              const r = await post(url, key, {
                query: `mutation($id: ID!, $m: String!) { updateSubprocessorEngagement(input: { id: $id,
                  transferMechanism: $m }) { userErrors { message } } }`,
                variables: { id: gid("SubprocessorEngagement", e.id), m: next },
              });
              if (r.outcome === "ok") mechanism.set(e.id, next);
              written.push({ kind, ...r, processors: [e.processor_id, e.subprocessor_id] });
            } else {
              const p = t.renamed[n % t.renamed.length];
              const r = await post(url, key, {
                query: `mutation($id: ID!, $n: String!) { updateProcessor(input: { id: $id, name: $n }) {
                  userErrors { message } } }`,
                variables: { id: gid("Processor", p.id), n: `${p.name} (mixed ${i})` },
              });
              written.push({ kind, ...r, processors: [] });
            }
          }
        } else await new Promise((r) => setTimeout(r, phaseMs));
        label = "settle";
        await new Promise((r) => setTimeout(r, SETTLE_MS));
        load.push(os.loadavg()[0]);
        // What was stored since the phase began, against the writes that could have caused it.
        const stored = await owner.query(
          `SELECT processor_id, count(*)::int AS n FROM risk_assessment WHERE organization_id = $1 AND computed_at >= $2
            GROUP BY processor_id`,
          [org, since],
        );
        const reach = await reachedBy(
          owner,
          org,
          written.flatMap((x) => x.processors),
        );
        const mayChange = new Map<string, number>();
        for (const x of written) {
          const ids = new Set(x.processors.flatMap((p) => reach.get(p) ?? [p]));
          for (const id of ids) mayChange.set(id, (mayChange.get(id) ?? 0) + 1);
        }
        let spurious = 0;
        let assessments = 0;
        for (const r of stored.rows as { processor_id: string; n: number }[]) {
          assessments += r.n;
          spurious += Math.max(0, r.n - (mayChange.get(r.processor_id) ?? 0));
        }
        const writeMs = written.map((x) => x.ms).sort((a, b) => a - b);
        const byKind = (kind: string) => written.filter((x) => x.kind === kind).length;
        phases.push({
          phase: name,
          loadAverage: load.map((l) => Math.round(l * 10) / 10),
          readers: stats(samples[name] ?? [], phaseMs / 1000),
          ...(writes
            ? {
                writes: {
                  findings: byKind("finding"),
                  engagementChanges: byKind("engagement"),
                  renames: byKind("rename"),
                  p50: Math.round(percentile(writeMs, 50)),
                  p95: Math.round(percentile(writeMs, 95)),
                  max: Math.round(writeMs[writeMs.length - 1]),
                  timeouts: written.filter((x) => x.outcome === "timeout").length,
                  errors: written.filter((x) => x.outcome === "error").length,
                  processorsReachable: mayChange.size,
                },
              }
            : {}),
          assessmentsStored: assessments,
          processorsAssessed: stored.rows.length,
          spuriousAssessments: spurious,
        });
        console.log("mixed", JSON.stringify(phases[phases.length - 1]));
      }
    }
  } finally {
    stop = true;
    await Promise.all(readers);
  }
  // No stale score left behind: a full recompute finds nothing to change. Then the writes are undone.
  const finalRecompute = await withOrganization(db, org, "bench", (ctx) => riskService.recomputeAll(ctx));
  for (const e of t.engagements)
    if (mechanism.get(e.id) !== e.transfer_mechanism)
      await owner.query(`UPDATE subprocessor_engagement SET transfer_mechanism = $2 WHERE id = $1`, [
        e.id,
        e.transfer_mechanism,
      ]);
  for (const p of t.renamed) await owner.query(`UPDATE processor SET name = $2 WHERE id = $1`, [p.id, p.name]);
  await owner.query(`DELETE FROM audit_finding WHERE organization_id = $1 AND description = 'Bench mixed'`, [org]);
  await withOrganization(db, org, "bench", (ctx) => riskService.freshen(ctx)); // what the clean-up marked
  await db.close();
  child.kill("SIGTERM");
  await owner.end();
  const quiet = phases.filter((p) => String(p.phase).startsWith("quiet"));
  const busy = phases.filter((p) => String(p.phase).startsWith("writes"));
  const p95 = (p: Record<string, any>) => p.readers.p95 as number;
  return {
    rounds,
    phaseS: phaseMs / 1000,
    readers: readerCount,
    phases,
    // Per round: reader p95 with writes / without, side by side.
    recompute,
    p95Ratios: busy.map((b, i) => Math.round((p95(b) / p95(quiet[i])) * 100) / 100),
    finalRecompute,
  };
}

async function main() {
  const { benchUrl, ...seeded } = await seededBench();
  await new Promise<void>((resolve, reject) =>
    spawn("npm", ["run", "-s", "build"], { cwd: ROOT, stdio: "inherit" }).on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`build exited with ${code}`)),
    ),
  );
  const result = await mixedLoad({ benchUrl, organizationId: seeded.organizationId, apiKey: seeded.apiKey });
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(path.join(RESULTS, "mixed.json"), JSON.stringify({ at: new Date(), ...result }, null, 2) + "\n");
  console.log(JSON.stringify({ p95Ratios: result.p95Ratios, finalRecompute: result.finalRecompute }));
}

if (require.main === module)
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
