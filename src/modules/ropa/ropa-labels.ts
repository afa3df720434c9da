// English and Danish labels of the record's enums and missing-element codes, for exports (lang=en|da).
// Danish wording follows Datatilsynet's fortegnelse template and the Danish text of the GDPR.
import type { Labels } from "../../common/i18n";
import type { DpiaStatus, LegalBasis, SpecialCategoryCondition } from "./activity.entity";
import type { RecipientRole } from "./record.types";

export const LEGAL_BASIS_LABELS: Labels<LegalBasis> = {
  CONSENT: { en: "Consent (art. 6(1)(a))", da: "Samtykke (art. 6, stk. 1, litra a)" },
  CONTRACT: { en: "Contract (art. 6(1)(b))", da: "Opfyldelse af en kontrakt (art. 6, stk. 1, litra b)" },
  LEGAL_OBLIGATION: {
    en: "Legal obligation (art. 6(1)(c))",
    da: "Retlig forpligtelse (art. 6, stk. 1, litra c)",
  },
  VITAL_INTERESTS: { en: "Vital interests (art. 6(1)(d))", da: "Vitale interesser (art. 6, stk. 1, litra d)" },
  PUBLIC_TASK: {
    en: "Public task (art. 6(1)(e))",
    da: "Opgave i samfundets interesse eller myndighedsudøvelse (art. 6, stk. 1, litra e)",
  },
  LEGITIMATE_INTERESTS: {
    en: "Legitimate interests (art. 6(1)(f))",
    da: "Legitime interesser (art. 6, stk. 1, litra f)",
  },
};

export const SPECIAL_CATEGORY_CONDITION_LABELS: Labels<SpecialCategoryCondition> = {
  EXPLICIT_CONSENT: { en: "Explicit consent (art. 9(2)(a))", da: "Udtrykkeligt samtykke (art. 9, stk. 2, litra a)" },
  EMPLOYMENT_SOCIAL_SECURITY: {
    en: "Employment and social security law (art. 9(2)(b))",
    da: "Arbejds-, sundheds- og socialretlige forpligtelser (art. 9, stk. 2, litra b)",
  },
  VITAL_INTERESTS: { en: "Vital interests (art. 9(2)(c))", da: "Vitale interesser (art. 9, stk. 2, litra c)" },
  NOT_FOR_PROFIT_BODY: {
    en: "Not-for-profit body (art. 9(2)(d))",
    da: "Almennyttig organisation (art. 9, stk. 2, litra d)",
  },
  MADE_PUBLIC: {
    en: "Made public by the data subject (art. 9(2)(e))",
    da: "Offentliggjort af den registrerede (art. 9, stk. 2, litra e)",
  },
  LEGAL_CLAIMS: { en: "Legal claims (art. 9(2)(f))", da: "Retskrav (art. 9, stk. 2, litra f)" },
  SUBSTANTIAL_PUBLIC_INTEREST: {
    en: "Substantial public interest (art. 9(2)(g))",
    da: "Væsentlige samfundsinteresser (art. 9, stk. 2, litra g)",
  },
  HEALTH_OR_SOCIAL_CARE: {
    en: "Health or social care (art. 9(2)(h))",
    da: "Forebyggende medicin, behandling eller social omsorg (art. 9, stk. 2, litra h)",
  },
  PUBLIC_HEALTH: { en: "Public health (art. 9(2)(i))", da: "Folkesundhed (art. 9, stk. 2, litra i)" },
  ARCHIVING_RESEARCH_STATISTICS: {
    en: "Archiving, research or statistics (art. 9(2)(j))",
    da: "Arkiv, forskning eller statistik (art. 9, stk. 2, litra j)",
  },
};

export const DPIA_STATUS_LABELS: Labels<DpiaStatus> = {
  NOT_REQUIRED: { en: "Not required", da: "Ikke påkrævet" },
  REQUIRED: { en: "Required", da: "Påkrævet" },
  IN_PROGRESS: { en: "In progress", da: "I gang" },
  DONE: { en: "Done", da: "Gennemført" },
};

export const RECIPIENT_ROLE_LABELS: Labels<RecipientRole> = {
  PROCESSOR: { en: "Processor", da: "Databehandler" },
  SUB_PROCESSOR: { en: "Sub-processor", da: "Underdatabehandler" },
};

/** The codes of ProcessingRecord.missing (record.rules.ts completeness). */
export type MissingCode =
  | "PURPOSES"
  | "LEGAL_BASIS"
  | "DATA_SUBJECTS"
  | "DATA_CATEGORIES"
  | "RECIPIENTS"
  | "RETENTION"
  | "TOMS"
  | "ART9_CONDITION"
  | "ART10_BASIS"
  | "PROCESSOR_WITHOUT_AGREEMENT"
  | "TRANSFER_WITHOUT_MECHANISM";

export const MISSING_LABELS: Labels<MissingCode> = {
  PURPOSES: { en: "Purposes", da: "Formål" },
  LEGAL_BASIS: { en: "Legal basis", da: "Retsgrundlag" },
  DATA_SUBJECTS: { en: "Categories of data subjects", da: "Kategorier af registrerede" },
  DATA_CATEGORIES: { en: "Categories of personal data", da: "Kategorier af personoplysninger" },
  RECIPIENTS: { en: "Recipients", da: "Modtagere" },
  RETENTION: { en: "Time limits for erasure", da: "Sletningsfrister" },
  TOMS: { en: "Security measures", da: "Sikkerhedsforanstaltninger" },
  ART9_CONDITION: { en: "Art. 9 condition", da: "Betingelse efter art. 9" },
  ART10_BASIS: { en: "Art. 10 basis", da: "Hjemmel efter art. 10" },
  PROCESSOR_WITHOUT_AGREEMENT: { en: "Processor without an agreement", da: "Databehandler uden aftale" },
  TRANSFER_WITHOUT_MECHANISM: {
    en: "Transfer without a mechanism",
    da: "Overførsel uden overførselsgrundlag",
  },
};
