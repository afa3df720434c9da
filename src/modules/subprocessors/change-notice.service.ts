import type { RequestContext } from "../../context";
import { UserErrorCode, failInput } from "../../common/errors";
import { createOwned, findByGlobalId, findForUpdateAtVersion } from "../../common/lookup";
import { toGlobalId } from "../../common/global-id";
import { todayIso } from "../../common/dates";
import { Processor } from "../processors/processor.entity";
import { currentAgreementOf } from "../agreements/agreement.rules";
import { SubprocessorAuthorization } from "../agreements/agreement.enums";
import { EngagementStatus, SubprocessorEngagement } from "./engagement.entity";
import { engagementService } from "./engagement.service";
import { endedByDay } from "./engagement.rules";
import { ChangeKind, ChangeNotice, ChangeNoticeDecision } from "./change-notice.entity";
import { ApproveChangeInput, ObjectToChangeInput, RecordChangeNoticeInput } from "./change-notice.inputs";
import { deadlineFor, deemedAcceptedOn, isLapsed } from "./change-notice.rules";
import { processorService } from "../processors/processor.service";
import { events, payloads } from "../events";

async function replacedEngagement(
  ctx: RequestContext,
  input: RecordChangeNoticeInput,
  processor: Processor,
): Promise<SubprocessorEngagement | null> {
  if (input.kind === ChangeKind.ADDITION) {
    if (input.replacesEngagementId)
      failInput(
        "replacesEngagementId",
        UserErrorCode.INVALID,
        "replacesEngagementId is only allowed when kind is REPLACEMENT",
      );
    return null;
  }
  if (!input.replacesEngagementId)
    failInput(
      "replacesEngagementId",
      UserErrorCode.REQUIRED,
      "replacesEngagementId is required when kind is REPLACEMENT",
    );
  const old = await findByGlobalId(ctx, SubprocessorEngagement, "SubprocessorEngagement", input.replacesEngagementId, [
    "input",
    "replacesEngagementId",
  ]);
  if (old.processorId !== processor.id) {
    failInput(
      "replacesEngagementId",
      UserErrorCode.INVALID,
      "replacesEngagementId must be an engagement of the processor that gives notice",
    );
  }
  // APPROVED, or still approved until a removal scheduled after the notice (engagement.rules.ts).
  if (
    old.status !== EngagementStatus.APPROVED &&
    (old.status !== EngagementStatus.REMOVED || endedByDay(old, input.receivedOn))
  ) {
    failInput(
      "replacesEngagementId",
      UserErrorCode.INVALID_STATE,
      old.status === EngagementStatus.REMOVED
        ? `replacesEngagementId must be an engagement still in the chain on receivedOn (${input.receivedOn}): it was ` +
            (old.removedOn ? `removed on ${old.removedOn}` : "removed (no removedOn)")
        : `replacesEngagementId must be an APPROVED engagement (it is ${old.status})`,
    );
  }
  return old;
}

function ensurePending(notice: ChangeNotice): void {
  if (notice.decision !== ChangeNoticeDecision.PENDING) {
    failInput(
      "id",
      UserErrorCode.INVALID_STATE,
      `The notice is already decided (${notice.decision} on ${notice.decidedOn}); a decision cannot be changed.`,
    );
  }
}

function decisionDate(notice: ChangeNotice, decidedOn: string | null | undefined): string {
  const on = decidedOn ?? todayIso();
  if (on < notice.receivedOn)
    failInput(
      "decidedOn",
      UserErrorCode.INVALID,
      `decidedOn must not be before the notice was received (${notice.receivedOn})`,
    );
  if (on > todayIso()) failInput("decidedOn", UserErrorCode.INVALID, "decidedOn must not be in the future");
  return on;
}

async function takeEffect(ctx: RequestContext, notice: ChangeNotice, on: string): Promise<void> {
  const proposed = await ctx.manager.findOneOrFail(SubprocessorEngagement, {
    where: { id: notice.engagementId },
    lock: { mode: "pessimistic_write" },
  });
  proposed.status = EngagementStatus.APPROVED;
  proposed.approvedOn = on;
  await ctx.manager.save(proposed);
  if (notice.replacesEngagementId) {
    const old = await ctx.manager.findOneOrFail(SubprocessorEngagement, {
      where: { id: notice.replacesEngagementId },
      lock: { mode: "pessimistic_write" },
    });
    // Approved, or its removal scheduled for a later day: it ends on `on` (approved from a later day: ends that day,
    // approved and removed on one day, so it never enters the chain and removedOn is not before approvedOn).
    if (old.status === EngagementStatus.APPROVED || (old.status === EngagementStatus.REMOVED && !endedByDay(old, on))) {
      old.status = EngagementStatus.REMOVED;
      old.removedOn = old.approvedOn !== null && old.approvedOn > on ? old.approvedOn : on;
      await ctx.manager.save(old);
    }
  }
}

function recordDecision(
  ctx: RequestContext,
  notice: ChangeNotice,
  decision: ChangeNoticeDecision,
  on: string,
  reason: string | null,
): Promise<ChangeNotice> {
  notice.decision = decision;
  notice.decidedOn = on;
  notice.decidedAt = new Date();
  notice.decidedByApiKeyId = ctx.actor.apiKeyId;
  notice.decisionReason = reason?.trim() || null;
  return ctx.manager.save(notice);
}

