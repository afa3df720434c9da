// The chain below (and above) a processor, read by recursive SQL. Each query is one statement,
// cycle-safe (a path never revisits a processor) and bounded by depth and row limits.
import { EntityManager } from "typeorm";
import { hydrate, nullsExcept, selectColumns } from "../../common/hydrate";
import { stringInterner } from "../../common/intern";
import { Processor } from "../processors/processor.entity";
import { SubprocessorEngagement } from "../subprocessors/engagement.entity";
import { engagementApproved } from "../subprocessors/engagement.sql";
import { dateLiteral } from "../agreements/agreement.sql";
import { todayIso } from "../../common/dates";

/**
 * Which engagements make up the chain on a date: those approved then, plus those proposed under a
 * GENERAL authorisation whose objection period had run out without an objection (deemed accepted the
 * day after the deadline, whether or not settleChangeNotices has recorded it yet), minus those such a
 * lapsed notice replaces. Today this reads the engagement table (its status and dates, inForceNow); for a date
 * (asOf), the history.
 */
interface EdgeSource {
  /** A CTE the relation needs, if any. */
  cte: string | null;
  relation: string;
  inForce: (alias: string) => string;
}

const HISTORY_COLUMNS = new Set([
  "processor_id",
  "subprocessor_id",
  "agreement_id",
  "purpose",
  "countries",
  "transfer_mechanism",
  "status",
]);

/** A notice under GENERAL authorisation that nobody objected to before its deadline, as of `onDate`. */
function lapsedGeneralNotice(
  column: "engagement_id" | "replaces_engagement_id",
  engagementId: string,
  onDate: string,
): string {
  // IN (not a correlated EXISTS): the planner may hash the notices once instead of scanning them per engagement
  // (the OR in inForceOn keeps it from an anti-join; 50,000 engagements took 110 ms, hashed 25 ms). No NULLs
  // in the list, so NOT IN is NOT EXISTS.
  return `${engagementId} IN (SELECT n.${column} FROM subprocessor_change_notice n
     WHERE n.${column} IS NOT NULL AND n."authorization" = 'GENERAL' AND n.decision <> 'OBJECTED' AND n.deadline <
       ${onDate})`;
}

/** `approved`: the engagement is approved on `onDate` (the history's status, or the row's status and dates). */
function inForceOn(approved: string, status: string, engagementId: string, onDate: string): string {
  return `((${approved} AND NOT ${lapsedGeneralNotice("replaces_engagement_id", engagementId, onDate)})
    OR (${status} = 'PROPOSED' AND ${lapsedGeneralNotice("engagement_id", engagementId, onDate)}))`;
}

/**
 * In the chain today, read from the engagement row: approved today by its status and dates (engagementApproved:
 * approvedOn come, a scheduled removedOn not yet), which is what the history answers for today (see there), so the
 * current views and asOf today agree while they stay on the engagement table and its indexes. Today is the process
 * clock's day (todayIso), the day every rule in TypeScript reads, not PostgreSQL's current_date, which follows the
 * session's time zone (a day apart for part of each day where the server's is not UTC) and ignores a set clock.
 */
export function inForceNow(e: string): string {
  const today = dateLiteral(todayIso());
  const approved = `(${engagementApproved(e, today)})`;
  return `${e}.archived_at IS NULL AND ${inForceOn(approved, `${e}.status`, `${e}.id`, today)}`;
}

