// Transfer exposure of a processor's whole chain: each hop assessed by the transfer rules, then
// rolled up. Pure: the graph comes in as data, so it is unit-tested on generated chains.
import {
  assessHop,
  CountryClass,
  HopAssessment,
  HopFinding,
  judgedStrictness,
  POLICY_BY_STRICTNESS,
  policyStrictness,
  POLICY_RANKS,
  worseClass,
} from "../transfers/transfer-rules";
import { TransferMechanism } from "../subprocessors/engagement.entity";
import { ThirdCountryTransfers } from "../agreements/agreement.enums";
import type { ChainEdge } from "./chain.sql";

/** The processor's own processing, under its own agreement with its principal (the first hop). */
export interface OwnProcessing {
  processorId: string;
  countries: string[];
  agreementId: string | null;
  agreementPolicy: string | null;
  dpfCertifiedSince: string | null;
}

export interface ExposureHop {
  /** Null for the processor's own processing. */
  engagementId: string | null;
  fromProcessorId: string | null;
  toProcessorId: string;
  depth: number;
  /** Processor ids from the root processor to the recipient of this hop. */
  readonly path: string[];
  /** The hop's own agreement: the one its engagement names, else the one in force for the engaging processor. */
  agreementId: string | null;
  /** The third-country clause that binds the hop: the strictest on its chain (BindingTerms), from policyAgreementId. */
  agreementPolicy: string | null;
  /** The agreement agreementPolicy comes from: agreementId, or one above the hop whose clause is stricter. */
  policyAgreementId: string | null;
  mechanism: TransferMechanism | null;
  assessment: HopAssessment;
}

/**
 * A hop knows the hop it came from; its path is read from that chain only when asked for (a
 * portfolio roll-up makes millions of hops and reads few paths).
 */
class Hop implements ExposureHop {
  constructor(
    readonly engagementId: string | null,
    readonly fromProcessorId: string | null,
    readonly toProcessorId: string,
    readonly depth: number,
    readonly agreementId: string | null,
    readonly agreementPolicy: string | null,
    readonly policyAgreementId: string | null,
    readonly mechanism: TransferMechanism | null,
    readonly assessment: HopAssessment,
    private readonly parent: Hop | null,
    private readonly rootId: string,
  ) {}

  get path(): string[] {
    const ids: string[] = [];
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- walking the parent chain starts here
    for (let h: Hop | null = this; h; h = h.parent) ids.push(h.toProcessorId);
    if (this.depth > 0) ids.push(this.rootId);
    return ids.reverse();
  }
}

export interface Exposure {
  hops: ExposureHop[];
  readonly countries: string[];
  worstClass: CountryClass | null;
  findings: { hop: ExposureHop; finding: HopFinding }[];
}

export interface ExposureInput {
  rootId: string;
  own: OwnProcessing | null;
  edgesByProcessor: ChainGraph;
  /** thirdCountryTransfers of the agreement in force for a processor, for hops that name no agreement. */
  policyOf: (processorId: string) => { agreementId: string | null; policy: string | null };
  on: string;
  maxDepth: number;
  /**
   * A hop's assessment depends on its engagement and the clause that binds it (with the date and policies
   * above), not otherwise on the root, so roll-ups of many roots over one graph may share this cache: a
   * portfolio assesses each engagement once per clause that binds it instead of once per processor above it.
   */
  assessed?: AssessmentCache;
}

/** An agreement and its third-country clause. */
export interface AgreementTerm {
  agreementId: string | null;
  policy: string | null;
}

const NO_TERM: AgreementTerm = { agreementId: null, policy: null };

/**
 * What hops of one graph share: each engagement's own agreement, the ranks of their clauses (BindingTerms), hop
 * assessments by slot and rank of the binding clause, and by the terms they depend on (most engagements share a few).
 */
export class AssessmentCache {
  readonly ownTerm: (AgreementTerm | undefined)[] = [];
  ranks: Int8Array | undefined;
  readonly bySlot: (HopAssessment | undefined)[] = [];
  readonly byTerms = new Map<string, HopAssessment>();
}

