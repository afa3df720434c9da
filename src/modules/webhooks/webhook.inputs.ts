import { Field, ID, InputType, Int } from "type-graphql";
import { ArrayMaxSize, ArrayMinSize, IsOptional } from "class-validator";
import { IsEnumValue, IsNotBlank, MaxLen, OptionalText } from "../../common/validation";
import { EVENT_TYPES } from "../events/event-types";

const EVENT_TYPE_VALUES = Object.fromEntries(EVENT_TYPES.map((t) => [t, t]));

@InputType({ description: "A new webhook endpoint." })
export class CreateWebhookEndpointInput {
  @Field({
    description:
      "Where to POST events: an absolute http(s) URL of a public address (private, loopback and link-local " +
      "addresses are refused unless the operator set WEBHOOK_ALLOW_PRIVATE=true).",
  })
  @IsNotBlank()
  @MaxLen(2000)
  url: string;

  @Field(() => [String], { description: "The event types to deliver (see eventTypes); at least one." })
  @ArrayMinSize(1, { message: "eventTypes must name at least one event type" })
  @ArrayMaxSize(EVENT_TYPES.length, { message: `eventTypes may name at most ${EVENT_TYPES.length} types` })
  @IsEnumValue(EVENT_TYPE_VALUES, { message: `every entry of eventTypes must be one of: ${EVENT_TYPES.join(", ")}` })
  eventTypes: string[];

  @OptionalText(500, "What the endpoint is for.")
  description?: string | null;
}

@InputType({ description: "Change a webhook endpoint; fields left out stay as they are." })
export class UpdateWebhookEndpointInput {
  @Field(() => ID, { description: "The endpoint." })
  id: string;

  @Field(() => Int, { nullable: true, description: "The version you read; a stale one is refused (STALE_VERSION)." })
  version?: number | null;

  @Field(() => String, { nullable: true, description: "A new URL (same rules as when created)." })
  @IsOptional()
  @IsNotBlank()
  @MaxLen(2000)
  url?: string | null;

  @Field(() => [String], { nullable: true, description: "The event types to deliver from now on." })
  @IsOptional()
  @ArrayMinSize(1, { message: "eventTypes must name at least one event type" })
  @ArrayMaxSize(EVENT_TYPES.length, { message: `eventTypes may name at most ${EVENT_TYPES.length} types` })
  @IsEnumValue(EVENT_TYPE_VALUES, { message: `every entry of eventTypes must be one of: ${EVENT_TYPES.join(", ")}` })
  eventTypes?: string[] | null;

  @OptionalText(500, "What the endpoint is for.")
  description?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      "false disables it (its pending deliveries are cancelled); true enables it again and clears its failure " +
      "count. Events that happen while it is disabled are not delivered to it; redeliverWebhookEvent sends one on " +
      "demand.",
  })
  enabled?: boolean | null;
}

@InputType({ description: "Delete a webhook endpoint with its delivery log." })
export class DeleteWebhookEndpointInput {
  @Field(() => ID, { description: "The endpoint." })
  id: string;
}

@InputType({ description: "Send an event to an endpoint again, now (with the same webhook-id)." })
export class RedeliverWebhookEventInput {
  @Field(() => ID, { description: "The event." })
  eventId: string;

  @Field(() => ID, { description: "The endpoint (it must be enabled)." })
  endpointId: string;
}
