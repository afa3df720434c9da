// The webhooks module: endpoints (ADMIN), signed delivery with retries, the delivery log.
import { defineModule } from "../../common/module";
import { WebhookAttempt, WebhookDelivery, WebhookEndpoint, WebhookSecret } from "./webhook.entity";
import { WebhookDeliveryResolver, WebhookEndpointResolver } from "./webhook.resolver";
import { webhookLoaders } from "./webhook.loaders";

export default defineModule({
  name: "webhooks",
  entities: [WebhookEndpoint, WebhookSecret, WebhookDelivery, WebhookAttempt],
  resolvers: [WebhookEndpointResolver, WebhookDeliveryResolver],
  loaders: webhookLoaders,
  tenantTables: ["webhook_endpoint", "webhook_secret", "webhook_delivery", "webhook_attempt"],
  // The delivery log records what was sent; secrets must never reach the audit log.
  unauditedTables: ["webhook_secret", "webhook_delivery", "webhook_attempt"],
  restrictedNodes: { WebhookEndpoint: "administer", WebhookDelivery: "administer" },
});
