// Delivers due webhook deliveries. webhook_delivery is itself the work queue: a worker claims due
// rows with FOR UPDATE SKIP LOCKED and a lease, so any number of API processes deliver side by side
// and each attempt is made by one of them; a worker that dies lets its lease lapse and another takes
// the delivery over (at least once: the receiver may see it twice, always with the same webhook-id).
//
// What wakes it: NOTIFY from a transaction that created deliveries (near-instant), a timer for the
// next retry or lapsing lease within a minute, and the queue's webhook-dispatch cron job every minute.
// It runs on the job worker's own pool as the owner role (it serves every organization); an endpoint
// it disables is disabled in an org-scoped transaction, so the outbox records that as any change.
import type { Pool } from "pg";
import type { Config } from "../../config";
import type { Database } from "../../db/database";
import type { Logger } from "../../common/logger";
import { clock } from "../../common/clock";
import { toGlobalId } from "../../common/global-id";
import { eventData, recordEvent } from "../events/events.service";
import { withOrganization } from "../jobs/system-context";
import { nextAttemptAt, retryPolicy, RetryPolicy, shouldDisable } from "./retry.rules";
import { sendWebhook, SendResult } from "./sender";
import { signedHeaders } from "./signing";
import { WebhookAttemptOutcome, WebhookDeliveryStatus, WebhookDisabledReason, WebhookEndpoint } from "./webhook.entity";

interface Claimed {
  id: string;
  organization_id: string;
  endpoint_id: string;
  event_id: string;
  attempt: number;
  retrying_since: Date;
  manual: boolean;
  type: string;
  occurred_at: Date;
  data: Record<string, unknown>;
  url: string;
  secret: string;
}

/** Margin on top of the request timeout before a claimed delivery may be taken over. */
const LEASE_MARGIN_MS = 5_000;
/** A wake-up further away than this is left to the once-a-minute cron job. */
const WAKE_HORIZON_MS = 60_000;
/** One run stops claiming after this long (the cron job or a NOTIFY starts the next). */
const MAX_RUN_MS = 5 * 60_000;

export const USER_AGENT = "tilsyn-webhooks/0.1 (+https://www.standardwebhooks.com)";

/** The exact body a receiver gets (Standard Webhooks payload: type, timestamp, data). */
export function webhookBody(e: {
  type: string;
  occurredAt: Date;
  organizationId: string;
  data: Record<string, unknown>;
}) {
  return JSON.stringify({ type: e.type, timestamp: e.occurredAt.toISOString(), data: eventData(e) });
}

export interface DispatcherDeps {
  pool: Pool;
  db: Database;
  config: Config;
  logger: Logger;
  /** host:pid of this process, logged with each attempt. */
  worker: string;
}

export class Dispatcher {
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private wake: NodeJS.Timeout | null = null;
  private readonly policy: RetryPolicy;

  constructor(private readonly deps: DispatcherDeps) {
    this.policy = retryPolicy(deps.config.webhookRetryHours);
  }

