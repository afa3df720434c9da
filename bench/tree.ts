// Tree query time on generated chains of 10,000 edges, over HTTP against the real server.
// Run: npm run bench:tree (uses DATABASE_URL's server with its own database, else embedded PostgreSQL).
import "reflect-metadata";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { loadConfig } from "../src/config";
import { createDatabaseIfMissing, openDatabase } from "../src/db/database";
import { createDataSource } from "../src/db/data-source";
import { startServer } from "../src/server";
import { createOrganization } from "../seeds/demo";
import { toGlobalId } from "../src/common/global-id";

const EDGES = 10_000;
const RUNS = 15;

function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function main() {
  const env = { ...process.env };
  if (env.DATABASE_URL) env.DATABASE_URL = await createDatabaseIfMissing(env.DATABASE_URL, "tilsyn_bench_tree");
  const config = {
    ...loadConfig(env),
    port: 0,
    exposeSqlCount: true,
    dataDir: path.resolve(".data/bench"),
    seedDemoData: false,
  };
  const db = await openDatabase(config, console.log);
  const owner = createDataSource(db.ownerUrl, 2);
  await owner.initialize();
  const server = await startServer(config, db);
  try {
    const { organization, apiKey } = await createOrganization(
      owner,
      { name: `Tree bench ${Date.now()}`, countryCode: "DK" },
      undefined,
    );
    const org = organization.id;
    const random = rng(42);
    // Shape 1: a tree of 10,000 edges (each node hangs under a random earlier one), plus 100 edges back up the chain.
    // Shape 2: a single chain of 10,000 edges (the query stops at maxDepth 50).
    const shapes: Record<string, [number, number][]> = { tree: [], chain: [] };
    const parent: number[] = [-1];
    for (let b = 1; b <= EDGES; b++) {
      parent[b] = Math.floor(random() * b);
      shapes.tree.push([parent[b], b]);
    }
    // 1% extra edges back to an ancestor: loops the query must flag and not follow.
    for (let i = 0; i < EDGES / 100; i++) {
      const a = 1 + Math.floor(random() * EDGES);
      let b = parent[a];
      for (let up = Math.floor(random() * 4); up > 0 && parent[b] >= 0; up--) b = parent[b];
      shapes.tree.push([a, b]);
    }
    for (let b = 1; b <= EDGES; b++) shapes.chain.push([b - 1, b]);
    const results: Record<string, unknown> = {};
    for (const [shape, edges] of Object.entries(shapes)) {
      const ids: string[] = (
        await owner.query(
          `INSERT INTO processor (organization_id, name, direct) SELECT $1, $2 || '-' || g, g = 0 FROM ` +
            `generate_series(0, $3) g ORDER BY g RETURNING id`,
          [org, shape, EDGES],
        )
      ).map((r: { id: string }) => r.id);
      await owner.query(
        `INSERT INTO subprocessor_engagement (organization_id, processor_id, subprocessor_id, countries,
          transfer_mechanism)
         SELECT $1, p, s, '{DE}', 'NOT_NEEDED_EEA' FROM unnest($2::uuid[], $3::uuid[]) t(p, s)`,
        [org, edges.map(([a]) => ids[a]), edges.map(([, b]) => ids[b])],
      );
      await owner.query(`ANALYZE processor; ANALYZE subprocessor_engagement`);
      const query =
        `query($id: ID!) { processor(id: $id) { subprocessorTree(maxDepth: 50) { depth path cycle processor { name ` +
        `} engagement { countries transferMechanism } } } }`;
      const times: number[] = [];
      let nodes = 0;
      let sql = 0;
      for (let i = 0; i < RUNS + 2; i++) {
        const t0 = performance.now();
        const res = await fetch(server.url, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${apiKey}` },
          body: JSON.stringify({ query, variables: { id: toGlobalId("Processor", ids[0]) } }),
        });
        const body = (await res.json()) as {
          data: { processor: { subprocessorTree: unknown[] } };
          errors?: unknown;
          extensions: { sqlStatements: number };
        };
        const ms = performance.now() - t0;
        if (body.errors) throw new Error(JSON.stringify(body.errors));
        nodes = body.data.processor.subprocessorTree.length;
        sql = body.extensions.sqlStatements;
        if (i >= 2) times.push(ms); // two warm-up requests
      }
      // The recursive statement alone, timed in the database.
      const [plan] = await owner.query(
        `EXPLAIN (ANALYZE, FORMAT JSON) WITH RECURSIVE tree AS (
           SELECT e.id, e.subprocessor_id AS node_id, 1 AS depth, ARRAY[e.processor_id, e.subprocessor_id] AS path,
             false AS cycle
             FROM subprocessor_engagement e WHERE e.processor_id = $1 AND e.organization_id = $2
           UNION ALL
           SELECT e.id, e.subprocessor_id, t.depth + 1, t.path || e.subprocessor_id, e.subprocessor_id = ANY(t.path)
             FROM tree t JOIN subprocessor_engagement e ON e.processor_id = t.node_id AND e.organization_id = $2
            WHERE NOT t.cycle AND t.depth < 50)
         SELECT count(*) FROM tree`,
        [ids[0], org],
      );
      times.sort((a, b) => a - b);
      results[shape] = {
        edges: edges.length,
        nodesReturned: nodes,
        sqlStatements: sql,
        httpMs: {
          p50: +percentile(times, 50).toFixed(1),
          p95: +percentile(times, 95).toFixed(1),
          max: +times[times.length - 1].toFixed(1),
        },
        recursiveCteOnlyMs: +plan["QUERY PLAN"][0]["Execution Time"].toFixed(1),
      };
      console.log(shape, JSON.stringify(results[shape]));
    }
    writeFileSync(
      path.join(__dirname, "results", "tree.json"),
      JSON.stringify({ at: new Date().toISOString(), runs: RUNS, results }, null, 2) + "\n",
    );
  } finally {
    await server.stop();
    await owner.destroy();
    await db.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
