// npm run bench:exports: the art. 30 exports of the bench portfolio (10,000 activities, bench:seed) and the
// server's peak RSS growth while each is written (issue 19: < 50 MB for CSV and XLSX). The API runs compiled
// (dist/src/main.js) as its own process; with BENCH_COMPARE=<another build's main.js> both run on the same
// database and take turns, the order rotated each round, so the machine's load hits both alike.
// Env: DATABASE_URL (required: the server holding BENCH_DATABASE, default tilsyn_bench, seeded), BENCH_ROUNDS
// (default 3), BENCH_FORMATS (default "csv,xlsx"), BENCH_SEARCH (only the activities whose name holds it),
// BENCH_NODE_ARGS (flags for the API processes, e.g. --trace-gc). Writes bench/results/exports.json, with each
// file's sha256 (XLSX: of its zipped files but docProps/core.xml, which holds the time it was written).
// An XLSX measured after a CSV on the same server starts from the RSS the CSV left: BENCH_FORMATS=xlsx alone
// measures it from a fresh server.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import JSZip from "jszip";
import { BenchApi, seededBench, startBenchApi } from "./lib/api";

const RESULTS = path.join(__dirname, "results");
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const FORMATS = (process.env.BENCH_FORMATS ?? "csv,xlsx").split(",");
// A part of the register (e.g. "Activity 00": the first 1,000 activities) for quicker runs.
const SEARCH = process.env.BENCH_SEARCH ? `?search=${encodeURIComponent(process.env.BENCH_SEARCH)}` : "";

function memoryOf(pid: number): { rssMb: number; peakMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
  return { rssMb: kb("VmRSS") / 1024, peakMb: kb("VmHWM") / 1024 };
}

/** One export read to its end; the server's RSS before it and its peak during it (the kernel's high-water mark). */
async function exportOnce(base: string, pid: number, key: string, format: string) {
  const auth = { authorization: `Bearer ${key}` };
  await (await fetch(`${base}/exports/ropa.${format}?search=zzzz-none`, { headers: auth })).arrayBuffer();
  await new Promise((r) => setTimeout(r, 500));
  const before = memoryOf(pid).rssMb;
  writeFileSync(`/proc/${pid}/clear_refs`, "5");
  const t = performance.now();
  // node:http, not fetch: fetch gives up after 300 s without headers, and a whole register under load takes longer.
  const res = await new Promise<http.IncomingMessage>((resolve, reject) =>
    http.get(`${base}/exports/ropa.${format}${SEARCH}`, { headers: auth }, resolve).on("error", reject),
  );
  let bytes = 0;
  const hash = createHash("sha256");
  const parts: Uint8Array[] = [];
  for await (const chunk of res as AsyncIterable<Uint8Array>) {
    bytes += chunk.length;
    if (format === "xlsx") parts.push(chunk);
    else hash.update(chunk);
  }
  const ms = performance.now() - t;
  const peak = memoryOf(pid).peakMb;
  if (res.statusCode !== 200) throw new Error(`export ${format}: ${res.statusCode}`);
  // The file's digest: builds compared with BENCH_COMPARE must write the same bytes (for XLSX the same
  // zipped files, but the one holding the workbook's creation time).
  if (format === "xlsx") {
    const zip = await JSZip.loadAsync(Buffer.concat(parts));
    for (const name of Object.keys(zip.files).sort())
      if (name !== "docProps/core.xml") hash.update(name).update(await zip.files[name].async("uint8array"));
  }
  const sha256 = hash.digest("hex").slice(0, 16);
  return { ms: Math.round(ms), bytes, sha256, rssBeforeMb: Math.round(before), growthMb: Math.round(peak - before) };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

async function main() {
  const { benchUrl, apiKey } = await seededBench();
  const env = {
    STATEMENT_TIMEOUT_MS: "120000",
    // A whole register of this portfolio is above the default export limits on purpose.
    EXPORT_MAX_BYTES: String(4 * 1024 ** 3),
  };
  const nodeArgs = process.env.BENCH_NODE_ARGS?.split(" ").filter(Boolean) ?? [];
  const builds: [string, string][] = [["api", "dist/src/main.js"]];
  if (process.env.BENCH_COMPARE) builds.push(["compare", process.env.BENCH_COMPARE]);
  const servers = new Map<string, BenchApi>();
  for (const [name, main] of builds) servers.set(name, await startBenchApi(main, benchUrl, env, nodeArgs));
  const samples: Record<string, Record<string, { ms: number; bytes: number; sha256: string; growthMb: number }[]>> = {};
  try {
    for (let round = 0; round < ROUNDS; round++) {
      const order = builds.map((_, i) => builds[(i + round) % builds.length]);
      for (const [name] of order) {
        const { child, base } = servers.get(name)!;
        for (const format of FORMATS) {
          const s = await exportOnce(base, child.pid!, apiKey, format);
          ((samples[name] ??= {})[format] ??= []).push(s);
          console.log(`round ${round + 1} ${name} ${format}`, s, `load ${os.loadavg()[0].toFixed(1)}`);
        }
      }
    }
  } finally {
    for (const { child } of servers.values()) child.kill("SIGTERM");
  }
  const summary = Object.fromEntries(
    Object.entries(samples).map(([name, byFormat]) => [
      name,
      Object.fromEntries(
        Object.entries(byFormat).map(([format, xs]) => [
          format,
          {
            growthMb: { median: median(xs.map((x) => x.growthMb)), all: xs.map((x) => x.growthMb) },
            ms: { median: median(xs.map((x) => x.ms)), all: xs.map((x) => x.ms) },
            bytes: xs[0].bytes,
            sha256: [...new Set(xs.map((x) => x.sha256))],
          },
        ]),
      ),
    ]),
  );
  console.log(JSON.stringify(summary, null, 1));
  writeFileSync(
    path.join(RESULTS, "exports.json"),
    JSON.stringify({ at: new Date().toISOString(), rounds: ROUNDS, summary }, null, 2) + "\n",
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
