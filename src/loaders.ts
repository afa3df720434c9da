// One bag of DataLoaders per request, bound to that request's transaction. Every nested list in
// the schema resolves through one of these, so a page of N parents costs one query per level.
import DataLoader from "dataloader";
import { EntityManager, In, IsNull } from "typeorm";
import { Processor } from "./modules/processors/processor.entity";
import { Agreement } from "./modules/agreements/agreement.entity";
import {
  AgreementDataCategory,
  AgreementDataSubjectCategory,
  AgreementRequiredMeasure,
} from "./modules/agreements/agreement-links.entity";
import { SubprocessorEngagement } from "./modules/subprocessors/engagement.entity";
import { DataCategory, DataSubjectCategory } from "./modules/taxonomy/taxonomy.entity";
import { Measure } from "./modules/measures/measure.entity";
import { ProcessorMeasure } from "./modules/measures/processor-measure.entity";
import { ChangeNotice } from "./modules/subprocessors/change-notice.entity";
import { ApiKey } from "./modules/auth/api-key.entity";
import { EngagementHistoryEntry } from "./modules/subprocessors/engagement-history.entity";
import { Evidence } from "./modules/evidence/evidence.entity";
import { ChainEdge, selectChainEdges, selectEngagementsAsOf } from "./modules/chains/chain.sql";

function byId<T extends { id: string }>(ids: readonly string[], rows: T[]): (T | null)[] {
  const map = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => map.get(id) ?? null);
}

function groupBy<T>(ids: readonly string[], rows: T[], key: (row: T) => string): T[][] {
  const map = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = map.get(k);
    if (list) list.push(r);
    else map.set(k, [r]);
  }
  return ids.map((id) => map.get(id) ?? []);
}

