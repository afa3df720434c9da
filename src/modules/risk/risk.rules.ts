// Pure rules of risk scoring around the engine: a portfolio's scores, how factors are stored and
// fingerprinted, the shape a stored model must have. No database, unit-tested.
import { hash } from "node:crypto";
import { fromGlobalId, toGlobalId } from "../../common/global-id";
import { UserErrorCode, userError, UserError } from "../../common/errors";
import { DT_V1, RiskModel, TIER_ORDER } from "./risk-model";
import { Sensitivity, SENSITIVITY_ORDER } from "../taxonomy/taxonomy.entity";
import { assessOwnRisk, RiskFactor, RiskResult, withPropagation } from "./risk-engine";
import { RiskAssessmentRecord } from "./risk.entity";
import { RiskAssessment, RiskFactor as RiskFactorType } from "./risk.types";

/**
 * Pure: scores for a portfolio, own scores first, then propagation over each processor's chain.
 * `outside` gives the stored own score of processors below that are not recomputed: a part
 * of the portfolio is scored exactly as the whole is when everything upstream of a change is in it.
 */
export function scorePortfolio(
  processors: { id: string; name: string }[],
  facts: Map<string, import("./risk-engine").RiskFacts>,
  descendants: Map<string, ArrayLike<number>>,
  processorAt: readonly string[],
  model: RiskModel,
  outside: ReadonlyMap<string, { ownScore: number }> = new Map(),
): Map<string, RiskResult> {
  const own = new Map(processors.map((p) => [p.id, assessOwnRisk(facts.get(p.id)!, model)]));
  const ownAt = processorAt.map((id) => own.get(id)?.ownScore ?? outside.get(id)?.ownScore ?? -1);
  const out = new Map<string, RiskResult>();
  for (const p of processors) {
    let worst = -1;
    // An index loop: the chains of a whole portfolio hold millions of steps.
    const below = descendants.get(p.id) ?? [];
    for (let i = 0; i < below.length; i++) {
      const d = below[i];
      if (ownAt[d] >= 0 && (worst < 0 || ownAt[d] > ownAt[worst])) worst = d;
    }
    const worstBelow = worst < 0 ? null : { processorId: processorAt[worst], ownScore: ownAt[worst] };
    out.set(p.id, withPropagation(own.get(p.id)!, worstBelow, model, facts.get(p.id)!));
  }
  return out;
}

/**
 * Factors are stored as arrays in a fixed order: a full recompute writes 10,000 assessments at once,
 * and repeating the property names in every factor made that a third larger.
 */
export type PackedFactor = [string, string, string, number, number, string, string[]];

export function packFactor(f: RiskFactor): PackedFactor {
  return [f.key, f.label, f.input, f.weight, f.contribution, f.explanation, f.evidenceIds.map(storedEvidenceId)];
}

/** packFactor for many results: each distinct evidence id is narrowed once (a full recompute stores ~200,000). */
export function factorPacker(): (f: RiskFactor) => PackedFactor {
  const known = new Map<string, string>();
  const narrow = (id: string) => {
    let stored = known.get(id);
    if (stored === undefined) known.set(id, (stored = storedEvidenceId(id)));
    return stored;
  };
  return (f) => [f.key, f.label, f.input, f.weight, f.contribution, f.explanation, f.evidenceIds.map(narrow)];
}

export function unpackFactor(p: PackedFactor | RiskFactor): RiskFactor {
  if (!Array.isArray(p)) return p;
  const [key, label, input, weight, contribution, explanation, evidenceIds] = p;
  // Light factors (processor.service LIGHT_FACTORS) have none: null stays null.
  return { key, label, input, weight, contribution, explanation, evidenceIds: evidenceIds?.map(evidenceIdOfStored) };
}

/**
 * Evidence ids are stored narrow: "<code>:<the uuid's 16 bytes in base64url>" (24 characters) for these
 * types, not the global id (59–79): they were half of what the database parses when a recompute stores the
 * portfolio. Other ids (a processor's uuid in chain.propagation, a type not listed) are stored as they are;
 * a colon at [1] is in neither a global id (base64url) nor a uuid.
 */
