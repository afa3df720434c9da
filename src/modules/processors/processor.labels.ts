// English and Danish labels of the processor's enums, for exports (lang=en|da).
import type { Labels } from "../../common/i18n";
import type { BusinessCriticality, ProcessorStatus } from "./processor.entity";

export const BUSINESS_CRITICALITY_LABELS: Labels<BusinessCriticality> = {
  LOW: { en: "Low", da: "Lav" },
  MEDIUM: { en: "Medium", da: "Middel" },
  HIGH: { en: "High", da: "Høj" },
  CRITICAL: { en: "Critical", da: "Kritisk" },
};

export const PROCESSOR_STATUS_LABELS: Labels<ProcessorStatus> = {
  ONBOARDING: { en: "Onboarding", da: "Under etablering" },
  ACTIVE: { en: "Active", da: "Aktiv" },
  OFFBOARDING: { en: "Offboarding", da: "Under afvikling" },
  TERMINATED: { en: "Terminated", da: "Ophørt" },
};
