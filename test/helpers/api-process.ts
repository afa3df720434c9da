// The real entry point (src/main.ts) as a child process, as `npm run start:dev` runs it (ts-node,
// transpile-only to start faster), on a database of the test's choosing: for tests that kill the API
// with SIGKILL or run several API processes side by side.
import path from "node:path";
import { spawn, ChildProcess } from "node:child_process";
import { freePort } from "../../src/db/embedded";
import { rawFetch, sleep } from "./load";

const ROOT = path.resolve(__dirname, "..", "..");

export interface ApiProcess {
  child: ChildProcess;
  pid: number;
  base: string;
  graphql: string;
  output: string[];
  /** Resolves with the exit code and signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * `compiledDir`: run the compiled entry (`<dir>/src/main.js`, as `npm start` runs dist/src/main.js) instead
 * of src/main.ts under ts-node; test/helpers/compiled.ts builds such a directory.
 */
export async function startApiProcess(
  databaseUrl: string,
  env: Record<string, string> = {},
  compiledDir?: string,
): Promise<ApiProcess> {
  const port = await freePort();
  const output: string[] = [];
  const args = compiledDir ? [path.join(compiledDir, "src", "main.js")] : ["-r", "ts-node/register", "src/main.ts"];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      SEED_DEMO_DATA: "false",
      PORT: String(port),
      HOST: "127.0.0.1",
      LOG_LEVEL: "info",
      NODE_ENV: "production",
      TS_NODE_TRANSPILE_ONLY: "true",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (d) => output.push(d.toString()));
  child.stderr!.on("data", (d) => output.push(d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  const base = `http://127.0.0.1:${port}`;
  const started = Date.now();
  while ((await rawFetch(`${base}/healthz`, { timeoutMs: 2000 })).status !== 200) {
    if (child.exitCode !== null) throw new Error(`src/main.ts exited with ${child.exitCode}:\n${output.join("")}`);
    if (Date.now() - started > 120_000) {
      child.kill("SIGKILL");
      throw new Error(`src/main.ts did not answer within 120 s:\n${output.join("")}`);
    }
    await sleep(200);
  }
  return {
    child,
    pid: child.pid!,
    base,
    graphql: `${base}/graphql`,
    output,
    exited,
    async kill(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
