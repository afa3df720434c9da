import type { RequestContext } from "../../context";
import { In } from "typeorm";
import { badUserInput, failInput, UserErrorCode, userError, UserInputFailure } from "../../common/errors";
import { todayIso } from "../../common/dates";
import { DT_V1, RiskModel } from "./risk-model";
import { gatherRiskFacts } from "./risk-facts";
import { RiskAssessmentRecord, RiskModelVersion } from "./risk.entity";
import { MonthlyTierCounts, RiskModelInfo, RiskOverview, TierCount } from "./risk.types";
import { findingOpen } from "../supervision/supervision.sql";
import { processorService } from "../processors/processor.service";
import type { Processor } from "../processors/processor.entity";
import { scorePortfolio, packFactor, fingerprintOf, riskModelProblems, toAssessment } from "./risk.rules";
import { recordTierChanges } from "./risk.events";

/** The model in force: the organization's newest stored version, else the default dt-v1. */
async function activeModel(ctx: RequestContext): Promise<RiskModel> {
  const latest = await ctx.manager.findOne(RiskModelVersion, { where: {}, order: { createdAt: "DESC" } });
  return latest?.definition ?? DT_V1;
}

export interface RecomputeSummary {
  processors: number;
  changed: number;
  modelVersion: string;
  durationMs: number;
}

/** Above this many processors to recompute (touched and upstream), the whole portfolio is recomputed at once. */
const INCREMENTAL_LIMIT = 2_000;

/** Recomputes every processor of the organization set-wise; stores a snapshot where the result changed. */
async function recomputeAll(ctx: RequestContext, model?: RiskModel): Promise<RecomputeSummary> {
  const started = performance.now();
  const m = model ?? (await activeModel(ctx));
  const today = todayIso();
  // Everything is recomputed: what writes marked stale so far is covered (rows marked later stay).
  await ctx.manager.query(`DELETE FROM risk_stale_processor`);
  const processors = await processorService.listed(ctx, "all", "none");
  const changed = await scoreAndStore(ctx, processors, m, today);
  await ctx.manager.query(
    `INSERT INTO risk_freshness (organization_id, stale, computed_on, model_version) VALUES ($1, false, $2, $3)
     ON CONFLICT (organization_id) DO UPDATE SET stale = false, computed_on = $2, model_version = $3`,
    [ctx.actor.organizationId, today, m.version],
  );
  return {
    processors: processors.length,
    changed,
    modelVersion: m.version,
    durationMs: Math.round(performance.now() - started),
  };
}

/**
 * Recomputes the processors writes marked stale since (risk_stale_processor, filled by triggers) and
 * everything upstream of them (their propagated scores read the scores below). The marks are claimed
 * by deleting them: a concurrent reader that finds the same marks waits for this transaction and then
 * reads its results; marks a later write adds stay for the next reader.
 */
async function recomputeTouched(ctx: RequestContext, m: RiskModel): Promise<RecomputeSummary> {
  const started = performance.now();
  const claimed: { processor_id: string }[] = await ctx.manager.query(
    `WITH claimed AS (DELETE FROM risk_stale_processor RETURNING processor_id) SELECT DISTINCT processor_id FROM claimed`,
  );
  if (!claimed.length) return { processors: 0, changed: 0, modelVersion: m.version, durationMs: 0 };
  const ids = upstreamOf(new Set(claimed.map((c) => c.processor_id)), await ctx.loaders.chainEdges.load(""));
  if (ids.size > INCREMENTAL_LIMIT) return recomputeAll(ctx, m);
  const processors = await processorService.listed(ctx, "all", "none", [...ids]);
  const changed = await scoreAndStore(ctx, processors, m, todayIso());
  return {
    processors: processors.length,
    changed,
    modelVersion: m.version,
    durationMs: Math.round(performance.now() - started),
  };
}

/** The processors given and every processor whose chain reaches one of them. */
function upstreamOf(ids: Set<string>, edges: { processorId: string; subprocessorId: string }[]): Set<string> {
  const engagedBy = new Map<string, string[]>();
  for (const e of edges) {
    const list = engagedBy.get(e.subprocessorId);
    if (list) list.push(e.processorId);
    else engagedBy.set(e.subprocessorId, [e.processorId]);
  }
  const out = new Set(ids);
  const queue = [...ids];
  while (queue.length) {
    for (const up of engagedBy.get(queue.pop()!) ?? []) {
      if (!out.has(up)) {
        out.add(up);
        queue.push(up);
      }
    }
  }
  return out;
}

