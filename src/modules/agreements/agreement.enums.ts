import { registerEnumType } from "type-graphql";

export enum AgreementKind {
  DPA = "DPA",
  SUBPROCESSOR_AGREEMENT = "SUBPROCESSOR_AGREEMENT",
}
registerEnumType(AgreementKind, {
  name: "AgreementKind",
  description:
    "DPA = between the controller and a processor; SUBPROCESSOR_AGREEMENT = between a processor and its " +
    "sub-processor (art. 28(4)).",
});

export enum AgreementTemplate {
  DATATILSYNET_SCC = "DATATILSYNET_SCC",
  EU_SCC_2021_915 = "EU_SCC_2021_915",
  VENDOR_OWN = "VENDOR_OWN",
  OTHER = "OTHER",
}
registerEnumType(AgreementTemplate, {
  name: "AgreementTemplate",
  description:
    "The template the agreement is built on (Datatilsynet's standard contractual clauses, the Commission's " +
    "2021/915 clauses, ...).",
});

export enum AgreementStatus {
  DRAFT = "DRAFT",
  ACTIVE = "ACTIVE",
  SUPERSEDED = "SUPERSEDED",
  TERMINATED = "TERMINATED",
}
registerEnumType(AgreementStatus, { name: "AgreementStatus", description: "Whether the agreement is in force." });

export enum SubprocessorAuthorization {
  GENERAL = "GENERAL",
  SPECIFIC = "SPECIFIC",
}
registerEnumType(SubprocessorAuthorization, {
  name: "SubprocessorAuthorization",
  description:
    "Art. 28(2): GENERAL = listed sub-processors plus notice of changes with a right to object; SPECIFIC = each " +
    "one needs prior approval.",
});

export enum ThirdCountryTransfers {
  PROHIBITED = "PROHIBITED",
  ALLOWED_WITH_SAFEGUARDS = "ALLOWED_WITH_SAFEGUARDS",
  ALLOWED = "ALLOWED",
}
registerEnumType(ThirdCountryTransfers, {
  name: "ThirdCountryTransfers",
  description: "What the agreement says about transfers to third countries (clause 8 / Bilag C.6).",
});

export enum EndOfContractAction {
  DELETE = "DELETE",
  RETURN = "RETURN",
  RETURN_AND_DELETE = "RETURN_AND_DELETE",
  CONTROLLER_CHOICE = "CONTROLLER_CHOICE",
}
registerEnumType(EndOfContractAction, {
  name: "EndOfContractAction",
  description: "Art. 28(3)(g): what happens to the data when the service ends.",
});

export enum SupervisionMethod {
  NONE = "NONE",
  WRITTEN_CONFIRMATION = "WRITTEN_CONFIRMATION",
  SELF_CONTROL_REPORT = "SELF_CONTROL_REPORT",
  CERTIFICATION = "CERTIFICATION",
  ISAE_3000 = "ISAE_3000",
  ISAE_3402 = "ISAE_3402",
  SOC_2 = "SOC_2",
  INTERNAL_AUDIT = "INTERNAL_AUDIT",
  WRITTEN_SUPERVISION = "WRITTEN_SUPERVISION",
  PHYSICAL_INSPECTION = "PHYSICAL_INSPECTION",
}
registerEnumType(SupervisionMethod, {
  name: "SupervisionMethod",
  description: "How a processor is audited or supervised (Bilag C.7 / C.8).",
});

export enum AuditCostBearer {
  PROCESSOR = "PROCESSOR",
  CONTROLLER = "CONTROLLER",
  SHARED = "SHARED",
}
registerEnumType(AuditCostBearer, { name: "AuditCostBearer", description: "Who pays for the audit." });

export enum DataSubjectVolume {
  UNDER_1000 = "UNDER_1000",
  FROM_1000_TO_10000 = "FROM_1000_TO_10000",
  OVER_10000 = "OVER_10000",
  UNKNOWN = "UNKNOWN",
}
registerEnumType(DataSubjectVolume, {
  name: "DataSubjectVolume",
  description:
    "How many data subjects the processing concerns (Datatilsynet's question A). UNKNOWN scores as the highest band.",
});

export enum ProcessingNature {
  PROFILING = "PROFILING",
  AUTOMATED_DECISIONS = "AUTOMATED_DECISIONS",
  NEW_TECHNOLOGY = "NEW_TECHNOLOGY",
  SYSTEM_ACCESS = "SYSTEM_ACCESS",
}
registerEnumType(ProcessingNature, {
  name: "ProcessingNature",
  description:
    "Special nature of the processing (Datatilsynet's question C): profiling, automated decisions, new technology " +
    "(e.g. machine learning), system-level access to the controller's systems.",
});

export enum Art28Element {
  A = "A",
  B = "B",
  C = "C",
  D = "D",
  E = "E",
  F = "F",
  G = "G",
  H = "H",
}
registerEnumType(Art28Element, {
  name: "Art28Element",
  description:
    "The processor obligations of art. 28(3): (a) documented instructions incl. transfers, (b) confidentiality, " +
    "(c) art. 32 security, (d) sub-processor conditions, (e) assistance with data subject rights, (f) assistance " +
    "with arts. 32–36, (g) deletion or return at the end, (h) information and audits.",
});
