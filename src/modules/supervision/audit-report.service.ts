import type { RequestContext } from "../../context";
import { UserErrorCode, UserInputFailure, failInput, requireInputFields, userError } from "../../common/errors";
import { applyPatch, createOwned, findByGlobalId, findForUpdateAtVersion } from "../../common/lookup";
import { todayIso } from "../../common/dates";
import { AuditReport } from "./audit-report.entity";
import { AuditReportReview } from "./review.entity";
import { auditReportProblems } from "./audit-report.rules";
import { CreateAuditReportInput, ReviewAuditReportInput, UpdateAuditReportInput } from "./supervision.inputs";
import { processorService } from "../processors/processor.service";
import { agreementService } from "../agreements/agreement.service";

const EDITABLE: (keyof AuditReport & string)[] = [
  "type",
  "title",
  "assurance",
  "reportKind",
  "periodStart",
  "periodEnd",
  "asOfDate",
  "issuedOn",
  "receivedOn",
  "auditor",
  "opinion",
  "subserviceMethod",
  "cuecs",
  "bridgeLetterUntil",
  "coversPurchasedServices",
  "scope",
  "standard",
  "certificateNumber",
  "validUntil",
  "source",
];

async function applyLinks(
  ctx: RequestContext,
  report: AuditReport,
  input: CreateAuditReportInput | UpdateAuditReportInput,
): Promise<void> {
  if (input.agreementId !== undefined) {
    if (input.agreementId === null) report.agreementId = null;
    else {
      const a = await agreementService.ofInput(ctx, input.agreementId, ["input", "agreementId"]);
      if (a.processorId !== report.processorId)
        failInput(
          "agreementId",
          UserErrorCode.INVALID,
          "agreementId must be an agreement under which the report's processor processes",
        );
      report.agreementId = a.id;
    }
  }
  if (input.carvedOutSubprocessorIds !== undefined) {
    const ids: string[] = [];
    for (const [i, gid] of (input.carvedOutSubprocessorIds ?? []).entries()) {
      ids.push((await processorService.ofInput(ctx, gid, ["input", "carvedOutSubprocessorIds", String(i)])).id);
    }
    report.carvedOutProcessorIds = [...new Set(ids)];
  }
}

function checkRules(report: AuditReport): void {
  const problems = auditReportProblems(report, todayIso());
  if (problems.length)
    throw new UserInputFailure(problems.map((p) => userError(["input", p.field], p.code, p.message)));
}

export const auditReportService = {
  async create(ctx: RequestContext, input: CreateAuditReportInput): Promise<AuditReport> {
    requireInputFields(input, ["type", "title", "receivedOn"]);
    const processor = await processorService.ofInput(ctx, input.processorId, ["input", "processorId"]);
    const report = createOwned(ctx, AuditReport, {
      processorId: processor.id,
      agreementId: null,
      carvedOutProcessorIds: [],
      cuecs: [],
      assurance: null,
      reportKind: null,
      periodStart: null,
      periodEnd: null,
      asOfDate: null,
      issuedOn: null,
      auditor: null,
      opinion: null,
      subserviceMethod: null,
      bridgeLetterUntil: null,
      coversPurchasedServices: null,
      scope: null,
      standard: null,
      certificateNumber: null,
      validUntil: null,
      source: null,
    });
    applyPatch(report, input, EDITABLE);
    report.cuecs = (input.cuecs ?? []).map((c) => c.trim()).filter(Boolean);
    await applyLinks(ctx, report, input);
    checkRules(report);
    return ctx.manager.save(report);
  },

  async update(ctx: RequestContext, input: UpdateAuditReportInput): Promise<AuditReport> {
    const report = await findForUpdateAtVersion(ctx, AuditReport, "AuditReport", input);
    for (const f of ["type", "title", "receivedOn"] as const) {
      if (input[f] === null) failInput(f, UserErrorCode.REQUIRED, `${f} cannot be cleared`);
    }
    applyPatch(report, input, EDITABLE);
    if (input.cuecs !== undefined) report.cuecs = (input.cuecs ?? []).map((c) => c.trim()).filter(Boolean);
    await applyLinks(ctx, report, input);
    checkRules(report);
    return ctx.manager.save(report);
  },

  async review(ctx: RequestContext, input: ReviewAuditReportInput): Promise<AuditReportReview> {
    const report = await findByGlobalId(ctx, AuditReport, "AuditReport", input.auditReportId, [
      "input",
      "auditReportId",
    ]);
    const reviewedOn = input.reviewedOn ?? todayIso();
    if (reviewedOn > todayIso()) failInput("reviewedOn", UserErrorCode.INVALID, "reviewedOn must not be in the future");
    if (reviewedOn < report.receivedOn)
      failInput(
        "reviewedOn",
        UserErrorCode.INVALID,
        `reviewedOn must not be before the report was received (${report.receivedOn})`,
      );
    return ctx.manager.save(
      createOwned(ctx, AuditReportReview, {
        auditReportId: report.id,
        reviewer: input.reviewer.trim(),
        reviewedOn,
        conclusion: input.conclusion,
        remarks: input.remarks?.trim() || null,
        recordedByApiKeyId: ctx.actor.apiKeyId,
      }),
    );
  },
};
