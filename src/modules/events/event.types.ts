import { Field, InputType, ObjectType } from "type-graphql";
import { JSONObjectResolver } from "graphql-scalars";
import { DateTimeScalar } from "../../common/scalars";
import { ArrayMaxSize, IsOptional } from "class-validator";
import { Connection } from "../../common/connection";
import { MaxLen } from "../../common/validation";
import { Event } from "./event.entity";

export const EventConnection = Connection(Event, "Event");

@InputType({ description: "Narrow the event list." })
export class EventFilter {
  @Field(() => [String], { nullable: true, description: "Only these event types (see eventTypes)." })
  @IsOptional() // a filter by time alone names no types: ArrayMaxSize would refuse the missing list
  @MaxLen(100, { each: true })
  @ArrayMaxSize(100, { message: "types must list at most 100 event types" })
  types?: string[] | null;

  @Field(() => DateTimeScalar, { nullable: true, description: "Only events that happened at or after this time." })
  since?: Date | null;
}

@ObjectType({ description: "An event type tilsyn records, with what it means and an example of its data." })
export class EventTypeInfo {
  @Field({ description: 'The type, e.g. "finding.opened".' })
  type: string;

  @Field({ description: "When it fires." })
  description: string;

  @Field(() => JSONObjectResolver, { description: "An example of the data a receiver gets." })
  example: Record<string, unknown>;
}
