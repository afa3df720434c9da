// Issue 15, item 6: what an attacker with one key (or none) can do to the service, short of taking it
// down: failed-authentication throttling, no transaction before a key is accepted, revocation at commit,
// and bad input on read filters, cursors, variables and headers answered without INTERNAL.
import { startTestApp, TestApp } from "../helpers/app";
import { Role } from "../../src/common/auth";

let app: TestApp;
let admin: string;

const WINDOW_MS = 1500;

beforeAll(async () => {
  app = await startTestApp({ authFailuresPerAddress: 8, authFailuresPerKey: 3, authThrottleWindowMs: WINDOW_MS });
  ({ key: admin } = await app.newOrganization("Hardening Org", Role.ADMIN));
});
afterAll(() => app.stop());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function post(key: string | null, query: string, variables?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(app.server.url, {
    method: "POST",
    headers: { "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}), ...headers },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(20_000),
  });
  const text = await res.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

function wrongSecretFor(key: string): string {
  const [prefix] = key.split(".");
  return `${prefix}.${"A".repeat(43)}`;
}

describe("failed-authentication throttling", () => {
  test("a key prefix with too many wrong secrets gets 429 THROTTLED with Retry-After, its right key too", async () => {
    const { key } = await app.newOrganization("Guessed Org", Role.VIEWER);
    await sleep(WINDOW_MS); // a fresh window for the address
    for (let i = 0; i < 3; i++) expect((await post(wrongSecretFor(key), "{ viewer { role } }")).status).toBe(401);
    const throttled = await post(key, "{ viewer { role } }");
    expect(throttled.status).toBe(429);
    expect(throttled.json.errors[0].extensions.code).toBe("THROTTLED");
    expect(Number(throttled.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    // Another key from the same address is not throttled (the address has 3 failures of 8).
    expect((await post(admin, "{ viewer { role } }")).status).toBe(200);
    await sleep(WINDOW_MS + 100);
    expect((await post(key, "{ viewer { role } }")).status).toBe(200);
  });

  test("a client address with too many failures gets 429 on GraphQL and on the plain endpoints", async () => {
    await sleep(WINDOW_MS);
    for (let i = 0; i < 8; i++) {
      const bad = `tsk_${i.toString(16).padStart(12, "0")}.${"B".repeat(43)}`;
      expect((await post(bad, "{ viewer { role } }")).status).toBe(401);
    }
    const graphql = await post(admin, "{ viewer { role } }");
    expect(graphql.status).toBe(429);
    expect(graphql.headers.get("retry-after")).toMatch(/^[12]$/);
    const plain = await fetch(app.server.url.replace(/\/graphql$/, "/exports/ropa.csv"), {
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(plain.status).toBe(429);
    expect(plain.headers.get("retry-after")).toMatch(/^[12]$/);
    expect(((await plain.json()) as any).error.code).toBe("THROTTLED");
    await sleep(WINDOW_MS + 100);
    expect((await post(admin, "{ viewer { role } }")).status).toBe(200);
  });
});
