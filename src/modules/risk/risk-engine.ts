// The risk score as a pure function of facts and a model: same facts, same model, same result.
// Every point added or taken is a factor with its input and reason, so a dashboard can say why.
import { addMonths, addMonthsWithinCalendar } from "../../common/dates";
import { Sensitivity } from "../taxonomy/taxonomy.entity";
import { SupervisionMethod } from "../agreements/agreement.enums";
import { DataSubjectVolume, RiskModel, RiskTier, TIER_ORDER } from "./risk-model";
import type { SupervisionStatus } from "../supervision/supervision.enums";

export interface RiskFacts {
  today: string;
  agreementId: string | null;
  /** For a sub-processor without an agreement with the controller: the agreement its engagement was approved under. */
  coveredByAgreementId: string | null;
  /** Without an agreement in force: the latest ACTIVE one on file, ended before today or starting after it. */
  agreementOutOfForce?: { agreementId: string; endedOn: string | null; startsOn: string | null } | null;
  dataSubjectVolume: DataSubjectVolume;
  mostSensitive: Sensitivity | null;
  /** Ids of the agreements whose categories gave mostSensitive (the first MAX_EVIDENCE suffice: the evidence). */
  sensitivitySourceIds: string[];
  vulnerableSubjects: boolean;
  /** PROFILING, AUTOMATED_DECISIONS, NEW_TECHNOLOGY, SYSTEM_ACCESS: whichever the agreement records. */
  processingNature: string[];
  thirdCountryInChain: boolean;
  chainDepth: number;
  missingArt28Elements: string[];
  breachNotificationHours: number | null;
  hopsWithoutMechanism: { engagementId: string | null; label: string }[];
  prohibitedTransfers: { engagementId: string | null; label: string }[];
  /** The agreement lets the processor use sub-processors but none are on file. */
  chainUnknown: boolean;
  supervision: {
    status: SupervisionStatus;
    /** Null when no due date falls within the calendar (never overdue). */
    nextDueOn: string | null;
    lastReportId: string | null;
  } | null;
  /** The method of the latest supervision that counts, else the method the controller chose. */
  methodUsed: SupervisionMethod | null;
  latestReport: { id: string; opinion: string | null; receivedOn: string } | null;
  unreviewedReportIds: string[];
  openFindings: { id: string; severity: string }[];
  requiredMeasures: { total: number; notImplemented: number; unknown: number; ids: string[] };
  breachNotices: { id: string; notifiedOn: string; late: boolean | null }[];
  /** Certifications and type 2 statements, for the assurance credit. */
  assuranceReports: {
    id: string;
    type: string;
    reportKind: string | null;
    opinion: string | null;
    receivedOn: string;
    validUntil: string | null;
    coversPurchasedServices: boolean | null;
  }[];
}

export interface RiskFactor {
  key: string;
  label: string;
  input: string;
  weight: number;
  contribution: number;
  explanation: string;
  evidenceIds: string[];
}

