// A DPA of many headings held a document reader for its whole DOCUMENT_READ_TIMEOUT_MS: finding where each section
// ends copied the list of headings after it (quadratic), so 100,000 markdown headings ("# a", 400 KB) took the rules
// 58 s (422 DOCUMENT_TOO_COMPLEX at the 20 s limit, a reader held all that time). The end is now found in place
// (each heading is passed over by at most one heading of each rank). Bound (README): 100,000 headings, markdown or
// HTML, are read as the DPA they open with, within the 20 s limit. Built at test time, real HTTP.
import { startTestApp, TestApp } from "../helpers/app";

const DPA =
  "# Databehandleraftale\n\nDatabehandleren behandler personoplysninger på vegne af den dataansvarlige og kun efter " +
  "dokumenteret instruks. Underdatabehandlere: ingen. Brud på persondatasikkerheden meddeles inden 24 timer.\n\n";

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({ documentReadTimeoutMs: 20_000 });
}, 60_000);

afterAll(async () => {
  await app?.stop();
});

test.each([
  ["100,000 markdown headings", `${DPA}${"# a\n".repeat(100_000)}`, "aftale.md"],
  [
    "100,000 HTML headings",
    `<html><body><h1>Databehandleraftale</h1><p>${DPA}</p>${"<h2>a</h2>".repeat(100_000)}</body></html>`,
    "aftale.html",
  ],
])(
  "%s are read within the read timeout",
  async (_, text, name) => {
    const { key } = await app.newOrganization(`Overskrifter ${name}`);
    const form = new FormData();
    form.append("file", new Blob([Buffer.from(text, "utf8")]), name);
    const started = Date.now();
    const res = await fetch(`${app.server.url.replace(/\/graphql$/, "")}/imports/agreement`, {
      method: "POST",
      body: form,
      headers: { authorization: `Bearer ${key}` },
    });
    const body = (await res.json()) as any;
    const ms = Date.now() - started;
    console.log(`${name} (${Buffer.byteLength(text)} bytes): ${res.status} ${body.error?.code ?? ""} in ${ms} ms`);
    expect([res.status, body.error?.code ?? null]).toEqual([201, null]);
  },
  120_000,
);
