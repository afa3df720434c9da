// UPLOAD_CONCURRENCY_PER_ORG keeps one organization from taking every place of the uploads' gate, but two did:
// two keys each sending two uploads at a byte a second held all UPLOAD_CONCURRENCY (4) places, and every other
// tenant's upload (evidence, DPA, register) was refused 503 UPLOADS_BUSY until UPLOAD_READ_TIMEOUT_MS cut them
// (120 s by default), and again as soon as they sent the next ones. (Twenty organizations sending two 25 MB
// uploads each at once: 4 stored, 36 refused, another tenant's trivial query within 2.7 s at load 12 — held by
// the gate.) Now, when every place is taken, the slowest body still arriving under 64 KB/s after 5 s gives its
// place up (503 UPLOADS_BUSY naming the rule, nothing stored) to the new upload. Real HTTP, built at test time.
import net from "node:net";
import { startTestApp, TestApp } from "../helpers/app";

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
 * byte a second, or paced at about 200 KB/s), then the closing boundary. Writing stops when the server answers or
 * closes.
 */
function upload(as: string, size: number, pace: "fast" | "byte" | "paced" = "fast"): Promise<Answer> {
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
        if (pace === "byte") {
          await write(Buffer.alloc(1, 7));
          left -= 1;
          await new Promise((r) => setTimeout(r, 1000));
        } else if (pace === "paced") {
          // About 200 KB/s: a slow office line, well above the preemption floor.
          const n = Math.min(left, 16 * 1024);
          await write(chunk.subarray(0, n));
          left -= n;
          await new Promise((r) => setTimeout(r, 80));
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
