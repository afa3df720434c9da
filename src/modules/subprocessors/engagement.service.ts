import type { RequestContext } from "../../context";
import { userError, UserErrorCode, UserInputFailure } from "../../common/errors";
import { applyPatch, createOwned, findForUpdate, findForUpdateAtVersion, saveLocked } from "../../common/lookup";
import { EngagementStatus, SubprocessorEngagement, TransferMechanism } from "./engagement.entity";
import { CreateSubprocessorEngagementInput, UpdateSubprocessorEngagementInput } from "./engagement.inputs";
import { processorService } from "../processors/processor.service";
import { agreementService } from "../agreements/agreement.service";

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
}

export const engagementService = {
  ofProcessor: engagementsOfProcessor,
  async create(ctx: RequestContext, input: CreateSubprocessorEngagementInput): Promise<SubprocessorEngagement> {
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
    return saveLocked(ctx, e);
  },

  async update(ctx: RequestContext, input: UpdateSubprocessorEngagementInput): Promise<SubprocessorEngagement> {
    const e = await findForUpdateAtVersion(ctx, SubprocessorEngagement, "SubprocessorEngagement", input);
    applyPatch(e, input, EDITABLE);
    if (input.countries === null) e.countries = [];
    await applyAgreement(ctx, e, input.agreementId);
    checkDates(e);
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
