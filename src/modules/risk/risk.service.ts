import { createHash } from "node:crypto";
import type { RequestContext } from "../../context";
import { failInput, UserErrorCode, userError, UserInputFailure, UserError } from "../../common/errors";
import { todayIso } from "../../common/dates";
import { Processor } from "../processors/processor.entity";
import { DT_V1, RiskModel } from "./risk-model";
import { assessOwnRisk, RiskFactor, RiskResult, withPropagation } from "./risk-engine";
import { gatherRiskFacts } from "./risk-facts";
import { RiskModelVersion } from "./risk.entity";
import { recordTierChanges } from "./risk.events";

/** The model in force: the organization's newest stored version, else the default dt-v1. */
export async function activeModel(ctx: RequestContext): Promise<RiskModel> {
  const latest = await ctx.manager.findOne(RiskModelVersion, { where: {}, order: { createdAt: "DESC" } });
  return latest?.definition ?? DT_V1;
}

/** Pure: scores for a portfolio, own scores first, then propagation over each processor's chain. */
export function scorePortfolio(
  processors: { id: string; name: string }[],
  facts: Map<string, import("./risk-engine").RiskFacts>,
  descendants: Map<string, readonly number[]>,
  processorAt: readonly string[],
  model: RiskModel,
): Map<string, RiskResult> {
  const own = new Map(processors.map((p) => [p.id, assessOwnRisk(facts.get(p.id)!, model)]));
  const names = new Map(processors.map((p) => [p.id, p.name]));
  const ownAt = processorAt.map((id) => own.get(id)?.ownScore ?? -1);
  const out = new Map<string, RiskResult>();
  for (const p of processors) {
    let worst = -1;
    for (const d of descendants.get(p.id) ?? []) if (ownAt[d] >= 0 && (worst < 0 || ownAt[d] > ownAt[worst])) worst = d;
    const worstBelow =
      worst < 0
        ? null
        : {
            processorId: processorAt[worst],
            name: names.get(processorAt[worst]) ?? processorAt[worst],
            ownScore: ownAt[worst],
          };
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
  return [f.key, f.label, f.input, f.weight, f.contribution, f.explanation, f.evidenceIds];
}

export function unpackFactor(p: PackedFactor | RiskFactor): RiskFactor {
  if (!Array.isArray(p)) return p;
  const [key, label, input, weight, contribution, explanation, evidenceIds] = p;
  return { key, label, input, weight, contribution, explanation, evidenceIds };
}

/** What identifies a result: stored with it, so an unchanged result is not stored again. */
export function fingerprintOf(r: RiskResult): string {
  // Results are built by this code in a fixed key order, so JSON.stringify is canonical here (and fast).
  return createHash("sha256")
    .update(JSON.stringify([r.modelVersion, r.score, r.tier, r.factors]))
    .digest("hex");
}

export interface RecomputeSummary {
  processors: number;
  changed: number;
  modelVersion: string;
  durationMs: number;
}

/** Recomputes every processor of the organization set-wise; stores a snapshot where the result changed. */
export async function recomputeAll(ctx: RequestContext, model?: RiskModel): Promise<RecomputeSummary> {
  const started = performance.now();
  const m = model ?? (await activeModel(ctx));
  const today = todayIso();
  const processors = await ctx.manager.createQueryBuilder(Processor, "p").where("p.archived_at IS NULL").getMany();
  const { facts, descendants, processorAt } = await gatherRiskFacts(ctx, processors, today);
  const results = scorePortfolio(processors, facts, descendants, processorAt, m);
  const latest: { processor_id: string; fingerprint: string }[] = await ctx.manager.query(
    `SELECT processor_id, fingerprint FROM risk_assessment WHERE is_current`,
  );
  const previous = new Map(latest.map((l) => [l.processor_id, l.fingerprint]));
  const changed = processors
    .map((p) => ({ p, r: results.get(p.id)!, fingerprint: fingerprintOf(results.get(p.id)!) }))
    .filter(({ p, fingerprint }) => previous.get(p.id) !== fingerprint);
  if (changed.length) {
    const payload = JSON.stringify(
      changed.map(({ p, r, fingerprint }) => ({
        processor_id: p.id,
        model_version: r.modelVersion,
        score: r.score,
        own_score: r.ownScore,
        tier: r.tier,
        inherent_points: r.inherentPoints,
        minimum_concept: r.minimumConcept,
        factors: r.factors.map(packFactor),
        fingerprint,
      })),
    );
    await recordTierChanges(
      ctx.manager,
      changed.map(({ p, r }) => ({ processorId: p.id, tier: r.tier, score: r.score, modelVersion: r.modelVersion })),
    );
    await ctx.manager.query(
      `UPDATE risk_assessment SET is_current = false WHERE is_current AND processor_id = ANY($1)`,
      [changed.map(({ p }) => p.id)],
    );
    await ctx.manager.query(
      `INSERT INTO risk_assessment (organization_id, processor_id, model_version, score, own_score, tier, inherent_points, minimum_concept, factors, fingerprint, is_current)
       SELECT $1, x.processor_id, x.model_version, x.score, x.own_score, x.tier, x.inherent_points, x.minimum_concept, x.factors, x.fingerprint, true
         FROM jsonb_to_recordset($2::jsonb) AS x(processor_id uuid, model_version text, score float8, own_score float8, tier text,
                                                 inherent_points int, minimum_concept int, factors jsonb, fingerprint text)`,
      [ctx.actor.organizationId, payload],
    );
  }
  await ctx.manager.query(
    `INSERT INTO risk_freshness (organization_id, stale, computed_on, model_version) VALUES ($1, false, $2, $3)
     ON CONFLICT (organization_id) DO UPDATE SET stale = false, computed_on = $2, model_version = $3`,
    [ctx.actor.organizationId, today, m.version],
  );
  ctx.loaders.latestRiskByProcessor.clearAll();
  return {
    processors: processors.length,
    changed: changed.length,
    modelVersion: m.version,
    durationMs: Math.round(performance.now() - started),
  };
}

/**
 * A stale score is never served: when data changed since the last recompute (the triggers mark it),
 * the date moved on, or the model changed, the portfolio is recomputed before the read answers.
 * Concurrent readers wait on the freshness row, so it is recomputed once.
 */
/**
 * Fields of one request resolve in parallel (riskOverview beside processors(orderBy: RISK), risk beside
 * riskHistory): they share one freshness check, keyed by the request's transaction, so a stale portfolio
 * is recomputed once, not once per field (twice would insert the same current assessments twice).
 */
const freshening = new WeakMap<object, Promise<RiskModel>>();

export function ensureFreshRisk(ctx: RequestContext): Promise<RiskModel> {
  if (ctx.riskModel) return Promise.resolve(ctx.riskModel);
  let pending = freshening.get(ctx.manager);
  if (!pending) {
    pending = freshen(ctx);
    freshening.set(ctx.manager, pending);
  }
  return pending;
}

async function freshen(ctx: RequestContext): Promise<RiskModel> {
  // The model in force and the freshness row in one round trip: every risk read starts here.
  const [first] = await ctx.manager.query(
    `SELECT (SELECT m.definition FROM risk_model m ORDER BY m.created_at DESC LIMIT 1) AS definition,
            f.stale, to_char(f.computed_on, 'YYYY-MM-DD') AS computed_on, f.model_version
       FROM (SELECT 1) one LEFT JOIN risk_freshness f ON true`,
  );
  const model: RiskModel = first.definition ?? DT_V1;
  const isFresh = (
    row: { stale: boolean | null; computed_on: string | null; model_version: string | null } | undefined,
  ) => !!row && row.stale === false && row.computed_on === todayIso() && row.model_version === model.version;
  if (!isFresh(first)) {
    await ctx.manager.query(
      `INSERT INTO risk_freshness (organization_id, stale) VALUES ($1, true) ON CONFLICT (organization_id) DO NOTHING`,
      [ctx.actor.organizationId],
    );
    const [locked] = await ctx.manager.query(
      `SELECT stale, to_char(computed_on, 'YYYY-MM-DD') AS computed_on, model_version FROM risk_freshness FOR UPDATE`,
    );
    if (!isFresh(locked)) await recomputeAll(ctx, model);
  }
  ctx.riskModel = model;
  return model;
}

/** Checks a stored model has the default model's shape: every key, numbers where numbers go. */
export function riskModelProblems(
  candidate: unknown,
  reference: unknown = DT_V1,
  path: string[] = ["input", "definition"],
): UserError[] {
  const out: UserError[] = [];
  if (typeof reference === "number") {
    if (typeof candidate !== "number" || !Number.isFinite(candidate))
      out.push(userError(path, UserErrorCode.INVALID, `${path.slice(2).join(".")} must be a number`));
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

export async function saveRiskModel(
  ctx: RequestContext,
  input: { version: string; definition: Record<string, unknown>; note?: string | null },
): Promise<RiskModelVersion> {
  const definition = { ...input.definition, version: input.version.trim() } as unknown as RiskModel;
  const problems = riskModelProblems(definition);
  if (!problems.length) {
    const t = definition.tiers;
    if (!(t.medium < t.high && t.high < t.critical))
      problems.push(
        userError(["input", "definition", "tiers"], UserErrorCode.INVALID, "tiers must rise: medium < high < critical"),
      );
    const tiers = ["LOW", "MEDIUM", "HIGH", "CRITICAL"];
    for (const k of ["noAgreement", "specialDataWithUnprotectedTransfer"] as const) {
      if (!tiers.includes(definition.floors[k]))
        problems.push(
          userError(
            ["input", "definition", "floors", k],
            UserErrorCode.INVALID,
            `floors.${k} must be one of ${tiers.join(", ")}`,
          ),
        );
    }
  }
  if (problems.length) throw new UserInputFailure(problems);
  if (definition.version === DT_V1.version)
    failInput(
      "version",
      UserErrorCode.DUPLICATE,
      `${DT_V1.version} is the built-in default; give your model its own version`,
    );
  const existing = await ctx.manager.findOne(RiskModelVersion, { where: { modelVersion: definition.version } });
  if (existing)
    failInput(
      "version",
      UserErrorCode.DUPLICATE,
      `version ${definition.version} exists; versions are kept as they were used, save a new one`,
    );
  return ctx.manager.save(
    ctx.manager.create(RiskModelVersion, {
      organizationId: ctx.actor.organizationId,
      modelVersion: definition.version,
      definition,
      note: input.note?.trim() || null,
      createdByApiKeyId: ctx.actor.apiKeyId,
    }),
  );
}