  /**
   * Delivers everything due, until nothing is. A call during a run makes that run look again, and
   * resolves when it is done: after `await kick()` every delivery due at the call has been attempted.
   */
  kick(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          await this.drain();
        } while (this.again && !this.stopped);
        await this.scheduleWake();
      } catch (err) {
        this.deps.logger.error({ err }, "webhook dispatch failed");
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.wake) clearTimeout(this.wake);
    await this.running;
  }

  private async drain(): Promise<void> {
    const started = Date.now();
    const inflight = new Set<Promise<void>>();
    const perOrganization = new Map<string, number>();
    let more = true;
    while (!this.stopped) {
      if (more && inflight.size < this.deps.config.webhookConcurrency && Date.now() - started < MAX_RUN_MS) {
        const batch = await this.claim(this.deps.config.webhookConcurrency - inflight.size, perOrganization);
        more = batch.length > 0;
        for (const d of batch) {
          const org = d.organization_id;
          perOrganization.set(org, (perOrganization.get(org) ?? 0) + 1);
          const p: Promise<void> = this.deliver(d)
            .catch((err) => this.deps.logger.error({ err, deliveryId: d.id }, "webhook delivery bookkeeping failed"))
            .finally(() => {
              inflight.delete(p);
              const left = (perOrganization.get(org) ?? 1) - 1;
              if (left > 0) perOrganization.set(org, left);
              else perOrganization.delete(org);
            });
          inflight.add(p);
        }
        if (more) continue;
      }
      if (!inflight.size) break;
      await Promise.race(inflight);
      // Something finished: a slot is free, and new deliveries may have come due meanwhile.
      more = true;
    }
    await Promise.all(inflight);
  }

  /** Up to `limit` due deliveries, leased to this process; `inFlight`: its deliveries running, per organization. */
  private async claim(limit: number, inFlight: ReadonlyMap<string, number>): Promise<Claimed[]> {
    const now = clock().now();
    const leaseUntil = new Date(now.getTime() + this.deps.config.webhookTimeoutMs + LEASE_MARGIN_MS);
    // Organizations take turns: a delivery's turn is its place in its organization's queue plus the deliveries
    // of that organization this process has in flight, so one tenant's backlog on a receiver that never answers
    // holds another tenant's delivery back by one attempt at most, not by the whole backlog. Each organization's
    // oldest due deliveries come from ix_webhook_delivery_due_org (the organizations found by skipping through
    // it), so a claim reads at most `limit` rows per organization however large a backlog is.
    const { rows } = await this.deps.pool.query<Claimed>(
      `WITH RECURSIVE orgs AS (
         (SELECT organization_id FROM webhook_delivery WHERE status = 'PENDING' ORDER BY organization_id LIMIT 1)
         UNION ALL
         SELECT (SELECT w.organization_id FROM webhook_delivery w
                  WHERE w.status = 'PENDING' AND w.organization_id > o.organization_id
                  ORDER BY w.organization_id LIMIT 1)
           FROM orgs o WHERE o.organization_id IS NOT NULL
       ), ranked AS (
         SELECT c.id, c.next_attempt_at,
                row_number() OVER (PARTITION BY c.organization_id ORDER BY c.next_attempt_at) + coalesce(b.n, 0) AS turn
           FROM orgs o
           CROSS JOIN LATERAL (
             SELECT d.id, d.organization_id, d.next_attempt_at FROM webhook_delivery d
              WHERE d.status = 'PENDING' AND d.organization_id = o.organization_id AND d.next_attempt_at <= $1
                AND (d.leased_until IS NULL OR d.leased_until <= $1)
              ORDER BY d.next_attempt_at LIMIT $2) c
           LEFT JOIN unnest($4::uuid[], $5::int[]) AS b(organization_id, n) ON b.organization_id = c.organization_id
       ), due AS (
         -- Twice the rows wanted, so that rows another process holds can be skipped; few, so read by key.
         SELECT d.id, d.redelivery_requested
           FROM (SELECT id, turn, next_attempt_at FROM ranked ORDER BY turn, next_attempt_at LIMIT $2 * 2) r
           JOIN webhook_delivery d ON d.id = r.id
          WHERE d.status = 'PENDING' AND d.next_attempt_at <= $1 AND (d.leased_until IS NULL OR d.leased_until <= $1)
          ORDER BY r.turn, r.next_attempt_at
          LIMIT $2
          FOR UPDATE OF d SKIP LOCKED
       ), claimed AS (
         UPDATE webhook_delivery d
            SET leased_until = $3, attempts = d.attempts + 1, last_attempt_at = $1,
                retrying_since = coalesce(d.retrying_since, $1), redelivery_requested = false
           FROM due WHERE d.id = due.id
         RETURNING d.id, d.organization_id, d.endpoint_id, d.event_id, d.attempts AS attempt, d.retrying_since,
                   due.redelivery_requested AS manual
       )
       SELECT c.*, e.type, e.occurred_at, e.data, w.url, s.secret
         FROM claimed c
         JOIN event e ON e.id = c.event_id
         JOIN webhook_endpoint w ON w.id = c.endpoint_id
         JOIN webhook_secret s ON s.endpoint_id = c.endpoint_id`,
      [now, limit, leaseUntil, [...inFlight.keys()], [...inFlight.values()]],
    );
    return rows;
  }

  private async deliver(d: Claimed): Promise<void> {
    const body = webhookBody({
      type: d.type,
      occurredAt: d.occurred_at,
      organizationId: d.organization_id,
      data: d.data,
    });
    const startedAt = clock().now();
    const result = await sendWebhook({
      url: d.url,
      body,
      timeoutMs: this.deps.config.webhookTimeoutMs,
      allowPrivate: this.deps.config.webhookAllowPrivate,
      headers: {
        "content-type": "application/json",
        "user-agent": USER_AGENT,
        // The signature's timestamp is the real time of sending: receivers check it against their clock.
        ...signedHeaders(d.secret, toGlobalId("Event", d.event_id), body, new Date()),
      },
    });
    await this.record(d, startedAt, result);
  }

  /** The attempt's log entry, the delivery's new state and the endpoint's failure count, in one statement. */
  private async record(d: Claimed, startedAt: Date, r: SendResult): Promise<void> {
    const now = clock().now();
    const ok = r.outcome === WebhookAttemptOutcome.SUCCEEDED;
    const next = ok ? null : nextAttemptAt(d.attempt, now, d.retrying_since, this.policy, Math.random());
    const status = ok
      ? WebhookDeliveryStatus.SUCCEEDED
      : next
        ? WebhookDeliveryStatus.PENDING
        : WebhookDeliveryStatus.FAILED;
    const { rows } = await this.deps.pool.query<{ enabled: boolean; failing_since: Date | null }>(
      `WITH attempt AS (
         INSERT INTO webhook_attempt (organization_id, delivery_id, attempt, manual, started_at, duration_ms, outcome,
           response_status, error, worker)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ), delivery AS (
         -- Only while this attempt is the delivery's latest: a worker that took over after the lease
         -- lapsed owns the state now.
         UPDATE webhook_delivery
            SET status = $11, next_attempt_at = $12, leased_until = NULL, last_response_status = $8,
                delivered_at = CASE WHEN $13 THEN $14 ELSE delivered_at END
          WHERE id = $2 AND attempts = $3 AND status = 'PENDING'
       )
       UPDATE webhook_endpoint
          SET consecutive_failures = CASE WHEN $13 THEN 0 ELSE consecutive_failures + 1 END,
              failing_since = CASE WHEN $13 THEN NULL ELSE coalesce(failing_since, $5) END,
              last_success_at = CASE WHEN $13 THEN $14 ELSE last_success_at END
        WHERE id = $15
          -- A success changes the endpoint only when it was failing, or to move lastSuccessAt on (to
          -- the minute): concurrent deliveries to one endpoint do not queue on its row.
          AND (NOT $13 OR consecutive_failures > 0 OR failing_since IS NOT NULL OR last_success_at IS NULL
               OR last_success_at < $14::timestamptz - interval '1 minute')
       RETURNING enabled, failing_since`,
      [
        d.organization_id,
        d.id,
        d.attempt,
        d.manual,
        startedAt,
        r.durationMs,
        r.outcome,
        r.status,
        r.error,
        this.deps.worker,
        status,
        next,
        ok,
        now,
        d.endpoint_id,
      ],
    );
    const endpoint = rows[0];
    if (
      !ok &&
      endpoint?.enabled &&
      shouldDisable(endpoint.failing_since, now, this.deps.config.webhookDisableAfterHours)
    )
      await withOrganization(this.deps.db, d.organization_id, "webhook-disable", (ctx) =>
        disableFailingEndpoint(ctx.manager, d.endpoint_id),
      );
  }

  /** Sets a timer for the next retry or lapsing lease when it is less than a minute away. */
  private async scheduleWake(): Promise<void> {
    if (this.stopped) return;
    const { rows } = await this.deps.pool.query<{ at: Date | null }>(
      `SELECT min(greatest(next_attempt_at, coalesce(leased_until, next_attempt_at))) AS at
         FROM webhook_delivery WHERE status = 'PENDING'`,
    );
    const at = rows[0]?.at;
    if (!at) return;
    const inMs = at.getTime() - clock().now().getTime();
    if (inMs > WAKE_HORIZON_MS) return;
    if (this.wake) clearTimeout(this.wake);
    this.wake = setTimeout(() => void this.kick(), Math.max(inMs, 0) + 50);
    this.wake.unref();
  }
}

