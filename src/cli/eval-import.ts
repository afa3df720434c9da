// Runs the DPA importer over every labelled document and prints precision and recall per field
// (across documents) and per document, plus a citation check (every value cites an exact span).
//   --seed-only     only the three seed DPAs
//   --min-seed N    exit 1 if any seed-document field is below N % precision or recall, or a citation is invalid
//   --json          print a JSON summary instead of the tables
import path from "node:path";
import {
  evaluateDocument,
  loadLabels,
  precision,
  recall,
  sum,
  type Count,
  type DocumentScore,
} from "../modules/dpa-import/extract/evaluation";

const REPO_ROOT = path.resolve(__dirname, "..", "..");

interface Options {
  seedOnly: boolean;
  minSeed: number | null;
  json: boolean;
}

function options(argv: string[]): Options {
  const at = argv.indexOf("--min-seed");
  return {
    seedOnly: argv.includes("--seed-only"),
    minSeed: at >= 0 ? Number(argv[at + 1]) : null,
    json: argv.includes("--json"),
  };
}

const percent = (x: number | null) => (x === null ? "   –  " : `${(x * 100).toFixed(1).padStart(5)}%`);

function byField(scores: DocumentScore[]): Map<string, Count> {
  const fields = new Map<string, Count[]>();
  for (const s of scores) for (const [f, c] of Object.entries(s.fields)) fields.set(f, [...(fields.get(f) ?? []), c]);
  return new Map([...fields.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([f, cs]) => [f, sum(cs)]));
}

function table(rows: [string, Count][], title: string): string {
  const width = Math.max(title.length, ...rows.map(([n]) => n.length));
  const lines = [`${title.padEnd(width)}   TP   FP   FN  precision  recall`];
  for (const [name, c] of rows)
    lines.push(
      `${name.padEnd(width)} ${String(c.tp).padStart(4)} ${String(c.fp).padStart(4)} ${String(c.fn).padStart(4)}  ` +
        `   ${percent(precision(c))}  ${percent(recall(c))}`,
    );
  return lines.join("\n");
}

/** Seed-document fields below the threshold, and invalid citations: each a reason to fail. */
function seedFailures(scores: DocumentScore[], min: number): string[] {
  const failures: string[] = [];
  for (const s of scores.filter((d) => d.source === "seed")) {
    for (const [field, c] of Object.entries(s.fields)) {
      const p = precision(c);
      const r = recall(c);
      if ((p !== null && p * 100 < min) || (r !== null && r * 100 < min))
        failures.push(`${s.document} ${field}: precision ${percent(p).trim()}, recall ${percent(r).trim()}`);
    }
    for (const i of s.citations.invalid) failures.push(`${s.document} citation ${i}`);
  }
  return failures;
}

function main() {
  const opts = options(process.argv.slice(2));
  const labels = loadLabels(REPO_ROOT).filter((l) => !opts.seedOnly || l.source === "seed");
  const scores = labels.map((l) => evaluateDocument(REPO_ROOT, l));
  const fields = byField(scores);
  const failures = opts.minSeed === null ? [] : seedFailures(scores, opts.minSeed);

  if (opts.json) {
    const summary = {
      fields: Object.fromEntries(
        [...fields].map(([f, c]) => [f, { ...c, precision: precision(c), recall: recall(c) }]),
      ),
      documents: scores.map((s) => {
        const total = sum(Object.values(s.fields));
        return {
          document: s.document,
          source: s.source,
          ...total,
          precision: precision(total),
          recall: recall(total),
          error: s.error ?? null,
          citations: s.citations,
        };
      }),
      failures,
    };
    console.log(JSON.stringify(summary, null, 2));
  } else {
    console.log(table([...fields], "field"));
    console.log();
    console.log(
      table(
        scores.map((s) => [s.document, sum(Object.values(s.fields))]),
        "document",
      ),
    );
    console.log();
    for (const s of scores) {
      const status = s.citations.invalid.length ? `${s.citations.invalid.length} INVALID` : "all exact spans";
      console.log(
        `citations ${s.document}: ${s.citations.total} values, ${status}${s.error ? ` (threw ${s.error})` : ""}`,
      );
      for (const i of s.citations.invalid) console.log(`  ${i}`);
    }
    if (failures.length) {
      console.log(`\nSeed documents below ${opts.minSeed} %:`);
      for (const f of failures) console.log(`  ${f}`);
    }
  }
  if (failures.length) process.exitCode = 1;
}

main();
