import type { FieldNode, FragmentDefinitionNode } from "graphql";
import type { EntityManager } from "typeorm";
import { toGlobalId } from "../../common/global-id";
import { columnsAsked, subSelections } from "../../common/hydrate";
import { SubprocessorEngagement } from "../subprocessors/engagement.entity";
import type { RequestContext } from "../../context";
import { badUserInput } from "../../common/errors";
import { expectListItems, listItemsLeft } from "../../common/list-budget";
import { todayIso } from "../../common/dates";
import { currentAgreementOf } from "../agreements/agreement.rules";
import { Processor } from "../processors/processor.entity";
import type { Agreement } from "../agreements/agreement.entity";
import { ThirdCountryTransfers } from "../agreements/agreement.enums";
import {
  ChainEdge,
  selectChainEdgesAround,
  selectChainEdgesById,
  selectConcentration,
  selectSubtree,
  selectUpstream,
  selectUpstreamSet,
  TreeColumns,
  TreeRow,
  TreeTooLarge,
  UpstreamRow,
  UpstreamTooLarge,
} from "./chain.sql";
import {
  assessChainEdge,
  AssessmentCache,
  ChainGraph,
  ChainSummary,
  ExposureInput,
  hopRiskKey,
  indexEdges,
  OwnProcessing,
  rollUpExposure,
  summarizeChains,
} from "./exposure";
import { ProcessorChain, SubprocessorConcentration, SubprocessorTreeNode, TransferExposure } from "./chain.types";
import type { CountryClass } from "../transfers/transfer-rules";
import { processorService } from "../processors/processor.service";

export const MAX_TREE_DEPTH = 50;
/** Rows one tree may return; a bigger answer is refused rather than truncated silently. */
export const TREE_ROW_LIMIT = 25_000;
/**
 * Partial chains Processor.upstream may walk up (every chain and every beginning of one, cycles included); more is
 * refused, as a tree over TREE_ROW_LIMIT is.
 */
export const UPSTREAM_ROW_LIMIT = 25_000;

function checkMaxDepth(maxDepth: number): void {
  if (!Number.isInteger(maxDepth) || maxDepth < 1 || maxDepth > MAX_TREE_DEPTH) {
    throw badUserInput(`maxDepth must be between 1 and ${MAX_TREE_DEPTH} (got ${maxDepth}).`);
  }
}

export interface ExposureFilter {
  country?: string | null;
  countryClass?: CountryClass | null;
  withFindingsOnly?: boolean | null;
}

/** What a processor processes itself, under the agreement in force for it (of its agreements). */
function ownProcessing(processor: Processor, agreements: Agreement[], on: string): OwnProcessing {
  const agreement = currentAgreementOf(agreements, on);
  return {
    processorId: processor.id,
    countries: agreement?.processingCountries ?? [],
    agreementId: agreement?.id ?? null,
    agreementPolicy: agreement?.thirdCountryTransfers ?? null,
    dpfCertifiedSince: processor.dpfCertifiedSince,
  };
}

async function exposureOf(
  ctx: RequestContext,
  processors: Processor[],
  asOf: string | null,
): Promise<TransferExposure[]> {
  return rollUpEach(ctx, processors, asOf, (p, on, chain) => TransferExposure.from(p.id, on, rollUpExposure(chain)));
}

/**
 * What walking chains on one date needs, read once and shared by every call of inputsOf: the graph,
 * the policies of the engaging processors read so far, and one cache of hop assessments. An export
 * keeps one for all its batches, so none of this is rebuilt (and left as old-generation garbage) per batch.
 */
export interface ChainWalker {
  on: string;
  /** The graph the chains are walked on. */
  graph: ChainGraph;
  /** Each processor's chain, ready to walk (rollUpExposure, summarizeChain). */
  inputsOf(processors: Processor[]): Promise<ExposureInput[]>;
}