/** A hop bound by the root's own term (the root processor's agreement in force). */
export const BOUND_BY_ROOT = -1;
/** A hop no term on its chain binds. */
export const UNBOUND = -2;
/** Ranks a term may have (0: sets nothing .. MAX_RANKS - 1: strictest). */
const MAX_RANKS = POLICY_RANKS;

/**
 * Terms that bind an engagement and every hop below it (an agreement's third-country clause: art. 28(4)), ranked
 * 0 (sets nothing) and up (stricter). A hop is bound by the strictest term on its chain from the root, the root's
 * own included; on a tie by the nearest. A walk names it by the slot of the engagement whose term it is,
 * BOUND_BY_ROOT, or UNBOUND.
 */
export interface BindingTerms {
  /** The rank of each engagement's own term by slot; -1 where rankOf has not been asked yet. */
  ranks: Int8Array;
  rankOf(slot: number): number;
}

/**
 * The chain's edges as integer arrays (processors numbered, edges by slot), so that walking it from
 * every processor of a large portfolio costs array reads, not string sets and copied paths.
 */
export class ChainGraph {
  private readonly nodeOf = new Map<string, number>();
  /** Processor ids by number: the numbers ChainSummary.below uses. */
  readonly processorIds: string[] = [];
  private readonly outStart: Int32Array;
  private readonly outSlots: Int32Array;
  private readonly edgeTo: Int32Array;
  /** 1 for a processor on some loop: only there can a chain come back to where it has been. */
  private readonly onLoop: Uint8Array;
  // Scratch space of one walk: which edges and processors it has reached, each hop's node and parent
  // hop, and the two frontiers. Reused by every walk, so walking a portfolio allocates nothing per hop.
  private readonly seenEdge: Uint32Array;
  private readonly seenNode: Uint32Array;
  private readonly hopNode: Int32Array;
  private readonly hopParent: Int32Array;
  /** What binds each hop of the walk (BindingTerms), read by the hops below it. */
  private readonly hopBinding: Int32Array;
  private frontier: Int32Array;
  private next: Int32Array;
  private pass = 0;
  private reachQueue: Int32Array | undefined;

  constructor(readonly edges: ChainEdge[]) {
    const node = (id: string) => {
      let n = this.nodeOf.get(id);
      if (n === undefined) {
        this.nodeOf.set(id, (n = this.nodeOf.size));
        this.processorIds.push(id);
      }
      return n;
    };
    const from = edges.map((e) => node(e.processorId));
    this.edgeTo = Int32Array.from(edges, (e) => node(e.subprocessorId));
    // Compressed adjacency: the slots of node n's edges are outSlots[outStart[n] .. outStart[n + 1]).
    this.outStart = new Int32Array(this.nodeOf.size + 1);
    for (const f of from) this.outStart[f + 1]++;
    for (let n = 0; n < this.nodeOf.size; n++) this.outStart[n + 1] += this.outStart[n];
    const fill = this.outStart.slice(0, -1);
    this.outSlots = new Int32Array(edges.length);
    from.forEach((f, slot) => (this.outSlots[fill[f]++] = slot));
    this.onLoop = processorsOnLoops(this.nodeOf.size, this.outStart, this.outSlots, this.edgeTo);
    this.seenEdge = new Uint32Array(edges.length);
    this.seenNode = new Uint32Array(this.nodeOf.size);
    this.hopNode = new Int32Array(edges.length);
    this.hopParent = new Int32Array(edges.length);
    this.hopBinding = new Int32Array(edges.length);
    // A frontier holds (processor, hop) pairs (walkEach: with a rank); each edge adds at most one per walk.
    this.frontier = new Int32Array(3 * edges.length + 3);
    this.next = new Int32Array(3 * edges.length + 3);
  }

  /** The number of a processor that takes part in some engagement; undefined for any other. */
  numberOf(processorId: string): number | undefined {
    return this.nodeOf.get(processorId);
  }

