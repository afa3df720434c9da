import { createHash } from "node:crypto";
import type { RequestContext } from "../../context";
import { In } from "typeorm";
import { badUserInput, failInput, UserErrorCode, userError, UserInputFailure, UserError } from "../../common/errors";
import { todayIso } from "../../common/dates";
import { DT_V1, RiskModel } from "./risk-model";
import { assessOwnRisk, RiskFactor, RiskResult, withPropagation } from "./risk-engine";
import { gatherRiskFacts } from "./risk-facts";
import { RiskAssessmentRecord, RiskModelVersion } from "./risk.entity";
import {
  MonthlyTierCounts,
  RiskAssessment,
  RiskFactor as RiskFactorType,
  RiskModelInfo,
  RiskOverview,
  TierCount,
} from "./risk.types";
import { findingOpen } from "../supervision/supervision.sql";
import { listedProcessors } from "../processors/processor.service";

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
  const processors = await listedProcessors(ctx, "all", "none");
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
    await ctx.manager.query(
      `UPDATE risk_assessment SET is_current = false WHERE is_current AND processor_id = ANY($1)`,
      [changed.map(({ p }) => p.id)],
    );
    await ctx.manager.query(
      `INSERT INTO risk_assessment (organization_id, processor_id, model_version, score, own_score, tier,
        inherent_points, minimum_concept, factors, fingerprint, is_current)
       SELECT $1, x.processor_id, x.model_version, x.score, x.own_score, x.tier, x.inherent_points, x.minimum_concept,
         x.factors, x.fingerprint, true
         FROM jsonb_to_recordset($2::jsonb) AS x(processor_id uuid, model_version text, score float8, own_score float8,
           tier text,
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
export function ensureFreshRisk(ctx: RequestContext): Promise<RiskModel> {
  return ctx.loaders.freshRiskModel.load("");
}

/** The work behind ensureFreshRisk, once per request (the freshRiskModel loader keeps its answer). */
export async function freshenRisk(ctx: RequestContext): Promise<RiskModel> {
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
    allFactors: (r.factors as unknown as PackedFactor[]).map((f) =>
      Object.assign(new RiskFactorType(), unpackFactor(f)),
    ),
  });
}

/** Portfolio risk for a dashboard: tiers, the riskiest `top`, open problems and the monthly trend. */
export async function riskOverview(ctx: RequestContext, top: number): Promise<RiskOverview> {
  if (!Number.isInteger(top) || top < 1 || top > 100) throw badUserInput(`top must be between 1 and 100 (got ${top}).`);
  const model = await ensureFreshRisk(ctx);
  const latest =
    `SELECT r.*, lower(p.name) AS processor_name FROM risk_assessment r JOIN processor p ON p.id = r.processor_id ` +
    `AND p.archived_at IS NULL WHERE r.is_current`;
  // Stored factors are [key, label, …] arrays (see packFactor).
  const has = (key: string) => `count(*) FILTER (WHERE factors @> '[["${key}"]]')::int`;
  const [[summary], tiers, topRows, [findings], trend] = await Promise.all([
    ctx.manager
      .query(`SELECT count(*)::int AS processors, ${has("supervision.overdue")} AS overdue, ${has("supervision.never")}
        AS never,
                              ${has("agreement.missing")} AS without_agreement, ${has("transfers.noMechanism")} AS
                                no_mechanism FROM (${latest}) l`),
    ctx.manager.query(`SELECT tier, count(*)::int AS count FROM (${latest}) l GROUP BY tier`),
    ctx.manager.query(`SELECT id FROM (${latest}) l ORDER BY score DESC, processor_name, processor_id LIMIT $1`, [top]),
    ctx.manager
      .query(`SELECT count(*)::int AS n FROM audit_finding f JOIN processor p ON p.id = f.processor_id AND p.archived_at
        IS NULL
                        WHERE ${findingOpen("f")} AND f.severity IN ('HIGH', 'CRITICAL')`),
    ctx.manager.query(
      `SELECT to_char(m, 'YYYY-MM') AS month, s.tier, count(*)::int AS count
         FROM generate_series(date_trunc('month', now()) - interval '11 months', date_trunc('month', now()), interval
           '1 month') m
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

/** The default model and the organization's stored versions; the newest stored one is in force. */
export async function riskModels(ctx: RequestContext): Promise<RiskModelInfo[]> {
  const stored = await ctx.manager.find(RiskModelVersion, { order: { createdAt: "DESC" } });
  const info = (version: string, definition: object, createdAt: Date | null, note: string | null, active: boolean) =>
    Object.assign(new RiskModelInfo(), { version, definition: JSON.stringify(definition), createdAt, note, active });
  return [
    ...stored.map((s, i) => info(s.modelVersion, s.definition, s.createdAt, s.note, i === 0)),
    info(DT_V1.version, DT_V1, null, "Built-in default (docs/risk-model.md).", stored.length === 0),
  ];
}
