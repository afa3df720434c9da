// The full risk recompute (riskService.recomputeAll, in process) side by side with another build, on the
// bench portfolio (bench:seed): each round runs, for each build in turn (the order rotated), a model change
// (a new model version: every processor's assessment is stored) and then a recompute with nothing changed,
// each in a child process of its own (a warm-up model change first, so both are timed with warm code).
// Reported per round: wall and process CPU time (process.cpuUsage) of each recompute and the load average;
// CPU time is the steadier figure on a shared machine. Run: npm run bench:recompute (DATABASE_URL = the
// server, BENCH_DATABASE = its seeded database); BENCH_COMPARE=<another checkout's root> adds that build;
// RECOMPUTE_ROUNDS (default 3). CPU_PROFILE=<dir> writes a .cpuprofile of each timed recompute there.
import "reflect-metadata";
import { spawn } from "node:child_process";
import inspector from "node:inspector";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { seededBench } from "./lib/api";

const RESULTS = path.join(__dirname, "results");
const ROUNDS = Number(process.env.RECOMPUTE_ROUNDS ?? 3);

interface Timed {
  wallMs: number;
  cpuMs: number;
  /** CPU time of the database backend that served the recompute (/proc, when the server is on this machine). */
  dbCpuMs: number | null;
  changed: number;
  processors: number;
}

/** In a child: recomputes on the build at `root` (warm-up, model change, nothing changed) and prints the times. */
async function child(root: string, benchUrl: string, organizationId: string, version: string) {
  /* eslint-disable @typescript-eslint/no-require-imports -- the build under test is chosen at run time */
  const { loadConfig } = require(path.join(root, "src/config"));
  const { openDatabase } = require(path.join(root, "src/db/database"));
  const { withOrganization } = require(path.join(root, "src/modules/jobs/system-context"));
  const { riskService } = require(path.join(root, "src/modules/risk/risk.service"));
  const { DT_V1 } = require(path.join(root, "src/modules/risk/risk-model"));
  /* eslint-enable @typescript-eslint/no-require-imports */
  const db = await openDatabase({
    ...loadConfig({ ...process.env, DATABASE_URL: benchUrl, LOG_LEVEL: "warn" }),
    statementTimeoutMs: 0,
  });
  const run = async (model: object, profileAs?: string): Promise<Timed> => {
    const stopProfile = profileAs ? await startProfile(profileAs) : null;
    const cpu = process.cpuUsage();
    const started = performance.now();
    let backend: { pid: number; before: number | null } | undefined;
    const r = await withOrganization(
      db,
      organizationId,
      "bench",
      async (ctx: { manager: { query: (sql: string) => Promise<{ pid: number }[]> } }) => {
        const [{ pid }] = await ctx.manager.query("SELECT pg_backend_pid() AS pid");
        backend = { pid, before: processCpuMs(pid) };
        return riskService.recomputeAll(ctx, model);
      },
    );
    const used = process.cpuUsage(cpu);
    const after = backend && processCpuMs(backend.pid);
    await stopProfile?.();
    return {
      wallMs: Math.round(performance.now() - started),
      cpuMs: Math.round((used.user + used.system) / 1000),
      dbCpuMs: after != null && backend?.before != null ? after - backend.before : null,
      changed: r.changed,
      processors: r.processors,
    };
  };
  try {
    await run({ ...DT_V1, version: `${version}-warm-up` });
    const modelChange = await run({ ...DT_V1, version }, `${version}-model-change`);
    const unchanged = await run({ ...DT_V1, version }, `${version}-unchanged`);
    process.stdout.write(`RESULT ${JSON.stringify({ modelChange, unchanged })}\n`);
  } finally {
    await db.close();
  }
}

/** User and system CPU time of a process on this machine in ms (null when /proc does not show it). */
function processCpuMs(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10; // utime and stime, in clock ticks of 10 ms
  } catch {
    return null;
  }
}

/** With CPU_PROFILE: profiles the process until the returned function is called (<dir>/<name>.cpuprofile). */
async function startProfile(name: string): Promise<(() => Promise<void>) | null> {
  const dir = process.env.CPU_PROFILE;
  if (!dir) return null;
  const session = new inspector.Session();
  session.connect();
  const post = (method: string) =>
    new Promise<unknown>((resolve, reject) =>
      session.post(method, (err, result) => (err ? reject(err) : resolve(result))),
    );
  await post("Profiler.enable");
  await post("Profiler.start");
  return async () => {
    const { profile } = (await post("Profiler.stop")) as { profile: unknown };
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(path.resolve(dir), `${name}.cpuprofile`), JSON.stringify(profile));
    session.disconnect();
  };
}

function runChild(name: string, root: string, env: NodeJS.ProcessEnv, version: string) {
  return new Promise<{ modelChange: Timed; unchanged: Timed }>((resolve, reject) => {
    const p = spawn(process.execPath, ["-r", "ts-node/register/transpile-only", __filename, "--child", root, version], {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    p.stdout.on("data", (d) => (out += d));
    p.on("exit", (code) => {
      const line = out.split("\n").find((l) => l.startsWith("RESULT "));
      if (code !== 0 || !line) reject(new Error(`${name} exited ${code}: ${out.slice(-500)}`));
      else resolve(JSON.parse(line.slice("RESULT ".length)));
    });
  });
}

async function main() {
  const { benchUrl, organizationId } = await seededBench();
  const env = { BENCH_URL: benchUrl, BENCH_ORG: organizationId };
  const builds = [{ name: "this", root: path.resolve(__dirname, "..") }];
  if (process.env.BENCH_COMPARE) builds.push({ name: "compare", root: path.resolve(process.env.BENCH_COMPARE) });
  const rounds: Record<string, unknown>[] = [];
  const stamp = Date.now().toString(36);
  for (let round = 0; round < ROUNDS; round++) {
    const order = builds.map((_, i) => builds[(i + round) % builds.length]);
    const row: Record<string, unknown> = { round: round + 1, loadAverage: os.loadavg()[0] };
    for (const b of order) {
      row[b.name] = await runChild(b.name, b.root, env, `bench-${stamp}-${round}-${b.name}`);
      row[`${b.name}LoadAfter`] = os.loadavg()[0];
    }
    console.log(JSON.stringify(row));
    rounds.push(row);
  }
  const ratio = (key: "modelChange" | "unchanged", figure: "wallMs" | "cpuMs" | "dbCpuMs") =>
    rounds.map((r) => {
      const a = (r.this as Record<string, Timed>)[key][figure];
      const b = (r.compare as Record<string, Timed> | undefined)?.[key][figure];
      return a != null && b ? Math.round((a / b) * 100) / 100 : null;
    });
  const summary = {
    at: new Date().toISOString(),
    rounds,
    ratios: builds.length > 1 && {
      modelChangeCpu: ratio("modelChange", "cpuMs"),
      modelChangeDbCpu: ratio("modelChange", "dbCpuMs"),
      modelChangeWall: ratio("modelChange", "wallMs"),
      unchangedCpu: ratio("unchanged", "cpuMs"),
      unchangedWall: ratio("unchanged", "wallMs"),
    },
  };
  console.log(JSON.stringify(summary.ratios));
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(path.join(RESULTS, "recompute-rounds.json"), JSON.stringify(summary, null, 2) + "\n");
}

if (process.argv[2] === "--child") {
  const [root, version] = process.argv.slice(3);
  child(root, process.env.BENCH_URL!, process.env.BENCH_ORG!, version).then(
    () => process.exit(0),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
} else {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
