import DataLoader from "dataloader";
import type { RequestContext } from "../../context";
import { byId, groupBy, groupRows } from "../../common/loader-kit";
import { hydrate, selectColumns } from "../../common/hydrate";
import { DataCategory } from "../taxonomy/taxonomy.entity";
import { Agreement } from "./agreement.entity";
import {
  AgreementDataCategory,
  AgreementDataSubjectCategory,
  AgreementRequiredMeasure,
} from "./agreement-links.entity";
import { agreementInForce } from "./agreement.sql";

export function agreementLoaders({ manager }: RequestContext) {
  return {
    agreementById: byId(manager, Agreement),
    /** Agreements under which a processor processes (it is the processing party), newest first. */
    agreementsByProcessor: new DataLoader<string, Agreement[]>(async (ids) => {
      // Raw SQL hydrated column by column: every processor of a page reads this (its agreement in force,
      // its supervision plan), and TypeORM's find cost more than the statement.
      const rows: Record<string, unknown>[] = await manager.query(
        `SELECT ${selectColumns(manager, Agreement, "a", "a_")} FROM agreement a
          WHERE a.processor_id = ANY($1) AND a.archived_at IS NULL
          ORDER BY a.effective_from DESC NULLS LAST, a.created_at DESC, a.id`,
        [[...ids]],
      );
      const agreements = rows.map((r) => hydrate(manager, Agreement, r, "a_"));
      return groupRows(ids, agreements, (a) => a.processorId);
    }),
    dataCategoryLinksByAgreement: groupBy(manager, AgreementDataCategory, "agreementId"),
    dataSubjectLinksByAgreement: groupBy(manager, AgreementDataSubjectCategory, "agreementId"),
    requiredMeasuresByAgreement: groupBy(manager, AgreementRequiredMeasure, "agreementId"),
    /** Data categories entrusted to a processor: the union over its agreements in force (one query). */
    dataCategoriesByProcessor: new DataLoader<string, DataCategory[]>(async (ids) => {
      const rows: Record<string, unknown>[] = await manager.query(
        `SELECT DISTINCT a.processor_id, ${selectColumns(manager, DataCategory, "c", "c_")}
           FROM agreement a
           JOIN agreement_data_category l ON l.agreement_id = a.id
           JOIN data_category c ON c.id = l.data_category_id
          WHERE a.processor_id = ANY($1) AND ${agreementInForce("a")}
          ORDER BY c."key"`,
        [[...ids]],
      );
      const categories = rows.map((r) => ({
        processorId: r.processor_id as string,
        category: hydrate(manager, DataCategory, r, "c_"),
      }));
      return groupRows(ids, categories, (r) => r.processorId).map((list) => list.map((r) => r.category));
    }),
  };
}

declare module "../../common/loader-kit" {
  interface Loaders extends ReturnType<typeof agreementLoaders> {}
}
