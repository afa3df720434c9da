// Restarts as a user meets them, with the real entry point (src/main.ts) and its embedded PostgreSQL
// (no DATABASE_URL), each in a data directory of this test's own:
//   1. First start: demo data, the demo key on stderr (never in the JSON log on stdout), the embedded
//      superuser behind a random password kept 0600 in the data directory (the old fixed one is refused).
//   2. kill -9 of the API leaves its PostgreSQL running; the next start stops that leftover and comes up
//      on the same data, with the same key.
//   3. A second API on the same data directory while the first runs is refused (and does not stop the
//      first one's PostgreSQL); a port already in use is one clear line and exit code 1.
//   4. SIGTERM with nothing in flight: exit 0 within 2 s, PostgreSQL stopped with it.
import fs from "node:fs";
import path from "node:path";
import { spawn, ChildProcess } from "node:child_process";
import { Client } from "pg";
import { embeddedUnreachableReason, freePort } from "../../src/db/embedded";
import { rawGql, sleep } from "../helpers/load";

const ROOT = path.resolve(__dirname, "..", "..");
const base = path.join(ROOT, ".data", `restart-${process.pid}`);

interface Api {
  child: ChildProcess;
  stdout: string[];
  stderr: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
}

function startApi(env: Record<string, string>): Api {
  const child = spawn(process.execPath, ["-r", "ts-node/register", "src/main.ts"], {
    cwd: ROOT,
    env: {
      ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !["DATABASE_URL", "NODE_ENV"].includes(k))),
      TS_NODE_TRANSPILE_ONLY: "true",
      LOG_LEVEL: "info",
      SHUTDOWN_GRACE_MS: "10000",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const stdout: string[] = [];
  const stderr: string[] = [];
  child.stdout!.on("data", (d) => stdout.push(d.toString()));
  child.stderr!.on("data", (d) => stderr.push(d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal, at: Date.now() })),
  );
  return { child, stdout, stderr, exited };
}

async function waitHealthy(api: Api, port: number): Promise<void> {
  const until = Date.now() + 120_000;
  while (Date.now() < until) {
    if (api.child.exitCode !== null)
      throw new Error(`src/main.ts exited with ${api.child.exitCode}:\n${api.stdout.join("")}${api.stderr.join("")}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/readyz`);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error(`src/main.ts did not become ready within 120 s:\n${api.stdout.join("")}${api.stderr.join("")}`);
}

function postmasterPid(dataDir: string): number {
  return Number(fs.readFileSync(path.join(dataDir, "pg", "postmaster.pid"), "utf8").split("\n")[0]);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

const running: Api[] = [];
afterAll(async () => {
  for (const api of running) if (api.child.exitCode === null) api.child.kill("SIGKILL");
  // Whatever PostgreSQL a failed test left behind.
  for (const dir of fs.existsSync(base) ? fs.readdirSync(base) : []) {
    const pidFile = path.join(base, dir, "pg", "postmaster.pid");
    if (fs.existsSync(pidFile)) {
      const pid = Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]);
      if (alive(pid)) process.kill(pid, "SIGQUIT");
    }
  }
  await sleep(500);
  fs.rmSync(base, { recursive: true, force: true });
}, 60_000);

