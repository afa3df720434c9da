import type { RequestContext } from "../../context";
import { byId, groupBy, StatementLoader } from "../../common/loader-kit";
import { hydrate, selectColumns } from "../../common/hydrate";
import { AuditReport } from "./audit-report.entity";
import { AuditFinding } from "./finding.entity";
import { AuditReportReview } from "./review.entity";
import { BreachNotice } from "./breach-notice.entity";
import { SupervisionChoice } from "./supervision-plan.entity";
import { findingOpen, reportCountsAsSupervision } from "./supervision.sql";

/** What the schedule needs of a processor: the controller's choices, the last supervision that counts, open items. */
export interface SupervisionFacts {
  choice: SupervisionChoice | null;
  lastReportId: string | null;
  lastSupervisedOn: string | null;
  unreviewedReports: number;
  openFindings: number;
}

export function supervisionLoaders({ manager }: RequestContext) {
  // Every list a risk fingerprint reads has a total order (ties broken by id): rows added elsewhere
  // cannot reorder it, so an unchanged processor's assessment stays unchanged.
  const newestFirst = { receivedOn: "DESC", createdAt: "DESC", id: "ASC" } as const;
  return {
    auditReportById: byId(manager, AuditReport),
    findingById: byId(manager, AuditFinding),
    breachNoticeById: byId(manager, BreachNotice),
    auditReportsByProcessor: groupBy(manager, AuditReport, "processorId", { order: newestFirst }),
    reviewsByAuditReport: groupBy(manager, AuditReportReview, "auditReportId", {
      order: { reviewedOn: "DESC", createdAt: "DESC", id: "ASC" },
    }),
    findingsByProcessor: groupBy(manager, AuditFinding, "processorId", { order: { createdAt: "ASC", id: "ASC" } }),
    findingsByAuditReport: groupBy(manager, AuditFinding, "auditReportId", { order: { createdAt: "ASC", id: "ASC" } }),
    breachNoticesByProcessor: groupBy(manager, BreachNotice, "processorId", {
      order: { notifiedAt: "DESC", id: "ASC" },
    }),
    /** SupervisionFacts of each processor, in one statement. */
    supervisionFactsByProcessor: new StatementLoader<SupervisionFacts>(manager, {
      sql: (ids) => `SELECT p.id AS processor_id, ${selectColumns(manager, SupervisionChoice, "c", "c_")},
                last.id AS last_id, to_char(last.received_on, 'YYYY-MM-DD') AS last_received_on,
                (SELECT count(*)::int FROM audit_report r WHERE r.processor_id = p.id
                   AND NOT EXISTS (SELECT 1 FROM audit_report_review v WHERE v.audit_report_id = r.id)) AS unreviewed,
                (SELECT count(*)::int FROM audit_finding f
                  WHERE f.processor_id = p.id AND ${findingOpen("f")}) AS open_findings
           FROM processor p
           LEFT JOIN supervision_plan c ON c.processor_id = p.id
           LEFT JOIN LATERAL (
             SELECT r.id, r.received_on FROM audit_report r
              WHERE r.processor_id = p.id AND ${reportCountsAsSupervision("r")}
              ORDER BY r.received_on DESC, r.created_at DESC, r.id LIMIT 1) last ON true
          WHERE p.id = ANY(${ids})`,
      read: (ids, rows) => {
        const byProcessor = new Map(rows.map((r) => [r.processor_id as string, r]));
        return ids.map((id) => {
          const r = byProcessor.get(id);
          return {
            choice: r?.c_id ? hydrate(manager, SupervisionChoice, r, "c_") : null,
            lastReportId: (r?.last_id as string | null) ?? null,
            lastSupervisedOn: (r?.last_received_on as string | null) ?? null,
            unreviewedReports: (r?.unreviewed as number) ?? 0,
            openFindings: (r?.open_findings as number) ?? 0,
          };
        });
      },
    }),
  };
}

declare module "../../common/loader-kit" {
  interface Loaders extends ReturnType<typeof supervisionLoaders> {}
}
