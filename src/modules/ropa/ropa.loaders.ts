import type { RequestContext } from "../../context";
import { groupBy } from "../../common/loader-kit";
import { ActivityDataCategory, ActivityDataSubjectCategory, ActivityProcessor } from "./activity.entity";

export function ropaLoaders({ manager }: RequestContext) {
  return {
    processorLinksByActivity: groupBy(manager, ActivityProcessor, "activityId"),
    dataCategoryLinksByActivity: groupBy(manager, ActivityDataCategory, "activityId"),
    dataSubjectLinksByActivity: groupBy(manager, ActivityDataSubjectCategory, "activityId"),
  };
}

declare module "../../common/loader-kit" {
  interface Loaders extends ReturnType<typeof ropaLoaders> {}
}
