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

/**
 * Why the engagement's removal date contradicts its status, or null. A removal (scheduled for a later day or not) is
 * status REMOVED with removedOn; an APPROVED, PROPOSED or OBJECTED engagement with a removedOn would read as in the
 * chain in today's views and its history (which records a removal only with status REMOVED) after the day it names.
 * Refused on create and update, and by the register import's plan (a status it sets on an engagement with a
 * removedOn).
 */
export function removalDateRule(e: Pick<SubprocessorEngagement, "status" | "removedOn">): string | null {
  if (!e.removedOn || e.status === EngagementStatus.REMOVED) return null;
  return (
    `removedOn (${e.removedOn}) is only for a REMOVED engagement and this one would be ${e.status}: to schedule ` +
    `a removal, set status REMOVED with removedOn (its first day out of the chain); to keep it, clear removedOn`
  );
}

/**
 * Whether the engagement stands for its processor and sub-processor on `day`: not archived and not ended by the day
 * (PROPOSED, APPROVED, OBJECTED, or REMOVED with a removedOn yet to come). A processor engages a sub-processor once
 * for a purpose: a second standing engagement of the pair for the same purpose (samePurpose) is a duplicate.
 */
export function standsOnDay(
  e: Pick<SubprocessorEngagement, "status" | "removedOn" | "archivedAt">,
  day: string,
): boolean {
  return !e.archivedAt && !endedByDay(e, day);
}

/**
 * Two engagements of one pair are for the same purpose when their purposes read the same (both unsaid, or the same
 * words whatever the case and spacing). Another purpose is another engagement: a processor that adds backups at the
 * same cloud provider it hosts with gives notice of a new sub-processing, which stands beside the first.
 */
export function samePurpose(a: Pick<SubprocessorEngagement, "purpose">, b: Pick<SubprocessorEngagement, "purpose">) {
  const words = (p: string | null) => (p ?? "").trim().replace(/\s+/g, " ").toLowerCase();
  return words(a.purpose) === words(b.purpose);
}
