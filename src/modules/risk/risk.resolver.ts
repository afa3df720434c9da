import {
  Arg,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  InputType,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from "type-graphql";
import { JSONObjectResolver, LocalDateResolver } from "graphql-scalars";
import { IsOptional } from "class-validator";
import { In } from "typeorm";
import type { RequestContext } from "../../context";
import { ALLOWED } from "../../common/auth";
import { badUserInput, UserError } from "../../common/errors";
import { IsNotBlank, MaxLen } from "../../common/validation";
import { runMutation } from "../../common/mutation";
import { addDays } from "../../common/dates";
import { Processor } from "../processors/processor.entity";
import { RiskAssessmentRecord, RiskModelVersion } from "./risk.entity";
import { DT_V1 } from "./risk-model";
import {
  MonthlyTierCounts,
  RecomputeRiskResult,
  RiskAssessment,
  RiskFactor,
  RiskModelInfo,
  RiskOverview,
  TierCount,
} from "./risk.types";
import { ensureFreshRisk, PackedFactor, recomputeAll, saveRiskModel, unpackFactor } from "./risk.service";

function toAssessment(r: RiskAssessmentRecord): RiskAssessment {
  return Object.assign(new RiskAssessment(), {
    processorId: r.processorId,
    score: r.score,
    tier: r.tier,
    ownScore: r.ownScore,
    inherentPoints: r.inherentPoints,
    minimumConcept: r.minimumConcept,
    modelVersion: r.modelVersion,
    computedAt: r.computedAt,
    allFactors: (r.factors as unknown as PackedFactor[]).map((f) => Object.assign(new RiskFactor(), unpackFactor(f))),
  });
}

@InputType({
  description:
    "A new version of the organization's risk model. Its definition has the shape of the default (see riskModels).",
})
class SaveRiskModelInput {
  @Field({ description: 'A new version name, e.g. "acme-2027"; versions are never overwritten.' })
  @IsNotBlank()
  @MaxLen(50)
  version: string;

  @Field(() => JSONObjectResolver, {
    description: "Weights, caps and thresholds: every parameter of the default model, as numbers.",
  })
  definition: Record<string, unknown>;

  @Field(() => String, { nullable: true, description: "What changed and why." })
  @IsOptional()
  @MaxLen(5000)
  note?: string | null;
}

@ObjectType("SaveRiskModelPayload", { description: "Result of saving a risk model version." })
class SaveRiskModelPayload {
  @Field(() => RiskModelInfo, { nullable: true }) riskModel?: RiskModelInfo | null;
  @Field(() => [UserError]) userErrors: UserError[];
}

@ObjectType("RecomputeRiskPayload", { description: "Result of recomputing the portfolio." })
class RecomputeRiskPayload {
  @Field(() => RecomputeRiskResult, { nullable: true }) result?: RecomputeRiskResult | null;
  @Field(() => [UserError]) userErrors: UserError[];
}

@Resolver(() => RiskAssessment)
export class RiskAssessmentResolver {
  @FieldResolver(() => Processor, { description: "The processor assessed." })
  processor(@Root() r: RiskAssessment, @Ctx() ctx: RequestContext) {
    return ctx.loaders.processorById.load(r.processorId);
  }

  @Query(() => RiskOverview, {
    description: "Portfolio risk for a dashboard: tiers, the riskiest processors, open problems and the monthly trend.",
  })
  async riskOverview(
    @Ctx() ctx: RequestContext,
    @Arg("top", () => Int, { defaultValue: 10, description: "How many of the riskiest to list (1–100)." }) top: number,
  ): Promise<RiskOverview> {
    if (!Number.isInteger(top) || top < 1 || top > 100)
      throw badUserInput(`top must be between 1 and 100 (got ${top}).`);
    const model = await ensureFreshRisk(ctx);
    const latest = `SELECT r.*, lower(p.name) AS processor_name FROM risk_assessment r JOIN processor p ON p.id = r.processor_id AND p.archived_at IS NULL WHERE r.is_current`;
    // Stored factors are [key, label, …] arrays (see packFactor).
    const has = (key: string) => `count(*) FILTER (WHERE factors @> '[["${key}"]]')::int`;
    const [[summary], tiers, topRows, [findings], trend] = await Promise.all([
      ctx.manager
        .query(`SELECT count(*)::int AS processors, ${has("supervision.overdue")} AS overdue, ${has("supervision.never")} AS never,
                                ${has("agreement.missing")} AS without_agreement, ${has("transfers.noMechanism")} AS no_mechanism FROM (${latest}) l`),
      ctx.manager.query(`SELECT tier, count(*)::int AS count FROM (${latest}) l GROUP BY tier`),
      ctx.manager.query(`SELECT id FROM (${latest}) l ORDER BY score DESC, processor_name, processor_id LIMIT $1`, [
        top,
      ]),
      ctx.manager
        .query(`SELECT count(*)::int AS n FROM audit_finding f JOIN processor p ON p.id = f.processor_id AND p.archived_at IS NULL
                          WHERE f.status <> 'CLOSED' AND f.severity IN ('HIGH', 'CRITICAL')`),
      ctx.manager.query(
        `SELECT to_char(m, 'YYYY-MM') AS month, s.tier, count(*)::int AS count
           FROM generate_series(date_trunc('month', now()) - interval '11 months', date_trunc('month', now()), interval '1 month') m
           CROSS JOIN LATERAL (SELECT DISTINCT ON (processor_id) tier FROM risk_assessment
                                WHERE computed_at < m + interval '1 month' ORDER BY processor_id, computed_at DESC, id) s
          GROUP BY 1, 2`,
      ),
    ]);
    const byId: RiskAssessmentRecord[] = topRows.length
      ? await ctx.manager.findBy(RiskAssessmentRecord, { id: In(topRows.map((r: { id: string }) => r.id)) })
      : [];
    const order = new Map(topRows.map((r: { id: string }, i: number) => [r.id, i]));
    const months = new Map<string, MonthlyTierCounts>();
    for (const row of trend as { month: string; tier: string; count: number }[]) {
      const entry =
        months.get(row.month) ??
        Object.assign(new MonthlyTierCounts(), { month: row.month, low: 0, medium: 0, high: 0, critical: 0 });
      entry[row.tier.toLowerCase() as "low" | "medium" | "high" | "critical"] = row.count;
      months.set(row.month, entry);
    }
    const tierCounts = new Map((tiers as { tier: string; count: number }[]).map((t) => [t.tier, t.count]));
    return Object.assign(new RiskOverview(), {
      modelVersion: model.version,
      processors: summary.processors,
      tiers: ["CRITICAL", "HIGH", "MEDIUM", "LOW"].map((tier) =>
        Object.assign(new TierCount(), { tier, count: tierCounts.get(tier) ?? 0 }),
      ),
      top: byId.sort((a, b) => (order.get(a.id) as number) - (order.get(b.id) as number)).map(toAssessment),
      overdueSupervision: summary.overdue,
      neverSupervised: summary.never,
      withoutAgreement: summary.without_agreement,
      thirdCountryWithoutMechanism: summary.no_mechanism,
      openHighOrCriticalFindings: findings.n,
      trend: [...months.values()].sort((a, b) => a.month.localeCompare(b.month)),
    });
  }

  @Query(() => [RiskModelInfo], {
    description: "The default model and the organization's stored versions; the newest stored one is in force.",
  })
  async riskModels(@Ctx() ctx: RequestContext): Promise<RiskModelInfo[]> {
    const stored = await ctx.manager.find(RiskModelVersion, { order: { createdAt: "DESC" } });
    const info = (version: string, definition: object, createdAt: Date | null, note: string | null, active: boolean) =>
      Object.assign(new RiskModelInfo(), { version, definition: JSON.stringify(definition), createdAt, note, active });
    return [
      ...stored.map((s, i) => info(s.modelVersion, s.definition, s.createdAt, s.note, i === 0)),
      info(DT_V1.version, DT_V1, null, "Built-in default (docs/risk-model.md).", stored.length === 0),
    ];
  }

  @Authorized(...ALLOWED.administer)
  @Mutation(() => SaveRiskModelPayload, {
    description:
      "Store a new version of the risk model (ADMIN). It is in force from now; every assessment records the version it used.",
  })
  saveRiskModel(@Arg("input") input: SaveRiskModelInput, @Ctx() ctx: RequestContext): Promise<SaveRiskModelPayload> {
    return runMutation(ctx, input, async () => {
      const saved = await saveRiskModel(ctx, input);
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
      const result = Object.assign(new RecomputeRiskResult(), await recomputeAll(ctx));
      return { result };
    });
  }
}

@Resolver(() => Processor)
export class ProcessorRiskResolver {
  @FieldResolver(() => RiskAssessment, {
    nullable: true,
    description:
      "The processor's risk, with every factor. Recomputed before it is returned when anything it reads has changed. With asOf: the assessment stored as of the end of that day.",
  })
  async risk(
    @Root() p: Processor,
    @Ctx() ctx: RequestContext,
    @Arg("asOf", () => LocalDateResolver, {
      nullable: true,
      description: "Read the stored assessment in force at the end of this day.",
    })
    asOf: string | null,
  ) {
    await ensureFreshRisk(ctx);
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
    await ensureFreshRisk(ctx);
    return (await ctx.loaders.riskHistoryByProcessor.load(p.id)).slice(0, first).map(toAssessment);
  }
}
