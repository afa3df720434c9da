// Webhook endpoints and on-demand redelivery, in the request's transaction (row-level security).
// Delivery itself runs in the job worker (dispatcher.ts).
import dns from "node:dns/promises";
import type { RequestContext } from "../../context";
import { clock } from "../../common/clock";
import { failInput, UserErrorCode } from "../../common/errors";
import { checkVersion, createOwned, findByGlobalId, findForUpdate } from "../../common/lookup";
import { paginate, sortOn } from "../../common/connection";
import { WEBHOOK_CHANNEL } from "../events/events.service";
import { literalAddress, refusedAddress } from "./address.rules";
import { refusedUrl } from "./sender";
import { newWebhookSecret } from "./signing";
import { webhookSettings } from "./settings";
import {
  WebhookDelivery,
  WebhookDeliveryStatus,
  WebhookDisabledReason,
  WebhookEndpoint,
  WebhookSecret,
} from "./webhook.entity";
import {
  CreateWebhookEndpointInput,
  DeleteWebhookEndpointInput,
  RedeliverWebhookEventInput,
  UpdateWebhookEndpointInput,
} from "./webhook.inputs";
import { events } from "../events";

/** The URL as it will be stored, or a userError naming the rule it breaks. */
async function checkedUrl(raw: string): Promise<string> {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    failInput("url", UserErrorCode.INVALID, "url must be an absolute URL such as https://hooks.example.com/tilsyn");
  }
  const { allowPrivate } = webhookSettings();
  const refused = refusedUrl(url, allowPrivate);
  if (refused) {
    const code = /address|loopback/.test(refused) ? UserErrorCode.ADDRESS_NOT_ALLOWED : UserErrorCode.INVALID;
    failInput("url", code, `url is refused: ${refused}; webhooks go to public addresses only`);
  }
  if (!allowPrivate && !literalAddress(url.hostname)) {
    // The same check runs on every delivery (DNS may change); here it spares the caller a silent failure.
    const addresses = await dns.lookup(url.hostname, { all: true, verbatim: true }).catch(() => []);
    for (const a of addresses) {
      const why = refusedAddress(a.address);
      if (why)
        failInput(
          "url",
          UserErrorCode.ADDRESS_NOT_ALLOWED,
          `url is refused: ${url.hostname} resolves to ${why}; webhooks go to public addresses only`,
        );
    }
  }
  return url.toString();
}

/**
 * At most WEBHOOK_MAX_ENDPOINTS endpoints per organization: each event is sent to every endpoint that wants it, and
 * without a limit one key made thousands (all at one receiver), so that each of its events became thousands of
 * requests from tilsyn and as many delivery rows. Counted under a lock of the organization's, so that requests
 * creating endpoints at once cannot pass the limit together.
 */
