// Evidence downloads were outside the exports' gate: GET /evidence/{id}/content reads the whole file (up to
// EVIDENCE_MAX_BYTES) on a pool connection and keeps it in memory while it is sent, and the evidence pack and
// manifest are written to the client inside the request transaction, so a slow reader holds a pool connection.
// One AUDITOR key with 30 downloads of a 25 MB file, or 12 slowly read packs, left another tenant's trivial query
// 503 UNAVAILABLE (no pool connection within DB_ACQUIRE_TIMEOUT_MS). They now take a slot of the exports' gate
// (EXPORT_CONCURRENCY_PER_ORG, EXPORT_CONCURRENCY): more are 429 TOO_MANY_EXPORTS with Retry-After, and another
// tenant is answered. Built at test time, real HTTP; the bound is the README's 2 s for another tenant's query.
import http from "node:http";
import { startTestApp, TestApp } from "../helpers/app";
import { retryWallClockBounds } from "../helpers/wall-clock";

retryWallClockBounds();

let app: TestApp;
let base: string;
let adminKey: string;
let otherKey: string;
let processorId: string;
let evidenceId: string;

beforeAll(async () => {
  // The pool the README's defaults give an export (5 of 10 connections for all exports together).
  app = await startTestApp({ dbPoolSize: 10, dbAcquireTimeoutMs: 3000 });
  base = app.server.url.replace(/\/graphql$/, "");
  adminKey = (await app.newOrganization("Bevis Prøve ApS")).key;
  otherKey = (await app.newOrganization("Nabo Bevis ApS")).key;
  const data = await app.ok(
    adminKey,
    `mutation { createProcessor(input: { name: "Arkiv ApS" }) { processor { id } } }`,
  );
  processorId = data.createProcessor.processor.id;
  const form = new FormData();
  for (const [k, v] of Object.entries({ kind: "OTHER", title: "Stor fil", effectiveOn: "2025-01-01", processorId }))
    form.append(k, v);
  form.append("file", new Blob([Buffer.alloc(8 * 1024 * 1024, 7)], { type: "application/octet-stream" }), "stor.bin");
  const res = await fetch(`${base}/evidence`, {
    method: "POST",
    body: form,
    headers: { authorization: `Bearer ${adminKey}` },
  });
  expect(res.status).toBe(201);
  evidenceId = ((await res.json()) as any).evidence.id;
}, 60_000);

afterAll(async () => {
  await app?.stop();
});

/** Starts a GET whose body is read slowly (paused after the first chunk); resolves with its status. */
function slowGet(path: string): { status: Promise<number>; close: () => void } {
  let req: http.ClientRequest;
  const status = new Promise<number>((resolve) => {
    req = http.get(`${base}${path}`, { headers: { authorization: `Bearer ${adminKey}` } }, (res) => {
      resolve(res.statusCode ?? 0);
      res.pause(); // the client reads nothing more: the server's side waits on a full socket
    });
    req.on("error", () => resolve(0));
  });
  return { status, close: () => req.destroy() };
}

async function otherTenantWorst(ms: number): Promise<number> {
  let worst = 0;
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const t = Date.now();
    const res = await app.gql(otherKey, "{ viewer { __typename } }");
    expect(res.status).toBe(200);
    worst = Math.max(worst, Date.now() - t);
  }
  return worst;
}

test.each([
  ["evidence content", () => `/evidence/${evidenceId}/content`],
  ["evidence pack", () => `/exports/evidence-pack.zip?processorId=${processorId}`],
])(
  "12 slowly read %s downloads of one key: the rest 429, another tenant answered within 2 s",
  async (_, path) => {
    expect((await app.gql(otherKey, "{ viewer { __typename } }")).status).toBe(200);
    const downloads = Array.from({ length: 12 }, () => slowGet(path()));
    try {
      const worst = await otherTenantWorst(5000);
      const statuses = await Promise.all(downloads.map((d) => d.status));
      console.log(`${path()}: ${statuses.join(", ")}; other tenant's worst ${worst} ms`);
      expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(2);
      expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(10);
      expect(worst).toBeLessThan(2000);
    } finally {
      for (const d of downloads) d.close();
    }
    // The slots come back: a download after them is answered whole.
    await new Promise((r) => setTimeout(r, 500));
    const res = await fetch(`${base}${path()}`, { headers: { authorization: `Bearer ${adminKey}` } });
    expect(res.status).toBe(200);
    expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(8 * 1024 * 1024 - 1);
  },
  120_000,
);
