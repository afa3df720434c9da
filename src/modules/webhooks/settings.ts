// The operator's webhook settings, set once from the process config when the server starts (the
// GraphQL context carries no config, and URL rules must match what delivery will allow).
import type { Config } from "../../config";

export interface WebhookSettings {
  allowPrivate: boolean;
}

let settings: WebhookSettings = { allowPrivate: false };

export function configureWebhooks(config: Pick<Config, "webhookAllowPrivate">): void {
  settings = { allowPrivate: config.webhookAllowPrivate };
}

export function webhookSettings(): WebhookSettings {
  return settings;
}