/** `params` receives the asOf date; the returned SQL refers to it by position. */
function edgeSource(manager: EntityManager, asOf: string | null, params: unknown[]): EdgeSource {
  if (!asOf) return { cte: null, relation: "subprocessor_engagement", inForce: inForceNow };
  params.push(asOf);
  const on = `$${params.length}::date`;
  const columns = manager.connection
    .getMetadata(SubprocessorEngagement)
    .columns.map((c) => `${HISTORY_COLUMNS.has(c.databaseName) ? "h" : "e"}."${c.databaseName}"`)
    .join(", ");
  return {
    cte: `engagement_state AS MATERIALIZED (
      SELECT ${columns}
        FROM (SELECT DISTINCT ON (engagement_id) * FROM subprocessor_engagement_history
               WHERE effective_on <= ${on}
               ORDER BY engagement_id, effective_on DESC, recorded_at DESC) h
        JOIN subprocessor_engagement e ON e.id = h.engagement_id
       WHERE ${inForceOn("h.status = 'APPROVED'", "h.status", "h.engagement_id", on)})`,
    relation: "engagement_state",
    inForce: () => "TRUE",
  };
}

export interface TreeRow {
  depth: number;
  /** Processor ids from the root down to this node. */
  path: string[];
  cycle: boolean;
  engagement: SubprocessorEngagement;
  processor: Processor;
}

/** The columns a tree's nodes read (property names, see columnsAsked); null: every column. */
export interface TreeColumns {
  processor: readonly string[] | null;
  engagement: readonly string[] | null;
}

export class TreeTooLarge extends Error {}

/**
 * Every node below `rootId`, depth-first with siblings by name, to `maxDepth` levels. With `withRoot`,
 * the same statement also returns the root processor (null when it is not visible), so a request for
 * one processor and its tree costs one statement.
 */
export async function selectSubtree(
  manager: EntityManager,
  rootId: string,
  opts: { maxDepth: number; asOf: string | null; rowLimit: number; withRoot?: false; columns?: TreeColumns },
): Promise<TreeRow[]>;
export async function selectSubtree(
  manager: EntityManager,
  rootId: string,
  opts: { maxDepth: number; asOf: string | null; rowLimit: number; withRoot: true; columns?: TreeColumns },
): Promise<{ root: Processor | null; nodes: TreeRow[] }>;
export async function selectSubtree(
  manager: EntityManager,
  rootId: string,
  opts: { maxDepth: number; asOf: string | null; rowLimit: number; withRoot?: boolean; columns?: TreeColumns },
): Promise<TreeRow[] | { root: Processor | null; nodes: TreeRow[] }> {
  const only = opts.columns ?? { processor: null, engagement: null };
  // The nodes read only the columns asked; below a root row (every column) the others are NULL, as UNION wants.
  const nodeProcessor = opts.withRoot
    ? selectColumns(manager, Processor, "p", "p_", nullsExcept(manager, Processor, only.processor))
    : selectColumns(manager, Processor, "p", "p_", {}, only.processor);
  const params: unknown[] = [rootId, opts.maxDepth, opts.rowLimit + 1];
  const src = edgeSource(manager, opts.asOf, params);
  const rows: Record<string, unknown>[] = await manager.query(
    `WITH RECURSIVE ${src.cte ? `${src.cte},` : ""}
     tree AS (
       SELECT e.id AS engagement_id, e.subprocessor_id AS node_id, 1 AS depth,
              ARRAY[e.processor_id, e.subprocessor_id] AS path,
              ARRAY[lower(p.name) || ' ' || e.id::text] AS sort_key,
              false AS cycle
         FROM ${src.relation} e JOIN processor p ON p.id = e.subprocessor_id
        WHERE e.processor_id = $1 AND ${src.inForce("e")}
       UNION ALL
       SELECT e.id, e.subprocessor_id, t.depth + 1, t.path || e.subprocessor_id,
              t.sort_key || (lower(p.name) || ' ' || e.id::text),
              e.subprocessor_id = ANY(t.path)
         FROM tree t
         JOIN ${src.relation} e ON e.processor_id = t.node_id
         JOIN processor p ON p.id = e.subprocessor_id
        WHERE NOT t.cycle AND t.depth < $2 AND ${src.inForce("e")})
     ${
       opts.withRoot
         ? `SELECT 0 AS depth, NULL AS path, false AS cycle,
           ${selectColumns(manager, SubprocessorEngagement, "e", "e_", {}, only.engagement)},
           ${selectColumns(manager, Processor, "p", "p_")}, 0::bigint AS ord
       FROM processor p LEFT JOIN subprocessor_engagement e ON false WHERE p.id = $1
     UNION ALL`
         : ""
     }
     SELECT t.depth, array_to_string(t.path, ',') AS path, t.cycle,
            ${selectColumns(manager, SubprocessorEngagement, "e", "e_", {}, only.engagement)},
            ${nodeProcessor},
            -- The order as a number: the sort key itself (an array per node) costs more to parse than the node.
            row_number() OVER (ORDER BY t.sort_key) AS ord
       FROM (SELECT * FROM tree LIMIT $3) t
       JOIN ${src.relation} e ON e.id = t.engagement_id
       JOIN processor p ON p.id = t.node_id
      ORDER BY ord`,
    params,
  );
  const root =
    opts.withRoot && rows[0] && Number(rows[0].depth) === 0 ? hydrate(manager, Processor, rows.shift()!, "p_") : null;
  if (rows.length > opts.rowLimit) throw new TreeTooLarge();
  const nodes = rows.map((r) => ({
    depth: Number(r.depth),
    // Sent as text: pg's array parser is slow on thousands of long paths.
    path: (r.path as string).split(","),
    cycle: r.cycle as boolean,
    engagement: hydrate(manager, SubprocessorEngagement, r, "e_"),
    processor: hydrate(manager, Processor, r, "p_"),
  }));
  return opts.withRoot ? { root, nodes } : nodes;
}

