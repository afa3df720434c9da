import { Args, ArgsType, Ctx, Field, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import { LocalDateResolver } from "graphql-scalars";
import type { RequestContext } from "../../context";
import { Processor } from "../processors/processor.entity";
import { EvidenceItemKind, EvidenceListItem } from "./evidence-list.types";
import { evidenceList } from "./evidence-list.service";

@ArgsType()
export class EvidenceListArgsType {
  @Field(() => ID, { nullable: true, description: "One processor; all processors when left out." })
  processorId?: string | null;

  @Field(() => LocalDateResolver, {
    nullable: true,
    description: "Dated items (reports, reviews, findings, notices, files) from this date.",
  })
  from?: string | null;

  @Field(() => LocalDateResolver, {
    nullable: true,
    description: "Dated items up to this date; the sub-processor list is as it stood on this date.",
  })
  to?: string | null;

  @Field(() => [EvidenceItemKind], { nullable: true, description: "Only these kinds." })
  kinds?: EvidenceItemKind[] | null;
}

@Resolver(() => EvidenceListItem)
export class EvidenceListResolver {
  @Query(() => [EvidenceListItem], {
    description:
      "The auditor's evidence list: per processor, the agreement in force and its versions, the approved " +
      "sub-processor list, the supervision plan, reports with reviews and findings and their follow-up, and " +
      "breach notices, each with a record hash and its files. Also GET /exports/evidence-manifest (CSV or JSON).",
  })
  evidenceList(@Args() args: EvidenceListArgsType, @Ctx() ctx: RequestContext) {
    return evidenceList(ctx, args);
  }

  @FieldResolver(() => Processor, { nullable: true, description: "The processor the item is about." })
  processor(@Root() i: EvidenceListItem, @Ctx() ctx: RequestContext) {
    return i.processorId ? ctx.loaders.processorById.load(i.processorId) : null;
  }
}
