// The risk model is data: weights, caps and thresholds. `DT_V1` is the default (see
// docs/risk-model.md); an organization may store its own versions of the same shape.
import { Sensitivity } from "../taxonomy/taxonomy.entity";
import { DataSubjectVolume as VolumeBand, SupervisionMethod } from "../agreements/agreement.enums";

/** The agreement's volume bands (one list of them: the enum), as the strings a model is keyed by. */
export type DataSubjectVolume = `${VolumeBand}`;
export type RiskTier = "LOW" | "MEDIUM" | "HIGH" | "CRITICAL";
export const TIER_ORDER: RiskTier[] = ["LOW", "MEDIUM", "HIGH", "CRITICAL"];

export interface RiskModel {
  version: string;
  inherent: {
    volumePoints: Record<DataSubjectVolume, number>;
    sensitivityPoints: Record<Sensitivity | "NONE", number>;
    specialNaturePoint: number;
    specialNatureCap: number;
    chainReachPoint: number;
    chainReachCap: number;
    /** A chain this deep (levels below the processor) counts as reach. */
    chainDepthThreshold: number;
    min: number;
    max: number;
    /** Minimum supervision concept for a number of points: the first band whose maxPoints is not exceeded. */
    conceptBands: { maxPoints: number; concept: number }[];
    /** Which supervision concept (1–6) a method is. */
    methodConcept: Record<SupervisionMethod, number>;
  };
  score: {
    inherentMultiplier: number;
    noAgreement: number;
    missingArt28Element: number;
    missingArt28Cap: number;
    breachHoursBlank: number;
    breachHoursOver48: number;
    breachHoursOver72: number;
    hopWithoutMechanism: number;
    hopWithoutMechanismCap: number;
    prohibitedTransfer: number;
    unknownChain: number;
    neverSupervised: number;
    overdue: number;
    overduePerThreeMonths: number;
    overdueCap: number;
    weakerMethod: number;
    opinion: { QUALIFIED: number; DISCLAIMER: number; ADVERSE: number };
    reportMaxAgeMonths: number;
    oldReport: number;
    unreviewedReport: number;
    openFinding: { HIGH: number; CRITICAL: number };
    openFindingsCap: number;
    measuresNotImplemented: number;
    unknownMeasureWeight: number;
    breachNoticeWindowMonths: number;
    breachNotice: number;
    lateBreachNotice: number;
    breachNoticesCap: number;
    assuranceWindowMonths: number;
    assuranceCredit: number;
    assuranceCreditCap: number;
  };
  propagation: { factor: number; cap: number };
  tiers: { medium: number; high: number; critical: number };
  floors: { noAgreement: RiskTier; specialDataWithUnprotectedTransfer: RiskTier };
}

export const DT_V1: RiskModel = {
  version: "dt-v1",
  inherent: {
    volumePoints: { UNDER_1000: 1, FROM_1000_TO_10000: 2, OVER_10000: 3, UNKNOWN: 3 },
    sensitivityPoints: { NONE: 0, ORDINARY: 0, CONFIDENTIAL: 1, NATIONAL_ID: 2, CRIMINAL: 3, SPECIAL: 3 },
    specialNaturePoint: 1,
    specialNatureCap: 2,
    chainReachPoint: 1,
    chainReachCap: 2,
    chainDepthThreshold: 2,
    min: 1,
    max: 10,
    conceptBands: [
      { maxPoints: 2, concept: 1 },
      { maxPoints: 4, concept: 2 },
      { maxPoints: 6, concept: 3 },
      { maxPoints: 10, concept: 5 },
    ],
    methodConcept: {
      NONE: 1,
      WRITTEN_CONFIRMATION: 2,
      SELF_CONTROL_REPORT: 3,
      INTERNAL_AUDIT: 3,
      CERTIFICATION: 4,
      ISAE_3000: 5,
      ISAE_3402: 5,
      SOC_2: 5,
      WRITTEN_SUPERVISION: 6,
      PHYSICAL_INSPECTION: 6,
    },
  },
  score: {
    inherentMultiplier: 4,
    noAgreement: 40,
    missingArt28Element: 3,
    missingArt28Cap: 15,
    breachHoursBlank: 8,
    breachHoursOver48: 5,
    breachHoursOver72: 10,
    hopWithoutMechanism: 20,
    hopWithoutMechanismCap: 40,
    prohibitedTransfer: 25,
    unknownChain: 10,
    neverSupervised: 25,
    overdue: 15,
    overduePerThreeMonths: 5,
    overdueCap: 30,
    weakerMethod: 10,
    opinion: { QUALIFIED: 10, DISCLAIMER: 20, ADVERSE: 25 },
    reportMaxAgeMonths: 18,
    oldReport: 5,
    unreviewedReport: 5,
    openFinding: { HIGH: 5, CRITICAL: 10 },
    openFindingsCap: 25,
    measuresNotImplemented: 10,
    unknownMeasureWeight: 0.5,
    breachNoticeWindowMonths: 24,
    breachNotice: 5,
    lateBreachNotice: 5,
    breachNoticesCap: 15,
    assuranceWindowMonths: 12,
    assuranceCredit: -5,
    assuranceCreditCap: -10,
  },
  propagation: { factor: 0.5, cap: 20 },
  tiers: { medium: 25, high: 50, critical: 75 },
  floors: { noAgreement: "HIGH", specialDataWithUnprotectedTransfer: "CRITICAL" },
};