export interface UpstreamRow {
  /** Engagements (hops) in the chain. */
  hops: number;
  /** Processor ids from a direct processor down to the starting processor ([] when not asked for). */
  processorIds: string[];
  /** Engagement ids along the same chain, top down ([] when not asked for). */
  engagementIds: string[];
}

export class UpstreamTooLarge extends Error {}

/** What the answer's lists hold per chain, beside the chain itself: each processor and engagement asked, times. */
export interface UpstreamItems {
  processors: number;
  engagements: number;
  /** Most list items the answer may hold (GRAPHQL_MAX_LIST_ITEMS left); null: no limit. */
  limit: number | null;
}

/**
 * Every chain from one of the controller's direct processors down to `processorId`, shortest first. The walk up
 * stops after `rowLimit` + 1 partial chains (in SQL): more throws UpstreamTooLarge. Cutting the walk and keeping
 * what it had reached answered [] (or some of the chains) for a processor with more, as if no vendor reached it.
 * The chains' ids are sent only when `items` asks for them and the answer's list items fit `items.limit`; `items`
 * tells how many that answer holds (checked by the caller before anything resolves).
 */
export async function selectUpstream(
  manager: EntityManager,
  processorId: string,
  opts: { maxDepth: number; rowLimit: number; items?: UpstreamItems },
): Promise<{ items: number; chains: UpstreamRow[] }> {
  const per = opts.items ?? { processors: 1, engagements: 1, limit: null };
  const withIds = per.processors > 0 || per.engagements > 0;
  const ids = withIds ? "array_to_string(c.path, ','), array_to_string(c.edges, ',')" : "NULL, NULL";
  // The first row counts the partial chains walked and the answer's items; the chains follow, their ids as text
  // (pg's array parser took most of a second on 8,192 chains of 14 hops). The next engagements up are read per
  // partial chain by index (LATERAL, not flattened): as a join the planner scanned the work table once per
  // engagement, 1.5 s for 16,382 partial chains instead of 0.14 s.
  const rows: {
    walked: number | null;
    items: number | null;
    hops: number;
    path: string | null;
    edges: string | null;
  }[] = await manager.query(
    `WITH RECURSIVE up AS (
         SELECT e.processor_id AS node_id, ARRAY[e.subprocessor_id, e.processor_id] AS path, ARRAY[e.id] AS edges,
                false AS cycle
           FROM subprocessor_engagement e
          WHERE e.subprocessor_id = $1 AND ${inForceNow("e")}
         UNION ALL
         SELECT e.processor_id, t.path || e.processor_id, t.edges || e.id, e.processor_id = ANY(t.path)
           FROM up t CROSS JOIN LATERAL (
                  SELECT e.id, e.processor_id FROM subprocessor_engagement e
                   WHERE e.subprocessor_id = t.node_id AND ${inForceNow("e")} OFFSET 0) e
          WHERE NOT t.cycle AND cardinality(t.edges) < $2),
       walked AS MATERIALIZED (SELECT * FROM up LIMIT $3),
       chains AS MATERIALIZED (
         SELECT w.path, w.edges, cardinality(w.edges) AS hops, lower(p.name) AS name
           FROM walked w JOIN processor p ON p.id = w.node_id
          WHERE p.direct AND NOT w.cycle),
       summary AS (
         SELECT (SELECT count(*) FROM walked)::int AS walked,
                (count(*) * (1 + $4) + coalesce(sum(hops), 0) * ($4 + $5))::int AS items
           FROM chains)
       SELECT 0 AS part, s.walked, s.items, 0 AS hops, NULL AS path, NULL AS edges, NULL AS name FROM summary s
       UNION ALL
       SELECT 1, NULL, NULL, c.hops, ${ids}, c.name
         FROM chains c, summary s
        WHERE s.walked < $3 AND ($6::int IS NULL OR s.items <= $6)
       ORDER BY part, hops, name`,
    [processorId, opts.maxDepth, opts.rowLimit + 1, per.processors, per.engagements, per.limit],
  );
  const [summary, ...chains] = rows;
  if (summary.walked! > opts.rowLimit) throw new UpstreamTooLarge();
  return {
    items: summary.items!,
    chains: chains.map((r) => ({
      hops: r.hops,
      processorIds: r.path ? r.path.split(",").reverse() : [],
      engagementIds: r.edges ? r.edges.split(",").reverse() : [],
    })),
  };
}

