import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from "type-graphql";
import { JSONObjectResolver } from "graphql-scalars";
import type { RequestContext } from "../../context";
import { Event } from "./event.entity";
import { EVENT_TYPE_INFO, EVENT_TYPES } from "./event-types";
import { eventData, events } from "./events.service";
import { EventConnection, EventFilter, EventTypeInfo } from "./event.types";

@Resolver(() => Event)
export class EventResolver {
  @Query(() => EventConnection, {
    description:
      "The organization's events, newest first (the outbox webhooks deliver from). Every role may read them: they " +
      "hold ids and dates only. For a feed that misses nothing, use a webhook; a poller should overlap its " +
      "`since`, as a change committed late may carry an earlier time.",
  })
  events(
    @Ctx() ctx: RequestContext,
    @Arg("filter", () => EventFilter, { nullable: true, description: "Narrow the list." }) filter: EventFilter | null,
    @Arg("first", () => Int, { nullable: true, description: "Page size, 0–100 (default 20)." }) first: number | null,
    @Arg("after", () => String, { nullable: true, description: "endCursor of the previous page." })
    after: string | null,
  ) {
    return events.list(ctx, { filter, first, after });
  }

  @Query(() => [EventTypeInfo], { description: "Every event type, with its meaning and an example of its data." })
  eventTypes(): EventTypeInfo[] {
    return EVENT_TYPES.map((type) => Object.assign(new EventTypeInfo(), { type, ...EVENT_TYPE_INFO[type] }));
  }

  @FieldResolver(() => JSONObjectResolver, {
    description:
      "The event's data as a receiver gets it: organizationId and the global ids of the records concerned, with a " +
      "few facts (see eventTypes).",
  })
  data(@Root() e: Event): Record<string, unknown> {
    return eventData(e);
  }
}
