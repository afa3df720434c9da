// The data of each event type, built from the record it is about: ids as the API's global ids, plus
// the few facts a receiver needs to decide whether to look closer. The shapes are structural so this
// module imports no other module's entities.
import { toGlobalId } from "../../common/global-id";
import { hoursLate } from "../supervision/breach-notice.rules";

const id = toGlobalId;
const iso = (d: Date | string) => (d instanceof Date ? d.toISOString() : d);

export interface ChangeNoticeFacts {
  id: string;
  processorId: string;
  engagementId: string;
  kind: string;
  receivedOn: string;
  deadline: string | null;
  authorization: string;
}

export interface BreachNoticeFacts {
  id: string;
  processorId: string;
  becameAwareAt: Date;
  notifiedAt: Date;
  limitHours: number | null;
}

export const payloads = {
  changeNoticeReceived: (n: ChangeNoticeFacts, subprocessorId: string) => ({
    changeNoticeId: id("ChangeNotice", n.id),
    processorId: id("Processor", n.processorId),
    subprocessorId: id("Processor", subprocessorId),
    engagementId: id("SubprocessorEngagement", n.engagementId),
    kind: n.kind,
    receivedOn: n.receivedOn,
    deadline: n.deadline,
    authorization: n.authorization,
  }),

  changeNoticeDeadlineApproaching: (n: ChangeNoticeFacts, daysLeft: number) => ({
    changeNoticeId: id("ChangeNotice", n.id),
    processorId: id("Processor", n.processorId),
    deadline: n.deadline,
    daysLeft,
    authorization: n.authorization,
  }),

  changeNoticeDeemedAccepted: (n: ChangeNoticeFacts & { decidedOn: string | null }) => ({
    changeNoticeId: id("ChangeNotice", n.id),
    processorId: id("Processor", n.processorId),
    engagementId: id("SubprocessorEngagement", n.engagementId),
    deadline: n.deadline,
    effectiveOn: n.decidedOn,
  }),

  supervisionDue: (p: { processorId: string; nextDueOn: string; daysUntilDue: number; status: string }) =>
    p.daysUntilDue < 0
      ? {
          processorId: id("Processor", p.processorId),
          nextDueOn: p.nextDueOn,
          daysOverdue: -p.daysUntilDue,
          status: p.status,
        }
      : {
          processorId: id("Processor", p.processorId),
          nextDueOn: p.nextDueOn,
          daysUntilDue: p.daysUntilDue,
          status: p.status,
        },

  findingOpened: (f: {
    id: string;
    processorId: string;
    auditReportId: string | null;
    severity: string;
    dueOn: string | null;
  }) => ({
    findingId: id("AuditFinding", f.id),
    processorId: id("Processor", f.processorId),
    auditReportId: f.auditReportId ? id("AuditReport", f.auditReportId) : null,
    severity: f.severity,
    dueOn: f.dueOn,
  }),

  findingOverdue: (f: { id: string; processorId: string; severity: string; dueOn: string }, daysOverdue: number) => ({
    findingId: id("AuditFinding", f.id),
    processorId: id("Processor", f.processorId),
    severity: f.severity,
    dueOn: f.dueOn,
    daysOverdue,
  }),

  /** hoursToNotify and notifiedLate come from the supervision module's rules (breach-notice.service.ts). */
  breachNoticeReceived: (n: BreachNoticeFacts, hoursToNotify: number, notifiedLate: boolean | null) => ({
    breachNoticeId: id("BreachNotice", n.id),
    processorId: id("Processor", n.processorId),
    becameAwareAt: iso(n.becameAwareAt),
    notifiedAt: iso(n.notifiedAt),
    hoursToNotify,
    limitHours: n.limitHours,
    notifiedLate,
  }),

  breachNoticeLate: (n: BreachNoticeFacts, hoursToNotify: number) => ({
    breachNoticeId: id("BreachNotice", n.id),
    processorId: id("Processor", n.processorId),
    hoursToNotify,
    limitHours: n.limitHours,
    hoursLate: hoursLate(n) ?? 0,
  }),

  riskTierChanged: (c: { processorId: string; from: string; to: string; score: number; modelVersion: string }) => ({
    processorId: id("Processor", c.processorId),
    from: c.from,
    to: c.to,
    score: c.score,
    modelVersion: c.modelVersion,
  }),

  agreementImportDraftReady: (i: {
    id: string;
    evidenceId: string;
    draft: { kind?: { value?: unknown }; missing?: unknown[] };
  }) => ({
    agreementImportId: id("AgreementImport", i.id),
    evidenceId: id("Evidence", i.evidenceId),
    kind: i.draft.kind?.value ?? null,
    missing: i.draft.missing?.length ?? 0,
  }),

  registerImportApplied: (r: { id: string; created: number; updated: number; unchanged: number }) => ({
    registerImportId: id("RegisterImport", r.id),
    created: r.created,
    updated: r.updated,
    unchanged: r.unchanged,
  }),
};
