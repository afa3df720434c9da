// risk.tier_changed: called where new assessments replace the current ones, with the tiers in force
// they replace. A processor's first assessment is no change.
import type { RequestContext } from "../../context";
import { events, payloads } from "../events";

export interface NewAssessment {
  processorId: string;
  tier: string;
  score: number;
  modelVersion: string;
}

/**
 * `before`: the tiers of the assessments being replaced, by processor (none for a first assessment). The
 * events go with the request's COMMIT (a risk read that stored new assessments waits one round trip less).
 */
export function recordTierChanges(
  ctx: RequestContext,
  replacing: NewAssessment[],
  before: ReadonlyMap<string, string>,
): Promise<void> {
  const changed = replacing.filter((a) => before.has(a.processorId) && before.get(a.processorId) !== a.tier);
  return events.recordManyAtCommit(
    ctx,
    "risk.tier_changed",
    changed.map((a) => ({ data: payloads.riskTierChanged({ ...a, from: before.get(a.processorId)!, to: a.tier }) })),
  );
}
