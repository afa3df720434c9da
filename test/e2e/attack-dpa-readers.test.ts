// One key can take every document reader and every place in the queue (DOCUMENT_READERS + DOCUMENT_QUEUE, shared by
// all tenants, no share per organization): six 1.3 MB HTML files nested 100,000 <div>s deep each run to the read
// timeout, and meanwhile another tenant's ordinary DPA is refused 503 DOCUMENT_READERS_BUSY. Exports have
// EXPORT_CONCURRENCY_PER_ORG for this; the readers have nothing. The read timeout is lowered to 5 s to keep the
// test short (the default is 20 s: the attacker refills the queue every 20 s).
import { startTestApp, TestApp } from "../helpers/app";

const DPA =
  "Databehandleraftale. Databehandleren behandler personoplysninger på vegne af den dataansvarlige " +
  "og kun efter dokumenteret instruks. Underdatabehandlere: ingen. Brud på persondatasikkerheden meddeles " +
  "inden 24 timer.";

let app: TestApp;
let base: string;

async function upload(key: string, bytes: Buffer, name: string, type: string) {
  const form = new FormData();
  form.append("file", new Blob([bytes], { type }), name);
  const res = await fetch(`${base}/imports/agreement`, {
    method: "POST",
    body: form,
    headers: { authorization: `Bearer ${key}` },
  });
  const text = await res.text();
  return { status: res.status, retryAfter: res.headers.get("retry-after"), body: text ? JSON.parse(text) : null };
}

beforeAll(async () => {
  // The uploads' own gate (2 per organization) would refuse the attacker's uploads before the readers do: widened,
  // so that the readers' share is what is tested (attack-evidence-uploads.test.ts tests the uploads' gate).
  app = await startTestApp({
    documentReaders: 2,
    documentQueue: 4,
    documentReadTimeoutMs: 5000,
    uploadConcurrencyPerOrg: 10,
    uploadConcurrency: 20,
  });
  base = app.server.url.replace(/\/graphql$/, "");
});

afterAll(async () => {
  await app?.stop();
});

test("one key's slow documents do not refuse another tenant's DPA", async () => {
  const attacker = (await app.newOrganization("Fylder A/S")).key;
  const other = (await app.newOrganization("Ventende A/S")).key;
  const slow = Buffer.from(`<html><body><p>${DPA}</p>${"<div>".repeat(100_000)}<p>x</p></body></html>`);
  const attacks = Array.from({ length: 6 }, (_, i) => upload(attacker, slow, `aftale-${i}.html`, "text/html"));
  await new Promise((r) => setTimeout(r, 1000));
  const res = await upload(other, Buffer.from(DPA, "utf8"), "aftale.txt", "text/plain");
  const attacked = await Promise.all(attacks);
  console.log(`attacker: ${attacked.map((a) => a.status).join(", ")}; other tenant: ${res.status}`);
  expect(res.status).toBe(201);
  // The attacker's own documents beyond its share (half of 2 readers + 4 waiting places) are refused as before.
  const refused = attacked.filter((a) => a.status === 503);
  expect(refused.length).toBeGreaterThanOrEqual(3);
  for (const a of refused) {
    expect(a.body.error.code).toBe("DOCUMENT_READERS_BUSY");
    expect(Number(a.retryAfter)).toBeGreaterThan(0);
  }
}, 120_000);