  /**
   * Breadth first from `rootId`, each engagement once (reached by its shortest chain); a chain that
   * comes back to a processor already on it is reported but not followed. `visit` gets the edge's
   * slot, the depth, the number of the hop it came from (-1 for the root; hops are numbered 0, 1, …
   * in the order visited), the sub-processor's number when the walk reaches it for the first time (else -1),
   * and with `terms`, what binds the hop (BindingTerms: the slot whose term it is, BOUND_BY_ROOT or UNBOUND).
   */
  walk(
    rootId: string,
    maxDepth: number,
    visit: (slot: number, depth: number, parentHop: number, reached: number | -1, binding: number) => void,
    terms?: BindingTerms,
    rootRank = 0,
  ): void {
    const root = this.nodeOf.get(rootId);
    if (root === undefined) return;
    const pass = ++this.pass;
    this.seenNode[root] = pass;
    const rootBinding = rootRank > 0 ? BOUND_BY_ROOT : UNBOUND;
    let hops = 0;
    this.frontier[0] = root;
    this.frontier[1] = -1;
    let size = 2;
    for (let depth = 1; depth <= maxDepth && size > 0; depth++) {
      let nextSize = 0;
      for (let f = 0; f < size; f += 2) {
        const node = this.frontier[f];
        const via = this.frontier[f + 1];
        for (let i = this.outStart[node]; i < this.outStart[node + 1]; i++) {
          const slot = this.outSlots[i];
          if (this.seenEdge[slot] === pass) continue;
          this.seenEdge[slot] = pass;
          const to = this.edgeTo[slot];
          const hop = hops++;
          this.hopNode[hop] = to;
          this.hopParent[hop] = via;
          const reached = this.seenNode[to] !== pass ? to : -1;
          this.seenNode[to] = pass;
          const binding = terms
            ? this.bind(terms, slot, via >= 0 ? this.hopBinding[via] : rootBinding, rootRank)
            : UNBOUND;
          this.hopBinding[hop] = binding;
          visit(slot, depth, via, reached, binding);
          if (!this.onLoop[to] || !this.onChain(via, to, root)) {
            this.next[nextSize++] = to;
            this.next[nextSize++] = hop;
          }
        }
      }
      [this.frontier, this.next] = [this.next, this.frontier];
      size = nextSize;
    }
  }

  /**
   * walk() from each root in turn, without a call per hop (a portfolio's chains hold millions of hops):
   * what each root reaches (numbers, in the order walk reaches them), its deepest hop, and its hops over
   * the slots `marked` picks (asked once per slot and rank of the term that binds the hop there, `terms` as for
   * walk, each root's rank in `rootRanks`), in walk's order with their depth and that rank. All in shared arrays,
   * so a portfolio leaves no list per processor behind for the collector.
   */
  walkEach(
    rootIds: readonly string[],
    maxDepth: number,
    marked: (slot: number, rank: number) => boolean,
    terms?: BindingTerms,
    rootRanks?: ArrayLike<number>,
  ): WalkedChains {
    const ranks = terms?.ranks;
    const slotMark = new Int8Array(this.edges.length * MAX_RANKS).fill(-1);
    const belowStart = new Int32Array(rootIds.length + 1);
    const markedStart = new Int32Array(rootIds.length + 1);
    const deepest = new Int32Array(rootIds.length);
    let below: Int32Array = new Int32Array(1024);
    let markedHops: Int32Array = new Int32Array(1024);
    let belowSize = 0;
    let markedSize = 0;
    for (let r = 0; r < rootIds.length; r++) {
      belowStart[r] = belowSize;
      markedStart[r] = markedSize / 3;
      const root = this.nodeOf.get(rootIds[r]);
      if (root === undefined) continue;
      // walk()'s loop with its visit written in.
      const pass = ++this.pass;
      this.seenNode[root] = pass;
      let hops = 0;
      // The frontier holds (processor, hop, rank of the term that binds the hop) triples here.
      this.frontier[0] = root;
      this.frontier[1] = -1;
      this.frontier[2] = rootRanks ? rootRanks[r] : 0;
      let size = 3;
      for (let depth = 1; depth <= maxDepth && size > 0; depth++) {
        let nextSize = 0;
        for (let f = 0; f < size; f += 3) {
          const node = this.frontier[f];
          const via = this.frontier[f + 1];
          const above = this.frontier[f + 2];
          for (let i = this.outStart[node]; i < this.outStart[node + 1]; i++) {
            const slot = this.outSlots[i];
            if (this.seenEdge[slot] === pass) continue;
            this.seenEdge[slot] = pass;
            const to = this.edgeTo[slot];
            const hop = hops++;
            this.hopNode[hop] = to;
            this.hopParent[hop] = via;
            deepest[r] = depth;
            // bind()'s rule on ranks alone (which term binds is not asked here): the strictest on the chain.
            let rank = above;
            if (ranks) {
              let own = ranks[slot];
              if (own < 0) own = ranks[slot] = terms!.rankOf(slot);
              if (own > rank) rank = own;
            }
            const mark = slot * MAX_RANKS + rank;
            if (slotMark[mark] < 0) slotMark[mark] = marked(slot, rank) ? 1 : 0;
            if (slotMark[mark] === 1) {
              if (markedSize + 3 > markedHops.length) markedHops = grown(markedHops);
              markedHops[markedSize++] = slot;
              markedHops[markedSize++] = depth;
              markedHops[markedSize++] = rank;
            }
            if (this.seenNode[to] !== pass) {
              if (belowSize === below.length) below = grown(below);
              below[belowSize++] = to;
            }
            this.seenNode[to] = pass;
            if (!this.onLoop[to] || !this.onChain(via, to, root)) {
              this.next[nextSize++] = to;
              this.next[nextSize++] = hop;
              this.next[nextSize++] = rank;
            }
          }
        }
        [this.frontier, this.next] = [this.next, this.frontier];
        size = nextSize;
      }
    }
    belowStart[rootIds.length] = belowSize;
    markedStart[rootIds.length] = markedSize / 3;
    return { belowStart, below: below.subarray(0, belowSize), markedStart, markedHops, deepest };
  }

