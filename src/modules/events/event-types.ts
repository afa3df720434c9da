// The event types tilsyn records (the outbox) and delivers to webhooks. Each event carries the
// organization, when it happened and a small payload of global ids (a receiver asks the API for the
// rest). The examples are what a receiver gets as `data`; README lists them.
export const EVENT_TYPES = [
  "change_notice.received",
  "change_notice.deadline_approaching",
  "change_notice.deemed_accepted",
  "supervision.due_soon",
  "supervision.overdue",
  "finding.opened",
  "finding.overdue",
  "breach_notice.received",
  "breach_notice.late",
  "risk.tier_changed",
  "agreement_import.draft_ready",
  "register_import.applied",
  "digest.daily",
  "webhook_endpoint.disabled",
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

export function isEventType(value: unknown): value is EventType {
  return typeof value === "string" && (EVENT_TYPES as readonly string[]).includes(value);
}

const ORG = "T3JnYW5pemF0aW9uOjQ4ZjQ4YmQ3LTNmMmUtNGVkZC05ZDM1LTYwNjcxYjRmNmJhMg";
const PROCESSOR = "UHJvY2Vzc29yOjFhOWQ2ZGI1LTE2YzMtNGQ0Mi1iNmM0LTVmNTcyYmQyNzFiOA";

/** What each type means, when it fires, and an example of its data. */
export const EVENT_TYPE_INFO: Record<EventType, { description: string; example: Record<string, unknown> }> = {
  "change_notice.received": {
    description: "A processor's notice of an intended addition or replacement of a sub-processor was recorded.",
    example: {
      organizationId: ORG,
      changeNoticeId: "Q2hhbmdlTm90aWNlOjBmNmI…",
      processorId: PROCESSOR,
      subprocessorId: "UHJvY2Vzc29yOjc3ZTI…",
      engagementId: "U3VicHJvY2Vzc29yRW5nYWdlbWVudDo…",
      kind: "ADDITION",
      receivedOn: "2026-11-20",
      deadline: "2026-12-20",
      authorization: "GENERAL",
    },
  },
  "change_notice.deadline_approaching": {
    description:
      "An undecided change notice's deadline is CHANGE_NOTICE_WARNING_DAYS days away or less (daily scan; once " +
      "per notice and deadline).",
    example: {
      organizationId: ORG,
      changeNoticeId: "Q2hhbmdlTm90aWNlOjBmNmI…",
      processorId: PROCESSOR,
      deadline: "2026-12-20",
      daysLeft: 3,
      authorization: "GENERAL",
    },
  },
  "change_notice.deemed_accepted": {
    description:
      "No objection by the deadline under general authorisation: the change was recorded as accepted, effective " +
      "the day after the deadline (daily settlement).",
    example: {
      organizationId: ORG,
      changeNoticeId: "Q2hhbmdlTm90aWNlOjBmNmI…",
      processorId: PROCESSOR,
      engagementId: "U3VicHJvY2Vzc29yRW5nYWdlbWVudDo…",
      deadline: "2026-12-20",
      effectiveOn: "2026-12-21",
    },
  },
  "supervision.due_soon": {
    description:
      "A processor's next supervision is due within SUPERVISION_DUE_SOON_DAYS days (daily scan; once per " +
      "processor and due date).",
    example: {
      organizationId: ORG,
      processorId: PROCESSOR,
      nextDueOn: "2027-01-01",
      daysUntilDue: 30,
      status: "DUE_SOON",
    },
  },
  "supervision.overdue": {
    description: "A processor's supervision due date has passed (daily scan; once per processor and due date).",
    example: {
      organizationId: ORG,
      processorId: PROCESSOR,
      nextDueOn: "2027-01-01",
      daysOverdue: 1,
      status: "OVERDUE",
    },
  },
  "finding.opened": {
    description: "A finding (an exception in a report, or from the controller's own review) was recorded.",
    example: {
      organizationId: ORG,
      findingId: "QXVkaXRGaW5kaW5nOjA…",
      processorId: PROCESSOR,
      auditReportId: "QXVkaXRSZXBvcnQ6…",
      severity: "HIGH",
      dueOn: "2027-03-31",
    },
  },
  "finding.overdue": {
    description: "An open finding passed its due date (daily scan; once per finding and due date).",
    example: {
      organizationId: ORG,
      findingId: "QXVkaXRGaW5kaW5nOjA…",
      processorId: PROCESSOR,
      severity: "HIGH",
      dueOn: "2027-03-31",
      daysOverdue: 1,
    },
  },
  "breach_notice.received": {
    description: "A processor's notification of a personal data breach was recorded.",
    example: {
      organizationId: ORG,
      breachNoticeId: "QnJlYWNoTm90aWNlOj…",
      processorId: PROCESSOR,
      becameAwareAt: "2026-11-02T08:00:00.000Z",
      notifiedAt: "2026-11-04T09:30:00.000Z",
      hoursToNotify: 49.5,
      limitHours: 24,
      notifiedLate: true,
    },
  },
  "breach_notice.late": {
    description:
      "A breach notice came later than the agreement's breachNotificationHours allow (recorded with " +
      "breach_notice.received).",
    example: {
      organizationId: ORG,
      breachNoticeId: "QnJlYWNoTm90aWNlOj…",
      processorId: PROCESSOR,
      hoursToNotify: 49.5,
      limitHours: 24,
      hoursLate: 25.5,
    },
  },
  "risk.tier_changed": {
    description:
      "A processor's risk tier changed when its score was recomputed (after a change to its facts, or by the " +
      "daily date roll). A processor's first assessment is not a change.",
    example: {
      organizationId: ORG,
      processorId: PROCESSOR,
      from: "MEDIUM",
      to: "HIGH",
      score: 61.5,
      modelVersion: "dt-v1",
    },
  },
  "agreement_import.draft_ready": {
    description:
      "A signed DPA was read into a draft that waits for review (correctAgreementImport, confirmAgreementImport).",
    example: {
      organizationId: ORG,
      agreementImportId: "QWdyZWVtZW50SW1wb3J0Oj…",
      evidenceId: "RXZpZGVuY2U6…",
      kind: "DPA",
      missing: 2,
    },
  },
  "register_import.applied": {
    description: "A register import (processors and agreements from a spreadsheet) was applied.",
    example: {
      organizationId: ORG,
      registerImportId: "UmVnaXN0ZXJJbXBvcnQ6…",
      created: 120,
      updated: 14,
      unchanged: 3,
    },
  },
  "digest.daily": {
    description:
      "Once a day per organization: what is due, what is overdue and what was decided since the previous digest " +
      "(lists hold at most 50 ids each; the counts are complete).",
    example: {
      organizationId: ORG,
      date: "2026-12-18",
      due: {
        changeNotices: { count: 1, ids: ["Q2hhbmdlTm90aWNlOjBmNmI…"] },
        supervision: { count: 0, ids: [] },
        findings: { count: 0, ids: [] },
      },
      overdue: {
        changeNotices: { count: 0, ids: [] },
        supervision: { count: 2, ids: [PROCESSOR, "UHJvY2Vzc29yOjc3ZTI…"] },
        findings: { count: 0, ids: [] },
      },
      decided: { changeNotices: { count: 1, ids: ["Q2hhbmdlTm90aWNlOjk…"] }, findingsClosed: { count: 0, ids: [] } },
    },
  },
  "webhook_endpoint.disabled": {
    description:
      "A webhook endpoint was disabled automatically after failing without a single success for " +
      "WEBHOOK_DISABLE_AFTER_HOURS hours; its pending deliveries were cancelled.",
    example: {
      organizationId: ORG,
      webhookEndpointId: "V2ViaG9va0VuZHBvaW50Oj…",
      failingSince: "2026-11-01T10:00:00.000Z",
      consecutiveFailures: 17,
    },
  },
};