/**
 * Disables an endpoint that has failed for WEBHOOK_DISABLE_AFTER_HOURS without a success, cancels its
 * pending deliveries and records webhook_endpoint.disabled, in the organization's transaction.
 */
export async function disableFailingEndpoint(
  manager: import("typeorm").EntityManager,
  endpointId: string,
): Promise<boolean> {
  const endpoint = await manager.findOne(WebhookEndpoint, {
    where: { id: endpointId },
    lock: { mode: "pessimistic_write" },
  });
  if (!endpoint || !endpoint.enabled) return false;
  endpoint.enabled = false;
  endpoint.disabledReason = WebhookDisabledReason.FAILING;
  endpoint.disabledAt = clock().now();
  await manager.save(endpoint);
  await manager.query(
    `UPDATE webhook_delivery SET status = 'CANCELLED', next_attempt_at = NULL, leased_until = NULL
      WHERE endpoint_id = $1 AND status = 'PENDING'`,
    [endpointId],
  );
  await recordEvent(manager, "webhook_endpoint.disabled", {
    webhookEndpointId: toGlobalId("WebhookEndpoint", endpoint.id),
    failingSince: endpoint.failingSince?.toISOString() ?? null,
    consecutiveFailures: endpoint.consecutiveFailures,
  });
  return true;
}
