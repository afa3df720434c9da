// The outbox API. Every event is written with the EntityManager of the transaction that makes the
// change (a request's ctx.manager, or a job's), so it commits or rolls back with it. The organization
// is the transaction's own (app.organization_id, which row-level security checks).
//
// In the same statement each event fans out to a pending delivery per enabled webhook endpoint that
// wants its type, and when there is one, NOTIFY wakes the job workers (PostgreSQL sends a NOTIFY
// only when the transaction commits, so a rolled-back change wakes nobody and delivers nothing).
import { EntityManager } from "typeorm";
import { escapeLiteral } from "pg";
import { clock } from "../../common/clock";
import { toGlobalId } from "../../common/global-id";
import { EventType, isEventType } from "./event-types";
import { payloads } from "./payloads";
import type { RequestContext } from "../../context";
import { ConnectionShape, paginate, sortOn } from "../../common/connection";
import { badUserInput } from "../../common/errors";
import { findByGlobalId } from "../../common/lookup";
import { Event } from "./event.entity";
import type { EventFilter } from "./event.types";

/** The channel job workers LISTEN on; a notification means "deliveries are due". */
export const WEBHOOK_CHANNEL = "tilsyn_webhooks";

export interface EventInput {
  data: Record<string, unknown>;
  /** For events found by a scan: what the event is about; a second event with the same key is not recorded. */
  dedupeKey?: string;
}

/**
 * The one statement that records events: each event of `items` (a jsonb array of {data, dedupe_key}) with its
 * pending deliveries, and a NOTIFY when there is one. Its values are SQL: parameters, or literals quoted with
 * escapeLiteral where the statement goes by the simple protocol (recordEventAtCommit).
 */
function recordEventsSql(type: string, occurredAt: string, items: string): string {
  return `WITH ev AS (
       INSERT INTO event (organization_id, type, occurred_at, data, dedupe_key)
       SELECT app_current_organization(), ${type}, ${occurredAt}::timestamptz, x.data, x.dedupe_key
         FROM jsonb_to_recordset(${items}::jsonb) AS x(data jsonb, dedupe_key text)
       ON CONFLICT (organization_id, dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING
       RETURNING id, organization_id, type, occurred_at
     ), delivery AS (
       INSERT INTO webhook_delivery (organization_id, endpoint_id, event_id, next_attempt_at, created_at)
       SELECT ev.organization_id, w.id, ev.id, ev.occurred_at, ev.occurred_at
         FROM ev JOIN webhook_endpoint w ON w.enabled AND ev.type = ANY (w.event_types)
       RETURNING 1
     )
     SELECT (SELECT count(*) FROM ev)::int AS recorded,
            CASE WHEN EXISTS (SELECT 1 FROM delivery) THEN pg_notify('${WEBHOOK_CHANNEL}', '') END AS notified`;
}

const itemsJson = (items: EventInput[]) =>
  JSON.stringify(items.map((i) => ({ data: i.data, dedupe_key: i.dedupeKey ?? null })));

/**
 * Records events of one type in the current transaction. Returns how many were recorded (events whose
 * dedupe key was already recorded are skipped).
 */
export async function recordEvents(manager: EntityManager, type: EventType, items: EventInput[]): Promise<number> {
  if (!items.length) return 0;
  const rows: { recorded: number }[] = await manager.query(recordEventsSql("$1", "$2", "$3"), [
    type,
    clock().now(),
    itemsJson(items),
  ]);
  return rows[0]?.recorded ?? 0;
}

/**
 * Records events (no dedupe keys) with the request's COMMIT, in its round trip (RequestTransaction's
 * sendAtCommit): for a writer that does not read whether they were recorded, one round trip less. The same
 * statement as recordEvents, its values quoted. Where the transaction cannot (a context of its own), at once.
 */
export async function recordEventsAtCommit(
  ctx: RequestContext,
  type: EventType,
  items: { data: Record<string, unknown> }[],
): Promise<void> {
  if (!items.length) return;
  if (!ctx.transaction?.sendAtCommit) {
    await recordEvents(ctx.manager, type, items);
    return;
  }
  const at = clock().now().toISOString();
  ctx.transaction.sendAtCommit(
    recordEventsSql(escapeLiteral(type), escapeLiteral(at), escapeLiteral(itemsJson(items))),
  );
}

/** Records one event in the current transaction; false when its dedupe key was already recorded. */
export async function recordEvent(
  manager: EntityManager,
  type: EventType,
  data: Record<string, unknown>,
  dedupeKey?: string,
): Promise<boolean> {
  return (await recordEvents(manager, type, [{ data, dedupeKey }])) === 1;
}

/** The `data` a receiver gets: the organization's global id first, then the event's payload. */
export function eventData(event: { organizationId: string; data: Record<string, unknown> }): Record<string, unknown> {
  return { organizationId: toGlobalId("Organization", event.organizationId), ...event.data };
}

/**
 * register_import.applied, for the register import (issue 18): call it in the transaction that applies
 * the import, with the import's id and its counts.
 */
export function recordRegisterImportApplied(
  manager: EntityManager,
  applied: { id: string; created: number; updated: number; unchanged: number },
): Promise<boolean> {
  return recordEvent(manager, "register_import.applied", payloads.registerImportApplied(applied));
}

/** The facade other modules use: `events.record(ctx.manager, "finding.opened", data)`. */

/** The organization's events, newest first, a page at a time; unknown types are refused. */
function listEvents(
  ctx: RequestContext,
  { filter, first, after }: { filter: EventFilter | null; first: number | null; after: string | null },
): Promise<ConnectionShape<Event>> {
  const qb = ctx.manager.createQueryBuilder(Event, "e");
  if (filter?.types?.length) {
    const unknown = filter.types.filter((t) => !isEventType(t));
    if (unknown.length)
      throw badUserInput(`filter.types: unknown event type ${JSON.stringify(unknown[0])}; see eventTypes.`);
    qb.andWhere("e.type = ANY(:types)", { types: filter.types });
  }
  if (filter?.since) qb.andWhere("e.occurred_at >= :since", { since: filter.since });
  return paginate(qb, { first, after, ...sortOn(qb, "occurredAt", "DESC") });
}

/** The event a global id in an input field names; else a NOT_FOUND userError on that field. */
function eventOfInput(ctx: RequestContext, globalId: string, field: string[]): Promise<Event> {
  return findByGlobalId(ctx, Event, "Event", globalId, field);
}

export const events = {
  list: listEvents,
  ofInput: eventOfInput,
  record: recordEvent,
  recordAtCommit: (ctx: RequestContext, type: EventType, data: Record<string, unknown>) =>
    recordEventsAtCommit(ctx, type, [{ data }]),
  recordManyAtCommit: recordEventsAtCommit,
  recordMany: recordEvents,
  registerImportApplied: recordRegisterImportApplied,
};