const EVIDENCE_CODE: Record<string, string> = {
  Agreement: "a",
  SubprocessorEngagement: "e",
  AuditReport: "r",
  AuditFinding: "f",
  Measure: "m",
  BreachNotice: "b",
};
const EVIDENCE_TYPE = new Map(Object.entries(EVIDENCE_CODE).map(([type, code]) => [code, type]));

/** An evidence id as stored (see EVIDENCE_CODE): narrow only where evidenceIdOfStored gives it back exactly. */
export function storedEvidenceId(id: string): string {
  const d = fromGlobalId(id);
  const code = d && EVIDENCE_CODE[d.typeName];
  if (!d || !code || toGlobalId(d.typeName, d.id) !== id) return id;
  return `${code}:${Buffer.from(d.id.replace(/-/g, ""), "hex").toString("base64url")}`;
}

/** The evidence id (a global id) of one as stored (storedEvidenceId); ids stored whole are returned as they are. */
export function evidenceIdOfStored(stored: string): string {
  const type = stored.length === 24 && stored[1] === ":" ? EVIDENCE_TYPE.get(stored[0]) : undefined;
  if (!type) return stored;
  const h = Buffer.from(stored.slice(2), "base64url").toString("hex");
  return toGlobalId(type, `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`);
}

/** What identifies a result: stored with it, so an unchanged result is not stored again. */
export function fingerprintOf(r: RiskResult): string {
  // Results are built by this code in a fixed key order, so JSON.stringify is canonical here (and fast).
  // (One-shot hash: a full recompute fingerprints 10,000 results, and a Hash object each cost more.)
  return hash("sha256", JSON.stringify([r.modelVersion, r.score, r.tier, r.factors]), "hex");
}

/** The longest window a model may set in months (a century). */
export const MAX_MODEL_MONTHS = 1200;
/** The model's parameters that are windows in months (overduePerThreeMonths is points, not a window). */
const MONTH_WINDOWS = new Set(["reportMaxAgeMonths", "breachNoticeWindowMonths", "assuranceWindowMonths"]);
/**
 * The largest size of any other number of a model: a score runs from 0 to 100, so a weight beyond this says nothing
 * more, while 1e308 made the engine's sums infinite (stored as null) and every risk read of the organization failed.
 */
export const MAX_MODEL_NUMBER = 10000;

