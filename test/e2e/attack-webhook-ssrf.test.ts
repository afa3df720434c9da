// The SSRF guard against the IPv6 forms webhook-ssrf.test.ts does not try: IPv4-compatible addresses (::/96,
// deprecated by RFC 4291 but still parsed, "::127.0.0.1" = ::7f00:1) which ipaddr.js ranges as "unicast".
// On hosts with a configured sit tunnel (or stacks that map them) they reach the embedded IPv4 address.
import { startTestApp, TestApp } from "../helpers/app";

let app: TestApp;
let admin: string;

const CREATE_ENDPOINT = `mutation($input: CreateWebhookEndpointInput!) {
  createWebhookEndpoint(input: $input) { webhookEndpoint { id } secret userErrors { field code message } } }`;

beforeAll(async () => {
  app = await startTestApp({ webhookAllowPrivate: false });
  ({ key: admin } = await app.newOrganization("Compat A/S"));
});

afterAll(async () => {
  await app?.stop();
});

test("IPv4-compatible IPv6 addresses of loopback, private and metadata targets are refused", async () => {
  for (const url of [
    "http://[::127.0.0.1]/hook",
    "http://[::7f00:1]:8080/hook",
    "http://[::10.0.0.7]/hook",
    "http://[::169.254.169.254]/latest/meta-data/",
    "http://[0:0:0:0:0:0:a9fe:a9fe]/latest/meta-data/",
  ]) {
    const res = await app.gql(admin, CREATE_ENDPOINT, { input: { url, eventTypes: ["finding.opened"] } });
    const payload = res.data.createWebhookEndpoint;
    expect({ url, errors: payload.userErrors.map((e: any) => [e.field.join("."), e.code]) }).toEqual({
      url,
      errors: [["input.url", "ADDRESS_NOT_ALLOWED"]],
    });
  }
  expect((await app.gql(admin, `{ webhookEndpoints { id } }`)).data.webhookEndpoints).toEqual([]);
});
