import { Args, Ctx, Query, Resolver } from "type-graphql";
import type { RequestContext } from "../../context";
import { LoadedField, reference } from "../../common/reference";
import { Processor } from "../processors/processor.entity";
import { EvidenceListItem } from "./evidence-list.types";
import { evidenceListService } from "./evidence-list.service";
import { EvidenceListArgsType } from "./evidence-list.types";

@Resolver(() => EvidenceListItem)
export class EvidenceListResolver {
  @Query(() => [EvidenceListItem], {
    description:
      "The auditor's evidence list: per processor, the agreement in force and its versions, the approved " +
      "sub-processor list, the supervision plan, reports with reviews and findings and their follow-up, and " +
      "breach notices, each with a record hash and its files. Also GET /exports/evidence-manifest (CSV or JSON).",
  })
  evidenceList(@Args() args: EvidenceListArgsType, @Ctx() ctx: RequestContext) {
    return evidenceListService.list(ctx, args);
  }

  @LoadedField(() => Processor, { nullable: true, description: "The processor the item is about." })
  processor = reference("processorById", (i: EvidenceListItem) => i.processorId);
}
