import type { RequestContext } from "../../context";
import { byId, groupBy } from "../../common/loader-kit";
import { Measure } from "./measure.entity";
import { ProcessorMeasure } from "./processor-measure.entity";

export function measureLoaders({ manager }: RequestContext) {
  return {
    measureById: byId(manager, Measure),
    measuresByProcessor: groupBy(manager, ProcessorMeasure, "processorId"),
  };
}

declare module "../../common/loader-kit" {
  interface Loaders extends ReturnType<typeof measureLoaders> {}
}
