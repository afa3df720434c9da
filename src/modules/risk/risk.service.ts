import type { RequestContext } from "../../context";
import { In } from "typeorm";
import { badUserInput, failInput, UserErrorCode, UserInputFailure } from "../../common/errors";
import { todayIso } from "../../common/dates";
import { DT_V1, RiskModel } from "./risk-model";
import { gatherOwnFacts, gatherRiskFacts } from "./risk-facts";
import { RiskAssessmentRecord, RiskModelVersion } from "./risk.entity";
import { MonthlyTierCounts, RiskModelInfo, RiskOverview, TierCount } from "./risk.types";
import { findingOpen } from "../supervision/supervision.sql";
import { DEFAULT_DUE_SOON_DAYS, supervisionPlanService } from "../supervision/supervision-plan.service";
import { processorService } from "../processors/processor.service";
import { chainService, HopTermsBefore } from "../chains/chain.service";
import { inForceNow } from "../chains/chain.sql";
import type { Processor } from "../processors/processor.entity";
import {
  scorePortfolio,
  factorPacker,
  unpackFactor,
  fingerprintOf,
  riskModelProblems,
  riskModelRuleProblems,
  toAssessment,
  PackedFactor,
} from "./risk.rules";
import { floorTierOf, PROPAGATION, RiskResult, tierWithFloors, withOwnFacts, withPropagation } from "./risk-engine";
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
  await ctx.manager.query(`DELETE FROM risk_stale_hop`);
  // The chain graph (the longest read) is asked for first: the database reads it while the processors are hydrated.
  ctx.loaders.chainEdges.load("").catch(() => undefined); // awaited by gatherRiskFacts
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
/** The marks writes left (risk_stale_processor, risk_stale_hop), claimed by deleting them. */
interface ClaimedMarks {
  claimed: { processor_id: string; chain: boolean }[];
  hops: HopTermsBefore[];
}

/** Claims both kinds of marks: columns `claimed` and `hops`, for a statement of its own or another's. */
const CLAIM_MARKS = {
  with: `claimed_p AS (DELETE FROM risk_stale_processor RETURNING processor_id, chain),
         claimed_h AS (DELETE FROM risk_stale_hop
                        RETURNING engagement_id, processor_id, countries, transfer_mechanism)`,
  select: `(SELECT coalesce(json_agg(x), '[]') FROM (SELECT processor_id, bool_or(chain) AS chain FROM claimed_p
             GROUP BY processor_id) x) AS claimed,
           (SELECT coalesce(json_agg(json_build_object('engagementId', engagement_id, 'processorId', processor_id,
             'countries', countries, 'transferMechanism', transfer_mechanism)), '[]') FROM claimed_h) AS hops`,
};

