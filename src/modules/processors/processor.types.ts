import { ArgsType, Field, Int } from "type-graphql";
import { Connection } from "../../common/connection";
import { Payload } from "../../common/mutation";
import { Processor } from "./processor.entity";
import { ProcessorFilter, ProcessorOrder } from "./processor.inputs";

export const ProcessorConnection = Connection(Processor, "Processor");

export const ProcessorPayload = Payload(Processor, "processor", "Result of a processor mutation.");

export type ProcessorPayloadShape = InstanceType<typeof ProcessorPayload>;

@ArgsType()
export class ProcessorsArgs {
  @Field(() => Int, { nullable: true, defaultValue: 20, description: "Page size, 0–100." })
  first?: number;

  @Field(() => String, { nullable: true, description: "Cursor after which the page starts." })
  after?: string;

  @Field(() => ProcessorFilter, { nullable: true, description: "Filters." })
  filter?: ProcessorFilter;

  @Field(() => ProcessorOrder, { nullable: true, description: "Sort order (default: name ascending)." })
  orderBy?: ProcessorOrder;
}