test("restarts just work: kill -9, a second API, a port in use, SIGTERM", async () => {
  // Embedded PostgreSQL runs as the OS user "postgres" when this runs as root: the checkout must be
  // reachable (CI runs the suite from a world-readable copy). Fail with the reason, never skip.
  expect(embeddedUnreachableReason(ROOT)).toBeNull();
  const dataDir = path.join(base, "main");
  const port = await freePort();
  const pgPort = await freePort();
  const env = { TILSYN_DATA_DIR: dataDir, PORT: String(port), EMBEDDED_PG_PORT: String(pgPort) };

  // 1. First start.
  const first = startApi(env);
  running.push(first);
  await waitHealthy(first, port);
  const key = fs.readFileSync(path.join(dataDir, "demo-api-key"), "utf8").trim();
  expect(first.stderr.join("")).toContain(`Demo ADMIN API key: ${key}`);
  expect(first.stdout.join("")).not.toContain(key.split(".")[1]);
  const viewer = await rawGql(`http://127.0.0.1:${port}/graphql`, key, "{ viewer { organization { name } } }");
  expect(viewer.json.data.viewer.organization.name).toBe("Demo Controller A/S");

  const passwordFile = path.join(dataDir, "pg-superuser-password");
  expect(fs.statSync(passwordFile).mode & 0o777).toBe(0o600);
  const tryLogin = async (password: string) => {
    const c = new Client({ host: "127.0.0.1", port: pgPort, user: "postgres", password, database: "postgres" });
    try {
      await c.connect();
      return "connected";
    } catch (e) {
      return (e as { code?: string }).code ?? String(e);
    } finally {
      await c.end().catch(() => undefined);
    }
  };
  expect(await tryLogin("tilsyn-embedded")).toBe("28P01"); // invalid_password
  expect(await tryLogin(fs.readFileSync(passwordFile, "utf8").trim())).toBe("connected");

  // 2. kill -9: the API dies, its PostgreSQL stays.
  const leftover = postmasterPid(dataDir);
  first.child.kill("SIGKILL");
  await first.exited;
  expect(alive(leftover)).toBe(true);

  const second = startApi(env);
  running.push(second);
  await waitHealthy(second, port);
  expect(alive(leftover)).toBe(false);
  expect(second.stdout.join("")).toMatch(/left running .* by a process that is gone/);
  expect(second.stderr.join("")).toContain(`demo ADMIN API key is in ${path.join(dataDir, "demo-api-key")}`);
  expect(second.stderr.join("")).not.toContain(key);
  const again = await rawGql(`http://127.0.0.1:${port}/graphql`, key, "{ viewer { role } }");
  expect(again.json.data.viewer.role).toBe("ADMIN");

  // 3a. Another API on the same data directory (another port): refused; the running one is untouched.
  const sameDir = startApi({ ...env, PORT: String(await freePort()) });
  running.push(sameDir);
  const sameDirExit = await sameDir.exited;
  expect(sameDirExit.code).toBe(1);
  // One line on stderr, as for a port in use: it was a fatal JSON line on stdout with a stack trace and
  // "Embedded PostgreSQL failed to start (…). Its log:" followed by an empty log.
  expect(sameDir.stderr.join("").trim().split("\n")).toEqual([
    `tilsyn: Another tilsyn process (pid ${second.child.pid}) is running with the data directory ${dataDir}. ` +
      `Stop it first, or give this one another TILSYN_DATA_DIR.`,
  ]);
  expect(sameDir.stdout.join("")).not.toMatch(/failed to start|Its log|"stack"|\n\s+at /);
  expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);

  // 3b. The API's port in use: one line on stderr, exit code 1, before any database is started.
  const busy = startApi({ ...env, TILSYN_DATA_DIR: path.join(base, "busy"), EMBEDDED_PG_PORT: "" });
  running.push(busy);
  const busyExit = await busy.exited;
  expect(busyExit.code).toBe(1);
  const lines = busy.stderr.join("").trim().split("\n");
  expect(lines).toEqual([
    `tilsyn: 127.0.0.1:${port} is already in use (is tilsyn already running?). Stop that process or set PORT to a ` +
      `free port.`,
  ]);
  expect(fs.existsSync(path.join(base, "busy", "pg"))).toBe(false);

  // 4. SIGTERM with nothing in flight.
  const postmaster = postmasterPid(dataDir);
  const signalledAt = Date.now();
  second.child.kill("SIGTERM");
  const exit = await second.exited;
  const tookMs = exit.at - signalledAt;
  console.log(`[restart] SIGTERM with nothing in flight: exit ${exit.code} after ${tookMs} ms`);
  expect(exit.code).toBe(0);
  expect(tookMs).toBeLessThan(2000);
  expect(alive(postmaster)).toBe(false);
}, 300_000);
