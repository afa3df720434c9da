import { EnumValue, graphqlEnum } from "../../common/enums";

export const AgreementKind = graphqlEnum(
  "AgreementKind",
  "DPA = between the controller and a processor; SUBPROCESSOR_AGREEMENT = between a processor and its " +
    "sub-processor (art. 28(4)).",
  ["DPA", "SUBPROCESSOR_AGREEMENT"],
);
export type AgreementKind = EnumValue<typeof AgreementKind>;

export const AgreementTemplate = graphqlEnum(
  "AgreementTemplate",
  "The template the agreement is built on (Datatilsynet's standard contractual clauses, the Commission's " +
    "2021/915 clauses, ...).",
  ["DATATILSYNET_SCC", "EU_SCC_2021_915", "VENDOR_OWN", "OTHER"],
);
export type AgreementTemplate = EnumValue<typeof AgreementTemplate>;

export const AgreementStatus = graphqlEnum(
  "AgreementStatus",
  "The document's lifecycle. ACTIVE binds within its effectiveFrom and endOn; SUPERSEDED (replaced by a newer " +
    "version) binds, within its dates, until the newer version takes effect; see Processor.currentAgreement.",
  ["DRAFT", "ACTIVE", "SUPERSEDED", "TERMINATED"],
);
export type AgreementStatus = EnumValue<typeof AgreementStatus>;

export const SubprocessorAuthorization = graphqlEnum(
  "SubprocessorAuthorization",
  "Art. 28(2): GENERAL = listed sub-processors plus notice of changes with a right to object; SPECIFIC = each " +
    "one needs prior approval.",
  ["GENERAL", "SPECIFIC"],
);
export type SubprocessorAuthorization = EnumValue<typeof SubprocessorAuthorization>;

export const ThirdCountryTransfers = graphqlEnum(
  "ThirdCountryTransfers",
  "What the agreement says about transfers to third countries (clause 8 / Bilag C.6).",
  ["PROHIBITED", "ALLOWED_WITH_SAFEGUARDS", "ALLOWED"],
);
export type ThirdCountryTransfers = EnumValue<typeof ThirdCountryTransfers>;

export const EndOfContractAction = graphqlEnum(
  "EndOfContractAction",
  "Art. 28(3)(g): what happens to the data when the service ends.",
  ["DELETE", "RETURN", "RETURN_AND_DELETE", "CONTROLLER_CHOICE"],
);
export type EndOfContractAction = EnumValue<typeof EndOfContractAction>;

export const SupervisionMethod = graphqlEnum(
  "SupervisionMethod",
  "How a processor is audited or supervised (Bilag C.7 / C.8).",
  [
    "NONE",
    "WRITTEN_CONFIRMATION",
    "SELF_CONTROL_REPORT",
    "CERTIFICATION",
    "ISAE_3000",
    "ISAE_3402",
    "SOC_2",
    "INTERNAL_AUDIT",
    "WRITTEN_SUPERVISION",
    "PHYSICAL_INSPECTION",
  ],
);
export type SupervisionMethod = EnumValue<typeof SupervisionMethod>;

export const AuditCostBearer = graphqlEnum("AuditCostBearer", "Who pays for the audit.", [
  "PROCESSOR",
  "CONTROLLER",
  "SHARED",
]);
export type AuditCostBearer = EnumValue<typeof AuditCostBearer>;

export const DataSubjectVolume = graphqlEnum(
  "DataSubjectVolume",
  "How many data subjects the processing concerns (Datatilsynet's question A). UNKNOWN scores as the highest band.",
  ["UNDER_1000", "FROM_1000_TO_10000", "OVER_10000", "UNKNOWN"],
);
export type DataSubjectVolume = EnumValue<typeof DataSubjectVolume>;

export const ProcessingNature = graphqlEnum(
  "ProcessingNature",
  "Special nature of the processing (Datatilsynet's question C): profiling, automated decisions, new technology " +
    "(e.g. machine learning), system-level access to the controller's systems.",
  ["PROFILING", "AUTOMATED_DECISIONS", "NEW_TECHNOLOGY", "SYSTEM_ACCESS"],
);
export type ProcessingNature = EnumValue<typeof ProcessingNature>;

export const Art28Element = graphqlEnum(
  "Art28Element",
  "The processor obligations of art. 28(3): (a) documented instructions incl. transfers, (b) confidentiality, " +
    "(c) art. 32 security, (d) sub-processor conditions, (e) assistance with data subject rights, (f) assistance " +
    "with arts. 32–36, (g) deletion or return at the end, (h) information and audits.",
  ["A", "B", "C", "D", "E", "F", "G", "H"],
);
export type Art28Element = EnumValue<typeof Art28Element>;

/** The clauses an agreement holds as one plain value each (no list, no audit terms). */
export const SCALAR_CLAUSES = [
  "breachNotificationHours",
  "subprocessorAuthorization",
  "subprocessorNoticeDays",
  "objectionSuspendsChange",
  "thirdCountryTransfers",
  "processingLocationsText",
  "endOfContractAction",
  "retentionAfterEndDays",
  "purposes",
  "nature",
  "duration",
] as const;