async function recomputeTouched(ctx: RequestContext, m: RiskModel, marks?: ClaimedMarks): Promise<RecomputeSummary> {
  const started = performance.now();
  // Both kinds of marks in one round trip (or in the caller's); engagements whose terms alone changed (hops)
  // count as marking their chain only where the hop's assessment did.
  if (!marks) [marks] = await ctx.manager.query(`WITH ${CLAIM_MARKS.with} SELECT ${CLAIM_MARKS.select}`);
  const { claimed, hops } = marks!;
  for (const id of await chainService.hopsChanged(ctx, hops)) claimed.push({ processor_id: id, chain: true });
  if (!claimed.length) return { processors: 0, changed: 0, modelVersion: m.version, durationMs: 0 };
  // What is upstream is asked of the database (recursive statements), not read from the whole graph.
  const chainMarked = claimed.filter((c) => c.chain).map((c) => c.processor_id);
  const full = new Set(chainMarked.length ? await chainService.upstreamSet(ctx, chainMarked) : []);
  for (const c of claimed) full.add(c.processor_id);
  if (full.size > INCREMENTAL_LIMIT) return recomputeAll(ctx, m);
  const today = todayIso();
  // One processor whose own records alone changed (a finding, a report): its chain and agreement are as
  // they were, so its stored assessment gives what they contribute. Else (or when that cannot be told) its
  // facts are gathered whole. The first results are stored with those of the processors above (one store),
  // or before a fallback recompute above, which reads the own scores below from what is stored.
  const first =
    (claimed.length === 1 && !claimed[0].chain && (await ownFactsRecomputed(ctx, claimed[0].processor_id, m, today))) ||
    (await scoreAndStore(ctx, await processorService.listed(ctx, "all", "none", [...full]), m, today, true, true));
  let pending = first.pending;
  let { changed, processors } = first;
  // Own scores that moved reach the processors above them (those not recomputed already) by propagation.
  // Most processors above cannot change: the moved scores stay below the riskiest one they already
  // propagate, or below their own. What is above, that judgement on narrow columns and the stored
  // assessments of the rest are one statement.
  const moved = [...first.own].filter(([, own]) => own.before !== own.after).map(([id, own]) => ({ id, ...own }));
  const above = await assessmentsAbove(ctx, moved, full, m);
  if (above.length) {
    const fallback: string[] = [];
    const results: StoredResult[] = [];
    for (const s of above) {
      if (s.model_version === null) {
        fallback.push(s.processor_id);
        continue;
      }
      const r = repropagated(
        s as StoredAssessment,
        s.below.map((id) => ({ processorId: id, ownScore: first.own.get(id)!.after })),
        m,
      );
      if (r === null) fallback.push(s.processor_id);
      else if (r !== "unchanged") {
        const fingerprint = fingerprintOf(r);
        if (fingerprint !== s.fingerprint)
          results.push({ processorId: s.processor_id, r, fingerprint, floorTier: s.floor_tier! });
      }
    }
    processors += results.length;
    changed += results.length;
    await storeResults(ctx, [...pending, ...results]);
    pending = [];
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
  await storeResults(ctx, pending);
  return { processors, changed, modelVersion: m.version, durationMs: Math.round(performance.now() - started) };
}

/**
 * The recompute of one processor after a write to its own records only (an own-fact mark): the agreement's
 * and the chain's factors kept from its stored assessment, the own-fact factors computed from its records,
 * and the propagation from the riskiest processor below, which the stored assessment names (nothing below
 * moved). Deferred like scoreAndStore's (the caller stores). null where the stored assessment cannot
 * serve: none, another model, stored before the floor and propagation columns, a factor this code does not
 * place, or an own score that fell with no propagation stored (a processor below that did not count may
 * count now).
 */
async function ownFactsRecomputed(
  ctx: RequestContext,
  processorId: string,
  m: RiskModel,
  today: string,
): Promise<Awaited<ReturnType<typeof scoreAndStore>> | null> {
  const [processor] = await processorService.listed(ctx, "all", "none", [processorId]);
  if (!processor) return null;
  // Its records, and (under the lock, so a concurrent store is seen) its current assessment.
  const [facts, [s]] = await Promise.all([
    gatherOwnFacts(ctx, processor, today),
    lockAssessments(ctx).then(
      (): Promise<
        (StoredAssessment & { narrow: boolean; propagated_from: string | null; propagated_own_score: number })[]
      > =>
        ctx.manager.query(
          `SELECT processor_id, model_version, score, own_score, tier, inherent_points, minimum_concept, factors,
                  fingerprint, floor_tier, narrow, propagated_from, propagated_own_score
             FROM risk_assessment WHERE is_current AND processor_id = $1`,
          [processorId],
        ),
    ),
  ]);
  if (!s || s.model_version !== m.version || s.floor_tier === null || !s.narrow) return null;
  const floor = s.floor_tier === "NONE" ? null : (s.floor_tier as RiskTier);
  const own = withOwnFacts(
    { inherentPoints: s.inherent_points, minimumConcept: s.minimum_concept, factors: s.factors.map(unpackFactor) },
    facts,
    m,
    floor,
  );
  if (!own) return null;
  if (!s.propagated_from && own.ownScore < s.own_score) return null;
  const worst = s.propagated_from ? { processorId: s.propagated_from, ownScore: s.propagated_own_score } : null;
  const r = withPropagation(own, worst, m, floor);
  const fingerprint = fingerprintOf(r);
  const pending = fingerprint === s.fingerprint ? [] : [{ processorId, r, fingerprint, floorTier: s.floor_tier }];
  return {
    processors: 1,
    changed: pending.length,
    own: new Map([[processorId, { before: s.own_score, after: r.ownScore }]]),
    pending,
  };
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

/** A stored assessment above moved own scores (model_version null: none is stored), and those below it. */
type AssessmentAbove = Omit<StoredAssessment, "model_version"> & { model_version: string | null; below: string[] };

/**
 * The processors above these moved own scores (not archived, not among `recomputed`) whose stored
 * assessment the new scores may change, with that assessment and the moved processors below each. Left
 * out on narrow columns: an assessment of this model with its floor and propagation columns kept where
 * no new score below rises above its own score (no propagation), or all stay strictly below the score it
 * propagates, from a processor not among them. The rest is for repropagated. One statement: what is
 * above is walked by recursive SQL, or (many moved scores: the pairs grow with origins × ancestors) in
 * memory over the whole graph.
 */
async function assessmentsAbove(
  ctx: RequestContext,
  moved: { id: string; after: number }[],
  recomputed: Set<string>,
  m: RiskModel,
): Promise<AssessmentAbove[]> {
  if (!moved.length) return [];
  const params: unknown[] = [
    ctx.actor.organizationId,
    moved.map((x) => x.id),
    moved.map((x) => x.after),
    [...recomputed],
    m.version,
  ];
  let up: string;
  if (moved.length <= UPSTREAM_PAIRS_LIMIT) {
    up = `WITH RECURSIVE up(origin, id) AS (
       SELECT x, x FROM unnest($2::uuid[]) x
       UNION
       SELECT up.origin, e.processor_id FROM up
         JOIN subprocessor_engagement e ON e.organization_id = $1 AND e.subprocessor_id = up.id
        WHERE ${inForceNow("e")}),`;
  } else {
    const upstream = upstreamIndex(await ctx.loaders.chainEdges.load(""));
    const pairs = moved.flatMap(({ id: origin }) => [...upstream([origin])].map((id) => ({ origin, id })));
    params.push(
      pairs.map((p) => p.origin),
      pairs.map((p) => p.id),
    );
    up = `WITH up(origin, id) AS (SELECT * FROM unnest($6::uuid[], $7::uuid[])),`;
  }
  return ctx.manager.query(
    `${up}
     moved(origin, score) AS (SELECT * FROM unnest($2::uuid[], $3::float8[])),
     above AS (SELECT up.id, array_agg(up.origin ORDER BY up.origin) AS below, max(moved.score) AS top
                 FROM up JOIN moved ON moved.origin = up.origin
                WHERE up.id <> ALL($4::uuid[]) GROUP BY up.id)
     SELECT a.id AS processor_id, a.below, r.model_version, r.score, r.own_score, r.tier, r.inherent_points,
            r.minimum_concept, r.factors, r.fingerprint, r.floor_tier
       FROM above a
       LEFT JOIN risk_assessment r ON r.organization_id = $1 AND r.processor_id = a.id AND r.is_current
      WHERE NOT coalesce(r.model_version = $5 AND r.floor_tier IS NOT NULL AND r.narrow
              AND ((r.propagated_from IS NULL AND a.top <= r.own_score)
                OR (r.propagated_own_score NOT IN ('NaN', 'Infinity', '-Infinity')
                    AND r.propagated_from <> ALL(a.below) AND a.top < r.propagated_own_score)), false)
        AND EXISTS (SELECT 1 FROM processor p WHERE p.id = a.id AND p.archived_at IS NULL)
      ORDER BY a.id`,
    params,
  );
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
 * scored and changed, and each one's own score before and after. `defer`: the changed results are
 * returned (pending) for the caller to store with others, under the lock taken here.
 */
async function scoreAndStore(
  ctx: RequestContext,
  processors: Processor[],
  m: RiskModel,
  today: string,
  part = false,
  defer = false,
): Promise<{
  processors: number;
  changed: number;
  own: Map<string, { before: number | null; after: number }>;
  pending: StoredResult[];
}> {
  if (!processors.length) return { processors: 0, changed: 0, own: new Map(), pending: [] };
  const store = defer ? null : resultStore(ctx);
  // The current assessments of these processors and (their stored own score) of those below that are not
  // recomputed, in one statement, under the lock.
  // (The whole portfolio reads every current assessment: no list of 10,000 ids to send and look up.)
  const readLatest = (): Promise<
    { processor_id: string; fingerprint: string; own_score: number; floor_tier: string | null }[]
  > =>
    ctx.manager.query(
      `SELECT processor_id, fingerprint, own_score, floor_tier FROM risk_assessment
        WHERE is_current${part ? " AND processor_id = ANY($1)" : ""}`,
      part ? [[...processors.map((p) => p.id), ...outside]] : [],
    );
  let latestRead: ReturnType<typeof readLatest> | undefined;
  // The lock sent beside the facts' statements: awaited before what it guards is read, so a wait that
  // STATEMENT_TIMEOUT_MS cancelled answers TIMEOUT (the statements after it fail only as "transaction aborted").
  let locked: Promise<void> | undefined;
  let outside: string[] = [];
  // The whole portfolio, stored: the lock, the current assessments and (an assessment of another model cannot keep
  // its fingerprint, the model's version is in it) the retirement of those of another model are sent while this
  // process walks the chains; after a model change the database retires all 10,000 meanwhile.
  const beside =
    store && !part
      ? () => {
          (locked = lockAssessments(ctx)).catch(() => undefined);
          (latestRead = readLatest()).catch(() => undefined);
          store.retireOtherModel(
            processors.map((p) => p.id),
            m.version,
          );
        }
      : undefined;
  let gathered: Awaited<ReturnType<typeof gatherRiskFacts>>;
  try {
    gathered = await gatherRiskFacts(ctx, processors, today, part, beside);
  } catch (err) {
    await locked; // the lock's own failure first, when it was the cause
    throw err;
  }
  await locked;
  const { facts, descendants, processorAt } = gathered;
  outside = gathered.outside;
  if (!latestRead) {
    await lockAssessments(ctx);
    latestRead = readLatest();
  }
  const latest = await latestRead;
  const byId = new Map(latest.map((l) => [l.processor_id, l]));
  const previous = new Map(processors.filter((p) => byId.has(p.id)).map((p) => [p.id, byId.get(p.id)!]));
  const results = scorePortfolio(
    processors,
    facts,
    descendants,
    processorAt,
    m,
    new Map(outside.filter((id) => byId.has(id)).map((id) => [id, { ownScore: byId.get(id)!.own_score }])),
  );
  // Fingerprinted and stored a chunk at a time: the database stores one chunk while the next is
  // fingerprinted and serialized here (a model change stores the whole portfolio).
  const scored: StoredResult[] = [];
  const changed: StoredResult[] = [];
  await store?.retiredKnown();
  for (let from = 0; from < processors.length; from += riskStoreChunk.size) {
    const chunk: StoredResult[] = [];
    const to = Math.min(from + riskStoreChunk.size, processors.length);
    for (let i = from; i < to; i++) {
      // The database stores the chunks before while this one is fingerprinted: the connection hands it the next
      // one only when this process is free to read that the last is done (a chunk takes it ~50 ms here).
      if (store && i > 0 && i % YIELD_EVERY === 0) await new Promise((resolve) => setImmediate(resolve));
      const p = processors[i];
      const r = results.get(p.id)!;
      const x = {
        processorId: p.id,
        r,
        fingerprint: fingerprintOf(r),
        floorTier: floorTierOf(facts.get(p.id)!, m) ?? "NONE",
      };
      scored.push(x);
      if (previous.get(p.id)?.fingerprint !== x.fingerprint || store?.retired.has(p.id)) chunk.push(x);
    }
    changed.push(...chunk);
    store?.send(chunk);
  }
  await store?.done();
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
    pending: defer ? changed : [],
  };
}

/** Results fingerprinted between two looks at the connection (see scoreAndStore). */
const YIELD_EVERY = 100;

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

/** A result's propagation factor as the narrow columns keep it; narrow false if it could not be read. */
function propagationOf(r: RiskResult) {
  const p = r.factors.find((f) => f.key === PROPAGATION);
  if (!p) return { propagated_from: null, propagated_own_score: null, narrow: true };
  const score = Number(p.input.replace(/^own score /, ""));
  const ok = !!p.evidenceIds[0] && Number.isFinite(score);
  return { propagated_from: ok ? p.evidenceIds[0] : null, propagated_own_score: ok ? score : null, narrow: ok };
}

/**
 * Results one statement stores at most: a model change stores the whole portfolio, in chunks of this many
 * (a setting so tests can make chunks of a small portfolio).
 */
export const riskStoreChunk = { size: 1_000 };

/** Stores each result as its processor's new current assessment (the caller holds lockAssessments). */
async function storeResults(ctx: RequestContext, changed: StoredResult[]): Promise<void> {
  const store = resultStore(ctx);
  for (let from = 0; from < changed.length; from += riskStoreChunk.size)
    store.send(changed.slice(from, from + riskStoreChunk.size));
  await store.done();
}

/**
 * Stores results chunk by chunk without waiting for each (the request's connection runs its statements in
 * the order sent): `send` a chunk, and `done` when all are sent, which waits for them and records the tier
 * changes (risk.tier_changed) of them all. `retire` retires the current assessments of processors whose
 * results are yet to be sent, ahead of them (their results must then be sent). The caller holds
 * lockAssessments.
 */
function resultStore(ctx: RequestContext) {
  const sent: Promise<{ processor_id: string; tier: string }[]>[] = [];
  const stored: StoredResult[] = [];
  const retired = new Set<string>();
  const pack = factorPacker();
  let retiring: Promise<unknown> = Promise.resolve();
  const waitFor = (sending: Promise<{ processor_id: string; tier: string }[]>) => {
    sending.catch(() => undefined); // awaited by done; a failure in the meantime is not unhandled
    sent.push(sending);
  };
  return {
    retired: retired as ReadonlySet<string>,
    /** Retires the current assessments of these processors that are of another model (their results must be sent). */
    retireOtherModel(processorIds: string[], modelVersion: string): void {
      const retiringNow = retireCurrent(ctx, processorIds, modelVersion);
      waitFor(retiringNow);
      retiring = retiringNow.then((rows) => rows.forEach((r) => retired.add(r.processor_id)));
      retiring.catch(() => undefined);
    },
    /** Waits until `retired` holds what retireOtherModel retired. */
    async retiredKnown(): Promise<void> {
      await retiring;
    },
    send(chunk: StoredResult[]): void {
      if (!chunk.length) return;
      stored.push(...chunk);
      waitFor(sendResults(ctx, chunk, retired, pack));
    },
    async done(): Promise<void> {
      const retired = (await Promise.all(sent)).flat();
      if (!stored.length) return;
      await recordTierChanges(
        ctx,
        stored.map(({ processorId, r }) => ({
          processorId,
          tier: r.tier,
          score: r.score,
          modelVersion: r.modelVersion,
        })),
        new Map(retired.map((x) => [x.processor_id, x.tier])),
      );
      ctx.loaders.latestRiskByProcessor.clearAll();
    },
  };
}

/**
 * Retires the current assessments of these processors (only those of another model than `otherThan`): the
 * tiers retired (for risk.tier_changed).
 */
function retireCurrent(
  ctx: RequestContext,
  processorIds: string[],
  otherThan?: string,
): Promise<{ processor_id: string; tier: string }[]> {
  return ctx.manager
    .query(
      `UPDATE risk_assessment SET is_current = false WHERE is_current AND processor_id = ANY($1)
       ${otherThan === undefined ? "" : "AND model_version <> $2"} RETURNING processor_id, tier`,
      otherThan === undefined ? [processorIds] : [processorIds, otherThan],
    )
    .then((r: [{ processor_id: string; tier: string }[], number]) => r[0]);
}

/**
 * The payload as ASCII, flat (one "…" made JSON.stringify's whole string two-byte, and the driver flattened and
 * transcoded it when the chunk before was done, while the database waited): jsonb reads \u escapes as the same text.
 */
const NOT_ASCII = /[\u0080-\uffff]/g;
const asciiEscape = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;

/**
 * Retires the current assessments of these results' processors (but those `retired` already) and inserts
 * the results as current, both statements sent at once: the tiers retired (for risk.tier_changed).
 */
function sendResults(
  ctx: RequestContext,
  changed: StoredResult[],
  retired: ReadonlySet<string>,
  pack: ReturnType<typeof factorPacker>,
): Promise<{ processor_id: string; tier: string }[]> {
  const payload = JSON.stringify(
    changed.map(({ processorId, r, fingerprint, floorTier }) => ({
      processor_id: processorId,
      model_version: r.modelVersion,
      score: r.score,
      own_score: r.ownScore,
      tier: r.tier,
      inherent_points: r.inherentPoints,
      minimum_concept: r.minimumConcept,
      factors: r.factors.map(pack),
      fingerprint,
      floor_tier: floorTier,
      ...propagationOf(r),
    })),
  ).replace(NOT_ASCII, asciiEscape);
  // Retiring the current assessments reads the tiers they had (for risk.tier_changed) in the same statement.
  const retiring = changed.map((c) => c.processorId).filter((id) => !retired.has(id));
  const tiers = retiring.length ? retireCurrent(ctx, retiring) : Promise.resolve([]);
  const inserted: Promise<unknown> = ctx.manager.query(
    `INSERT INTO risk_assessment (organization_id, processor_id, model_version, score, own_score, tier,
      inherent_points, minimum_concept, factors, fingerprint, floor_tier, propagated_from, propagated_own_score,
      narrow, is_current)
     SELECT $1, x.processor_id, x.model_version, x.score, x.own_score, x.tier, x.inherent_points, x.minimum_concept,
       x.factors, x.fingerprint, x.floor_tier, x.propagated_from, x.propagated_own_score, x.narrow, true
       FROM jsonb_to_recordset($2::jsonb) AS x(processor_id uuid, model_version text, score float8, own_score float8,
         tier text, inherent_points int, minimum_concept int, factors jsonb, fingerprint text, floor_tier text,
         propagated_from uuid, propagated_own_score float8, narrow boolean)`,
    [ctx.actor.organizationId, payload],
  );
  return Promise.all([tiers, inserted]).then(([r]) => r);
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
  // The model in force, the freshness row and the marks writes left (claimed), in one round trip: every
  // risk read starts here. Marks claimed before a recompute of the whole portfolio are covered by it.
  const [first] = await ctx.manager.query(
    `WITH ${CLAIM_MARKS.with}
     SELECT (SELECT m.definition FROM risk_model m ORDER BY m.created_at DESC LIMIT 1) AS definition,
            f.stale, to_char(f.computed_on, 'YYYY-MM-DD') AS computed_on, f.model_version, ${CLAIM_MARKS.select}
       FROM (SELECT 1) one LEFT JOIN risk_freshness f ON true`,
  );
  const marks: ClaimedMarks = { claimed: first.claimed, hops: first.hops };
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
  if (marks.claimed.length || marks.hops.length) await recomputeTouched(ctx, model, marks);
  return model;
}

async function saveRiskModel(
  ctx: RequestContext,
  input: { version: string; definition: Record<string, unknown>; note?: string | null },
): Promise<RiskModelVersion> {
  // The definition is stored under the version saved, whatever version it names itself: a copy of the model in
  // force (which says "dt-v1") saved as a new version reads as that version, never as another.
  const definition = { ...input.definition, version: input.version.trim() } as unknown as RiskModel;
  const problems = riskModelProblems(definition);
  if (!problems.length) problems.push(...riskModelRuleProblems(definition));
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
  const [[summary], tiers, topRows, [findings], trend, overdue] = await Promise.all([
    ctx.manager.query(`SELECT count(*)::int AS processors, ${has("supervision.never")} AS never,
                              ${has("agreement.missing")} AS without_agreement, ${has("transfers.noMechanism")} AS
                                no_mechanism FROM (${latest}) l`),
    ctx.manager.query(`SELECT tier, count(*)::int AS count FROM (${latest}) l GROUP BY tier`),
    ctx.manager.query(`SELECT id FROM (${latest}) l ORDER BY score DESC, processor_name, processor_id LIMIT $1`, [top]),
    ctx.manager
      .query(`SELECT count(*)::int AS n FROM audit_finding f JOIN processor p ON p.id = f.processor_id AND p.archived_at
        IS NULL
                        WHERE ${findingOpen("f")} AND f.severity IN ('HIGH', 'CRITICAL')`),
    // A month counts the processors not yet archived at its end (this month: now), as the tiers count today's: an
    // archived processor stayed in this month's trend, which then summed to more than the tiers.
    ctx.manager.query(
      `SELECT to_char(m, 'YYYY-MM') AS month, s.tier, count(*)::int AS count
         FROM generate_series(date_trunc('month', now()) - interval '11 months', date_trunc('month', now()), interval
           '1 month') m
         CROSS JOIN LATERAL (SELECT DISTINCT ON (r.processor_id) r.tier FROM risk_assessment r
                               JOIN processor p ON p.id = r.processor_id
                                AND (p.archived_at IS NULL OR p.archived_at >= least(m + interval '1 month', now()))
                              WHERE r.computed_at < m + interval '1 month'
                              ORDER BY r.processor_id, r.computed_at DESC, r.id) s
        GROUP BY 1, 2`,
    ),
    // Counted on the supervision worklist, not the supervision.overdue factor: that factor leaves out a
    // processor never supervised whose first supervision is past due (it carries supervision.never).
    supervisionPlanService.schedule(ctx, { status: ["OVERDUE"], dueSoonDays: DEFAULT_DUE_SOON_DAYS }),
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
    overdueSupervision: overdue.length,
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
