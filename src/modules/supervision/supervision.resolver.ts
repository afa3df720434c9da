import { Arg, Args, Ctx, FieldResolver, Float, Int, Query, Resolver, Root } from "type-graphql";
import { loadFound, readsAhead } from "../../common/loader-kit";
import type { RequestContext } from "../../context";
import { linked, LoadedField, reference } from "../../common/reference";
import { PayloadMutation } from "../../common/mutation";
import { Processor } from "../processors/processor.entity";
import { Agreement } from "../agreements/agreement.entity";
import { Measure } from "../measures/measure.entity";
import { RecordedBy } from "../auth/api-key.types";
import { apiKeyService } from "../auth/api-key.service";
import { AuditReport } from "./audit-report.entity";
import { AuditFinding } from "./finding.entity";
import { AuditReportReview } from "./review.entity";
import { BreachNotice } from "./breach-notice.entity";
import { FindingStatus, ReviewConclusion } from "./supervision.enums";
import {
  SupervisionPlan,
  AuditFindingConnection,
  FindingsArgs,
  dueSoonArg,
  AuditReportPayload,
  ReviewPayload,
  FindingPayload,
  BreachNoticePayload,
  PlanPayload,
  ScheduleArgs,
} from "./supervision.types";
import {
  CloseFindingInput,
  CreateAuditReportInput,
  CreateFindingInput,
  RecordBreachNoticeInput,
  ReviewAuditReportInput,
  SetSupervisionPlanInput,
  UpdateAuditReportInput,
  UpdateFindingInput,
} from "./supervision.inputs";
import { auditReportService } from "./audit-report.service";
import { findingService } from "./finding.service";
import { breachNoticeService } from "./breach-notice.service";
import { notifiedLate, hoursToNotify } from "./breach-notice.rules";
import { supervisionPlanService } from "./supervision-plan.service";
import { isCertificationValid } from "./audit-report.rules";
import { todayIso } from "../../common/dates";

@Resolver(() => SupervisionPlan)
export class SupervisionPlanResolver {
  @Query(() => [SupervisionPlan], {
    description:
      "Supervision plans of every active processor with an agreement in force or a plan, by next due date: the " +
      "dashboard view.",
  })
  supervisionSchedule(@Args() args: ScheduleArgs, @Ctx() ctx: RequestContext) {
    return supervisionPlanService.schedule(ctx, args);
  }

  @Query(() => [SupervisionPlan], {
    description: "The worklist: plans OVERDUE or NEVER_SUPERVISED, most overdue first.",
  })
  overdueSupervision(@Ctx() ctx: RequestContext, @Arg("dueSoonDays", () => Int, dueSoonArg) dueSoonDays: number) {
    return supervisionPlanService.schedule(ctx, { status: ["OVERDUE", "NEVER_SUPERVISED"], dueSoonDays });
  }

  @LoadedField(() => Processor, { description: "The processor." })
  processor = reference("processorById", (plan: SupervisionPlan) => plan.processorId);

  @LoadedField(() => Agreement, {
    nullable: true,
    description: "The agreement whose audit clause sets the requirement.",
  })
  agreement = reference("agreementById", (plan: SupervisionPlan) => plan.agreementId);

  @LoadedField(() => AuditReport, { nullable: true, description: "The report behind lastSupervisedOn." })
  lastReport = reference("auditReportById", (plan: SupervisionPlan) => plan.lastReportId);

  @PayloadMutation(
    PlanPayload,
    "Set the controller's supervision choices for a processor: method, why, a shorter interval, owner.",
  )
  setSupervisionPlan(input: SetSupervisionPlanInput, ctx: RequestContext) {
    return supervisionPlanService.set(ctx, input);
  }
}

readsAhead("Processor", { supervisionPlan: ["agreementsByProcessor", "supervisionFactsByProcessor"] });