async function checkEndpointCount(ctx: RequestContext): Promise<void> {
  const { maxEndpoints } = webhookSettings();
  await ctx.manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('webhook_endpoint:' || $1, 0))`, [
    ctx.actor.organizationId,
  ]);
  const count = await ctx.manager.count(WebhookEndpoint);
  if (count >= maxEndpoints)
    failInput(
      null,
      UserErrorCode.INVALID,
      `an organization may have at most ${maxEndpoints} webhook endpoints (WEBHOOK_MAX_ENDPOINTS) and yours has ` +
        `${count}; delete one (deleteWebhookEndpoint), or send several event types to one endpoint`,
    );
}

const uniqueTypes = (types: string[]) => [...new Set(types)];

async function cancelPending(ctx: RequestContext, endpointId: string): Promise<void> {
  await ctx.manager.update(
    WebhookDelivery,
    { endpointId, status: WebhookDeliveryStatus.PENDING },
    { status: WebhookDeliveryStatus.CANCELLED, nextAttemptAt: null, leasedUntil: null },
  );
}

export const webhookService = {
  /** The organization's webhook endpoints, oldest first. */
  endpoints(ctx: RequestContext): Promise<WebhookEndpoint[]> {
    return ctx.manager.find(WebhookEndpoint, { order: { createdAt: "ASC", id: "ASC" } });
  },

  async create(
    ctx: RequestContext,
    input: CreateWebhookEndpointInput,
  ): Promise<{ webhookEndpoint: WebhookEndpoint; secret: string }> {
    const url = await checkedUrl(input.url);
    await checkEndpointCount(ctx);
    const endpoint = await ctx.manager.save(
      createOwned(ctx, WebhookEndpoint, {
        url,
        description: input.description?.trim() || null,
        eventTypes: uniqueTypes(input.eventTypes),
        enabled: true,
        disabledReason: null,
        disabledAt: null,
        failingSince: null,
        consecutiveFailures: 0,
        lastSuccessAt: null,
        createdByApiKeyId: ctx.actor.apiKeyId,
      }),
    );
    const secret = newWebhookSecret();
    await ctx.manager.save(
      ctx.manager.create(WebhookSecret, { organizationId: ctx.actor.organizationId, endpointId: endpoint.id, secret }),
    );
    return { webhookEndpoint: endpoint, secret };
  },

  async update(ctx: RequestContext, input: UpdateWebhookEndpointInput): Promise<WebhookEndpoint> {
    const endpoint = await findForUpdate(ctx, WebhookEndpoint, "WebhookEndpoint", input.id, ["input", "id"]);
    checkVersion(endpoint, input.version);
    if (input.url === null) failInput("url", UserErrorCode.REQUIRED, "url cannot be cleared");
    if (input.eventTypes === null) failInput("eventTypes", UserErrorCode.REQUIRED, "eventTypes cannot be cleared");
    if (input.url !== undefined) endpoint.url = await checkedUrl(input.url);
    if (input.eventTypes !== undefined) endpoint.eventTypes = uniqueTypes(input.eventTypes);
    if (input.description !== undefined) endpoint.description = input.description?.trim() || null;
    if (input.enabled === true && !endpoint.enabled) {
      Object.assign(endpoint, {
        enabled: true,
        disabledReason: null,
        disabledAt: null,
        failingSince: null,
        consecutiveFailures: 0,
      });
    } else if (input.enabled === false && endpoint.enabled) {
      Object.assign(endpoint, {
        enabled: false,
        disabledReason: WebhookDisabledReason.MANUAL,
        disabledAt: clock().now(),
      });
      await cancelPending(ctx, endpoint.id);
    }
    return ctx.manager.save(endpoint);
  },

  async delete(ctx: RequestContext, input: DeleteWebhookEndpointInput): Promise<string> {
    const endpoint = await findForUpdate(ctx, WebhookEndpoint, "WebhookEndpoint", input.id, ["input", "id"]);
    await ctx.manager.delete(WebhookEndpoint, { id: endpoint.id });
    return input.id;
  },

  async redeliver(ctx: RequestContext, input: RedeliverWebhookEventInput): Promise<WebhookDelivery> {
    const event = await events.ofInput(ctx, input.eventId, ["input", "eventId"]);
    const endpoint = await findByGlobalId(ctx, WebhookEndpoint, "WebhookEndpoint", input.endpointId, [
      "input",
      "endpointId",
    ]);
    if (!endpoint.enabled)
      failInput(
        "endpointId",
        UserErrorCode.INVALID_STATE,
        "the endpoint is disabled; enable it first (updateWebhookEndpoint)",
      );
    const now = clock().now();
    const existing = await ctx.manager.findOne(WebhookDelivery, {
      where: { endpointId: endpoint.id, eventId: event.id },
      lock: { mode: "pessimistic_write" },
    });
    const delivery =
      existing ??
      createOwned(ctx, WebhookDelivery, {
        endpointId: endpoint.id,
        eventId: event.id,
        attempts: 0,
        createdAt: now,
      });
    Object.assign(delivery, {
      status: WebhookDeliveryStatus.PENDING,
      nextAttemptAt: now,
      retryingSince: null,
      redeliveryRequested: true,
    });
    const saved = await ctx.manager.save(delivery);
    // Wake a job worker now (sent when the transaction commits).
    await ctx.manager.query(`SELECT pg_notify('${WEBHOOK_CHANNEL}', '')`);
    return saved;
  },

  deliveries(
    ctx: RequestContext,
    endpointId: string,
    args: { first?: number | null; after?: string | null; status?: WebhookDeliveryStatus[] | null },
  ) {
    const qb = ctx.manager
      .createQueryBuilder(WebhookDelivery, "d")
      .where("d.endpoint_id = :endpointId", { endpointId });
    if (args.status?.length) qb.andWhere("d.status = ANY(:status)", { status: args.status });
    return paginate(qb, { ...args, ...sortOn(qb, "createdAt", "DESC") });
  },
};
