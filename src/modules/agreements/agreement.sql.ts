// Agreement rules that queries need as SQL, each beside its TypeScript twin.
import { escapeLiteral } from "pg";

/**
 * An agreement in force on `day` (an SQL date expression: a parameter such as "$2::date", or dateLiteral):
 * not archived, taken effect and not ended, and ACTIVE, or SUPERSEDED while every non-archived agreement that
 * supersedes it (at least one; of the same processor) has an effectiveFrom after the day. The TypeScript twin is
 * inForceOn (agreement.rules.ts).
 */
export function agreementInForce(a: string, day: string): string {
  return `${a}.archived_at IS NULL AND (${a}.effective_from IS NULL OR ${a}.effective_from <= ${day})
    AND (${a}.end_on IS NULL OR ${a}.end_on >= ${day}) AND (${a}.status = 'ACTIVE' OR ${a}.status = 'SUPERSEDED'
    AND EXISTS (SELECT 1 FROM agreement successor WHERE successor.organization_id = ${a}.organization_id
      AND successor.processor_id = ${a}.processor_id AND successor.supersedes_id = ${a}.id
      AND successor.archived_at IS NULL
      HAVING bool_and(successor.effective_from IS NOT NULL AND successor.effective_from > ${day})))`;
}

/** An ISO date written into SQL (statements read ahead take no parameters). */
export function dateLiteral(iso: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) throw new Error(`not an ISO date: ${iso}`);
  return `${escapeLiteral(iso)}::date`;
}
