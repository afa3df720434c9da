// The webhooks module: endpoints (ADMIN), signed delivery with retries, the delivery log.
import { WebhookAttempt, WebhookDelivery, WebhookEndpoint, WebhookSecret } from "./webhook.entity";
import { WEBHOOK_RESOLVERS } from "./webhook.resolver";

export const WEBHOOKS_ENTITIES = [WebhookEndpoint, WebhookSecret, WebhookDelivery, WebhookAttempt];
export const WEBHOOKS_RESOLVERS = WEBHOOK_RESOLVERS;
export const WEBHOOKS_TENANT_TABLES = ["webhook_endpoint", "webhook_secret", "webhook_delivery", "webhook_attempt"];