export const changeNoticeService = {
  /** Every undecided notice, lapsed ones included. */
  undecided(ctx: RequestContext): Promise<ChangeNotice[]> {
    return ctx.manager.find(ChangeNotice, { where: { decision: ChangeNoticeDecision.PENDING } });
  },

  /** Notices decided on or after a date. */
  decidedSince(ctx: RequestContext, since: string): Promise<ChangeNotice[]> {
    return ctx.manager
      .createQueryBuilder(ChangeNotice, "n")
      .where("n.decision <> :pending AND n.decided_on >= :since", { pending: ChangeNoticeDecision.PENDING, since })
      .getMany();
  },

  /** Undecided notices, soonest deadline first; those past their deadline only when asked. */
  pending(ctx: RequestContext, includeLapsed: boolean): Promise<ChangeNotice[]> {
    const qb = ctx.manager
      .createQueryBuilder(ChangeNotice, "n")
      .where("n.decision = :pending", { pending: ChangeNoticeDecision.PENDING })
      .orderBy("n.deadline", "ASC", "NULLS LAST")
      .addOrderBy("n.received_on")
      .addOrderBy("n.id");
    if (!includeLapsed) qb.andWhere("(n.deadline IS NULL OR n.deadline >= :today)", { today: todayIso() });
    return qb.getMany();
  },

  async record(ctx: RequestContext, input: RecordChangeNoticeInput): Promise<ChangeNotice> {
    if (input.receivedOn > todayIso())
      failInput("receivedOn", UserErrorCode.INVALID, "receivedOn must not be in the future");
    const processor = await processorService.ofInput(ctx, input.processorId, ["input", "processorId"]);
    const replaces = await replacedEngagement(ctx, input, processor);
    // The notice is judged under the agreement in force the day it was received.
    const agreement = currentAgreementOf(await ctx.loaders.agreementsByProcessor.load(processor.id), input.receivedOn);
    // A replacement may change the terms of the same sub-processor: the replaced engagement is no duplicate.
    const engagement = await engagementService.create(
      ctx,
      {
        processorId: input.processorId,
        subprocessorId: input.subprocessorId,
        agreementId: agreement ? toGlobalId("Agreement", agreement.id) : null,
        purpose: input.purpose,
        countries: input.countries,
        transferMechanism: input.transferMechanism,
        status: EngagementStatus.PROPOSED,
        notifiedOn: input.receivedOn,
        source: input.source,
      },
      replaces?.id ?? null,
    );
    // Without an agreement that authorises sub-processors generally, silence is never consent.
    const authorization = agreement?.subprocessorAuthorization ?? SubprocessorAuthorization.SPECIFIC;
    const noticeDays = agreement?.subprocessorNoticeDays ?? null;
    const notice = await ctx.manager.save(
      createOwned(ctx, ChangeNotice, {
        processorId: processor.id,
        kind: input.kind,
        engagementId: engagement.id,
        replacesEngagementId: replaces?.id ?? null,
        agreementId: agreement?.id ?? null,
        authorization,
        noticeDays,
        receivedOn: input.receivedOn,
        deadline: deadlineFor(input.receivedOn, noticeDays),
        decision: ChangeNoticeDecision.PENDING,
        source: input.source?.trim() || null,
      }),
    );
    await events.record(
      ctx.manager,
      "change_notice.received",
      payloads.changeNoticeReceived(notice, engagement.subprocessorId),
    );
    return notice;
  },

  async approve(ctx: RequestContext, input: ApproveChangeInput): Promise<ChangeNotice> {
    const notice = await findForUpdateAtVersion(ctx, ChangeNotice, "ChangeNotice", input);
    ensurePending(notice);
    const on = decisionDate(notice, input.decidedOn);
    await takeEffect(ctx, notice, on);
    return recordDecision(ctx, notice, ChangeNoticeDecision.APPROVED, on, input.remarks ?? null);
  },

  async object(ctx: RequestContext, input: ObjectToChangeInput): Promise<ChangeNotice> {
    const notice = await findForUpdateAtVersion(ctx, ChangeNotice, "ChangeNotice", input);
    ensurePending(notice);
    const on = decisionDate(notice, input.decidedOn);
    if (notice.authorization === SubprocessorAuthorization.GENERAL && isLapsed(notice, on)) {
      failInput(
        "decidedOn",
        UserErrorCode.INVALID_STATE,
        `The objection period ended on ${notice.deadline}; under general authorisation the change is deemed accepted.`,
      );
    }
    const proposed = await ctx.manager.findOneOrFail(SubprocessorEngagement, {
      where: { id: notice.engagementId },
      lock: { mode: "pessimistic_write" },
    });
    proposed.status = EngagementStatus.OBJECTED;
    await ctx.manager.save(proposed);
    return recordDecision(ctx, notice, ChangeNoticeDecision.OBJECTED, on, input.reason);
  },

  /**
   * Records what the calendar already decided: GENERAL notices past their deadline with no
   * objection take effect the day after the deadline. Reads show this before it is recorded.
   */
  async settleLapsed(ctx: RequestContext): Promise<ChangeNotice[]> {
    const today = todayIso();
    const lapsed = await ctx.manager
      .createQueryBuilder(ChangeNotice, "n")
      .where("n.decision = :pending AND n.authorization = :general AND n.deadline < :today", {
        pending: ChangeNoticeDecision.PENDING,
        general: SubprocessorAuthorization.GENERAL,
        today,
      })
      .orderBy("n.deadline")
      .getMany();
    const settled: ChangeNotice[] = [];
    for (const notice of lapsed) {
      const on = deemedAcceptedOn(notice.deadline as string);
      await takeEffect(ctx, notice, on);
      settled.push(
        await recordDecision(
          ctx,
          notice,
          ChangeNoticeDecision.DEEMED_ACCEPTED,
          on,
          "No objection by the deadline (general authorisation).",
        ),
      );
      await events.record(ctx.manager, "change_notice.deemed_accepted", payloads.changeNoticeDeemedAccepted(notice));
    }
    return settled;
  },
};
