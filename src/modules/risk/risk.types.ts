import { Arg, Ctx, Field, Float, ID, Info, Int, ObjectType } from "type-graphql";
import { graphqlEnum } from "../../common/enums";
import type { GraphQLResolveInfo } from "graphql";
import type { RequestContext } from "../../context";
import { asksBeyondLightFactors } from "./factor-selection.rules";
import { badUserInput, UserError } from "../../common/errors";
import { DateTimeScalar } from "../../common/scalars";

export const RiskTierEnum = graphqlEnum(
  "RiskTier",
  "LOW < 25 ≤ MEDIUM < 50 ≤ HIGH < 75 ≤ CRITICAL (dt-v1), with floors for no agreement and special data sent " +
    "out unprotected.",
  ["LOW", "MEDIUM", "HIGH", "CRITICAL"],
);

@ObjectType({ description: "A record the factor rests on." })
export class RiskEvidence {
  @Field(() => ID, { description: "Global id (fetch it with node(id:))." })
  id: string;
}

@ObjectType({
  description: "One reason in a score: what was read, the model's weight, how many points it added or took, and why.",
})
export class RiskFactor {
  @Field({ description: "Stable key, e.g. agreement.missing, transfers.noMechanism." })
  key: string;

  @Field({ description: "A label for dashboards." })
  label: string;

  @Field({ description: "The fact as read." })
  input: string;

  @Field(() => Float, { description: "The model parameter applied." })
  weight: number;

  @Field(() => Float, { description: "Points added to (or taken from) the score." })
  contribution: number;

  @Field({ description: "Why, in a sentence." })
  explanation: string;

  evidenceIds: string[];

  @Field(() => [RiskEvidence], { description: "The records behind the factor." })
  evidence(): RiskEvidence[] {
    return this.evidenceIds.map((id) => Object.assign(new RiskEvidence(), { id }));
  }
}

@ObjectType({
  description:
    "A processor's risk: score 0–100, tier, Datatilsynet's inherent points and minimum supervision concept, and " +
    "every factor, largest first.",
})
export class RiskAssessment {
  processorId: string;

  @Field(() => Float, { description: "0–100." })
  score: number;

  @Field(() => RiskTierEnum, { description: "Tier." })
  tier: string;

  @Field(() => Float, { description: "The score before the riskiest sub-processor below raised it." })
  ownScore: number;

  @Field(() => Int, { description: "Inherent points 1–10 (questions A–D)." })
  inherentPoints: number;

  @Field(() => Int, {
    description: "The least intensive supervision concept (1–6) Datatilsynet's table allows for the points.",
  })
  minimumConcept: number;

  @Field({ description: "The model version used." })
  modelVersion: string;

  @Field(() => DateTimeScalar, { description: "When it was computed." })
  computedAt: Date;

  /** The factors as stored (packed, see risk.rules packFactor); unpacked only as far as they are read. */
  storedFactors: readonly unknown[];
  /** Turns a stored factor into the GraphQL object (risk.rules toAssessment gives it). */
  unpack: (stored: unknown) => RiskFactor;
  /** storedFactors lack input, explanation and evidence (RiskAssessmentRecord.lightFactors). */
  lightFactors: boolean;

  @Field(() => [RiskFactor], { description: "The reasons, largest contribution first." })
  factors(
    @Arg("top", () => Int, { nullable: true, description: "Only the first `top` reasons (1–50); all when omitted." })
    top: number | null | undefined,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): RiskFactor[] | Promise<RiskFactor[]> {
    if (top !== undefined && top !== null && (!Number.isInteger(top) || top < 1 || top > 50))
      throw badUserInput(`top must be between 1 and 50 (got ${top}).`);
    // A dashboard asks for the top three of some fifteen: only those are unpacked.
    const pick = (stored: readonly unknown[]) =>
      (top === undefined || top === null ? stored : stored.slice(0, top)).map(this.unpack);
    if (this.lightFactors && info.fieldNodes.some((n) => asksBeyondLightFactors(n.selectionSet, info.fragments)))
      return ctx.loaders.currentRiskFactorsByProcessor.load(this.processorId).then(pick);
    return pick(this.storedFactors);
  }
}

@ObjectType({ description: "How many processors are in a tier." })
export class TierCount {
  @Field(() => RiskTierEnum)
  tier: string;

  @Field(() => Int)
  count: number;
}

@ObjectType({ description: "Tier counts at the end of a month, from the stored assessments." })
export class MonthlyTierCounts {
  @Field({ description: "YYYY-MM." })
  month: string;

  @Field(() => Int) low: number;
  @Field(() => Int) medium: number;
  @Field(() => Int) high: number;
  @Field(() => Int) critical: number;
}

@ObjectType({ description: "The portfolio at a glance, for a GRC dashboard." })
export class RiskOverview {
  @Field({ description: "The model version in force." })
  modelVersion: string;

  @Field(() => Int, { description: "Processors assessed." })
  processors: number;

  @Field(() => [TierCount], { description: "Processors per tier." })
  tiers: TierCount[];

  @Field(() => [RiskAssessment], { description: "The riskiest processors, highest score first." })
  top: RiskAssessment[];

  @Field(() => Int, {
    description:
      "Processors whose supervision is overdue: past its due date, a first supervision never carried out " +
      "included (these are in neverSupervised too). The list: supervisionSchedule(status: [OVERDUE]).",
  })
  overdueSupervision: number;

  @Field(() => Int, { description: "Processors with an agreement and a plan but no supervision on record." })
  neverSupervised: number;

  @Field(() => Int, { description: "Processors without an agreement in force." })
  withoutAgreement: number;

  @Field(() => Int, { description: "Processors whose chains reach a third country without a valid mechanism." })
  thirdCountryWithoutMechanism: number;

  @Field(() => Int, { description: "Open findings of severity HIGH or CRITICAL." })
  openHighOrCriticalFindings: number;

  @Field(() => [MonthlyTierCounts], { description: "Tier counts at each of the last 12 month ends." })
  trend: MonthlyTierCounts[];
}

@ObjectType({ description: "Result of recomputing the portfolio." })
export class RecomputeRiskResult {
  @Field(() => Int) processors: number;
  @Field(() => Int, { description: "Processors whose result changed (a new assessment was stored)." }) changed: number;
  @Field() modelVersion: string;
  @Field(() => Int) durationMs: number;
}

@ObjectType({ description: "A stored version of the organization's risk model." })
export class RiskModelInfo {
  @Field() version: string;
  @Field(() => String, { nullable: true }) note: string | null;
  @Field(() => DateTimeScalar, { nullable: true, description: "Null for the built-in default." })
  createdAt: Date | null;
  @Field({ description: "Whether this is the model in force." }) active: boolean;
  @Field({ description: "The model as JSON (weights, caps, thresholds)." }) definition: string;
}

@ObjectType("SaveRiskModelPayload", { description: "Result of saving a risk model version." })
export class SaveRiskModelPayload {
  @Field(() => RiskModelInfo, { nullable: true }) riskModel?: RiskModelInfo | null;
  @Field(() => [UserError]) userErrors: UserError[];
}

@ObjectType("RecomputeRiskPayload", { description: "Result of recomputing the portfolio." })
export class RecomputeRiskPayload {
  @Field(() => RecomputeRiskResult, { nullable: true }) result?: RecomputeRiskResult | null;
  @Field(() => [UserError]) userErrors: UserError[];
}