/** Checks a stored model has the default model's shape: every key, numbers where numbers go. */
export function riskModelProblems(
  candidate: unknown,
  reference: unknown = DT_V1,
  path: string[] = ["input", "definition"],
): UserError[] {
  const out: UserError[] = [];
  if (typeof reference === "number") {
    const name = path.slice(2).join(".");
    if (typeof candidate !== "number" || !Number.isFinite(candidate))
      out.push(userError(path, UserErrorCode.INVALID, `${name} must be a number`));
    // A window in months is date arithmetic (addMonths takes whole months, dates stay in PostgreSQL's range):
    // 1.5 or 1e300 were stored, and every risk read of the organization then failed as INTERNAL.
    else if (
      MONTH_WINDOWS.has(path[path.length - 1]) &&
      (!Number.isInteger(candidate) || candidate < 0 || candidate > MAX_MODEL_MONTHS)
    )
      out.push(
        userError(
          path,
          UserErrorCode.OUT_OF_RANGE,
          `${name} must be a whole number of months from 0 to ${MAX_MODEL_MONTHS}`,
        ),
      );
    // Inherent points and concepts are whole numbers (stored in integer columns): 2.5 failed every risk read.
    else if (path[2] === "inherent" && (!Number.isInteger(candidate) || Math.abs(candidate) > MAX_MODEL_NUMBER))
      out.push(
        userError(
          path,
          UserErrorCode.OUT_OF_RANGE,
          `${name} must be a whole number from -${MAX_MODEL_NUMBER} to ${MAX_MODEL_NUMBER}`,
        ),
      );
    else if (!MONTH_WINDOWS.has(path[path.length - 1]) && Math.abs(candidate) > MAX_MODEL_NUMBER)
      out.push(
        userError(path, UserErrorCode.OUT_OF_RANGE, `${name} must be from -${MAX_MODEL_NUMBER} to ${MAX_MODEL_NUMBER}`),
      );
    return out;
  }
  if (typeof reference === "string") {
    if (typeof candidate !== "string" || !candidate.trim())
      out.push(userError(path, UserErrorCode.INVALID, `${path.slice(2).join(".")} must be a non-empty string`));
    return out;
  }
  if (Array.isArray(reference)) {
    if (!Array.isArray(candidate) || !candidate.length)
      return [userError(path, UserErrorCode.INVALID, `${path.slice(2).join(".")} must be a non-empty list`)];
    candidate.forEach((c, i) => out.push(...riskModelProblems(c, reference[0], [...path, String(i)])));
    return out;
  }
  if (!candidate || typeof candidate !== "object" || Array.isArray(candidate))
    return [userError(path, UserErrorCode.INVALID, `${path.slice(2).join(".") || "definition"} must be an object`)];
  const c = candidate as Record<string, unknown>;
  for (const key of Object.keys(reference as object))
    out.push(...riskModelProblems(c[key], (reference as Record<string, unknown>)[key], [...path, key]));
  for (const key of Object.keys(c))
    if (!(key in (reference as object)))
      out.push(
        userError(
          [...path, key],
          UserErrorCode.INVALID,
          `${[...path.slice(2), key].join(".")} is not a parameter of the model`,
        ),
      );
  return out;
}

/** The range of a score (the engine clamps to it): tier thresholds lie within it (docs/risk-model.md). */
export const SCORE_RANGE = { min: 0, max: 100 } as const;
/** The supervision concepts of Datatilsynet's guidance, 1 (none unless signs of trouble) to 6 (own inspection). */
export const CONCEPT_RANGE = { min: 1, max: 6 } as const;
/** The inherent parameters that are points on the scale (each from 0 to inherent.max). */
const INHERENT_POINTS = ["specialNaturePoint", "specialNatureCap", "chainReachPoint", "chainReachCap"] as const;

/** The score's parameters that are credits: they reduce the score, so they are 0 or below (docs/risk-model.md). */
const CREDITS = new Set(["assuranceCredit", "assuranceCreditCap"]);

/**
 * The model's own rules, for a definition of the right shape (riskModelProblems found nothing): tiers rise and lie
 * within the score's range, floors are tiers, the inherent scale runs from min (0 or more) up to max, every points
 * value is from 0 to max and sensitivity points rise with sensitivity, concepts are 1 to 6, concept bands rise, no
 * supervision is never a better concept than a method, a factor of the score adds risk (0 or more) unless it is a
 * credit (0 or less), an unknown measure weighs a share (0 to 1), and propagation passes on a share (0 to 1) of the
 * gap below, at most cap (0 or more). Each problem names the parameter's path and the rule.
 */
