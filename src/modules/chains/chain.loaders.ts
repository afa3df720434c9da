import DataLoader from "dataloader";
import type { RequestContext } from "../../context";
import { StatementLoader } from "../../common/loader-kit";
import { SubprocessorEngagement } from "../subprocessors/engagement.entity";
import { ChainEdge, inForceNow, selectChainEdges, selectEngagementsAsOf, selectSubtree, TreeRow } from "./chain.sql";

/** The key of a tree below a processor: "processorId|maxDepth|asOf" (asOf "" for today). */
export const treeKey = (processorId: string, maxDepth: number, asOf: string | null) =>
  `${processorId}|${maxDepth}|${asOf ?? ""}`;

/** Rows one tree may return; a bigger answer is refused rather than truncated silently. */
export const TREE_ROW_LIMIT = 25_000;

export function chainLoaders({ manager }: RequestContext) {
  return {
    /** Direct edges as they stood on a date; keys are "YYYY-MM-DD|processorId". */
    engagementsAsOf: new DataLoader<string, SubprocessorEngagement[]>(async (keys) => {
      const byDate = new Map<string, string[]>();
      for (const k of keys) {
        const [date, id] = k.split("|");
        byDate.set(date, [...(byDate.get(date) ?? []), id]);
      }
      const found = new Map<string, SubprocessorEngagement[]>();
      for (const [date, ids] of byDate) {
        for (const e of await selectEngagementsAsOf(manager, ids, date)) {
          const k = `${date}|${e.processorId}`;
          found.set(k, [...(found.get(k) ?? []), e]);
        }
      }
      return keys.map((k) => found.get(k) ?? []);
    }),
    /** Every engagement in force in the organization, once per request; key "" = today, else a date. */
    chainEdges: new DataLoader<string, ChainEdge[]>(async (keys) =>
      Promise.all(keys.map((k) => selectChainEdges(manager, k || null))),
    ),
    /** How many sub-processors are in a processor's chain one level down, now. */
    subprocessorCountByProcessor: new StatementLoader<number>(manager, {
      sql: (ids) => `SELECT e.processor_id, count(DISTINCT e.subprocessor_id)::int AS n FROM subprocessor_engagement e
          WHERE e.processor_id = ANY(${ids}) AND ${inForceNow("e")} GROUP BY e.processor_id`,
      read: (ids, rows) => {
        const byProcessor = new Map(rows.map((r) => [r.processor_id as string, r.n as number]));
        return ids.map((id) => byProcessor.get(id) ?? 0);
      },
    }),
    /**
     * The tree below a processor (key: treeKey), one statement per tree. A tree read ahead with its
     * root (chainService.processorWithTree) is primed here and not read again.
     */
    subtrees: new DataLoader<string, TreeRow[]>(async (keys) =>
      Promise.all(
        keys.map(async (k) => {
          const [processorId, maxDepth, asOf] = k.split("|");
          const opts = { maxDepth: Number(maxDepth), asOf: asOf || null, rowLimit: TREE_ROW_LIMIT };
          return selectSubtree(manager, processorId, opts).catch((err: Error) => err);
        }),
      ),
    ),
  };
}

declare module "../../common/loader-kit" {
  interface Loaders extends ReturnType<typeof chainLoaders> {}
}
