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
import { chainService } from "../chains/chain.service";
import type { Processor } from "../processors/processor.entity";
import {
  scorePortfolio,
  packFactor,
  unpackFactor,
  fingerprintOf,
  riskModelProblems,
  toAssessment,
  PackedFactor,
} from "./risk.rules";
import { floorTierOf, PROPAGATION, RiskResult, tierWithFloors, withPropagation } from "./risk-engine";
import type { RiskTier } from "./risk-model";
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
  const { changed } = await scoreAndStore(ctx, processors, m, today);
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
 * Recomputes the processors writes marked stale since (risk_stale_processor, filled by triggers). A mark
 * that can change chains (agreements, engagements, a processor's risk columns) recomputes the processor
 * and everything upstream of it; a mark of the processor's own facts (a finding, a report) recomputes the
 * processor, and where its own score moved, the processors upstream take the new score into their
 * propagation from their stored assessment (falling back to a recompute where that cannot be decided
 * exactly). The marks are claimed by deleting them: a concurrent reader that finds the same marks waits
 * for this transaction and then reads its results; marks a later write adds stay for the next reader.
 */
async function recomputeTouched(ctx: RequestContext, m: RiskModel): Promise<RecomputeSummary> {
  const started = performance.now();
  const claimed: { processor_id: string; chain: boolean }[] = await ctx.manager.query(
    `WITH claimed AS (DELETE FROM risk_stale_processor RETURNING processor_id, chain)
     SELECT processor_id, bool_or(chain) AS chain FROM claimed GROUP BY processor_id`,
  );
  if (!claimed.length) return { processors: 0, changed: 0, modelVersion: m.version, durationMs: 0 };
  // What is upstream is asked of the database (recursive statements), not read from the whole graph.
  const chainMarked = claimed.filter((c) => c.chain).map((c) => c.processor_id);
  const full = new Set(chainMarked.length ? await chainService.upstreamSet(ctx, chainMarked) : []);
  for (const c of claimed) full.add(c.processor_id);
  if (full.size > INCREMENTAL_LIMIT) return recomputeAll(ctx, m);
  const today = todayIso();
  const listed = await processorService.listed(ctx, "all", "none", [...full]);
  const first = await scoreAndStore(ctx, listed, m, today, true);
  let { changed, processors } = first;
  // Own scores that moved reach the processors above them (those not recomputed already) by propagation.
  const moved = [...first.own].filter(([, own]) => own.before !== own.after).map(([id]) => id);
  const above = new Map<string, string[]>();
  for (const { origin, id } of await upstreamPairs(ctx, moved))
    if (!full.has(id)) above.set(id, [...(above.get(id) ?? []), origin]);
  if (above.size) {
    // Most processors above cannot change: the moved scores stay below the riskiest one they already
    // propagate, or below their own. That is decided on narrow columns; only the rest are read whole.
    const narrow: NarrowAssessment[] = await ctx.manager.query(
      `SELECT r.processor_id, r.model_version, r.own_score, r.floor_tier IS NOT NULL AS floored,
              coalesce(jsonb_typeof(r.factors -> 0), 'array') = 'array' AS packed,
              jsonb_path_query_first(r.factors, 'strict $[*] ? (@[0] == $key)', jsonb_build_object('key', $2::text))
                AS propagation
         FROM risk_assessment r JOIN processor p ON p.id = r.processor_id AND p.archived_at IS NULL
        WHERE r.is_current AND r.processor_id = ANY($1)`,
      [[...above.keys()], PROPAGATION],
    );
    for (const n of narrow) {
      const below = above.get(n.processor_id)!;
      if (cannotChange(n, below, (id) => first.own.get(id)!.after, m)) above.delete(n.processor_id);
    }
  }
  if (above.size) {
    const stored: StoredAssessment[] = await ctx.manager.query(
      `SELECT r.processor_id, r.model_version, r.score, r.own_score, r.tier, r.inherent_points, r.minimum_concept,
              r.factors, r.fingerprint, r.floor_tier
         FROM risk_assessment r JOIN processor p ON p.id = r.processor_id AND p.archived_at IS NULL
        WHERE r.is_current AND r.processor_id = ANY($1)`,
      [[...above.keys()]],
    );
    const storedOf = new Map(stored.map((s) => [s.processor_id, s]));
    const fallback: string[] = [];
    const results: StoredResult[] = [];
    for (const [a, below] of above) {
      const s = storedOf.get(a);
      if (!s) {
        fallback.push(a);
        continue;
      }
      const r = repropagated(
        s,
        below.map((id) => ({ processorId: id, ownScore: first.own.get(id)!.after })),
        m,
      );
      if (r === null) fallback.push(a);
      else if (r !== "unchanged") {
        const fingerprint = fingerprintOf(r);
        if (fingerprint !== s.fingerprint) results.push({ processorId: a, r, fingerprint, floorTier: s.floor_tier! });
      }
    }
    processors += results.length;
    changed += results.length;
    await storeResults(ctx, results);
    if (fallback.length) {
      const rest = await scoreAndStore(
        ctx,
        await processorService.listed(ctx, "all", "none", fallback),
        m,
        today,
        true,
      );
      processors += rest.processors;
      changed += rest.changed;
    }
  }
  return { processors, changed, modelVersion: m.version, durationMs: Math.round(performance.now() - started) };
}

interface StoredAssessment {
  processor_id: string;
  model_version: string;
  score: number;
  own_score: number;
  tier: RiskTier;
  inherent_points: number;
  minimum_concept: number;
  factors: PackedFactor[];
  fingerprint: string;
  floor_tier: string | null;
}

interface NarrowAssessment {
  processor_id: string;
  model_version: string;
  own_score: number;
  floored: boolean;
  packed: boolean;
  /** The stored propagation factor (packed), if any. */
  propagation: PackedFactor | null;
}

/**
 * Whether new own scores below (`below`, by id) certainly leave a stored assessment as it is: no
 * propagation, and none of them rises above its own score; or a propagation from a processor not among
 * them, and all of them stay strictly below its score. Anything else is left to repropagated.
 */
function cannotChange(n: NarrowAssessment, below: string[], ownScore: (id: string) => number, m: RiskModel): boolean {
  if (n.model_version !== m.version || !n.floored || !n.packed || !below.length) return false;
  const top = Math.max(...below.map(ownScore));
  if (!n.propagation) return top <= n.own_score;
  const { input, evidenceIds } = unpackFactor(n.propagation);
  const worstId = evidenceIds?.[0];
  const worstScore = Number(String(input).replace(/^own score /, ""));
  if (!worstId || !Number.isFinite(worstScore)) return false;
  return !below.includes(worstId) && top < worstScore;
}

interface StoredResult {
  processorId: string;
  r: RiskResult;
  fingerprint: string;
  floorTier: string;
}

/**
 * A stored assessment with new own scores below (and nothing else changed): its new result, "unchanged",
 * or null when that cannot be told exactly without its facts (an old model or assessment, a tie for the
 * riskiest processor below, the riskiest one's score fell).
 */
function repropagated(
  s: StoredAssessment,
  below: { processorId: string; ownScore: number }[],
  m: RiskModel,
): RiskResult | "unchanged" | null {
  if (s.model_version !== m.version || s.floor_tier === null) return null;
  const floor = s.floor_tier === "NONE" ? null : (s.floor_tier as RiskTier);
  const factors = s.factors.map(unpackFactor);
  const propagation = factors.find((f) => f.key === PROPAGATION);
  const own: RiskResult = {
    modelVersion: s.model_version,
    inherentPoints: s.inherent_points,
    minimumConcept: s.minimum_concept,
    ownScore: s.own_score,
    score: s.own_score,
    tier: tierWithFloors(s.own_score, floor, m),
    factors: factors.filter((f) => f !== propagation),
  };
  const candidates = [...below];
  if (propagation) {
    const worstId = propagation.evidenceIds[0];
    const worstScore = Number(propagation.input.replace(/^own score /, ""));
    if (!worstId || !Number.isFinite(worstScore)) return null;
    const moved = below.find((b) => b.processorId === worstId);
    // The riskiest below fell: which one is riskiest now needs the whole chain.
    if (moved && moved.ownScore < worstScore) return null;
    if (!moved) candidates.push({ processorId: worstId, ownScore: worstScore });
  }
  const top = Math.max(...candidates.map((c) => c.ownScore));
  const worst = candidates.filter((c) => c.ownScore === top);
  if (worst.length > 1) return null;
  const r = withPropagation(own, worst[0], m, floor);
  // Without a propagation before, every other processor below was too close to count: so it stays
  // unless the new score counts.
  if (!propagation && r === own) return "unchanged";
  return r;
}

/** Above this many processors whose own score moved, what is upstream of each is read from the whole graph. */
const UPSTREAM_PAIRS_LIMIT = 20;

/** For each processor given, itself and every processor whose chain reaches it: (origin, id) pairs. */
async function upstreamPairs(ctx: RequestContext, ids: string[]): Promise<{ origin: string; id: string }[]> {
  if (!ids.length) return [];
  // One recursive statement per write's worth of moved scores; the pairs grow with origins × ancestors,
  // so many origins walk the graph in memory instead.
  if (ids.length <= UPSTREAM_PAIRS_LIMIT) return chainService.upstreamOf(ctx, ids);
  const upstream = upstreamIndex(await ctx.loaders.chainEdges.load(""));
  return ids.flatMap((origin) => [...upstream([origin])].map((id) => ({ origin, id })));
}

/** The processors given and every processor whose chain reaches one of them, by engagements in force. */
function upstreamIndex(edges: { processorId: string; subprocessorId: string }[]): (ids: string[]) => Set<string> {
  const engagedBy = new Map<string, string[]>();
  for (const e of edges) {
    const list = engagedBy.get(e.subprocessorId);
    if (list) list.push(e.processorId);
    else engagedBy.set(e.subprocessorId, [e.processorId]);
  }
  return (ids) => {
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
  };
}

/**
 * Scores these processors and stores a new current assessment where the result changed: how many were
 * scored and changed, and each one's own score before and after.
 */
async function scoreAndStore(
  ctx: RequestContext,
  processors: Processor[],
  m: RiskModel,
  today: string,
  part = false,
): Promise<{ processors: number; changed: number; own: Map<string, { before: number | null; after: number }> }> {
  if (!processors.length) return { processors: 0, changed: 0, own: new Map() };
  const { facts, descendants, processorAt, outside } = await gatherRiskFacts(ctx, processors, today, part);
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
  await lockAssessments(ctx);
  const latest: { processor_id: string; fingerprint: string; own_score: number; floor_tier: string | null }[] =
    await ctx.manager.query(
      `SELECT processor_id, fingerprint, own_score, floor_tier FROM risk_assessment
        WHERE is_current AND processor_id = ANY($1)`,
      [processors.map((p) => p.id)],
    );
  const previous = new Map(latest.map((l) => [l.processor_id, l]));
  const scored = processors.map((p) => {
    const r = results.get(p.id)!;
    return {
      processorId: p.id,
      r,
      fingerprint: fingerprintOf(r),
      floorTier: floorTierOf(facts.get(p.id)!, m) ?? "NONE",
    };
  });
  const changed = scored.filter((x) => previous.get(x.processorId)?.fingerprint !== x.fingerprint);
  await storeResults(ctx, changed);
  // Assessments stored before floor_tier was kept get it now (their results did not change).
  const unfloored = scored.filter((x) => {
    const prev = previous.get(x.processorId);
    return prev && prev.fingerprint === x.fingerprint && prev.floor_tier === null;
  });
  if (unfloored.length)
    await ctx.manager.query(
      `UPDATE risk_assessment r SET floor_tier = x.floor_tier
         FROM jsonb_to_recordset($1::jsonb) AS x(processor_id uuid, floor_tier text)
        WHERE r.is_current AND r.processor_id = x.processor_id`,
      [JSON.stringify(unfloored.map((x) => ({ processor_id: x.processorId, floor_tier: x.floorTier })))],
    );
  return {
    processors: processors.length,
    changed: changed.length,
    own: new Map(
      scored.map((x) => [
        x.processorId,
        { before: previous.get(x.processorId)?.own_score ?? null, after: x.r.ownScore },
      ]),
    ),
  };
}

/**
 * Writers of assessments take turns per organization (the lock lasts until commit) and read the current
 * fingerprints after they have it: two recomputes of the same processor never both insert a current
 * assessment (uq_risk_assessment_current), and the later one compares against the earlier.
 */
async function lockAssessments(ctx: RequestContext): Promise<void> {
  await ctx.manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('risk_assessment:' || $1, 0))`, [
    ctx.actor.organizationId,
  ]);
}

/** Stores each result as its processor's new current assessment (the caller holds lockAssessments). */
async function storeResults(ctx: RequestContext, changed: StoredResult[]): Promise<void> {
  if (!changed.length) return;
  const payload = JSON.stringify(
    changed.map(({ processorId, r, fingerprint, floorTier }) => ({
      processor_id: processorId,
      model_version: r.modelVersion,
      score: r.score,
      own_score: r.ownScore,
      tier: r.tier,
      inherent_points: r.inherentPoints,
      minimum_concept: r.minimumConcept,
      factors: r.factors.map(packFactor),
      fingerprint,
      floor_tier: floorTier,
    })),
  );
  await recordTierChanges(
    ctx.manager,
    changed.map(({ processorId, r }) => ({ processorId, tier: r.tier, score: r.score, modelVersion: r.modelVersion })),
  );
  await ctx.manager.query(`UPDATE risk_assessment SET is_current = false WHERE is_current AND processor_id = ANY($1)`, [
    changed.map((c) => c.processorId),
  ]);
  await ctx.manager.query(
    `INSERT INTO risk_assessment (organization_id, processor_id, model_version, score, own_score, tier,
      inherent_points, minimum_concept, factors, fingerprint, floor_tier, is_current)
     SELECT $1, x.processor_id, x.model_version, x.score, x.own_score, x.tier, x.inherent_points, x.minimum_concept,
       x.factors, x.fingerprint, x.floor_tier, true
       FROM jsonb_to_recordset($2::jsonb) AS x(processor_id uuid, model_version text, score float8, own_score float8,
         tier text, inherent_points int, minimum_concept int, factors jsonb, fingerprint text, floor_tier text)`,
    [ctx.actor.organizationId, payload],
  );
  ctx.loaders.latestRiskByProcessor.clearAll();
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
