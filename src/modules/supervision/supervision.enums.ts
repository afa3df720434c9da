import { EnumValue, graphqlEnum } from "../../common/enums";

export const AuditReportType = graphqlEnum(
  "AuditReportType",
  "What kind of supervision evidence: an auditor's statement (ISAE 3000 for GDPR, ISAE 3402 for general IT " +
    "controls, SOC 2), the processor's self-control report, a physical inspection or written supervision by the " +
    "controller, or a certification (ISO 27001, ISO 27701, …).",
  [
    "ISAE_3000",
    "ISAE_3402",
    "SOC_2",
    "SELF_CONTROL_REPORT",
    "PHYSICAL_INSPECTION",
    "WRITTEN_SUPERVISION",
    "CERTIFICATION",
  ],
);
export type AuditReportType = EnumValue<typeof AuditReportType>;

/** Auditor's statements: the types that have an assurance level, a type 1/2 and an opinion. */
export const ATTESTATION_TYPES: readonly AuditReportType[] = [
  AuditReportType.ISAE_3000,
  AuditReportType.ISAE_3402,
  AuditReportType.SOC_2,
];

export const AssuranceLevel = graphqlEnum("AssuranceLevel", "The auditor's level of assurance.", [
  "REASONABLE",
  "LIMITED",
]);
export type AssuranceLevel = EnumValue<typeof AssuranceLevel>;

export const ReportKind = graphqlEnum(
  "ReportKind",
  "TYPE_1: design of controls at a point in time (needs asOfDate). TYPE_2: design and operating effectiveness " +
    "over a period (needs periodStart and periodEnd).",
  ["TYPE_1", "TYPE_2"],
);
export type ReportKind = EnumValue<typeof ReportKind>;

export const AuditOpinion = graphqlEnum("AuditOpinion", "The auditor's opinion (domain.md §6.2).", [
  "UNQUALIFIED",
  "QUALIFIED",
  "ADVERSE",
  "DISCLAIMER",
  "NOT_APPLICABLE",
]);
export type AuditOpinion = EnumValue<typeof AuditOpinion>;

export const SubserviceMethod = graphqlEnum(
  "SubserviceMethod",
  "How the report treats sub-service organisations: CARVE_OUT leaves them out (the controller must cover them " +
    "otherwise), INCLUSIVE tests them too.",
  ["CARVE_OUT", "INCLUSIVE"],
);
export type SubserviceMethod = EnumValue<typeof SubserviceMethod>;

export const FindingSeverity = graphqlEnum("FindingSeverity", "How serious an exception is.", [
  "LOW",
  "MEDIUM",
  "HIGH",
  "CRITICAL",
]);
export type FindingSeverity = EnumValue<typeof FindingSeverity>;

export const FindingStatus = graphqlEnum("FindingStatus", "Follow-up state of a finding; closing needs a note.", [
  "OPEN",
  "IN_PROGRESS",
  "CLOSED",
]);
export type FindingStatus = EnumValue<typeof FindingStatus>;

export const FindingSource = graphqlEnum(
  "FindingSource",
  "REPORT: an exception the auditor found. CONTROLLER_REVIEW: found by the controller's own review or supervision.",
  ["REPORT", "CONTROLLER_REVIEW"],
);
export type FindingSource = EnumValue<typeof FindingSource>;

export const ReviewConclusion = graphqlEnum("ReviewConclusion", "The controller's conclusion on a report.", [
  "ACCEPTED",
  "ACCEPTED_WITH_FOLLOW_UP",
  "REJECTED",
]);
export type ReviewConclusion = EnumValue<typeof ReviewConclusion>;

/** Where a processor's supervision stands today (schedule.rules.ts decides it). */
export const SupervisionStatus = graphqlEnum(
  "SupervisionStatus",
  "OK; DUE_SOON (next due date within the window, default 30 days); OVERDUE (past the due date); " +
    "NEVER_SUPERVISED (no supervision on record).",
  ["OK", "DUE_SOON", "OVERDUE", "NEVER_SUPERVISED"],
);
export type SupervisionStatus = EnumValue<typeof SupervisionStatus>;
