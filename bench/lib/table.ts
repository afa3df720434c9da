// The table `npm run bench` prints (and `npm run bench:table` prints again from bench/results/latest.json): each
// target of issues 8 and 19 beside what the run measured, ratios as the median and range of the run's rounds.
import { readFileSync } from "node:fs";
import path from "node:path";

interface Load {
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
}
interface Spread {
  median: number;
  min: number;
  max: number;
}
interface Phase {
  phase: string;
  readers: { p95: number; timeouts: number; errors: number };
  writes?: { p95: number; timeouts: number; errors: number };
  spuriousAssessments: number;
}

export interface BenchResults {
  at: string;
  machine: { cpus: number; node: string };
  loadAverage?: { atStart: number; atEnd: number };
  durationS: number;
  riskRecompute: {
    coldFirst: { durationMs: number; changed: number };
    writingAll: { durationMs: number };
    unchangedMedian: { durationMs: number };
  };
  q1: {
    sqlStatements: Record<number, number>;
    api: Load;
    baseline: Load;
    rounds: unknown[];
    ratios: { apiToFloor: Spread; apiToBaseline: Spread };
    rps: Record<string, Spread>;
  };
  afterWrite: { freshMs: number; renameRatio: number; findingRatio: number };
  mixed: {
    rounds: number;
    phaseS: number;
    readers: number;
    phases: Phase[];
    p95Ratios: number[];
    finalRecompute: { changed: number };
  };
  q2: { nodes: number; sqlStatements: number; api: Load; baseline: Load; p95Ratio: number };
  q3: Record<string, { ms: number; peakGrowthMb: number; bytes?: number; records?: number }>;
  q4: Load & { rejectedWrites: number };
  startToFirstAnswer: { npmStartMs: number; nodeOnlyMs: number };
}

const f = (n: number, d = 0) => n.toLocaleString("en-US", { maximumFractionDigits: d, minimumFractionDigits: d });
const spread = (s: Spread, d = 2) => `${f(s.median, d)}× (${f(s.min, d)}–${f(s.max, d)})`;
const met = (ok: boolean) => (ok ? "met" : "MISSED");