export function createLoaders(manager: EntityManager) {
  const processorById = new DataLoader<string, Processor | null>(async (ids) =>
    byId(ids, await manager.find(Processor, { where: { id: In([...ids]) } })),
  );
  const agreementById = new DataLoader<string, Agreement | null>(async (ids) =>
    byId(ids, await manager.find(Agreement, { where: { id: In([...ids]) } })),
  );
  const engagementById = new DataLoader<string, SubprocessorEngagement | null>(async (ids) =>
    byId(ids, await manager.find(SubprocessorEngagement, { where: { id: In([...ids]) } })),
  );
  const apiKeyById = new DataLoader<string, ApiKey | null>(async (ids) =>
    byId(ids, await manager.find(ApiKey, { where: { id: In([...ids]) } })),
  );
  const measureById = new DataLoader<string, Measure | null>(async (ids) =>
    byId(ids, await manager.find(Measure, { where: { id: In([...ids]) } })),
  );
  const dataCategoryById = new DataLoader<string, DataCategory | null>(async (ids) =>
    byId(ids, await manager.find(DataCategory, { where: { id: In([...ids]) } })),
  );
  const dataSubjectCategoryById = new DataLoader<string, DataSubjectCategory | null>(async (ids) =>
    byId(ids, await manager.find(DataSubjectCategory, { where: { id: In([...ids]) } })),
  );

  /** Agreements under which a processor processes (it is the processing party), newest first. */
  const agreementsByProcessor = new DataLoader<string, Agreement[]>(async (ids) =>
    groupBy(
      ids,
      await manager.find(Agreement, {
        where: { processorId: In([...ids]), archivedAt: IsNull() },
        order: { effectiveFrom: { direction: "DESC", nulls: "LAST" }, createdAt: "DESC" },
      }),
      (a) => a.processorId,
    ),
  );
  /** Direct sub-processor edges below a processor. */
  const engagementsByProcessor = new DataLoader<string, SubprocessorEngagement[]>(async (ids) =>
    groupBy(
      ids,
      await manager.find(SubprocessorEngagement, {
        where: { processorId: In([...ids]), archivedAt: IsNull() },
        order: { createdAt: "ASC" },
      }),
      (e) => e.processorId,
    ),
  );
  /** Direct edges as they stood on a date; keys are "YYYY-MM-DD|processorId". */
  const engagementsAsOf = new DataLoader<string, SubprocessorEngagement[]>(async (keys) => {
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
  });
  /** Every engagement in force in the organization, once per request; key "" = today, else a date. */
  const chainEdges = new DataLoader<string, ChainEdge[]>(async (keys) =>
    Promise.all(keys.map((k) => selectChainEdges(manager, k || null))),
  );
  const historyByEngagement = new DataLoader<string, EngagementHistoryEntry[]>(async (ids) =>
    groupBy(
      ids,
      await manager.find(EngagementHistoryEntry, { where: { engagementId: In([...ids]) }, order: { effectiveOn: "ASC", recordedAt: "ASC" } }),
      (h) => h.engagementId,
    ),
  );
  const changeNoticesByProcessor = new DataLoader<string, ChangeNotice[]>(async (ids) =>
    groupBy(
      ids,
      await manager.find(ChangeNotice, { where: { processorId: In([...ids]) }, order: { receivedOn: "DESC", createdAt: "DESC" } }),
      (n) => n.processorId,
    ),
  );
  /** Evidence linked to a record, newest effective date first; one loader per kind of link. */
  const evidenceBy = (column: "processorId" | "agreementId" | "auditReportId" | "findingId" | "breachNoticeId") =>
    new DataLoader<string, Evidence[]>(async (ids) =>
      groupBy(
        ids,
        await manager.find(Evidence, { where: { [column]: In([...ids]) }, order: { effectiveOn: "DESC", createdAt: "DESC" } }),
        (e) => e[column] as string,
      ),
    );
  const dataCategoryLinksByAgreement = new DataLoader<string, AgreementDataCategory[]>(async (ids) =>
    groupBy(ids, await manager.find(AgreementDataCategory, { where: { agreementId: In([...ids]) } }), (l) => l.agreementId),
  );
  const dataSubjectLinksByAgreement = new DataLoader<string, AgreementDataSubjectCategory[]>(async (ids) =>
    groupBy(ids, await manager.find(AgreementDataSubjectCategory, { where: { agreementId: In([...ids]) } }), (l) => l.agreementId),
  );
  const requiredMeasuresByAgreement = new DataLoader<string, AgreementRequiredMeasure[]>(async (ids) =>
    groupBy(ids, await manager.find(AgreementRequiredMeasure, { where: { agreementId: In([...ids]) } }), (l) => l.agreementId),
  );
  const measuresByProcessor = new DataLoader<string, ProcessorMeasure[]>(async (ids) =>
    groupBy(ids, await manager.find(ProcessorMeasure, { where: { processorId: In([...ids]) } }), (m) => m.processorId),
  );
  /** Data categories entrusted to a processor: the union over its agreements in force (one query, then by id). */
  const dataCategoriesByProcessor = new DataLoader<string, DataCategory[]>(async (ids) => {
    const pairs: { processor_id: string; data_category_id: string }[] = await manager.query(
      `SELECT DISTINCT a.processor_id, l.data_category_id
         FROM agreement a JOIN agreement_data_category l ON l.agreement_id = a.id
        WHERE a.processor_id = ANY($1) AND a.status = 'ACTIVE' AND a.archived_at IS NULL`,
      [[...ids]],
    );
    const categories = await dataCategoryById.loadMany(pairs.map((p) => p.data_category_id));
    const rows = pairs
      .map((p, i) => ({ processorId: p.processor_id, category: categories[i] }))
      .filter((r): r is { processorId: string; category: DataCategory } => r.category instanceof DataCategory);
    return groupBy(ids, rows, (r) => r.processorId).map((list) =>
      list.map((r) => r.category).sort((x, y) => x.key.localeCompare(y.key)),
    );
  });

  return {
    processorById,
    agreementById,
    engagementById,
    apiKeyById,
    measureById,
    dataCategoryById,
    dataSubjectCategoryById,
    agreementsByProcessor,
    engagementsByProcessor,
    engagementsAsOf,
    chainEdges,
    changeNoticesByProcessor,
    historyByEngagement,
    evidenceByProcessor: evidenceBy("processorId"),
    evidenceByAgreement: evidenceBy("agreementId"),
    evidenceByAuditReport: evidenceBy("auditReportId"),
    evidenceByFinding: evidenceBy("findingId"),
    evidenceByBreachNotice: evidenceBy("breachNoticeId"),
    dataCategoryLinksByAgreement,
    dataSubjectLinksByAgreement,
    requiredMeasuresByAgreement,
    measuresByProcessor,
    dataCategoriesByProcessor,
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