/** A hop of the chain with what transfer assessment needs: where, how, to whom, under which agreement. */
export interface ChainEdge {
  engagementId: string;
  processorId: string;
  subprocessorId: string;
  countries: string[];
  transferMechanism: string;
  agreementId: string | null;
  /** thirdCountryTransfers of the agreement the engagement names, if any. */
  agreementPolicy: string | null;
  recipientDpfCertifiedSince: string | null;
  /** The sub-processor is archived (it is not scored and counts for nothing in a risk score). */
  recipientArchived?: boolean;
}

/** All engagements in force in the organization (today or on `asOf`), as one set. */
export async function selectChainEdges(manager: EntityManager, asOf: string | null): Promise<ChainEdge[]> {
  const params: unknown[] = [];
  const src = edgeSource(manager, asOf, params);
  const rows: Record<string, unknown>[] = await manager.query(
    `${src.cte ? `WITH ${src.cte}` : ""}
     SELECT ${CHAIN_EDGE_COLUMNS}
       FROM ${src.relation} e
       JOIN processor s ON s.id = e.subprocessor_id
       LEFT JOIN agreement a ON a.id = e.agreement_id
      WHERE ${src.inForce("e")}
      ORDER BY e.id`, // a total order: the graph's numbering, and what risk facts list first, never vary
    params,
  );
  return rows.map(edgeInterner());
}

export interface ConcentrationRow {
  subprocessorId: string;
  directProcessorIds: string[];
}

/**
 * Sub-processors reached from the most direct processors. Reachability is a set (UNION), so shared
 * branches are walked once per root and cycles end by themselves.
 */
