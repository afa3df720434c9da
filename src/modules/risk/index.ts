import { defineModule } from "../../common/module";
import { RiskAssessmentRecord, RiskFreshness, RiskModelVersion } from "./risk.entity";
import { ProcessorRiskResolver, RiskAssessmentResolver } from "./risk.resolver";
import { riskLoaders } from "./risk.loaders";

/** Risk scores of processors under a versioned model, stored when they change and never served stale. */
export default defineModule({
  name: "risk",
  entities: [RiskModelVersion, RiskAssessmentRecord, RiskFreshness],
  resolvers: [RiskAssessmentResolver, ProcessorRiskResolver],
  loaders: riskLoaders,
  tenantTables: ["risk_model", "risk_assessment", "risk_freshness", "risk_stale_processor", "risk_stale_hop"],
  // Scores and their freshness marker are derived from audited data and recomputed, not audited themselves.
  unauditedTables: ["risk_assessment", "risk_freshness", "risk_stale_processor", "risk_stale_hop"],
});
