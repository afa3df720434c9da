// npm run bench:q1: Q1 (the dashboard page) only, on the seeded bench portfolio (DATABASE_URL, BENCH_DATABASE),
// measured two ways that hold on a busy machine:
//   - default: throughput of the API and the honest floor (bench/baseline.ts /floor), alternating for ROUNDS
//     rounds of DUR s at 10 connections; the ratio is taken within each round (median and range);
//   - COMPARE=<another build's main.js>: CPU time of the API process per request (/proc, 500 requests by
//     4 clients, CPU=n to change), this build and the other alternating for ROUNDS rounds. CPU per request
//     moves far less with other load than requests/s do.
// MAIN (default dist/src/main.js; build first), NODE_ARGS (for the API's node), QUERY (another query file).
import { spawn } from "node:child_process";
import path from "node:path";
import { readFileSync } from "node:fs";
import { isDeepStrictEqual } from "node:util";
import autocannon from "autocannon";
import { seededBench, startBenchApi } from "./lib/api";
import { freePort } from "../src/db/embedded";

const ROOT = path.resolve(__dirname, "..");
const ROUNDS = Number(process.env.ROUNDS ?? 4);
const DUR = Number(process.env.DUR ?? 8);
const MAIN = process.env.MAIN ?? "dist/src/main.js";
const TICK_MS = 10; // CLK_TCK 100

/** User and system CPU time of a process so far, in ms (Linux). */
function cpuOf(pid: number): number {
  const f = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return (Number(f[11]) + Number(f[12])) * TICK_MS;
}

async function load(url: string, key: string, body: unknown, duration: number) {
  const lat: number[] = [];
  let errors = 0;
  const run = autocannon({
    url,
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
    body: JSON.stringify(body),
    duration,
    connections: 10,
    timeout: 60,
  });
  run.on("response", (_c: unknown, status: number, _b: number, ms: number) => {
    lat.push(ms);
    if (status !== 200) errors++;
  });
  const r = await run;
  lat.sort((a, b) => a - b);
  const at = (p: number) => Math.round(lat[Math.max(0, Math.ceil(lat.length * p) - 1)]);
  return { rps: lat.length / r.duration, p50: at(0.5), p95: at(0.95), errors: errors + r.errors + r.timeouts };
}

const spread = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const median = s[Math.floor((s.length - 1) / 2)];
  return `median ${median.toFixed(3)}, range ${s[0].toFixed(3)}–${s[s.length - 1].toFixed(3)}`;
};

async function main() {
  const { benchUrl, organizationId, apiKey } = await seededBench();
  const nodeArgs = (process.env.NODE_ARGS ?? "").split(" ").filter(Boolean);
  const api = await startBenchApi(MAIN, benchUrl, {}, nodeArgs);
  const port = await freePort();
  const floorProcess = spawn(process.execPath, ["-r", "ts-node/register/transpile-only", "bench/baseline.ts"], {
    cwd: ROOT,
    env: {
      ...process.env,
      BASELINE_DATABASE_URL: benchUrl,
      BASELINE_ORGANIZATION_ID: organizationId,
      BASELINE_API_KEY: apiKey,
      PORT: String(port),
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const stops: (() => void)[] = [() => api.child.kill("SIGTERM"), () => floorProcess.kill("SIGTERM")];
  try {
    const floor = `http://127.0.0.1:${port}/floor`;
    while (
      !(await fetch(floor, { method: "POST" }).then(
        () => true,
        () => false,
      ))
    )
      await new Promise((r) => setTimeout(r, 200));
    const q1 = {
      operationName: "Dashboard",
      query: readFileSync(process.env.QUERY ?? path.join(__dirname, "queries", "q1-dashboard.graphql"), "utf8"),
      variables: { first: 50 },
    };
    const post = async (url: string) =>
      (
        await fetch(url, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${apiKey}` },
          body: JSON.stringify(q1),
        })
      ).json();
    const [ours, theirs] = [await post(api.url), await post(floor)];
    if (ours.errors) throw new Error(`Q1 errors: ${JSON.stringify(ours.errors)}`);
    if (!process.env.QUERY && !isDeepStrictEqual(ours.data, theirs.data))
      throw new Error("the API and the floor differ");

    if (process.env.COMPARE) {
      const other = await startBenchApi(process.env.COMPARE, benchUrl, {}, nodeArgs);
      stops.push(() => other.child.kill("SIGTERM"));
      const n = Number(process.env.CPU ?? 500);
      const perRequest: Record<"this" | "other", number[]> = { this: [], other: [] };
      const builds = [["this", api] as const, ["other", other] as const];
      for (let round = 0; round < ROUNDS; round++) {
        for (const [name, target] of round % 2 ? [...builds].reverse() : builds) {
          await load(target.url, apiKey, q1, 1);
          const before = cpuOf(target.child.pid!);
          let sent = 0;
          const client = async () => {
            while (sent < n) {
              sent++;
              await post(target.url);
            }
          };
          await Promise.all([client(), client(), client(), client()]);
          perRequest[name].push((cpuOf(target.child.pid!) - before) / n);
        }
        console.log(
          `round ${round + 1}: API CPU ms per request: this ${perRequest.this[round].toFixed(2)}, ` +
            `other ${perRequest.other[round].toFixed(2)}`,
        );
      }
      console.log(`this: ${spread(perRequest.this)}; other: ${spread(perRequest.other)}`);
      return;
    }

    await load(api.url, apiKey, q1, 2);
    await load(floor, apiKey, q1, 2);
    const ratios: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const r: Record<string, Awaited<ReturnType<typeof load>>> = {};
      for (const name of round % 2 ? ["floor", "api"] : ["api", "floor"])
        r[name] = await load(name === "api" ? api.url : floor, apiKey, q1, DUR);
      ratios.push(r.api.rps / r.floor.rps);
      console.log(
        `round ${round + 1}: API ${r.api.rps.toFixed(1)} req/s (p50 ${r.api.p50}, p95 ${r.api.p95} ms, ` +
          `${r.api.errors} errors), floor ${r.floor.rps.toFixed(1)} req/s (p50 ${r.floor.p50}, p95 ${r.floor.p95} ms)` +
          `: ${(r.api.rps / r.floor.rps).toFixed(3)}×`,
      );
    }
    console.log(`API : floor in requests/s: ${spread(ratios)}`);
  } finally {
    for (const stop of stops) stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
