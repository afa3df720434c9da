import { ArgsType, Field } from "type-graphql";
import { Connection, PageArgs } from "../../common/connection";
import { Payload } from "../../common/mutation";
import { Processor } from "./processor.entity";
import { ProcessorFilter, ProcessorOrder } from "./processor.inputs";

export const ProcessorConnection = Connection(Processor, "Processor");

export const ProcessorPayload = Payload(Processor, "processor", "Result of a processor mutation.");

export type ProcessorPayloadShape = InstanceType<typeof ProcessorPayload>;

@ArgsType()
export class ProcessorsArgs extends PageArgs {
  @Field(() => ProcessorFilter, { nullable: true, description: "Filters." })
  filter?: ProcessorFilter;

  @Field(() => ProcessorOrder, { nullable: true, description: "Sort order (default: name ascending)." })
  orderBy?: ProcessorOrder;
}
