// Webhooks end to end: the real server with its job worker, a receiver on localhost that verifies
// every signature with the standardwebhooks package (the Standard Webhooks project's own library),
// and a manual clock, so retries days apart are tested by setting the time, not by waiting for it.
import { Role } from "../../src/common/auth";
import { ManualClock } from "../../src/common/clock";
import { fromGlobalId } from "../../src/common/global-id";
import { startTestApp, TestApp } from "../helpers/app";
import { startReceiver, WebhookReceiver } from "../helpers/webhook-receiver";
import { sdlSchema } from "../helpers/sdl";

const HOUR = 3_600_000;
let app: TestApp;
let clock: ManualClock;
let receiver: WebhookReceiver;
let elsewhere: WebhookReceiver;
let admin: string;
let processorId: string;

async function ok<T = any>(key: string, query: string, variables?: Record<string, unknown>): Promise<T> {
  const res = await app.gql(key, query, variables);
  if (res.status !== 200 || res.errors)
    throw new Error(`${query.slice(0, 60)}: ${res.status} ${JSON.stringify(res.errors)}`);
  const payload = Object.values(res.data as Record<string, any>)[0];
  if (payload?.userErrors?.length) throw new Error(`${query.slice(0, 60)}: ${JSON.stringify(payload.userErrors)}`);
  return res.data as T;
}

const CREATE_ENDPOINT = `mutation($input: CreateWebhookEndpointInput!) {
  createWebhookEndpoint(input: $input) { webhookEndpoint { id url eventTypes enabled version } secret userErrors { field
    code message } } }`;

/** An endpoint on the receiver at `path`; the receiver learns its secret to verify what arrives there. */
async function endpoint(path: string, eventTypes: string[], on = receiver): Promise<{ id: string; secret: string }> {
  const data = await ok(admin, CREATE_ENDPOINT, { input: { url: `${on.url}${path}`, eventTypes } });
  const { webhookEndpoint, secret } = data.createWebhookEndpoint;
  on.secrets.set(path, secret);
  return { id: webhookEndpoint.id, secret };
}

async function newFinding(description = "Access reviews not performed"): Promise<string> {
  const data = await ok(
    admin,
    `mutation($input: CreateFindingInput!) { createFinding(input: $input) { finding { id } userErrors { field ` +
      `message } } }`,
    { input: { processorId, description, severity: "HIGH", dueOn: "2030-01-31" } },
  );
  return data.createFinding.finding.id;
}

/** The event a finding caused (its global id is the webhook-id). */
async function eventOf(findingId: string): Promise<{ id: string; type: string; occurredAt: string; data: any }> {
  const data = await ok(
    admin,
    `{ events(first: 100, filter: { types: ["finding.opened"] }) { edges { node { id type occurredAt data } } } }`,
  );
  const found = data.events.edges.map((e: any) => e.node).find((e: any) => e.data.findingId === findingId);
  if (!found) throw new Error(`no finding.opened event for ${findingId}`);
  return found;
}

const DELIVERIES = `query($id: ID!) { node(id: $id) { ... on WebhookEndpoint {
  enabled disabledReason consecutiveFailures failingSince
  deliveries(first: 100) { totalCount edges { node { id status attempts nextAttemptAt lastResponseStatus deliveredAt
    event { id type } attemptLog { attempt manual outcome responseStatus durationMs startedAt error } } } } } } }`;

async function endpointState(id: string) {
  const data = await ok(admin, DELIVERIES, { id });
  const node = data.node;
  return { ...node, deliveries: node.deliveries.edges.map((e: any) => e.node) };
}

async function deliveryOf(endpointId: string, eventId: string) {
  const d = (await endpointState(endpointId)).deliveries.find((x: any) => x.event.id === eventId);
  if (!d) throw new Error(`no delivery of ${eventId}`);
  return d;
}

const at = (path: string) => receiver.received.filter((r) => r.path === path);
const dispatch = () => app.server.jobs!.dispatchNow();

beforeAll(async () => {
  clock = new ManualClock(new Date());
  app = await startTestApp({ webhookAllowPrivate: true, webhookTimeoutMs: 1000 }, { clock });
  receiver = await startReceiver("127.0.0.1");
  elsewhere = await startReceiver("127.0.0.1");
  admin = (await app.newOrganization("Hooks A/S")).key;
  const p = await ok(
    admin,
    `mutation { createProcessor(input: { name: "Mailer ApS", countryCode: "DK" }) { processor { id } userErrors { ` +
      `message } } }`,
  );
  processorId = p.createProcessor.processor.id;
});

