// risk.tier_changed: called where new assessments replace the current ones, before they do, so it
// can compare each new tier with the one in force. A processor's first assessment is no change.
import { EntityManager } from "typeorm";
import { events, payloads } from "../events";

export interface NewAssessment {
  processorId: string;
  tier: string;
  score: number;
  modelVersion: string;
}

export async function recordTierChanges(manager: EntityManager, replacing: NewAssessment[]): Promise<number> {
  if (!replacing.length) return 0;
  const current: { processor_id: string; tier: string }[] = await manager.query(
    `SELECT processor_id, tier FROM risk_assessment WHERE is_current AND processor_id = ANY($1)`,
    [replacing.map((a) => a.processorId)],
  );
  const before = new Map(current.map((c) => [c.processor_id, c.tier]));
  const changed = replacing.filter((a) => before.has(a.processorId) && before.get(a.processorId) !== a.tier);
  return events.recordMany(
    manager,
    "risk.tier_changed",
    changed.map((a) => ({ data: payloads.riskTierChanged({ ...a, from: before.get(a.processorId)!, to: a.tier }) })),
  );
}
