// Gathers, set-wise, every fact the score reads for all of an organization's processors: a fixed
// number of SQL statements however many processors there are.
import type { RequestContext } from "../../context";
import { isoDateOf } from "../../common/dates";
import { toGlobalId } from "../../common/global-id";
import { Processor } from "../processors/processor.entity";
import { Agreement } from "../agreements/agreement.entity";
import { currentAgreementOf, outOfForceOf } from "../agreements/agreement.rules";
import { AgreementTemplate, Art28Element, SupervisionMethod } from "../agreements/agreement.enums";
import { Sensitivity, SENSITIVITY_ORDER } from "../taxonomy/taxonomy.entity";
import { chainService } from "../chains/chain.service";
import { DEFAULT_DUE_SOON_DAYS, supervisionPlanService } from "../supervision/supervision-plan.service";
import { FindingStatus } from "../supervision/supervision.enums";
import { notifiedLate } from "../supervision/breach-notice.rules";
import { countsAsSupervision } from "../supervision/audit-report.rules";
import { MAX_EVIDENCE, OwnFacts, RiskFacts } from "./risk-engine";
import type { AuditReport } from "../supervision/audit-report.entity";
import type { AuditFinding } from "../supervision/finding.entity";
import type { BreachNotice } from "../supervision/breach-notice.entity";
import type { SupervisionPlan } from "../supervision/supervision.types";
import { loadEach, loadFound } from "../../common/loader-kit";

const STANDARD_TEMPLATES = new Set<string>([AgreementTemplate.DATATILSYNET_SCC, AgreementTemplate.EU_SCC_2021_915]);

/**
 * Which art. 28(3) elements the agreement does not show. A typed clause shows its element; the two
 * standard templates contain (b), (c), (e) and (f) by construction; a reviewer may confirm any element.
 */
export function missingArt28Elements(a: Agreement, requiredMeasureCount: number): string[] {
  const standard = STANDARD_TEMPLATES.has(a.template);
  const shown: Record<Art28Element, boolean> = {
    A: a.thirdCountryTransfers !== null || standard,
    B: standard,
    C: standard || requiredMeasureCount > 0,
    D: a.subprocessorAuthorization !== null,
    E: standard,
    F: standard || a.breachNotificationHours !== null,
    G: a.endOfContractAction !== null,
    H: a.processorAuditMethods.length > 0,
  };
  return (Object.keys(shown) as Art28Element[])
    .filter((k) => !shown[k] && !a.confirmedArt28Elements.includes(k))
    .map((k) => k.toLowerCase());
}

interface ChainAgreementFacts {
  agreementId: string;
  /** Index in SENSITIVITY_ORDER of the most sensitive category; -1 for none. */
  rank: number;
  vulnerable: boolean;
}

/** Appends to the list under `key`, creating it. */
function addTo<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export interface GatheredFacts {
  processors: Processor[];
  facts: Map<string, RiskFacts>;
  /** Everything below each processor (its chain), for propagation, as numbers into processorAt. */
  descendants: Map<string, ArrayLike<number>>;
  processorAt: readonly string[];
  /** Processors below some of `processors` that are not among them (an incremental recompute). */
  outside: string[];
}

/**
 * `part`: these processors are a part of the portfolio (an incremental recompute): only the chain graph
 * below them is read, not the organization's whole graph, so the work follows what changed.
 */
