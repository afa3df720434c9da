import { Column, Index, Unique } from "typeorm";
import { Field, Int, ObjectType } from "type-graphql";
import { EnumValue, graphqlEnum } from "../../common/enums";
import { DateTimeScalar } from "../../common/scalars";
import { TenantEntity, TenantRecord, TenantReferenceId } from "../../common/base.entity";
import { Node } from "../../common/node";
import { Event } from "../events/event.entity";
import { NullableInt, NullableTimestamp, NullableVarchar } from "../../common/columns";

export const WebhookDisabledReason = graphqlEnum(
  "WebhookDisabledReason",
  "Why an endpoint is disabled: by an ADMIN (MANUAL), or automatically after sustained failure (FAILING).",
  ["MANUAL", "FAILING"],
);
export type WebhookDisabledReason = EnumValue<typeof WebhookDisabledReason>;

export const WebhookDeliveryStatus = graphqlEnum(
  "WebhookDeliveryStatus",
  "PENDING (waiting for its first or next attempt), SUCCEEDED (a 2xx answer), FAILED (retried for " +
    "WEBHOOK_RETRY_HOURS without success, given up), CANCELLED (the endpoint was disabled first).",
  ["PENDING", "SUCCEEDED", "FAILED", "CANCELLED"],
);
export type WebhookDeliveryStatus = EnumValue<typeof WebhookDeliveryStatus>;

export const WebhookAttemptOutcome = graphqlEnum(
  "WebhookAttemptOutcome",
  "How one attempt ended: SUCCEEDED (2xx), HTTP_ERROR (any other status), TIMEOUT (no full answer within " +
    "WEBHOOK_TIMEOUT_MS), NETWORK_ERROR (DNS, connection refused or reset, TLS), REDIRECT_REFUSED (a redirect to " +
    "another host, or one that would turn the POST into a GET, is not followed), ADDRESS_REFUSED (the host " +
    "resolves to a private, loopback or link-local address and WEBHOOK_ALLOW_PRIVATE is off).",
  ["SUCCEEDED", "HTTP_ERROR", "TIMEOUT", "NETWORK_ERROR", "REDIRECT_REFUSED", "ADDRESS_REFUSED"],
);
export type WebhookAttemptOutcome = EnumValue<typeof WebhookAttemptOutcome>;

@ObjectType({
  implements: Node,
  description:
    "A URL that receives the organization's events of the types it wants, signed per Standard Webhooks " +
    "(webhook-id, webhook-timestamp, webhook-signature). ADMIN only.",
})
@TenantEntity("webhook_endpoint")
export class WebhookEndpoint extends TenantRecord {
  @Field({ description: "Where events are POSTed (http or https)." })
  @Column({ type: "varchar", length: 2000 })
  url: string;

  @NullableVarchar("description", 500, "What the endpoint is for.")
  description: string | null;

  @Field(() => [String], { description: "The event types delivered to it (see eventTypes)." })
  @Column({ name: "event_types", type: "text", array: true })
  eventTypes: string[];

  @Field({ description: "Whether new events are delivered to it." })
  @Column({ type: "boolean", default: true })
  enabled: boolean;

  @Field(() => WebhookDisabledReason, { nullable: true, description: "Why it is disabled; null while enabled." })
  @Column({ name: "disabled_reason", type: "varchar", length: 20, nullable: true })
  disabledReason: WebhookDisabledReason | null;

  @NullableTimestamp("disabled_at", "When it was disabled.")
  disabledAt: Date | null;

  @NullableTimestamp(
    "failing_since",
    "First failed attempt since the last success; null when the last attempt succeeded.",
  )
  failingSince: Date | null;

  @Field(() => Int, { description: "Failed attempts since the last success." })
  @Column({ name: "consecutive_failures", type: "int", default: 0 })
  consecutiveFailures: number;

  @NullableTimestamp("last_success_at", "The last successful delivery (to the minute).")
  lastSuccessAt: Date | null;

  @Column({ name: "created_by_api_key_id", type: "uuid", nullable: true })
  createdByApiKeyId: string | null;
}

/**
 * The signing secret of an endpoint, in a table of its own: endpoints are audited (who changed which
 * URL when), and the audit log must never hold a secret. It is readable only by the app role under
 * row-level security, and the API shows it once, when the endpoint is created.
 */
@TenantEntity("webhook_secret")
@Unique("uq_webhook_secret_endpoint", ["organizationId", "endpointId"])
export class WebhookSecret extends TenantRecord {
  @TenantReferenceId(() => WebhookEndpoint, "endpoint_id", { onDelete: "CASCADE" })
  endpointId: string;

