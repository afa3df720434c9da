// A webhook receiver on localhost: records every request it gets (headers, raw body, the answer it
// gave) and verifies each signature with the standardwebhooks package (the Standard Webhooks project's
// library), as a real receiver would. `answer` decides the status of each request; "hang" never answers.
import http from "node:http";
import { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";

export interface ReceivedWebhook {
  path: string;
  headers: Record<string, string>;
  body: string;
  /** The status it answered (0: it never answered). */
  status: number;
  /** Whether the Standard Webhooks library accepted the signature (null: no secret known for the path). */
  verified: boolean | null;
  /** The parsed body when verified. */
  payload: { type: string; timestamp: string; data: Record<string, any> } | null;
  webhookId: string;
  at: number;
}

export type Answer = number | "hang" | { status: number; location?: string; delayMs?: number };

export interface WebhookReceiver {
  url: string;
  port: number;
  received: ReceivedWebhook[];
  /** Secrets by path (an endpoint's secret, to verify what arrives there). */
  secrets: Map<string, string>;
  answer: (req: ReceivedWebhook, n: number) => Answer;
  /** Resolves when `predicate` holds for the received list (checked on every request), or rejects after timeoutMs. */
  waitFor(predicate: (received: ReceivedWebhook[]) => boolean, timeoutMs?: number): Promise<void>;
  /** Drops the connections of requests it is holding (answer "hang"). */
  releaseHung(): void;
  close(): Promise<void>;
}

export async function startReceiver(host = "127.0.0.1"): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const waiters: { predicate: (r: ReceivedWebhook[]) => boolean; resolve: () => void }[] = [];
  const hung = new Set<http.ServerResponse>();
  const check = () => {
    for (const w of [...waiters])
      if (w.predicate(received)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
  };
  const receiver: WebhookReceiver = {
    url: "",
    port: 0,
    received,
    secrets: new Map(),
    answer: () => 200,
    waitFor(predicate, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        if (predicate(received)) return resolve();
        const timer = setTimeout(() => {
          waiters.splice(
            waiters.findIndex((w) => w.resolve === done),
            1,
          );
          reject(
            new Error(`receiver: condition not met within ${timeoutMs} ms (${received.length} requests received)`),
          );
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          resolve();
        };
        waiters.push({ predicate, resolve: done });
      });
    },
    releaseHung() {
      for (const res of hung) res.destroy();
      hung.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        receiver.releaseHung();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const headers = Object.fromEntries(
        Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(", ") : (v ?? "")]),
      );
      const path = req.url ?? "/";
      const secret = receiver.secrets.get(path.split("?")[0]);
      let verified: boolean | null = null;
      let payload: ReceivedWebhook["payload"] = null;
      if (secret) {
        try {
          payload = new Webhook(secret).verify(body, headers) as ReceivedWebhook["payload"];
          verified = true;
        } catch {
          verified = false;
        }
      }
      const entry: ReceivedWebhook = {
        path,
        headers,
        body,
        status: 0,
        verified,
        payload,
        webhookId: headers["webhook-id"] ?? "",
        at: Date.now(),
      };
      received.push(entry);
      const answer = receiver.answer(entry, received.length);
      const send = (status: number, location?: string) => {
        entry.status = status;
        res.writeHead(status, location ? { location } : {});
        res.end(status >= 300 ? "no" : "ok");
        check();
      };
      if (answer === "hang") {
        hung.add(res);
        check();
      } else if (typeof answer === "number") send(answer);
      else if (answer.delayMs) setTimeout(() => send(answer.status, answer.location), answer.delayMs);
      else send(answer.status, answer.location);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  receiver.port = (server.address() as AddressInfo).port;
  receiver.url = `http://${host}:${receiver.port}`;
  return receiver;
}
