import DataLoader from "dataloader";
import type { RequestContext } from "../../context";
import { byKey, groupBy } from "../../common/loader-kit";
import { RiskAssessmentRecord } from "./risk.entity";
import type { RiskModel } from "./risk-model";
import { riskService } from "./risk.service";

export function riskLoaders(ctx: RequestContext) {
  const { manager } = ctx;
  return {
    /** The newest stored assessment of each processor (callers make sure the store is fresh first). */
    latestRiskByProcessor: byKey(manager, RiskAssessmentRecord, "processorId", { where: { isCurrent: true } }),
    /** The whole factors of each processor's current assessment (for a page that read them light). */
    currentRiskFactorsByProcessor: new DataLoader<string, readonly unknown[]>(async (ids) => {
      const rows: { processor_id: string; factors: unknown[] }[] = await manager.query(
        "SELECT processor_id, factors FROM risk_assessment WHERE processor_id = ANY($1) AND is_current",
        [[...ids]],
      );
      const byProcessor = new Map(rows.map((r) => [r.processor_id, r.factors]));
      return ids.map((id) => byProcessor.get(id) ?? []);
    }),
    /** Stored assessments of each processor, newest first. */
    riskHistoryByProcessor: groupBy(manager, RiskAssessmentRecord, "processorId", {
      order: { computedAt: "DESC", id: "ASC" },
    }),
    /**
     * The risk model in force, once the stored scores are known to be fresh in this transaction: read
     * once per request (any key; ensureFreshRisk uses ""). A mutation clears it with the other loaders.
     */
    freshRiskModel: new DataLoader<string, RiskModel>(async (keys) => {
      const model = await riskService.freshen(ctx);
      return keys.map(() => model);
    }),
  };
}

declare module "../../common/loader-kit" {
  interface Loaders extends ReturnType<typeof riskLoaders> {}
}
