import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import type { RequestContext } from "../../context";
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
  @FieldResolver(() => Measure, { description: "The catalogue measure." })
  measure(@Root() pm: ProcessorMeasure, @Ctx() ctx: RequestContext) {
    return ctx.loaders.measureById.load(pm.measureId);
  }

  @FieldResolver(() => Processor, { description: "The processor." })
  processor(@Root() pm: ProcessorMeasure, @Ctx() ctx: RequestContext) {
    return ctx.loaders.processorById.load(pm.processorId);
  }

  @PayloadMutation(ProcessorMeasurePayload, "Record how far a processor has implemented a measure.")
  setProcessorMeasure(input: SetProcessorMeasureInput, ctx: RequestContext) {
    return measureService.setProcessorMeasure(ctx, input);
  }
}
