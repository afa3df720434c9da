import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root, registerEnumType } from "type-graphql";
import type { RequestContext } from "../../context";
import { linked, LoadedField, reference } from "../../common/reference";
import { RecordedBy } from "../auth/api-key.types";
import { apiKeyService } from "../auth/api-key.service";
import { PayloadMutation, WriteMutation, runMutation } from "../../common/mutation";
import { todayIso } from "../../common/dates";
import { Processor } from "../processors/processor.entity";
import { Agreement } from "../agreements/agreement.entity";

import { SubprocessorEngagement } from "./engagement.entity";
import { ChangeNotice } from "./change-notice.entity";
import { ApproveChangeInput, ObjectToChangeInput, RecordChangeNoticeInput } from "./change-notice.inputs";
import { ChangeNoticeState, daysLeft, noticeState } from "./change-notice.rules";
import { changeNoticeService } from "./change-notice.service";
import { ChangeNoticePayload, SettleChangeNoticesPayload } from "./change-notice.types";

registerEnumType(ChangeNoticeState, {
  name: "ChangeNoticeState",
  description:
    "Where a notice stands today: PENDING (open, deadline not passed), APPROVED, OBJECTED, DEEMED_ACCEPTED " +
    "(GENERAL authorisation, no objection by the deadline) or NOT_APPROVED (SPECIFIC authorisation, no approval " +
    "by the deadline: silence is not consent).",
});

@Resolver(() => ChangeNotice)
export class ChangeNoticeResolver {
  @Query(() => [ChangeNotice], {
    description:
      "Open change notices, nearest deadline first: undecided and not past their deadline. With includeLapsed, " +
      "also undecided notices past their deadline (see state).",
  })
  pendingChangeNotices(
    @Ctx() ctx: RequestContext,
    @Arg("includeLapsed", {
      defaultValue: false,
      description: "Also list undecided notices whose deadline has passed.",
    })
    includeLapsed: boolean,
  ) {
    return changeNoticeService.pending(ctx, includeLapsed);
  }

  @FieldResolver(() => ChangeNoticeState, { description: "Where the notice stands today." })
  state(@Root() n: ChangeNotice): ChangeNoticeState {
    return noticeState(n, todayIso());
  }

  @FieldResolver(() => Int, {
    nullable: true,
    description:
      "Days until the deadline (0 on the last day, negative when passed); null once decided or without a deadline.",
  })
  daysLeft(@Root() n: ChangeNotice): number | null {
    return daysLeft(n, todayIso());
  }

  @LoadedField(() => Processor, { description: "The processor that gave notice." })
  processor = reference("processorById", (n: ChangeNotice) => n.processorId);

  @LoadedField(() => SubprocessorEngagement, { description: "The proposed engagement (PROPOSED until decided)." })
  engagement = reference("engagementById", (n: ChangeNotice) => n.engagementId);

  @LoadedField(() => SubprocessorEngagement, {
    nullable: true,
    description: "REPLACEMENT: the engagement that ends when the change takes effect.",
  })
  replaces = reference("engagementById", (n: ChangeNotice) => n.replacesEngagementId);

  @LoadedField(() => Agreement, {
    nullable: true,
    description: "The agreement whose clause 7.3 set the authorisation and notice period.",
  })
  agreement = reference("agreementById", (n: ChangeNotice) => n.agreementId);

  @FieldResolver(() => RecordedBy, { nullable: true, description: "Who recorded the decision." })
  decidedBy(@Root() n: ChangeNotice, @Ctx() ctx: RequestContext): Promise<RecordedBy | null> {
    return apiKeyService.recordedBy(ctx, n.decidedByApiKeyId);
  }

  @PayloadMutation(
    ChangeNoticePayload,
    "Record a processor's notice of an intended addition or replacement of a sub-processor. Creates the " +
      "proposed engagement and fixes the deadline from the agreement in force.",
  )
  recordChangeNotice(input: RecordChangeNoticeInput, ctx: RequestContext) {
    return changeNoticeService.record(ctx, input);
  }

  @PayloadMutation(
    ChangeNoticePayload,
    "Approve a pending change: the new engagement becomes APPROVED (a replaced one REMOVED) from decidedOn.",
  )
  approveChange(input: ApproveChangeInput, ctx: RequestContext) {
    return changeNoticeService.approve(ctx, input);
  }

  @PayloadMutation(
    ChangeNoticePayload,
    "Object to a pending change, with a reason. Under GENERAL authorisation only until the deadline; the " +
      "engagement becomes OBJECTED.",
  )
  objectToChange(input: ObjectToChangeInput, ctx: RequestContext) {
    return changeNoticeService.object(ctx, input);
  }

  @WriteMutation(
    () => SettleChangeNoticesPayload,
    "Record GENERAL-authorisation notices whose objection period ran out as DEEMED_ACCEPTED, effective the day " +
      "after the deadline (run daily by a scheduler; reads already show the state).",
  )
  async settleChangeNotices(@Ctx() ctx: RequestContext): Promise<SettleChangeNoticesPayload> {
    return runMutation(ctx, null, async () => ({ settled: await changeNoticeService.settleLapsed(ctx) }));
  }
}

@Resolver(() => Processor)
export class ProcessorChangeNoticeResolver {
  @LoadedField(() => [ChangeNotice], { description: "Change notices this processor has given, newest first." })
  changeNotices = linked("changeNoticesByProcessor");
}
