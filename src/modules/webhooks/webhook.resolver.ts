import { Arg, Authorized, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import type { RequestContext } from "../../context";
import { linked, LoadedField, reference } from "../../common/reference";
import { ALLOWED } from "../../common/auth";
import { PayloadMutation, runMutation } from "../../common/mutation";
import { Event } from "../events/event.entity";
import { WebhookAttempt, WebhookDelivery, WebhookDeliveryStatus, WebhookEndpoint } from "./webhook.entity";
import {
  CreateWebhookEndpointInput,
  DeleteWebhookEndpointInput,
  RedeliverWebhookEventInput,
  UpdateWebhookEndpointInput,
} from "./webhook.inputs";
import { webhookService } from "./webhook.service";
import {
  WebhookDeliveryConnection,
  CreateWebhookEndpointPayload,
  DeleteWebhookEndpointPayload,
  WebhookEndpointPayload,
  WebhookDeliveryPayload,
} from "./webhook.types";

// Loaders for what a page of deliveries reads (events, endpoints, attempts): one query each per request.
@Resolver(() => WebhookEndpoint)
export class WebhookEndpointResolver {
  @Authorized(...ALLOWED.administer)
  @Query(() => [WebhookEndpoint], { description: "The organization's webhook endpoints, oldest first. ADMIN only." })
  webhookEndpoints(@Ctx() ctx: RequestContext) {
    return webhookService.endpoints(ctx);
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

  @Authorized(...ALLOWED.administer)
  @Mutation(() => CreateWebhookEndpointPayload, {
    description: "Create a webhook endpoint for some event types. Returns the signing secret once. ADMIN only.",
  })
  createWebhookEndpoint(@Arg("input") input: CreateWebhookEndpointInput, @Ctx() ctx: RequestContext) {
    return runMutation<CreateWebhookEndpointPayload>(ctx, input, () => webhookService.create(ctx, input));
  }

  @PayloadMutation(
    WebhookEndpointPayload,
    "Change an endpoint's URL, event types or description, or disable or enable it. ADMIN only.",
    ALLOWED.administer,
  )
  updateWebhookEndpoint(input: UpdateWebhookEndpointInput, ctx: RequestContext) {
    return webhookService.update(ctx, input);
  }

  @Authorized(...ALLOWED.administer)
  @Mutation(() => DeleteWebhookEndpointPayload, {
    description: "Delete an endpoint, its secret and its delivery log. ADMIN only.",
  })
  deleteWebhookEndpoint(@Arg("input") input: DeleteWebhookEndpointInput, @Ctx() ctx: RequestContext) {
    return runMutation<DeleteWebhookEndpointPayload>(ctx, input, async () => ({
      deletedWebhookEndpointId: await webhookService.delete(ctx, input),
    }));
  }

  @PayloadMutation(
    WebhookDeliveryPayload,
    "Deliver an event to an endpoint again, now, with the same webhook-id (a receiver that lost it, or a " +
      "delivery that was given up or cancelled). Retries follow as for any delivery. ADMIN only.",
    ALLOWED.administer,
  )
  redeliverWebhookEvent(input: RedeliverWebhookEventInput, ctx: RequestContext) {
    return webhookService.redeliver(ctx, input);
  }
}

@Resolver(() => WebhookDelivery)
export class WebhookDeliveryResolver {
  @LoadedField(() => Event, { description: "The event delivered." })
  event = reference("eventById", (d: WebhookDelivery) => d.eventId);

  @LoadedField(() => WebhookEndpoint, { description: "The endpoint it goes to." })
  endpoint = reference("webhookEndpointById", (d: WebhookDelivery) => d.endpointId);

  @LoadedField(() => [WebhookAttempt], { description: "Every attempt, first to last." })
  attemptLog = linked("attemptsByDelivery");
}
