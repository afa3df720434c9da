// The auditor's evidence list (domain.md §6.6): for one processor or all, the agreement in force and
// its versions, the approved sub-processor list, the supervision plan, reports with reviews and
// findings and their follow-up, and breach notices, each hashed and backed by its files.
import { createHash } from "node:crypto";
import canonicalize from "canonicalize";
import type { RequestContext } from "../../context";
import { badUserInput } from "../../common/errors";
import { decodeIdOf, toGlobalId } from "../../common/global-id";
import { todayIso, isoDateOf } from "../../common/dates";
import { Processor } from "../processors/processor.entity";
import { Agreement } from "../agreements/agreement.entity";
import { currentAgreementOf } from "../agreements/agreement.rules";
import { SubprocessorEngagement } from "../subprocessors/engagement.entity";
import { approvedOnDay } from "../subprocessors/engagement.rules";
import { AuditReport } from "../supervision/audit-report.entity";
import { AuditFinding } from "../supervision/finding.entity";
import { AuditReportReview } from "../supervision/review.entity";
import { BreachNotice } from "../supervision/breach-notice.entity";
import { FindingStatus } from "../supervision/supervision.enums";
import { DEFAULT_DUE_SOON_DAYS, supervisionPlanService } from "../supervision/supervision-plan.service";
import { notifiedLate } from "../supervision/breach-notice.rules";
import { hoursToNotify } from "../supervision/breach-notice.rules";
import { Evidence } from "../evidence/evidence.entity";
import { EvidenceItemKind, EvidenceListItem } from "./evidence-list.types";
import { loadEach } from "../../common/loader-kit";
import { processorService } from "../processors/processor.service";

export interface EvidenceListArgs {
  processorId?: string | null;
  from?: string | null;
  to?: string | null;
  kinds?: EvidenceItemKind[] | null;
}

/** The record's own columns, JSON-safe: what the hash covers. */
function snapshot(record: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) {
    if (k.endsWith("Record") || v === undefined) continue;
    out[k] = v instanceof Date ? v.toISOString() : v;
  }
  return out;
}

function item(
  kind: EvidenceItemKind,
  processorId: string | null,
  subjectId: string,
  title: string,
  effectiveOn: string | null,
  status: string | null,
  details: string,
  record: unknown,
  files: Evidence[],
): EvidenceListItem {
  const json = canonicalize({ kind, record }) as string;
  return Object.assign(new EvidenceListItem(), {
    processorId,
    kind,
    subjectId,
    title,
    effectiveOn,
    status,
    details,
    files,
    record: json,
    recordSha256: createHash("sha256").update(json).digest("hex"),
  });
}

const inRange = (d: string | null, from?: string | null, to?: string | null) =>
  !!d && (!from || d >= from) && (!to || d <= to);
const list = (...parts: (string | number | null | undefined | false)[]) =>
  parts.filter((p) => p !== null && p !== undefined && p !== false && p !== "").join(", ");

async function processorsFor(ctx: RequestContext, processorId?: string | null): Promise<Processor[]> {
  if (processorId) {
    const id = decodeIdOf("Processor", processorId);
    const p = id ? await ctx.loaders.processorById.load(id) : null;
    if (!p) throw badUserInput("processorId does not name a processor of your organization.");
    return [p];
  }
  return processorService.listed(ctx, "all");
}

async function approvedList(
  ctx: RequestContext,
  processor: Processor,
  on: string | null,
): Promise<SubprocessorEngagement[]> {
  if (on) return ctx.loaders.engagementsAsOf.load(`${on}|${processor.id}`);
  const today = todayIso();
  return (await ctx.loaders.engagementsByProcessor.load(processor.id)).filter((e) => approvedOnDay(e, today));
}

/** Loads every level the list reads, level by level, so the loop below only hits loader caches (no N+1). */
async function prefetch(ctx: RequestContext, ids: string[], listDate: string | null): Promise<void> {
  const L = ctx.loaders;
  const [agreements, reports, findings, breaches, , edges] = await Promise.all([
    loadEach(L.agreementsByProcessor, ids),
    loadEach(L.auditReportsByProcessor, ids),
    loadEach(L.findingsByProcessor, ids),
    loadEach(L.breachNoticesByProcessor, ids),
    loadEach(L.evidenceByProcessor, ids),
    listDate
      ? loadEach(
          L.engagementsAsOf,
          ids.map((id) => `${listDate}|${id}`),
        )
      : loadEach(L.engagementsByProcessor, ids),
  ]);
  const reportIds = reports.flat().map((r) => r.id);
  const engagements: SubprocessorEngagement[] = edges.flat();
  await Promise.all([
    L.evidenceByAgreement.loadMany(agreements.flat().map((a) => a.id)),
    L.reviewsByAuditReport.loadMany(reportIds),
    L.evidenceByAuditReport.loadMany(reportIds),
    L.evidenceByFinding.loadMany(findings.flat().map((f) => f.id)),
    L.evidenceByBreachNotice.loadMany(breaches.flat().map((b) => b.id)),
    L.processorById.loadMany(engagements.map((e) => e.subprocessorId)),
  ]);
}

