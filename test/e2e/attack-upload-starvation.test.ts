// UPLOAD_CONCURRENCY_PER_ORG keeps one organization from taking every place of the uploads' gate, but two did:
// two keys each sending two uploads at a byte a second held all UPLOAD_CONCURRENCY (4) places, and every other
// tenant's upload (evidence, DPA, register) was refused 503 UPLOADS_BUSY until UPLOAD_READ_TIMEOUT_MS cut them
// (120 s by default), and again as soon as they sent the next ones. (Twenty organizations sending two 25 MB
// uploads each at once: 4 stored, 36 refused, another tenant's trivial query within 2.7 s at load 12 — held by
// the gate.) Now, when every place is taken, the slowest body still arriving under 64 KB/s after 5 s gives its
// place up (503 UPLOADS_BUSY naming the rule, nothing stored) to the new upload. Real HTTP, built at test time.
import { startTestApp, TestApp } from "../helpers/app";
import { rawEvidenceUpload, type Pace } from "../helpers/raw-upload";
import { retryWallClockBounds } from "../helpers/wall-clock";

retryWallClockBounds();

const READ_TIMEOUT_MS = 30_000;

let app: TestApp;
let port: number;
let otherKey: string;

beforeAll(async () => {
  app = await startTestApp({ dbPoolSize: 10, uploadReadTimeoutMs: READ_TIMEOUT_MS });
  port = Number(new URL(app.server.url).port);
  otherKey = (await app.newOrganization("Upload Tredje ApS")).key;
}, 60_000);

afterAll(async () => {
  await app?.stop();
});

/** POST /evidence over a raw socket (test/helpers/raw-upload.ts). */
const upload = (as: string, size: number, pace: Pace = "fast") => rawEvidenceUpload(port, as, size, pace);

async function storedCount(as: string): Promise<number> {
  const data = await app.ok(as, `{ evidence(first: 100) { totalCount } }`);
  return data.evidence.totalCount;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test("two keys' uploads at a byte a second hold every place: another tenant's upload is stored after 5 s", async () => {
  const k1 = (await app.newOrganization("Langsom Et ApS")).key;
  const k2 = (await app.newOrganization("Langsom To ApS")).key;
  const started = Date.now();
  const slow = [k1, k1, k2, k2].map((k) => upload(k, 1000, "byte"));
  await sleep(500);
  // Within the first seconds the places are theirs: refused before its body, as before.
  const early = await upload(otherKey, 1024);
  expect([early.status, early.code]).toEqual([503, "UPLOADS_BUSY"]);
  await sleep(Math.max(0, 6000 - (Date.now() - started)));
  const t = Date.now();
  const first = await upload(otherKey, 1024);
  const firstMs = Date.now() - t;
  const second = await upload(otherKey, 1024);
  console.log(`another tenant's uploads after 6 s: ${first.status} in ${firstMs} ms, then ${second.status}`);
  expect(first.status).toBe(201);
  expect(firstMs).toBeLessThan(3000);
  expect(second.status).toBe(201);
  const answers = await Promise.all(slow);
  const preempted = answers.filter((a) => a.code === "UPLOADS_BUSY");
  expect(preempted.length).toBeGreaterThanOrEqual(1);
  for (const a of preempted) {
    expect(a.status).toBe(503);
    expect(a.retryAfter).toBe("5");
    expect(a.message).toMatch(/under 65536 \(UPLOAD_CONCURRENCY is taken and others wait\).*nothing was stored/);
    expect(a.answeredAfterMs).toBeLessThan(READ_TIMEOUT_MS);
  }
  expect(await storedCount(k1)).toBe(0);
  expect(await storedCount(k2)).toBe(0);
}, 120_000);

test("an upload arriving at an ordinary slow rate keeps its place; a byte-a-second one gives it up", async () => {
  const k1 = (await app.newOrganization("Hurtig ApS")).key;
  const k2 = (await app.newOrganization("Snegl ApS")).key;
  // 1.6 MB at about 200 KB/s: 8 s, well past the 5 s after which a slow body may be made to give its place up.
  const paced = upload(k1, 1600 * 1024, "paced");
  const slow = [k2, k2, k1].map((k) => upload(k, 1000, "byte"));
  await sleep(6000);
  const mine = await upload(otherKey, 1024);
  expect(mine.status).toBe(201);
  const kept = await paced;
  expect(kept.status).toBe(201);
  const answers = await Promise.all(slow);
  expect(answers.filter((a) => a.code === "UPLOADS_BUSY").length).toBe(1);
  expect(await storedCount(k1)).toBe(1);
}, 120_000);
