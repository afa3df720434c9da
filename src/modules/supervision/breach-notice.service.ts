import type { RequestContext } from "../../context";
import { failInput, UserErrorCode } from "../../common/errors";
import { currentAgreementOf } from "../agreements/agreement.rules";
import { isoDateOf } from "../../common/dates";
import { BreachNotice } from "./breach-notice.entity";
import { RecordBreachNoticeInput } from "./supervision.inputs";
import { processorService } from "../processors/processor.service";
import { events, payloads } from "../events";
import { hoursToNotify, notifiedLate } from "./breach-notice.rules";

export const breachNoticeService = {
  async record(ctx: RequestContext, input: RecordBreachNoticeInput): Promise<BreachNotice> {
    const processor = await processorService.ofInput(ctx, input.processorId, ["input", "processorId"]);
    if (input.notifiedAt < input.becameAwareAt) {
      failInput("notifiedAt", UserErrorCode.INVALID, "notifiedAt must not be before becameAwareAt");
    }
    if (input.notifiedAt.getTime() > Date.now() + 60_000) {
      failInput("notifiedAt", UserErrorCode.INVALID, "notifiedAt must not be in the future");
    }
    // The deadline is the one of the agreement in force when the processor became aware of the breach.
    const agreement = currentAgreementOf(
      await ctx.loaders.agreementsByProcessor.load(processor.id),
      isoDateOf(input.becameAwareAt),
    );
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
