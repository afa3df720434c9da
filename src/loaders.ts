// One bag of DataLoaders per request, bound to that request's transaction. Every nested list in
// the schema resolves through one of these, so a page of N parents costs one query per level.
import DataLoader from "dataloader";
import { EntityManager, FindOperator, IsNull, Raw } from "typeorm";
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
import { AuditReport } from "./modules/supervision/audit-report.entity";
import { AuditFinding } from "./modules/supervision/finding.entity";
import { AuditReportReview } from "./modules/supervision/review.entity";
import { BreachNotice } from "./modules/supervision/breach-notice.entity";
import { SupervisionChoice } from "./modules/supervision/supervision-plan.entity";
import { RiskAssessmentRecord } from "./modules/risk/risk.entity";
import { ActivityDataCategory, ActivityDataSubjectCategory, ActivityProcessor } from "./modules/ropa/activity.entity";
import { ChainEdge, inForceNow, selectChainEdges, selectEngagementsAsOf } from "./modules/chains/chain.sql";
import { hydrate, selectColumns } from "./common/hydrate";
import { AuditHistoryKey, auditHistoryCacheKey, loadAuditHistories } from "./modules/audit-log/audit-log.service";
import type { AuditLogEntry } from "./modules/audit-log/audit-log.types";

/** One value per key, in order. A failed batch is thrown rather than passed on as a value. */
export async function loadEach<K, V>(loader: DataLoader<K, V>, keys: readonly K[]): Promise<V[]> {
  return (await loader.loadMany(keys)).map((v) => {
    if (v instanceof Error) throw v;
    return v;
  });
}

/** The records found for these ids, in order; ids with no record (not yours, or gone) are left out. */
export async function loadFound<K, V>(loader: DataLoader<K, V | null>, keys: readonly K[]): Promise<V[]> {
  return (await loadEach(loader, keys)).filter((v): v is V => v !== null && v !== undefined);
}

export interface SupervisionFacts {
  choice: SupervisionChoice | null;
  lastReportId: string | null;
  lastSupervisedOn: string | null;
  unreviewedReports: number;
  openFindings: number;
}

function byId<T extends { id: string }>(ids: readonly string[], rows: T[]): (T | null)[] {
  const map = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => map.get(id) ?? null);
}

