import { registerEnumType } from "type-graphql";

export enum AuditReportType {
  ISAE_3000 = "ISAE_3000",
  ISAE_3402 = "ISAE_3402",
  SOC_2 = "SOC_2",
  SELF_CONTROL_REPORT = "SELF_CONTROL_REPORT",
  PHYSICAL_INSPECTION = "PHYSICAL_INSPECTION",
  WRITTEN_SUPERVISION = "WRITTEN_SUPERVISION",
  CERTIFICATION = "CERTIFICATION",
}
registerEnumType(AuditReportType, {
  name: "AuditReportType",
  description:
    "What kind of supervision evidence: an auditor's statement (ISAE 3000 for GDPR, ISAE 3402 for general IT " +
    "controls, SOC 2), the processor's self-control report, a physical inspection or written supervision by the " +
    "controller, or a certification (ISO 27001, ISO 27701, …).",
});

/** Auditor's statements: the types that have an assurance level, a type 1/2 and an opinion. */
export const ATTESTATION_TYPES: readonly AuditReportType[] = [
  AuditReportType.ISAE_3000,
  AuditReportType.ISAE_3402,
  AuditReportType.SOC_2,
];

export enum AssuranceLevel {
  REASONABLE = "REASONABLE",
  LIMITED = "LIMITED",
}
registerEnumType(AssuranceLevel, { name: "AssuranceLevel", description: "The auditor's level of assurance." });

export enum ReportKind {
  TYPE_1 = "TYPE_1",
  TYPE_2 = "TYPE_2",
}
registerEnumType(ReportKind, {
  name: "ReportKind",
  description:
    "TYPE_1: design of controls at a point in time (needs asOfDate). TYPE_2: design and operating effectiveness " +
    "over a period (needs periodStart and periodEnd).",
});

export enum AuditOpinion {
  UNQUALIFIED = "UNQUALIFIED",
  QUALIFIED = "QUALIFIED",
  ADVERSE = "ADVERSE",
  DISCLAIMER = "DISCLAIMER",
  NOT_APPLICABLE = "NOT_APPLICABLE",
}
registerEnumType(AuditOpinion, { name: "AuditOpinion", description: "The auditor's opinion (domain.md §6.2)." });

export enum SubserviceMethod {
  CARVE_OUT = "CARVE_OUT",
  INCLUSIVE = "INCLUSIVE",
}
registerEnumType(SubserviceMethod, {
  name: "SubserviceMethod",
  description:
    "How the report treats sub-service organisations: CARVE_OUT leaves them out (the controller must cover them " +
    "otherwise), INCLUSIVE tests them too.",
});

export enum FindingSeverity {
  LOW = "LOW",
  MEDIUM = "MEDIUM",
  HIGH = "HIGH",
  CRITICAL = "CRITICAL",
}
registerEnumType(FindingSeverity, { name: "FindingSeverity", description: "How serious an exception is." });

export enum FindingStatus {
  OPEN = "OPEN",
  IN_PROGRESS = "IN_PROGRESS",
  CLOSED = "CLOSED",
}
registerEnumType(FindingStatus, {
  name: "FindingStatus",
  description: "Follow-up state of a finding; closing needs a note.",
});

export enum FindingSource {
  REPORT = "REPORT",
  CONTROLLER_REVIEW = "CONTROLLER_REVIEW",
}
registerEnumType(FindingSource, {
  name: "FindingSource",
  description:
    "REPORT: an exception the auditor found. CONTROLLER_REVIEW: found by the controller's own review or supervision.",
});

export enum ReviewConclusion {
  ACCEPTED = "ACCEPTED",
  ACCEPTED_WITH_FOLLOW_UP = "ACCEPTED_WITH_FOLLOW_UP",
  REJECTED = "REJECTED",
}
registerEnumType(ReviewConclusion, {
  name: "ReviewConclusion",
  description: "The controller's conclusion on a report.",
});
