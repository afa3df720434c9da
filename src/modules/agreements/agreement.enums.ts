import { registerEnumType } from "type-graphql";

export enum AgreementKind {
  DPA = "DPA",
  SUBPROCESSOR_AGREEMENT = "SUBPROCESSOR_AGREEMENT",
}
registerEnumType(AgreementKind, {
  name: "AgreementKind",
  description: "DPA = between the controller and a processor; SUBPROCESSOR_AGREEMENT = between a processor and its sub-processor (art. 28(4)).",
});

export enum AgreementTemplate {
  DATATILSYNET_SCC = "DATATILSYNET_SCC",
  EU_SCC_2021_915 = "EU_SCC_2021_915",
  VENDOR_OWN = "VENDOR_OWN",
  OTHER = "OTHER",
}
registerEnumType(AgreementTemplate, {
  name: "AgreementTemplate",
  description: "The template the agreement is built on (Datatilsynet's standard contractual clauses, the Commission's 2021/915 clauses, ...).",
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
  description: "Art. 28(2): GENERAL = listed sub-processors plus notice of changes with a right to object; SPECIFIC = each one needs prior approval.",
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
