import type { RequestContext } from "../../context";
import { byId, groupBy } from "../../common/loader-kit";
import { Evidence } from "./evidence.entity";

type EvidenceLink = "processorId" | "agreementId" | "auditReportId" | "findingId" | "breachNoticeId";

export function evidenceLoaders({ manager }: RequestContext) {
  /** Evidence linked to a record, newest effective date first; one loader per kind of link. */
  const linkedBy = (column: EvidenceLink) =>
    groupBy(manager, Evidence, column, { order: { effectiveOn: "DESC", createdAt: "DESC" } });
  return {
    evidenceById: byId(manager, Evidence),
    evidenceByProcessor: linkedBy("processorId"),
    evidenceByAgreement: linkedBy("agreementId"),
    evidenceByAuditReport: linkedBy("auditReportId"),
    evidenceByFinding: linkedBy("findingId"),
    evidenceByBreachNotice: linkedBy("breachNoticeId"),
  };
}

declare module "../../common/loader-kit" {
  interface Loaders extends ReturnType<typeof evidenceLoaders> {}
}