  /**
   * Every processor the chains from `rootIds` reach at any depth, the roots that are in the graph included,
   * each once, breadth first; `visit` gets its number. Marks live in the graph's scratch arrays, so a batch
   * of an export that asks this of hundreds of roots allocates nothing per processor reached.
   */
  reach(rootIds: Iterable<string>, visit: (node: number) => void): void {
    const pass = ++this.pass;
    const queue = (this.reachQueue ??= new Int32Array(this.processorIds.length));
    let tail = 0;
    for (const id of rootIds) {
      const root = this.nodeOf.get(id);
      if (root === undefined || this.seenNode[root] === pass) continue;
      this.seenNode[root] = pass;
      queue[tail++] = root;
    }
    for (let head = 0; head < tail; head++) {
      const node = queue[head];
      visit(node);
      for (let i = this.outStart[node]; i < this.outStart[node + 1]; i++) {
        const to = this.edgeTo[this.outSlots[i]];
        if (this.seenNode[to] === pass) continue;
        this.seenNode[to] = pass;
        queue[tail++] = to;
      }
    }
  }

  /** The slots of the engagements of processor number `node`, in edge order. */
  slotsOf(node: number, visit: (slot: number) => void): void {
    for (let i = this.outStart[node]; i < this.outStart[node + 1]; i++) visit(this.outSlots[i]);
  }

  /**
   * What binds the hop over `slot` that comes after a hop bound by `above`: the engagement's own term when it sets
   * one at least as strict (the nearest wins a tie), else the term above. Array reads only: every hop of a
   * portfolio's chains passes here.
   */
  private bind(terms: BindingTerms, slot: number, above: number, rootRank: number): number {
    const ranks = terms.ranks;
    let own = ranks[slot];
    if (own < 0) own = ranks[slot] = terms.rankOf(slot);
    if (own === 0) return above;
    const aboveRank = above >= 0 ? ranks[above] : above === BOUND_BY_ROOT ? rootRank : 0;
    return own >= aboveRank ? slot : above;
  }

  /**
   * Inside a walk's `visit`: the processor ids from the root to `to`, reached through hop `parentHop`
   * (-1: straight from the root), as ExposureHop.path has them.
   */
  pathOf(rootId: string, parentHop: number, to: number): string[] {
    const ids = [this.processorIds[to]];
    for (let h = parentHop; h >= 0; h = this.hopParent[h]) ids.push(this.processorIds[this.hopNode[h]]);
    ids.push(rootId);
    return ids.reverse();
  }

