// Query limits over HTTP: depth, aliases, tokens, cost, introspection, body size; and the
// per-request statement_timeout.
import http from "node:http";
import express from "express";
import { GraphQLError, GraphQLSchema, Kind, OperationDefinitionNode, parse } from "graphql";
import { loadConfig } from "../../src/config";
import { finishTransaction, openTransaction, TransactionLostError } from "../../src/context";
import { createContext } from "../../src/loaders";
import { formatError } from "../../src/server";
import { getSchema } from "../../src/schema";
import { operationCost } from "../../src/common/limits";
import { createLogger } from "../../src/common/logger";
import { requestScopeMiddleware, withRequestContext } from "../../src/http/request-context";
import { startTestApp, TestApp } from "../helpers/app";
import { retryWallClockBounds } from "../helpers/wall-clock";

retryWallClockBounds();

const defaults = loadConfig({});
let app: TestApp;
let key: string;

beforeAll(async () => {
  app = await startTestApp();
  ({ key } = await app.newOrganization("Limits A/S"));
  // The first request of a key records last_used_at (one UPDATE); later ones do not.
  await app.gql(key, "{ __typename }");
});
afterAll(() => app.stop());

async function post(url: string, body: string, headers: Record<string, string> = {}) {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${key}`, ...headers },
    body,
  });
  const text = await res.text();
  return { status: res.status, contentType: res.headers.get("content-type") ?? "", body: JSON.parse(text) };
}

describe("graphql-armor limits", () => {
  test("a query 20 levels deep is refused with 400 and a depth message", async () => {
    // processors › edges › node = 3 levels, each subprocessors › subprocessor adds 2, id is the last.
    const nested = "subprocessors { subprocessor { ".repeat(8) + "id" + " } }".repeat(8);
    const res = await app.gql(key, `{ processors { edges { node { ${nested} } } } }`);
    expect(res.status).toBe(400);
    expect(res.errors?.[0].extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(res.errors?.[0].message).toMatch(/depth limit of 12 exceeded, found 20/);
    expect(res.data).toBeUndefined();
  });

  test("40 aliases are refused with 400", async () => {
    const fields = Array.from({ length: 40 }, (_, i) => `a${i}: viewer { role }`).join(" ");
    const res = await app.gql(key, `{ ${fields} }`);
    expect(res.status).toBe(400);
    expect(res.errors?.[0].extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(res.errors?.[0].message).toMatch(/Aliases limit of 30 exceeded, found 40/);
  });

  test("a document with too many tokens is refused with 400 before it is parsed", async () => {
    const res = await app.gql(key, `{ viewer { ${"__typename ".repeat(6000)} } }`);
    expect(res.status).toBe(400);
    expect(res.errors?.[0].extensions?.code).toBe("GRAPHQL_PARSE_FAILED");
    expect(res.errors?.[0].message).toMatch(/more than 5000 tokens/);
  });

  test("field suggestions are shown while introspection is on", async () => {
    const res = await app.gql(key, "{ processors { edges { node { nmae } } } }");
    expect(res.status).toBe(400);
    expect(res.errors?.[0].message).toMatch(/Did you mean "name"/);
  });
});

describe("query cost", () => {
  const heavy =
    "{ processors(first: 100) { edges { node { subprocessorTree(maxDepth: 50) { processor { name } } } } } }";

  test(
    "an operation above the cost limit is refused with 400 QUERY_TOO_COMPLEX, naming cost and limit, and nothing " +
      "runs",
    async () => {
      const base = await app.gql(key, "{ __typename }");
      const res = await app.gql(key, heavy);
      expect(res.status).toBe(400);
      expect(res.data).toBeUndefined();
      expect(res.errors).toHaveLength(1);
      expect(res.errors?.[0].extensions?.code).toBe("QUERY_TOO_COMPLEX");
      // 100 × (1 + edges(1 + node(1 + tree(50 × 10 × (1 + processor(1 + name))))))
      expect(res.errors?.[0].message).toContain("150300");
      expect(res.errors?.[0].message).toContain(String(defaults.graphqlMaxCost));
      expect(res.extensions?.cost).toEqual({ requested: 150300, limit: defaults.graphqlMaxCost });
      // Only the statements of authentication, as for a query that touches no table.
      expect(res.extensions?.sqlStatements).toBe(base.extensions?.sqlStatements);
    },
  );

  test("an ordinary query reports its cost and the limit", async () => {
    const res = await app.gql(key, "{ processors(first: 5) { totalCount edges { node { id name } } } }");
    expect(res.status).toBe(200);
    expect(res.errors).toBeUndefined();
    expect(res.extensions?.cost?.requested).toBeGreaterThan(0);
    expect(res.extensions?.cost?.limit).toBe(defaults.graphqlMaxCost);
  });

  test("cost grows with first, also when first is a variable", async () => {
    const query =
      "query Page($n: Int) { processors(first: $n) { edges { node { name subprocessors { subprocessor { name } } " +
      "} } } }";
    const small = await app.gql(key, query, { n: 10 });
    const large = await app.gql(key, query, { n: 50 });
    expect(small.status).toBe(200);
    expect(large.status).toBe(200);
    expect(large.extensions!.cost!.requested!).toBe(5 * small.extensions!.cost!.requested!);
    // Costs are kept per parsed operation and variables: asked again, each is priced as before, and a new
    // value of $n is priced anew.
    expect((await app.gql(key, query, { n: 10 })).extensions!.cost!.requested).toBe(small.extensions!.cost!.requested);
    expect((await app.gql(key, query, { n: 50 })).extensions!.cost!.requested).toBe(large.extensions!.cost!.requested);
    expect((await app.gql(key, query, { n: 20 })).extensions!.cost!.requested).toBe(
      2 * small.extensions!.cost!.requested!,
    );
    // Without first: the schema default, 20.
    const dflt = await app.gql(
      key,
      "{ processors { edges { node { name subprocessors { subprocessor { name } } } } } }",
    );
    expect(dflt.extensions!.cost!.requested!).toBe(2 * small.extensions!.cost!.requested!);
  });

  test("the limit comes from the configuration", async () => {
    const tight = await startTestApp({ graphqlMaxCost: 50 });
    try {
      const { key: k } = await tight.newOrganization("Tight A/S");
      const ok = await tight.gql(k, "{ processors(first: 5) { edges { node { name } } } }");
      expect(ok.status).toBe(200);
      expect(ok.extensions?.cost).toEqual({ requested: 20, limit: 50 });
      const over = await tight.gql(k, "{ processors(first: 20) { edges { node { name } } } }");
      expect(over.status).toBe(400);
      expect(over.errors?.[0].extensions?.code).toBe("QUERY_TOO_COMPLEX");
      expect(over.errors?.[0].message).toMatch(/80.*limit of 50/);
    } finally {
      await tight.stop();
    }
  });
});

describe("cost model (src/common/limits.ts)", () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await getSchema();
  });
  function cost(query: string, variables?: Record<string, unknown>, operationName?: string): number {
    const document = parse(query);
    const ops = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
    const op = operationName ? ops.find((o) => o.name?.value === operationName)! : ops[0];
    return operationCost(schema, document, op, variables);
  }

  test("first × (1 + child); connection edges are not charged twice; default first 20", () => {
    expect(cost("{ processors(first: 10) { edges { node { name } } } }")).toBe(10 * (1 + (1 + (1 + 1))));
    expect(cost("{ processors { totalCount } }")).toBe(20 * 2);
    expect(cost("query($n: Int) { processors(first: $n) { totalCount } }", { n: 7 })).toBe(7 * 2);
  });

  test("lists without first: 10 × (1 + child); heavy fields scale up; scalar lists cost 1", () => {
    expect(cost('{ processor(id: "x") { subprocessors { id } } }')).toBe(1 + 10 * 2);
    expect(cost('{ processor(id: "x") { subprocessorTree { depth } } }')).toBe(1 + 10 * 10 * 2);
    expect(cost('{ processor(id: "x") { subprocessorTree(maxDepth: 3) { depth } } }')).toBe(1 + 3 * 10 * 2);
    expect(cost("{ evidenceList { title } }")).toBe(50 * 2);
    expect(cost("{ transferExposure { countries } }")).toBe(50 * 2);
    expect(cost("{ supervisionSchedule { status requiredMethods } }")).toBe(50 * 3);
  });

  test("fragments count where they are spread; only the operation that runs is priced; introspection is cheap", () => {
    expect(cost("{ ...F } fragment F on Query { processors(first: 2) { totalCount } }")).toBe(2 * 2);
    const doc = "query Small { viewer { role } } query Big { processors(first: 100) { totalCount } }";
    expect(cost(doc, undefined, "Small")).toBe(2);
    expect(cost(doc, undefined, "Big")).toBe(200);
    expect(cost("{ __schema { types { name fields { name args { name } } } } }")).toBe(1);
  });
});

describe("introspection off", () => {
  let closed: TestApp;
  let closedKey: string;
  beforeAll(async () => {
    closed = await startTestApp({ graphqlIntrospection: false });
    ({ key: closedKey } = await closed.newOrganization("Closed A/S"));
  });
  afterAll(() => closed.stop());

  test("__schema is refused", async () => {
    const res = await closed.gql(closedKey, "{ __schema { types { name } } }");
    expect(res.status).toBe(400);
    expect(res.errors?.[0].extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(res.errors?.[0].message).toMatch(/introspection/i);
    expect(res.data).toBeUndefined();
  });

  test("a misspelt field or enum value gets no suggestion", async () => {
    const field = await closed.gql(closedKey, "{ processors { edges { node { nmae } } } }");
    expect(field.status).toBe(400);
    expect(field.errors?.[0].message).toMatch(/Cannot query field "nmae"/);
    expect(field.errors?.[0].message).not.toMatch(/Did you mean/);
    expect(field.errors?.[0].message).not.toContain('"name"');
    const enumValue = await closed.gql(closedKey, "{ processors(filter: { status: [ACTIV] }) { totalCount } }");
    expect(enumValue.status).toBe(400);
    expect(JSON.stringify(enumValue.errors)).not.toMatch(/Did you mean|"ACTIVE"/);
  });

  test("__typename still works", async () => {
    const res = await closed.gql(closedKey, "{ __typename }");
    expect(res.data).toEqual({ __typename: "Query" });
  });
});

describe("request body size", () => {
  test("a body over MAX_BODY_BYTES gets a JSON 413", async () => {
    const body = JSON.stringify({
      query: "{ __typename }",
      variables: { pad: "x".repeat(defaults.maxBodyBytes + 10) },
    });
    const res = await post(app.server.url, body);
    expect(res.status).toBe(413);
    expect(res.contentType).toMatch(/application\/json/);
    expect(res.body.errors[0].extensions.code).toBe("PAYLOAD_TOO_LARGE");
    expect(res.body.errors[0].message).toContain(String(defaults.maxBodyBytes));
  });

  test("malformed JSON gets a JSON 400", async () => {
    const res = await post(app.server.url, "{ not json");
    expect(res.status).toBe(400);
    expect(res.contentType).toMatch(/application\/json/);
    expect(res.body.errors[0].extensions.code).toBe("BAD_REQUEST");
  });
});

describe("statement_timeout", () => {
  const config = { ...defaults, statementTimeoutMs: 200 };

  test("a slow statement is cancelled with SQLSTATE 57014, and GraphQL answers TIMEOUT", async () => {
    const ctx = await createContext(app.db, `Bearer ${key}`, undefined, {
      statementTimeoutMs: config.statementTimeoutMs,
    });
    try {
      const [row] = await ctx.queryRunner.query("SELECT current_setting('statement_timeout') AS t, current_user AS u");
      expect(row).toEqual({ t: "200ms", u: "tilsyn_app" });
      const started = Date.now();
      const err = await ctx.queryRunner.query("SELECT pg_sleep(1)").then(
        () => null,
        (e: unknown) => e,
      );
      expect(Date.now() - started).toBeLessThan(900);
      expect(err).toMatchObject({ driverError: { code: "57014" } });
      // What a resolver hitting it would send to the client.
      const wrapped = new GraphQLError("canceling statement due to statement timeout", {
        originalError: err as Error,
        path: ["processors"],
      });
      const formatted = formatError(
        { message: wrapped.message, path: ["processors"], extensions: { code: "INTERNAL_SERVER_ERROR" } },
        wrapped,
      );
      expect(formatted.extensions?.code).toBe("TIMEOUT");
      expect(formatted.message).not.toMatch(/statement|pg_sleep|SELECT/);
    } finally {
      await finishTransaction(ctx.queryRunner, false);
    }
  });

  test("role, timeout and JIT are set in one statement; without a role switch the timeout still is", async () => {
    const withRole = await openTransaction(app.db, { statementTimeoutMs: 200 });
    const without = await openTransaction({ ...app.db, switchRole: false }, { statementTimeoutMs: 250 });
    const plain = await openTransaction(app.db);
    const bare = await openTransaction({ ...app.db, switchRole: false });
    try {
      // START TRANSACTION + one SELECT set_config(...) each (JIT is always turned off in it).
      expect(withRole.data.sqlCount).toBe(plain.data.sqlCount);
      expect(without.data.sqlCount).toBe(plain.data.sqlCount);
      expect(bare.data.sqlCount).toBe(plain.data.sqlCount);
      expect((await bare.query("SHOW jit"))[0].jit).toBe("off");
      expect((await without.query("SHOW statement_timeout"))[0].statement_timeout).toBe("250ms");
      expect((await plain.query("SELECT current_user AS u"))[0].u).toBe("tilsyn_app");
    } finally {
      await Promise.all([withRole, without, plain, bare].map((qr) => finishTransaction(qr, false)));
    }
  });

  test("the server's requests carry the configured timeout", async () => {
    const short = await startTestApp({ statementTimeoutMs: 200 });
    try {
      const { key: k } = await short.newOrganization("Short A/S");
      await short.gql(k, "{ __typename }");
      // Same statement count as with the default timeout: the setting rides on the role switch.
      const a = await short.gql(k, "{ viewer { role } }");
      const b = await app.gql(key, "{ viewer { role } }");
      expect(a.extensions?.sqlStatements).toBe(b.extensions?.sqlStatements);
    } finally {
      await short.stop();
    }
  });

  test("a plain endpoint answers 503 TIMEOUT when its statement is cancelled", async () => {
    const logLines: string[] = [];
    const logger = createLogger({ level: "info", destination: { write: (s: string) => void logLines.push(s) } });
    const mini = express();
    mini.use(requestScopeMiddleware(logger, config.statementTimeoutMs));
    mini.get("/slow", (req, res) =>
      withRequestContext(
        (auth, id, options) => createContext(app.db, auth, id, options),
        req,
        res,
        null,
        async (ctx) => {
          await ctx.queryRunner.query("SELECT pg_sleep(1)");
          res.json({ ok: true });
        },
      ),
    );
    const server = http.createServer(mini);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as import("node:net").AddressInfo;
      const res = await fetch(`http://127.0.0.1:${port}/slow`, { headers: { authorization: `Bearer ${key}` } });
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ error: { code: "TIMEOUT", message: expect.any(String) } });
      await new Promise((r) => setTimeout(r, 50));
      const line = logLines.map((l) => JSON.parse(l)).find((l) => l.msg === "request");
      expect(line).toMatchObject({ status: 503, errorCodes: ["TIMEOUT"], path: "/slow" });
      expect(logLines.join("\n")).not.toMatch(/pg_sleep|SELECT/);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});

describe("a connection lost mid-request", () => {
  async function lostTransaction() {
    const qr = await openTransaction(app.db);
    const [{ pid }] = await qr.query("SELECT pg_backend_pid() AS pid");
    await app.db.owner.query("SELECT pg_terminate_backend($1)", [pid]);
    for (let i = 0; i < 100 && !qr.isReleased; i++) await new Promise((r) => setTimeout(r, 20));
    expect(qr.isReleased).toBe(true); // TypeORM releases the runner when its connection fails
    return qr;
  }

  test("a commit reports the lost transaction; a rollback has nothing to do", async () => {
    await expect(finishTransaction(await lostTransaction(), true)).rejects.toBeInstanceOf(TransactionLostError);
    await expect(finishTransaction(await lostTransaction(), false)).resolves.toBeUndefined();
  });
});