export async function gatherRiskFacts(
  ctx: RequestContext,
  processors: Processor[],
  today: string,
  part = false,
  /** The whole portfolio: sends the caller's statements, to be read beside the chain walk (after what it reads). */
  beside?: () => void,
): Promise<GatheredFacts> {
  const L = ctx.loaders;
  const ids = processors.map((p) => p.id);
  for (const p of processors) L.processorById.prime(p.id, p);
  // The whole graph, or (a part) the graph below the part and the engagements into it: what the walks
  // and the covering agreements below read of the graph either way. The whole graph is read beside the
  // processors' own records (sent together: the database reads the next while this process parses the
  // one before); a part needs its graph first, to know which agreements below to read with its own.
  const whole = part ? null : L.chainEdges.load("");
  let { below: edges, into } = part ? await chainService.edgesAround(ctx, ids) : { below: [], into: [] };
  // A part also needs the agreements of the processors below it (the policies that govern their hops, the
  // data they count for above): read in the same batch as the part's own.
  const belowIds = part ? [...new Set(edges.map((e) => e.subprocessorId))] : [];
  const [agreementLists, reportLists, findingLists, breachLists, , all] = await Promise.all([
    loadEach(L.agreementsByProcessor, ids),
    loadEach(L.auditReportsByProcessor, ids),
    loadEach(L.findingsByProcessor, ids),
    loadEach(L.breachNoticesByProcessor, ids),
    loadEach(L.agreementsByProcessor, belowIds),
    whole,
  ]);
  if (all) edges = into = all;
  const current = new Map<string, Agreement>();
  agreementLists.forEach((list, i) => {
    const a = currentAgreementOf(list, today);
    if (a) current.set(ids[i], a);
  });
  const engaging = new Set(edges.map((e) => e.processorId));
  // A sub-processor processes the data of the agreement its engagement was approved under.
  const approvedUnder = new Map<string, string[]>();
  for (const e of into) if (e.agreementId) addTo(approvedUnder, e.subprocessorId, e.agreementId);
  const agreementById = new Map(agreementLists.flat().map((a) => [a.id, a]));
  // Only the agreements that cover the processors scored here (all of them in a full recompute).
  const coveringIds = [...new Set(ids.flatMap((id) => approvedUnder.get(id) ?? []))];
  const missingUpstream = coveringIds.filter((id) => !agreementById.has(id));
  if (missingUpstream.length) {
    for (const a of await loadFound(L.agreementById, missingUpstream)) agreementById.set(a.id, a);
  }
  const allReports = reportLists.flat();
  // The whole portfolio has no processors outside it (below): what its agreements hold is known now and read
  // while this process walks the chains (the database would otherwise wait for the walk, and the walk for it).
  const early = part
    ? null
    : linksOf(
        ctx,
        [...new Set([...[...current.values()].map((a) => a.id), ...coveringIds])],
        [...current.values()].map((a) => a.id),
      );
  early?.catch(() => undefined); // awaited below; a failure in the meantime is not unhandled
  const planning = supervisionPlanService.plansFor(ctx, processors, DEFAULT_DUE_SOON_DAYS);
  const reviewing = loadEach(
    L.reviewsByAuditReport,
    allReports.map((r) => r.id),
  );
  if (!part) {
    // The loaders send on the next tick: their reads (and the caller's) go out before the walk holds this process.
    planning.catch(() => undefined);
    reviewing.catch(() => undefined);
    await new Promise((resolve) => setImmediate(resolve));
    beside?.();
  }
  const [{ graph, chains }, plans, reviewLists] = await Promise.all([
    chainService.summarizeEach(ctx, processors, edges),
    planning,
    reviewing,
  ]);
  // A part of the portfolio (an incremental recompute) also reads the agreements in force of the
  // processors below it that are not recomputed: their data counts in the chains above.
  const inPart = new Set(ids);
  const belowOutside = new Set<string>();
  const graphIds = graph.processorIds;
  // (The whole portfolio has nothing outside it: its chains hold millions of steps, so they are not walked.)
  if (part)
    for (const chain of chains)
      for (let j = 0; j < chain.below.length; j++) {
        const id = graphIds[chain.below[j]];
        if (!inPart.has(id)) belowOutside.add(id);
      }
  // (Archived processors are not scored and count for nothing, as in a full recompute.)
  const archived = new Set(edges.filter((e) => e.recipientArchived).map((e) => e.subprocessorId));
  const outside = [...belowOutside].filter((id) => !archived.has(id));
  const partCurrentIds = [...current.values()].map((a) => a.id);
  if (outside.length) {
    (await loadEach(L.agreementsByProcessor, outside)).forEach((list, i) => {
      const a = currentAgreementOf(list, today);
      if (a) current.set(outside[i], a);
      for (const x of list) agreementById.set(x.id, x);
    });
  }
  const currentIds = [...current.values()].map((a) => a.id);
  const [links] = await (early ?? linksOf(ctx, [...new Set([...currentIds, ...coveringIds])], partCurrentIds));
  const { categories: categoryRows, measures: measureRows } = links;
  const sensitivityOf = new Map<string, Sensitivity>();
  for (const r of categoryRows) {
    const prev = sensitivityOf.get(r.agreement_id);
    if (!prev || SENSITIVITY_ORDER.indexOf(r.sensitivity) > SENSITIVITY_ORDER.indexOf(prev))
      sensitivityOf.set(r.agreement_id, r.sensitivity);
  }
  const vulnerable = new Set(links.subjects);
  const measuresOf = new Map<string, { status: string; measureId: string }[]>();
  for (const r of measureRows) addTo(measuresOf, r.processor_id, { status: r.status, measureId: r.measure_id });

  const reviewed = new Set(allReports.filter((_, i) => reviewLists[i].length > 0).map((r) => r.id));
  const counting = new Set(allReports.filter((_, i) => countsAsSupervision(reviewLists[i])).map((r) => r.id));

  // What each agreement adds to a chain it is part of: how sensitive its data is, and whether its data subjects are
  // vulnerable.
  const factsOfAgreement = (agreementId: string): ChainAgreementFacts => {
    const s = sensitivityOf.get(agreementId);
    return { agreementId, rank: s ? SENSITIVITY_ORDER.indexOf(s) : -1, vulnerable: vulnerable.has(agreementId) };
  };
  // By the chain graph's processor numbers, in typed arrays: the chains below read them millions of times.
  // A processor without an agreement in force ranks -1 and is not vulnerable: it counts for nothing.
  const processorAt = graph.processorIds;
  const agreementAt = processorAt.map((id) => current.get(id)?.id);
  const rankAt = new Int8Array(processorAt.length).fill(-1);
  const vulnerableAt = new Uint8Array(processorAt.length);
  agreementAt.forEach((id, d) => {
    if (id === undefined) return;
    const x = factsOfAgreement(id);
    rankAt[d] = x.rank;
    vulnerableAt[d] = x.vulnerable ? 1 : 0;
  });
  const chainData = { rankAt, vulnerableAt, agreementAt };
  // An engagement's or agreement's global id, once however many chains it is in.
  const engagementGlobalId = globalIdsOf("SubprocessorEngagement");
  const agreementGlobalId = globalIdsOf("Agreement");
  const facts = new Map<string, RiskFacts>();
  const descendants = new Map<string, ArrayLike<number>>();
  processors.forEach((p, i) => {
    const a = current.get(p.id) ?? null;
    const chain = chains[i];
    descendants.set(p.id, chain.below);
    // The most sensitive data anywhere in the chain: this agreement and those of everything below.
    const upstream = a ? [] : (approvedUnder.get(p.id) ?? []).map((id) => agreementById.get(id) ?? null);
    const first = [a, ...upstream].flatMap((x) => (x ? [factsOfAgreement(x.id)] : []));
    const { rank, sourceIds, vulnerableSubjects } = mostSensitiveInChain(first, chain.below, chainData);
    const mostSensitive = rank >= 0 ? SENSITIVITY_ORDER[rank] : null;
    const sources = sourceIds.map(agreementGlobalId);
    // The chain's findings of the two kinds the score reads, in the chain's order, in one pass.
    const hopsWithoutMechanism: RiskFacts["hopsWithoutMechanism"] = [];
    const prohibitedTransfers: RiskFacts["prohibitedTransfers"] = [];
    for (const f of chain.findings) {
      const list = WITHOUT_MECHANISM.has(f.kind)
        ? hopsWithoutMechanism
        : f.kind === "PROHIBITED_BY_AGREEMENT"
          ? prohibitedTransfers
          : null;
      list?.push({
        engagementId: f.engagementId ? engagementGlobalId(f.engagementId) : null,
        label: `${f.country ?? "country not stated"} at depth ${f.depth}`,
      });
    }
    const measures = measuresOf.get(p.id) ?? [];
    // Written out rather than spread: a spread and fifteen properties added after it cost ten times as much
    // (measured: 0.4–0.8 s for 10,000 processors, against 30–100 ms).
    const own = ownFactsOf(
      today,
      plans[i],
      reportLists[i],
      reviewed,
      counting,
      findingLists[i],
      measures,
      breachLists[i],
    );
    facts.set(p.id, {
      today: own.today,
      supervision: own.supervision,
      methodUsed: own.methodUsed,
      latestReport: own.latestReport,
      unreviewedReportIds: own.unreviewedReportIds,
      openFindings: own.openFindings,
      requiredMeasures: own.requiredMeasures,
      breachNotices: own.breachNotices,
      assuranceReports: own.assuranceReports,
      agreementId: a ? agreementGlobalId(a.id) : null,
      agreementOutOfForce: a ? null : outOfForce(agreementLists[i], today, agreementGlobalId),
      coveredByAgreementId:
        !a && approvedUnder.get(p.id)?.length ? agreementGlobalId(approvedUnder.get(p.id)![0]) : null,
      dataSubjectVolume: a?.dataSubjectVolume ?? "UNKNOWN",
      mostSensitive,
      sensitivitySourceIds: sources,
      vulnerableSubjects,
      processingNature: a?.processingNature ?? [],
      thirdCountryInChain: chain.thirdCountryInChain,
      chainDepth: chain.depth,
      missingArt28Elements: a ? missingArt28Elements(a, measures.length) : [],
      breachNotificationHours: a?.breachNotificationHours ?? null,
      hopsWithoutMechanism,
      prohibitedTransfers,
      chainUnknown: !!a && a.subprocessorAuthorization !== null && !engaging.has(p.id),
    });
  });
  return { processors, facts, descendants, processorAt, outside };
}