export function riskModelRuleProblems(m: RiskModel): UserError[] {
  const out: UserError[] = [];
  const fail = (path: (string | number)[], code: UserErrorCode, rule: string) =>
    out.push(userError(["input", "definition", ...path.map(String)], code, `${path.join(".")} ${rule}`));
  const t = m.tiers;
  if (!(t.medium < t.high && t.high < t.critical))
    out.push(
      userError(["input", "definition", "tiers"], UserErrorCode.INVALID, "tiers must rise: medium < high < critical"),
    );
  // A score runs from 0 to 100 and is LOW below tiers.medium: a threshold of 0 or below leaves the tier under it
  // unreachable (tiers.medium -5: never LOW), one above 100 its own tier (tiers.critical 1000: never CRITICAL).
  for (const k of ["medium", "high", "critical"] as const)
    if (!(t[k] > SCORE_RANGE.min && t[k] <= SCORE_RANGE.max))
      fail(
        ["tiers", k],
        UserErrorCode.OUT_OF_RANGE,
        `must be above ${SCORE_RANGE.min} and at most ${SCORE_RANGE.max} (got ${t[k]}): a score runs from ` +
          `${SCORE_RANGE.min} to ${SCORE_RANGE.max}, and a threshold outside it leaves a tier unreachable`,
      );
  for (const k of ["noAgreement", "specialDataWithUnprotectedTransfer"] as const)
    if (!TIER_ORDER.includes(m.floors[k]))
      fail(["floors", k], UserErrorCode.INVALID, `must be one of ${TIER_ORDER.join(", ")}`);
  if (m.inherent.min > m.inherent.max)
    fail(
      ["inherent", "min"],
      UserErrorCode.INVALID,
      `must not be above inherent.max (${m.inherent.min} > ${m.inherent.max}): the points run from min to max`,
    );
  inherentRuleProblems(m, fail);
  m.inherent.conceptBands.forEach((b, i) => {
    const before = m.inherent.conceptBands[i - 1];
    if (!before) return;
    if (b.maxPoints <= before.maxPoints)
      fail(
        ["inherent", "conceptBands", i, "maxPoints"],
        UserErrorCode.INVALID,
        `must be above inherent.conceptBands.${i - 1}.maxPoints (${b.maxPoints} <= ${before.maxPoints}): the bands ` +
          `rise, and the first whose maxPoints the points do not exceed applies`,
      );
    else if (b.concept < before.concept)
      fail(
        ["inherent", "conceptBands", i, "concept"],
        UserErrorCode.INVALID,
        `must not be below inherent.conceptBands.${i - 1}.concept (${b.concept} < ${before.concept}): more ` +
          `points never ask for a weaker supervision concept`,
      );
  });
  const signs = (value: unknown, path: string[]): void => {
    if (typeof value === "number") {
      const credit = CREDITS.has(path[1]);
      if (credit ? value > 0 : value < 0)
        fail(
          path,
          UserErrorCode.OUT_OF_RANGE,
          credit
            ? `must be 0 or below (got ${value}): a credit reduces the score`
            : `must be 0 or more (got ${value}): it adds risk; only the assurance credit reduces the score`,
        );
    } else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) signs(v, [...path, k]);
  };
  signs(m.score, ["score"]);
  if (m.score.unknownMeasureWeight > 1)
    fail(
      ["score", "unknownMeasureWeight"],
      UserErrorCode.OUT_OF_RANGE,
      `must be from 0 to 1 (got ${m.score.unknownMeasureWeight}): a required measure of unknown state counts as ` +
        `that share of one not implemented, never more than one`,
    );
  if (m.propagation.factor < 0 || m.propagation.factor > 1)
    fail(
      ["propagation", "factor"],
      UserErrorCode.OUT_OF_RANGE,
      `must be from 0 to 1 (got ${m.propagation.factor}): a processor gains that share of the gap to the worst ` +
        `score below`,
    );
  if (m.propagation.cap < 0)
    fail(
      ["propagation", "cap"],
      UserErrorCode.OUT_OF_RANGE,
      `must be 0 or more (got ${m.propagation.cap}): propagation adds risk, at most cap points`,
    );
  return out;
}

type Fail = (path: (string | number)[], code: UserErrorCode, rule: string) => void;

/**
 * The inherent scale's rules: points are 0 or more and never beyond the scale's max; sensitivity points rise with
 * sensitivity (the engine scores the most sensitive category entrusted, by the enum's order, so art. 9 data below
 * ordinary data would score a processor lower for holding it); concepts are 1 to 6; and no supervision (NONE) is
 * never a higher concept than a method (a method below the minimum concept counts as weaker, so NONE above one would
 * make no supervision outrank it).
 */
