import type { RequestContext } from "../../context";
import { byId } from "../../common/loader-kit";
import { Processor } from "./processor.entity";

export function processorLoaders({ manager }: RequestContext) {
  return {
    processorById: byId(manager, Processor),
  };
}

declare module "../../common/loader-kit" {
  interface Loaders extends ReturnType<typeof processorLoaders> {}
}