/** `edges`: the graph to walk when not the whole organization's (see rollUpEach). */
async function chainWalker(ctx: RequestContext, asOf: string | null, edges?: ChainEdge[]): Promise<ChainWalker> {
  const on = asOf ?? todayIso();
  const all = edges ?? (await ctx.loaders.chainEdges.load(asOf ?? ""));
  const edgesByProcessor = indexEdges(all);
  const policies = new Map<string, { agreementId: string | null; policy: string | null }>();
  const policyOf = (id: string) => policies.get(id) ?? { agreementId: null, policy: null };
  const assessed = new AssessmentCache();
  return {
    on,
    graph: edgesByProcessor,
    async inputsOf(processors) {
      // Hops that name no agreement are governed by the agreement in force for the engaging processor:
      // read for the engaging processors in these processors' chains (all of them for a whole portfolio).
      // Found on the graph's own marks: an export asks this per batch, and sets of thousands of processors
      // per batch were garbage that outlived the batch's young-generation collections.
      const engaging: string[] = [];
      const asked = new Set<string>();
      edgesByProcessor.reach(
        processors.map((p) => p.id),
        (node) =>
          edgesByProcessor.slotsOf(node, (slot) => {
            const e = all[slot];
            if (!e.agreementId && !policies.has(e.processorId) && !asked.has(e.processorId)) {
              asked.add(e.processorId);
              engaging.push(e.processorId);
            }
          }),
      );
      const agreementLists = await ctx.loaders.agreementsByProcessor.loadMany([
        ...engaging,
        ...processors.map((p) => p.id),
      ]);
      engaging.forEach((id, i) => {
        const list = agreementLists[i];
        const a = Array.isArray(list) ? currentAgreementOf(list, on) : null;
        policies.set(id, { agreementId: a?.id ?? null, policy: a?.thirdCountryTransfers ?? null });
      });
      // (Each processor's own agreements were read with the engaging ones: no load per processor.)
      return processors.map((p, i) => {
        const own = agreementLists[engaging.length + i];
        if (own instanceof Error) throw own;
        return {
          rootId: p.id,
          own: ownProcessing(p, own, on),
          edgesByProcessor,
          policyOf,
          on,
          maxDepth: MAX_TREE_DEPTH,
          assessed,
        };
      });
    },
  };
}

/**
 * Prepares each processor's chain (one graph and one cache of hop assessments for all) and hands it
 * to `reduce`: the full roll-up for the GraphQL view, a summary for the risk of a whole portfolio.
 * `edges`: the graph to walk when not the whole organization's (it must hold every engagement below
 * these processors, as edgesAround gives).
 */
async function rollUpEach<T>(
  ctx: RequestContext,
  processors: Processor[],
  asOf: string | null,
  reduce: (p: Processor, on: string, chain: ExposureInput) => T,
  edges?: ChainEdge[],
): Promise<T[]> {
  const walker = await chainWalker(ctx, asOf, edges);
  const inputs = await walker.inputsOf(processors);
  return processors.map((p, i) => reduce(p, walker.on, inputs[i]));
}

/**
 * summarizeChain of each processor's chain, all walked in one go (summarizeChains), and the graph walked.
 * `edges` as for rollUpEach.
 */
async function summarizeEach(
  ctx: RequestContext,
  processors: Processor[],
  edges?: ChainEdge[],
): Promise<{ graph: ChainGraph; chains: ChainSummary[] }> {
  const walker = await chainWalker(ctx, null, edges);
  return { graph: walker.graph, chains: summarizeChains(await walker.inputsOf(processors)) };
}

/**
 * For each group of processors (the processors one activity uses), how many distinct processors the
 * group and every chain below it hold: the recipients the art. 30 record lists. The same walk as
 * rollUpEach, without assessing a hop. null for a group that never reaches `mustReach`, when given.
 */
async function countReached(
  ctx: RequestContext,
  groups: string[][],
  asOf: string | null,
  mustReach: string | null = null,
): Promise<(number | null)[]> {
  const graph = indexEdges(await ctx.loaders.chainEdges.load(asOf ?? ""));
  return groups.map((roots) => {
    const reached = new Set(roots);
    for (const root of roots)
      graph.walk(root, MAX_TREE_DEPTH, (_slot, _depth, _parent, node) => {
        if (node >= 0) reached.add(graph.processorIds[node]);
      });
    return mustReach && !reached.has(mustReach) ? null : reached.size;
  });
}