@Resolver(() => Processor)
export class ProcessorSupervisionResolver {
  @FieldResolver(() => SupervisionPlan, {
    nullable: true,
    description: "How the processor is supervised; null without an agreement in force or a plan.",
  })
  async supervisionPlan(
    @Root() p: Processor,
    @Ctx() ctx: RequestContext,
    @Arg("dueSoonDays", () => Int, dueSoonArg) dueSoonDays: number,
  ) {
    return (await supervisionPlanService.plansFor(ctx, [p], dueSoonDays))[0];
  }

  @LoadedField(() => [AuditReport], {
    description: "Reports and supervision records about the processor, newest first.",
  })
  auditReports = linked("auditReportsByProcessor");

  @FieldResolver(() => [AuditFinding], { description: "Findings about the processor, oldest first." })
  async findings(
    @Root() p: Processor,
    @Ctx() ctx: RequestContext,
    @Arg("openOnly", { defaultValue: false, description: "Only findings not closed." }) openOnly: boolean,
  ) {
    const all = await ctx.loaders.findingsByProcessor.load(p.id);
    return openOnly ? all.filter((f) => f.status !== FindingStatus.CLOSED) : all;
  }

  @LoadedField(() => [BreachNotice], { description: "Breaches the processor notified, newest first." })
  breachNotices = linked("breachNoticesByProcessor");

  @FieldResolver(() => [AuditReport], { description: "Certifications (ISO 27001, ISO 27701, …) valid today." })
  async validCertifications(@Root() p: Processor, @Ctx() ctx: RequestContext) {
    const today = todayIso();
    return (await ctx.loaders.auditReportsByProcessor.load(p.id)).filter((r) => isCertificationValid(r, today));
  }
}

@Resolver(() => AuditReport)
export class AuditReportResolver {
  @LoadedField(() => Processor, { description: "The processor the report is about." })
  processor = reference("processorById", (r: AuditReport) => r.processorId);

  @LoadedField(() => Agreement, { nullable: true, description: "The agreement whose audit clause it answers." })
  agreement = reference("agreementById", (r: AuditReport) => r.agreementId);

  @FieldResolver(() => [Processor], { description: "Sub-processors carved out of the report." })
  carvedOutSubprocessors(@Root() r: AuditReport, @Ctx() ctx: RequestContext) {
    return loadFound(ctx.loaders.processorById, r.carvedOutProcessorIds);
  }

  @LoadedField(() => [AuditReportReview], { description: "The controller's reviews, newest first." })
  reviews = linked("reviewsByAuditReport");

  @FieldResolver(() => AuditReportReview, {
    nullable: true,
    description: "The latest review; null while the report is not reviewed (an open item).",
  })
  async latestReview(@Root() r: AuditReport, @Ctx() ctx: RequestContext) {
    return (await ctx.loaders.reviewsByAuditReport.load(r.id))[0] ?? null;
  }

  @FieldResolver(() => Boolean, { description: "True until the controller has reviewed the report." })
  async awaitingReview(@Root() r: AuditReport, @Ctx() ctx: RequestContext) {
    return (await ctx.loaders.reviewsByAuditReport.load(r.id)).length === 0;
  }

  @LoadedField(() => [AuditFinding], { description: "Exceptions recorded from this report." })
  findings = linked("findingsByAuditReport");

  @PayloadMutation(AuditReportPayload, "Record a report or supervision carried out.")
  createAuditReport(input: CreateAuditReportInput, ctx: RequestContext) {
    return auditReportService.create(ctx, input);
  }

  @PayloadMutation(AuditReportPayload, "Change a report.")
  updateAuditReport(input: UpdateAuditReportInput, ctx: RequestContext) {
    return auditReportService.update(ctx, input);
  }

  @PayloadMutation(ReviewPayload, "Record the controller's review of a report.")
  reviewAuditReport(input: ReviewAuditReportInput, ctx: RequestContext) {
    return auditReportService.review(ctx, input);
  }
}

