import { Column, Index } from "typeorm";
import { Field, ObjectType } from "type-graphql";
import { DateTimeScalar } from "../../common/scalars";
import { TenantEntity, TenantRecord } from "../../common/base.entity";
import { Node } from "../../common/node";

/**
 * One row of the transactional outbox: written in the transaction of the change that causes it, so
 * it exists if and only if that change committed. Webhook deliveries fan out from it.
 */
@ObjectType({
  implements: Node,
  description:
    "Something that happened in the organization's records or calendar (a notice received, a deadline " +
    "approaching, a tier changed). Webhooks deliver events; `events` lists them for polling.",
})
@TenantEntity("event")
@Index("ix_event_occurred", ["organizationId", "occurredAt"])
@Index("uq_event_dedupe", ["organizationId", "dedupeKey"], { unique: true, where: `"dedupe_key" IS NOT NULL` })
export class Event extends TenantRecord {
  @Field({ description: 'The event type, e.g. "finding.opened" (see eventTypes).' })
  @Column({ type: "varchar", length: 80 })
  type: string;

  @Field(() => DateTimeScalar, { description: "When it happened (the time of the change, or of the daily scan)." })
  @Column({ name: "occurred_at", type: "timestamptz" })
  occurredAt: Date;

  /** The payload without the organization (it is the row's); see eventData. */
  @Column({ type: "jsonb" })
  data: Record<string, unknown>;

  /**
   * Events found by a scan (a deadline approaching, a finding overdue, the daily digest) carry a key
   * naming what they are about, so no scan, however often it runs, records the same event twice.
   */
  @Column({ name: "dedupe_key", type: "varchar", length: 200, nullable: true })
  dedupeKey: string | null;
}