  /** Whether `node` is the root or on the chain that ends with hop `hop`. */
  private onChain(hop: number, node: number, root: number): boolean {
    for (let h = hop; h >= 0; h = this.hopParent[h]) if (this.hopNode[h] === node) return true;
    return node === root;
  }
}

/** ChainGraph.walkEach's answer, root by root (r: the root's index). */
export interface WalkedChains {
  /** What root r reaches: below[belowStart[r] .. belowStart[r + 1]). */
  belowStart: Int32Array;
  below: Int32Array;
  /** Root r's marked hops: (slot, depth, rank of the term that binds it) at markedHops[3k], [3k + 1], [3k + 2] for k
   * in markedStart[r] .. markedStart[r + 1]. */
  markedStart: Int32Array;
  markedHops: Int32Array;
  /** Root r's deepest hop (0: none). */
  deepest: Int32Array;
}

/** A copy twice as long. */
function grown(a: Int32Array): Int32Array {
  const out = new Int32Array(a.length * 2);
  out.set(a);
  return out;
}

/**
 * Marks the processors that lie on a loop (a strongly connected component of more than one
 * processor, or one that engages itself). Tarjan's algorithm, iterative so deep chains cannot
 * overflow the stack.
 */
function processorsOnLoops(nodes: number, outStart: Int32Array, outSlots: Int32Array, edgeTo: Int32Array): Uint8Array {
  const onLoop = new Uint8Array(nodes);
  const index = new Int32Array(nodes).fill(-1);
  const low = new Int32Array(nodes);
  const onStack = new Uint8Array(nodes);
  const stack: number[] = [];
  const nextEdge = new Int32Array(nodes);
  let counter = 0;
  for (let start = 0; start < nodes; start++) {
    if (index[start] !== -1) continue;
    const path = [start];
    index[start] = low[start] = counter++;
    nextEdge[start] = outStart[start];
    stack.push(start);
    onStack[start] = 1;
    while (path.length) {
      const v = path[path.length - 1];
      if (nextEdge[v] < outStart[v + 1]) {
        const w = edgeTo[outSlots[nextEdge[v]++]];
        if (w === v) onLoop[v] = 1;
        if (index[w] === -1) {
          index[w] = low[w] = counter++;
          nextEdge[w] = outStart[w];
          stack.push(w);
          onStack[w] = 1;
          path.push(w);
        } else if (onStack[w]) low[v] = Math.min(low[v], index[w]);
        continue;
      }
      path.pop();
      if (path.length) low[path[path.length - 1]] = Math.min(low[path[path.length - 1]], low[v]);
      if (low[v] === index[v]) {
        let w: number;
        const component: number[] = [];
        do {
          w = stack.pop()!;
          onStack[w] = 0;
          component.push(w);
        } while (w !== v);
        if (component.length > 1) for (const c of component) onLoop[c] = 1;
      }
    }
  }
  return onLoop;
}

const graphs = new WeakMap<ChainEdge[], ChainGraph>();

/** The graph of a set of edges, built once per set (a request's edges come from one loader). */
export function indexEdges(edges: ChainEdge[]): ChainGraph {
  let graph = graphs.get(edges);
  if (!graph) graphs.set(edges, (graph = new ChainGraph(edges)));
  return graph;
}

/** A hop as the transfer rules judge it: its terms, its recipient, the governing agreement's policy, the date. */
export function assessChainEdge(
  edge: Pick<ChainEdge, "countries" | "transferMechanism" | "recipientDpfCertifiedSince">,
  policy: string | null,
  on: string,
): HopAssessment {
  return assessHop({
    countries: edge.countries,
    mechanism: edge.transferMechanism as TransferMechanism,
    on,
    recipient: { dpfCertifiedSince: edge.recipientDpfCertifiedSince },
    agreementPolicy: policy as ThirdCountryTransfers | null,
  });
}

/**
 * What a risk score reads of a hop's assessment (summarizeChain's note): whether it reaches a third
 * country, and its findings' kinds and countries. Two assessments with the same key change no score.
 */
