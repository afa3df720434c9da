// Supervision rules that queries need as SQL, each beside its TypeScript twin.

/** A finding still to be followed up. Twin: isOpenFinding (finding.rules.ts). */
export function findingOpen(f: string): string {
  return `${f}.status <> 'CLOSED'`;
}

/**
 * Whether report `r` counts as supervision carried out: a report the controller rejected on its latest
 * review does not. Twin: countsAsSupervision (audit-report.rules.ts).
 */
export function reportCountsAsSupervision(r: string): string {
  return `(SELECT v.conclusion FROM audit_report_review v WHERE v.audit_report_id = ${r}.id
            ORDER BY v.reviewed_on DESC, v.created_at DESC, v.id LIMIT 1) IS DISTINCT FROM 'REJECTED'`;
}
