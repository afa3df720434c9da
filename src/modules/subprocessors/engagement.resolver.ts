import { Resolver } from "type-graphql";
import { linked, LoadedField, reference } from "../../common/reference";
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
  @LoadedField(() => Processor, { description: "The processor that engages the sub-processor." })
  processor = reference("processorById", (e: SubprocessorEngagement) => e.processorId);

  @LoadedField(() => Processor, { description: "The sub-processor." })
  subprocessor = reference("processorById", (e: SubprocessorEngagement) => e.subprocessorId);

  @LoadedField(() => Agreement, {
    nullable: true,
    description: "The agreement under which the engagement was approved.",
  })
  approvedUnder = reference("agreementById", (e: SubprocessorEngagement) => e.agreementId);

  @LoadedField(() => [EngagementHistoryEntry], {
    description:
      "Every recorded state of the engagement, oldest first, with the business date each took effect (what " +
      "`subprocessors(asOf:)` reads). Written by the database on every change. For who changed what, see " +
      "`history` (the audit log).",
  })
  statusHistory = linked("historyByEngagement");
}