afterAll(async () => {
  await app?.stop();
  await receiver?.close();
  await elsewhere?.close();
});

test("only ADMIN keys manage webhooks; the secret is shown once and never again", async () => {
  const org = await app.newOrganization("Roles ApS");
  const editor = (await app.newOrganization("Editors ApS", Role.EDITOR)).key;
  const denied = await app.gql(editor, CREATE_ENDPOINT, {
    input: { url: `${receiver.url}/x`, eventTypes: ["finding.opened"] },
  });
  expect(denied.errors?.[0].extensions?.code).toBe("FORBIDDEN");
  const someId = "V2ViaG9va0VuZHBvaW50OjA";
  const updateDenied = await app.gql(
    editor,
    `mutation($input: UpdateWebhookEndpointInput!) { updateWebhookEndpoint(input: $input) { userErrors { code } } }`,
    { input: { id: someId, enabled: false } },
  );
  expect(updateDenied.errors?.[0].extensions?.code).toBe("FORBIDDEN");
  const redeliverDenied = await app.gql(
    editor,
    `mutation($input: RedeliverWebhookEventInput!) { redeliverWebhookEvent(input: $input) { userErrors { code } } }`,
    { input: { endpointId: someId, eventId: someId } },
  );
  expect(redeliverDenied.errors?.[0].extensions?.code).toBe("FORBIDDEN");
  expect((await app.gql(editor, `{ webhookEndpoints { id } }`)).errors?.[0].extensions?.code).toBe("FORBIDDEN");
  expect((await app.gql(editor, `{ jobs { id } }`)).errors?.[0].extensions?.code).toBe("FORBIDDEN");

  const created = await ok(org.key, CREATE_ENDPOINT, {
    input: { url: `${receiver.url}/roles`, eventTypes: ["finding.opened", "finding.opened", "digest.daily"] },
  });
  expect(created.createWebhookEndpoint.secret).toMatch(/^whsec_/);
  expect(created.createWebhookEndpoint.webhookEndpoint.eventTypes).toEqual(["finding.opened", "digest.daily"]);
  // No field anywhere in the schema gives the secret back.
  const endpointType = sdlSchema().getType("WebhookEndpoint") as any;
  expect(Object.keys(endpointType.getFields()).filter((f) => /secret/i.test(f))).toEqual([]);
  const listed = await ok(org.key, `{ webhookEndpoints { id url enabled } }`);
  expect(listed.webhookEndpoints).toHaveLength(1);
  // The secret is not in the audit log either.
  const [{ n }] = await app.db.owner.query(
    `SELECT count(*)::int AS n FROM audit_log WHERE after::text LIKE '%whsec_%' OR before::text LIKE '%whsec_%'`,
  );
  expect(n).toBe(0);
});

test("bad input names the field and the rule, and writes nothing", async () => {
  const before = (await ok(admin, `{ webhookEndpoints { id } }`)).webhookEndpoints.length;
  const cases: [Record<string, unknown>, string[], RegExp][] = [
    [{ url: "not a url", eventTypes: ["finding.opened"] }, ["input", "url"], /absolute URL/],
    [{ url: "ftp://hooks.example.com/x", eventTypes: ["finding.opened"] }, ["input", "url"], /http and https/],
    [{ url: `${receiver.url}/x`, eventTypes: [] }, ["input", "eventTypes"], /at least one/],
    [{ url: `${receiver.url}/x`, eventTypes: ["finding.opend"] }, ["input", "eventTypes"], /finding\.opened/],
    [{ url: "", eventTypes: ["finding.opened"] }, ["input", "url"], /must not be empty/],
  ];
  for (const [input, field, message] of cases) {
    const res = await app.gql(admin, CREATE_ENDPOINT, { input });
    const errors = res.data.createWebhookEndpoint.userErrors;
    expect({ input, field: errors[0]?.field }).toEqual({ input, field });
    expect(errors[0].message).toMatch(message);
    expect(res.data.createWebhookEndpoint.secret).toBeNull();
  }
  expect((await ok(admin, `{ webhookEndpoints { id } }`)).webhookEndpoints).toHaveLength(before);
});

