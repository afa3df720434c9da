// Seeds one large, deterministic controller ("Bench controller") into its own database tilsyn_bench, for
// later benches: 10,000 processors, 50,000 sub-processor edges, agreements, audits, 10,000 activities.
// Run: npm run bench:seed (own database on DATABASE_URL's server, else embedded PostgreSQL).
// Env: BENCH_SEED (default 42), BENCH_AS_OF (YYYY-MM-DD, default today; dates are relative to it),
// BENCH_DATABASE (default tilsyn_bench: several people benching on one server each take their own).
// Each run deletes any previous "Bench controller" organization (through the owner connection) and creates
// a new one with a fresh ADMIN key; rows and uuids are identical for the same seed and date, so the old
// data must go before the new is inserted. Writes bench/results/seed.json (organization id, key, counts).
import "reflect-metadata";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { DataSource } from "typeorm";
import { loadConfig } from "../src/config";
import { createDatabaseIfMissing, openDatabase } from "../src/db/database";
import { createDataSource } from "../src/db/data-source";
import { createOrganization } from "../seeds/demo";
import { DEFAULT_SIZES, generatePortfolio, Vocabulary } from "./lib/generate";

const ORG_NAME = "Bench controller";
const SEED = Number(process.env.BENCH_SEED ?? 42);
const CHUNK = 5_000;
const DATABASE = process.env.BENCH_DATABASE ?? "tilsyn_bench";

type Col = [name: string, type: string];

/** Inserts rows set-wise in chunks via jsonb_to_recordset; `select` may map record columns (x.*) to table columns. */
async function insert(
  owner: DataSource,
  org: string,
  table: string,
  cols: Col[],
  rows: object[],
  opts: { select?: string[]; columns?: string[]; join?: string } = {},
) {
  const columns = opts.columns ?? cols.map(([n]) => n);
  const select = opts.select ?? cols.map(([n]) => `x.${n}`);
  const sql = `INSERT INTO "${table}" (organization_id, ${columns.join(", ")})
    SELECT $1, ${select.join(", ")} FROM jsonb_to_recordset($2::jsonb) AS
      x(${cols.map(([n, t]) => `${n} ${t}`).join(", ")}) ${opts.join ?? ""}`;
  for (let i = 0; i < rows.length; i += CHUNK) {
    try {
      await owner.query(sql, [org, JSON.stringify(rows.slice(i, i + CHUNK))]);
    } catch (err) {
      throw new Error(`insert into ${table} (rows ${i}..): ${(err as Error).message}`);
    }
  }
}

/** Deletes an organization and everything it owns, children first (RESTRICT foreign keys between tenant tables). */
async function deleteOrganization(owner: DataSource, org: string) {
  const order = [
    "evidence_content",
    "evidence",
    "processor_breach_notice",
    "supervision_plan",
    "audit_report_review",
    "audit_finding",
    "audit_report",
    "risk_assessment",
    "risk_model",
    "processing_activity_processor",
    "processing_activity_data_category",
    "processing_activity_data_subject_category",
    "processing_activity",
    "subprocessor_change_notice",
    "subprocessor_engagement_history",
    "subprocessor_engagement",
    "processor_measure",
    "agreement_required_measure",
    "agreement_data_subject_category",
    "agreement_data_category",
    "agreement",
    "processor",
    "data_category",
    "data_subject_category",
    "measure",
    "api_key",
  ];
  const tables: string[] = (
    await owner.query(
      `SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = ` +
        `'organization_id' AND table_name <> 'audit_log'`,
    )
  ).map((r: { table_name: string }) => r.table_name);
  // Unknown (newer) tables first: they can only reference the known ones.
  const sorted = [...tables.filter((t) => !order.includes(t)).sort(), ...order.filter((t) => tables.includes(t))];
  await owner.transaction(async (m) => {
    // Skip the audit-log/history/risk triggers for the bulk delete when allowed (superuser); otherwise they run.
    await m.query(`SET LOCAL session_replication_role = replica`).catch(() => undefined);
    for (const t of sorted) {
      if (t === "agreement")
        await m.query(`DELETE FROM agreement WHERE organization_id = $1 AND supersedes_id IS NOT NULL`, [org]);
      await m.query(`DELETE FROM "${t}" WHERE organization_id = $1`, [org]);
    }
    await m.query(`DELETE FROM audit_log WHERE organization_id = $1`, [org]);
    await m.query(`DELETE FROM organization WHERE id = $1`, [org]);
  });
}