export async function selectConcentration(manager: EntityManager, first: number): Promise<ConcentrationRow[]> {
  const rows: { node_id: string; roots: string[] }[] = await manager.query(
    `WITH RECURSIVE reach AS (
       SELECT p.id AS root_id, e.subprocessor_id AS node_id
         FROM processor p JOIN subprocessor_engagement e ON e.processor_id = p.id
        WHERE p.direct AND p.archived_at IS NULL AND ${inForceNow("e")}
       UNION
       SELECT r.root_id, e.subprocessor_id
         FROM reach r JOIN subprocessor_engagement e ON e.processor_id = r.node_id
        WHERE ${inForceNow("e")})
     SELECT r.node_id, array_agg(r.root_id ORDER BY r.root_id) AS roots
       FROM reach r JOIN processor s ON s.id = r.node_id
      WHERE r.node_id <> r.root_id
      GROUP BY r.node_id, s.name
      ORDER BY count(*) DESC, lower(s.name), r.node_id
      LIMIT $1`,
    [first],
  );
  return rows.map((r) => ({ subprocessorId: r.node_id, directProcessorIds: r.roots }));
}

/** Direct engagements of the given processors that were APPROVED on `asOf`, as recorded then. */
export async function selectEngagementsAsOf(
  manager: EntityManager,
  processorIds: string[],
  asOf: string,
): Promise<SubprocessorEngagement[]> {
  const params: unknown[] = [processorIds];
  const src = edgeSource(manager, asOf, params);
  const rows: Record<string, unknown>[] = await manager.query(
    `WITH ${src.cte}
     SELECT ${selectColumns(manager, SubprocessorEngagement, "e", "e_")}
       FROM ${src.relation} e JOIN processor s ON s.id = e.subprocessor_id
      WHERE e.processor_id = ANY($1) AND ${src.inForce("e")}
      ORDER BY lower(s.name), e.id`,
    params,
  );
  return rows.map((r) => hydrate(manager, SubprocessorEngagement, r, "e_"));
}

// The countries as one text ("DE,US"): two-letter codes need no quoting, and pg's array parser allocates a
// string and an array per row (34 MB for a portfolio's 47,000 edges) where most rows repeat a few lists.
const CHAIN_EDGE_COLUMNS = `e.id, e.processor_id, e.subprocessor_id, array_to_string(e.countries, ',') AS countries,
  e.transfer_mechanism, e.agreement_id,
  a.third_country_transfers, to_char(s.dpf_certified_since, 'YYYY-MM-DD') AS dpf_certified_since,
  s.archived_at IS NOT NULL AS recipient_archived`;

/**
 * One copy of each repeated value of a set of edges (processor ids, agreement ids, countries, terms):
 * the driver gives every row its own strings, and a whole portfolio's 50,000 edges are held by every
 * request that walks it (an export, for its whole length).
 */
function edgeInterner(): (r: Record<string, unknown>) => ChainEdge {
  const interned = stringInterner();
  const lists = new Map<string, string[]>();
  const one = (s: string | null | undefined): string | null => interned(s) ?? null;
  const list = (text: string | null | undefined): string[] => {
    const key = text ?? "";
    let known = lists.get(key);
    if (!known) lists.set(key, (known = countryList(key)));
    return known;
  };
  return (r) => ({
    engagementId: r.id as string,
    processorId: one(r.processor_id as string)!,
    subprocessorId: one(r.subprocessor_id as string)!,
    countries: list(r.countries as string | null),
    transferMechanism: one(r.transfer_mechanism as string)!,
    agreementId: one(r.agreement_id as string | null),
    agreementPolicy: one(r.third_country_transfers as string | null),
    recipientDpfCertifiedSince: one(r.dpf_certified_since as string | null),
    recipientArchived: r.recipient_archived === true,
  });
}

/** The countries as CHAIN_EDGE_COLUMNS reads them ("DE,US"; "" for none). */
const countryList = (text: string): string[] => (text ? text.split(",") : []);

function toChainEdge(r: Record<string, unknown>): ChainEdge {
  return {
    engagementId: r.id as string,
    processorId: r.processor_id as string,
    subprocessorId: r.subprocessor_id as string,
    countries: countryList((r.countries as string | null) ?? ""),
    transferMechanism: r.transfer_mechanism as string,
    agreementId: (r.agreement_id as string | null) ?? null,
    agreementPolicy: (r.third_country_transfers as string | null) ?? null,
    recipientDpfCertifiedSince: (r.dpf_certified_since as string | null) ?? null,
    recipientArchived: r.recipient_archived === true,
  };
}

