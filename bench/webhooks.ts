// Webhook delivery: throughput (events/s to a local receiver) and the time from commit to delivery.
// Run: npm run bench:webhooks (DATABASE_URL's server with its own database, else embedded PostgreSQL
// under .data/bench). The API runs as a child process (src/main.ts, JOBS on, as deployed); the
// receiver runs here and verifies every signature with the standardwebhooks package.
//
//   1. Throughput: WEBHOOK_BENCH_BACKLOG events (default 5,000) are written to the outbox while no
//      job worker runs (as if the API had been down), then the API starts and delivers them; events/s
//      is the backlog over the time from the first to the last arrival. Once with the default
//      WEBHOOK_CONCURRENCY (16), once with 64.
//   2. Commit → delivery: WEBHOOK_BENCH_CLIENTS clients (default 4) create findings over GraphQL for
//      WEBHOOK_BENCH_SECONDS (default 20); each finding's event is timed from the moment its mutation's
//      answer arrived (the transaction had committed) to the moment the receiver got the webhook.
import "reflect-metadata";
import http from "node:http";
import path from "node:path";
import { AddressInfo } from "node:net";
import { spawn, ChildProcess } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { Webhook } from "standardwebhooks";
import { loadConfig } from "../src/config";
import { createDatabaseIfMissing, openDatabase } from "../src/db/database";
import { createDataSource } from "../src/db/data-source";
import { freePort } from "../src/db/embedded";
import { toGlobalId } from "../src/common/global-id";
import { newWebhookSecret } from "../src/modules/webhooks/signing";
import { createOrganization } from "../seeds/demo";

const ROOT = path.resolve(__dirname, "..");
const BACKLOG = Number(process.env.WEBHOOK_BENCH_BACKLOG ?? 5000);
const CLIENTS = Number(process.env.WEBHOOK_BENCH_CLIENTS ?? 4);
const SECONDS = Number(process.env.WEBHOOK_BENCH_SECONDS ?? 20);

const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;

interface Receiver {
  url: string;
  arrivals: Map<string, number>;
  copies: number;
  verified: number;
  rejected: number;
  close(): Promise<void>;
}

async function startReceiver(secret: string): Promise<Receiver> {
  const hook = new Webhook(secret);
  const r: Receiver = {
    url: "",
    arrivals: new Map(),
    copies: 0,
    verified: 0,
    rejected: 0,
    close: async () => undefined,
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const at = now();
      const id = String(req.headers["webhook-id"]);
      try {
        hook.verify(Buffer.concat(chunks).toString("utf8"), req.headers as Record<string, string>);
        r.verified++;
      } catch {
        r.rejected++;
      }
      if (r.arrivals.has(id)) r.copies++;
      else r.arrivals.set(id, at);
      res.writeHead(200).end("ok");
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  r.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  r.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return r;
}

async function startApi(
  databaseUrl: string,
  env: Record<string, string>,
): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, ["-r", "ts-node/register/transpile-only", "src/main.ts"], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: "127.0.0.1",
      SEED_DEMO_DATA: "false",
      LOG_LEVEL: "warn",
      NODE_ENV: "production",
      WEBHOOK_ALLOW_PRIVATE: "true",
      ...env,
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`the API exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/readyz`)).status === 200) return { child, url };
    } catch {
      /* not yet */
    }
    await sleep(200);
  }
  throw new Error("the API did not start within 120 s");
}

async function stopApi(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  await exited;
}

async function waitUntil(what: string, done: () => boolean, timeoutMs: number): Promise<void> {
  const started = Date.now();
  while (!done()) {
    if (Date.now() - started > timeoutMs) throw new Error(`${what}: not done within ${timeoutMs} ms`);
    await sleep(20);
  }
}

