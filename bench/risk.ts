// Risk recompute time for a generated portfolio of 10,000 vendors (target: under 3 s).
// Run: npm run bench:risk (own database on DATABASE_URL's server, else embedded PostgreSQL).
import "reflect-metadata";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { loadConfig } from "../src/config";
import { createDatabaseIfMissing, openDatabase } from "../src/db/database";
import { createDataSource } from "../src/db/data-source";
import { startServer } from "../src/server";
import { createOrganization } from "../seeds/demo";

const VENDORS = Number(process.env.BENCH_VENDORS ?? 10_000);
const SUBPROCESSORS = Math.round(VENDORS / 10);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

async function main() {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: "warn" };
  if (env.DATABASE_URL) env.DATABASE_URL = await createDatabaseIfMissing(env.DATABASE_URL, "tilsyn_bench_risk");
  const config = {
    ...loadConfig(env),
    port: 0,
    exposeSqlCount: true,
    dataDir: path.resolve(".data/bench"),
    seedDemoData: false,
    statementTimeoutMs: 60_000,
    graphqlMaxCost: 1e9,
  };
  const db = await openDatabase(config, console.log);
  const owner = createDataSource(db.ownerUrl, 2);
  await owner.initialize();
  const server = await startServer(config, db);
  try {
    const { organization, apiKey } = await createOrganization(owner, {
      name: `Risk bench ${Date.now()}`,
      countryCode: "DK",
    });
    const org = organization.id;
    const t0 = performance.now();
    // Set-based generation: vendors with a DPA each, shared sub-processors (some outside the EEA without
    // a mechanism), data categories of every tier, required measures, reports, findings and breach notices.
    await owner.query(
      `WITH v AS (
         INSERT INTO processor (organization_id, name, direct, country_code)
         SELECT $1, 'Vendor ' || g, true, (ARRAY['DK','DE','SE','US','GB','IN'])[1 + g % 6] FROM generate_series(1, $2)
           g RETURNING id, name
       ), s AS (
         INSERT INTO processor (organization_id, name, direct) SELECT $1, 'Sub ' || g, false FROM generate_series(1, $3)
           g RETURNING id
       ), a AS (
         INSERT INTO agreement (organization_id, processor_id, kind, template, status, title, breach_notification_hours,
           subprocessor_authorization,
                                third_country_transfers, processor_audit_methods, processor_audit_interval_months,
                                  data_subject_volume)
         SELECT $1, v.id, 'DPA', 'DATATILSYNET_SCC', 'ACTIVE', 'DPA ' || v.name, (ARRAY[24, 48, 72, NULL])[1 +
           (hashtext(v.name) & 3)], 'GENERAL',
                (ARRAY['PROHIBITED', 'ALLOWED_WITH_SAFEGUARDS']::third_country_transfers[])[1 + (hashtext(v.name) & 1)],
                '{SELF_CONTROL_REPORT}', 12,
                  (ARRAY['UNDER_1000','FROM_1000_TO_10000','OVER_10000','UNKNOWN']::data_subject_volume[])
                    [1 + (hashtext(v.name || 'v') & 3)]
           FROM v RETURNING id, processor_id
       ), c AS (
         INSERT INTO agreement_data_category (organization_id, agreement_id, data_category_id)
         SELECT $1, a.id, (SELECT id FROM data_category WHERE organization_id IS NULL ORDER BY key OFFSET
           (hashtext(a.id::text) & 63) LIMIT 1) FROM a RETURNING 1
       ), rm AS (
         INSERT INTO agreement_required_measure (organization_id, agreement_id, measure_id)
         SELECT $1, a.id, m.id FROM a CROSS JOIN (SELECT id FROM measure WHERE organization_id IS NULL ORDER BY key
           LIMIT 3) m RETURNING 1
       ), e AS (
         INSERT INTO subprocessor_engagement (organization_id, processor_id, subprocessor_id, agreement_id, countries,
           transfer_mechanism)
         SELECT $1, a.processor_id, sub.id, a.id, (CASE WHEN sub.n % 7 = 0 THEN '{US}' ELSE '{IE}' END)::char(2)[],
                (CASE WHEN sub.n % 7 = 0 AND sub.n % 2 = 0 THEN 'UNKNOWN' WHEN sub.n % 7 = 0 THEN 'SCC' ELSE
                  'NOT_NEEDED_EEA' END)::transfer_mechanism
           FROM a CROSS JOIN LATERAL (SELECT id, row_number() OVER () AS n FROM s OFFSET (hashtext(a.id::text) & 1023) %
             $3 LIMIT 2) sub RETURNING 1
       ), r AS (
         INSERT INTO audit_report (organization_id, processor_id, type, title, received_on, opinion, report_kind,
           period_start, period_end)
         SELECT $1, a.processor_id, 'ISAE_3000', 'ISAE', current_date - (hashtext(a.id::text) & 700),
           (ARRAY['UNQUALIFIED','QUALIFIED']::audit_opinion[])[1 + (hashtext(a.id::text) & 1)],
                'TYPE_2', current_date - 800, current_date - 750
           FROM a WHERE hashtext(a.id::text) & 3 <> 0 RETURNING id, processor_id
       ), f AS (
         INSERT INTO audit_finding (organization_id, processor_id, audit_report_id, source, description, severity)
         SELECT $1, r.processor_id, r.id, 'REPORT', 'Exception',
           (ARRAY['LOW','MEDIUM','HIGH','CRITICAL']::finding_severity[])[1 + (hashtext(r.id::text) & 3)]
           FROM r WHERE hashtext(r.id::text) & 1 = 0 RETURNING 1
       )
       INSERT INTO processor_breach_notice (organization_id, processor_id, title, became_aware_at, notified_at,
         limit_hours)
       SELECT $1, a.processor_id, 'Breach', now() - interval '100 days', now() - interval '97 days', 48 FROM a WHERE
         hashtext(a.id::text) & 15 = 0`,
      [org, VENDORS, SUBPROCESSORS],
    );
    await owner.query(`ANALYZE`);
    const generatedMs = performance.now() - t0;
    const [{ processors }] = await owner.query(
      `SELECT count(*)::int AS processors FROM processor WHERE organization_id = $1`,
      [org],
    );
    const [{ edges }] = await owner.query(
      `SELECT count(*)::int AS edges FROM subprocessor_engagement WHERE organization_id = $1`,
      [org],
    );
    const gql = async (query: string) => {
      const res = await fetch(server.url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${apiKey}` },
        body: JSON.stringify({ query }),
      });
      const body = (await res.json()) as { data: any; errors?: unknown; extensions: { sqlStatements: number } };
      if (body.errors) throw new Error(JSON.stringify(body.errors));
      return body;
    };
    const runs: { ms: number; serverMs: number; changed: number; sqlStatements: number }[] = [];
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      const body = await gql(`mutation { recomputeRisk { result { processors changed durationMs } } }`);
      runs.push({
        ms: Math.round(performance.now() - started),
        serverMs: body.data.recomputeRisk.result.durationMs,
        changed: body.data.recomputeRisk.result.changed,
        sqlStatements: body.extensions.sqlStatements,
      });
      console.log(`recompute ${i + 1}: ${JSON.stringify(runs[i])}`);
    }
    const overviewStarted = performance.now();
    const overview = await gql(`{ riskOverview(top: 10) { processors tiers { tier count } top { score } } }`);
    const overviewMs = Math.round(performance.now() - overviewStarted);
    const result = {
      at: new Date().toISOString(),
      vendors: VENDORS,
      processors,
      edges,
      generatedMs: Math.round(generatedMs),
      recompute: runs,
      bestMs: Math.min(...runs.map((r) => r.ms)),
      overview: {
        ms: overviewMs,
        sqlStatements: overview.extensions.sqlStatements,
        tiers: overview.data.riskOverview.tiers,
      },
    };
    console.log(JSON.stringify(result, null, 2));
    writeFileSync(path.join(__dirname, "results", "risk.json"), JSON.stringify(result, null, 2) + "\n");
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
