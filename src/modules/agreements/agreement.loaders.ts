import type { RequestContext } from "../../context";
import { byId, groupBy, groupRows, StatementLoader } from "../../common/loader-kit";
import { hydrate, selectColumns } from "../../common/hydrate";
import { DataCategory } from "../taxonomy/taxonomy.entity";
import { Agreement } from "./agreement.entity";
import {
  AgreementDataCategory,
  AgreementDataSubjectCategory,
  AgreementRequiredMeasure,
} from "./agreement-links.entity";
import { todayIso } from "../../common/dates";
import { agreementInForce, dateLiteral } from "./agreement.sql";

export function agreementLoaders({ manager }: RequestContext) {
  // The day the request reads "in force" on (a literal: statements read ahead take no parameters).
  const today = dateLiteral(todayIso());
  return {
    agreementById: byId(manager, Agreement),
    /** Agreements under which a processor processes (it is the processing party), newest first. */
    agreementsByProcessor: new StatementLoader<Agreement[]>(manager, {
      // Raw SQL hydrated column by column: every processor of a page reads this (its agreement in force,
      // its supervision plan), and TypeORM's find cost more than the statement.
      sql: (ids) => `SELECT ${selectColumns(manager, Agreement, "a", "a_")} FROM agreement a
          WHERE a.processor_id = ANY(${ids}) AND a.archived_at IS NULL
          ORDER BY a.effective_from DESC NULLS LAST, a.created_at DESC, a.id`,
      read: (ids, rows) =>
        groupRows(
          ids,
          rows.map((r) => hydrate(manager, Agreement, r, "a_")),
          (a) => a.processorId,
        ),
    }),
    dataCategoryLinksByAgreement: groupBy(manager, AgreementDataCategory, "agreementId"),
    dataSubjectLinksByAgreement: groupBy(manager, AgreementDataSubjectCategory, "agreementId"),
    requiredMeasuresByAgreement: groupBy(manager, AgreementRequiredMeasure, "agreementId"),
    /** Data categories entrusted to a processor: the union over its agreements in force (one query). */
    dataCategoriesByProcessor: new StatementLoader<DataCategory[]>(manager, {
      sql: (ids) => `SELECT DISTINCT a.processor_id, ${selectColumns(manager, DataCategory, "c", "c_")}
           FROM agreement a
           JOIN agreement_data_category l ON l.agreement_id = a.id
           JOIN data_category c ON c.id = l.data_category_id
          WHERE a.processor_id = ANY(${ids}) AND ${agreementInForce("a", today)}
          ORDER BY c."key"`,
      read: (ids, rows) => {
        const categories = rows.map((r) => ({
          processorId: r.processor_id as string,
          category: hydrate(manager, DataCategory, r, "c_"),
        }));
        return groupRows(ids, categories, (r) => r.processorId).map((list) => list.map((r) => r.category));
      },
    }),
  };
}

declare module "../../common/loader-kit" {
  interface Loaders extends ReturnType<typeof agreementLoaders> {}
}
