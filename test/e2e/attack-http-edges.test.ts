// Two answers that broke the project's rules for errors, over real HTTP:
// - A path or method the API does not serve (GET /nope, POST /console, DELETE /evidence/x, GET /imports/agreement,
//   PUT /healthz) answered Express's own HTML page, "<pre>Cannot GET /nope</pre>", naming the framework's words
//   instead of the API's JSON error. It is now 404 NOT_FOUND as JSON, naming the method and path.
// - A JSON body that is not valid UTF-8 was read with every bad byte replaced by U+FFFD: createProcessor with a
//   name of "Acme \xC3 \xFF GmbH" stored "Acme � � GmbH" and answered 200. It is now 400 BAD_REQUEST naming the
//   rule (UTF-8), nothing written.
// - A charset other than UTF-8 (charset=latin1) or an unknown Content-Encoding answered 400 "The request could not
//   be read.", naming no rule; it is now 415 saying what is taken.
// - Two Authorization headers (two keys) were answered as the first key's organization: Node keeps the first of a
//   repeated Authorization and drops the rest. They are now 401 UNAUTHENTICATED asking for one.
import net from "node:net";
import { startTestApp, TestApp } from "../helpers/app";

let app: TestApp;
let base: string;
let key: string;

beforeAll(async () => {
  app = await startTestApp();
  base = app.server.url.replace(/\/graphql$/, "");
  key = (await app.newOrganization("Kanter ApS")).key;
});

afterAll(async () => {
  await app?.stop();
});

test.each([
  ["GET", "/nope"],
  ["GET", "/exports/nope"],
  ["GET", "/imports/agreement"],
  ["POST", "/console"],
  ["PUT", "/healthz"],
  ["DELETE", "/evidence/x"],
  ["OPTIONS", "/nope"],
])("%s %s: 404 NOT_FOUND as JSON, never the framework's HTML page", async (method, path) => {
  const res = await fetch(`${base}${path}`, { method, headers: { authorization: `Bearer ${key}` } });
  const text = await res.text();
  expect(res.status).toBe(404);
  expect(res.headers.get("content-type")).toMatch(/^application\/json/);
  expect(text).not.toMatch(/<html|<pre>|Cannot /i);
  const body = JSON.parse(text);
  expect(body.error.code).toBe("NOT_FOUND");
  expect(body.error.message).toContain(`${method} ${path}`);
});

/** POST /graphql with raw bytes as the body. */
function postRaw(body: Buffer): Promise<{ status: number; json: any }> {
  const port = Number(new URL(app.server.url).port);
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1");
    let answer = Buffer.alloc(0);
    socket.on("data", (d) => (answer = Buffer.concat([answer, d])));
    socket.on("error", reject);
    socket.on("close", () => {
      const text = answer.toString("utf8");
      const status = Number(/^HTTP\/1\.1 (\d+)/.exec(text)?.[1] ?? 0);
      const json = JSON.parse(text.slice(text.indexOf("\r\n\r\n") + 4));
      resolve({ status, json });
    });
    socket.write(
      `POST /graphql HTTP/1.1\r\nhost: tilsyn\r\nauthorization: Bearer ${key}\r\nconnection: close\r\n` +
        `content-type: application/json\r\ncontent-length: ${body.length}\r\n\r\n`,
    );
    socket.write(body);
  });
}

const CREATE =
  "mutation($i: CreateProcessorInput!) { createProcessor(input: $i) { processor { name } userErrors { code } } }";

test("a JSON body that is not valid UTF-8 is 400 naming the rule, and nothing is written", async () => {
  const bodyOf = (name: Buffer) =>
    Buffer.concat([
      Buffer.from(JSON.stringify({ query: CREATE, variables: { i: { name: "@@NAME@@" } } }).split('"@@NAME@@"')[0]),
      Buffer.from('"'),
      name,
      Buffer.from('"'),
      Buffer.from(JSON.stringify({ query: CREATE, variables: { i: { name: "@@NAME@@" } } }).split('"@@NAME@@"')[1]),
    ]);
  for (const bad of [
    Buffer.from([0x41, 0x63, 0x6d, 0x65, 0x20, 0xc3, 0x20, 0xff, 0x20, 0x47, 0x6d, 0x62, 0x48]),
    Buffer.from([0x42, 0xed, 0xa0, 0x80]), // an encoded surrogate
    Buffer.from([0x43, 0xc0, 0xaf]), // an overlong "/"
  ]) {
    const res = await postRaw(bodyOf(bad));
    expect(res.status).toBe(400);
    expect(res.json.errors[0].extensions.code).toBe("BAD_REQUEST");
    expect(res.json.errors[0].message).toMatch(/UTF-8/);
  }
  const data = await app.ok(key, "{ processors(first: 10) { totalCount } }");
  expect(data.processors.totalCount).toBe(0);
  // Valid UTF-8 (Danish letters, an emoji) is stored as sent.
  const good = await postRaw(bodyOf(Buffer.from("Ærø Æble 🍎 ApS")));
  expect(good.status).toBe(200);
  expect(good.json.data.createProcessor.processor.name).toBe("Ærø Æble 🍎 ApS");
});

test("a charset or Content-Encoding the API does not take is 415 naming the rule", async () => {
  const body = JSON.stringify({ query: "{ viewer { __typename } }" });
  for (const [headers, rule] of [
    [{ "content-type": "application/json; charset=latin1" }, /UTF-8/],
    [{ "content-type": "application/json; charset=bogus" }, /UTF-8/],
    [{ "content-type": "application/json", "content-encoding": "br-nope" }, /Content-Encoding/],
  ] as const) {
    const res = await fetch(app.server.url, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, ...headers },
      body,
    });
    const json = (await res.json()) as any;
    expect(res.status).toBe(415);
    expect(json.errors[0].extensions.code).toBe("BAD_REQUEST");
    expect(json.errors[0].message).toMatch(rule);
  }
});

test("two Authorization headers are refused by name, on /graphql and the plain endpoints alike", async () => {
  const other = (await app.newOrganization("Anden Kant ApS")).key;
  const send = (path: string, method: string, body?: string) =>
    new Promise<{ status: number; text: string }>((resolve, reject) => {
      const socket = net.connect(Number(new URL(base).port), "127.0.0.1");
      let text = "";
      socket.on("data", (d) => (text += d.toString("utf8")));
      socket.on("end", () => resolve({ status: Number(text.split(" ")[1]), text }));
      socket.on("error", reject);
      socket.write(
        `${method} ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n` +
          `Authorization: Bearer ${key}\r\nAuthorization: Bearer ${other}\r\n` +
          (body ? `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` : "") +
          `\r\n${body ?? ""}`,
      );
    });
  const gql = await send("/graphql", "POST", JSON.stringify({ query: "{ viewer { organization { name } } }" }));
  expect(gql.status).toBe(401);
  expect(gql.text).toContain("Send one Authorization header (Bearer <key>): this request has 2.");
  expect(gql.text).not.toMatch(/Kant ApS/);
  const csv = await send("/exports/ropa.csv", "GET");
  expect(csv.status).toBe(401);
  expect(csv.text).toContain("Send one Authorization header (Bearer <key>): this request has 2.");
});