/** What the agreements hold (categories, vulnerable subjects; required measures of `currentIds`), one round trip. */
function linksOf(
  ctx: RequestContext,
  agreementIds: string[],
  currentIds: string[],
): Promise<
  {
    categories: { agreement_id: string; sensitivity: Sensitivity }[];
    subjects: string[];
    measures: { processor_id: string; measure_id: string; status: string }[];
  }[]
> {
  return ctx.manager.query(
    `SELECT
       (SELECT coalesce(json_agg(json_build_object('agreement_id', l.agreement_id, 'sensitivity', dc.sensitivity)),
          '[]')
          FROM agreement_data_category l JOIN data_category dc ON dc.id = l.data_category_id
         WHERE l.agreement_id = ANY($1)) AS categories,
       (SELECT coalesce(json_agg(DISTINCT l.agreement_id), '[]')
          FROM agreement_data_subject_category l JOIN data_subject_category s ON s.id = l.data_subject_category_id
         WHERE l.agreement_id = ANY($1) AND s.vulnerable) AS subjects,
       (SELECT coalesce(json_agg(json_build_object('processor_id', a.processor_id, 'measure_id', rm.measure_id,
          'status', coalesce(pm.status::text, 'UNKNOWN')) ORDER BY a.processor_id, rm.measure_id), '[]')
          FROM agreement_required_measure rm JOIN agreement a ON a.id = rm.agreement_id
          LEFT JOIN processor_measure pm ON pm.processor_id = a.processor_id AND pm.measure_id = rm.measure_id
         WHERE rm.agreement_id = ANY($2)) AS measures`,
    [agreementIds, currentIds],
  );
}

