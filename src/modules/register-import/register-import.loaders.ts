import DataLoader from "dataloader";
import type { RequestContext } from "../../context";
import { groupBy } from "../../common/loader-kit";
import { RegisterImportPlan } from "./register-import.entity";
import type { PlannedSheet } from "./register-import.rules";

export function registerImportLoaders({ manager, actor }: RequestContext) {
  return {
    /** The stored sheets and plan of an import (a list of at most one): for applying or correcting one import. */
    registerImportPlanByImport: groupBy(manager, RegisterImportPlan, "registerImportId"),
    /**
     * The plan's sheets (column mapping) of each import, taken from the plan in SQL: a list of imports asking for
     * them does not read its plans' rows and problems (20 plans of 20,000 rows read whole held other tenants 5 s).
     */
    registerImportSheetsByImport: new DataLoader<string, PlannedSheet[]>(async (ids) => {
      const found: { id: string; sheets: PlannedSheet[] }[] = await manager.query(
        `SELECT register_import_id AS id, plan->'sheets' AS sheets FROM register_import_plan
          WHERE register_import_id = ANY($1::uuid[]) AND organization_id = $2`,
        [[...ids], actor.organizationId],
      );
      const byId = new Map(found.map((f) => [f.id, f.sheets]));
      return ids.map((id) => byId.get(id) ?? new Error(`register import ${id} has no plan`));
    }),
  };
}

declare module "../../common/loader-kit" {
  interface Loaders extends ReturnType<typeof registerImportLoaders> {}
}