/** The table as Markdown: measure, target, measured, met or MISSED. */
export function benchTable(r: BenchResults): string {
  const maxCount = Math.max(...Object.values(r.q1.sqlStatements));
  const writes = r.mixed.phases.filter((p) => p.writes);
  const readerTimeouts = r.mixed.phases.reduce((n, p) => n + p.readers.timeouts, 0);
  const writeTimeouts = writes.reduce((n, p) => n + p.writes!.timeouts, 0);
  const writerP95 = Math.max(...writes.map((p) => p.writes!.p95));
  const spurious = r.mixed.phases.reduce((n, p) => n + p.spuriousAssessments, 0);
  const rows: [string, string, string, string][] = [
    [
      `Q1 requests/s, API : honest floor (${r.q1.rounds.length} rounds of ${r.durationS} s)`,
      "≥ 0.5×",
      `${f(r.q1.rps.api.median, 1)} vs ${f(r.q1.rps.floor.median, 1)}: ${spread(r.q1.ratios.apiToFloor)}`,
      met(r.q1.ratios.apiToFloor.median >= 0.5),
    ],
    [
      "Q1 requests/s, API : original baseline",
      "≥ 0.5×",
      `${f(r.q1.rps.api.median, 1)} vs ${f(r.q1.rps.baseline.median, 1)}: ${spread(r.q1.ratios.apiToBaseline)}`,
      met(r.q1.ratios.apiToBaseline.median >= 0.5),
    ],
    [
      "Q1 SQL statements (first 10/50/100)",
      "≤ 6 at any page size",
      Object.values(r.q1.sqlStatements).join(" / "),
      met(maxCount <= 6),
    ],
    [
      "First Q1 after a critical finding on a sub-processor ÷ a fresh Q1 (worst of 3)",
      "≤ 1.5×",
      `${f(r.afterWrite.findingRatio, 2)}× (fresh ${f(r.afterWrite.freshMs)} ms)`,
      met(r.afterWrite.findingRatio <= 1.5),
    ],
    [
      "First Q1 after a rename ÷ a fresh Q1 (worst of 3)",
      "≤ 1.5×",
      `${f(r.afterWrite.renameRatio, 2)}×`,
      met(r.afterWrite.renameRatio <= 1.5),
    ],
    [
      `${r.mixed.readers} readers, 1 write/s: reader p95 with writes ÷ without ` +
        `(${r.mixed.rounds} rounds of ${r.mixed.phaseS} s)`,
      "≤ 2×",
      r.mixed.p95Ratios.map((x) => `${f(x, 2)}×`).join(", "),
      met(Math.max(...r.mixed.p95Ratios) <= 2),
    ],
    [
      "TIMEOUTs among readers / writers",
      "0",
      `${readerTimeouts} / ${writeTimeouts}`,
      met(!readerTimeouts && !writeTimeouts),
    ],
    ["Writer p95 (worst round)", "< 100 ms", `${f(writerP95)} ms`, met(writerP95 < 100)],
    [
      "Spurious assessments; what a full recompute changed after the writes",
      "0; 0",
      `${spurious}; ${r.mixed.finalRecompute.changed}`,
      met(!spurious && !r.mixed.finalRecompute.changed),
    ],
    [
      "Risk recompute writing 10,000 new assessments",
      "≤ 3 s",
      `${f(r.riskRecompute.writingAll.durationMs)} ms`,
      met(r.riskRecompute.writingAll.durationMs <= 3000),
    ],
    [
      "Risk recompute, 10,000 processors, nothing changed (median of 3)",
      "≤ 3 s",
      `${f(r.riskRecompute.unchangedMedian.durationMs)} ms`,
      met(r.riskRecompute.unchangedMedian.durationMs <= 3000),
    ],
    [
      "Risk recompute, first in a fresh server process",
      "",
      `${f(r.riskRecompute.coldFirst.durationMs)} ms (${f(r.riskRecompute.coldFirst.changed)} changed)`,
      "",
    ],
    [`Q2 SQL statements (${f(r.q2.nodes)} nodes)`, "1", String(r.q2.sqlStatements), met(r.q2.sqlStatements === 1)],
    [
      "Q2 p95, API ÷ the floor (median of rounds)",
      "≤ 2×",
      `${f(r.q2.api.p95)} ms vs ${f(r.q2.baseline.p95)} ms = ${f(r.q2.p95Ratio, 2)}×`,
      met(r.q2.p95Ratio <= 2),
    ],
    ...(["csv-1000", "csv", "xlsx", "json-1000"] as const).map((x): [string, string, string, string] => [
      `Export ${x.replace("-1000", "").toUpperCase()} (${x.endsWith("-1000") ? "1,000" : "10,000"} activities): ` +
        `time, size, peak RSS growth`,
      x === "json-1000" ? "" : "< 50 MB",
      `${f(r.q3[x].ms / 1000, 1)} s, ${f((r.q3[x].bytes ?? 0) / 1e6)} MB, +${f(r.q3[x].peakGrowthMb)} MB`,
      x === "json-1000" ? "" : met(r.q3[x].peakGrowthMb < 50),
    ]),
    [
      "Q3 recordsOfProcessing over GraphQL",
      "",
      `${f(r.q3.graphql.records ?? 0)} records in ${f(r.q3.graphql.ms)} ms`,
      "",
    ],
    [
      "Q4 mutation mix: req/s, p50/p95/p99 ms, rejected",
      "",
      `${f(r.q4.rps)}, ${f(r.q4.p50)}/${f(r.q4.p95)}/${f(r.q4.p99)}, ${r.q4.errors + r.q4.rejectedWrites}`,
      r.q4.errors + r.q4.rejectedWrites ? "ERRORS" : "",
    ],
    [
      "npm start → first answered query",
      "≤ 15 s",
      `${f(r.startToFirstAnswer.npmStartMs / 1000, 1)} s ` +
        `(node alone ${f(r.startToFirstAnswer.nodeOnlyMs / 1000, 1)} s)`,
      met(r.startToFirstAnswer.npmStartMs <= 15_000),
    ],
  ];
  const head = ["measure", "target", "measured", ""];
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  const load = r.loadAverage
    ? `, load average ${f(r.loadAverage.atStart, 1)} at start, ${f(r.loadAverage.atEnd, 1)} at end`
    : "";
  return [
    `Run of ${r.at.slice(0, 16).replace("T", " ")} UTC (${r.machine.cpus} cores, Node ${r.machine.node}${load}):`,
    "",
    line(head),
    line(head.map(() => "---")),
    ...rows.map(line),
  ].join("\n");
}

if (require.main === module) {
  const file = process.argv[2] ?? path.join(__dirname, "..", "results", "latest.json");
  console.log(benchTable(JSON.parse(readFileSync(file, "utf8"))));
}
