// An organization could have any number of webhook endpoints, and each event is sent to every endpoint that wants
// it: one key made 30 endpoints at one receiver in one request (30 aliases; 300 in ten, thousands in a minute), and
// each of its events then became a request from tilsyn and a delivery row per endpoint. Now at most
// WEBHOOK_MAX_ENDPOINTS (20) per organization: the next is a userError naming the rule, also when requests create
// endpoints at once. What held: a URL over 2,000 characters is TOO_LONG naming url; a disabled endpoint gets no
// deliveries; the secret is answered once, by createWebhookEndpoint, and by no field of the endpoint. Real HTTP.
import { startTestApp, TestApp } from "../helpers/app";
import { createProcessor } from "../helpers/fixtures";
import { startReceiver, WebhookReceiver } from "../helpers/webhook-receiver";

let app: TestApp;
let receiver: WebhookReceiver;
let key: string;
let organizationId: string;

beforeAll(async () => {
  app = await startTestApp({ webhookAllowPrivate: true });
  receiver = await startReceiver();
  ({ key, organizationId } = await app.newOrganization("Mange Krogе ApS"));
}, 60_000);

afterAll(async () => {
  await receiver?.close();
  await app?.stop();
});

/** One request creating `n` endpoints (aliases), each at the receiver; the payloads in order. */
async function createMany(as: string, n: number, from = 0): Promise<any[]> {
  const fields = Array.from(
    { length: n },
    (_, i) => `e${i}: createWebhookEndpoint(input: { url: "${receiver.url}/hook-${from + i}",
      eventTypes: ["finding.opened"] })
      { webhookEndpoint { id } secret userErrors { field code message } }`,
  );
  const res = await app.gql(as, `mutation { ${fields.join("\n")} }`);
  expect(res.errors).toBeUndefined();
  return Object.values(res.data);
}

const countEndpoints = async (as: string) => (await app.ok(as, `{ webhookEndpoints { id } }`)).webhookEndpoints.length;

test("at most WEBHOOK_MAX_ENDPOINTS (20) endpoints per organization, also from requests at once", async () => {
  const first = await createMany(key, 30);
  const created = first.filter((p) => p.webhookEndpoint);
  const refused = first.filter((p) => !p.webhookEndpoint);
  console.log(`30 endpoints asked for in one request: ${created.length} created, ${refused.length} refused`);
  expect(created).toHaveLength(20);
  for (const p of refused) {
    expect(p.userErrors).toEqual([
      {
        field: null,
        code: "INVALID",
        message: expect.stringMatching(/at most 20 webhook endpoints \(WEBHOOK_MAX_ENDPOINTS\) and yours has 20/),
      },
    ]);
  }
  // Requests at once cannot pass the limit together.
  const more = await Promise.all([createMany(key, 5, 100), createMany(key, 5, 200), createMany(key, 5, 300)]);
  expect(more.flat().filter((p) => p.webhookEndpoint)).toHaveLength(0);
  expect(await countEndpoints(key)).toBe(20);

  // One event is at most 20 deliveries.
  const processor = await createProcessor(app, key, { name: "Forstærker ApS", countryCode: "DK" });
  await app.ok(
    key,
    `mutation($input: CreateFindingInput!) { createFinding(input: $input) { finding { id } userErrors { message } } }`,
    { input: { processorId: processor.id, description: "No access review", severity: "HIGH", dueOn: "2030-01-31" } },
  );
  const [deliveries] = await app.db.owner.query(
    `SELECT count(*)::int AS n FROM webhook_delivery WHERE organization_id = $1`,
    [organizationId],
  );
  expect(deliveries.n).toBe(20);

  // Another organization has its own 20; a deleted endpoint makes room for one more.
  const other = await app.newOrganization("Egen Krog ApS");
  expect((await createMany(other.key, 1))[0].webhookEndpoint).toBeTruthy();
  await app.ok(
    key,
    `mutation { deleteWebhookEndpoint(input: { id: "${created[0].webhookEndpoint.id}" }) {
      deletedWebhookEndpointId } }`,
  );
  expect((await createMany(key, 2, 400)).map((p) => Boolean(p.webhookEndpoint))).toEqual([true, false]);
}, 120_000);

test("held: a URL over 2,000 characters, a disabled endpoint, the secret shown once", async () => {
  const { key: k } = await app.newOrganization("Krog Regler ApS");
  const long = `${receiver.url}/${"a".repeat(2000)}`;
  const res = await app.gql(
    k,
    `mutation($url: String!) { createWebhookEndpoint(input: { url: $url, eventTypes: ["finding.opened"] }) {
      webhookEndpoint { id } userErrors { field code message } } }`,
    { url: long },
  );
  expect(res.data.createWebhookEndpoint.userErrors).toEqual([
    { field: ["input", "url"], code: "TOO_LONG", message: expect.stringMatching(/url.*2000/) },
  ]);
  const [made] = await createMany(k, 1, 500);
  expect(made.secret).toMatch(/^whsec_/);
  const id = made.webhookEndpoint.id;
  // No field of the endpoint answers the secret (the type has none); the audit log does not hold it either.
  const fields = await app.ok(k, `{ __type(name: "WebhookEndpoint") { fields { name } } }`);
  expect(fields.__type.fields.map((f: { name: string }) => f.name)).not.toContain("secret");
  const history = await app.ok(k, `{ webhookEndpoints { history { after before } } }`);
  expect(JSON.stringify(history)).not.toContain(made.secret);
  // Disabled: its events are not delivered.
  const version = (await app.ok(k, `{ webhookEndpoints { version } }`)).webhookEndpoints[0].version;
  await app.ok(
    k,
    `mutation { updateWebhookEndpoint(input: { id: "${id}", version: ${version}, enabled: false }) {
      webhookEndpoint { enabled } userErrors { message } } }`,
  );
  const processor = await createProcessor(app, k, { name: "Slukket ApS", countryCode: "DK" });
  await app.ok(
    k,
    `mutation($input: CreateFindingInput!) { createFinding(input: $input) { finding { id } userErrors { message } } }`,
    { input: { processorId: processor.id, description: "Disabled", severity: "LOW", dueOn: "2030-01-31" } },
  );
  const deliveries = await app.ok(k, `{ webhookEndpoints { deliveries { totalCount } } }`);
  expect(deliveries.webhookEndpoints[0].deliveries.totalCount).toBe(0);
}, 60_000);