export function hopRiskKey(a: HopAssessment): string {
  return JSON.stringify([a.worstClass === "THIRD_COUNTRY", a.findings.map((f) => [f.kind, f.country])]);
}

/** The engagement's own agreement: the one it names, else the one in force for the engaging processor. */
function ownTermOf(slot: number, input: ExposureInput, cache: AssessmentCache): AgreementTerm {
  let term = cache.ownTerm[slot];
  if (!term) {
    const edge = input.edgesByProcessor.edges[slot];
    term = edge.agreementId
      ? { agreementId: edge.agreementId, policy: edge.agreementPolicy }
      : input.policyOf(edge.processorId);
    cache.ownTerm[slot] = term;
  }
  return term;
}

/** The root's own term: the root processor's agreement in force. */
function rootTermOf(input: ExposureInput): AgreementTerm {
  return input.own
    ? { agreementId: input.own.agreementId, policy: input.own.agreementPolicy }
    : input.policyOf(input.rootId);
}

/**
 * The third-country clauses of the engagements as the walk binds hops by them: the controller's clause with
 * the root processor binds every hop below it (art. 28(4)), a hop's own agreement only where it is as strict.
 */
function bindingTerms(input: ExposureInput, cache: AssessmentCache): BindingTerms {
  const edges = input.edgesByProcessor.edges.length;
  if (!cache.ranks || cache.ranks.length !== edges) cache.ranks = new Int8Array(edges).fill(-1);
  return { ranks: cache.ranks, rankOf: (slot) => policyStrictness(ownTermOf(slot, input, cache).policy) };
}

/** The term a walk's binding names (BindingTerms). */
function termOf(binding: number, input: ExposureInput, cache: AssessmentCache, root: AgreementTerm): AgreementTerm {
  return binding >= 0 ? ownTermOf(binding, input, cache) : binding === BOUND_BY_ROOT ? root : NO_TERM;
}

/** The hop over `slot` judged under a clause of rank `bound` (policyStrictness) binding it. */
function assessEdge(slot: number, bound: number, input: ExposureInput, cache: AssessmentCache): HopAssessment {
  const rank = judgedStrictness(bound);
  const at = slot * POLICY_RANKS + rank;
  const cached = cache.bySlot[at];
  if (cached) return cached;
  const edge = input.edgesByProcessor.edges[slot];
  const policy = POLICY_BY_STRICTNESS[rank];
  const terms = [edge.countries.join(","), edge.transferMechanism, edge.recipientDpfCertifiedSince, policy].join("|");
  let assessment = cache.byTerms.get(terms);
  if (!assessment) {
    assessment = assessChainEdge(edge, policy, input.on);
    cache.byTerms.set(terms, assessment);
  }
  return (cache.bySlot[at] = assessment);
}

/** The processor's own processing as hop 0, when its agreement names where it processes. */
function ownAssessment(input: ExposureInput): HopAssessment | null {
  if (!input.own || !input.own.countries.length) return null;
  return assessHop({
    countries: input.own.countries,
    mechanism: TransferMechanism.UNKNOWN,
    on: input.on,
    recipient: { dpfCertifiedSince: input.own.dpfCertifiedSince },
    agreementPolicy: input.own.agreementPolicy as ThirdCountryTransfers | null,
  });
}

/**
 * walk() of the input's chain, each hop with its own agreement, the term that binds it (BindingTerms: the
 * strictest clause on its chain from the root processor's agreement in force) and its assessment under that.
 */
function walkBound(
  input: ExposureInput,
  visit: (
    slot: number,
    depth: number,
    parentHop: number,
    own: AgreementTerm,
    bound: AgreementTerm,
    assessment: HopAssessment,
  ) => void,
): void {
  const cache = (input.assessed ??= new AssessmentCache());
  const root = rootTermOf(input);
  input.edgesByProcessor.walk(
    input.rootId,
    input.maxDepth,
    (slot, depth, parentHop, _reached, binding) => {
      const bound = termOf(binding, input, cache, root);
      visit(
        slot,
        depth,
        parentHop,
        ownTermOf(slot, input, cache),
        bound,
        assessEdge(slot, policyStrictness(bound.policy), input, cache),
      );
    },
    bindingTerms(input, cache),
    policyStrictness(root.policy),
  );
}