/**
 * The columns a tree's nodes need for the fields asked under these subprocessorTree fields: each node's
 * processor and engagement read narrow when only their plain columns are asked (a 4,000-node tree parses and
 * keeps 5 of 28 processor columns), every column when a field resolver or a fragment is among them.
 */
export function treeColumnsAsked(
  manager: EntityManager,
  treeFields: readonly FieldNode[],
  fragments: Record<string, FragmentDefinitionNode>,
): TreeColumns {
  const sets = treeFields.map((f) => f.selectionSet);
  const under = (name: string) => subSelections(sets, name, fragments);
  const processor = under("processor");
  const engagement = under("engagement");
  return {
    processor: processor && columnsAsked(manager, Processor, processor, ["id"]),
    // processorId: the node's parent field reads it.
    engagement: engagement && columnsAsked(manager, SubprocessorEngagement, engagement, ["id", "processorId"]),
  };
}

/** Trees read ahead with their root, per request. */
const treesReadAhead = new WeakMap<RequestContext, Map<string, TreeRow[]>>();
const readAhead = (ctx: RequestContext) => {
  let trees = treesReadAhead.get(ctx);
  if (!trees) treesReadAhead.set(ctx, (trees = new Map()));
  return trees;
};
const treeKey = (processorId: string, maxDepth: number, asOf: string | null) =>
  `${processorId}|${maxDepth}|${asOf ?? ""}`;

/**
 * Trees refused as too large in a request (keyed by its transaction): processor and asOf → the smallest maxDepth
 * refused. A tree within a larger maxDepth holds every node of the smaller one, so it is refused too, without SQL:
 * 30 aliases of one refused tree each ran its 0.7-2.2 s statement before being refused.
 */
const treesRefused = new WeakMap<object, Map<string, number>>();
const refusedKey = (processorId: string, asOf: string | null) => `${processorId}|${asOf ?? ""}`;
const refusals = (ctx: RequestContext) => {
  let refused = treesRefused.get(ctx.transaction);
  if (!refused) treesRefused.set(ctx.transaction, (refused = new Map()));
  return refused;
};
const noteRefused = (ctx: RequestContext, processorId: string, maxDepth: number, asOf: string | null) => {
  const key = refusedKey(processorId, asOf);
  const before = refusals(ctx).get(key);
  if (before === undefined || maxDepth < before) refusals(ctx).set(key, maxDepth);
};
/**
 * The request's trees, one after another (`inOrder`; else at once): they share the request's one connection, which
 * runs one statement at a time anyway, and each is asked once the ones before it have been answered, so a refusal
 * (treesRefused) spares the statements of the aliases after it.
 */
const treeTurns = new WeakMap<object, Promise<unknown>>();
function treeInTurn<T>(ctx: RequestContext, inOrder: boolean, read: () => Promise<T>): Promise<T> {
  if (!inOrder) return read();
  const before = treeTurns.get(ctx.transaction) ?? Promise.resolve();
  const mine = before.then(read, read);
  treeTurns.set(
    ctx.transaction,
    mine.catch(() => undefined),
  );
  return mine;
}
const treeTooLarge = (maxDepth: number) =>
  badUserInput(
    `The tree has more than ${TREE_ROW_LIMIT} nodes within maxDepth ${maxDepth}; ask for a smaller maxDepth.`,
  );

/** An engagement's terms before a write that changed only them (risk_stale_hop). */
export interface HopTermsBefore {
  engagementId: string;
  processorId: string;
  countries: string[];
  transferMechanism: string;
}

/**
 * The engaging processors of the hops whose assessment, as a score reads it (hopRiskKey), differs
 * between the terms before and the terms now: the same rules, date, recipient and governing policy (the hop's
 * own, and PROHIBITED, which a clause above it may impose in some chains).
 * A hop whose engagement is gone counts as changed (its delete marks the chain anyway).
 */