async function main() {
  const started = performance.now();
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: "warn" };
  if (env.DATABASE_URL) env.DATABASE_URL = await createDatabaseIfMissing(env.DATABASE_URL, DATABASE);
  const config = { ...loadConfig(env), port: 0, dataDir: path.resolve(".data/bench"), seedDemoData: false };
  const db = await openDatabase(config, console.log);
  const owner = createDataSource(db.ownerUrl, 2);
  await owner.initialize();
  try {
    for (const { id } of await owner.query(`SELECT id FROM organization WHERE name = $1`, [ORG_NAME])) {
      const t = performance.now();
      await deleteOrganization(owner, id);
      console.log(`deleted previous ${ORG_NAME} ${id} in ${Math.round(performance.now() - t)} ms`);
    }
    const vocab: Vocabulary = {
      dataCategories: await owner.query(
        `SELECT key, sensitivity::text FROM data_category WHERE organization_id IS NULL ORDER BY key`,
      ),
      subjectCategories: await owner.query(
        `SELECT key FROM data_subject_category WHERE organization_id IS NULL ORDER BY key`,
      ),
      measures: await owner.query(`SELECT key FROM measure WHERE organization_id IS NULL ORDER BY key`),
    };
    const sizes = { ...DEFAULT_SIZES, ...(process.env.BENCH_AS_OF ? { asOf: process.env.BENCH_AS_OF } : {}) };
    const tGen = performance.now();
    const p = generatePortfolio(SEED, sizes, vocab);
    const generateMs = Math.round(performance.now() - tGen);

    const { organization, apiKey } = await createOrganization(owner, {
      name: ORG_NAME,
      countryCode: "DK",
      address: "Bench street 1, 8000 Aarhus C",
    });
    const org = organization.id;
    const tIns = performance.now();
    const dc = (alias: string) =>
      `JOIN data_category ${alias} ON ${alias}.key = x.key AND ${alias}.organization_id IS NULL`;
    const ds = (alias: string) =>
      `JOIN data_subject_category ${alias} ON ${alias}.key = x.key AND ${alias}.organization_id IS NULL`;
    await owner.transaction(async (m) => {
      const o = m as unknown as DataSource; // EntityManager.query has the same signature
      await insert(
        o,
        org,
        "processor",
        [
          ["id", "uuid"],
          ["name", "text"],
          ["legal_name", "text"],
          ["country_code", "text"],
          ["direct", "boolean"],
          ["status", "processor_status"],
          ["service_description", "text"],
          ["website", "text"],
        ],
        p.processors,
      );
      await insert(
        o,
        org,
        "agreement",
        [
          ["id", "uuid"],
          ["processor_id", "uuid"],
          ["principal_id", "uuid"],
          ["supersedes_id", "uuid"],
          ["kind", "agreement_kind"],
          ["template", "agreement_template"],
          ["status", "agreement_status"],
          ["title", "text"],
          ["signed_on", "date"],
          ["effective_from", "date"],
          ["breach_notification_hours", "int"],
          ["subprocessor_authorization", "subprocessor_authorization"],
          ["subprocessor_notice_days", "int"],
          ["third_country_transfers", "third_country_transfers"],
          ["processing_countries", "char(2)[]"],
          ["processor_audit_methods", "supervision_method[]"],
          ["processor_audit_interval_months", "int"],
          ["processor_audit_due_day", "text"],
          ["data_subject_volume", "data_subject_volume"],
        ],
        p.agreements,
      );
      await insert(
        o,
        org,
        "agreement_data_category",
        [
          ["id", "uuid"],
          ["agreement_id", "uuid"],
          ["key", "text"],
        ],
        p.agreementDataCategories,
        {
          columns: ["id", "agreement_id", "data_category_id"],
          select: ["x.id", "x.agreement_id", "c.id"],
          join: dc("c"),
        },
      );
      await insert(
        o,
        org,
        "agreement_data_subject_category",
        [
          ["id", "uuid"],
          ["agreement_id", "uuid"],
          ["key", "text"],
        ],
        p.agreementSubjectCategories,
        {
          columns: ["id", "agreement_id", "data_subject_category_id"],
          select: ["x.id", "x.agreement_id", "c.id"],
          join: ds("c"),
        },
      );
      await insert(
        o,
        org,
        "agreement_required_measure",
        [
          ["id", "uuid"],
          ["agreement_id", "uuid"],
          ["key", "text"],
        ],
        p.agreementRequiredMeasures,
        {
          columns: ["id", "agreement_id", "measure_id"],
          select: ["x.id", "x.agreement_id", "c.id"],
          join: `JOIN measure c ON c.key = x.key AND c.organization_id IS NULL`,
        },
      );
      await insert(
        o,
        org,
        "processor_measure",
        [
          ["id", "uuid"],
          ["processor_id", "uuid"],
          ["key", "text"],
          ["status", "measure_status"],
          ["evidence", "text"],
          ["verified_on", "date"],
        ],
        p.processorMeasures,
        {
          columns: ["id", "processor_id", "measure_id", "status", "evidence", "verified_on"],
          select: ["x.id", "x.processor_id", "c.id", "x.status", "x.evidence", "x.verified_on"],
          join: `JOIN measure c ON c.key = x.key AND c.organization_id IS NULL`,
        },
      );
      await insert(
        o,
        org,
        "subprocessor_engagement",
        [
          ["id", "uuid"],
          ["processor_id", "uuid"],
          ["subprocessor_id", "uuid"],
          ["agreement_id", "uuid"],
          ["purpose", "text"],
          ["countries", "char(2)[]"],
          ["transfer_mechanism", "transfer_mechanism"],
          ["status", "engagement_status"],
          ["approved_on", "date"],
          ["removed_on", "date"],
        ],
        p.engagements,
      );
      await insert(
        o,
        org,
        "audit_report",
        [
          ["id", "uuid"],
          ["processor_id", "uuid"],
          ["agreement_id", "uuid"],
          ["type", "audit_report_type"],
          ["title", "text"],
          ["assurance", "assurance_level"],
          ["report_kind", "report_kind"],
          ["period_start", "date"],
          ["period_end", "date"],
          ["issued_on", "date"],
          ["received_on", "date"],
          ["auditor", "text"],
          ["opinion", "audit_opinion"],
        ],
        p.auditReports,
      );
      await insert(
        o,
        org,
        "audit_report_review",
        [
          ["id", "uuid"],
          ["audit_report_id", "uuid"],
          ["reviewer", "text"],
          ["reviewed_on", "date"],
          ["conclusion", "review_conclusion"],
          ["remarks", "text"],
        ],
        p.auditReviews,
      );
      await insert(
        o,
        org,
        "audit_finding",
        [
          ["id", "uuid"],
          ["processor_id", "uuid"],
          ["audit_report_id", "uuid"],
          ["source", "finding_source"],
          ["description", "text"],
          ["severity", "finding_severity"],
          ["status", "finding_status"],
          ["due_on", "date"],
          ["closed_on", "date"],
          ["closing_note", "text"],
        ],
        p.auditFindings,
      );
      await insert(
        o,
        org,
        "processing_activity",
        [
          ["id", "uuid"],
          ["name", "text"],
          ["purposes", "text"],
          ["legal_basis", "legal_basis"],
          ["special_category_condition", "special_category_condition"],
          ["retention", "text"],
          ["dpia_status", "dpia_status"],
          ["tom_description", "text"],
        ],
        p.activities,
      );
      await insert(
        o,
        org,
        "processing_activity_processor",
        [
          ["id", "uuid"],
          ["activity_id", "uuid"],
          ["processor_id", "uuid"],
        ],
        p.activityProcessors,
      );
      await insert(
        o,
        org,
        "processing_activity_data_category",
        [
          ["id", "uuid"],
          ["activity_id", "uuid"],
          ["key", "text"],
        ],
        p.activityDataCategories,
        {
          columns: ["id", "activity_id", "data_category_id"],
          select: ["x.id", "x.activity_id", "c.id"],
          join: dc("c"),
        },
      );
      await insert(
        o,
        org,
        "processing_activity_data_subject_category",
        [
          ["id", "uuid"],
          ["activity_id", "uuid"],
          ["key", "text"],
        ],
        p.activitySubjectCategories,
        {
          columns: ["id", "activity_id", "data_subject_category_id"],
          select: ["x.id", "x.activity_id", "c.id"],
          join: ds("c"),
        },
      );
    });
    const insertMs = Math.round(performance.now() - tIns);
    // VACUUM as well: a freshly loaded table has no visibility map, so index-only scans would read the heap.
    await owner.query("VACUUM ANALYZE");
    const tables = [
      "processor",
      "agreement",
      "agreement_data_category",
      "agreement_data_subject_category",
      "agreement_required_measure",
      "processor_measure",
      "subprocessor_engagement",
      "audit_report",
      "audit_report_review",
      "audit_finding",
      "processing_activity",
      "processing_activity_processor",
      "processing_activity_data_category",
      "processing_activity_data_subject_category",
    ];
    const counts: Record<string, number> = {};
    for (const t of tables)
      counts[t] = (await owner.query(`SELECT count(*)::int AS n FROM "${t}" WHERE organization_id = $1`, [org]))[0].n;
    const totalMs = Math.round(performance.now() - started);
    const result = {
      at: new Date().toISOString(),
      seed: SEED,
      sizes,
      database: DATABASE,
      organizationId: org,
      organizationName: ORG_NAME,
      apiKey,
      counts,
      stats: p.stats,
      generateMs,
      insertMs,
      totalMs,
    };
    console.log(JSON.stringify({ ...result, apiKey: "(in bench/results/seed.json)" }, null, 2));
    mkdirSync(path.join(__dirname, "results"), { recursive: true });
    writeFileSync(path.join(__dirname, "results", "seed.json"), JSON.stringify(result, null, 2) + "\n");
  } finally {
    await owner.destroy();
    await db.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
