// One key could take every document reader and every place in the queue (DOCUMENT_READERS + DOCUMENT_QUEUE, shared by
// all tenants, no share per organization): six slow documents each held a reader or a waiting place for seconds, and
// meanwhile another tenant's ordinary DPA was refused 503 DOCUMENT_READERS_BUSY. An organization now holds at most
// half the places. The slow document is a long DPA the rules take seconds over, within every limit
// (test/helpers/slow-dpa.ts). The read timeout is lowered to 10 s to keep the test short (the default is 20 s): each
// of the key's documents holds its place until it is read or stopped.
import { startTestApp, TestApp } from "../helpers/app";
import { ORDINARY_DPA, SLOW_DPA_MIN_MS, slowDpa, uploadDpa, warmReaders } from "../helpers/slow-dpa";
import { retryWallClockBounds } from "../helpers/wall-clock";

retryWallClockBounds();

// Lowered from the default 20 s to keep the test short; a cold reader's first small DPA took over 5 s at load 14.
const READ_TIMEOUT_MS = 10_000;

let app: TestApp;
let base: string;

const upload = (key: string, bytes: Buffer, name: string, type: string) => uploadDpa(base, key, bytes, name, type);

beforeAll(async () => {
  // The uploads' own gate (2 per organization) would refuse the attacker's uploads before the readers do: widened,
  // so that the readers' share is what is tested (attack-evidence-uploads.test.ts tests the uploads' gate).
  app = await startTestApp({
    documentReaders: 2,
    documentQueue: 4,
    documentReadTimeoutMs: READ_TIMEOUT_MS,
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
  expect(await warmReaders(base, (name) => app.newOrganization(name))).toEqual(["201 ", "201 "]);
  const slow = slowDpa();
  const sent = Date.now();
  const attacks = Array.from({ length: 6 }, (_, i) => upload(attacker, slow, `aftale-${i}.txt`, "text/plain"));
  await new Promise((r) => setTimeout(r, 1000));
  const res = await upload(other, ORDINARY_DPA, "aftale.txt", "text/plain");
  const attacked = await Promise.all(attacks);
  const held = attacked.filter((a) => a.status !== 503);
  console.log(
    `attacker: ${attacked.map((a) => `${a.status} at ${a.at - sent} ms`).join(", ")}; ` +
      `other tenant: ${res.status} at ${res.at - sent} ms`,
  );
  expect(res.status).toBe(201);
  // The key's documents within its share really held their places: none was answered before the other tenant was,
  // the first after seconds of reading (read to its end or stopped at the read timeout).
  expect(held.length).toBeGreaterThanOrEqual(1);
  for (const a of held) {
    expect(res.at).toBeLessThan(a.at);
    expect([a.status, a.body?.error?.code ?? null]).toEqual(
      a.status === 201 ? [201, null] : [422, "DOCUMENT_TOO_COMPLEX"],
    );
  }
  expect(Math.min(...held.map((a) => a.at)) - sent).toBeGreaterThanOrEqual(SLOW_DPA_MIN_MS);
  // The attacker's own documents beyond its share (half of 2 readers + 4 waiting places) are refused as before.
  const refused = attacked.filter((a) => a.status === 503);
  expect(refused.length).toBeGreaterThanOrEqual(3);
  for (const a of refused) {
    expect(a.body.error.code).toBe("DOCUMENT_READERS_BUSY");
    expect(Number(a.retryAfter)).toBeGreaterThan(0);
  }
}, 240_000);
