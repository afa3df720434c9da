import { defineModule } from "../../common/module";
import { AuditReport } from "./audit-report.entity";
import { AuditFinding } from "./finding.entity";
import { AuditReportReview } from "./review.entity";
import { SupervisionChoice } from "./supervision-plan.entity";
import { BreachNotice } from "./breach-notice.entity";
import {
  AuditFindingResolver,
  AuditReportResolver,
  AuditReportReviewResolver,
  BreachNoticeResolver,
  ProcessorSupervisionResolver,
  SupervisionPlanResolver,
} from "./supervision.resolver";
import { supervisionLoaders } from "./supervision.loaders";

/** Supervision of processors: the plan, audit reports and their reviews, findings, breach notices. */
export default defineModule({
  name: "supervision",
  entities: [AuditReport, AuditFinding, AuditReportReview, SupervisionChoice, BreachNotice],
  resolvers: [
    SupervisionPlanResolver,
    ProcessorSupervisionResolver,
    AuditReportResolver,
    AuditReportReviewResolver,
    AuditFindingResolver,
    BreachNoticeResolver,
  ],
  loaders: supervisionLoaders,
  tenantTables: ["audit_report", "audit_finding", "audit_report_review", "supervision_plan", "processor_breach_notice"],
});
