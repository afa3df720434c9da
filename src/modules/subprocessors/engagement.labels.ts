// English and Danish labels of transfer mechanisms, for exports (lang=en|da).
import type { Labels } from "../../common/i18n";
import type { TransferMechanism } from "./engagement.entity";

export const TRANSFER_MECHANISM_LABELS: Labels<TransferMechanism> = {
  NOT_NEEDED_EEA: { en: "Not needed (EEA)", da: "Ikke nødvendigt (EØS)" },
  ADEQUACY: { en: "Adequacy decision", da: "Tilstrækkelighedsafgørelse" },
  DPF: { en: "EU-US Data Privacy Framework", da: "EU-US Data Privacy Framework (certificeret modtager)" },
  SCC: { en: "Standard contractual clauses", da: "Standardkontraktbestemmelser" },
  BCR: { en: "Binding corporate rules", da: "Bindende virksomhedsregler" },
  DEROGATION: { en: "Derogation (art. 49)", da: "Undtagelse (art. 49)" },
  UNKNOWN: { en: "Unknown", da: "Ukendt" },
};
