import type { RequestContext } from "../../context";
import { UserErrorCode, failInput, requireInputFields } from "../../common/errors";
import { applyPatch, createOwned, findByGlobalId, findForUpdateAtVersion } from "../../common/lookup";
import { todayIso, isoDateOf } from "../../common/dates";
import { AuditReport } from "./audit-report.entity";
import { AuditFinding } from "./finding.entity";
import { FindingSource, FindingStatus } from "./supervision.enums";
import { CloseFindingInput, CreateFindingInput, FindingFilter, UpdateFindingInput } from "./supervision.inputs";
import { processorService } from "../processors/processor.service";
import { measureService } from "../measures/measure.service";
import { paginate, sortOn } from "../../common/connection";
import { badUserInput } from "../../common/errors";
import { decodeIdOf } from "../../common/global-id";
import { events, payloads } from "../events";
import { findingOpen } from "./supervision.sql";

const EDITABLE: (keyof AuditFinding & string)[] = [
  "controlObjective",
  "description",
  "severity",
  "processorResponse",
  "owner",
  "dueOn",
];

async function applyMeasure(ctx: RequestContext, f: AuditFinding, measureId: string | null | undefined): Promise<void> {
  if (measureId === undefined) return;
  f.measureId = measureId === null ? null : (await measureService.ofInput(ctx, measureId, ["input", "measureId"])).id;
}

export const findingService = {
  /** Open findings that have a due date. */
  openWithDueDate(ctx: RequestContext): Promise<AuditFinding[]> {
    return ctx.manager
      .createQueryBuilder(AuditFinding, "f")
      .where(`${findingOpen("f")} AND f.due_on IS NOT NULL`)
      .getMany();
  },

  /** Findings closed on or after a date. */
  closedSince(ctx: RequestContext, since: string): Promise<AuditFinding[]> {
    return ctx.manager
      .createQueryBuilder(AuditFinding, "f")
      .where("f.status = :closed AND f.closed_on >= :since", { closed: FindingStatus.CLOSED, since })
      .getMany();
  },

  /**
   * Findings across the portfolio, newest first; archived processors' findings are left out, as riskOverview counts
   * them.
   */
  list(ctx: RequestContext, args: { first?: number | null; after?: string | null; filter?: FindingFilter | null }) {
    const qb = ctx.manager
      .createQueryBuilder(AuditFinding, "f")
      .innerJoin("processor", "p", "p.id = f.processor_id AND p.archived_at IS NULL");
    const filter = args.filter ?? {};
    if (filter.openOnly || filter.overdueOnly) qb.andWhere("f.status <> :closed", { closed: FindingStatus.CLOSED });
    if (filter.overdueOnly) qb.andWhere("f.due_on < :today", { today: todayIso() });
    if (filter.severities?.length) qb.andWhere("f.severity IN (:...severities)", { severities: filter.severities });
    if (filter.processorId) {
      const id = decodeIdOf("Processor", filter.processorId);
      if (!id) throw badUserInput("filter.processorId is not a Processor id.");
      qb.andWhere("f.processor_id = :processorId", { processorId: id });
    }
    return paginate(qb, { ...args, ...sortOn(qb, "createdAt", "DESC") });
  },

  async create(ctx: RequestContext, input: CreateFindingInput): Promise<AuditFinding> {
    requireInputFields(input, ["description", "severity"]);
    let processorId: string;
    let auditReportId: string | null = null;
    if (input.auditReportId) {
      const report = await findByGlobalId(ctx, AuditReport, "AuditReport", input.auditReportId, [
        "input",
        "auditReportId",
      ]);
      if (input.processorId) {
        const p = await processorService.ofInput(ctx, input.processorId, ["input", "processorId"]);
        if (p.id !== report.processorId)
          failInput(
            "processorId",
            UserErrorCode.INVALID,
            "processorId must be the report's processor (or be left out)",
          );
      }
      processorId = report.processorId;
      auditReportId = report.id;
    } else if (input.processorId) {
      processorId = (await processorService.ofInput(ctx, input.processorId, ["input", "processorId"])).id;
    } else {
      failInput(
        "auditReportId",
        UserErrorCode.REQUIRED,
        "auditReportId (a finding from a report) or processorId (from your own review) is required",
      );
    }
    const finding = createOwned(ctx, AuditFinding, {
      processorId,
      auditReportId,
      source: auditReportId ? FindingSource.REPORT : FindingSource.CONTROLLER_REVIEW,
      status: FindingStatus.OPEN,
      measureId: null,
      controlObjective: null,
      processorResponse: null,
      owner: null,
      dueOn: null,
      closedOn: null,
      closingNote: null,
    });
    applyPatch(finding, input, EDITABLE);
    await applyMeasure(ctx, finding, input.measureId);
    const saved = await ctx.manager.save(finding);
    await events.recordAtCommit(ctx, "finding.opened", payloads.findingOpened(saved));
    return saved;
  },

  async update(ctx: RequestContext, input: UpdateFindingInput): Promise<AuditFinding> {
    const finding = await findForUpdateAtVersion(ctx, AuditFinding, "AuditFinding", input);
    if (finding.status === FindingStatus.CLOSED)
      failInput(
        "id",
        UserErrorCode.INVALID_STATE,
        "The finding is closed; closed findings are kept as they were closed",
      );
    if (input.status === FindingStatus.CLOSED)
      failInput("status", UserErrorCode.INVALID, "Use closeFinding to close a finding: closing needs a note");
    for (const k of ["description", "severity"] as const)
      if (input[k] === null) failInput(k, UserErrorCode.REQUIRED, `${k} cannot be cleared`);
    applyPatch(finding, input, [...EDITABLE, "status"]);
    await applyMeasure(ctx, finding, input.measureId);
    return ctx.manager.save(finding);
  },

  async close(ctx: RequestContext, input: CloseFindingInput): Promise<AuditFinding> {
    const finding = await findForUpdateAtVersion(ctx, AuditFinding, "AuditFinding", input);
    if (finding.status === FindingStatus.CLOSED)
      failInput("id", UserErrorCode.INVALID_STATE, `The finding was already closed on ${finding.closedOn}`);
    const closedOn = input.closedOn ?? todayIso();
    if (closedOn > todayIso()) failInput("closedOn", UserErrorCode.INVALID, "closedOn must not be in the future");
    if (closedOn < isoDateOf(finding.createdAt))
      failInput("closedOn", UserErrorCode.INVALID, "closedOn must not be before the finding was recorded");
    finding.status = FindingStatus.CLOSED;
    finding.closedOn = closedOn;
    finding.closingNote = input.note.trim();
    return ctx.manager.save(finding);
  },
};