/** `= ANY(:ids)` with one array parameter: a batch of 10,000 keys binds one value, not 10,000. */
function anyOf(ids: readonly string[]): FindOperator<string> {
  return Raw((column) => `${column} = ANY(:ids)`, { ids: [...ids] });
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
    byId(ids, await manager.find(Processor, { where: { id: anyOf(ids) } })),
  );
  const agreementById = new DataLoader<string, Agreement | null>(async (ids) =>
    byId(ids, await manager.find(Agreement, { where: { id: anyOf(ids) } })),
  );
  const engagementById = new DataLoader<string, SubprocessorEngagement | null>(async (ids) =>
    byId(ids, await manager.find(SubprocessorEngagement, { where: { id: anyOf(ids) } })),
  );
  const apiKeyById = new DataLoader<string, ApiKey | null>(async (ids) =>
    byId(ids, await manager.find(ApiKey, { where: { id: anyOf(ids) } })),
  );
  const measureById = new DataLoader<string, Measure | null>(async (ids) =>
    byId(ids, await manager.find(Measure, { where: { id: anyOf(ids) } })),
  );
  const dataCategoryById = new DataLoader<string, DataCategory | null>(async (ids) =>
    byId(ids, await manager.find(DataCategory, { where: { id: anyOf(ids) } })),
  );
  const dataSubjectCategoryById = new DataLoader<string, DataSubjectCategory | null>(async (ids) =>
    byId(ids, await manager.find(DataSubjectCategory, { where: { id: anyOf(ids) } })),
  );

  /** Agreements under which a processor processes (it is the processing party), newest first. */
  const agreementsByProcessor = new DataLoader<string, Agreement[]>(async (ids) =>
    groupBy(
      ids,
      await manager.find(Agreement, {
        where: { processorId: anyOf(ids), archivedAt: IsNull() },
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
        where: { processorId: anyOf(ids), archivedAt: IsNull() },
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
      await manager.find(EngagementHistoryEntry, {
        where: { engagementId: anyOf(ids) },
        order: { effectiveOn: "ASC", recordedAt: "ASC" },
      }),
      (h) => h.engagementId,
    ),
  );
  const changeNoticesByProcessor = new DataLoader<string, ChangeNotice[]>(async (ids) =>
    groupBy(
      ids,
      await manager.find(ChangeNotice, {
        where: { processorId: anyOf(ids) },
        order: { receivedOn: "DESC", createdAt: "DESC" },
      }),
      (n) => n.processorId,
    ),
  );
  const auditReportById = new DataLoader<string, AuditReport | null>(async (ids) =>
    byId(ids, await manager.find(AuditReport, { where: { id: anyOf(ids) } })),
  );
  const findingById = new DataLoader<string, AuditFinding | null>(async (ids) =>
    byId(ids, await manager.find(AuditFinding, { where: { id: anyOf(ids) } })),
  );
  const evidenceById = new DataLoader<string, Evidence | null>(async (ids) =>
    byId(ids, await manager.find(Evidence, { where: { id: anyOf(ids) } })),
  );
  const breachNoticeById = new DataLoader<string, BreachNotice | null>(async (ids) =>
    byId(ids, await manager.find(BreachNotice, { where: { id: anyOf(ids) } })),
  );
  const auditReportsByProcessor = new DataLoader<string, AuditReport[]>(async (ids) =>
    groupBy(
      ids,
      await manager.find(AuditReport, {
        where: { processorId: anyOf(ids) },
        order: { receivedOn: "DESC", createdAt: "DESC" },
      }),
      (r) => r.processorId,
    ),
  );
  const reviewsByAuditReport = new DataLoader<string, AuditReportReview[]>(async (ids) =>
    groupBy(
      ids,
      await manager.find(AuditReportReview, {
        where: { auditReportId: anyOf(ids) },
        order: { reviewedOn: "DESC", createdAt: "DESC" },
      }),
      (r) => r.auditReportId,
    ),
  );
  const findingsByProcessor = new DataLoader<string, AuditFinding[]>(async (ids) =>
    groupBy(
      ids,
      await manager.find(AuditFinding, { where: { processorId: anyOf(ids) }, order: { createdAt: "ASC" } }),
      (f) => f.processorId,
    ),
  );
  const findingsByAuditReport = new DataLoader<string, AuditFinding[]>(async (ids) =>
    groupBy(
      ids,
      await manager.find(AuditFinding, { where: { auditReportId: anyOf(ids) }, order: { createdAt: "ASC" } }),
      (f) => f.auditReportId as string,
    ),
  );
  const breachNoticesByProcessor = new DataLoader<string, BreachNotice[]>(async (ids) =>
    groupBy(
      ids,
      await manager.find(BreachNotice, { where: { processorId: anyOf(ids) }, order: { notifiedAt: "DESC" } }),
      (b) => b.processorId,
    ),
  );
  /** What the schedule needs per processor, set-based: the controller's choices, the last supervision that counts, open items. */
  const supervisionFactsByProcessor = new DataLoader<string, SupervisionFacts>(async (ids) => {
    // One statement: the controller's choice, the last supervision that counts and the open items.
    const rows: Record<string, unknown>[] = await manager.query(
      `SELECT p.id AS processor_id, ${selectColumns(manager, SupervisionChoice, "c", "c_")},
              last.id AS last_id, to_char(last.received_on, 'YYYY-MM-DD') AS last_received_on,
              (SELECT count(*)::int FROM audit_report r WHERE r.processor_id = p.id
                 AND NOT EXISTS (SELECT 1 FROM audit_report_review v WHERE v.audit_report_id = r.id)) AS unreviewed,
              (SELECT count(*)::int FROM audit_finding f WHERE f.processor_id = p.id AND f.status <> 'CLOSED') AS open_findings
         FROM processor p
         LEFT JOIN supervision_plan c ON c.processor_id = p.id
         LEFT JOIN LATERAL (
           -- A report the controller rejected on review does not count as supervision carried out.
           SELECT r.id, r.received_on FROM audit_report r
             LEFT JOIN LATERAL (SELECT v.conclusion FROM audit_report_review v WHERE v.audit_report_id = r.id
                                 ORDER BY v.reviewed_on DESC, v.created_at DESC LIMIT 1) lv ON true
            WHERE r.processor_id = p.id AND lv.conclusion IS DISTINCT FROM 'REJECTED'
            ORDER BY r.received_on DESC, r.created_at DESC LIMIT 1) last ON true
        WHERE p.id = ANY($1)`,
      [[...ids]],
    );
    const byProcessor = new Map(rows.map((r) => [r.processor_id as string, r]));
    return ids.map((id) => {
      const r = byProcessor.get(id);
      return {
        choice: r?.c_id ? hydrate(manager, SupervisionChoice, r, "c_") : null,
        lastReportId: (r?.last_id as string | null) ?? null,
        lastSupervisedOn: (r?.last_received_on as string | null) ?? null,
        unreviewedReports: (r?.unreviewed as number) ?? 0,
        openFindings: (r?.open_findings as number) ?? 0,
      };
    });
  });
  /** The newest stored assessment of each processor (callers make sure the store is fresh first). */
  const latestRiskByProcessor = new DataLoader<string, RiskAssessmentRecord | null>(async (ids) => {
    const rows = await manager.find(RiskAssessmentRecord, { where: { processorId: anyOf(ids), isCurrent: true } });
    const map = new Map(rows.map((r) => [r.processorId, r]));
    return ids.map((id) => map.get(id) ?? null);
  });
  /** Stored assessments of each processor, newest first. */
  const riskHistoryByProcessor = new DataLoader<string, RiskAssessmentRecord[]>(async (ids) =>
    groupBy(
      ids,
      await manager.find(RiskAssessmentRecord, {
        where: { processorId: anyOf(ids) },
        order: { computedAt: "DESC", id: "ASC" },
      }),
      (r) => r.processorId,
    ),
  );
  const processorLinksByActivity = new DataLoader<string, ActivityProcessor[]>(async (ids) =>
    groupBy(ids, await manager.find(ActivityProcessor, { where: { activityId: anyOf(ids) } }), (l) => l.activityId),
  );
  const dataCategoryLinksByActivity = new DataLoader<string, ActivityDataCategory[]>(async (ids) =>
    groupBy(ids, await manager.find(ActivityDataCategory, { where: { activityId: anyOf(ids) } }), (l) => l.activityId),
  );
  const dataSubjectLinksByActivity = new DataLoader<string, ActivityDataSubjectCategory[]>(async (ids) =>
    groupBy(
      ids,
      await manager.find(ActivityDataSubjectCategory, { where: { activityId: anyOf(ids) } }),
      (l) => l.activityId,
    ),
  );
  /** Evidence linked to a record, newest effective date first; one loader per kind of link. */
  const evidenceBy = (column: "processorId" | "agreementId" | "auditReportId" | "findingId" | "breachNoticeId") =>
    new DataLoader<string, Evidence[]>(async (ids) =>
      groupBy(
        ids,
        await manager.find(Evidence, {
          where: { [column]: anyOf(ids) },
          order: { effectiveOn: "DESC", createdAt: "DESC" },
        }),
        (e) => e[column] as string,
      ),
    );
  const dataCategoryLinksByAgreement = new DataLoader<string, AgreementDataCategory[]>(async (ids) =>
    groupBy(
      ids,
      await manager.find(AgreementDataCategory, { where: { agreementId: anyOf(ids) } }),
      (l) => l.agreementId,
    ),
  );
  const dataSubjectLinksByAgreement = new DataLoader<string, AgreementDataSubjectCategory[]>(async (ids) =>
    groupBy(
      ids,
      await manager.find(AgreementDataSubjectCategory, { where: { agreementId: anyOf(ids) } }),
      (l) => l.agreementId,
    ),
  );
  const requiredMeasuresByAgreement = new DataLoader<string, AgreementRequiredMeasure[]>(async (ids) =>
    groupBy(
      ids,
      await manager.find(AgreementRequiredMeasure, { where: { agreementId: anyOf(ids) } }),
      (l) => l.agreementId,
    ),
  );
  const measuresByProcessor = new DataLoader<string, ProcessorMeasure[]>(async (ids) =>
    groupBy(ids, await manager.find(ProcessorMeasure, { where: { processorId: anyOf(ids) } }), (m) => m.processorId),
  );
  /** Data categories entrusted to a processor: the union over its agreements in force (one query, then by id). */
  const dataCategoriesByProcessor = new DataLoader<string, DataCategory[]>(async (ids) => {
    const rows: Record<string, unknown>[] = await manager.query(
      `SELECT DISTINCT a.processor_id, ${selectColumns(manager, DataCategory, "c", "c_")}
         FROM agreement a
         JOIN agreement_data_category l ON l.agreement_id = a.id
         JOIN data_category c ON c.id = l.data_category_id
        WHERE a.processor_id = ANY($1) AND a.status = 'ACTIVE' AND a.archived_at IS NULL
        ORDER BY c."key"`,
      [[...ids]],
    );
    const categories = rows.map((r) => ({
      processorId: r.processor_id as string,
      category: hydrate(manager, DataCategory, r, "c_"),
    }));
    return groupBy(ids, categories, (r) => r.processorId).map((list) => list.map((r) => r.category));
  });
  /** How many sub-processors are in a processor's chain one level down, now. */
  const subprocessorCountByProcessor = new DataLoader<string, number>(async (ids) => {
    const rows: { processor_id: string; n: number }[] = await manager.query(
      `SELECT e.processor_id, count(DISTINCT e.subprocessor_id)::int AS n FROM subprocessor_engagement e
        WHERE e.processor_id = ANY($1) AND ${inForceNow("e")} GROUP BY e.processor_id`,
      [[...ids]],
    );
    const byProcessor = new Map(rows.map((r) => [r.processor_id, r.n]));
    return ids.map((id) => byProcessor.get(id) ?? 0);
  });
  /** Audit log entries of records (table + uuid), newest first, the latest `first` of each: one query per batch. */
  const auditHistory = new DataLoader<AuditHistoryKey, AuditLogEntry[], string>(
    (keys) => loadAuditHistories(manager, keys),
    {
      cacheKeyFn: auditHistoryCacheKey,
    },
  );

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
    auditReportById,
    findingById,
    breachNoticeById,
    evidenceById,
    auditReportsByProcessor,
    reviewsByAuditReport,
    findingsByProcessor,
    findingsByAuditReport,
    breachNoticesByProcessor,
    supervisionFactsByProcessor,
    latestRiskByProcessor,
    subprocessorCountByProcessor,
    processorLinksByActivity,
    dataCategoryLinksByActivity,
    dataSubjectLinksByActivity,
    riskHistoryByProcessor,
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
    auditHistory,
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
