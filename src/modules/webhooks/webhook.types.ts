import { Field, ID, ObjectType } from "type-graphql";
import { Connection } from "../../common/connection";
import { Payload, UserErrorsPayload } from "../../common/mutation";
import { WebhookDelivery, WebhookEndpoint } from "./webhook.entity";

export const WebhookDeliveryConnection = Connection(WebhookDelivery, "WebhookDelivery");

@ObjectType({ description: "Result of creating a webhook endpoint." })
export class CreateWebhookEndpointPayload extends UserErrorsPayload {
  @Field(() => WebhookEndpoint, { nullable: true, description: "The endpoint; null when userErrors is not empty." })
  webhookEndpoint?: WebhookEndpoint | null;

  @Field(() => String, {
    nullable: true,
    description:
      "The signing secret (whsec_…), shown this once. Verify each delivery's webhook-signature with it, using any " +
      "Standard Webhooks library.",
  })
  secret?: string | null;
}

@ObjectType({ description: "Result of deleting a webhook endpoint." })
export class DeleteWebhookEndpointPayload extends UserErrorsPayload {
  @Field(() => ID, { nullable: true, description: "The id of the deleted endpoint." })
  deletedWebhookEndpointId?: string | null;
}

export const WebhookEndpointPayload = Payload(
  WebhookEndpoint,
  "webhookEndpoint",
  "Result of changing a webhook endpoint.",
);

export const WebhookDeliveryPayload = Payload(WebhookDelivery, "webhookDelivery", "Result of asking for a redelivery.");
