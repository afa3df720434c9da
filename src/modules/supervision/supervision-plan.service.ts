import type { RequestContext } from "../../context";
import { loadEach } from "../../common/loader-kit";
import { badUserInput } from "../../common/errors";
import { upsertLocked } from "../../common/lookup";
import { todayIso, isoDateOf } from "../../common/dates";
import { Processor } from "../processors/processor.entity";
import { Agreement } from "../agreements/agreement.entity";
import { currentAgreementOf } from "../agreements/agreement.rules";
import { SupervisionChoice } from "./supervision-plan.entity";
import { SetSupervisionPlanInput } from "./supervision.inputs";
import {
  DEFAULT_DUE_SOON_DAYS,
  matchesStatusFilter,
  DEFAULT_INTERVAL_MONTHS,
  daysUntilDue,
  nextDueDate,
  supervisionStatus,
} from "./schedule.rules";
import { SupervisionPlan } from "./supervision.types";
import { processorService } from "../processors/processor.service";
import type { SupervisionStatus } from "./supervision.enums";

function checkDueSoonDays(days: number): void {
  if (!Number.isInteger(days) || days < 0 || days > 365)
    throw badUserInput(`dueSoonDays must be between 0 and 365 (got ${days}).`);
}

/** The date the supervision schedule runs from: the agreement's start, else when it or the processor was recorded. */
function scheduleStart(processor: Processor, agreement: Agreement | null): string {
  return agreement?.effectiveFrom ?? agreement?.signedOn ?? isoDateOf(agreement?.createdAt ?? processor.createdAt);
}

/** Plans for the given processors; null for a processor with neither an agreement in force nor a plan of its own. */
async function plansFor(
  ctx: RequestContext,
  processors: Processor[],
  dueSoonDays: number,
): Promise<(SupervisionPlan | null)[]> {
  checkDueSoonDays(dueSoonDays);
  const ids = processors.map((p) => p.id);
  const [agreementLists, facts] = await Promise.all([
    loadEach(ctx.loaders.agreementsByProcessor, ids),
    loadEach(ctx.loaders.supervisionFactsByProcessor, ids),
  ]);
  const today = todayIso();
  return processors.map((processor, i) => {
    const list = agreementLists[i];
    const f = facts[i];
    const agreement = currentAgreementOf(list, today);
    if (!agreement && !f.choice) return null;
    const requiredInterval = agreement?.processorAuditIntervalMonths ?? null;
    // The controller may supervise more often than the agreement says, never less.
    const intervalMonths = Math.min(
      requiredInterval ?? DEFAULT_INTERVAL_MONTHS,
      f.choice?.intervalMonths ?? Number.MAX_SAFE_INTEGER,
    );
    const dueDay = agreement?.processorAuditDueDay ?? null;
    const startOn = scheduleStart(processor, agreement);
    const nextDueOn = nextDueDate({ intervalMonths, dueDay }, f.lastSupervisedOn, startOn);
    const requiredMethods = agreement?.processorAuditMethods ?? [];
    return Object.assign(new SupervisionPlan(), {
      processorId: processor.id,
      agreementId: agreement?.id ?? null,
      lastReportId: f.lastReportId,
      requiredMethods,
      requiredIntervalMonths: requiredInterval,
      requiredDueDay: dueDay,
      intervalMonths,
      chosenMethod: f.choice?.chosenMethod ?? null,
      rationale: f.choice?.rationale ?? null,
      owner: f.choice?.owner ?? null,
      chosenMethodAllowed:
        f.choice?.chosenMethod && requiredMethods.length ? requiredMethods.includes(f.choice.chosenMethod) : null,
      startOn,
      lastSupervisedOn: f.lastSupervisedOn,
      nextDueOn,
      daysUntilDue: daysUntilDue(nextDueOn, today),
      status: supervisionStatus({
        nextDueOn,
        lastSupervisedOn: f.lastSupervisedOn,
        today,
        dueSoonDays,
      }) as SupervisionStatus,
      unreviewedReports: f.unreviewedReports,
      openFindings: f.openFindings,
    });
  });
}

async function activeProcessors(ctx: RequestContext): Promise<Processor[]> {
  return processorService.listed(ctx, "notTerminated", "none");
}

/** By due date; plans without one (none within the calendar) last. */
const byDueDate = (a: SupervisionPlan, b: SupervisionPlan) =>
  (a.nextDueOn === b.nextDueOn
    ? 0
    : a.nextDueOn === null
      ? 1
      : b.nextDueOn === null
        ? -1
        : a.nextDueOn < b.nextDueOn
          ? -1
          : 1) || a.processorId.localeCompare(b.processorId);

export const supervisionPlanService = {
  checkDueSoonDays,
  plansFor,
  async schedule(
    ctx: RequestContext,
    args: { from?: string | null; to?: string | null; status?: SupervisionStatus[] | null; dueSoonDays: number },
  ): Promise<SupervisionPlan[]> {
    if (args.from && args.to && args.to < args.from) throw badUserInput("to must not be before from.");
    const plans = (await plansFor(ctx, await activeProcessors(ctx), args.dueSoonDays)).filter(
      (p): p is SupervisionPlan => p !== null,
    );
    return (
      plans
        // A plan without a due date is due in no range.
        .filter(
          (p) =>
            (!args.from || (p.nextDueOn !== null && p.nextDueOn >= args.from)) &&
            (!args.to || (p.nextDueOn !== null && p.nextDueOn <= args.to)),
        )
        .filter((p) => !args.status?.length || matchesStatusFilter(p, args.status, args.dueSoonDays))
        .sort(byDueDate)
    );
  },

  async set(ctx: RequestContext, input: SetSupervisionPlanInput): Promise<Processor> {
    const processor = await processorService.ofInput(ctx, input.processorId, ["input", "processorId"]);
    await upsertLocked(
      ctx,
      SupervisionChoice,
      { processorId: processor.id },
      {
        chosenMethod: input.chosenMethod ?? null,
        rationale: input.rationale?.trim() || null,
        intervalMonths: input.intervalMonths ?? null,
        owner: input.owner?.trim() || null,
      },
    );
    return processor;
  },
};

export { DEFAULT_DUE_SOON_DAYS };
