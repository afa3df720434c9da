// Issue 15, item 6: what an attacker with one key (or none) can do to the service, short of taking it
// down: failed-authentication throttling, no transaction before a key is accepted, revocation at commit,
// and bad input on read filters, cursors, variables and headers answered without INTERNAL.
import { createHash } from "node:crypto";
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
  return postBody(key, JSON.stringify({ query, variables }), headers);
}

async function postBody(key: string | null, body: string, headers: Record<string, string> = {}) {
  const res = await fetch(app.server.url, {
    method: "POST",
    headers: { "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}), ...headers },
    body,
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

/** A GraphQL answer that refuses an argument: BAD_USER_INPUT naming it, never INTERNAL or a 5xx. */
function expectRefused(res: Awaited<ReturnType<typeof post>>, names: RegExp) {
  expect(res.status).toBeLessThan(500);
  const codes = (res.json?.errors ?? []).map((e: any) => e.extensions?.code);
  expect(codes).not.toContain("INTERNAL");
  expect(codes.length).toBeGreaterThan(0);
  expect(codes.every((c: string) => ["BAD_USER_INPUT", "GRAPHQL_VALIDATION_FAILED", "BAD_REQUEST"].includes(c))).toBe(
    true,
  );
  expect(res.json.errors[0].message).toMatch(names);
  expect(res.text).not.toMatch(/\bat [\w.<>]+ \(|node_modules|invalid input syntax|QueryFailedError/);
}

const LONG = "x".repeat(5000);
const FREE_TEXT_FILTERS: [string, string, unknown, RegExp][] = [
  ["ProcessorFilter.search", "query($v: String) { processors(filter: { search: $v }) { totalCount } }", LONG, /search/],
  [
    "ProcessorFilter.countryCode",
    "query($v: String) { processors(filter: { countryCode: $v }) { totalCount } }",
    LONG,
    /countryCode/,
  ],
  [
    "ProcessorFilter.riskFactors",
    "query($v: [String!]) { processors(filter: { riskFactors: $v }) { totalCount } }",
    [LONG],
    /riskFactors/,
  ],
  [
    "RecordFilter.search",
    "query($v: String) { recordsOfProcessing(filter: { search: $v }) { records { __typename } } }",
    LONG,
    /search/,
  ],
  [
    "AuditLogFilter.entityType",
    "query($v: String) { auditLog(filter: { entityType: $v }) { totalCount } }",
    LONG,
    /entityType/,
  ],
  ["EventFilter.types", "query($v: [String!]) { events(filter: { types: $v }) { totalCount } }", [LONG], /types/],
  [
    "TransferExposureFilter.country",
    "query($v: String) { transferExposure(filter: { country: $v }) { processor { id } } }",
    LONG,
    /country/,
  ],
  ["dataCategories(keyPrefix)", "query($v: String) { dataCategories(keyPrefix: $v) { key } }", LONG, /keyPrefix/],
  ["jobs(queue)", "query($v: String) { jobs(queue: $v) { id } }", LONG, /queue/],
];

describe("read filters", () => {
  test.each(FREE_TEXT_FILTERS)("%s: a 5,000-character value is refused naming the field", async (_, q, v, name) => {
    const res = await post(admin, q, { v });
    expectRefused(res, name);
    expect(res.json.errors[0].message).toMatch(/at most \d+ characters/);
  });

  test.each(FREE_TEXT_FILTERS)("%s: a NUL byte is refused naming the field", async (_, q, v, name) => {
    const res = await post(admin, q, { v: Array.isArray(v) ? ["a\u0000b"] : "a\u0000b" });
    expectRefused(res, name);
  });

  test("a search of the maximum length is answered", async () => {
    const res = await post(admin, "query($v: String) { processors(filter: { search: $v }) { totalCount } }", {
      v: "%_".repeat(100),
    });
    expect(res.status).toBe(200);
    expect(res.json.data.processors.totalCount).toBe(0);
  });
});

describe("cursors", () => {
  const b64 = (v: unknown) => Buffer.from(typeof v === "string" ? v : JSON.stringify(v), "utf8").toString("base64url");
  const FORGED: [string, string][] = [
    ["NUL in the value", b64(["a\u0000", "00000000-0000-0000-0000-000000000000"])],
    ["NUL in the id", b64(["a", "\u0000"])],
    ["an id that is no UUID", b64(["a", "not-a-uuid"])],
    ["an object as the value", b64([{ a: 1 }, "00000000-0000-0000-0000-000000000000"])],
    ["not JSON", b64("[[[")],
    ["a raw NUL", "\u0000"],
    ["a huge cursor", b64(["x".repeat(100_000), "00000000-0000-0000-0000-000000000000"])],
  ];
  const NOT_A_DATE = b64(["yesterday", "00000000-0000-0000-0000-000000000000"]);
  const NOT_A_NUMBER = b64(["1e999999", "00000000-0000-0000-0000-000000000000"]);
  /** Each list, and a cursor whose sort value does not fit its sort column (none for a text column). */
  const LISTS: [string, string, string | null][] = [
    [
      "processors by name",
      "query($a: String) { processors(after: $a, orderBy: { field: NAME }) { totalCount } }",
      null,
    ],
    [
      "processors by date",
      "query($a: String) { processors(after: $a, orderBy: { field: CREATED_AT }) { edges { cursor } } }",
      NOT_A_DATE,
    ],
    [
      "processors by risk",
      "query($a: String) { processors(after: $a, orderBy: { field: RISK }) { totalCount } }",
      NOT_A_NUMBER,
    ],
    ["evidence", "query($a: String) { evidence(after: $a) { edges { cursor } } }", NOT_A_DATE],
    ["events", "query($a: String) { events(after: $a) { edges { cursor } } }", NOT_A_DATE],
    ["findings", "query($a: String) { findings(after: $a) { edges { cursor } } }", NOT_A_DATE],
    ["processingActivities", "query($a: String) { processingActivities(after: $a) { edges { cursor } } }", null],
    ["auditLog", "query($a: String) { auditLog(after: $a) { edges { cursor } } }", NOT_A_DATE],
  ];
  const cases = LISTS.flatMap(([list, q, misfit]) =>
    [...FORGED, ...(misfit ? [["a sort value that does not fit the column", misfit] as [string, string]] : [])].map(
      ([what, a]) => [list, what, q, a] as const,
    ),
  );
  test.each(cases)("%s, a forged cursor with %s, is refused as BAD_USER_INPUT naming after", async (_, __, q, a) => {
    const res = await post(admin, q, { a });
    expectRefused(res, /after/);
  });
});

describe("deep JSON variables", () => {
  // Written by hand: JSON.stringify itself runs out of stack on 10,000 levels.
  const deepList = (depth: number) => "[".repeat(depth) + '"x"' + "]".repeat(depth);
  const deepObject = (depth: number) => '{"a":'.repeat(depth) + '"x"' + "}".repeat(depth);
  const body = (query: string, name: string, json: string) =>
    `{"query":${JSON.stringify(query)},"variables":{"${name}":${json}}}`;
  const expectAnswered = (res: Awaited<ReturnType<typeof post>>) => {
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.json?.errors?.[0]?.extensions?.code).toMatch(/^(BAD_REQUEST|BAD_USER_INPUT|GRAPHQL_VALIDATION_FAILED)$/);
    expect(res.text).not.toMatch(/INTERNAL|Maximum call stack|\bat [\w.<>]+ \(/);
  };
  test.each([
    ["a list of strings", "query($v: [String!]) { events(filter: { types: $v }) { totalCount } }"],
    ["a string", "query($v: String) { processors(filter: { search: $v }) { totalCount } }"],
  ])("a 10,000-deep list for %s answers a 400", async (_, q) => {
    expectAnswered(await postBody(admin, body(q, "v", deepList(10_000))));
  });
  test("a 10,000-deep list for a variable the query does not declare answers a 400", async () => {
    expectAnswered(await postBody(admin, body("{ __typename }", "undeclared", deepList(10_000))));
  });
  test("a 10,000-deep object for an input object answers a 400", async () => {
    const q = "query($f: ProcessorFilter) { processors(filter: $f) { totalCount } }";
    expectAnswered(await postBody(admin, body(q, "f", deepObject(10_000))));
  });
  test("10,000-deep JSON for a JSON scalar answers a 400", async () => {
    const q =
      'mutation($d: JSONObject!) { saveRiskModel(input: { version: "deep", definition: $d }) { userErrors { code } } }';
    const res = await postBody(admin, body(q, "d", deepObject(10_000)));
    console.log(res.status, res.text.slice(0, 500));
    expectAnswered(res);
  });
  test("JSON 50 levels deep is still read", async () => {
    const q = "query($v: [String!]) { events(filter: { types: $v }) { totalCount } }";
    const res = await postBody(admin, body("{ __typename }", "undeclared", deepList(50)));
    expect(res.status).toBe(200);
    expect((await post(admin, q, { v: ["processor.created"] })).status).toBe(200);
  });
});

describe("plain endpoints", () => {
  const base = () => app.server.url.replace(/\/graphql$/, "");
  test.each([
    ["/exports/evidence-manifest?kinds=AUDIT_REPORT&kinds=DPA", "kinds"],
    ["/exports/evidence-manifest?format=csv&format=json", "format"],
    ["/exports/evidence-manifest?from=2024-01-01&from=2024-02-01", "from"],
    ["/exports/evidence-manifest?processorId=a%00b", "processorId"],
    ["/exports/evidence-manifest?processorId=UHJvY2Vzc29yOm5vdC1hLXV1aWQ", "processorId"],
    ["/exports/ropa.csv?granularity=activity&granularity=recipient", "granularity"],
    ["/exports/ropa.csv?processorId=a%00b", "processorId"],
  ])("GET %s answers 400 naming %s", async (path, field) => {
    const res = await fetch(base() + path, { headers: { authorization: `Bearer ${admin}` } });
    const text = await res.text();
    expect(res.status).toBe(400);
    expect(JSON.parse(text).error.field).toBe(field);
    expect(text).not.toMatch(/\bat [\w.<>]+ \(|node_modules|TypeError/);
  });
});

describe("no transaction before a key is accepted", () => {
  test("a refused key, or a request Apollo refuses, runs at most the key lookup and opens no transaction", async () => {
    const { key } = await app.newOrganization("Lookup Org", Role.VIEWER);
    await sleep(WINDOW_MS);
    const statements: string[] = [];
    const logger = app.db.app.logger;
    const original = logger.logQuery.bind(logger);
    logger.logQuery = (query, parameters, queryRunner) => {
      statements.push(query);
      original(query, parameters, queryRunner);
    };
    try {
      const unknownPrefix = `tsk_${"f".repeat(12)}.${"C".repeat(43)}`;
      expect((await post(unknownPrefix, "{ viewer { role } }")).status).toBe(401);
      expect((await post(wrongSecretFor(key), "{ viewer { role } }")).status).toBe(401);
      expect((await post("nonsense", "{ viewer { role } }")).status).toBe(401);
      expect((await postBody(key, "{}")).status).toBe(400);
      expect((await post(key, "{ nope }")).status).toBe(400);
      expect((await post(key, "{ viewer {")).status).toBe(400);
      expect(statements.filter((s) => /^(START TRANSACTION|BEGIN)/i.test(s))).toEqual([]);
      // Two refused keys and three refused requests with an accepted key: one lookup each, nothing else.
      expect(statements).toHaveLength(5);
      expect(statements.every((s) => s.includes("app_find_api_key"))).toBe(true);
      statements.length = 0;
      expect((await post(key, "{ viewer { role } }")).status).toBe(200);
      expect(statements.some((s) => /^START TRANSACTION/i.test(s))).toBe(true);
    } finally {
      logger.logQuery = original;
    }
  });
});

describe("revocation", () => {
  test("a key revoked while its request waits on a lock does not commit: 401, nothing written", async () => {
    const { key } = await app.newOrganization("Revoked Org", Role.EDITOR);
    await sleep(WINDOW_MS);
    const created = await post(
      key,
      'mutation { createProcessor(input: { name: "Before" }) { processor { id } userErrors { code } } }',
    );
    const processorId: string = created.json.data.createProcessor.processor.id;
    const [{ id: keyId }] = await app.db.owner.query("SELECT id FROM api_key WHERE prefix = $1", [key.slice(4, 16)]);
    // Recently used: the request does not touch the key's row (which would make the revocation wait).
    await app.db.owner.query("UPDATE api_key SET last_used_at = now() WHERE id = $1", [keyId]);
    const lock = app.db.owner.createQueryRunner();
    await lock.connect();
    await lock.startTransaction();
    try {
      await lock.query("SELECT 1 FROM processor WHERE name = 'Before' FOR UPDATE");
      const pending = post(
        key,
        'mutation($id: ID!) { updateProcessor(input: { id: $id, name: "After" }) { processor { name } ' +
          "userErrors { code } } }",
        { id: processorId },
      );
      // Wait until the update waits on the row lock.
      for (let i = 0; i < 100; i++) {
        const [{ n }] = await app.db.owner.query(
          "SELECT count(*)::int AS n FROM pg_stat_activity " +
            "WHERE datname = current_database() AND wait_event_type = 'Lock'",
        );
        if (n > 0) break;
        await sleep(50);
      }
      await app.db.owner.query("UPDATE api_key SET revoked_at = now() WHERE id = $1", [keyId]);
      await lock.commitTransaction();
      const res = await pending;
      expect(res.status).toBe(401);
      expect(res.json.errors[0].extensions.code).toBe("UNAUTHENTICATED");
      expect(res.json.data ?? null).toBeNull();
    } finally {
      if (lock.isTransactionActive) await lock.rollbackTransaction();
      await lock.release();
    }
    const [{ name }] = await app.db.owner.query("SELECT name FROM processor WHERE name IN ('Before', 'After')");
    expect(name).toBe("Before");
    expect(await idleInTransaction()).toBe(0);
  });
});

async function idleInTransaction(): Promise<number> {
  const [{ n }] = await app.db.owner.query(
    `SELECT count(*)::int AS n FROM pg_stat_activity
      WHERE datname = current_database() AND state LIKE 'idle in transaction%' AND pid <> pg_backend_pid()`,
  );
  return n;
}

describe("request ids", () => {
  test("a client X-Request-Id is taken only when it is a UUID; the audit log stores the id taken", async () => {
    const uuid = "6f1e9a52-3c7d-4b8e-9f00-1234567890ab";
    const taken = await post(admin, "{ viewer { role } }", undefined, { "x-request-id": uuid });
    expect(taken.headers.get("x-request-id")).toBe(uuid);
    const forged = "'; DROP TABLE audit_log; --\u00e6";
    const res = await post(
      admin,
      'mutation { createProcessor(input: { name: "Request Id Co" }) { processor { id } userErrors { code } } }',
      undefined,
      { "x-request-id": encodeURIComponent(forged) },
    );
    const id = res.headers.get("x-request-id");
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const rows = await app.db.owner.query(
      "SELECT DISTINCT request_id FROM audit_log WHERE entity = 'processor' AND after->>'name' = 'Request Id Co'",
    );
    expect(rows).toEqual([{ request_id: id }]);
  });
});

describe("automatic persisted queries", () => {
  test("are off: one tenant cannot confirm another tenant's query text by its hash", async () => {
    const { key: other } = await app.newOrganization("APQ Other Org", Role.VIEWER);
    const query = '{ processors(filter: { search: "Secret Acquisition Target" }) { totalCount } }';
    const sha256Hash = createHash("sha256").update(query).digest("hex");
    const extensions = { persistedQuery: { version: 1, sha256Hash } };
    const first = await postBody(admin, JSON.stringify({ query, extensions }));
    expect(first.json.errors[0].extensions.code).toBe("PERSISTED_QUERY_NOT_SUPPORTED");
    const probe = await postBody(other, JSON.stringify({ extensions }));
    expect(probe.json.data ?? null).toBeNull();
    expect(probe.json.errors[0].extensions.code).toBe("PERSISTED_QUERY_NOT_SUPPORTED");
  });
});

describe("upload errors", () => {
  async function importFile(bytes: Buffer, name: string, type: string) {
    const form = new FormData();
    form.append("file", new Blob([bytes], { type }), name);
    const res = await fetch(app.server.url.replace(/\/graphql$/, "/imports/agreement"), {
      method: "POST",
      body: form,
      headers: { authorization: `Bearer ${admin}` },
    });
    return { status: res.status, body: (await res.json()) as any };
  }
  // The libraries' own words (JSZip's "Corrupted zip", "End of data reached", "central directory"; pdf.js's "xref");
  // the project's message may name a zip archive and where several documents go.
  const INTERNALS =
    /corrupted zip|end of data|central directory|xref|pdf\.js|pdfjs|mammoth|jszip|Invalid PDF|stack|undefined|\bat \w/i;
  const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  test.each([
    ["a .docx that is no zip", Buffer.from("not a zip file at all"), "dpa.docx", DOCX, "UNREADABLE_DOCX"],
    [
      "a .docx zip without a document",
      Buffer.from("PK\u0005\u0006" + "\u0000".repeat(18), "latin1"),
      "a.docx",
      DOCX,
      "UNREADABLE_DOCX",
    ],
    [
      "a truncated PDF",
      Buffer.from("%PDF-1.7\n1 0 obj << /Type /Catalog"),
      "dpa.pdf",
      "application/pdf",
      "UNREADABLE_PDF",
    ],
  ])("%s answers 422 in the project's words", async (_, bytes, name, type, code) => {
    const res = await importFile(bytes, name, type);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe(code);
    expect(res.body.error.field).toBe("file");
    expect(res.body.error.message).not.toMatch(INTERNALS);
  });
});
