// Plan time and memory growth of POST /imports/register with a 10,000-vendor register (.xlsx built at run time
// by bench/lib/register-data.ts: Danish headings, messy values, a formula column, 16 columns), twice: against
// an empty register (every row CREATE) and against a register already holding the 10,000 vendors (every row
// matched by CVR or name and compared). Target: under 30 s and under 100 MB of memory growth.
// Run: npm run bench:register (own database on DATABASE_URL's server, else embedded).
import "reflect-metadata";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { loadConfig } from "../src/config";
import { createDatabaseIfMissing, openDatabase } from "../src/db/database";
import { createDataSource } from "../src/db/data-source";
import { startServer } from "../src/server";
import { createOrganization } from "../seeds/demo";
import { cvrOf, registerXlsx, vendorName } from "./lib/register-data";

const VENDORS = Number(process.env.BENCH_VENDORS ?? 10_000);

async function main() {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: "warn" };
  if (env.DATABASE_URL) env.DATABASE_URL = await createDatabaseIfMissing(env.DATABASE_URL, "tilsyn_bench_register");
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
    const { bytes } = await registerXlsx({ vendors: VENDORS, withSubprocessors: 0, withAgreements: 0, badRows: false });
    console.log(`register: ${VENDORS} rows, ${(bytes.length / 2 ** 20).toFixed(2)} MB as .xlsx`);
    const results: Record<string, unknown> = {};

    const plan = async (label: string, apiKey: string) => {
      global.gc?.();
      const rssBefore = process.memoryUsage().rss;
      const heapBefore = process.memoryUsage().heapUsed;
      let peak = rssBefore;
      let heapPeak = heapBefore;
      const sampler = setInterval(() => {
        const m = process.memoryUsage();
        peak = Math.max(peak, m.rss);
        heapPeak = Math.max(heapPeak, m.heapUsed);
      }, 10);
      const started = performance.now();
      const form = new FormData();
      form.append("file", new Blob([bytes]), "register.xlsx");
      const res = await fetch(`${base}/imports/register`, {
        method: "POST",
        body: form,
        headers: { authorization: `Bearer ${apiKey}` },
      });
      const body = (await res.json()) as { registerImport?: { rowsRead: number; counts: unknown } };
      const ms = Math.round(performance.now() - started);
      clearInterval(sampler);
      results[label] = {
        status: res.status,
        ms,
        rowsRead: body.registerImport?.rowsRead,
        counts: body.registerImport?.counts,
        rssBeforeMb: +(rssBefore / 2 ** 20).toFixed(1),
        peakRssGrowthMb: +((peak - rssBefore) / 2 ** 20).toFixed(1),
        peakHeapGrowthMb: +((heapPeak - heapBefore) / 2 ** 20).toFixed(1),
      };
      console.log(label, JSON.stringify(results[label]));
    };

    // Warm-up (metadata, JIT) on a small file, not measured.
    const small = await registerXlsx({ vendors: 20, withSubprocessors: 0, withAgreements: 0, badRows: false });
    const warm = await createOrganization(owner, { name: `Register bench warm-up ${Date.now()}`, countryCode: "DK" });
    const form = new FormData();
    form.append("file", new Blob([small.bytes]), "small.xlsx");
    await fetch(`${base}/imports/register`, {
      method: "POST",
      body: form,
      headers: { authorization: `Bearer ${warm.apiKey}` },
    });

    const empty = await createOrganization(owner, { name: `Register bench empty ${Date.now()}`, countryCode: "DK" });
    await plan("emptyRegister", empty.apiKey);

    const full = await createOrganization(owner, { name: `Register bench full ${Date.now()}`, countryCode: "DK" });
    // The same vendors already registered: half by CVR, half by name only (a different country, so UPDATE).
    await owner.query(
      `INSERT INTO processor (organization_id, name, registration_number, country_code, direct)
       SELECT $1, n.name, CASE WHEN g % 2 = 0 THEN n.cvr END, 'SE', true
         FROM generate_series(1, $2) g, LATERAL (SELECT $3::text[] AS names, $4::text[] AS cvrs) a,
              LATERAL (SELECT a.names[g] AS name, a.cvrs[g] AS cvr) n`,
      [
        full.organization.id,
        VENDORS,
        Array.from({ length: VENDORS }, (_, i) => vendorName(i + 1)),
        Array.from({ length: VENDORS }, (_, i) => cvrOf(i + 1)),
      ],
    );
    await owner.query("ANALYZE processor");
    await plan("fullRegister", full.apiKey);

    await new Promise((r) => setTimeout(r, 500));
    const out = {
      at: new Date().toISOString(),
      vendors: VENDORS,
      fileBytes: bytes.length,
      note: "server and client in one process: RSS includes both; the time is upload + read + plan + store",
      results,
    };
    writeFileSync(path.join(__dirname, "results", "register-import.json"), JSON.stringify(out, null, 2) + "\n");
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
