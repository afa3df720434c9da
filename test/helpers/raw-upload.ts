// POST /evidence over a raw socket, for the upload attacks: how fast the body arrives is the test's to choose (a
// byte a second, a slow office line), which fetch cannot do, and the answer may come before the body has ended.
import net from "node:net";

const BOUNDARY = "tilsynUploadAttack";

export interface Answer {
  status: number;
  code: string | null;
  message: string | null;
  retryAfter: string | null;
  /** When the answer's first byte arrived, ms after the request started. */
  answeredAfterMs: number;
  /** Bytes of the body written to the socket before the answer. */
  sentBeforeAnswer: number;
}

/** How the file's bytes are sent: 64 KB chunks at once, one byte a second, or about 200 KB/s. */
export type Pace = "fast" | "byte" | "paced";

/**
 * POST /evidence over a raw socket: the fields, then a file of `size` bytes at the given pace, then the closing
 * boundary. Writing stops when the server answers or closes.
 */

export function rawEvidenceUpload(port: number, as: string, size: number, pace: Pace = "fast"): Promise<Answer> {
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
