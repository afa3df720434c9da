// The operator's webhook settings, set once from the process config when the server starts (the
// GraphQL context carries no config, and URL rules must match what delivery will allow).
import type { Config } from "../../config";

export interface WebhookSettings {
  allowPrivate: boolean;
  /** WEBHOOK_MAX_ENDPOINTS: endpoints one organization may have. */
  maxEndpoints: number;
}

let settings: WebhookSettings = { allowPrivate: false, maxEndpoints: 20 };

export function configureWebhooks(config: Pick<Config, "webhookAllowPrivate" | "webhookMaxEndpoints">): void {
  settings = { allowPrivate: config.webhookAllowPrivate, maxEndpoints: config.webhookMaxEndpoints };
}

export function webhookSettings(): WebhookSettings {
  return settings;
}
