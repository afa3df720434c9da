import { Arg, Ctx, Query, Resolver } from "type-graphql";
import type { RequestContext } from "../../context";
import { LoadedField, reference } from "../../common/reference";
import { PayloadMutation } from "../../common/mutation";
import { Processor } from "../processors/processor.entity";
import { Measure, MeasureKind } from "./measure.entity";
import { ProcessorMeasure } from "./processor-measure.entity";
import { SetProcessorMeasureInput } from "./measure.inputs";
import { ProcessorMeasurePayload } from "./measure.types";
import { measureService } from "./measure.service";

@Resolver(() => Measure)
export class MeasureResolver {
  @Query(() => [Measure], { description: "The TOM catalogue (art. 32), ordered by key." })
  measures(
    @Ctx() ctx: RequestContext,
    @Arg("kind", () => MeasureKind, { nullable: true, description: "Only this kind." }) kind?: MeasureKind,
  ) {
    return measureService.list(ctx, kind);
  }
}

@Resolver(() => ProcessorMeasure)
export class ProcessorMeasureResolver {
  @LoadedField(() => Measure, { description: "The catalogue measure." })
  measure = reference("measureById", (pm: ProcessorMeasure) => pm.measureId);

  @LoadedField(() => Processor, { description: "The processor." })
  processor = reference("processorById", (pm: ProcessorMeasure) => pm.processorId);

  @PayloadMutation(ProcessorMeasurePayload, "Record how far a processor has implemented a measure.")
  setProcessorMeasure(input: SetProcessorMeasureInput, ctx: RequestContext) {
    return measureService.setProcessorMeasure(ctx, input);
  }
}
