import DataLoader from "dataloader";
import {
  Arg,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  ID,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from "type-graphql";
import type { RequestContext } from "../../context";
import { ADMINS } from "../../common/auth";
import { Connection } from "../../common/connection";
import { UserError } from "../../common/errors";
import { Payload, runMutation } from "../../common/mutation";
import { Event } from "../events/event.entity";
import { WebhookAttempt, WebhookDelivery, WebhookDeliveryStatus, WebhookEndpoint } from "./webhook.entity";
import {
  CreateWebhookEndpointInput,
  DeleteWebhookEndpointInput,
  RedeliverWebhookEventInput,
  UpdateWebhookEndpointInput,
} from "./webhook.inputs";
import { webhookService } from "./webhook.service";

const WebhookDeliveryConnection = Connection(WebhookDelivery, "WebhookDelivery");

@ObjectType({ description: "Result of creating a webhook endpoint." })
class CreateWebhookEndpointPayload {
  @Field(() => WebhookEndpoint, { nullable: true, description: "The endpoint; null when userErrors is not empty." })
  webhookEndpoint?: WebhookEndpoint | null;

  @Field(() => String, {
    nullable: true,
    description:
      "The signing secret (whsec_…), shown this once. Verify each delivery's webhook-signature with it, using any Standard Webhooks library.",
  })
  secret?: string | null;

  @Field(() => [UserError], { description: "Problems with the input. When not empty, nothing was written." })
  userErrors: UserError[];
}

@ObjectType({ description: "Result of deleting a webhook endpoint." })
class DeleteWebhookEndpointPayload {
  @Field(() => ID, { nullable: true, description: "The id of the deleted endpoint." })
  deletedWebhookEndpointId?: string | null;

  @Field(() => [UserError], { description: "Problems with the input. When not empty, nothing was written." })
  userErrors: UserError[];
}

const WebhookEndpointPayload = Payload(
  WebhookEndpoint,
  "webhookEndpoint",
  "WebhookEndpointPayload",
  "Result of changing a webhook endpoint.",
);
const WebhookDeliveryPayload = Payload(
  WebhookDelivery,
  "webhookDelivery",
  "WebhookDeliveryPayload",
  "Result of asking for a redelivery.",
);

// Loaders for what a page of deliveries reads (events, endpoints, attempts): one query each per request.
const requestLoaders = new WeakMap<object, Map<string, DataLoader<string, unknown>>>();
function loader<V>(ctx: RequestContext, name: string, batch: (ids: string[]) => Promise<V[]>): DataLoader<string, V> {
  let bag = requestLoaders.get(ctx.queryRunner);
  if (!bag) requestLoaders.set(ctx.queryRunner, (bag = new Map()));
  let l = bag.get(name) as DataLoader<string, V> | undefined;
  if (!l) bag.set(name, (l = new DataLoader<string, V>((ids) => batch([...ids]))));
  return l;
}

function byIdFrom<T extends { id: string }>(ctx: RequestContext, entity: new () => T, name: string) {
  return loader(ctx, name, async (ids) => {
    const rows = await ctx.manager.createQueryBuilder(entity, "x").where("x.id = ANY(:ids)", { ids }).getMany();
    const map = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => map.get(id) ?? (null as unknown as T));
  });
}

const attemptsOf = (ctx: RequestContext) =>
  loader(ctx, "attempts", async (ids) => {
    const rows = await ctx.manager
      .createQueryBuilder(WebhookAttempt, "a")
      .where("a.delivery_id = ANY(:ids)", { ids })
      .orderBy("a.attempt", "ASC")
      .getMany();
    return ids.map((id) => rows.filter((r) => r.deliveryId === id));
  });

@Resolver(() => WebhookEndpoint)
export class WebhookEndpointResolver {
  @Authorized(...ADMINS)
  @Query(() => [WebhookEndpoint], { description: "The organization's webhook endpoints, oldest first. ADMIN only." })
  webhookEndpoints(@Ctx() ctx: RequestContext) {
    return ctx.manager.find(WebhookEndpoint, { order: { createdAt: "ASC", id: "ASC" } });
  }