export interface RiskResult {
  modelVersion: string;
  inherentPoints: number;
  minimumConcept: number;
  /** Score before propagation from sub-processors. */
  ownScore: number;
  score: number;
  tier: RiskTier;
  factors: RiskFactor[];
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
const round1 = (v: number) => Math.round(v * 10) / 10;

function monthsBetween(from: string, to: string): number {
  let months =
    (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + (Number(to.slice(5, 7)) - Number(from.slice(5, 7)));
  if (to.slice(8) < from.slice(8)) months -= 1;
  return months;
}

export function minimumConcept(points: number, model: RiskModel): number {
  return (
    model.inherent.conceptBands.find((b) => points <= b.maxPoints) ??
    model.inherent.conceptBands[model.inherent.conceptBands.length - 1]
  ).concept;
}

export function tierFor(score: number, model: RiskModel): RiskTier {
  if (score >= model.tiers.critical) return "CRITICAL";
  if (score >= model.tiers.high) return "HIGH";
  if (score >= model.tiers.medium) return "MEDIUM";
  return "LOW";
}

const maxTier = (a: RiskTier, b: RiskTier) => (TIER_ORDER.indexOf(a) >= TIER_ORDER.indexOf(b) ? a : b);

function inherentFactors(f: RiskFacts, m: RiskModel): { points: number; factors: RiskFactor[] } {
  const k = m.score.inherentMultiplier;
  const parts: {
    key: string;
    label: string;
    input: string;
    points: number;
    explanation: string;
    evidenceIds: string[];
  }[] = [];
  parts.push({
    key: "inherent.volume",
    label: "Number of data subjects",
    input: f.dataSubjectVolume,
    points: m.inherent.volumePoints[f.dataSubjectVolume],
    explanation:
      f.dataSubjectVolume === "UNKNOWN"
        ? "The number of data subjects is not recorded, so the highest band is assumed."
        : "Datatilsynet's question A.",
    evidenceIds: f.agreementId ? [f.agreementId] : [],
  });
  parts.push({
    key: "inherent.sensitivity",
    label: "Most sensitive data entrusted",
    input: f.mostSensitive ?? "NONE",
    points: m.inherent.sensitivityPoints[f.mostSensitive ?? "NONE"],
    explanation: f.mostSensitive
      ? `The most sensitive category entrusted along the chain is ${f.mostSensitive} (question B).`
      : "No data categories are recorded for this processor's agreements.",
    evidenceIds: f.sensitivitySourceIds,
  });
  const nature = [...(f.vulnerableSubjects ? ["VULNERABLE_SUBJECTS"] : []), ...f.processingNature];
  parts.push({
    key: "inherent.specialNature",
    label: "Special nature of the processing",
    input: nature.join(", ") || "none",
    points: Math.min(m.inherent.specialNatureCap, nature.length * m.inherent.specialNaturePoint),
    explanation:
      "Vulnerable data subjects, profiling or automated decisions, new technology or system-level access (question C).",
    evidenceIds: f.agreementId && nature.length ? [f.agreementId] : [],
  });
  const reach = [
    ...(f.thirdCountryInChain ? ["third country in the chain"] : []),
    ...(f.chainDepth >= m.inherent.chainDepthThreshold ? [`chain depth ${f.chainDepth}`] : []),
  ];
  parts.push({
    key: "inherent.chainReach",
    label: "Reach of the sub-processor chain",
    input: reach.join(", ") || `depth ${f.chainDepth}`,
    points: Math.min(m.inherent.chainReachCap, reach.length * m.inherent.chainReachPoint),
    explanation: "A third-country hop anywhere in the tree, or a chain two or more levels deep (question D).",
    evidenceIds: [],
  });
  const raw = parts.reduce((s, p) => s + p.points, 0);
  const points = clamp(raw, m.inherent.min, m.inherent.max);
  const factors: RiskFactor[] = parts.map((p) => ({
    key: p.key,
    label: p.label,
    input: p.input,
    weight: k,
    contribution: k * p.points,
    explanation: `${p.points} point${p.points === 1 ? "" : "s"}: ${p.explanation}`,
    evidenceIds: p.evidenceIds.slice(0, MAX_EVIDENCE),
  }));
  if (points !== raw) {
    factors.push({
      key: "inherent.bounds",
      label: "Inherent points kept within 1–10",
      input: `${raw} → ${points}`,
      weight: k,
      contribution: k * (points - raw),
      explanation: `The points add up to ${raw}; the scale runs from ${m.inherent.min} to ${m.inherent.max}.`,
      evidenceIds: [],
    });
  }
  return { points, factors };
}

/** Collects the factors that move the score (one that contributes nothing is left out). */
function factorList() {
  const out: RiskFactor[] = [];
  const add = (factor: Omit<RiskFactor, "evidenceIds"> & { evidenceIds?: string[] }) => {
    // Written out, in the order fingerprintOf serializes (a spread of each factor cost more).
    if (factor.contribution !== 0)
      out.push({
        key: factor.key,
        label: factor.label,
        input: factor.input,
        weight: factor.weight,
        contribution: round1(factor.contribution),
        explanation: factor.explanation,
        evidenceIds: (factor.evidenceIds ?? []).slice(0, MAX_EVIDENCE),
      });
  };
  return { out, add };
}

function controlFactors(f: RiskFacts, m: RiskModel, minConcept: number): RiskFactor[] {
  return [...agreementAndChainFactors(f, m), ...ownFactFactors(f, m, minConcept)];
}

/** The control factors the agreement in force and the chain give (what own-fact writes leave as it was). */
function agreementAndChainFactors(f: RiskFacts, m: RiskModel): RiskFactor[] {
  const s = m.score;
  const { out, add } = factorList();
  if (!f.agreementId && !f.coveredByAgreementId) {
    // An ACTIVE agreement that ended or has yet to start counts as none; the input says which.
    const out = f.agreementOutOfForce;
    add({
      key: "agreement.missing",
      label: "No agreement in force",
      input: !out ? "none on file" : out.endedOn ? `expired on ${out.endedOn}` : `not in force until ${out.startsOn}`,
      weight: s.noAgreement,
      contribution: s.noAgreement,
      explanation:
        "Art. 28(3) requires a binding agreement before a processor handles personal data; a sub-processor needs an " +
        "approved engagement under one (art. 28(4)).",
      evidenceIds: out ? [out.agreementId] : [],
    });
  } else if (f.agreementId) {
    add({
      key: "agreement.art28",
      label: "Art. 28(3) elements missing",
      input: f.missingArt28Elements.join(", ") || "none",
      weight: s.missingArt28Element,
      contribution: Math.min(s.missingArt28Cap, s.missingArt28Element * f.missingArt28Elements.length),
      explanation: `The agreement does not show ${f.missingArt28Elements.map((e) => `28(3)(${e})`).join(", ")}.`,
      evidenceIds: [f.agreementId],
    });
    const h = f.breachNotificationHours;
    // The first band the agreement's hours fall in (none: within 48 hours). Factor keys stay in the order the
    // fingerprint expects.
    const band =
      h === null
        ? {
            label: "Breach notification deadline blank",
            weight: s.breachHoursBlank,
            explanation:
              'The agreement sets no number of hours for notifying a breach (art. 33(2) "without undue delay").',
          }
        : h > 72
          ? {
              label: "Breach notification deadline over 72 hours",
              weight: s.breachHoursOver72,
              explanation:
                "Longer than the controller's own 72 hours to notify the supervisory authority (art. 33(1)).",
            }
          : h > 48
            ? {
                label: "Breach notification deadline over 48 hours",
                weight: s.breachHoursOver48,
                explanation: "Leaves the controller less than a day of its 72 hours.",
              }
            : null;
    if (band)
      add({
        key: "agreement.breachHours",
        label: band.label,
        input: h === null ? "blank" : `${h} h`,
        weight: band.weight,
        contribution: band.weight,
        explanation: band.explanation,
        evidenceIds: [f.agreementId],
      });
  }
  const noMech = f.hopsWithoutMechanism;
  add({
    key: "transfers.noMechanism",
    label: "Third-country hops without a valid mechanism",
    input: listed(noMech.map((h) => h.label)) || "none",
    weight: s.hopWithoutMechanism,
    contribution: Math.min(s.hopWithoutMechanismCap, s.hopWithoutMechanism * noMech.length),
    explanation:
      "A transfer out of the EEA needs adequacy, SCC, BCR, DPF for a certified recipient or an art. 49 derogation.",
    evidenceIds: noMech.map((h) => h.engagementId).filter((x): x is string => !!x),
  });
  if (f.prohibitedTransfers.length)
    add({
      key: "transfers.prohibited",
      label: "Transfer the agreement prohibits",
      input: listed(f.prohibitedTransfers.map((h) => h.label)),
      weight: s.prohibitedTransfer,
      contribution: s.prohibitedTransfer,
      explanation:
        "A hop reaches a third country under an agreement that prohibits third-country transfers: a breach of the " +
        "agreement.",
      evidenceIds: f.prohibitedTransfers.map((h) => h.engagementId).filter((x): x is string => !!x),
    });
  if (f.chainUnknown)
    add({
      key: "chain.unknown",
      label: "Sub-processor chain unknown",
      input: "allowed, none listed",
      weight: s.unknownChain,
      contribution: s.unknownChain,
      explanation: "The agreement lets the processor use sub-processors, but none are on file.",
      evidenceIds: f.agreementId ? [f.agreementId] : [],
    });
  return out;
}

/**
 * The facts a processor's own records give: supervision, reports, findings, measures, breach notices,
 * assurance. A write to only those (an own-fact mark) changes only these.
 */
export type OwnFacts = Pick<
  RiskFacts,
  | "today"
  | "supervision"
  | "methodUsed"
  | "latestReport"
  | "unreviewedReportIds"
  | "openFindings"
  | "requiredMeasures"
  | "breachNotices"
  | "assuranceReports"
>;

/** The control factors of a processor's own records (OwnFacts), after the agreement's and the chain's. */
function ownFactFactors(f: OwnFacts, m: RiskModel, minConcept: number): RiskFactor[] {
  const s = m.score;
  const { out, add } = factorList();
  const sup = f.supervision;
  if (sup?.status === "NEVER_SUPERVISED")
    add({
      key: "supervision.never",
      label: "Never supervised",
      input: `next due ${sup.nextDueOn ?? "after 9999-12-31"}`,
      weight: s.neverSupervised,
      contribution: s.neverSupervised,
      explanation: "No supervision of this processor is on record.",
    });
  else if (sup?.status === "OVERDUE" && sup.nextDueOn !== null) {
    const late = Math.max(0, monthsBetween(sup.nextDueOn, f.today));
    const extra = Math.floor(late / 3) * s.overduePerThreeMonths;
    add({
      key: "supervision.overdue",
      label: "Supervision overdue",
      input: `due ${sup.nextDueOn}`,
      weight: s.overdue,
      contribution: Math.min(s.overdueCap, s.overdue + extra),
      explanation: `Supervision was due on ${sup.nextDueOn}, ${late} month${late === 1 ? "" : "s"} ago.`,
      evidenceIds: sup.lastReportId ? [sup.lastReportId] : [],
    });
  }
  if (f.methodUsed && m.inherent.methodConcept[f.methodUsed] < minConcept) {
    add({
      key: "supervision.weakerMethod",
      label: "Supervision method weaker than required",
      input: `${f.methodUsed} (concept ${m.inherent.methodConcept[f.methodUsed]}) < concept ${minConcept}`,
      weight: s.weakerMethod,
      contribution: s.weakerMethod,
      explanation: `For these inherent points Datatilsynet's table allows concept ${minConcept} or stronger.`,
    });
  }
  const r = f.latestReport;
  if (r) {
    const w = r.opinion && r.opinion in s.opinion ? s.opinion[r.opinion as keyof typeof s.opinion] : 0;
    add({
      key: "report.opinion",
      label: "Latest report's opinion",
      input: r.opinion ?? "none",
      weight: w,
      contribution: w,
      explanation: `The auditor's opinion on the latest report is ${r.opinion}.`,
      evidenceIds: [r.id],
    });
    // Null: the report's age limit falls past 9999-12-31 (a report stored with a date near the end): not old.
    const oldAfter = addMonthsWithinCalendar(r.receivedOn, s.reportMaxAgeMonths);
    if (oldAfter !== null && oldAfter < f.today)
      add({
        key: "report.old",
        label: "Latest report is old",
        input: `received ${r.receivedOn}`,
        weight: s.oldReport,
        contribution: s.oldReport,
        explanation: `Older than ${s.reportMaxAgeMonths} months.`,
        evidenceIds: [r.id],
      });
  }
  if (f.unreviewedReportIds.length)
    add({
      key: "report.unreviewed",
      label: "Report not reviewed",
      input: `${f.unreviewedReportIds.length} report(s)`,
      weight: s.unreviewedReport,
      contribution: s.unreviewedReport,
      explanation: "A report received but not reviewed by the controller is an open item.",
      evidenceIds: f.unreviewedReportIds,
    });
  const findings = f.openFindings.filter((x) => x.severity === "HIGH" || x.severity === "CRITICAL");
  const findingPoints = findings.reduce(
    (sum, x) => sum + (x.severity === "CRITICAL" ? s.openFinding.CRITICAL : s.openFinding.HIGH),
    0,
  );
  add({
    key: "findings.open",
    label: "Open high or critical findings",
    input: findings.map((x) => x.severity).join(", ") || "none",
    weight: s.openFinding.HIGH,
    contribution: Math.min(s.openFindingsCap, findingPoints),
    explanation: "Exceptions not yet closed.",
    evidenceIds: findings.map((x) => x.id),
  });
  const rm = f.requiredMeasures;
  if (rm.total > 0) {
    const share = (rm.notImplemented + s.unknownMeasureWeight * rm.unknown) / rm.total;
    add({
      key: "measures.notImplemented",
      label: "Required measures not implemented",
      input: `${rm.notImplemented} not implemented, ${rm.unknown} unknown of ${rm.total}`,
      weight: s.measuresNotImplemented,
      contribution: s.measuresNotImplemented * share,
      explanation:
        "Measures the agreement requires that the processor has not shown to be in place (UNKNOWN counts half).",
      evidenceIds: rm.ids,
    });
  }
  const windowStart = addMonths(f.today, -s.breachNoticeWindowMonths);
  const recent = f.breachNotices.filter((b) => b.notifiedOn >= windowStart);
  const late = recent.filter((b) => b.late === true);
  add({
    key: "breaches.recent",
    label: "Breaches notified in the last 24 months",
    input: `${recent.length} notice(s), ${late.length} late`,
    weight: s.breachNotice,
    contribution: Math.min(s.breachNoticesCap, s.breachNotice * recent.length + s.lateBreachNotice * late.length),
    explanation: "Each breach, and each one notified later than the agreement allows.",
    evidenceIds: recent.map((b) => b.id),
  });
  const assuranceStart = addMonths(f.today, -s.assuranceWindowMonths);
  const credits = f.assuranceReports.filter(
    (a) =>
      a.coversPurchasedServices !== false &&
      ((a.type === "CERTIFICATION" && a.validUntil !== null && a.validUntil >= f.today) ||
        (a.reportKind === "TYPE_2" && a.opinion === "UNQUALIFIED" && a.receivedOn >= assuranceStart)),
  );
  add({
    key: "assurance.credit",
    label: "Valid certification or clean type 2 statement",
    input: `${credits.length}`,
    weight: s.assuranceCredit,
    contribution: Math.max(s.assuranceCreditCap, s.assuranceCredit * credits.length),
    explanation: "Independent assurance in scope lowers the score.",
    evidenceIds: credits.map((a) => a.id),
  });
  return out;
}

/** The score of one processor before propagation from its sub-processors. */
export function assessOwnRisk(f: RiskFacts, m: RiskModel): RiskResult {
  const inherent = inherentFactors(f, m);
  const concept = minimumConcept(inherent.points, m);
  const factors = [...inherent.factors, ...controlFactors(f, m, concept)];
  return ownResult(factors, inherent.points, concept, f, m);
}

/** A processor's own result from its factors (added up in order, clamped to 0–100) and the tier's floor. */
function ownResult(
  factors: RiskFactor[],
  inherentPoints: number,
  minimumConcept: number,
  floor: RiskFacts | RiskTier | null,
  m: RiskModel,
): RiskResult {
  const ownScore = round1(
    clamp(
      factors.reduce((s, x) => s + x.contribution, 0),
      0,
      100,
    ),
  );
  return {
    modelVersion: m.version,
    inherentPoints,
    minimumConcept,
    ownScore,
    score: ownScore,
    tier: tierWithFloors(ownScore, floor, m),
    factors: sortFactors(factors),
  };
}

/**
 * The factors that do not come from a processor's own records, in the order assessOwnRisk adds them up:
 * the inherent points, the agreement in force, the transfers and the chain.
 */
const KEPT_FACTOR_ORDER = [
  "inherent.volume",
  "inherent.sensitivity",
  "inherent.specialNature",
  "inherent.chainReach",
  "inherent.bounds",
  "agreement.missing",
  "agreement.art28",
  "agreement.breachHours",
  "transfers.noMechanism",
  "transfers.prohibited",
  "chain.unknown",
];
const OWN_FACT_KEYS = new Set([
  "supervision.never",
  "supervision.overdue",
  "supervision.weakerMethod",
  "report.opinion",
  "report.old",
  "report.unreviewed",
  "findings.open",
  "measures.notImplemented",
  "breaches.recent",
  "assurance.credit",
]);

/**
 * assessOwnRisk after a change of only a processor's own records: the inherent points, the agreement's and
 * the chain's factors of the result before (`before`, of the same model and facts otherwise), the own-fact
 * factors from the new OwnFacts, added up in assessOwnRisk's order (so the score is the same to the bit).
 * null when `before` holds a factor this code does not place (another version of it): assess anew.
 */
export function withOwnFacts(
  before: { inherentPoints: number; minimumConcept: number; factors: RiskFactor[] },
  f: OwnFacts,
  m: RiskModel,
  floor: RiskTier | null,
): RiskResult | null {
  const kept: RiskFactor[] = [];
  for (const x of before.factors) {
    if (x.key === PROPAGATION || OWN_FACT_KEYS.has(x.key)) continue;
    if (!KEPT_FACTOR_ORDER.includes(x.key)) return null;
    kept.push(x);
  }
  kept.sort((a, b) => KEPT_FACTOR_ORDER.indexOf(a.key) - KEPT_FACTOR_ORDER.indexOf(b.key));
  const factors = [...kept, ...ownFactFactors(f, m, before.minimumConcept)];
  return ownResult(factors, before.inherentPoints, before.minimumConcept, floor, m);
}

/** The tier of a score, raised to the model's floors: no agreement; special data sent out unprotected. */
export function tierWithFloors(score: number, f: RiskFacts | RiskTier | null, m: RiskModel): RiskTier {
  const floor = typeof f === "object" && f !== null ? floorTierOf(f, m) : f;
  return floor ? maxTier(tierFor(score, m), floor) : tierFor(score, m);
}

/** The lowest tier the facts allow whatever the score (the model's floors); null when no floor applies. */
export function floorTierOf(f: RiskFacts, m: RiskModel): RiskTier | null {
  let tier: RiskTier | null = null;
  if (!f.agreementId && !f.coveredByAgreementId) tier = m.floors.noAgreement;
  if ((f.mostSensitive === "SPECIAL" || f.mostSensitive === "CRIMINAL") && f.hopsWithoutMechanism.length)
    tier = tier
      ? maxTier(tier, m.floors.specialDataWithUnprotectedTransfer)
      : m.floors.specialDataWithUnprotectedTransfer;
  return tier;
}

/**
 * A factor names at most this many records as evidence: in a large chain a hub's factor would otherwise
 * carry thousands of ids into every stored assessment and every dashboard row. The whole list is one
 * query away (transferExposure, subprocessorTree).
 */
export const MAX_EVIDENCE = 25;
const MAX_LISTED = 10;

/** "a; b; c", or the first ten and how many more. */
function listed(labels: string[]): string {
  return labels.length <= MAX_LISTED
    ? labels.join("; ")
    : `${labels.slice(0, MAX_LISTED).join("; ")}; … and ${labels.length - MAX_LISTED} more (${labels.length} in all)`;
}

const sortFactors = (factors: RiskFactor[]) =>
  [...factors].sort((a, b) => b.contribution - a.contribution || a.key.localeCompare(b.key));

/** The factor propagation adds; its input is `own score <n>` of the processor its evidence names. */
export const PROPAGATION = "chain.propagation";

/**
 * Every key a factor of the engine can have (RiskFactor.key): what `processors(filter: { riskFactors })` takes. A
 * unit test (risk-factor-keys) checks it against the keys written in this file.
 */
export const RISK_FACTOR_KEYS: readonly string[] = [...KEPT_FACTOR_ORDER, PROPAGATION, ...OWN_FACT_KEYS];

/**
 * A sub-processor's risk raises its parent's: factor × (worst own score among everything below − own
 * score), capped. Descendants are a set, so each counts once and a loop cannot repeat it.
 */
export function withPropagation(
  own: RiskResult,
  worstBelow: { processorId: string; ownScore: number } | null,
  m: RiskModel,
  /** The facts the floors come from, or the floor they give (floorTierOf), as stored with an assessment. */
  floorsFrom: RiskFacts | RiskTier | null,
): RiskResult {
  if (!worstBelow) return own;
  const raw = m.propagation.factor * Math.max(0, worstBelow.ownScore - own.ownScore);
  const contribution = round1(Math.min(m.propagation.cap, raw));
  if (contribution <= 0) return own;
  const factor: RiskFactor = {
    key: PROPAGATION,
    label: "Riskier sub-processor below",
    // The processor is named by its evidence link, not by its name: a rename is not a risk input and
    // must not change (or re-store) the assessments above it.
    input: `own score ${worstBelow.ownScore}`,
    weight: m.propagation.factor,
    contribution,
    explanation:
      `${m.propagation.factor} × the gap to the riskiest processor in the chain (${worstBelow.ownScore} vs ` +
      `${own.ownScore}), at most ${m.propagation.cap}.`,
    evidenceIds: [worstBelow.processorId],
  };
  const score = round1(Math.min(100, own.ownScore + contribution));
  return { ...own, score, tier: tierWithFloors(score, floorsFrom, m), factors: sortFactors([...own.factors, factor]) };
}
