import type { RequestContext } from "../../context";
import { groupBy } from "../../common/loader-kit";
import { RegisterImportPlan } from "./register-import.entity";

export function registerImportLoaders({ manager }: RequestContext) {
  return {
    /** The stored sheets and plan of an import (a list of at most one). */
    registerImportPlanByImport: groupBy(manager, RegisterImportPlan, "registerImportId"),
  };
}

declare module "../../common/loader-kit" {
  interface Loaders extends ReturnType<typeof registerImportLoaders> {}
}