/** Scores these processors and stores a new current assessment where the result changed; how many did. */
async function scoreAndStore(ctx: RequestContext, processors: Processor[], m: RiskModel, today: string) {
  if (!processors.length) return 0;
  const { facts, descendants, processorAt, outside } = await gatherRiskFacts(ctx, processors, today);
  // Processors below that are not recomputed count with their stored own score.
  const below: { processor_id: string; own_score: number }[] = outside.length
    ? await ctx.manager.query(
        `SELECT r.processor_id, r.own_score FROM risk_assessment r WHERE r.is_current AND r.processor_id = ANY($1)`,
        [outside],
      )
    : [];
  const results = scorePortfolio(
    processors,
    facts,
    descendants,
    processorAt,
    m,
    new Map(below.map((b) => [b.processor_id, { ownScore: b.own_score }])),
  );
  // Writers of assessments take turns per organization (the lock lasts until commit), and read the
  // current fingerprints after they have it: two recomputes of the same processor never both insert
  // a current assessment (uq_risk_assessment_current), and the later one compares against the earlier.
  await ctx.manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('risk_assessment:' || $1, 0))`, [
    ctx.actor.organizationId,
  ]);
  const latest: { processor_id: string; fingerprint: string }[] = await ctx.manager.query(
    `SELECT processor_id, fingerprint FROM risk_assessment WHERE is_current AND processor_id = ANY($1)`,
    [processors.map((p) => p.id)],
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
  ctx.loaders.latestRiskByProcessor.clearAll();
  return changed.length;
}

/**
 * A stale score is never served. When the date moved on, the model changed or something every score
 * reads changed (risk_freshness), the portfolio is recomputed once, under the freshness row's lock.
 * Otherwise only the processors writes touched since (and what is upstream of them) are recomputed;
 * readers of fresh scores wait on nothing.
 */
function ensureFreshRisk(ctx: RequestContext): Promise<RiskModel> {
  return ctx.loaders.freshRiskModel.load("");
}

/** The work behind ensureFreshRisk, once per request (the freshRiskModel loader keeps its answer). */
async function freshenRisk(ctx: RequestContext): Promise<RiskModel> {
  // The model in force, the freshness row and whether any processor is marked, in one round trip:
  // every risk read starts here.
  const [first] = await ctx.manager.query(
    `SELECT (SELECT m.definition FROM risk_model m ORDER BY m.created_at DESC LIMIT 1) AS definition,
            f.stale, to_char(f.computed_on, 'YYYY-MM-DD') AS computed_on, f.model_version,
            EXISTS (SELECT 1 FROM risk_stale_processor) AS touched
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
    if (!isFresh(locked)) {
      await recomputeAll(ctx, model);
      return model;
    }
  }
  if (first.touched) await recomputeTouched(ctx, model);
  return model;
}

async function saveRiskModel(
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

/** Portfolio risk for a dashboard: tiers, the riskiest `top`, open problems and the monthly trend. */
async function riskOverview(ctx: RequestContext, top: number): Promise<RiskOverview> {
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
async function riskModels(ctx: RequestContext): Promise<RiskModelInfo[]> {
  const stored = await ctx.manager.find(RiskModelVersion, { order: { createdAt: "DESC" } });
  const info = (version: string, definition: object, createdAt: Date | null, note: string | null, active: boolean) =>
    Object.assign(new RiskModelInfo(), { version, definition: JSON.stringify(definition), createdAt, note, active });
  return [
    ...stored.map((s, i) => info(s.modelVersion, s.definition, s.createdAt, s.note, i === 0)),
    info(DT_V1.version, DT_V1, null, "Built-in default (docs/risk-model.md).", stored.length === 0),
  ];
}

export const riskService = {
  activeModel,
  recomputeAll,
  recomputeTouched,
  ensureFresh: ensureFreshRisk,
  freshen: freshenRisk,
  saveModel: saveRiskModel,
  overview: riskOverview,
  models: riskModels,
};
