// Engagement rules that queries need as SQL, each beside its TypeScript twin (engagement.rules.ts).

/**
 * An engagement approved on `day` (an SQL date expression: a parameter such as "$2::date", or a date literal) by its
 * own row: not archived, APPROVED with approved_on unset or on or before the day, or REMOVED with a removed_on
 * after the day and approved_on unset or on or before it. The TypeScript twin is approvedOnDay.
 *
 * For today this is what the history (subprocessor_engagement_history, written by record_engagement_history) says:
 * the trigger records APPROVED effective approved_on (the day it was recorded when unset) and REMOVED effective
 * removed_on, so today's latest state is APPROVED exactly when approved_on has come and removed_on has not. The
 * current views read this on the engagement table and its indexes (the benchmarked trees), not the history. Where the
 * row has lost the earlier state it cannot agree: an engagement moved from APPROVED to a later approved_on (the
 * history keeps the earlier approval until then), a REMOVED one with a future removed_on and no approved_on that was
 * never approved (created so, or PROPOSED before), a re-approval that keeps an approved_on before an earlier
 * removal, and terms (countries, mechanism) changed with a scheduled removal (the row shows the new ones already).
 */
export function engagementApproved(e: string, day: string): string {
  return `${e}.archived_at IS NULL
    AND (${e}.status = 'APPROVED' OR (${e}.status = 'REMOVED' AND ${e}.removed_on > ${day}))
    AND (${e}.approved_on IS NULL OR ${e}.approved_on <= ${day})`;
}
