// Helpers for load, fuzz and fault tests: bounded concurrency, a raw HTTP GraphQL client that never
// throws on odd answers (non-JSON bodies, 5xx, timeouts), and integer settings from the environment.

/** An integer from the environment (for full counts in long tests), else the CI default. */
export function envInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return n;
}

/** Runs fn over items with at most `limit` calls in flight; results keep the order of items. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface RawResponse {
  /** HTTP status; 0 when the request failed before an answer (connection refused, reset, timeout). */
  status: number;
  /** The body as text ("" when there was none). */
  text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json?: any;
  /** Network-level failure (e.g. ECONNREFUSED, "timeout"), when status is 0. */
  failure?: string;
  ms: number;
}

/** A short reason for a failed fetch (errors may come from another realm under jest: no instanceof). */
function describe(err: unknown): string {
  const e = err as {
    name?: string;
    message?: string;
    cause?: { code?: string; message?: string; errors?: { code?: string }[] };
  } | null;
  if (e?.name === "TimeoutError" || e?.name === "AbortError") return "timeout";
  const cause = e?.cause;
  return cause?.code || cause?.errors?.[0]?.code || cause?.message || e?.message || String(err);
}

/** Sends any HTTP request and reports what happened, without throwing. */
export async function rawFetch(url: string, init: RequestInit & { timeoutMs?: number } = {}): Promise<RawResponse> {
  const started = Date.now();
  const { timeoutMs = 30_000, ...rest } = init;
  try {
    const res = await fetch(url, { ...rest, signal: AbortSignal.timeout(timeoutMs) });
    const text = await res.text();
    let json: any;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.status, text, json, ms: Date.now() - started };
  } catch (err) {
    return { status: 0, text: "", failure: describe(err), ms: Date.now() - started };
  }
}

/** POST /graphql with a JSON body (variables sent as JSON, whatever they hold). */
export function rawGql(
  url: string,
  key: string | null,
  query: string,
  variables?: unknown,
  timeoutMs?: number,
): Promise<RawResponse> {
  return rawFetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ query, variables }),
    timeoutMs,
  });
}

/** Counts of values, for reports ("200: 812, 400: 188"). */
export function tally<T>(values: readonly T[], key: (v: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) {
    const k = key(v);
    out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}
