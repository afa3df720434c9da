import type { RequestContext } from "../../context";
import { byId, groupBy } from "../../common/loader-kit";
import { WebhookAttempt, WebhookEndpoint } from "./webhook.entity";

export function webhookLoaders({ manager }: RequestContext) {
  return {
    webhookEndpointById: byId(manager, WebhookEndpoint),
    /** A delivery's attempts, first to last. */
    attemptsByDelivery: groupBy(manager, WebhookAttempt, "deliveryId", { order: { attempt: "ASC" } }),
  };
}

declare module "../../common/loader-kit" {
  interface Loaders extends ReturnType<typeof webhookLoaders> {}
}