/** The ACTIVE agreement on file that is not in force today (expired or not yet started), as the score names it. */
function outOfForce(
  agreements: Agreement[],
  today: string,
  globalId: (id: string) => string,
): RiskFacts["agreementOutOfForce"] {
  const x = outOfForceOf(agreements, today);
  return x && { agreementId: globalId(x.agreement.id), endedOn: x.endedOn, startsOn: x.startsOn };
}

/** toGlobalId of one type, each id encoded once. */
function globalIdsOf(typeName: string): (id: string) => string {
  const known = new Map<string, string>();
  return (id) => {
    let gid = known.get(id);
    if (gid === undefined) known.set(id, (gid = toGlobalId(typeName, id)));
    return gid;
  };
}

const WITHOUT_MECHANISM = new Set(["NO_VALID_MECHANISM", "DPF_RECIPIENT_NOT_CERTIFIED"]);

/**
 * The most sensitive data of a chain: the highest rank among the agreements `first` (the processor's own,
 * or those covering it) and those of the processors `below` (numbers into the typed arrays), the first
 * MAX_EVIDENCE agreements of that rank in that order (the evidence), and whether any has vulnerable
 * subjects. Two passes of array reads: a chain holds up to thousands of processors, a portfolio millions.
 */
function mostSensitiveInChain(
  first: ChainAgreementFacts[],
  below: ArrayLike<number>,
  at: { rankAt: Int8Array; vulnerableAt: Uint8Array; agreementAt: (string | undefined)[] },
): { rank: number; sourceIds: string[]; vulnerableSubjects: boolean } {
  const { rankAt, vulnerableAt, agreementAt } = at;
  let rank = -1;
  let vulnerable = 0;
  for (const x of first) {
    if (x.rank > rank) rank = x.rank;
    if (x.vulnerable) vulnerable = 1;
  }
  for (let j = 0; j < below.length; j++) {
    const d = below[j];
    if (rankAt[d] > rank) rank = rankAt[d];
    vulnerable |= vulnerableAt[d];
  }
  const sourceIds: string[] = [];
  if (rank >= 0) {
    for (const x of first) if (x.rank === rank && sourceIds.length < MAX_EVIDENCE) sourceIds.push(x.agreementId);
    for (let j = 0; j < below.length && sourceIds.length < MAX_EVIDENCE; j++)
      if (rankAt[below[j]] === rank) sourceIds.push(agreementAt[below[j]]!);
  }
  return { rank, sourceIds, vulnerableSubjects: vulnerable === 1 };
}

/**
 * What a processor's own records give (the same for a whole portfolio and for one processor). `counting`: the
 * reports that count as supervision (countsAsSupervision, the plan's rule): a report rejected on its latest review is
 * neither the latest report (opinion, age) nor assurance; it is still reviewed.
 */
