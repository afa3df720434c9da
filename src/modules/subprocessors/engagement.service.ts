import type { RequestContext } from "../../context";
import { failInput, userError, UserErrorCode, UserInputFailure } from "../../common/errors";
import { todayIso } from "../../common/dates";
import { toGlobalId } from "../../common/global-id";
import { applyPatch, createOwned, findForUpdate, findForUpdateAtVersion, saveLocked } from "../../common/lookup";
import { EngagementStatus, SubprocessorEngagement, TransferMechanism } from "./engagement.entity";
import { CreateSubprocessorEngagementInput, UpdateSubprocessorEngagementInput } from "./engagement.inputs";
import { processorService } from "../processors/processor.service";
import { agreementService } from "../agreements/agreement.service";
import { removalDateRule, samePurpose, standsOnDay } from "./engagement.rules";

const EDITABLE: (keyof SubprocessorEngagement & string)[] = [
  "purpose",
  "countries",
  "transferMechanism",
  "status",
  "notifiedOn",
  "approvedOn",
  "removedOn",
  "source",
];

async function applyAgreement(
  ctx: RequestContext,
  e: SubprocessorEngagement,
  agreementId: string | null | undefined,
): Promise<void> {
  if (agreementId === undefined) return;
  if (agreementId === null) {
    e.agreementId = null;
    return;
  }
  const a = await agreementService.ofInput(ctx, agreementId, ["input", "agreementId"]);
  e.agreementId = a.id;
}

function checkDates(e: SubprocessorEngagement): void {
  if (e.approvedOn && e.removedOn && e.removedOn < e.approvedOn) {
    throw new UserInputFailure([
      userError(["input", "removedOn"], UserErrorCode.INVALID, "removedOn must not be before approvedOn"),
    ]);
  }
  const removal = removalDateRule(e);
  if (removal) failInput("removedOn", UserErrorCode.INVALID, removal);
}

/**
 * A processor engages a sub-processor once for a purpose: refuses `e` when it stands (engagement.rules.ts,
 * standsOnDay) beside another standing engagement of its pair for the same purpose (samePurpose), except `replaced`
 * (the one a change notice's proposal replaces). Checked under a lock of the pair held to the end of the
 * transaction, so that two requests cannot both pass.
 */
async function checkSinglePair(
  ctx: RequestContext,
  e: SubprocessorEngagement,
  field: string,
  replaced: string | null = null,
): Promise<void> {
  const today = todayIso();
  if (!standsOnDay(e, today)) return;
  await ctx.manager.query(
    `SELECT pg_advisory_xact_lock(hashtextextended('subprocessor_engagement:' || $1 || ':' || $2 || ':' || $3, 0))`,
    [ctx.actor.organizationId, e.processorId, e.subprocessorId],
  );
  const pair = await ctx.manager.find(SubprocessorEngagement, {
    where: { processorId: e.processorId, subprocessorId: e.subprocessorId },
    order: { createdAt: "ASC" },
  });
  const existing = pair.find((o) => o.id !== e.id && o.id !== replaced && standsOnDay(o, today) && samePurpose(o, e));
  if (existing)
    failInput(
      field,
      UserErrorCode.DUPLICATE,
      `the processor already engages this sub-processor for the same purpose ` +
        `(${toGlobalId("SubprocessorEngagement", existing.id)}, ${existing.status}): update that engagement, ` +
        `remove or archive it first, or give this one its own purpose`,
    );
}

export const engagementService = {
  ofProcessor: engagementsOfProcessor,
  /** `replaced`: the engagement a change notice's proposal replaces, which may be of the same pair. */
  async create(
    ctx: RequestContext,
    input: CreateSubprocessorEngagementInput,
    replaced: string | null = null,
  ): Promise<SubprocessorEngagement> {
    const processor = await processorService.ofInput(ctx, input.processorId, ["input", "processorId"]);
    const sub = await processorService.ofInput(ctx, input.subprocessorId, ["input", "subprocessorId"]);
    if (processor.id === sub.id) {
      throw new UserInputFailure([
        userError(
          ["input", "subprocessorId"],
          UserErrorCode.SELF_REFERENCE,
          "subprocessorId must differ from processorId: a processor cannot be its own sub-processor",
        ),
      ]);
    }
    const e = createOwned(ctx, SubprocessorEngagement, {
      processorId: processor.id,
      subprocessorId: sub.id,
      countries: [],
      transferMechanism: TransferMechanism.UNKNOWN,
      status: EngagementStatus.APPROVED,
      agreementId: null,
    });
    applyPatch(e, input, EDITABLE);
    e.countries = input.countries ?? [];
    await applyAgreement(ctx, e, input.agreementId);
    checkDates(e);
    await checkSinglePair(ctx, e, "subprocessorId", replaced);
    return saveLocked(ctx, e);
  },

  async update(ctx: RequestContext, input: UpdateSubprocessorEngagementInput): Promise<SubprocessorEngagement> {
    const e = await findForUpdateAtVersion(ctx, SubprocessorEngagement, "SubprocessorEngagement", input);
    const stood = standsOnDay(e, todayIso());
    applyPatch(e, input, EDITABLE);
    if (input.countries === null) e.countries = [];
    await applyAgreement(ctx, e, input.agreementId);
    checkDates(e);
    // An update cannot re-point an engagement, but it can bring an ended one back beside another of its pair.
    if (!stood) await checkSinglePair(ctx, e, input.status !== undefined ? "status" : "removedOn");
    return saveLocked(ctx, e);
  },

  async archive(ctx: RequestContext, id: string): Promise<SubprocessorEngagement> {
    const e = await findForUpdate(ctx, SubprocessorEngagement, "SubprocessorEngagement", id, ["input", "id"]);
    e.archivedAt = e.archivedAt ?? new Date();
    return ctx.manager.save(e);
  },
};

/** Every engagement below a processor, archived ones included. */
function engagementsOfProcessor(ctx: RequestContext, processorId: string): Promise<SubprocessorEngagement[]> {
  return ctx.manager.find(SubprocessorEngagement, { where: { processorId } });
}
