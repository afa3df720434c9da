// Export time and peak memory of the art. 30 register with 10,000 activities (one row each), for
// CSV, XLSX and JSON. Run: npm run bench:ropa (own database on DATABASE_URL's server, else embedded).
import "reflect-metadata";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { loadConfig } from "../src/config";
import { createDatabaseIfMissing, openDatabase } from "../src/db/database";
import { createDataSource } from "../src/db/data-source";
import { startServer } from "../src/server";
import { createOrganization } from "../seeds/demo";

const ACTIVITIES = Number(process.env.BENCH_ACTIVITIES ?? 10_000);
const VENDORS = 500;

async function main() {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: "warn" };
  if (env.DATABASE_URL) env.DATABASE_URL = await createDatabaseIfMissing(env.DATABASE_URL, "tilsyn_bench_ropa");
  const config = {
    ...loadConfig(env),
    port: 0,
    dataDir: path.resolve(".data/bench"),
    seedDemoData: false,
    statementTimeoutMs: 120_000,
  };
  const db = await openDatabase(config, console.log);
  const owner = createDataSource(db.ownerUrl, 2);
  await owner.initialize();
  const server = await startServer(config, db);
  const base = server.url.replace(/\/graphql$/, "");
  try {
    const { organization, apiKey } = await createOrganization(owner, {
      name: `RoPA bench ${Date.now()}`,
      countryCode: "DK",
      address: "Bench street 1",
    });
    const org = organization.id;
    await owner.query(
      `WITH v AS (
         INSERT INTO processor (organization_id, name, direct) SELECT $1, 'Vendor ' || g, true FROM generate_series(1,
           $3) g RETURNING id
       ), s AS (
         INSERT INTO processor (organization_id, name, direct) SELECT $1, 'Hosting ' || g, false FROM generate_series(1,
           20) g RETURNING id
       ), a AS (
         INSERT INTO agreement (organization_id, processor_id, kind, template, status, title, processing_countries)
         SELECT $1, v.id, 'DPA', 'DATATILSYNET_SCC', 'ACTIVE', 'DPA', '{DK}' FROM v RETURNING id, processor_id
       ), e AS (
         INSERT INTO subprocessor_engagement (organization_id, processor_id, subprocessor_id, agreement_id, countries,
           transfer_mechanism)
         SELECT $1, a.processor_id, (SELECT id FROM s ORDER BY id OFFSET (hashtext(a.id::text) & 15) LIMIT 1), a.id,
                (CASE WHEN hashtext(a.id::text) & 3 = 0 THEN '{US}' ELSE '{IE}' END)::char(2)[],
                (CASE WHEN hashtext(a.id::text) & 3 = 0 THEN 'SCC' ELSE 'NOT_NEEDED_EEA' END)::transfer_mechanism FROM a
                  RETURNING 1
       ), act AS (
         INSERT INTO processing_activity (organization_id, name, purposes, legal_basis, retention, tom_description)
         SELECT $1, 'Activity ' || lpad(g::text, 5, '0'), 'Purpose ' || g, 'CONTRACT', '5 years', 'Access control' FROM
           generate_series(1, $2) g RETURNING id
       ), ap AS (
         INSERT INTO processing_activity_processor (organization_id, activity_id, processor_id)
         SELECT $1, act.id, (SELECT id FROM v ORDER BY id OFFSET (hashtext(act.id::text) & 511) % $3 LIMIT 1) FROM act
           RETURNING 1
       ), dc AS (
         INSERT INTO processing_activity_data_category (organization_id, activity_id, data_category_id)
         SELECT $1, act.id, c.id FROM act CROSS JOIN (SELECT id FROM data_category WHERE organization_id IS NULL ORDER
           BY key LIMIT 3) c RETURNING 1
       )
       INSERT INTO processing_activity_data_subject_category (organization_id, activity_id, data_subject_category_id)
       SELECT $1, act.id, (SELECT id FROM data_subject_category WHERE organization_id IS NULL ORDER BY key LIMIT 1) FROM
         act`,
      [org, ACTIVITIES, VENDORS],
    );
    await owner.query("ANALYZE");
    const results: Record<string, unknown> = {};
    // Warm-up: first-use costs (metadata, JIT, the chain graph) are not what is measured.
    for (const ext of ["csv", "xlsx", "json"])
      await (
        await fetch(`${base}/exports/ropa.${ext}?search=Activity%2000001`, {
          headers: { authorization: `Bearer ${apiKey}` },
        })
      ).arrayBuffer();
    for (const ext of ["csv", "xlsx", "json"]) {
      global.gc?.();
      const rssBefore = process.memoryUsage().rss;
      let peak = rssBefore;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
      const started = performance.now();
      const res = await fetch(`${base}/exports/ropa.${ext}`, { headers: { authorization: `Bearer ${apiKey}` } });
      let bytes = 0;
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.length;
      const ms = Math.round(performance.now() - started);
      clearInterval(sampler);
      peak = Math.max(peak, process.memoryUsage().rss);
      results[ext] = {
        status: res.status,
        ms,
        bytes,
        rssBeforeMb: +(rssBefore / 2 ** 20).toFixed(1),
        peakRssGrowthMb: +((peak - rssBefore) / 2 ** 20).toFixed(1),
      };
      console.log(ext, JSON.stringify(results[ext]));
    }
    await new Promise((r) => setTimeout(r, 500)); // let the last request commit before the server stops
    const out = {
      at: new Date().toISOString(),
      activities: ACTIVITIES,
      note: "server and client in one process: RSS includes both",
      results,
    };
    writeFileSync(path.join(__dirname, "results", "ropa-export.json"), JSON.stringify(out, null, 2) + "\n");
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
