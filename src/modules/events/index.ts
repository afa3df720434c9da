// The events module (the outbox): what other modules call to record an event, and the API to read them.
import { defineModule } from "../../common/module";
import { Event } from "./event.entity";
import { EventResolver } from "./event.resolver";
import { eventLoaders } from "./events.loaders";

export default defineModule({
  name: "events",
  entities: [Event],
  resolvers: [EventResolver],
  loaders: eventLoaders,
  tenantTables: ["event"],
  // The outbox is itself a record of what happened.
  unauditedTables: ["event"],
});

export { events, recordEvent, recordEvents, eventData } from "./events.service";
export { payloads } from "./payloads";
export { EVENT_TYPES, EventType, isEventType } from "./event-types";
