// One webhook request: POST the signed body, within a timeout, to an address the SSRF guard allows
// (checked on the address the socket actually connects to, so DNS cannot swap it after the check).
// A 307/308 redirect to the same origin is followed (at most 3); any other redirect is not: one to
// another host could reach what the guard protects, and 301/302/303 would turn the POST into a GET.
import http from "node:http";
import https from "node:https";
import dns from "node:dns";
import type { LookupFunction } from "node:net";
import { literalAddress, refusedAddress } from "./address.rules";
import { WebhookAttemptOutcome } from "./webhook.entity";

export interface SendOptions {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  allowPrivate: boolean;
}

export interface SendResult {
  outcome: WebhookAttemptOutcome;
  status: number | null;
  durationMs: number;
  error: string | null;
}

const MAX_REDIRECTS = 3;
/** Bytes of a response body read (and thrown away) before the connection is dropped. */
const MAX_RESPONSE_BYTES = 64 * 1024;

class Refused extends Error {
  constructor(
    message: string,
    readonly outcome: WebhookAttemptOutcome,
  ) {
    super(message);
  }
}

// Keep-alive agents: a receiver that gets many events reuses its connections.
const agents = {
  "http:": new http.Agent({ keepAlive: true, maxSockets: 64 }),
  "https:": new https.Agent({ keepAlive: true, maxSockets: 64 }),
};

/** dns.lookup that refuses private addresses: the address checked is the one connected to. */
export function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { all: true, verbatim: true }, (err, addresses) => {
      if (err) return callback(err, "", 0);
      const list = addresses as dns.LookupAddress[];
      if (!allowPrivate) {
        for (const a of list) {
          const why = refusedAddress(a.address);
          if (why)
            return callback(
              new Refused(
                `${hostname} resolves to ${why}`,
                WebhookAttemptOutcome.ADDRESS_REFUSED,
              ) as NodeJS.ErrnoException,
              "",
              0,
            );
        }
      }
      const wanted = list.filter((a) => !options.family || a.family === options.family);
      if (!wanted.length) return callback(new Error(`${hostname} has no address`) as NodeJS.ErrnoException, "", 0);
      if ((options as { all?: boolean }).all)
        return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, wanted);
      callback(null, wanted[0].address, wanted[0].family);
    });
  };
}

/** Why a URL may not be a target before anything is sent, or null. */
export function refusedUrl(url: URL, allowPrivate: boolean): string | null {
  if (url.protocol !== "http:" && url.protocol !== "https:") return "only http and https URLs can receive webhooks";
  if (url.username || url.password) return "the URL must not carry a user name or password";
  const literal = literalAddress(url.hostname);
  if (literal && !allowPrivate) return refusedAddress(literal);
  if (!literal && !allowPrivate && /^localhost$|\.localhost$/i.test(url.hostname.replace(/\.$/, "")))
    return `${url.hostname} is a loopback name`;
  return null;
}

function describe(err: unknown): { outcome: WebhookAttemptOutcome; error: string } {
  if (err instanceof Refused) return { outcome: err.outcome, error: err.message };
  const e = err as NodeJS.ErrnoException;
  const code = e?.code ? `${e.code}: ` : "";
  return { outcome: WebhookAttemptOutcome.NETWORK_ERROR, error: `${code}${e?.message ?? String(err)}`.slice(0, 500) };
}

function requestOnce(
  url: URL,
  options: SendOptions,
  signal: AbortSignal,
): Promise<{ status: number; location: string | null }> {
  return new Promise((resolve, reject) => {
    const transport = url.protocol === "https:" ? https : http;
    const req = transport.request(
      url,
      {
        method: "POST",
        headers: { ...options.headers, "content-length": Buffer.byteLength(options.body) },
        agent: agents[url.protocol as "http:" | "https:"],
        lookup: guardedLookup(options.allowPrivate),
        signal,
      },
      (res) => {
        let read = 0;
        const status = res.statusCode ?? 0;
        const location = typeof res.headers.location === "string" ? res.headers.location : null;
        res.on("data", (chunk: Buffer) => {
          read += chunk.length;
          // Nobody reads a webhook answer; a receiver that streams one is cut off.
          if (read > MAX_RESPONSE_BYTES) res.destroy();
        });
        res.on("end", () => resolve({ status, location }));
        res.on("close", () => resolve({ status, location }));
        res.on("error", () => resolve({ status, location }));
      },
    );
    req.on("error", reject);
    req.end(options.body);
  });
}

/** Sends one webhook request and says how it went; never throws. */
export async function sendWebhook(options: SendOptions): Promise<SendResult> {
  const started = performance.now();
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs);
  const done = (outcome: WebhookAttemptOutcome, status: number | null, error: string | null): SendResult => ({
    outcome,
    status,
    durationMs: Math.round(performance.now() - started),
    error,
  });
  try {
    let url = new URL(options.url);
    for (let hop = 0; ; hop++) {
      const refused = refusedUrl(url, options.allowPrivate);
      if (refused) return done(WebhookAttemptOutcome.ADDRESS_REFUSED, null, refused);
      const { status, location } = await requestOnce(url, options, controller.signal);
      if (controller.signal.aborted)
        return done(WebhookAttemptOutcome.TIMEOUT, status, `no complete answer within ${options.timeoutMs} ms`);
      if (status >= 200 && status < 300) return done(WebhookAttemptOutcome.SUCCEEDED, status, null);
      if (status >= 300 && status < 400 && location) {
        const next = new URL(location, url);
        if ((status !== 307 && status !== 308) || next.origin !== url.origin)
          return done(
            WebhookAttemptOutcome.REDIRECT_REFUSED,
            status,
            `redirect to ${next.origin} not followed: only 307/308 to the same origin are; update the endpoint's URL`,
          );
        if (hop >= MAX_REDIRECTS) return done(WebhookAttemptOutcome.REDIRECT_REFUSED, status, "too many redirects");
        url = next;
        continue;
      }
      return done(WebhookAttemptOutcome.HTTP_ERROR, status, `the receiver answered ${status}`);
    }
  } catch (err) {
    if (controller.signal.aborted)
      return done(WebhookAttemptOutcome.TIMEOUT, null, `no complete answer within ${options.timeoutMs} ms`);
    const { outcome, error } = describe(err);
    return done(outcome, null, error);
  } finally {
    clearTimeout(timer);
  }
}
