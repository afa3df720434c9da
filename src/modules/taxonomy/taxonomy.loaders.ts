import type { RequestContext } from "../../context";
import { byId } from "../../common/loader-kit";
import { DataCategory, DataSubjectCategory } from "./taxonomy.entity";

export function taxonomyLoaders({ manager }: RequestContext) {
  return {
    dataCategoryById: byId(manager, DataCategory),
    dataSubjectCategoryById: byId(manager, DataSubjectCategory),
  };
}

declare module "../../common/loader-kit" {
  interface Loaders extends ReturnType<typeof taxonomyLoaders> {}
}