@Resolver(() => AuditReportReview)
export class AuditReportReviewResolver {
  @LoadedField(() => AuditReport, { description: "The report reviewed." })
  auditReport = reference("auditReportById", (v: AuditReportReview) => v.auditReportId);

  @FieldResolver(() => RecordedBy, { nullable: true, description: "The API key that recorded the review." })
  recordedBy(@Root() v: AuditReportReview, @Ctx() ctx: RequestContext): Promise<RecordedBy | null> {
    return apiKeyService.recordedBy(ctx, v.recordedByApiKeyId);
  }

  @FieldResolver(() => Boolean, {
    description: "True for ACCEPTED_WITH_FOLLOW_UP: the follow-up is tracked as findings.",
  })
  needsFollowUp(@Root() v: AuditReportReview) {
    return v.conclusion === ReviewConclusion.ACCEPTED_WITH_FOLLOW_UP;
  }
}

@Resolver(() => AuditFinding)
export class AuditFindingResolver {
  @Query(() => AuditFindingConnection, {
    description:
      "Findings across the portfolio, newest first (archived processors' left out): with openOnly and severities " +
      "HIGH and CRITICAL, the list behind riskOverview.openHighOrCriticalFindings.",
  })
  findings(@Args() args: FindingsArgs, @Ctx() ctx: RequestContext) {
    return findingService.list(ctx, args);
  }

  @LoadedField(() => Processor, { description: "The processor." })
  processor = reference("processorById", (f: AuditFinding) => f.processorId);

  @LoadedField(() => AuditReport, {
    nullable: true,
    description: "The report it is from; null for the controller's own findings.",
  })
  auditReport = reference("auditReportById", (f: AuditFinding) => f.auditReportId);

  @LoadedField(() => Measure, { nullable: true, description: "The security measure concerned." })
  measure = reference("measureById", (f: AuditFinding) => f.measureId);

  @FieldResolver(() => Boolean, { description: "Open past its due date." })
  overdue(@Root() f: AuditFinding) {
    return f.status !== FindingStatus.CLOSED && f.dueOn !== null && f.dueOn < todayIso();
  }

  @PayloadMutation(FindingPayload, "Record a finding from a report or from your own review.")
  createFinding(input: CreateFindingInput, ctx: RequestContext) {
    return findingService.create(ctx, input);
  }

  @PayloadMutation(FindingPayload, "Change an open finding (response, owner, due date, status OPEN/IN_PROGRESS).")
  updateFinding(input: UpdateFindingInput, ctx: RequestContext) {
    return findingService.update(ctx, input);
  }

  @PayloadMutation(FindingPayload, "Close a finding with a note saying why.")
  closeFinding(input: CloseFindingInput, ctx: RequestContext) {
    return findingService.close(ctx, input);
  }
}

@Resolver(() => BreachNotice)
export class BreachNoticeResolver {
  @LoadedField(() => Processor, { description: "The processor that notified." })
  processor = reference("processorById", (b: BreachNotice) => b.processorId);

  @LoadedField(() => Agreement, {
    nullable: true,
    description: "The agreement in force on the day the processor became aware of the breach: its deadline applies.",
  })
  agreement = reference("agreementById", (b: BreachNotice) => b.agreementId);

  @FieldResolver(() => Float, {
    description: "Hours from becoming aware to notifying the controller, to two decimals.",
  })
  hoursToNotify(@Root() b: BreachNotice) {
    return hoursToNotify(b);
  }

  @FieldResolver(() => Boolean, {
    nullable: true,
    description:
      "Whether it came later than the agreement's breachNotificationHours, by the exact times (a second over is " +
      "late, though hoursToNotify may show the limit); null when the agreement sets no limit.",
  })
  notifiedLate(@Root() b: BreachNotice) {
    return notifiedLate(b);
  }

  @PayloadMutation(BreachNoticePayload, "Record a breach notice from a processor.")
  recordBreachNotice(input: RecordBreachNoticeInput, ctx: RequestContext) {
    return breachNoticeService.record(ctx, input);
  }
}