/**
 * The part of today's chain graph that chains from `processorIds` can reach: every engagement in force
 * whose engaging processor is one of them or below one of them (a set, so loops end), in the same total
 * order as selectChainEdges. A walk from any of them sees exactly what it sees in the whole graph.
 * Also the engagements in force that engage one of them (`into`: the agreements that cover them).
 * Organization-qualified, so the composite engagement indexes serve every step.
 */
export async function selectChainEdgesAround(
  manager: EntityManager,
  organizationId: string,
  processorIds: string[],
): Promise<{ below: ChainEdge[]; into: ChainEdge[] }> {
  // The engagements are read per processor reached, by index (OFFSET 0 keeps the lateral subqueries
  // from being flattened into a join the planner would run as a scan of every engagement).
  const rows: Record<string, unknown>[] = await manager.query(
    `WITH RECURSIVE reach(id) AS (
       SELECT unnest($2::uuid[])
       UNION
       SELECT e.subprocessor_id FROM reach r
         JOIN subprocessor_engagement e ON e.organization_id = $1 AND e.processor_id = r.id
        WHERE ${inForceNow("e")})
     SELECT ${CHAIN_EDGE_COLUMNS}, true AS below
       FROM reach r
       CROSS JOIN LATERAL (SELECT * FROM subprocessor_engagement x
                            WHERE x.organization_id = $1 AND x.processor_id = r.id OFFSET 0) e
       JOIN processor s ON s.id = e.subprocessor_id
       LEFT JOIN agreement a ON a.id = e.agreement_id
      WHERE ${inForceNow("e")}
     UNION ALL
     SELECT ${CHAIN_EDGE_COLUMNS}, false AS below
       FROM subprocessor_engagement e
       JOIN processor s ON s.id = e.subprocessor_id
       LEFT JOIN agreement a ON a.id = e.agreement_id
      WHERE e.organization_id = $1 AND e.subprocessor_id = ANY($2) AND ${inForceNow("e")}
        AND e.processor_id NOT IN (SELECT id FROM reach)
      ORDER BY id`,
    [organizationId, processorIds],
  );
  const below: ChainEdge[] = [];
  const into: ChainEdge[] = [];
  const ids = new Set(processorIds);
  for (const r of rows) {
    const edge = toChainEdge(r);
    if (r.below) below.push(edge);
    if (ids.has(edge.subprocessorId)) into.push(edge);
  }
  return { below, into };
}

/** `processorIds` and every processor whose chain reaches one of them by engagements in force today. */
export async function selectUpstreamSet(
  manager: EntityManager,
  organizationId: string,
  processorIds: string[],
): Promise<string[]> {
  const rows: { id: string }[] = await manager.query(
    `WITH RECURSIVE up(id) AS (
       SELECT unnest($2::uuid[])
       UNION
       SELECT e.processor_id FROM up
         JOIN subprocessor_engagement e ON e.organization_id = $1 AND e.subprocessor_id = up.id
        WHERE ${inForceNow("e")})
     SELECT id FROM up`,
    [organizationId, processorIds],
  );
  return rows.map((r) => r.id);
}

/** These engagements as chain edges (whether in force or not), organization-qualified. */
export async function selectChainEdgesById(
  manager: EntityManager,
  organizationId: string,
  engagementIds: string[],
): Promise<ChainEdge[]> {
  const rows: Record<string, unknown>[] = await manager.query(
    `SELECT ${CHAIN_EDGE_COLUMNS}
       FROM subprocessor_engagement e
       JOIN processor s ON s.id = e.subprocessor_id
       LEFT JOIN agreement a ON a.id = e.agreement_id
      WHERE e.organization_id = $1 AND e.id = ANY($2)`,
    [organizationId, engagementIds],
  );
  return rows.map(toChainEdge);
}