/** Breadth first, each engagement once (reached by its shortest path), so cycles cannot loop. */
export function rollUpExposure(input: ExposureInput): Exposure {
  const hops: ExposureHop[] = [];
  const own = ownAssessment(input);
  if (own)
    hops.push(
      new Hop(
        null,
        null,
        input.rootId,
        0,
        input.own!.agreementId,
        input.own!.agreementPolicy,
        input.own!.agreementId,
        null,
        own,
        null,
        input.rootId,
      ),
    );
  const walked: Hop[] = [];
  walkBound(input, (slot, depth, parentHop, ownTerm, bound, assessment) => {
    const edge = input.edgesByProcessor.edges[slot];
    const hop = new Hop(
      edge.engagementId,
      edge.processorId,
      edge.subprocessorId,
      depth,
      ownTerm.agreementId,
      bound.policy,
      bound.agreementId,
      edge.transferMechanism as TransferMechanism,
      assessment,
      parentHop >= 0 ? walked[parentHop] : null,
      input.rootId,
    );
    walked.push(hop);
    hops.push(hop);
  });
  return summarize(hops);
}

/** A hop as walkHops shows it: valid during the call only (the same object is shown again with the next hop). */
export interface HopOnWalk extends Omit<ExposureHop, "path"> {
  /** The path, read when asked for. */
  pathIds(): string[];
}

/**
 * rollUpExposure's hops, in its order, one at a time and none kept: an export walks chains of tens of
 * thousands of hops per record, and hop objects that outlived a young-generation collection became
 * old-generation garbage (hundreds of MB per thousand records).
 */
export function walkHops(input: ExposureInput, visit: (hop: HopOnWalk) => void): void {
  const graph = input.edgesByProcessor;
  let parent = -1;
  let to = -1;
  const hop = {
    engagementId: null as string | null,
    fromProcessorId: null as string | null,
    toProcessorId: input.rootId,
    depth: 0,
    agreementId: null as string | null,
    agreementPolicy: null as string | null,
    policyAgreementId: null as string | null,
    mechanism: null as TransferMechanism | null,
    assessment: null as unknown as HopAssessment,
    pathIds: (): string[] => (hop.depth === 0 ? [input.rootId] : graph.pathOf(input.rootId, parent, to)),
  };
  const own = ownAssessment(input);
  if (own) {
    hop.agreementId = input.own!.agreementId;
    hop.agreementPolicy = input.own!.agreementPolicy;
    hop.policyAgreementId = input.own!.agreementId;
    hop.assessment = own;
    visit(hop);
  }
  walkBound(input, (slot, depth, parentHop, ownTerm, bound, assessment) => {
    const edge = graph.edges[slot];
    parent = parentHop;
    to = graph.numberOf(edge.subprocessorId)!;
    hop.engagementId = edge.engagementId;
    hop.fromProcessorId = edge.processorId;
    hop.toProcessorId = edge.subprocessorId;
    hop.depth = depth;
    hop.agreementId = ownTerm.agreementId;
    hop.agreementPolicy = bound.policy;
    hop.policyAgreementId = bound.agreementId;
    hop.mechanism = edge.transferMechanism as TransferMechanism;
    hop.assessment = assessment;
    visit(hop);
  });
}

/** What a processor's risk reads from its chain: the same walk as rollUpExposure, without the hops. */
export interface ChainSummary {
  /** Every processor below the root, once, by its number in the graph (ChainGraph.processorIds). */
  below: ArrayLike<number>;
  thirdCountryInChain: boolean;
  /** The deepest hop (0 = own processing only). */
  depth: number;
  findings: { kind: string; country: string | null; engagementId: string | null; depth: number }[];
}