  @FieldResolver(() => WebhookDeliveryConnection, {
    description: "The endpoint's delivery log, newest first: one entry per event sent to it, with every attempt.",
  })
  deliveries(
    @Root() endpoint: WebhookEndpoint,
    @Ctx() ctx: RequestContext,
    @Arg("first", () => Int, { nullable: true, description: "Page size, 0–100 (default 20)." }) first: number | null,
    @Arg("after", () => String, { nullable: true, description: "endCursor of the previous page." })
    after: string | null,
    @Arg("status", () => [WebhookDeliveryStatus], { nullable: true, description: "Only deliveries in these states." })
    status: WebhookDeliveryStatus[] | null,
  ) {
    return webhookService.deliveries(ctx, endpoint.id, { first, after, status });
  }

  @Authorized(...ADMINS)
  @Mutation(() => CreateWebhookEndpointPayload, {
    description: "Create a webhook endpoint for some event types. Returns the signing secret once. ADMIN only.",
  })
  createWebhookEndpoint(@Arg("input") input: CreateWebhookEndpointInput, @Ctx() ctx: RequestContext) {
    return runMutation<CreateWebhookEndpointPayload>(ctx, input, () => webhookService.create(ctx, input));
  }

  @Authorized(...ADMINS)
  @Mutation(() => WebhookEndpointPayload, {
    description: "Change an endpoint's URL, event types or description, or disable or enable it. ADMIN only.",
  })
  async updateWebhookEndpoint(@Arg("input") input: UpdateWebhookEndpointInput, @Ctx() ctx: RequestContext) {
    return runMutation<{ webhookEndpoint?: WebhookEndpoint; userErrors: UserError[] }>(ctx, input, async () => ({
      webhookEndpoint: await webhookService.update(ctx, input),
    }));
  }

  @Authorized(...ADMINS)
  @Mutation(() => DeleteWebhookEndpointPayload, {
    description: "Delete an endpoint, its secret and its delivery log. ADMIN only.",
  })
  deleteWebhookEndpoint(@Arg("input") input: DeleteWebhookEndpointInput, @Ctx() ctx: RequestContext) {
    return runMutation<DeleteWebhookEndpointPayload>(ctx, input, async () => ({
      deletedWebhookEndpointId: await webhookService.delete(ctx, input),
    }));
  }

  @Authorized(...ADMINS)
  @Mutation(() => WebhookDeliveryPayload, {
    description:
      "Deliver an event to an endpoint again, now, with the same webhook-id (a receiver that lost it, or a delivery that was given up or cancelled). Retries follow as for any delivery. ADMIN only.",
  })
  async redeliverWebhookEvent(@Arg("input") input: RedeliverWebhookEventInput, @Ctx() ctx: RequestContext) {
    return runMutation<{ webhookDelivery?: WebhookDelivery; userErrors: UserError[] }>(ctx, input, async () => ({
      webhookDelivery: await webhookService.redeliver(ctx, input),
    }));
  }
}

@Resolver(() => WebhookDelivery)
export class WebhookDeliveryResolver {
  @FieldResolver(() => Event, { description: "The event delivered." })
  event(@Root() d: WebhookDelivery, @Ctx() ctx: RequestContext) {
    return byIdFrom(ctx, Event, "events").load(d.eventId);
  }

  @FieldResolver(() => WebhookEndpoint, { description: "The endpoint it goes to." })
  endpoint(@Root() d: WebhookDelivery, @Ctx() ctx: RequestContext) {
    return byIdFrom(ctx, WebhookEndpoint, "endpoints").load(d.endpointId);
  }

  @FieldResolver(() => [WebhookAttempt], { description: "Every attempt, first to last." })
  attemptLog(@Root() d: WebhookDelivery, @Ctx() ctx: RequestContext) {
    return attemptsOf(ctx).load(d.id);
  }
}

export const WEBHOOK_RESOLVERS = [WebhookEndpointResolver, WebhookDeliveryResolver] as const;
