// POST /evidence read the whole body before anything limited how many were read: one key's 20 uploads of 25 MB at
// once were all read into memory, hashed and inserted together, and another tenant's trivial query waited ~5.5 s;
// a body sent at a byte a second held its request until Node's own 300 s request timeout. Every multipart upload
// (POST /evidence, /imports/agreement, /imports/agreements, /imports/register) now takes a place before a byte of
// its body is read (UPLOAD_CONCURRENCY_PER_ORG per organization, UPLOAD_CONCURRENCY in all), kept until it is
// stored: none free answers 503 UPLOADS_BUSY with Retry-After, nothing read or stored. A body that has not
// arrived within UPLOAD_READ_TIMEOUT_MS answers 408 UPLOAD_TIMEOUT and its place is given back. Bound (README):
// another tenant's trivial query within 3 s while one key sends 20 uploads of 25 MB. Built at test time, real HTTP.
import net from "node:net";
import { startTestApp, TestApp } from "../helpers/app";

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

const BOUNDARY = "tilsynUploadAttack";

interface Answer {
  status: number;
  code: string | null;
  message: string | null;
  retryAfter: string | null;
  /** When the answer's first byte arrived, ms after the request started. */
  answeredAfterMs: number;
  /** Bytes of the body written to the socket before the answer. */
  sentBeforeAnswer: number;
}

/**
 * POST /evidence over a raw socket: the fields, then a file of `size` bytes written in 64 KB chunks (or `slow`: one
 * byte a second), then the closing boundary. Writing stops when the server answers or closes.
 */
function upload(as: string, size: number, slow = false): Promise<Answer> {
  const head =
    ["kind", "OTHER", "title", "Angreb", "effectiveOn", "2026-01-01"]
      .reduce<string[]>((acc, v, i, all) => {
        if (i % 2 === 0)
          acc.push(`--${BOUNDARY}\r\ncontent-disposition: form-data; name="${v}"\r\n\r\n${all[i + 1]}\r\n`);
        return acc;
      }, [])
      .join("") +
    `--${BOUNDARY}\r\ncontent-disposition: form-data; name="file"; filename="stor.bin"\r\n` +
    `content-type: application/octet-stream\r\n\r\n`;
  const tail = `\r\n--${BOUNDARY}--\r\n`;
  const length = Buffer.byteLength(head) + size + Buffer.byteLength(tail);
  const started = Date.now();
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    let answer = Buffer.alloc(0);
    let answeredAt = 0;
    let sent = 0;
    let sentBeforeAnswer = 0;
    let closed = false;
    socket.on("data", (d) => {
      if (!answeredAt) {
        answeredAt = Date.now();
        sentBeforeAnswer = sent;
      }
      answer = Buffer.concat([answer, d]);
    });
    socket.on("error", () => undefined);
    socket.on("close", () => {
      closed = true;
      const text = answer.toString("utf8");
      const status = Number(/^HTTP\/1\.1 (\d+)/.exec(text)?.[1] ?? 0);
      resolve({
        status,
        code: /"code":"([A-Z_]+)"/.exec(text)?.[1] ?? null,
        message: /"message":"([^"]*)"/.exec(text)?.[1] ?? null,
        retryAfter: /\r\nretry-after: *(\d+)/i.exec(text)?.[1] ?? null,
        answeredAfterMs: answeredAt ? answeredAt - started : -1,
        sentBeforeAnswer: answeredAt ? sentBeforeAnswer : sent,
      });
    });
    let wake = () => undefined as void;
    socket.on("close", () => wake());
    const write = (chunk: Buffer | string) =>
      new Promise<void>((next) => {
        if (closed || answeredAt) return next();
        sent += typeof chunk === "string" ? Buffer.byteLength(chunk) : chunk.length;
        if (socket.write(chunk)) return next();
        wake = next;
        socket.once("drain", () => next());
      });
    void (async () => {
      await write(
        `POST /evidence HTTP/1.1\r\nhost: tilsyn\r\nauthorization: Bearer ${as}\r\nconnection: close\r\n` +
          `content-type: multipart/form-data; boundary=${BOUNDARY}\r\ncontent-length: ${length}\r\n\r\n`,
      );
      sent = 0;
      await write(head);
      const chunk = Buffer.alloc(64 * 1024, 7);
      for (let left = size; left > 0 && !closed && !answeredAt;) {
        if (slow) {
          await write(Buffer.alloc(1, 7));
          left -= 1;
          await new Promise((r) => setTimeout(r, 1000));
        } else {
          const n = Math.min(left, chunk.length);
          await write(n === chunk.length ? chunk : chunk.subarray(0, n));
          left -= n;
        }
      }
      await write(tail);
    })();
    setTimeout(() => socket.destroy(), 120_000).unref();
  });
}

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