export function summarizeChain(input: ExposureInput): ChainSummary {
  const below: number[] = [];
  const findings: ChainSummary["findings"] = [];
  let thirdCountryInChain = false;
  let depth = 0;
  // Plain loops and locals: this runs once per hop of a whole portfolio (millions).
  const note = (assessment: HopAssessment, engagementId: string | null, hopDepth: number) => {
    if (assessment.worstClass === "THIRD_COUNTRY") thirdCountryInChain = true;
    if (hopDepth > depth) depth = hopDepth;
    const found = assessment.findings;
    for (let i = 0; i < found.length; i++)
      findings.push({ kind: found[i].kind, country: found[i].country, engagementId, depth: hopDepth });
  };
  const own = ownAssessment(input);
  if (own) note(own, null, 0);
  const edges = input.edgesByProcessor.edges;
  const cache = (input.assessed ??= new AssessmentCache());
  const root = rootTermOf(input);
  input.edgesByProcessor.walk(
    input.rootId,
    input.maxDepth,
    (slot, hopDepth, _parentHop, reached, binding) => {
      const rank = policyStrictness(termOf(binding, input, cache, root).policy);
      note(assessEdge(slot, rank, input, cache), edges[slot].engagementId, hopDepth);
      if (reached >= 0) below.push(reached);
    },
    bindingTerms(input, cache),
    policyStrictness(root.policy),
  );
  return { below, thirdCountryInChain, depth, findings };
}

/**
 * summarizeChain of every input, from one walkEach: each root's `below` is a view into one shared array, and
 * only hops that reach a third country or have findings are looked at one by one. The inputs share one graph,
 * date, depth, policies and cache of hop assessments (as ChainWalker.inputsOf gives them).
 */
export function summarizeChains(inputs: ExposureInput[]): ChainSummary[] {
  if (!inputs.length) return [];
  const shared = inputs[0];
  const graph = shared.edgesByProcessor;
  const edges = graph.edges;
  const cache = (shared.assessed ??= new AssessmentCache());
  const assessmentAt = (slot: number, rank: number) =>
    cache.bySlot[slot * POLICY_RANKS + judgedStrictness(rank)] ?? assessEdge(slot, rank, shared, cache);
  const walked = graph.walkEach(
    inputs.map((i) => i.rootId),
    shared.maxDepth,
    (slot, rank) => {
      const a = assessmentAt(slot, rank);
      return a.worstClass === "THIRD_COUNTRY" || a.findings.length > 0;
    },
    bindingTerms(shared, cache),
    Int8Array.from(inputs, (input) => policyStrictness(rootTermOf(input).policy)),
  );
  return inputs.map((input, r) => {
    const findings: ChainSummary["findings"] = [];
    let thirdCountryInChain = false;
    const note = (assessment: HopAssessment, engagementId: string | null, hopDepth: number) => {
      if (assessment.worstClass === "THIRD_COUNTRY") thirdCountryInChain = true;
      for (const f of assessment.findings)
        findings.push({ kind: f.kind, country: f.country, engagementId, depth: hopDepth });
    };
    const own = ownAssessment(input);
    if (own) note(own, null, 0);
    for (let k = walked.markedStart[r]; k < walked.markedStart[r + 1]; k++) {
      const slot = walked.markedHops[3 * k];
      note(assessmentAt(slot, walked.markedHops[3 * k + 2]), edges[slot].engagementId, walked.markedHops[3 * k + 1]);
    }
    return {
      below: walked.below.subarray(walked.belowStart[r], walked.belowStart[r + 1]),
      thirdCountryInChain,
      depth: walked.deepest[r],
      findings,
    };
  });
}

function summarize(hops: ExposureHop[]): Exposure {
  let worst: CountryClass | null = null;
  const findings: Exposure["findings"] = [];
  for (const hop of hops) {
    worst = worseClass(worst, hop.assessment.worstClass);
    for (const finding of hop.assessment.findings) findings.push({ hop, finding });
  }
  let countries: string[] | undefined;
  return {
    hops,
    worstClass: worst,
    findings,
    // Read by the GraphQL view only; a portfolio roll-up never asks.
    get countries() {
      if (!countries) {
        const set = new Set<string>();
        for (const hop of hops) for (const d of hop.assessment.destinations) if (d.country) set.add(d.country);
        countries = [...set].sort();
      }
      return countries;
    },
  };
}