async function hopsChanged(ctx: RequestContext, before: HopTermsBefore[]): Promise<string[]> {
  if (!before.length) return [];
  const on = todayIso();
  const edges = await selectChainEdgesById(ctx.manager, ctx.actor.organizationId, [
    ...new Set(before.map((b) => b.engagementId)),
  ]);
  const edgeOf = new Map(edges.map((e) => [e.engagementId, e]));
  // Hops that name no agreement are governed by the engaging processor's agreement in force.
  const ungoverned = [...new Set(edges.filter((e) => !e.agreementId).map((e) => e.processorId))];
  const lists = await ctx.loaders.agreementsByProcessor.loadMany(ungoverned);
  const policyOf = new Map(
    ungoverned.map((id, i) => {
      const list = lists[i];
      return [id, (Array.isArray(list) ? currentAgreementOf(list, on) : null)?.thirdCountryTransfers ?? null];
    }),
  );
  const changed = new Set<string>();
  for (const b of before) {
    const now = edgeOf.get(b.engagementId);
    if (!now) {
      changed.add(b.processorId);
      continue;
    }
    // A stricter clause from above the hop may bind it in some chains (policyStrictness): judged under both.
    const own = now.agreementId ? now.agreementPolicy : (policyOf.get(now.processorId) ?? null);
    const earlier = { ...now, countries: b.countries, transferMechanism: b.transferMechanism };
    for (const policy of [own, ThirdCountryTransfers.PROHIBITED])
      if (hopRiskKey(assessChainEdge(earlier, policy, on)) !== hopRiskKey(assessChainEdge(now, policy, on)))
        changed.add(b.processorId);
  }
  return [...changed];
}

