import type { RequestContext } from "../../context";
import { failInput } from "../../common/errors";
import { findByGlobalId, upsertLocked } from "../../common/lookup";
import { processorService } from "../processors/processor.service";
import { Measure, MeasureKind } from "./measure.entity";
import { ProcessorMeasure } from "./processor-measure.entity";
import type { SetProcessorMeasureInput } from "./measure.inputs";
import { ownFirst } from "../taxonomy/taxonomy.rules";

export const measureService = {
  ofInput: measureOfInput,
  /** The TOM catalogue (the default one and the organization's own entries), by key. */
  list(ctx: RequestContext, kind?: MeasureKind | null): Promise<Measure[]> {
    const qb = ctx.manager.createQueryBuilder(Measure, "m").orderBy("m.key");
    if (kind) qb.andWhere("m.kind = :kind", { kind });
    return qb.getMany();
  },

  /** Creates or replaces a processor's status for one catalogue measure. */
  async setProcessorMeasure(ctx: RequestContext, input: SetProcessorMeasureInput): Promise<ProcessorMeasure> {
    const processor = await processorService.ofInput(ctx, input.processorId, ["input", "processorId"]);
    const measure = ownFirst(await ctx.manager.find(Measure, { where: { key: input.measureKey } }));
    if (!measure) failInput("measureKey", "NOT_FOUND", `measureKey "${input.measureKey}" is not in the catalogue`);
    const values = {
      status: input.status,
      evidence: input.evidence ?? null,
      verifiedOn: input.verifiedOn ?? null,
      source: input.source ?? null,
    };
    return upsertLocked(ctx, ProcessorMeasure, { processorId: processor.id, measureId: measure.id }, values);
  },
};

/** The measure a global id in an input field names; else a NOT_FOUND userError on that field. */
function measureOfInput(ctx: RequestContext, globalId: string, field: string[]): Promise<Measure> {
  return findByGlobalId(ctx, Measure, "Measure", globalId, field);
}
