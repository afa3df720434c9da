// The SSRF guard with WEBHOOK_ALLOW_PRIVATE off (the default): webhooks may not be pointed at
// loopback, private or link-local addresses, however the URL spells them, and a delivery whose target
// turns out to be one (an endpoint stored when it was allowed, or a name that now resolves there) is
// refused on the address the socket would connect to, and nothing reaches the receiver.
import dns from "node:dns";
import { ManualClock } from "../../src/common/clock";
import { fromGlobalId } from "../../src/common/global-id";
import { guardedLookup } from "../../src/modules/webhooks/sender";
import { WebhookAttemptOutcome } from "../../src/modules/webhooks/webhook.entity";
import { startTestApp, TestApp } from "../helpers/app";
import { startReceiver, WebhookReceiver } from "../helpers/webhook-receiver";

let app: TestApp;
let receiver: WebhookReceiver;
let admin: string;
let organizationId: string;

const CREATE_ENDPOINT = `mutation($input: CreateWebhookEndpointInput!) {
  createWebhookEndpoint(input: $input) { webhookEndpoint { id } secret userErrors { field code message } } }`;

beforeAll(async () => {
  app = await startTestApp({ webhookAllowPrivate: false, webhookTimeoutMs: 1000 }, { clock: new ManualClock() });
  receiver = await startReceiver("127.0.0.1");
  ({ key: admin, organizationId } = await app.newOrganization("Guarded A/S"));
});

afterAll(async () => {
  await app?.stop();
  await receiver?.close();
});

test(
  "private, loopback and link-local targets are refused when an " + "endpoint is created, in every spelling",
  async () => {
    const port = receiver.port;
    // Built at test time: the spellings of "this machine" and "the network inside" an attacker tries.
    const urls = [
      `http://127.0.0.1:${port}/hook`,
      `http://127.1:${port}/hook`,
      `http://0x7f000001:${port}/hook`,
      `http://2130706433:${port}/hook`,
      `http://017700000001:${port}/hook`,
      `http://0.0.0.0:${port}/hook`,
      `http://localhost:${port}/hook`,
      `http://LocalHost.:${port}/hook`,
      `http://tenant.localhost/hook`,
      `http://[::1]:${port}/hook`,
      `http://[::ffff:127.0.0.1]:${port}/hook`,
      `http://[fe80::1]/hook`,
      `http://[fd00::1]/hook`,
      "http://10.0.0.7/hook",
      "http://172.31.255.1/hook",
      "http://192.168.0.1/hook",
      "http://100.100.100.200/latest/meta-data/",
      "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
      "https://[::ffff:a9fe:a9fe]/latest/meta-data/",
    ];
    for (const url of urls) {
      const res = await app.gql(admin, CREATE_ENDPOINT, { input: { url, eventTypes: ["finding.opened"] } });
      const payload = res.data.createWebhookEndpoint;
      expect({ url, errors: payload.userErrors.map((e: any) => [e.field.join("."), e.code]) }).toEqual({
        url,
        errors: [["input.url", "ADDRESS_NOT_ALLOWED"]],
      });
      expect(payload.userErrors[0].message).toMatch(/public addresses only/);
      expect(payload.secret).toBeNull();
    }
    expect((await app.gql(admin, `{ webhookEndpoints { id } }`)).data.webhookEndpoints).toEqual([]);
    const unspecified = await app.gql(admin, CREATE_ENDPOINT, {
      input: { url: "http://0.0.0.0/hook", eventTypes: ["finding.opened"] },
    });
    expect(unspecified.data.createWebhookEndpoint.userErrors[0].message).toBe(
      "url is refused: 0.0.0.0 is an unspecified address; webhooks go to public addresses only",
    );
  },
);

test("a delivery to a loopback target is refused on the address, and nothing is sent", async () => {
  // As if the endpoint had been stored while private targets were allowed, or its name had moved.
  const targets = [`${receiver.url}/literal`, `http://localhost:${receiver.port}/named`];
  const ids: string[] = [];
  for (const url of targets) {
    const [row] = await app.db.owner.query(
      `INSERT INTO webhook_endpoint (organization_id, url, event_types) VALUES ($1, $2, '{finding.opened}') ` +
        `RETURNING id`,
      [organizationId, url],
    );
    await app.db.owner.query(`INSERT INTO webhook_secret (organization_id, endpoint_id, secret) VALUES ($1, $2, $3)`, [
      organizationId,
      row.id,
      "whsec_" + Buffer.alloc(32, 7).toString("base64"),
    ]);
    ids.push(row.id);
  }
  const p = await app.gql(admin, `mutation { createProcessor(input: { name: "Vendor ApS" }) { processor { id } } }`);
  await app.gql(
    admin,
    `mutation($input: CreateFindingInput!) { createFinding(input: $input) { finding { id } userErrors { message } } }`,
    { input: { processorId: p.data.createProcessor.processor.id, description: "x", severity: "LOW" } },
  );
  await app.server.jobs!.dispatchNow();
  const attempts = await app.db.owner.query(
    `SELECT d.endpoint_id, a.outcome, a.error FROM webhook_attempt a JOIN webhook_delivery d ON d.id = ` +
      `a.delivery_id WHERE d.endpoint_id = ANY($1)`,
    [ids],
  );
  expect(attempts.map((a: any) => a.outcome).sort()).toEqual([
    WebhookAttemptOutcome.ADDRESS_REFUSED,
    WebhookAttemptOutcome.ADDRESS_REFUSED,
  ]);
  expect(attempts.map((a: any) => a.error).join(" ")).toMatch(/loopback/);
  expect(receiver.received).toEqual([]);
  expect(fromGlobalId(p.data.createProcessor.processor.id)).not.toBeNull();
});

test("the DNS guard checks the address a name resolves to (the one the socket connects to)", async () => {
  const lookup = guardedLookup(false);
  const refused = await new Promise<Error | null>((resolve) =>
    lookup("localhost", {}, (err) => resolve(err as Error | null)),
  );
  expect(refused?.message).toMatch(/localhost resolves to .* loopback address/);
  const allowed = await new Promise<string>((resolve, reject) =>
    guardedLookup(true)("localhost", {}, (err, address) => (err ? reject(err) : resolve(address as string))),
  );
  expect((await dns.promises.lookup("localhost", { all: true })).map((a) => a.address)).toContain(allowed);
});
