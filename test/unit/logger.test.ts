// The request log: one structured line per request, with ids and numbers, and nothing a client
// sent (API key, Authorization header, variables, input values) and no SQL.
import { QueryFailedError } from "typeorm";
import { loadConfig } from "../../src/config";
import { startServer, RunningServer } from "../../src/server";
import { createLogger, serializeError } from "../../src/common/logger";
import { parseApiKey } from "../../src/modules/auth/api-key.secret";
import { createOrganization } from "../../seeds/demo";
import { createTestDatabase, TestDatabase } from "../helpers/db";

const SECRET_NAME = "Jensen Hansen Dataforarbejdning ApS";

let db: TestDatabase;
let server: RunningServer;
let key: string;
let organizationId: string;
const lines: string[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  const logger = createLogger({ level: "info", destination: { write: (s: string) => void lines.push(s) } });
  server = await startServer({ ...loadConfig({}), port: 0 }, db, { logger });
  const created = await createOrganization(db.owner, { name: "Logging A/S", countryCode: "DK" });
  key = created.apiKey;
  organizationId = created.organization.id;
});
afterAll(async () => {
  await server.stop();
  await db.close();
});

async function send(body: object, headers: Record<string, string> = {}) {
  const res = await fetch(server.url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${key}`, ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, requestId: res.headers.get("x-request-id"), body: (await res.json()) as any };
}

/** The request line is written when the response closes, which can be just after the client has it. */
async function requestLine(requestId: string): Promise<Record<string, any>> {
  for (let i = 0; i < 100; i++) {
    const found = lines.map((l) => JSON.parse(l)).find((l) => l.msg === "request" && l.requestId === requestId);
    if (found) return found;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`no request line for ${requestId}`);
}

test("a GraphQL request gives one JSON line with ids and numbers, without key or input values", async () => {
  const res = await send(
    {
      operationName: "RegisterVendor",
      query:
        "mutation RegisterVendor($input: CreateProcessorInput!) { createProcessor(input: $input) { processor { id " +
        "name } userErrors { code } } }",
      variables: { input: { name: SECRET_NAME, contactEmail: "jens@jensen-hansen.example" } },
    },
    { "x-request-id": "0b5c9a3e-4f1d-4c2a-9e7b-1a2b3c4d5e6f" },
  );
  expect(res.status).toBe(200);
  expect(res.body.data.createProcessor.processor.name).toBe(SECRET_NAME);
  expect(res.requestId).toBe("0b5c9a3e-4f1d-4c2a-9e7b-1a2b3c4d5e6f");

  const line = await requestLine("0b5c9a3e-4f1d-4c2a-9e7b-1a2b3c4d5e6f");
  expect(line).toMatchObject({
    level: "info",
    msg: "request",
    requestId: "0b5c9a3e-4f1d-4c2a-9e7b-1a2b3c4d5e6f",
    method: "POST",
    path: "/graphql",
    operationName: "RegisterVendor",
    operationType: "mutation",
    status: 200,
    role: "ADMIN",
    organizationId,
  });
  expect(typeof line.durationMs).toBe("number");
  expect(line.cost).toBeGreaterThan(0);
  expect(line.cost).toBe(res.body.extensions.cost.requested);
  expect(line.errorCodes).toBeUndefined();

  const output = lines.join("\n");
  expect(output).not.toContain(key);
  expect(output).not.toContain(parseApiKey(key)!.prefix);
  expect(output).not.toContain(parseApiKey(key)!.secret);
  expect(output).not.toMatch(/bearer/i);
  expect(output).not.toMatch(/authorization/i);
  expect(output).not.toContain(SECRET_NAME);
  expect(output).not.toContain("jensen-hansen");
  expect(output).not.toMatch(/INSERT|SELECT/);
});

test("rejected and unauthenticated requests are logged with their codes", async () => {
  const tooBig = await send({
    query: "{ processors(first: 100) { edges { node { subprocessorTree(maxDepth: 50) { processor { name } } } } } }",
  });
  expect(tooBig.status).toBe(400);
  expect(await requestLine(tooBig.requestId!)).toMatchObject({
    status: 400,
    errorCodes: ["QUERY_TOO_COMPLEX"],
    cost: 150300,
    operationType: "query",
  });

  const anonymous = await send(
    { query: "{ viewer { role } }" },
    { authorization: "Bearer tsk_000000000000.not-a-real-key" },
  );
  expect(anonymous.status).toBe(401);
  const line = await requestLine(anonymous.requestId!);
  expect(line).toMatchObject({ status: 401, errorCodes: ["UNAUTHENTICATED"] });
  expect(line.role).toBeUndefined();
  expect(lines.join("\n")).not.toContain("not-a-real-key");
});

test("database errors are logged without SQL text, parameters or detail", () => {
  const pgError = Object.assign(new Error('invalid input syntax for type uuid: "Jane Doe"'), {
    code: "22P02",
    detail: "Key (name)=(Jane Doe) already exists.",
    routine: "string_to_uuid",
  });
  const err = new QueryFailedError("SELECT * FROM processor WHERE name = $1", ["Jane Doe"], pgError);
  const out = JSON.stringify(serializeError(err));
  expect(out).toContain("22P02");
  expect(out).toContain("string_to_uuid");
  expect(out).toContain("at "); // the stack frames stay
  expect(out).not.toContain("Jane Doe");
  expect(out).not.toContain("SELECT");
});
