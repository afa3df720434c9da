// Transfer exposure of a processor's whole chain: each hop assessed by the transfer rules, then
// rolled up. Pure: the graph comes in as data, so it is unit-tested on generated chains.
import { assessHop, CountryClass, HopAssessment, HopFinding, worseClass } from "../transfers/transfer-rules";
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
  path: string[];
  agreementId: string | null;
  agreementPolicy: string | null;
  mechanism: TransferMechanism | null;
  assessment: HopAssessment;
}

export interface Exposure {
  hops: ExposureHop[];
  countries: string[];
  worstClass: CountryClass | null;
  findings: { hop: ExposureHop; finding: HopFinding }[];
}

export interface ExposureInput {
  rootId: string;
  own: OwnProcessing | null;
  edgesByProcessor: Map<string, ChainEdge[]>;
  /** thirdCountryTransfers of the agreement in force for a processor, for hops that name no agreement. */
  policyOf: (processorId: string) => { agreementId: string | null; policy: string | null };
  on: string;
  maxDepth: number;
}

export function indexEdges(edges: ChainEdge[]): Map<string, ChainEdge[]> {
  const map = new Map<string, ChainEdge[]>();
  for (const e of edges) {
    const list = map.get(e.processorId);
    if (list) list.push(e);
    else map.set(e.processorId, [e]);
  }
  return map;
}

/** Breadth first, each engagement once (reached by its shortest path), so cycles cannot loop. */
export function rollUpExposure(input: ExposureInput): Exposure {
  const hops: ExposureHop[] = [];
  if (input.own && input.own.countries.length) {
    hops.push({
      engagementId: null,
      fromProcessorId: null,
      toProcessorId: input.rootId,
      depth: 0,
      path: [input.rootId],
      agreementId: input.own.agreementId,
      agreementPolicy: input.own.agreementPolicy,
      mechanism: null,
      assessment: assessHop({
        countries: input.own.countries,
        mechanism: TransferMechanism.UNKNOWN,
        on: input.on,
        recipient: { dpfCertifiedSince: input.own.dpfCertifiedSince },
        agreementPolicy: input.own.agreementPolicy as ThirdCountryTransfers | null,
      }),
    });
  }
  const seen = new Set<string>();
  let frontier: { processorId: string; path: string[] }[] = [{ processorId: input.rootId, path: [input.rootId] }];
  for (let depth = 1; depth <= input.maxDepth && frontier.length; depth++) {
    const next: typeof frontier = [];
    for (const { processorId, path } of frontier) {
      for (const edge of input.edgesByProcessor.get(processorId) ?? []) {
        if (seen.has(edge.engagementId)) continue;
        seen.add(edge.engagementId);
        const governing = edge.agreementId
          ? { agreementId: edge.agreementId, policy: edge.agreementPolicy }
          : input.policyOf(edge.processorId);
        const hopPath = [...path, edge.subprocessorId];
        hops.push({
          engagementId: edge.engagementId,
          fromProcessorId: edge.processorId,
          toProcessorId: edge.subprocessorId,
          depth,
          path: hopPath,
          agreementId: governing.agreementId,
          agreementPolicy: governing.policy,
          mechanism: edge.transferMechanism as TransferMechanism,
          assessment: assessHop({
            countries: edge.countries,
            mechanism: edge.transferMechanism as TransferMechanism,
            on: input.on,
            recipient: { dpfCertifiedSince: edge.recipientDpfCertifiedSince },
            agreementPolicy: governing.policy as ThirdCountryTransfers | null,
          }),
        });
        if (!path.includes(edge.subprocessorId)) next.push({ processorId: edge.subprocessorId, path: hopPath });
      }
    }
    frontier = next;
  }
  return summarize(hops);
}

function summarize(hops: ExposureHop[]): Exposure {
  const countries = new Set<string>();
  let worst: CountryClass | null = null;
  const findings: Exposure["findings"] = [];
  for (const hop of hops) {
    for (const d of hop.assessment.destinations) if (d.country) countries.add(d.country);
    worst = worseClass(worst, hop.assessment.worstClass);
    for (const finding of hop.assessment.findings) findings.push({ hop, finding });
  }
  return { hops, countries: [...countries].sort(), worstClass: worst, findings };
}
