import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { RequestContext } from "../../context";
import { LifecycleMutations } from "../../common/mutation";
import { Processor } from "../processors/processor.entity";
import { Agreement } from "../agreements/agreement.entity";
import { SubprocessorEngagement } from "./engagement.entity";
import { EngagementHistoryEntry } from "./engagement-history.entity";
import { CreateSubprocessorEngagementInput, UpdateSubprocessorEngagementInput } from "./engagement.inputs";
import { engagementService } from "./engagement.service";
import { EngagementPayload } from "./engagement.types";

@Resolver(() => SubprocessorEngagement)
@LifecycleMutations(EngagementPayload, engagementService, {
  create: [CreateSubprocessorEngagementInput, "Record that a processor engages a sub-processor."],
  update: [UpdateSubprocessorEngagementInput, "Change a sub-processor engagement."],
  archive: "Archive a sub-processor engagement.",
})
export class SubprocessorEngagementResolver {
  @FieldResolver(() => Processor, { description: "The processor that engages the sub-processor." })
  processor(@Root() e: SubprocessorEngagement, @Ctx() ctx: RequestContext) {
    return ctx.loaders.processorById.load(e.processorId);
  }

  @FieldResolver(() => Processor, { description: "The sub-processor." })
  subprocessor(@Root() e: SubprocessorEngagement, @Ctx() ctx: RequestContext) {
    return ctx.loaders.processorById.load(e.subprocessorId);
  }

  @FieldResolver(() => Agreement, {
    nullable: true,
    description: "The agreement under which the engagement was approved.",
  })
  approvedUnder(@Root() e: SubprocessorEngagement, @Ctx() ctx: RequestContext) {
    return e.agreementId ? ctx.loaders.agreementById.load(e.agreementId) : null;
  }

  @FieldResolver(() => [EngagementHistoryEntry], {
    description:
      "Every recorded state of the engagement, oldest first, with the business date each took effect (what " +
      "`subprocessors(asOf:)` reads). Written by the database on every change. For who changed what, see " +
      "`history` (the audit log).",
  })
  statusHistory(@Root() e: SubprocessorEngagement, @Ctx() ctx: RequestContext) {
    return ctx.loaders.historyByEngagement.load(e.id);
  }
}
