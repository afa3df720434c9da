// A multipart body that ends (its Content-Length all sent) inside a file part, without the closing boundary,
// took the whole server down: busboy destroys the open file stream with "Unexpected end of form", and no upload
// endpoint listened for errors on the file stream itself, so the error was uncaught and the process exited. One
// request of any key with write access did it, on POST /evidence, /imports/agreement, /imports/agreements and
// /imports/register. Each now answers 400 and the server goes on serving.
import net from "node:net";
import { startTestApp, TestApp } from "../helpers/app";

let app: TestApp;
let port: number;
let key: string;

beforeAll(async () => {
  app = await startTestApp();
  port = Number(new URL(app.server.url).port);
  key = (await app.newOrganization("Afbrudt Upload ApS")).key;
});

afterAll(async () => {
  await app?.stop();
});

const BOUNDARY = "tilsynAttackBoundary";

/** Sends `body` as the whole request (with its length) and returns the answer's status line and body. */
function post(path: string, body: Buffer): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    let answer = Buffer.alloc(0);
    socket.on("data", (d) => (answer = Buffer.concat([answer, d])));
    socket.on("error", () => undefined);
    socket.on("close", () => resolve(answer.toString("utf8")));
    socket.write(
      `POST ${path} HTTP/1.1\r\nhost: tilsyn\r\nauthorization: Bearer ${key}\r\nconnection: close\r\n` +
        `content-type: multipart/form-data; boundary=${BOUNDARY}\r\ncontent-length: ${body.length}\r\n\r\n`,
    );
    // Not ended: a half-closed socket is dropped by the server before it answers; the answer closes it.
    socket.write(body);
    setTimeout(() => socket.destroy(), 20_000).unref();
  });
}

const field = (name: string, value: string) =>
  `--${BOUNDARY}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
const openFile = (fileName: string, type: string) =>
  `--${BOUNDARY}\r\ncontent-disposition: form-data; name="file"; filename="${fileName}"\r\n` +
  `content-type: ${type}\r\n\r\nThe body ends here, inside the file part`;

const CASES: Record<string, string> = {
  "/evidence": field("kind", "OTHER") + field("title", "Cut off") + field("effectiveOn", "2026-01-01"),
  "/imports/agreement": "",
  "/imports/agreements": "",
  "/imports/register": "",
};

test("a body that ends inside a file part is a 400 on every upload endpoint, and the server lives on", async () => {
  const answers: Record<string, unknown> = {};
  for (const [path, fields] of Object.entries(CASES)) {
    const answer = await post(path, Buffer.from(fields + openFile("cut.txt", "text/plain")));
    const alive = await fetch(app.server.url.replace(/\/graphql$/, "/healthz")).then(
      (r) => r.status,
      () => "down",
    );
    answers[path] = [answer.split("\r\n")[0], /"code":"BAD_REQUEST"/.test(answer), alive];
  }
  expect(answers).toEqual(
    Object.fromEntries(Object.keys(CASES).map((p) => [p, ["HTTP/1.1 400 Bad Request", true, 200]])),
  );
});
