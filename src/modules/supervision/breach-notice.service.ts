import type { RequestContext } from "../../context";
import { failInput, UserErrorCode } from "../../common/errors";
import { currentAgreementOf } from "../agreements/agreement.rules";
import { BreachNotice } from "./breach-notice.entity";
import { RecordBreachNoticeInput } from "./supervision.inputs";
import { processorService } from "../processors/processor.service";

export const breachNoticeService = {
  async record(ctx: RequestContext, input: RecordBreachNoticeInput): Promise<BreachNotice> {
    const processor = await processorService.ofInput(ctx, input.processorId, ["input", "processorId"]);
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
    return ctx.manager.save(
      ctx.manager.create(BreachNotice, {
        ...trimmed,
        organizationId: ctx.actor.organizationId,
        processorId: processor.id,
        agreementId: agreement?.id ?? null,
        limitHours: agreement?.breachNotificationHours ?? null,
      }),
    );
  },
};