function inherentRuleProblems(m: RiskModel, fail: Fail): void {
  const { inherent } = m;
  const max = inherent.max;
  if (inherent.min < 0)
    fail(["inherent", "min"], UserErrorCode.OUT_OF_RANGE, `must be 0 or more (got ${inherent.min}): points count up`);
  const points = (path: string[], value: number) => {
    if (value < 0 || value > max)
      fail(
        ["inherent", ...path],
        UserErrorCode.OUT_OF_RANGE,
        `must be from 0 to inherent.max (${max}) (got ${value}): points count up the inherent scale, which ends at max`,
      );
  };
  for (const [band, value] of Object.entries(inherent.volumePoints)) points(["volumePoints", band], value);
  for (const [level, value] of Object.entries(inherent.sensitivityPoints)) points(["sensitivityPoints", level], value);
  for (const k of INHERENT_POINTS) points([k], inherent[k]);
  if (inherent.chainDepthThreshold < 0)
    fail(
      ["inherent", "chainDepthThreshold"],
      UserErrorCode.OUT_OF_RANGE,
      `must be 0 or more (got ${inherent.chainDepthThreshold}): it is a number of levels below the processor`,
    );
  const levels: (Sensitivity | "NONE")[] = ["NONE", ...SENSITIVITY_ORDER];
  levels.forEach((level, i) => {
    const below = levels[i - 1];
    if (below === undefined || inherent.sensitivityPoints[level] >= inherent.sensitivityPoints[below]) return;
    fail(
      ["inherent", "sensitivityPoints", level],
      UserErrorCode.INVALID,
      `must not be below inherent.sensitivityPoints.${below} (${inherent.sensitivityPoints[level]} < ` +
        `${inherent.sensitivityPoints[below]}): sensitivity points rise with sensitivity (${levels.join(" ≤ ")})`,
    );
  });
  const concept = (path: (string | number)[], value: number) => {
    if (value < CONCEPT_RANGE.min || value > CONCEPT_RANGE.max)
      fail(
        ["inherent", ...path],
        UserErrorCode.OUT_OF_RANGE,
        `must be from ${CONCEPT_RANGE.min} to ${CONCEPT_RANGE.max} (got ${value}): the supervision concepts of the ` +
          `guidance run from ${CONCEPT_RANGE.min} (none unless signs of trouble) to ${CONCEPT_RANGE.max} (inspection)`,
      );
  };
  inherent.conceptBands.forEach((b, i) => {
    concept(["conceptBands", i, "concept"], b.concept);
    if (b.maxPoints < 0)
      fail(
        ["inherent", "conceptBands", i, "maxPoints"],
        UserErrorCode.OUT_OF_RANGE,
        `must be 0 or more (got ${b.maxPoints}): points count up`,
      );
  });
  for (const [method, value] of Object.entries(inherent.methodConcept)) concept(["methodConcept", method], value);
  const none = inherent.methodConcept.NONE;
  const better = Object.entries(inherent.methodConcept).filter(([method, value]) => method !== "NONE" && value < none);
  if (better.length)
    fail(
      ["inherent", "methodConcept", "NONE"],
      UserErrorCode.INVALID,
      `must not be above the concept of any method (${none} > ${better.map(([k, v]) => `${k} ${v}`).join(", ")}): ` +
        `no supervision is never better than a method`,
    );
}

export function toAssessment(r: RiskAssessmentRecord): RiskAssessment {
  return Object.assign(new RiskAssessment(), {
    processorId: r.processorId,
    score: r.score,
    tier: r.tier,
    ownScore: r.ownScore,
    inherentPoints: r.inherentPoints,
    minimumConcept: r.minimumConcept,
    modelVersion: r.modelVersion,
    computedAt: r.computedAt,
    storedFactors: r.factors,
    lightFactors: r.lightFactors === true,
    unpack: unpackFactorType,
  });
}

const unpackFactorType = (f: unknown): RiskFactorType =>
  Object.assign(new RiskFactorType(), unpackFactor(f as PackedFactor | RiskFactor));
