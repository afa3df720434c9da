// POST /evidence read the whole body before anything limited how many were read: one key's 20 uploads of 25 MB at
// once were all read into memory, hashed and inserted together, and another tenant's trivial query waited ~5.5 s;
// a body sent at a byte a second held its request until Node's own 300 s request timeout. Every multipart upload
// (POST /evidence, /imports/agreement, /imports/agreements, /imports/register) now takes a place before a byte of
// its body is read (UPLOAD_CONCURRENCY_PER_ORG per organization, UPLOAD_CONCURRENCY in all), kept until it is
// stored: none free answers 503 UPLOADS_BUSY with Retry-After, nothing read or stored. A body that has not
// arrived within UPLOAD_READ_TIMEOUT_MS answers 408 UPLOAD_TIMEOUT and its place is given back. Bound (README):
// another tenant's trivial query within 3 s while one key sends 20 uploads of 25 MB. Built at test time, real HTTP.
import { startTestApp, TestApp } from "../helpers/app";
import { rawEvidenceUpload } from "../helpers/raw-upload";
import { retryWallClockBounds } from "../helpers/wall-clock";

retryWallClockBounds();

const MB25 = 25 * 1024 * 1024;
const READ_TIMEOUT_MS = 3000;

let app: TestApp;
let port: number;
let key: string;
let otherKey: string;

beforeAll(async () => {
  // The README's pool; a short body read timeout so that the slow sender is cut within the test.
  app = await startTestApp({ dbPoolSize: 10, uploadReadTimeoutMs: READ_TIMEOUT_MS });
  port = Number(new URL(app.server.url).port);
  key = (await app.newOrganization("Upload Angreb ApS")).key;
  otherKey = (await app.newOrganization("Upload Nabo ApS")).key;
}, 60_000);

afterAll(async () => {
  await app?.stop();
});

/** POST /evidence over a raw socket (test/helpers/raw-upload.ts); `slow`: one byte a second. */
const upload = (as: string, size: number, slow = false) => rawEvidenceUpload(port, as, size, slow ? "byte" : "fast");

/** The other tenant's trivial query, again and again until `done()`; the worst wait, in ms. */
async function otherTenantWorst(done: () => boolean): Promise<number> {
  let worst = 0;
  while (!done()) {
    const t = Date.now();
    const res = await app.gql(otherKey, "{ viewer { __typename } }");
    expect(res.status).toBe(200);
    worst = Math.max(worst, Date.now() - t);
    await new Promise((r) => setTimeout(r, 20));
  }
  return worst;
}

async function storedCount(as: string): Promise<number> {
  const data = await app.ok(as, `{ evidence(first: 100) { totalCount } }`);
  return data.evidence.totalCount;
}

test("one key sends 20 uploads of 25 MB at once: the rest refused before their body, other tenant <3 s", async () => {
  expect((await app.gql(otherKey, "{ viewer { __typename } }")).status).toBe(200);
  let finished = false;
  const worstWait = otherTenantWorst(() => finished);
  const answers = await Promise.all(Array.from({ length: 20 }, () => upload(key, MB25)));
  finished = true;
  const worst = await worstWait;
  const accepted = answers.filter((a) => a.status === 201);
  const refused = answers.filter((a) => a.status !== 201);
  console.log(
    `20 × 25 MB: ${accepted.length} stored, ${refused.length} refused ` +
      `(${[...new Set(refused.map((a) => `${a.status} ${a.code}`))].join(", ")}); other tenant's worst ${worst} ms`,
  );
  // At most the organization's places (2) are read and stored at a time; the rest are refused before their body.
  expect(accepted.length).toBeGreaterThanOrEqual(1);
  expect(refused.length).toBeGreaterThanOrEqual(10);
  for (const a of refused) {
    expect([a.status, a.code, a.retryAfter]).toEqual([503, "UPLOADS_BUSY", "5"]);
    expect(a.message).toMatch(/already sends 2 uploads at once \(UPLOAD_CONCURRENCY_PER_ORG\); nothing .* stored/);
    // Refused before its file was read: far less than the file had been sent when the answer came.
    expect(a.sentBeforeAnswer).toBeLessThan(MB25 / 2);
  }
  // Nothing of the refused uploads was stored.
  expect(await storedCount(key)).toBe(accepted.length);
  // The bound the README states for another tenant while one key uploads.
  expect(worst).toBeLessThan(3000);
  // The places come back: an upload after them is stored.
  expect((await upload(key, 1024)).status).toBe(201);
}, 180_000);

test("a body sent at a byte a second is cut at UPLOAD_READ_TIMEOUT_MS (408), its place given back", async () => {
  const before = await storedCount(key);
  // Two slow senders hold the organization's two places; a third upload is refused meanwhile.
  const slow = [upload(key, 1000, true), upload(key, 1000, true)];
  await new Promise((r) => setTimeout(r, 500));
  const meanwhile = await upload(key, 1024);
  expect([meanwhile.status, meanwhile.code]).toEqual([503, "UPLOADS_BUSY"]);
  // Another organization's upload is not refused by them.
  expect((await upload(otherKey, 1024)).status).toBe(201);
  for (const a of await Promise.all(slow)) {
    expect([a.status, a.code]).toEqual([408, "UPLOAD_TIMEOUT"]);
    expect(a.message).toMatch(/within 3 s \(UPLOAD_READ_TIMEOUT_MS\); nothing was stored/);
    expect(a.answeredAfterMs).toBeGreaterThanOrEqual(READ_TIMEOUT_MS - 100);
    expect(a.answeredAfterMs).toBeLessThan(READ_TIMEOUT_MS + 5000);
  }
  expect(await storedCount(key)).toBe(before);
  expect((await upload(key, 1024)).status).toBe(201);
}, 60_000);
