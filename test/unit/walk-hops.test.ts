// walkHops (the exports' walk, no hop kept) against rollUpExposure (hop objects with their paths) on
// seeded random graphs with shared sub-processors, loops, agreements and third countries: same hops,
// same order, same paths, so the export's rows stay byte-identical.
import {
  AssessmentCache,
  ExposureInput,
  indexEdges,
  rollUpExposure,
  summarizeChain,
  summarizeChains,
  walkHops,
} from "../../src/modules/chains/exposure";
import type { ChainEdge } from "../../src/modules/chains/chain.sql";
import { mulberry32 } from "../../bench/lib/generate";

const COUNTRIES = [["DE"], ["US"], ["IN", "DK"], [], ["GB"], ["US", "CN"]];
const MECHANISMS = ["NOT_NEEDED_EEA", "SCC", "UNKNOWN", "DPF", "BCR"];

function randomGraph(seed: number, nodes: number, edges: number): ChainEdge[] {
  const rnd = mulberry32(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
  return Array.from({ length: edges }, (_, i) => {
    // Mostly downwards (a chain), some edges back up (loops) and to itself.
    const from = Math.floor(rnd() * nodes);
    const to = rnd() < 0.85 ? Math.min(nodes - 1, from + 1 + Math.floor(rnd() * 5)) : Math.floor(rnd() * nodes);
    const governed = rnd() < 0.5;
    return {
      engagementId: `e${i}`,
      processorId: `p${from}`,
      subprocessorId: `p${to}`,
      countries: pick(COUNTRIES),
      transferMechanism: pick(MECHANISMS),
      agreementId: governed ? `a${from}` : null,
      agreementPolicy: governed ? pick(["ALLOWED", "PROHIBITED", "WITH_APPROVAL", null]) : null,
      recipientDpfCertifiedSince: rnd() < 0.2 ? "2024-01-01" : null,
    };
  });
}

const plain = (h: { pathIds?: () => string[]; path?: string[] } & Record<string, unknown>) => ({
  engagementId: h.engagementId,
  fromProcessorId: h.fromProcessorId,
  toProcessorId: h.toProcessorId,
  depth: h.depth,
  agreementId: h.agreementId,
  agreementPolicy: h.agreementPolicy,
  policyAgreementId: h.policyAgreementId,
  mechanism: h.mechanism,
  assessment: h.assessment,
  path: h.path ?? h.pathIds!(),
});

test.each([1, 2, 3, 4, 5, 6])("walkHops gives rollUpExposure's hops in its order (seed %i)", (seed) => {
  const edges = randomGraph(seed, 60, 240);
  const graph = indexEdges(edges);
  const policies = new Map(edges.map((e) => [e.processorId, { agreementId: `a-${e.processorId}`, policy: "ALLOWED" }]));
  let hops = 0;
  for (let root = 0; root < 60; root += 7) {
    const input = (): ExposureInput => ({
      rootId: `p${root}`,
      own:
        root % 2
          ? {
              processorId: `p${root}`,
              countries: ["US"],
              agreementId: "dpa",
              agreementPolicy: null,
              dpfCertifiedSince: null,
            }
          : null,
      edgesByProcessor: graph,
      policyOf: (id) => policies.get(id) ?? { agreementId: null, policy: null },
      on: "2026-06-01",
      maxDepth: 50,
      assessed: new AssessmentCache(),
    });
    const expected = rollUpExposure(input()).hops.map((h) => plain(h as never));
    const walked: ReturnType<typeof plain>[] = [];
    walkHops(input(), (h) => walked.push(plain(h as never)));
    expect(walked).toEqual(expected);
    hops += walked.length;
  }
  expect(hops).toBeGreaterThan(100);
});

/** Processors reachable from the roots, by a plain breadth-first search over id sets. */
function reachableBySets(edges: ChainEdge[], roots: string[]): Set<string> {
  const below = new Map<string, string[]>();
  for (const e of edges) below.set(e.processorId, [...(below.get(e.processorId) ?? []), e.subprocessorId]);
  const known = new Set(edges.flatMap((e) => [e.processorId, e.subprocessorId]));
  const seen = new Set(roots.filter((r) => known.has(r)));
  const queue = [...seen];
  while (queue.length) {
    for (const to of below.get(queue.shift()!) ?? []) {
      if (seen.has(to)) continue;
      seen.add(to);
      queue.push(to);
    }
  }
  return seen;
}

// ChainGraph.reach (what an export's batches use instead of sets of thousands of processors) shares the
// walk's marks: it must find the same processors as a search over sets, each once, and leave walks intact.
test.each([7, 8, 9])("reach finds every processor the roots reach, once, between walks (seed %i)", (seed) => {
  const edges = randomGraph(seed, 80, 260);
  const graph = indexEdges(edges);
  const walkFrom = (root: string) => {
    const slots: number[] = [];
    graph.walk(root, 50, (slot) => slots.push(slot));
    return slots;
  };
  const before = walkFrom("p0");
  for (const roots of [["p0"], ["p3", "p40", "p3"], ["p79", "unknown", "p11"], []]) {
    const reached: string[] = [];
    graph.reach(roots, (node) => reached.push(graph.processorIds[node]));
    expect(new Set(reached).size).toBe(reached.length);
    expect(new Set(reached)).toEqual(reachableBySets(edges, roots));
    expect(walkFrom("p0")).toEqual(before);
  }
  const engaging: number[] = [];
  graph.slotsOf(graph.numberOf("p5")!, (slot) => engaging.push(slot));
  expect(engaging).toEqual(edges.flatMap((e, slot) => (e.processorId === "p5" ? [slot] : [])));
});

// summarizeChains (a whole portfolio's risk, one walkEach into shared arrays) against summarizeChain root by
// root: the same processors below in the same order (propagation and the sensitivity evidence take the first),
// the same findings in the same order with their depths, the same depth and third-country flag. Depth 3 and 6
// cut chains that go on (the bench portfolio's depth is 6); roots outside the graph and repeated roots included.
test.each([
  [11, 3],
  [12, 6],
  [13, 50],
  [14, 6],
])("summarizeChains gives summarizeChain's summary of every root (seed %i, depth %i)", (seed, maxDepth) => {
  const edges = randomGraph(seed, 70, 260);
  const graph = indexEdges(edges);
  // Some engaging processors' and roots' agreements prohibit transfers: their clause binds the chains below them.
  const policyAt = (n: number) => ["ALLOWED", null, "PROHIBITED", "ALLOWED_WITH_SAFEGUARDS"][n % 4];
  const policies = new Map(
    edges.map((e) => [
      e.processorId,
      { agreementId: `a-${e.processorId}`, policy: policyAt(seed + e.processorId.length) },
    ]),
  );
  const roots = [...Array.from({ length: 70 }, (_, i) => `p${i}`), "unknown", "p5", "p0"];
  const inputs = (assessed: AssessmentCache): ExposureInput[] =>
    roots.map((rootId, i) => ({
      rootId,
      own:
        i % 3 === 0
          ? {
              processorId: rootId,
              countries: ["US"],
              agreementId: "dpa",
              agreementPolicy: policyAt(i),
              dpfCertifiedSince: null,
            }
          : null,
      edgesByProcessor: graph,
      policyOf: (id) => policies.get(id) ?? { agreementId: null, policy: null },
      on: "2026-06-01",
      maxDepth,
      assessed,
    }));
  const one = (x: ReturnType<typeof summarizeChain>) => ({ ...x, below: Array.from(x.below) });
  const expected = inputs(new AssessmentCache()).map((input) => one(summarizeChain(input)));
  const together = summarizeChains(inputs(new AssessmentCache())).map(one);
  expect(together).toEqual(expected);
  expect(expected.reduce((n, x) => n + x.below.length, 0)).toBeGreaterThan(500);
  expect(expected.reduce((n, x) => n + x.findings.length, 0)).toBeGreaterThan(50);
  expect(expected.some((x) => x.findings.some((f) => f.depth === 0))).toBe(true);
});
