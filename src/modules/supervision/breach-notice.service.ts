import type { RequestContext } from "../../context";
import { failInput, UserErrorCode } from "../../common/errors";
import { findByGlobalId } from "../../common/lookup";
import { Processor } from "../processors/processor.entity";
import { currentAgreementOf } from "../agreements/agreement.rules";
import { BreachNotice } from "./breach-notice.entity";
import { RecordBreachNoticeInput } from "./supervision.inputs";
import { events, payloads } from "../events";

/** Hours from awareness to notification, to two decimals. */
export function hoursToNotify(n: Pick<BreachNotice, "becameAwareAt" | "notifiedAt">): number {
  return Math.round(((n.notifiedAt.getTime() - n.becameAwareAt.getTime()) / 3_600_000) * 100) / 100;
}

/** Late when over the agreement's limit; null when the agreement sets none (itself a gap: art. 33(2) says "without undue delay"). */
export function notifiedLate(n: Pick<BreachNotice, "becameAwareAt" | "notifiedAt" | "limitHours">): boolean | null {
  return n.limitHours === null ? null : hoursToNotify(n) > n.limitHours;
}

export const breachNoticeService = {
  async record(ctx: RequestContext, input: RecordBreachNoticeInput): Promise<BreachNotice> {
    const processor = await findByGlobalId(ctx, Processor, "Processor", input.processorId, ["input", "processorId"]);
    if (input.notifiedAt < input.becameAwareAt) {
      failInput("notifiedAt", UserErrorCode.INVALID, "notifiedAt must not be before becameAwareAt");
    }
    if (input.notifiedAt.getTime() > Date.now() + 60_000) {
      failInput("notifiedAt", UserErrorCode.INVALID, "notifiedAt must not be in the future");
    }
    const agreement = currentAgreementOf(await ctx.loaders.agreementsByProcessor.load(processor.id));
    const { processorId: _p, ...fields } = input;
    const trimmed = Object.fromEntries(
      Object.entries(fields).map(([k, v]) => [k, typeof v === "string" ? v.trim() || null : v]),
    );
    const saved = await ctx.manager.save(
      ctx.manager.create(BreachNotice, {
        ...trimmed,
        organizationId: ctx.actor.organizationId,
        processorId: processor.id,
        agreementId: agreement?.id ?? null,
        limitHours: agreement?.breachNotificationHours ?? null,
      }),
    );
    await events.record(
      ctx.manager,
      "breach_notice.received",
      payloads.breachNoticeReceived(saved, hoursToNotify(saved), notifiedLate(saved)),
    );
    if (notifiedLate(saved))
      await events.record(ctx.manager, "breach_notice.late", payloads.breachNoticeLate(saved, hoursToNotify(saved)));
    return saved;
  },
};
