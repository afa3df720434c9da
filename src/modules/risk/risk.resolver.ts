import { Arg, Authorized, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { LocalDateScalar } from "../../common/scalars";
import type { RequestContext } from "../../context";
import { LoadedField, reference } from "../../common/reference";
import { ALLOWED } from "../../common/auth";
import { badUserInput } from "../../common/errors";
import { runMutation } from "../../common/mutation";
import { addDays } from "../../common/dates";
import { refuseFutureAsOf } from "../../common/as-of";
import { Processor } from "../processors/processor.entity";
import {
  RecomputeRiskResult,
  RiskAssessment,
  RiskModelInfo,
  RiskOverview,
  RecomputeRiskPayload,
  SaveRiskModelPayload,
} from "./risk.types";
import { riskService } from "./risk.service";
import { toAssessment } from "./risk.rules";
import { SaveRiskModelInput } from "./risk.inputs";

@Resolver(() => RiskAssessment)
export class RiskAssessmentResolver {
  @LoadedField(() => Processor, { description: "The processor assessed." })
  processor = reference("processorById", (r: RiskAssessment) => r.processorId);

  @Query(() => RiskOverview, {
    description: "Portfolio risk for a dashboard: tiers, the riskiest processors, open problems and the monthly trend.",
  })
  async riskOverview(
    @Ctx() ctx: RequestContext,
    @Arg("top", () => Int, { defaultValue: 10, description: "How many of the riskiest to list (1–100)." }) top: number,
  ): Promise<RiskOverview> {
    return riskService.overview(ctx, top);
  }

  @Query(() => [RiskModelInfo], {
    description: "The default model and the organization's stored versions; the newest stored one is in force.",
  })
  async riskModels(@Ctx() ctx: RequestContext): Promise<RiskModelInfo[]> {
    return riskService.models(ctx);
  }

  @Authorized(...ALLOWED.administer)
  @Mutation(() => SaveRiskModelPayload, {
    description:
      "Store a new version of the risk model (ADMIN). It is in force from now; every assessment records the " +
      "version it used.",
  })
  saveRiskModel(@Arg("input") input: SaveRiskModelInput, @Ctx() ctx: RequestContext): Promise<SaveRiskModelPayload> {
    return runMutation(ctx, input, async () => {
      const saved = await riskService.saveModel(ctx, input);
      return {
        riskModel: Object.assign(new RiskModelInfo(), {
          version: saved.modelVersion,
          definition: JSON.stringify(saved.definition),
          createdAt: saved.createdAt,
          note: saved.note,
          active: true,
        }),
      };
    });
  }

  @Authorized(...ALLOWED.administer)
  @Mutation(() => RecomputeRiskPayload, {
    description:
      "Recompute every processor's risk now (ADMIN), set-wise. Reads already recompute what is stale; this forces it.",
  })
  recomputeRisk(@Ctx() ctx: RequestContext): Promise<RecomputeRiskPayload> {
    return runMutation(ctx, null, async () => {
      const result = Object.assign(new RecomputeRiskResult(), await riskService.recomputeAll(ctx));
      return { result };
    });
  }
}

@Resolver(() => Processor)
export class ProcessorRiskResolver {
  @FieldResolver(() => RiskAssessment, {
    nullable: true,
    description:
      "The processor's risk, with every factor. Recomputed before it is returned when anything it reads has " +
      "changed. With asOf: the assessment stored as of the end of that day (today or earlier).",
  })
  async risk(
    @Root() p: Processor,
    @Ctx() ctx: RequestContext,
    @Arg("asOf", () => LocalDateScalar, {
      nullable: true,
      description:
        "Read the stored assessment in force at the end of this day. A later day than today is refused " +
        "(BAD_USER_INPUT): what will be in force then is not known yet.",
    })
    asOf: string | null,
  ) {
    refuseFutureAsOf(asOf);
    await riskService.ensureFresh(ctx);
    if (asOf) {
      const history = await ctx.loaders.riskHistoryByProcessor.load(p.id);
      const end = new Date(`${addDays(asOf, 1)}T00:00:00Z`);
      const hit = history.find((h) => h.computedAt < end);
      return hit ? toAssessment(hit) : null;
    }
    const latest = await ctx.loaders.latestRiskByProcessor.load(p.id);
    return latest ? toAssessment(latest) : null;
  }

  @FieldResolver(() => [RiskAssessment], {
    description: "Stored assessments, newest first: one each time the result changed.",
  })
  async riskHistory(
    @Root() p: Processor,
    @Ctx() ctx: RequestContext,
    @Arg("first", () => Int, { defaultValue: 20, description: "How many (1–100)." }) first: number,
  ) {
    if (!Number.isInteger(first) || first < 1 || first > 100)
      throw badUserInput(`first must be between 1 and 100 (got ${first}).`);
    await riskService.ensureFresh(ctx);
    return (await ctx.loaders.riskHistoryByProcessor.load(p.id)).slice(0, first).map(toAssessment);
  }
}