export const chainService = {
  hopsChanged,
  checkMaxDepth,
  chainWalker,
  countReached,
  exposureOf,
  rollUpEach,
  summarizeEach,
  /** The chain graph below these processors (today) and the engagements that engage them. */
  edgesAround: (ctx: RequestContext, processorIds: string[]) =>
    selectChainEdgesAround(ctx.manager, ctx.actor.organizationId, processorIds),
  /** These processors and every processor above them (whose chain reaches one of them), today. */
  upstreamSet: (ctx: RequestContext, processorIds: string[]) =>
    selectUpstreamSet(ctx.manager, ctx.actor.organizationId, processorIds),
  /**
   * processor(id) with its subprocessorTree asked for in the same request: the processor and the
   * tree in one statement (look-ahead). undefined when the tree cannot be read ahead (a bad maxDepth,
   * too many nodes): the caller loads the processor alone and the tree field reports the problem.
   */
  async processorWithTree(
    ctx: RequestContext,
    processorId: string,
    maxDepth: number,
    asOf: string | null,
    columns?: TreeColumns,
  ): Promise<Processor | null | undefined> {
    if (!Number.isInteger(maxDepth) || maxDepth < 1 || maxDepth > MAX_TREE_DEPTH) return undefined;
    try {
      const { root, nodes } = await selectSubtree(ctx.manager, processorId, {
        maxDepth,
        asOf,
        rowLimit: TREE_ROW_LIMIT,
        withRoot: true,
        columns,
      });
      if (root) {
        ctx.loaders.processorById.prime(root.id, root);
        readAhead(ctx).set(treeKey(processorId, maxDepth, asOf), nodes);
      }
      return root;
    } catch (err) {
      if (err instanceof TreeTooLarge) {
        noteRefused(ctx, processorId, maxDepth, asOf);
        return undefined;
      }
      throw err;
    }
  },

  async subtree(
    ctx: RequestContext,
    processorId: string,
    maxDepth: number,
    asOf: string | null,
    columns?: TreeColumns,
    /** Whether the data cannot change between two trees of the request (a query, not a mutation's payloads). */
    unchanging = false,
  ): Promise<SubprocessorTreeNode[]> {
    checkMaxDepth(maxDepth);
    let rows = readAhead(ctx).get(treeKey(processorId, maxDepth, asOf));
    try {
      rows ??= await treeInTurn(ctx, unchanging, () => {
        // Asked after the trees before it in the request were answered: one of them may have been refused.
        const refusedAt = unchanging ? refusals(ctx).get(refusedKey(processorId, asOf)) : undefined;
        if (refusedAt !== undefined && maxDepth >= refusedAt) throw new TreeTooLarge();
        return selectSubtree(ctx.manager, processorId, { maxDepth, asOf, rowLimit: TREE_ROW_LIMIT, columns });
      });
    } catch (err) {
      if (err instanceof TreeTooLarge) {
        noteRefused(ctx, processorId, maxDepth, asOf);
        throw treeTooLarge(maxDepth);
      }
      throw err;
    }
    // A tree of thousands of nodes repeats the same few processors along its paths: each id encoded once.
    const globalIds = new Map<string, string>();
    const globalId = (id: string) => {
      let g = globalIds.get(id);
      if (g === undefined) globalIds.set(id, (g = toGlobalId("Processor", id)));
      return g;
    };
    // Only whole processors go to the request's loader: a node read with the columns asked is not one.
    const whole = !columns?.processor;
    return rows.map((r) => {
      if (whole) ctx.loaders.processorById.prime(r.processor.id, r.processor);
      return Object.assign(new SubprocessorTreeNode(), {
        depth: r.depth,
        path: r.path.map(globalId),
        cycle: r.cycle,
        processor: r.processor,
        engagement: r.engagement,
      });
    });
  },

  /**
   * `asked`: how many times the answer asks each chain's processors and engagements (the nested lists), so that
   * their items are checked against GRAPHQL_MAX_LIST_ITEMS before any of them resolves, and ids not asked for are
   * not read.
   */
  async upstream(
    ctx: RequestContext,
    processorId: string,
    asked: { processors: number; engagements: number } = { processors: 1, engagements: 1 },
  ): Promise<ProcessorChain[]> {
    let answer: { items: number; chains: UpstreamRow[] };
    try {
      answer = await selectUpstream(ctx.manager, processorId, {
        maxDepth: MAX_TREE_DEPTH,
        rowLimit: UPSTREAM_ROW_LIMIT,
        items: { ...asked, limit: listItemsLeft(ctx) },
      });
    } catch (err) {
      if (err instanceof UpstreamTooLarge) {
        throw badUserInput(
          `More than ${UPSTREAM_ROW_LIMIT} chains and parts of chains lead up to this processor within ` +
            `${MAX_TREE_DEPTH} levels; none is listed. Read the chains down from the direct processors instead ` +
            "(subprocessorTree with a smaller maxDepth).",
        );
      }
      throw err;
    }
    expectListItems(ctx, answer.items);
    return answer.chains.map((r) =>
      Object.assign(new ProcessorChain(), {
        processorIds: r.processorIds,
        engagementIds: r.engagementIds,
        length: r.hops,
      }),
    );
  },

  async exposure(ctx: RequestContext, processor: Processor, asOf: string | null): Promise<TransferExposure> {
    return (await exposureOf(ctx, [processor], asOf))[0];
  },

  /** The controller's direct processors whose chains reach the country or class asked for. */
  async directExposures(ctx: RequestContext, filter: ExposureFilter, asOf: string | null): Promise<TransferExposure[]> {
    const direct = await processorService.listed(ctx, "direct");
    const all = await exposureOf(ctx, direct, asOf);
    return all.filter((x) => {
      const dest = x.hops.flatMap((h) => h.destinations);
      if (filter.country && !dest.some((d) => d.country === filter.country)) return false;
      if (filter.countryClass && !dest.some((d) => d.countryClass === filter.countryClass)) return false;
      if (filter.withFindingsOnly && !x.findings.length) return false;
      return true;
    });
  },

  async concentration(ctx: RequestContext, first: number): Promise<SubprocessorConcentration[]> {
    if (!Number.isInteger(first) || first < 1 || first > 100)
      throw badUserInput(`first must be between 1 and 100 (got ${first}).`);
    const rows = await selectConcentration(ctx.manager, first);
    return rows.map((r) =>
      Object.assign(new SubprocessorConcentration(), { ...r, directProcessorCount: r.directProcessorIds.length }),
    );
  },
};