  /** "whsec_" + base64 of 32 random bytes (the Standard Webhooks format). */
  @Column({ type: "varchar", length: 100 })
  secret: string;
}

@ObjectType({
  implements: Node,
  description:
    "One event on its way to one endpoint: at least once, retried with exponential backoff and jitter for " +
    "WEBHOOK_RETRY_HOURS, with every attempt logged. ADMIN only.",
})
@TenantEntity("webhook_delivery")
@Unique("uq_webhook_delivery_event", ["organizationId", "endpointId", "eventId"])
@Index("ix_webhook_delivery_log", ["organizationId", "endpointId", "createdAt"])
@Index("ix_webhook_delivery_due", ["nextAttemptAt"], { where: `"status" = 'PENDING'` })
@Index("ix_webhook_delivery_due_org", ["organizationId", "nextAttemptAt"], { where: `"status" = 'PENDING'` })
export class WebhookDelivery extends TenantRecord {
  @TenantReferenceId(() => WebhookEndpoint, "endpoint_id", { onDelete: "CASCADE" })
  endpointId: string;

  @TenantReferenceId(() => Event, "event_id", { onDelete: "CASCADE" })
  eventId: string;

  @Field(() => WebhookDeliveryStatus, { description: "Where the delivery stands." })
  @Column({
    type: "enum",
    enum: WebhookDeliveryStatus,
    enumName: "webhook_delivery_status",
    default: WebhookDeliveryStatus.PENDING,
  })
  status: WebhookDeliveryStatus;

  @Field(() => Int, { description: "Attempts made so far." })
  @Column({ type: "int", default: 0 })
  attempts: number;

  @NullableTimestamp("next_attempt_at", "When the next attempt is due; null unless PENDING.")
  nextAttemptAt: Date | null;

  /** A worker holds the delivery until then; a worker that dies lets it lapse and another takes over. */
  @Column({ name: "leased_until", type: "timestamptz", nullable: true })
  leasedUntil: Date | null;

  /** Set by redeliverWebhookEvent; the next attempt is logged as manual. */
  @Column({ name: "redelivery_requested", type: "boolean", default: false })
  redeliveryRequested: boolean;

  /** Retries continue until WEBHOOK_RETRY_HOURS after this (the first attempt, or the last redelivery). */
  @Column({ name: "retrying_since", type: "timestamptz", nullable: true })
  retryingSince: Date | null;

  @NullableTimestamp("last_attempt_at", "The last attempt.")
  lastAttemptAt: Date | null;

  @NullableInt("last_response_status", "HTTP status of the last attempt; null when no answer came.")
  lastResponseStatus: number | null;

  @NullableTimestamp("delivered_at", "When a 2xx answer came.")
  deliveredAt: Date | null;
}

@ObjectType({ description: "One attempt of a webhook delivery (the delivery log)." })
@TenantEntity("webhook_attempt")
@Index("ix_webhook_attempt_delivery", ["organizationId", "deliveryId", "attempt"])
export class WebhookAttempt extends TenantRecord {
  @TenantReferenceId(() => WebhookDelivery, "delivery_id", { onDelete: "CASCADE" })
  deliveryId: string;

  @Field(() => Int, { description: "1 for the first attempt, counting on through retries and redeliveries." })
  @Column({ type: "int" })
  attempt: number;

  @Field({ description: "Whether an ADMIN asked for it (redeliverWebhookEvent) rather than the schedule." })
  @Column({ type: "boolean", default: false })
  manual: boolean;

  @Field(() => DateTimeScalar, { description: "When the request was sent." })
  @Column({ name: "started_at", type: "timestamptz" })
  startedAt: Date;

  @Field(() => Int, { description: "From sending the request to the end of the answer (or the failure), in ms." })
  @Column({ name: "duration_ms", type: "int" })
  durationMs: number;

  @Field(() => WebhookAttemptOutcome, { description: "How the attempt ended." })
  @Column({ type: "varchar", length: 20 })
  outcome: WebhookAttemptOutcome;

  @NullableInt("response_status", "The receiver's HTTP status; null when no answer came.")
  responseStatus: number | null;

  @NullableVarchar("error", 500, "What went wrong, in a sentence (no response bodies are kept).")
  error: string | null;

  /** Which process made the attempt (host:pid), for operators. */
  @Column({ type: "varchar", length: 200 })
  worker: string;
}
