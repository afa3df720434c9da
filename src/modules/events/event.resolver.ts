import { Arg, Ctx, Field, FieldResolver, InputType, Int, ObjectType, Query, Resolver, Root } from "type-graphql";
import { DateTimeResolver, JSONObjectResolver } from "graphql-scalars";
import type { RequestContext } from "../../context";
import { Connection, paginate } from "../../common/connection";
import { badUserInput } from "../../common/errors";
import { Event } from "./event.entity";
import { EVENT_TYPE_INFO, EVENT_TYPES, isEventType } from "./event-types";
import { eventData } from "./events.service";

const EventConnection = Connection(Event, "Event");

@InputType({ description: "Narrow the event list." })
class EventFilter {
  @Field(() => [String], { nullable: true, description: "Only these event types (see eventTypes)." })
  types?: string[] | null;

  @Field(() => DateTimeResolver, { nullable: true, description: "Only events that happened at or after this time." })
  since?: Date | null;
}

@ObjectType({ description: "An event type tilsyn records, with what it means and an example of its data." })
class EventTypeInfo {
  @Field({ description: 'The type, e.g. "finding.opened".' })
  type: string;

  @Field({ description: "When it fires." })
  description: string;

  @Field(() => JSONObjectResolver, { description: "An example of the data a receiver gets." })
  example: Record<string, unknown>;
}

@Resolver(() => Event)
export class EventResolver {
  @Query(() => EventConnection, {
    description:
      "The organization's events, newest first (the outbox webhooks deliver from). Every role may read them: they hold ids and dates only. For a feed that misses nothing, use a webhook; a poller should overlap its `since`, as a change committed late may carry an earlier time.",
  })
  events(
    @Ctx() ctx: RequestContext,
    @Arg("filter", () => EventFilter, { nullable: true, description: "Narrow the list." }) filter: EventFilter | null,
    @Arg("first", () => Int, { nullable: true, description: "Page size, 0–100 (default 20)." }) first: number | null,
    @Arg("after", () => String, { nullable: true, description: "endCursor of the previous page." })
    after: string | null,
  ) {
    const qb = ctx.manager.createQueryBuilder(Event, "e");
    if (filter?.types?.length) {
      const unknown = filter.types.filter((t) => !isEventType(t));
      if (unknown.length)
        throw badUserInput(`filter.types: unknown event type ${JSON.stringify(unknown[0])}; see eventTypes.`);
      qb.andWhere("e.type = ANY(:types)", { types: filter.types });
    }
    if (filter?.since) qb.andWhere("e.occurred_at >= :since", { since: filter.since });
    return paginate(qb, {
      first,
      after,
      sortColumn: "e.occurred_at",
      idColumn: "e.id",
      sortProperty: (e) => e.occurredAt,
      direction: "DESC",
    });
  }

  @Query(() => [EventTypeInfo], { description: "Every event type, with its meaning and an example of its data." })
  eventTypes(): EventTypeInfo[] {
    return EVENT_TYPES.map((type) => Object.assign(new EventTypeInfo(), { type, ...EVENT_TYPE_INFO[type] }));
  }

  @FieldResolver(() => JSONObjectResolver, {
    description:
      "The event's data as a receiver gets it: organizationId and the global ids of the records concerned, with a few facts (see eventTypes).",
  })
  data(@Root() e: Event): Record<string, unknown> {
    return eventData(e);
  }
}
