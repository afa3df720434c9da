import { ArgsType, Field } from "type-graphql";
import { Connection, FilteredPageArgs } from "../../common/connection";
import { Payload } from "../../common/mutation";
import { Processor } from "./processor.entity";
import { ProcessorFilter, ProcessorOrder } from "./processor.inputs";

export const ProcessorConnection = Connection(Processor, "Processor");

export const ProcessorPayload = Payload(Processor, "processor", "Result of a processor mutation.");

@ArgsType()
export class ProcessorsArgs extends FilteredPageArgs(ProcessorFilter) {
  @Field(() => ProcessorOrder, { nullable: true, description: "Sort order (default: name ascending)." })
  orderBy?: ProcessorOrder;
}
