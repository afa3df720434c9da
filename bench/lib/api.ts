// A compiled API (dist/src/main.js, or another build's main.js) as its own process on the bench database,
// as deployed (production, no demo data, no jobs, no console): the benches that time the API over HTTP start
// it here and wait for /readyz.
import { ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { createDatabaseIfMissing } from "../../src/db/database";
import { freePort } from "../../src/db/embedded";

const ROOT = path.resolve(__dirname, "..", "..");

export interface BenchApi {
  /** http://127.0.0.1:<port> */
  base: string;
  /** base + /graphql */
  url: string;
  child: ChildProcess;
}

/** Starts `main` on `benchUrl` with `env` over the defaults; rejects when it has not answered in two minutes. */
export async function startBenchApi(
  main: string,
  benchUrl: string,
  env: NodeJS.ProcessEnv = {},
  nodeArgs: string[] = [],
): Promise<BenchApi> {
  const port = await freePort();
  const child = spawn(process.execPath, [...nodeArgs, main], {
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
      ...env,
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const base = `http://127.0.0.1:${port}`;
  const until = Date.now() + 120_000;
  for (;;) {
    const ok = await fetch(`${base}/readyz`).then(
      (r) => r.status < 500,
      () => false,
    );
    if (ok) return { base, url: `${base}/graphql`, child };
    if (Date.now() > until || child.exitCode !== null) throw new Error(`${main} did not start`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The seeded bench portfolio (bench:seed) on DATABASE_URL's server: its database, organization and API key. */
export async function seededBench(): Promise<{ benchUrl: string; organizationId: string; apiKey: string }> {
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) throw new Error("DATABASE_URL (the server holding BENCH_DATABASE) is required");
  const benchUrl = await createDatabaseIfMissing(adminUrl, process.env.BENCH_DATABASE ?? "tilsyn_bench");
  const file = path.join(ROOT, "bench", "results", "seed.json");
  if (!existsSync(file)) throw new Error("bench/results/seed.json is missing: run npm run bench:seed first");
  const { organizationId, apiKey } = JSON.parse(readFileSync(file, "utf8")) as {
    organizationId: string;
    apiKey: string;
  };
  return { benchUrl, organizationId, apiKey };
}