async function evidenceList(ctx: RequestContext, args: EvidenceListArgs): Promise<EvidenceListItem[]> {
  if (args.from && args.to && args.to < args.from) throw badUserInput("to must not be before from.");
  const wanted = (k: EvidenceItemKind) => !args.kinds?.length || args.kinds.includes(k);
  const processors = await processorsFor(ctx, args.processorId);
  // The agreement in force on a past `to` (else today); the approved sub-processor list as it stands on any `to`,
  // from the history (a future `to` too: an approval or a removal scheduled by then shows as it will stand).
  const listDate = args.to && args.to < todayIso() ? args.to : null;
  const subprocessorListDate = args.to ?? null;
  await prefetch(
    ctx,
    processors.map((p) => p.id),
    subprocessorListDate,
  );
  const plans = await supervisionPlanService.plansFor(ctx, processors, DEFAULT_DUE_SOON_DAYS);
  const out: EvidenceListItem[] = [];
  for (const [i, p] of processors.entries()) {
    const pid = toGlobalId("Processor", p.id);
    const attached = new Set<string>();
    const filesOf = async (load: Promise<Evidence[]>) => {
      const files = await load;
      for (const f of files) attached.add(f.id);
      return files;
    };
    const agreements = await ctx.loaders.agreementsByProcessor.load(p.id);
    const current = currentAgreementOf(agreements, listDate ?? todayIso());
    for (const a of agreements) {
      const kind = a.id === current?.id ? EvidenceItemKind.AGREEMENT : EvidenceItemKind.AGREEMENT_VERSION;
      const effectiveOn = a.effectiveFrom ?? a.signedOn ?? isoDateOf(a.createdAt);
      if (
        !wanted(kind) ||
        (kind === EvidenceItemKind.AGREEMENT_VERSION && args.from && effectiveOn && effectiveOn < args.from && !args.to)
      )
        continue;
      out.push(
        item(
          kind,
          p.id,
          toGlobalId("Agreement", a.id),
          `${p.name}: ${a.title}`,
          effectiveOn,
          a.status,
          list(
            a.kind,
            a.template,
            a.breachNotificationHours !== null && `breach notice ${a.breachNotificationHours} h`,
            a.subprocessorAuthorization && `sub-processors ${a.subprocessorAuthorization}`,
          ),
          snapshot(a as Agreement),
          await filesOf(ctx.loaders.evidenceByAgreement.load(a.id)),
        ),
      );
    }
    if (wanted(EvidenceItemKind.SUBPROCESSOR_LIST)) {
      const engagements = await approvedList(ctx, p, subprocessorListDate);
      if (engagements.length) {
        const subs = await ctx.loaders.processorById.loadMany(engagements.map((e) => e.subprocessorId));
        const rows = engagements.map((e, j) => {
          const s = subs[j] as Processor;
          return {
            engagementId: toGlobalId("SubprocessorEngagement", e.id),
            subprocessor: s.name,
            registrationNumber: s.registrationNumber,
            countries: e.countries,
            transferMechanism: e.transferMechanism,
            approvedOn: e.approvedOn,
            agreementId: e.agreementId && toGlobalId("Agreement", e.agreementId),
            source: e.source,
          };
        });
        out.push(
          item(
            EvidenceItemKind.SUBPROCESSOR_LIST,
            p.id,
            pid,
            `${p.name}: approved sub-processors`,
            subprocessorListDate ?? todayIso(),
            null,
            rows
              .map((r) => `${r.subprocessor} (${r.countries.join("/") || "no country stated"}, ${r.transferMechanism})`)
              .join("; "),
            rows,
            [],
          ),
        );
      }
    }
    const plan = plans[i];
    if (plan && wanted(EvidenceItemKind.SUPERVISION_PLAN)) {
      const { processorId: _p, agreementId: _a, lastReportId: _l, ...facts } = plan;
      out.push(
        item(
          EvidenceItemKind.SUPERVISION_PLAN,
          p.id,
          pid,
          `${p.name}: supervision plan`,
          todayIso(),
          plan.status,
          list(
            `required ${plan.requiredMethods.join("/") || "not stated"}`,
            `every ${plan.intervalMonths} months`,
            plan.requiredDueDay && `due ${plan.requiredDueDay}`,
            plan.chosenMethod && `chosen ${plan.chosenMethod}`,
            `last ${plan.lastSupervisedOn ?? "never"}`,
            `next ${plan.nextDueOn ?? "after 9999-12-31"}`,
          ),
          facts,
          [],
        ),
      );
    }
    const reports = await ctx.loaders.auditReportsByProcessor.load(p.id);
    const reportIds = new Set<string>();
    for (const r of reports) {
      if (!inRange(r.receivedOn, args.from, args.to)) continue;
      reportIds.add(r.id);
      const reviews: AuditReportReview[] = await ctx.loaders.reviewsByAuditReport.load(r.id);
      if (wanted(EvidenceItemKind.AUDIT_REPORT)) {
        out.push(
          item(
            EvidenceItemKind.AUDIT_REPORT,
            p.id,
            toGlobalId("AuditReport", r.id),
            `${p.name}: ${r.title}`,
            r.receivedOn,
            reviews[0]?.conclusion ?? "NOT_REVIEWED",
            list(
              r.type,
              r.reportKind,
              r.periodStart && `period ${r.periodStart}–${r.periodEnd}`,
              r.asOfDate && `as of ${r.asOfDate}`,
              r.opinion && `opinion ${r.opinion}`,
              r.auditor,
              r.validUntil && `valid until ${r.validUntil}`,
            ),
            snapshot(r as AuditReport),
            await filesOf(ctx.loaders.evidenceByAuditReport.load(r.id)),
          ),
        );
      }
      if (wanted(EvidenceItemKind.REVIEW)) {
        for (const v of reviews) {
          out.push(
            item(
              EvidenceItemKind.REVIEW,
              p.id,
              toGlobalId("AuditReportReview", v.id),
              `${p.name}: review of ${r.title}`,
              v.reviewedOn,
              v.conclusion,
              list(`by ${v.reviewer}`, v.remarks),
              snapshot(v),
              [],
            ),
          );
        }
      }
    }
    if (wanted(EvidenceItemKind.FINDING)) {
      for (const f of (await ctx.loaders.findingsByProcessor.load(p.id)) as AuditFinding[]) {
        const relevant =
          (f.auditReportId && reportIds.has(f.auditReportId)) ||
          inRange(isoDateOf(f.createdAt), args.from, args.to) ||
          inRange(f.closedOn, args.from, args.to) ||
          f.status !== FindingStatus.CLOSED;
        if (!relevant) continue;
        out.push(
          item(
            EvidenceItemKind.FINDING,
            p.id,
            toGlobalId("AuditFinding", f.id),
            `${p.name}: ${f.controlObjective ?? f.description.slice(0, 80)}`,
            f.closedOn ?? isoDateOf(f.createdAt),
            f.status,
            list(
              f.severity,
              f.source,
              f.dueOn && `due ${f.dueOn}`,
              f.owner && `owner ${f.owner}`,
              f.closingNote && `closed: ${f.closingNote}`,
            ),
            snapshot(f),
            await filesOf(ctx.loaders.evidenceByFinding.load(f.id)),
          ),
        );
      }
    }
    if (wanted(EvidenceItemKind.BREACH_NOTICE)) {
      for (const b of (await ctx.loaders.breachNoticesByProcessor.load(p.id)) as BreachNotice[]) {
        if (!inRange(isoDateOf(b.notifiedAt), args.from, args.to)) continue;
        const late = notifiedLate(b);
        out.push(
          item(
            EvidenceItemKind.BREACH_NOTICE,
            p.id,
            toGlobalId("BreachNotice", b.id),
            `${p.name}: ${b.title}`,
            isoDateOf(b.notifiedAt),
            late === null ? "NO_LIMIT" : late ? "LATE" : "IN_TIME",
            list(
              `${hoursToNotify(b)} h to notify`,
              b.limitHours !== null && `limit ${b.limitHours} h`,
              b.approximateDataSubjects !== null && `${b.approximateDataSubjects} data subjects`,
            ),
            snapshot(b),
            await filesOf(ctx.loaders.evidenceByBreachNotice.load(b.id)),
          ),
        );
      }
    }
    if (wanted(EvidenceItemKind.EVIDENCE_FILE)) {
      for (const e of await ctx.loaders.evidenceByProcessor.load(p.id)) {
        if (attached.has(e.id) || !inRange(e.effectiveOn, args.from, args.to)) continue;
        out.push(
          item(
            EvidenceItemKind.EVIDENCE_FILE,
            p.id,
            toGlobalId("Evidence", e.id),
            `${p.name}: ${e.title}`,
            e.effectiveOn,
            e.kind,
            list(e.fileName, e.mediaType, e.sizeBytes !== null && `${e.sizeBytes} bytes`),
            snapshot(e),
            [e],
          ),
        );
      }
    }
  }
  return out;
}

export const evidenceListService = {
  list: evidenceList,
};
