// A compiled API (dist/src/main.js, or another build's main.js) as its own process on the bench database,
// as deployed (production, no demo data, no jobs, no console): the benches that time the API over HTTP start
// it here and wait for /readyz.
import { ChildProcess, spawn } from "node:child_process";
import path from "node:path";
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
