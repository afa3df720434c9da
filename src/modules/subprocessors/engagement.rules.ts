// Pure rules about sub-processor engagements: no database, unit-tested.
import { EngagementStatus, SubprocessorEngagement } from "./engagement.entity";

type Dated = Pick<SubprocessorEngagement, "status" | "approvedOn" | "removedOn" | "archivedAt">;

/**
 * Whether the engagement is approved on `day` (ISO date) by its own status and dates: not archived, APPROVED with
 * approvedOn unset or on or before the day, or REMOVED with a removedOn after the day and an approval (approvedOn
 * unset or on or before the day). An engagement approved from a later date is not yet in the chain; one whose
 * removal is scheduled stays in it until removedOn (its first day out). Change notices may add a PROPOSED one or
 * take an approved one out (chain.sql.ts). The SQL twin is engagementApproved (engagement.sql.ts).
 *
 * It answers for today what the engagement history answers (the trigger records APPROVED effective approvedOn,
 * REMOVED effective removedOn), except where the row no longer holds the earlier state: see engagementApproved.
 */
export function approvedOnDay(e: Dated, day: string): boolean {
  if (e.archivedAt) return false;
  const approvedBy = e.approvedOn === null || e.approvedOn <= day;
  if (e.status === EngagementStatus.APPROVED) return approvedBy;
  return e.status === EngagementStatus.REMOVED && e.removedOn !== null && e.removedOn > day && approvedBy;
}

/** Whether the engagement has ended by `day`: REMOVED with removedOn unset or on or before the day. */
export function endedByDay(e: Pick<SubprocessorEngagement, "status" | "removedOn">, day: string): boolean {
  return e.status === EngagementStatus.REMOVED && (e.removedOn === null || e.removedOn <= day);
}