test("a committed change reaches the receiver signed per Standard Webhooks; other types do not", async () => {
  const { id } = await endpoint("/signed", ["finding.opened", "breach_notice.received"]);
  const findingId = await newFinding();
  await receiver.waitFor(() => at("/signed").length === 1);
  const [got] = at("/signed");
  const event = await eventOf(findingId);
  expect(got.verified).toBe(true);
  expect(got.status).toBe(200);
  expect(got.webhookId).toBe(event.id);
  expect(fromGlobalId(got.webhookId)?.typeName).toBe("Event");
  expect(got.headers["content-type"]).toBe("application/json");
  expect(got.headers["user-agent"]).toMatch(/^tilsyn-webhooks\//);
  expect(got.headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
  expect(Math.abs(Number(got.headers["webhook-timestamp"]) - Date.now() / 1000)).toBeLessThan(60);
  expect(got.payload).toEqual({ type: "finding.opened", timestamp: event.occurredAt, data: event.data });
  expect(got.payload!.data).toMatchObject({ findingId, processorId, severity: "HIGH", dueOn: "2030-01-31" });
  expect(fromGlobalId(got.payload!.data.organizationId)?.typeName).toBe("Organization");

  // A change notice is not among the endpoint's types.
  const sub = await ok(
    admin,
    `mutation { createProcessor(input: { name: "Sub ApS", direct: false, countryCode: "DE" }) { processor { id } ` +
      `userErrors { message } } }`,
  );
  await ok(
    admin,
    `mutation($input: RecordChangeNoticeInput!) { recordChangeNotice(input: $input) { changeNotice { id } ` +
      `userErrors { field message } } }`,
    {
      input: {
        processorId,
        kind: "ADDITION",
        subprocessorId: sub.createProcessor.processor.id,
        receivedOn: clock.now().toISOString().slice(0, 10),
      },
    },
  );
  await dispatch();
  expect(at("/signed")).toHaveLength(1);
  const state = await endpointState(id);
  expect(state.deliveries.map((d: any) => [d.event.type, d.status, d.attempts])).toEqual([
    ["finding.opened", "SUCCEEDED", 1],
  ]);
  expect(state.deliveries[0].attemptLog).toMatchObject([
    { attempt: 1, manual: false, outcome: "SUCCEEDED", responseStatus: 200 },
  ]);
});

test("a receiver that fails 5 times and then succeeds gets the event exactly once more", async () => {
  const { id } = await endpoint("/flaky", ["finding.opened"]);
  receiver.answer = (r) => (r.path === "/flaky" && at("/flaky").length <= 5 ? 500 : 200);
  try {
    const event = await eventOf(await newFinding("Flaky receiver"));
    await receiver.waitFor(() => at("/flaky").length === 1);
    await dispatch(); // the first attempt's result is recorded
    const due: number[] = [];
    for (let round = 0; round < 10; round++) {
      const d = await deliveryOf(id, event.id);
      if (d.status !== "PENDING") break;
      if (!d.nextAttemptAt) throw new Error("a pending delivery without a next attempt");
      due.push(new Date(d.nextAttemptAt).getTime());
      clock.set(d.nextAttemptAt);
      await dispatch();
    }
    const d = await deliveryOf(id, event.id);
    expect(d.status).toBe("SUCCEEDED");
    // Nothing more, however long we wait.
    clock.advance(48 * HOUR);
    await dispatch();
    await dispatch();
    const got = at("/flaky");
    expect(got.map((r) => r.status)).toEqual([500, 500, 500, 500, 500, 200]);
    expect(new Set(got.map((r) => r.webhookId))).toEqual(new Set([event.id]));
    expect(got.every((r) => r.verified)).toBe(true);
    expect(d.attemptLog.map((a: any) => [a.attempt, a.outcome, a.responseStatus])).toEqual([
      [1, "HTTP_ERROR", 500],
      [2, "HTTP_ERROR", 500],
      [3, "HTTP_ERROR", 500],
      [4, "HTTP_ERROR", 500],
      [5, "HTTP_ERROR", 500],
      [6, "SUCCEEDED", 200],
    ]);
    // Exponential backoff with jitter: 30 s, 1, 2, 4, 8 min, each ±20 %.
    const starts = d.attemptLog.map((a: any) => new Date(a.startedAt).getTime());
    for (let i = 1; i < starts.length; i++) {
      const expected = 30_000 * 2 ** (i - 1);
      expect(starts[i] - starts[i - 1]).toBeGreaterThanOrEqual(expected * 0.8 - 1);
      expect(starts[i] - starts[i - 1]).toBeLessThanOrEqual(expected * 1.2 + 1);
    }
    expect(due).toHaveLength(5);
  } finally {
    receiver.answer = () => 200;
  }
});

test(
  "a delivery that keeps failing is retried for 24 h and given up; an endpoint failing for 5 days is disabled with " +
    "an event saying so",
  async () => {
    const down = await endpoint("/down", ["finding.opened"]);
    const ops = await endpoint("/ops", ["webhook_endpoint.disabled"]);
    receiver.answer = (r) => (r.path === "/down" ? 503 : 200);
    try {
      const first = await eventOf(await newFinding("Receiver down, day 0"));
      await receiver.waitFor(() => at("/down").length === 1);
      for (let round = 0; round < 40; round++) {
        const d = await deliveryOf(down.id, first.id);
        if (d.status !== "PENDING") break;
        clock.set(d.nextAttemptAt);
        await dispatch();
      }
      const gaveUp = await deliveryOf(down.id, first.id);
      expect(gaveUp.status).toBe("FAILED");
      expect(gaveUp.nextAttemptAt).toBeNull();
      const starts = gaveUp.attemptLog.map((a: any) => new Date(a.startedAt).getTime());
      expect(starts[starts.length - 1] - starts[0]).toBeGreaterThanOrEqual(24 * HOUR);
      expect(gaveUp.attempts).toBeGreaterThanOrEqual(12);
      expect(gaveUp.attemptLog.every((a: any) => a.outcome === "HTTP_ERROR" && a.responseStatus === 503)).toBe(true);
      expect((await endpointState(down.id)).enabled).toBe(true);

      // Four more days, one event a day, every attempt failing: on day 5 the endpoint is disabled.
      let last = first;
      for (let day = 1; day <= 5; day++) {
        clock.set(new Date(new Date(first.occurredAt).getTime() + day * 24 * HOUR + 60_000));
        last = await eventOf(await newFinding(`Receiver down, day ${day}`));
        await dispatch();
      }
      const state = await endpointState(down.id);
      expect(state).toMatchObject({ enabled: false, disabledReason: "FAILING" });
      expect(state.consecutiveFailures).toBeGreaterThanOrEqual(gaveUp.attempts + 5);
      expect(state.deliveries.filter((d: any) => d.status === "PENDING")).toEqual([]);
      expect(state.deliveries.filter((d: any) => d.status === "CANCELLED").length).toBeGreaterThanOrEqual(1);
      await receiver.waitFor(() => at("/ops").length === 1);
      const [notice] = at("/ops");
      expect(notice.verified).toBe(true);
      expect(notice.payload).toMatchObject({
        type: "webhook_endpoint.disabled",
        data: { webhookEndpointId: down.id, failingSince: state.failingSince },
      });

      // While disabled, new events are not delivered to it.
      const sent = at("/down").length;
      await newFinding("While disabled");
      await dispatch();
      expect(at("/down")).toHaveLength(sent);

      // Enabled again and asked for a redelivery: the event arrives, with its own webhook-id.
      receiver.answer = () => 200;
      const enabled = await ok(
        admin,
        `mutation($input: UpdateWebhookEndpointInput!) { updateWebhookEndpoint(input: $input) { webhookEndpoint { ` +
          `enabled disabledReason consecutiveFailures } userErrors { field message } } }`,
        { input: { id: down.id, enabled: true } },
      );
      expect(enabled.updateWebhookEndpoint.webhookEndpoint).toEqual({
        enabled: true,
        disabledReason: null,
        consecutiveFailures: 0,
      });
      const redelivered = await ok(
        admin,
        `mutation($input: RedeliverWebhookEventInput!) { redeliverWebhookEvent(input: $input) { webhookDelivery { ` +
          `status } userErrors { field message } } }`,
        { input: { eventId: last.id, endpointId: down.id } },
      );
      expect(redelivered.redeliverWebhookEvent.webhookDelivery.status).toBe("PENDING");
      await receiver.waitFor(() => at("/down").some((r) => r.webhookId === last.id && r.status === 200));
      await dispatch(); // its result is recorded
      const after = await deliveryOf(down.id, last.id);
      expect(after.status).toBe("SUCCEEDED");
      expect(after.attemptLog[after.attemptLog.length - 1]).toMatchObject({ manual: true, outcome: "SUCCEEDED" });
      expect(
        at("/down")
          .filter((r) => r.webhookId === last.id)
          .every((r) => r.verified),
      ).toBe(true);
      expect(ops.id).toBeTruthy();
    } finally {
      receiver.answer = () => 200;
    }
  },
);

test("redelivery on demand sends a delivered event again with the same webhook-id", async () => {
  const { id } = await endpoint("/again", ["finding.opened"]);
  const event = await eventOf(await newFinding("Lost by the receiver"));
  await receiver.waitFor(() => at("/again").length === 1);
  await ok(
    admin,
    `mutation($input: RedeliverWebhookEventInput!) { redeliverWebhookEvent(input: $input) { webhookDelivery { id ` +
      `} userErrors { field message } } }`,
    { input: { eventId: event.id, endpointId: id } },
  );
  await receiver.waitFor(() => at("/again").length === 2);
  await dispatch();
  expect(at("/again").map((r) => [r.webhookId, r.verified, r.status])).toEqual([
    [event.id, true, 200],
    [event.id, true, 200],
  ]);
  expect((await deliveryOf(id, event.id)).attemptLog.map((a: any) => a.manual)).toEqual([false, true]);
});

test("redirects: a 307 to the same origin is followed; one to another host, or a 302, is not", async () => {
  receiver.answer = (r) =>
    r.path === "/moved"
      ? { status: 307, location: "/final" }
      : r.path === "/away"
        ? { status: 307, location: `http://localhost:${elsewhere.port}/stolen` }
        : r.path === "/found"
          ? { status: 302, location: "/final" }
          : 200;
  try {
    const moved = await endpoint("/moved", ["finding.opened"]);
    receiver.secrets.set("/final", moved.secret);
    const away = await endpoint("/away", ["finding.opened"]);
    const found = await endpoint("/found", ["finding.opened"]);
    const event = await eventOf(await newFinding("Redirects"));
    await receiver.waitFor(() => at("/final").length === 1 && at("/away").length === 1 && at("/found").length === 1);
    await dispatch();
    expect(at("/final")[0]).toMatchObject({ verified: true, webhookId: event.id, status: 200 });
    expect(elsewhere.received).toEqual([]);
    expect((await deliveryOf(moved.id, event.id)).attemptLog).toMatchObject([
      { outcome: "SUCCEEDED", responseStatus: 200 },
    ]);
    for (const e of [away, found]) {
      const [attempt] = (await deliveryOf(e.id, event.id)).attemptLog;
      expect(attempt).toMatchObject({ outcome: "REDIRECT_REFUSED", responseStatus: e === away ? 307 : 302 });
      expect(attempt.error).toMatch(/not followed/);
    }
  } finally {
    receiver.answer = () => 200;
  }
});

test("a receiver that does not answer in time is a TIMEOUT, and is retried", async () => {
  receiver.answer = (r) => (r.path === "/slow" ? "hang" : 200);
  try {
    const slow = await endpoint("/slow", ["finding.opened"]);
    const event = await eventOf(await newFinding("Slow receiver"));
    await receiver.waitFor(() => at("/slow").length === 1);
    await dispatch();
    const d = await deliveryOf(slow.id, event.id);
    expect(d.status).toBe("PENDING");
    expect(d.attemptLog).toMatchObject([{ outcome: "TIMEOUT", responseStatus: null }]);
    expect(d.attemptLog[0].durationMs).toBeGreaterThanOrEqual(900);
    expect(d.attemptLog[0].durationMs).toBeLessThan(5000);
  } finally {
    receiver.releaseHung();
    receiver.answer = () => 200;
  }
});

test("changing the event types changes what arrives; deleting an endpoint removes its log", async () => {
  const { id } = await endpoint("/types", ["breach_notice.received"]);
  await newFinding("Not wanted");
  await dispatch();
  expect(at("/types")).toHaveLength(0);
  await ok(
    admin,
    `mutation($input: UpdateWebhookEndpointInput!) { updateWebhookEndpoint(input: $input) { webhookEndpoint { ` +
      `eventTypes } userErrors { field message } } }`,
    { input: { id, eventTypes: ["finding.opened"] } },
  );
  await newFinding("Wanted now");
  await receiver.waitFor(() => at("/types").length === 1);
  const deleted = await ok(
    admin,
    `mutation($input: DeleteWebhookEndpointInput!) { deleteWebhookEndpoint(input: $input) { ` +
      `deletedWebhookEndpointId userErrors { field message } } }`,
    { input: { id } },
  );
  expect(deleted.deleteWebhookEndpoint.deletedWebhookEndpointId).toBe(id);
  expect((await ok(admin, `query($id: ID!) { node(id: $id) { id } }`, { id })).node).toBeNull();
  const uuid = fromGlobalId(id)!.id;
  const [{ n }] = await app.db.owner.query(
    `SELECT (SELECT count(*) FROM webhook_delivery WHERE endpoint_id = $1) + (SELECT count(*) FROM webhook_secret ` +
      `WHERE endpoint_id = $1) AS n`,
    [uuid],
  );
  expect(Number(n)).toBe(0);
});
