// The events module (the outbox): what other modules call to record an event, and the API to read them.
import { Event } from "./event.entity";
import { EventResolver } from "./event.resolver";

export const EVENTS_ENTITIES = [Event];
export const EVENTS_RESOLVERS = [EventResolver] as const;
/** Tables that hold one organization's rows (row-level security, see migrations). */
export const EVENTS_TENANT_TABLES = ["event"];

export { events, recordEvent, recordEvents, eventData } from "./events.service";
export { payloads } from "./payloads";
export { EVENT_TYPES, EventType, isEventType } from "./event-types";