function ownFactsOf(
  today: string,
  plan: SupervisionPlan | null,
  allReports: AuditReport[],
  reviewed: Set<string>,
  counting: Set<string>,
  findings: AuditFinding[],
  measures: { status: string; measureId: string }[],
  breaches: BreachNotice[],
): OwnFacts {
  const reports = allReports.filter((r) => counting.has(r.id));
  const lastCounted = plan?.lastReportId ? reports.find((r) => r.id === plan.lastReportId) : undefined;
  return {
    today,
    supervision: plan
      ? {
          status: plan.status,
          nextDueOn: plan.nextDueOn,
          lastReportId: plan.lastReportId ? toGlobalId("AuditReport", plan.lastReportId) : null,
        }
      : null,
    methodUsed:
      (lastCounted && (lastCounted.type as string) in SupervisionMethod
        ? (lastCounted.type as unknown as SupervisionMethod)
        : null) ??
      plan?.chosenMethod ??
      null,
    latestReport: reports[0]
      ? {
          id: toGlobalId("AuditReport", reports[0].id),
          opinion: reports[0].opinion,
          receivedOn: reports[0].receivedOn,
        }
      : null,
    unreviewedReportIds: allReports.filter((r) => !reviewed.has(r.id)).map((r) => toGlobalId("AuditReport", r.id)),
    openFindings: findings
      .filter((f) => f.status !== FindingStatus.CLOSED)
      .map((f) => ({ id: toGlobalId("AuditFinding", f.id), severity: f.severity })),
    requiredMeasures: {
      total: measures.length,
      notImplemented: measures.filter((m) => m.status === "NOT_IMPLEMENTED").length,
      unknown: measures.filter((m) => m.status === "UNKNOWN" || m.status === "PARTIAL").length,
      ids: measures.filter((m) => m.status !== "IMPLEMENTED").map((m) => toGlobalId("Measure", m.measureId)),
    },
    breachNotices: breaches.map((b) => ({
      id: toGlobalId("BreachNotice", b.id),
      notifiedOn: isoDateOf(b.notifiedAt),
      late: notifiedLate(b),
    })),
    assuranceReports: reports.map((r) => ({
      id: toGlobalId("AuditReport", r.id),
      type: r.type,
      reportKind: r.reportKind,
      opinion: r.opinion,
      receivedOn: r.receivedOn,
      validUntil: r.validUntil,
      coversPurchasedServices: r.coversPurchasedServices,
    })),
  };
}

/** The SQL of a processor's required measures with their status, by processor (agreement ids in $1). */
const REQUIRED_MEASURES = `SELECT a.processor_id, rm.measure_id, coalesce(pm.status::text, 'UNKNOWN') AS status
   FROM agreement_required_measure rm JOIN agreement a ON a.id = rm.agreement_id
   LEFT JOIN processor_measure pm ON pm.processor_id = a.processor_id AND pm.measure_id = rm.measure_id
  WHERE rm.agreement_id = ANY($1)
  ORDER BY a.processor_id, rm.measure_id`;

/**
 * The OwnFacts of one processor: its own records only, no chain and no agreement contents but its required
 * measures (what a write to its findings, reports, reviews, breach notices, measures or supervision plan
 * changes).
 */
export async function gatherOwnFacts(ctx: RequestContext, p: Processor, today: string): Promise<OwnFacts> {
  const L = ctx.loaders;
  L.processorById.prime(p.id, p);
  const [agreements, reports, findings, breaches, [plan]] = await Promise.all([
    L.agreementsByProcessor.load(p.id),
    L.auditReportsByProcessor.load(p.id),
    L.findingsByProcessor.load(p.id),
    L.breachNoticesByProcessor.load(p.id),
    supervisionPlanService.plansFor(ctx, [p], DEFAULT_DUE_SOON_DAYS),
  ]);
  const a = currentAgreementOf(agreements, today);
  const [reviewLists, measureRows] = await Promise.all([
    loadEach(
      L.reviewsByAuditReport,
      reports.map((r) => r.id),
    ),
    a
      ? (ctx.manager.query(REQUIRED_MEASURES, [[a.id]]) as Promise<{ measure_id: string; status: string }[]>)
      : Promise.resolve([]),
  ]);
  const reviewed = new Set(reports.filter((_, i) => reviewLists[i].length > 0).map((r) => r.id));
  const counting = new Set(reports.filter((_, i) => countsAsSupervision(reviewLists[i])).map((r) => r.id));
  const measures = measureRows.map((r) => ({ status: r.status, measureId: r.measure_id }));
  return ownFactsOf(today, plan, reports, reviewed, counting, findings, measures, breaches);
}