async function main(): Promise<void> {
  const env = { ...process.env };
  if (env.DATABASE_URL) env.DATABASE_URL = await createDatabaseIfMissing(env.DATABASE_URL, "tilsyn_bench_webhooks");
  const config = { ...loadConfig(env), port: 0, dataDir: path.resolve(".data/bench"), seedDemoData: false };
  const db = await openDatabase(config, console.log);
  await db.app.destroy();
  const owner = createDataSource(db.ownerUrl, 2);
  await owner.initialize();
  const results: Record<string, unknown> = {};
  try {
    const { organization, apiKey } = await createOrganization(owner, {
      name: `Webhook bench ${Date.now()}`,
      countryCode: "DK",
    });
    const org = organization.id;
    const secret = newWebhookSecret();
    const receiver = await startReceiver(secret);
    const [endpoint] = await owner.query(
      `INSERT INTO webhook_endpoint (organization_id, url, event_types) VALUES ($1, $2, '{finding.opened}') ` +
        `RETURNING id`,
      [org, receiver.url],
    );
    await owner.query(`INSERT INTO webhook_secret (organization_id, endpoint_id, secret) VALUES ($1, $2, $3)`, [
      org,
      endpoint.id,
      secret,
    ]);
    const [processor] = await owner.query(
      `INSERT INTO processor (organization_id, name) VALUES ($1, 'Bench vendor') RETURNING id`,
      [org],
    );

    // 1. Throughput from a backlog.
    for (const concurrency of [16, 64]) {
      receiver.arrivals.clear();
      receiver.copies = 0;
      const events: string[] = (
        await owner.query(
          `WITH ev AS (
             INSERT INTO event (organization_id, type, occurred_at, data)
             SELECT $1, 'finding.opened', now(), jsonb_build_object('findingId', 'QXVkaXRGaW5kaW5nOmJlbmNo' || g,
               'processorId', $3::text, 'severity', 'LOW')
               FROM generate_series(1, $2) g
             RETURNING id, organization_id, occurred_at)
           INSERT INTO webhook_delivery (organization_id, endpoint_id, event_id, next_attempt_at, created_at)
           SELECT organization_id, $4, id, occurred_at, occurred_at FROM ev RETURNING event_id`,
          [org, BACKLOG, toGlobalId("Processor", processor.id), endpoint.id],
        )
      ).map((r: { event_id: string }) => toGlobalId("Event", r.event_id));
      const started = now();
      const api = await startApi(db.ownerUrl, { WEBHOOK_CONCURRENCY: String(concurrency) });
      const up = now();
      await waitUntil(`backlog of ${BACKLOG}`, () => events.every((e) => receiver.arrivals.has(e)), 600_000);
      const times = events.map((e) => receiver.arrivals.get(e)!).sort((a, b) => a - b);
      const span = (times[times.length - 1] - times[0]) / 1000;
      results[`throughput_c${concurrency}`] = {
        events: BACKLOG,
        concurrency,
        eventsPerSecond: round(BACKLOG / span),
        firstToLastSeconds: round(span, 2),
        apiStartSeconds: round((up - started) / 1000, 1),
        copies: receiver.copies,
      };
      console.log(`throughput, concurrency ${concurrency}:`, results[`throughput_c${concurrency}`]);
      await stopApi(api.child);
    }

    // 2. Commit → delivery under a steady stream of mutations.
    receiver.arrivals.clear();
    receiver.copies = 0;
    const api = await startApi(db.ownerUrl, {});
    const committed = new Map<string, number>(); // finding id → when its mutation's answer arrived
    const mutation =
      `mutation($input: CreateFindingInput!) { createFinding(input: $input) { finding { id } userErrors { message } ` +
      `} }`;
    const until = Date.now() + SECONDS * 1000;
    const client = async (n: number) => {
      for (let i = 0; Date.now() < until; i++) {
        const res = await fetch(`${api.url}/graphql`, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${apiKey}` },
          body: JSON.stringify({
            query: mutation,
            variables: {
              input: {
                processorId: toGlobalId("Processor", processor.id),
                description: `Bench ${n}-${i}`,
                severity: "LOW",
              },
            },
          }),
        });
        const body = (await res.json()) as { data?: { createFinding?: { finding?: { id: string } } } };
        const at = now();
        const id = body.data?.createFinding?.finding?.id;
        if (id) committed.set(id, at);
      }
    };
    await Promise.all(Array.from({ length: CLIENTS }, (_, n) => client(n)));
    const eventOf = new Map<string, string>(
      (
        await owner.query(
          `SELECT id, data ->> 'findingId' AS finding FROM event WHERE organization_id = $1 AND data ->> ` +
            `'findingId' = ANY($2)`,
          [org, [...committed.keys()]],
        )
      ).map((r: { id: string; finding: string }) => [r.finding, toGlobalId("Event", r.id)]),
    );
    await waitUntil(
      "the stream's deliveries",
      () => [...eventOf.values()].every((e) => receiver.arrivals.has(e)),
      120_000,
    );
    const latencies = [...committed]
      .map(([finding, at]) => receiver.arrivals.get(eventOf.get(finding)!)! - at)
      .sort((a, b) => a - b);
    results.commitToDelivery = {
      clients: CLIENTS,
      seconds: SECONDS,
      events: latencies.length,
      mutationsPerSecond: round(latencies.length / SECONDS),
      ms: {
        p50: round(percentile(latencies, 50)),
        p95: round(percentile(latencies, 95)),
        p99: round(percentile(latencies, 99)),
        max: round(latencies[latencies.length - 1]),
        min: round(latencies[0]),
      },
      deliveredBeforeTheAnswer: latencies.filter((l) => l < 0).length,
    };
    console.log("commit → delivery:", results.commitToDelivery);
    await stopApi(api.child);
    results.signatures = { verified: receiver.verified, rejected: receiver.rejected, copies: receiver.copies };
    await receiver.close();
  } finally {
    await owner.destroy();
    await db.close();
  }
  mkdirSync(path.join(ROOT, "bench", "results"), { recursive: true });
  writeFileSync(path.join(ROOT, "bench", "results", "webhooks.json"), JSON.stringify(results, null, 2) + "\n");
  console.log(JSON.stringify(results, null, 2));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
